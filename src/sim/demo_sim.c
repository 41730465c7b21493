/*
 * demo_sim.c — the simulation behind the demo data set.
 *
 * Stages (each with its own random stream, so that a change in one, say
 * the feedback, leaves the purchases of the same seed as they were):
 *
 * 1. Customers. Each is a company (share b2b_share) or a consumer. The
 *    acquisition day is drawn from a daily intensity over the window that
 *    grows by `growth` a year, dips in July, August and December and is
 *    zero at weekends for companies (lower for consumers); customers are
 *    numbered in order of acquisition (K000001 is the oldest). Channel,
 *    sector, size or age band, town, payer class, payment terms, standing
 *    discount and acquisition cost are drawn per customer from the tables.
 *
 * 2. Purchases: the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your
 *    customers the easy way", Marketing Science 24(2)). Per customer
 *        lambda ~ Gamma(shape r, rate alpha)   purchases per week
 *        p      ~ Beta(a, b)                   dropout probability.
 *    The first order is on the acquisition day (time 0). While alive, the
 *    customer buys at the times of a Poisson process with rate lambda;
 *    after each repeat purchase it drops out for good with probability p.
 *    Observation ends on the last day of the window, so a customer
 *    acquired on day d has T = (end - d) / 7 weeks and makes 1 + X(T)
 *    orders, X(T) the BG/NBD repeat count; E[X(T)] is FHL's eq. (7).
 *    A repeat purchase at time t falls on day d + floor(7 t); a company's
 *    order falling on a weekend is dated the Friday before (not before d,
 *    which is a weekday). Deaths are the churners: a customer is alive at
 *    the end with probability exp(-lambda p T) given lambda and p.
 *    Order values follow the Gamma-Gamma model (Fader, Hardie & Lee 2005,
 *    "RFM and CLV", JMR 42; Colombo & Jiang 1999):
 *        nu ~ Gamma(shape q, rate gamma), z ~ Gamma(shape p, rate nu),
 *    z in euros, so E[z | nu] = p / nu and E[z] = p gamma / (q - 1). z is
 *    the gross order value aimed at; the lines below realise it.
 *    Latent satisfaction s = 0.8 N(0,1) - 0.6 (p - E p) / sd p: customers
 *    about to drop out tend to be less satisfied; it drives the feedback.
 *
 * 3. Selection. A few companies among the top `unprof_top` share of
 *    companies by total order value become large-but-unprofitable: a
 *    25-35% standing discount, a credit note on a third of their orders,
 *    several service hours on every order and many support tickets.
 *    Referrals: a customer acquired through 'doorverwijzing' is given a
 *    referrer among the customers acquired on an earlier day who are still
 *    alive, preferring satisfied ones (acceptance 1 / (1 + exp(-2 s))).
 *    When there is none, the channel becomes 'website'.
 *
 * 4. Orders, in time order per customer. The number of lines is
 *    1 + Poisson(lines_base + lines_slope min(z / E z, 3)) (at most 8);
 *    z is split over them by Dirichlet(2, ..., 2) shares. A line's
 *    product is drawn with weight
 *        base(category, segment) * prod_c affinity[c][category]
 *          * popularity * fit(share / price, usual max quantity),
 *    the product running over the categories c the customer bought in
 *    earlier orders (cross-sell), fit = x^2 below one unit and
 *    (maxq / x)^2 above the usual maximum, else 1 (x = share / price).
 *    The quantity is x rounded stochastically, floor(x) + Bernoulli(x -
 *    floor(x)), so that E[quantity * price] = share; a line rounded to
 *    zero is left out, except that an order keeps at least one line (the
 *    only upward bias). Quantities are capped at 3 maxq. The
 *    standing discount applies to every line. A credit note (return_prob,
 *    more for the unprofitable) returns part of one line 3-28 days later.
 *    Payments: fast payers pay between 2 days after the invoice and the
 *    due date (10% of their invoices 1-5 days late), slow payers 10-40
 *    days late, problematic payers 60 + Exp(30) days late, and never for
 *    `never_paid` of their invoices; a payment after the window's end is
 *    still open. Credit notes are settled on their date.
 *    Costs: shipping on ship_prob of the orders, handling on every credit
 *    note, service hours for installing computers or printers at
 *    companies, support tickets after computer, printer or software
 *    orders. Touchpoints follow the journey (first contact, quote, demo,
 *    first order, onboarding, support per ticket, after-sales). Surveys
 *    follow some orders and tickets; scores come from s plus noise,
 *    comments from the table matching the NPS group.
 */
#include "sim/sim.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

const char *const demo_cost_names[DEMO_NCOSTS] = {
    "service_hours", "support_ticket", "shipping", "returns"};

/* splitmix64 (Steele, Lea & Flood 2014): spreads the seed over the streams. */
static uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

kw_status demo_rng_init(demo_gen *g, gsl_rng *r, unsigned stream) {
  r->type = gsl_rng_mt19937;
  r->state = kw_malloc(g->ctx, r->type->size);
  if (!r->state) return kw_fail_nomem(g->ctx);
  uint64_t s = mix64(g->seed ^ mix64(0x6b6c616e7477ull + stream));
  gsl_rng_set(r, (unsigned long)(s >> 32));
  return KW_OK;
}

