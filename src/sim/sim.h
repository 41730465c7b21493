/*
 * sim.h — the one internal header of the business simulator (src/sim/),
 * which draws the demo data set of klantwijs/demo.h. Shared pieces:
 * the static tables of the imaginary business (demo_tables.c), the buffered
 * atomic file writer with locale-free number formatting (demo_out.c), and
 * the generator state passed between the stages (demo.c, demo_sim.c,
 * demo_write.c).
 */
#ifndef KW_SIM_SIM_H
#define KW_SIM_SIM_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/data.h"
#include "klantwijs/demo.h"

/* ------------------------------------------------------------- tables */

enum { DEMO_NCAT = 8, DEMO_NPROD = 32 };

typedef struct demo_category {
  const char *code;
  const char *name;
  double w_b2b, w_b2c; /* base weight of the category in an order line */
} demo_category;

typedef struct demo_product {
  const char *code;
  const char *name;
  int cat;
  int64_t price; /* cents, excl. VAT */
  int64_t cost;  /* cost price, cents */
  int maxq;      /* a usual largest quantity on one line */
  double pop;    /* popularity within its category */
} demo_product;

extern const demo_category demo_categories[DEMO_NCAT];
extern const demo_product demo_products[DEMO_NPROD];
/* affinity[c][d]: factor on the weight of category d in every later order
 * once the customer has bought from category c. */
extern const double demo_affinity[DEMO_NCAT][DEMO_NCAT];

/* A string with a weight; tables of them are drawn from with demo_cdf. */
typedef struct demo_wstr {
  const char *s;
  double w;
} demo_wstr;

typedef struct demo_city {
  const char *postcode;
  const char *name;
  const char *zone; /* telephone zone without the leading 0 */
  double w;
} demo_city;

/* A name with its lower-case ASCII form for e-mail addresses. */
typedef struct demo_name {
  const char *s;
  const char *ascii;
} demo_name;

typedef struct demo_comment {
  const char *s;
  int group; /* 0 detractor (NPS 0-6), 1 passive (7-8), 2 promoter (9-10) */
} demo_comment;

extern const demo_city demo_cities[];
extern const size_t demo_ncities;
extern const demo_name demo_first_m[], demo_first_f[], demo_last[];
extern const size_t demo_nfirst_m, demo_nfirst_f, demo_nlast;
extern const demo_wstr demo_streets[];
extern const size_t demo_nstreets;
extern const demo_wstr demo_sectors[]; /* B2B sectors */
extern const size_t demo_nsectors;
/* Company name prefixes per sector (NULL-terminated lists). */
extern const char *const *const demo_sector_prefixes[];
extern const char *const demo_company_suffixes[];
extern const size_t demo_ncompany_suffixes;
extern const demo_wstr demo_sizes[], demo_ages[];
extern const size_t demo_nsizes, demo_nages;
extern const demo_wstr demo_mail_providers[];
extern const size_t demo_nmail_providers;
extern const demo_comment demo_comments[];
extern const size_t demo_ncomments;
extern const char *const demo_competitors[];
extern const size_t demo_ncompetitors;

/* Acquisition channels. */
enum {
  DEMO_CH_WEBSITE = 0,
  DEMO_CH_GOOGLE,
  DEMO_CH_BEURS,
  DEMO_CH_REFERRAL,
  DEMO_CH_REP,
  DEMO_CH_SOCIAL,
  DEMO_NCHANNELS
};
extern const char *const demo_channel_names[DEMO_NCHANNELS];
extern const double demo_channel_w_b2b[DEMO_NCHANNELS];
extern const double demo_channel_w_b2c[DEMO_NCHANNELS];
/* Acquisition cost per channel: uniform between lo and hi, cents. */
extern const int64_t demo_cac_lo[DEMO_NCHANNELS], demo_cac_hi[DEMO_NCHANNELS];

/* ------------------------------------------------------------ drawing */

#define DEMO_CDF_MAX 128

/* Cumulative weights of a small table, drawn from by binary search. */
typedef struct demo_cdf {
  double c[DEMO_CDF_MAX];
  size_t n;
} demo_cdf;

void demo_cdf_reset(demo_cdf *d);
void demo_cdf_add(demo_cdf *d, double w);
void demo_cdf_init_wstr(demo_cdf *d, const demo_wstr *t, size_t n);
size_t demo_cdf_draw(const demo_cdf *d, gsl_rng *r);

/* A uniform integer in [0, n) (n >= 1). */
static inline uint32_t demo_uint(gsl_rng *r, uint32_t n) {
  return (uint32_t)gsl_rng_uniform_int(r, n);
}

