/*
 * demo.c — kw_demo_generate: options, the order of the stages, truth.json.
 *
 * The data set is an imaginary Flemish office and IT supplier (tables in
 * demo_tables.c). The simulation (demo_sim.c) draws customers, runs a
 * BG/NBD purchase process with Gamma-Gamma order values per customer,
 * splits orders into lines with cross-sell affinities, adds credit notes,
 * payments, costs, touchpoints and surveys; demo_write.c writes the
 * exports. Everything random comes from GSL's MT19937 in separate streams
 * seeded from the options' seed (or the context's), so the same seed
 * gives the same bytes.
 *
 * Parameters (time unit one week, money in euros):
 *   BG/NBD       r = 1.1, alpha = 10 (mean rate 0.11 a week), a = 0.8,
 *                b = 4 (mean dropout probability 1/6 per repeat purchase);
 *                over the default 3-year window with acquisitions spread
 *                over it, a customer makes about 5.1 orders (1 + E[X(T)]
 *                averaged over the acquisition days).
 *   Gamma-Gamma  p = 6, q = 4, gamma = 150: mean order value
 *                p gamma / (q - 1) = 300 euros.
 *   Lines        1 + Poisson(0.4 + 0.6 min(z / 300, 3)), less the lines
 *                rounded to zero units: about 1.9 an order.
 * With 1 M customers that is about 5.1 M orders, 0.17 M credit notes and
 * 9.9 M transaction lines (2.2 GB of files). About 42% of the customers
 * have dropped out by the end.
 *
 * truth.json records every parameter and count so that tests can check
 * what analyses recover; truth_customers.csv holds the hidden per-customer
 * values (rate, dropout probability, alive at the end, payer class).
 *
 * Memory: the customers (~60 bytes each), their orders (8 bytes), invoices
 * (32 bytes) and lines (16 bytes) stay in memory until the sorted exports
 * are written: roughly 450 bytes per customer.
 */
#include "sim/sim.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

void kw_demo_options_init(kw_demo_options *o) {
  memset(o, 0, sizeof *o);
  o->customers = 2000;
  o->seed = 0;
  o->start = KW_NA_DATE;
  o->end = KW_NA_DATE;
  o->dir = NULL;
}

static void default_params(demo_params *P) {
  memset(P, 0, sizeof *P);
  P->r = 1.1;
  P->alpha = 10.0;
  P->a = 0.8;
  P->b = 4.0;
  P->p = 6.0;
  P->q = 4.0;
  P->gamma = 150.0;
  P->b2b_share = 0.7;
  P->growth = 0.15;
  P->lines_base = 0.4;
  P->lines_slope = 0.6;
  P->payer_b2b[0] = 0.62;
  P->payer_b2b[1] = 0.27;
  P->payer_b2b[2] = 0.11;
  P->payer_b2c[0] = 0.85;
  P->payer_b2c[1] = 0.12;
  P->payer_b2c[2] = 0.03;
  P->terms60_b2b = 0.12;
  P->never_paid = 0.3;
  P->return_prob = 0.03;
  P->return_prob_unprof = 0.33;
  P->ship_prob = 0.7;
  P->hour_rate = 5500;
  P->ticket_rate = 2500;
  P->unprof_top = 0.05;
}

