/*
 * klantwijs/data.h — the canonical typed, columnar form of a business's files.
 *
 * A kw_dataset holds up to one table of each kind (transactions, customers,
 * invoices, ...). Every table is columnar: each column has one type and one
 * contiguous array. Text is interned to dense uint32 ids; customer ids share
 * one dictionary across all tables (so tables join on the id), product ids
 * another. Dates are days since 1970-01-01 (int32), money is int64 cents,
 * other numbers are double. Missing values use the KW_NA_* sentinels.
 *
 * Only rows that were used are stored; skipped rows are counted, with reasons
 * and the first examples, in the table's kw_read_report.
 *
 * Ownership: the dataset owns its tables, columns, dictionaries and reports;
 * every pointer read from them is valid until kw_dataset_free().
 */
#ifndef KLANTWIJS_DATA_H
#define KLANTWIJS_DATA_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KW_NA_ID UINT32_MAX
#define KW_NA_DATE INT32_MIN
#define KW_NA_MONEY INT64_MIN
#define KW_NA_FLAG ((int8_t)-1)
/* A missing number is NaN: test it with isnan(), never with ==. */
#define KW_NA_NUMBER ((double)NAN)

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
KW_API int32_t kw_date_from_ymd(int y, int m, int d);
KW_API void kw_date_to_ymd(int32_t days, int *y, int *m, int *d);
/* Writes "2024-03-01" (style 0, ISO) or "01-03-2024" (style 1, Flemish/
 * Dutch); "" for KW_NA_DATE. buf needs 11 bytes. Returns buf. */
KW_API char *kw_date_format(char *buf, int32_t days, int style);
/* A date written by a person (an option, a rule or settings file) read
 * as the readers read a date cell, day first where the order is ambiguous:
 * "2024-03-01", "01-03-2024", "01/03/2024", "1.3.2024", "20240301". False
 * for anything else, invalid calendar dates and years outside 1900..2200. */
KW_API bool kw_date_parse(const char *s, int32_t *days);
/* An amount written by a person ("12,50", "65.50", "-3", "€ 1.234,56")
 * read as the readers read an amount cell, into cents (more than two
 * decimals round half away from zero). A lone separator is the decimal
 * mark ("1.250" is 1.25). False when it is not an amount or overflows. */
KW_API bool kw_money_parse(const char *s, int64_t *cents);

/* ----------------------------------------------------------- dictionary */

typedef struct kw_dict kw_dict;
KW_API size_t kw_dict_size(const kw_dict *d);
/* The NUL-terminated UTF-8 string of an id ("" when out of range, and for
 * invoice numbers read with kw_load_options.invoice_ids_only). */
KW_API const char *kw_dict_str(const kw_dict *d, uint32_t id);
KW_API size_t kw_dict_len(const kw_dict *d, uint32_t id);
/* Every string of the dictionary, in id order, each followed by a NUL byte,
 * copied into buf[0..cap). Returns the bytes the whole export takes; when
 * that exceeds cap nothing is written (call with cap 0 to size the buffer).
 * One call instead of one per id, for bindings that fetch a million ids. */
KW_API size_t kw_dict_export(const kw_dict *d, char *buf, size_t cap);

/* ------------------------------------------------------ tables and roles */

/* X(enum, name, default file names separated by spaces) */
#define KW_TABLE_LIST(X)                                                    \
  X(KW_TABLE_TRANSACTIONS, "transactions",                                  \
    "transactions.csv transacties.csv verkopen.csv sales.csv")              \
  X(KW_TABLE_CUSTOMERS, "customers", "customers.csv klanten.csv")           \
  X(KW_TABLE_INVOICES, "invoices", "invoices.csv facturen.csv")             \
  X(KW_TABLE_COSTS, "costs", "costs.csv kosten.csv")                        \
  X(KW_TABLE_FEEDBACK, "feedback", "feedback.csv")                          \
  X(KW_TABLE_TOUCHPOINTS, "touchpoints", "touchpoints.csv")                 \
  X(KW_TABLE_REFERRALS, "referrals", "referrals.csv")                     \
  X(KW_TABLE_SPEND, "spend", "marketing_spend.csv marketingkosten.csv")

