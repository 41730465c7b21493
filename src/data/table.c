/*
 * table.c — columnar tables and the dataset that holds them.
 *
 * A table is a row count plus an array of kw_column views; the arrays behind
 * the views and any per-column dictionaries are owned here. The dataset owns
 * one table per kind and the dictionaries shared across tables (customers,
 * products, invoice numbers), so a customer id means the same customer in
 * every table.
 */
#include "data/table.h"

#include "data/lineidx.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

struct kw_table {
  kw_table_kind kind;
  size_t rows;
  size_t ncols, cap;
  kw_column *cols;
  kw_dict **own_dicts; /* per column, may be NULL */
  kw_read_report report;
  char *path;
  char *sheet, *sheet_reason, *found;
  char *examples[KW_REPORT_EXAMPLES];
  kw_buf ignored; /* char* */
  kw_read_part *parts; /* n_parts, paths owned */
  kw_guest_print *guests;
  size_t nguests;
  /* the line index and history shared by the steps of an analysis:
     derived data, filled and emptied through a const table (lineidx.h) */
  kw_table_cache cache;
};

struct kw_dataset {
  kw_context *ctx;
  kw_table *tables[KW_TABLE__COUNT];
  kw_dict *customers;
  kw_dict *products;
  kw_dict *invoices; /* invoice numbers of every table (made-up ones apart) */
};

kw_table *kw_table_new(kw_context *ctx, kw_table_kind kind) {
  kw_table *t = kw_calloc(ctx, 1, sizeof *t);
  if (!t) return NULL;
  t->kind = kind;
  kw_table_cache_init(&t->cache);
  t->report.encoding = "UTF-8";
  t->report.line_ending = "none";
  kw_buf_init(&t->ignored, sizeof(char *));
  return t;
}

void kw_table_free(kw_context *ctx, kw_table *t) {
  if (!t) return;
  kw_table_cache_destroy(&t->cache);
  for (size_t i = 0; i < t->ncols; i++) {
    kw_free(ctx, (void *)t->cols[i].name);
    kw_free(ctx, (void *)t->cols[i].v.text);
    kw_dict_free(ctx, t->own_dicts[i]);
  }
  kw_free(ctx, t->cols);
  kw_free(ctx, t->own_dicts);
  kw_free(ctx, t->path);
  kw_free(ctx, t->sheet);
  kw_free(ctx, t->sheet_reason);
  kw_free(ctx, t->found);
  for (size_t i = 0; i < KW_REPORT_EXAMPLES; i++) kw_free(ctx, t->examples[i]);
  char **ign = t->ignored.data;
  for (size_t i = 0; i < t->ignored.len; i++) kw_free(ctx, ign[i]);
  kw_buf_free(ctx, &t->ignored);
  for (size_t i = 0; i < t->report.n_parts; i++)
    kw_free(ctx, (void *)t->parts[i].path);
  kw_free(ctx, t->parts);
  kw_free(ctx, t->guests);
  kw_free(ctx, t);
}

kw_table_cache *kw_table_cache_of(const kw_table *t) {
  return (kw_table_cache *)&t->cache;
}

kw_status kw_table_add_column(kw_context *ctx, kw_table *t, const char *name,
                              kw_role role, kw_type type, const kw_dict *dict,
                              kw_dict *own_dict, void *data, kw_column **out) {
  if (t->ncols == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    kw_column *nc = kw_realloc(ctx, t->cols, cap * sizeof *nc);
    if (!nc) goto oom;
    t->cols = nc;
    kw_dict **nd = kw_realloc(ctx, t->own_dicts, cap * sizeof *nd);
    if (!nd) goto oom;
    t->own_dicts = nd;
    t->cap = cap;
  }
  char *nm = kw_strdup(ctx, name);
  if (!nm) goto oom;
  kw_column *c = &t->cols[t->ncols];
  memset(c, 0, sizeof *c);
  c->name = nm;
  c->role = role;
  c->type = type;
  c->dict = own_dict ? own_dict : dict;
  c->v.text = data;
  c->source_index = (uint32_t)t->ncols;
  t->own_dicts[t->ncols] = own_dict;
  t->ncols++;
  if (out) *out = c;
  return KW_OK;
oom:
  kw_free(ctx, data);
  kw_dict_free(ctx, own_dict);
  return kw_fail_nomem(ctx);
}

void kw_table_set_rows(kw_table *t, size_t rows) { t->rows = rows; }
kw_column *kw_table_col_mut(kw_table *t, size_t i) {
  return i < t->ncols ? &t->cols[i] : NULL;
}
kw_read_report *kw_table_report_mut(kw_table *t) { return &t->report; }

