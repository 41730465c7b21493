/*
 * parse.c — cell parsers: amounts (int64 cents), plain numbers (double),
 * dates (days since 1970-01-01) and yes/no flags.
 *
 * Every parser is a pure function over a byte range: no allocation, no
 * locale, no strtod, no NUL terminator needed. Each cell is scanned once,
 * front to back, collecting what the later decisions need (digit
 * accumulators, where the separators are and how long each digit group is);
 * the decisions then read only that small summary.
 *
 * ------------------------------------------------------------- amounts
 *
 * A cell is   [decorations] body [decorations]   where
 *
 *   blanks       ASCII space, tab, CR, LF; U+00A0 no-break space and U+202F
 *                narrow no-break space and U+2009 thin space in UTF-8; the
 *                Windows-1252 no-break space byte 0xA0. Blanks around the
 *                cell and between decorations are ignored.
 *   decorations  in any order, each at most once in the whole cell:
 *                - a sign: '-', '+' or U+2212 MINUS SIGN, before the body
 *                  ("-12,50", "€ -12,50", "-€ 12,50") or after it ("12,50-");
 *                - a currency: "€" (UTF-8), the Windows-1252 euro byte 0x80,
 *                  "$", "£" (UTF-8 or the Windows-1252 byte 0xA3), or the
 *                  codes EUR, USD, GBP in any case, before or after the body;
 *                - parentheses "(" before and ")" after the body, meaning
 *                  negative; they must come as a pair and exclude a sign.
 *                The currency is not checked or converted: it is decoration.
 *   body         digits with single separators between them: '.', ',' or
 *                one blank of the group kind (space, U+00A0, U+202F, U+2009,
 *                byte 0xA0 — not tab). The body ends with a digit; it may
 *                start with '.' or ',' only when that is its sole separator
 *                (".5" is 0.50). At most 8 separators; a cell longer
 *                than 4096 bytes is not a number.
 *
 * Reading a body under a decimal mark M (the other of '.' ',' is T):
 *   - M occurs at most once, and only as the last separator: it splits the
 *     integer part from the fraction (any number of fraction digits).
 *   - Every other separator is a thousands separator, all of one kind (T or
 *     a blank, never both). When there is any, the groups are exact: the
 *     first group has 1 to 3 digits and does not start with 0, every later
 *     group of the integer part has exactly 3 digits.
 *   - The fraction rounds half away from zero to cents: only the third
 *     fraction digit matters (1,235 -> 1,24; 1,2349 -> 1,23; -1,235 ->
 *     -1,24).
 * A cell has a reading under '.', under ',', under both, or under neither
 * (then it is not an amount: "12,3,4", "1.2.3,4,5", "1.23.456").
 *
 * Evidence (what the cell says about the column, whatever mark is given):
 *   KW_MARK_NONE       no '.' or ',' at all ("1234", "1 234", "-12").
 *   KW_MARK_DOT        only the '.' reading exists ("12.50", "1,234.56",
 *                      "1,234,567", "0.125", "1234.567").
 *   KW_MARK_COMMA      only the ',' reading exists ("12,50", "1.234,56",
 *                      "1.234.567", "0,125", "1 234,56").
 *   KW_MARK_AMBIGUOUS  both exist and differ: exactly one separator, '.' or
 *                      ',', with exactly 3 digits after it and 1 to 3 digits
 *                      not starting with 0 before it ("1,234", "-1.000").
 * So a repeated separator is the thousands separator (its reading under the
 * other mark), a separator followed by other than 3 digits is the decimal
 * mark, and of two different separators the last one is the decimal mark.
 *
 * With mark '.' or ',' the cell must have a reading under it, else false
 * (a contradiction: "12.50" under ',' is rejected, "1.234" under ',' is
 * 1234.00), and *alt = *cents. With mark 0 the value is the cell's only
 * reading; for an ambiguous cell *cents is the thousands reading ("1,234" ->
 * 123400) and *alt the decimal reading ("1,234" -> 123). Any other mark
 * value is treated as 0.
 *
 * Overflow (|cents| > INT64_MAX in the reading used) and empty or blank
 * cells return false; the caller counts missing cells itself.
 *
 * ------------------------------------------------------------- numbers
 *
 * kw_parse_number takes the same cells (decorations included) and returns
 * a double. In addition the body may end in an exponent, 'e' or 'E', an
 * optional sign and 1 or more digits ("1e3", "-2.5E-4"). An exponent makes
 * '.' the decimal mark: such a cell has at most one separator, '.', its
 * evidence is KW_MARK_DOT and it is rejected under mark ','.
 *
 * The value is computed from the digits, not by strtod: the first 19
 * significant digits form an exact uint64 mantissa M (later digits are
 * dropped, i.e. truncated) and the decimal point and exponent give a power
 * of ten E. When M <= 2^53 and |E| <= 22 both M and 10^|E| are exact doubles
 * and one IEEE multiplication or division gives the correctly rounded
 * result (Clinger's fast path; W. D. Clinger, "How to read floating point
 * numbers accurately", PLDI 1990). That covers every cell with up to 15
 * significant digits and a modest scale: "0.1", "2,55", "1234.5678".
 * Otherwise the value is (long double)M times 10^E computed in long double,
 * which is within an ulp or so of the correct double. A result that
 * overflows to infinity returns false; nothing returns NaN. "-0" gives 0.
 *
 * --------------------------------------------------------------- dates
 *
 * Accepted (blanks around the cell are trimmed):
 *   YYYY-MM-DD       ISO; also with '/' or '.' (same separator twice), month
 *                    and day of 1 or 2 digits;
 *   YYYYMMDD         exactly 8 digits;
 *   A/B/YYYY         A and B of 1 or 2 digits, separator '/', '-' or '.'
 *                    (same separator twice), a 4-digit year;
 * each optionally followed by a time: one or more blanks (or 'T' after an
 * ISO or compact date) and H:MM, H:MM:SS or H:MM:SS.fraction with H of 1
 * or 2 digits, then optionally " AM"/" PM" (hours 1..12), then optionally
 * 'Z' or an offset +HH:MM, +HHMM, +HH (or '-'). The time is checked
 * (hours 0..23, minutes 0..59, seconds 0..60) and then ignored: the date is
 * the calendar date as written, no time-zone shift. Two-digit years and
 * spreadsheet serial numbers are not accepted.
 *
 * Evidence: ISO and compact dates say nothing (KW_DATEV_NONE). For A/B/Y:
 * A > 12 -> day first (DMY); B > 12 -> month first (MDY); A == B -> NONE
 * (the same date either way); both <= 12 and different -> AMBIGUOUS; both
 * > 12 -> not a date. Under order DMY or MDY the cell is read that way and
 * must be a valid date that way ("05/13/2024" under DMY is rejected). Under
 * KW_DATE_ORDER_UNKNOWN (and KW_DATE_YMD, which only decides ISO columns)
 * the cell is read as its evidence says; an ambiguous cell gives the
 * day-first reading in *days and the month-first one in *alt. Otherwise
 * *alt = *days. Years must lie in 1900..2200 and the day must exist in the
 * month (29-02 only in leap years).
 *
 * --------------------------------------------------------------- flags
 *
 * After trimming blanks, case-insensitive: 1 j ja y yes true waar oui vrai
 * -> 1; 0 n nee no false onwaar non faux -> 0 (Dutch, English, French as
 * Belgian exports write them). Anything else, including "" and "x", is not
 * a flag.
 */