void demo_rng_free(demo_gen *g, gsl_rng *r) {
  kw_free(g->ctx, r->state);
  r->state = NULL;
}

static int clampi(int v, int lo, int hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* ------------------------------------------------------- 1. customers */

/* Relative acquisition intensity by month (index 1..12). */
static const double month_factor[13] = {0,   1.0,  1.0, 1.1, 1.0, 1.0, 0.95,
                                        0.6, 0.65, 1.15, 1.1, 1.05, 0.75};

static double acq_weight(const demo_gen *g, int32_t day, bool b2b) {
  int y, m, d;
  kw_date_to_ymd(day, &y, &m, &d);
  int wd = demo_weekday(day);
  double w = (1.0 + g->par.growth * (day - g->start) / 365.25) *
             month_factor[m];
  if (wd >= 5) w *= b2b ? 0.0 : (wd == 5 ? 0.8 : 0.5);
  return w;
}

static uint32_t draw_day(const double *cdf, size_t ndays, gsl_rng *r) {
  double u = gsl_rng_uniform(r) * cdf[ndays - 1];
  size_t lo = 0, hi = ndays - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cdf[mid] > u)
      hi = mid;
    else
      lo = mid + 1;
  }
  return (uint32_t)lo;
}

kw_status demo_sim_customers(demo_gen *g) {
  kw_context *ctx = g->ctx;
  size_t ndays = (size_t)(g->end - g->start + 1);
  gsl_rng rng = {0};
  double *cdf = kw_calloc(ctx, 2 * ndays, sizeof *cdf);
  uint32_t *day = kw_calloc(ctx, g->n, sizeof *day);
  uint8_t *seg = kw_calloc(ctx, g->n, 1);
  uint32_t *count = kw_calloc(ctx, ndays + 1, sizeof *count);
  kw_status st = KW_OK;
  if (!cdf || !day || !seg || !count) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = demo_rng_init(g, &rng, 1))) goto done;
  gsl_rng *r = &rng;

  /* cdf[0..ndays): consumers, cdf[ndays..2 ndays): companies; a window
   * without weekdays (impossible: at least 28 days) would have no mass. */
  for (int b = 0; b < 2; b++) {
    double s = 0;
    for (size_t k = 0; k < ndays; k++) {
      s += acq_weight(g, g->start + (int32_t)k, b);
      cdf[b * ndays + k] = s;
    }
  }
  for (size_t i = 0; i < g->n; i++) {
    seg[i] = gsl_rng_uniform(r) < g->par.b2b_share;
    day[i] = draw_day(cdf + seg[i] * ndays, ndays, r);
    count[day[i] + 1]++;
  }
  /* Counting sort by day (stable): customer numbers follow acquisition. */
  for (size_t k = 0; k < ndays; k++) count[k + 1] += count[k];
  for (size_t i = 0; i < g->n; i++) {
    demo_cust *c = &g->cust[count[day[i]]++];
    c->acq = g->start + (int32_t)day[i];
    c->b2b = seg[i];
  }

  demo_cdf ch[2], sectors, sizes, ages, cities;
  demo_cdf_reset(&ch[0]);
  demo_cdf_reset(&ch[1]);
  for (int k = 0; k < DEMO_NCHANNELS; k++) {
    demo_cdf_add(&ch[0], demo_channel_w_b2c[k]);
    demo_cdf_add(&ch[1], demo_channel_w_b2b[k]);
  }
  demo_cdf_init_wstr(&sectors, demo_sectors, demo_nsectors);
  demo_cdf_init_wstr(&sizes, demo_sizes, demo_nsizes);
  demo_cdf_init_wstr(&ages, demo_ages, demo_nages);
  demo_cdf_reset(&cities);
  for (size_t k = 0; k < demo_ncities; k++)
    demo_cdf_add(&cities, demo_cities[k].w);

  static const uint8_t disc_b2b[] = {0, 3, 5, 10, 15};
  static const double disc_b2b_w[] = {0.45, 0.65, 0.85, 0.97, 1.0};
  for (size_t i = 0; i < g->n; i++) {
    demo_cust *c = &g->cust[i];
    c->death = KW_NA_DATE;
    c->referrer = DEMO_NONE;
    c->channel = (uint8_t)demo_cdf_draw(&ch[c->b2b], r);
    c->city = (uint8_t)demo_cdf_draw(&cities, r);
    const double *pc = c->b2b ? g->par.payer_b2b : g->par.payer_b2c;
    double u = gsl_rng_uniform(r);
    c->payer = u < pc[0] ? DEMO_FAST : u < pc[0] + pc[1] ? DEMO_SLOW
                                                         : DEMO_PROBLEM;
    c->terms = 30;
    if (c->b2b) {
      g->n_b2b++;
      c->sector = (uint8_t)demo_cdf_draw(&sectors, r);
      c->size = (uint8_t)demo_cdf_draw(&sizes, r);
      double t60 = g->par.terms60_b2b * (c->size >= 2 ? 2.5 : 1.0);
      if (gsl_rng_uniform(r) < t60) c->terms = 60;
      u = gsl_rng_uniform(r);
      size_t k = 0;
      while (u >= disc_b2b_w[k]) k++;
      c->disc = disc_b2b[k];
      if (gsl_rng_uniform(r) < 0.70) c->flags |= DEMO_F_CONSENT;
    } else {
      c->sector = UINT8_MAX;
      c->size = (uint8_t)demo_cdf_draw(&ages, r);
      c->disc = gsl_rng_uniform(r) < 0.1 ? 5 : 0;
      if (gsl_rng_uniform(r) < 0.55) c->flags |= DEMO_F_CONSENT;
    }
    int64_t lo = demo_cac_lo[c->channel], hi = demo_cac_hi[c->channel];
    c->cac = (int32_t)(lo + (int64_t)demo_uint(r, (uint32_t)(hi - lo + 1)));
  }
