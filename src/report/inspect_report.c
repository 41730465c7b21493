/*
 * inspect_report.c — the writer of `klantwijs inspect` (kw_report_inspect
 * in klantwijs/writers.h): how each table was read (dialect, encoding,
 * decimal mark, date order, roles, rows used and skipped) and the
 * data-quality figures, as a terminal report, CSV key,value rows or JSON.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"

void kw_inspect_report_init(kw_inspect_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
}

static const char *delim_name(char d) {
  switch (d) {
    case ',':
      return "comma";
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    case '|':
      return "pipe";
    case ' ':
      return "blanks";
  }
  return "?";
}

static const char *order_name(kw_date_order o) {
  switch (o) {
    case KW_DATE_DMY:
      return "day-first";
    case KW_DATE_MDY:
      return "month-first";
    case KW_DATE_YMD:
      return "year-first";
    default:
      return "ISO";
  }
}

static void mark_text(char *buf, const kw_column *col) {
  buf[0] = '\0';
  if (col->type == KW_TYPE_DATE) strcpy(buf, order_name(col->date_order));
  if ((col->type == KW_TYPE_MONEY || col->type == KW_TYPE_NUMBER) &&
      col->decimal_mark)
    strcpy(buf, col->decimal_mark == ',' ? "decimal comma" : "decimal point");
}

static void json_table(kw_jw *w, const kw_table *t) {
  const kw_read_report *r = kw_table_report(t);
  char one[2] = {r->delimiter, 0}, mk[32];
  kw_jw_begin_object(w, kw_table_kind_name(kw_table_kind_of(t)));
  kw_jw_str(w, "path", r->path);
  kw_jw_str(w, "delimiter", one);
  kw_jw_bool(w, "header", r->header);
  kw_jw_str(w, "encoding", r->encoding);
  kw_jw_str(w, "line_ending", r->line_ending);
  kw_jw_int(w, "bytes", (int64_t)r->bytes);
  kw_jw_int(w, "rows_read", (int64_t)r->rows_read);
  kw_jw_int(w, "rows_used", (int64_t)r->rows_used);
  kw_jw_int(w, "rows_skipped", (int64_t)r->rows_skipped);
  kw_jw_begin_object(w, "skipped");
  for (int k = 0; k < KW_SKIP__COUNT; k++)
    if (r->skipped[k]) kw_jw_int(w, kw_skip_reason_name(k), (int64_t)r->skipped[k]);
  kw_jw_end_object(w);
  kw_jw_int(w, "recoded_cells", (int64_t)r->recoded_cells);
  kw_jw_begin_array(w, "examples");
  for (size_t k = 0; k < r->n_examples; k++) kw_jw_str(w, NULL, r->examples[k]);
  kw_jw_end_array(w);
  kw_jw_begin_array(w, "columns");
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *col = kw_table_col(t, j);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "name", col->name);
    kw_jw_str(w, "role", kw_role_name(col->role));
    kw_jw_str(w, "type", kw_type_name(col->type));
    mark_text(mk, col);
    if (mk[0]) kw_jw_str(w, "format", mk);
    kw_jw_int(w, "missing", (int64_t)col->missing);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  kw_jw_begin_array(w, "ignored_columns");
  for (size_t k = 0; k < r->n_ignored; k++) kw_jw_str(w, NULL, r->ignored[k]);
  kw_jw_end_array(w);
  kw_jw_end_object(w);
}

static void text_table(FILE *f, const kw_table *t) {
  const kw_read_report *r = kw_table_report(t);
  char mk[32];
  fprintf(f, "%s: %s\n", kw_table_kind_name(kw_table_kind_of(t)), r->path);
  fprintf(f, "  %s-separated, %s, %s, %s line endings, %llu bytes\n",
          delim_name(r->delimiter), r->header ? "header row" : "no header",
          r->encoding, r->line_ending, (unsigned long long)r->bytes);
  fprintf(f, "  rows: %llu read, %llu used, %llu skipped\n",
          (unsigned long long)r->rows_read, (unsigned long long)r->rows_used,
          (unsigned long long)r->rows_skipped);
  for (int k = 0; k < KW_SKIP__COUNT; k++)
    if (r->skipped[k])
      fprintf(f, "    %llu %s\n", (unsigned long long)r->skipped[k],
              kw_skip_reason_message(k));
  for (size_t k = 0; k < r->n_examples; k++)
    fprintf(f, "    e.g. %s\n", r->examples[k]);
  if (r->recoded_cells)
    fprintf(f, "  %llu cells were not valid UTF-8 and were read as "
               "Windows-1252\n",
            (unsigned long long)r->recoded_cells);
  fprintf(f, "  %-24s %-16s %-7s %-14s %s\n", "column", "role", "type",
          "format", "missing");
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *col = kw_table_col(t, j);
    mark_text(mk, col);
    fprintf(f, "  %-24s %-16s %-7s %-14s %llu\n", col->name,
            col->role ? kw_role_name(col->role) : "-", kw_type_name(col->type),
            mk, (unsigned long long)col->missing);
  }
  if (r->n_ignored) {
    fprintf(f, "  not used:");
    for (size_t k = 0; k < r->n_ignored; k++)
      fprintf(f, "%s %s", k ? "," : "", r->ignored[k]);
    fputc('\n', f);
  }
  fputc('\n', f);
}

kw_status kw_report_inspect(kw_context *ctx, FILE *f, const kw_dataset *ds,
                            const kw_quality *q, const kw_inspect_report *r) {
  kw_inspect_report def;
  if (!r) {
    kw_inspect_report_init(&def);
    r = &def;
  }
  if (!ctx || !f || !ds || !q)
    return kw_fail(ctx, KW_EARG, "inspect report: bad arguments");
  kw_status st = KW_OK;
  const kw_kv kv[] = {
      {"lines", "transaction lines", "transactielijnen", KW_CELL_I64, 0, {.i = (int64_t)q->lines}},
      {"first_date", "first date", "eerste datum", KW_CELL_DATE, 0, {.i = q->first_date}},
      {"last_date", "last date", "laatste datum", KW_CELL_DATE, 0, {.i = q->last_date}},
      {"duplicate_lines", "exact duplicate lines", "identieke dubbele lijnen", KW_CELL_I64, 0, {.i = (int64_t)q->duplicate_lines}},
      {"negative_lines", "negative lines (returns, credit notes)", "negatieve lijnen (retours, creditnota's)", KW_CELL_I64, 0, {.i = (int64_t)q->negative_lines}},
      {"negative_amount", "negative amount", "negatief bedrag", KW_CELL_MONEY, 0, {.i = q->negative_amount}},
      {"future_dates", "dates in the future", "datums in de toekomst", KW_CELL_I64, 0, {.i = (int64_t)q->future_dates}},
      {"old_dates", "dates before 1990", "datums voor 1990", KW_CELL_I64, 0, {.i = (int64_t)q->old_dates}},
      {"median_amount", "median line amount", "mediaan lijnbedrag", KW_CELL_MONEY, 0, {.i = q->median_amount}},
      {"extreme_amounts", "extreme amounts (robust z > 10)", "extreme bedragen (robuuste z > 10)", KW_CELL_I64, 0, {.i = (int64_t)q->extreme_amounts}},
      {"customers_in_transactions", "customers in transactions", "klanten in transacties", KW_CELL_I64, 0, {.i = (int64_t)q->customers_in_transactions}},
      {"customers_not_in_customers_table", "buying customers missing from the customers table", "kopende klanten niet in klantentabel", KW_CELL_I64, 0, {.i = (int64_t)q->customers_not_in_table}},
      {"customers_without_transactions", "customers in the customers table who never bought", "klanten in klantentabel zonder aankoop", KW_CELL_I64, 0, {.i = (int64_t)q->customers_without_lines}},
  };
  size_t nkv = sizeof kv / sizeof *kv;
  if (!q->has_customers_table) nkv -= 2;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_begin_object(w, "tables");
    for (int k = 0; k < KW_TABLE__COUNT; k++) {
      const kw_table *t = kw_dataset_table(ds, (kw_table_kind)k);
      if (t) json_table(w, t);
    }
    kw_jw_end_object(w);
    kw_jw_begin_object(w, "quality");
    kw_jw_kv(w, kv, nkv);
    kw_jw_end_object(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (r->format == KW_FORMAT_CSV) {
    st = kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, r->lang);
  } else {
    for (int k = 0; k < KW_TABLE__COUNT; k++) {
      const kw_table *t = kw_dataset_table(ds, (kw_table_kind)k);
      if (t) text_table(f, t);
    }
    st = kw_write_kv(ctx, f,
                     r->lang == KW_LANG_NL ? "Datakwaliteit (transacties)"
                                          : "Data quality (transactions)",
                     kv, nkv, KW_FORMAT_TABLE, r->lang);
  }
  return st;
}