#include "io/parse.h"

#include <math.h>
#include <string.h>

typedef const unsigned char *bytes;

/* ------------------------------------------------------ blanks, tokens */

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of a group blank (allowed inside a number) starting at s[i]. */
static inline size_t group_blank_at(bytes s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c == ' ') return 1;
  if (c == 0xA0) return 1; /* Windows-1252 no-break space */
  if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
      (s[i + 2] == 0xAF || s[i + 2] == 0x89))
    return 3;
  return 0;
}

/* Length of any blank (trimmed around a cell) starting at s[i]. */
static inline size_t blank_at(bytes s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c == '\t' || c == '\r' || c == '\n') return 1;
  return group_blank_at(s, i, n);
}

/* Length of any blank ending just before s[j], not reaching below lo. */
static inline size_t blank_before(bytes s, size_t lo, size_t j) {
  unsigned char c = s[j - 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (c == 0xA0) return (j - 1 > lo && s[j - 2] == 0xC2) ? 2 : 1;
  if ((c == 0xAF || c == 0x89) && j - lo >= 3 && s[j - 2] == 0x80 &&
      s[j - 3] == 0xE2)
    return 3;
  return 0;
}

static inline size_t skip_blanks(bytes s, size_t i, size_t n) {
  size_t k;
  while (i < n && (k = blank_at(s, i, n)) != 0) i += k;
  return i;
}

static inline size_t trim_blanks_end(bytes s, size_t lo, size_t j) {
  size_t k;
  while (j > lo && (k = blank_before(s, lo, j)) != 0) j -= k;
  return j;
}

static inline unsigned char lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static bool is_code3(bytes s) {
  unsigned char a = lower(s[0]), b = lower(s[1]), c = lower(s[2]);
  return (a == 'e' && b == 'u' && c == 'r') ||
         (a == 'u' && b == 's' && c == 'd') ||
         (a == 'g' && b == 'b' && c == 'p');
}

/* Length of a currency token starting at s[i]. */
static size_t currency_at(bytes s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c == '$' || c == 0x80 || c == 0xA3) return 1;
  if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x82 && s[i + 2] == 0xAC)
    return 3;
  if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA3) return 2;
  if (i + 3 <= n && is_code3(s + i)) return 3;
  return 0;
}

