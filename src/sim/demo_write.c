/*
 * demo_write.c — writing the simulated business as CSV files.
 *
 * transactions.csv and invoices.csv list invoices in date order, as an
 * accounting package exports them: the invoices (kept per customer by the
 * simulation) are put in date order by a counting sort over the days of
 * the window (stable, so customers stay in number order within a day) and
 * numbered per year, "F2024-0000001" for invoices and "CN2024-000001" for
 * credit notes. customers.csv gets names, addresses and contact details
 * drawn from their own random stream, so they never change the figures.
 */
#include "sim/sim.h"

#include <gsl/gsl_randist.h>
#include <string.h>

/* "K000123" into buf (at least 24 bytes, no NUL); returns the length. */
static size_t format_customer_id(char *buf, const demo_gen *g, uint32_t i) {
  char tmp[16];
  int n = 0;
  uint32_t v = i + 1;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  size_t k = 0;
  buf[k++] = 'K';
  for (int z = n; z < g->idw; z++) buf[k++] = '0';
  while (n > 0) buf[k++] = tmp[--n];
  return k;
}

void demo_put_customer_id(demo_out *o, const demo_gen *g, uint32_t i) {
  char buf[24];
  demo_put(o, buf, format_customer_id(buf, g, i));
}

/* s as a CSV field into dst (quoted when needed, see demo_put_field);
 * returns the length. dst must hold 2 * strlen(s) + 2 bytes. */
static size_t format_field(char *dst, const char *s) {
  size_t k = 0;
  if (!strpbrk(s, ";\"\r\n")) {
    k = strlen(s);
    memcpy(dst, s, k);
    return k;
  }
  dst[k++] = '"';
  for (; *s; s++) {
    if (*s == '"') dst[k++] = '"';
    dst[k++] = *s;
  }
  dst[k++] = '"';
  return k;
}

/* ------------------------------------------------------------ sales */

static const char tx_header[] =
    "factuurnummer;klantnummer;factuurdatum;artikelcode;omschrijving;"
    "categorie;aantal;eenheidsprijs;bedrag;kostprijs;korting\n";
static const char inv_header[] =
    "factuurnummer;klantnummer;factuurdatum;vervaldatum;betaaldatum;bedrag;"
    "betalingstermijn;soort\n";

/* Invoice number into buf (NUL-terminated); returns its length. */
static size_t invoice_number(char *buf, bool credit, int year,
                             uint64_t seq) {
  char *p = buf;
  if (credit) *p++ = 'C', *p++ = 'N';
  else *p++ = 'F';
  p[0] = (char)('0' + year / 1000 % 10);
  p[1] = (char)('0' + year / 100 % 10);
  p[2] = (char)('0' + year / 10 % 10);
  p[3] = (char)('0' + year % 10);
  p[4] = '-';
  p += 5;
  char tmp[24];
  char *e = tmp + sizeof tmp, *d = e;
  do {
    *--d = (char)('0' + seq % 10);
    seq /= 10;
  } while (seq);
  int width = credit ? 6 : 7;
  for (int k = (int)(e - d); k < width; k++) *p++ = '0';
  memcpy(p, d, (size_t)(e - d));
  p += e - d;
  *p = '\0';
  return (size_t)(p - buf);
}