/* 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
static inline int demo_weekday(int32_t day) {
  int w = (int)(((int64_t)day + 3) % 7);
  return w < 0 ? w + 7 : w;
}

/* ------------------------------------------------------------- output */

/*
 * A file being written: bytes collect in a large buffer and go out in big
 * write() calls to "NAME.tmp.XXXXXX" in the folder; demo_out_close renames
 * it to NAME. Errors are sticky: the first one is kept in st and every later
 * call does nothing, so row writers need not check each field.
 */
typedef struct demo_out {
  kw_context *ctx;
  int fd;
  char *tmp;   /* temporary path */
  char *final; /* final path */
  char *buf;
  size_t len, cap;
  uint64_t bytes; /* written so far */
  kw_status st;
  int slot; /* in the registry of temporaries (io/atomic.h) */
  /* dd/mm/yyyy strings of the days date_lo .. date_lo + ndates - 1 */
  const char *dates;
  int32_t date_lo;
  size_t ndates;
} demo_out;

kw_status demo_out_open(kw_context *ctx, demo_out *o, const char *dir,
                        const char *name);
/* Flush, close and rename; on any earlier error remove the temporary file
 * and return that error. */
kw_status demo_out_close(demo_out *o);
/* Remove the temporary file without renaming (after a failure elsewhere). */
void demo_out_abort(demo_out *o);
void demo_out_flush(demo_out *o);

/* Slow path of demo_put: flushes as often as needed. */
void demo_put_slow(demo_out *o, const char *s, size_t n);

static inline void demo_put(demo_out *o, const char *s, size_t n) {
  if (o->cap - o->len >= n) {
    memcpy(o->buf + o->len, s, n);
    o->len += n;
  } else {
    demo_put_slow(o, s, n);
  }
}
static inline void demo_puts(demo_out *o, const char *s) {
  demo_put(o, s, strlen(s));
}
static inline void demo_putc(demo_out *o, char c) {
  if (o->len == o->cap) demo_out_flush(o);
  o->buf[o->len++] = c;
}
/* A CSV field: quoted (with "" doubling) only when it holds ';', '"' or a
 * line break. */
void demo_put_field(demo_out *o, const char *s);
void demo_put_u64(demo_out *o, uint64_t v);
void demo_put_i64(demo_out *o, int64_t v);
/* Cents as "1.234,56", "-12,50", "0,00" (Belgian Excel style). */
void demo_put_money(demo_out *o, int64_t cents);
/* The same into buf (at least 32 bytes, no NUL); returns the length. */
size_t demo_format_money(char *buf, int64_t cents);
/* Hundredths as "1,5", "2", "0,25" (shortest, decimal comma). */
void demo_put_hundredths(demo_out *o, int64_t v);
/* A day as dd/mm/yyyy; nothing for KW_NA_DATE. */
void demo_put_date(demo_out *o, int32_t day);
/* A day as yyyy-mm-dd (truth files). */
void demo_put_iso(demo_out *o, int32_t day);
/* A double with '.' and up to 6 decimals, trailing zeros dropped. */
void demo_put_real(demo_out *o, double v);

/* The text of an errno value, thread-safe (XSI strerror_r). */
/* The reason of errno err as a value of a keyed message (kw_sys_reason). */
const char *demo_errtext(int err, char *buf, size_t n);
#define DEMO_ERRTEXT(e) demo_errtext((e), (char[128]){0}, 128)

/* Writes "dd/mm/yyyy" into buf (10 bytes, no NUL). */
void demo_format_dmy(char *buf, int32_t day);

/* ---------------------------------------------------------- generator */

/* The generating parameters; all of them go into truth.json. */
typedef struct demo_params {
  double r, alpha, a, b;   /* BG/NBD, time unit one week */
  double p, q, gamma;      /* Gamma-Gamma, order value in euros */
  double b2b_share;        /* share of companies among customers */
  double growth;           /* yearly growth of the acquisition rate */
  double lines_base, lines_slope; /* lines = 1 + Poisson(base + slope *
                                      min(z / E[z], 3)) */
  double payer_b2b[3], payer_b2c[3]; /* fast, slow, problematic */
  double terms60_b2b;      /* share of companies with 60-day terms */
  double never_paid;       /* share of a problematic payer's invoices */
  double return_prob, return_prob_unprof; /* credit note per order */
  double ship_prob;        /* orders with a shipping cost row */
  int64_t hour_rate;       /* cents per service hour (internal cost) */
  int64_t ticket_rate;     /* cents per support ticket */
  double unprof_top;       /* unprofitable ones come from this top share of
                              companies by order value */
} demo_params;