/* Length of a currency token ending just before s[j], not below lo. */
static size_t currency_before(bytes s, size_t lo, size_t j) {
  size_t avail = j - lo;
  unsigned char c = s[j - 1];
  if (c == '$' || c == 0x80) return 1;
  if (c == 0xAC && avail >= 3 && s[j - 2] == 0x82 && s[j - 3] == 0xE2)
    return 3;
  if (c == 0xA3) return (avail >= 2 && s[j - 2] == 0xC2) ? 2 : 1;
  if (avail >= 3 && is_code3(s + j - 3)) return 3;
  return 0;
}

/* Length of a sign at s[i] (sets *neg), 0 if none. */
static inline size_t sign_at(bytes s, size_t i, size_t n, bool *neg) {
  if (s[i] == '-' || s[i] == '+') {
    *neg = s[i] == '-';
    return 1;
  }
  if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x88 && s[i + 2] == 0x92) {
    *neg = true;
    return 3;
  }
  return 0;
}

static inline size_t sign_before(bytes s, size_t lo, size_t j, bool *neg) {
  if (s[j - 1] == '-' || s[j - 1] == '+') {
    *neg = s[j - 1] == '-';
    return 1;
  }
  if (s[j - 1] == 0x92 && j - lo >= 3 && s[j - 2] == 0x88 &&
      s[j - 3] == 0xE2) {
    *neg = true;
    return 3;
  }
  return 0;
}

/* ------------------------------------------------------ numeric cells */

#define MAX_SEP 8
#define MAX_CELL 4096 /* longer cells are not numbers */
#define SEP_BLANK '_'
#define ACC_LIMIT 1000000000000000000ull /* 1e18: acc*10+9 fits uint64 */

typedef struct num_scan {
  bool neg;
  bool has_exp;
  bool lead0;        /* the first digit group starts with '0' */
  bool last_ovf;     /* digits were dropped before the last separator */
  int nsep;
  char kind[MAX_SEP]; /* '.', ',' or SEP_BLANK */
  int group[MAX_SEP + 1]; /* digits before sep 0, between, after the last */
  uint64_t acc;      /* the first 19 significant digits as an integer */
  uint64_t acc_last; /* acc when the last separator was met */
  unsigned first3;   /* first (up to) 3 digits of the last group */
  int dropped;       /* significant digits after the first 19 */
  int exp10;         /* explicit exponent */
} num_scan;

/* Strip decorations, then scan the body. False when the cell is not a
 * number whatever the mark. The digit accumulators live in locals and are
 * stored once at the end: the hot loop touches no memory but the cell. */
