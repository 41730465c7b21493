/*
 * klantwijs/feedback.h — the voice of the customer: NPS, CSAT and CES with
 * intervals, per group and per quarter; feedback against behaviour; the
 * competitive position per dimension; and the themes in open comments that
 * set detractors apart from promoters.
 *
 * kw_feedback_compute() reads the feedback table of a dataset once: customer
 * (optional: an answer without a customer id is anonymous and counts for
 * everything that needs no link to behaviour), date, nps 0-10, csat, ces,
 * comment, and per dimension the customer's own rating and a named
 * competitor's rating. Dimensions are found by header: a column "D" with a
 * number per answer next to a column "concurrent D" / "competitor D" (or
 * "D concurrent", "D_competitor"); the competitor's name is the column
 * "concurrent" / "competitor" / "concurrentie". The demo's prijs, service
 * and innovatie are three such dimensions.
 *
 * Which answers count (stated in every output): the latest answer per
 * customer up to as_of (default), or every answer (all_answers). Anonymous
 * answers always count one each.
 *
 * Methods (the formulas are in tests/unit/README.feedback.md):
 *   NPS         100 (P - D) / n; 95% Wald interval with the multinomial
 *               variance of the difference of two shares of one sample:
 *               Var = (p+ + p- - (p+ - p-)^2) / n.
 *   CSAT        top-2-box share (the two highest points of the detected
 *               scale) with a Wilson score interval; and the mean with a
 *               t interval.
 *   CES         mean with a t interval; scale detected from the largest
 *               value seen: 1-5 or 1-7 (1-10 above 7).
 *   change      between consecutive quarters: z = (NPS2 - NPS1) /
 *               sqrt(Var1 + Var2), two-sided normal p-value (two
 *               independent samples; a customer answering in both quarters
 *               makes it slightly conservative).
 *   importance  Pearson correlation of a dimension's own rating with the
 *               likelihood to recommend, Fisher z interval.
 *   grid        importance and performance (own mean) split at their
 *               averages over the dimensions (Martilla & James 1977).
 *   themes      log-odds ratio with an informative Dirichlet prior
 *               (Monroe, Colaresi & Quinn 2008), see kw_fb_theme.
 *
 * A score over fewer than min_answers answers is not given (enough =
 * false: "not enough answers"). No group of fewer than min_group
 * customers is shown on its own (kw_feedback_by_column merges them into
 * "other").
 *
 * Ownership: kw_feedback_compute borrows the dataset, which must outlive the
 * kw_feedback; everything the kw_feedback hands out lives until
 * kw_feedback_free (NULL is fine).
 */
#ifndef KLANTWIJS_FEEDBACK_H
#define KLANTWIJS_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kw_feedback_options {
  int32_t as_of;          /* last day; KW_NA_DATE = the last answer or
                             the last sale, whichever is later */
  bool all_answers;       /* false: the latest answer per customer */
  size_t min_answers;     /* fewer: "not enough answers" (default 30) */
  size_t min_group;       /* smallest group shown on its own (default 5) */
  double level;           /* interval level (default 0.95) */
  int slow_days;          /* buying slows: purchase days in the last
                             slow_days are at most half the rate of the
                             2 x slow_days before (default 180) */
  size_t max_themes;      /* per side (default 10) */
  bool themes;            /* analyse comments (default true) */
} kw_feedback_options;

KW_API void kw_feedback_options_init(kw_feedback_options *o);

typedef struct kw_feedback kw_feedback;

KW_API kw_status kw_feedback_compute(kw_context *ctx, const kw_dataset *ds,
                                   const kw_feedback_options *o,
                                   kw_feedback **out);
KW_API void kw_feedback_free(kw_feedback *fb);

/* ------------------------------------------------------------- scores */