typedef enum kw_table_kind {
#define KW_X_TABLE(e, name, files) e,
  KW_TABLE_LIST(KW_X_TABLE)
#undef KW_X_TABLE
      KW_TABLE__COUNT
} kw_table_kind;

KW_API const char *kw_table_kind_name(kw_table_kind k);

typedef enum kw_type {
  KW_TYPE_TEXT = 0, /* interned: uint32 ids into a kw_dict */
  KW_TYPE_DATE,     /* int32 days since 1970-01-01 */
  KW_TYPE_MONEY,    /* int64 cents */
  KW_TYPE_NUMBER,   /* double, KW_NA_NUMBER (NaN) missing */
  KW_TYPE_FLAG      /* int8: 1 yes, 0 no, KW_NA_FLAG missing */
} kw_type;

KW_API const char *kw_type_name(kw_type t);

/*
 * Column roles: what a column means, whatever its header says. One list for
 * all tables; src/io/roles.c holds the English and Dutch header synonyms per
 * table. X(enum, name, type, description)
 */
#define KW_ROLE_LIST(X)                                                      \
  X(KW_ROLE_NONE, "none", KW_TYPE_TEXT, "an attribute without a role")       \
  X(KW_ROLE_CUSTOMER, "customer", KW_TYPE_TEXT, "customer id")               \
  X(KW_ROLE_DATE, "date", KW_TYPE_DATE, "transaction or event date")         \
  X(KW_ROLE_AMOUNT, "amount", KW_TYPE_MONEY, "line or invoice amount")       \
  X(KW_ROLE_INVOICE, "invoice", KW_TYPE_TEXT, "invoice or order id")         \
  X(KW_ROLE_PRODUCT, "product", KW_TYPE_TEXT, "product id or code")          \
  X(KW_ROLE_PRODUCT_NAME, "product_name", KW_TYPE_TEXT, "product name")      \
  X(KW_ROLE_CATEGORY, "category", KW_TYPE_TEXT, "product category")          \
  X(KW_ROLE_QUANTITY, "quantity", KW_TYPE_NUMBER, "quantity")                \
  X(KW_ROLE_UNIT_PRICE, "unit_price", KW_TYPE_MONEY, "unit price")           \
  X(KW_ROLE_COST, "cost", KW_TYPE_MONEY, "cost of goods or a cost amount")   \
  X(KW_ROLE_MARGIN, "margin", KW_TYPE_MONEY, "margin amount")                \
  X(KW_ROLE_DISCOUNT, "discount", KW_TYPE_MONEY, "discount amount")          \
  X(KW_ROLE_CHANNEL, "channel", KW_TYPE_TEXT, "sales or contact channel")    \
  X(KW_ROLE_NAME, "name", KW_TYPE_TEXT, "customer name (personal data)")     \
  X(KW_ROLE_EMAIL, "email", KW_TYPE_TEXT, "e-mail address (personal data)")  \
  X(KW_ROLE_PHONE, "phone", KW_TYPE_TEXT, "phone number (personal data)")    \
  X(KW_ROLE_ADDRESS, "address", KW_TYPE_TEXT, "street address (personal)")   \
  X(KW_ROLE_POSTCODE, "postcode", KW_TYPE_TEXT, "postal code")               \
  X(KW_ROLE_CITY, "city", KW_TYPE_TEXT, "city")                              \
  X(KW_ROLE_SECTOR, "sector", KW_TYPE_TEXT, "sector or industry")            \
  X(KW_ROLE_SIZE, "size", KW_TYPE_TEXT, "company size or age band")          \
  X(KW_ROLE_ACQ_DATE, "acquisition_date", KW_TYPE_DATE, "acquisition date")  \
  X(KW_ROLE_ACQ_COST, "acquisition_cost", KW_TYPE_MONEY, "acquisition cost") \
  X(KW_ROLE_CONSENT, "consent", KW_TYPE_FLAG, "marketing consent")           \
  X(KW_ROLE_START_DATE, "start_date", KW_TYPE_DATE, "contract start")        \
  X(KW_ROLE_END_DATE, "end_date", KW_TYPE_DATE, "contract end or cancel")    \
  X(KW_ROLE_DUE_DATE, "due_date", KW_TYPE_DATE, "invoice due date")          \
  X(KW_ROLE_TERMS, "terms", KW_TYPE_NUMBER, "payment terms in days")         \
  X(KW_ROLE_PAID_DATE, "paid_date", KW_TYPE_DATE, "payment date")            \
  X(KW_ROLE_TYPE, "type", KW_TYPE_TEXT, "cost, event or feedback type")      \
  X(KW_ROLE_HOURS, "hours", KW_TYPE_NUMBER, "hours or units of a cost")      \
  X(KW_ROLE_NPS, "nps", KW_TYPE_NUMBER, "likelihood to recommend 0-10")      \
  X(KW_ROLE_CSAT, "csat", KW_TYPE_NUMBER, "satisfaction 1-5")                \
  X(KW_ROLE_CES, "ces", KW_TYPE_NUMBER, "customer effort 1-7")               \
  X(KW_ROLE_COMMENT, "comment", KW_TYPE_TEXT, "free-text comment")           \
  X(KW_ROLE_STAGE, "stage", KW_TYPE_TEXT, "journey stage or event")          \
  X(KW_ROLE_REFERRER, "referrer", KW_TYPE_TEXT, "customer who referred")     \
  X(KW_ROLE_TENURE, "tenure", KW_TYPE_NUMBER, "tenure (duration)")           \
  X(KW_ROLE_CHURN, "churn", KW_TYPE_FLAG, "churned flag")                    \
  X(KW_ROLE_COUNTRY, "country", KW_TYPE_TEXT, "country (names the currency)") \
  X(KW_ROLE_AMOUNT_INCL, "amount_incl", KW_TYPE_MONEY,                       \
    "amount including VAT")                                                  \
  X(KW_ROLE_OPEN, "open_amount", KW_TYPE_MONEY, "amount still open")         \
  X(KW_ROLE_SELLER, "seller", KW_TYPE_TEXT, "salesperson or account manager")