kw_status demo_write_sales(demo_gen *g) {
  kw_context *ctx = g->ctx;
  size_t ndays = (size_t)(g->end - g->start + 1);
  size_t ninv = g->inv.len;
  uint32_t *count = kw_calloc(ctx, ndays + 1, sizeof *count);
  uint32_t *perm = kw_malloc(ctx, (ninv + 1) * sizeof *perm);
  demo_out tx, iv;
  memset(&tx, 0, sizeof tx);
  memset(&iv, 0, sizeof iv);
  kw_status st = KW_OK;
  if (!count || !perm) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  const demo_inv *inv = g->inv.data;
  for (size_t k = 0; k < ninv; k++) count[inv[k].day - g->start + 1]++;
  for (size_t k = 0; k < ndays; k++) count[k + 1] += count[k];
  for (size_t k = 0; k < ninv; k++)
    perm[count[inv[k].day - g->start]++] = (uint32_t)k;

  if ((st = demo_out_open(ctx, &tx, g->dir, "transactions.csv")) ||
      (st = demo_out_open(ctx, &iv, g->dir, "invoices.csv")))
    goto done;
  tx.dates = iv.dates = g->dates;
  tx.date_lo = iv.date_lo = g->date_lo;
  tx.ndates = iv.ndates = g->ndates;
  demo_puts(&tx, tx_header);
  demo_puts(&iv, inv_header);

  const demo_line *lines = g->line.data;
  int year = 0;
  uint64_t seq[2] = {0, 0};
  /* Per product "code;name;category;" and ";price;", formatted once. */
  char prod[DEMO_NPROD][256], price[DEMO_NPROD][40];
  size_t prod_len[DEMO_NPROD], price_len[DEMO_NPROD];
  for (int p = 0; p < DEMO_NPROD; p++) {
    const demo_product *pr = &demo_products[p];
    char *b = prod[p];
    size_t k = format_field(b, pr->code);
    b[k++] = ';';
    k += format_field(b + k, pr->name);
    b[k++] = ';';
    k += format_field(b + k, demo_categories[pr->cat].name);
    b[k++] = ';';
    prod_len[p] = k;
    price[p][0] = ';';
    k = 1 + demo_format_money(price[p] + 1, pr->price);
    price[p][k++] = ';';
    price_len[p] = k;
  }
  char head[96]; /* "F2024-0000001;K000123;01/02/2024;" */
  for (size_t k = 0; k < ninv; k++) {
    const demo_inv *v = &inv[perm[k]];
    int y, m, d;
    kw_date_to_ymd(v->day, &y, &m, &d);
    if (y != year) {
      year = y;
      seq[0] = seq[1] = 0;
    }
    size_t nlen = invoice_number(head, v->credit, y, ++seq[v->credit]);
    head[nlen] = ';';
    size_t hlen = nlen + 1;
    hlen += format_customer_id(head + hlen, g, v->cust);
    head[hlen++] = ';';
    demo_format_dmy(head + hlen, v->day);
    hlen += 10;
    head[hlen++] = ';';
    for (uint32_t j = 0; j < v->nlines; j++) {
      const demo_line *ln = &lines[v->line0 + j];
      const demo_product *pr = &demo_products[ln->prod];
      demo_put(&tx, head, hlen);
      demo_put(&tx, prod[ln->prod], prod_len[ln->prod]);
      demo_put_i64(&tx, ln->qty);
      demo_put(&tx, price[ln->prod], price_len[ln->prod]);
      demo_put_money(&tx, ln->qty * pr->price - ln->discount);
      demo_putc(&tx, ';');
      demo_put_money(&tx, ln->qty * pr->cost);
      demo_putc(&tx, ';');
      demo_put_money(&tx, ln->discount);
      demo_putc(&tx, '\n');
    }
    demo_put(&iv, head, hlen);
    demo_put_date(&iv, v->due);
    demo_putc(&iv, ';');
    demo_put_date(&iv, v->paid);
    demo_putc(&iv, ';');
    demo_put_money(&iv, v->amount);
    demo_putc(&iv, ';');
    demo_put_u64(&iv, (uint64_t)(v->due - v->day));
    demo_puts(&iv, v->credit ? ";creditnota\n" : ";factuur\n");
  }
  st = demo_out_close(&tx);
  kw_status st2 = demo_out_close(&iv);
  if (!st) st = st2;
done:
  demo_out_abort(&tx);
  demo_out_abort(&iv);
  kw_free(ctx, count);
  kw_free(ctx, perm);
  return st;
}

/* -------------------------------------------------------- customers */

/* A small string builder over a fixed buffer (truncates silently). */
typedef struct sbuf {
  char s[256];
  size_t n;
} sbuf;