/* mkdir -p: create dir and its missing parents. */
static kw_status make_dir(kw_context *ctx, const char *dir) {
  size_t n = strlen(dir);
  char *p = kw_strndup(ctx, dir, n);
  if (!p) return kw_fail_nomem(ctx);
  kw_status st = KW_OK;
  for (size_t k = 1; k <= n && !st; k++) {
    if (k < n && p[k] != '/') continue;
    char save = p[k];
    p[k] = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
      st = kw_fail_tpl(ctx, KW_EIO, "model.e.demo_mkdir",
                       "cannot create folder {path}: {why}", "path", p, "why",
                       DEMO_ERRTEXT(errno), NULL);
    p[k] = save;
  }
  struct stat sb;
  if (!st && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
    st = kw_fail_tpl(ctx, KW_EIO, "model.e.demo_not_folder",
                     "{path} is not a folder", "path", dir, NULL);
  kw_free(ctx, p);
  return st;
}

static kw_status resolve_window(kw_context *ctx, const kw_demo_options *o,
                                int32_t *start, int32_t *end) {
  int y, m, d;
  *start = o->start;
  *end = o->end;
  if (*start == KW_NA_DATE && *end == KW_NA_DATE) {
    *start = kw_date_from_ymd(2023, 1, 1);
    *end = kw_date_from_ymd(2025, 12, 31);
  } else if (*start == KW_NA_DATE) {
    kw_date_to_ymd(*end, &y, &m, &d);
    *start = kw_date_from_ymd(y - 3, m, d) + 1;
  } else if (*end == KW_NA_DATE) {
    kw_date_to_ymd(*start, &y, &m, &d);
    *end = kw_date_from_ymd(y + 3, m, d) - 1;
  }
  int32_t lo = kw_date_from_ymd(1900, 1, 1), hi = kw_date_from_ymd(2200, 12, 31);
  if (*start < lo || *end > hi)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.demo_years",
                       "demo window outside the years 1900-2200", NULL);
  if (*end < *start || *end - *start + 1 < 28)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.demo_short",
                       "demo window shorter than 28 days", NULL);
  return KW_OK;
}

/* --------------------------------------------------------- truth.json */

typedef struct jb {
  bool fail;
} jb;

static void jset(jb *b, json_t *obj, const char *key, json_t *v) {
  if (!obj || !v || json_object_set_new(obj, key, v) != 0) b->fail = true;
}
static void jpush(jb *b, json_t *arr, json_t *v) {
  if (!arr || !v || json_array_append_new(arr, v) != 0) b->fail = true;
}
static json_t *jdate(int32_t day) {
  char buf[11];
  return json_string(kw_date_format(buf, day, 0));
}
static json_t *jeuro(int64_t cents) { return json_real((double)cents / 100); }
static json_t *jcount(uint64_t v) { return json_integer((json_int_t)v); }