static bool scan_number(bytes s, size_t n, bool allow_exp, num_scan *sc) {
  if (n > MAX_CELL) return false;
  size_t i = skip_blanks(s, 0, n);
  size_t j = trim_blanks_end(s, i, n);
  bool neg = false, have_sign = false, have_cur = false;
  bool paren = false, close = false;
  size_t k;

  /* prefix decorations (none in the common case: a digit comes first) */
  while (i < j && !is_digit(s[i])) {
    if (s[i] == '(' && !paren) {
      paren = true;
      i++;
    } else if (!have_sign && (k = sign_at(s, i, j, &neg)) != 0) {
      have_sign = true;
      i += k;
    } else if (!have_cur && (k = currency_at(s, i, j)) != 0) {
      have_cur = true;
      i += k;
    } else {
      break;
    }
    i = skip_blanks(s, i, j);
  }
  /* suffix decorations */
  while (j > i && !is_digit(s[j - 1])) {
    if (s[j - 1] == ')' && paren && !close) {
      close = true;
      j--;
    } else if (!have_sign && (k = sign_before(s, i, j, &neg)) != 0) {
      have_sign = true;
      j -= k;
    } else if (!have_cur && (k = currency_before(s, i, j)) != 0) {
      have_cur = true;
      j -= k;
    } else {
      break;
    }
    j = trim_blanks_end(s, i, j);
  }
  if (paren) {
    if (!close || have_sign) return false;
    neg = true;
  }
  if (i >= j) return false;

  /* body: runs of digits separated by single separators */
  uint64_t acc = 0;
  int dropped = 0, nsep = 0, cur = 0;
  sc->neg = neg;
  sc->has_exp = false;
  sc->exp10 = 0;
  sc->lead0 = s[i] == '0';
  sc->acc_last = 0;
  sc->last_ovf = false;
  for (;;) {
    size_t start = i;
    while (i < j && is_digit(s[i])) {
      /* acc < 1e18 has at most 18 significant digits, so acc stays the
       * exact value of the first 19 significant digits; later digits are
       * only counted */
      if (acc < ACC_LIMIT)
        acc = acc * 10 + (unsigned)(s[i] - '0');
      else
        dropped++;
      i++;
    }
    cur = (int)(i - start);
    if (i >= j) break;
    unsigned char c = s[i];
    char kind;
    if (c == '.' || c == ',') {
      kind = (char)c;
      k = 1;
    } else if ((k = group_blank_at(s, i, j)) != 0) {
      kind = SEP_BLANK;
    } else if ((c == 'e' || c == 'E') && allow_exp && cur > 0) {
      i++;
      bool eneg = false;
      if (i < j && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
      if (i >= j) return false;
      int e = 0;
      for (; i < j; i++) {
        if (!is_digit(s[i])) return false;
        if (e < 100000) e = e * 10 + (s[i] - '0');
      }
      sc->exp10 = eneg ? -e : e;
      sc->has_exp = true;
      break;
    } else {
      return false;
    }
    /* a separator: it must follow a digit, except a leading decimal mark */
    if (cur == 0 && (nsep > 0 || kind == SEP_BLANK)) return false;
    if (nsep == MAX_SEP) return false;
    sc->kind[nsep] = kind;
    sc->group[nsep] = cur;
    nsep++;
    sc->acc_last = acc;
    sc->last_ovf = dropped > 0;
    i += k;
  }
  if (cur == 0) return false; /* ends with a separator (or no digits) */
  sc->group[nsep] = cur;
  sc->nsep = nsep;
  sc->acc = acc;
  sc->dropped = dropped;
  /* first (up to) 3 digits of the last group, for rounding to cents */
  size_t g = sc->has_exp ? 0 : j - (size_t)cur;
  unsigned f3 = 0;
  if (!sc->has_exp)
    for (int q = 0; q < cur && q < 3; q++) f3 = f3 * 10 + (s[g + q] - '0');
  sc->first3 = f3;
  return true;
}

/* Does the scanned body have a reading with decimal mark m? */
static bool valid_under(const num_scan *sc, char m) {
  int ns = sc->nsep;
  bool dec = ns > 0 && sc->kind[ns - 1] == m;
  int nth = dec ? ns - 1 : ns; /* thousands separators */
  if (sc->has_exp) {
    if (m != '.') return false;
    return ns == 0 || (ns == 1 && dec);
  }
  if (nth == 0) return sc->group[0] > 0 || dec;
  char tk = sc->kind[0];
  if (tk == m) return false;
  for (int q = 1; q < nth; q++)
    if (sc->kind[q] != tk) return false;
  if (sc->group[0] < 1 || sc->group[0] > 3 || sc->lead0) return false;
  for (int q = 1; q <= nth; q++)
    if (sc->group[q] != 3) return false;
  return true;
}

static kw_mark_evidence evidence_of(const num_scan *sc, bool vd, bool vc) {
  bool has_mark = false;
  for (int q = 0; q < sc->nsep; q++)
    if (sc->kind[q] != SEP_BLANK) has_mark = true;
  if (sc->has_exp) return KW_MARK_DOT;
  if (!has_mark) return KW_MARK_NONE;
  if (vd && vc) return KW_MARK_AMBIGUOUS;
  return vd ? KW_MARK_DOT : KW_MARK_COMMA;
}

/* Is the last separator the decimal mark under mark m? */
static inline bool last_is_decimal(const num_scan *sc, char m) {
  return sc->nsep > 0 && sc->kind[sc->nsep - 1] == m;
}

/* Cents of a reading. False on overflow. */
static bool cents_of(const num_scan *sc, bool decimal, int64_t *out) {
  uint64_t ip = decimal ? sc->acc_last : sc->acc;
  bool ovf = decimal ? sc->last_ovf : sc->dropped > 0;
  if (ovf || ip > (uint64_t)INT64_MAX / 100) return false;
  uint64_t v = ip * 100, f = 0;
  if (decimal) {
    int len = sc->group[sc->nsep];
    unsigned d = sc->first3;
    f = len == 1 ? d * 10u : len == 2 ? d : d / 10 + (d % 10 >= 5);
  }
  if (v > (uint64_t)INT64_MAX - f) return false;
  v += f;
  *out = sc->neg ? -(int64_t)v : (int64_t)v;
  return true;
}

static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Value of a reading. False when it overflows a double. */
static bool double_of(const num_scan *sc, bool decimal, double *out) {
  if (sc->acc == 0) {
    *out = 0.0;
    return true;
  }
  long e = (long)sc->dropped + sc->exp10;
  if (decimal) e -= sc->group[sc->nsep];
  double v;
  if (sc->acc <= (1ull << 53) && e >= -22 && e <= 22) {
    double m = (double)sc->acc;
    v = e >= 0 ? m * pow10_exact[e] : m / pow10_exact[-e];
  } else if (e > 400) {
    return false;
  } else if (e < -400) {
    v = 0.0;
  } else {
    long double m = (long double)sc->acc;
    long double p = 1.0L, b = 10.0L;
    unsigned long ae = (unsigned long)(e < 0 ? -e : e);
    while (ae) { /* exact for 10^27 and below in x87 extended precision */
      if (ae & 1) p *= b;
      b *= b;
      ae >>= 1;
    }
    v = (double)(e < 0 ? m / p : m * p);
  }
  if (!isfinite(v)) return false;
  *out = sc->neg ? -v : v;
  return true;
}

/* Which reading the value uses (true = the last separator is decimal) and
 * which the alternative uses, given the mark and the evidence. */
static bool choose(const num_scan *sc, char mark, kw_mark_evidence ev,
                   bool vd, bool vc, bool *dec, bool *alt_dec) {
  if (mark == '.' || mark == ',') {
    if (!(mark == '.' ? vd : vc)) return false;
    *dec = *alt_dec = last_is_decimal(sc, mark);
    return true;
  }
  if (ev == KW_MARK_AMBIGUOUS) {
    *dec = false;
    *alt_dec = true;
  } else {
    *dec = *alt_dec = last_is_decimal(sc, vd ? '.' : ',');
  }
  return true;
}

int kw_amount_currency(const char *s, size_t n) {
  bytes b = (bytes)s;
  for (size_t i = 0; i < n; i++) {
    size_t l = currency_at(b, i, n);
    if (!l) continue;
    unsigned char c = lower(b[i]);
    if (c == '$' || c == 'u') return 2;
    if (c == 0xA3 || c == 'g' || (c == 0xC2 && b[i + 1] == 0xA3)) return 3;
    return 1; /* the euro sign, its Windows-1252 byte, or "eur" */
  }
  return 0;
}

bool kw_parse_amount(const char *s, size_t n, char mark, int64_t *cents,
                     int64_t *alt, kw_mark_evidence *ev) {
  num_scan sc;
  *ev = KW_MARK_NONE;
  if (!scan_number((bytes)s, n, false, &sc)) return false;
  bool vd = valid_under(&sc, '.'), vc = valid_under(&sc, ',');
  if (!vd && !vc) return false;
  *ev = evidence_of(&sc, vd, vc);
  bool dec, alt_dec;
  if (!choose(&sc, mark, *ev, vd, vc, &dec, &alt_dec)) return false;
  int64_t v, a;
  if (!cents_of(&sc, dec, &v)) return false;
  if (alt_dec == dec)
    a = v;
  else if (!cents_of(&sc, alt_dec, &a))
    return false;
  *cents = v;
  if (alt) *alt = a;
  return true;
}

bool kw_parse_number(const char *s, size_t n, char mark, double *out,
                     double *alt, kw_mark_evidence *ev) {
  num_scan sc;
  *ev = KW_MARK_NONE;
  if (!scan_number((bytes)s, n, true, &sc)) return false;
  bool vd = valid_under(&sc, '.'), vc = valid_under(&sc, ',');
  if (!vd && !vc) return false;
  *ev = evidence_of(&sc, vd, vc);
  bool dec, alt_dec;
  if (!choose(&sc, mark, *ev, vd, vc, &dec, &alt_dec)) return false;
  double v, a;
  if (!double_of(&sc, dec, &v)) return false;
  if (alt_dec == dec)
    a = v;
  else if (!double_of(&sc, alt_dec, &a))
    return false;
  *out = v;
  if (alt) *alt = a;
  return true;
}

/* --------------------------------------------------------------- dates */

/* Up to max digits at s[*i]; returns how many were read (value in *v). */
static inline int read_digits(bytes s, size_t *i, size_t n, int max,
                              int *v) {
  int k = 0, x = 0;
  while (*i < n && k < max && is_digit(s[*i])) {
    x = x * 10 + (s[*i] - '0');
    (*i)++;
    k++;
  }
  *v = x;
  return k;
}

static bool valid_ymd(int y, int m, int d) {
  static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  int lim = mdays[m - 1];
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) lim = 29;
  return d <= lim;
}

