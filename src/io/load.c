/*
 * load.c — kw_dataset_load: find a business's files, map them into memory
 * and read each into a typed table (ingest.c).
 *
 * Files come from kw_load_options.files (explicit paths, "-" for standard
 * input) or are looked up in kw_load_options.dir by the names listed in
 * KW_TABLE_LIST, case-insensitively and in the list's order. A regular
 * file is mapped read-only; while it is read, the pages already passed are
 * dropped (madvise MADV_DONTNEED) so a file larger than memory costs only a
 * window of it in resident memory. Anything else (a pipe, stdin) is
 * streamed through a buffer of a few MiB (a workbook from a pipe is read
 * whole).
 *
 * Unqualified "--map ROLE=COLUMN" entries apply to every table that has a
 * column of that name; by column number, to the transactions table (or to
 * the only table read). A map that matches nothing is an error, so a typo
 * never passes silently.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "klantwijs/report.h"

#include "data/table.h"
#include "io/classify.h"
#include "io/ingest.h"
#include "io/join.h"
#include "io/msg.h"
#include "io/pg_internal.h"
#include "io/xlsx.h"

static const char *const table_files[] = {
#define KW_X(e, name, files) files,
    KW_TABLE_LIST(KW_X)
#undef KW_X
};

/* Whether a folder entry is a data file: .csv, .txt, .tsv, .xlsx or .xls,
 * not hidden, not an office lock file ("~$Verkopen.xlsx"). */
static bool data_file_name(const char *e) {
  if (e[0] == '.' || (e[0] == '~' && e[1] == '$')) return false;
  const char *dot = strrchr(e, '.');
  if (!dot) return false;
  return strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".txt") == 0 ||
         strcasecmp(dot, ".tsv") == 0 || strcasecmp(dot, ".xlsx") == 0 ||
         strcasecmp(dot, ".xls") == 0;
}

static bool same_file_name(const char *entry, const char *name, size_t n);


/* The part of a file name that says what it holds: letters only, lower
 * case, without the folder and the extension ("Verkoopboek 2024-Q1.xlsx"
 * -> "verkoopboekq"). Files whose names differ only in digits, spaces and
 * punctuation (a year, a period) are parts of one table. */
static void name_stem(const char *path, char *out, size_t cap) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  const char *dot = strrchr(b, '.');
  size_t n = dot ? (size_t)(dot - b) : strlen(b), o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned char ch = (unsigned char)b[i];
    if ((ch >= 'a' && ch <= 'z') || ch >= 0x80) out[o++] = (char)ch;
    else if (ch >= 'A' && ch <= 'Z') out[o++] = (char)(ch - 'A' + 'a');
  }
  out[o] = '\0';
}

static bool same_stem(const char *a, const char *b) {
  char x[256], y[256];
  name_stem(a, x, sizeof x);
  name_stem(b, y, sizeof y);
  return x[0] && strcmp(x, y) == 0;
}

/* More files of one kind: a growing list of paths. */
typedef struct more_files {
  char **paths;
  size_t n, cap;
} more_files;

static kw_status more_add(kw_context *ctx, more_files *m, char *path) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 4;
    char **p = kw_realloc(ctx, m->paths, cap * sizeof *p);
    if (!p) return kw_fail_nomem(ctx);
    m->paths = p;
    m->cap = cap;
  }
  m->paths[m->n++] = path;
  return KW_OK;
}

static void more_free(kw_context *ctx, more_files *m) {
  for (size_t i = 0; i < m->n; i++) kw_free(ctx, m->paths[i]);
  kw_free(ctx, m->paths);
  m->paths = NULL;
  m->n = m->cap = 0;
}

/*
 * Files of the folder that no name rule claimed, by what their columns
 * hold (classify.c), in name order. A kind already found keeps its file;
 * another file of that kind is named in a warning when the kind was itself
 * found by content, in a note when by its name, unless the two names
 * differ only in digits and punctuation (same_stem): then the file is one
 * more part of the table (more[k]), joined to it when read.
 */