typedef enum kw_role {
#define KW_X_ROLE(e, name, type, desc) e,
  KW_ROLE_LIST(KW_X_ROLE)
#undef KW_X_ROLE
      KW_ROLE__COUNT
} kw_role;

KW_API const char *kw_role_name(kw_role r);
KW_API const char *kw_role_description(kw_role r);
/* KW_ROLE__COUNT when the name is unknown. */
KW_API kw_role kw_role_from_name(const char *name);
/* True for name, e-mail, phone and address: never reported by default. */
KW_API bool kw_role_is_personal(kw_role r);

typedef enum kw_date_order {
  KW_DATE_ORDER_UNKNOWN = 0, /* nothing decided (only ISO/compact seen) */
  KW_DATE_DMY,
  KW_DATE_MDY,
  KW_DATE_YMD
} kw_date_order;

typedef struct kw_column {
  const char *name; /* header text (UTF-8), or "column N" without header */
  kw_role role;     /* KW_ROLE_NONE for an attribute without a role */
  kw_type type;
  const kw_dict *dict; /* KW_TYPE_TEXT: the dictionary of the ids */
  union {
    const uint32_t *text;
    const int32_t *date;
    const int64_t *money;
    const double *number;
    const int8_t *flag;
  } v;
  char decimal_mark;        /* MONEY/NUMBER: '.' or ',', 0 if never shown */
  char currency[4];         /* MONEY: "EUR", "USD" or "GBP" when at least
                               90% of the cells that carry a currency sign
                               or code carry this one; "" otherwise */
  kw_date_order date_order; /* DATE: how day-first/month-first was decided */
  uint64_t missing;         /* empty cells among the stored rows */
  uint32_t source_index;    /* 0-based column number in the file;
                               UINT32_MAX for a column made up by the
                               reader (amount = quantity x unit price,
                               invoice ids generated per line) */
} kw_column;

