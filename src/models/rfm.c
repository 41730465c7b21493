/*
 * rfm.c — recency, frequency, monetary scores and named segments.
 *
 * RFM goes back to direct marketing (Hughes, "Strategic Database
 * Marketing", 1994; Bult & Wansbeek, Marketing Science 14(4), 1995). Each
 * metric is scored 1..bins by quantiles of the scored customers:
 *
 *   score(v) = 1 + floor(bins * L(v) / n),  L(v) = #{customers worse than v}
 *
 * ("worse" = lower F or M, higher recency). This is the empirical
 * distribution just below v, so equal values share a score and the worst
 * value scores 1; a value held by many customers takes the score of the
 * quantile its group starts in. When a metric has no more distinct values
 * than bins, quantile cut points would fall inside ties and leave scores
 * unused arbitrarily, so the distinct values are spread evenly instead:
 * the k-th (k = 0..d-1, worst first) scores 1 + round(k (bins-1)/(d-1)),
 * and one value scores the middle. Explicit breaks replace the quantiles.
 *
 * Segments are rows of one rule table (built-in below, or a user's file
 * read by src/io/rfm_rules.c): ranges of R, F, M and FM = (F + M) / 2,
 * first match wins. The built-in table is the R / FM grid popularised by
 * Putler ("RFM analysis for successful customer segmentation"), with its
 * overlaps resolved by order; klantwijs/value.h draws the resulting grid.
 *
 * Cost: three radix sorts of the scored customers, then linear passes.
 */
#include "klantwijs/value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "models/value_rank.h"

/* ------------------------------------------------------- built-in rules */

enum {
  SEG_CHAMPIONS,
  SEG_LOYAL,
  SEG_POTENTIAL,
  SEG_NEW,
  SEG_PROMISING,
  SEG_ATTENTION,
  SEG_SLEEP,
  SEG_AT_RISK,
  SEG_CANT_LOSE,
  SEG_HIBERNATING,
  SEG_LOST,
  SEG__COUNT
};

static const kw_rfm_segment_def builtin_segments[SEG__COUNT] = {
    {"champions", "Champions", "Kampioenen",
     "Reward them; they try new products first and promote your brand.",
     "Beloon ze; ze proberen nieuwe producten als eersten en promoten je "
     "merk."},
    {"loyal", "Loyal Customers", "Trouwe klanten",
     "Upsell higher-value products, ask for reviews, engage them.",
     "Bied duurdere producten aan, vraag om reviews, betrek ze."},
    {"potential_loyalist", "Potential Loyalist", "Potentieel trouw",
     "Offer a membership or loyalty programme, recommend other products.",
     "Bied een lidmaatschap of spaarprogramma aan, raad andere producten "
     "aan."},
    {"new", "New Customers", "Nieuwe klanten",
     "Help them get started, give them an early success, build the "
     "relationship.",
     "Help ze op weg, zorg voor een snel eerste succes, bouw de relatie op."},
    {"promising", "Promising", "Veelbelovend",
     "Build awareness of your brand, offer a free trial.",
     "Maak je merk bekend, bied een gratis proef aan."},
    {"need_attention", "Need Attention", "Aandacht nodig",
     "Make limited-time offers, recommend from past purchases, reactivate "
     "them.",
     "Doe tijdelijke aanbiedingen, raad aan op basis van eerdere aankopen, "
     "activeer ze opnieuw."},
    {"about_to_sleep", "About To Sleep", "Dreigen in te slapen",
     "Share useful content, recommend popular products or renewals at a "
     "discount, reconnect.",
     "Deel nuttige informatie, raad populaire producten of verlengingen met "
     "korting aan, leg opnieuw contact."},
    {"at_risk", "At Risk", "Risicoklanten",
     "Send personal messages to reconnect, offer renewals, share helpful "
     "resources.",
     "Stuur persoonlijke berichten, bied verlengingen aan, deel nuttige "
     "informatie."},
    {"cant_lose", "Can't Lose Them", "Niet verliezen",
     "Win them back with renewals or newer products and talk to them; do "
     "not lose them to the competition.",
     "Win ze terug met verlengingen of nieuwe producten en ga in gesprek; "
     "verlies ze niet aan de concurrentie."},
    {"hibernating", "Hibernating", "Slapend",
     "Offer other relevant products and special discounts; rebuild the "
     "brand's value.",
     "Bied andere relevante producten en speciale kortingen aan; bouw de "
     "merkwaarde opnieuw op."},
    {"lost", "Lost", "Verloren",
     "Try one reach-out campaign to revive interest; otherwise let them go.",
     "Probeer één campagne om de interesse te wekken; laat ze anders los."},
};

