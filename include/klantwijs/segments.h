/*
 * klantwijs/segments.h — who the customers are, in groups an owner can act
 * on: rule segments by any attribute (alone or crossed with a second one),
 * behavioural clusters (k-means++ on robustly scaled features), one persona
 * card per cluster, and a strategic-fit score per customer against an
 * ideal customer profile the owner writes down.
 *
 * Everything here builds on a kw_analysis (klantwijs/analyze.h): the
 * per-customer value, CLV, churn status, payment class, RFM segment and
 * ABC class are taken from it, the attributes (sector, size, customer
 * type, postcode, acquisition channel) from the dataset's customers table.
 * Results are codes and numbers: stable keys ("flanders", "tenure_2_5",
 * "be_antwerp") that the writers turn into words, or the attribute's own
 * value for free-text attributes (a sector name).
 *
 * Privacy: no group of fewer than min_group customers (default 5) is
 * reported on its own; such groups are merged into one "other" row before
 * any writer sees them, and a persona trait needs min_group customers.
 * No name, e-mail, phone or address is read.
 *
 * Ownership: kw_segments_run borrows the analysis, which must outlive the
 * kw_segments; everything else belongs to the kw_segments and is freed with
 * kw_segments_free (NULL is fine). kw_fit_profile objects belong to the
 * caller.
 */
#ifndef KLANTWIJS_SEGMENTS_H
#define KLANTWIJS_SEGMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/analyze.h"
#include "klantwijs/core.h"
#include "klantwijs/data.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ============================================================ postcodes */

/* X(enum, key) */
#define KW_REGION_LIST(X)               \
  X(KW_REGION_UNKNOWN, "unknown")       \
  X(KW_REGION_FLANDERS, "flanders")     \
  X(KW_REGION_WALLONIA, "wallonia")     \
  X(KW_REGION_BRUSSELS, "brussels")     \
  X(KW_REGION_NETHERLANDS, "netherlands")

typedef enum kw_region {
#define KW_X_REGION(e, key) e,
  KW_REGION_LIST(KW_X_REGION)
#undef KW_X_REGION
      KW_REGION__COUNT
} kw_region;

/* X(enum, key, region) — Belgian provinces (and the Brussels-Capital
 * Region, which belongs to no province) and Dutch provinces. */
#define KW_PROVINCE_LIST(X)                                     \
  X(KW_PROV_UNKNOWN, "unknown", KW_REGION_UNKNOWN)              \
  X(KW_PROV_BE_BRUSSELS, "be_brussels", KW_REGION_BRUSSELS)     \
  X(KW_PROV_BE_ANTWERP, "be_antwerp", KW_REGION_FLANDERS)       \
  X(KW_PROV_BE_LIMBURG, "be_limburg", KW_REGION_FLANDERS)       \
  X(KW_PROV_BE_EAST_FLANDERS, "be_east_flanders", KW_REGION_FLANDERS) \
  X(KW_PROV_BE_WEST_FLANDERS, "be_west_flanders", KW_REGION_FLANDERS) \
  X(KW_PROV_BE_FLEMISH_BRABANT, "be_flemish_brabant", KW_REGION_FLANDERS) \
  X(KW_PROV_BE_WALLOON_BRABANT, "be_walloon_brabant", KW_REGION_WALLONIA) \
  X(KW_PROV_BE_HAINAUT, "be_hainaut", KW_REGION_WALLONIA)       \
  X(KW_PROV_BE_LIEGE, "be_liege", KW_REGION_WALLONIA)           \
  X(KW_PROV_BE_LUXEMBOURG, "be_luxembourg", KW_REGION_WALLONIA) \
  X(KW_PROV_BE_NAMUR, "be_namur", KW_REGION_WALLONIA)           \
  X(KW_PROV_NL_GRONINGEN, "nl_groningen", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_FRIESLAND, "nl_friesland", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_DRENTHE, "nl_drenthe", KW_REGION_NETHERLANDS)    \
  X(KW_PROV_NL_OVERIJSSEL, "nl_overijssel", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_FLEVOLAND, "nl_flevoland", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_GELDERLAND, "nl_gelderland", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_UTRECHT, "nl_utrecht", KW_REGION_NETHERLANDS)    \
  X(KW_PROV_NL_NORTH_HOLLAND, "nl_north_holland", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_SOUTH_HOLLAND, "nl_south_holland", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_ZEELAND, "nl_zeeland", KW_REGION_NETHERLANDS)    \
  X(KW_PROV_NL_NORTH_BRABANT, "nl_north_brabant", KW_REGION_NETHERLANDS) \
  X(KW_PROV_NL_LIMBURG, "nl_limburg", KW_REGION_NETHERLANDS)

