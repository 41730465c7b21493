/*
 * Unit tests: kw_analyze_run with a source (kw_analyze_source) for the
 * per-customer summary and the payments, as analyze --pushdown uses it
 * with a database. The fake source here fills the summary's columns from
 * the shop data set's lines by its own walk (a second computation of
 * first/last purchase, purchase days, orders, lines, revenue, cost,
 * discount and the revenue of the repeat purchase days), so the analysis
 * derives x, t_x, T, the repeat spend and the totals itself: they must
 * equal kw_summary_build's to the bit, and the whole analysis (headline,
 * every customer's action) must be the same. A failing source fails the
 * run (summary) or the step (payments) with its reason.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "klantwijs.h"
#include "models/analyze_internal.h"

static void quiet(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

static kw_dataset *load_shop(kw_context *ctx) {
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = KW_TEST_DATA "/shop";
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

/* The demo business (every table kind; invoice ids, cost, discount,
 * product, category and returns in its sales lines), 60 customers. */
static kw_dataset *load_demo(kw_context *ctx) {
  kw_demo_options d;
  kw_demo_options_init(&d);
  d.customers = 60;
  d.seed = 7;
  d.dir = KW_BINARY_DIR "/analyze_source_demo";
  assert_int_equal(kw_demo_generate(ctx, &d), KW_OK);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = d.dir;
  kw_analyze_load_options(&lo);
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

typedef struct fake {
  const kw_dataset *ds;
  kw_status fail_summary, fail_payments;
  int summary_calls, payments_calls;
  int32_t as_of_seen; /* of the first call (the analysis's summary) */
} fake;

/* The summary's columns from the lines, customer by customer with
 * quadratic loops (the data set is small): the definitions of
 * klantwijs/summary.h written out again. */
static kw_status fake_summary(void *user, kw_context *ctx, int32_t as_of,
                              kw_source_summary *out) {
  fake *f = user;
  if (f->summary_calls++ == 0) f->as_of_seen = as_of;
  if (f->fail_summary)
    return kw_fail(ctx, f->fail_summary, "the source failed on purpose");
  const kw_table *t = kw_dataset_table(f->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cu = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *dt = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *am = kw_table_role(t, KW_ROLE_AMOUNT);
  const kw_column *inv = kw_table_role(t, KW_ROLE_INVOICE);
  const kw_column *cost = kw_table_role(t, KW_ROLE_COST);
  const kw_column *disc = kw_table_role(t, KW_ROLE_DISCOUNT);
  const kw_column *prod = kw_table_role(t, KW_ROLE_PRODUCT);
  const kw_column *cat = kw_table_role(t, KW_ROLE_CATEGORY);
  size_t rows = kw_table_rows(t);
  int32_t last_day = INT32_MIN;
  for (size_t r = 0; r < rows; r++)
    if (dt->v.date[r] > last_day) last_day = dt->v.date[r];
  if (as_of == KW_NA_DATE) as_of = last_day;
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    int32_t d = dt->v.date[r];
    if (d > as_of) {
      out->lines_after++;
      continue;
    }
    assert_true(c < out->n);
    int64_t a = am->v.money[r];
    out->lines[c]++;
    out->revenue[c] += a;
    if (disc && disc->v.money[r] != KW_NA_MONEY)
      out->discount[c] += disc->v.money[r];
    if (cost && cost->v.money[r] != KW_NA_MONEY) {
      out->cost[c] += cost->v.money[r];
      out->cost_lines[c]++;
    }
    /* distinct products and categories: the first line with the value */
    const kw_column *dc[2] = {prod, cat};
    uint32_t *cnt[2] = {out->n_products, out->n_categories};
    for (int k = 0; k < 2; k++) {
      if (!dc[k] || dc[k]->v.text[r] == KW_NA_ID) continue;
      bool seen = false;
      for (size_t q = 0; q < r && !seen; q++)
        seen = cu->v.text[q] == c && dt->v.date[q] <= as_of &&
               dc[k]->v.text[q] == dc[k]->v.text[r];
      if (!seen) cnt[k][c]++;
    }
    if (a < 0) continue;
    /* a purchase line: purchase days, orders, first and last */
    bool day_seen = false, inv_seen = false;
    for (size_t q = 0; q < r; q++) {
      if (cu->v.text[q] != c || dt->v.date[q] > as_of || am->v.money[q] < 0)
        continue;
      if (dt->v.date[q] == d) day_seen = true;
      if (inv && inv->v.text[q] != KW_NA_ID &&
          inv->v.text[q] == inv->v.text[r])
        inv_seen = true;
    }
    if (!day_seen) out->days[c]++;
    if (inv ? inv->v.text[r] != KW_NA_ID && !inv_seen : !day_seen)
      out->orders[c]++;
    if (out->first[c] == KW_NA_DATE || d < out->first[c]) out->first[c] = d;
    if (out->last[c] == KW_NA_DATE || d > out->last[c]) out->last[c] = d;
  }
  /* the net revenue of every line on a purchase day after the first */
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    int32_t d = dt->v.date[r];
    if (d > as_of || out->first[c] == KW_NA_DATE || d <= out->first[c])
      continue;
    bool purchase_day = false;
    for (size_t q = 0; q < rows && !purchase_day; q++)
      purchase_day = cu->v.text[q] == c && dt->v.date[q] == d &&
                     am->v.money[q] >= 0;
    if (purchase_day) out->repeat_revenue[c] += am->v.money[r];
  }
  out->as_of = as_of;
  out->has_invoice = inv != NULL;
  out->has_cost = cost != NULL || kw_table_role(t, KW_ROLE_MARGIN) != NULL;
  out->has_product = prod != NULL;
  out->has_category = cat != NULL;
  return KW_OK;
}

