/*
 * svg.c — the report's charts as inline SVG, written by hand.
 *
 * Every chart draws into a fixed viewBox (640 wide) and scales with its
 * container (width 100%), so it reads on a phone and prints sharply. Axis
 * ticks are "nice" numbers (1, 2 or 5 times a power of ten, about five per
 * axis) labelled in the reader's format through kw_svg_value
 * (1,234 / 1.234; 25% / 25%; €1,234 / € 1.234). Colours are fixed CSS
 * colours, fonts the reader's own sans-serif (no web fonts), and every text
 * passes through kw_text_esc so the SVG is well-formed XML.
 */
#include "report/svg.h"

#include <math.h>
#include <string.h>

#define W 640.0
#define FONT "font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif\""

const char *kw_svg_value(char *buf, double v, kw_svg_fmt fmt, int decimals,
                         const kw_svg_style *st) {
  if (!isfinite(v)) {
    buf[0] = '\0';
    return buf;
  }
  switch (fmt) {
    case KW_SVG_PCT:
      return kw_fmt_pct(buf, v, decimals, st->lang);
    case KW_SVG_MONEY:
      return kw_fmt_currency(buf, (int64_t)llround(v * 100.0), 0, st->lang,
                             st->currency);
    default:
      return kw_fmt_number(buf, v, decimals, st->lang);
  }
}

/* Nice tick step for a range split in about n parts: 1, 2 or 5 times a
 * power of ten (no 2.5, so whole-number axes keep whole ticks). */
static double nice_step(double range, int n) {
  if (!(range > 0)) return 1;
  double raw = range / n, p = pow(10, floor(log10(raw))), f = raw / p;
  double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return m * p;
}

static void open_svg(kw_text *t, double h, const char *title) {
  kw_text_put(t, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 ");
  kw_text_coord(t, h);
  kw_text_put(t, "\" class=\"chart\" role=\"img\" " FONT " font-size=\"12\">");
  kw_text_put(t, "<title>");
  kw_text_esc(t, title ? title : "");
  kw_text_put(t, "</title>");
}

static void text_at(kw_text *t, double x, double y, const char *anchor,
                    const char *extra, const char *s) {
  kw_text_put(t, "<text x=\"");
  kw_text_coord(t, x);
  kw_text_put(t, "\" y=\"");
  kw_text_coord(t, y);
  kw_text_printf(t, "\" text-anchor=\"%s\"%s%s>", anchor, extra ? " " : "",
                 extra ? extra : "");
  kw_text_esc(t, s);
  kw_text_put(t, "</text>");
}

static void line_at(kw_text *t, double x1, double y1, double x2, double y2,
                    const char *style) {
  kw_text_put(t, "<line x1=\"");
  kw_text_coord(t, x1);
  kw_text_put(t, "\" y1=\"");
  kw_text_coord(t, y1);
  kw_text_put(t, "\" x2=\"");
  kw_text_coord(t, x2);
  kw_text_put(t, "\" y2=\"");
  kw_text_coord(t, y2);
  kw_text_printf(t, "\" %s/>", style);
}

typedef struct frame {
  double x0, x1, y0, y1; /* plot area in pixels (y0 top) */
  double xmin, xmax, ymin, ymax;
} frame;

static double px(const frame *f, double x) {
  return f->x0 + (x - f->xmin) / (f->xmax - f->xmin) * (f->x1 - f->x0);
}

static double py(const frame *f, double y) {
  return f->y1 - (y - f->ymin) / (f->ymax - f->ymin) * (f->y1 - f->y0);
}

static void range_of(const kw_svg_axis *a, const kw_svg_series *s, size_t ns,
                     bool is_x, double *lo, double *hi) {
  if (a->min <= a->max) {
    *lo = a->min;
    *hi = a->max;
  } else {
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t k = 0; k < ns; k++)
      for (size_t i = 0; i < s[k].n; i++) {
        double v = is_x ? s[k].x[i] : s[k].y[i];
        if (!isfinite(v)) continue;
        if (v < *lo) *lo = v;
        if (v > *hi) *hi = v;
        if (!is_x && s[k].hi && isfinite(s[k].hi[i]) && s[k].hi[i] > *hi)
          *hi = s[k].hi[i];
      }
    if (!isfinite(*lo)) *lo = 0, *hi = 1;
    if (*lo > 0 && !is_x) *lo = 0;
  }
  if (*hi <= *lo) *hi = *lo + 1;
  /* widen to whole ticks */
  double step = nice_step(*hi - *lo, 5);
  if (a->min > a->max) {
    *lo = floor(*lo / step + 1e-9) * step;
    *hi = ceil(*hi / step - 1e-9) * step;
  }
}

