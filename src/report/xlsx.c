/*
 * xlsx.c — customers.xlsx over libxlsxwriter.
 *
 * Sheets: an overview of the key figures; every customer with every
 * column of customers.csv (export.c), headers in the report's language;
 * then one sheet per action with the customers of its list (marketing
 * lists without the customers who refused consent), sorted by the money at
 * stake, with the columns one needs to act (id, name with show_names,
 * money at stake, reason, revenue, CLV, P(alive), next-best product,
 * consent). Each data sheet has a bold header row that stays in view (frozen
 * pane), filters on every column and formats per column: money with two
 * decimals, shares as percentages, dates as dates (dd-mm-yyyy in Dutch,
 * yyyy-mm-dd in English).
 *
 * The workbook is written in libxlsxwriter's constant-memory mode (rows
 * stream to temporary files in the target folder), to a temporary name
 * beside the target, and renamed over it when complete. A sheet holds at
 * most 1,048,575 data rows (Excel's limit); the overview says when a sheet
 * was cut.
 *
 * Every call that can fail is checked (libxlsxwriter's return values, the
 * row stream of each sheet, workbook_close, fsync): a failure removes the
 * temporary file and names the path and the system's reason. Text cells
 * that a spreadsheet would read as a formula (starting with =, +, -, @,
 * tab or CR) get a leading apostrophe (the OWASP advice against CSV
 * injection); numbers are written as numbers. A text longer than Excel's
 * 32,767 characters is cut there.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "io/atomic.h"
#include "report/analysis_text.h"
#include "report/export.h"
#include "report/growth_sheets.h"
#include "report/text.h"
#include "report/xlsx_rows.h"

#define MAX_ROWS 1048575u

typedef struct book {
  lxw_workbook *wb;
  lxw_format *head, *money, *pct, *num3, *num1, *integer, *date, *wrap;
  const kw_analysis *a;
  const kw_report_options *ro;
  kw_context *ctx;
  lxw_error err; /* the first failure */
  char *tbuf;    /* a neutralised or cut text cell */
  size_t nsheets; /* sheets added so far */
  bool plain;     /* every cell through libxlsxwriter (the reference) */
  /* sheets whose rows xlsx_rows.c writes after workbook_close */
  kw_xlsx_rows *spl;
  size_t nspl;
} book;

/* Keeps the first failure of a libxlsxwriter call. */
#define CK(b, e)                                \
  do {                                          \
    lxw_error e_ = (e);                         \
    if (e_ && !(b)->err) (b)->err = e_;         \
  } while (0)

#define XLSX_MAX_TEXT 32767

/* A text cell: neutralised when a spreadsheet would take it for a formula,
 * cut at Excel's length limit (at a UTF-8 boundary). */
static void put_text(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                     const char *s, lxw_format *f) {
  bool guard = kw_export_formula_like(s);
  size_t n = strlen(s);
  if (!guard && n <= XLSX_MAX_TEXT) {
    CK(b, worksheet_write_string(ws, r, c, s, f));
    return;
  }
  size_t o = 0;
  if (guard) b->tbuf[o++] = '\'';
  if (n > XLSX_MAX_TEXT - o) {
    n = XLSX_MAX_TEXT - o;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  memcpy(b->tbuf + o, s, n);
  b->tbuf[o + n] = '\0';
  CK(b, worksheet_write_string(ws, r, c, b->tbuf, f));
}

static lxw_format *format_of(book *b, const kw_ccol *c) {
  switch (c->kind) {
    case KW_CC_MONEY: return b->money;
    case KW_CC_PCT: return b->pct;
    case KW_CC_INT: return b->integer;
    case KW_CC_DATE: return b->date;
    case KW_CC_NUM: return c->decimals >= 2 ? b->num3 : b->num1;
    default: return NULL;
  }
}

/* A sheet name Excel accepts: no []:*?/\, at most 31 characters (cut at a
 * UTF-8 character boundary). */
static void sheet_name(char *out, const char *s) {
  size_t k = 0;
  for (; *s && k < 31; s++) out[k++] = strchr("[]:*?/\\", *s) ? '-' : *s;
  while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) k--;
  if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
    /* drop a cut multi-byte sequence */
    size_t j = k;
    while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0x80) j--;
    if (j > 0) {
      unsigned char lead = (unsigned char)out[j - 1];
      size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (k - (j - 1) < need) k = j - 1;
    }
  }
  out[k] = '\0';
}