static void sb_add(sbuf *b, const char *s) {
  size_t k = strlen(s);
  if (k > sizeof b->s - 1 - b->n) k = sizeof b->s - 1 - b->n;
  memcpy(b->s + b->n, s, k);
  b->n += k;
  b->s[b->n] = '\0';
}

static void sb_digits(sbuf *b, uint32_t v, int width) {
  char tmp[16];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v || n < width);
  while (n > 0 && b->n < sizeof b->s - 1) b->s[b->n++] = tmp[--n];
  b->s[b->n] = '\0';
}

/* Lower-case letters and digits of an ASCII string ("IT-diensten" ->
 * "itdiensten"). */
static void sb_slug(sbuf *b, const char *s) {
  for (; *s && b->n < sizeof b->s - 1; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) b->s[b->n++] = c;
  }
  b->s[b->n] = '\0';
}

static const demo_name *pick_first(gsl_rng *r) {
  if (gsl_rng_uniform(r) < 0.5)
    return &demo_first_m[demo_uint(r, (uint32_t)demo_nfirst_m)];
  return &demo_first_f[demo_uint(r, (uint32_t)demo_nfirst_f)];
}

static void phone(sbuf *b, gsl_rng *r, const char *zone, bool mobile) {
  sb_add(b, "+32 ");
  if (mobile) {
    sb_add(b, "4");
    sb_digits(b, 70 + demo_uint(r, 30), 2);
    for (int k = 0; k < 3; k++) {
      sb_add(b, " ");
      sb_digits(b, demo_uint(r, 100), 2);
    }
    return;
  }
  sb_add(b, zone);
  if (strlen(zone) == 1) {
    sb_add(b, " ");
    sb_digits(b, 200 + demo_uint(r, 800), 3);
  } else {
    sb_add(b, " ");
    sb_digits(b, 20 + demo_uint(r, 80), 2);
  }
  sb_add(b, " ");
  sb_digits(b, demo_uint(r, 100), 2);
  sb_add(b, " ");
  sb_digits(b, demo_uint(r, 100), 2);
}

static const char cust_header[] =
    "klantnummer;naam;klanttype;e-mail;telefoon;adres;postcode;gemeente;"
    "sector;grootte;acquisitiedatum;acquisitiekanaal;acquisitiekost;"
    "marketingtoestemming\n";