/* The payments of kw_payments_compute, handed over as a source would. */
static kw_status fake_payments(void *user, kw_context *ctx,
                               const kw_payments_options *po,
                               kw_source_payments *out) {
  fake *f = user;
  f->payments_calls++;
  if (f->fail_payments)
    return kw_fail(ctx, f->fail_payments, "no invoices on purpose");
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = po->as_of;
  kw_summary *s = NULL;
  kw_payments *p = NULL;
  kw_status st = kw_summary_build(ctx, f->ds, &so, &s);
  if (!st)
    st = kw_payments_compute(ctx, kw_summary_view(s),
                             kw_dataset_table(f->ds, KW_TABLE_INVOICES), po,
                             &p);
  if (st) {
    kw_summary_free(s);
    return st;
  }
  const kw_payments_data *d = kw_payments_view(p);
  assert_int_equal(d->n, out->n);
  for (size_t i = 0; i < d->n; i++) {
    out->invoices[i] = d->invoices[i];
    out->settled[i] = d->settled[i];
    out->settled_late[i] = d->settled_late[i];
    out->errors[i] = d->errors[i];
    out->late_share[i] = d->late_share[i];
    out->days_to_pay[i] = d->days_to_pay[i];
    out->days_late[i] = d->days_late[i];
    out->invoiced[i] = d->invoiced[i];
    out->open[i] = d->open[i];
    out->credit[i] = d->credit[i];
    out->overdue[i] = d->overdue[i];
    for (int k = 0; k < KW_AGE__COUNT; k++) out->ageing[k][i] = d->ageing[k][i];
    out->max_overdue_days[i] = d->max_overdue_days[i];
    out->pay_class[i] = d->pay_class[i];
  }
  kw_payments_data *o = out->data;
  o->n_customers = d->n_customers;
  memcpy(o->n_class, d->n_class, sizeof o->n_class);
  o->n_invoices = d->n_invoices;
  o->n_settled = d->n_settled;
  o->n_settled_late = d->n_settled_late;
  o->late_share_all = d->late_share_all;
  o->days_to_pay_all = d->days_to_pay_all;
  o->days_late_all = d->days_late_all;
  o->open_total = d->open_total;
  o->overdue_total = d->overdue_total;
  memcpy(o->ageing_total, d->ageing_total, sizeof o->ageing_total);
  o->dso_defined = d->dso_defined;
  o->dso = d->dso;
  o->errors_total = d->errors_total;
  kw_payments_free(p);
  kw_summary_free(s);
  return KW_OK;
}