typedef struct kw_fb_scores {
  size_t answers;          /* answers counted (any score) */
  size_t customers;        /* distinct known customers among them */
  size_t anonymous;        /* answers without a customer id */
  bool enough;             /* nps_n >= min_answers */
  /* NPS, -100..100 */
  size_t nps_n, promoters, passives, detractors;
  double nps, nps_low, nps_high, nps_se; /* NaN when nps_n == 0 */
  /* CSAT */
  size_t csat_n;
  int csat_scale;          /* 5, 7 or 10; 0 none */
  double csat_mean, csat_mean_low, csat_mean_high;
  double csat_top2, csat_top2_low, csat_top2_high; /* shares 0..1 */
  /* CES */
  size_t ces_n;
  int ces_scale;           /* 5, 7 or 10; 0 none */
  double ces_mean, ces_low, ces_high;
} kw_fb_scores;

typedef struct kw_fb_info {
  int32_t as_of, first_day, last_day; /* answers' dates (NA without) */
  size_t rows;               /* rows of the table */
  size_t rows_used;          /* with at least one valid score */
  size_t out_of_range;       /* scores outside their scale, left out */
  size_t after_as_of;        /* answers after as_of, left out */
  bool all_answers;
  bool has_customer, has_nps, has_csat, has_ces, has_comment;
  size_t respondents;        /* distinct known customers who answered */
  size_t buyers;             /* customers with a purchase (0 unknown) */
  double response_rate;      /* respondents / buyers; NaN unknown */
  size_t min_answers, min_group;
  double level;
} kw_fb_info;

KW_API const kw_fb_info *kw_feedback_info_view(const kw_feedback *fb);
KW_API const kw_fb_scores *kw_feedback_overall_view(const kw_feedback *fb);

/*
 * Scores per group of customers: group_of[c] for every customer id c of
 * the dataset's dictionary (KW_NA_ID: in no group), out[0..n_groups).
 * Anonymous answers belong to no group. For the segment, action or any
 * grouping a caller makes; no merging of small groups here.
 */
KW_API kw_status kw_feedback_by_group(const kw_feedback *fb,
                                      const uint32_t *group_of,
                                      size_t n_customers, size_t n_groups,
                                      kw_fb_scores *out);

/* A group as shown: small groups merged into "other" (key "other"). */
typedef struct kw_fb_group {
  const char *key;         /* the column's value, or "other" */
  size_t customers;        /* respondents in the group */
  kw_fb_scores s;
} kw_fb_group;

/*
 * Scores per value of a text column of the customers table (for instance
 * the sector: KW_ROLE_SECTOR). Groups of fewer than min_group respondents
 * are merged into one "other" group (last). *out lives until
 * kw_feedback_free (or the next call with this role). Returns KW_OK with
 * *n = 0 when the column is absent.
 */
KW_API kw_status kw_feedback_by_column(kw_feedback *fb, kw_role role,
                                       const kw_fb_group **out, size_t *n);

/* Per calendar quarter, with the test of change against the quarter
 * before (NaN when either has not enough answers). */
typedef struct kw_fb_period {
  int year, quarter;       /* 2024, 1..4 */
  kw_fb_scores s;
  double nps_change, change_z, change_p;
} kw_fb_period;

KW_API const kw_fb_period *kw_feedback_periods_view(const kw_feedback *fb,
                                               size_t *n);

/* ------------------------------------------------ against behaviour */

/* NPS classes. */
typedef enum kw_nps_class {
  KW_NPS_DETRACTOR = 0, /* 0-6 */
  KW_NPS_PASSIVE,       /* 7-8 */
  KW_NPS_PROMOTER,      /* 9-10 */
  KW_NPS__COUNT
} kw_nps_class;

KW_API const char *kw_nps_class_key(kw_nps_class c);

/* Per-customer behaviour the caller knows (any array may be NULL):
 * active 1 still buying / 0 not / KW_NA_FLAG unknown; revenue and clv in
 * currency units (NaN unknown). */
typedef struct kw_fb_behaviour_input {
  size_t n;                 /* customers (the id dictionary) */
  const int8_t *active;
  const double *revenue;
  const double *clv;
} kw_fb_behaviour_input;

typedef struct kw_fb_mean {
  size_t n;
  double mean, low, high;   /* NaN when n == 0 */
} kw_fb_mean;

/* One NPS class of customers (their latest answer) side by side.
 * Association, not cause. A class of fewer than min_group customers gives
 * its count only: its means are NaN with n 0 (privacy). */