/* "H:MM[:SS[.f]][ AM|PM][Z|+HH[:MM]]" filling s[i..n) exactly. */
static bool valid_time(bytes s, size_t i, size_t n) {
  int h, mi, se = 0;
  if (read_digits(s, &i, n, 2, &h) == 0) return false;
  if (i >= n || s[i] != ':') return false;
  i++;
  if (read_digits(s, &i, n, 2, &mi) != 2 || mi > 59) return false;
  if (i < n && s[i] == ':') {
    i++;
    if (read_digits(s, &i, n, 2, &se) != 2 || se > 60) return false;
    if (i < n && (s[i] == '.' || s[i] == ',')) {
      i++;
      if (i >= n || !is_digit(s[i])) return false;
      while (i < n && is_digit(s[i])) i++;
    }
  }
  size_t b = skip_blanks(s, i, n);
  if (b + 2 <= n && (lower(s[b]) == 'a' || lower(s[b]) == 'p') &&
      lower(s[b + 1]) == 'm') {
    if (h < 1 || h > 12) return false;
    i = b + 2;
  } else if (h > 23) {
    return false;
  }
  if (i < n && s[i] == 'Z') {
    i++;
  } else if (i < n && (s[i] == '+' || s[i] == '-')) {
    int oh, om = 0;
    i++;
    if (read_digits(s, &i, n, 2, &oh) != 2 || oh > 14) return false;
    if (i < n && s[i] == ':') {
      i++;
      if (read_digits(s, &i, n, 2, &om) != 2) return false;
    } else if (i < n && read_digits(s, &i, n, 2, &om) != 2) {
      return false;
    }
    if (om > 59) return false;
  }
  return i == n;
}