typedef enum kw_province {
#define KW_X_PROV(e, key, region) e,
  KW_PROVINCE_LIST(KW_X_PROV)
#undef KW_X_PROV
      KW_PROV__COUNT
} kw_province;

typedef enum kw_country {
  KW_COUNTRY_AUTO = 0, /* decide from the code's form (bare 4 digits: BE) */
  KW_COUNTRY_BE,
  KW_COUNTRY_NL
} kw_country;

/*
 * The province of a postcode. Accepted forms: "2000", "B-2000", "BE-2000",
 * "BE 2000" (Belgian); "1011 AB", "1011AB", "NL-1011 AB", "NL 1011"
 * (Dutch); leading and trailing blanks are ignored. A bare four-digit code
 * is read as `country` says (KW_COUNTRY_AUTO: Belgian). KW_PROV_UNKNOWN
 * when the code is not a postcode of either country. The tables and their
 * sources are in src/data/postcodes.c.
 */
KW_API kw_province kw_postcode_province(const char *code, kw_country country);
KW_API kw_region kw_province_region(kw_province p);
KW_API const char *kw_province_key(kw_province p);
KW_API const char *kw_region_key(kw_region r);

/* ============================================================== k-means */

typedef struct kw_kmeans_options {
  size_t k;
  size_t n_init;     /* seeded restarts (k-means++ each); default 4 */
  size_t max_iter;   /* default 300 */
  double tol;        /* relative: stop when the squared centre shift is at
                        most tol x the mean feature variance (1e-4) */
  const double *init;/* k x d initial centres: one Lloyd run from them, no
                        k-means++ and no restarts */
  uint64_t seed;     /* for k-means++ */
} kw_kmeans_options;

KW_API void kw_kmeans_options_init(kw_kmeans_options *o);

typedef struct kw_kmeans_result {
  size_t k, d;
  double *centres;   /* k x d */
  uint32_t *label;   /* n */
  size_t *size;      /* k */
  double inertia;    /* sum of squared distances to the own centre */
  size_t iterations; /* of the best run */
  bool converged;
} kw_kmeans_result;

/*
 * Lloyd's k-means on n rows of d doubles (row-major). Each restart seeds
 * its centres by greedy k-means++ (2 + ln k candidates a step, as
 * scikit-learn does) from a generator seeded with o->seed and the restart
 * number; the run with the lowest inertia is kept. Each iteration assigns
 * every row to its nearest centre and moves the centres to their means; an
 * empty cluster gets the row farthest from its centre. After convergence
 * the rows are assigned once more to the final centres, and the inertia is
 * that of this assignment. Deterministic for a seed. Fails with KW_EARG
 * when k is 0 or more than n.
 */
KW_API kw_status kw_kmeans(kw_context *ctx, const double *x, size_t n,
                           size_t d, const kw_kmeans_options *o,
                           kw_kmeans_result *out);
KW_API void kw_kmeans_result_free(kw_context *ctx, kw_kmeans_result *r);

/* Mean silhouette width of the rows idx[0..m) (all n rows when idx is
 * NULL, m = n), distances to every other row in the same subset.
 * Singletons count 0 (Rousseeuw 1987). NaN when k < 2. */
KW_API double kw_silhouette(const double *x, size_t d, const uint32_t *label,
                            size_t k, const uint32_t *idx, size_t m);

/* ================================================================= fit */

typedef struct kw_fit_profile kw_fit_profile;

