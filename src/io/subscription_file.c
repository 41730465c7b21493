/*
 * subscription_file.c — whether a single file is contract data
 * (kw_subscription_file, klantwijs/subscription.h): read as a customers
 * table, it has a tenure and a churn flag. `analyze` then writes the
 * contract report instead of the purchase analyses.
 */
#include <string.h>
#include <sys/stat.h>

#include "klantwijs.h"

bool kw_subscription_file(const kw_load_options *o, const char *path) {
  struct stat sb;
  if (!o || !path || strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
      !S_ISREG(sb.st_mode))
    return false;
  kw_context *pc = kw_context_new();
  if (!pc) return false;
  kw_load_options lo = *o;
  lo.files[KW_TABLE_CUSTOMERS] = path;
  lo.tables = 1u << KW_TABLE_CUSTOMERS;
  kw_dataset *probe = NULL;
  bool yes = kw_dataset_load(pc, &lo, &probe) == KW_OK &&
             kw_subscription_recognised(
                 kw_dataset_table(probe, KW_TABLE_CUSTOMERS));
  kw_dataset_free(probe);
  kw_context_free(pc);
  return yes;
}
