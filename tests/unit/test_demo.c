/*
 * Unit tests: the demo data set (kw_demo_generate).
 *
 * The files are read back with a small CSV splitter written here (not with
 * the library's reader), and every expectation is computed independently:
 * the BG/NBD mean number of orders from the closed form of Fader, Hardie &
 * Lee (2005, eq. 7), itself checked against a numeric integral over the
 * dropout probability; the share of customers still alive from
 * E[(alpha / (alpha + p T))^r] by numeric integration; invoice totals from
 * their lines; lateness from the dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>
#include <jansson.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "klantwijs.h"

/* ----------------------------------------------------------- helpers */

static char *tmp_dir(void) {
  char *d = malloc(4096);
  snprintf(d, 4096, "%s/demo_test.XXXXXX", KW_BINARY_DIR);
  if (!mkdtemp(d)) {
    snprintf(d, 4096, "/tmp/kw_demo_test.XXXXXX");
    assert_non_null(mkdtemp(d));
  }
  return d;
}

static void rm_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char path[4200];
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    unlink(path);
  }
  closedir(d);
  rmdir(dir);
}

/* Number of entries in dir whose name contains ".tmp.". */
static int count_tmp_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strstr(e->d_name, ".tmp.")) n++;
  closedir(d);
  return n;
}

static char *read_all(const char *dir, const char *name, size_t *len) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  size_t got = fread(b, 1, (size_t)n, f);
  fclose(f);
  assert_int_equal(got, (size_t)n);
  b[n] = '\0';
  if (len) *len = (size_t)n;
  return b;
}

static kw_status generate(const char *dir, size_t n, uint64_t seed) {
  kw_context *ctx = kw_context_new();
  kw_demo_options o;
  kw_demo_options_init(&o);
  o.customers = n;
  o.seed = seed;
  o.dir = dir;
  kw_status st = kw_demo_generate(ctx, &o);
  if (st) fprintf(stderr, "demo: %s\n", kw_errmsg(ctx));
  kw_context_free(ctx);
  return st;
}

/* A CSV file split into cells (in place). Quoted fields ("a;b", "x""y")
 * are unquoted. bad counts rows whose field count differs from the
 * header's. */
typedef struct csv {
  char *buf;
  size_t rows, cols; /* data rows; columns of the header */
  char **cell;       /* rows x cols */
  char **head;
  size_t bad;
  bool has_cr;
} csv;

static size_t split_line(char *s, char **f, size_t maxf) {
  size_t n = 0;
  for (;;) {
    char *start = s, *w = s;
    if (*s == '"') {
      s++;
      for (;;) {
        if (*s == '\0') break;
        if (*s == '"') {
          if (s[1] == '"') {
            *w++ = '"';
            s += 2;
            continue;
          }
          s++;
          break;
        }
        *w++ = *s++;
      }
      while (*s && *s != ';') *w++ = *s++;
    } else {
      while (*s && *s != ';') s++;
      w = s;
    }
    char end = *s;
    *w = '\0';
    if (n < maxf) f[n] = start;
    n++;
    if (end != ';') break;
    s++;
  }
  return n;
}

static void csv_load(csv *c, const char *dir, const char *name) {
  memset(c, 0, sizeof *c);
  c->buf = read_all(dir, name, NULL);
  assert_non_null(c->buf);
  c->has_cr = strchr(c->buf, '\r') != NULL;
  size_t lines = 0;
  for (char *p = c->buf; *p; p++) lines += *p == '\n';
  char *line = c->buf;
  char *nl = strchr(line, '\n');
  assert_non_null(nl);
  *nl = '\0';
  char *hf[64];
  c->cols = split_line(line, hf, 64);
  c->head = malloc(c->cols * sizeof *c->head);
  memcpy(c->head, hf, c->cols * sizeof *hf);
  c->cell = malloc((lines + 1) * c->cols * sizeof *c->cell);
  line = nl + 1;
  while (*line) {
    nl = strchr(line, '\n');
    assert_non_null(nl); /* every line ends with a newline */
    *nl = '\0';
    char *f[64];
    size_t n = split_line(line, f, 64);
    if (n != c->cols) {
      c->bad++;
    } else {
      memcpy(c->cell + c->rows * c->cols, f, n * sizeof *f);
      c->rows++;
    }
    line = nl + 1;
  }
}

static void csv_free(csv *c) {
  free(c->buf);
  free(c->cell);
  free(c->head);
}

static const char *cell(const csv *c, size_t r, size_t k) {
  return c->cell[r * c->cols + k];
}

static void check_header(const csv *c, const char *expected) {
  char joined[1024] = "";
  for (size_t k = 0; k < c->cols; k++) {
    if (k) strcat(joined, ";");
    strcat(joined, c->head[k]);
  }
  assert_string_equal(joined, expected);
  assert_int_equal(c->bad, 0);
  assert_false(c->has_cr);
}

/* Strict Belgian money -> cents: an optional '-', then 1-3 digits
 * followed by groups of a '.' and 3 digits (amounts from 1000 always have
 * the dots), ',' and two decimals: "0,00", "-12,50", "1.234,56". */
static bool money(const char *s, int64_t *out) {
  *out = 0;
  bool neg = *s == '-';
  if (neg) s++;
  int64_t v = 0;
  int group = 0;
  bool dotted = false;
  for (; *s && *s != ','; s++) {
    if (*s == '.') {
      if (group == 0 || group > 3 || (dotted && group != 3)) return false;
      dotted = true;
      group = 0;
      continue;
    }
    if (*s < '0' || *s > '9') return false;
    v = v * 10 + (*s - '0');
    group++;
  }
  if (group == 0 || group > 3 || (dotted && group != 3)) return false;
  if (*s != ',' || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9' ||
      s[3])
    return false;
  v = v * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  *out = neg ? -v : v;
  return true;
}

/* Strict dd/mm/yyyy -> days since 1970-01-01. */
static bool dmy(const char *s, int32_t *out) {
  *out = 0;
  if (strlen(s) != 10 || s[2] != '/' || s[5] != '/') return false;
  for (int k = 0; k < 10; k++)
    if (k != 2 && k != 5 && (s[k] < '0' || s[k] > '9')) return false;
  int d = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  int y = atoi(s + 6);
  if (m < 1 || m > 12 || d < 1) return false;
  int32_t days = kw_date_from_ymd(y, m, d);
  int yy, mm, dd;
  kw_date_to_ymd(days, &yy, &mm, &dd);
  if (yy != y || mm != m || dd != d) return false;
  *out = days;
  return true;
}

