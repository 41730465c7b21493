/*
 * classify.c — what table a file holds, from its columns (internal).
 *
 * A data folder as owners keep it has files named after the package or
 * the year ("Verkoopboek 2024.csv", "Relaties.xlsx", "Debiteuren.xls"),
 * not after our table names. Each file that no name rule claimed is read
 * up to its header (CSV: the detected dialect's first row; a workbook: the
 * header of its most table-like sheet, see sheet.c) and its header cells
 * are matched against the column roles of every kind of table. The rules,
 * first match wins:
 *   referrals    a referrer column
 *   feedback     an NPS, CSAT or CES score
 *   invoices     customer, date and amount, and a due date, payment date,
 *                payment terms or open amount, and no product or quantity
 *   touchpoints  a date and a journey stage, no amount
 *   spend        a channel, a month (date) and an amount, no customer:
 *                marketing spend per channel and month
 *   costs        customer, a cost type, and an amount or hours, no
 *                product or invoice
 *   transactions customer, date and an amount (excl. or incl. VAT) or a
 *                quantity and a unit price
 *   customers    a customer column and one that describes customers (name,
 *                e-mail, postcode, city, sector, acquisition, contract,
 *                tenure, churn), no amount with a date
 * When the header says nothing, words in the file name decide
 * ("verkoop", "factu", "klant", "relatie", "debiteur", ...).
 */
#include "io/classify.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/roles.h"
#include "io/xlsx.h"

typedef struct heads {
  bool has[KW_TABLE__COUNT][KW_ROLE__COUNT];
  size_t n;
} heads;

static void add_head(void *user, const char *s, size_t n) {
  heads *h = user;
  h->n++;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    kw_role r = kw_role_guess((kw_table_kind)k, s, n, NULL);
    if (r != KW_ROLE__COUNT) h->has[k][r] = true;
  }
}

static kw_status csv_header(kw_context *ctx, const char *path,
                            const char *buf, size_t len, heads *h) {
  kw_csv_dialect dl;
  size_t sample = len < ((size_t)1 << 20) ? len : (size_t)1 << 20;
  kw_status st = kw_csv_detect(ctx, path, buf, sample, 0, -1, 0,
                               kw_role_known_header, &dl);
  if (st) return st;
  if (!dl.header) return KW_OK;
  kw_csv_reader rd;
  kw_csv_init(&rd, ctx, path, buf + dl.skip, sample - dl.skip, dl.delim,
              (size_t)1 << 16);
  rd.sample = true;
  kw_csv_row row;
  int rc;
  while ((rc = kw_csv_next(&rd, &row)) == 1 && row.nfields == 0) {
  }
  if (rc == 1)
    for (size_t i = 0; i < row.n; i++) add_head(h, row.cells[i].p, row.cells[i].n);
  kw_csv_free(&rd);
  return rc < 0 ? kw_errcode(ctx) : KW_OK;
}

static bool any(const heads *h, kw_table_kind k, const kw_role *r, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (h->has[k][r[i]]) return true;
  return false;
}

#define HAS(k, r) (h->has[KW_TABLE_##k][KW_ROLE_##r])
#define ANY(k, ...)                                                  \
  any(h, KW_TABLE_##k, (const kw_role[]){__VA_ARGS__},               \
      sizeof((const kw_role[]){__VA_ARGS__}) / sizeof(kw_role))