/* The left edge of the plot so that the widest y tick label (about 7 px
 * a character at the chart's font size) ends 6 px before the axis and
 * starts clear of the rotated y-axis title (centred at x = 14). */
static double left_edge(const kw_svg_style *st, const kw_svg_axis *ya,
                        double ymin, double ymax, double x0) {
  char buf[48];
  double ys = nice_step(ymax - ymin, 5), wide = 0;
  for (double v = ceil(ymin / ys - 1e-9) * ys; v <= ymax + 1e-9 * ys;
       v += ys) {
    kw_svg_value(buf, v, ya->fmt, ya->decimals, st);
    double n = 0;
    for (const char *p = buf; *p; p++)
      if (((unsigned char)*p & 0xC0) != 0x80) n++; /* UTF-8 characters */
    if (n > wide) wide = n;
  }
  double need = (ya->label ? 26 : 6) + 7 * wide + 6;
  return need > x0 ? need : x0;
}

static void axes(kw_text *t, const kw_svg_style *st, const frame *f,
                 const kw_svg_axis *xa, const kw_svg_axis *ya) {
  char buf[48];
  double ys = nice_step(f->ymax - f->ymin, 5);
  for (double v = ceil(f->ymin / ys - 1e-9) * ys; v <= f->ymax + 1e-9 * ys;
       v += ys) {
    double y = py(f, v);
    line_at(t, f->x0, y, f->x1, y, "stroke=\"#e5e7eb\"");
    text_at(t, f->x0 - 6, y + 4, "end", "fill=\"#4b5563\"",
            kw_svg_value(buf, v, ya->fmt, ya->decimals, st));
  }
  double xs = nice_step(f->xmax - f->xmin, 6);
  for (double v = ceil(f->xmin / xs - 1e-9) * xs; v <= f->xmax + 1e-9 * xs;
       v += xs) {
    double x = px(f, v);
    line_at(t, x, f->y1, x, f->y1 + 4, "stroke=\"#9ca3af\"");
    text_at(t, x, f->y1 + 17, "middle", "fill=\"#4b5563\"",
            kw_svg_value(buf, v, xa->fmt, xa->decimals, st));
  }
  line_at(t, f->x0, f->y1, f->x1, f->y1, "stroke=\"#9ca3af\"");
  line_at(t, f->x0, f->y0, f->x0, f->y1, "stroke=\"#9ca3af\"");
  if (xa->label)
    text_at(t, (f->x0 + f->x1) / 2, f->y1 + 36, "middle", "fill=\"#111827\"",
            xa->label);
  if (ya->label) {
    kw_text_put(t, "<text transform=\"translate(14 ");
    kw_text_coord(t, (f->y0 + f->y1) / 2);
    kw_text_put(t, ") rotate(-90)\" text-anchor=\"middle\" fill=\"#111827\">");
    kw_text_esc(t, ya->label);
    kw_text_put(t, "</text>");
  }
}

static void legend(kw_text *t, const kw_svg_series *s, size_t ns, double x,
                   double y) {
  for (size_t k = 0; k < ns; k++) {
    if (!s[k].name) continue;
    kw_text_put(t, "<rect x=\"");
    kw_text_coord(t, x);
    kw_text_put(t, "\" y=\"");
    kw_text_coord(t, y - 9);
    kw_text_printf(t, "\" width=\"14\" height=\"%s\" fill=\"%s\"/>",
                   s[k].lo ? "10" : "3", s[k].color);
    text_at(t, x + 19, y, "start", "fill=\"#111827\"", s[k].name);
    y += 17;
  }
}

