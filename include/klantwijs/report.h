/*
 * klantwijs/report.h — writing results: number formatting in the user's
 * convention, result tables as terminal tables, CSV or JSON, key figures,
 * and atomic output files.
 *
 * A kw_rtable is a view: its columns point at arrays the caller owns (a
 * summary's or a model's), so writing a million customers copies nothing.
 * Writers take a FILE* the caller opened; they never open files themselves
 * (kw_atomic_* below does that for output paths).
 */
#ifndef KLANTWIJS_REPORT_H
#define KLANTWIJS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"
#include "klantwijs/survival.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kw_lang { KW_LANG_EN = 0, KW_LANG_NL } kw_lang;
typedef enum kw_format {
  KW_FORMAT_TABLE = 0,
  KW_FORMAT_CSV,
  KW_FORMAT_JSON
} kw_format;

/* Parse "en"/"nl" and "table"/"csv"/"json"; false when unknown. */
KW_API bool kw_lang_parse(const char *s, kw_lang *out);
KW_API bool kw_format_parse(const char *s, kw_format *out);

/*
 * The one message table (report texts, command-line help, usage errors and
 * warnings), English and Dutch, by dotted key ("cli.err.unknown_option").
 * kw_message returns the text in lang, or NULL when there is no such key.
 * kw_message_fill writes it into buf (at most cap bytes, NUL included) with
 * each {name} placeholder replaced by the value of that name (names[i] ->
 * values[i]; a placeholder without a value stays as written; an unknown
 * key gives the key itself). Returns the length of the full text.
 */
KW_API const char *kw_message(const char *key, kw_lang lang);
KW_API size_t kw_message_fill(char *buf, size_t cap, const char *key,
                              kw_lang lang, const char *const *names,
                              const char *const *values, size_t n);

/*
 * A library message (kw_msginfo, klantwijs/core.h) in lang: "where: text", or
 * the text alone when where is "". A value may itself stand for words of
 * the table or for a figure written the language's way, by its first
 * byte: KW_MSGV_KEY then a key (the text of that key in lang),
 * KW_MSGV_DECIMAL then a plain decimal ("12.50": "12,50" in Dutch),
 * KW_MSGV_DATE then an ISO date ("2024-01-03": "03-01-2024" in Dutch).
 * A message without a key gives text_en (its only text). Returns buf.
 */
KW_API char *kw_msginfo_text(char *buf, size_t cap, const kw_msginfo *m,
                         const char *text_en, kw_lang lang);
/* kw_message_fill with values marked as for kw_msginfo_text. */
KW_API size_t kw_message_fill_marked(char *buf, size_t cap, const char *key,
                                     kw_lang lang, const char *const *names,
                                     const char *const *values, size_t n);

/* "1,234.56" (en) or "1.234,56" (nl); negative with a leading '-'.
 * buf needs 32 bytes. Returns buf. */
KW_API char *kw_fmt_money(char *buf, int64_t cents, kw_lang lang);
/* Money for machines: "-1234.56" ('.' decimals, no grouping); "" for
 * KW_NA_MONEY. buf needs 32 bytes. Returns buf. */
KW_API char *kw_fmt_money_plain(char *buf, int64_t cents);
/* A number with fixed decimals and grouping in the user's convention. */
KW_API char *kw_fmt_number(char *buf, double v, int decimals, kw_lang lang);
/* A number for machines: '.' decimal mark, no grouping, whatever the
 * process locale; shortest form that round-trips for 15 digits. */
KW_API char *kw_fmt_plain(char *buf, double v);

/* s for a terminal: control characters (C0, DEL, C1) and bytes that are
 * not UTF-8 become visible escapes (\x1b, \n), so data never sends escape
 * sequences. Writes at most cap bytes with the NUL (cut at a character);
 * returns out. kw_term_width() is the display width (code points) of the
 * escaped text, kw_term_put() writes it to f. */
KW_API char *kw_term_text(char *out, size_t cap, const char *s);
KW_API size_t kw_term_width(const char *s);
KW_API void kw_term_put(FILE *f, const char *s);

typedef enum kw_cell_type {
  KW_CELL_STR,   /* const char *const *: a string per row */
  KW_CELL_ID,    /* const uint32_t *: ids into dict; NULL: the row is the id */
  KW_CELL_CODE,  /* const uint8_t *: index into labels (labels_nl) */
  KW_CELL_U32,   /* const uint32_t * */
  KW_CELL_I64,   /* const int64_t * */
  KW_CELL_MONEY, /* const int64_t *: cents; KW_NA_MONEY = missing */
  KW_CELL_F64,   /* const double *: NaN = missing */
  KW_CELL_PCT,   /* const double *: a fraction, shown as a percentage */
  KW_CELL_DATE   /* const int32_t *: days; KW_NA_DATE = missing */
} kw_cell_type;

typedef struct kw_rcol {
  const char *key;      /* machine name: CSV header, JSON member */
  const char *label;    /* terminal header (English) */
  const char *label_nl; /* terminal header in Dutch; NULL = label */
  kw_cell_type type;
  int decimals;         /* F64/PCT */
  const void *data;
  const kw_dict *dict;  /* ID */
  const char *const *labels;    /* CODE */
  const char *const *labels_nl; /* CODE, Dutch; NULL = labels */
} kw_rcol;