/* The rows of a constant-memory sheet stream to a temporary file whose
 * write errors libxlsxwriter does not see: checked here. */
static void check_stream(book *b, lxw_worksheet *ws) {
  FILE *f = ws->optimize_tmpfile;
  if (f && (fflush(f) != 0 || ferror(f)) && !b->err)
    b->err = LXW_ERROR_CREATING_TMPFILE;
}

static void data_sheet(book *b, const char *name, const int *ids, size_t nc,
                       const uint32_t *rows, size_t nrows) {
  const kw_analysis *a = b->a;
  char sn[32];
  sheet_name(sn, name);
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, sn);
  if (!ws) {
    CK(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  b->nsheets++;
  bool nl = b->ro->lang == KW_LANG_NL;
  for (size_t j = 0; j < nc; j++) {
    const kw_ccol *c = kw_export_column(ids[j]);
    CK(b, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, c->width,
                               format_of(b, c)));
  }
  for (size_t j = 0; j < nc; j++) {
    const kw_ccol *c = kw_export_column(ids[j]);
    CK(b, worksheet_write_string(ws, 0, (lxw_col_t)j,
                                 nl ? c->label_nl : c->label_en, b->head));
  }
  worksheet_freeze_panes(ws, 1, 1);
  if (nrows > MAX_ROWS) nrows = MAX_ROWS;
  CK(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(nc - 1)));
  if (!b->plain && nrows > 0 && nc <= KW_XLSX_MAX_COLS) {
    /* the rows come later (xlsx_rows.c); a placeholder in the last row
       gives the sheet its dimension */
    kw_xlsx_rows *s = &b->spl[b->nspl++];
    memset(s, 0, sizeof *s);
    s->sheet = b->nsheets;
    s->lang = b->ro->lang;
    s->nc = nc;
    for (size_t j = 0; j < nc; j++) {
      const kw_ccol *c = kw_export_column(ids[j]);
      lxw_format *f = format_of(b, c);
      s->ids[j] = ids[j];
      s->xf[j] = f ? lxw_format_get_xf_index(f) : 0;
      s->decimals[j] = c->decimals;
    }
    s->date_xf = lxw_format_get_xf_index(b->date);
    kw_xlsx_rows_columns(s);
    s->rows = rows;
    s->nrows = nrows;
    CK(b, worksheet_write_number(ws, (lxw_row_t)nrows, 0, 0, NULL));
    return;
  }
  kw_ccell *cell = kw_malloc(b->ctx, sizeof *cell);
  if (!cell) {
    CK(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  for (size_t r = 0; r < nrows && !b->err; r++) {
    size_t i = rows ? rows[r] : r;
    lxw_row_t row = (lxw_row_t)(r + 1);
    for (size_t j = 0; j < nc && !b->err; j++) {
      const kw_ccol *c = kw_export_column(ids[j]);
      kw_export_cell(a, b->ro->lang, ids[j], i, false, cell);
      lxw_col_t col = (lxw_col_t)j;
      switch (cell->kind) {
        case KW_CC_EMPTY:
          break;
        case KW_CC_TEXT:
          put_text(b, ws, row, col, cell->s, NULL);
          break;
        case KW_CC_DATE:
          /* Excel's serial day: days since 1899-12-30 */
          CK(b, worksheet_write_number(ws, row, col, cell->date + 25569.0,
                                       b->date));
          break;
        default: {
          /* rounded to what the column shows: shorter XML to compress */
          static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
          int d = cell->kind == KW_CC_MONEY ? 2
                  : cell->kind == KW_CC_INT ? 0
                                            : c->decimals;
          if (d < 0) d = 0;
          if (d > 6) d = 6;
          double v = round(cell->d * scale[d]) / scale[d];
          CK(b, worksheet_write_number(ws, row, col, v, format_of(b, c)));
        }
      }
    }
    if ((r & 4095) == 4095) check_stream(b, ws);
  }
  check_stream(b, ws);
  kw_free(b->ctx, cell);
}

/* A result table (growth_sheets.h) as a sheet: the headers in the
 * report's language, numbers as numbers. */
static kw_status rtable_sheet(void *user, const char *name,
                              const kw_rtable *t) {
  book *b = user;
  kw_lang lang = b->ro->lang;
  char sn[32];
  sheet_name(sn, name);
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, sn);
  if (!ws) {
    CK(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return KW_OK;
  }
  b->nsheets++;
  for (size_t j = 0; j < t->ncols; j++) {
    const kw_rcol *c = &t->cols[j];
    const char *h = lang == KW_LANG_NL && c->label_nl ? c->label_nl
                                                      : c->label;
    CK(b, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
                               j == 0 ? 22 : 14, NULL));
    /* our own labels ("+ new"), not data: no formula guard */
    CK(b, worksheet_write_string(ws, 0, (lxw_col_t)j, h, b->head));
  }
  worksheet_freeze_panes(ws, 1, 1);
  size_t n = t->nrows < MAX_ROWS ? t->nrows : MAX_ROWS;
  if (t->ncols)
    CK(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n,
                               (lxw_col_t)(t->ncols - 1)));
  for (size_t k = 0; k < n && !b->err; k++) {
    size_t i = t->rows ? t->rows[k] : k;
    lxw_row_t r = (lxw_row_t)(k + 1);
    for (size_t j = 0; j < t->ncols; j++) {
      const kw_rcol *c = &t->cols[j];
      lxw_col_t col = (lxw_col_t)j;
      switch (c->type) {
        case KW_CELL_STR: {
          const char *s = ((const char *const *)c->data)[i];
          if (s && *s) put_text(b, ws, r, col, s, NULL);
          break;
        }
        case KW_CELL_ID: {
          uint32_t id = c->data ? ((const uint32_t *)c->data)[i]
                                : (uint32_t)i;
          if (id != KW_NA_ID) put_text(b, ws, r, col, kw_dict_str(c->dict, id),
                                       NULL);
          break;
        }
        case KW_CELL_CODE: {
          const char *const *l =
              lang == KW_LANG_NL && c->labels_nl ? c->labels_nl : c->labels;
          const char *s = l[((const uint8_t *)c->data)[i]];
          if (s && *s) put_text(b, ws, r, col, s, NULL);
          break;
        }
        case KW_CELL_U32:
          CK(b, worksheet_write_number(
                    ws, r, col, ((const uint32_t *)c->data)[i], b->integer));
          break;
        case KW_CELL_I64:
          CK(b, worksheet_write_number(
                    ws, r, col, (double)((const int64_t *)c->data)[i],
                    b->integer));
          break;
        case KW_CELL_MONEY: {
          int64_t v = ((const int64_t *)c->data)[i];
          if (v != KW_NA_MONEY)
            CK(b, worksheet_write_number(ws, r, col, (double)v / 100.0,
                                         b->money));
          break;
        }
        case KW_CELL_F64:
        case KW_CELL_PCT: {
          double v = ((const double *)c->data)[i];
          if (!isfinite(v)) break;
          lxw_format *f = c->type == KW_CELL_PCT ? b->pct
                          : c->decimals >= 2     ? b->money
                          : c->decimals == 1     ? b->num1
                                                 : b->integer;
          CK(b, worksheet_write_number(ws, r, col, v, f));
          break;
        }
        case KW_CELL_DATE: {
          int32_t d = ((const int32_t *)c->data)[i];
          if (d != KW_NA_DATE)
            CK(b, worksheet_write_number(ws, r, col, d + 25569.0, b->date));
          break;
        }
      }
    }
  }
  check_stream(b, ws);
  return KW_OK;
}

