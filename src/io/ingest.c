/*
 * ingest.c — one delimited file into typed columns, in one pass.
 *
 * The file is in memory already (mapped, or read from a pipe); csv.c cuts
 * it into rows of cells that point into it, and each cell goes straight to
 * its column: ids through a dictionary (customers, products and invoice
 * numbers into the dataset's shared ones, other text into one per column),
 * dates, amounts, numbers and flags through the cell parsers of parse.c.
 * No row is ever kept as strings. Column arrays are allocated up front
 * from an estimate of the row count (file size / average row length of the
 * detection sample) and grown by half when it was too low; realloc of large
 * blocks moves pages, not bytes.
 *
 * Per-column conventions. The decimal mark of a money or number column and
 * the day/month order of a date column are decided by the column's own
 * values: the first cell whose reading is unambiguous ("12,50" -> ',',
 * "1,234.5" -> '.', "13/02/2024" -> day first) decides it. A cell that can
 * be read both ways ("1,234", "03/02/2024") seen before the decision is
 * stored under one reading and its row and other reading are put on the
 * column's pending list; the decision rewrites those rows and frees the
 * list, so it only ever holds the ambiguous cells of the first rows. At the
 * end of the file a date column still undecided is day-first (or the
 * --date-format given); a money or number column still undecided takes the
 * decimal mark that the file's other columns agreed on, and failing that
 * the load stops with KW_EAMBIGUOUS naming the column and the option
 * (--decimal-mark) that settles it. After the decision a cell that
 * contradicts it is a bad cell.
 *
 * Amount from quantity x unit price. When sales lines have no amount but a
 * quantity and a unit price, the amount is round(quantity x price) in
 * cents, half away from zero, computed from the price as written, not from
 * its cents: the price digits are read exactly in millionths and the
 * quantity in millionths, their product (a 128-bit integer) is rounded
 * once. A line with a price of 0.295 and a quantity of 10 is 2.95, not
 * 3.00. Without a quantity the unit price is the line's amount.
 *
 * Bad input. Rows are skipped, counted by reason and the first examples
 * kept as "file:line:column: message": a blank line, a row with a different
 * number of fields (extra empty fields are fine), a field longer than
 * max_field, an empty customer id, a date, amount, number or flag that does
 * not parse (or a missing one in a required column). rows_read =
 * rows_used + rows_skipped always holds. In strict mode any such row but a
 * blank line stops the load. Structural errors (an unclosed quote, a NUL
 * byte) always stop it, with the position.
 *
 * Speed. Repeated values (the customer and date of the lines of one
 * invoice) are recognised by comparing a cell with the previous cell of
 * its column, which skips the lookup or the parse. Common amounts ("12,50",
 * "1.234,56" once the column's mark is known) are read by a short fast
 * path. Text cells are interned a batch of rows at a time through a small
 * per-column front index whose slots are prefetched, so that the cache
 * misses of a batch overlap (see flush_batch); with kw_context_threads >= 2
 * a worker thread interns one batch while the reader fills the next. The
 * pages of a mapped file already read are given back as the reader goes.
 */
#include "io/ingest.h"

#include <math.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/dict.h"
#include "data/table.h"
#include "io/csv.h"
#include "io/msg.h"
#include "io/parse.h"
#include "io/roles.h"
#include "klantwijs/report.h"

#define DEFAULT_MAX_FIELD ((size_t)1 << 20)
#define KEY_MAX 24           /* longest cell remembered for repeats */
#define SHOW_MAX 40          /* bytes of a cell shown in messages */
#define RELEASE_STEP ((size_t)16 << 20)
#define THREAD_MIN_BYTES ((size_t)4 << 20) /* a worker thread pays off */
#define PEND_DOT ((uint64_t)1 << 63)

typedef enum col_op {
  OP_CUSTOMER, /* shared customer dictionary */
  OP_PRODUCT,  /* shared product dictionary */
  OP_TEXT,     /* the column's own dictionary */
  OP_DATE,
  OP_MONEY,
  OP_NUMBER,
  OP_FLAG,
  OP_DERIVED,  /* amount = quantity x unit price */
  OP_GENERATED, /* invoice id made from the line number */
  OP_ZERO,      /* amount 0 on every line (amount_optional, no column) */
  OP_ROWID      /* customer id made from the row number ("#17") */
} col_op;

/* A cell read before its column was decided, that the decision may
 * change: its row (PEND_DOT set when its separator was '.') and its other
 * reading. */
typedef struct pend {
  uint64_t row;
  union {
    int64_t i;
    double d;
  } alt;
} pend;

/* A derived amount whose quantity or price was ambiguous. */
typedef struct dpend {
  uint64_t row;
  double q, qa;
  int64_t p, pa; /* price in millionths */
  char qsep, psep;
} dpend;

typedef struct icol {
  const char *name;
  kw_role role;
  kw_type type;
  col_op op;
  uint32_t src; /* field index, UINT32_MAX when made up */
  bool required;
  kw_skip_reason bad;
  void *data;
  kw_dict *dict;
  bool own_dict;
  int feeds;          /* 1 quantity, 2 unit price of a derived amount */
  char mark;          /* decided decimal mark, 0 while undecided */
  bool shown;         /* some cell had a '.' or ',' */
  uint64_t cur[4];    /* amount cells per kw_amount_currency */
  kw_date_order order;
  bool amb;           /* some cell was ambiguous */
  kw_buf pend;
  uint64_t amb_line, amb_col;
  char amb_text[4 * SHOW_MAX];
  /* the previous cell and what it gave */
  size_t klen; /* SIZE_MAX: nothing */
  char key[KEY_MAX];
  uint32_t kid;
  bool krecoded;
  struct fx *fx; /* text: the front index, or NULL */
  int32_t kday, kalt;
  kw_date_evidence kev;
  kw_date_order korder;
  bool kok;
} icol;

typedef struct ingest {
  kw_context *ctx;
  kw_dataset *ds;
  const kw_ingest_args *a;
  kw_load_options opt;
  kw_table_kind kind;
  const char *name;
  const char *data;
  size_t len;
  kw_csv_dialect dl;
  kw_csv_reader rd;
  bool rd_open;
  const kw_row_source *src; /* a workbook sheet instead of rd */
  size_t nfields;
  char **names;
  bool *named;
  kw_role *roles;
  icol *cols;
  size_t ncols;
  size_t *ids, nids;     /* required id columns (checked first) */
  size_t *typed, ntyped; /* dates, money, numbers, flags */
  size_t *btexts, nbtexts; /* text columns interned in batches */
  int gen_invoice;          /* the generated invoice column or -1 */
  int gen_amount;           /* the OP_ZERO amount column or -1 */
  bool zero_amount;         /* transactions read without an amount */
  int gen_customer;         /* the row-number customer column or -1 */
  bool rowids;              /* the table has no customer column */
  /* text cells not yet interned (see flush_batch): the batch being
   * filled, and with a worker thread the one it works on */
  struct tbatch *bat[2];
  int fill;
  kw_context *tctx; /* the context of the text stage */
  bool threaded;
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int queued;  /* the batch handed to the worker, -1 none */
  bool busy;   /* the worker has a batch */
  bool stop;
  kw_status wst;
  kw_context wctx;
  int derived;           /* index of the derived amount column or -1 */
  long vat_field;        /* field of amounts incl. VAT to convert, or -1 */
  kw_vat_basis vat;
  bool vat_other;
  int amount_col, hours_col; /* costs: one of the two is needed */
  size_t rows, cap;
  kw_buf dpend;
  size_t *pushed; /* columns that added a pending cell in this row */
  size_t npushed;
  bool dpushed;
  /* the current row's quantity and price, for a derived amount */
  double cq, cqa;
  char cqsep;
  int64_t cp, cpa;
  char cpsep;
  bool cq_ok, cp_ok;
  char *conv;
  size_t conv_cap;
  kw_table *t;
  uint64_t rows_read, skipped[KW_SKIP__COUNT], recoded;
  uint64_t recoded_line, recoded_col;
  uint64_t guest_rows;   /* transactions without a customer id: amounts */
  int64_t guest_cents;
  kw_buf guests;         /* kw_guest_print of each guest row counted */
  struct part *part;     /* the second half read by another thread */
  /* a streamed input (a pipe): the buffer the reader works in */
  char *sbuf;
  size_t scap;
  bool eof;
  kw_buf retired; /* older buffers the batch being filled points into */
  uint64_t bat_seq; /* batches started */
} ingest;

/* ------------------------------------------------------------ helpers */

static inline void trim(const char **s, size_t *n) {
  const char *p = *s;
  size_t k = *n;
  while (k && (*p == ' ' || *p == '\t')) p++, k--;
  while (k && (p[k - 1] == ' ' || p[k - 1] == '\t')) k--;
  *s = p;
  *n = k;
}

static inline bool has_high(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return true;
  return false;
}

/* Whether a[0..n) == b[0..n), n small: no call, word compares. */
static inline bool same_bytes(const char *a, const char *b, size_t n) {
  while (n >= 8) {
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    if (x != y) return false;
    a += 8, b += 8, n -= 8;
  }
  while (n--)
    if (*a++ != *b++) return false;
  return true;
}

/* A cell for a message: at most SHOW_MAX bytes of valid UTF-8 without
 * control characters, "..." when cut. */
static void show(char *out, size_t cap, const char *s, size_t n) {
  char tmp[3 * SHOW_MAX + 4];
  size_t m = n > SHOW_MAX ? SHOW_MAX : n;
  const char *u = s;
  if (!kw_utf8_valid(s, m)) {
    /* a cut sequence at the end is fine; anything else is recoded */
    size_t k = m;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0 && (unsigned char)s[k - 1] >= 0xC0) k--;
    if (kw_utf8_valid(s, k)) {
      m = k;
    } else {
      m = kw_cp1252_to_utf8(s, m, tmp);
      u = tmp;
    }
  }
  size_t o = 0;
  for (size_t i = 0; i < m && o + 4 < cap; i++) {
    unsigned char c = (unsigned char)u[i];
    out[o++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
  }
  /* do not end inside a UTF-8 sequence */
  while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80) {
    size_t k = o;
    while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0 && kw_utf8_valid(out + k - 1, o - k + 1)) break;
    o = k > 0 ? k - 1 : 0;
  }
  if (n > m && o + 3 < cap) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o] = '\0';
}

static const size_t type_size[] = {sizeof(uint32_t), sizeof(int32_t),
                                   sizeof(int64_t), sizeof(double),
                                   sizeof(int8_t)};

static kw_status ensure_conv(ingest *g, size_t need) {
  if (need <= g->conv_cap) return KW_OK;
  size_t cap = g->conv_cap ? g->conv_cap : 256;
  while (cap < need) cap *= 2;
  char *p = kw_realloc(g->tctx, g->conv, cap);
  if (!p) return kw_fail_nomem(g->tctx);
  g->conv = p;
  g->conv_cap = cap;
  return KW_OK;
}

/* ------------------------------------------------------------- options */

kw_status kw_map_parse(kw_context *ctx, const char *map, kw_table_kind *kind,
                       kw_role *role, const char **column) {
  const char *eq = strchr(map, '=');
  if (!eq || eq == map || !eq[1])
    return kw_io_fail(ctx, KW_EARG, 0, "", "ingest.e.map_form", "map", map,
                      NULL);
  const char *r = map;
  *kind = KW_TABLE__COUNT;
  const char *dot = memchr(map, '.', (size_t)(eq - map));
  if (dot) {
    size_t tn = (size_t)(dot - map);
    for (int k = 0; k < KW_TABLE__COUNT; k++) {
      const char *nm = kw_table_kind_name((kw_table_kind)k);
      if (strlen(nm) == tn && strncasecmp(nm, map, tn) == 0)
        *kind = (kw_table_kind)k;
    }
    if (*kind == KW_TABLE__COUNT) {
      char list[256] = "";
      for (int k = 0; k < KW_TABLE__COUNT; k++) {
        strcat(list, k ? ", " : "");
        strcat(list, kw_table_kind_name((kw_table_kind)k));
      }
      char tname[64];
      snprintf(tname, sizeof tname, "%.*s", (int)tn, map);
      return kw_io_fail(ctx, KW_EARG, 0, "", "ingest.e.map_table", "map", map,
                        "table", tname, "tables", list, NULL);
    }
    r = dot + 1;
  }
  char rn[64];
  size_t n = (size_t)(eq - r);
  if (n == 0 || n >= sizeof rn)
    return kw_io_fail(ctx, KW_EARG, 0, "", "ingest.e.map_role_missing", "map",
                      map, NULL);
  for (size_t i = 0; i < n; i++) {
    char c = r[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
    rn[i] = c;
  }
  rn[n] = '\0';
  *role = kw_role_from_name(rn);
  if (*role == KW_ROLE__COUNT) {
    char list[800] = "";
    size_t o = 0;
    for (int i = 0; i < KW_ROLE__COUNT && o + 40 < sizeof list; i++)
      o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "",
                            kw_role_name((kw_role)i));
    return kw_io_fail(ctx, KW_EARG, 0, "", "ingest.e.map_role", "map", map,
                      "role", rn, "roles", list, NULL);
  }
  *column = eq + 1;
  return KW_OK;
}

/* ------------------------------------------------------------- places */

/* Line and column of a cell (at: its raw pointer; NULL for the row). A
 * row source puts cell i's raw pointer at row->start + i. */
static void where(const ingest *g, const kw_csv_row *row, const char *at,
                  uint64_t *line, uint64_t *col) {
  if (g->src) {
    *line = row->line;
    *col = at ? (uint64_t)(at - row->start) + 1 : 0;
    return;
  }
  *line = row->line;
  *col = 0;
  if (at) kw_csv_where(&g->rd, row, at, line, col);
}

/* "file:line:col" (or "file:line"), or "file.xlsx:Sheet!B17". */
static void place(const ingest *g, uint64_t line, uint64_t col, char *out,
                  size_t cap) {
  if (g->src) {
    char ref[160];
    g->src->ref(g->src->self, line, col, ref, sizeof ref);
    snprintf(out, cap, "%s:%s", g->name, ref);
  } else if (col) {
    snprintf(out, cap, "%s:%llu:%llu", g->name, (unsigned long long)line,
             (unsigned long long)col);
  } else {
    snprintf(out, cap, "%s:%llu", g->name, (unsigned long long)line);
  }
}

/* A fingerprint of a guest row (no customer id) whose amount was counted:
 * its typed values and the bytes of its text cells, so that a table joined
 * from several files can tell the same guest sale exported twice. */
static kw_status guest_print(ingest *g, const kw_csv_row *row, size_t r,
                             int64_t cents) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (size_t k = 0; k < g->ntyped; k++) {
    const icol *c = &g->cols[g->typed[k]];
    uint64_t v = 0;
    size_t sz = type_size[c->type];
    memcpy(&v, (const char *)c->data + r * sz, sz);
    h = (h ^ v) * 0x100000001B3ull;
    h ^= h >> 29;
  }
  for (size_t k = 0; k < g->nbtexts; k++) {
    const icol *c = &g->cols[g->btexts[k]];
    if (c->src >= row->n) continue;
    const char *p = row->cells[c->src].p;
    size_t n = row->cells[c->src].n;
    trim(&p, &n);
    h = (h ^ kw_hash_bytes(p, n)) * 0x100000001B3ull;
    h ^= h >> 29;
  }
  kw_guest_print gp = {h, cents};
  return kw_buf_push(g->ctx, &g->guests, &gp);
}