enum { DEMO_FAST = 0, DEMO_SLOW, DEMO_PROBLEM };
enum { DEMO_F_UNPROF = 1, DEMO_F_CONSENT = 2 };
enum { DEMO_COST_HOURS = 0, DEMO_COST_TICKET, DEMO_COST_SHIPPING,
       DEMO_COST_RETURNS, DEMO_NCOSTS };
extern const char *const demo_cost_names[DEMO_NCOSTS];

#define DEMO_NONE UINT32_MAX

typedef struct demo_cust {
  int32_t acq;       /* acquisition day = day of the first order */
  int32_t death;     /* day of the purchase after which the customer
                        dropped out; KW_NA_DATE = alive at the end */
  uint32_t order0;   /* first of its orders in order_day / order_z */
  uint32_t norders;  /* regular orders (the first one included) */
  uint32_t referrer; /* index of the customer who referred it, or NONE */
  uint32_t inv0;     /* its invoices and credit notes in inv */
  uint32_t ninv;
  float lambda;      /* purchase rate per week */
  float p;           /* dropout probability after a repeat purchase */
  float nu;          /* Gamma-Gamma rate: mean order value = p / nu */
  float sat;         /* latent satisfaction (feedback scores) */
  int32_t cac;       /* acquisition cost, cents */
  uint8_t b2b, channel, sector, size, payer, terms, disc, flags, city;
} demo_cust;

typedef struct demo_inv {
  uint32_t cust;
  int32_t day, due, paid; /* paid = KW_NA_DATE: open at the end */
  uint32_t line0;
  uint16_t nlines;
  uint8_t credit;  /* 1 for a credit note */
  uint8_t cats;    /* bit c: a line of category c */
  int64_t amount;  /* net amount (sum of the lines), cents */
} demo_inv;

typedef struct demo_line {
  int32_t qty;      /* negative on credit notes */
  uint32_t prod;
  int64_t discount; /* cents; negative on credit notes */
} demo_line;

enum { DEMO_NSTREAMS = 8 };

typedef struct demo_gen {
  kw_context *ctx;
  const char *dir;
  uint64_t seed;
  size_t n;
  int32_t start, end;
  int idw; /* digits of a customer number */
  demo_params par;
  demo_cust *cust;
  kw_buf order_day; /* int32_t */
  kw_buf order_z;   /* float, euros: the Gamma-Gamma target value */
  kw_buf inv;       /* demo_inv */
  kw_buf line;      /* demo_line */
  uint32_t *unprof; /* indices of the unprofitable customers, ascending */
  size_t n_unprof;
  char *dates;      /* dd/mm/yyyy of date_lo .. date_lo + ndates - 1 */
  int32_t date_lo;
  size_t ndates;
  /* counts for truth.json */
  uint64_t n_b2b, orders, credit_notes, lines, credit_lines, churned;
  uint64_t referrals, touchpoints, feedback;
  uint64_t cost_rows[DEMO_NCOSTS];
  uint64_t payers[3], payer_invoices[3], open_invoices, never_paid;
  uint64_t hours_x100, tickets;
  int64_t revenue, cogs, discounts, shipping, returns_cost;
  uint64_t channels[DEMO_NCHANNELS];
} demo_gen;

/* A generator for one purpose ("stream"), seeded from the data set's seed,
 * its state allocated through the context. Free with demo_rng_free. */
kw_status demo_rng_init(demo_gen *g, gsl_rng *r, unsigned stream);
void demo_rng_free(demo_gen *g, gsl_rng *r);

/* Stages (demo_sim.c), in this order. */
kw_status demo_sim_customers(demo_gen *g);
kw_status demo_sim_purchases(demo_gen *g);
kw_status demo_sim_select(demo_gen *g);
/* Lines, credit notes, payments; costs, touchpoints and feedback written
 * customer by customer. */
kw_status demo_sim_orders(demo_gen *g, demo_out *costs, demo_out *touch,
                          demo_out *fb);

/* Writers (demo_write.c). */
void demo_put_customer_id(demo_out *o, const demo_gen *g, uint32_t i);
kw_status demo_write_sales(demo_gen *g);
kw_status demo_write_customers(demo_gen *g);
kw_status demo_write_referrals(demo_gen *g);
kw_status demo_write_truth_customers(demo_gen *g);

#endif