static kw_status find_by_content(kw_context *ctx, const char *dir,
                                 uint32_t want, char **paths,
                                 const char **why, more_files *more,
                                 int lang) {
  struct dirent **list = NULL;
  int n = scandir(dir, &list, NULL, alphasort);
  if (n < 0) return KW_OK;
  kw_status st = KW_OK;
  for (int i = 0; i < n; i++) {
    const char *e = list[i]->d_name;
    if (st || !data_file_name(e)) continue;
    size_t len = strlen(dir) + strlen(e) + 2;
    char *path = kw_malloc(ctx, len);
    if (!path) {
      st = kw_fail_nomem(ctx);
      continue;
    }
    snprintf(path, len, "%s/%s", dir, e);
    /* a file named after any table is that table's, read or not */
    bool taken = false;
    for (int k = 0; k < KW_TABLE__COUNT; k++) {
      taken |= paths[k] && strcmp(paths[k], path) == 0;
      for (const char *nm = table_files[k]; *nm && !taken;) {
        size_t w = strcspn(nm, " ");
        taken = same_file_name(e, nm, w);
        nm += w;
        while (*nm == ' ') nm++;
      }
    }
    struct stat sb;
    if (taken || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
      kw_free(ctx, path);
      continue;
    }
    kw_table_kind k;
    const char *w;
    st = kw_classify_file(ctx, path, &k, &w);
    if (st || k == KW_TABLE__COUNT || !(want & (1u << k))) {
      kw_free(ctx, path);
      continue;
    }
    if (paths[k] && same_stem(paths[k], path)) {
      st = more_add(ctx, &more[k], path);
      if (st) kw_free(ctx, path);
      continue;
    }
    if (paths[k]) {
      /* a table found by its own name is not in doubt: a note only */
      kw_io_log(ctx,
                why[k] && strcmp(why[k], "found.file_name") == 0 ? KW_LOG_INFO
                                                                : KW_LOG_WARN,
                lang, "", "load.also_kind", "file", path, "kind",
                kw_table_kind_name(k), "why",
                kw_message(w, lang ? KW_LANG_NL : KW_LANG_EN), "used",
                paths[k], NULL);
      kw_free(ctx, path);
      continue;
    }
    paths[k] = path;
    why[k] = w;
  }
  for (int i = 0; i < n; i++) free(list[i]);
  free(list);
  return st;
}

/* Whether a directory entry is the listed name (any case), or the same
 * name with the workbook extension .xlsx or .xls instead of .csv. */
static bool same_file_name(const char *entry, const char *name, size_t n) {
  size_t el = strlen(entry);
  if (el == n && strncasecmp(entry, name, n) == 0) return true;
  if (n < 4 || strncasecmp(name + n - 4, ".csv", 4) != 0) return false;
  size_t stem = n - 3; /* through the '.' */
  if (el <= stem || strncasecmp(entry, name, stem) != 0) return false;
  return strcasecmp(entry + stem, "xlsx") == 0 ||
         strcasecmp(entry + stem, "xls") == 0;
}

/* The path of the first file of the list names found in dir (case-
 * insensitive), or NULL. *st is set on failure. */
