/*
 * join.c — one table from several files of one kind (see join.h).
 *
 * Columns are matched by role (an attribute without a role by its header,
 * any case); a column only some files have is missing in the others' rows.
 * Customer and product ids already share the dataset's dictionaries; the
 * other text columns are re-interned into one dictionary per column.
 * Invoice numbers the reader made up from line numbers get the file's
 * number in front ("2:17"), so line 17 of two files stays two invoices.
 *
 * Duplicates: a line of a later file equal in every column to a line of
 * an earlier file (not yet matched) is left out: it is the same line
 * exported twice by two overlapping exports. Lines repeated within one file
 * are kept (two equal lines on one invoice are two sales). Rows are found by
 * a 64-bit fingerprint in an open-addressing table of row numbers and then
 * compared column by column, so a fingerprint collision never drops a line.
 */
#include "io/join.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/dict.h"
#include "data/table.h"
#include "io/msg.h"
#include "klantwijs/report.h"

typedef struct jcol {
  const char *name;
  kw_role role;
  kw_type type;
  const kw_dict *shared; /* a dataset dictionary, or NULL: own */
  kw_dict *own;
  long *src; /* per table: its column index, -1 when absent */
  bool generated;
  char mark;
  char currency[4]; /* the first file's, kept when every file agrees */
  bool currency_mixed;
  kw_date_order order;
  uint32_t source_index;
  void *data;
} jcol;

static const size_t type_size[] = {sizeof(uint32_t), sizeof(int32_t),
                                   sizeof(int64_t), sizeof(double),
                                   sizeof(int8_t)};

static bool same_col(const jcol *j, const kw_column *c) {
  if (j->role != c->role) return false;
  return c->role != KW_ROLE_NONE || strcasecmp(j->name, c->name) == 0;
}

static void fill_na(jcol *j, size_t from, size_t n) {
  for (size_t r = from; r < from + n; r++) switch (j->type) {
      case KW_TYPE_TEXT: ((uint32_t *)j->data)[r] = KW_NA_ID; break;
      case KW_TYPE_DATE: ((int32_t *)j->data)[r] = KW_NA_DATE; break;
      case KW_TYPE_MONEY: ((int64_t *)j->data)[r] = KW_NA_MONEY; break;
      case KW_TYPE_NUMBER: ((double *)j->data)[r] = KW_NA_NUMBER; break;
      case KW_TYPE_FLAG: ((int8_t *)j->data)[r] = KW_NA_FLAG; break;
    }
}

/* Text ids of column c (table number ti) into j's dictionary. */
static kw_status copy_text(kw_context *ctx, jcol *j, const kw_column *c,
                           size_t ti, size_t off, size_t rows) {
  uint32_t *out = (uint32_t *)j->data + off;
  if (j->shared && !j->generated) {
    memcpy(out, c->v.text, rows * sizeof *out);
    return KW_OK;
  }
  size_t nd = kw_dict_size(c->dict);
  uint32_t *map = kw_malloc(ctx, (nd ? nd : 1) * sizeof *map);
  if (!map) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < nd; i++) map[i] = KW_NA_ID;
  kw_dict *d = j->own;
  kw_status st = KW_OK;
  for (size_t r = 0; r < rows && !st; r++) {
    uint32_t id = c->v.text[r];
    if (id == KW_NA_ID || id >= nd) {
      out[r] = KW_NA_ID;
      continue;
    }
    if (map[id] == KW_NA_ID) {
      const char *s = kw_dict_str(c->dict, id);
      size_t len = kw_dict_len(c->dict, id);
      if (j->generated && ti > 0) {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "%zu:%.*s", ti + 1, (int)len, s);
        st = kw_dict_intern(ctx, d, buf, (size_t)n, &map[id], NULL);
      } else {
        st = kw_dict_intern(ctx, d, s, len, &map[id], NULL);
      }
    }
    out[r] = map[id];
  }
  kw_free(ctx, map);
  return st;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 33);
}

static uint64_t row_hash(const jcol *cols, size_t nc, size_t r) {
  uint64_t h = 0x243F6A8885A308D3ull;
  for (size_t i = 0; i < nc; i++) {
    uint64_t v = 0;
    size_t sz = type_size[cols[i].type];
    memcpy(&v, (const char *)cols[i].data + r * sz, sz);
    h = mix(h, v);
  }
  return h;
}