done:
  demo_rng_free(g, &rng);
  kw_free(ctx, cdf);
  kw_free(ctx, day);
  kw_free(ctx, seg);
  kw_free(ctx, count);
  return st;
}

/* ------------------------------------------------------- 2. purchases */

kw_status demo_sim_purchases(demo_gen *g) {
  kw_context *ctx = g->ctx;
  gsl_rng rng;
  kw_status st = demo_rng_init(g, &rng, 2);
  if (st) return st;
  gsl_rng *r = &rng;
  const demo_params *P = &g->par;
  /* E[p] and sd(p) of Beta(a, b) to standardise p in the satisfaction. */
  double ab = P->a + P->b;
  double mp = P->a / ab;
  double sdp = sqrt(P->a * P->b / (ab * ab * (ab + 1)));
  /* Room for the expected orders; kw_buf grows if there are more. */
  size_t guess = g->n * 6 + 64;
  if ((st = kw_buf_reserve(ctx, &g->order_day, guess)) ||
      (st = kw_buf_reserve(ctx, &g->order_z, guess)))
    goto done;

  for (size_t i = 0; i < g->n; i++) {
    demo_cust *c = &g->cust[i];
    double lambda = gsl_ran_gamma(r, P->r, 1.0 / P->alpha);
    double p = gsl_ran_beta(r, P->a, P->b);
    double nu = gsl_ran_gamma(r, P->q, 1.0 / P->gamma);
    if (lambda < 1e-300) lambda = 1e-300;
    if (nu < 1e-300) nu = 1e-300;
    c->lambda = (float)lambda;
    c->p = (float)p;
    c->nu = (float)nu;
    c->sat = (float)(0.8 * gsl_ran_gaussian_ziggurat(r, 1.0) -
                     0.6 * (p - mp) / sdp);
    c->order0 = (uint32_t)g->order_day.len;
    double T = (g->end - c->acq) / 7.0;
    double t = 0;
    int32_t day = c->acq;
    bool repeat = false;
    for (;;) {
      float z = (float)gsl_ran_gamma(r, P->p, 1.0 / nu);
      if ((st = kw_buf_push(ctx, &g->order_day, &day)) ||
          (st = kw_buf_push(ctx, &g->order_z, &z)))
        goto done;
      c->norders++;
      if (repeat && gsl_rng_uniform(r) < p) { /* dropout after a repeat */
        c->death = day;
        g->churned++;
        break;
      }
      t += gsl_ran_exponential(r, 1.0 / lambda);
      if (t > T) break;
      repeat = true;
      day = c->acq + (int32_t)floor(t * 7.0);
      if (day > g->end) day = g->end; /* t <= T: only by rounding */
      if (c->b2b) {
        int wd = demo_weekday(day);
        if (wd >= 5) day -= wd - 4;
      }
    }
    g->orders += c->norders;
    if (g->order_day.len > UINT32_MAX / 2) {
      st = kw_fail(ctx, KW_ERANGE, "too many orders");
      goto done;
    }
  }
done:
  demo_rng_free(g, &rng);
  return st;
}

/* ------------------------------------------------------- 3. selection */

