/*
 * parse.h — cell parsers for amounts, numbers, dates and yes/no flags as
 * Belgian, Dutch and other exports write them. Pure functions over a byte
 * range (not NUL-terminated), no locale, no allocation, no strtod.
 *
 * The decimal mark and the day/month order are decided per column by the
 * reader (src/io/ingest.c) from the evidence these parsers return; a parser
 * given a decided convention applies it, a parser given none (0 or
 * KW_DATE_ORDER_UNKNOWN) returns the cell's own evidence and, for an
 * ambiguous cell, both readings so the reader can settle it later.
 */
#ifndef KW_PARSE_H
#define KW_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/data.h"

/* What one numeric cell says about the column's decimal mark. */
typedef enum kw_mark_evidence {
  KW_MARK_NONE = 0,  /* no separator at all ("1234", "-12") */
  KW_MARK_DOT,       /* '.' must be the decimal mark ("12.50", "1,234.56") */
  KW_MARK_COMMA,     /* ',' must be the decimal mark ("12,50", "1.234,56") */
  KW_MARK_AMBIGUOUS  /* one separator then exactly 3 digits ("1,234") */
} kw_mark_evidence;

/*
 * Amount to cents. Accepts "1234.56", "1234,56", "1.234,56", "1,234.56",
 * "€ 1.234,56", "EUR 12", "1 234,56" (also no-break/thin spaces),
 * "-12,50", "12,50-", "(12,50)", "+3", surrounding blanks, and a currency
 * sign or code before or after. More than two decimals round half away from
 * zero. mark is '.' or ',' when decided for the column, else 0.
 * With mark 0 and an ambiguous cell, *cents reads the separator as a
 * thousands separator and *alt as the decimal mark; otherwise *alt = *cents.
 * Returns false (and leaves *cents unspecified) when the cell is not an
 * amount, is empty, or overflows, and when it contradicts a given mark
 * ("12.50" under ','). *ev is the cell's own evidence whatever the mark.
 * ev may not be NULL; alt may be NULL. The full rules are in parse.c.
 */
bool kw_parse_amount(const char *s, size_t n, char mark, int64_t *cents,
                     int64_t *alt, kw_mark_evidence *ev);

/* The currency a cell accepted by kw_parse_amount carries: 0 none, 1 EUR
 * ("€", the Windows-1252 euro byte, "EUR"), 2 USD ("$", "USD"), 3 GBP
 * ("£", "GBP"), in any case. */
int kw_amount_currency(const char *s, size_t n);

/* A plain number (quantities, hours, scores) under the same rules, as a
 * double; "1,5" and "1.5" alike once the mark is known. An exponent
 * ("1e3", "2.5E-4") is accepted only with '.' as the decimal mark (its
 * evidence is KW_MARK_DOT). Never NaN or infinite. */
bool kw_parse_number(const char *s, size_t n, char mark, double *out,
                     double *alt, kw_mark_evidence *ev);

/* What one date cell says about the column's day/month order. */
typedef enum kw_date_evidence {
  KW_DATEV_NONE = 0, /* ISO or compact YYYYMMDD: order does not matter */
  KW_DATEV_DMY,      /* first field > 12: day first */
  KW_DATEV_MDY,      /* second field > 12: month first */
  KW_DATEV_AMBIGUOUS /* both fields <= 12 and different */
} kw_date_evidence;

/*
 * Date to days since 1970-01-01. Accepts ISO "2024-03-01" (optionally
 * followed by a time "2024-03-01 08:26:00", "2024-03-01T08:26:00Z"),
 * "01/03/2024", "01-03-2024", "1-3-2024", "01.03.2024" (also followed by a
 * time), and "20240301". Two-digit years are not accepted (ambiguous).
 * order is the column's decided order (KW_DATE_DMY / KW_DATE_MDY) or
 * KW_DATE_ORDER_UNKNOWN; with UNKNOWN (or KW_DATE_YMD) an ambiguous cell
 * is read day-first in *days and month-first in *alt; otherwise *alt =
 * *days. A cell that contradicts the given order ("05/13/2024" under DMY),
 * invalid calendar dates (31-02-2024) and years outside 1900..2200 are
 * rejected. A time after the date is checked and ignored. *ev is the cell's
 * own evidence whatever the order; alt may be NULL.
 */
bool kw_parse_date(const char *s, size_t n, kw_date_order order,
                   int32_t *days, int32_t *alt, kw_date_evidence *ev);

/* An amount a person wrote in a settings file or an option (kw_money_parse
 * over a byte range): a lone separator is the decimal mark. */
bool kw_parse_written_amount(const char *s, size_t n, int64_t *cents);

/* Yes/no: 1/0, true/false, yes/no, y/n, ja/nee, j/n, waar/onwaar,
 * oui/non, vrai/faux; case-insensitive, blanks trimmed. "x" and "" are not
 * flags. *out is 1 or 0. */
bool kw_parse_flag(const char *s, size_t n, int8_t *out);

#endif