#define ANY 1, 5
static const kw_rfm_rule builtin_rules[] = {
    /* segment          R        F    M    FM */
    {SEG_CHAMPIONS, 4, 5, ANY, ANY, 4, 5},
    {SEG_LOYAL, 3, 5, ANY, ANY, 3, 5},
    {SEG_CANT_LOSE, 1, 1, ANY, ANY, 4, 5},
    {SEG_AT_RISK, 1, 2, ANY, ANY, 3, 5},
    {SEG_NEW, 4, 5, ANY, ANY, 1, 1},
    {SEG_POTENTIAL, 4, 5, ANY, ANY, 1, 3},
    {SEG_PROMISING, 3, 3, ANY, ANY, 1, 1},
    {SEG_ATTENTION, 2, 3, ANY, ANY, 2, 3},
    {SEG_SLEEP, 2, 3, ANY, ANY, 1.5, 2},
    {SEG_LOST, 1, 1, ANY, ANY, 1, 1},
    {SEG_HIBERNATING, 1, 2, ANY, ANY, 1, 3},
};
#undef ANY

static const kw_rfm_rules builtin = {
    5, SEG__COUNT, builtin_segments,
    sizeof builtin_rules / sizeof builtin_rules[0], builtin_rules};

const kw_rfm_rules *kw_rfm_rules_builtin(void) { return &builtin; }

static const kw_rfm_segment_def other_segment = {
    "other", "Other", "Overige",
    "These customers match no rule: review the segment rules.",
    "Deze klanten vallen onder geen enkele regel: herzie de regels."};

/* ------------------------------------------------------------ the result */

struct kw_rfm {
  kw_context *ctx;
  kw_rfm_data d;
  int32_t *recency;
  uint32_t *frequency;
  int64_t *monetary;
  uint8_t *r, *f, *m, *segment;
  uint16_t *code;
  kw_rfm_segment_row *segments;
  char *strings; /* copies of the segment texts */
};

void kw_rfm_options_init(kw_rfm_options *o) {
  memset(o, 0, sizeof *o);
  o->bins = 5;
  o->monetary = KW_RFM_REVENUE;
}

void kw_rfm_free(kw_rfm *r) {
  if (!r) return;
  kw_context *ctx = r->ctx;
  kw_free(ctx, r->recency);
  kw_free(ctx, r->frequency);
  kw_free(ctx, r->monetary);
  kw_free(ctx, r->r);
  kw_free(ctx, r->f);
  kw_free(ctx, r->m);
  kw_free(ctx, r->segment);
  kw_free(ctx, r->code);
  kw_free(ctx, r->segments);
  kw_free(ctx, r->strings);
  kw_free(ctx, r);
}

const kw_rfm_data *kw_rfm_view(const kw_rfm *r) { return r ? &r->d : NULL; }

char *kw_rfm_code(const kw_rfm_data *d, size_t i, char buf[4]) {
  buf[0] = '\0';
  if (!d || i >= d->n || d->code[i] == 0) return buf;
  unsigned c = d->code[i];
  buf[0] = (char)('0' + c / 100);
  buf[1] = (char)('0' + c / 10 % 10);
  buf[2] = (char)('0' + c % 10);
  buf[3] = '\0';
  return buf;
}