/* ------------------------------------------------------------- skipping */

static void rollback(ingest *g) {
  for (size_t i = 0; i < g->npushed; i++) g->cols[g->pushed[i]].pend.len--;
  g->npushed = 0;
  if (g->dpushed) g->dpend.len--;
  g->dpushed = false;
}

static kw_status skip(ingest *g, const kw_csv_row *row, kw_skip_reason why,
                      const char *at, const char *fmt, ...) KW_PRINTF(5, 6);

static kw_status skip(ingest *g, const kw_csv_row *row, kw_skip_reason why,
                      const char *at, const char *fmt, ...) {
  rollback(g);
  g->skipped[why]++;
  if (why == KW_SKIP_BLANK) return KW_OK;
  bool example = kw_table_report(g->t)->n_examples < KW_REPORT_EXAMPLES;
  if (!example && !g->opt.strict) return KW_OK;
  uint64_t line, col;
  where(g, row, at, &line, &col);
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char ex[900], pl[300];
  place(g, line, col, pl, sizeof pl);
  if (g->opt.strict)
    return kw_io_fail(g->ctx, KW_EINPUT, g->opt.lang, pl, "ingest.e.strict",
                      "msg", msg, NULL);
  snprintf(ex, sizeof ex, "%s: %s", pl, msg);
  return kw_table_report_example(g->ctx, g->t, ex);
}

/* Whether skip() will use its message (an example to keep, or strict). */
static bool wants_text(const ingest *g) {
  return g->opt.strict ||
         kw_table_report(g->t)->n_examples < KW_REPORT_EXAMPLES;
}

/* skip() with the example's text from the message table: key and its
 * name, value pairs (ending with NULL), filled only when it is used. */
static kw_status skip_key(ingest *g, const kw_csv_row *row, kw_skip_reason why,
                          const char *at, const char *key, ...) {
  char msg[400] = "";
  if (wants_text(g)) {
    const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
    va_list ap;
    va_start(ap, key);
    size_t n = kw_va_pairs(&ap, names, values);
    va_end(ap);
    kw_message_fill_marked(msg, sizeof msg, key,
                           g->opt.lang ? KW_LANG_NL : KW_LANG_EN, names,
                           values, n);
  }
  return skip(g, row, why, at, "%s", msg);
}

/* what: "date", "amount", "number" or "flag" (ingest.what.* keys) */
static kw_status skip_cell(ingest *g, const kw_csv_row *row, const icol *c,
                           const kw_csv_cell *cell, const char *what,
                           bool empty) {
  char shown[4 * SHOW_MAX], key[32], w[64], msg[512];
  if (!wants_text(g)) return skip(g, row, c->bad, NULL, "%s", "");
  snprintf(key, sizeof key, "ingest.what.%s", what);
  kw_io_msg(w, sizeof w, g->opt.lang, key, NULL);
  if (empty) {
    kw_io_msg(msg, sizeof msg, g->opt.lang, "ingest.cell_missing", "what", w,
              "col", c->name, NULL);
    return skip(g, row, c->bad, cell ? cell->raw : NULL, "%s", msg);
  }
  show(shown, sizeof shown, cell->p, cell->n);
  kw_io_msg(msg, sizeof msg, g->opt.lang, "ingest.cell_bad", "what", w,
            "text", shown, "col", c->name, NULL);
  return skip(g, row, c->bad, cell->raw, "%s", msg);
}

/* ---------------------------------------------------------- decisions */

static kw_status push_pend(ingest *g, icol *c, const kw_csv_row *row,
                           const kw_csv_cell *cell, uint64_t tag,
                           int64_t ialt, double dalt) {
  pend p;
  p.row = (uint64_t)g->rows | tag;
  if (c->type == KW_TYPE_NUMBER)
    p.alt.d = dalt;
  else
    p.alt.i = ialt;
  kw_status st = kw_buf_push(g->ctx, &c->pend, &p);
  if (st) return st;
  g->pushed[g->npushed++] = (size_t)(c - g->cols);
  if (!c->amb) {
    c->amb = true;
    where(g, row, cell->raw, &c->amb_line, &c->amb_col);
    show(c->amb_text, sizeof c->amb_text, cell->p, cell->n);
  }
  return KW_OK;
}

static void decide_mark(icol *c, char mark) {
  c->mark = mark;
  pend *p = c->pend.data;
  for (size_t i = 0; i < c->pend.len; i++) {
    char sep = (p[i].row & PEND_DOT) ? '.' : ',';
    size_t r = (size_t)(p[i].row & ~PEND_DOT);
    if (sep != mark) continue; /* the thousands reading stands */
    if (c->type == KW_TYPE_NUMBER)
      ((double *)c->data)[r] = p[i].alt.d;
    else
      ((int64_t *)c->data)[r] = p[i].alt.i;
  }
  c->pend.len = 0;
}

static void decide_order(icol *c, kw_date_order order) {
  c->order = order;
  if (order == KW_DATE_MDY) {
    pend *p = c->pend.data;
    for (size_t i = 0; i < c->pend.len; i++)
      ((int32_t *)c->data)[p[i].row] = (int32_t)p[i].alt.i;
  }
  c->pend.len = 0;
}

static char ambiguous_sep(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == '.' || s[i] == ',') return s[i];
  return ',';
}

/* ------------------------------------------------------------- cells */

/* Each returns 1 for a value, 0 for an empty cell, -1 for a bad one, or
 * -2 on a hard failure (out of memory; the context has it). */

static int date_cell(ingest *g, icol *c, const kw_csv_row *row,
                     const kw_csv_cell *cell, const char *s, size_t n,
                     int32_t *out) {
  if (n == 0) return 0;
  int32_t d, alt;
  kw_date_evidence ev;
  bool ok;
  if (n == c->klen && c->korder == c->order && same_bytes(c->key, s, n)) {
    d = c->kday;
    alt = c->kalt;
    ev = c->kev;
    ok = c->kok;
  } else {
    ok = kw_parse_date(s, n, c->order, &d, &alt, &ev);
    if (n <= KEY_MAX) {
      memcpy(c->key, s, n);
      c->klen = n;
      c->kday = d;
      c->kalt = alt;
      c->kev = ev;
      c->kok = ok;
      c->korder = c->order;
    }
  }
  if (!ok) return -1;
  if (c->order == KW_DATE_ORDER_UNKNOWN) {
    if (ev == KW_DATEV_DMY) {
      decide_order(c, KW_DATE_DMY);
    } else if (ev == KW_DATEV_MDY) {
      decide_order(c, KW_DATE_MDY);
    } else if (ev == KW_DATEV_AMBIGUOUS) {
      if (push_pend(g, c, row, cell, 0, alt, 0)) return -2;
    }
  }
  *out = d;
  return 1;
}

/* The digits of an amount read exactly in millionths, with the decimal
 * mark given (the cell has been accepted by kw_parse_amount). */
static bool exact_micros(const char *s, size_t n, char mark, int64_t *out) {
  uint64_t ip = 0, fp = 0;
  int fd = 0, round = 0;
  bool neg = false, frac = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9') {
      unsigned d = c - '0';
      if (!frac) {
        if (ip > 9000000000000ull) return false;
        ip = ip * 10 + d;
      } else if (fd < 6) {
        fp = fp * 10 + d;
        fd++;
      } else if (fd == 6) {
        round = d >= 5;
        fd++;
      }
    } else if (c == (unsigned char)mark) {
      frac = true;
    } else if (c == '-' || c == '(') {
      neg = true;
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x88 &&
               (unsigned char)s[i + 2] == 0x92) {
      neg = true; /* U+2212 MINUS SIGN */
    }
  }
  for (int k = fd; k < 6; k++) fp *= 10;
  uint64_t v = ip * 1000000u + fp + (uint64_t)round;
  *out = neg ? -(int64_t)v : (int64_t)v;
  return true;
}

/*
 * The common amount cells, read without the general parser: "-1234" under
 * any mark and, when the column's decimal mark is decided, "1234,5" and
 * "-1.234.567,89" under ',' (and the same with the marks swapped): an
 * optional '-', digits, optionally in groups of three after a first group
 * of 1-3 digits not starting with 0, and optionally the mark and one or
 * two digits. Anything else (currency,
 * blanks, more decimals, a single thousands group without decimals, which
 * the parser calls ambiguous) returns false for the general parser, which
 * gives the same result on every cell this accepts (checked by the unit
 * tests and the fuzz target).
 */
bool kw_quick_amount(const char *s, size_t n, char mark, int64_t *cents,
                     bool *shown) {
  const char thou = mark == ',' ? '.' : mark == '.' ? ',' : 0;
  size_t i = 0;
  bool neg = false;
  if (n && s[0] == '-') neg = true, i = 1;
  size_t d0 = i;
  uint64_t v = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (uint64_t)(s[i++] - '0');
  size_t first = i - d0;
  if (first == 0 || first > 15) return false;
  bool groups = false;
  while (i < n && s[i] == thou) {
    if (first > 3 || s[d0] == '0' || n - i < 4) return false;
    for (size_t k = 1; k <= 3; k++)
      if (s[i + k] < '0' || s[i + k] > '9') return false;
    v = v * 1000 + (uint64_t)((s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                              (s[i + 3] - '0'));
    i += 4;
    groups = true;
    if (v > 999999999999999ull) return false;
  }
  uint64_t c = v * 100;
  if (i < n) {
    if (s[i] != mark || n - i < 2 || n - i > 3) return false;
    for (size_t k = i + 1; k < n; k++)
      if (s[k] < '0' || s[k] > '9') return false;
    c += (uint64_t)(s[i + 1] - '0') * 10;
    if (n - i == 3) c += (uint64_t)(s[i + 2] - '0');
    *shown = true;
  } else if (groups) {
    return false;
  } else {
    *shown = false;
  }
  *cents = neg ? -(int64_t)c : (int64_t)c;
  return true;
}


/*
 * What a numeric cell says about its column's decimal mark: the first
 * cell that shows the mark decides it; an ambiguous cell ("1,234") before
 * the decision is kept in the pending list with its other reading
 * (alt_money for amounts, alt_number for numbers) and *sep set to the
 * separator it had. Returns nonzero when memory runs out.
 */
static int note_mark(ingest *g, icol *c, const kw_csv_row *row,
                     const kw_csv_cell *cell, const char *s, size_t n,
                     kw_mark_evidence ev, int64_t alt_money, double alt_number,
                     char *sep) {
  if (ev != KW_MARK_NONE) c->shown = true;
  if (c->mark) return 0;
  if (ev == KW_MARK_DOT) {
    decide_mark(c, '.');
  } else if (ev == KW_MARK_COMMA) {
    decide_mark(c, ',');
  } else if (ev == KW_MARK_AMBIGUOUS) {
    *sep = ambiguous_sep(s, n);
    if (push_pend(g, c, row, cell, *sep == '.' ? PEND_DOT : 0, alt_money,
                  alt_number))
      return 1;
  }
  return 0;
}

/* The currency of a money column: the one at least 90% of the cells with
 * a currency sign or code carry. */
static void set_currency(kw_column *out, const icol *c) {
  static const char *const code[4] = {"", "EUR", "USD", "GBP"};
  uint64_t all = c->cur[1] + c->cur[2] + c->cur[3];
  for (int k = 1; k < 4; k++)
    if (all && c->cur[k] * 10 >= all * 9) memcpy(out->currency, code[k], 4);
}

static int money_cell(ingest *g, icol *c, const kw_csv_row *row,
                      const kw_csv_cell *cell, const char *s, size_t n,
                      int64_t *out) {
  if (n == 0) return 0;
  int64_t v, alt;
  kw_mark_evidence ev;
  bool shown;
  if (kw_quick_amount(s, n, c->mark, &v, &shown)) {
    if (shown) c->shown = true;
    if (c->feeds == 2) {
      g->cp = g->cpa = v * 10000;
      g->cpsep = 0;
      g->cp_ok = true;
    }
    *out = v;
    return 1;
  }
  if (!kw_parse_amount(s, n, c->mark, &v, &alt, &ev)) return -1;
  c->cur[kw_amount_currency(s, n)]++; /* the fast path has no sign */
  char sep = 0;
  if (note_mark(g, c, row, cell, s, n, ev, alt, 0, &sep)) return -2;
  if (c->feeds == 2) {
    /* the unit price of a derived amount, as written */
    char m = c->mark ? c->mark : ev == KW_MARK_COMMA ? ',' : '.';
    g->cpsep = sep;
    if (sep) m = sep == '.' ? ',' : '.'; /* thousands reading first */
    if (!exact_micros(s, n, m, &g->cp)) g->cp = v * 10000;
    g->cpa = g->cp;
    if (sep && !exact_micros(s, n, sep, &g->cpa)) g->cpa = alt * 10000;
    g->cp_ok = true;
  }
  *out = v;
  return 1;
}

static int number_cell(ingest *g, icol *c, const kw_csv_row *row,
                       const kw_csv_cell *cell, const char *s, size_t n,
                       double *out) {
  if (n == 0) return 0;
  double v, alt;
  kw_mark_evidence ev;
  if (n <= 15) {
    /* plain integers ("3", "-12"), whatever the mark, exact as doubles */
    size_t i = s[0] == '-';
    int64_t q = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') q = q * 10 + (s[i++] - '0');
    if (i == n && n > (size_t)(s[0] == '-')) {
      v = (double)(s[0] == '-' ? -q : q);
      if (c->feeds == 1) {
        g->cq = g->cqa = v;
        g->cqsep = 0;
        g->cq_ok = true;
      }
      *out = v;
      return 1;
    }
  }
  if (!kw_parse_number(s, n, c->mark, &v, &alt, &ev)) return -1;
  char sep = 0;
  if (note_mark(g, c, row, cell, s, n, ev, 0, alt, &sep)) return -2;
  if (c->feeds == 1) {
    g->cq = v;
    g->cqa = alt;
    g->cqsep = sep;
    g->cq_ok = true;
  }
  *out = v;
  return 1;
}

/* round(q x p) in cents, p in millionths; false on overflow. */
static bool derive_cents(double q, int64_t p, int64_t *out) {
  if (!(fabs(q) < 9e12)) return false;
  __int128 qm = (__int128)llround(q * 1e6);
  __int128 prod = qm * (__int128)p; /* in 1e-12 */
  const __int128 den = (__int128)10000000000LL;
  __int128 c = prod >= 0 ? (prod + den / 2) / den : -((-prod + den / 2) / den);
  if (c > (__int128)INT64_MAX || c <= -(__int128)INT64_MAX) return false;
  *out = (int64_t)c;
  return true;
}

/*
 * The front index of a text column: the values of up to FX_KEY bytes seen
 * so far, kept inline in 32-byte entries (the key zero-padded in three
 * words, its length in the last byte) with their id, in an open-addressing
 * table at most half full. A repeated value then costs one cache line and
 * three word compares instead of a dictionary lookup (hash, slot, length,
 * string pointer, string: four places in memory). Columns whose values are
 * mostly new (invoice numbers) gain nothing from it: the index is dropped
 * when nine in ten lookups of a window miss, or when it grows past
 * FX_MAX_VALUES values.
 */
#define FX_KEY 23
#define FX_MAX_VALUES ((size_t)1 << 20)
#define FX_WINDOW 65536

typedef struct fx_entry {
  uint64_t w[3];
  uint32_t id; /* KW_NA_ID: empty */
  uint32_t recoded;
} fx_entry;

typedef struct fx {
  fx_entry *e;
  size_t mask, n;
  size_t lookups, misses;
} fx;

static void fx_free(kw_context *ctx, fx *x) {
  if (!x) return;
  kw_free(ctx, x->e);
  kw_free(ctx, x);
}

static fx *fx_new(kw_context *ctx) {
  fx *x = kw_calloc(ctx, 1, sizeof *x);
  if (!x) return NULL;
  x->mask = 63; /* grows (fx_grow) with the values seen */
  x->e = kw_malloc(ctx, (x->mask + 1) * sizeof *x->e);
  if (!x->e) {
    kw_free(ctx, x);
    return NULL;
  }
  for (size_t i = 0; i <= x->mask; i++) x->e[i].id = KW_NA_ID;
  return x;
}

/* The key words of s[0..n), n <= FX_KEY. */
static inline void fx_key(const char *s, size_t n, const char *limit,
                          uint64_t w[3]) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (limit - s >= 24) {
    memcpy(w, s, 24);
    for (int i = 0; i < 3; i++) {
      size_t have = n > 8u * (size_t)i ? n - 8u * (size_t)i : 0;
      if (have < 8) w[i] &= have ? (~0ull >> (64 - 8 * have)) : 0;
    }
    w[2] |= (uint64_t)n << 56;
    return;
  }
#endif
  unsigned char b[24] = {0};
  memcpy(b, s, n);
  b[23] = (unsigned char)n;
  memcpy(w, b, 24);
}

