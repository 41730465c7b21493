/*
 * csv.c — tokenizer, dialect and encoding detection (see csv.h).
 *
 * The hot loop is the scan of an unquoted field: it looks for the first
 * byte that ends the field (the delimiter, CR, LF or NUL) eight bytes at a
 * time with the classic "has a zero byte" word trick, ORing the bytes it
 * passes to learn whether the row holds any non-ASCII byte (so ASCII rows
 * skip UTF-8 checks later). Quoted fields find their closing quote with
 * memchr and count the line breaks they contain. Each row is a single
 * forward pass; nothing is re-scanned, so time is linear even for a field
 * of many megabytes.
 *
 * Detection reads a sample (the first 64 KiB, cut at a line break) and
 * tokenizes it once per candidate delimiter. The candidate whose rows most
 * often have the same number of fields (at least two) wins; near-ties go to
 * the first of tab, ';', '|', ',' and runs of blanks, since ';' and tab
 * seldom occur inside values while ',' is also a decimal mark. The first
 * row is a header unless it holds a value that looks like a number or a
 * date and no known column name. The encoding is UTF-8 unless the first
 * 4 MiB hold more invalid UTF-8 sequences than valid multi-byte ones, in
 * which case it is Windows-1252 (Excel's "CSV" on Western Windows).
 */
#include "io/msg.h"
#include "io/csv.h"

#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#define CLS_STOP 1u /* ends an unquoted field */
#define CLS_BLANK 2u

void kw_csv_init(kw_csv_reader *r, kw_context *ctx, const char *name,
                 const char *buf, size_t len, char delim, size_t max_field) {
  memset(r, 0, sizeof *r);
  r->ctx = ctx;
  r->name = name;
  r->buf = r->pos = buf;
  r->end = buf + len;
  r->line = 1;
  r->delim = delim;
  r->max_field = max_field ? max_field : SIZE_MAX;
  r->cls[(unsigned char)'\n'] = CLS_STOP;
  r->cls[(unsigned char)'\r'] = CLS_STOP;
  r->cls[0] = CLS_STOP;
  if (delim == ' ') {
    r->cls[(unsigned char)' '] = CLS_STOP | CLS_BLANK;
    r->cls[(unsigned char)'\t'] = CLS_STOP | CLS_BLANK;
  } else {
    r->cls[(unsigned char)delim] = CLS_STOP;
  }
}

void kw_csv_free(kw_csv_reader *r) {
  kw_free(r->ctx, r->cells);
  kw_free(r->ctx, r->scratch);
  r->cells = NULL;
  r->scratch = NULL;
  r->cap = r->scap = r->slen = 0;
}

/* ---------------------------------------------------------------- scan */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t has_zero(uint64_t v) { return (v - ONES) & ~v & HIGHS; }

/* First byte at or after p that ends an unquoted field, or end. *hi
 * collects the bits of the bytes passed over. */
static const char *scan_unquoted(const kw_csv_reader *r, const char *p,
                                 const char *end, uint64_t *hi) {
  uint64_t h = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (r->delim != ' ' && !r->scalar) {
    const uint64_t d = ONES * (unsigned char)r->delim;
    const uint64_t lf = ONES * (unsigned char)'\n';
    const uint64_t cr = ONES * (unsigned char)'\r';
    while (end - p >= 8) {
      uint64_t v;
      memcpy(&v, p, 8);
      uint64_t m = has_zero(v ^ d) | has_zero(v ^ lf) | has_zero(v ^ cr) |
                   has_zero(v);
      if (m) {
        unsigned k = (unsigned)__builtin_ctzll(m) >> 3;
        if (k) h |= v & ((1ull << (8 * k)) - 1);
        *hi |= h;
        return p + k;
      }
      h |= v;
      p += 8;
    }
  }
#endif
  while (p < end && !(r->cls[(unsigned char)*p] & CLS_STOP)) {
    h |= (unsigned char)*p;
    p++;
  }
  *hi |= h;
  return p;
}

