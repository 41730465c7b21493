/*
 * export.c — customers.csv: one row per customer of the dataset, with
 * every score, class and prediction the analysis made and the action with
 * its reason. The columns are one table (also used by the XLSX writer); a
 * column appears only when its analysis ran. CSV is for machines: ','
 * separated (RFC 4180 quoting), '.' decimal mark, ISO dates, keys as
 * headers and as the values of word columns, whatever the report's
 * language; only the reason is text in that language.
 *
 * Privacy: the customer id is the only identifier; the name comes only
 * with show_names, and e-mail, phone and address never.
 */
#include "report/export.h"

#include <math.h>
#include <string.h>

#include "report/numfmt.h"
#include "report/segments_text.h"
#include "report/text.h"

enum {
  COL_ID, COL_NAME, COL_ACTION, COL_REASON, COL_STAKE, COL_FIRST, COL_LAST,
  COL_ORDERS, COL_REVENUE, COL_COGS, COL_SERVE, COL_CONTRIB, COL_MARGIN,
  COL_VALUE, COL_POTENTIAL, COL_ABC, COL_R, COL_F, COL_M, COL_SEGMENT,
  COL_STATUS, COL_PALIVE, COL_PALIVE_LO, COL_PALIVE_HI, COL_EXPECTED,
  COL_SPEND, COL_CLV, COL_CLV_LO, COL_CLV_HI, COL_PAY,
  COL_DAYS_TO_PAY, COL_DAYS_LATE, COL_OPEN, COL_OVERDUE, COL_NEXT_BEST,
  COL_NEXT_BEST_VALUE, COL_NPS, COL_FB_DATE, COL_CSAT, COL_CES,
  COL_FB_RISK, COL_FB_RISK_DIM, COL_CONSENT, COL_CAC, COL_REFERRED_BY,
  COL_REFERRAL_VALUE, COL_DEAL_SHARE, COL_DISCOUNT_GIVEN, COL_DEAL_SEEKER,
  COL_RATE_BREAK,
  COL_RULE_SEGMENT, COL_CLUSTER, COL_FIT, COL_FIT_TRAITS, COL__COUNT
};

