/*
 * segments_internal.h — what the segment, cluster, persona and fit code
 * share: each buying customer's attributes as dense codes (0 = unknown),
 * and the strategic-fit profile. Internal to the library.
 */
#ifndef KW_MODELS_SEGMENTS_INTERNAL_H
#define KW_MODELS_SEGMENTS_INTERNAL_H

#include "klantwijs/segments.h"
#include "models/analyze_internal.h"

/* Attributes of every customer as codes: code[a][i] in 0..ncodes[a]-1,
 * 0 = unknown; name[a][c] is the key of code c (the attribute's own text
 * for sector, size, type and channel; a stable key for the others). */
typedef struct kw_seg_attrs {
  size_t n;
  bool has[KW_SEG__COUNT];
  uint32_t *code[KW_SEG__COUNT];
  size_t ncodes[KW_SEG__COUNT];
  const char **name[KW_SEG__COUNT];
  char **owned;           /* strings made here (RFM keys are borrowed) */
  size_t n_owned;
} kw_seg_attrs;

/* Codes of every attribute but the cluster (filled by the caller). */
kw_status kw_seg_attrs_build(kw_analysis *a, kw_seg_attrs *at);
void kw_seg_attrs_free(kw_context *ctx, kw_seg_attrs *at);

/* Criteria of an ideal customer profile. */
#define KW_FIT_CRIT_LIST(X)                         \
  X(KW_FIT_SECTOR, "sector", 1)                     \
  X(KW_FIT_SIZE, "size", 1)                         \
  X(KW_FIT_TYPE, "type", 1)                         \
  X(KW_FIT_REGION, "region", 1)                     \
  X(KW_FIT_CHANNEL, "channel", 1)                   \
  X(KW_FIT_CATEGORY, "category", 1)                 \
  X(KW_FIT_MIN_ORDERS, "min_orders_per_year", 0)    \
  X(KW_FIT_MIN_REVENUE, "min_revenue_per_year", 0)           \
  X(KW_FIT_MIN_MARGIN, "min_margin", 0)             \
  X(KW_FIT_MAX_DAYS_LATE, "max_days_late", 0)

typedef enum kw_fit_crit {
#define KW_X_FC(e, key, list) e,
  KW_FIT_CRIT_LIST(KW_X_FC)
#undef KW_X_FC
      KW_FIT__COUNT
} kw_fit_crit;

#define KW_FIT_MAX_VALUES 64

struct kw_fit_profile {
  bool set[KW_FIT__COUNT];
  double weight[KW_FIT__COUNT];
  double number[KW_FIT__COUNT];          /* thresholds */
  size_t nvalues[KW_FIT__COUNT];         /* list criteria */
  char *values[KW_FIT__COUNT][KW_FIT_MAX_VALUES];
  char *text;                            /* one buffer for the values */
};

const char *kw_fit_crit_key(kw_fit_crit c);

/* Fit of every customer into fit[] (NaN: nothing to check) and the met
 * criteria as bits into met[] (bit c = criterion c). */
kw_status kw_fit_compute(kw_analysis *a, const kw_seg_attrs *at,
                         const kw_fit_profile *p, double *fit, uint32_t *met);

/* Orders a year over the customer's observed life (at least a year). */
double kw_seg_orders_per_year(const kw_customer_summary *s, size_t i);

/* The distances between the sample rows idx[0..m) of x (n x d): an m x m
 * matrix (kw_malloc), entry (a, b) = |x_idx[a] - x_idx[b]| as
 * kw_silhouette measures it; NULL when out of memory. */
double *kw_sil_distances(kw_context *ctx, const double *x, size_t d,
                         const uint32_t *idx, size_t m);
/* kw_silhouette(x, d, label, k, idx, m) from those distances, bit for bit
 * (the same sums in the same order), without measuring again. */
double kw_silhouette_dist(const double *dist, const uint32_t *label,
                          size_t k, const uint32_t *idx, size_t m);

/* The English [0] and Dutch [1] names a region criterion accepts. */
extern const char *const kw_fit_province_names[KW_PROV__COUNT][2];
extern const char *const kw_fit_region_names[KW_REGION__COUNT][2];

#endif
