/*
 * export.h — the per-customer columns shared by customers.csv and
 * customers.xlsx: one table of columns, each with a stable key, a header
 * in both languages and a way to produce the cell. Internal.
 */
#ifndef KW_REPORT_EXPORT_H
#define KW_REPORT_EXPORT_H

#include "models/analyze_internal.h"
#include "report/analysis_text.h"
#include "report/messages.h"
#include "report/text.h"

typedef enum kw_ccell_kind {
  KW_CC_EMPTY = 0,
  KW_CC_TEXT,  /* s */
  KW_CC_MONEY, /* d, currency units */
  KW_CC_NUM,   /* d with the column's decimals */
  KW_CC_PCT,   /* d, a fraction */
  KW_CC_INT,   /* d, a whole number */
  KW_CC_DATE   /* date */
} kw_ccell_kind;

typedef struct kw_ccell {
  kw_ccell_kind kind;
  double d;
  int32_t date;
  int64_t cents; /* KW_CC_MONEY from int64 cents when exact */
  bool exact;
  const char *s;
  char buf[600]; /* s may point here */
} kw_ccell;

typedef struct kw_ccol {
  const char *key;
  const char *label_en, *label_nl;
  kw_ccell_kind kind;
  int decimals;
  int width; /* spreadsheet column width */
} kw_ccol;

/* The columns present for this analysis (ids into an internal table); the
 * name column only with ro->show_names. */
size_t kw_export_columns(const kw_analysis *a, const kw_report_options *ro,
                         int *ids, size_t cap);
const kw_ccol *kw_export_column(int id);
/* The cell of column id for customer i. For text cells of words (action,
 * status, class) machine is true for the key ("win_back"), false for the
 * label in lang. */
void kw_export_cell(const kw_analysis *a, kw_lang lang, int id, size_t i,
                    bool machine, kw_ccell *c);

/* Plain number for machines: '.' decimal mark, fixed decimals, no
 * grouping, no "-0". buf: 48 bytes. */
char *kw_fmt_fixed(char *buf, double v, int decimals);

/* kw_report_customers_xlsx whose new file gets the mode of `like` (the
 * file it will replace) rather than that of path. */
kw_status kw_report_customers_xlsx_like(kw_context *ctx, const kw_analysis *a,
                                        const kw_report_options *ro,
                                        const char *path, const char *like);

/* customers.xlsx with every cell written through libxlsxwriter: the
 * straightforward writer the fast one (xlsx_rows.c) is tested against. */
kw_status kw_report_customers_xlsx_plain(kw_context *ctx, const kw_analysis *a,
                                         const kw_report_options *ro,
                                         const char *path);

/* True for text a spreadsheet would read as a formula: it starts with =,
 * +, -, @, tab or CR. Writers of CSV and XLSX text cells prefix such text
 * with an apostrophe. */
bool kw_export_formula_like(const char *s);

/* One file of a report folder: written to a stream (to_file) or, for
 * libraries that write by path, to a path whose new file takes the mode
 * of `like` (to_path). state is the writer's own. */
typedef struct kw_folder_file {
  const char *name;
  kw_status (*to_file)(kw_context *ctx, const void *state, FILE *f);
  kw_status (*to_path)(kw_context *ctx, const void *state, const char *path,
                       const char *like);
} kw_folder_file;

/* Writes the files into a temporary folder beside dir and puts it in
 * dir's place only when every file is complete (see output.c): a report
 * folder is written whole or not at all, one run per folder at a time. */
kw_status kw_report_folder(kw_context *ctx, const char *dir,
                           const kw_folder_file *files, size_t n,
                           const void *state);

#endif
