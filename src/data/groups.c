/*
 * groups.c — customers grouped by an attribute of the customers table and
 * the privacy merge of small groups (see klantwijs/groups.h for the rules).
 *
 * Design: one pass over the table keeps, per customer, the last row with a
 * value (kw_customer_value_rows); the distinct values of those rows are
 * sorted once (O(v log v) for v values, not per row) and numbered; the
 * merge then counts customers per group and renumbers in one pass. Every
 * analysis that shows groups goes through kw_groups_compute_codes, so the
 * privacy rule is written once.
 */
#include "klantwijs/groups.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

struct kw_groups {
  kw_context *ctx;
  kw_groups_data v;
  uint32_t *code;
  char **label;
  uint8_t *kind;
  uint64_t *size;
};

void kw_groups_options_init(kw_groups_options *o) {
  memset(o, 0, sizeof *o);
  o->min_group = KW_PRIVACY_MIN;
  o->blank_group = true;
}

const kw_groups_data *kw_groups_view(const kw_groups *g) {
  return g ? &g->v : NULL;
}

void kw_groups_free(kw_groups *g) {
  if (!g) return;
  if (g->label)
    for (size_t j = 0; j < g->v.n; j++) kw_free(g->ctx, g->label[j]);
  kw_free(g->ctx, g->label);
  kw_free(g->ctx, g->code);
  kw_free(g->ctx, g->kind);
  kw_free(g->ctx, g->size);
  kw_free(g->ctx, g);
}

static bool blank_text(const char *s) {
  for (; *s; s++)
    if (!isspace((unsigned char)*s)) return false;
  return true;
}

bool kw_cell_empty(const kw_column *col, size_t r) {
  switch (col->type) {
    case KW_TYPE_TEXT: {
      uint32_t id = col->v.text[r];
      return id == KW_NA_ID || blank_text(kw_dict_str(col->dict, id));
    }
    case KW_TYPE_NUMBER:
      return isnan(col->v.number[r]);
    case KW_TYPE_MONEY:
      return col->v.money[r] == KW_NA_MONEY;
    case KW_TYPE_DATE:
      return col->v.date[r] == KW_NA_DATE;
    case KW_TYPE_FLAG:
      return col->v.flag[r] == KW_NA_FLAG;
  }
  return true;
}

kw_status kw_customer_value_rows(kw_context *ctx, const kw_table *t,
                                 const kw_column *col, uint32_t *rows,
                                 size_t n_customers) {
  if (!t || !col || (!rows && n_customers))
    return kw_fail(ctx, KW_EARG, "customer values: no table or column");
  for (size_t c = 0; c < n_customers; c++) rows[c] = KW_NA_ID;
  const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
  if (!id || id->type != KW_TYPE_TEXT)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.customers_no_id",
                       "the customers table has no customer id column", NULL);
  size_t nr = kw_table_rows(t);
  if (nr >= KW_NA_ID)
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.customers_too_many",
                       "customers table: too many rows", NULL);
  for (size_t r = 0; r < nr; r++) {
    uint32_t c = id->v.text[r];
    if (c == KW_NA_ID || c >= n_customers || kw_cell_empty(col, r)) continue;
    rows[c] = (uint32_t)r; /* a later row with a value wins */
  }
  return KW_OK;
}

/* ------------------------------------------------------- privacy merge */