static inline size_t fx_hash(const uint64_t w[3]) {
  uint64_t h = w[0] * 0x9E3779B97F4A7C15ull;
  h ^= w[1] * 0xC2B2AE3D27D4EB4Full;
  h ^= w[2] * 0x165667B19E3779F9ull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return (size_t)h;
}

static kw_status fx_grow(kw_context *ctx, fx *x) {
  size_t nm = x->mask * 2 + 1;
  fx_entry *ne = kw_malloc(ctx, (nm + 1) * sizeof *ne);
  if (!ne) return kw_fail_nomem(ctx);
  for (size_t i = 0; i <= nm; i++) ne[i].id = KW_NA_ID;
  for (size_t i = 0; i <= x->mask; i++) {
    if (x->e[i].id == KW_NA_ID) continue;
    size_t j = fx_hash(x->e[i].w) & nm;
    while (ne[j].id != KW_NA_ID) j = (j + 1) & nm;
    ne[j] = x->e[i];
  }
  kw_free(ctx, x->e);
  x->e = ne;
  x->mask = nm;
  return KW_OK;
}

/* The id of s[0..n) interned into c's dictionary (recoded to UTF-8 when
 * needed); *recoded tells whether it was. */
static kw_status intern_cell(ingest *g, icol *c, const kw_csv_row *row,
                             const char *s, size_t n, bool hashed,
                             uint64_t hash, uint32_t *out, bool *recoded) {
  const char *u = s;
  size_t un = n;
  *recoded = false;
  if (row->high && has_high(s, n)) {
    bool recode = g->dl.enc == KW_ENC_CP1252;
    if (!recode && !kw_utf8_valid(s, n)) recode = *recoded = true;
    if (recode) {
      kw_status st = ensure_conv(g, 3 * n + 1);
      if (st) return st;
      un = kw_cp1252_to_utf8(s, n, g->conv);
      u = g->conv;
      hashed = false;
    }
  }
  if (!hashed) hash = kw_hash_bytes(u, un);
  return kw_dict_intern_hashed(g->tctx, c->dict, u, un, hash, out, NULL);
}

/* How flush_batch prepared a cell: nothing, or the hash for the front
 * index or for the dictionary (whose slot it prefetched). */
enum { HASH_NONE = 0, HASH_FX, HASH_DICT };

static kw_status text_cell(ingest *g, icol *c, const kw_csv_row *row,
                           const char *raw, const char *s, size_t n,
                           const char *limit, int kind, uint64_t hash,
                           uint32_t *out) {
  bool recoded;
  kw_status st;
  if (n == c->klen && same_bytes(c->key, s, n)) {
    *out = c->kid;
    recoded = c->krecoded;
  } else if (c->fx && n <= FX_KEY) {
    fx *x = c->fx;
    uint64_t w[3];
    fx_key(s, n, limit, w);
    size_t j = (kind == HASH_FX ? (size_t)hash : fx_hash(w)) & x->mask;
    fx_entry *e;
    for (;;) {
      e = &x->e[j];
      if (e->id == KW_NA_ID ||
          (e->w[0] == w[0] && e->w[1] == w[1] && e->w[2] == w[2]))
        break;
      j = (j + 1) & x->mask;
    }
    x->lookups++;
    if (e->id != KW_NA_ID) {
      *out = e->id;
      recoded = e->recoded != 0;
    } else {
      x->misses++;
      st = intern_cell(g, c, row, s, n, false, 0, out, &recoded);
      if (st) return st;
      e->w[0] = w[0];
      e->w[1] = w[1];
      e->w[2] = w[2];
      e->id = *out;
      e->recoded = recoded;
      if (++x->n * 2 > x->mask + 1) {
        if (x->n >= FX_MAX_VALUES) {
          fx_free(g->tctx, x);
          c->fx = NULL;
        } else if ((st = fx_grow(g->tctx, x)) != KW_OK) {
          return st;
        }
      }
    }
    if (c->fx && x->lookups == FX_WINDOW) {
      if (x->misses * 10 > x->lookups * 9) {
        fx_free(g->tctx, x);
        c->fx = NULL;
      } else {
        x->lookups = x->misses = 0;
      }
    }
  } else {
    st = intern_cell(g, c, row, s, n, kind == HASH_DICT, hash, out,
                     &recoded);
    if (st) return st;
  }
  if (n <= KEY_MAX) {
    memcpy(c->key, s, n);
    c->klen = n;
    c->kid = *out;
    c->krecoded = recoded;
  }
  if (recoded && g->recoded++ == 0)
    where(g, row, raw, &g->recoded_line, &g->recoded_col);
  return KW_OK;
}

/*
 * Text cells are interned a batch of rows at a time, column by column:
 * the front-index slots of the next cells are prefetched while the current
 * one is looked up, so the lookups overlap their cache misses instead of
 * waiting for each in turn. A cell that does not lie in the input (the
 * unescaped content of a quoted field) is copied to the batch's arena;
 * until the batch is complete its pointer holds the arena offset and its
 * length ARENA_BIT.
 */
#define BATCH_ROWS 1024
#define PREFETCH 16 /* lookups between two prefetch stages */
#define ARENA_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))

typedef struct tbatch {
  size_t row0, n;
  const char *first; /* start of its first row in the input */
  uint64_t *line;
  const char **start;
  uint8_t *high;
  kw_csv_cell *cells; /* column by column: [k * BATCH_ROWS + i] */
  uint64_t *hash;
  uint8_t *kind;
  kw_buf arena;
} tbatch;

static void batch_free(kw_context *ctx, tbatch *b) {
  if (!b) return;
  kw_free(ctx, b->line);
  kw_free(ctx, b->start);
  kw_free(ctx, b->high);
  kw_free(ctx, b->cells);
  kw_free(ctx, b->hash);
  kw_free(ctx, b->kind);
  kw_buf_free(ctx, &b->arena);
  kw_free(ctx, b);
}

static tbatch *batch_new(kw_context *ctx, size_t ntexts) {
  tbatch *b = kw_calloc(ctx, 1, sizeof *b);
  if (!b) return NULL;
  kw_buf_init(&b->arena, 1);
  b->line = kw_malloc(ctx, BATCH_ROWS * sizeof *b->line);
  b->start = kw_malloc(ctx, BATCH_ROWS * sizeof *b->start);
  b->high = kw_malloc(ctx, BATCH_ROWS * sizeof *b->high);
  b->hash = kw_malloc(ctx, BATCH_ROWS * sizeof *b->hash);
  b->kind = kw_malloc(ctx, BATCH_ROWS * sizeof *b->kind);
  /* not zeroed: every cell of a row is set before the batch reads it, and
   * a small file then touches only the pages it uses */
  size_t ncells;
  b->cells = kw_mul_size(BATCH_ROWS, ntexts, &ncells) &&
                     kw_mul_size(ncells, sizeof *b->cells, &ncells)
                 ? kw_malloc(ctx, ncells)
                 : NULL;
  if (!b->line || !b->start || !b->high || !b->hash || !b->kind ||
      !b->cells) {
    batch_free(ctx, b);
    return NULL;
  }
  return b;
}

/* Stage 0 loads the front-index entry or the dictionary slot; stages 1
 * and 2 follow a dictionary slot to its string (kw_dict_prefetch_stage). */
static inline void prefetch(const icol *c, int kind, uint64_t h, int stage) {
  if (kind == HASH_FX && c->fx) {
#if defined(__GNUC__)
    if (stage == 0) __builtin_prefetch(&c->fx->e[(size_t)h & c->fx->mask]);
#endif
  } else if (kind == HASH_DICT) {
    kw_dict_prefetch_stage(c->dict, h, stage);
  }
}

/* How far past a cell's content may be read (fx_key reads whole words):
 * the end of the input or of the arena it lies in; only its own bytes in
 * an older buffer of a stream. */
static inline const char *cell_limit(const ingest *g, const kw_csv_cell *c,
                                     const char *arena,
                                     const char *arena_end) {
  if (c->p >= g->rd.buf && c->p < g->rd.end) return g->rd.end;
  if (arena && c->p >= arena && c->p < arena_end) return arena_end;
  return c->p + c->n;
}

static kw_status flush_batch(ingest *g, tbatch *b) {
  size_t n = b->n;
  if (n == 0) return KW_OK;
  const char *arena = b->arena.data;
  const char *arena_end = arena ? arena + b->arena.len : NULL;
  for (size_t k = 0; k < g->nbtexts; k++) {
    icol *c = &g->cols[g->btexts[k]];
    kw_csv_cell *cells = &b->cells[k * BATCH_ROWS];
    uint32_t *ids = (uint32_t *)c->data + b->row0;
    for (size_t i = 0; i < n; i++) {
      if (cells[i].n & ARENA_BIT) {
        cells[i].n &= ~ARENA_BIT;
        cells[i].p = arena + (size_t)(uintptr_t)cells[i].p;
      }
    }
    uint64_t *h = b->hash;
    uint8_t *kind = b->kind;
    for (size_t i = 0; i < n; i++) {
      size_t len = cells[i].n;
      kind[i] = HASH_NONE;
      /* empty, or as the cell before: no lookup to prepare */
      if (len == 0 || (i > 0 && len == cells[i - 1].n &&
                       same_bytes(cells[i].p, cells[i - 1].p, len)))
        continue;
      if (c->fx && len <= FX_KEY) {
        uint64_t w[3];
        fx_key(cells[i].p, len, cell_limit(g, &cells[i], arena, arena_end), w);
        h[i] = fx_hash(w);
        kind[i] = HASH_FX;
      } else {
        h[i] = kw_hash_bytes(cells[i].p, len);
        kind[i] = HASH_DICT;
      }
    }
    for (int stage = 0; stage < 3; stage++)
      for (size_t i = 0; i < (size_t)(3 - stage) * PREFETCH && i < n; i++)
        prefetch(c, kind[i], h[i], stage);
    for (size_t i = 0; i < n; i++) {
      if (i + 3 * PREFETCH < n)
        prefetch(c, kind[i + 3 * PREFETCH], h[i + 3 * PREFETCH], 0);
      if (i + 2 * PREFETCH < n)
        prefetch(c, kind[i + 2 * PREFETCH], h[i + 2 * PREFETCH], 1);
      if (i + PREFETCH < n)
        prefetch(c, kind[i + PREFETCH], h[i + PREFETCH], 2);
      size_t len = cells[i].n;
      if (len == 0) {
        ids[i] = KW_NA_ID;
        continue;
      }
      kw_csv_row row;
      memset(&row, 0, sizeof row);
      row.start = b->start[i];
      row.line = b->line[i];
      row.high = b->high[i];
      kw_status st = text_cell(g, c, &row, cells[i].raw, cells[i].p, len,
                               cell_limit(g, &cells[i], arena, arena_end),
                               kind[i], h[i], &ids[i]);
      if (st) return st;
    }
  }
  b->n = 0;
  b->arena.len = 0;
  return KW_OK;
}

/*
 * With a worker thread (kw_context_threads >= 2 and a large file) the
 * batches go to it: the reader fills one while the worker interns the
 * other, in order, so the ids are the same as without it. The reader
 * waits for the worker before it grows the column arrays, and never gives
 * back pages of the input a pending batch still points into. The worker
 * records failures on its own copy of the context.
 */
static void *worker_main(void *arg) {
  ingest *g = arg;
  pthread_mutex_lock(&g->mu);
  for (;;) {
    while (g->queued < 0 && !g->stop) pthread_cond_wait(&g->cv, &g->mu);
    if (g->queued < 0) break;
    tbatch *b = g->bat[g->queued];
    g->queued = -1;
    kw_status prev = g->wst;
    pthread_mutex_unlock(&g->mu);
    kw_status st = prev ? prev : flush_batch(g, b);
    if (prev) b->n = 0;
    pthread_mutex_lock(&g->mu);
    if (st && !g->wst) g->wst = st;
    g->busy = false;
    pthread_cond_broadcast(&g->cv);
  }
  pthread_mutex_unlock(&g->mu);
  return NULL;
}

static kw_status worker_error(ingest *g, kw_status st) {
  if (st == KW_ENOMEM) return kw_fail_nomem(g->ctx);
  const kw_msginfo *m = kw_errinfo(&g->wctx);
  if (m->key) { /* the key, values and place travel with the text */
    const char *text = g->wctx.errmsg;
    size_t wl = strlen(m->where);
    if (wl && strncmp(text, m->where, wl) == 0 && text[wl] == ':' &&
        text[wl + 1] == ' ')
      text += wl + 2;
    return kw_fail_key(g->ctx, st, m->where, text, m->key, m->names,
                       m->values, m->n);
  }
  return kw_fail(g->ctx, st, "%s", g->wctx.errmsg);
}

/* Wait until the worker is idle. */
static kw_status drain(ingest *g) {
  if (!g->threaded) return KW_OK;
  pthread_mutex_lock(&g->mu);
  while (g->busy) pthread_cond_wait(&g->cv, &g->mu);
  kw_status st = g->wst;
  pthread_mutex_unlock(&g->mu);
  return st ? worker_error(g, st) : KW_OK;
}

/* Intern the batch being filled, or give it to the worker. */
static kw_status hand_off(ingest *g) {
  tbatch *b = g->bat[g->fill];
  if (b->n == 0) return KW_OK;
  if (!g->threaded) return flush_batch(g, b);
  pthread_mutex_lock(&g->mu);
  while (g->busy) pthread_cond_wait(&g->cv, &g->mu);
  kw_status st = g->wst;
  if (!st) {
    g->queued = g->fill;
    g->busy = true;
    g->fill ^= 1;
    pthread_cond_broadcast(&g->cv);
  }
  pthread_mutex_unlock(&g->mu);
  return st ? worker_error(g, st) : KW_OK;
}

