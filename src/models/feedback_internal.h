/*
 * feedback_internal.h — what a kw_feedback holds, shared by the scores
 * (feedback.c), the competitive position (feedback_comp.c) and the
 * comment themes (themes.c). Internal to the library.
 */
#ifndef KW_MODELS_FEEDBACK_INTERNAL_H
#define KW_MODELS_FEEDBACK_INTERNAL_H

#include "core/core.h"
#include "core/dict.h"
#include "klantwijs/feedback.h"
#include "klantwijs/groups.h"

#define KW_FB_MAX_DIMS 16

struct kw_feedback {
  kw_context *ctx;
  const kw_dataset *ds;
  kw_feedback_options o;
  kw_fb_info info;
  size_t ncust;            /* customers in the id dictionary */

  /* answers that count (latest per customer, or all), in table order */
  size_t m;
  uint32_t *row;           /* table row of each counted answer */
  size_t nrows;            /* rows of the table */
  /* the table's columns (NULL when absent) */
  const kw_column *cu, *dt, *nps, *csat, *ces, *comment, *comp;
  size_t ndims;
  const kw_column *own[KW_FB_MAX_DIMS], *them[KW_FB_MAX_DIMS];
  double *own_val[KW_FB_MAX_DIMS], *them_val[KW_FB_MAX_DIMS]; /* per row */
  uint8_t *valid;          /* per table row: 1 when it may count */
  int csat_scale, ces_scale;

  /* per customer: index into row[] of the latest answer, SIZE_MAX none */
  size_t *latest;

  kw_fb_scores overall;
  kw_fb_period *periods;
  size_t nperiods;

  kw_fb_group *by_col;
  size_t n_by_col;
  kw_groups *by_col_groups;

  /* competition */
  bool have_comp;
  kw_fb_competition cpt;
  kw_fb_dimension *dims;
  kw_fb_gap *gaps;
  const char **comp_names; /* owned */
  size_t *risk_per_comp;
  uint8_t *risk;           /* per customer: 1 at risk */
  uint8_t *risk_dim;       /* per customer: the dimension */

  /* themes */
  bool have_themes;
  kw_fb_themes themes;
  kw_fb_theme *theme_rows; /* detractor then promoter */
  char *theme_text;        /* terms, labels and examples */
  uint64_t *theme_mask;    /* per counted answer: bit t = its comment holds
                              theme row t (the first 64 rows) */
};

/* A value of a number column, or of a text column whose cell reads as a
 * number (ratings read as text when their header has no role). */
double kw_fb_number(const kw_column *c, size_t r);
/* Per dictionary id: the number it reads as (NaN when none). */
kw_status kw_fb_column_numbers(kw_context *ctx, const kw_column *c,
                               size_t rows, double **out);

/* Competition and themes, run by kw_feedback_compute. */
kw_status kw_fb_competition_build(kw_feedback *fb);
kw_status kw_fb_themes_build(kw_feedback *fb);
void kw_fb_themes_free(kw_feedback *fb);

/* Interval helpers (src/models/feedback.c). */
double kw_fb_z(double level);
void kw_fb_wilson(size_t k, size_t n, double z, double *lo, double *hi);
void kw_fb_mean_ci(double sum, double sumsq_dev, size_t n, double level,
                   double *mean, double *lo, double *hi);
/* Purchase days of customer c in [from, to] (transactions). Allocated
 * per-customer counts for two windows. */
kw_status kw_fb_purchase_windows(kw_feedback *fb, int32_t a0, int32_t a1,
                                 int32_t b0, int32_t b1, uint32_t **na,
                                 uint32_t **nb);

#endif
