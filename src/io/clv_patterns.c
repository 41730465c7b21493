/*
 * clv_patterns.c — read a customer-value pattern file (kw_clv_data_read_
 * patterns in klantwijs/clv.h): one row per distinct (x, t_x, T) with the
 * number of customers that have it, as the BG/BB donations data are
 * published (frequency,recency,periods,weights).
 *
 * The file is small (one row per pattern), so it is read whole into
 * memory and tokenised with the project's CSV reader after dialect
 * detection (delimiter, byte-order mark); a header row is required and
 * names the columns (case-insensitive):
 *     x      frequency | x
 *     t_x    recency | t_x
 *     T      periods | T | n
 *     weight weights | weight | count   (optional; 1 per row without)
 * Other columns are ignored. Numbers use '.' as the decimal mark; a cell
 * that is not a number >= 0 is an error with file:line:column.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io/csv.h"
#include "io/msg.h"
#include "io/parse.h"
#include "klantwijs/clv.h"

#define MAX_PATTERN_FILE (256u << 20)

static kw_status read_file(kw_context *ctx, const char *path, char **out,
                           size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return kw_io_fail(ctx, KW_EIO, 0, "", "load.e.open", "file", path, "why",
                      kw_io_sys_reason(errno), NULL);
  size_t cap = 1 << 12, n = 0;
  char *buf = kw_malloc(ctx, cap);
  kw_status st = buf ? KW_OK : kw_fail_nomem(ctx);
  while (st == KW_OK) {
    if (n == cap) {
      char *nb = cap < MAX_PATTERN_FILE ? kw_realloc(ctx, buf, cap * 2) : NULL;
      if (!nb) {
        st = cap < MAX_PATTERN_FILE
                 ? kw_fail_nomem(ctx)
                 : kw_io_fail(ctx, KW_ERANGE, 0, path,
                              "load.err.patterns_too_big", NULL);
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0) {
      if (ferror(f))
        st = kw_io_fail(ctx, KW_EIO, 0, "", "load.e.read", "file", path,
                        "why", kw_io_sys_reason(errno), NULL);
      break;
    }
  }
  fclose(f);
  if (st != KW_OK) {
    kw_free(ctx, buf);
    return st;
  }
  *out = buf;
  *len = n;
  return KW_OK;
}

static bool cell_is(const kw_csv_cell *c, const char *const *names) {
  for (; *names; names++)
    if (strlen(*names) == c->n && strncasecmp(c->p, *names, c->n) == 0)
      return true;
  return false;
}

static const char *const names_x[] = {"frequency", "x", NULL};
static const char *const names_tx[] = {"recency", "t_x", NULL};
static const char *const names_T[] = {"periods", "T", "n", NULL};
static const char *const names_w[] = {"weights", "weight", "count", NULL};

kw_status kw_clv_data_read_patterns(kw_context *ctx, const char *path,
                                    kw_clv_data **out) {
  if (!out || !path) return kw_fail(ctx, KW_EARG, "clv: bad arguments");
  *out = NULL;
  char *buf = NULL;
  size_t len = 0;
  kw_status st = read_file(ctx, path, &buf, &len);
  if (st != KW_OK) return st;
  kw_csv_dialect dl;
  st = kw_csv_detect(ctx, path, buf, len, 0, 1, 0, NULL, &dl);
  if (st != KW_OK) {
    kw_free(ctx, buf);
    return st;
  }
  kw_csv_reader rd;
  kw_csv_init(&rd, ctx, path, buf + dl.skip, len - dl.skip, dl.delim, 0);
  kw_buf col[4];
  for (int k = 0; k < 4; k++) kw_buf_init(&col[k], sizeof(double));
  long idx[4] = {-1, -1, -1, -1};
  kw_csv_row row;
  int rc = kw_csv_next(&rd, &row);
  if (rc < 0) {
    st = kw_errcode(ctx);
    goto done;
  }
  if (rc == 0) {
    st = kw_io_fail(ctx, KW_EEMPTY, 0, "", "clv.e.patterns_empty", "file",
                    path, NULL);
    goto done;
  }
  for (size_t j = 0; j < row.n; j++) {
    const kw_csv_cell *c = &row.cells[j];
    const char *const *sets[4] = {names_x, names_tx, names_T, names_w};
    for (int k = 0; k < 4; k++)
      if (idx[k] < 0 && cell_is(c, sets[k])) idx[k] = (long)j;
  }
  if (idx[0] < 0 || idx[1] < 0 || idx[2] < 0) {
    st = kw_io_fail(ctx, KW_EMISSING, 0,
                    kw_io_where((char[512]){0}, 512, path, row.line, 0),
                    "load.err.patterns_columns", NULL);
    goto done;
  }
  while ((rc = kw_csv_next(&rd, &row)) > 0) {
    if (row.n == 1 && row.cells[0].n == 0) continue; /* blank line */
    for (int k = 0; k < 4; k++) {
      if (idx[k] < 0) continue;
      if ((size_t)idx[k] >= row.n) {
        st = kw_io_fail(ctx, KW_EINPUT, 0,
                        kw_io_where((char[512]){0}, 512, path, row.line, 0),
                        "load.err.patterns_fields", "n", KW_NUM_U(row.n),
                        "need", KW_NUM_I(idx[k] + 1), NULL);
        goto done;
      }
      const kw_csv_cell *c = &row.cells[idx[k]];
      double v;
      kw_mark_evidence ev;
      if (!kw_parse_number(c->p, c->n, '.', &v, NULL, &ev) || v < 0) {
        uint64_t line, colno;
        kw_csv_where(&rd, &row, c->raw, &line, &colno);
        char cell[48];
        snprintf(cell, sizeof cell, "%.*s", (int)(c->n > 40 ? 40 : c->n),
                 c->p);
        st = kw_io_fail(ctx, KW_EINPUT, 0,
                        kw_io_where((char[512]){0}, 512, path, line, colno),
                        "load.err.patterns_number", "text", cell, NULL);
        goto done;
      }
      if ((st = kw_buf_push(ctx, &col[k], &v)) != KW_OK) goto done;
    }
  }
  if (rc < 0) {
    st = kw_errcode(ctx);
    goto done;
  }
  if (col[0].len == 0) {
    st = kw_io_fail(ctx, KW_EEMPTY, 0, "", "clv.e.no_patterns", "file", path,
                    NULL);
    goto done;
  }
  st = kw_clv_data_from_patterns(ctx, col[0].data, col[1].data, col[2].data,
                              idx[3] >= 0 ? col[3].data : NULL, col[0].len,
                              out);
done:
  for (int k = 0; k < 4; k++) kw_buf_free(ctx, &col[k]);
  kw_csv_free(&rd);
  kw_free(ctx, buf);
  return st;
}