static kw_status check_rules(kw_context *ctx, const kw_rfm_rules *rules) {
  if (rules->scale < 2 || rules->scale > 9)
    return kw_fail(ctx, KW_EARG, "rfm rules: scale must be 2..9");
  if (rules->n_segments == 0 || rules->n_segments >= KW_RFM_NONE - 1 ||
      !rules->segments)
    return kw_fail(ctx, KW_EARG, "rfm rules: 1 to %d segments needed",
                   KW_RFM_NONE - 2);
  if (rules->n_rules && !rules->rules)
    return kw_fail(ctx, KW_EARG, "rfm rules: no rule array");
  for (size_t j = 0; j < rules->n_rules; j++)
    if (rules->rules[j].segment >= rules->n_segments)
      return kw_fail(ctx, KW_EARG, "rfm rules: rule %zu names no segment",
                     j + 1);
  for (size_t j = 0; j < rules->n_segments; j++) {
    const kw_rfm_segment_def *s = &rules->segments[j];
    if (!s->key || !s->name_en || !s->name_nl || !s->action_en ||
        !s->action_nl)
      return kw_fail(ctx, KW_EARG, "rfm rules: segment %zu lacks a text",
                     j + 1);
  }
  return KW_OK;
}

static kw_status check_options(kw_context *ctx, const kw_rfm_options *o) {
  if (o->bins < 2 || o->bins > 9)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.rfm_bins",
                       "rfm: bins must be 2..9", NULL);
  for (int k = 0; k < 3; k++) {
    const double *b = o->breaks[k];
    if (!b) continue;
    const char metric[2] = {"RFM"[k], '\0'};
    if (o->n_breaks[k] && o->n_breaks[k] != o->bins - 1)
      return kw_fail_tpl(ctx, KW_EARG, "model.e.rfm_breaks_count",
                         "the {metric} breaks need {need} values for "
                         "{bins} bins, not {got}",
                         "metric", metric, "need", KW_NUM_I(o->bins - 1),
                         "bins", KW_NUM_I(o->bins), "got",
                         KW_NUM_I(o->n_breaks[k]), NULL);
    for (int j = 0; j < o->bins - 1; j++) {
      if (!isfinite(b[j]) || (j > 0 && !(b[j] > b[j - 1])))
        return kw_fail_tpl(ctx, KW_EARG, "model.e.rfm_breaks_order",
                           "the {metric} breaks must be {need} increasing "
                           "numbers",
                           "metric", metric, "need", KW_NUM_I(o->bins - 1),
                           NULL);
    }
  }
  return KW_OK;
}

kw_status kw_rfm_options_check(kw_context *ctx, const kw_rfm_options *o) {
  if (!o) return KW_OK;
  kw_status st = check_options(ctx, o);
  return st ? st : check_rules(ctx, o->rules ? o->rules : &builtin);
}

kw_status kw_rfm_segment_find(kw_context *ctx, const kw_rfm *r,
                              const char *key, size_t *index) {
  if (!r || !key || !index)
    return kw_fail(ctx, KW_EARG, "rfm: missing argument");
  const kw_rfm_data *d = &r->d;
  for (size_t j = 0; j < d->n_segments; j++)
    if (strcmp(d->segments[j].key, key) == 0) {
      *index = j;
      return KW_OK;
    }
  char list[1024] = "";
  for (size_t j = 0, at = 0; j < d->n_segments && at < sizeof list; j++)
    at += (size_t)snprintf(list + at, sizeof list - at, " %s",
                           d->segments[j].key);
  return kw_fail_tpl(ctx, KW_EARG, "model.e.rfm_no_segment",
                     "no segment '{segment}'; the segments are:{list}",
                     "segment", key, "list", list, NULL);
}

/*
 * Score the m customers in ids by key (higher = better). ids is reordered.
 */