/* Whether the amounts of a table include VAT (kw_read_report.vat). */
typedef enum kw_vat_basis {
  KW_VAT_UNKNOWN = 0, /* one amount column that does not say */
  KW_VAT_EXCL,        /* a column of amounts excl. VAT */
  KW_VAT_INCL,        /* a column of amounts incl. VAT, as they are */
  KW_VAT_CONVERTED    /* amounts incl. VAT divided by 1 + the rate */
} kw_vat_basis;

/* Why a row was skipped. X(enum, name, message) */
#define KW_SKIP_LIST(X)                                                  \
  X(KW_SKIP_NO_CUSTOMER, "no_customer", "empty customer id")             \
  X(KW_SKIP_BAD_DATE, "bad_date", "unparseable or missing date")         \
  X(KW_SKIP_BAD_AMOUNT, "bad_amount", "unparseable or missing amount")   \
  X(KW_SKIP_BAD_NUMBER, "bad_number", "unparseable number")              \
  X(KW_SKIP_BAD_FLAG, "bad_flag", "unparseable yes/no value")            \
  X(KW_SKIP_RAGGED, "ragged", "wrong number of fields")                  \
  X(KW_SKIP_TOO_LONG, "too_long", "field longer than the limit")         \
  X(KW_SKIP_BLANK, "blank", "blank line")                                \
  X(KW_SKIP_DUPLICATE, "duplicate",                                      \
    "same line as in an earlier file of the table")

typedef enum kw_skip_reason {
#define KW_X_SKIP(e, name, msg) e,
  KW_SKIP_LIST(KW_X_SKIP)
#undef KW_X_SKIP
      KW_SKIP__COUNT
} kw_skip_reason;

KW_API const char *kw_skip_reason_name(kw_skip_reason r);
KW_API const char *kw_skip_reason_message(kw_skip_reason r);

#define KW_REPORT_EXAMPLES 5

/* One file of a table read from several files of one kind (one per year,
 * say): its path, rows read and used, and its first and last date
 * (KW_NA_DATE when the table has no date column or no dated row). */
typedef struct kw_read_part {
  const char *path;
  uint64_t rows_read;
  uint64_t rows_used;      /* before duplicates of earlier files left out */
  uint64_t duplicates;     /* lines equal to a line of an earlier file */
  int32_t first_date, last_date;
} kw_read_part;

/* How a file was read. Blank lines are counted as skipped but are normal. */
typedef struct kw_read_report {
  const char *path;
  char delimiter;          /* ',', ';', '\t', '|', or ' ' for runs of blanks */
  bool header;             /* a header row was found */
  const char *encoding;    /* "UTF-8", "UTF-8 with BOM", "Windows-1252" */
  const char *line_ending; /* "LF", "CRLF", "CR" or "none" */
  uint64_t bytes;
  uint64_t rows_read;      /* data rows (after the header), blank included */
  uint64_t rows_used;
  uint64_t rows_skipped;   /* rows_read = rows_used + rows_skipped */
  uint64_t skipped[KW_SKIP__COUNT];
  uint64_t recoded_cells;  /* invalid UTF-8 cells decoded as Windows-1252 */
  size_t n_examples;
  const char *examples[KW_REPORT_EXAMPLES]; /* "file:line:col: message" */
  size_t n_ignored;        /* columns not stored: the sales lines' columns
                              without a role; e-mail, phone and address
                              under kw_load_options.skip_contact */
  const char *const *ignored; /* their header names */
  /* transaction rows without a customer id (guest sales, counted in
   * skipped[KW_SKIP_NO_CUSTOMER]) whose amount could be read, and the sum
   * of those amounts in cents */
  uint64_t guest_rows;
  int64_t guest_cents;
  /* Workbooks (.xlsx, .xls): the format ("xlsx", "xls"; NULL for
   * delimited text), the sheet read, why it was chosen, the sheet row of
   * the header (1-based) and the row where a total row ended the table
   * (0: none). */
  const char *format;
  const char *sheet;
  const char *sheet_reason;
  uint64_t header_row;
  uint64_t total_row;
  /* The amount column's VAT basis, the rate used to convert (hundredths
   * of a percent) and whether a column of the other basis was also there
   * (and left aside). */
  kw_vat_basis vat;
  int32_t vat_rate_bp;
  bool vat_other;
  /* Why this file became this table ("--invoices", "its name", "its
   * columns: ..."); NULL when read by kw_ingest alone. */
  const char *found;
  /* Files joined into this table, in the order read (0 when the table
   * is one file). A line of a later file equal in every column to a line
   * of an earlier one is left out and counted in
   * skipped[KW_SKIP_DUPLICATE]; overlapping periods are warned. */
  size_t n_parts;
  const kw_read_part *parts;
} kw_read_report;