static bool rows_equal(const jcol *cols, size_t nc, size_t a, size_t b) {
  for (size_t i = 0; i < nc; i++) {
    size_t sz = type_size[cols[i].type];
    const char *d = cols[i].data;
    if (memcmp(d + a * sz, d + b * sz, sz) != 0) return false;
  }
  return true;
}

/* Marks in drop[] the rows of later parts equal to an unmatched row of an
 * earlier part; counts them per part. */
static kw_status find_duplicates(kw_context *ctx, const jcol *cols, size_t nc,
                                 const size_t *off, size_t n, size_t total,
                                 uint8_t *drop, kw_read_part *parts) {
  size_t cap = 16;
  while (cap < total * 2) cap <<= 1;
  uint32_t *slot = kw_calloc(ctx, cap, sizeof *slot); /* row + 1 */
  uint64_t *hash = kw_malloc(ctx, (total ? total : 1) * sizeof *hash);
  uint8_t *used = kw_calloc(ctx, total ? total : 1, 1);
  if (!slot || !hash || !used) {
    kw_free(ctx, slot);
    kw_free(ctx, hash);
    kw_free(ctx, used);
    return kw_fail_nomem(ctx);
  }
  for (size_t r = 0; r < total; r++) hash[r] = row_hash(cols, nc, r);
  for (size_t p = 0; p < n; p++) {
    size_t end = p + 1 < n ? off[p + 1] : total;
    if (p > 0)
      for (size_t r = off[p]; r < end; r++) {
        for (size_t s = hash[r] & (cap - 1); slot[s]; s = (s + 1) & (cap - 1)) {
          size_t o = slot[s] - 1;
          if (used[o] || hash[o] != hash[r] || !rows_equal(cols, nc, o, r))
            continue;
          used[o] = 1;
          drop[r] = 1;
          parts[p].duplicates++;
          break;
        }
      }
    for (size_t r = off[p]; r < end; r++) {
      if (drop[r]) continue;
      size_t s = hash[r] & (cap - 1);
      while (slot[s]) s = (s + 1) & (cap - 1);
      slot[s] = (uint32_t)(r + 1);
    }
  }
  kw_free(ctx, slot);
  kw_free(ctx, hash);
  kw_free(ctx, used);
  return KW_OK;
}

/* Guest rows (no customer id, skipped by the reader but summed as guest
 * sales) of a later file with the fingerprint of one of an earlier file:
 * counted per part, and their number and amount returned. */
static kw_status guest_duplicates(kw_context *ctx, kw_table **ts, size_t n,
                                  kw_read_part *parts, uint64_t *rows,
                                  int64_t *cents) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    size_t k;
    kw_table_guests(ts[i], &k);
    total += k;
  }
  *rows = 0;
  *cents = 0;
  if (total == 0) return KW_OK;
  size_t cap = 16;
  while (cap < total * 2) cap <<= 1;
  uint64_t *key = kw_calloc(ctx, cap, sizeof *key);
  uint32_t *cnt = kw_calloc(ctx, cap, sizeof *cnt);
  if (!key || !cnt) {
    kw_free(ctx, key);
    kw_free(ctx, cnt);
    return kw_fail_nomem(ctx);
  }
  kw_status st = KW_OK;
  for (size_t i = 0; i < n && !st; i++) {
    size_t k;
    const kw_guest_print *gp = kw_table_guests(ts[i], &k);
    uint8_t *dup = kw_calloc(ctx, k ? k : 1, 1);
    if (!dup) {
      st = kw_fail_nomem(ctx);
      break;
    }
    if (i > 0)
      for (size_t j = 0; j < k; j++) {
        uint64_t h = gp[j].hash | 1; /* 0 marks a free slot */
        size_t s = h & (cap - 1);
        while (key[s] && key[s] != h) s = (s + 1) & (cap - 1);
        if (key[s] != h || cnt[s] == 0) continue;
        cnt[s]--;
        dup[j] = 1;
        parts[i].duplicates++;
        (*rows)++;
        *cents += gp[j].cents;
      }
    for (size_t j = 0; j < k; j++) {
      if (dup[j]) continue;
      uint64_t h = gp[j].hash | 1;
      size_t s = h & (cap - 1);
      while (key[s] && key[s] != h) s = (s + 1) & (cap - 1);
      key[s] = h;
      cnt[s]++;
    }
    kw_free(ctx, dup);
  }
  kw_free(ctx, key);
  kw_free(ctx, cnt);
  return st;
}

