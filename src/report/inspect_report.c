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

/* Message keys of the words for a delimiter, a date order and a decimal
 * mark; JSON writes the English words (stable values for machines). */
static const char *delim_key(char d) {
  switch (d) {
    case ',':
      return "inspect.delim.comma";
    case ';':
      return "inspect.delim.semicolon";
    case '\t':
      return "inspect.delim.tab";
    case '|':
      return "inspect.delim.pipe";
    case ' ':
      return "inspect.delim.blanks";
  }
  return "?";
}

static const char *order_key(kw_date_order o) {
  switch (o) {
    case KW_DATE_DMY:
      return "inspect.order.dmy";
    case KW_DATE_MDY:
      return "inspect.order.mdy";
    case KW_DATE_YMD:
      return "inspect.order.ymd";
    default:
      return "inspect.order.iso";
  }
}

static const char *word(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

static void mark_text(char *buf, const kw_column *col, kw_lang lang) {
  buf[0] = '\0';
  if (col->type == KW_TYPE_DATE)
    strcpy(buf, word(order_key(col->date_order), lang));
  if ((col->type == KW_TYPE_MONEY || col->type == KW_TYPE_NUMBER) &&
      col->decimal_mark)
    strcpy(buf, word(col->decimal_mark == ',' ? "inspect.mark.comma"
                                              : "inspect.mark.point",
                     lang));
}

/* One line of the message key filled from name, value pairs. */
static void line(FILE *f, const char *key, kw_lang lang,
                 const char *const *names, const char *const *values,
                 size_t n) {
  char buf[512];
  kw_message_fill(buf, sizeof buf, key, lang, names, values, n);
  fprintf(f, "%s\n", buf);
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
  kw_jw_int(w, "rows_read", (int64_t)r->rows_read);
  kw_jw_int(w, "rows_used", (int64_t)r->rows_used);
  kw_jw_int(w, "rows_skipped", (int64_t)r->rows_skipped);
  kw_jw_begin_object(w, "skipped");
  for (int k = 0; k < KW_SKIP__COUNT; k++)
    if (r->skipped[k]) kw_jw_int(w, kw_skip_reason_name(k), (int64_t)r->skipped[k]);
  kw_jw_end_object(w);
  kw_jw_int(w, "recoded_cells", (int64_t)r->recoded_cells);
  if (r->n_parts) {
    kw_jw_begin_array(w, "files");
    for (size_t k = 0; k < r->n_parts; k++) {
      const kw_read_part *p = &r->parts[k];
      char d1[12], d2[12];
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "path", p->path);
      kw_jw_int(w, "rows_read", (int64_t)p->rows_read);
      kw_jw_int(w, "rows_used", (int64_t)p->rows_used);
      kw_jw_int(w, "duplicates", (int64_t)p->duplicates);
      if (p->first_date != KW_NA_DATE) {
        kw_jw_str(w, "first_date", kw_date_format(d1, p->first_date, 0));
        kw_jw_str(w, "last_date", kw_date_format(d2, p->last_date, 0));
      }
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
  }
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
    mark_text(mk, col, KW_LANG_EN);
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

static void text_table(FILE *f, const kw_table *t, kw_lang lang) {
  const kw_read_report *r = kw_table_report(t);
  char mk[32], a[32], b[32], c[32];
  fprintf(f, "%s: %s\n", kw_table_kind_name(kw_table_kind_of(t)), r->path);
  snprintf(a, sizeof a, "%llu", (unsigned long long)r->bytes);
  if (r->found)
    line(f, "inspect.why_file", lang, (const char *const[]){"why"},
         (const char *const[]){r->found}, 1);
  for (size_t k = 0; k < r->n_parts; k++) {
    const kw_read_part *p = &r->parts[k];
    char d1[12] = "-", d2[12] = "-", n1[24], n2[24], n3[24];
    if (p->first_date != KW_NA_DATE) {
      kw_date_format(d1, p->first_date, lang == KW_LANG_NL);
      kw_date_format(d2, p->last_date, lang == KW_LANG_NL);
    }
    snprintf(n1, sizeof n1, "%llu", (unsigned long long)p->rows_read);
    snprintf(n2, sizeof n2, "%llu", (unsigned long long)p->rows_used);
    snprintf(n3, sizeof n3, "%llu", (unsigned long long)p->duplicates);
    line(f, "inspect.part", lang,
         (const char *const[]){"file", "read", "used", "from", "to", "dups"},
         (const char *const[]){p->path, n1, n2, d1, d2, n3}, 6);
  }
  if (r->format && strcmp(r->format, "postgresql") == 0) {
    fprintf(f, "  %s\n", word("inspect.postgresql", lang));
  } else if (r->format) {
    char hr[24], tr[24];
    snprintf(hr, sizeof hr, "%llu", (unsigned long long)r->header_row);
    snprintf(tr, sizeof tr, "%llu", (unsigned long long)r->total_row);
    line(f, "inspect.workbook", lang,
         (const char *const[]){"format", "bytes", "sheet", "why", "row"},
         (const char *const[]){r->format, a, r->sheet, r->sheet_reason, hr},
         5);
    if (r->total_row)
      line(f, "inspect.total_row", lang, (const char *const[]){"row"},
           (const char *const[]){tr}, 1);
  } else {
    line(f, "inspect.dialect", lang,
         (const char *const[]){"delim", "header", "encoding", "endings",
                               "bytes"},
         (const char *const[]){
             word(delim_key(r->delimiter), lang),
             word(r->header ? "inspect.header" : "inspect.no_header", lang),
             r->encoding, r->line_ending, a},
         5);
  }
  if (r->vat == KW_VAT_EXCL)
    line(f, r->vat_other ? "inspect.vat_excl_other" : "inspect.vat_excl", lang,
         NULL, NULL, 0);
  else if (r->vat == KW_VAT_INCL)
    line(f, r->vat_other ? "inspect.vat_incl_other" : "inspect.vat_incl", lang,
         NULL, NULL, 0);
  else if (r->vat == KW_VAT_CONVERTED) {
    char rate[32];
    snprintf(rate, sizeof rate, "%d%c%02d", r->vat_rate_bp / 100,
             lang == KW_LANG_NL ? ',' : '.', r->vat_rate_bp % 100);
    line(f, "inspect.vat_converted", lang, (const char *const[]){"rate"},
         (const char *const[]){rate}, 1);
  }
  snprintf(a, sizeof a, "%llu", (unsigned long long)r->rows_read);
  snprintf(b, sizeof b, "%llu", (unsigned long long)r->rows_used);
  snprintf(c, sizeof c, "%llu", (unsigned long long)r->rows_skipped);
  line(f, "inspect.rows", lang, (const char *const[]){"read", "used", "skipped"},
       (const char *const[]){a, b, c}, 3);
  for (int k = 0; k < KW_SKIP__COUNT; k++)
    if (r->skipped[k])
    {
      char key[48];
      snprintf(key, sizeof key, "ingest.skip.%s", kw_skip_reason_name(k));
      const char *tx = kw_message(key, lang);
      fprintf(f, "    %llu %s\n", (unsigned long long)r->skipped[k],
              tx ? tx : kw_skip_reason_message(k));
    }
  for (size_t k = 0; k < r->n_examples; k++)
    line(f, "inspect.example", lang, (const char *const[]){"example"},
         (const char *const[]){r->examples[k]}, 1);
  if (r->recoded_cells) {
    snprintf(a, sizeof a, "%llu", (unsigned long long)r->recoded_cells);
    line(f, "inspect.recoded", lang, (const char *const[]){"n"},
         (const char *const[]){a}, 1);
  }
  fprintf(f, "  %-24s %-16s %-7s %-14s %s\n", word("inspect.col.column", lang),
          word("inspect.col.role", lang), word("inspect.col.type", lang),
          word("inspect.col.format", lang), word("inspect.col.missing", lang));
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *col = kw_table_col(t, j);
    mark_text(mk, col, lang);
    fprintf(f, "  %-24s %-16s %-7s %-14s %llu\n", col->name,
            col->role ? kw_role_name(col->role) : "-", kw_type_name(col->type),
            mk, (unsigned long long)col->missing);
  }
  if (r->n_ignored) {
    fputs(word("inspect.not_used", lang), f);
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
      if (t) text_table(f, t, r->lang);
    }
    st = kw_write_kv(ctx, f,
                     word("inspect.title", r->lang),
                     kv, nkv, KW_FORMAT_TABLE, r->lang);
  }
  return st;
}