static json_t *truth_json(demo_gen *g, jb *b) {
  const demo_params *P = &g->par;
  json_t *root = json_object();
  char tmp[64];
  jset(b, root, "generator", json_string("klantwijs demo"));
  jset(b, root, "format_version", json_integer(1));
  jset(b, root, "library_version", json_string(kw_version()));
  if (g->seed <= (uint64_t)INT64_MAX) {
    jset(b, root, "seed", json_integer((json_int_t)g->seed));
  } else {
    snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)g->seed);
    jset(b, root, "seed", json_string(tmp));
  }
  jset(b, root, "business",
       json_string("Flemish office and IT supplier (B2B and B2C)"));

  json_t *w = json_object();
  jset(b, w, "start", jdate(g->start));
  jset(b, w, "end", jdate(g->end));
  jset(b, w, "days", json_integer(g->end - g->start + 1));
  jset(b, w, "note",
       json_string("all acquisitions, orders, credit notes, costs and "
                   "surveys fall inside the window; payments after the end "
                   "are open; a first contact (touchpoints.csv) may precede "
                   "the window"));
  jset(b, root, "window", w);
  jset(b, root, "time_unit", json_string("week"));
  jset(b, root, "days_per_unit", json_integer(7));

  json_t *bg = json_object();
  jset(b, bg, "r", json_real(P->r));
  jset(b, bg, "alpha", json_real(P->alpha));
  jset(b, bg, "a", json_real(P->a));
  jset(b, bg, "b", json_real(P->b));
  jset(b, bg, "unit", json_string("week"));
  jset(b, bg, "model",
       json_string("lambda ~ Gamma(r, rate alpha); p ~ Beta(a, b); first "
                   "order on the acquisition date (time 0); repeat orders "
                   "at Poisson(lambda) times; after each repeat order the "
                   "customer drops out with probability p"));
  jset(b, bg, "exposure",
       json_string("T = (window end - acquisition date) / 7 weeks; orders "
                   "= 1 + X(T)"));
  jset(b, bg, "dates",
       json_string("repeat at time t: day acquisition + floor(7 t); company "
                   "orders on a weekend are dated the Friday before"));
  jset(b, root, "bgnbd", bg);

  json_t *gg = json_object();
  jset(b, gg, "p", json_real(P->p));
  jset(b, gg, "q", json_real(P->q));
  jset(b, gg, "gamma", json_real(P->gamma));
  jset(b, gg, "currency", json_string("EUR"));
  jset(b, gg, "mean_order_value", json_real(P->p * P->gamma / (P->q - 1)));
  jset(b, gg, "model",
       json_string("nu ~ Gamma(q, rate gamma); order value z ~ Gamma(p, "
                   "rate nu); z is the gross value (before discount) the "
                   "order's lines realise, quantities rounded "
                   "stochastically without bias"));
  jset(b, root, "gamma_gamma", gg);

  json_t *ln = json_object();
  jset(b, ln, "lines_per_order",
       json_string("1 + Poisson(base + slope * min(z / mean_order_value, "
                   "3)), at most 8, distinct products"));
  jset(b, ln, "base", json_real(P->lines_base));
  jset(b, ln, "slope", json_real(P->lines_slope));
  jset(b, root, "lines", ln);

  json_t *cnt = json_object();
  jset(b, cnt, "customers", jcount(g->n));
  jset(b, cnt, "b2b", jcount(g->n_b2b));
  jset(b, cnt, "b2c", jcount(g->n - g->n_b2b));
  jset(b, cnt, "orders", jcount(g->orders));
  jset(b, cnt, "credit_notes", jcount(g->credit_notes));
  jset(b, cnt, "invoices", jcount(g->orders + g->credit_notes));
  jset(b, cnt, "transaction_lines", jcount(g->lines + g->credit_lines));
  jset(b, cnt, "order_lines", jcount(g->lines));
  jset(b, cnt, "credit_lines", jcount(g->credit_lines));
  json_t *cr = json_object();
  uint64_t ncost = 0;
  for (int k = 0; k < DEMO_NCOSTS; k++) {
    jset(b, cr, demo_cost_names[k], jcount(g->cost_rows[k]));
    ncost += g->cost_rows[k];
  }
  jset(b, cnt, "cost_rows", jcount(ncost));
  jset(b, cnt, "cost_rows_by_type", cr);
  jset(b, cnt, "feedback", jcount(g->feedback));
  jset(b, cnt, "touchpoints", jcount(g->touchpoints));
  jset(b, cnt, "referrals", jcount(g->referrals));
  jset(b, root, "counts", cnt);

  json_t *ch = json_object();
  jset(b, ch, "churned", jcount(g->churned));
  jset(b, ch, "alive", jcount(g->n - g->churned));
  jset(b, ch, "share_churned", json_real((double)g->churned / (double)g->n));
  jset(b, ch, "definition",
       json_string("dropped out (BG/NBD death) before the window end; "
                   "per customer in truth_customers.csv"));
  jset(b, root, "churn", ch);

  json_t *re = json_object();
  jset(b, re, "mean_orders_per_customer",
       json_real((double)g->orders / (double)g->n));
  jset(b, re, "revenue", jeuro(g->revenue));
  jset(b, re, "cost_of_goods", jeuro(g->cogs));
  jset(b, re, "discounts", jeuro(g->discounts));
  jset(b, re, "shipping", jeuro(g->shipping));
  jset(b, re, "returns_handling", jeuro(g->returns_cost));
  jset(b, re, "service_hours", json_real((double)g->hours_x100 / 100));
  jset(b, re, "support_tickets", jcount(g->tickets));
  jset(b, root, "realised", re);

  json_t *un = json_object();
  json_t *ids = json_array();
  for (size_t k = 0; k < g->n_unprof; k++) {
    snprintf(tmp, sizeof tmp, "K%0*u", g->idw, g->unprof[k] + 1);
    jpush(b, ids, json_string(tmp));
  }
  jset(b, un, "ids", ids);
  jset(b, un, "count", jcount(g->n_unprof));
  jset(b, un, "selection",
       json_string("companies with at least 3 orders among the top share "
                   "by total order value, one per 500 customers (at least "
                   "3)"));
  jset(b, un, "top_share", json_real(P->unprof_top));
  jset(b, un, "discount_pct_min", json_integer(25));
  jset(b, un, "discount_pct_max", json_integer(35));
  jset(b, un, "return_prob", json_real(P->return_prob_unprof));
  jset(b, un, "service_hours_per_order",
       json_string("0.5 * (6 + Poisson(6)), on every order"));
  jset(b, un, "tickets_per_order", json_string("Poisson(2.5)"));
  jset(b, un, "shipping", json_string("every order, 15 euros express extra"));
  jset(b, root, "unprofitable", un);

  json_t *pa = json_object();
  static const char *const pn[] = {"fast", "slow", "problematic"};
  json_t *pc = json_object(), *pi = json_object();
  json_t *p2b = json_object(), *p2c = json_object();
  for (int k = 0; k < 3; k++) {
    jset(b, pc, pn[k], jcount(g->payers[k]));
    jset(b, pi, pn[k], jcount(g->payer_invoices[k]));
    jset(b, p2b, pn[k], json_real(P->payer_b2b[k]));
    jset(b, p2c, pn[k], json_real(P->payer_b2c[k]));
  }
  jset(b, pa, "customers", pc);
  jset(b, pa, "invoices", pi);
  jset(b, pa, "probabilities_b2b", p2b);
  jset(b, pa, "probabilities_b2c", p2c);
  jset(b, pa, "open_invoices", jcount(g->open_invoices));
  jset(b, pa, "never_paid_invoices", jcount(g->never_paid));
  jset(b, pa, "never_paid_share_problematic", json_real(P->never_paid));
  jset(b, pa, "terms",
       json_string("30 days; 60 days for a share of companies (2.5 times "
                   "more often from 50 employees)"));
  jset(b, pa, "terms60_b2b", json_real(P->terms60_b2b));
  jset(b, pa, "fast",
       json_string("90%: between invoice + 2 days and the due date; 10%: "
                   "1-5 days late"));
  jset(b, pa, "slow", json_string("10-40 days after the due date"));
  jset(b, pa, "problematic",
       json_string("60 + Exp(mean 30) days late, or never"));
  jset(b, pa, "credit_notes", json_string("settled on their date"));
  jset(b, root, "payers", pa);

  json_t *co = json_object();
  jset(b, co, "service_hour_rate", jeuro(P->hour_rate));
  jset(b, co, "support_ticket_rate", jeuro(P->ticket_rate));
  jset(b, co, "shipping_prob", json_real(P->ship_prob));
  jset(b, co, "shipping",
       json_string("6.95 + 0.85 per line + U(0, 3) euros"));
  jset(b, co, "returns", json_string("12.50 + 10% of the credit note"));
  jset(b, co, "return_prob", json_real(P->return_prob));
  jset(b, co, "note",
       json_string("costs.csv gives hours and tickets without an amount; "
                   "value them at these rates"));
  jset(b, root, "costs", co);

  json_t *cats = json_array();
  for (int k = 0; k < DEMO_NCAT; k++) {
    json_t *c = json_object();
    jset(b, c, "code", json_string(demo_categories[k].code));
    jset(b, c, "name", json_string(demo_categories[k].name));
    jset(b, c, "weight_b2b", json_real(demo_categories[k].w_b2b));
    jset(b, c, "weight_b2c", json_real(demo_categories[k].w_b2c));
    jpush(b, cats, c);
  }
  jset(b, root, "categories", cats);
  json_t *aff = json_object();
  json_t *mat = json_array();
  for (int k = 0; k < DEMO_NCAT; k++) {
    json_t *row = json_array();
    for (int m = 0; m < DEMO_NCAT; m++)
      jpush(b, row, json_real(demo_affinity[k][m]));
    jpush(b, mat, row);
  }
  jset(b, aff, "matrix", mat);
  jset(b, aff, "meaning",
       json_string("matrix[i][j] multiplies the weight of category j in "
                   "every later order once the customer bought from "
                   "category i (categories in the order above)"));
  jset(b, root, "category_affinity", aff);

  json_t *prods = json_array();
  for (int k = 0; k < DEMO_NPROD; k++) {
    const demo_product *pr = &demo_products[k];
    json_t *p = json_object();
    jset(b, p, "code", json_string(pr->code));
    jset(b, p, "name", json_string(pr->name));
    jset(b, p, "category", json_string(demo_categories[pr->cat].name));
    jset(b, p, "price", jeuro(pr->price));
    jset(b, p, "cost", jeuro(pr->cost));
    jset(b, p, "margin",
         json_real((double)(pr->price - pr->cost) / (double)pr->price));
    jpush(b, prods, p);
  }
  jset(b, root, "products", prods);

  json_t *acq = json_object();
  jset(b, acq, "b2b_share", json_real(P->b2b_share));
  jset(b, acq, "growth_per_year", json_real(P->growth));
  jset(b, acq, "seasonality",
       json_string("fewer in July, August and December; companies only on "
                   "weekdays"));
  json_t *chn = json_object();
  for (int k = 0; k < DEMO_NCHANNELS; k++)
    jset(b, chn, demo_channel_names[k], jcount(g->channels[k]));
  jset(b, acq, "channels", chn);
  jset(b, root, "acquisition", acq);

  jset(b, root, "satisfaction",
       json_string("s = 0.8 N(0,1) - 0.6 (p - E p) / sd p, minus 0.8 for "
                   "the unprofitable; per survey s + N(0, 0.5): NPS = "
                   "round(7.6 + 1.7 s), CSAT = round(3.9 + 0.8 s + "
                   "N(0, 0.4)), CES (1-7, 7 = very easy) = round(5.3 + s "
                   "- 0.6 after a ticket + N(0, 0.6)), clamped"));
  return root;
}