static uint64_t count_na(const jcol *j, size_t rows) {
  uint64_t m = 0;
  for (size_t r = 0; r < rows; r++) switch (j->type) {
      case KW_TYPE_TEXT: m += ((uint32_t *)j->data)[r] == KW_NA_ID; break;
      case KW_TYPE_DATE: m += ((int32_t *)j->data)[r] == KW_NA_DATE; break;
      case KW_TYPE_MONEY: m += ((int64_t *)j->data)[r] == KW_NA_MONEY; break;
      case KW_TYPE_NUMBER: m += isnan(((double *)j->data)[r]); break;
      case KW_TYPE_FLAG: m += ((int8_t *)j->data)[r] == KW_NA_FLAG; break;
    }
  return m;
}

/* The report of the joined table: sums of the parts' counts, the first
 * file's dialect, every part's examples while there is room. */
static kw_status join_report(kw_context *ctx, kw_table *t, kw_table **ts,
                             size_t n, const char *name,
                             uint64_t dups) {
  kw_read_report *r = kw_table_report_mut(t);
  const kw_read_report *a = kw_table_report(ts[0]);
  kw_status st = kw_table_report_path(ctx, t, name);
  if (!st && a->sheet)
    st = kw_table_report_sheet(ctx, t, a->sheet, a->sheet_reason);
  if (st) return st;
  r->delimiter = a->delimiter;
  r->header = a->header;
  r->encoding = a->encoding;
  r->line_ending = a->line_ending;
  r->format = a->format;
  r->header_row = a->header_row;
  r->total_row = a->total_row;
  r->vat = a->vat;
  r->vat_rate_bp = a->vat_rate_bp;
  r->vat_other = a->vat_other;
  for (size_t i = 0; i < n; i++) {
    const kw_read_report *b = kw_table_report(ts[i]);
    r->bytes += b->bytes;
    r->rows_read += b->rows_read;
    r->rows_skipped += b->rows_skipped;
    for (int k = 0; k < KW_SKIP__COUNT; k++) r->skipped[k] += b->skipped[k];
    r->recoded_cells += b->recoded_cells;
    r->guest_rows += b->guest_rows;
    r->guest_cents += b->guest_cents;
    for (size_t e = 0; e < b->n_examples && !st; e++)
      st = kw_table_report_example(ctx, t, b->examples[e]);
    for (size_t e = 0; e < b->n_ignored && !st; e++) {
      bool seen = false;
      for (size_t f = 0; f < r->n_ignored; f++)
        seen |= strcasecmp(r->ignored[f], b->ignored[e]) == 0;
      if (!seen) st = kw_table_report_ignored(ctx, t, b->ignored[e]);
    }
    if (st) return st;
  }
  r->skipped[KW_SKIP_DUPLICATE] += dups;
  r->rows_skipped += dups;
  r->rows_used = r->rows_read - r->rows_skipped;
  return KW_OK;
}