kw_status kw_groups_compute_codes(kw_context *ctx, const uint32_t *raw, size_t n,
                               size_t n_raw, const char *const *labels,
                               const uint8_t *kinds,
                               const kw_groups_options *o, kw_groups **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "groups: out is NULL");
  *out = NULL;
  if ((!raw && n) || n_raw >= KW_NA_ID - 1)
    return kw_fail(ctx, KW_EARG, "groups: bad codes");
  kw_groups_options def;
  if (!o) {
    kw_groups_options_init(&def);
    o = &def;
  }
  kw_groups *g = kw_calloc(ctx, 1, sizeof *g);
  if (!g) return kw_fail_nomem(ctx);
  g->ctx = ctx;
  size_t n1 = n_raw + 1; /* room for "other" */
  uint64_t *size = kw_calloc(ctx, n1, sizeof *size);
  uint32_t *map = kw_malloc(ctx, n1 * sizeof *map);
  g->code = kw_malloc(ctx, (n ? n : 1) * sizeof *g->code);
  g->label = kw_calloc(ctx, n1, sizeof *g->label);
  g->kind = kw_calloc(ctx, n1, 1);
  g->size = kw_calloc(ctx, n1, sizeof *g->size);
  kw_status st = KW_OK;
  if (!size || !map || !g->code || !g->label || !g->kind || !g->size) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  g->v.n_customers = n;
  for (size_t i = 0; i < n; i++) {
    if (o->counted && !o->counted[i]) continue;
    if (raw[i] < n_raw) size[raw[i]]++;
    else g->v.no_group++;
  }
  size_t k = 0;
  uint64_t small = 0;
  size_t merged = 0;
  for (size_t j = 0; j < n_raw; j++) {
    if (size[j] == 0) {
      map[j] = KW_NA_ID;
      continue;
    }
    g->v.n_values++;
    if (size[j] >= o->min_group) {
      map[j] = (uint32_t)k;
      g->kind[k] = kinds ? kinds[j] : KW_GROUP_VALUE;
      if (labels && labels[j]) {
        g->label[k] = kw_strdup(ctx, labels[j]);
        if (!g->label[k]) {
          g->v.n = k;
          st = kw_fail_nomem(ctx);
          goto done;
        }
      }
      g->size[k++] = size[j];
    } else {
      map[j] = KW_NA_ID - 1; /* into "other" */
      small += size[j];
      merged++;
    }
  }
  uint32_t other = KW_NA_ID;
  if (small > 0 && small >= o->min_group) {
    other = (uint32_t)k;
    g->kind[k] = KW_GROUP_OTHER;
    g->size[k++] = small;
  } else {
    g->v.left_out = small;
  }
  g->v.n = k;
  g->v.merged_groups = merged;
  for (size_t i = 0; i < n; i++) {
    uint32_t r = raw[i];
    if ((o->counted && !o->counted[i]) || r >= n_raw)
      g->code[i] = KW_NA_ID;
    else
      g->code[i] = map[r] == KW_NA_ID - 1 ? other : map[r];
  }
  g->v.code = g->code;
  g->v.label = (const char *const *)g->label;
  g->v.kind = g->kind;
  g->v.size = g->size;
done:
  kw_free(ctx, size);
  kw_free(ctx, map);
  if (st) {
    kw_groups_free(g);
    return st;
  }
  *out = g;
  return KW_OK;
}

/* --------------------------------------------------- groups of a column */

/* Sort entries that carry their key, so no comparator needs state. */
typedef struct text_entry {
  const char *s;
  uint32_t id;
} text_entry;

typedef struct num_entry {
  double v;
  uint32_t c;
} num_entry;

static int by_text(const void *a, const void *b) {
  const text_entry *x = a, *y = b;
  int r = strcmp(x->s, y->s);
  return r ? r : (x->id > y->id) - (x->id < y->id);
}

static int by_value(const void *a, const void *b) {
  const num_entry *x = a, *y = b;
  if (x->v != y->v) return (x->v > y->v) - (x->v < y->v);
  return (x->c > y->c) - (x->c < y->c);
}

static double cell_number(const kw_column *col, size_t r) {
  switch (col->type) {
    case KW_TYPE_NUMBER:
      return col->v.number[r];
    case KW_TYPE_MONEY:
      return (double)col->v.money[r] / 100.0;
    case KW_TYPE_DATE:
      return (double)col->v.date[r];
    default:
      return NAN;
  }
}

/* A number as plain text with '.' whatever the locale. */
static void plain_number(char *buf, size_t cap, double x) {
  if (x == floor(x) && fabs(x) < 1e15) {
    snprintf(buf, cap, "%lld", (long long)x);
    return;
  }
  snprintf(buf, cap, "%.6f", x);
  for (char *p = buf; *p; p++)
    if (*p != '-' && !isdigit((unsigned char)*p)) *p = '.';
  size_t len = strlen(buf);
  while (len > 0 && buf[len - 1] == '0') buf[--len] = '\0';
  if (len > 0 && buf[len - 1] == '.') buf[--len] = '\0';
}

static const kw_column *find_column(const kw_table *t, const char *name) {
  const kw_column *k = kw_table_find(t, name);
  if (!k) {
    kw_role r = kw_role_from_name(name);
    if (r != KW_ROLE__COUNT && r != KW_ROLE_NONE) k = kw_table_role(t, r);
  }
  return k;
}

