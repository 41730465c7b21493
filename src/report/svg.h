/*
 * svg.h — hand-written SVG charts for the report: line and step curves
 * (with an optional interval band), grouped bars, heatmaps and the RFM
 * segment grid. Every chart is a self-contained <svg> element with a
 * viewBox (it scales to its container), a <title> for screen readers, axis
 * labels in the reader's number format, and nothing from outside. Text is
 * escaped, so the output is well-formed XML. Internal.
 */
#ifndef KW_REPORT_SVG_H
#define KW_REPORT_SVG_H

#include "report/text.h"

typedef enum kw_svg_fmt {
  KW_SVG_NUM = 0, /* number with `decimals` */
  KW_SVG_PCT,     /* fraction shown as a percentage */
  KW_SVG_MONEY    /* currency units, whole */
} kw_svg_fmt;

typedef struct kw_svg_axis {
  const char *label;
  double min, max;    /* min > max: from the data */
  kw_svg_fmt fmt;
  int decimals;
} kw_svg_axis;

typedef struct kw_svg_series {
  const char *name;   /* legend; NULL = none */
  const double *x, *y;
  size_t n;
  const char *color;  /* CSS colour */
  bool step;          /* a step function (survival) */
  bool dashed;
  const double *lo, *hi; /* a band around y (may be NULL) */
} kw_svg_series;

typedef struct kw_svg_style {
  kw_lang lang;
  const char *currency;
} kw_svg_style;

/* A line chart. A marker (mx, my) with its label is drawn when label is
 * not NULL. */
void kw_svg_lines(kw_text *t, const kw_svg_style *st, const char *title,
                  const kw_svg_axis *xa, const kw_svg_axis *ya,
                  const kw_svg_series *s, size_t ns, double mx, double my,
                  const char *mlabel);

/* Grouped vertical bars: n categories, ns series of n values each. */
void kw_svg_bars(kw_text *t, const kw_svg_style *st, const char *title,
                 const char *const *cats, size_t n,
                 const kw_svg_series *s, size_t ns, const kw_svg_axis *ya,
                 const char *x_label);

/* A heatmap: rows x cols values (row-major; NaN = empty), shown with fmt.
 * Colour runs from white (lo) to blue (hi). */
void kw_svg_heatmap(kw_text *t, const kw_svg_style *st, const char *title,
                    const char *const *row_labels, size_t rows,
                    const char *const *col_labels, size_t cols,
                    const double *v, kw_svg_fmt fmt, int decimals, double lo,
                    double hi, const char *row_title, const char *col_title);

/* The RFM grid: 5 recency rows (5 at the top) x 9 FM columns (1, 1.5 ..
 * 5); count[r][c] customers (r = R - 1), seg[r][c] the segment index
 * (0xFF none), small counts (1 .. min - 1) shown as "<min". A legend names
 * the segments. */
void kw_svg_rfm_grid(kw_text *t, const kw_svg_style *st, const char *title,
                     const uint32_t count[5][9], const uint8_t seg[5][9],
                     const char *const *seg_names, size_t n_seg, size_t min,
                     const char *x_title, const char *y_title);

/* Number text for an axis or a cell. buf: 48 bytes. */
const char *kw_svg_value(char *buf, double v, kw_svg_fmt fmt, int decimals,
                         const kw_svg_style *st);

#endif
