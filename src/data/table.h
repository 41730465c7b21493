/*
 * table.h — building tables and datasets (internal).
 *
 * Readers build a table by adding fully typed columns whose arrays they
 * hand over (the table then owns and frees them) and by filling its report.
 * Models only read tables through the public accessors in klantwijs/data.h.
 */
#ifndef KW_TABLE_INTERNAL_H
#define KW_TABLE_INTERNAL_H

#include "core/core.h"
#include "core/dict.h"
#include "klantwijs/data.h"

kw_table *kw_table_new(kw_context *ctx, kw_table_kind kind);
void kw_table_free(kw_context *ctx, kw_table *t);

/*
 * Append a column. data is an array of rows elements of the type's C type
 * (uint32/int32/int64/double/int8), allocated with kw_malloc; the table takes
 * it over, also on failure. own_dict, when not NULL, is a per-column
 * dictionary the table takes over; dict is the dictionary the ids index
 * (own_dict or a shared one of the dataset). The name is copied.
 */
kw_status kw_table_add_column(kw_context *ctx, kw_table *t, const char *name,
                              kw_role role, kw_type type, const kw_dict *dict,
                              kw_dict *own_dict, void *data, kw_column **out);
void kw_table_set_rows(kw_table *t, size_t rows);
kw_column *kw_table_col_mut(kw_table *t, size_t i);

/* The report, for readers to fill. Strings set with kw_table_report_*
 * are copied and owned by the table. */
kw_read_report *kw_table_report_mut(kw_table *t);
kw_status kw_table_report_path(kw_context *ctx, kw_table *t, const char *p);
/* Adds an example message unless KW_REPORT_EXAMPLES are already kept. */
kw_status kw_table_report_example(kw_context *ctx, kw_table *t,
                                  const char *msg);
/* The sheet of a workbook and why it was read (copied). */
kw_status kw_table_report_sheet(kw_context *ctx, kw_table *t,
                                const char *sheet, const char *reason);
/* Why the file became this table (copied). */
kw_status kw_table_report_found(kw_context *ctx, kw_table *t,
                                const char *why);
kw_table *kw_dataset_table_mut(kw_dataset *ds, kw_table_kind k);
/* The table of kind k handed to the caller (NULL when none); the dataset
 * no longer holds it. */
kw_table *kw_dataset_take_table(kw_dataset *ds, kw_table_kind k);
/* Fingerprints of the guest rows (transactions without a customer id)
 * whose amount was counted in the report, kept by the reader so that a
 * table joined from several files can leave out a guest sale exported
 * twice. The table takes the array over (may be NULL when n is 0). */
typedef struct kw_guest_print {
  uint64_t hash;
  int64_t cents;
} kw_guest_print;
void kw_table_set_guests(kw_context *ctx, kw_table *t, kw_guest_print *g,
                         size_t n);
const kw_guest_print *kw_table_guests(const kw_table *t, size_t *n);

/* The files joined into the table (copied, paths too). */
kw_status kw_table_report_parts(kw_context *ctx, kw_table *t,
                                const kw_read_part *parts, size_t n);
kw_status kw_table_report_ignored(kw_context *ctx, kw_table *t,
                                  const char *name);

/* Checks that every sum of money cells of one column fits int64 cents:
 * the sum of its positive cells and that of its negative cells each stay
 * within +-92,233,720,368,547,758.07. Every model sums subsets of a
 * column's cells (per customer, per day, per segment, in total), so this
 * one check keeps all of those sums exact. KW_ERANGE naming the file and
 * the column otherwise. */
kw_status kw_table_check_money(kw_context *ctx, const kw_table *t,
                               const char *file);

kw_dataset *kw_dataset_new(kw_context *ctx);
/* The dataset takes the table over (replacing one of the same kind). */
void kw_dataset_set_table(kw_dataset *ds, kw_table *t);
kw_dict *kw_dataset_customers_mut(kw_dataset *ds);
kw_dict *kw_dataset_products_mut(kw_dataset *ds);
/* Invoice numbers: one dictionary for every table's invoice column (the
 * sales lines' and the invoices' hold mostly the same numbers), so each
 * number is kept once and has one id in every table. */
kw_dict *kw_dataset_invoices_mut(kw_dataset *ds);
/* The text of every invoice number dropped, the ids kept
 * (kw_dict_drop_text): kw_load_options.invoice_ids_only. */
void kw_dataset_drop_invoice_text(kw_dataset *ds);
/* Every dictionary of the dataset compacted (kw_dict_compact), once the
 * tables are read. */
void kw_dataset_compact(kw_dataset *ds);

#endif