typedef struct kw_table kw_table;

KW_API kw_table_kind kw_table_kind_of(const kw_table *t);
KW_API size_t kw_table_rows(const kw_table *t);
KW_API size_t kw_table_ncols(const kw_table *t);
KW_API const kw_column *kw_table_col(const kw_table *t, size_t i);
/* The column with this role, or NULL. */
KW_API const kw_column *kw_table_role(const kw_table *t, kw_role role);
/* The column with this header (case-insensitive), or NULL. */
KW_API const kw_column *kw_table_find(const kw_table *t, const char *name);
KW_API const kw_read_report *kw_table_report(const kw_table *t);

/* --------------------------------------------------------------- dataset */

typedef struct kw_dataset kw_dataset;

typedef struct kw_load_options {
  const char *dir;                      /* data folder, or NULL */
  const char *files[KW_TABLE__COUNT];   /* explicit paths; "-" is stdin */
  const char *const *maps;              /* "ROLE=COLUMN", "table.ROLE=COL" */
  size_t n_maps;                        /* COLUMN: header name or 1-based # */
  char decimal_mark;                    /* 0 detect, '.' or ',' */
  kw_date_order date_order;             /* UNKNOWN = detect (default DMY) */
  char delimiter;                       /* 0 detect */
  int header;                           /* -1 detect, 0 no, 1 yes */
  int encoding;                         /* 0 detect, 1 UTF-8, 2 Windows-1252 */
  bool strict;                          /* bad cells are errors, not skips */
  uint32_t tables;                      /* bit (1u<<kind) to load; 0 = all */
  size_t max_field;                     /* bytes; 0 = default 1 MiB */
  bool amount_optional;                 /* transactions without an amount
                                           (or price) column are read with
                                           amount 0 on every line, for work
                                           that needs dates only */
  bool sales_optional;                  /* a folder without a transactions
                                           table is no error: the sales
                                           are read when found (by name or
                                           content), as for a survey that
                                           stands alone */
  const char *sheet;                    /* workbook sheet: name or 1-based
                                           number; NULL = best header */
  char vat;        /* amounts: 0 decide (excl. VAT when both are given),
                      'e' excl. VAT, 'i' incl. VAT (--vat) */
  int32_t vat_rate_bp; /* VAT rate in hundredths of a percent (2100 =
                          21%) to convert amounts that include VAT when
                          no excl. amount is given; 0 = none (--vat-rate) */
  int lang;        /* language of warnings and errors: 0 English, 1 Dutch
                      (the values of kw_lang) */
  /* A PostgreSQL connection URI ("postgresql://..." or "postgres://...")
   * to read the tables from instead of files (klantwijs/pg.h); NULL for
   * files. db_tables[k]: "SCHEMA.TABLE", "TABLE" or a query for table
   * kind k; NULL looks the kind's default names up in the search path. */
  const char *db;
  const char *db_tables[KW_TABLE__COUNT];
  /* E-mail, phone and street address columns are not read (the report
   * lists them as ignored): for work that never shows them, such as
   * kw_analyze, they would only take memory. Names are still read. */
  bool skip_contact;
  /* Invoice numbers are kept as ids only: equal numbers have one id in
   * every table, but their text is dropped once the tables are read
   * (kw_dict_str gives ""). For work that only groups lines by invoice,
   * such as kw_analyze: the text and its lookup table take about 40 bytes
   * an invoice. */
  bool invoice_ids_only;
} kw_load_options;

