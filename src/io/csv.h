/*
 * csv.h — the delimited-text tokenizer and the detection of a file's
 * dialect (delimiter, header row) and encoding (internal).
 *
 * The tokenizer walks a byte buffer that holds the whole file (mapped or
 * read into memory) and hands out one row at a time as an array of cells
 * that point into the buffer. Nothing is copied except the content of a
 * quoted field that needs unescaping ("" -> "), which goes to a scratch
 * buffer reused from row to row. The cell array is reused too, so reading
 * a file allocates only while its widest row grows.
 *
 * Rows end at LF, CRLF or a lone CR. A field is quoted when it starts with
 * '"' (blanks before the quote are allowed); inside it "" is one quote and
 * line breaks belong to the field. A quote elsewhere is an ordinary
 * character, and text after a closing quote up to the next delimiter is
 * kept (as spreadsheet programs do). With the delimiter ' ' fields are
 * separated by runs of blanks (spaces or tabs), and blanks at the start and
 * end of a line are ignored: the aligned text of old exports.
 *
 * Structural errors stop the reader with file:line:column: a quote that is
 * never closed (the position where it opened) and a NUL byte. A field
 * longer than max_field bytes does not stop it: the row is flagged and the
 * rest of the field is skipped in linear time.
 */
#ifndef KW_CSV_H
#define KW_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* Fields beyond this many in one row are counted but not stored. */
#define KW_CSV_MAX_FIELDS 65536

typedef struct kw_csv_cell {
  const char *p;   /* content: in the buffer or the reader's scratch */
  size_t n;        /* content length in bytes */
  const char *raw; /* first byte of the field in the buffer */
} kw_csv_cell;

typedef struct kw_csv_row {
  const kw_csv_cell *cells;
  size_t n;           /* cells stored (at most KW_CSV_MAX_FIELDS) */
  size_t nfields;     /* fields in the row (n unless it was wider) */
  uint64_t line;      /* line number (1-based) of the row's first byte */
  const char *start;  /* first byte of the row */
  const char *end;    /* end of the row, before its line break */
  bool high;          /* some byte of the row is >= 0x80 */
  size_t too_long;    /* 1 + index of the first field over max_field, or 0 */
} kw_csv_row;

typedef enum kw_csv_eol {
  KW_EOL_NONE = 0,
  KW_EOL_LF,
  KW_EOL_CRLF,
  KW_EOL_CR
} kw_csv_eol;

typedef struct kw_csv_reader {
  kw_context *ctx;
  const char *name; /* file name for messages (borrowed) */
  const char *buf, *end, *pos;
  uint64_t line;
  char delim;       /* ',', ';', '\t', '|', or ' ' for runs of blanks */
  size_t max_field;
  bool sample;      /* detection: an unclosed quote ends the input quietly */
  bool more;        /* the buffer is not the end of the input: a row that
                       reaches its end is not read (kw_csv_next gives 2) */
  uint64_t offset;  /* bytes of the input before buf (a streamed input) */
  uint64_t origin;  /* of those, the bytes before the text (a byte-order
                       mark, a "sep=" line): a streamed input's positions
                       count from the text as a buffer's do */
  bool scalar;      /* byte at a time, no SIMD or word scans (tests compare
                       the two paths) */
  kw_csv_eol eol;   /* the first line break seen */
  kw_csv_cell *cells;
  size_t cap;
  char *scratch;
  size_t slen, scap;
  uint8_t cls[256];
} kw_csv_reader;

/* Set up a reader over buf[0..len) (not NUL-terminated; borrowed until
 * kw_csv_free). max_field 0 means no limit. Never fails. */
void kw_csv_init(kw_csv_reader *r, kw_context *ctx, const char *name,
                 const char *buf, size_t len, char delim, size_t max_field);
void kw_csv_free(kw_csv_reader *r);

/*
 * The next row: 1 when *row was filled, 0 at the end of the input, -1 on a
 * structural error or out of memory (the status and message are on the
 * context). The row's cells stay valid until the next call. With r->more
 * set, 2 says that the row at r->pos runs to the end of the buffer (or
 * ends in a CR that may be the first half of a CRLF): the caller moves
 * [r->pos, r->end) to the front of a buffer, adds the input that follows,
 * sets buf, pos, end (and offset, more) and calls again; r->line is kept.
 */
int kw_csv_next(kw_csv_reader *r, kw_csv_row *row);

/* Line and column (1-based, in characters) of a position in the buffer,
 * for messages; counts from the row that contains it. */
void kw_csv_where(const kw_csv_reader *r, const kw_csv_row *row,
                  const char *at, uint64_t *line, uint64_t *col);

/* Line breaks in [p, e) as the reader counts them (LF, CRLF once, a lone
 * CR); limit is the end of the buffer (to tell a CR just before e). */
uint64_t kw_csv_count_breaks(const char *p, const char *e, const char *limit);

/* ------------------------------------------------------------ detection */

typedef enum kw_csv_encoding {
  KW_ENC_UTF8 = 0,
  KW_ENC_UTF8_BOM,
  KW_ENC_CP1252
} kw_csv_encoding;

typedef struct kw_csv_dialect {
  char delim;
  bool header;
  kw_csv_encoding enc;
  size_t skip;     /* bytes of byte-order mark to skip */
  kw_csv_eol eol;
  size_t columns;  /* the usual number of fields per row in the sample */
  double row_bytes; /* average bytes per row in the sample (for estimates) */
} kw_csv_dialect;

/*
 * Detect the encoding, delimiter and header row from the start of buf.
 * delim (0 = detect), header (-1 = detect, 0, 1) and encoding (0 = detect,
 * 1 UTF-8, 2 Windows-1252) are the caller's settings. looks_like_header,
 * when not NULL, says whether a header name is known (a column-role
 * synonym); it tips the header decision. Fails with KW_EINPUT on a UTF-16
 * or UTF-32 byte-order mark.
 */
kw_status kw_csv_detect(kw_context *ctx, const char *name, const char *buf,
                        size_t len, char delim, int header, int encoding,
                        bool (*looks_like_header)(const char *, size_t),
                        kw_csv_dialect *out);

const char *kw_csv_encoding_name(kw_csv_encoding e);
const char *kw_csv_eol_name(kw_csv_eol e);

/* ------------------------------------------------------------- encoding */

/* Whether s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
bool kw_utf8_valid(const char *s, size_t n);
/* Decode Windows-1252 s[0..n) into UTF-8 at out (room for 3*n bytes);
 * returns the bytes written. */
size_t kw_cp1252_to_utf8(const char *s, size_t n, char *out);

#endif