static int json_to_out(const char *buf, size_t size, void *data) {
  demo_put((demo_out *)data, buf, size);
  return 0;
}

static kw_status write_truth(demo_gen *g) {
  jb b = {false};
  json_t *root = truth_json(g, &b);
  if (!root || b.fail) {
    json_decref(root);
    return kw_fail_nomem(g->ctx);
  }
  demo_out o;
  kw_status st = demo_out_open(g->ctx, &o, g->dir, "truth.json");
  if (st) {
    json_decref(root);
    return st;
  }
  int rc = json_dump_callback(root, json_to_out, &o,
                              JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                  JSON_REAL_PRECISION(12));
  json_decref(root);
  demo_putc(&o, '\n');
  if (rc != 0) {
    demo_out_abort(&o);
    return kw_fail(g->ctx, KW_ENOMEM, "cannot format truth.json");
  }
  return demo_out_close(&o);
}

/* ------------------------------------------------------------ driver */

static kw_status write_side_files(demo_gen *g) {
  kw_context *ctx = g->ctx;
  demo_out co, to, fo;
  memset(&co, 0, sizeof co);
  memset(&to, 0, sizeof to);
  memset(&fo, 0, sizeof fo);
  kw_status st;
  if ((st = demo_out_open(ctx, &co, g->dir, "costs.csv")) ||
      (st = demo_out_open(ctx, &to, g->dir, "touchpoints.csv")) ||
      (st = demo_out_open(ctx, &fo, g->dir, "feedback.csv")))
    goto fail;
  demo_out *outs[3] = {&co, &to, &fo};
  for (int k = 0; k < 3; k++) {
    outs[k]->dates = g->dates;
    outs[k]->date_lo = g->date_lo;
    outs[k]->ndates = g->ndates;
  }
  demo_puts(&co, "klantnummer;datum;type;aantal;bedrag\n");
  demo_puts(&to, "klantnummer;datum;fase;kanaal\n");
  demo_puts(&fo,
            "klantnummer;datum;nps;csat;ces;opmerking;prijs;service;"
            "innovatie;concurrent;concurrent prijs;concurrent service;"
            "concurrent innovatie\n");
  if ((st = demo_sim_orders(g, &co, &to, &fo))) goto fail;
  st = demo_out_close(&co);
  kw_status s2 = demo_out_close(&to);
  kw_status s3 = demo_out_close(&fo);
  if (!st) st = s2;
  if (!st) st = s3;
  return st;
fail:
  demo_out_abort(&co);
  demo_out_abort(&to);
  demo_out_abort(&fo);
  return st;
}