static const kw_ccol cols[COL__COUNT] = {
    [COL_ID] = {"customer_id", "Customer", "Klant", KW_CC_TEXT, 0, 12},
    [COL_NAME] = {"name", "Name", "Naam", KW_CC_TEXT, 0, 28},
    [COL_ACTION] = {"action", "Action", "Actie", KW_CC_TEXT, 0, 20},
    [COL_REASON] = {"reason", "Reason", "Reden", KW_CC_TEXT, 0, 60},
    [COL_STAKE] = {"at_stake", "At stake", "Op het spel", KW_CC_MONEY, 2, 12},
    [COL_FIRST] = {"first_purchase", "First purchase", "Eerste aankoop",
                   KW_CC_DATE, 0, 12},
    [COL_LAST] = {"last_purchase", "Last purchase", "Laatste aankoop",
                  KW_CC_DATE, 0, 12},
    [COL_ORDERS] = {"orders", "Orders", "Bestellingen", KW_CC_INT, 0, 9},
    [COL_REVENUE] = {"revenue", "Revenue", "Omzet", KW_CC_MONEY, 2, 12},
    [COL_COGS] = {"cost_of_goods", "Cost of goods", "Kostprijs", KW_CC_MONEY,
                  2, 12},
    [COL_SERVE] = {"cost_to_serve", "Cost to serve", "Kosten bediening",
                   KW_CC_MONEY, 2, 12},
    [COL_CONTRIB] = {"contribution", "Contribution", "Bijdrage", KW_CC_MONEY,
                     2, 12},
    [COL_MARGIN] = {"margin", "Margin", "Marge", KW_CC_PCT, 4, 9},
    [COL_VALUE] = {"value_score", "Value score", "Waardescore", KW_CC_NUM, 4,
                   9},
    [COL_POTENTIAL] = {"potential_score", "Potential score",
                       "Potentieelscore", KW_CC_NUM, 4, 9},
    [COL_ABC] = {"abc", "ABC", "ABC", KW_CC_TEXT, 0, 5},
    [COL_R] = {"rfm_r", "R", "R", KW_CC_INT, 0, 4},
    [COL_F] = {"rfm_f", "F", "F", KW_CC_INT, 0, 4},
    [COL_M] = {"rfm_m", "M", "M", KW_CC_INT, 0, 4},
    [COL_SEGMENT] = {"rfm_segment", "RFM segment", "RFM-segment", KW_CC_TEXT,
                     0, 18},
    [COL_STATUS] = {"churn_status", "Status", "Status", KW_CC_TEXT, 0, 10},
    [COL_PALIVE] = {"p_alive", "P(active)", "P(actief)", KW_CC_PCT, 4, 9},
    [COL_PALIVE_LO] = {"p_alive_low90", "P(active), 90% low",
                       "P(actief), 90% laag", KW_CC_PCT, 4, 9},
    [COL_PALIVE_HI] = {"p_alive_high90", "P(active), 90% high",
                       "P(actief), 90% hoog", KW_CC_PCT, 4, 9},
    [COL_EXPECTED] = {"expected_purchases", "Expected purchases",
                      "Verwachte aankopen", KW_CC_NUM, 3, 10},
    [COL_SPEND] = {"expected_spend", "Expected spend per purchase",
                   "Verwachte besteding per aankoop", KW_CC_MONEY, 2, 12},
    [COL_CLV] = {"clv", "CLV", "CLV", KW_CC_MONEY, 2, 12},
    [COL_CLV_LO] = {"clv_low90", "CLV, 90% low", "CLV, 90% laag",
                    KW_CC_MONEY, 2, 12},
    [COL_CLV_HI] = {"clv_high90", "CLV, 90% high", "CLV, 90% hoog",
                    KW_CC_MONEY, 2, 12},
    [COL_PAY] = {"pay_class", "Payment", "Betaling", KW_CC_TEXT, 0, 14},
    [COL_DAYS_TO_PAY] = {"days_to_pay", "Days to pay", "Dagen tot betaling",
                         KW_CC_NUM, 1, 9},
    [COL_DAYS_LATE] = {"days_late", "Days late", "Dagen te laat", KW_CC_NUM,
                       1, 9},
    [COL_OPEN] = {"open", "Open", "Open", KW_CC_MONEY, 2, 12},
    [COL_OVERDUE] = {"overdue", "Overdue", "Vervallen", KW_CC_MONEY, 2, 12},
    [COL_NEXT_BEST] = {"next_best_product", "Next-best product",
                       "Volgend beste product", KW_CC_TEXT, 0, 24},
    [COL_NEXT_BEST_VALUE] = {"next_best_value", "Next-best expected value",
                             "Verwachte waarde volgend product", KW_CC_MONEY,
                             2, 12},
    [COL_NPS] = {"nps", "NPS score", "NPS-score", KW_CC_INT, 0, 6},
    [COL_FB_DATE] = {"feedback_date", "Latest answer", "Laatste antwoord",
                     KW_CC_DATE, 0, 12},
    [COL_CSAT] = {"csat", "CSAT", "CSAT", KW_CC_NUM, 0, 6},
    [COL_CES] = {"ces", "CES", "CES", KW_CC_NUM, 0, 6},
    [COL_FB_RISK] = {"competitor_risk", "At risk to competitor",
                     "Risico op concurrent", KW_CC_TEXT, 0, 18},
    [COL_FB_RISK_DIM] = {"competitor_risk_dimension", "Rated higher on",
                         "Beter beoordeeld op", KW_CC_TEXT, 0, 14},
    [COL_CONSENT] = {"marketing_consent", "Marketing consent",
                     "Toestemming marketing", KW_CC_TEXT, 0, 9},
    [COL_CAC] = {"acquisition_cost", "Acquisition cost", "Acquisitiekost",
                 KW_CC_MONEY, 2, 12},
    [COL_REFERRED_BY] = {"referred_by", "Referred by", "Aangebracht door",
                         KW_CC_TEXT, 0, 12},
    [COL_REFERRAL_VALUE] = {"referral_value", "Referral value",
                            "Aanbrengwaarde", KW_CC_MONEY, 2, 12},
    [COL_DEAL_SHARE] = {"discount_share", "Share bought on discount",
                        "Deel met korting gekocht", KW_CC_PCT, 4, 9},
    [COL_DISCOUNT_GIVEN] = {"discount_given", "Discount given",
                            "Korting gegeven", KW_CC_MONEY, 2, 12},
    [COL_DEAL_SEEKER] = {"deal_seeker", "Buys almost only on discount",
                         "Koopt bijna alleen met korting", KW_CC_TEXT, 0, 9},
    [COL_RATE_BREAK] = {"rate_break", "Stopped its rhythm",
                        "Ritme gebroken", KW_CC_TEXT, 0, 9},
    [COL_RULE_SEGMENT] = {"segment", "Segment", "Segment", KW_CC_TEXT, 0, 20},
    [COL_CLUSTER] = {"cluster", "Behavioural group", "Gedragsgroep",
                     KW_CC_TEXT, 0, 30},
    [COL_FIT] = {"fit", "Strategic fit", "Strategische fit", KW_CC_PCT, 4, 9},
    [COL_FIT_TRAITS] = {"fit_traits", "Fits on", "Past op", KW_CC_TEXT, 0,
                        30},
};