static kw_analyze_source make_source(fake *f) {
  kw_analyze_source src;
  memset(&src, 0, sizeof src);
  src.user = f;
  src.summary = fake_summary;
  src.payments = fake_payments;
  return src;
}

static void same_summary(const kw_customer_summary *a,
                         const kw_customer_summary *b) {
  assert_int_equal(a->n, b->n);
  assert_int_equal(a->n_buyers, b->n_buyers);
  assert_int_equal(a->as_of, b->as_of);
  assert_int_equal(a->lines_used, b->lines_used);
  assert_int_equal(a->lines_after, b->lines_after);
  assert_int_equal(a->buyer_lines, b->buyer_lines);
  assert_int_equal(a->buyer_revenue, b->buyer_revenue);
  assert_int_equal(a->n_return_only, b->n_return_only);
  assert_int_equal(a->return_only_lines, b->return_only_lines);
  assert_int_equal(a->return_only_revenue, b->return_only_revenue);
  assert_int_equal(a->has_invoice, b->has_invoice);
  assert_int_equal(a->has_cost, b->has_cost);
  assert_int_equal(a->has_category, b->has_category);
  assert_int_equal(a->has_product, b->has_product);
  for (size_t i = 0; i < a->n; i++) {
    assert_int_equal(a->first[i], b->first[i]);
    assert_int_equal(a->last[i], b->last[i]);
    assert_int_equal(a->orders[i], b->orders[i]);
    assert_int_equal(a->days[i], b->days[i]);
    assert_int_equal(a->lines[i], b->lines[i]);
    assert_int_equal(a->cost_lines[i], b->cost_lines[i]);
    assert_int_equal(a->revenue[i], b->revenue[i]);
    assert_int_equal(a->cost[i], b->cost[i]);
    assert_int_equal(a->discount[i], b->discount[i]);
    assert_int_equal(a->n_products[i], b->n_products[i]);
    assert_int_equal(a->n_categories[i], b->n_categories[i]);
    /* derived the same way from the same integers: equal to the bit */
    assert_true(a->x[i] == b->x[i]);
    assert_true(a->t_x[i] == b->t_x[i]);
    assert_true(a->T[i] == b->T[i]);
    assert_true(a->repeat_spend[i] == b->repeat_spend[i]);
  }
}

static void same_analysis(const kw_analysis *a, const kw_analysis *b) {
  same_summary(a->s, b->s);
  assert_int_equal(a->have_holdout, b->have_holdout);
  if (a->have_holdout)
    assert_memory_equal(&a->eval, &b->eval, sizeof a->eval);
  const kw_headline *ha = kw_analysis_headline(a),
                    *hb = kw_analysis_headline(b);
  assert_int_equal(ha->customers, hb->customers);
  assert_int_equal(ha->revenue, hb->revenue);
  assert_int_equal(ha->active_customers, hb->active_customers);
  assert_true(ha->dso == hb->dso || (isnan(ha->dso) && isnan(hb->dso)));
  for (int k = 0; k < KW_ACTION__COUNT; k++)
    assert_int_equal(ha->action_count[k], hb->action_count[k]);
  assert_int_equal(kw_analysis_customers(a), kw_analysis_customers(b));
  for (size_t i = 0; i < kw_analysis_customers(a); i++)
    assert_int_equal(kw_analysis_action(a, i), kw_analysis_action(b, i));
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    kw_step_info x, y;
    kw_analysis_step(a, (kw_step)s, KW_LANG_EN, &x);
    kw_analysis_step(b, (kw_step)s, KW_LANG_EN, &y);
    assert_int_equal(x.status, y.status);
    assert_string_equal(x.note, y.note);
  }
  assert_non_null(a->pp);
  assert_non_null(b->pp);
  assert_int_equal(a->pp->n_customers, b->pp->n_customers);
  assert_int_equal(a->pp->open_total, b->pp->open_total);
  assert_int_equal(a->pp->overdue_total, b->pp->overdue_total);
  for (size_t i = 0; i < a->pp->n; i++) {
    assert_int_equal(a->pp->pay_class[i], b->pp->pay_class[i]);
    assert_int_equal(a->pp->open[i], b->pp->open[i]);
  }
}