void kw_svg_lines(kw_text *t, const kw_svg_style *st, const char *title,
                  const kw_svg_axis *xa, const kw_svg_axis *ya,
                  const kw_svg_series *s, size_t ns, double mx, double my,
                  const char *mlabel) {
  double h = 360;
  frame f = {70, W - 20, 16, h - 52, 0, 1, 0, 1};
  range_of(xa, s, ns, true, &f.xmin, &f.xmax);
  range_of(ya, s, ns, false, &f.ymin, &f.ymax);
  f.x0 = left_edge(st, ya, f.ymin, f.ymax, f.x0);
  open_svg(t, h, title);
  axes(t, st, &f, xa, ya);
  for (size_t k = 0; k < ns; k++) {
    const kw_svg_series *se = &s[k];
    if (se->n == 0) continue;
    if (se->lo && se->hi) {
      /* band: upper edge forwards, lower edge back */
      kw_text_put(t, "<path d=\"");
      for (size_t i = 0; i < se->n; i++) {
        kw_text_put(t, i ? (se->step ? " H" : " L") : "M");
        kw_text_coord(t, px(&f, se->x[i]));
        if (se->step && i) {
          kw_text_put(t, " V");
        } else {
          kw_text_putc(t, ' ');
        }
        kw_text_coord(t, py(&f, se->hi[i]));
      }
      for (size_t i = se->n; i-- > 0;) {
        if (se->step && i + 1 < se->n) {
          kw_text_put(t, " V");
          kw_text_coord(t, py(&f, se->lo[i]));
          kw_text_put(t, " H");
          kw_text_coord(t, px(&f, se->x[i]));
        } else {
          kw_text_put(t, " L");
          kw_text_coord(t, px(&f, se->x[i]));
          kw_text_putc(t, ' ');
          kw_text_coord(t, py(&f, se->lo[i]));
        }
      }
      kw_text_printf(t, " Z\" fill=\"%s\" fill-opacity=\"0.15\" "
                        "stroke=\"none\"/>",
                     se->color);
    }
    kw_text_put(t, "<path d=\"");
    for (size_t i = 0; i < se->n; i++) {
      double x = px(&f, se->x[i]), y = py(&f, se->y[i]);
      if (i == 0) {
        kw_text_put(t, "M");
        kw_text_coord(t, x);
        kw_text_putc(t, ' ');
        kw_text_coord(t, y);
      } else if (se->step) {
        kw_text_put(t, " H");
        kw_text_coord(t, x);
        kw_text_put(t, " V");
        kw_text_coord(t, y);
      } else {
        kw_text_put(t, " L");
        kw_text_coord(t, x);
        kw_text_putc(t, ' ');
        kw_text_coord(t, y);
      }
    }
    kw_text_printf(t, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\"%s/>",
                   se->color,
                   se->dashed ? " stroke-dasharray=\"5 4\"" : "");
  }
  if (mlabel && isfinite(mx) && isfinite(my)) {
    double x = px(&f, mx), y = py(&f, my);
    kw_text_put(t, "<circle cx=\"");
    kw_text_coord(t, x);
    kw_text_put(t, "\" cy=\"");
    kw_text_coord(t, y);
    kw_text_put(t, "\" r=\"5\" fill=\"#111827\"/>");
    bool right = x < (f.x0 + f.x1) / 2;
    text_at(t, right ? x + 9 : x - 9, y < f.y0 + 20 ? y + 18 : y - 8,
            right ? "start" : "end", "fill=\"#111827\" font-weight=\"600\"",
            mlabel);
  }
  legend(t, s, ns, f.x1 - 190, f.y1 - 14 - 17.0 * (double)(ns - 1));
  kw_text_put(t, "</svg>");
}