static bool integer(const char *s, long *out) {
  char *end;
  *out = 0;
  if (!*s) return false;
  *out = strtol(s, &end, 10);
  return *end == '\0';
}

/* "K000123" -> 122, or -1. */
static long cust_index(const char *s, size_t n) {
  if (s[0] != 'K' || strlen(s) < 7) return -1;
  long v;
  if (!integer(s + 1, &v) || v < 1 || (size_t)v > n) return -1;
  return v - 1;
}

static bool in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0) return true;
  return false;
}

/* ----------------------------------------------------- BG/NBD maths */

/* Gauss' 2F1(a, b; c; z) by its power series, 0 <= z < 1. */
static double h2f1(double a, double b, double c, double z) {
  double term = 1, sum = 1;
  for (int n = 0; n < 1000000; n++) {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (fabs(term) < 1e-16 * fabs(sum)) break;
  }
  return sum;
}

/* FHL 2005 eq. (7): E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r
 * 2F1(r, b; a+b-1; t/(alpha+t))]. */
static double bgnbd_ex(double r, double al, double a, double b, double t) {
  return (a + b - 1) / (a - 1) *
         (1 - pow(al / (al + t), r) * h2f1(r, b, a + b - 1, t / (al + t)));
}

/* E over p ~ Beta(a, b) of f(p), by Simpson's rule after p = u^(1/a),
 * which removes the p^(a-1) singularity:
 * E f = 1 / (a B(a,b)) * int_0^1 f(u^(1/a)) (1 - u^(1/a))^(b-1) du. */
static double beta_expect(double (*f)(double p, const double *k),
                          const double *k, double a, double b) {
  const int m = 4000; /* even */
  double s = 0;
  for (int i = 0; i <= m; i++) {
    double u = (double)i / m;
    double p = pow(u, 1 / a);
    double v = (p >= 1 ? 0 : f(p, k) * pow(1 - p, b - 1));
    s += v * (i == 0 || i == m ? 1 : i % 2 ? 4 : 2);
  }
  return s / (3.0 * m) / (a * gsl_sf_beta(a, b));
}

/* E[X(t) | p] = (1 - E_lambda[exp(-lambda p t)]) / p
 *             = (1 - (alpha / (alpha + p t))^r) / p;  k = {r, alpha, t} */
static double ex_given_p(double p, const double *k) {
  if (p < 1e-12) return k[0] * k[2] / k[1];
  return (1 - pow(k[1] / (k[1] + p * k[2]), k[0])) / p;
}

/* P(alive at t | p) = (alpha / (alpha + p t))^r */
static double alive_given_p(double p, const double *k) {
  return pow(k[1] / (k[1] + p * k[2]), k[0]);
}

static void test_bgnbd_formula(void **state) {
  (void)state;
  /* the series against GSL's 2F1 */
  assert_true(fabs(h2f1(1.1, 4.0, 3.8, 0.5) -
                   gsl_sf_hyperg_2F1(1.1, 4.0, 3.8, 0.5)) < 1e-10);
  /* the closed form against the integral over p, CDNOW parameters of
   * FHL 2005 (r .243, alpha 4.414, a .793, b 2.426) and ours */
  const double prm[2][4] = {{0.243, 4.414, 0.793, 2.426},
                            {1.1, 10.0, 0.8, 4.0}};
  for (int j = 0; j < 2; j++)
    for (double t = 5; t < 160; t += 25) {
      double k[3] = {prm[j][0], prm[j][1], t};
      double a = bgnbd_ex(prm[j][0], prm[j][1], prm[j][2], prm[j][3], t);
      double b = beta_expect(ex_given_p, k, prm[j][2], prm[j][3]);
      assert_true(fabs(a - b) < 1e-4 * (1 + a));
    }
  /* without dropout (b -> infinity) E[X(t)] -> r t / alpha */
  double e = bgnbd_ex(1.1, 10, 2.0, 1e6, 20);
  assert_true(fabs(e - 1.1 * 20 / 10) < 1e-3);
}

/* ------------------------------------------------------- fixtures */

typedef struct fixture {
  char *dir;
  size_t n;
  json_t *truth;
  csv cust, tx, inv, costs, fb, touch, refs, tc;
  int32_t start, end;
} fixture;

static const char H_CUST[] =
    "klantnummer;naam;klanttype;e-mail;telefoon;adres;postcode;gemeente;"
    "sector;grootte;acquisitiedatum;acquisitiekanaal;acquisitiekost;"
    "marketingtoestemming";
static const char H_TX[] =
    "factuurnummer;klantnummer;factuurdatum;artikelcode;omschrijving;"
    "categorie;aantal;eenheidsprijs;bedrag;kostprijs;korting";
static const char H_INV[] =
    "factuurnummer;klantnummer;factuurdatum;vervaldatum;betaaldatum;bedrag;"
    "betalingstermijn;soort";
static const char H_COSTS[] = "klantnummer;datum;type;aantal;bedrag";
static const char H_FB[] =
    "klantnummer;datum;nps;csat;ces;opmerking;prijs;service;innovatie;"
    "concurrent;concurrent prijs;concurrent service;concurrent innovatie";
static const char H_TOUCH[] = "klantnummer;datum;fase;kanaal";
static const char H_REFS[] = "aanbrenger;klantnummer;datum";

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->dir = tmp_dir();
  f->n = 20000;
  if (generate(f->dir, f->n, 42) != KW_OK) return -1;
  char path[4200];
  snprintf(path, sizeof path, "%s/truth.json", f->dir);
  json_error_t err;
  f->truth = json_load_file(path, 0, &err);
  if (!f->truth) return -1;
  f->start = kw_date_from_ymd(2023, 1, 1);
  f->end = kw_date_from_ymd(2025, 12, 31);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  rm_dir(f->dir);
  free(f->dir);
  json_decref(f->truth);
  free(f);
  return 0;
}