static char *find_in_dir(kw_context *ctx, const char *dir, kw_table_kind k,
                         int lang, kw_status *st) {
  *st = KW_OK;
  DIR *d = opendir(dir);
  if (!d) {
    *st = kw_io_fail(ctx, KW_EIO, lang, "", "load.e.open_dir", "dir", dir,
                     "why", kw_io_sys_reason(errno), NULL);
    return NULL;
  }
  const char *names = table_files[k];
  char *found = NULL;
  while (*names && !found) {
    const char *e = strchr(names, ' ');
    size_t n = e ? (size_t)(e - names) : strlen(names);
    rewinddir(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
      if (!same_file_name(de->d_name, names, n)) continue;
      size_t len = strlen(dir) + 1 + strlen(de->d_name) + 1;
      found = kw_malloc(ctx, len);
      if (!found) {
        *st = kw_fail_nomem(ctx);
        break;
      }
      snprintf(found, len, "%s/%s", dir, de->d_name);
      struct stat sb;
      if (stat(found, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        kw_free(ctx, found);
        found = NULL;
        continue;
      }
      break;
    }
    names += n;
    while (*names == ' ') names++;
  }
  closedir(d);
  return found;
}

typedef struct mapped {
  char *base;
  size_t len;
  size_t dropped; /* bytes from base already given back */
} mapped;

static void release_pages(void *user, const char *upto) {
  mapped *m = user;
  long pg = sysconf(_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t)pg : 4096;
  size_t end = (size_t)(upto - m->base);
  end -= end % page;
  if (end > m->dropped) {
    madvise(m->base + m->dropped, end - m->dropped, MADV_DONTNEED);
    m->dropped = end;
  }
}

/* The whole pages of [from, upto), leaving m->dropped alone (called from
 * the thread that reads a file's second half). */
static void release_range(void *user, const char *from, const char *upto) {
  mapped *m = user;
  long pg = sysconf(_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t)pg : 4096;
  size_t a = (size_t)(from - m->base), b = (size_t)(upto - m->base);
  a += (page - a % page) % page;
  b -= b % page;
  if (b > a) madvise(m->base + a, b - a, MADV_DONTNEED);
}

/* Read fd until its end or until *len reaches limit, into *out (grown;
 * NULL to start). */
static kw_status read_upto(kw_context *ctx, int fd, const char *path,
                           int lang, char **out, size_t *len, size_t limit) {
  size_t n = *len, cap = *out ? n : 0;
  char *buf = *out;
  if (!buf) {
    cap = 1 << 16;
    buf = kw_malloc(ctx, cap);
    if (!buf) return kw_fail_nomem(ctx);
  }
  for (;;) {
    if (n >= limit) break;
    if (n == cap) {
      if (cap > SIZE_MAX / 2) {
        kw_free(ctx, buf);
        *out = NULL;
        return kw_fail_nomem(ctx);
      }
      char *nb = kw_realloc(ctx, buf, cap * 2);
      if (!nb) {
        kw_free(ctx, buf);
        *out = NULL;
        return kw_fail_nomem(ctx);
      }
      buf = nb;
      cap *= 2;
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      kw_status st = kw_io_fail(ctx, KW_EIO, lang, "", "load.e.read", "file",
                                path, "why", kw_io_sys_reason(errno), NULL);
      kw_free(ctx, buf);
      *out = NULL;
      return st;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  *out = buf;
  *len = n;
  return KW_OK;
}

/* The rest of a stream, for kw_ingest (kw_ingest_args.read_more). */
typedef struct stream {
  kw_context *ctx;
  int fd;
  const char *path;
  int lang;
} stream;

static kw_status read_more(void *user, char *buf, size_t cap, size_t *got) {
  stream *s = user;
  for (;;) {
    ssize_t r = read(s->fd, buf, cap);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0)
      return kw_io_fail(s->ctx, KW_EIO, s->lang, "", "load.e.read", "file",
                        s->path, "why", kw_io_sys_reason(errno), NULL);
    *got = (size_t)r;
    return KW_OK;
  }
}

#define STREAM_FIRST ((size_t)8 << 20) /* bytes read before streaming */

static kw_status load_file(kw_context *ctx, kw_dataset *ds, kw_table_kind k,
                           const char *path, const kw_load_options *o,
                           bool primary, bool *map_used) {
  kw_ingest_args a;
  memset(&a, 0, sizeof a);
  a.kind = k;
  a.o = o;
  a.primary = primary;
  a.map_used = map_used;
  bool is_stdin = strcmp(path, "-") == 0;
  a.name = is_stdin ? "(stdin)" : path;
  int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
  if (fd < 0)
    return kw_io_fail(ctx, KW_EIO, o->lang, "", "load.e.open", "file", path,
                      "why", kw_io_sys_reason(errno), NULL);
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    kw_status st =
        kw_io_fail(ctx, KW_EIO, o->lang, "", "load.e.read", "file", path,
                   "why", kw_io_sys_reason(errno), NULL);
    if (!is_stdin) close(fd);
    return st;
  }
  if (S_ISDIR(sb.st_mode)) {
    if (!is_stdin) close(fd);
    return kw_io_fail(ctx, KW_EIO, o->lang, "", "load.e.folder", "file", path,
                      NULL);
  }
  kw_status st;
  if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
    size_t len = (size_t)sb.st_size;
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (!is_stdin) close(fd);
    if (p == MAP_FAILED)
      /* ENOMEM: no address space for the file (ulimit -v): out of memory,
       * not bad input */
      return kw_io_fail(ctx, errno == ENOMEM ? KW_ENOMEM : KW_EIO, o->lang, "",
                        "load.e.map", "file", path, "why", kw_io_sys_reason(errno),
                        NULL);
    madvise(p, len, MADV_SEQUENTIAL);
    mapped m = {p, len, 0};
    a.data = p;
    a.len = len;
    a.release = release_pages;
    a.release_range = release_range;
    a.release_user = &m;
    if (kw_xlsx_magic(p, len))
      st = kw_xlsx_ingest(ctx, ds, &a);
    else if (kw_xls_magic(p, len))
      st = kw_xls_ingest(ctx, ds, &a, path);
    else
      st = kw_ingest(ctx, ds, &a);
    munmap(p, len);
  } else {
    /* a pipe: a workbook is read whole (its directory is at its end);
     * delimited text is streamed */
    char *buf = NULL;
    size_t len = 0;
    st = read_upto(ctx, fd, a.name, o->lang, &buf, &len, STREAM_FIRST);
    if (!st && kw_xlsx_magic(buf, len))
      st = read_upto(ctx, fd, a.name, o->lang, &buf, &len, SIZE_MAX);
    if (st) {
      if (!is_stdin) close(fd);
      return st;
    }
    a.data = buf;
    a.len = len;
    stream sm = {ctx, fd, a.name, o->lang};
    if (kw_xlsx_magic(buf, len)) {
      st = kw_xlsx_ingest(ctx, ds, &a);
    } else if (kw_xls_magic(buf, len)) {
      st = kw_io_fail(ctx, KW_EINPUT, o->lang, "", "load.e.xls_pipe", "file",
                      a.name, NULL);
    } else {
      a.read_more = read_more;
      a.read_user = &sm;
      st = kw_ingest(ctx, ds, &a);
    }
    if (!is_stdin) close(fd);
    kw_free(ctx, buf);
  }
  return st;
}