static void stop_worker(ingest *g) {
  if (!g->threaded) return;
  pthread_mutex_lock(&g->mu);
  g->stop = true;
  pthread_cond_broadcast(&g->cv);
  pthread_mutex_unlock(&g->mu);
  pthread_join(g->th, NULL);
  pthread_mutex_destroy(&g->mu);
  pthread_cond_destroy(&g->cv);
  g->threaded = false;
}

static void start_worker(ingest *g) {
  g->wctx = *g->ctx;
  g->wctx.log_fn = NULL;
  g->wctx.progress_fn = NULL;
  g->queued = -1;
  if (pthread_mutex_init(&g->mu, NULL) != 0) return;
  if (pthread_cond_init(&g->cv, NULL) != 0) {
    pthread_mutex_destroy(&g->mu);
    return;
  }
  if (pthread_create(&g->th, NULL, worker_main, g) != 0) {
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
    return;
  }
  g->threaded = true;
  g->tctx = &g->wctx;
}

/* The first byte of the input a batch not yet interned points into. */
static const char *oldest_needed(ingest *g, const char *now) {
  const char *p = now;
  tbatch *f = g->bat[g->fill];
  if (f && f->n && f->first < p) p = f->first;
  if (g->threaded) {
    pthread_mutex_lock(&g->mu);
    tbatch *o = g->bat[g->fill ^ 1];
    if (g->busy && o->first < p) p = o->first;
    pthread_mutex_unlock(&g->mu);
  }
  return p;
}

/* Put the text cells of the row being committed into the batch. */
static kw_status batch_row(ingest *g, const kw_csv_row *row) {
  tbatch *bt = g->bat[g->fill];
  size_t i = bt->n;
  if (i == 0) {
    g->bat_seq++;
    bt->row0 = g->rows;
    bt->first = row->start;
  }
  bt->line[i] = row->line;
  bt->start[i] = row->start;
  bt->high[i] = row->high;
  for (size_t k = 0; k < g->nbtexts; k++) {
    const icol *c = &g->cols[g->btexts[k]];
    const kw_csv_cell *cell = &row->cells[c->src];
    const char *s = cell->p;
    size_t n = cell->n;
    trim(&s, &n);
    kw_csv_cell *b = &bt->cells[k * BATCH_ROWS + i];
    b->raw = cell->raw;
    b->n = n;
    b->p = s;
    if (n && !(s >= g->rd.buf && s < g->rd.end)) {
      size_t off = bt->arena.len;
      size_t need = off + n + 24;
      if (need > bt->arena.cap) {
        size_t cap = 2 * bt->arena.cap;
        kw_status st = kw_buf_reserve(g->ctx, &bt->arena,
                                      need > cap ? need : cap);
        if (st) return st;
      }
      memcpy((char *)bt->arena.data + off, s, n);
      bt->arena.len = off + n;
      b->p = (const char *)(uintptr_t)off;
      b->n = n | ARENA_BIT;
    }
  }
  if (++bt->n == BATCH_ROWS) return hand_off(g);
  return KW_OK;
}

/* ---------------------------------------------------------------- rows */

static bool cells_empty(const kw_csv_row *row, size_t from) {
  for (size_t i = from; i < row->n; i++) {
    const char *s = row->cells[i].p;
    size_t n = row->cells[i].n;
    trim(&s, &n);
    if (n) return false;
  }
  return true;
}

static kw_status grow(ingest *g) {
  kw_status st = drain(g);
  if (st) return st;
  size_t cap = g->cap + g->cap / 2 + 1024;
  for (size_t i = 0; i < g->ncols; i++) {
    size_t bytes;
    if (!kw_mul_size(cap, type_size[g->cols[i].type], &bytes))
      return kw_fail_nomem(g->ctx);
    void *p = kw_realloc(g->ctx, g->cols[i].data, bytes);
    if (!p) return kw_fail_nomem(g->ctx);
    g->cols[i].data = p;
  }
  g->cap = cap;
  return KW_OK;
}

static kw_status do_row(ingest *g, const kw_csv_row *row) {
  g->rows_read++;
  g->npushed = 0;
  g->dpushed = false;
  if (row->nfields == 0) return skip(g, row, KW_SKIP_BLANK, NULL, "blank");
  if (row->too_long) {
    size_t i = row->too_long - 1;
    char lim[24];
    snprintf(lim, sizeof lim, "%zu", g->rd.max_field);
    return skip_key(g, row, KW_SKIP_TOO_LONG,
                    i < row->n ? row->cells[i].raw : NULL, "ingest.x.too_long",
                    "n", lim, NULL);
  }
  if (row->nfields != g->nfields) {
    if (cells_empty(row, 0)) return skip(g, row, KW_SKIP_BLANK, NULL, "blank");
    if (row->nfields < g->nfields || !cells_empty(row, g->nfields))
    {
      char got[24], want[24];
      snprintf(got, sizeof got, "%zu", row->nfields);
      snprintf(want, sizeof want, "%zu", g->nfields);
      return skip_key(g, row, KW_SKIP_RAGGED, NULL,
                      g->dl.header ? "ingest.x.ragged" : "ingest.x.ragged_nohead",
                      "n", got, "m", want, NULL);
    }
  }
  if (g->rows == g->cap) {
    kw_status st = grow(g);
    if (st) return st;
  }
  const kw_csv_cell *cells = row->cells;
  const size_t r = g->rows;

  /* A transaction line without a customer id is a guest sale: it is
   * skipped as before, but its amount is read first and summed. */
  const icol *guest = NULL;
#define GUEST_SKIP()                                                  \
  skip_key(g, row, KW_SKIP_NO_CUSTOMER, cells[guest->src].raw,        \
           "ingest.empty_customer", "col", guest->name, NULL)
  for (size_t k = 0; k < g->nids; k++) {
    const icol *c = &g->cols[g->ids[k]];
    const char *s = cells[c->src].p;
    size_t n = cells[c->src].n;
    trim(&s, &n);
    if (n == 0) {
      if (cells_empty(row, 0))
        return skip(g, row, KW_SKIP_BLANK, NULL, "blank");
      if (g->kind == KW_TABLE_TRANSACTIONS && c->role == KW_ROLE_CUSTOMER &&
          !guest) {
        guest = c;
        continue;
      }
      if (guest) return GUEST_SKIP();
    {
      char msg[300] = "";
      if (wants_text(g))
        kw_io_msg(msg, sizeof msg, g->opt.lang,
                c->role == KW_ROLE_REFERRER ? "ingest.empty_referrer"
                                            : "ingest.empty_customer",
                "col", c->name, NULL);
      return skip(g, row, KW_SKIP_NO_CUSTOMER, cells[c->src].raw, "%s", msg);
    }
    }
  }

  g->cq_ok = g->cp_ok = false;
  for (size_t k = 0; k < g->ntyped; k++) {
    icol *c = &g->cols[g->typed[k]];
    const kw_csv_cell *cell = &cells[c->src];
    const char *s = cell->p;
    size_t n = cell->n;
    trim(&s, &n);
    int rc;
    const char *what;
    switch (c->op) {
    case OP_DATE: {
      int32_t v = KW_NA_DATE;
      rc = date_cell(g, c, row, cell, s, n, &v);
      ((int32_t *)c->data)[r] = rc == 1 ? v : KW_NA_DATE;
      what = "date";
      break;
    }
    case OP_MONEY: {
      int64_t v = KW_NA_MONEY;
      rc = money_cell(g, c, row, cell, s, n, &v);
      ((int64_t *)c->data)[r] = rc == 1 ? v : KW_NA_MONEY;
      what = "amount";
      break;
    }
    case OP_NUMBER: {
      double v = KW_NA_NUMBER;
      rc = number_cell(g, c, row, cell, s, n, &v);
      ((double *)c->data)[r] = rc == 1 ? v : KW_NA_NUMBER;
      what = "number";
      break;
    }
    default: { /* OP_FLAG */
      int8_t v = KW_NA_FLAG;
      rc = n == 0 ? 0 : kw_parse_flag(s, n, &v) ? 1 : -1;
      ((int8_t *)c->data)[r] = rc == 1 ? v : KW_NA_FLAG;
      what = "flag";
      break;
    }
    }
    if (rc == -2) return kw_errcode(g->ctx);
    if (guest && (rc == -1 || (rc == 0 && c->required))) return GUEST_SKIP();
    if (rc == -1) return skip_cell(g, row, c, cell, what, false);
    if (rc == 0 && c->required) return skip_cell(g, row, c, cell, what, true);
  }

  if (g->derived >= 0) {
    icol *c = &g->cols[g->derived];
    int64_t cents;
    if (guest && (!g->cq_ok || !g->cp_ok || !derive_cents(g->cq, g->cp, &cents)))
      return GUEST_SKIP();
    if (!g->cq_ok || !g->cp_ok)
      return skip_key(g, row, KW_SKIP_BAD_AMOUNT, NULL, "ingest.x.no_price",
                      NULL);
    if (!derive_cents(g->cq, g->cp, &cents))
      return skip_key(g, row, KW_SKIP_BAD_AMOUNT, NULL,
                      "ingest.x.derive_range", NULL);
    if (guest) {
      int64_t sum;
      if (!__builtin_add_overflow(g->guest_cents, cents, &sum)) {
        g->guest_cents = sum;
        g->guest_rows++;
        kw_status st = guest_print(g, row, r, cents);
        if (st) return st;
      }
      return GUEST_SKIP();
    }
    ((int64_t *)c->data)[r] = cents;
    if (g->cqsep || g->cpsep) {
      dpend d = {r, g->cq, g->cqa, g->cp, g->cpa, g->cqsep, g->cpsep};
      kw_status st = kw_buf_push(g->ctx, &g->dpend, &d);
      if (st) return st;
      g->dpushed = true;
    }
  } else if (g->amount_col >= 0 || g->hours_col >= 0) {
    /* costs: an amount or hours (either column may be absent) */
    bool have = false;
    if (g->amount_col >= 0)
      have = ((int64_t *)g->cols[g->amount_col].data)[r] != KW_NA_MONEY;
    if (!have && g->hours_col >= 0)
      have = !isnan(((double *)g->cols[g->hours_col].data)[r]);
    if (!have)
      return skip_key(g, row, KW_SKIP_BAD_AMOUNT, NULL, "ingest.x.no_cost",
                      NULL);
  }

  if (guest) {
    for (size_t k = 0; k < g->ntyped; k++) {
      const icol *c = &g->cols[g->typed[k]];
      if (c->role != KW_ROLE_AMOUNT || c->op != OP_MONEY) continue;
      int64_t v = ((const int64_t *)c->data)[r], sum;
      if (v != KW_NA_MONEY && !__builtin_add_overflow(g->guest_cents, v, &sum)) {
        g->guest_cents = sum;
        g->guest_rows++;
        kw_status st = guest_print(g, row, r, v);
        if (st) return st;
      }
      break;
    }
    return GUEST_SKIP();
  }
#undef GUEST_SKIP

  if (g->gen_amount >= 0)
    ((int64_t *)g->cols[g->gen_amount].data)[r] = 0;
  if (g->gen_invoice >= 0) {
    icol *c = &g->cols[g->gen_invoice];
    char buf[24];
    int len = snprintf(buf, sizeof buf, "%llu", (unsigned long long)row->line);
    kw_status st = kw_dict_intern(g->ctx, c->dict, buf, (size_t)len,
                                  &((uint32_t *)c->data)[r], NULL);
    if (st) return st;
  }
  if (g->gen_customer >= 0) {
    icol *c = &g->cols[g->gen_customer];
    char buf[24];
    int len = snprintf(buf, sizeof buf, "#%llu",
                       (unsigned long long)g->rows_read);
    kw_status st = kw_dict_intern(g->ctx, c->dict, buf, (size_t)len,
                                  &((uint32_t *)c->data)[r], NULL);
    if (st) return st;
  }
  if (g->nbtexts) {
    kw_status st = batch_row(g, row);
    g->rows++;
    return st;
  }
  g->rows++;
  return KW_OK;
}

/* ------------------------------------------------------------- header */

static kw_status set_name(ingest *g, size_t i, const char *s, size_t n) {
  char *nm;
  if (n == 0) {
    char buf[32];
    snprintf(buf, sizeof buf, "column %zu", i + 1);
    nm = kw_strdup(g->ctx, buf);
    g->named[i] = !g->dl.header;
  } else if (g->dl.enc == KW_ENC_CP1252 || !kw_utf8_valid(s, n)) {
    nm = kw_malloc(g->ctx, 3 * n + 1);
    if (nm) nm[kw_cp1252_to_utf8(s, n, nm)] = '\0';
    g->named[i] = true;
  } else {
    nm = kw_strndup(g->ctx, s, n);
    g->named[i] = true;
  }
  if (!nm) return kw_fail_nomem(g->ctx);
  g->names[i] = nm;
  return KW_OK;
}

/* Rename the second "name" to "name_2" (the third to "name_3", ...). */
/* Column names compare without case (ASCII, as strcasecmp): the key of a
 * name is its ASCII-lowercased copy. */