static double jnum(json_t *root, const char *path) {
  /* "a.b.c" */
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *v = root;
  for (char *tok = strtok(buf, "."); tok; tok = strtok(NULL, "."))
    v = json_object_get(v, tok);
  assert_non_null(v);
  assert_true(json_is_number(v));
  return json_number_value(v);
}

/* ------------------------------------------------------------ tests */

static void test_deterministic(void **state) {
  (void)state;
  char *a = tmp_dir(), *b = tmp_dir(), *c = tmp_dir(), *d = tmp_dir();
  assert_int_equal(generate(a, 1500, 7), KW_OK);
  assert_int_equal(generate(b, 1500, 7), KW_OK);
  assert_int_equal(generate(c, 1500, 8), KW_OK);
  /* seed 0 takes the context's seed */
  kw_context *ctx = kw_context_new();
  kw_context_set_seed(ctx, 7);
  kw_demo_options o;
  kw_demo_options_init(&o);
  o.customers = 1500;
  o.dir = d;
  assert_int_equal(kw_demo_generate(ctx, &o), KW_OK);
  kw_context_free(ctx);

  static const char *const files[] = {
      "customers.csv", "transactions.csv", "invoices.csv",
      "costs.csv",     "feedback.csv",     "touchpoints.csv",
      "referrals.csv", "truth.json",       "truth_customers.csv"};
  for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
    size_t la, lb, lc, ld;
    char *fa = read_all(a, files[k], &la);
    char *fb = read_all(b, files[k], &lb);
    char *fc = read_all(c, files[k], &lc);
    char *fd = read_all(d, files[k], &ld);
    assert_non_null(fa);
    assert_non_null(fb);
    assert_non_null(fc);
    assert_non_null(fd);
    assert_true(la > 0);
    assert_int_equal(la, lb);
    assert_memory_equal(fa, fb, la);
    assert_int_equal(la, ld);
    assert_memory_equal(fa, fd, la);
    /* another seed gives other data (all files, even the small ones) */
    assert_true(la != lc || memcmp(fa, fc, la) != 0);
    free(fa);
    free(fb);
    free(fc);
    free(fd);
  }
  assert_int_equal(count_tmp_files(a), 0);
  rm_dir(a);
  rm_dir(b);
  rm_dir(c);
  rm_dir(d);
  free(a);
  free(b);
  free(c);
  free(d);
}

static void test_formats(void **state) {
  fixture *f = *state;
  csv c;
  int64_t cents;
  int32_t day;
  long v;

  /* customers */
  csv_load(&c, f->dir, "customers.csv");
  check_header(&c, H_CUST);
  assert_int_equal(c.rows, f->n);
  static const char *const channels[] = {
      "website",           "Google Ads",    "beurs", "doorverwijzing",
      "vertegenwoordiger", "sociale media", NULL};
  static const char *const yesno[] = {"ja", "nee", NULL};
  static const char *const kinds[] = {"bedrijf", "particulier", NULL};
  bool gent = false, antwerpen = false, leuven = false, brugge = false,
       hasselt = false, bv = false, nv = false, vof = false;
  for (size_t r = 0; r < c.rows; r++) {
    char id[32];
    snprintf(id, sizeof id, "K%06zu", r + 1);
    assert_string_equal(cell(&c, r, 0), id); /* numbered in order */
    assert_true(strlen(cell(&c, r, 1)) > 3);
    assert_true(in_list(cell(&c, r, 2), kinds));
    const char *mail = cell(&c, r, 3);
    assert_non_null(strchr(mail, '@'));
    assert_null(strchr(mail, ' '));
    assert_memory_equal(cell(&c, r, 4), "+32 ", 4);
    /* Flemish postcodes: 1500-3999, 8000-9999 */
    assert_true(integer(cell(&c, r, 6), &v));
    assert_true((v >= 1500 && v <= 3999) || (v >= 8000 && v <= 9999));
    const char *pc = cell(&c, r, 6), *city = cell(&c, r, 7);
    gent |= !strcmp(pc, "9000") && !strcmp(city, "Gent");
    antwerpen |= !strcmp(pc, "2000") && !strcmp(city, "Antwerpen");
    leuven |= !strcmp(pc, "3000") && !strcmp(city, "Leuven");
    brugge |= !strcmp(pc, "8000") && !strcmp(city, "Brugge");
    hasselt |= !strcmp(pc, "3500") && !strcmp(city, "Hasselt");
    const char *name = cell(&c, r, 1);
    size_t nl = strlen(name);
    if (!strcmp(cell(&c, r, 2), "bedrijf")) {
      bv |= nl > 3 && !strcmp(name + nl - 3, " BV");
      nv |= nl > 3 && !strcmp(name + nl - 3, " NV");
      vof |= nl > 4 && !strcmp(name + nl - 4, " VOF");
    } else {
      assert_string_equal(cell(&c, r, 8), "particulier");
      assert_non_null(strstr(cell(&c, r, 9), "jaar"));
    }
    assert_true(dmy(cell(&c, r, 10), &day));
    assert_true(day >= f->start && day <= f->end);
    assert_true(in_list(cell(&c, r, 11), channels));
    assert_true(money(cell(&c, r, 12), &cents));
    assert_true(cents > 0);
    assert_true(in_list(cell(&c, r, 13), yesno));
  }
  assert_true(gent && antwerpen && leuven && brugge && hasselt);
  assert_true(bv && nv && vof);
  csv_free(&c);

  /* transactions: decimal commas, day-first dates, thousands dots */
  csv_load(&c, f->dir, "transactions.csv");
  check_header(&c, H_TX);
  bool thousands = false, negative = false;
  for (size_t r = 0; r < c.rows; r++) {
    const char *no = cell(&c, r, 0);
    assert_true(no[0] == 'F' || (no[0] == 'C' && no[1] == 'N'));
    assert_true(cust_index(cell(&c, r, 1), f->n) >= 0);
    assert_true(dmy(cell(&c, r, 2), &day));
    assert_true(day >= f->start && day <= f->end);
    assert_true(integer(cell(&c, r, 6), &v));
    assert_true(v != 0);
    for (int k = 7; k <= 10; k++) {
      assert_true(money(cell(&c, r, (size_t)k), &cents));
      if (k == 8 && (cents >= 100000 || cents <= -100000))
        thousands |= strchr(cell(&c, r, 8), '.') != NULL;
    }
    negative |= v < 0;
  }
  assert_true(thousands);
  assert_true(negative); /* credit notes */
  csv_free(&c);

  csv_load(&c, f->dir, "invoices.csv");
  check_header(&c, H_INV);
  csv_free(&c);

  csv_load(&c, f->dir, "costs.csv");
  check_header(&c, H_COSTS);
  static const char *const types[] = {"service_hours", "support_ticket",
                                      "shipping", "returns", NULL};
  bool half_hour = false;
  for (size_t r = 0; r < c.rows; r++) {
    assert_true(cust_index(cell(&c, r, 0), f->n) >= 0);
    assert_true(dmy(cell(&c, r, 1), &day));
    const char *t = cell(&c, r, 2);
    assert_true(in_list(t, types));
    if (!strcmp(t, "shipping") || !strcmp(t, "returns")) {
      assert_string_equal(cell(&c, r, 3), "");
      assert_true(money(cell(&c, r, 4), &cents));
      assert_true(cents > 0);
    } else {
      assert_string_equal(cell(&c, r, 4), "");
      const char *q = cell(&c, r, 3);
      assert_true(strlen(q) > 0);
      assert_null(strchr(q, '.'));
      half_hour |= strstr(q, ",5") != NULL;
    }
  }
  assert_true(half_hour);
  csv_free(&c);

  csv_load(&c, f->dir, "feedback.csv");
  check_header(&c, H_FB);
  bool quoted = false, english = false, dutch = false;
  for (size_t r = 0; r < c.rows; r++) {
    assert_true(dmy(cell(&c, r, 1), &day));
    assert_true(integer(cell(&c, r, 2), &v) && v >= 0 && v <= 10);
    assert_true(integer(cell(&c, r, 3), &v) && v >= 1 && v <= 5);
    assert_true(integer(cell(&c, r, 4), &v) && v >= 1 && v <= 7);
    for (int k = 6; k <= 8; k++)
      assert_true(integer(cell(&c, r, (size_t)k), &v) && v >= 1 && v <= 5);
    for (int k = 10; k <= 12; k++)
      assert_true(integer(cell(&c, r, (size_t)k), &v) && v >= 1 && v <= 5);
    const char *cm = cell(&c, r, 5);
    quoted |= strchr(cm, ';') != NULL || strchr(cm, '"') != NULL;
    english |= strstr(cm, " the ") != NULL;
    dutch |= strstr(cm, " de ") != NULL || strstr(cm, " en ") != NULL;
  }
  assert_true(quoted && english && dutch);
  csv_free(&c);

  csv_load(&c, f->dir, "touchpoints.csv");
  check_header(&c, H_TOUCH);
  static const char *const stages[] = {
      "eerste contact", "offerte", "demo", "eerste bestelling",
      "onboarding", "support", "after-sales", NULL};
  static const char *const tch[] = {"e-mail", "telefoon", "website",
                                    "bezoek", "beurs", NULL};
  for (size_t r = 0; r < c.rows; r++) {
    assert_true(dmy(cell(&c, r, 1), &day));
    assert_true(day <= f->end);
    assert_true(in_list(cell(&c, r, 2), stages));
    assert_true(in_list(cell(&c, r, 3), tch));
  }
  csv_free(&c);
}