const kw_ccol *kw_export_column(int id) {
  return id >= 0 && id < COL__COUNT ? &cols[id] : NULL;
}

size_t kw_export_columns(const kw_analysis *a, const kw_report_options *ro,
                         int *ids, size_t cap) {
  size_t k = 0;
  for (int c = 0; c < COL__COUNT && k < cap; c++) {
    bool on = true;
    switch (c) {
      case COL_NAME: on = ro->show_names && a->name_id != NULL; break;
      case COL_COGS: case COL_SERVE: case COL_CONTRIB: case COL_MARGIN:
        on = a->pd != NULL;
        break;
      case COL_ABC: on = a->par != NULL; break;
      case COL_R: case COL_F: case COL_M: case COL_SEGMENT:
        on = a->rd != NULL;
        break;
      case COL_STATUS: on = a->cc != NULL; break;
      case COL_PALIVE: case COL_EXPECTED: case COL_SPEND: case COL_CLV:
        on = a->have_clv;
        break;
      case COL_PALIVE_LO: case COL_PALIVE_HI: case COL_CLV_LO:
      case COL_CLV_HI:
        on = a->have_clv && a->have_intervals;
        break;
      case COL_PAY: case COL_DAYS_TO_PAY: case COL_DAYS_LATE: case COL_OPEN:
      case COL_OVERDUE:
        on = a->pp != NULL;
        break;
      case COL_NEXT_BEST: case COL_NEXT_BEST_VALUE:
        on = a->next_best != NULL;
        break;
      case COL_NPS: on = a->nps_score != NULL; break;
      case COL_FB_DATE: case COL_CSAT: case COL_CES:
        on = a->fb != NULL && kw_feedback_info_view(a->fb)->has_customer;
        break;
      case COL_FB_RISK: case COL_FB_RISK_DIM:
        on = a->fb != NULL && kw_feedback_competition_view(a->fb) != NULL &&
             kw_feedback_info_view(a->fb)->has_customer;
        break;
      case COL_CONSENT: on = a->has_consent; break;
      case COL_CAC: on = a->cac_n > 0; break;
      case COL_REFERRED_BY: case COL_REFERRAL_VALUE:
        on = a->referrals != NULL;
        break;
      case COL_DEAL_SHARE: case COL_DISCOUNT_GIVEN: case COL_DEAL_SEEKER:
        on = a->acq != NULL && kw_acquisition_view(a->acq)->has_discount;
        break;
      case COL_RATE_BREAK: on = a->rate_break != NULL; break;
      case COL_RULE_SEGMENT: on = a->seg != NULL; break;
      case COL_CLUSTER:
        on = a->seg && kw_segments_clusters(a->seg)->k > 0;
        break;
      case COL_FIT: case COL_FIT_TRAITS: on = a->fit != NULL; break;
      default: break;
    }
    if (on) ids[k++] = c;
  }
  return k;
}