kw_status demo_write_customers(demo_gen *g) {
  kw_context *ctx = g->ctx;
  gsl_rng rng;
  kw_status st = demo_rng_init(g, &rng, 8);
  if (st) return st;
  gsl_rng *r = &rng;
  demo_out o;
  if ((st = demo_out_open(ctx, &o, g->dir, "customers.csv"))) {
    demo_rng_free(g, &rng);
    return st;
  }
  o.dates = g->dates;
  o.date_lo = g->date_lo;
  o.ndates = g->ndates;
  demo_puts(&o, cust_header);
  demo_cdf streets, providers;
  demo_cdf_init_wstr(&streets, demo_streets, demo_nstreets);
  demo_cdf_init_wstr(&providers, demo_mail_providers, demo_nmail_providers);

  for (size_t i = 0; i < g->n; i++) {
    const demo_cust *c = &g->cust[i];
    const demo_city *city = &demo_cities[c->city];
    const demo_name *first = pick_first(r);
    const demo_name *last = &demo_last[demo_uint(r, (uint32_t)demo_nlast)];
    sbuf name = {{0}, 0}, mail = {{0}, 0}, tel = {{0}, 0}, addr = {{0}, 0};
    if (c->b2b) {
      const char *const *pre = demo_sector_prefixes[c->sector];
      size_t npre = 0;
      while (pre[npre]) npre++;
      const char *legal;
      double u = gsl_rng_uniform(r);
      if (c->size >= 2)
        legal = u < 0.6 ? "NV" : "BV";
      else
        legal = u < 0.85 ? "BV" : u < 0.95 ? "VOF" : "CommV";
      sbuf slug = {{0}, 0};
      u = gsl_rng_uniform(r);
      bool vzw = !strcmp(demo_sectors[c->sector].s, "Overheid & vzw");
      if (vzw) { /* Sportclub Lier vzw */
        const char *p = pre[demo_uint(r, (uint32_t)npre)];
        sb_add(&name, p);
        sb_add(&name, " ");
        sb_add(&name, city->name);
        sb_slug(&slug, p);
        sb_slug(&slug, city->name);
        legal = "vzw";
      } else if (u < 0.3) { /* Bakkerij Peeters BV */
        const char *p = pre[demo_uint(r, (uint32_t)npre)];
        sb_add(&name, p);
        sb_add(&name, " ");
        sb_add(&name, last->s);
        sb_slug(&slug, p);
        sb_add(&slug, last->ascii);
      } else if (u < 0.55) { /* Mertens Consult BV */
        const char *sfx = demo_company_suffixes[demo_uint(
            r, (uint32_t)demo_ncompany_suffixes)];
        sb_add(&name, last->s);
        sb_add(&name, " ");
        sb_add(&name, sfx);
        sb_add(&slug, last->ascii);
        sb_slug(&slug, sfx);
      } else if (u < 0.7) { /* Claes & Wouters VOF */
        const demo_name *l2 = &demo_last[demo_uint(r, (uint32_t)demo_nlast)];
        sb_add(&name, last->s);
        sb_add(&name, " & ");
        sb_add(&name, l2->s);
        sb_add(&slug, last->ascii);
        sb_add(&slug, l2->ascii);
      } else if (u < 0.85) { /* Peeters NV */
        sb_add(&name, last->s);
        sb_add(&slug, last->ascii);
      } else { /* Kapsalon Lotte BV, Brasserie Koen BV */
        const char *p = pre[demo_uint(r, (uint32_t)npre)];
        /* a first name only for shops and horeca, else the family name */
        const char *sec = demo_sectors[c->sector].s;
        const demo_name *f2 =
            !strcmp(sec, "Horeca") || !strcmp(sec, "Detailhandel")
                ? pick_first(r)
                : last;
        sb_add(&name, p);
        sb_add(&name, " ");
        sb_add(&name, f2->s);
        sb_slug(&slug, p);
        sb_add(&slug, f2->ascii);
      }
      sb_add(&name, " ");
      sb_add(&name, legal);
      if (gsl_rng_uniform(r) < 0.5) {
        sb_add(&mail, "info@");
      } else {
        sb_add(&mail, first->ascii);
        sb_add(&mail, "@");
      }
      sb_add(&mail, slug.s);
      sb_add(&mail, ".be");
      phone(&tel, r, city->zone, gsl_rng_uniform(r) < 0.2);
    } else {
      sb_add(&name, first->s);
      sb_add(&name, " ");
      sb_add(&name, last->s);
      sb_add(&mail, first->ascii);
      sb_add(&mail, ".");
      sb_add(&mail, last->ascii);
      if (gsl_rng_uniform(r) < 0.4) sb_digits(&mail, demo_uint(r, 100), 2);
      sb_add(&mail, "@");
      sb_add(&mail, demo_mail_providers[demo_cdf_draw(&providers, r)].s);
      phone(&tel, r, city->zone, gsl_rng_uniform(r) < 0.85);
    }
    sb_add(&addr, demo_streets[demo_cdf_draw(&streets, r)].s);
    sb_add(&addr, " ");
    /* house numbers: many small ones, a few large */
    double u = gsl_rng_uniform(r);
    sb_digits(&addr, 1 + (uint32_t)(u * u * 240), 1);
    if (gsl_rng_uniform(r) < 0.1) {
      sb_add(&addr, " bus ");
      sb_digits(&addr, 1 + demo_uint(r, 12), 1);
    }

    demo_put_customer_id(&o, g, (uint32_t)i);
    demo_putc(&o, ';');
    demo_put_field(&o, name.s);
    demo_putc(&o, ';');
    demo_puts(&o, c->b2b ? "bedrijf" : "particulier");
    demo_putc(&o, ';');
    demo_put_field(&o, mail.s);
    demo_putc(&o, ';');
    demo_puts(&o, tel.s);
    demo_putc(&o, ';');
    demo_put_field(&o, addr.s);
    demo_putc(&o, ';');
    demo_puts(&o, city->postcode);
    demo_putc(&o, ';');
    demo_puts(&o, city->name);
    demo_putc(&o, ';');
    demo_puts(&o, c->b2b ? demo_sectors[c->sector].s : "particulier");
    demo_putc(&o, ';');
    demo_puts(&o, c->b2b ? demo_sizes[c->size].s : demo_ages[c->size].s);
    demo_putc(&o, ';');
    demo_put_date(&o, c->acq);
    demo_putc(&o, ';');
    demo_puts(&o, demo_channel_names[c->channel]);
    demo_putc(&o, ';');
    demo_put_money(&o, c->cac);
    demo_putc(&o, ';');
    demo_puts(&o, c->flags & DEMO_F_CONSENT ? "ja\n" : "nee\n");
  }
  demo_rng_free(g, &rng);
  return demo_out_close(&o);
}

