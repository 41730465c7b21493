/*
 * survival_subjects.c — the subjects of a survival analysis (durations,
 * events, groups) from a table's columns or from a churn result, with the
 * one grouping rule and privacy merge of klantwijs/groups.h
 * (kw_survival_subjects_*, klantwijs/survival.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/survival.h"

struct kw_survival_subjects {
  kw_context *ctx;
  kw_survival_subjects_data v;
  double *dur;
  int8_t *ev;
  uint32_t *grp;
  kw_groups *g;
};

void kw_survival_subjects_options_init(kw_survival_subjects_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->max_groups = 1000;
}

void kw_survival_subjects_free(kw_survival_subjects *s) {
  if (!s) return;
  kw_groups_free(s->g);
  kw_free(s->ctx, s->dur);
  kw_free(s->ctx, s->ev);
  kw_free(s->ctx, s->grp);
  kw_free(s->ctx, s);
}

const kw_survival_subjects_data *kw_survival_subjects_view(
    const kw_survival_subjects *s) {
  return s ? &s->v : NULL;
}

static kw_survival_subjects *make(kw_context *ctx, size_t n) {
  kw_survival_subjects *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return NULL;
  s->ctx = ctx;
  s->dur = kw_malloc(ctx, (n ? n : 1) * sizeof *s->dur);
  s->ev = kw_malloc(ctx, n ? n : 1);
  if (!s->dur || !s->ev) {
    kw_survival_subjects_free(s);
    return NULL;
  }
  s->v.n = n;
  s->v.duration = s->dur;
  s->v.event = s->ev;
  return s;
}

/* Groups g taken into s: subject i's group is code[key[i]] (key NULL: i). */
static kw_status take(kw_survival_subjects *s, kw_groups *g,
                      const uint32_t *key) {
  s->g = g;
  const kw_groups_data *v = kw_groups_view(g);
  s->grp = kw_malloc(s->ctx, (s->v.n ? s->v.n : 1) * sizeof *s->grp);
  if (!s->grp) return kw_fail_nomem(s->ctx);
  for (size_t i = 0; i < s->v.n; i++) {
    size_t k = key ? key[i] : i;
    s->grp[i] = k < v->n_customers ? v->code[k] : KW_NA_ID;
  }
  s->v.group = s->grp;
  s->v.groups = v;
  return KW_OK;
}

/* A groups error as the `by` option's: too many values is KW_EARG, its
 * values kept for the reader's language. */
static kw_status by_error(kw_context *ctx, kw_status st, const char *by) {
  if (st != KW_ERANGE) return st;
  const kw_msginfo *e = kw_errinfo(ctx);
  char v[3][KW_ERRMSG_MAX / 4];
  const char *names[] = {"col", "n", "max"};
  bool keyed = e && e->key && strcmp(e->key, "data.e.groups_too_many") == 0;
  for (size_t k = 0; k < 3; k++) {
    v[k][0] = '\0';
    for (size_t i = 0; keyed && i < e->n; i++)
      if (strcmp(e->names[i], names[k]) == 0)
        snprintf(v[k], sizeof v[k], "%s", e->values[i]);
  }
  if (!keyed) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s", kw_errmsg(ctx));
    return kw_fail(ctx, KW_EARG, "--by %s: %s", by, msg);
  }
  return kw_fail_tpl(ctx, KW_EARG, "model.e.by_too_many",
                     "--by {by}: '{col}': {n} different values; a column "
                     "with at most {max} is needed",
                     "by", by, "col", v[0], "n", v[1], "max", v[2], NULL);
}

static void group_options(kw_groups_options *go,
                          const kw_survival_subjects_options *o) {
  kw_groups_options_init(go);
  go->blank_group = false; /* an empty cell is a missing value */
  go->max_values = o->max_groups;
}

