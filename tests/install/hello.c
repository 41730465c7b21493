/* A program built only through `pkg-config --cflags --libs klantwijs`
 * against an installed prefix: it loads a small sales file and checks the
 * customer count and revenue it computes (3 customers, 60.00). */
#include <klantwijs.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  kw_context *ctx = kw_context_new();
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = argv[1];
  o.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  int rc = 1;
  if (kw_dataset_load(ctx, &o, &ds) == KW_OK &&
      kw_summary_build(ctx, ds, NULL, &s) == KW_OK) {
    const kw_customer_summary *v = kw_summary_view(s);
    int64_t rev = 0;
    for (size_t i = 0; i < v->n; i++) rev += v->revenue[i];
    printf("klantwijs %s: %zu customers, revenue %lld cents\n", kw_version(),
           v->n, (long long)rev);
    rc = v->n == 3 && rev == 6000 ? 0 : 1;
  } else {
    fprintf(stderr, "%s\n", kw_errmsg(ctx));
  }
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return rc;
}