KW_API void kw_load_options_init(kw_load_options *o);

/*
 * Set one reading option from its text, as a user writes it on the command
 * line or in a notebook: NAME is the option without its dashes and VALUE its
 * text (NULL for the flags "header" and "no-header").
 *   decimal-mark  ',' or '.'            date-format  dmy, mdy or ymd
 *   delimiter     , ; | tab or space    encoding     utf-8 or windows-1252
 *   vat           excl or incl          vat-rate     21, 21%, 5,5 (1 to 100)
 *   table         KIND=SCHEMA.TABLE|QUERY (VALUE must outlive o)
 *   header, no-header
 * KW_EARG with a keyed message (kw_errinfo) when the value is not one of
 * these; o is then unchanged. One definition of what each option accepts
 * for every caller.
 */
KW_API kw_status kw_load_options_set(kw_context *ctx, kw_load_options *o,
                                     const char *name, const char *value);

/*
 * Read the tables named in o (explicit files first, then files found in
 * o->dir). The transactions table is required unless o->tables excludes it.
 * On failure *out is NULL and kw_errmsg() names file:line:column.
 */
KW_API kw_status kw_dataset_load(kw_context *ctx, const kw_load_options *o,
                                 kw_dataset **out);
KW_API void kw_dataset_free(kw_dataset *ds);

/* The table of this kind, or NULL when it was not read. */
KW_API const kw_table *kw_dataset_table(const kw_dataset *ds,
                                        kw_table_kind k);
/* Customer ids of every table index this dictionary. */
KW_API const kw_dict *kw_dataset_customers(const kw_dataset *ds);
KW_API const kw_dict *kw_dataset_products(const kw_dataset *ds);
KW_API kw_context *kw_dataset_context(const kw_dataset *ds);
/* Where the currency of the amounts came from. */
typedef enum kw_currency_from {
  KW_CURRENCY_ASSUMED = 0, /* nothing names it: EUR */
  KW_CURRENCY_GIVEN,       /* the caller chose it (--currency) */
  KW_CURRENCY_SIGN,        /* the amounts are written with a sign or code */
  KW_CURRENCY_HEADER,      /* a column name names it */
  KW_CURRENCY_COUNTRY      /* most lines name one country */
} kw_currency_from;

typedef struct kw_currency_info {
  char code[8];          /* ISO code: "EUR", "GBP", ... */
  kw_currency_from from;
  char column[96];       /* SIGN, HEADER, COUNTRY: the column's name */
  char value[64];        /* SIGN: the sign written; COUNTRY: the country */
  double share;          /* COUNTRY: the share of the lines naming it */
} kw_currency_info;

/* The currency of the amounts, one rule for every command and report:
 * `given` (an ISO code the caller chose; NULL or "" for none), else the
 * sign or code the transactions' amounts are written with
 * (kw_column.currency), else a header with a currency word or symbol
 * ("Amount (GBP)", "dollar_value"), else a country column where at least
 * 80% of the transaction lines name one country, else EUR, assumed. ds
 * may be NULL. Returns whether it was given or the data named it. */
KW_API bool kw_dataset_currency(const kw_dataset *ds, const char *given,
                                kw_currency_info *out);

#ifdef __cplusplus
}
#endif
#endif