/*
 * The other files of a kind whose first file was just read into ds: each
 * read in turn, then all joined (join.c) into the table of ds. A table
 * that numbers its rows for want of customer ids is not joined (its row
 * numbers would meet): the others are named in a warning instead.
 */
static kw_status load_more(kw_context *ctx, kw_dataset *ds, kw_table_kind k,
                           const more_files *m, const kw_load_options *o,
                           bool primary, bool *used) {
  kw_table *first = kw_dataset_table_mut(ds, k);
  const kw_column *id = kw_table_role(first, KW_ROLE_CUSTOMER);
  if (id && id->source_index == UINT32_MAX) {
    for (size_t i = 0; i < m->n; i++) {
      kw_io_log(ctx, KW_LOG_WARN, o->lang, "", "load.no_join_rowids", "file",
                m->paths[i], "used", kw_table_report(first)->path, NULL);
    }
    return KW_OK;
  }
  size_t n = m->n + 1;
  kw_table **ts = kw_calloc(ctx, n, sizeof *ts);
  if (!ts) return kw_fail_nomem(ctx);
  ts[0] = kw_dataset_take_table(ds, k);
  kw_status st = KW_OK;
  for (size_t i = 0; i < m->n && !st; i++) {
    st = load_file(ctx, ds, k, m->paths[i], o, primary, used);
    if (!st) ts[i + 1] = kw_dataset_take_table(ds, k);
  }
  if (st) {
    for (size_t i = 0; i < n; i++) kw_table_free(ctx, ts[i]);
    kw_free(ctx, ts);
    return st;
  }
  kw_table *t = NULL;
  st = kw_join_tables(ctx, ds, ts, n, o->lang, &t);
  kw_free(ctx, ts);
  if (!st) kw_dataset_set_table(ds, t);
  return st;
}

