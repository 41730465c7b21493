/*
 * roles.h — recognising what a column means from its header (internal).
 *
 * One table in roles.c lists, per table kind, the English and Dutch header
 * names of every column role. Headers and synonyms are compared after
 * normalisation (lowercase, Latin accents stripped, any run of spaces,
 * dashes, dots and other punctuation one '_', no '_' at either end) and
 * with the '_' left out, so "Klant Nr.", "klant_nr" and "KlantNr" are the
 * same name, as are "Customer ID" and "customerid".
 */
#ifndef KW_ROLES_H
#define KW_ROLES_H

#include <stdbool.h>
#include <stddef.h>

#include "klantwijs/data.h"

/* Normalise a UTF-8 header name into out (at most cap-1 bytes and a NUL);
 * returns the length written. */
size_t kw_header_normalize(const char *s, size_t n, char *out, size_t cap);

/*
 * The role a header suggests in a table of kind k, or KW_ROLE__COUNT when
 * none. *rank (may be NULL) orders competing columns: when two columns
 * suggest the same role, the lower rank wins (the synonym listed first).
 */
kw_role kw_role_guess(kw_table_kind k, const char *name, size_t n,
                      unsigned *rank);

/* Whether the header is a known column name in any kind of table (used to
 * tell a header row from data). */
bool kw_role_known_header(const char *name, size_t n);

/* Whether the header names an amount excluding VAT ("Bedrag excl. BTW",
 * "Montant HTVA", "Untaxed Amount", ...). */
bool kw_role_header_excl_vat(const char *name, size_t n);

/* Whether role r is recognised in tables of kind k (has synonyms there). */
bool kw_role_in_table(kw_table_kind k, kw_role r);

/* One row of the synonym table: the role, the table kinds it applies to
 * (bit 1u << kind), and its names in normalised form separated by blanks,
 * preferred first. For help texts and tests. */
typedef struct kw_role_synonyms {
  kw_role role;
  unsigned kinds;
  const char *names;
} kw_role_synonyms;

const kw_role_synonyms *kw_role_synonym_table(size_t *n);

#endif