static int cmp_desc(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* The companies that become large-but-unprofitable. */
static kw_status select_unprofitable(demo_gen *g, gsl_rng *r) {
  kw_context *ctx = g->ctx;
  const float *z = g->order_z.data;
  size_t nb = 0;
  double *tot = kw_malloc(ctx, (g->n_b2b + 1) * sizeof *tot);
  uint32_t *cand = kw_malloc(ctx, (g->n_b2b + 1) * sizeof *cand);
  kw_status st = KW_OK;
  if (!tot || !cand) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < g->n; i++) {
    const demo_cust *c = &g->cust[i];
    if (!c->b2b) continue;
    double s = 0;
    for (uint32_t k = 0; k < c->norders; k++) s += z[c->order0 + k];
    tot[nb++] = s;
  }
  if (nb == 0) goto done;
  /* The threshold of the top share; candidates at or above it. */
  double *sorted = kw_malloc(ctx, nb * sizeof *sorted);
  if (!sorted) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  memcpy(sorted, tot, nb * sizeof *sorted);
  qsort(sorted, nb, sizeof *sorted, cmp_desc);
  size_t top = (size_t)(g->par.unprof_top * (double)nb);
  double thr = sorted[top < nb ? top : nb - 1];
  kw_free(ctx, sorted);
  size_t nc = 0, j = 0;
  for (size_t i = 0; i < g->n; i++) {
    const demo_cust *c = &g->cust[i];
    if (!c->b2b) continue;
    if (tot[j++] >= thr && c->norders >= 3) cand[nc++] = (uint32_t)i;
  }
  /* "A few": one in 500 customers, at least 3 when possible. */
  size_t k = g->n / 500;
  if (k < 3) k = 3;
  if (k > nc) k = nc;
  if (k == 0) goto done;
  g->unprof = kw_malloc(ctx, k * sizeof *g->unprof);
  if (!g->unprof) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  gsl_ran_choose(r, g->unprof, k, cand, nc, sizeof *cand);
  g->n_unprof = k;
  for (size_t m = 0; m < k; m++) {
    demo_cust *c = &g->cust[g->unprof[m]];
    c->flags |= DEMO_F_UNPROF;
    c->disc = (uint8_t)(25 + demo_uint(r, 11));
    c->sat -= 0.8f;
  }
done:
  kw_free(ctx, tot);
  kw_free(ctx, cand);
  return st;
}

static void assign_referrers(demo_gen *g, gsl_rng *r) {
  size_t first_today = 0; /* first customer acquired on the current day */
  for (size_t i = 0; i < g->n; i++) {
    demo_cust *c = &g->cust[i];
    if (i > 0 && c->acq != g->cust[i - 1].acq) first_today = i;
    if (c->channel != DEMO_CH_REFERRAL) continue;
    uint32_t pick = DEMO_NONE;
    for (int tries = 0; tries < 30 && first_today > 0; tries++) {
      uint32_t j = demo_uint(r, (uint32_t)first_today);
      const demo_cust *o = &g->cust[j];
      if (o->death != KW_NA_DATE && o->death < c->acq) continue;
      pick = j;
      if (gsl_rng_uniform(r) < 1.0 / (1.0 + exp(-2.0 * o->sat))) break;
    }
    if (pick == DEMO_NONE) {
      c->channel = DEMO_CH_WEBSITE;
      int64_t lo = demo_cac_lo[c->channel], hi = demo_cac_hi[c->channel];
      c->cac = (int32_t)(lo + (int64_t)demo_uint(r, (uint32_t)(hi - lo + 1)));
    } else {
      c->referrer = pick;
      g->referrals++;
    }
  }
  for (size_t i = 0; i < g->n; i++) g->channels[g->cust[i].channel]++;
}

kw_status demo_sim_select(demo_gen *g) {
  gsl_rng r1, r2;
  kw_status st = demo_rng_init(g, &r1, 3);
  if (st) return st;
  if ((st = demo_rng_init(g, &r2, 4))) {
    demo_rng_free(g, &r1);
    return st;
  }
  st = select_unprofitable(g, &r1);
  if (!st) assign_referrers(g, &r2);
  demo_rng_free(g, &r1);
  demo_rng_free(g, &r2);
  return st;
}

/* ---------------------------------------------------------- 4. orders */

enum { CAT_PAP, CAT_SCH, CAT_INK, CAT_PRN, CAT_COM, CAT_RAN, CAT_SOF,
       CAT_MEU };
#define MAX_LINES 8

/* One order: its lines, appended to g->line; returns the invoice. */
static kw_status make_order(demo_gen *g, gsl_rng *r, uint32_t ci,
                            int32_t day, double z, uint8_t bought,
                            demo_inv *out) {
  const demo_cust *c = &g->cust[ci];
  const demo_params *P = &g->par;
  double mean_z = P->p * P->gamma / (P->q - 1);
  double catw[DEMO_NCAT];
  for (int d = 0; d < DEMO_NCAT; d++) {
    catw[d] = c->b2b ? demo_categories[d].w_b2b : demo_categories[d].w_b2c;
    for (int k = 0; k < DEMO_NCAT; k++)
      if (bought & (1u << k)) catw[d] *= demo_affinity[k][d];
  }
  double x = z / mean_z;
  unsigned k = 1 + gsl_ran_poisson(r, P->lines_base +
                                          P->lines_slope * (x < 3 ? x : 3));
  if (k > MAX_LINES) k = MAX_LINES;
  double share[MAX_LINES], sum = 0;
  for (unsigned j = 0; j < k; j++) sum += share[j] = gsl_ran_gamma(r, 2, 1);

  memset(out, 0, sizeof *out);
  out->cust = ci;
  out->day = day;
  out->line0 = (uint32_t)g->line.len;
  uint32_t used = 0; /* bit per product: no product twice on an order */
  for (unsigned j = 0; j < k; j++) {
    double s = z * 100.0 * share[j] / sum; /* cents */
    double w[DEMO_NPROD], tot = 0;
    for (int p = 0; p < DEMO_NPROD; p++) {
      const demo_product *pr = &demo_products[p];
      double wp = 0;
      if (!(used & (1u << p))) {
        double q = s / (double)pr->price;
        double fit = q < 1 ? q * q : q > pr->maxq ? (pr->maxq / q) *
                                                        (pr->maxq / q)
                                                  : 1.0;
        wp = catw[pr->cat] * pr->pop * fit;
      }
      tot += wp;
      w[p] = tot;
    }
    if (!(tot > 0)) break;
    double u = gsl_rng_uniform(r) * tot;
    int p = 0;
    while (p < DEMO_NPROD - 1 && w[p] <= u) p++;
    const demo_product *pr = &demo_products[p];
    double q = s / (double)pr->price;
    double fl = floor(q);
    int32_t qty = (int32_t)fl + (gsl_rng_uniform(r) < q - fl);
    if (qty == 0) {
      if (j + 1 < k || out->nlines > 0) continue; /* rounded away */
      qty = 1; /* an order has at least one line */
    }
    if (qty > 3 * pr->maxq) qty = 3 * pr->maxq;
    used |= 1u << p;
    int64_t gross = qty * pr->price;
    demo_line ln = {qty, (uint32_t)p, (gross * c->disc + 50) / 100};
    kw_status st = kw_buf_push(g->ctx, &g->line, &ln);
    if (st) return st;
    out->nlines++;
    out->cats |= (uint8_t)(1u << pr->cat);
    out->amount += gross - ln.discount;
    g->revenue += gross - ln.discount;
    g->cogs += qty * pr->cost;
    g->discounts += ln.discount;
  }
  g->lines += out->nlines;
  return KW_OK;
}