/* After the date at s[i]: nothing, or a time (see valid_time). */
static bool valid_rest(bytes s, size_t i, size_t n, bool allow_t) {
  if (i == n) return true;
  if (allow_t && s[i] == 'T') return valid_time(s, i + 1, n);
  size_t b = skip_blanks(s, i, n);
  if (b == i || b == n) return false;
  return valid_time(s, b, n);
}

bool kw_parse_date(const char *str, size_t n0, kw_date_order order,
                   int32_t *days, int32_t *alt, kw_date_evidence *ev) {
  bytes s = (bytes)str;
  size_t i = skip_blanks(s, 0, n0);
  size_t n = trim_blanks_end(s, i, n0);
  int a, b, c;
  *ev = KW_DATEV_NONE;
  int ka = read_digits(s, &i, n, 8, &a);
  if (ka == 8) { /* YYYYMMDD */
    int y = a / 10000, m = a / 100 % 100, d = a % 100;
    if (!valid_ymd(y, m, d) || !valid_rest(s, i, n, true)) return false;
    *days = kw_date_from_ymd(y, m, d);
    if (alt) *alt = *days;
    return true;
  }
  if (i >= n || (ka != 4 && ka != 1 && ka != 2)) return false;
  unsigned char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  i++;
  if (read_digits(s, &i, n, 2, &b) == 0) return false;
  if (i >= n || s[i] != sep) return false;
  i++;
  if (ka == 4) { /* ISO */
    if (read_digits(s, &i, n, 2, &c) == 0) return false;
    if (i < n && is_digit(s[i])) return false;
    if (!valid_ymd(a, b, c) || !valid_rest(s, i, n, true)) return false;
    *days = kw_date_from_ymd(a, b, c);
    if (alt) *alt = *days;
    return true;
  }
  if (read_digits(s, &i, n, 4, &c) != 4) return false;
  if (i < n && is_digit(s[i])) return false;
  if (!valid_rest(s, i, n, false)) return false;
  if (a > 12 && b > 12) return false;
  kw_date_evidence e = a > 12   ? KW_DATEV_DMY
                       : b > 12 ? KW_DATEV_MDY
                       : a == b ? KW_DATEV_NONE
                                : KW_DATEV_AMBIGUOUS;
  *ev = e;
  bool dmy_ok = valid_ymd(c, b, a), mdy_ok = valid_ymd(c, a, b);
  bool day_first;
  if (order == KW_DATE_DMY)
    day_first = true;
  else if (order == KW_DATE_MDY)
    day_first = false;
  else
    day_first = e != KW_DATEV_MDY;
  if (!(day_first ? dmy_ok : mdy_ok)) return false;
  int32_t v = day_first ? kw_date_from_ymd(c, b, a) : kw_date_from_ymd(c, a, b);
  *days = v;
  if (alt) {
    *alt = v;
    if (e == KW_DATEV_AMBIGUOUS && order != KW_DATE_DMY &&
        order != KW_DATE_MDY)
      *alt = kw_date_from_ymd(c, a, b);
  }
  return true;
}