static kw_status scratch_put(kw_csv_reader *r, const char *s, size_t n) {
  if (n == 0) return KW_OK;
  if (r->scap - r->slen < n) {
    size_t cap = r->scap ? r->scap : 256;
    while (cap - r->slen < n) {
      if (cap > SIZE_MAX / 2) return kw_fail_nomem(r->ctx);
      cap *= 2;
    }
    char *ns = kw_realloc(r->ctx, r->scratch, cap);
    if (!ns) return kw_fail_nomem(r->ctx);
    r->scratch = ns;
    r->scap = cap;
  }
  memcpy(r->scratch + r->slen, s, n);
  r->slen += n;
  return KW_OK;
}

/* Until a row is complete, a cell whose content is in the scratch buffer
 * holds its scratch offset in p and SCRATCH_BIT in n (the scratch may move
 * while it grows); the pointers are fixed at the end of the row. */
#define SCRATCH_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))

static kw_status push_cell(kw_csv_reader *r, size_t *nf, const char *p,
                           size_t n, const char *raw) {
  size_t i = *nf;
  (*nf)++;
  if (i >= KW_CSV_MAX_FIELDS) return KW_OK;
  if (i == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 32;
    if (cap > KW_CSV_MAX_FIELDS) cap = KW_CSV_MAX_FIELDS;
    kw_csv_cell *nc = kw_realloc(r->ctx, r->cells, cap * sizeof *nc);
    if (!nc) return kw_fail_nomem(r->ctx);
    r->cells = nc;
    r->cap = cap;
  }
  r->cells[i].p = p;
  r->cells[i].n = n;
  r->cells[i].raw = raw;
  return KW_OK;
}

/* Count the line breaks in [p, e) (CRLF once) and OR its bytes into *hi. */
static uint64_t count_breaks(const char *p, const char *e, const char *end,
                             uint64_t *hi) {
  uint64_t n = 0;
  uint64_t h = 0;
  for (; p < e; p++) {
    unsigned char c = (unsigned char)*p;
    h |= c;
    if (c == '\n')
      n++;
    else if (c == '\r' && !(p + 1 < end && p[1] == '\n'))
      n++;
  }
  *hi |= h;
  return n;
}

static int fail_nul(kw_csv_reader *r, const kw_csv_row *row, const char *at) {
  uint64_t line, col;
  kw_csv_row tmp = *row;
  kw_csv_where(r, &tmp, at, &line, &col);
  char w[300];
  kw_io_where(w, sizeof w, r->name, line, col);
  kw_io_fail(r->ctx, KW_EINPUT, 0, w,
             r->offset - r->origin + (uint64_t)(at - r->buf) < 4
                 ? "ingest.e.nul_start"
                 : "ingest.e.nul",
             NULL);
  return -1;
}

/*
 * A quoted field starting at q (which holds '"'). On return *pp is the
 * first byte after the field (a stop byte or end). The content is either
 * [*cp, *cp + *cn) in the buffer or, when *in_scratch, at scratch offset
 * *cp_off.
 */