/* A credit note returning part of one or two lines of order o. */
static kw_status make_credit(demo_gen *g, gsl_rng *r, const demo_inv *o,
                             int32_t day, demo_inv *out) {
  const demo_cust *c = &g->cust[o->cust];
  memset(out, 0, sizeof *out);
  out->cust = o->cust;
  out->day = day;
  out->credit = 1;
  out->line0 = (uint32_t)g->line.len;
  unsigned nret = 1;
  if ((c->flags & DEMO_F_UNPROF) && o->nlines > 1 &&
      gsl_rng_uniform(r) < 0.5)
    nret = 2;
  unsigned first = demo_uint(r, o->nlines);
  for (unsigned j = 0; j < nret; j++) {
    /* copy: the push below may move the lines */
    demo_line src =
        ((const demo_line *)g->line.data)[o->line0 + (first + j) % o->nlines];
    const demo_product *pr = &demo_products[src.prod];
    int32_t q = 1 + (int32_t)demo_uint(r, (uint32_t)src.qty);
    int64_t disc = (src.discount * q * 2 + src.qty) / (2 * src.qty);
    demo_line ln = {-q, src.prod, -disc};
    kw_status st = kw_buf_push(g->ctx, &g->line, &ln);
    if (st) return st;
    int64_t net = q * pr->price - disc;
    out->nlines++;
    out->cats |= (uint8_t)(1u << pr->cat);
    out->amount -= net;
    g->revenue -= net;
    g->cogs -= q * pr->cost;
    g->discounts -= disc;
  }
  g->credit_lines += out->nlines;
  g->credit_notes++;
  return KW_OK;
}

static void pay(demo_gen *g, gsl_rng *r, const demo_cust *c, demo_inv *v) {
  if (v->credit) {
    v->due = v->paid = v->day;
    return;
  }
  v->due = v->day + c->terms;
  g->payer_invoices[c->payer]++;
  switch (c->payer) {
    case DEMO_FAST:
      if (gsl_rng_uniform(r) < 0.9)
        v->paid = v->day + 2 + (int32_t)demo_uint(r, c->terms - 1u);
      else
        v->paid = v->due + 1 + (int32_t)demo_uint(r, 5);
      break;
    case DEMO_SLOW:
      v->paid = v->due + 10 + (int32_t)demo_uint(r, 31);
      break;
    default:
      if (gsl_rng_uniform(r) < g->par.never_paid) {
        v->paid = KW_NA_DATE;
        g->never_paid++;
      } else {
        v->paid = v->due + 60 + (int32_t)gsl_ran_exponential(r, 30.0);
      }
      break;
  }
  if (v->paid != KW_NA_DATE && v->paid > g->end) v->paid = KW_NA_DATE;
  if (v->paid == KW_NA_DATE) g->open_invoices++;
}

/* Per-customer rows collected, sorted by day, then written. */
typedef struct cost_row {
  int32_t day;
  uint8_t type;
  int64_t qty_x100; /* hours or tickets, hundredths */
  int64_t amount;   /* cents, or -1 for none */
} cost_row;

enum { TP_FIRST, TP_QUOTE, TP_DEMO, TP_ORDER, TP_ONBOARD, TP_SUPPORT,
       TP_AFTER };
static const char *const stage_names[] = {
    "eerste contact", "offerte", "demo", "eerste bestelling", "onboarding",
    "support", "after-sales"};
enum { TC_EMAIL, TC_PHONE, TC_WEB, TC_VISIT, TC_FAIR };
static const char *const touch_channels[] = {"e-mail", "telefoon", "website",
                                             "bezoek", "beurs"};