/* --------------------------------------------------------------- flags */

bool kw_parse_flag(const char *str, size_t n0, int8_t *out) {
  static const struct {
    const char *word;
    int8_t value;
  } words[] = {{"1", 1},     {"0", 0},      {"j", 1},     {"n", 0},
               {"y", 1},     {"ja", 1},     {"nee", 0},   {"yes", 1},
               {"no", 0},    {"true", 1},   {"false", 0}, {"waar", 1},
               {"onwaar", 0}, {"oui", 1},   {"non", 0},   {"vrai", 1},
               {"faux", 0}};
  bytes s = (bytes)str;
  size_t i = skip_blanks(s, 0, n0);
  size_t n = trim_blanks_end(s, i, n0);
  size_t len = n - i;
  char w[8];
  if (len == 0 || len > 6) return false;
  for (size_t q = 0; q < len; q++) w[q] = (char)lower(s[i + q]);
  for (size_t q = 0; q < sizeof words / sizeof words[0]; q++) {
    if (strlen(words[q].word) == len && memcmp(words[q].word, w, len) == 0) {
      *out = words[q].value;
      return true;
    }
  }
  return false;
}

/* ------------------------------------------------ text a person wrote */

bool kw_date_parse(const char *s, int32_t *days) {
  kw_date_evidence ev;
  return s && kw_parse_date(s, strlen(s), KW_DATE_DMY, days, NULL, &ev);
}

bool kw_parse_written_amount(const char *s, size_t n, int64_t *cents) {
  int64_t c, alt;
  kw_mark_evidence ev;
  if (!kw_parse_amount(s, n, 0, &c, &alt, &ev)) return false;
  *cents = alt; /* ambiguous: the lone separator is the decimal mark */
  return true;
}

bool kw_money_parse(const char *s, int64_t *cents) {
  return s && kw_parse_written_amount(s, strlen(s), cents);
}