static kw_status score_quantiles(kw_context *ctx, const int64_t *key,
                                 uint32_t *ids, size_t m, int bins,
                                 uint8_t *score) {
  kw_status st = kw_rank_desc(ctx, key, ids, m);
  if (st) return st;
  /* ascending = reverse of the ranking */
  size_t d = 0;
  for (size_t j = 0; j < m; j++)
    if (j == 0 || key[ids[m - 1 - j]] != key[ids[m - j]]) d++;
  size_t group_start = 0, k = 0;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[m - 1 - j];
    if (j > 0 && key[c] != key[ids[m - j]]) {
      group_start = j;
      k++;
    }
    int s;
    if (d <= (size_t)bins) {
      if (d == 1)
        s = (bins + 1) / 2;
      else
        s = 1 + (int)((k * (size_t)(bins - 1) * 2 + (d - 1)) / (2 * (d - 1)));
    } else {
      s = 1 + (int)((size_t)bins * group_start / m);
    }
    score[c] = (uint8_t)s;
  }
  return KW_OK;
}

/* Score by explicit breaks: 1 + #{b <= v} (or bins - that, for R). */
static void score_breaks(const double *v, const uint32_t *ids, size_t m,
                         const double *b, int bins, bool lower_better,
                         uint8_t *score) {
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[j];
    int below = 0;
    while (below < bins - 1 && b[below] <= v[c]) below++;
    score[c] = (uint8_t)(lower_better ? bins - below : 1 + below);
  }
}

static bool in_range(double v, double lo, double hi) {
  return v >= lo - 1e-9 && v <= hi + 1e-9;
}

static int match_rule(const kw_rfm_rules *rules, double r, double f,
                      double m) {
  double fm = (f + m) / 2;
  for (size_t j = 0; j < rules->n_rules; j++) {
    const kw_rfm_rule *u = &rules->rules[j];
    if (in_range(r, u->r_lo, u->r_hi) && in_range(f, u->f_lo, u->f_hi) &&
        in_range(m, u->m_lo, u->m_hi) && in_range(fm, u->fm_lo, u->fm_hi))
      return (int)u->segment;
  }
  return -1;
}

static kw_status alloc_arrays(kw_rfm *r, size_t n) {
  kw_context *ctx = r->ctx;
  size_t m = n ? n : 1;
  r->recency = kw_malloc(ctx, m * sizeof *r->recency);
  r->frequency = kw_calloc(ctx, m, sizeof *r->frequency);
  r->monetary = kw_calloc(ctx, m, sizeof *r->monetary);
  r->r = kw_calloc(ctx, m, 1);
  r->f = kw_calloc(ctx, m, 1);
  r->m = kw_calloc(ctx, m, 1);
  r->segment = kw_malloc(ctx, m);
  r->code = kw_calloc(ctx, m, sizeof *r->code);
  if (!r->recency || !r->frequency || !r->monetary || !r->r || !r->f ||
      !r->m || !r->segment || !r->code)
    return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++) r->recency[i] = -1;
  memset(r->segment, KW_RFM_NONE, m);
  return KW_OK;
}

/* Copy the segment texts into one block owned by the result. */
static kw_status copy_segments(kw_rfm *r, const kw_rfm_rules *rules,
                               bool other) {
  kw_context *ctx = r->ctx;
  size_t ns = rules->n_segments + (other ? 1 : 0);
  r->segments = kw_calloc(ctx, ns, sizeof *r->segments);
  if (!r->segments) return kw_fail_nomem(ctx);
  size_t bytes = 0;
  for (size_t j = 0; j < ns; j++) {
    const kw_rfm_segment_def *s =
        j < rules->n_segments ? &rules->segments[j] : &other_segment;
    bytes += strlen(s->key) + strlen(s->name_en) + strlen(s->name_nl) +
             strlen(s->action_en) + strlen(s->action_nl) + 5;
  }
  r->strings = kw_malloc(ctx, bytes ? bytes : 1);
  if (!r->strings) return kw_fail_nomem(ctx);
  char *w = r->strings;
#define COPY(dst, src)             \
  do {                             \
    size_t len_ = strlen(src) + 1; \
    memcpy(w, src, len_);          \
    dst = w;                       \
    w += len_;                     \
  } while (0)
  for (size_t j = 0; j < ns; j++) {
    const kw_rfm_segment_def *s =
        j < rules->n_segments ? &rules->segments[j] : &other_segment;
    kw_rfm_segment_row *row = &r->segments[j];
    COPY(row->key, s->key);
    COPY(row->name_en, s->name_en);
    COPY(row->name_nl, s->name_nl);
    COPY(row->action_en, s->action_en);
    COPY(row->action_nl, s->action_nl);
  }
#undef COPY
  r->d.n_segments = ns;
  return KW_OK;
}