typedef struct kw_rtable {
  const char *title;
  size_t nrows;         /* rows to write */
  const uint32_t *rows; /* indices into the column arrays; NULL = 0..n-1 */
  size_t ncols;
  const kw_rcol *cols;
} kw_rtable;

/* A key figure. */
typedef struct kw_kv {
  const char *key;
  const char *label;
  const char *label_nl;
  kw_cell_type type; /* STR, I64, MONEY, F64, PCT, DATE */
  int decimals;
  union {
    const char *s;
    int64_t i;
    double d;
  } v;
} kw_kv;

/* Write a table; a terminal table shows at most max_rows rows (0 = all)
 * and says how many were left out. */
KW_API kw_status kw_write_rtable(kw_context *ctx, FILE *f, const kw_rtable *t,
                                 kw_format fmt, kw_lang lang, size_t max_rows);
/* Key figures: "label  value" lines, CSV key,value rows or a JSON object. */
KW_API kw_status kw_write_kv(kw_context *ctx, FILE *f, const char *title,
                             const kw_kv *kv, size_t n, kw_format fmt,
                             kw_lang lang);

/* What a total covers, as key figures (keys n_customers, lines, revenue,
 * and return_only_customers, return_only_revenue when there are any): the
 * customer base of klantwijs/summary.h. kv must hold KW_COVERAGE_MAX rows;
 * returns the rows filled. Every command that prints a total uses it. */
#define KW_COVERAGE_MAX 5
KW_API size_t kw_report_coverage_kv(kw_kv *kv,
                                    const kw_customer_summary *v);

/* Writers of a revenue-concentration result (klantwijs/value.h): the key
 * figures with the customer base, the sentences that read them, the ABC
 * table and the largest customers on a terminal; every customer's row in
 * CSV (or the figures with portfolio); both and the curves in JSON. p, the
 * profitability result, is optional (the contribution column). */
typedef struct kw_pareto kw_pareto;
typedef struct kw_pareto_options kw_pareto_options;
typedef struct kw_profit kw_profit;
typedef struct kw_pareto_report {
  kw_format format;
  kw_lang lang;
  bool per_customer; /* table: every customer's row instead */
  bool portfolio;    /* csv: the key figures as key,value rows */
  size_t top;        /* terminal: rows of the largest customers (0 = all) */
} kw_pareto_report;
KW_API void kw_pareto_report_init(kw_pareto_report *r);
KW_API kw_status kw_report_pareto(kw_context *ctx, FILE *f,
                                  const kw_pareto *pa,
                                  const kw_pareto_options *po,
                                  const kw_customer_summary *v,
                                  const kw_profit *p,
                                  const kw_pareto_report *r);

/* Writers of a churn analysis: a terminal report (the rule, the customer
 * base, the counts and both churn figures, the last 12 periods, the
 * recent and at-risk lists), one table (table or CSV), or everything in
 * JSON. The gap options are stated in the header as they were used. */
typedef enum kw_churn_table {
  KW_CHURN_TABLE_ALL = 0, /* terminal report; csv: the periods */
  KW_CHURN_TABLE_PERIODS,
  KW_CHURN_TABLE_RECENT,
  KW_CHURN_TABLE_AT_RISK,
  KW_CHURN_TABLE_CUSTOMERS
} kw_churn_table;

typedef struct kw_churn_report {
  kw_format format;
  kw_lang lang;
  kw_churn_table table;
  size_t top;                 /* rows per list on a terminal (0 = all) */
} kw_churn_report; /* the rule's parameters come from kw_churn_info */

KW_API void kw_churn_report_init(kw_churn_report *r);
/* ids: the customer dictionary; v: the summary (revenue per customer and
 * the customer base), optional. */
KW_API kw_status kw_report_churn(kw_context *ctx, FILE *f, const kw_churn *ch,
                                 const kw_dict *ids,
                                 const kw_customer_summary *v,
                                 const kw_churn_report *r);

/* Writers of a churn-driver fit on the rows it was fitted on (ch: the
 * churn analysis behind the rows; NULL for a churn flag column). */
typedef enum kw_churn_drivers_table {
  KW_CHURN_DRIVERS_ALL = 0, /* terminal report; csv: the model */
  KW_CHURN_DRIVERS_LEVELS,
  KW_CHURN_DRIVERS_NUMERIC,
  KW_CHURN_DRIVERS_MODEL,
  KW_CHURN_DRIVERS_CALIBRATION
} kw_churn_drivers_table;

KW_API kw_status kw_report_churn_drivers(kw_context *ctx, FILE *f,
                                         const kw_churn_drivers *d,
                                         const kw_churn_driver_rows *rows,
                                         const kw_churn *ch, kw_format format,
                                         kw_lang lang,
                                         kw_churn_drivers_table table);

/* Writers of a Kaplan–Meier fit: a terminal report (what the durations
 * are, the per-group summary with medians, the at-risk table, the
 * log-rank test), one table (table or CSV), or everything in JSON. The
 * description says where the durations came from. */