static kw_status build_dates(demo_gen *g) {
  g->date_lo = g->start - 400;
  g->ndates = (size_t)(g->end - g->start + 1) + 800;
  g->dates = kw_malloc(g->ctx, g->ndates * 10);
  if (!g->dates) return kw_fail_nomem(g->ctx);
  for (size_t k = 0; k < g->ndates; k++)
    demo_format_dmy(g->dates + 10 * k, g->date_lo + (int32_t)k);
  return KW_OK;
}

static void gen_free(demo_gen *g) {
  kw_context *ctx = g->ctx;
  kw_free(ctx, g->cust);
  kw_buf_free(ctx, &g->order_day);
  kw_buf_free(ctx, &g->order_z);
  kw_buf_free(ctx, &g->inv);
  kw_buf_free(ctx, &g->line);
  kw_free(ctx, g->unprof);
  kw_free(ctx, g->dates);
}

kw_status kw_demo_generate(kw_context *ctx, const kw_demo_options *o) {
  if (!ctx) return KW_EARG;
  if (!o || !o->dir || !o->dir[0])
    return kw_fail(ctx, KW_EARG, "demo: no output folder");
  if (o->customers == 0 || o->customers > KW_DEMO_MAX_CUSTOMERS)
    return kw_fail(ctx, KW_EARG, "demo: customers must be 1..%u",
                   KW_DEMO_MAX_CUSTOMERS);
  demo_gen g;
  memset(&g, 0, sizeof g);
  g.ctx = ctx;
  g.dir = o->dir;
  g.n = o->customers;
  g.seed = o->seed ? o->seed : kw_context_seed(ctx);
  default_params(&g.par);
  kw_buf_init(&g.order_day, sizeof(int32_t));
  kw_buf_init(&g.order_z, sizeof(float));
  kw_buf_init(&g.inv, sizeof(demo_inv));
  kw_buf_init(&g.line, sizeof(demo_line));
  g.idw = 6;
  for (size_t v = g.n; v >= 1000000; v /= 10) g.idw++;
  kw_status st = resolve_window(ctx, o, &g.start, &g.end);
  if (st) return st;
  if ((st = make_dir(ctx, o->dir))) return st;
  g.cust = kw_calloc(ctx, g.n, sizeof *g.cust);
  if (!g.cust) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = build_dates(&g)) || (st = demo_sim_customers(&g)) ||
      (st = demo_sim_purchases(&g)) || (st = demo_sim_select(&g)) ||
      (st = write_side_files(&g)))
    goto done;
  /* The orders live on as invoices and lines. */
  kw_buf_free(ctx, &g.order_day);
  kw_buf_free(ctx, &g.order_z);
  if ((st = demo_write_sales(&g)) || (st = demo_write_customers(&g)) ||
      (st = demo_write_referrals(&g)) ||
      (st = demo_write_truth_customers(&g)) || (st = write_truth(&g)))
    goto done;
done:
  gen_free(&g);
  return st;
}