typedef struct touch_row {
  int32_t day;
  uint8_t stage, channel;
} touch_row;

typedef struct fb_row {
  int32_t day;
  int8_t nps, csat, ces, comment; /* comment -1: none */
  int8_t us[3], them[3];
} fb_row;

typedef struct scratch {
  kw_buf cost, touch, fb;
  uint32_t comments[3][32]; /* indices of demo_comments by NPS group */
  size_t ncomments[3];
} scratch;

static kw_status add_cost(demo_gen *g, scratch *s, int32_t day, int type,
                          int64_t qty_x100, int64_t amount) {
  cost_row row = {day, (uint8_t)type, qty_x100, amount};
  g->cost_rows[type]++;
  return kw_buf_push(g->ctx, &s->cost, &row);
}

static kw_status add_touch(demo_gen *g, scratch *s, int32_t day, int stage,
                           int channel) {
  touch_row row = {day, (uint8_t)stage, (uint8_t)channel};
  g->touchpoints++;
  return kw_buf_push(g->ctx, &s->touch, &row);
}

static int8_t score(double v, int lo, int hi) {
  return (int8_t)clampi((int)lround(v), lo, hi);
}

static kw_status add_survey(demo_gen *g, scratch *s, gsl_rng *r,
                            const demo_cust *c, int32_t day,
                            bool after_ticket) {
  double sat = c->sat + gsl_ran_gaussian_ziggurat(r, 0.5);
  fb_row f;
  f.day = day;
  f.nps = score(7.6 + 1.7 * sat, 0, 10);
  f.csat = score(3.9 + 0.8 * sat + gsl_ran_gaussian_ziggurat(r, 0.4), 1, 5);
  f.ces = score(5.3 + 1.0 * sat - (after_ticket ? 0.6 : 0.0) +
                    gsl_ran_gaussian_ziggurat(r, 0.6),
                1, 7);
  int grp = f.nps <= 6 ? 0 : f.nps <= 8 ? 1 : 2;
  f.comment = -1;
  if (gsl_rng_uniform(r) < 0.55 && s->ncomments[grp] > 0)
    f.comment = (int8_t)s->comments[grp][demo_uint(
        r, (uint32_t)s->ncomments[grp])];
  f.us[0] = score(3.3 + 0.5 * sat + gsl_ran_gaussian_ziggurat(r, 0.7), 1, 5);
  f.us[1] = score(3.6 + 0.8 * sat + gsl_ran_gaussian_ziggurat(r, 0.6), 1, 5);
  f.us[2] = score(3.4 + 0.3 * sat + gsl_ran_gaussian_ziggurat(r, 0.8), 1, 5);
  f.them[0] = score(3.6 + gsl_ran_gaussian_ziggurat(r, 0.8), 1, 5);
  f.them[1] = score(3.2 + gsl_ran_gaussian_ziggurat(r, 0.8), 1, 5);
  f.them[2] = score(3.0 + gsl_ran_gaussian_ziggurat(r, 0.8), 1, 5);
  g->feedback++;
  return kw_buf_push(g->ctx, &s->fb, &f);
}

/* Stable insertion sort by day (rows per customer are few). */
#define SORT_BY_DAY(type, base, n)                          \
  do {                                                      \
    type *a_ = (base);                                      \
    for (size_t i_ = 1; i_ < (n); i_++) {                   \
      type t_ = a_[i_];                                     \
      size_t j_ = i_;                                       \
      while (j_ > 0 && a_[j_ - 1].day > t_.day) {           \
        a_[j_] = a_[j_ - 1];                                \
        j_--;                                               \
      }                                                     \
      a_[j_] = t_;                                          \
    }                                                       \
  } while (0)