typedef struct kw_fb_behaviour {
  size_t customers;
  kw_fb_mean active;        /* share still buying, Wilson interval */
  kw_fb_mean revenue;       /* t interval */
  kw_fb_mean clv;
} kw_fb_behaviour;

/*
 * out[KW_NPS__COUNT]. Where in (or its active or revenue) is NULL the
 * library uses the transactions: active = a purchase in the 365 days up to
 * as_of, revenue = net revenue in those 365 days; no CLV without in->clv.
 */
KW_API kw_status kw_feedback_behaviour(const kw_feedback *fb,
                                       const kw_fb_behaviour_input *in,
                                       kw_fb_behaviour *out);

/* ------------------------------------------------ competitive position */

typedef enum kw_ipa_quadrant {
  KW_IPA_NONE = 0,
  KW_IPA_KEEP,          /* important, performing well */
  KW_IPA_IMPROVE,       /* important, performing below average: first */
  KW_IPA_LOW_PRIORITY,  /* less important, below average: less urgent */
  KW_IPA_OVERKILL       /* less important, above average: possible
                           overkill */
} kw_ipa_quadrant;

KW_API const char *kw_ipa_quadrant_key(kw_ipa_quadrant q);

typedef struct kw_fb_dimension {
  const char *name;         /* header of the own rating ("prijs") */
  size_t n;                 /* answers with an own rating */
  double mean, low, high;   /* own mean, t interval */
  int scale;                /* 5, 7 or 10 */
  /* derived importance: Pearson r with the NPS score (Fisher z CI) */
  size_t importance_n;
  double importance, importance_low, importance_high;
  kw_ipa_quadrant quadrant;
} kw_fb_dimension;

/* One dimension against one competitor (competitor == NULL: against every
 * competitor pooled). Differences are own minus competitor. */
typedef struct kw_fb_gap {
  size_t dimension;         /* index into the dimensions */
  const char *competitor;   /* name, NULL = all competitors */
  size_t n;                 /* answers rating both */
  double own_mean, comp_mean;
  double diff, diff_low, diff_high;      /* paired t interval */
  double share_comp_higher, share_low, share_high; /* Wilson */
  bool enough;              /* n >= min_answers */
} kw_fb_gap;

typedef struct kw_fb_competition {
  size_t n_dimensions;
  const kw_fb_dimension *dimensions;
  size_t n_competitors;
  const char *const *competitors;    /* names */
  size_t n_gaps;            /* per dimension: pooled, then each competitor */
  const kw_fb_gap *gaps;
  double importance_split, performance_split; /* grid lines */
  size_t top_dimension;     /* most important; SIZE_MAX none */
  size_t at_risk;           /* customers at risk to a competitor */
  size_t at_risk_per_competitor_n;
  const size_t *at_risk_per_competitor;       /* per competitors[k] */
} kw_fb_competition;

/* NULL when the table has no dimension pairs. */
KW_API const kw_fb_competition *kw_feedback_competition_view(
    const kw_feedback *fb);

/* --------------------------------------------------------- per customer */

/* Why a customer is at risk (a reason code the action plan words). */
typedef enum kw_fb_risk {
  KW_FB_RISK_NONE = 0,
  KW_FB_RISK_COMPETITOR   /* rates `competitor` higher on the most
                             important dimension and buys less */
} kw_fb_risk;

typedef struct kw_fb_customer {
  int32_t day;             /* latest answer; KW_NA_DATE none */
  double nps, csat, ces;   /* NaN unknown */
  kw_fb_risk risk;
  const char *competitor;  /* with KW_FB_RISK_COMPETITOR */
  const char *dimension;
  double own, theirs;      /* their ratings on that dimension */
} kw_fb_customer;

/* Customer c of the id dictionary; false when the customer never
 * answered (out is then cleared: NaN, KW_NA_DATE, KW_FB_RISK_NONE). */
KW_API bool kw_feedback_customer(const kw_feedback *fb, size_t c,
                                 kw_fb_customer *out);

/* ------------------------------------------------------------- themes */