static kw_table_kind by_columns(const heads *h, const char **why) {
  if (HAS(REFERRALS, REFERRER)) {
    *why = "found.referrals";
    return KW_TABLE_REFERRALS;
  }
  if (ANY(FEEDBACK, KW_ROLE_NPS, KW_ROLE_CSAT, KW_ROLE_CES)) {
    *why = "found.feedback";
    return KW_TABLE_FEEDBACK;
  }
  bool sale_line = HAS(TRANSACTIONS, PRODUCT) || HAS(TRANSACTIONS, QUANTITY);
  if (HAS(INVOICES, CUSTOMER) && HAS(INVOICES, DATE) &&
      (HAS(INVOICES, AMOUNT) || HAS(INVOICES, AMOUNT_INCL)) &&
      ANY(INVOICES, KW_ROLE_DUE_DATE, KW_ROLE_PAID_DATE, KW_ROLE_TERMS,
          KW_ROLE_OPEN) &&
      !sale_line) {
    *why = "found.invoices";
    return KW_TABLE_INVOICES;
  }
  if (HAS(TOUCHPOINTS, STAGE) && HAS(TOUCHPOINTS, DATE) &&
      !HAS(TRANSACTIONS, AMOUNT)) {
    *why = "found.touchpoints";
    return KW_TABLE_TOUCHPOINTS;
  }
  if (HAS(SPEND, CHANNEL) && HAS(SPEND, DATE) && HAS(SPEND, AMOUNT) &&
      !HAS(TRANSACTIONS, CUSTOMER) && !HAS(TRANSACTIONS, PRODUCT)) {
    *why = "a channel with a month and an amount, no customer: marketing "
           "spend";
    return KW_TABLE_SPEND;
  }
  /* "aantal" is a quantity in sales lines and the hours of a cost line:
   * a cost type decides */
  if (HAS(COSTS, CUSTOMER) && HAS(COSTS, TYPE) &&
      (HAS(COSTS, AMOUNT) || HAS(COSTS, HOURS)) &&
      !HAS(TRANSACTIONS, PRODUCT) && !HAS(TRANSACTIONS, INVOICE)) {
    *why = "found.costs";
    return KW_TABLE_COSTS;
  }
  if (HAS(TRANSACTIONS, CUSTOMER) && HAS(TRANSACTIONS, DATE) &&
      (HAS(TRANSACTIONS, AMOUNT) || HAS(TRANSACTIONS, AMOUNT_INCL) ||
       (HAS(TRANSACTIONS, QUANTITY) && HAS(TRANSACTIONS, UNIT_PRICE)))) {
    *why = "found.sales";
    return KW_TABLE_TRANSACTIONS;
  }
  if (HAS(CUSTOMERS, CUSTOMER) &&
      ANY(CUSTOMERS, KW_ROLE_NAME, KW_ROLE_EMAIL, KW_ROLE_PHONE,
          KW_ROLE_ADDRESS, KW_ROLE_POSTCODE, KW_ROLE_CITY, KW_ROLE_SECTOR,
          KW_ROLE_SIZE, KW_ROLE_ACQ_DATE, KW_ROLE_CONSENT,
          KW_ROLE_START_DATE, KW_ROLE_END_DATE, KW_ROLE_TENURE,
          KW_ROLE_CHURN, KW_ROLE_SELLER)) {
    *why = "found.customers";
    return KW_TABLE_CUSTOMERS;
  }
  return KW_TABLE__COUNT;
}

static kw_table_kind by_name(const char *base, const char **why) {
  static const struct {
    const char *word;
    kw_table_kind k;
  } words[] = {
      {"marketing", KW_TABLE_SPEND},       {"spend", KW_TABLE_SPEND},
      {"verkoopfactu", KW_TABLE_INVOICES}, {"factu", KW_TABLE_INVOICES},
      {"invoice", KW_TABLE_INVOICES},      {"verkoop", KW_TABLE_TRANSACTIONS},
      {"verkopen", KW_TABLE_TRANSACTIONS}, {"sales", KW_TABLE_TRANSACTIONS},
      {"omzet", KW_TABLE_TRANSACTIONS},    {"transact", KW_TABLE_TRANSACTIONS},
      {"ventes", KW_TABLE_TRANSACTIONS},   {"klant", KW_TABLE_CUSTOMERS},
      {"relatie", KW_TABLE_CUSTOMERS},     {"debiteur", KW_TABLE_CUSTOMERS},
      {"customer", KW_TABLE_CUSTOMERS},    {"client", KW_TABLE_CUSTOMERS},
      {"kosten", KW_TABLE_COSTS},          {"costs", KW_TABLE_COSTS},
      {"feedback", KW_TABLE_FEEDBACK},     {"enquete", KW_TABLE_FEEDBACK},
      {"survey", KW_TABLE_FEEDBACK},       {"touchpoint", KW_TABLE_TOUCHPOINTS},
      {"referral", KW_TABLE_REFERRALS},    {"aanbreng", KW_TABLE_REFERRALS},
  };
  char norm[256];
  kw_header_normalize(base, strlen(base), norm, sizeof norm);
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strstr(norm, words[i].word)) {
      *why = "found.file_name";
      return words[i].k;
    }
  return KW_TABLE__COUNT;
}

kw_status kw_classify_file(kw_context *ctx, const char *path,
                           kw_table_kind *kind, const char **why) {
  *kind = KW_TABLE__COUNT;
  *why = NULL;
  heads h;
  memset(&h, 0, sizeof h);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return KW_OK;
  struct stat sb;
  kw_status st = KW_OK;
  if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
    size_t len = (size_t)sb.st_size;
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      if (kw_xlsx_magic(p, len))
        st = kw_xlsx_header(ctx, path, p, len, add_head, &h);
      else if (kw_xls_magic(p, len))
        st = kw_xls_header(ctx, path, add_head, &h);
      else
        st = csv_header(ctx, path, p, len, &h);
      munmap(p, len);
    }
  }
  close(fd);
  if (st == KW_ENOMEM) return st;
  /* a file that cannot be read is not claimed; its errors show when it is
   * named explicitly */
  *kind = by_columns(&h, why);
  if (*kind == KW_TABLE__COUNT) {
    const char *base = strrchr(path, '/');
    *kind = by_name(base ? base + 1 : path, why);
  }
  return KW_OK;
}