kw_status demo_write_referrals(demo_gen *g) {
  demo_out o;
  kw_status st = demo_out_open(g->ctx, &o, g->dir, "referrals.csv");
  if (st) return st;
  o.dates = g->dates;
  o.date_lo = g->date_lo;
  o.ndates = g->ndates;
  demo_puts(&o, "aanbrenger;klantnummer;datum\n");
  for (size_t i = 0; i < g->n; i++) {
    const demo_cust *c = &g->cust[i];
    if (c->referrer == DEMO_NONE) continue;
    demo_put_customer_id(&o, g, c->referrer);
    demo_putc(&o, ';');
    demo_put_customer_id(&o, g, (uint32_t)i);
    demo_putc(&o, ';');
    demo_put_date(&o, c->acq);
    demo_putc(&o, '\n');
  }
  return demo_out_close(&o);
}

kw_status demo_write_truth_customers(demo_gen *g) {
  demo_out o;
  kw_status st = demo_out_open(g->ctx, &o, g->dir, "truth_customers.csv");
  if (st) return st;
  static const char *const payer[] = {"fast", "slow", "problematic"};
  demo_puts(&o,
            "customer,segment,lambda_per_week,p_dropout,nu,mean_order_value,"
            "orders,alive_at_end,dropout_date,payer,terms,discount_pct,"
            "unprofitable,satisfaction,referrer\n");
  for (size_t i = 0; i < g->n; i++) {
    const demo_cust *c = &g->cust[i];
    demo_put_customer_id(&o, g, (uint32_t)i);
    demo_puts(&o, c->b2b ? ",b2b," : ",b2c,");
    demo_put_real(&o, c->lambda);
    demo_putc(&o, ',');
    demo_put_real(&o, c->p);
    demo_putc(&o, ',');
    demo_put_real(&o, c->nu);
    demo_putc(&o, ',');
    demo_put_real(&o, g->par.p / c->nu);
    demo_putc(&o, ',');
    demo_put_u64(&o, c->norders);
    demo_puts(&o, c->death == KW_NA_DATE ? ",1," : ",0,");
    demo_put_iso(&o, c->death);
    demo_putc(&o, ',');
    demo_puts(&o, payer[c->payer]);
    demo_putc(&o, ',');
    demo_put_u64(&o, c->terms);
    demo_putc(&o, ',');
    demo_put_u64(&o, c->disc);
    demo_puts(&o, c->flags & DEMO_F_UNPROF ? ",1," : ",0,");
    demo_put_real(&o, c->sat);
    demo_putc(&o, ',');
    if (c->referrer != DEMO_NONE) demo_put_customer_id(&o, g, c->referrer);
    demo_putc(&o, '\n');
  }
  return demo_out_close(&o);
}