static void bands(kw_rfm *r, const uint32_t *ids, size_t m) {
  kw_rfm_data *d = &r->d;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[j];
    double v[3] = {(double)r->recency[c], (double)r->frequency[c],
                   (double)r->monetary[c] / 100.0};
    uint8_t s[3] = {r->r[c], r->f[c], r->m[c]};
    for (int k = 0; k < 3; k++) {
      kw_rfm_band *b = &d->bands[k][s[k] - 1];
      if (b->customers == 0 || v[k] < b->lo) b->lo = v[k];
      if (b->customers == 0 || v[k] > b->hi) b->hi = v[k];
      b->customers++;
    }
  }
}

static kw_status segment_table(kw_rfm *r, const kw_customer_summary *s,
                               const kw_rfm_rules *rules, const uint32_t *ids,
                               size_t m, int bins) {
  double map = (double)(rules->scale - 1) / (double)(bins - 1);
  bool other = false;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[j];
    int seg = match_rule(rules, 1 + (r->r[c] - 1) * map,
                         1 + (r->f[c] - 1) * map, 1 + (r->m[c] - 1) * map);
    if (seg < 0) {
      other = true;
      seg = (int)rules->n_segments;
    }
    r->segment[c] = (uint8_t)seg;
  }
  kw_status st = copy_segments(r, rules, other);
  if (st) return st;
  kw_rfm_data *d = &r->d;
  int64_t rev_all = 0;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[j];
    kw_rfm_segment_row *row = &r->segments[r->segment[c]];
    row->customers++;
    row->revenue += s->revenue[c];
    row->mean_recency += r->recency[c];
    row->mean_frequency += r->frequency[c];
    row->mean_monetary += (double)r->monetary[c] / 100.0;
    rev_all += s->revenue[c];
  }
  for (size_t k = 0; k < d->n_segments; k++) {
    kw_rfm_segment_row *row = &r->segments[k];
    double nc = (double)row->customers;
    row->share = kw_ratio(nc, (double)m);
    row->revenue_share =
        rev_all > 0 ? (double)row->revenue / (double)rev_all : 0;
    row->mean_recency = kw_ratio(row->mean_recency, nc);
    row->mean_frequency = kw_ratio(row->mean_frequency, nc);
    row->mean_monetary = kw_ratio(row->mean_monetary, nc);
  }
  return KW_OK;
}

_Static_assert(sizeof(double) == sizeof(int64_t),
               "the key scratch array also holds doubles");

static kw_status score_all(kw_rfm *r, const kw_rfm_options *o, uint32_t *ids,
                           size_t m, int64_t *key) {
  kw_context *ctx = r->ctx;
  int bins = o->bins;
  uint8_t *out[3] = {r->r, r->f, r->m};
  for (int k = 0; k < 3; k++) {
    /* the scored customers in id order again (the sort reorders ids) */
    size_t mm = 0;
    for (size_t i = 0; i < r->d.n && mm < m; i++)
      if (r->recency[i] >= 0) ids[mm++] = (uint32_t)i;
    if (o->breaks[k]) {
      /* values in the breaks' units, indexed by customer (key as scratch) */
      double *v = (double *)key;
      for (size_t j = 0; j < m; j++) {
        uint32_t c = ids[j];
        v[c] = k == 0   ? (double)r->recency[c]
               : k == 1 ? (double)r->frequency[c]
                        : (double)r->monetary[c] / 100.0;
      }
      score_breaks(v, ids, m, o->breaks[k], bins, k == 0, out[k]);
      continue;
    }
    for (size_t j = 0; j < m; j++) {
      uint32_t c = ids[j];
      key[c] = k == 0   ? -(int64_t)r->recency[c]
               : k == 1 ? (int64_t)r->frequency[c]
                        : r->monetary[c];
    }
    kw_status st = score_quantiles(ctx, key, ids, m, bins, out[k]);
    if (st) return st;
  }
  return KW_OK;
}