static int read_quoted(kw_csv_reader *r, kw_csv_row *row, const char *q,
                       const char **pp, const char **cp, size_t *cn,
                       bool *in_scratch, size_t *soff, uint64_t *hi,
                       bool *too_long) {
  const char *end = r->end;
  const char *p = q + 1;
  const char *seg = p;
  size_t start_slen = r->slen;
  size_t len = 0;
  bool copy = false;
  for (;;) {
    const char *x = memchr(p, '"', (size_t)(end - p));
    if (!x && r->more) return 2;
    if (!x) {
      if (r->sample) {
        r->pos = end;
        return 0;
      }
      uint64_t line, col;
      kw_csv_where(r, row, q, &line, &col);
      char w[300];
      kw_io_fail(r->ctx, KW_EINPUT, 0,
                 kw_io_where(w, sizeof w, r->name, line, col),
                 "ingest.e.quote", NULL);
      return -1;
    }
    const char *nul = memchr(p, 0, (size_t)(x - p));
    if (nul) return fail_nul(r, row, nul);
    r->line += count_breaks(p, x, end, hi);
    len += (size_t)(x - p);
    if (x + 1 >= end && r->more) return 2; /* "" may be cut in two */
    if (x + 1 < end && x[1] == '"') {
      /* doubled quote: keep one, continue */
      if (!copy) {
        copy = true;
        start_slen = r->slen;
      }
      len += 1;
      if (len <= r->max_field &&
          scratch_put(r, seg, (size_t)(x + 1 - seg)) != KW_OK)
        return -1;
      p = x + 2;
      seg = p;
      continue;
    }
    /* closing quote */
    if (copy && len <= r->max_field &&
        scratch_put(r, seg, (size_t)(x - seg)) != KW_OK)
      return -1;
    p = x + 1;
    break;
  }
  /* text after the closing quote, up to the next stop, belongs to the
   * field; with blank runs a blank ends it */
  if (p < end && !(r->cls[(unsigned char)*p] & CLS_STOP)) {
    const char *s = scan_unquoted(r, p, end, hi);
    if (!copy) {
      copy = true;
      start_slen = r->slen;
      if (len <= r->max_field && scratch_put(r, q + 1, len) != KW_OK)
        return -1;
    }
    len += (size_t)(s - p);
    if (len <= r->max_field && scratch_put(r, p, (size_t)(s - p)) != KW_OK)
      return -1;
    p = s;
  }
  *too_long = len > r->max_field;
  *pp = p;
  if (copy) {
    *in_scratch = true;
    *soff = start_slen;
    *cn = *too_long ? 0 : r->slen - start_slen;
    *cp = NULL;
  } else {
    *in_scratch = false;
    *cp = q + 1;
    *cn = len;
  }
  return 1;
}

static void note_eol(kw_csv_reader *r, kw_csv_eol e) {
  if (r->eol == KW_EOL_NONE) r->eol = e;
}

/* Consume the line break at p (CR, LF or CRLF); returns the next byte. */
static const char *eat_break(kw_csv_reader *r, const char *p) {
  if (*p == '\n') {
    note_eol(r, KW_EOL_LF);
    p++;
  } else {
    p++;
    if (p < r->end && *p == '\n') {
      note_eol(r, KW_EOL_CRLF);
      p++;
    } else {
      note_eol(r, KW_EOL_CR);
    }
  }
  r->line++;
  return p;
}

#if defined(__SSE2__) && defined(__GNUC__)
/*
 * The fast path for a row without quotes: 16 bytes at a time, a bit mask
 * of the bytes that matter (delimiter, CR, LF, quote, NUL), then one step
 * per set bit. A quote or a NUL anywhere in the row, a row wider than the
 * cell array, or fewer than 16 bytes left sends the row to the general
 * path (returns 2, leaving the reader as it was).
 */
static int next_fast(kw_csv_reader *r, kw_csv_row *row) {
  const char *p = r->pos;
  const char *end = r->end;
  const char *start = p;
  const char *fs = p;
  const __m128i vd = _mm_set1_epi8(r->delim);
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vr = _mm_set1_epi8('\r');
  const __m128i vq = _mm_set1_epi8('"');
  const __m128i vz = _mm_setzero_si128();
  const char delim = r->delim;
  size_t nf = 0, too_long = 0;
  unsigned hi = 0;
  kw_csv_cell *cells = r->cells;
  size_t cap = r->cap;
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i e = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vn)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vr),
                                  _mm_cmpeq_epi8(v, vq)),
                     _mm_cmpeq_epi8(v, vz)));
    unsigned m = (unsigned)_mm_movemask_epi8(e);
    unsigned h = (unsigned)_mm_movemask_epi8(v);
    while (m) {
      unsigned i = (unsigned)__builtin_ctz(m);
      const char *at = p + i;
      char c = *at;
      if (c != delim && c != '\n' && c != '\r') return 2;
      if (nf == cap) return 2;
      if (c == '\r' && at + 1 >= end && r->more) return 2;
      size_t n = (size_t)(at - fs);
      if (n > r->max_field && !too_long) too_long = nf + 1;
      cells[nf].p = fs;
      cells[nf].n = n;
      cells[nf].raw = fs;
      nf++;
      if (c != delim) {
        hi |= h & ((1u << i) - 1);
        if (nf == 1 && n == 0) nf = 0; /* an empty line */
        row->start = start;
        row->line = r->line;
        row->end = at;
        row->cells = cells;
        row->n = row->nfields = nf;
        row->too_long = too_long;
        row->high = hi != 0;
        r->pos = eat_break(r, at);
        return 1;
      }
      fs = at + 1;
      m &= m - 1;
    }
    hi |= h;
    p += 16;
  }
  return 2;
}
#endif