/* Excel's limit and the option bound the sheet of every customer. */
static size_t max_customers(const kw_report_options *ro) {
  size_t m = ro->xlsx_max_customers;
  return m < MAX_ROWS ? m : MAX_ROWS;
}
static bool full_sheet(const kw_analysis *a, const kw_report_options *ro) {
  return a->s->n_buyers <= max_customers(ro);
}
static size_t max_per_action(const kw_report_options *ro) {
  size_t m = ro->xlsx_max_per_action;
  return m < MAX_ROWS ? m : MAX_ROWS;
}

static void overview(book *b) {
  const kw_analysis *a = b->a;
  const kw_report_options *ro = b->ro;
  kw_lang lang = ro->lang;
  char name[32];
  sheet_name(name, kw_msg_text(MSG_SEC_HEADLINE, lang));
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
  if (!ws) {
    CK(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  b->nsheets++;
  CK(b, worksheet_set_column(ws, 0, 0, 34, NULL));
  CK(b, worksheet_set_column(ws, 1, 1, 16, NULL));
  CK(b, worksheet_set_column(ws, 2, 2, 90, NULL));
  const kw_headline *h = &a->head;
  lxw_row_t r = 0;
  CK(b, worksheet_write_string(ws, r, 0, kw_msg_text(MSG_REPORT_TITLE, lang),
                         b->head));
  CK(b, worksheet_write_number(ws, r++, 1, a->as_of + 25569.0, b->date));
  struct {
    kw_msg label;
    double v;
    lxw_format *f;
  } rows[] = {
      {MSG_KPI_CUSTOMERS, (double)h->customers, b->integer},
      {MSG_KPI_ACTIVE, (double)h->active_customers, b->integer},
      {MSG_KPI_REVENUE, (double)h->revenue / 100.0, b->money},
      {MSG_KPI_REPEAT, h->repeat_rate, b->pct},
      {MSG_KPI_CHURN, h->churn_rate, b->pct},
      {MSG_KPI_CLV, h->clv_mean, b->money},
      {MSG_KPI_CAC, h->cac_mean, b->money},
      {MSG_KPI_CLV_CAC, h->clv_cac, b->num1},
      {MSG_KPI_DSO, h->dso, b->num1},
      {MSG_KPI_NPS, h->nps, b->num1},
  };
  for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
    CK(b, worksheet_write_string(ws, r, 0, kw_msg_text(rows[k].label, lang), NULL));
    if (isfinite(rows[k].v))
      CK(b, worksheet_write_number(ws, r, 1, rows[k].v, rows[k].f));
    else
      CK(b, worksheet_write_string(ws, r, 1, kw_msg_text(MSG_NOT_AVAILABLE, lang),
                             NULL));
    r++;
  }
  r++;
  CK(b, worksheet_write_string(ws, r, 0, kw_msg_text(MSG_COL_ACTION, lang), b->head));
  CK(b, worksheet_write_string(ws, r, 1, kw_msg_text(MSG_COL_CUSTOMERS, lang),
                         b->head));
  CK(b, worksheet_write_string(ws, r++, 2, kw_msg_text(MSG_COL_AT_STAKE, lang),
                         b->head));
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    CK(b, worksheet_write_string(ws, r, 0, kw_action_label((kw_action)k, lang),
                           NULL));
    CK(b, worksheet_write_number(ws, r, 1, (double)a->head.action_count[k],
                           b->integer));
    CK(b, worksheet_write_number(ws, r++, 2, a->stake_total[k], b->money));
  }
  r++;
  char buf[1024];
  if (a->has_consent) {
    kw_marg m[] = {kw_ma_int("n", (int64_t)a->no_consent_total)};
    kw_msg_format(buf, sizeof buf, MSG_ACTIONS_CONSENT, lang, a->currency, m,
                  1);
    CK(b, worksheet_write_string(ws, r++, 0, buf, NULL));
  }
  if (!full_sheet(a, ro)) {
    kw_marg m[] = {kw_ma_int("n", (int64_t)a->s->n_buyers),
                   kw_ma_int("max", (int64_t)max_customers(ro))};
    kw_msg_format(buf, sizeof buf, MSG_XLSX_NO_FULL_SHEET, lang, a->currency,
                  m, 2);
    CK(b, worksheet_write_string(ws, r++, 0, buf, NULL));
  }
  bool capped = false;
  for (int k = 1; k < KW_ACTION__COUNT; k++)
    if (a->list_n[k] > max_per_action(ro)) capped = true;
  if (capped) {
    kw_marg m[] = {kw_ma_int("max", (int64_t)max_per_action(ro))};
    kw_msg_format(buf, sizeof buf, MSG_XLSX_ACTION_CAPPED, lang, a->currency,
                  m, 1);
    CK(b, worksheet_write_string(ws, r++, 0, buf, NULL));
  }
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    if (a->step[s] == KW_STEP_RAN) continue;
    kw_step_info si;
    kw_analysis_step(a, (kw_step)s, lang, &si);
    CK(b, worksheet_write_string(ws, r, 0, si.label, NULL));
    CK(b, worksheet_write_string(ws, r++, 2, si.note, NULL));
  }
}