/* Lines, invoices, referrals and costs agree with each other. */
static void test_integrity(void **state) {
  fixture *f = *state;
  csv cu, tx, iv, rf, co;
  csv_load(&cu, f->dir, "customers.csv");
  csv_load(&tx, f->dir, "transactions.csv");
  csv_load(&iv, f->dir, "invoices.csv");
  csv_load(&rf, f->dir, "referrals.csv");
  csv_load(&co, f->dir, "costs.csv");
  check_header(&rf, H_REFS);

  int32_t *acq = calloc(f->n, sizeof *acq);
  for (size_t r = 0; r < cu.rows; r++)
    assert_true(dmy(cell(&cu, r, 10), &acq[r]));

  /* Invoices: sorted by date, numbered per year and kind without gaps;
   * transactions list the same invoices in the same order. */
  size_t t = 0;
  int64_t inv_sum = 0;
  int32_t prev_day = 0;
  long seq[2] = {0, 0};
  int year = 0;
  size_t n_credit = 0, n_orders = 0;
  for (size_t r = 0; r < iv.rows; r++) {
    const char *no = cell(&iv, r, 0);
    long ci = cust_index(cell(&iv, r, 1), f->n);
    assert_true(ci >= 0);
    int32_t day, due, paid = INT32_MIN;
    assert_true(dmy(cell(&iv, r, 2), &day));
    assert_true(dmy(cell(&iv, r, 3), &due));
    if (cell(&iv, r, 4)[0]) {
      assert_true(dmy(cell(&iv, r, 4), &paid));
      assert_true(paid >= day && paid <= f->end);
    }
    assert_true(day >= prev_day);
    assert_true(day >= acq[ci]);
    prev_day = day;
    int y, m, d;
    kw_date_to_ymd(day, &y, &m, &d);
    if (y != year) year = y, seq[0] = seq[1] = 0;
    bool credit = !strcmp(cell(&iv, r, 7), "creditnota");
    char expect[32];
    if (credit)
      snprintf(expect, sizeof expect, "CN%d-%06ld", y, ++seq[1]);
    else
      snprintf(expect, sizeof expect, "F%d-%07ld", y, ++seq[0]);
    assert_string_equal(no, expect);
    long terms;
    assert_true(integer(cell(&iv, r, 6), &terms));
    assert_int_equal(due - day, terms);
    if (credit) {
      n_credit++;
      assert_int_equal(terms, 0);
    } else {
      n_orders++;
      assert_true(terms == 30 || terms == 60);
    }
    int64_t amount;
    assert_true(money(cell(&iv, r, 5), &amount));
    assert_true(credit ? amount < 0 : amount > 0);
    /* its lines */
    int64_t sum = 0;
    size_t nl = 0;
    for (; t < tx.rows && !strcmp(cell(&tx, t, 0), no); t++, nl++) {
      assert_string_equal(cell(&tx, t, 1), cell(&iv, r, 1));
      assert_string_equal(cell(&tx, t, 2), cell(&iv, r, 2));
      long q;
      int64_t up, amt, cost, disc;
      assert_true(integer(cell(&tx, t, 6), &q));
      assert_true(money(cell(&tx, t, 7), &up));
      assert_true(money(cell(&tx, t, 8), &amt));
      assert_true(money(cell(&tx, t, 9), &cost));
      assert_true(money(cell(&tx, t, 10), &disc));
      assert_true(credit ? q < 0 : q > 0);
      /* bedrag = aantal x eenheidsprijs - korting */
      assert_int_equal(amt, q * up - disc);
      /* margin 25-45% on the unit price: cost / |q| vs price */
      int64_t unit_cost = cost / q;
      assert_int_equal(unit_cost * q, cost);
      assert_true(unit_cost * 100 >= up * 55 && unit_cost * 100 <= up * 75);
      sum += amt;
    }
    assert_true(nl >= 1);
    assert_int_equal(sum, amount);
    inv_sum += amount;
  }
  assert_int_equal(t, tx.rows); /* no line without its invoice */
  assert_true(n_credit > 0);
  assert_int_equal(n_orders, (size_t)jnum(f->truth, "counts.orders"));
  assert_int_equal(n_credit, (size_t)jnum(f->truth, "counts.credit_notes"));
  assert_int_equal(tx.rows, (size_t)jnum(f->truth, "counts.transaction_lines"));
  /* total revenue in truth.json (euros) */
  assert_true(fabs(jnum(f->truth, "realised.revenue") - inv_sum / 100.0) <
              0.005);

  /* Every customer's first invoice is on its acquisition day. */
  int32_t *first = malloc(f->n * sizeof *first);
  for (size_t k = 0; k < f->n; k++) first[k] = INT32_MAX;
  for (size_t r = 0; r < iv.rows; r++) {
    long ci = cust_index(cell(&iv, r, 1), f->n);
    int32_t day;
    assert_true(dmy(cell(&iv, r, 2), &day));
    if (day < first[ci]) first[ci] = day;
  }
  for (size_t k = 0; k < f->n; k++) assert_int_equal(first[k], acq[k]);
  free(first);

  /* Referrals: both exist, the referrer came first, the referred has the
   * channel 'doorverwijzing', and every such customer has one referral. */
  char *referred = calloc(f->n, 1);
  for (size_t r = 0; r < rf.rows; r++) {
    long a = cust_index(cell(&rf, r, 0), f->n);
    long b = cust_index(cell(&rf, r, 1), f->n);
    assert_true(a >= 0 && b >= 0);
    assert_true(acq[a] < acq[b]);
    int32_t day;
    assert_true(dmy(cell(&rf, r, 2), &day));
    assert_int_equal(day, acq[b]);
    assert_string_equal(cell(&cu, (size_t)b, 11), "doorverwijzing");
    assert_int_equal(referred[b], 0);
    referred[b] = 1;
  }
  size_t n_ref = 0;
  for (size_t r = 0; r < cu.rows; r++) {
    bool is_ref = !strcmp(cell(&cu, r, 11), "doorverwijzing");
    assert_int_equal(is_ref, referred[r]);
    n_ref += is_ref;
  }
  assert_true(n_ref > f->n / 20);
  assert_int_equal(rf.rows, (size_t)jnum(f->truth, "counts.referrals"));
  free(referred);

  /* Costs reference customers; counts match truth.json. */
  size_t by_type[4] = {0, 0, 0, 0};
  static const char *const types[] = {"service_hours", "support_ticket",
                                      "shipping", "returns"};
  for (size_t r = 0; r < co.rows; r++) {
    long ci = cust_index(cell(&co, r, 0), f->n);
    assert_true(ci >= 0);
    int32_t day;
    assert_true(dmy(cell(&co, r, 1), &day));
    assert_true(day >= acq[ci] && day <= f->end);
    for (int k = 0; k < 4; k++) by_type[k] += !strcmp(cell(&co, r, 2), types[k]);
  }
  char key[64];
  for (int k = 0; k < 4; k++) {
    snprintf(key, sizeof key, "counts.cost_rows_by_type.%s", types[k]);
    assert_int_equal(by_type[k], (size_t)jnum(f->truth, key));
  }
  assert_int_equal(by_type[3], n_credit); /* one handling row per return */

  free(acq);
  csv_free(&cu);
  csv_free(&tx);
  csv_free(&iv);
  csv_free(&rf);
  csv_free(&co);
}