static void money(kw_ccell *c, double cents) {
  c->kind = KW_CC_MONEY;
  c->d = cents / 100.0;
  /* the cents as they are, where customers.csv prints from them */
  c->exact = fabs(cents) < 1e14;
  c->cents = c->exact ? (int64_t)cents : 0;
}

static void num(kw_ccell *c, kw_ccell_kind k, double v) {
  if (!isfinite(v)) return;
  c->kind = k;
  c->d = v;
}

static void text(kw_ccell *c, const char *s) {
  if (!s || !s[0]) return;
  c->kind = KW_CC_TEXT;
  c->s = s;
}

static const char *status_word(kw_lang lang, uint8_t s, bool machine) {
  static const char *const keys[] = {"none", "active", "at_risk", "churned"};
  static const int msgs[] = {MSG_WORD_NO_PURCHASE, MSG_WORD_ACTIVE,
                             MSG_WORD_AT_RISK, MSG_WORD_CHURNED};
  if (s > 3) s = 0;
  return machine ? keys[s] : kw_msg_text((kw_msg)msgs[s], lang);
}

static const char *pay_word(kw_lang lang, uint8_t s, bool machine) {
  static const int msgs[] = {MSG_WORD_NO_PURCHASE, MSG_WORD_FAST,
                             MSG_WORD_SLOW, MSG_WORD_PROBLEMATIC};
  if (s >= KW_PAY__COUNT) s = 0;
  return machine ? kw_pay_class_name((kw_pay_class)s)
                 : kw_msg_text((kw_msg)msgs[s], lang);
}