/* libxlsxwriter can lose the system's reason of a failed write while it
 * cleans up: a write of one block into dir finds it again (a full disk),
 * 0 when that write succeeds. */
static int probe_dir(const char *dir) {
  char p[PATH_MAX];
  if (snprintf(p, sizeof p, "%s/.kw_probe.%ld.XXXXXX", dir, (long)getpid()) >=
      (int)sizeof p)
    return 0;
  int fd = mkstemp(p);
  if (fd < 0) return errno;
  static const char block[4096];
  int e = write(fd, block, sizeof block) == (ssize_t)sizeof block ? 0 : errno;
  if (!e && fsync(fd) != 0) e = errno;
  close(fd);
  unlink(p);
  return e;
}

/* The folder of path (for libxlsxwriter's temporary files). */
static char *dir_of(kw_context *ctx, const char *path) {
  char *dir = kw_strdup(ctx, path);
  if (!dir) return NULL;
  char *slash = strrchr(dir, '/');
  if (slash) slash[slash == dir ? 1 : 0] = '\0';
  else strcpy(dir, ".");
  return dir;
}

static kw_status write_book(kw_context *ctx, const kw_analysis *a,
                            const kw_report_options *ro, const char *path,
                            const char *like, bool plain) {
  kw_report_options def;
  ro = kw_report_options_or_default(ro, &def);
  size_t n = strlen(path);
  char *tmp = kw_malloc(ctx, n + 40), *dir = dir_of(ctx, path);
  book b;
  memset(&b, 0, sizeof b);
  b.plain = plain;
  b.tbuf = kw_malloc(ctx, XLSX_MAX_TEXT + 2);
  b.spl = kw_calloc(ctx, KW_ACTION__COUNT + 1, sizeof *b.spl);
  uint32_t *rows = NULL; /* the customer sheet's, kept for xlsx_rows.c */
  if (!tmp || !dir || !b.tbuf || !b.spl) {
    kw_free(ctx, tmp);
    kw_free(ctx, dir);
    kw_free(ctx, b.tbuf);
    kw_free(ctx, b.spl);
    return kw_fail_nomem(ctx);
  }
  /* temporaries of this name left by a process that is gone */
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  char prefix[300];
  if (strlen(base) < 256) {
    snprintf(prefix, sizeof prefix, "%s.tmp.", base);
    kw_temp_sweep(dir, prefix);
  }
  snprintf(tmp, n + 40, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
  kw_status st = KW_OK;
  int slot = -1;
  int fd = kw_temp_create(tmp, false, &slot);
  if (fd < 0) {
    st = kw_out_fail(ctx, KW_EIO, "out.err.create", "path", path, "reason",
                     kw_sys_reason(errno), NULL);
    tmp[0] = '\0';
    goto out;
  }
  /* the mode rule of every output file: the replaced file's, or 0666 less
   * the umask; workbook_new_opt's fopen keeps it */
  if (fchmod(fd, kw_out_mode(like, false)) != 0) {
    st = kw_out_fail(ctx, KW_EIO, "out.err.mode", "path", path, "reason",
                     kw_sys_reason(errno), NULL);
    close(fd);
    goto out;
  }
  close(fd);
  lxw_workbook_options wo = {0};
  wo.constant_memory = LXW_TRUE;
  wo.tmpdir = dir;
  wo.use_zip64 = LXW_TRUE;
  b.a = a;
  b.ro = ro;
  b.ctx = ctx;
  errno = 0;
  b.wb = workbook_new_opt(tmp, &wo);
  if (!b.wb) {
    st = kw_out_fail(ctx, errno == ENOMEM ? KW_ENOMEM : KW_EIO,
                     "out.err.workbook", "path", path, "reason",
                     errno ? kw_sys_reason(errno) : "libxlsxwriter failed",
                     NULL);
    goto out;
  }
  bool nl = ro->lang == KW_LANG_NL;
  b.head = workbook_add_format(b.wb);
  b.money = workbook_add_format(b.wb);
  b.pct = workbook_add_format(b.wb);
  b.num3 = workbook_add_format(b.wb);
  b.num1 = workbook_add_format(b.wb);
  b.integer = workbook_add_format(b.wb);
  b.date = workbook_add_format(b.wb);
  if (!b.head || !b.money || !b.pct || !b.num3 || !b.num1 || !b.integer ||
      !b.date) {
    b.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
  } else {
    format_set_bold(b.head);
    format_set_bg_color(b.head, 0xE5E7EB);
    format_set_bottom(b.head, LXW_BORDER_THIN);
    format_set_num_format(b.money, "#,##0.00");
    format_set_num_format(b.pct, "0.0%");
    format_set_num_format(b.num3, "0.000");
    format_set_num_format(b.num1, "0.0");
    format_set_num_format(b.integer, "0");
    format_set_num_format(b.date, nl ? "dd-mm-yyyy" : "yyyy-mm-dd");
    CK(&b, workbook_set_properties(
               b.wb, &(lxw_doc_properties){
                         .title = (char *)kw_msg_text(MSG_REPORT_TITLE,
                                                      ro->lang),
                         .comments = (char *)"klantwijs"}));
  }
  if (!b.err) overview(&b);
  int ids[64];
  size_t nc = kw_export_columns(a, ro, ids, 64);
  if (!b.err && full_sheet(a, ro)) {
    /* the customers with a purchase, as in customers.csv */
    rows = kw_malloc(b.ctx, (a->n ? a->n : 1) * sizeof *rows);
    size_t nr = 0;
    if (!rows) {
      b.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    } else {
      for (size_t i = 0; i < a->n; i++)
        if (a->s->first[i] != KW_NA_DATE) rows[nr++] = (uint32_t)i;
      data_sheet(&b, kw_msg_text(MSG_COL_CUSTOMERS, ro->lang), ids, nc,
                 rows, nr);
    }
  }
  /* action sheets: a shorter set of columns */
  static const char *const keep[] = {
      "customer_id", "name", "at_stake", "reason", "revenue", "clv",
      "p_alive", "next_best_product", "marketing_consent"};
  int aids[64];
  size_t na = 0;
  for (size_t k = 0; k < sizeof keep / sizeof *keep; k++)
    for (size_t j = 0; j < nc; j++)
      if (strcmp(kw_export_column(ids[j])->key, keep[k]) == 0) aids[na++] = ids[j];
  for (int k = 1; k < KW_ACTION__COUNT && !b.err; k++)
    data_sheet(&b, kw_action_label((kw_action)k, ro->lang), aids, na,
               a->list[k],
               a->list_n[k] < max_per_action(ro) ? a->list_n[k]
                                                 : max_per_action(ro));
  /* trend, funnel, referrers, channels, spend and discounts */
  if (!b.err) {
    kw_growth_sink sk = {rtable_sheet, &b};
    st = kw_growth_sheets(ctx, a->trends, a->journey, a->referrals, a->acq,
                          ro->lang, &sk);
    if (st) {
      workbook_close(b.wb);
      goto out;
    }
  }
  int err_before = b.err == LXW_ERROR_CREATING_TMPFILE ? errno : 0;
  errno = 0;
  lxw_error cerr = workbook_close(b.wb);
  int sys = errno;
  if (b.err || cerr) {
    lxw_error e = b.err ? b.err : cerr;
    if (b.err) sys = err_before;
    if (!sys && e != LXW_ERROR_MEMORY_MALLOC_FAILED) sys = probe_dir(dir);
    kw_status code = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? KW_ENOMEM : KW_EIO;
    if (sys) /* the system's reason by key, the workbook's as detail */
      st = kw_out_fail(ctx, code, "out.err.write_detail", "path", path,
                       "reason", kw_sys_reason(sys), "detail",
                       lxw_strerror(e), NULL);
    else
      st = kw_out_fail(ctx, code, "out.err.write", "path", path, "reason",
                       lxw_strerror(e), NULL);
    goto out;
  }
  /* the data rows, into the sheets' places (a new file: its mode again) */
  if (b.nspl) {
    st = kw_xlsx_rows_put(ctx, a, tmp, path, b.spl, b.nspl);
    if (st) goto out;
    if (chmod(tmp, kw_out_mode(like, false)) != 0) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.mode", "path", path, "reason",
                       kw_sys_reason(errno), NULL);
      goto out;
    }
  }
  /* on disk before the rename */
  fd = open(tmp, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                     kw_sys_reason(errno), NULL);
    if (fd >= 0) close(fd);
    goto out;
  }
  close(fd);
  if (rename(tmp, path) != 0)
    st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                     kw_sys_reason(errno), NULL);
out:
  if (st && tmp[0]) unlink(tmp);
  kw_temp_unregister(slot);
  kw_free(ctx, tmp);
  kw_free(ctx, dir);
  kw_free(ctx, b.tbuf);
  kw_free(ctx, b.spl);
  kw_free(ctx, rows);
  return st;
}

kw_status kw_report_customers_xlsx_like(kw_context *ctx, const kw_analysis *a,
                                        const kw_report_options *ro,
                                        const char *path, const char *like) {
  return write_book(ctx, a, ro, path, like, false);
}

kw_status kw_report_customers_xlsx_plain(kw_context *ctx, const kw_analysis *a,
                                         const kw_report_options *ro,
                                         const char *path) {
  return write_book(ctx, a, ro, path, path, true);
}

kw_status kw_report_customers_xlsx(kw_context *ctx, const kw_analysis *a,
                                   const kw_report_options *ro,
                                   const char *path) {
  return kw_report_customers_xlsx_like(ctx, a, ro, path, path);
}