/* The row cannot be finished in this buffer: back to its start. */
static int need_more(kw_csv_reader *r, const kw_csv_row *row) {
  r->pos = row->start;
  r->line = row->line;
  return 2;
}

int kw_csv_next(kw_csv_reader *r, kw_csv_row *row) {
#if defined(__SSE2__) && defined(__GNUC__)
  if (r->delim != ' ' && r->cap != 0 && !r->scalar) {
    int rc = next_fast(r, row);
    if (rc != 2) return rc;
  }
#endif
  const char *p = r->pos;
  const char *end = r->end;
  if (p >= end) return r->more ? 2 : 0;
  const bool blanks = r->delim == ' ';
  row->start = p;
  row->line = r->line;
  row->too_long = 0;
  r->slen = 0;
  uint64_t hi = 0;
  size_t nf = 0;
  bool scratch_used = false;

  if (blanks)
    while (p < end && (*p == ' ' || *p == '\t')) p++;

  if (p < end && (*p == '\n' || *p == '\r')) {
    /* an empty line */
    if (*p == '\r' && p + 1 >= end && r->more) return need_more(r, row);
    row->end = p;
    r->pos = eat_break(r, p);
    row->cells = r->cells;
    row->n = row->nfields = 0;
    row->high = false;
    return 1;
  }
  if (p >= end) { /* only blanks after the last line break */
    if (r->more) return need_more(r, row);
    r->pos = end;
    return 0;
  }

  for (;;) {
    const char *fs = p;
    const char *q = p;
    /* a quote may follow blanks at the start of a field (not tabs when
     * they are the delimiter) */
    if (!blanks)
      while (q < end && (*q == ' ' || (*q == '\t' && r->delim != '\t'))) q++;
    if (q < end && *q == '"') {
      const char *cp = NULL;
      size_t cn = 0, soff = 0;
      bool in_scratch = false, too_long = false;
      int rc = read_quoted(r, row, q, &p, &cp, &cn, &in_scratch, &soff, &hi,
                           &too_long);
      if (rc == 2) return need_more(r, row);
      if (rc <= 0) {
        if (rc == 0) { /* sample cut inside a quote: drop the row */
          r->pos = end;
          return 0;
        }
        return -1;
      }
      if (too_long && !row->too_long) row->too_long = nf + 1;
      if (in_scratch) {
        scratch_used = true;
        if (push_cell(r, &nf, (const char *)(uintptr_t)soff, cn | SCRATCH_BIT,
                      fs) != KW_OK)
          return -1;
      } else {
        if (push_cell(r, &nf, cp, cn, fs) != KW_OK) return -1;
      }
    } else {
      p = scan_unquoted(r, fs, end, &hi);
      size_t n = (size_t)(p - fs);
      if (n > r->max_field && !row->too_long) row->too_long = nf + 1;
      if (push_cell(r, &nf, fs, n, fs) != KW_OK) return -1;
    }
    if (p >= end) {
      if (r->more) return need_more(r, row);
      row->end = end;
      r->pos = end;
      break;
    }
    unsigned char c = (unsigned char)*p;
    if (c == 0) {
      row->nfields = nf;
      return fail_nul(r, row, p);
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && p + 1 >= end && r->more) return need_more(r, row);
      row->end = p;
      r->pos = eat_break(r, p);
      break;
    }
    if (blanks) {
      while (p < end && (*p == ' ' || *p == '\t')) p++;
      if (p >= end) {
        if (r->more) return need_more(r, row);
        row->end = end;
        r->pos = end;
        break;
      }
      if (*p == '\n' || *p == '\r') {
        if (*p == '\r' && p + 1 >= end && r->more) return need_more(r, row);
        row->end = p;
        r->pos = eat_break(r, p);
        break;
      }
      if (*p == 0) return fail_nul(r, row, p);
      continue;
    }
    /* c is the delimiter */
    p++;
    if (p >= end && r->more) return need_more(r, row);
    if (p >= end) {
      /* the row ends with a delimiter: one more empty field */
      if (push_cell(r, &nf, p, 0, p) != KW_OK) return -1;
      row->end = end;
      r->pos = end;
      break;
    }
  }
  if (scratch_used) {
    size_t m = nf < KW_CSV_MAX_FIELDS ? nf : KW_CSV_MAX_FIELDS;
    for (size_t i = 0; i < m; i++) {
      if (r->cells[i].n & SCRATCH_BIT) {
        r->cells[i].n &= ~SCRATCH_BIT;
        /* an empty unescaped field may have no scratch at all */
        r->cells[i].p = r->scratch
                            ? r->scratch + (size_t)(uintptr_t)r->cells[i].p
                            : r->buf;
      }
    }
  }
  row->cells = r->cells;
  row->nfields = nf;
  row->n = nf < KW_CSV_MAX_FIELDS ? nf : KW_CSV_MAX_FIELDS;
  row->high = (hi & HIGHS) != 0;
  return 1;
}