static void test_truth(void **state) {
  fixture *f = *state;
  json_t *t = f->truth;
  assert_int_equal((long)jnum(t, "seed"), 42);
  assert_int_equal((long)jnum(t, "counts.customers"), (long)f->n);
  assert_string_equal(json_string_value(json_object_get(t, "time_unit")),
                      "week");
  json_t *w = json_object_get(t, "window");
  assert_string_equal(json_string_value(json_object_get(w, "start")),
                      "2023-01-01");
  assert_string_equal(json_string_value(json_object_get(w, "end")),
                      "2025-12-31");
  static const char *const keys[] = {"bgnbd.r",      "bgnbd.alpha",
                                     "bgnbd.a",      "bgnbd.b",
                                     "gamma_gamma.p", "gamma_gamma.q",
                                     "gamma_gamma.gamma"};
  for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
    assert_true(jnum(t, keys[k]) > 0);
  json_t *aff = json_object_get(json_object_get(t, "category_affinity"),
                                "matrix");
  assert_int_equal(json_array_size(aff), 8);
  for (size_t k = 0; k < 8; k++)
    assert_int_equal(json_array_size(json_array_get(aff, k)), 8);
  json_t *cats = json_object_get(t, "categories");
  assert_int_equal(json_array_size(cats), 8);
  json_t *prods = json_object_get(t, "products");
  assert_true(json_array_size(prods) >= 20 && json_array_size(prods) <= 40);
  for (size_t k = 0; k < json_array_size(prods); k++) {
    json_t *p = json_array_get(prods, k);
    double price = json_real_value(json_object_get(p, "price"));
    double cost = json_real_value(json_object_get(p, "cost"));
    double m = (price - cost) / price;
    assert_true(m >= 0.25 && m <= 0.45);
  }
  /* payer classes add up; churners counted */
  double sum = jnum(t, "payers.customers.fast") +
               jnum(t, "payers.customers.slow") +
               jnum(t, "payers.customers.problematic");
  assert_int_equal((long)sum, (long)f->n);
  assert_true(jnum(t, "payers.customers.problematic") > 0);
  assert_true(jnum(t, "churn.churned") > 0);
  json_t *ids =
      json_object_get(json_object_get(t, "unprofitable"), "ids");
  assert_true(json_array_size(ids) >= 3);
  /* truth_customers.csv agrees with the churn count */
  csv tc;
  csv_load(&tc, f->dir, "truth_customers.csv");
  /* comma-separated: the splitter sees one field; count alive flags */
  size_t dead = 0;
  for (size_t r = 0; r < tc.rows; r++) {
    const char *s = cell(&tc, r, 0);
    int commas = 0;
    const char *p = s;
    for (; *p && commas < 7; p++) commas += *p == ',';
    dead += *p == '0';
  }
  assert_int_equal(tc.rows, f->n);
  assert_int_equal(dead, (size_t)jnum(t, "churn.churned"));
  csv_free(&tc);
}