static void write_rows(demo_gen *g, uint32_t ci, scratch *s, demo_out *co,
                       demo_out *to, demo_out *fo, uint32_t competitor) {
  cost_row *cr = s->cost.data;
  SORT_BY_DAY(cost_row, cr, s->cost.len);
  for (size_t k = 0; k < s->cost.len; k++) {
    demo_put_customer_id(co, g, ci);
    demo_putc(co, ';');
    demo_put_date(co, cr[k].day);
    demo_putc(co, ';');
    demo_puts(co, demo_cost_names[cr[k].type]);
    demo_putc(co, ';');
    if (cr[k].qty_x100 >= 0) demo_put_hundredths(co, cr[k].qty_x100);
    demo_putc(co, ';');
    if (cr[k].amount >= 0) demo_put_money(co, cr[k].amount);
    demo_putc(co, '\n');
  }
  touch_row *tr = s->touch.data;
  SORT_BY_DAY(touch_row, tr, s->touch.len);
  for (size_t k = 0; k < s->touch.len; k++) {
    demo_put_customer_id(to, g, ci);
    demo_putc(to, ';');
    demo_put_date(to, tr[k].day);
    demo_putc(to, ';');
    demo_puts(to, stage_names[tr[k].stage]);
    demo_putc(to, ';');
    demo_puts(to, touch_channels[tr[k].channel]);
    demo_putc(to, '\n');
  }
  fb_row *fr = s->fb.data;
  SORT_BY_DAY(fb_row, fr, s->fb.len);
  for (size_t k = 0; k < s->fb.len; k++) {
    demo_put_customer_id(fo, g, ci);
    demo_putc(fo, ';');
    demo_put_date(fo, fr[k].day);
    demo_putc(fo, ';');
    demo_put_u64(fo, (uint64_t)fr[k].nps);
    demo_putc(fo, ';');
    demo_put_u64(fo, (uint64_t)fr[k].csat);
    demo_putc(fo, ';');
    demo_put_u64(fo, (uint64_t)fr[k].ces);
    demo_putc(fo, ';');
    if (fr[k].comment >= 0)
      demo_put_field(fo, demo_comments[fr[k].comment].s);
    for (int m = 0; m < 3; m++) {
      demo_putc(fo, ';');
      demo_put_u64(fo, (uint64_t)fr[k].us[m]);
    }
    demo_putc(fo, ';');
    demo_puts(fo, demo_competitors[competitor]);
    for (int m = 0; m < 3; m++) {
      demo_putc(fo, ';');
      demo_put_u64(fo, (uint64_t)fr[k].them[m]);
    }
    demo_putc(fo, '\n');
  }
}

/* Touchpoints of the way in: first contact up to the first orders. */
static kw_status journey_start(demo_gen *g, scratch *s, gsl_rng *r,
                               const demo_cust *c) {
  kw_status st;
  int32_t first = c->acq - (int32_t)(c->b2b ? 7 + demo_uint(r, 54)
                                            : demo_uint(r, 15));
  static const uint8_t by_channel[DEMO_NCHANNELS] = {
      TC_WEB, TC_WEB, TC_FAIR, TC_PHONE, TC_VISIT, TC_WEB};
  int ch = by_channel[c->channel];
  if (c->channel == DEMO_CH_REFERRAL && gsl_rng_uniform(r) < 0.4)
    ch = TC_EMAIL;
  if ((st = add_touch(g, s, first, TP_FIRST, ch))) return st;
  uint32_t span = (uint32_t)(c->acq - first + 1);
  if (c->b2b && gsl_rng_uniform(r) < 0.8 &&
      (st = add_touch(g, s, first + (int32_t)demo_uint(r, span), TP_QUOTE,
                      TC_EMAIL)))
    return st;
  if (c->b2b && gsl_rng_uniform(r) < 0.3 &&
      (st = add_touch(g, s, first + (int32_t)demo_uint(r, span), TP_DEMO,
                      TC_VISIT)))
    return st;
  double u = gsl_rng_uniform(r);
  ch = !c->b2b || u < 0.5 ? TC_WEB : u < 0.8 ? TC_EMAIL : TC_PHONE;
  if ((st = add_touch(g, s, c->acq, TP_ORDER, ch))) return st;
  if (c->b2b && gsl_rng_uniform(r) < 0.6) {
    int32_t d = c->acq + 1 + (int32_t)demo_uint(r, 14);
    if (d <= g->end &&
        (st = add_touch(g, s, d, TP_ONBOARD,
                        gsl_rng_uniform(r) < 0.6 ? TC_PHONE : TC_VISIT)))
      return st;
  }
  return KW_OK;
}

/* Costs, touchpoints and surveys that follow one order or credit note. */
static kw_status after_invoice(demo_gen *g, scratch *s, gsl_rng *r,
                               const demo_cust *c, const demo_inv *v) {
  kw_status st;
  bool unprof = c->flags & DEMO_F_UNPROF;
  if (v->credit) {
    int64_t handling = 1250 + (-v->amount) / 10;
    g->returns_cost += handling;
    return add_cost(g, s, v->day, DEMO_COST_RETURNS, -1, handling);
  }
  if (unprof || gsl_rng_uniform(r) < g->par.ship_prob) {
    int64_t ship = 695 + 85 * (int64_t)v->nlines + demo_uint(r, 300) +
                   (unprof ? 1500 : 0);
    g->shipping += ship;
    if ((st = add_cost(g, s, v->day, DEMO_COST_SHIPPING, -1, ship))) return st;
  }
  bool install = v->cats & ((1u << CAT_COM) | (1u << CAT_PRN));
  bool tech = install || (v->cats & (1u << CAT_SOF));
  int64_t hours = 0;
  if (unprof)
    hours = 50 * (6 + (int64_t)gsl_ran_poisson(r, 6.0));
  else if (c->b2b && install && gsl_rng_uniform(r) < 0.7)
    hours = 50 * (1 + (int64_t)gsl_ran_poisson(r, 1.0));
  if (hours > 0) {
    int32_t d = v->day + 1 + (int32_t)demo_uint(r, 10);
    if (d > g->end) d = g->end;
    g->hours_x100 += (uint64_t)hours;
    if ((st = add_cost(g, s, d, DEMO_COST_HOURS, hours, -1))) return st;
  }
  unsigned tickets = unprof  ? gsl_ran_poisson(r, 2.5)
                     : tech ? gsl_ran_poisson(r, 0.25)
                            : 0;
  for (unsigned k = 0; k < tickets; k++) {
    int32_t d = v->day + 1 + (int32_t)demo_uint(r, 60);
    if (d > g->end) continue;
    g->tickets++;
    if ((st = add_cost(g, s, d, DEMO_COST_TICKET, 100, -1)) ||
        (st = add_touch(g, s, d, TP_SUPPORT,
                        gsl_rng_uniform(r) < 0.6 ? TC_PHONE : TC_EMAIL)))
      return st;
    if (gsl_rng_uniform(r) < 0.15) {
      int32_t fd = d + 1 + (int32_t)demo_uint(r, 5);
      if (fd <= g->end && (st = add_survey(g, s, r, c, fd, true))) return st;
    }
  }
  if (v->day != c->acq && gsl_rng_uniform(r) < 0.1) {
    int32_t d = v->day + 7 + (int32_t)demo_uint(r, 24);
    if (d <= g->end &&
        (st = add_touch(g, s, d, TP_AFTER,
                        gsl_rng_uniform(r) < 0.5 ? TC_EMAIL : TC_PHONE)))
      return st;
  }
  if (gsl_rng_uniform(r) < 0.07) {
    int32_t d = v->day + 5 + (int32_t)demo_uint(r, 16);
    if (d <= g->end && (st = add_survey(g, s, r, c, d, false))) return st;
  }
  return KW_OK;
}