kw_status kw_dataset_load(kw_context *ctx, const kw_load_options *o,
                          kw_dataset **out) {
  *out = NULL;
  kw_load_options defaults;
  if (!o) {
    kw_load_options_init(&defaults);
    o = &defaults;
  }
  if (o->decimal_mark && o->decimal_mark != '.' && o->decimal_mark != ',')
    return kw_io_fail(ctx, KW_EARG, o->lang, "", "load.e.decimal_mark", NULL);
  for (size_t j = 0; j < o->n_maps; j++) {
    kw_table_kind kind;
    kw_role role;
    const char *col;
    kw_status st = kw_map_parse(ctx, o->maps[j], &kind, &role, &col);
    if (st) return st;
  }
  if (o->db) return kw_pg_dataset_load(ctx, o, out);
  uint32_t want = o->tables ? o->tables : (1u << KW_TABLE__COUNT) - 1;
  char *paths[KW_TABLE__COUNT] = {0};
  kw_status st = KW_OK;
  kw_dataset *ds = NULL;
  bool *used = NULL;
  size_t nfound = 0;
  const char *why[KW_TABLE__COUNT] = {0};
  more_files more[KW_TABLE__COUNT];
  memset(more, 0, sizeof more);
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    if (!(want & (1u << k))) continue;
    if (o->files[k]) {
      paths[k] = kw_strdup(ctx, o->files[k]);
      if (!paths[k]) {
        st = kw_fail_nomem(ctx);
        goto out;
      }
    } else if (o->dir) {
      paths[k] = find_in_dir(ctx, o->dir, (kw_table_kind)k, o->lang, &st);
      if (st) goto out;
      if (paths[k]) why[k] = "found.file_name";
    }
  }
  if (o->dir) {
    st = find_by_content(ctx, o->dir, want, paths, why, more, o->lang);
    if (st) goto out;
  }
  /* invoices without sales lines: each invoice is one sale */
  if ((want & (1u << KW_TABLE_TRANSACTIONS)) &&
      !paths[KW_TABLE_TRANSACTIONS] && paths[KW_TABLE_INVOICES] && o->dir) {
    paths[KW_TABLE_TRANSACTIONS] = kw_strdup(ctx, paths[KW_TABLE_INVOICES]);
    if (!paths[KW_TABLE_TRANSACTIONS]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    for (size_t i = 0; i < more[KW_TABLE_INVOICES].n && !st; i++) {
      char *p = kw_strdup(ctx, more[KW_TABLE_INVOICES].paths[i]);
      st = p ? more_add(ctx, &more[KW_TABLE_TRANSACTIONS], p)
             : kw_fail_nomem(ctx);
      if (st) kw_free(ctx, p);
    }
    if (st) goto out;
    why[KW_TABLE_TRANSACTIONS] = "found.invoices_as_sales";
    kw_io_log(ctx, KW_LOG_INFO, o->lang, "", "load.invoices_as_sales", "file",
              paths[KW_TABLE_INVOICES], NULL);
  }
  for (int k = 0; k < KW_TABLE__COUNT; k++) nfound += paths[k] != NULL;
  if ((want & (1u << KW_TABLE_TRANSACTIONS)) &&
      !paths[KW_TABLE_TRANSACTIONS] && !o->sales_optional) {
    if (!o->dir) {
      st = kw_io_fail(ctx, KW_EMISSING, o->lang, "", "load.e.no_sales_file",
                      NULL);
    } else {
      char list[200];
      snprintf(list, sizeof list, "%s", table_files[KW_TABLE_TRANSACTIONS]);
      for (char *p = list; *p; p++)
        if (*p == ' ') *p = ',';
      st = kw_io_fail(ctx, KW_EMISSING, o->lang, "", "load.no_sales", "dir",
                      o->dir, "names", list, NULL);
    }
    goto out;
  }
  if (nfound == 0) {
    st = o->dir ? kw_io_fail(ctx, KW_EMISSING, o->lang, "",
                             "load.e.no_data_in", "dir", o->dir, NULL)
                : kw_io_fail(ctx, KW_EMISSING, o->lang, "", "load.e.no_data",
                             NULL);
    goto out;
  }
  ds = kw_dataset_new(ctx);
  if (!ds) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  used = kw_calloc(ctx, o->n_maps ? o->n_maps : 1, sizeof *used);
  if (!used) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  int primary = -1;
  for (int k = 0; k < KW_TABLE__COUNT && primary < 0; k++)
    if (paths[k]) primary = k;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    if (!paths[k]) continue;
    st = load_file(ctx, ds, (kw_table_kind)k, paths[k], o, k == primary,
                   used);
    if (!st && more[k].n) st = load_more(ctx, ds, (kw_table_kind)k, &more[k], o,
                                 k == primary, used);
    if (!st)
      st = kw_table_check_money(ctx, kw_dataset_table(ds, (kw_table_kind)k),
                                strcmp(paths[k], "-") ? paths[k] : "(stdin)");
    if (st) goto out;
    kw_table *t = kw_dataset_table_mut(ds, (kw_table_kind)k);
    if (t && why[k]) {
      /* a message key ("found.sales"): inspect writes its text */
      st = kw_table_report_found(ctx, t, why[k]);
      if (st) goto out;
    }
  }
  for (size_t j = 0; j < o->n_maps; j++) {
    if (used[j]) continue;
    kw_table_kind kind;
    kw_role role;
    const char *col;
    kw_map_parse(ctx, o->maps[j], &kind, &role, &col);
    if (kind != KW_TABLE__COUNT) {
      /* a map for a table that was not read */
      kw_io_log(ctx, KW_LOG_WARN, o->lang, "", "load.w.map_unread", "map",
                o->maps[j], "kind", kw_table_kind_name(kind), NULL);
      continue;
    }
    st = kw_io_fail(ctx, KW_EARG, o->lang, "", "load.e.map_no_column", "map",
                    o->maps[j], "col", col, NULL);
    goto out;
  }
  /* the dictionaries are complete: give back what growing left spare */
  if (o->invoice_ids_only) kw_dataset_drop_invoice_text(ds);
  kw_dataset_compact(ds);
#ifdef __GLIBC__
  /* What reading left free goes back to the system: the second reader's
   * columns and dictionaries (freed in its thread's heap, which this
   * thread never allocates from again) and the dictionaries' grown
   * tables; 9 MiB of the peak of analyze on a 100,000-customer sales
   * file. */
  malloc_trim(0);
#endif
  *out = ds;
  ds = NULL;
out:
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    kw_free(ctx, paths[k]);
    more_free(ctx, &more[k]);
  }
  kw_free(ctx, used);
  kw_dataset_free(ds);
  return st;
}