uint64_t kw_csv_count_breaks(const char *p, const char *e,
                             const char *limit) {
  uint64_t n = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vr = _mm_set1_epi8('\r');
  /* 16 bytes and the byte after them (to tell CRLF from a lone CR) */
  while (e - p >= 17) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    unsigned lf = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vn));
    unsigned cr = (unsigned)_mm_movemask_epi8(
        _mm_andnot_si128(_mm_cmpeq_epi8(w, vn), _mm_cmpeq_epi8(v, vr)));
    n += (uint64_t)__builtin_popcount(lf | cr);
    p += 16;
  }
#endif
  for (; p < e; p++) {
    if (*p == '\n')
      n++;
    else if (*p == '\r' && !(p + 1 < limit && p[1] == '\n'))
      n++;
  }
  return n;
}

void kw_csv_where(const kw_csv_reader *r, const kw_csv_row *row,
                  const char *at, uint64_t *line, uint64_t *col) {
  const char *s = row ? row->start : r->buf;
  uint64_t ln = row ? row->line : 1;
  const char *ls = s;
  /* a row of a stream's older buffer (kept while a batch points into it)
   * is read up to at, which is a byte of it */
  bool here = at >= r->buf && at <= r->end;
  const char *lim = here || !row ? r->end : at + 1;
  if (at > r->end && (here || !row)) at = r->end;
  for (const char *p = s; p < at; p++) {
    if (*p == '\n') {
      ln++;
      ls = p + 1;
    } else if (*p == '\r') {
      if (!(p + 1 < lim && p[1] == '\n')) {
        ln++;
        ls = p + 1;
      }
    }
  }
  uint64_t c = 1;
  for (const char *p = ls; p < at; p++)
    if (((unsigned char)*p & 0xC0) != 0x80) c++;
  *line = ln;
  *col = c;
}

/* ------------------------------------------------------------- encoding */

static size_t utf8_seq(const unsigned char *s, size_t n) {
  /* length of the valid sequence at s, 0 if invalid */
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    if (n >= 2 && (s[1] & 0xC0) == 0x80) return 2;
    return 0;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;
    if (c == 0xF4 && s[1] >= 0x90) return 0;
    return 4;
  }
  return 0;
}

bool kw_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = utf8_seq(p + i, n - i);
    if (!k) return false;
    i += k;
  }
  return true;
}

static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

size_t kw_cp1252_to_utf8(const char *s, size_t n, char *out) {
  char *o = out;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    unsigned cp = c;
    if (c < 0x80) {
      *o++ = (char)c;
      continue;
    }
    if (c < 0xA0) cp = cp1252_high[c - 0x80];
    if (cp < 0x800) {
      *o++ = (char)(0xC0 | (cp >> 6));
      *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
      *o++ = (char)(0xE0 | (cp >> 12));
      *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
      *o++ = (char)(0x80 | (cp & 0x3F));
    }
  }
  return (size_t)(o - out);
}

const char *kw_csv_encoding_name(kw_csv_encoding e) {
  switch (e) {
  case KW_ENC_UTF8: return "UTF-8";
  case KW_ENC_UTF8_BOM: return "UTF-8 with BOM";
  case KW_ENC_CP1252: return "Windows-1252";
  }
  return "?";
}