/*
 * An ideal customer profile: a small text file.
 *
 *     # sectors, sizes, regions and categories that fit the strategy
 *     sector = Bouw, Industrie
 *     size = 10-49, 50-249
 *     region = flanders            (or a province key: be_antwerp)
 *     category = Printers & scanners
 *     min_orders_per_year = 4
 *     min_margin = 25%
 *     max_days_late = 15
 *     weight.sector = 2            (default weight 1)
 *
 * A customer's fit is the weighted share of the stated criteria it meets,
 * over the criteria that can be checked for it (an unknown sector does not
 * count against it): 0..1, NaN when none can be checked. Errors name
 * file:line.
 */
KW_API kw_status kw_fit_profile_load(kw_context *ctx, const char *path,
                                     kw_fit_profile **out);
KW_API kw_status kw_fit_profile_parse(kw_context *ctx, const char *text,
                                      size_t len, const char *name,
                                      kw_fit_profile **out);
KW_API void kw_fit_profile_free(kw_fit_profile *p);
/* The commented template (--fit-template). */
KW_API kw_status kw_fit_profile_template(kw_context *ctx, kw_lang lang,
                                         FILE *f);

/* ============================================================ segments */

/* X(enum, key) — what a rule segment can be built from. */
#define KW_SEG_ATTR_LIST(X)              \
  X(KW_SEG_SECTOR, "sector")             \
  X(KW_SEG_SIZE, "size")                 \
  X(KW_SEG_TYPE, "type")                 \
  X(KW_SEG_REGION, "region")             \
  X(KW_SEG_PROVINCE, "province")         \
  X(KW_SEG_CHANNEL, "channel")           \
  X(KW_SEG_TENURE, "tenure")             \
  X(KW_SEG_PAY_CLASS, "pay_class")       \
  X(KW_SEG_RFM, "rfm")                   \
  X(KW_SEG_ABC, "abc")                   \
  X(KW_SEG_CATEGORIES, "categories")     \
  X(KW_SEG_VALUE, "value")               \
  X(KW_SEG_CLUSTER, "cluster")

typedef enum kw_seg_attr {
#define KW_X_SEGA(e, key) e,
  KW_SEG_ATTR_LIST(KW_X_SEGA)
#undef KW_X_SEGA
      KW_SEG__COUNT
} kw_seg_attr;

KW_API const char *kw_seg_attr_key(kw_seg_attr a);
/* KW_SEG__COUNT when unknown. */
KW_API kw_seg_attr kw_seg_attr_from_key(const char *key);

typedef struct kw_segments_options {
  kw_seg_attr by;        /* rule segments by this attribute; KW_SEG__COUNT:
                            the first the data have of sector, region,
                            size, channel, tenure */
  kw_seg_attr cross;     /* crossed with this one; KW_SEG__COUNT: none */
  size_t min_group;      /* smallest group shown; 0 = the analysis's */
  size_t k;              /* clusters; 0 = choose 3..k_max by silhouette */
  size_t k_max;          /* default 8 */
  size_t n_init;         /* k-means restarts; default 4 */
  size_t sample;         /* silhouette sample; default 2000 */
  bool clusters;         /* default true */
  const kw_fit_profile *fit; /* borrowed; NULL = no fit */
} kw_segments_options;

KW_API void kw_segments_options_init(kw_segments_options *o);

typedef struct kw_segment_row {
  const char *key;       /* value or code key; "other" for merged groups */
  const char *key2;      /* the crossed attribute's key, or NULL */
  size_t customers;
  int64_t revenue;       /* cents */
  int64_t contribution;  /* cents, over customers with a known one */
  double clv;            /* sum, currency units (NaN: no CLV model) */
  double clv_mean;
  double churn_rate;     /* churned / customers with a status (NaN) */
  double nps;            /* -100..100 over customers with feedback (NaN) */
  size_t nps_n;
  double fit;            /* mean fit (NaN without a profile) */
  double share_customers, share_revenue, share_contribution, share_clv;
} kw_segment_row;

/* X(enum, key, direction) — numeric cluster features (scaled robustly:
 * (x - median) / IQR). */