kw_status kw_table_report_path(kw_context *ctx, kw_table *t, const char *p) {
  char *d = kw_strdup(ctx, p);
  if (!d) return kw_fail_nomem(ctx);
  kw_free(ctx, t->path);
  t->path = d;
  t->report.path = d;
  return KW_OK;
}

kw_status kw_table_report_sheet(kw_context *ctx, kw_table *t,
                                const char *sheet, const char *reason) {
  char *a = kw_strdup(ctx, sheet ? sheet : "");
  char *b = kw_strdup(ctx, reason ? reason : "");
  if (!a || !b) {
    kw_free(ctx, a);
    kw_free(ctx, b);
    return kw_fail_nomem(ctx);
  }
  kw_free(ctx, t->sheet);
  kw_free(ctx, t->sheet_reason);
  t->sheet = a;
  t->sheet_reason = b;
  t->report.sheet = a;
  t->report.sheet_reason = b;
  return KW_OK;
}

kw_status kw_table_report_found(kw_context *ctx, kw_table *t,
                                const char *why) {
  char *d = kw_strdup(ctx, why);
  if (!d) return kw_fail_nomem(ctx);
  kw_free(ctx, t->found);
  t->found = d;
  t->report.found = d;
  return KW_OK;
}

kw_status kw_table_report_example(kw_context *ctx, kw_table *t,
                                  const char *msg) {
  size_t n = t->report.n_examples;
  if (n >= KW_REPORT_EXAMPLES) return KW_OK;
  char *d = kw_strdup(ctx, msg);
  if (!d) return kw_fail_nomem(ctx);
  t->examples[n] = d;
  t->report.examples[n] = d;
  t->report.n_examples = n + 1;
  return KW_OK;
}

kw_status kw_table_report_ignored(kw_context *ctx, kw_table *t,
                                  const char *name) {
  char *d = kw_strdup(ctx, name);
  if (!d) return kw_fail_nomem(ctx);
  kw_status st = kw_buf_push(ctx, &t->ignored, &d);
  if (st) {
    kw_free(ctx, d);
    return st;
  }
  t->report.ignored = (const char *const *)t->ignored.data;
  t->report.n_ignored = t->ignored.len;
  return KW_OK;
}

kw_status kw_table_report_parts(kw_context *ctx, kw_table *t,
                                const kw_read_part *parts, size_t n) {
  kw_read_part *p = kw_calloc(ctx, n ? n : 1, sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++) {
    p[i] = parts[i];
    p[i].path = kw_strdup(ctx, parts[i].path ? parts[i].path : "");
    if (!p[i].path) {
      for (size_t j = 0; j < i; j++) kw_free(ctx, (void *)p[j].path);
      kw_free(ctx, p);
      return kw_fail_nomem(ctx);
    }
  }
  for (size_t i = 0; i < t->report.n_parts; i++)
    kw_free(ctx, (void *)t->parts[i].path);
  kw_free(ctx, t->parts);
  t->parts = p;
  t->report.parts = p;
  t->report.n_parts = n;
  return KW_OK;
}

void kw_table_set_guests(kw_context *ctx, kw_table *t, kw_guest_print *g,
                         size_t n) {
  kw_free(ctx, t->guests);
  t->guests = g;
  t->nguests = g ? n : 0;
}

const kw_guest_print *kw_table_guests(const kw_table *t, size_t *n) {
  *n = t ? t->nguests : 0;
  return t ? t->guests : NULL;
}

kw_table_kind kw_table_kind_of(const kw_table *t) { return t->kind; }
size_t kw_table_rows(const kw_table *t) { return t ? t->rows : 0; }
size_t kw_table_ncols(const kw_table *t) { return t ? t->ncols : 0; }
const kw_column *kw_table_col(const kw_table *t, size_t i) {
  return t && i < t->ncols ? &t->cols[i] : NULL;
}
const kw_column *kw_table_role(const kw_table *t, kw_role role) {
  if (!t || role == KW_ROLE_NONE) return NULL;
  for (size_t i = 0; i < t->ncols; i++)
    if (t->cols[i].role == role) return &t->cols[i];
  return NULL;
}
const kw_column *kw_table_find(const kw_table *t, const char *name) {
  if (!t) return NULL;
  for (size_t i = 0; i < t->ncols; i++)
    if (strcasecmp(t->cols[i].name, name) == 0) return &t->cols[i];
  return NULL;
}
const kw_read_report *kw_table_report(const kw_table *t) {
  return t ? &t->report : NULL;
}