void kw_export_cell(const kw_analysis *a, kw_lang lang, int id, size_t i,
                    bool machine, kw_ccell *c) {
  c->kind = KW_CC_EMPTY;
  c->s = NULL;
  c->exact = false;
  const kw_customer_summary *s = a->s;
  bool buyer = s->first[i] != KW_NA_DATE;
  switch (id) {
    case COL_ID:
      text(c, kw_dict_str(a->ids, (uint32_t)i));
      break;
    case COL_NAME:
      if (a->name_id && a->name_id[i] != KW_NA_ID)
        text(c, kw_dict_str(a->name_dict, a->name_id[i]));
      break;
    case COL_ACTION: {
      kw_action act = (kw_action)a->action[i];
      text(c, machine ? kw_action_key(act) : kw_action_label(act, lang));
      break;
    }
    case COL_REASON: {
      kw_action_input in;
      kw_analysis_input(a, i, &in);
      size_t r = a->rule[i] == UINT32_MAX ? SIZE_MAX : a->rule[i];
      kw_action_reason(c->buf, sizeof c->buf, a->rules, r, &in, lang,
                       a->currency);
      text(c, c->buf);
      break;
    }
    case COL_STAKE:
      if (buyer) num(c, KW_CC_MONEY, a->at_stake[i]);
      break;
    case COL_FIRST:
    case COL_LAST:
      if (buyer) {
        c->kind = KW_CC_DATE;
        c->date = id == COL_FIRST ? s->first[i] : s->last[i];
      }
      break;
    case COL_ORDERS:
      num(c, KW_CC_INT, s->orders[i]);
      break;
    case COL_REVENUE:
      money(c, (double)s->revenue[i]);
      break;
    case COL_COGS:
    case COL_CONTRIB:
    case COL_MARGIN:
      if (a->pd->flags[i] & KW_PROFIT_NO_COST) break;
      if (!buyer && !(a->pd->flags[i] & KW_PROFIT_ACTIVE)) break;
      if (id == COL_COGS) money(c, (double)a->pd->cogs[i]);
      else if (id == COL_CONTRIB) money(c, (double)a->pd->contribution[i]);
      else if (s->revenue[i] > 0)
        num(c, KW_CC_PCT, a->pd->margin_pct[i] / 100.0);
      break;
    case COL_SERVE:
      if (a->pd->flags[i] & KW_PROFIT_ACTIVE) money(c, (double)a->pd->serve[i]);
      break;
    case COL_VALUE:
      num(c, KW_CC_NUM, a->value_score[i]);
      break;
    case COL_POTENTIAL:
      num(c, KW_CC_NUM, a->potential_score[i]);
      break;
    case COL_ABC:
      if (a->par->abc[i] >= KW_ABC_A && a->par->abc[i] <= KW_ABC_C) {
        static const char *const abc[] = {"", "A", "B", "C"};
        text(c, abc[a->par->abc[i]]);
      }
      break;
    case COL_R:
    case COL_F:
    case COL_M: {
      const uint8_t *v = id == COL_R ? a->rd->r : id == COL_F ? a->rd->f
                                                              : a->rd->m;
      if (v[i]) num(c, KW_CC_INT, v[i]);
      break;
    }
    case COL_SEGMENT: {
      uint8_t g = a->rd->segment[i];
      if (g == KW_RFM_NONE || g >= a->rd->n_segments) break;
      const kw_rfm_segment_row *sr = &a->rd->segments[g];
      text(c, machine ? sr->key
                      : lang == KW_LANG_NL ? sr->name_nl : sr->name_en);
      break;
    }
    case COL_STATUS:
      if (buyer && i < a->cc->n)
        text(c, status_word(lang, a->cc->status[i], machine));
      break;
    case COL_PALIVE:
      num(c, KW_CC_PCT, a->p_alive[i]);
      break;
    case COL_EXPECTED:
      num(c, KW_CC_NUM, a->expected[i]);
      break;
    case COL_SPEND:
      num(c, KW_CC_MONEY, a->spend[i]);
      break;
    case COL_CLV:
      num(c, KW_CC_MONEY, a->clv[i]);
      break;
    case COL_PALIVE_LO:
      num(c, KW_CC_PCT, a->p_alive_lo[i]);
      break;
    case COL_PALIVE_HI:
      num(c, KW_CC_PCT, a->p_alive_hi[i]);
      break;
    case COL_CLV_LO:
      num(c, KW_CC_MONEY, a->clv_lo[i]);
      break;
    case COL_CLV_HI:
      num(c, KW_CC_MONEY, a->clv_hi[i]);
      break;
    case COL_PAY:
      if (i < a->pp->n && a->pp->pay_class[i] != KW_PAY_NONE)
        text(c, pay_word(lang, a->pp->pay_class[i], machine));
      break;
    case COL_DAYS_TO_PAY:
    case COL_DAYS_LATE:
      /* only over paid invoices: a customer who never paid has no
       * average, not "0 days" */
      if (i < a->pp->n && a->pp->settled[i] > 0 &&
          a->pp->pay_class[i] != KW_PAY_NONE)
        num(c, KW_CC_NUM,
            id == COL_DAYS_TO_PAY ? a->pp->days_to_pay[i] : a->pp->days_late[i]);
      break;
    case COL_OPEN:
    case COL_OVERDUE:
      if (i < a->pp->n && a->pp->pay_class[i] != KW_PAY_NONE)
        money(c, (double)(id == COL_OPEN ? a->pp->open[i] : a->pp->overdue[i]));
      break;
    case COL_NEXT_BEST:
      if (a->next_best[i]) text(c, a->next_best[i]);
      break;
    case COL_NEXT_BEST_VALUE:
      if (a->next_best[i]) num(c, KW_CC_MONEY, a->next_best_value[i]);
      break;
    case COL_NPS:
      num(c, KW_CC_INT, a->nps_score[i]);
      break;
    case COL_FB_DATE:
    case COL_CSAT:
    case COL_CES:
    case COL_FB_RISK:
    case COL_FB_RISK_DIM: {
      /* the latest answer (klantwijs/feedback.h) */
      kw_fb_customer fc;
      if (!kw_feedback_customer(a->fb, i, &fc)) break;
      if (id == COL_FB_DATE && fc.day != KW_NA_DATE) {
        c->kind = KW_CC_DATE;
        c->date = fc.day;
      }
      if (id == COL_CSAT) num(c, KW_CC_NUM, fc.csat);
      if (id == COL_CES) num(c, KW_CC_NUM, fc.ces);
      if (fc.risk == KW_FB_RISK_COMPETITOR) {
        if (id == COL_FB_RISK) text(c, fc.competitor);
        if (id == COL_FB_RISK_DIM) text(c, fc.dimension);
      }
      break;
    }
    case COL_CONSENT:
      if (a->consent[i] != KW_NA_FLAG)
        text(c, machine ? (a->consent[i] ? "yes" : "no")
                        : kw_msg_text(a->consent[i] ? MSG_WORD_YES : MSG_WORD_NO,
                                      lang));
      break;
    case COL_CAC:
      num(c, KW_CC_MONEY, a->cac[i]);
      break;
    case COL_REFERRED_BY: {
      const kw_referrals_data *r = kw_referrals_view(a->referrals);
      if (i < r->n_customers && r->referred_by[i] != KW_NA_ID)
        text(c, kw_dict_str(r->customers, r->referred_by[i]));
      break;
    }
    case COL_REFERRAL_VALUE: {
      const kw_referrals_data *r = kw_referrals_view(a->referrals);
      if (i < r->n_customers && r->customer_crv[i] > 0)
        num(c, KW_CC_MONEY, r->customer_crv[i]);
      break;
    }
    case COL_DEAL_SHARE: {
      const kw_acquisition_data *q = kw_acquisition_view(a->acq);
      if (i < q->n_customers) num(c, KW_CC_PCT, q->customer_deal_share[i]);
      break;
    }
    case COL_DISCOUNT_GIVEN: {
      const kw_acquisition_data *q = kw_acquisition_view(a->acq);
      if (i < q->n_customers && a->s->first[i] != KW_NA_DATE)
        num(c, KW_CC_MONEY, (double)q->customer_discount[i] / 100.0);
      break;
    }
    case COL_DEAL_SEEKER: {
      const kw_acquisition_data *q = kw_acquisition_view(a->acq);
      if (i < q->n_customers && a->s->first[i] != KW_NA_DATE)
        text(c, machine ? (q->deal_seeker[i] ? "yes" : "no")
                        : kw_msg_text(q->deal_seeker[i] ? MSG_WORD_YES
                                                        : MSG_WORD_NO,
                                      lang));
      break;
    }
    case COL_RATE_BREAK:
      if (a->s->first[i] != KW_NA_DATE)
        text(c, machine ? (a->rate_break[i] ? "yes" : "no")
                        : kw_msg_text(a->rate_break[i] ? MSG_WORD_YES
                                                       : MSG_WORD_NO,
                                      lang));
      break;
    case COL_RULE_SEGMENT: {
      const char *k = kw_segments_customer_segment(a->seg, i);
      if (k)
        text(c, machine ? k
                        : kw_seg_value_label(kw_segments_by(a->seg), k,
                                             lang, c->buf,
                                             sizeof c->buf));
      break;
    }
    case COL_CLUSTER: {
      int g = kw_segments_customer_cluster(a->seg, i);
      if (g < 0) {
        if (buyer) text(c, machine ? "other"
                                   : kw_msg_text(MSG_WORD_OTHER, lang));
        break;
      }
      if (machine) {
        num(c, KW_CC_INT, g + 1);
        break;
      }
      size_t np;
      const kw_persona *ps = kw_segments_personas(a->seg, &np);
      for (size_t q = 0; q < np; q++)
        if (ps[q].cluster == (size_t)g) {
          kw_persona_name(c->buf, sizeof c->buf, &ps[q], lang);
          text(c, c->buf);
        }
      break;
    }
    case COL_FIT:
      num(c, KW_CC_PCT, a->fit[i]);
      break;
    case COL_FIT_TRAITS:
      if (buyer) text(c, kw_segments_customer_fit_traits(a->seg, i));
      break;
    default:
      break;
  }
}