#define KW_FEATURE_LIST(X)            \
  X(KW_FEAT_RECENCY, "log_recency")   \
  X(KW_FEAT_FREQUENCY, "log_frequency") \
  X(KW_FEAT_MONETARY, "log_monetary") \
  X(KW_FEAT_TENURE, "tenure")         \
  X(KW_FEAT_MARGIN, "margin")         \
  X(KW_FEAT_CATEGORIES, "categories") \
  X(KW_FEAT_DAYS_LATE, "days_late")   \
  X(KW_FEAT_DISCOUNT, "discount_share") \
  X(KW_FEAT_NPS, "nps")

typedef enum kw_feature {
#define KW_X_FEAT(e, key) e,
  KW_FEATURE_LIST(KW_X_FEAT)
#undef KW_X_FEAT
      KW_FEAT__COUNT
} kw_feature;

KW_API const char *kw_feature_key(kw_feature f);

/* A distinguishing trait of a persona: an attribute value over-represented
 * in the cluster (lift = share in the cluster / share overall), or a
 * feature whose cluster median differs from the overall median. */
typedef struct kw_trait {
  kw_seg_attr attr;      /* KW_SEG__COUNT for a feature trait */
  kw_feature feature;    /* feature traits */
  const char *value;     /* attribute value key */
  size_t count;          /* customers of the cluster with it */
  double share;          /* count / cluster size */
  double lift;           /* attribute traits: share / overall share;
                            feature traits: cluster median / overall */
  double median, overall;/* feature traits, in the feature's unit */
} kw_trait;

#define KW_PERSONA_TRAITS 6
#define KW_PERSONA_CATEGORIES 3
#define KW_PERSONA_THEMES 3

/* A comment theme of the feedback model (klantwijs/feedback.h: the terms
 * that set detractors apart from promoters, or the other way round) as it
 * shows in a cluster's comments. */
typedef struct kw_persona_theme {
  const char *term;      /* stems ("lever laat") */
  const char *label;     /* the words as written ("levering te laat") */
  bool detractor;        /* a detractor theme (a complaint); else a
                            promoter theme (praise) */
  size_t count;          /* the cluster's comments holding it */
  double share;          /* count / the cluster's comments */
  double score;          /* the theme's z over all comments (feedback.h) */
} kw_persona_theme;

/* Adjectives a persona name starts with, from its cluster centre. */
#define KW_PERSONA_KIND_LIST(X)           \
  X(KW_PK_LOYAL, "loyal")                 \
  X(KW_PK_BIG_SPENDERS, "big_spenders")   \
  X(KW_PK_NEW, "new")                     \
  X(KW_PK_DORMANT, "dormant")             \
  X(KW_PK_OCCASIONAL, "occasional")       \
  X(KW_PK_LATE_PAYERS, "late_payers")     \
  X(KW_PK_DISCOUNT, "discount_seekers")   \
  X(KW_PK_BROAD, "broad_buyers")          \
  X(KW_PK_LOW_MARGIN, "low_margin")       \
  X(KW_PK_STEADY, "steady")

typedef enum kw_persona_kind {
#define KW_X_PK(e, key) e,
  KW_PERSONA_KIND_LIST(KW_X_PK)
#undef KW_X_PK
      KW_PK__COUNT
} kw_persona_kind;

KW_API const char *kw_persona_kind_key(kw_persona_kind k);