kw_status kw_survival_subjects_from_table(
    kw_context *ctx, const kw_table *t, const kw_survival_subjects_options *opt,
    kw_survival_subjects **out) {
  kw_survival_subjects_options o;
  if (opt)
    o = *opt;
  else
    kw_survival_subjects_options_init(&o);
  if (!t || !out) return kw_fail(ctx, KW_EARG, "survival: no table");
  *out = NULL;
  const kw_column *cd = o.duration ? kw_table_find(t, o.duration)
                                   : kw_table_role(t, KW_ROLE_TENURE);
  const kw_column *ce = o.event ? kw_table_find(t, o.event)
                                : kw_table_role(t, KW_ROLE_CHURN);
  if (!cd || cd->type != KW_TYPE_NUMBER)
    return o.duration
               ? kw_fail_tpl(ctx, KW_EINPUT, "model.e.duration_not_number",
                             "the --duration column was not read as numbers",
                             NULL)
               : kw_fail_tpl(ctx, KW_EINPUT, "model.e.survival_no_duration",
                             "no duration column: name one with --duration "
                             "COL",
                             NULL);
  if (!ce || ce->type != KW_TYPE_FLAG)
    return o.event
               ? kw_fail_tpl(ctx, KW_EINPUT, "model.e.event_not_flag",
                             "the --event column was not read as yes/no "
                             "flags",
                             NULL)
               : kw_fail_tpl(ctx, KW_EINPUT, "model.e.survival_no_churn",
                             "no churn column: name one with --event COL",
                             NULL);
  const kw_column *cb = o.by ? kw_table_find(t, o.by) : NULL;
  if (o.by && !cb)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.by_no_column",
                       "--by {by}: the table has no such column", "by", o.by,
                       NULL);
  size_t n = kw_table_rows(t);
  kw_survival_subjects *s = make(ctx, n);
  if (!s) return kw_fail_nomem(ctx);
  memcpy(s->dur, cd->v.number, n * sizeof *s->dur);
  memcpy(s->ev, ce->v.flag, n);
  s->v.duration_name = cd->name;
  s->v.event_name = ce->name;
  kw_status st = KW_OK;
  if (cb) {
    kw_groups_options go;
    group_options(&go, &o);
    kw_groups *g = NULL;
    st = kw_groups_compute_rows(ctx, t, cb->name, &go, &g);
    st = st ? by_error(ctx, st, o.by) : take(s, g, NULL);
  }
  if (st) {
    kw_survival_subjects_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}

kw_status kw_survival_subjects_from_churn(
    kw_context *ctx, const kw_dataset *ds, const kw_churn *ch,
    const kw_survival_subjects_options *opt, kw_survival_subjects **out) {
  kw_survival_subjects_options o;
  if (opt)
    o = *opt;
  else
    kw_survival_subjects_options_init(&o);
  if (!ch || !out) return kw_fail(ctx, KW_EARG, "survival: no churn result");
  *out = NULL;
  const kw_churn_durations *d = kw_churn_durations_view(ch);
  const kw_churn_info *I = kw_churn_info_view(ch);
  const kw_table *cu = ds ? kw_dataset_table(ds, KW_TABLE_CUSTOMERS) : NULL;
  if (o.by) {
    const kw_column *cb = cu ? kw_table_find(cu, o.by) : NULL;
    const kw_column *cid = cu ? kw_table_role(cu, KW_ROLE_CUSTOMER) : NULL;
    if (!cb || !cid)
      return cu ? kw_fail_tpl(ctx, KW_EARG, "model.e.by_no_customers_column",
                              "--by {by}: the customers table has no such "
                              "column",
                              "by", o.by, NULL)
                : kw_fail_tpl(ctx, KW_EARG, "model.e.by_no_customers",
                              "--by {by}: no customers table was read "
                              "(--customers FILE)",
                              "by", o.by, NULL);
  }
  size_t n = d->n;
  kw_survival_subjects *s = make(ctx, n);
  if (!s) return kw_fail_nomem(ctx);
  memcpy(s->dur, d->duration, n * sizeof *s->dur);
  memcpy(s->ev, d->event, n);
  kw_status st = KW_OK;
  if (o.by) {
    /* one value per customer (the last non-empty row), counting only the
     * customers with a duration */
    size_t nid = I->n_customers;
    size_t nd = kw_dict_size(kw_dataset_customers(ds));
    if (nd > nid) nid = nd;
    bool *counted = kw_calloc(ctx, nid ? nid : 1, sizeof *counted);
    if (!counted) {
      st = kw_fail_nomem(ctx);
    } else {
      for (size_t i = 0; i < n; i++)
        if (d->customer[i] < nid) counted[d->customer[i]] = true;
      kw_groups_options go;
      group_options(&go, &o);
      go.counted = counted;
      kw_groups *g = NULL;
      st = kw_groups_compute(ctx, cu, kw_table_find(cu, o.by)->name, nid, &go,
                             &g);
      kw_free(ctx, counted);
      st = st ? by_error(ctx, st, o.by) : take(s, g, d->customer);
    }
  }
  if (st) {
    kw_survival_subjects_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}