kw_status kw_rfm_compute(kw_context *ctx, const kw_customer_summary *s,
                         const kw_rfm_options *o, kw_rfm **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "rfm: out is NULL");
  *out = NULL;
  if (!s) return kw_fail(ctx, KW_EARG, "rfm: no customer summary");
  if (s->n > UINT32_MAX) return kw_fail(ctx, KW_ERANGE, "rfm: too many");
  kw_rfm_options def;
  if (!o) {
    kw_rfm_options_init(&def);
    o = &def;
  }
  kw_status st = kw_rfm_options_check(ctx, o);
  if (st) return st;
  if (o->monetary == KW_RFM_CONTRIBUTION && !o->profit)
    return kw_fail(ctx, KW_EARG,
                   "rfm: monetary by contribution needs a profitability "
                   "result");
  const kw_rfm_rules *rules = o->rules ? o->rules : &builtin;
  const kw_profit_data *pd = NULL;
  if (o->monetary == KW_RFM_CONTRIBUTION) {
    pd = kw_profit_view(o->profit);
    if (pd->n != s->n)
      return kw_fail(ctx, KW_EARG,
                     "rfm: profitability of %zu customers, summary of %zu",
                     pd->n, s->n);
  }
  kw_rfm *r = kw_calloc(ctx, 1, sizeof *r);
  if (!r) return kw_fail_nomem(ctx);
  r->ctx = ctx;
  kw_rfm_data *d = &r->d;
  d->n = s->n;
  d->bins = o->bins;
  d->as_of = s->as_of;
  d->monetary = o->monetary;
  uint32_t *ids = NULL;
  int64_t *key = NULL;
  st = alloc_arrays(r, s->n);
  if (st) goto done;
  size_t n1 = s->n ? s->n : 1;
  ids = kw_malloc(ctx, n1 * sizeof *ids);
  key = kw_calloc(ctx, n1, sizeof *key); /* also doubles for breaks */
  if (!ids || !key) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t m = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (s->last[i] == KW_NA_DATE) continue;
    if (pd && pd->source[i] == KW_COST_UNKNOWN) {
      d->n_unscored_cost++;
      continue;
    }
    int32_t rec = s->as_of - s->last[i];
    r->recency[i] = rec > 0 ? rec : 0;
    r->frequency[i] = s->orders[i];
    r->monetary[i] = pd ? pd->contribution[i] : s->revenue[i];
    ids[m++] = (uint32_t)i;
  }
  d->n_scored = m;
  if (d->n_unscored_cost) {
    char n[24];
    snprintf(n, sizeof n, "%zu", d->n_unscored_cost);
    kw_warn_tpl(ctx, "model.w.rfm_unscored",
                "rfm: {n} buyer(s) without known contribution are not scored",
                "n", n, NULL);
  }
  st = score_all(r, o, ids, m, key);
  if (st) goto done;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = ids[j];
    r->code[c] = (uint16_t)(100 * r->r[c] + 10 * r->f[c] + r->m[c]);
  }
  bands(r, ids, m);
  st = segment_table(r, s, rules, ids, m, o->bins);
done:
  kw_free(ctx, ids);
  kw_free(ctx, key);
  if (st) {
    kw_rfm_free(r);
    return st;
  }
  d->recency = r->recency;
  d->frequency = r->frequency;
  d->monetary_value = r->monetary;
  d->r = r->r;
  d->f = r->f;
  d->m = r->m;
  d->code = r->code;
  d->segment = r->segment;
  d->segments = r->segments;
  *out = r;
  return KW_OK;
}