void kw_svg_bars(kw_text *t, const kw_svg_style *st, const char *title,
                 const char *const *cats, size_t n, const kw_svg_series *s,
                 size_t ns, const kw_svg_axis *ya, const char *x_label) {
  double h = x_label ? 356 : 340;
  frame f = {70, W - 20, 28, (x_label ? h - 16 : h) - 52, 0,
             (double)(n ? n : 1), 0, 1};
  double hi = 0;
  for (size_t k = 0; k < ns; k++)
    for (size_t i = 0; i < n; i++)
      if (isfinite(s[k].y[i]) && s[k].y[i] > hi) hi = s[k].y[i];
  if (ya->min <= ya->max) {
    f.ymin = ya->min;
    f.ymax = ya->max;
  } else {
    double step = nice_step(hi > 0 ? hi : 1, 5);
    f.ymax = ceil((hi > 0 ? hi : 1) / step - 1e-9) * step;
  }
  f.x0 = left_edge(st, ya, f.ymin, f.ymax, f.x0);
  open_svg(t, h, title);
  kw_svg_axis xa = {NULL, 0, 0, KW_SVG_NUM, 0};
  /* y grid and labels only: categories replace the x ticks */
  char buf[48];
  double ys = nice_step(f.ymax - f.ymin, 5);
  for (double v = f.ymin; v <= f.ymax + 1e-9 * ys; v += ys) {
    double y = py(&f, v);
    line_at(t, f.x0, y, f.x1, y, "stroke=\"#e5e7eb\"");
    text_at(t, f.x0 - 6, y + 4, "end", "fill=\"#4b5563\"",
            kw_svg_value(buf, v, ya->fmt, ya->decimals, st));
  }
  (void)xa;
  line_at(t, f.x0, f.y1, f.x1, f.y1, "stroke=\"#9ca3af\"");
  double band = (f.x1 - f.x0) / (double)(n ? n : 1);
  double bw = band * 0.78 / (double)(ns ? ns : 1);
  bool labels = n * ns <= 24;
  for (size_t i = 0; i < n; i++) {
    double bx = f.x0 + band * (double)i + band * 0.11;
    for (size_t k = 0; k < ns; k++) {
      double v = s[k].y[i];
      if (!isfinite(v)) continue;
      double y = py(&f, v < f.ymin ? f.ymin : v);
      kw_text_put(t, "<rect x=\"");
      kw_text_coord(t, bx + bw * (double)k);
      kw_text_put(t, "\" y=\"");
      kw_text_coord(t, y);
      kw_text_put(t, "\" width=\"");
      kw_text_coord(t, bw - 1);
      kw_text_put(t, "\" height=\"");
      kw_text_coord(t, f.y1 - y);
      kw_text_printf(t, "\" fill=\"%s\"><title>", s[k].color);
      kw_text_esc(t, cats[i]);
      kw_text_put(t, ": ");
      kw_text_esc(t, kw_svg_value(buf, v, ya->fmt, ya->decimals, st));
      kw_text_put(t, "</title></rect>");
      if (labels)
        text_at(t, bx + bw * (double)k + bw / 2, y - 4, "middle",
                "fill=\"#374151\" font-size=\"10\"",
                kw_svg_value(buf, v, ya->fmt, ya->decimals, st));
    }
    text_at(t, f.x0 + band * ((double)i + 0.5), f.y1 + 16, "middle",
            "fill=\"#111827\"", cats[i]);
  }
  if (ya->label) {
    kw_text_put(t, "<text transform=\"translate(14 ");
    kw_text_coord(t, (f.y0 + f.y1) / 2);
    kw_text_put(t, ") rotate(-90)\" text-anchor=\"middle\" fill=\"#111827\">");
    kw_text_esc(t, ya->label);
    kw_text_put(t, "</text>");
  }
  if (x_label)
    text_at(t, (f.x0 + f.x1) / 2, f.y1 + 36, "middle", "fill=\"#111827\"",
            x_label);
  /* legend on one line above the plot */
  double lx = f.x0;
  for (size_t k = 0; k < ns; k++) {
    if (!s[k].name) continue;
    kw_text_put(t, "<rect x=\"");
    kw_text_coord(t, lx);
    kw_text_printf(t, "\" y=\"6\" width=\"14\" height=\"10\" fill=\"%s\"/>",
                   s[k].color);
    text_at(t, lx + 19, 15, "start", "fill=\"#111827\"", s[k].name);
    lx += 30 + 7.0 * (double)strlen(s[k].name);
  }
  kw_text_put(t, "</svg>");
}

/* White to blue; t in 0..1. */
static void blue(kw_text *t, double v) {
  if (!(v > 0)) v = 0;
  if (v > 1) v = 1;
  int r = (int)lround(255 + (29 - 255) * v), g = (int)lround(255 + (78 - 255) * v),
      b = (int)lround(255 + (216 - 255) * v);
  kw_text_printf(t, "#%02x%02x%02x", r, g, b);
}