const char *kw_csv_eol_name(kw_csv_eol e) {
  switch (e) {
  case KW_EOL_NONE: return "none";
  case KW_EOL_LF: return "LF";
  case KW_EOL_CRLF: return "CRLF";
  case KW_EOL_CR: return "CR";
  }
  return "?";
}

/* ------------------------------------------------------------ detection */

#define SAMPLE_BYTES (64u * 1024u)
#define ENCODING_BYTES (4u * 1024u * 1024u)
#define SAMPLE_ROWS 200

/* Count valid multi-byte sequences and invalid bytes in s[0..n). A
 * sequence cut by the end of the sample is not counted. */
static void utf8_census(const char *s, size_t n, size_t *multi,
                        size_t *invalid) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, m = 0, bad = 0;
  while (i < n) {
    if (n - i >= 8) {
      uint64_t v;
      memcpy(&v, p + i, 8);
      if (!(v & HIGHS)) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = utf8_seq(p + i, n - i);
    if (k) {
      m++;
      i += k;
    } else {
      if (n - i >= 4) bad++;
      i++;
    }
  }
  *multi = m;
  *invalid = bad;
}

/* Does the cell look like a value (a number, amount or date) rather than
 * a column name: digits, separators, signs, currency and blanks only, with
 * at least one digit. */
static bool looks_like_value(const char *s, size_t n) {
  size_t digits = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9')
      digits++;
    else if (!strchr(" \t.,:/+-()$%'", c) && c < 0x80)
      return false;
    /* bytes >= 0x80 (currency signs, no-break spaces) are allowed */
  }
  return digits > 0;
}

typedef struct cand_score {
  size_t mode;
  double consistency;
  size_t rows;
  size_t bytes;
} cand_score;

static kw_status score_delim(kw_context *ctx, const char *buf, size_t len,
                             char delim, cand_score *sc) {
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "", buf, len, delim, 0);
  r.sample = true;
  size_t counts[SAMPLE_ROWS];
  size_t nrows = 0;
  kw_csv_row row;
  int rc = 0;
  while (nrows < SAMPLE_ROWS && (rc = kw_csv_next(&r, &row)) == 1) {
    if (row.nfields == 0) continue;
    counts[nrows++] = row.nfields;
  }
  sc->bytes = (size_t)(r.pos - buf);
  kw_csv_free(&r);
  if (rc < 0) {
    if (kw_errcode(ctx) == KW_ENOMEM) return KW_ENOMEM;
    kw_clear_error(ctx); /* a NUL or the like: the reader reports it */
  }
  sc->rows = nrows;
  sc->mode = 0;
  sc->consistency = 0;
  if (nrows == 0) return KW_OK;
  /* mode of the counts (small n: quadratic is fine) */
  size_t best = 0, bestf = 0;
  for (size_t i = 0; i < nrows; i++) {
    size_t f = 0;
    for (size_t j = 0; j < nrows; j++) f += counts[j] == counts[i];
    if (f > bestf || (f == bestf && counts[i] > best)) {
      best = counts[i];
      bestf = f;
    }
  }
  sc->mode = best;
  sc->consistency = (double)bestf / (double)nrows;
  return KW_OK;
}

static kw_status first_row_is_header(kw_context *ctx, const char *buf,
                                     size_t len, char delim,
                                     kw_csv_encoding enc,
                                     bool (*known)(const char *, size_t),
                                     bool *out) {
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "", buf, len, delim, 0);
  r.sample = true;
  kw_csv_row row;
  int rc;
  while ((rc = kw_csv_next(&r, &row)) == 1 && row.nfields == 0) {
  }
  bool header = true;
  if (rc == 1) {
    bool any_value = false, any_known = false;
    char tmp[3 * 256];
    for (size_t i = 0; i < row.n; i++) {
      const char *s = row.cells[i].p;
      size_t n = row.cells[i].n;
      while (n && (*s == ' ' || *s == '\t')) s++, n--;
      while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
      if (n == 0) continue;
      if (looks_like_value(s, n)) any_value = true;
      if (known && n <= 256) {
        const char *u = s;
        size_t un = n;
        if (enc == KW_ENC_CP1252 || !kw_utf8_valid(s, n)) {
          un = kw_cp1252_to_utf8(s, n, tmp);
          u = tmp;
        }
        if (known(u, un)) any_known = true;
      }
    }
    header = any_known || !any_value;
  }
  kw_csv_free(&r);
  if (rc < 0) {
    if (kw_errcode(ctx) == KW_ENOMEM) return KW_ENOMEM;
    kw_clear_error(ctx);
  }
  *out = header;
  return KW_OK;
}