typedef enum kw_km_source {
  KW_KM_SOURCE_COLUMNS = 0, /* a duration and an event column */
  KW_KM_SOURCE_CONTRACTS,
  KW_KM_SOURCE_PURCHASES
} kw_km_source;

typedef enum kw_km_table {
  KW_KM_TABLE_ALL = 0, /* terminal report; csv: the curve */
  KW_KM_TABLE_SUMMARY,
  KW_KM_TABLE_AT_RISK,
  KW_KM_TABLE_CURVE
} kw_km_table;

typedef struct kw_km_report {
  kw_format format;
  kw_lang lang;
  kw_km_table table;
  kw_km_source src;
  const char *dur_name, *ev_name; /* columns */
  const char *unit;               /* contracts, purchases: day|week|month */
  int32_t as_of;
  double gap;                     /* purchases: the gap in days */
  bool gap_derived;
  const char *by;                 /* the grouping column, NULL: none */
  const char *const *group_names; /* NULL: the model's group names */
  bool grouped;                   /* groups went through the privacy rule */
  size_t merged_groups;           /* groups merged into "other" */
  uint64_t left_out;              /* customers of small groups left out */
  bool integer;                   /* every duration is whole */
} kw_km_report;

KW_API void kw_km_report_init(kw_km_report *r);
KW_API kw_status kw_report_km(kw_context *ctx, FILE *f, const kw_km *km,
                              const kw_km_report *r);

/* Writers of shifted-beta-geometric fits (one per group, or one): the
 * parameters, fit, mean churn probability, expected lifetime and DERL,
 * and the period table of observed and fitted survival and retention up
 * to horizon periods (0: the periods observed + 5). */
typedef struct kw_sbg_group {
  const char *name;         /* the group ("all" without groups) */
  const kw_sbg *model;
  size_t T;                 /* periods observed */
  const double *churned;    /* T + 1 counts per period */
  const double *censored;   /* T + 1 */
  bool survivors;           /* one cohort's survivors (--survivors) */
} kw_sbg_group;

typedef struct kw_sbg_report {
  kw_format format;
  kw_lang lang;
  const char *source;       /* "columns", "contracts", "purchases"; NULL:
                               survivor counts given directly */
  const char *unit;         /* the period (day, week, month) */
  const char *by;           /* the grouping column */
  bool grouped;
  unsigned long horizon;
  double discount;          /* > 0: DERL at this discount per period */
} kw_sbg_report;

KW_API void kw_sbg_report_init(kw_sbg_report *r);
KW_API kw_status kw_report_sbg(kw_context *ctx, FILE *f,
                               const kw_sbg_group *fits, size_t n,
                               const kw_sbg_report *r);

/* The writer of a whole survival analysis (kw_survival_compute): the
 * Kaplan–Meier report (table: one of its tables) or the sBG report, with
 * the groups named in lang. */
typedef struct kw_survival_report {
  kw_format format;
  kw_lang lang;
  kw_km_table table;      /* Kaplan–Meier only */
  const char *unit;       /* contracts, purchases, sBG: day|week|month */
  const char *by;         /* the grouping column, NULL: none */
  unsigned long horizon;  /* sBG, as kw_sbg_report */
  double discount;
} kw_survival_report;

KW_API void kw_survival_report_init(kw_survival_report *r);
KW_API kw_status kw_report_survival(kw_context *ctx, FILE *f,
                                    const kw_survival *s,
                                    const kw_survival_report *r);

/* The name of group j of a grouping (klantwijs/groups.h) in lang: the
 * value, or "(blank)", "yes", "no", "other" for those kinds. */
typedef struct kw_groups_data kw_groups_data;
KW_API const char *kw_report_group_label(const kw_groups_data *v, size_t j,
                                         kw_lang lang);

/* The churn figures under their names (klantwijs/retention.h): the
 * churned share today, labelled by its basis (gap rule, P(alive) or
 * contracts), and the 12-month churn rate with its base. kv must hold
 * KW_CHURN_RATES_MAX rows; returns the rows filled. */
#define KW_CHURN_RATES_MAX 3
KW_API size_t kw_report_churn_rates_kv(kw_kv *kv, const kw_churn *ch);

/* ------------------------------------------------ atomic output files */

/* Opens a temporary file beside path; kw_atomic_commit() flushes, syncs
 * and renames it over path; kw_atomic_abort() removes it. */
typedef struct kw_atomic kw_atomic;
KW_API kw_status kw_atomic_open(kw_context *ctx, const char *path,
                                kw_atomic **out);
KW_API FILE *kw_atomic_file(kw_atomic *a);
KW_API kw_status kw_atomic_commit(kw_atomic *a);
KW_API void kw_atomic_abort(kw_atomic *a);

/* Removes the temporary files and folders of output being written (an
 * atomic file, a report folder). Async-signal-safe: for a SIGINT/SIGTERM
 * handler that then ends the process. The next run also removes those a
 * killed process left, by their name and dead process id. */
KW_API void kw_cleanup_temp(void);

#ifdef __cplusplus
}
#endif
#endif