void kw_svg_heatmap(kw_text *t, const kw_svg_style *st, const char *title,
                    const char *const *row_labels, size_t rows,
                    const char *const *col_labels, size_t cols,
                    const double *v, kw_svg_fmt fmt, int decimals, double lo,
                    double hi, const char *row_title, const char *col_title) {
  double left = 92, top = 46, right = 10;
  double cw = (W - left - right) / (double)(cols ? cols : 1);
  double ch = cw < 14 ? 14 : cw > 26 ? 26 : cw;
  double h = top + ch * (double)rows + 12 + 34; /* + the colour scale */
  open_svg(t, h, title);
  char buf[48];
  /* numbers in the cells while they fit: 10 px type from 30 px wide
   * cells, 8 px type from 20 px */
  bool text = cw >= 20;
  const char *fs = cw >= 30 ? "10" : "8";
  size_t every = (size_t)ceil(24.0 / cw);
  if (every < 1) every = 1;
  if (col_title) text_at(t, left + (W - left - right) / 2, 14, "middle",
                         "fill=\"#111827\"", col_title);
  if (row_title) text_at(t, 4, 14, "start", "fill=\"#111827\"", row_title);
  for (size_t c = 0; c < cols; c++)
    if (c % every == 0)
      text_at(t, left + cw * ((double)c + 0.5), top - 8, "middle",
              "fill=\"#4b5563\" font-size=\"10\"", col_labels[c]);
  for (size_t r = 0; r < rows; r++) {
    double y = top + ch * (double)r;
    text_at(t, left - 6, y + ch / 2 + 4, "end",
            "fill=\"#4b5563\" font-size=\"10\"", row_labels[r]);
    for (size_t c = 0; c < cols; c++) {
      double val = v[r * cols + c];
      if (!isfinite(val)) continue;
      double s = hi > lo ? (val - lo) / (hi - lo) : 0;
      kw_text_put(t, "<rect x=\"");
      kw_text_coord(t, left + cw * (double)c);
      kw_text_put(t, "\" y=\"");
      kw_text_coord(t, y);
      kw_text_put(t, "\" width=\"");
      kw_text_coord(t, cw - 1);
      kw_text_put(t, "\" height=\"");
      kw_text_coord(t, ch - 1);
      kw_text_put(t, "\" fill=\"");
      blue(t, s);
      kw_text_put(t, "\"><title>");
      kw_text_esc(t, row_labels[r]);
      kw_text_put(t, " / ");
      kw_text_esc(t, col_labels[c]);
      kw_text_put(t, ": ");
      kw_text_esc(t, kw_svg_value(buf, val, fmt, decimals, st));
      kw_text_put(t, "</title></rect>");
      if (text) {
        char attr[64];
        snprintf(attr, sizeof attr, "fill=\"%s\" font-size=\"%s\"",
                 s > 0.55 ? "#ffffff" : "#111827", fs);
        text_at(t, left + cw * ((double)c + 0.5), y + ch / 2 + 4, "middle",
                attr, kw_svg_value(buf, val, fmt, decimals, st));
      }
    }
  }
  /* the colour scale: ten steps from lo to hi, labelled at both ends */
  if (hi > lo) {
    double sy = top + ch * (double)rows + 18, sw = 16;
    for (int k = 0; k < 10; k++) {
      kw_text_put(t, "<rect x=\"");
      kw_text_coord(t, left + 40 + sw * k);
      kw_text_put(t, "\" y=\"");
      kw_text_coord(t, sy);
      kw_text_put(t, "\" width=\"");
      kw_text_coord(t, sw);
      kw_text_put(t, "\" height=\"10\" fill=\"");
      blue(t, (k + 0.5) / 10.0);
      kw_text_put(t, "\"/>");
    }
    text_at(t, left + 34, sy + 9, "end", "fill=\"#4b5563\" font-size=\"10\"",
            kw_svg_value(buf, lo, fmt, decimals, st));
    bool above = false; /* values past hi share its colour: "≥ hi" */
    for (size_t i = 0; i < rows * cols; i++)
      if (isfinite(v[i]) && v[i] > hi) above = true;
    char lab[64];
    snprintf(lab, sizeof lab, "%s%s", above ? "\xe2\x89\xa5 " : "",
             kw_svg_value(buf, hi, fmt, decimals, st));
    text_at(t, left + 46 + sw * 10, sy + 9, "start",
            "fill=\"#4b5563\" font-size=\"10\"", lab);
  }
  kw_text_put(t, "</svg>");
}