kw_status kw_join_tables(kw_context *ctx, kw_dataset *ds, kw_table **ts,
                         size_t n, int lang, kw_table **out) {
  *out = NULL;
  kw_status st = KW_OK;
  size_t ncap = 0, nc = 0, total = 0;
  for (size_t i = 0; i < n; i++) {
    ncap += kw_table_ncols(ts[i]);
    total += kw_table_rows(ts[i]);
  }
  if (total >= UINT32_MAX) return kw_fail(ctx, KW_ERANGE, "too many rows");
  jcol *cols = kw_calloc(ctx, ncap ? ncap : 1, sizeof *cols);
  size_t *off = kw_calloc(ctx, n, sizeof *off);
  kw_read_part *parts = kw_calloc(ctx, n, sizeof *parts);
  uint8_t *drop = kw_calloc(ctx, total ? total : 1, 1);
  kw_table *t = kw_table_new(ctx, kw_table_kind_of(ts[0]));
  char *name = NULL;
  if (!cols || !off || !parts || !drop || !t) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  const kw_dict *cust = kw_dataset_customers(ds), *prod = kw_dataset_products(ds);
  /* the columns of the joined table */
  for (size_t i = 0; i < n && !st; i++) {
    for (size_t k = 0; k < kw_table_ncols(ts[i]); k++) {
      const kw_column *c = kw_table_col(ts[i], k);
      jcol *j = NULL;
      for (size_t q = 0; q < nc && !j; q++)
        if (same_col(&cols[q], c)) j = &cols[q];
      if (j && (j->type != c->type || j->src[i] >= 0)) {
        kw_io_log(ctx, KW_LOG_WARN, lang, "", "load.join_column", "file",
                  kw_table_report(ts[i])->path, "col", c->name, NULL);
        continue;
      }
      if (!j) {
        j = &cols[nc++];
        j->name = c->name;
        j->role = c->role;
        j->type = c->type;
        j->mark = c->decimal_mark;
        j->order = c->date_order;
        j->source_index = c->source_index;
        memcpy(j->currency, c->currency, sizeof j->currency);
        j->src = kw_malloc(ctx, n * sizeof *j->src);
        if (!j->src) {
          st = kw_fail_nomem(ctx);
          break;
        }
        for (size_t q = 0; q < n; q++) j->src[q] = -1;
        if (c->type == KW_TYPE_TEXT)
          j->shared = c->dict == cust || c->dict == prod ? c->dict : NULL;
        j->generated = c->role == KW_ROLE_INVOICE &&
                       c->source_index == UINT32_MAX;
      }
      if (c->type == KW_TYPE_TEXT && c->dict != j->shared) j->shared = NULL;
      if (c->role == KW_ROLE_INVOICE && c->source_index == UINT32_MAX)
        j->generated = true;
      if (!j->mark) j->mark = c->decimal_mark;
      if (c->type == KW_TYPE_MONEY && c->currency[0]) {
        if (!j->currency[0])
          memcpy(j->currency, c->currency, sizeof j->currency);
        else if (strncmp(j->currency, c->currency, sizeof j->currency) != 0)
          j->currency_mixed = true;
      }
      j->src[i] = (long)k;
    }
  }
  if (st) goto out;
  /* the rows: every part in turn */
  for (size_t q = 0; q < nc && !st; q++) {
    jcol *j = &cols[q];
    j->data = kw_malloc(ctx, (total ? total : 1) * type_size[j->type]);
    if (!j->data) {
      st = kw_fail_nomem(ctx);
      break;
    }
    if (j->type == KW_TYPE_TEXT && (!j->shared || j->generated)) {
      j->own = kw_dict_new(ctx);
      if (!j->own) st = kw_fail_nomem(ctx);
    }
    size_t at = 0;
    for (size_t i = 0; i < n && !st; i++) {
      size_t rows = kw_table_rows(ts[i]);
      if (j->src[i] < 0) {
        fill_na(j, at, rows);
      } else {
        const kw_column *c = kw_table_col(ts[i], (size_t)j->src[i]);
        if (j->type == KW_TYPE_TEXT)
          st = copy_text(ctx, j, c, i, at, rows);
        else
          memcpy((char *)j->data + at * type_size[j->type], c->v.text,
                 rows * type_size[j->type]);
      }
      at += rows;
    }
  }
  if (st) goto out;
  size_t namelen = 1;
  for (size_t i = 0, at = 0; i < n; i++) {
    const kw_read_report *r = kw_table_report(ts[i]);
    off[i] = at;
    at += kw_table_rows(ts[i]);
    parts[i].path = r->path;
    parts[i].rows_read = r->rows_read;
    parts[i].rows_used = r->rows_used;
    parts[i].first_date = parts[i].last_date = KW_NA_DATE;
    namelen += strlen(r->path) + 3;
  }
  /* each part's period */
  for (size_t q = 0; q < nc; q++) {
    if (cols[q].role != KW_ROLE_DATE) continue;
    const int32_t *d = cols[q].data;
    for (size_t i = 0; i < n; i++) {
      size_t end = i + 1 < n ? off[i + 1] : total;
      for (size_t r = off[i]; r < end; r++) {
        if (d[r] == KW_NA_DATE) continue;
        if (parts[i].first_date == KW_NA_DATE || d[r] < parts[i].first_date)
          parts[i].first_date = d[r];
        if (parts[i].last_date == KW_NA_DATE || d[r] > parts[i].last_date)
          parts[i].last_date = d[r];
      }
    }
  }
  st = find_duplicates(ctx, cols, nc, off, n, total, drop, parts);
  if (st) goto out;
  uint64_t dups = 0;
  for (size_t i = 0; i < n; i++) dups += parts[i].duplicates;
  uint64_t gdups = 0;
  int64_t gcents = 0;
  st = guest_duplicates(ctx, ts, n, parts, &gdups, &gcents);
  if (st) goto out;
  size_t kept = 0;
  for (size_t r = 0; r < total; r++) {
    if (drop[r]) continue;
    if (kept != r)
      for (size_t q = 0; q < nc; q++) {
        size_t sz = type_size[cols[q].type];
        memcpy((char *)cols[q].data + kept * sz, (char *)cols[q].data + r * sz,
               sz);
      }
    kept++;
  }
  /* the table */
  for (size_t q = 0; q < nc && !st; q++) {
    jcol *j = &cols[q];
    kw_column *c;
    uint64_t missing = count_na(j, kept);
    void *data = j->data;
    kw_dict *own = j->own;
    j->data = NULL;
    j->own = NULL;
    st = kw_table_add_column(ctx, t, j->name, j->role, j->type,
                             own ? own : j->shared, own, data, &c);
    if (st) break;
    c->missing = missing;
    c->decimal_mark = j->mark;
    c->date_order = j->order;
    c->source_index = j->source_index;
    if (!j->currency_mixed) memcpy(c->currency, j->currency, sizeof c->currency);
  }
  if (st) goto out;
  kw_table_set_rows(t, kept);
  name = kw_malloc(ctx, namelen);
  if (!name) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  name[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i) strcat(name, " + ");
    strcat(name, parts[i].path);
  }
  st = join_report(ctx, t, ts, n, name, dups);
  if (!st && gdups) {
    /* guest sales exported twice: duplicates, no longer guest sales */
    kw_read_report *r = kw_table_report_mut(t);
    r->skipped[KW_SKIP_NO_CUSTOMER] -= gdups;
    r->skipped[KW_SKIP_DUPLICATE] += gdups;
    r->guest_rows -= gdups;
    r->guest_cents -= gcents;
  }
  if (!st) st = kw_table_report_parts(ctx, t, parts, n);
  if (st) goto out;
  /* overlapping periods, with the dates */
  for (size_t i = 0; i < n; i++)
    for (size_t k = i + 1; k < n; k++) {
      const kw_read_part *a = &parts[i], *b = &parts[k];
      if (a->first_date == KW_NA_DATE || b->first_date == KW_NA_DATE) continue;
      int32_t from = a->first_date > b->first_date ? a->first_date
                                                   : b->first_date;
      int32_t to = a->last_date < b->last_date ? a->last_date : b->last_date;
      if (from > to) continue;
      char f[16], tt[16], nd[24];
      f[0] = tt[0] = KW_MSGV_DATE;
      kw_date_format(f + 1, from, 0);
      kw_date_format(tt + 1, to, 0);
      snprintf(nd, sizeof nd, "%llu", (unsigned long long)b->duplicates);
      kw_io_log(ctx, KW_LOG_WARN, lang, "", "load.join_overlap", "a", a->path,
                "b", b->path, "from", f, "to", tt, "n", nd, NULL);
    }
  {
    char nf[24], nd[24];
    snprintf(nf, sizeof nf, "%zu", n);
    snprintf(nd, sizeof nd, "%llu", (unsigned long long)(dups + gdups));
    kw_io_log(ctx, KW_LOG_INFO, lang, "", "load.joined", "n", nf, "kind",
              kw_table_kind_name(kw_table_kind_of(t)), "files", name, "dups",
              nd, NULL);
  }
  *out = t;
  t = NULL;
out:
  for (size_t q = 0; q < nc; q++) {
    kw_free(ctx, cols[q].data);
    kw_free(ctx, cols[q].src);
    kw_dict_free(ctx, cols[q].own);
  }
  kw_free(ctx, cols);
  kw_free(ctx, off);
  kw_free(ctx, parts);
  kw_free(ctx, drop);
  kw_free(ctx, name);
  kw_table_free(ctx, t);
  for (size_t i = 0; i < n; i++) kw_table_free(ctx, ts[i]);
  return st;
}