/* The orders follow the BG/NBD model and the order values the Gamma-Gamma
 * mean, within sampling tolerance. */
static void test_statistics(void **state) {
  fixture *f = *state;
  double r = jnum(f->truth, "bgnbd.r"), al = jnum(f->truth, "bgnbd.alpha");
  double a = jnum(f->truth, "bgnbd.a"), b = jnum(f->truth, "bgnbd.b");
  double gp = jnum(f->truth, "gamma_gamma.p");
  double gq = jnum(f->truth, "gamma_gamma.q");
  double gg = jnum(f->truth, "gamma_gamma.gamma");
  csv cu, iv, tx;
  csv_load(&cu, f->dir, "customers.csv");
  csv_load(&iv, f->dir, "invoices.csv");
  csv_load(&tx, f->dir, "transactions.csv");
  size_t n = f->n;
  long *orders = calloc(n, sizeof *orders);
  for (size_t k = 0; k < iv.rows; k++)
    if (cell(&iv, k, 0)[0] == 'F') orders[cust_index(cell(&iv, k, 1), n)]++;

  /* Expected orders 1 + E[X(T_i)], T_i = (end - acquisition) / 7 weeks,
   * and P(alive at the end) per customer; memoised per acquisition day. */
  size_t ndays = (size_t)(f->end - f->start + 1);
  double *ex = calloc(ndays, sizeof *ex), *pa = calloc(ndays, sizeof *pa);
  bool *done = calloc(ndays, sizeof *done);
  double sd = 0, sdd = 0, sexp = 0, salive = 0, svar = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t acq;
    assert_true(dmy(cell(&cu, i, 10), &acq));
    size_t k = (size_t)(acq - f->start);
    if (!done[k]) {
      double T = (f->end - acq) / 7.0;
      double kk[3] = {r, al, T};
      ex[k] = 1 + bgnbd_ex(r, al, a, b, T);
      pa[k] = beta_expect(alive_given_p, kk, a, b);
      done[k] = true;
    }
    double d = (double)orders[i] - ex[k];
    sd += d;
    sdd += d * d;
    sexp += ex[k];
    salive += pa[k];
    svar += pa[k] * (1 - pa[k]);
  }
  double mean_d = sd / n;
  double se = sqrt((sdd / n - mean_d * mean_d) / (n - 1));
  double mean_obs = sexp / n + mean_d;
  /* the brief's scale: about 4-6 orders a customer */
  assert_true(mean_obs > 4 && mean_obs < 6);
  /* within 4 standard errors (false alarm rate ~ 6e-5) */
  if (fabs(mean_d) > 4 * se)
    fail_msg("mean orders %.4f, expected %.4f (se %.4f)", mean_obs,
             sexp / n, se);

  /* churners: expected dead = n - sum P(alive); binomial sd */
  double churned = jnum(f->truth, "churn.churned");
  double exp_dead = n - salive;
  if (fabs(churned - exp_dead) > 4 * sqrt(svar))
    fail_msg("churned %.0f, expected %.1f (sd %.1f)", churned, exp_dead,
             sqrt(svar));

  /* Gamma-Gamma: mean gross order value (before discount) vs
   * p gamma / (q - 1) = 6 * 150 / 3 = 300 euros. Between-customer sd of
   * the mean value is p gamma / ((q-1) sqrt(q-2)) = 212 euros, so with
   * 20k customers the sampling error is about 1%; quantities in whole
   * units bias upward by under 2% (a line rounded to zero is dropped, but
   * an order keeps one line). Tolerance 5%. */
  double gross = 0;
  size_t lines = 0;
  for (size_t k = 0; k < tx.rows; k++) {
    if (cell(&tx, k, 0)[0] != 'F') continue;
    long q;
    int64_t up;
    assert_true(integer(cell(&tx, k, 6), &q));
    assert_true(money(cell(&tx, k, 7), &up));
    gross += (double)(q * up) / 100;
    lines++;
  }
  double n_orders = jnum(f->truth, "counts.orders");
  double mov = gross / n_orders, emov = gp * gg / (gq - 1);
  if (fabs(mov - emov) > 0.05 * emov)
    fail_msg("mean order value %.2f, expected %.2f", mov, emov);
  /* about two lines an order */
  double lpo = lines / n_orders;
  assert_true(lpo > 1.6 && lpo < 2.4);

  free(orders);
  free(ex);
  free(pa);
  free(done);
  csv_free(&cu);
  csv_free(&iv);
  csv_free(&tx);
}

/* Cross-sell: after a printer, ink and toner become more likely in later
 * orders (affinity 3), stationery does not (affinity 1); after a computer,
 * software (3) but not paper (1). */
