/*
 * currency.c — the currency a dataset names (see kw_dataset_currency in
 * klantwijs/data.h): amounts written with a currency sign or code ("€
 * 12,50", "$1,234.00": the reader notes it per money column), else a
 * header with a currency word or symbol ("Amount (GBP)", "dollar_value",
 * "Bedrag €"), else a country column where at least
 * 80% of the transaction lines name one country of a known currency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/data.h"


static const struct {
  const char *word, *code;
} currency_words[] = {
    {"gbp", "GBP"}, {"\xc2\xa3", "GBP"}, {"pound", "GBP"}, {"sterling", "GBP"},
    {"usd", "USD"}, {"dollar", "USD"}, {"$", "USD"},
    {"eur", "EUR"}, {"\xe2\x82\xac", "EUR"}, {"euro", "EUR"},
    {"chf", "CHF"}, {"sek", "SEK"}, {"dkk", "DKK"}, {"nok", "NOK"},
    {"pln", "PLN"}, {"jpy", "JPY"},
};

static const struct {
  const char *country, *code;
} country_currency[] = {
    {"united kingdom", "GBP"}, {"uk", "GBP"}, {"great britain", "GBP"},
    {"england", "GBP"}, {"usa", "USD"}, {"united states", "USD"},
    {"belgium", "EUR"}, {"belgie", "EUR"}, {"belgi\xc3\xab", "EUR"},
    {"netherlands", "EUR"}, {"nederland", "EUR"}, {"germany", "EUR"},
    {"france", "EUR"}, {"spain", "EUR"}, {"italy", "EUR"}, {"ireland", "EUR"},
    {"eire", "EUR"}, {"portugal", "EUR"}, {"austria", "EUR"},
    {"luxembourg", "EUR"}, {"finland", "EUR"}, {"switzerland", "CHF"},
    {"sweden", "SEK"}, {"denmark", "DKK"}, {"norway", "NOK"},
    {"poland", "PLN"}, {"japan", "JPY"},
};

/* The currency word in a header (case-insensitive; "eur" must not be
 * part of a longer word such as "europe" unless it is "euro"). */
static const char *currency_in_header(const char *h) {
  char low[128];
  size_t n = 0;
  for (; h[n] && n + 1 < sizeof low; n++)
    low[n] = (char)(h[n] >= 'A' && h[n] <= 'Z' ? h[n] + 32 : h[n]);
  low[n] = '\0';
  for (size_t k = 0; k < sizeof currency_words / sizeof *currency_words; k++) {
    const char *w = currency_words[k].word;
    size_t wl = strlen(w);
    for (const char *p = strstr(low, w); p; p = strstr(p + 1, w)) {
      bool letter_before = p > low && p[-1] >= 'a' && p[-1] <= 'z';
      bool letter_after = p[wl] >= 'a' && p[wl] <= 'z';
      bool word = wl > 3 || (unsigned char)w[0] >= 0x80 || w[0] == '$';
      if (word ? !letter_before : !letter_before && !letter_after)
        return currency_words[k].code;
    }
  }
  return NULL;
}

bool kw_dataset_currency(const kw_dataset *ds, const char *given,
                         kw_currency_info *out) {
  memset(out, 0, sizeof *out);
  snprintf(out->code, sizeof out->code, "EUR");
  if (given && given[0]) {
    snprintf(out->code, sizeof out->code, "%s", given);
    out->from = KW_CURRENCY_GIVEN;
    return true;
  }
  const kw_table *tx = ds ? kw_dataset_table(ds, KW_TABLE_TRANSACTIONS) : NULL;
  if (!tx) return false;
  /* 1. amounts written with a currency sign or code ("€ 12,50") */
  for (size_t c = 0; c < kw_table_ncols(tx); c++) {
    const kw_column *col = kw_table_col(tx, c);
    if (col->type != KW_TYPE_MONEY || !col->currency[0]) continue;
    static const struct {
      const char *code, *sign;
    } signs[] = {{"EUR", "\xe2\x82\xac"}, {"USD", "$"}, {"GBP", "\xc2\xa3"}};
    snprintf(out->code, sizeof out->code, "%s", col->currency);
    const char *sg = col->currency;
    for (size_t k = 0; k < 3; k++)
      if (strcmp(signs[k].code, col->currency) == 0) sg = signs[k].sign;
    out->from = KW_CURRENCY_SIGN;
    snprintf(out->column, sizeof out->column, "%s", col->name);
    snprintf(out->value, sizeof out->value, "%s", sg);
    return true;
  }
  /* 2. a header that names it: stored columns, then ignored ones */
  const kw_read_report *rr = kw_table_report(tx);
  size_t nc = kw_table_ncols(tx), ni = rr ? rr->n_ignored : 0;
  for (size_t c = 0; c < nc + ni; c++) {
    const char *h = c < nc ? kw_table_col(tx, c)->name : rr->ignored[c - nc];
    const char *hit = currency_in_header(h);
    if (hit) {
      snprintf(out->code, sizeof out->code, "%s", hit);
      out->from = KW_CURRENCY_HEADER;
      snprintf(out->column, sizeof out->column, "%s", h);
      return true;
    }
  }
  /* 3. a country column where 80% of the rows name one country */
  const kw_column *co = kw_table_role(tx, KW_ROLE_COUNTRY);
  if (!co || co->type != KW_TYPE_TEXT || !co->dict) return false;
  size_t nd = kw_dict_size(co->dict), rows = kw_table_rows(tx), used = 0;
  kw_context *ctx = kw_dataset_context(ds);
  uint64_t *cnt = kw_calloc(ctx, nd ? nd : 1, sizeof *cnt);
  if (!cnt) return false;
  for (size_t r = 0; r < rows; r++)
    if (co->v.text[r] < nd) cnt[co->v.text[r]]++, used++;
  size_t best = 0;
  for (size_t k = 1; k < nd; k++)
    if (cnt[k] > cnt[best]) best = k;
  if (nd && used && (double)cnt[best] >= 0.8 * (double)used) {
    const char *name = kw_dict_str(co->dict, (uint32_t)best);
    char low[64];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof low; n++)
      low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
    low[n] = '\0';
    for (size_t k = 0; out->from == KW_CURRENCY_ASSUMED &&
                       k < sizeof country_currency / sizeof *country_currency;
         k++)
      if (strcmp(low, country_currency[k].country) == 0) {
        snprintf(out->code, sizeof out->code, "%s", country_currency[k].code);
        out->from = KW_CURRENCY_COUNTRY;
        snprintf(out->column, sizeof out->column, "%s", co->name);
        snprintf(out->value, sizeof out->value, "%s", name);
        out->share = (double)cnt[best] / (double)used;
      }
  }
  kw_free(ctx, cnt);
  return out->from != KW_CURRENCY_ASSUMED;
}