/* Groups of the customers (per_row false) or of the rows of t. */
static kw_status groups_build(kw_context *ctx, const kw_table *t,
                              const char *column, size_t n_customers,
                              bool per_row, const kw_groups_options *o,
                              kw_groups **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "groups: out is NULL");
  *out = NULL;
  if (!t)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.groups_no_customers",
                       "groups: no customers table", NULL);
  kw_groups_options def;
  if (!o) {
    kw_groups_options_init(&def);
    o = &def;
  }
  const kw_column *col = column ? find_column(t, column) : NULL;
  if (!col)
    return kw_fail_tpl(ctx, KW_EARG, "data.e.groups_no_column",
                       "the customers table has no column '{col}'", "col",
                       column ? column : "", NULL);
  if (kw_role_is_personal(col->role))
    return kw_fail_tpl(ctx, KW_EARG, "data.e.groups_personal",
                       "'{col}' is personal data ({role})", "col", col->name,
                       "role", kw_role_name(col->role), NULL);
  if (col->role == KW_ROLE_CUSTOMER)
    return kw_fail_tpl(ctx, KW_EARG, "data.e.groups_customer_id",
                       "'{col}' is the customer id", "col", col->name, NULL);
  if (per_row) n_customers = kw_table_rows(t);
  size_t nc1 = n_customers ? n_customers : 1;
  uint32_t *rows = kw_malloc(ctx, nc1 * sizeof *rows);
  uint32_t *raw = kw_malloc(ctx, nc1 * sizeof *raw);
  uint32_t *has_row = kw_malloc(ctx, nc1 * sizeof *has_row);
  kw_status st = rows && raw && has_row ? KW_OK : kw_fail_nomem(ctx);
  if (!st && per_row) {
    for (size_t r = 0; r < n_customers; r++) {
      rows[r] = kw_cell_empty(col, r) ? KW_NA_ID : (uint32_t)r;
      has_row[r] = 1;
    }
  } else if (!st) {
    st = kw_customer_value_rows(ctx, t, col, rows, n_customers);
  }
  /* which customers have any row (for the blank group) */
  if (!st && !per_row) {
    const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
    for (size_t c = 0; c < n_customers; c++) has_row[c] = 0;
    for (size_t r = 0; r < kw_table_rows(t); r++) {
      uint32_t c = id->v.text[r];
      if (c < n_customers) has_row[c] = 1;
    }
  }
  /* distinct values among the customers' rows, sorted */
  size_t nv = 0;
  uint32_t *vals = NULL; /* a representative row per distinct value */
  uint32_t *vcode = NULL;
  double *num = NULL;
  char **labels = NULL;
  uint8_t *kinds = NULL;
  size_t nd = col->type == KW_TYPE_TEXT ? kw_dict_size(col->dict) : 0;
  if (!st) {
    vals = kw_malloc(ctx, nc1 * sizeof *vals);
    vcode = kw_malloc(ctx, nc1 * sizeof *vcode);
    if (!vals || !vcode) st = kw_fail_nomem(ctx);
  }
  if (!st && col->type == KW_TYPE_TEXT) {
    uint32_t *seen = kw_malloc(ctx, (nd ? nd : 1) * sizeof *seen);
    text_entry *te = kw_malloc(ctx, nc1 * sizeof *te);
    if (!seen || !te) st = kw_fail_nomem(ctx);
    for (size_t j = 0; !st && j < nd; j++) seen[j] = KW_NA_ID;
    for (size_t c = 0; !st && c < n_customers; c++) {
      if (rows[c] == KW_NA_ID) continue;
      uint32_t id = col->v.text[rows[c]];
      if (seen[id] == KW_NA_ID) {
        seen[id] = 0;
        te[nv].s = kw_dict_str(col->dict, id);
        te[nv++].id = id;
      }
    }
    if (!st) {
      qsort(te, nv, sizeof *te, by_text);
      for (size_t j = 0; j < nv; j++) {
        vals[j] = te[j].id;
        seen[te[j].id] = (uint32_t)j;
      }
      for (size_t c = 0; c < n_customers; c++)
        vcode[c] = rows[c] == KW_NA_ID ? KW_NA_ID : seen[col->v.text[rows[c]]];
    }
    kw_free(ctx, seen);
    kw_free(ctx, te);
  } else if (!st && col->type == KW_TYPE_FLAG) {
    nv = 2; /* no, yes */
    for (size_t c = 0; c < n_customers; c++)
      vcode[c] = rows[c] == KW_NA_ID ? KW_NA_ID
                                     : (uint32_t)(col->v.flag[rows[c]] ? 1 : 0);
  } else if (!st) {
    num = kw_malloc(ctx, nc1 * sizeof *num);
    num_entry *ne = kw_malloc(ctx, nc1 * sizeof *ne);
    if (!num || !ne) st = kw_fail_nomem(ctx);
    size_t m = 0;
    for (size_t c = 0; !st && c < n_customers; c++) {
      vcode[c] = KW_NA_ID;
      num[c] = rows[c] == KW_NA_ID ? NAN : cell_number(col, rows[c]);
      if (!isnan(num[c])) ne[m++] = (num_entry){num[c], (uint32_t)c};
    }
    if (!st) {
      qsort(ne, m, sizeof *ne, by_value);
      for (size_t i = 0; i < m; i++) {
        if (i == 0 || ne[i].v != ne[i - 1].v) vals[nv++] = ne[i].c;
        vcode[ne[i].c] = (uint32_t)(nv - 1);
      }
    }
    kw_free(ctx, ne);
  }
  if (!st && o->max_values && nv > o->max_values) {
    char n[24], max[24];
    snprintf(n, sizeof n, "%zu", nv);
    snprintf(max, sizeof max, "%zu", o->max_values);
    st = kw_fail_tpl(ctx, KW_ERANGE, "data.e.groups_too_many",
                     "'{col}': {n} different values; a column with at most "
                     "{max} is needed",
                     "col", col->name, "n", n, "max", max, NULL);
  }
  /* raw codes: 0 = blank, 1.. = values */
  size_t n_raw = nv + 1;
  if (!st) {
    labels = kw_calloc(ctx, n_raw, sizeof *labels);
    kinds = kw_calloc(ctx, n_raw, 1);
    if (!labels || !kinds) st = kw_fail_nomem(ctx);
  }
  if (!st) {
    kinds[0] = KW_GROUP_BLANK;
    for (size_t j = 0; j < nv && !st; j++) {
      char buf[48];
      const char *s = buf;
      kinds[j + 1] = KW_GROUP_VALUE;
      if (col->type == KW_TYPE_TEXT) {
        s = kw_dict_str(col->dict, vals[j]);
      } else if (col->type == KW_TYPE_FLAG) {
        kinds[j + 1] = j ? KW_GROUP_YES : KW_GROUP_NO;
        s = NULL;
      } else if (col->type == KW_TYPE_DATE) {
        kw_date_format(buf, (int32_t)num[vals[j]], 0);
      } else {
        plain_number(buf, sizeof buf, num[vals[j]]);
      }
      if (s && !(labels[j + 1] = kw_strdup(ctx, s))) st = kw_fail_nomem(ctx);
    }
  }
  if (!st) {
    for (size_t c = 0; c < n_customers; c++)
      raw[c] = vcode[c] != KW_NA_ID ? vcode[c] + 1
               : o->blank_group && has_row[c] ? 0
                                              : KW_NA_ID;
    st = kw_groups_compute_codes(ctx, raw, n_customers, n_raw,
                              (const char *const *)labels, kinds, o, out);
  }
  if (labels)
    for (size_t j = 0; j < n_raw; j++) kw_free(ctx, labels[j]);
  kw_free(ctx, labels);
  kw_free(ctx, kinds);
  kw_free(ctx, num);
  kw_free(ctx, vals);
  kw_free(ctx, vcode);
  kw_free(ctx, rows);
  kw_free(ctx, raw);
  kw_free(ctx, has_row);
  return st;
}

kw_status kw_groups_compute(kw_context *ctx, const kw_table *t,
                            const char *column, size_t n_customers,
                            const kw_groups_options *o, kw_groups **out) {
  return groups_build(ctx, t, column, n_customers, false, o, out);
}

kw_status kw_groups_compute_rows(kw_context *ctx, const kw_table *t,
                                 const char *column,
                                 const kw_groups_options *o,
                                 kw_groups **out) {
  return groups_build(ctx, t, column, 0, true, o, out);
}