static void test_cross_sell(void **state) {
  fixture *f = *state;
  csv tx;
  csv_load(&tx, f->dir, "transactions.csv");
  /* per customer: categories bought in earlier orders, as bits */
  enum { PAP = 0, SCH, INK, PRN, COM, RAN, SOF, MEU };
  static const char *const codes[] = {"PAP", "SCH", "INK", "PRN",
                                      "COM", "RAN", "SOF", "MEU"};
  unsigned *bought = calloc(f->n, sizeof *bought);
  /* counts[pair][had][contains] for pairs (PRN,INK) (PRN,SCH) (COM,SOF)
   * (COM,PAP) */
  const int pairs[4][2] = {{PRN, INK}, {PRN, SCH}, {COM, SOF}, {COM, PAP}};
  double cnt[4][2][2];
  memset(cnt, 0, sizeof cnt);
  size_t k = 0;
  while (k < tx.rows) {
    const char *no = cell(&tx, k, 0);
    long ci = cust_index(cell(&tx, k, 1), f->n);
    unsigned cats = 0;
    size_t j = k;
    for (; j < tx.rows && !strcmp(cell(&tx, j, 0), no); j++)
      for (int c = 0; c < 8; c++)
        if (!strncmp(cell(&tx, j, 3), codes[c], 3)) cats |= 1u << c;
    if (no[0] == 'F') {
      if (bought[ci]) /* a repeat order */
        for (int p = 0; p < 4; p++) {
          int had = (bought[ci] >> pairs[p][0]) & 1;
          cnt[p][had][0]++;
          cnt[p][had][1] += (cats >> pairs[p][1]) & 1;
        }
      bought[ci] |= cats;
    }
    k = j;
  }
  double lift[4];
  for (int p = 0; p < 4; p++) {
    assert_true(cnt[p][1][0] > 500);
    lift[p] = (cnt[p][1][1] / cnt[p][1][0]) / (cnt[p][0][1] / cnt[p][0][0]);
  }
  if (!(lift[0] > 1.4 && lift[1] < 1.1 && lift[2] > 1.5 && lift[3] < 1.15))
    fail_msg("lifts PRN>INK %.2f PRN>SCH %.2f COM>SOF %.2f COM>PAP %.2f",
             lift[0], lift[1], lift[2], lift[3]);
  free(bought);
  csv_free(&tx);
}

/* The large-but-unprofitable customers: high revenue, negative profit once
 * service hours, tickets, shipping and returns count. */
static void test_unprofitable(void **state) {
  fixture *f = *state;
  double hour = jnum(f->truth, "costs.service_hour_rate");
  double ticket = jnum(f->truth, "costs.support_ticket_rate");
  csv tx, co, cu;
  csv_load(&tx, f->dir, "transactions.csv");
  csv_load(&co, f->dir, "costs.csv");
  csv_load(&cu, f->dir, "customers.csv");
  double *rev = calloc(f->n, sizeof *rev), *profit = calloc(f->n, sizeof *profit);
  double total = 0;
  for (size_t k = 0; k < tx.rows; k++) {
    long ci = cust_index(cell(&tx, k, 1), f->n);
    int64_t amt, cost;
    assert_true(money(cell(&tx, k, 8), &amt));
    assert_true(money(cell(&tx, k, 9), &cost));
    rev[ci] += amt / 100.0;
    profit[ci] += (amt - cost) / 100.0;
    total += amt / 100.0;
  }
  for (size_t k = 0; k < co.rows; k++) {
    long ci = cust_index(cell(&co, k, 0), f->n);
    const char *t = cell(&co, k, 2);
    char q[32];
    snprintf(q, sizeof q, "%s", cell(&co, k, 3));
    char *comma = strchr(q, ',');
    if (comma) *comma = '.';
    if (!strcmp(t, "service_hours"))
      profit[ci] -= atof(q) * hour;
    else if (!strcmp(t, "support_ticket"))
      profit[ci] -= atof(q) * ticket;
    else {
      int64_t c;
      assert_true(money(cell(&co, k, 4), &c));
      profit[ci] -= c / 100.0;
    }
  }
  json_t *ids = json_object_get(json_object_get(f->truth, "unprofitable"),
                                "ids");
  size_t m = json_array_size(ids);
  assert_true(m >= 3);
  double urev = 0;
  size_t n_loss = 0;
  for (size_t k = 0; k < f->n; k++) n_loss += profit[k] < 0;
  for (size_t j = 0; j < m; j++) {
    long ci = cust_index(json_string_value(json_array_get(ids, j)), f->n);
    assert_true(ci >= 0);
    assert_string_equal(cell(&cu, (size_t)ci, 2), "bedrijf");
    assert_true(profit[ci] < 0);
    urev += rev[ci];
  }
  /* large: on average over three times the mean customer's revenue */
  assert_true(urev / m > 3 * total / f->n);
  /* and losses are the exception, not the rule */
  assert_true(n_loss < f->n / 50);
  free(rev);
  free(profit);
  csv_free(&tx);
  csv_free(&co);
  csv_free(&cu);
}

/* Payment behaviour by payer class (from truth_customers.csv). */
static void test_payers(void **state) {
  fixture *f = *state;
  csv iv, tc;
  csv_load(&iv, f->dir, "invoices.csv");
  csv_load(&tc, f->dir, "truth_customers.csv");
  char *cls = calloc(f->n, 1);
  for (size_t r = 0; r < tc.rows; r++) {
    const char *s = cell(&tc, r, 0);
    cls[r] = strstr(s, ",fast,") ? 'f' : strstr(s, ",slow,") ? 's' : 'p';
  }
  size_t open[3] = {0, 0, 0}, total[3] = {0, 0, 0};
  for (size_t r = 0; r < iv.rows; r++) {
    if (strcmp(cell(&iv, r, 7), "factuur")) continue;
    long ci = cust_index(cell(&iv, r, 1), f->n);
    int32_t day, due, paid;
    assert_true(dmy(cell(&iv, r, 2), &day));
    assert_true(dmy(cell(&iv, r, 3), &due));
    int c = cls[ci] == 'f' ? 0 : cls[ci] == 's' ? 1 : 2;
    total[c]++;
    if (!cell(&iv, r, 4)[0]) {
      open[c]++;
      /* fast and slow payers only leave invoices open at the end */
      if (c == 0) assert_true(due + 5 > f->end);
      if (c == 1) assert_true(due + 40 > f->end);
      continue;
    }
    assert_true(dmy(cell(&iv, r, 4), &paid));
    long late = paid - due;
    if (c == 0) assert_true(late <= 5 && paid >= day + 2);
    if (c == 1) assert_true(late >= 10 && late <= 40);
    if (c == 2) assert_true(late >= 60);
  }
  /* problematic payers never pay a share (0.3) of their invoices:
   * open share well above that of the fast payers */
  assert_true(total[2] > 100);
  assert_true((double)open[2] / total[2] > 0.25);
  assert_true((double)open[0] / total[0] < 0.05);
  assert_int_equal(total[0], (size_t)jnum(f->truth, "payers.invoices.fast"));
  free(cls);
  csv_free(&iv);
  csv_free(&tc);
}

