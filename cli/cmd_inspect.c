/*
 * cmd_inspect.c — `klantwijs inspect`: how each table was read (dialect,
 * encoding, decimal mark, date order, roles) and a data-quality report.
 */
#include <string.h>
#include <time.h>

#include "common.h"

const char kw_cli_inspect_help[] =
    "usage: klantwijs inspect [OPTIONS] PATH\n"
    "\n"
    "Shows per table the detected delimiter, header, encoding and line\n"
    "endings, each column's role, type, decimal mark and date order, rows\n"
    "read, used and skipped (with reasons and the first examples), missing\n"
    "values per column, and a data-quality report: exact duplicate lines,\n"
    "negative amounts (credit notes, returns), dates in the future or before\n"
    "1990, extreme amounts (robust z-score over 10), and customers present in\n"
    "transactions but not in the customers table and the reverse.\n"
    "\n"
    "Options:\n"
    "  --today DATE           the date for the future-dates check (default:\n"
    "                         the system date)\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs inspect demo-data\n"
    "  klantwijs inspect verkopen.csv --decimal-mark , --format json\n";

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
  if (r->found) kw_jw_str(w, "found", r->found);
  if (r->format) {
    kw_jw_str(w, "format", r->format);
    kw_jw_str(w, "sheet", r->sheet);
    kw_jw_str(w, "sheet_reason", r->sheet_reason);
    kw_jw_int(w, "header_row", (int64_t)r->header_row);
    kw_jw_int(w, "total_row", (int64_t)r->total_row);
  }
  {
    static const char *const vat[] = {"unknown", "excl", "incl", "converted"};
    kw_jw_str(w, "vat", vat[r->vat]);
    if (r->vat == KW_VAT_CONVERTED)
      kw_jw_int(w, "vat_rate_bp", r->vat_rate_bp);
  }
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
  if (r->found) fprintf(f, "  why this file: %s\n", r->found);
  if (r->format) {
    fprintf(f, "  %s workbook, %llu bytes; sheet \"%s\" (%s); header on "
               "row %llu\n",
            r->format, (unsigned long long)r->bytes, r->sheet,
            r->sheet_reason, (unsigned long long)r->header_row);
    if (r->total_row)
      fprintf(f, "  the total row %llu ends the table\n",
              (unsigned long long)r->total_row);
  } else {
    fprintf(f, "  %s-separated, %s, %s, %s line endings, %llu bytes\n",
            delim_name(r->delimiter), r->header ? "header row" : "no header",
            r->encoding, r->line_ending, (unsigned long long)r->bytes);
  }
  if (r->vat == KW_VAT_EXCL)
    fprintf(f, "  amounts excl. VAT%s\n",
            r->vat_other ? " (a column incl. VAT is left aside; --vat incl "
                           "uses it)"
                         : "");
  else if (r->vat == KW_VAT_INCL)
    fprintf(f, "  amounts incl. VAT, as they are%s\n",
            r->vat_other ? " (--vat incl; the column excl. VAT is left aside)"
                         : "; --vat-rate takes the VAT off");
  else if (r->vat == KW_VAT_CONVERTED)
    fprintf(f, "  amounts incl. VAT divided by 1 + %d.%02d%% (--vat-rate)\n",
            r->vat_rate_bp / 100, r->vat_rate_bp % 100);
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

int kw_cli_inspect(int argc, char **argv);
int kw_cli_inspect(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "inspect");
  kw_quality_options qo;
  kw_quality_options_init(&qo);
  time_t now = time(NULL);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  qo.today = kw_date_from_ymd(tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday);
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r = cli_opt_value("--today", argc, argv, &i, &v);
    if (r > 0 && !cli_parse_date(v, &qo.today))
      r = -1, cli_usage(&c, "--today takes a date like 2024-12-31");
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  kw_dataset *ds = NULL;
  int code = cli_load(&c, &ds);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_quality q;
  kw_status st = kw_quality_check(c.ctx, ds, &qo, &q);
  if (st) {
    code = cli_fail(&c, st);
    kw_dataset_free(ds);
    cli_common_free(&c);
    return code;
  }
  FILE *f = cli_out_open(&c);
  if (!f) {
    kw_dataset_free(ds);
    cli_common_free(&c);
    return KW_EXIT_IO;
  }
  const kw_kv kv[] = {
      {"lines", "transaction lines", "transactielijnen", KW_CELL_I64, 0, {.i = (int64_t)q.lines}},
      {"first_date", "first date", "eerste datum", KW_CELL_DATE, 0, {.i = q.first_date}},
      {"last_date", "last date", "laatste datum", KW_CELL_DATE, 0, {.i = q.last_date}},
      {"duplicate_lines", "exact duplicate lines", "identieke dubbele lijnen", KW_CELL_I64, 0, {.i = (int64_t)q.duplicate_lines}},
      {"negative_lines", "negative lines (returns, credit notes)", "negatieve lijnen (retours, creditnota's)", KW_CELL_I64, 0, {.i = (int64_t)q.negative_lines}},
      {"negative_amount", "negative amount", "negatief bedrag", KW_CELL_MONEY, 0, {.i = q.negative_amount}},
      {"future_dates", "dates in the future", "datums in de toekomst", KW_CELL_I64, 0, {.i = (int64_t)q.future_dates}},
      {"old_dates", "dates before 1990", "datums voor 1990", KW_CELL_I64, 0, {.i = (int64_t)q.old_dates}},
      {"median_amount", "median line amount", "mediaan lijnbedrag", KW_CELL_MONEY, 0, {.i = q.median_amount}},
      {"extreme_amounts", "extreme amounts (robust z > 10)", "extreme bedragen (robuuste z > 10)", KW_CELL_I64, 0, {.i = (int64_t)q.extreme_amounts}},
      {"customers_in_transactions", "customers in transactions", "klanten in transacties", KW_CELL_I64, 0, {.i = (int64_t)q.customers_in_transactions}},
      {"customers_not_in_customers_table", "buying customers missing from the customers table", "kopende klanten niet in klantentabel", KW_CELL_I64, 0, {.i = (int64_t)q.customers_not_in_table}},
      {"customers_without_transactions", "customers in the customers table who never bought", "klanten in klantentabel zonder aankoop", KW_CELL_I64, 0, {.i = (int64_t)q.customers_without_lines}},
  };
  size_t nkv = sizeof kv / sizeof *kv;
  if (!q.has_customers_table) nkv -= 2;
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
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
  } else if (c.format == KW_FORMAT_CSV) {
    st = kw_write_kv(c.ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, c.lang);
  } else {
    for (int k = 0; k < KW_TABLE__COUNT; k++) {
      const kw_table *t = kw_dataset_table(ds, (kw_table_kind)k);
      if (t) text_table(f, t);
    }
    st = kw_write_kv(c.ctx, f,
                     c.lang == KW_LANG_NL ? "Datakwaliteit (transacties)"
                                          : "Data quality (transactions)",
                     kv, nkv, KW_FORMAT_TABLE, c.lang);
  }
  code = cli_out_close(&c, f, st == KW_OK);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