static void run_both(bool demo, int32_t as_of) {
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = demo ? load_demo(ctx) : load_shop(ctx);
  kw_analyze_options o;
  kw_analyze_options_init(&o);
  o.as_of = as_of;
  kw_analysis *lines = NULL, *pushed = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &lines), KW_OK);
  fake f = {.ds = ds};
  kw_analyze_source src = make_source(&f);
  o.source = &src;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &pushed), KW_OK);
  /* the summary, and the holdout check's calibration summary when the
   * purchase model was checked on a holdout */
  assert_int_equal(f.summary_calls, pushed->have_holdout ? 2 : 1);
  assert_int_equal(lines->have_holdout, pushed->have_holdout);
  if (demo) assert_true(pushed->have_holdout);
  assert_int_equal(f.payments_calls, 1);
  assert_int_equal(f.as_of_seen, as_of);
  /* the analysis read the source's arrays, not a summary of its own */
  assert_null(pushed->sum);
  assert_ptr_equal(pushed->s, &pushed->src_sum);
  assert_null(pushed->pay);
  assert_ptr_equal(pushed->pp, &pushed->src_pay);
  same_analysis(lines, pushed);
  if (demo) { /* the columns the walk must get right are there */
    const kw_customer_summary *v = pushed->s;
    assert_true(v->has_invoice && v->has_cost && v->has_product &&
                v->has_category);
    assert_true(v->lines_after > 0 || as_of == KW_NA_DATE);
    int64_t disc = 0;
    size_t repeat = 0;
    for (size_t i = 0; i < v->n; i++) {
      disc += v->discount[i];
      repeat += v->repeat_spend[i] != 0;
    }
    assert_true(disc > 0);
    assert_true(repeat > 10);
  }
  kw_analysis_free(lines);
  kw_analysis_free(pushed);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_source_equals_lines(void **state) {
  (void)state;
  run_both(false, KW_NA_DATE);
  run_both(true, KW_NA_DATE);
}

/* an as-of date inside the data: lines after it are counted apart
 * (lines_after), and the ageing is as of that day */
static void test_source_equals_lines_as_of(void **state) {
  (void)state;
  run_both(false, kw_date_from_ymd(2024, 1, 15));
  run_both(true, kw_date_from_ymd(2024, 6, 30));
}

static void test_source_summary_fails(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = load_shop(ctx);
  kw_analyze_options o;
  kw_analyze_options_init(&o);
  fake f = {.ds = ds, .fail_summary = KW_EIO};
  kw_analyze_source src = make_source(&f);
  o.source = &src;
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &a), KW_EIO);
  assert_null(a);
  assert_non_null(strstr(kw_errmsg(ctx), "failed on purpose"));
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* a failing payments source: the step fails with the reason, the run
 * goes on without payment figures */
static void test_source_payments_fail(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = load_shop(ctx);
  kw_analyze_options o;
  kw_analyze_options_init(&o);
  fake f = {.ds = ds, .fail_payments = KW_EINPUT};
  kw_analyze_source src = make_source(&f);
  o.source = &src;
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &a), KW_OK);
  kw_step_info si;
  kw_analysis_step(a, KW_STEP_PAYMENTS, KW_LANG_EN, &si);
  assert_int_equal(si.status, KW_STEP_FAILED);
  assert_non_null(strstr(si.note, "no invoices on purpose"));
  assert_null(a->pp);
  assert_true(isnan(kw_analysis_headline(a)->dso));
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_source_equals_lines),
      cmocka_unit_test(test_source_equals_lines_as_of),
      cmocka_unit_test(test_source_summary_fails),
      cmocka_unit_test(test_source_payments_fail),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