kw_status demo_sim_orders(demo_gen *g, demo_out *co, demo_out *to,
                          demo_out *fo) {
  kw_context *ctx = g->ctx;
  gsl_rng rl = {0}, rp = {0}, ro = {0};
  scratch s;
  memset(&s, 0, sizeof s);
  kw_buf_init(&s.cost, sizeof(cost_row));
  kw_buf_init(&s.touch, sizeof(touch_row));
  kw_buf_init(&s.fb, sizeof(fb_row));
  for (size_t k = 0; k < demo_ncomments; k++) {
    int grp = demo_comments[k].group;
    if (s.ncomments[grp] < 32) s.comments[grp][s.ncomments[grp]++] =
        (uint32_t)k;
  }
  kw_status st;
  if ((st = demo_rng_init(g, &rl, 5)) || (st = demo_rng_init(g, &rp, 6)) ||
      (st = demo_rng_init(g, &ro, 7)))
    goto done;
  if ((st = kw_buf_reserve(ctx, &g->inv, g->orders + g->orders / 12 + 16)) ||
      (st = kw_buf_reserve(ctx, &g->line, g->orders * 21 / 10 + 64)))
    goto done;

  const int32_t *oday = g->order_day.data;
  const float *oz = g->order_z.data;
  for (size_t i = 0; i < g->n; i++) {
    demo_cust *c = &g->cust[i];
    bool unprof = c->flags & DEMO_F_UNPROF;
    double pret = unprof ? g->par.return_prob_unprof : g->par.return_prob;
    g->payers[c->payer]++;
    c->inv0 = (uint32_t)g->inv.len;
    uint8_t bought = 0;
    for (uint32_t k = 0; k < c->norders; k++) {
      demo_inv v, cn;
      if ((st = make_order(g, &rl, (uint32_t)i, oday[c->order0 + k],
                           oz[c->order0 + k], bought, &v)))
        goto done;
      bought |= v.cats;
      if ((st = kw_buf_push(ctx, &g->inv, &v))) goto done;
      if (v.nlines > 0 && gsl_rng_uniform(&rl) < pret) {
        int32_t d = v.day + 3 + (int32_t)demo_uint(&rl, 26);
        if (d <= g->end) {
          if ((st = make_credit(g, &rl, &v, d, &cn)) ||
              (st = kw_buf_push(ctx, &g->inv, &cn)))
            goto done;
        }
      }
    }
    c->ninv = (uint32_t)(g->inv.len - c->inv0);
    if (g->inv.len > UINT32_MAX / 2 || g->line.len > UINT32_MAX / 2) {
      st = kw_fail(ctx, KW_ERANGE, "too many invoice lines");
      goto done;
    }

    /* payments, costs, touchpoints, surveys */
    s.cost.len = s.touch.len = s.fb.len = 0;
    if ((st = journey_start(g, &s, &ro, c))) goto done;
    demo_inv *inv = (demo_inv *)g->inv.data + c->inv0;
    for (uint32_t k = 0; k < c->ninv; k++) {
      pay(g, &rp, c, &inv[k]);
      if ((st = after_invoice(g, &s, &ro, c, &inv[k]))) goto done;
    }
    uint32_t competitor = demo_uint(&ro, (uint32_t)demo_ncompetitors);
    write_rows(g, (uint32_t)i, &s, co, to, fo, competitor);
  }
done:
  demo_rng_free(g, &rl);
  demo_rng_free(g, &rp);
  demo_rng_free(g, &ro);
  kw_buf_free(ctx, &s.cost);
  kw_buf_free(ctx, &s.touch);
  kw_buf_free(ctx, &s.fb);
  return st;
}