kw_status kw_csv_detect(kw_context *ctx, const char *name, const char *buf,
                        size_t len, char delim, int header, int encoding,
                        bool (*looks_like_header)(const char *, size_t),
                        kw_csv_dialect *out) {
  memset(out, 0, sizeof *out);
  const unsigned char *u = (const unsigned char *)buf;
  if ((len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
      (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF))
  {
    char w[300];
    return kw_io_fail(ctx, KW_EINPUT, 0, kw_io_where(w, sizeof w, name, 1, 1),
                      "ingest.e.utf32", NULL);
  }
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                   (u[0] == 0xFE && u[1] == 0xFF)))
  {
    char w[300];
    return kw_io_fail(ctx, KW_EINPUT, 0, kw_io_where(w, sizeof w, name, 1, 1),
                      "ingest.e.utf16", NULL);
  }
  out->enc = KW_ENC_UTF8;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    out->skip = 3;
    out->enc = KW_ENC_UTF8_BOM;
  }
  const char *data = buf + out->skip;
  size_t dlen = len - out->skip;

  if (encoding == 2) {
    out->enc = KW_ENC_CP1252;
  } else if (encoding == 0 && out->enc == KW_ENC_UTF8) {
    size_t multi, invalid;
    utf8_census(data, dlen < ENCODING_BYTES ? dlen : ENCODING_BYTES, &multi,
                &invalid);
    if (invalid > multi) out->enc = KW_ENC_CP1252;
  }

  /* the first line break decides the reported line ending */
  out->eol = KW_EOL_NONE;
  for (size_t i = 0; i < dlen; i++) {
    if (data[i] == '\n') {
      out->eol = KW_EOL_LF;
      break;
    }
    if (data[i] == '\r') {
      out->eol = i + 1 < dlen && data[i + 1] == '\n' ? KW_EOL_CRLF : KW_EOL_CR;
      break;
    }
  }

  /* the sample: whole lines from the start */
  size_t slen = dlen;
  if (slen > SAMPLE_BYTES) {
    slen = SAMPLE_BYTES;
    size_t cut = slen;
    while (cut > 0 && data[cut - 1] != '\n' && data[cut - 1] != '\r') cut--;
    if (cut > 0) slen = cut;
  }

  cand_score sc;
  kw_status st;
  if (delim) {
    out->delim = delim;
    st = score_delim(ctx, data, slen, delim, &sc);
    if (st) return st;
  } else {
    static const char cands[] = {'\t', ';', '|', ',', ' '};
    cand_score scores[sizeof cands];
    double best = 0;
    for (size_t i = 0; i < sizeof cands; i++) {
      st = score_delim(ctx, data, slen, cands[i], &scores[i]);
      if (st) return st;
      if (scores[i].mode >= 2 && scores[i].consistency > best)
        best = scores[i].consistency;
    }
    out->delim = ',';
    sc = scores[3];
    for (size_t i = 0; i < sizeof cands; i++) {
      if (scores[i].mode >= 2 && scores[i].consistency >= best - 0.02) {
        out->delim = cands[i];
        sc = scores[i];
        break;
      }
    }
  }
  out->columns = sc.mode ? sc.mode : 1;
  out->row_bytes = sc.rows ? (double)sc.bytes / (double)sc.rows : 64.0;
  if (out->row_bytes < 1) out->row_bytes = 1;

  if (header >= 0) {
    out->header = header != 0;
    return KW_OK;
  }
  return first_row_is_header(ctx, data, slen, out->delim, out->enc,
                             looks_like_header, &out->header);
}