/*
 * A term (a stemmed word or a pair of adjacent words) that sets one side
 * apart: for term w with counts y_d, y_p of detractor and promoter
 * comments holding it, n_d, n_p all terms of each side and prior
 * a_w = 0.1 x the term's count over all comments (a prior worth a tenth
 * of the data; a0 the sum of the a_w),
 *   delta = log((y_d + a_w) / (n_d + a0 - y_d - a_w))
 *         - log((y_p + a_w) / (n_p + a0 - y_p - a_w)),
 *   score = delta / sqrt(1 / (y_d + a_w) + 1 / (y_p + a_w)),
 * a z-score: above 1.96 a detractor theme, below -1.96 a promoter theme.
 * A theme needs at least min_group comments on its side.
 */
typedef struct kw_fb_theme {
  const char *term;        /* stems joined by a space ("lever laat") */
  const char *label;       /* most frequent words as written ("levering
                              te laat") */
  const char *lang;        /* "nl", "en", "fr" */
  size_t count;            /* comments on its side holding it */
  size_t count_other;      /* comments on the other side */
  double score;            /* z; positive for detractors */
  size_t n_examples;       /* up to 3, personal data masked */
  const char *examples[3];
} kw_fb_theme;

typedef struct kw_fb_themes {
  size_t comments;         /* comments read (of counted answers) */
  size_t comments_by_lang[4]; /* nl, en, fr, unknown */
  size_t comments_class[KW_NPS__COUNT];
  size_t n_detractor, n_promoter;
  const kw_fb_theme *detractor; /* highest score first */
  const kw_fb_theme *promoter;  /* lowest score first */
} kw_fb_themes;

/* NULL when there are no comments or themes were not asked. */
KW_API const kw_fb_themes *kw_feedback_themes_view(const kw_feedback *fb);

/*
 * The themes above in the comments of each group of customers (a cluster,
 * a segment): counts[g * n + t] comments of group g hold theme t, where
 * the themes are numbered detractor[0..n_detractor) then
 * promoter[0..n_promoter) and n is their number (at most the first 64);
 * comments[g] is the number of the group's comments read (counted answers
 * with a comment). group_of[c] for every customer id c < n_customers
 * (KW_NA_ID: in no group); anonymous answers are in no group. No merging
 * here: a caller shows a theme for a group only when at least min_group
 * of its comments hold it. Without themes every count is 0.
 */
KW_API kw_status kw_feedback_themes_by_group(const kw_feedback *fb,
                                             const uint32_t *group_of,
                                             size_t n_customers,
                                             size_t n_groups, size_t *counts,
                                             size_t *comments);

/* "nl", "en", "fr" or "" for the language of a text (stopword counts). */
KW_API const char *kw_text_language(const char *s, size_t len);

/*
 * Mask personal data in text: e-mail addresses -> "[e-mail]", phone
 * numbers (8 or more digits with spaces, dots, dashes, slashes, brackets
 * or a leading +) -> "[phone]", and every name of the customers table
 * (whole names and their capitalised words) -> "[name]". names may be
 * NULL. Returns a string to kw_free, NULL out of memory.
 */
KW_API char *kw_mask_personal(kw_context *ctx, const char *s,
                              const kw_dict *names);

/* ------------------------------------------------------------ writing */

typedef struct kw_fb_report_options {
  kw_format format;         /* table (people), csv (long form), json */
  kw_lang lang;
  const char *currency;     /* "EUR" */
  /* behaviour per customer; NULL: from the transactions (see
     kw_feedback_behaviour) */
  const kw_fb_behaviour_input *behaviour;
} kw_fb_report_options;

KW_API void kw_fb_report_options_init(kw_fb_report_options *o);

/*
 * Everything above for people (a terminal report in the language), as
 * long-form CSV (section, group, measure, value, low, high, n) or as JSON
 * with the members "feedback", "competition" and "themes" of summary.json.
 * Scores per sector come from the customers table (kw_feedback_by_column).
 */
KW_API kw_status kw_report_feedback(kw_context *ctx, kw_feedback *fb,
                                    const kw_fb_report_options *o, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