static const char *const seg_colors[] = {
    "#15803d", "#22c55e", "#86efac", "#38bdf8", "#a5b4fc", "#fde047",
    "#fdba74", "#f97316", "#dc2626", "#9ca3af", "#6b7280", "#c084fc",
    "#f472b6", "#2dd4bf"};

void kw_svg_rfm_grid(kw_text *t, const kw_svg_style *st, const char *title,
                     const uint32_t count[5][9], const uint8_t seg[5][9],
                     const char *const *seg_names, size_t n_seg, size_t min,
                     const char *x_title, const char *y_title) {
  double left = 56, top = 10, cw = (W - left - 10) / 9.0, ch = 40;
  size_t ncolor = sizeof seg_colors / sizeof *seg_colors;
  size_t legend_rows = (n_seg + 2) / 3;
  double gh = top + 5 * ch, h = gh + 44 + 20.0 * (double)legend_rows;
  open_svg(t, h, title);
  char buf[48];
  (void)st;
  for (int r = 4; r >= 0; r--) {
    double y = top + ch * (double)(4 - r);
    snprintf(buf, sizeof buf, "R %d", r + 1);
    text_at(t, left - 8, y + ch / 2 + 4, "end", "fill=\"#4b5563\"", buf);
    for (int c = 0; c < 9; c++) {
      uint8_t g = seg[r][c];
      uint32_t n = count[r][c];
      const char *fill = g < n_seg ? seg_colors[g % ncolor] : "#f3f4f6";
      kw_text_put(t, "<rect x=\"");
      kw_text_coord(t, left + cw * c);
      kw_text_put(t, "\" y=\"");
      kw_text_coord(t, y);
      kw_text_put(t, "\" width=\"");
      kw_text_coord(t, cw - 2);
      kw_text_put(t, "\" height=\"");
      kw_text_coord(t, ch - 2);
      kw_text_printf(t, "\" fill=\"%s\" rx=\"3\">", fill);
      if (g < n_seg) {
        kw_text_put(t, "<title>");
        kw_text_esc(t, seg_names[g]);
        kw_text_put(t, "</title>");
      }
      kw_text_put(t, "</rect>");
      if (n == 0) continue;
      if (n < min) snprintf(buf, sizeof buf, "<%zu", min);
      else kw_fmt_number(buf, n, 0, st->lang);
      text_at(t, left + cw * (c + 0.5) - 1, y + ch / 2 + 4, "middle",
              "fill=\"#111827\" font-weight=\"600\"", buf);
    }
  }
  for (int c = 0; c < 9; c++) {
    kw_fmt_number(buf, 1 + 0.5 * c, c % 2 ? 1 : 0, st->lang);
    text_at(t, left + cw * (c + 0.5), gh + 14, "middle", "fill=\"#4b5563\"",
            buf);
  }
  if (x_title)
    text_at(t, left + (W - left) / 2, gh + 30, "middle", "fill=\"#111827\"",
            x_title);
  if (y_title) {
    kw_text_put(t, "<text transform=\"translate(12 ");
    kw_text_coord(t, top + 2.5 * ch);
    kw_text_put(t, ") rotate(-90)\" text-anchor=\"middle\" fill=\"#111827\">");
    kw_text_esc(t, y_title);
    kw_text_put(t, "</text>");
  }
  for (size_t g = 0; g < n_seg; g++) {
    double x = 10 + 210.0 * (double)(g % 3), y = gh + 48 + 20.0 * (double)(g / 3);
    kw_text_put(t, "<rect x=\"");
    kw_text_coord(t, x);
    kw_text_put(t, "\" y=\"");
    kw_text_coord(t, y - 10);
    kw_text_printf(t, "\" width=\"14\" height=\"12\" fill=\"%s\" rx=\"2\"/>",
                   seg_colors[g % ncolor]);
    text_at(t, x + 19, y, "start", "fill=\"#111827\"", seg_names[g]);
  }
  kw_text_put(t, "</svg>");
}