static size_t name_key(const char *s, char *out, size_t cap) {
  size_t n = 0;
  for (; s[n] && n < cap; n++) {
    unsigned char c = (unsigned char)s[n];
    out[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return n;
}

/* A repeated column name gets the first free suffix _2, _3, ... A name
 * repeats when an earlier column has it (after renaming); a suffixed name
 * is free when neither an earlier column (renamed) nor any original name
 * has it. Linear: two interning dictionaries (the original names, the names
 * kept so far) and per kept name the next suffix to try, so 4,000 copies of
 * one name take 4,000 look-ups, not 4,000². Warns for the first few renames
 * and counts the rest. */
#define DEDUPE_WARN_MAX 10
static kw_status dedupe_names(ingest *g) {
  kw_context *ctx = g->ctx;
  kw_status st = KW_OK;
  kw_dict *orig = kw_dict_new(ctx), *seen = kw_dict_new(ctx);
  unsigned *next = kw_calloc(ctx, g->nfields ? g->nfields : 1, sizeof *next);
  size_t cap = 256, renamed = 0;
  char *key = kw_malloc(ctx, cap);
  if (!orig || !seen || !next || !key) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (size_t i = 0; i < g->nfields && !st; i++) {
    size_t len = strlen(g->names[i]);
    if (len + 24 > cap) {
      char *k2 = kw_realloc(ctx, key, len + 24);
      if (!k2) {
        st = kw_fail_nomem(ctx);
        goto out;
      }
      key = k2;
      cap = len + 24;
    }
    uint32_t id;
    st = kw_dict_intern(ctx, orig, key, name_key(g->names[i], key, cap), &id,
                        NULL);
  }
  for (size_t i = 0; i < g->nfields && !st; i++) {
    size_t len = strlen(g->names[i]);
    size_t kn = name_key(g->names[i], key, cap);
    uint32_t base;
    bool added;
    st = kw_dict_intern(ctx, seen, key, kn, &base, &added);
    if (st) break;
    /* ids are dense in order of first sight: at most one per column */
    if (added) {
      next[base] = 2;
      continue;
    }
    char *nm = kw_malloc(ctx, len + 24);
    if (!nm) {
      st = kw_fail_nomem(ctx);
      break;
    }
    unsigned k = next[base];
    for (;; k++) {
      int w = snprintf(nm, len + 24, "%s_%u", g->names[i], k);
      size_t cn = name_key(nm, key, cap);
      (void)w;
      if (kw_dict_find(orig, key, cn) == KW_NA_ID &&
          kw_dict_find(seen, key, cn) == KW_NA_ID)
        break;
    }
    next[base] = k + 1;
    uint32_t nid;
    st = kw_dict_intern(ctx, seen, key, name_key(nm, key, cap), &nid, &added);
    if (st) {
      kw_free(ctx, nm);
      break;
    }
    next[nid] = 2;
    if (++renamed <= DEDUPE_WARN_MAX)
    {
      char cn[24];
      snprintf(cn, sizeof cn, "%zu", i + 1);
      kw_io_log(ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.w.dup_column",
                "file", g->name, "col", g->names[i], "n", cn, "new", nm, NULL);
    }
    kw_free(ctx, g->names[i]);
    g->names[i] = nm;
  }
  if (!st && renamed > DEDUPE_WARN_MAX)
  {
    char cn[24];
    snprintf(cn, sizeof cn, "%zu", renamed - DEDUPE_WARN_MAX);
    kw_io_log(ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.w.dup_columns_more",
              "file", g->name, "n", cn, NULL);
  }
out:
  kw_free(ctx, key);
  kw_free(ctx, next);
  if (orig) kw_dict_free(ctx, orig);
  if (seen) kw_dict_free(ctx, seen);
  return st;
}

/* ------------------------------------------------------------ streams */

/*
 * A streamed input is read into one buffer of twice
 * kw_ingest_stream_bytes (8 MiB). When
 * the reader reaches a row that runs past the bytes read (kw_csv_next
 * gives 2), the text cells not yet interned are interned (they point into
 * the buffer), the unfinished row is moved to the front and the buffer
 * filled again; a row longer than half the buffer doubles it. Memory is
 * the buffer and the typed columns, whatever the length of the input.
 */
size_t kw_ingest_stream_bytes = (size_t)8 << 20;

static kw_status fill(ingest *g, size_t have) {
  while (have < g->scap && !g->eof) {
    size_t got = 0;
    kw_status st = g->a->read_more(g->a->read_user, g->sbuf + have,
                                   g->scap - have, &got);
    if (st) return st;
    if (got == 0) g->eof = true;
    have += got;
    g->len += got;
  }
  g->rd.buf = g->rd.pos = g->sbuf;
  g->rd.end = g->sbuf + have;
  g->rd.more = !g->eof;
  return KW_OK;
}

typedef struct retired {
  char *buf;
  uint64_t seq; /* the batch being filled when it was retired */
} retired;

static void free_retired(ingest *g, uint64_t before) {
  retired *r = g->retired.data;
  size_t k = 0;
  for (size_t i = 0; i < g->retired.len; i++) {
    if (r[i].seq < before)
      kw_free(g->ctx, r[i].buf);
    else
      r[k++] = r[i];
  }
  g->retired.len = k;
}

/*
 * The batch of text cells being filled may point into the buffer (its
 * lookups wait for the batch to be complete, so that ids come in the same
 * order as from a file): while it does, the buffer is kept and the
 * reading goes on in a new one; buffers are freed once no batch points
 * into them.
 */
static kw_status refill(ingest *g) {
  kw_status st = drain(g);
  if (st) return st;
  tbatch *b = g->nbtexts ? g->bat[g->fill] : NULL;
  bool pinned = b && b->n > 0;
  free_retired(g, pinned ? g->bat_seq : UINT64_MAX);
  size_t keep = (size_t)(g->rd.end - g->rd.pos);
  g->rd.offset += (uint64_t)(g->rd.pos - g->sbuf);
  size_t cap = keep * 2 > g->scap ? g->scap * 2 : g->scap;
  if (pinned) {
    retired r = {g->sbuf, g->bat_seq};
    char *nb = kw_malloc(g->ctx, cap);
    if (!nb) return kw_fail_nomem(g->ctx);
    st = kw_buf_push(g->ctx, &g->retired, &r);
    if (st) {
      kw_free(g->ctx, nb);
      return st;
    }
    memcpy(nb, g->rd.pos, keep);
    g->sbuf = nb;
  } else {
    memmove(g->sbuf, g->rd.pos, keep);
    if (cap > g->scap) {
      char *nb = kw_realloc(g->ctx, g->sbuf, cap);
      if (!nb) return kw_fail_nomem(g->ctx);
      g->sbuf = nb;
    }
  }
  g->scap = cap;
  return fill(g, keep);
}

/* kw_csv_next, reading more of a streamed input as needed. */
static int next_row(ingest *g, kw_csv_row *row) {
  for (;;) {
    int rc = kw_csv_next(&g->rd, row);
    if (rc != 2) return rc;
    if (refill(g) != KW_OK) return -1;
  }
}

static kw_status read_header(ingest *g) {
  g->nfields = g->dl.columns;
  kw_csv_row row;
  if (g->dl.header) {
    int rc;
    if (g->src)
      rc = g->src->next(g->src->self, &row);
    else
      while ((rc = next_row(g, &row)) == 1 && row.nfields == 0) {
      }
    if (rc < 0) return kw_errcode(g->ctx);
    if (rc == 0)
      return kw_io_fail(g->ctx, KW_EEMPTY, g->opt.lang, "",
                        "ingest.e.empty", "file", g->name, NULL);
    char pl[300], num[24];
    place(g, row.line, 0, pl, sizeof pl);
    if (row.nfields > KW_CSV_MAX_FIELDS) {
      snprintf(num, sizeof num, "%d", KW_CSV_MAX_FIELDS);
      return kw_io_fail(g->ctx, KW_EINPUT, g->opt.lang, pl,
                        "ingest.e.header_wide", "n", num, NULL);
    }
    if (row.too_long) {
      snprintf(num, sizeof num, "%zu", g->rd.max_field);
      return kw_io_fail(g->ctx, KW_EINPUT, g->opt.lang, pl,
                        "ingest.e.header_long", "n", num, NULL);
    }
    g->nfields = row.nfields;
  }
  g->names = kw_calloc(g->ctx, g->nfields, sizeof *g->names);
  g->named = kw_calloc(g->ctx, g->nfields, sizeof *g->named);
  g->roles = kw_calloc(g->ctx, g->nfields, sizeof *g->roles);
  if (!g->names || !g->named || !g->roles) return kw_fail_nomem(g->ctx);
  for (size_t i = 0; i < g->nfields; i++) {
    const char *s = "";
    size_t n = 0;
    if (g->dl.header) {
      s = row.cells[i].p;
      n = row.cells[i].n;
      trim(&s, &n);
    }
    kw_status st = set_name(g, i, s, n);
    if (st) return st;
  }
  return dedupe_names(g);
}

/* -------------------------------------------------------------- roles */

static long find_column(const ingest *g, const char *ref) {
  for (size_t i = 0; i < g->nfields; i++)
    if (strcasecmp(g->names[i], ref) == 0) return (long)i;
  char a[256], b[256];
  size_t an = kw_header_normalize(ref, strlen(ref), a, sizeof a);
  if (an) {
    for (size_t i = 0; i < g->nfields; i++) {
      kw_header_normalize(g->names[i], strlen(g->names[i]), b, sizeof b);
      const char *p = a, *q = b;
      for (;;) {
        while (*p == '_') p++;
        while (*q == '_') q++;
        if (*p != *q) break;
        if (!*p) return (long)i;
        p++, q++;
      }
    }
  }
  return -1;
}

static long column_number(const ingest *g, const char *ref) {
  size_t n = 0;
  if (!*ref) return -1;
  for (const char *p = ref; *p; p++) {
    if (*p < '0' || *p > '9' || n > 100000000) return -1;
    n = n * 10 + (size_t)(*p - '0');
  }
  return n >= 1 && n <= g->nfields ? (long)n - 1 : -1;
}

static void list_columns(const ingest *g, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (size_t i = 0; i < g->nfields && o + 8 < cap; i++) {
    int k = snprintf(out + o, cap - o, "%s%s", i ? ", " : "", g->names[i]);
    if (k < 0) break;
    o += (size_t)k;
    if (o >= cap - 8) {
      snprintf(out + (cap - 8), 8, ", ...");
      break;
    }
  }
}

static kw_status apply_maps(ingest *g) {
  const kw_load_options *o = &g->opt;
  for (size_t j = 0; j < o->n_maps; j++) {
    kw_table_kind kind;
    kw_role role;
    const char *ref;
    kw_status st = kw_map_parse(g->ctx, o->maps[j], &kind, &role, &ref);
    if (st) return st;
    bool qualified = kind != KW_TABLE__COUNT;
    if (qualified && kind != g->kind) continue;
    long i = find_column(g, ref);
    if (i < 0 && (qualified || g->a->primary)) i = column_number(g, ref);
    if (i < 0) {
      if (qualified || !g->a->map_used) {
        char cols[600];
        list_columns(g, cols, sizeof cols);
        return kw_io_fail(g->ctx, KW_EARG, g->opt.lang, "",
                          g->dl.header ? "ingest.e.map_no_column"
                                       : "ingest.e.map_no_column_nohead",
                          "map", o->maps[j], "file", g->name, "col", ref,
                          "cols", cols, NULL);
      }
      continue;
    }
    if (g->a->map_used) g->a->map_used[j] = true;
    if (role != KW_ROLE_NONE)
      for (size_t k = 0; k < g->nfields; k++)
        if (g->roles[k] == role) g->roles[k] = KW_ROLE_NONE;
    g->roles[i] = role;
    g->named[i] = true;
  }
  return KW_OK;
}

static void guess_roles(ingest *g) {
  long owner[KW_ROLE__COUNT];
  unsigned best[KW_ROLE__COUNT];
  for (int r = 0; r < KW_ROLE__COUNT; r++) owner[r] = -1;
  for (size_t i = 0; i < g->nfields; i++) {
    g->roles[i] = KW_ROLE_NONE;
    if (!g->dl.header) continue;
    unsigned rank;
    kw_role r = kw_role_guess(g->kind, g->names[i], strlen(g->names[i]),
                              &rank);
    if (r == KW_ROLE__COUNT || r == KW_ROLE_NONE) continue;
    if (owner[r] < 0 || rank < best[r]) {
      owner[r] = (long)i;
      best[r] = rank;
    }
  }
  for (int r = 0; r < KW_ROLE__COUNT; r++)
    if (owner[r] >= 0) g->roles[owner[r]] = (kw_role)r;
}

static long field_of(const ingest *g, kw_role r) {
  for (size_t i = 0; i < g->nfields; i++)
    if (g->roles[i] == r) return (long)i;
  return -1;
}

static kw_status missing_roles(ingest *g, const kw_role *need, size_t n) {
  char roles[300] = "", maps[300] = "", cols[600], key[40], one[100];
  size_t ro = 0, mo = 0;
  for (size_t i = 0; i < n; i++) {
    snprintf(key, sizeof key, "ingest.role.%s", kw_role_name(need[i]));
    kw_io_msg(one, sizeof one, g->opt.lang, key, NULL);
    ro += (size_t)snprintf(roles + ro, sizeof roles - ro, "%s%s",
                           i ? ", " : "", one);
    mo += (size_t)snprintf(maps + mo, sizeof maps - mo, "%s--map %s=COLUMN",
                           i ? " " : "", kw_role_name(need[i]));
    if (ro >= sizeof roles || mo >= sizeof maps) break;
  }
  list_columns(g, cols, sizeof cols);
  char nohead[100] = "";
  if (!g->dl.header)
    snprintf(nohead, sizeof nohead, "%cingest.no_header", KW_MSGV_KEY);
  return kw_io_fail(g->ctx, KW_EMISSING, g->opt.lang, "",
                    "ingest.missing_roles", "file", g->name, "roles", roles,
                    "columns", cols, "noheader", nohead, "maps", maps, NULL);
}

/*
 * Amounts with and without VAT (sales lines and invoices). With both, the
 * amount is the one without VAT unless --vat incl; the other column is
 * left aside. With only amounts incl. VAT they are used as they are, or
 * divided by 1 + --vat-rate. --vat excl without an excl. column needs the
 * rate; --vat incl without an incl. column is an error.
 */
static kw_status vat_roles(ingest *g) {
  g->vat_field = -1;
  if (g->kind != KW_TABLE_TRANSACTIONS && g->kind != KW_TABLE_INVOICES)
    return KW_OK;
  long ex = field_of(g, KW_ROLE_AMOUNT), inc = field_of(g, KW_ROLE_AMOUNT_INCL);
  const char mode = g->opt.vat;
  const int32_t rate = g->opt.vat_rate_bp;
  if (inc < 0) {
    if (ex < 0) return KW_OK;
    if (mode == 'i') {
      return kw_io_fail(g->ctx, KW_EARG, g->opt.lang, "",
                        "ingest.vat_incl_missing", "file", g->name, "col",
                        g->names[ex], NULL);
    }
    g->vat = kw_role_header_excl_vat(g->names[ex], strlen(g->names[ex]))
                 ? KW_VAT_EXCL
                 : KW_VAT_UNKNOWN;
    return KW_OK;
  }
  if (ex >= 0 && mode != 'i') {
    g->vat = KW_VAT_EXCL;
    g->vat_other = true;
    kw_log(g->ctx, KW_LOG_INFO,
           "%s: amounts excl. VAT (\"%s\") are used; \"%s\" is left aside "
           "(--vat incl uses it)",
           g->name, g->names[ex], g->names[inc]);
    return KW_OK;
  }
  if (ex >= 0) { /* --vat incl */
    g->roles[ex] = KW_ROLE_NONE;
    g->vat_other = true;
  }
  g->roles[inc] = KW_ROLE_AMOUNT;
  if (mode == 'i') {
    g->vat = KW_VAT_INCL;
  } else if (rate > 0) {
    g->vat = KW_VAT_CONVERTED;
    g->vat_field = inc;
  } else if (mode == 'e') {
    return kw_io_fail(g->ctx, KW_EARG, g->opt.lang, "",
                      "ingest.vat_excl_missing", "file", g->name, "col",
                      g->names[inc], NULL);
  } else {
    g->vat = KW_VAT_INCL;
    kw_io_log(g->ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.vat_incl_used",
              "file", g->name, "col", g->names[inc], NULL);
  }
  return KW_OK;
}

/* Roles of the fields: detected, overridden by --map, then checked. */
static kw_status assign_roles(ingest *g) {
  guess_roles(g);
  kw_status st = apply_maps(g);
  if (!st) st = vat_roles(g);
  if (st) return st;
  kw_role need[4];
  size_t nneed = 0;
  if (field_of(g, KW_ROLE_CUSTOMER) < 0) {
    /* durations and journeys: each row its own subject; a survey
     * without customer ids is anonymous (the feedback model scores it and
     * links nothing to behaviour) */
    if (g->kind == KW_TABLE_FEEDBACK || g->kind == KW_TABLE_SPEND) {
      /* no customer column: anonymous answers; spend is per channel */
    } else if (g->kind == KW_TABLE_CUSTOMERS ||
               g->kind == KW_TABLE_TOUCHPOINTS) {
      g->rowids = true;
      kw_log(g->ctx, KW_LOG_INFO,
             "%s: no customer column; the rows are numbered #1, #2, ... "
             "and each row is its own customer",
             g->name);
    } else {
      need[nneed++] = KW_ROLE_CUSTOMER;
    }
  }
  switch (g->kind) {
  case KW_TABLE_FEEDBACK:
    if (field_of(g, KW_ROLE_CUSTOMER) < 0 && field_of(g, KW_ROLE_NPS) < 0 &&
        field_of(g, KW_ROLE_CSAT) < 0 && field_of(g, KW_ROLE_CES) < 0)
      need[nneed++] = KW_ROLE_CUSTOMER;
    break;
  case KW_TABLE_TRANSACTIONS:
    if (field_of(g, KW_ROLE_DATE) < 0) need[nneed++] = KW_ROLE_DATE;
    if (field_of(g, KW_ROLE_AMOUNT) < 0) {
      long q = field_of(g, KW_ROLE_QUANTITY);
      long p = field_of(g, KW_ROLE_UNIT_PRICE);
      if (p >= 0 && q < 0) {
        g->roles[p] = KW_ROLE_AMOUNT; /* a price per line is its amount */
      } else if (p < 0 && g->opt.amount_optional) {
        g->zero_amount = true; /* amount 0 on every line */
      } else if (p < 0) {
        need[nneed++] = KW_ROLE_AMOUNT;
      }
    }
    break;
  case KW_TABLE_INVOICES:
    if (field_of(g, KW_ROLE_DATE) < 0) need[nneed++] = KW_ROLE_DATE;
    if (field_of(g, KW_ROLE_AMOUNT) < 0) need[nneed++] = KW_ROLE_AMOUNT;
    break;
  case KW_TABLE_COSTS:
    if (field_of(g, KW_ROLE_AMOUNT) < 0 && field_of(g, KW_ROLE_HOURS) < 0)
      need[nneed++] = KW_ROLE_AMOUNT;
    break;
  case KW_TABLE_REFERRALS:
    if (field_of(g, KW_ROLE_REFERRER) < 0) need[nneed++] = KW_ROLE_REFERRER;
    break;
  case KW_TABLE_SPEND:
    if (field_of(g, KW_ROLE_CHANNEL) < 0) need[nneed++] = KW_ROLE_CHANNEL;
    if (field_of(g, KW_ROLE_DATE) < 0) need[nneed++] = KW_ROLE_DATE;
    if (field_of(g, KW_ROLE_AMOUNT) < 0) need[nneed++] = KW_ROLE_AMOUNT;
    break;
  default:
    break;
  }
  if (nneed) return missing_roles(g, need, nneed);
  return KW_OK;
}

/* ------------------------------------------------------------ columns */

static kw_status add_col(ingest *g, const char *name, kw_role role,
                         uint32_t src, icol **out) {
  icol *c = &g->cols[g->ncols++];
  memset(c, 0, sizeof *c);
  c->name = name;
  c->role = role;
  c->src = src;
  c->klen = SIZE_MAX;
  kw_buf_init(&c->pend, sizeof(pend));
  switch (role) {
#define KW_X_TYPE(e, nm, ty, desc) \
  case e:                          \
    c->type = ty;                  \
    break;
    KW_ROLE_LIST(KW_X_TYPE)
#undef KW_X_TYPE
  default:
    c->type = KW_TYPE_TEXT;
  }
  const kw_table_kind k = g->kind;
  switch (c->type) {
  case KW_TYPE_TEXT:
    if (role == KW_ROLE_CUSTOMER || role == KW_ROLE_REFERRER) {
      c->op = OP_CUSTOMER;
      c->dict = kw_dataset_customers_mut(g->ds);
      c->fx = fx_new(g->ctx);
      if (!c->fx) return kw_fail_nomem(g->ctx);
      /* an answer without a customer is an anonymous survey answer */
      c->required = (role == KW_ROLE_CUSTOMER && k != KW_TABLE_FEEDBACK) ||
                    k == KW_TABLE_REFERRALS;
    } else if (role == KW_ROLE_PRODUCT) {
      c->op = OP_PRODUCT;
      c->dict = kw_dataset_products_mut(g->ds);
      c->fx = fx_new(g->ctx);
      if (!c->fx) return kw_fail_nomem(g->ctx);
    } else if (role == KW_ROLE_INVOICE && src != UINT32_MAX) {
      /* the dataset's invoice numbers: a number on the sales lines and on
       * the invoices is kept once (numbers made up from line numbers get
       * a dictionary of their own) */
      c->op = OP_TEXT;
      c->dict = kw_dataset_invoices_mut(g->ds);
      c->fx = fx_new(g->ctx);
      if (!c->fx) return kw_fail_nomem(g->ctx);
    } else {
      c->op = OP_TEXT;
      c->dict = kw_dict_new(g->ctx);
      c->own_dict = true;
      if (!c->dict) return kw_fail_nomem(g->ctx);
      c->fx = fx_new(g->ctx);
      if (!c->fx) return kw_fail_nomem(g->ctx);
    }
    break;
  case KW_TYPE_DATE:
    c->op = OP_DATE;
    c->bad = KW_SKIP_BAD_DATE;
    c->order = g->opt.date_order;
    c->required = role == KW_ROLE_DATE &&
                  (k == KW_TABLE_TRANSACTIONS || k == KW_TABLE_INVOICES);
    break;
  case KW_TYPE_MONEY:
    c->op = OP_MONEY;
    c->bad = KW_SKIP_BAD_AMOUNT;
    c->mark = g->opt.decimal_mark;
    c->required = role == KW_ROLE_AMOUNT &&
                  (k == KW_TABLE_TRANSACTIONS || k == KW_TABLE_INVOICES);
    break;
  case KW_TYPE_NUMBER:
    c->op = OP_NUMBER;
    c->bad = KW_SKIP_BAD_NUMBER;
    c->mark = g->opt.decimal_mark;
    break;
  case KW_TYPE_FLAG:
    c->op = OP_FLAG;
    c->bad = KW_SKIP_BAD_FLAG;
    break;
  }
  if (out) *out = c;
  return KW_OK;
}

static kw_status plan_columns(ingest *g, size_t est) {
  const bool tr = g->kind == KW_TABLE_TRANSACTIONS;
  g->cols = kw_calloc(g->ctx, g->nfields + 2, sizeof *g->cols);
  g->ids = kw_calloc(g->ctx, g->nfields + 2, sizeof *g->ids);
  g->typed = kw_calloc(g->ctx, g->nfields + 2, sizeof *g->typed);
  g->btexts = kw_calloc(g->ctx, g->nfields + 2, sizeof *g->btexts);
  g->pushed = kw_calloc(g->ctx, g->nfields + 2, sizeof *g->pushed);
  if (!g->cols || !g->ids || !g->typed || !g->btexts || !g->pushed)
    return kw_fail_nomem(g->ctx);
  g->derived = g->amount_col = g->hours_col = g->gen_invoice = -1;
  g->gen_amount = -1;
  g->gen_customer = -1;
  bool derive = tr && field_of(g, KW_ROLE_AMOUNT) < 0 && !g->zero_amount;
  for (size_t i = 0; i < g->nfields; i++) {
    kw_role r = g->roles[i];
    if ((r == KW_ROLE_NONE && (tr || !g->named[i])) ||
        (g->opt.skip_contact && (r == KW_ROLE_EMAIL || r == KW_ROLE_PHONE ||
                                 r == KW_ROLE_ADDRESS))) {
      kw_status st = kw_table_report_ignored(g->ctx, g->t, g->names[i]);
      if (st) return st;
      continue;
    }
    icol *c;
    kw_status st = add_col(g, g->names[i], r, (uint32_t)i, &c);
    if (st) return st;
    /* a missing quantity or price is a missing amount (checked after) */
    if (derive && r == KW_ROLE_QUANTITY) c->feeds = 1;
    if (derive && r == KW_ROLE_UNIT_PRICE) c->feeds = 2;
    if (g->kind == KW_TABLE_COSTS && r == KW_ROLE_AMOUNT)
      g->amount_col = (int)(c - g->cols);
    if (g->kind == KW_TABLE_COSTS && r == KW_ROLE_HOURS)
      g->hours_col = (int)(c - g->cols);
  }
  if (derive) {
    icol *c;
    kw_status st = add_col(g, "amount", KW_ROLE_AMOUNT, UINT32_MAX, &c);
    if (st) return st;
    c->op = OP_DERIVED;
    c->required = true;
    g->derived = (int)(c - g->cols);
  }
  if (tr && g->zero_amount) {
    icol *c;
    kw_status st = add_col(g, "amount", KW_ROLE_AMOUNT, UINT32_MAX, &c);
    if (st) return st;
    c->op = OP_ZERO;
    c->required = false;
  }
  if (g->rowids) {
    icol *c;
    kw_status st = add_col(g, "customer", KW_ROLE_CUSTOMER, UINT32_MAX, &c);
    if (st) return st;
    fx_free(g->ctx, c->fx);
    c->fx = NULL;
    c->op = OP_ROWID;
    c->required = false;
  }
  if (g->kind == KW_TABLE_INVOICES && field_of(g, KW_ROLE_INVOICE) < 0) {
    icol *c;
    kw_status st = add_col(g, "invoice", KW_ROLE_INVOICE, UINT32_MAX, &c);
    if (st) return st;
    c->op = OP_GENERATED;
  }
  for (size_t i = 0; i < g->ncols; i++) {
    icol *c = &g->cols[i];
    if (c->op == OP_CUSTOMER && c->required) g->ids[g->nids++] = i;
    if (c->op == OP_DATE || c->op == OP_MONEY || c->op == OP_NUMBER ||
        c->op == OP_FLAG)
      g->typed[g->ntyped++] = i;
    if (c->op == OP_CUSTOMER || c->op == OP_PRODUCT || c->op == OP_TEXT)
      g->btexts[g->nbtexts++] = i;
    if (c->op == OP_GENERATED) g->gen_invoice = (int)i;
    if (c->op == OP_ZERO) g->gen_amount = (int)i;
    if (c->op == OP_ROWID) g->gen_customer = (int)i;
  }
  if (g->nbtexts) {
    for (int i = 0; i < 2; i++) {
      g->bat[i] = batch_new(g->ctx, g->nbtexts);
      if (!g->bat[i]) return kw_fail_nomem(g->ctx);
    }
  }
  /* the estimate may be far too high for odd files: when it cannot be
   * had, start small and grow */
  for (;;) {
    bool ok = true;
    for (size_t i = 0; i < g->ncols && ok; i++) {
      size_t bytes;
      ok = kw_mul_size(est, type_size[g->cols[i].type], &bytes) &&
           (g->cols[i].data = kw_malloc(g->ctx, bytes)) != NULL;
    }
    if (ok) break;
    for (size_t i = 0; i < g->ncols; i++) {
      kw_free(g->ctx, g->cols[i].data);
      g->cols[i].data = NULL;
    }
    if (est <= 4096) return kw_fail_nomem(g->ctx);
    est = 4096;
  }
  g->cap = est;
  return KW_OK;
}

/* ------------------------------------------------------------- finish */

/* The decimal mark the file's decided money and number columns agree on,
 * or 0. */
static char file_mark(const ingest *g) {
  char m = 0;
  for (size_t i = 0; i < g->ncols; i++) {
    const icol *c = &g->cols[i];
    if ((c->op != OP_MONEY && c->op != OP_NUMBER) || !c->mark || !c->shown)
      continue;
    if (c->mark == g->opt.decimal_mark) continue; /* given, not evidence */
    if (m && m != c->mark) return 0;
    m = c->mark;
  }
  return m;
}

static kw_status settle(ingest *g) {
  char fm = file_mark(g);
  for (size_t i = 0; i < g->ncols; i++) {
    icol *c = &g->cols[i];
    if (c->op == OP_DATE) {
      if (c->order == KW_DATE_ORDER_UNKNOWN && c->amb) {
        decide_order(c, KW_DATE_DMY);
        kw_log(g->ctx, KW_LOG_INFO,
               "%s: column \"%s\": dates such as \"%s\" read day first "
               "(use --date-format to read them month first)",
               g->name, c->name, c->amb_text);
      }
      continue;
    }
    if (c->op != OP_MONEY && c->op != OP_NUMBER) continue;
    if (c->mark || c->pend.len == 0) continue;
    if (!fm) {
      char pl[300];
      place(g, c->amb_line, c->amb_col, pl, sizeof pl);
      return kw_io_fail(g->ctx, KW_EAMBIGUOUS, g->opt.lang, pl,
                        "ingest.e.mark_ambiguous", "col", c->name, "text",
                        c->amb_text, NULL);
    }
    decide_mark(c, fm);
    kw_log(g->ctx, KW_LOG_INFO,
           "%s: column \"%s\": decimal mark '%c' taken from the other "
           "columns (values such as \"%s\" alone do not tell)",
           g->name, c->name, fm, c->amb_text);
  }
  if (g->derived >= 0) {
    const icol *q = NULL, *p = NULL;
    for (size_t i = 0; i < g->ncols; i++) {
      if (g->cols[i].feeds == 1) q = &g->cols[i];
      if (g->cols[i].feeds == 2) p = &g->cols[i];
    }
    int64_t *amount = g->cols[g->derived].data;
    const dpend *d = g->dpend.data;
    for (size_t i = 0; i < g->dpend.len; i++) {
      double qv = d[i].qsep && q->mark == d[i].qsep ? d[i].qa : d[i].q;
      int64_t pv = d[i].psep && p->mark == d[i].psep ? d[i].pa : d[i].p;
      int64_t cents;
      if (derive_cents(qv, pv, &cents)) amount[d[i].row] = cents;
    }
    g->dpend.len = 0;
  }
  return KW_OK;
}

/* Amounts incl. VAT to amounts excl. VAT: cents * 10000 / (10000 + rate),
 * rounded half away from zero. */
static void take_off_vat(int64_t *v, size_t rows, int32_t bp) {
  const __int128 d = 10000 + (__int128)bp;
  for (size_t r = 0; r < rows; r++) {
    if (v[r] == KW_NA_MONEY) continue;
    __int128 q = (__int128)v[r] * 10000;
    __int128 a = q < 0 ? -q : q;
    __int128 x = (a + d / 2) / d;
    v[r] = (int64_t)(q < 0 ? -x : x);
  }
}

static uint64_t count_missing(const icol *c, size_t rows) {
  uint64_t m = 0;
  switch (c->type) {
  case KW_TYPE_TEXT:
    for (size_t r = 0; r < rows; r++) m += ((uint32_t *)c->data)[r] == KW_NA_ID;
    break;
  case KW_TYPE_DATE:
    for (size_t r = 0; r < rows; r++) m += ((int32_t *)c->data)[r] == KW_NA_DATE;
    break;
  case KW_TYPE_MONEY:
    for (size_t r = 0; r < rows; r++)
      m += ((int64_t *)c->data)[r] == KW_NA_MONEY;
    break;
  case KW_TYPE_NUMBER:
    for (size_t r = 0; r < rows; r++) m += isnan(((double *)c->data)[r]);
    break;
  case KW_TYPE_FLAG:
    for (size_t r = 0; r < rows; r++) m += ((int8_t *)c->data)[r] == KW_NA_FLAG;
    break;
  }
  return m;
}

static kw_status empty_error(ingest *g) {
  uint64_t bad = g->rows_read - g->skipped[KW_SKIP_BLANK];
  if (bad == 0) {
    return kw_io_fail(g->ctx, KW_EEMPTY, g->opt.lang, "",
                      g->dl.header ? "ingest.e.no_rows" : "ingest.e.empty",
                      "file", g->name, NULL);
  }
  char why[400] = "";
  size_t o = 0;
  for (int k = 0; k < KW_SKIP__COUNT && o < sizeof why; k++) {
    if (!g->skipped[k] || k == KW_SKIP_BLANK) continue;
    char key[40], w[100];
    snprintf(key, sizeof key, "ingest.skip.%s",
             kw_skip_reason_name((kw_skip_reason)k));
    kw_io_msg(w, sizeof w, g->opt.lang, key, NULL);
    o += (size_t)snprintf(why + o, sizeof why - o, "%s%llu %s",
                          o ? ", " : "", (unsigned long long)g->skipped[k], w);
  }
  const kw_read_report *rep = kw_table_report(g->t);
  char nb[24];
  snprintf(nb, sizeof nb, "%llu", (unsigned long long)bad);
  if (rep->n_examples)
    return kw_io_fail(g->ctx, KW_EEMPTY, g->opt.lang, "",
                      "ingest.e.none_used_ex", "file", g->name, "n", nb,
                      "why", why, "first", rep->examples[0], NULL);
  return kw_io_fail(g->ctx, KW_EEMPTY, g->opt.lang, "", "ingest.e.none_used",
                    "file", g->name, "n", nb, "why", why, NULL);
}

static kw_status finish(ingest *g) {
  kw_status st = g->nbtexts ? hand_off(g) : KW_OK;
  if (!st) st = drain(g);
  if (st) return st;
  stop_worker(g);
  st = settle(g);
  if (st) return st;
  if (g->rows == 0) return empty_error(g);
  for (size_t i = 0; i < g->ncols; i++) {
    icol *c = &g->cols[i];
    if (g->vat_field >= 0 && c->src == (uint32_t)g->vat_field &&
        c->op == OP_MONEY)
      take_off_vat(c->data, g->rows, g->opt.vat_rate_bp);
    uint64_t missing = count_missing(c, g->rows);
    void *data = c->data;
    void *shrunk = kw_realloc(g->ctx, data, g->rows * type_size[c->type]);
    if (shrunk) data = shrunk;
    c->data = NULL;
    kw_dict *own = c->own_dict ? c->dict : NULL;
    c->own_dict = false;
    kw_column *out;
    st = kw_table_add_column(g->ctx, g->t, c->name, c->role, c->type, c->dict,
                             own, data, &out);
    if (st) return st;
    out->missing = missing;
    out->source_index = c->src;
    if (c->op == OP_MONEY || c->op == OP_NUMBER)
      out->decimal_mark = c->shown ? c->mark : 0;
    if (c->op == OP_MONEY) set_currency(out, c);
    if (c->op == OP_DERIVED) {
      const icol *p = NULL;
      for (size_t k = 0; k < g->ncols; k++)
        if (g->cols[k].feeds == 2) p = &g->cols[k];
      out->decimal_mark = p && p->shown ? p->mark : 0;
      if (p) set_currency(out, p);
    }
    if (c->op == OP_DATE) out->date_order = c->order;
  }
  kw_table_set_rows(g->t, g->rows);
  kw_read_report *rep = kw_table_report_mut(g->t);
  rep->delimiter = g->dl.delim;
  rep->header = g->dl.header;
  if (g->src) {
    st = kw_table_report_sheet(g->ctx, g->t, g->src->sheet,
                               g->src->sheet_reason);
    if (st) return st;
    rep->format = g->src->format;
    rep->header_row = g->src->header_row;
    rep->total_row = g->src->total_row ? *g->src->total_row : 0;
  }
  rep->encoding = kw_csv_encoding_name(g->dl.enc);
  rep->line_ending = kw_csv_eol_name(g->rd.eol != KW_EOL_NONE ? g->rd.eol
                                                              : g->dl.eol);
  rep->bytes = g->src ? g->src->bytes : g->len;
  rep->vat = g->vat;
  rep->vat_rate_bp = g->vat == KW_VAT_CONVERTED ? g->opt.vat_rate_bp : 0;
  rep->vat_other = g->vat_other;
  rep->rows_read = g->rows_read;
  rep->rows_used = g->rows;
  rep->rows_skipped = 0;
  for (int k = 0; k < KW_SKIP__COUNT; k++) {
    rep->skipped[k] = g->skipped[k];
    rep->rows_skipped += g->skipped[k];
  }
  rep->recoded_cells = g->recoded;
  rep->guest_rows = g->guest_rows;
  rep->guest_cents = g->guest_cents;
  {
    size_t ng = g->guests.len;
    kw_table_set_guests(g->ctx, g->t, kw_buf_take(g->ctx, &g->guests), ng);
  }
  if (g->recoded) {
    char n[24], ln[24], cn[24];
    snprintf(n, sizeof n, "%llu", (unsigned long long)g->recoded);
    snprintf(ln, sizeof ln, "%llu", (unsigned long long)g->recoded_line);
    snprintf(cn, sizeof cn, "%llu", (unsigned long long)g->recoded_col);
    kw_io_log(g->ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.w.recoded", "file",
              g->name, "n", n, "line", ln, "col", cn, NULL);
  }
  for (int k = 0; k < KW_SKIP__COUNT; k++) {
    if (!g->skipped[k] || k == KW_SKIP_BLANK) continue;
    if (k == KW_SKIP_NO_CUSTOMER && g->guest_rows) {
      int64_t c = g->guest_cents, u = c < 0 ? -c : c;
      char gn[24], gm[24], amt[40];
      snprintf(gn, sizeof gn, "%llu", (unsigned long long)g->skipped[k]);
      snprintf(gm, sizeof gm, "%llu", (unsigned long long)g->rows_read);
      snprintf(amt, sizeof amt, "%c%s%lld.%02lld", KW_MSGV_DECIMAL,
               c < 0 ? "-" : "", (long long)(u / 100), (long long)(u % 100));
      kw_io_log(g->ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.guest_sales",
                "file", g->name, "n", gn, "m", gm, "amount", amt, NULL);
      continue;
    }
    char n[24], m[24], why[48];
    snprintf(n, sizeof n, "%llu", (unsigned long long)g->skipped[k]);
    snprintf(m, sizeof m, "%llu", (unsigned long long)g->rows_read);
    snprintf(why, sizeof why, "%cingest.skip.%s", KW_MSGV_KEY,
             kw_skip_reason_name((kw_skip_reason)k));
    kw_io_log(g->ctx, KW_LOG_WARN, g->opt.lang, "", "ingest.skipped", "file",
              g->name, "n", n, "m", m, "reason", why, NULL);
  }
  return KW_OK;
}

static void part_free(struct part *p);

static void cleanup(ingest *g) {
  kw_context *ctx = g->ctx;
  part_free(g->part);
  g->part = NULL;
  stop_worker(g);
  if (g->rd_open) kw_csv_free(&g->rd);
  for (size_t i = 0; i < g->ncols; i++) {
    kw_free(ctx, g->cols[i].data);
    if (g->cols[i].own_dict) kw_dict_free(ctx, g->cols[i].dict);
    kw_buf_free(ctx, &g->cols[i].pend);
    fx_free(ctx, g->cols[i].fx);
  }
  if (g->names)
    for (size_t i = 0; i < g->nfields; i++) kw_free(ctx, g->names[i]);
  kw_free(ctx, g->names);
  kw_free(ctx, g->named);
  kw_free(ctx, g->roles);
  kw_free(ctx, g->cols);
  kw_free(ctx, g->ids);
  kw_free(ctx, g->typed);
  kw_free(ctx, g->btexts);
  batch_free(ctx, g->bat[0]);
  batch_free(ctx, g->bat[1]);
  kw_free(ctx, g->pushed);
  kw_free(ctx, g->sbuf);
  free_retired(g, UINT64_MAX);
  kw_buf_free(ctx, &g->retired);
  kw_free(ctx, g->conv);
  kw_buf_free(ctx, &g->dpend);
  kw_buf_free(ctx, &g->guests);
  kw_table_free(ctx, g->t);
}

/* ------------------------------------------------------------ two halves */

/*
 * With kw_context_threads >= 2 a large file is read in two halves at once.
 * The second half starts after the first line feed past the middle: a
 * second thread reads it as if a row started there, into its own columns,
 * dictionaries, pending lists and skip report, numbering its lines from
 * the line breaks before it (counted first, in the same way as the
 * reader). The reader of the first half stops where its rows reach that
 * point. When a row ends exactly there the guess was right (the reader is
 * deterministic from a row start) and the halves are joined as if one
 * reader had read both: the second half's text values are interned into
 * the first half's dictionaries in the order of their first appearance
 * (so every id is the one a single reader gives), its ids rewritten, its
 * columns appended, its column decisions and pending cells folded in as
 * the single reader would have met them, its counts added and its skip
 * examples appended while there is room. When a row spans the point (a
 * quoted field with a line break across it), the second half failed (an
 * unclosed quote, out of memory), or the halves decided a column
 * differently (a cell that one reader would have rejected), the second
 * half is dropped and the first reader simply goes on alone: the result
 * is always the one-reader result. Tables whose rows depend on the row
 * count before them (generated ids, derived amounts) or whose text columns
 * share a dictionary are read by one reader.
 */
/* Files of 64 MiB and more. On the quiet 2-core machine the 1 M-customer
 * demo folder loads in 10.0 s instead of 13.9-17.2 s (peak 2.1 GB instead
 * of 1.7 GB), 200,000 customers in 2.1 s instead of 2.3-2.9 s; on a
 * machine whose cores are taken by other work the second thread cannot
 * run and the split costs time (docs/benchmarks.md). */
size_t kw_ingest_split_min = (size_t)64 << 20;
uint64_t kw_ingest_splits[2];

typedef struct part {
  ingest g;
  kw_context ctx;
  pthread_t th;
  bool started;
  const char *at;   /* first byte of the second half */
  const char *from; /* the first half's first data byte, and its line */
  uint64_t from_line;
  kw_status st;
} part;

static void part_free(part *p) {
  if (!p) return;
  kw_context *ctx = &p->ctx;
  ingest *h = &p->g;
  if (p->started) pthread_join(p->th, NULL);
  if (h->rd_open) kw_csv_free(&h->rd);
  if (h->cols)
    for (size_t i = 0; i < h->ncols; i++) {
      kw_free(ctx, h->cols[i].data);
      if (h->cols[i].own_dict) kw_dict_free(ctx, h->cols[i].dict);
      kw_buf_free(ctx, &h->cols[i].pend);
      fx_free(ctx, h->cols[i].fx);
    }
  kw_free(ctx, h->cols);
  kw_free(ctx, h->pushed);
  batch_free(ctx, h->bat[0]);
  batch_free(ctx, h->bat[1]);
  kw_free(ctx, h->conv);
  kw_buf_free(ctx, &h->dpend);
  kw_buf_free(ctx, &h->guests);
  kw_table_free(ctx, h->t);
  kw_free(ctx, p);
}

static void *part_main(void *arg) {
  part *p = arg;
  ingest *h = &p->g;
  h->rd.line = p->from_line + kw_csv_count_breaks(p->from, p->at, h->rd.end);
  kw_csv_row row;
  int rc;
  kw_status st = KW_OK;
  const char *mark = p->at;
  while ((rc = kw_csv_next(&h->rd, &row)) == 1) {
    st = do_row(h, &row);
    if (st) break;
    if ((size_t)(row.start - mark) >= RELEASE_STEP && h->a->release_range) {
      mark = row.start;
      h->a->release_range(h->a->release_user, p->at, oldest_needed(h, mark));
    }
  }
  if (!st && rc < 0) st = p->ctx.last_status ? p->ctx.last_status : KW_EINPUT;
  if (!st && h->nbtexts) st = hand_off(h);
  p->st = st;
  return NULL;
}

/* Start reading the second half, when the file and table allow it. */
static void part_start(ingest *g, size_t est) {
  if (kw_context_threads(g->ctx) < 2 || g->src ||
      (size_t)(g->rd.end - g->rd.pos) < kw_ingest_split_min || g->derived >= 0 ||
      g->gen_invoice >= 0 || g->gen_customer >= 0)
    return;
  for (size_t i = 0; i < g->nbtexts; i++)
    for (size_t j = i + 1; j < g->nbtexts; j++)
      if (g->cols[g->btexts[i]].dict == g->cols[g->btexts[j]].dict) return;
  const char *mid = g->rd.pos + (g->rd.end - g->rd.pos) / 2;
  const char *nl = memchr(mid, '\n', (size_t)(g->rd.end - mid));
  if (!nl || g->rd.end - nl < 2) return;
  part *p = kw_calloc(g->ctx, 1, sizeof *p);
  if (!p) return;
  p->ctx = *g->ctx;
  p->ctx.log_fn = NULL;
  p->ctx.log_msg_fn = NULL;
  p->ctx.progress_fn = NULL;
  p->at = nl + 1;
  p->from = g->rd.pos;
  p->from_line = g->rd.line;
  ingest *h = &p->g;
  *h = *g;
  h->ctx = h->tctx = &p->ctx;
  h->part = NULL;
  h->rd_open = false;
  h->cols = NULL;
  h->pushed = NULL;
  h->bat[0] = h->bat[1] = NULL;
  h->fill = 0;
  h->threaded = false;
  h->conv = NULL;
  h->conv_cap = 0;
  h->rows = h->rows_read = h->recoded = h->guest_rows = 0;
  h->guest_cents = 0;
  memset(h->skipped, 0, sizeof h->skipped);
  kw_buf_init(&h->dpend, sizeof(dpend));
  kw_buf_init(&h->guests, sizeof(kw_guest_print));
  h->t = kw_table_new(&p->ctx, g->kind);
  h->cols = kw_calloc(&p->ctx, g->nfields + 2, sizeof *h->cols);
  h->pushed = kw_calloc(&p->ctx, g->nfields + 2, sizeof *h->pushed);
  bool ok = h->t && h->cols && h->pushed;
  double frac = (double)(g->rd.end - p->at) / (double)(g->rd.end - g->rd.pos);
  size_t est2 = (size_t)((double)est * frac) + 1024;
  for (size_t i = 0; i < g->ncols && ok; i++) {
    icol *c = &h->cols[i];
    *c = g->cols[i];
    c->data = NULL;
    c->fx = NULL;
    c->own_dict = false;
    kw_buf_init(&c->pend, sizeof(pend));
    if (c->op == OP_CUSTOMER || c->op == OP_PRODUCT || c->op == OP_TEXT) {
      c->dict = kw_dict_new(&p->ctx);
      c->own_dict = c->dict != NULL;
      ok = c->dict != NULL;
      if (ok && g->cols[i].fx) ok = (c->fx = fx_new(&p->ctx)) != NULL;
    }
    size_t bytes;
    if (ok)
      ok = kw_mul_size(est2, type_size[c->type], &bytes) &&
           (c->data = kw_malloc(&p->ctx, bytes)) != NULL;
  }
  if (ok && g->nbtexts)
    for (int i = 0; i < 2 && ok; i++)
      ok = (h->bat[i] = batch_new(&p->ctx, g->nbtexts)) != NULL;
  h->cap = est2;
  if (ok) {
    kw_csv_init(&h->rd, &p->ctx, g->name, p->at, (size_t)(g->rd.end - p->at),
                g->rd.delim, g->rd.max_field);
    h->rd_open = true;
    ok = pthread_create(&p->th, NULL, part_main, p) == 0;
    p->started = ok;
  }
  if (!ok) {
    kw_clear_error(g->ctx);
    part_free(p);
    return;
  }
  g->part = p;
  /* the first half needs about the rest of the estimate */
  size_t est1 = est - (size_t)((double)est * frac) + 1024;
  if (est1 < g->cap) {
    for (size_t i = 0; i < g->ncols; i++) {
      void *q = kw_realloc(g->ctx, g->cols[i].data,
                           est1 * type_size[g->cols[i].type]);
      if (q) g->cols[i].data = q;
      else est1 = g->cap; /* keep the size every column still has */
    }
    if (est1 < g->cap) g->cap = est1;
  }
}

/* Can the two halves' column decisions be joined? Not when they differ,
 * nor when the second half summed guest amounts (or fingerprinted their
 * dates) under a reading the first half's decision would have changed:
 * the sum is taken as the rows are read. */
static bool part_agrees(const ingest *g, const ingest *h) {
  for (size_t i = 0; i < g->ncols; i++) {
    const icol *a = &g->cols[i], *b = &h->cols[i];
    bool decided = a->op == OP_DATE ? a->order != KW_DATE_ORDER_UNKNOWN
                                    : a->mark != 0;
    if (h->guest_rows && b->amb && decided &&
        (a->op == OP_DATE || a->op == OP_MONEY || a->op == OP_NUMBER))
      return false;
    if (a->op == OP_DATE && a->order != KW_DATE_ORDER_UNKNOWN &&
        b->order != KW_DATE_ORDER_UNKNOWN && a->order != b->order)
      return false;
    if ((a->op == OP_MONEY || a->op == OP_NUMBER) && a->mark && b->mark &&
        a->mark != b->mark)
      return false;
  }
  return true;
}

/* The first reader reached the second half: join it (see above), or drop
 * it. */
static kw_status part_join(ingest *g) {
  part *p = g->part;
  g->part = NULL;
  pthread_join(p->th, NULL);
  p->started = false;
  ingest *h = &p->g;
  if (g->rd.pos != p->at || p->st != KW_OK || !part_agrees(g, h)) {
    kw_ingest_splits[1]++;
    part_free(p);
    return KW_OK;
  }
  kw_ingest_splits[0]++;
  kw_status st = g->nbtexts ? hand_off(g) : KW_OK;
  if (!st) st = drain(g);
  if (st) goto out;
  const size_t r1 = g->rows, r2 = h->rows;
  /* the column decisions, as one reader would have met them */
  for (size_t i = 0; i < g->ncols; i++) {
    icol *a = &g->cols[i], *b = &h->cols[i];
    if (a->op == OP_DATE) {
      if (a->order != KW_DATE_ORDER_UNKNOWN &&
          b->order == KW_DATE_ORDER_UNKNOWN)
        decide_order(b, a->order);
      else if (a->order == KW_DATE_ORDER_UNKNOWN &&
               b->order != KW_DATE_ORDER_UNKNOWN)
        decide_order(a, b->order);
    } else if (a->op == OP_MONEY || a->op == OP_NUMBER) {
      if (a->mark && !b->mark)
        decide_mark(b, a->mark);
      else if (!a->mark && b->mark)
        decide_mark(a, b->mark);
      a->shown = a->shown || b->shown;
      for (int k = 0; k < 4; k++) a->cur[k] += b->cur[k];
    } else {
      continue;
    }
    /* both undecided: the second half's pending cells follow */
    const pend *q = b->pend.data;
    for (size_t k = 0; k < b->pend.len && !st; k++) {
      pend x = q[k];
      x.row = (x.row & PEND_DOT) | ((x.row & ~PEND_DOT) + r1);
      st = kw_buf_push(g->ctx, &a->pend, &x);
    }
    if (st) goto out;
    if (!a->amb && b->amb) {
      a->amb = true;
      a->amb_line = b->amb_line;
      a->amb_col = b->amb_col;
      memcpy(a->amb_text, b->amb_text, sizeof a->amb_text);
    }
  }
  /* the second half's text values, in the order it met them */
  for (size_t k = 0; k < g->nbtexts; k++) {
    icol *a = &g->cols[g->btexts[k]], *b = &h->cols[g->btexts[k]];
    size_t n = kw_dict_size(b->dict);
    uint32_t *map = kw_malloc(g->ctx, (n ? n : 1) * sizeof *map);
    uint64_t *hs = kw_malloc(g->ctx, (n ? n : 1) * sizeof *hs);
    if (!map || !hs) {
      kw_free(g->ctx, map);
      kw_free(g->ctx, hs);
      st = kw_fail_nomem(g->ctx);
      goto out;
    }
    for (size_t j = 0; j < n; j++)
      hs[j] = kw_hash_bytes(kw_dict_str(b->dict, (uint32_t)j),
                            kw_dict_len(b->dict, (uint32_t)j));
    /* the lookups' cache misses overlap, as in flush_batch */
    for (int stage = 0; stage < 3; stage++)
      for (size_t j = 0; j < (size_t)(3 - stage) * PREFETCH && j < n; j++)
        kw_dict_prefetch_stage(a->dict, hs[j], stage);
    for (size_t j = 0; j < n && !st; j++) {
      for (int stage = 0; stage < 3; stage++)
        if (j + (size_t)(3 - stage) * PREFETCH < n)
          kw_dict_prefetch_stage(a->dict, hs[j + (size_t)(3 - stage) * PREFETCH],
                                 stage);
      st = kw_dict_intern_hashed(g->ctx, a->dict,
                                 kw_dict_str(b->dict, (uint32_t)j),
                                 kw_dict_len(b->dict, (uint32_t)j), hs[j],
                                 &map[j], NULL);
    }
    kw_free(g->ctx, hs);
    if (!st) {
      uint32_t *ids = b->data;
      for (size_t r = 0; r < r2; r++)
        if (ids[r] != KW_NA_ID) ids[r] = map[ids[r]];
    }
    kw_free(g->ctx, map);
    if (st) goto out;
    a->klen = SIZE_MAX; /* the last value remembered is the first half's */
  }
  /* the rows, a column at a time (each half freed once copied) */
  {
    size_t cap = r1 + r2 > g->cap ? r1 + r2 + 1024 : g->cap;
    for (size_t i = 0; i < g->ncols; i++) {
      size_t sz = type_size[g->cols[i].type], bytes;
      if (cap > g->cap) {
        if (!kw_mul_size(cap, sz, &bytes)) {
          st = kw_fail_nomem(g->ctx);
          goto out;
        }
        void *q = kw_realloc(g->ctx, g->cols[i].data, bytes);
        if (!q) {
          st = kw_fail_nomem(g->ctx);
          goto out; /* columns of either size: the load fails anyway */
        }
        g->cols[i].data = q;
      }
      if (r2)
        memcpy((char *)g->cols[i].data + r1 * sz, h->cols[i].data, r2 * sz);
      kw_free(&p->ctx, h->cols[i].data);
      h->cols[i].data = NULL;
      g->cols[i].klen = SIZE_MAX;
    }
    g->cap = cap;
  }
  g->rows = r1 + r2;
  /* counts, guests and examples */
  g->rows_read += h->rows_read;
  for (int k = 0; k < KW_SKIP__COUNT; k++) g->skipped[k] += h->skipped[k];
  if (h->recoded && !g->recoded) {
    g->recoded_line = h->recoded_line;
    g->recoded_col = h->recoded_col;
  }
  g->recoded += h->recoded;
  {
    const kw_guest_print *gp = h->guests.data;
    for (size_t k = 0; k < h->guests.len && !st; k++) {
      int64_t sum;
      if (!__builtin_add_overflow(g->guest_cents, gp[k].cents, &sum)) {
        g->guest_cents = sum;
        g->guest_rows++;
        st = kw_buf_push(g->ctx, &g->guests, &gp[k]);
      }
    }
    if (st) goto out;
  }
  const kw_read_report *rep = kw_table_report(h->t);
  for (size_t k = 0; k < rep->n_examples && !st; k++)
    if (kw_table_report(g->t)->n_examples < KW_REPORT_EXAMPLES)
      st = kw_table_report_example(g->ctx, g->t, rep->examples[k]);
  if (st) goto out;
  g->rd.pos = g->rd.end;
  g->rd.line = h->rd.line;
  if (g->rd.eol == KW_EOL_NONE) g->rd.eol = h->rd.eol;
out:
  part_free(p);
  return st;
}

/* "sep=;" on the first line (Excel's hint): the delimiter, and the bytes
 * to skip; 0 when absent. */
static size_t sep_line(const char *s, size_t n, char *delim) {
  if (n < 5 || memcmp(s, "sep=", 4) != 0) return 0;
  size_t i = 5;
  if (i < n && s[i] == '\r') i++;
  if (i < n && s[i] == '\n') i++;
  if (i == 5 && n > 5) return 0;
  *delim = s[4] == '\t' ? '\t' : s[4];
  return i;
}

/* The rows of a workbook sheet (a->rows): the header is its first row,
 * already found below any title rows; cells are UTF-8. */
static kw_status ingest_rows(ingest *g) {
  g->src = g->a->rows;
  g->dl.header = true;
  g->dl.enc = KW_ENC_UTF8;
  kw_status st = read_header(g);
  if (!st) st = assign_roles(g);
  size_t est = g->src->est_rows ? g->src->est_rows + 16 : 4096;
  if (!st) st = plan_columns(g, est);
  if (st) return st;
  if (g->nbtexts && kw_context_threads(g->ctx) >= 2 &&
      g->src->bytes >= THREAD_MIN_BYTES)
    start_worker(g);
  kw_csv_row row;
  int rc;
  while ((rc = g->src->next(g->src->self, &row)) == 1) {
    st = do_row(g, &row);
    if (st) return st;
  }
  if (rc < 0) return kw_errcode(g->ctx);
  st = finish(g);
  if (st) return st;
  kw_progress(g->ctx, "reading", 1.0);
  kw_dataset_set_table(g->ds, g->t);
  g->t = NULL;
  return KW_OK;
}

kw_status kw_ingest(kw_context *ctx, kw_dataset *ds, const kw_ingest_args *a) {
  ingest g;
  memset(&g, 0, sizeof g);
  g.ctx = ctx;
  g.ds = ds;
  g.a = a;
  g.kind = a->kind;
  g.name = a->name ? a->name : "(input)";
  g.data = a->data;
  g.len = a->len;
  kw_buf_init(&g.dpend, sizeof(dpend));
  kw_buf_init(&g.guests, sizeof(kw_guest_print));
  kw_buf_init(&g.retired, sizeof(retired));
  g.tctx = ctx;
  if (a->o)
    g.opt = *a->o;
  else
    kw_load_options_init(&g.opt);
  if (g.opt.date_order == KW_DATE_YMD) g.opt.date_order = KW_DATE_ORDER_UNKNOWN;
  if (g.opt.decimal_mark != '.' && g.opt.decimal_mark != ',')
    g.opt.decimal_mark = 0;
  size_t max_field = g.opt.max_field ? g.opt.max_field : DEFAULT_MAX_FIELD;

  kw_status st;
  g.t = kw_table_new(ctx, g.kind);
  if (!g.t) return kw_fail_nomem(ctx);
  st = kw_table_report_path(ctx, g.t, g.name);
  if (st) goto out;

  if (a->rows) {
    st = ingest_rows(&g);
    goto out;
  }
  const char *data = a->data;
  size_t len = a->len;
  if (a->read_more) {
    /* the first bytes were read by the caller (load.c: 8 MiB, so that
     * detection sees its 4 MiB as in a file); the rest is streamed */
    size_t sb = kw_ingest_stream_bytes ? kw_ingest_stream_bytes : 1;
    g.scap = len > sb ? 2 * len : 2 * sb;
    g.sbuf = kw_malloc(ctx, g.scap);
    if (!g.sbuf) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    if (len) memcpy(g.sbuf, a->data, len);
    st = fill(&g, len);
    if (st) goto out;
    data = g.sbuf;
    len = (size_t)(g.rd.end - g.sbuf);
  }
  if (len == 0) {
    st = kw_io_fail(ctx, KW_EEMPTY, g.opt.lang, "", "ingest.e.empty", "file",
                    g.name, NULL);
    goto out;
  }
  st = kw_csv_detect(ctx, g.name, data, len, g.opt.delimiter,
                     g.opt.header, g.opt.encoding, kw_role_known_header, &g.dl);
  if (st) goto out;
  const char *body = data + g.dl.skip;
  size_t blen = len - g.dl.skip;
  char sd = 0;
  size_t sl = sep_line(body, blen, &sd);
  if (sl) {
    kw_csv_encoding enc = g.dl.enc;
    body += sl;
    blen -= sl;
    st = kw_csv_detect(ctx, g.name, body, blen,
                       g.opt.delimiter ? g.opt.delimiter : sd, g.opt.header,
                       g.opt.encoding, kw_role_known_header, &g.dl);
    if (st) goto out;
    if (enc == KW_ENC_UTF8_BOM && g.dl.enc == KW_ENC_UTF8) g.dl.enc = enc;
    g.dl.skip = (size_t)(body - data);
  }
  kw_csv_init(&g.rd, ctx, g.name, body, blen, g.dl.delim, max_field);
  g.rd_open = true;
  if (g.sbuf) {
    g.rd.more = !g.eof;
    g.rd.offset = g.rd.origin = (uint64_t)(body - data);
  }
  if (sl) g.rd.line = 2;

  st = read_header(&g);
  if (st) goto out;
  st = assign_roles(&g);
  if (st) goto out;
  double est = (double)(g.rd.end - g.rd.pos) / g.dl.row_bytes * 1.1 + 64;
  double most = (double)(g.rd.end - g.rd.pos) / 2 + 64;
  if (est > most) est = most;
  st = plan_columns(&g, (size_t)est);
  if (st) goto out;
  if (!g.sbuf) part_start(&g, (size_t)est);
  if (!g.part && g.nbtexts && kw_context_threads(ctx) >= 2 &&
      blen >= THREAD_MIN_BYTES)
    start_worker(&g);

  kw_csv_row row;
  int rc;
  const char *mark = g.rd.pos;
  while ((rc = g.sbuf ? next_row(&g, &row) : kw_csv_next(&g.rd, &row)) == 1) {
    st = do_row(&g, &row);
    if (st) goto out;
    if (g.sbuf) continue;
    if (g.part && g.rd.pos >= g.part->at) {
      st = part_join(&g);
      if (st) goto out;
    }
    if ((size_t)(row.start - mark) >= RELEASE_STEP) {
      mark = row.start;
      if (a->release) a->release(a->release_user, oldest_needed(&g, mark));
      kw_progress(ctx, "reading",
                  (double)(mark - a->data) / (double)(a->len ? a->len : 1));
    }
  }
  if (rc < 0) {
    st = kw_errcode(ctx);
    goto out;
  }
  st = finish(&g);
  if (st) goto out;
  kw_progress(ctx, "reading", 1.0);
  kw_dataset_set_table(ds, g.t);
  g.t = NULL;
out:
  cleanup(&g);
  return st;
}

/* The reading options' defaults live beside the reader that uses them, so
 * that load.c (files and folders) calls ingest.c and never the reverse. */
void kw_load_options_init(kw_load_options *o) {
  memset(o, 0, sizeof *o);
  o->header = -1;
}

kw_status kw_ingest_buffer(kw_context *ctx, kw_dataset *ds,
                           kw_table_kind kind, const char *name,
                           const void *data, size_t len,
                           const kw_load_options *o) {
  kw_ingest_args a;
  memset(&a, 0, sizeof a);
  a.kind = kind;
  a.name = name;
  a.data = data;
  a.len = len;
  a.o = o;
  a.primary = true;
  return kw_ingest(ctx, ds, &a);
}
