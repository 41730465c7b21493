/*
 * klantwijs/demo.h — a synthetic but realistic data set of a Flemish KMO.
 *
 * kw_demo_generate() writes the exports of an imaginary office and IT
 * supplier ("Kantoor & IT") into a folder, as a Belgian Excel would write
 * them: ';' delimiter, decimal commas, day-first dates, Dutch headers. The
 * same options and seed give the same bytes, so the set serves the quick
 * start, golden tests and benchmarks alike.
 *
 * Files (each written to "NAME.tmp.XXXXXX" in the folder, then renamed):
 *
 *   customers.csv     klantnummer;naam;klanttype;e-mail;telefoon;adres;
 *                     postcode;gemeente;sector;grootte;acquisitiedatum;
 *                     acquisitiekanaal;acquisitiekost;marketingtoestemming
 *   transactions.csv  factuurnummer;klantnummer;factuurdatum;artikelcode;
 *                     omschrijving;categorie;aantal;eenheidsprijs;bedrag;
 *                     kostprijs;korting
 *                     (one line per invoice line; bedrag = aantal x
 *                     eenheidsprijs - korting; kostprijs is the line's cost
 *                     of goods; credit notes "CN..." have negative lines)
 *   invoices.csv      factuurnummer;klantnummer;factuurdatum;vervaldatum;
 *                     betaaldatum;bedrag;betalingstermijn;soort
 *                     (empty betaaldatum = still open at the end)
 *   costs.csv         klantnummer;datum;type;aantal;bedrag
 *                     (type service_hours / support_ticket: aantal is hours
 *                     or tickets, bedrag empty; shipping / returns: bedrag)
 *   feedback.csv      klantnummer;datum;nps;csat;ces;opmerking;prijs;
 *                     service;innovatie;concurrent;concurrent prijs;
 *                     concurrent service;concurrent innovatie
 *   touchpoints.csv   klantnummer;datum;fase;kanaal
 *   referrals.csv     aanbrenger;klantnummer;datum
 *   truth.json        every generating parameter and count (see demo.c)
 *   truth_customers.csv  the hidden per-customer truth (purchase rate,
 *                     dropout probability, alive at the end, payer class,
 *                     ...), plain ',' CSV for checking what analyses
 *                     recover; not an input of the analyses.
 *
 * The model: purchases follow a BG/NBD process per customer, order values
 * Gamma-Gamma, orders are split into lines with cross-sell affinities
 * between categories; see src/io/demo.c for the formulas and parameters.
 *
 * Ownership: the options are borrowed for the call only.
 */
#ifndef KLANTWIJS_DEMO_H
#define KLANTWIJS_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most customers a data set may have. Memory: about 450 bytes a customer
 * while generating (1 M customers: 430 MB); disk: about 2.2 kB. */
#define KW_DEMO_MAX_CUSTOMERS 10000000u

typedef struct kw_demo_options {
  size_t customers; /* number of customers; default 2000 */
  uint64_t seed;    /* 0 = the context's seed (kw_context_seed) */
  int32_t start;    /* first day of the window (days since 1970-01-01);
                       KW_NA_DATE (from klantwijs/data.h) = default */
  int32_t end;      /* last day, inclusive; KW_NA_DATE = default. Both
                       default: 2023-01-01 .. 2025-12-31; one given: a
                       3-year window from or up to it */
  const char *dir;  /* output folder, created (with parents) if missing */
} kw_demo_options;

/* Defaults: 2000 customers, seed 0, the default window, dir NULL. */
KW_API void kw_demo_options_init(kw_demo_options *o);

/*
 * Write the demo data set into o->dir. Returns KW_EARG for missing or
 * invalid options (no dir, 0 or too many customers, a window shorter than
 * 28 days or outside 1900..2200), KW_EIO when the folder or a file cannot
 * be written (files already renamed stay; temporary files are removed),
 * KW_ENOMEM. Existing files of the same names are replaced.
 */
KW_API kw_status kw_demo_generate(kw_context *ctx, const kw_demo_options *o);

#ifdef __cplusplus
}
#endif
#endif