kw_dataset *kw_dataset_new(kw_context *ctx) {
  kw_dataset *ds = kw_calloc(ctx, 1, sizeof *ds);
  if (!ds) return NULL;
  ds->ctx = ctx;
  ds->customers = kw_dict_new(ctx);
  ds->products = kw_dict_new(ctx);
  ds->invoices = kw_dict_new(ctx);
  if (!ds->customers || !ds->products || !ds->invoices) {
    kw_dataset_free(ds);
    return NULL;
  }
  return ds;
}

void kw_dataset_free(kw_dataset *ds) {
  if (!ds) return;
  for (int k = 0; k < KW_TABLE__COUNT; k++) kw_table_free(ds->ctx, ds->tables[k]);
  kw_dict_free(ds->ctx, ds->customers);
  kw_dict_free(ds->ctx, ds->products);
  kw_dict_free(ds->ctx, ds->invoices);
  kw_free(ds->ctx, ds);
}

void kw_dataset_set_table(kw_dataset *ds, kw_table *t) {
  kw_table_free(ds->ctx, ds->tables[t->kind]);
  ds->tables[t->kind] = t;
}
kw_table *kw_dataset_take_table(kw_dataset *ds, kw_table_kind k) {
  if ((unsigned)k >= KW_TABLE__COUNT) return NULL;
  kw_table *t = ds->tables[k];
  ds->tables[k] = NULL;
  return t;
}
kw_table *kw_dataset_table_mut(kw_dataset *ds, kw_table_kind k) {
  return (unsigned)k < KW_TABLE__COUNT ? ds->tables[k] : NULL;
}

const kw_table *kw_dataset_table(const kw_dataset *ds, kw_table_kind k) {
  return ds && (unsigned)k < KW_TABLE__COUNT ? ds->tables[k] : NULL;
}
const kw_dict *kw_dataset_customers(const kw_dataset *ds) {
  return ds->customers;
}
const kw_dict *kw_dataset_products(const kw_dataset *ds) { return ds->products; }
kw_dict *kw_dataset_customers_mut(kw_dataset *ds) { return ds->customers; }
kw_dict *kw_dataset_products_mut(kw_dataset *ds) { return ds->products; }
kw_dict *kw_dataset_invoices_mut(kw_dataset *ds) { return ds->invoices; }
kw_context *kw_dataset_context(const kw_dataset *ds) { return ds->ctx; }

void kw_dataset_drop_invoice_text(kw_dataset *ds) {
  if (!ds) return;
  kw_dict_drop_text(ds->ctx, ds->invoices);
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    kw_table *t = ds->tables[k];
    for (size_t i = 0; t && i < t->ncols; i++)
      if (t->cols[i].role == KW_ROLE_INVOICE)
        kw_dict_drop_text(ds->ctx, t->own_dicts[i]);
  }
}

void kw_dataset_compact(kw_dataset *ds) {
  if (!ds) return;
  kw_dict_compact(ds->ctx, ds->customers);
  kw_dict_compact(ds->ctx, ds->products);
  kw_dict_compact(ds->ctx, ds->invoices);
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    kw_table *t = ds->tables[k];
    for (size_t i = 0; t && i < t->ncols; i++)
      kw_dict_compact(ds->ctx, t->own_dicts[i]);
  }
}

kw_status kw_table_check_money(kw_context *ctx, const kw_table *t,
                               const char *file) {
  if (!t) return KW_OK;
  size_t rows = kw_table_rows(t), nc = kw_table_ncols(t);
  for (size_t j = 0; j < nc; j++) {
    const kw_column *c = kw_table_col(t, j);
    if (c->type != KW_TYPE_MONEY) continue;
    int64_t pos = 0, neg = 0;
    for (size_t i = 0; i < rows; i++) {
      int64_t v = c->v.money[i];
      if (v == KW_NA_MONEY) continue;
      if (!kw_money_add(v >= 0 ? &pos : &neg, v)) {
        char text[700], row[24];
        snprintf(row, sizeof row, "%zu", i + 1);
        snprintf(text, sizeof text,
                 "%s: the amounts of column \"%s\" add up to more than "
                 "92,233,720,368,547,758.07 (at data row %s): out of "
                 "range, no total would be right",
                 file, c->name, row);
        return kw_fail_key(ctx, KW_ERANGE, "", text, "data.e.money_range",
                           (const char *const[]){"file", "col", "row"},
                           (const char *const[]){file, c->name, row}, 3);
      }
    }
  }
  return KW_OK;
}