char *kw_fmt_fixed(char *buf, double v, int decimals) {
  kw_num_fixed(buf, v, decimals);
  return buf;
}

bool kw_export_formula_like(const char *s) {
  return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

/* A text cell: quoted when it holds a comma, quote or line break;
 * neutralised with a leading apostrophe when a spreadsheet would take it
 * for a formula (OWASP, CSV injection). Numbers never pass here. */
static void put_csv(kw_text *t, const char *s) {
  bool guard = kw_export_formula_like(s);
  if (!strpbrk(s, ",\"\r\n")) {
    if (guard) kw_text_putc(t, '\'');
    kw_text_put(t, s);
    return;
  }
  kw_text_putc(t, '"');
  if (guard) kw_text_putc(t, '\'');
  for (; *s; s++) {
    if (*s == '"') kw_text_putc(t, '"');
    kw_text_putc(t, *s);
  }
  kw_text_putc(t, '"');
}

kw_status kw_report_customers_csv(kw_context *ctx, const kw_analysis *a,
                                  const kw_report_options *ro, FILE *f) {
  kw_report_options def;
  ro = kw_report_options_or_default(ro, &def);
  int ids[COL__COUNT];
  size_t nc = kw_export_columns(a, ro, ids, COL__COUNT);
  kw_text t;
  kw_text_init(&t, ctx);
  kw_ccell *c = kw_malloc(ctx, sizeof *c);
  if (!c) return kw_fail_nomem(ctx);
  bool ok = true;
  for (size_t j = 0; j < nc; j++) {
    if (j) kw_text_putc(&t, ',');
    kw_text_put(&t, cols[ids[j]].key);
  }
  kw_text_putc(&t, '\n');
  char buf[48];
  for (size_t i = 0; i < a->n && ok; i++) {
    /* the customer base of klantwijs/summary.h: customers with a purchase
       (return-only customers and those known only from another table
       are no customers of the period) */
    if (a->s->first[i] == KW_NA_DATE) continue;
    for (size_t j = 0; j < nc; j++) {
      if (j) kw_text_putc(&t, ',');
      kw_export_cell(a, ro->lang, ids[j], i, true, c);
      size_t n = 0;
      switch (c->kind) {
        case KW_CC_EMPTY: break;
        case KW_CC_TEXT: put_csv(&t, c->s); break;
        case KW_CC_DATE: n = kw_num_date(buf, c->date); break;
        case KW_CC_MONEY:
          /* from the cents themselves where the double would give the
             same digits (below 1e12 units: numfmt.h) */
          n = c->exact && c->cents > -100000000000000 &&
                      c->cents < 100000000000000
                  ? kw_num_scaled(buf, c->cents, 2)
                  : kw_num_fixed(buf, c->d, 2);
          break;
        case KW_CC_INT: n = kw_num_fixed(buf, c->d, 0); break;
        case KW_CC_NUM:
        case KW_CC_PCT:
          n = kw_num_fixed(buf, c->d, cols[ids[j]].decimals);
          break;
      }
      if (n) kw_text_putn(&t, buf, n);
    }
    kw_text_putc(&t, '\n');
    if (t.len > (1u << 16)) ok = kw_text_flush(&t, f);
  }
  if (ok) ok = kw_text_flush(&t, f);
  bool nomem = t.bad;
  kw_text_free(&t);
  kw_free(ctx, c);
  if (nomem) return kw_fail_nomem(ctx);
  if (!ok || ferror(f)) return kw_fail(ctx, KW_EIO, "customers.csv: write failed");
  return KW_OK;
}