typedef struct kw_persona {
  size_t cluster;        /* cluster number (0-based) */
  kw_persona_kind kind;
  const char *sector;    /* most over-represented sector (>= min_group and
                            lift > 1.2), or NULL */
  kw_province province;  /* likewise; KW_PROV_UNKNOWN none */
  const char *size;      /* likewise, company size */
  size_t customers;
  double share_customers;  /* of the customers in clusters shown */
  double share_revenue, share_contribution; /* of all buying customers */
  int64_t revenue, contribution;
  /* medians over the cluster */
  double orders_per_year, basket, recency_days, tenure_days, margin,
         days_late;      /* NaN where unknown */
  const char *categories[KW_PERSONA_CATEGORIES]; /* by revenue; NULL */
  const char *channel;   /* most common acquisition channel, or NULL */
  int pay_class;         /* most common kw_pay_class, -1 unknown */
  double nps;            /* NaN without feedback */
  size_t nps_n;
  /* top comment themes: the feedback model's themes held by at least
     min_group of the cluster's comments, most comments first */
  size_t comments;       /* the cluster's comments read */
  size_t n_themes;
  kw_persona_theme themes[KW_PERSONA_THEMES];
  double churn_rate;     /* share churned or at risk */
  double clv_mean;       /* NaN */
  double fit;            /* mean fit, NaN */
  kw_action action;      /* most common action of the plan */
  double action_share;
  size_t n_traits;
  kw_trait traits[KW_PERSONA_TRAITS];
} kw_persona;

typedef struct kw_segments kw_segments;

/* Segments, clusters, personas and fit for an analysis. A missing
 * attribute (no customers table, no sector column) leaves its segments
 * empty (kw_segments_has reports it); clusters need at least
 * 3 x min_group buying customers. */
KW_API kw_status kw_segments_run(kw_context *ctx, const kw_analysis *a,
                                 const kw_segments_options *o,
                                 kw_segments **out);
KW_API void kw_segments_free(kw_segments *s);

/* Whether the data have this attribute. */
KW_API bool kw_segments_has(const kw_segments *s, kw_seg_attr a);
KW_API kw_seg_attr kw_segments_by(const kw_segments *s);
KW_API kw_seg_attr kw_segments_cross(const kw_segments *s);
/* The rule-segment table (small groups merged into a last "other" row),
 * largest revenue first. */
KW_API const kw_segment_row *kw_segments_rows(const kw_segments *s,
                                              size_t *n);
/* Totals over every buying customer (key "all"). */
KW_API const kw_segment_row *kw_segments_total(const kw_segments *s);

/* Per customer (rows of the dataset's customer dictionary); NULL for a
 * customer without a purchase or with a group below min_group ("other"). */
KW_API const char *kw_segments_customer_segment(const kw_segments *s,
                                                size_t customer);
/* Cluster number (0-based) or -1 (no purchase, or no clusters). */
KW_API int kw_segments_customer_cluster(const kw_segments *s,
                                        size_t customer);
/* Fit 0..1, NaN without a profile or nothing to check. */
KW_API double kw_segments_customer_fit(const kw_segments *s, size_t customer);
/* The profile criteria a customer meets, as "sector, size" (in the
 * profile's own words); "" when none. Valid until the next call. */
KW_API const char *kw_segments_customer_fit_traits(const kw_segments *s,
                                                   size_t customer);

typedef struct kw_cluster_info {
  size_t k;              /* clusters */
  bool k_chosen;         /* chosen by silhouette (false: fixed by caller) */
  size_t k_min, k_max;
  double silhouette[16]; /* by k (index k), NaN where not tried */
  size_t sample;         /* rows in the silhouette sample */
  size_t customers;      /* rows clustered */
  double inertia;
  uint64_t seed;
  size_t n_features;
  kw_feature features[KW_FEAT__COUNT]; /* the features used */
  size_t merged;         /* clusters below min_group merged into "other" */
  const char *note;      /* why there are no clusters, "" otherwise */
} kw_cluster_info;

KW_API const kw_cluster_info *kw_segments_clusters(const kw_segments *s);
KW_API const kw_persona *kw_segments_personas(const kw_segments *s,
                                              size_t *n);

/* ============================================================= writers */

/*
 * The `segments` output. table: the segment table, the clusters (k, the
 * silhouette, the sample and seed) and one card per persona; csv: the
 * segment table (personas = true: the persona table); json: everything.
 * Names and numbers follow lang; csv and json keys are stable English.
 */
KW_API kw_status kw_segments_write(kw_context *ctx, const kw_segments *s,
                                   kw_format fmt, kw_lang lang,
                                   const char *currency, bool personas,
                                   FILE *f);

#ifdef __cplusplus
}
#endif
#endif