static void test_window_and_errors(void **state) {
  (void)state;
  char *d = tmp_dir();
  kw_context *ctx = kw_context_new();
  kw_demo_options o;
  kw_demo_options_init(&o);
  assert_int_equal(o.customers, 2000);
  assert_int_equal(o.start, KW_NA_DATE);

  /* a custom window: every date inside it */
  o.customers = 300;
  o.seed = 3;
  o.dir = d;
  o.start = kw_date_from_ymd(2024, 1, 1);
  o.end = kw_date_from_ymd(2024, 6, 30);
  assert_int_equal(kw_demo_generate(ctx, &o), KW_OK);
  csv iv;
  csv_load(&iv, d, "invoices.csv");
  for (size_t r = 0; r < iv.rows; r++) {
    int32_t day;
    assert_true(dmy(cell(&iv, r, 2), &day));
    assert_true(day >= o.start && day <= o.end);
    if (cell(&iv, r, 4)[0]) {
      assert_true(dmy(cell(&iv, r, 4), &day));
      assert_true(day <= o.end);
    }
  }
  csv_free(&iv);
  /* only a start: three years from it */
  o.end = KW_NA_DATE;
  o.start = kw_date_from_ymd(2020, 3, 1);
  assert_int_equal(kw_demo_generate(ctx, &o), KW_OK);
  char *tj = read_all(d, "truth.json", NULL);
  assert_non_null(strstr(tj, "\"end\": \"2023-02-28\""));
  free(tj);

  /* a nested folder is created */
  char sub[4200];
  snprintf(sub, sizeof sub, "%s/x/y", d);
  o.dir = sub;
  o.customers = 5;
  assert_int_equal(kw_demo_generate(ctx, &o), KW_OK);
  rm_dir(sub);
  snprintf(sub, sizeof sub, "%s/x", d);
  rmdir(sub);

  /* errors */
  kw_demo_options bad = o;
  bad.dir = NULL;
  assert_int_equal(kw_demo_generate(ctx, &bad), KW_EARG);
  assert_true(strlen(kw_errmsg(ctx)) > 0);
  bad = o;
  bad.customers = 0;
  assert_int_equal(kw_demo_generate(ctx, &bad), KW_EARG);
  bad = o;
  bad.start = kw_date_from_ymd(2024, 1, 10);
  bad.end = kw_date_from_ymd(2024, 1, 20);
  assert_int_equal(kw_demo_generate(ctx, &bad), KW_EARG);
  bad.end = kw_date_from_ymd(2023, 1, 20);
  assert_int_equal(kw_demo_generate(ctx, &bad), KW_EARG);
  assert_int_equal(kw_demo_generate(ctx, NULL), KW_EARG);
  /* the folder is a file */
  bad = o;
  snprintf(sub, sizeof sub, "%s/truth.json", d);
  bad.dir = sub;
  assert_int_equal(kw_demo_generate(ctx, &bad), KW_EIO);
  assert_int_equal(count_tmp_files(d), 0);
  kw_context_free(ctx);
  rm_dir(d);
  free(d);
}

/* An allocator that fails the k-th allocation: every failure is reported
 * as KW_ENOMEM, leaves no temporary file and leaks nothing (ASan). */
typedef struct failing {
  long left; /* allocations before the failure; -1 never fails */
  long count;
} failing;

static void *f_malloc(void *u, size_t n) {
  failing *f = u;
  f->count++;
  if (f->left == 0) return NULL;
  if (f->left > 0) f->left--;
  return malloc(n ? n : 1);
}
static void *f_realloc(void *u, void *p, size_t n) {
  failing *f = u;
  f->count++;
  if (f->left == 0) return NULL;
  if (f->left > 0) f->left--;
  return realloc(p, n ? n : 1);
}
static void f_free(void *u, void *p) {
  (void)u;
  free(p);
}

static void test_out_of_memory(void **state) {
  (void)state;
  char *d = tmp_dir();
  failing fl = {-1, 0};
  kw_allocator al = {f_malloc, f_realloc, f_free, &fl};
  kw_demo_options o;
  kw_demo_options_init(&o);
  o.customers = 40;
  o.dir = d;
  kw_context *ctx = kw_context_new_with_allocator(&al);
  fl.count = 0; /* the context itself is allocated */
  assert_int_equal(kw_demo_generate(ctx, &o), KW_OK);
  long total = fl.count;
  assert_true(total > 10);
  for (long k = 0; k < total; k++) {
    fl.left = k;
    kw_status st = kw_demo_generate(ctx, &o);
    assert_int_equal(st, KW_ENOMEM);
    assert_int_equal(count_tmp_files(d), 0);
  }
  fl.left = -1;
  kw_context_free(ctx);
  rm_dir(d);
  free(d);
}

int main(void) {
  const struct CMUnitTest standalone[] = {
      cmocka_unit_test(test_bgnbd_formula),
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_window_and_errors),
      cmocka_unit_test(test_out_of_memory),
  };
  const struct CMUnitTest on_fixture[] = {
      cmocka_unit_test(test_formats),     cmocka_unit_test(test_integrity),
      cmocka_unit_test(test_truth),       cmocka_unit_test(test_statistics),
      cmocka_unit_test(test_cross_sell),  cmocka_unit_test(test_unprofitable),
      cmocka_unit_test(test_payers),
  };
  int rc = cmocka_run_group_tests(standalone, NULL, NULL);
  rc |= cmocka_run_group_tests(on_fixture, setup, teardown);
  return rc;
}
