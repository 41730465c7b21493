/*
 * output.c — writing the four report files into a folder, atomically as a
 * set, and the one-screen text summary for the terminal.
 *
 * The files are written into a temporary folder beside the report folder
 * (".NAME.tmp.PID.XXXXXX"), each checked to its fsync; only when all four
 * are complete does that folder take the report folder's place, so a
 * failed, killed or interrupted run leaves the previous report whole. A
 * lock file beside the folder (".NAME.lock", flock) refuses a second run
 * into the same folder while one is writing.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "io/atomic.h"
#include "report/analysis_text.h"
#include "report/export.h"
#include "report/readings.h"
#include "report/text.h"

/* A failure of the folder writer, by key (the "out.err." rows of the
 * message table): the English sentence as kw_errmsg, the key and values
 * for the reader's language. Values are name, value pairs ending with
 * NULL; the first is the path the sentence is about. */
static kw_status out_failv(kw_context *ctx, kw_status st, const char *key,
                           const char *const *names,
                           const char *const *values, size_t n) {
  char text[KW_ERRMSG_MAX];
  kw_message_fill_marked(text, sizeof text, key, KW_LANG_EN, names, values,
                         n);
  return kw_fail_key(ctx, st, "", text, key, names, values, n);
}

kw_status kw_out_fail(kw_context *ctx, kw_status st, const char *key, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  return out_failv(ctx, st, key, names, values, n);
}

static kw_status make_dirs(kw_context *ctx, const char *dir) {
  char *p = kw_strdup(ctx, dir);
  if (!p) return kw_fail_nomem(ctx);
  kw_status st = KW_OK;
  for (char *q = p + 1; ; q++) {
    if (*q != '/' && *q != '\0') continue;
    char c = *q;
    *q = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.create", "path", p, "reason",
                    kw_sys_reason(errno), NULL);
      break;
    }
    *q = c;
    if (!c) break;
  }
  struct stat sb;
  if (!st && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
    st = kw_out_fail(ctx, KW_EIO, "out.err.not_folder", "path", dir, NULL);
  kw_free(ctx, p);
  return st;
}

static char *join(kw_context *ctx, const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *s = kw_malloc(ctx, a + b + 2);
  if (!s) return NULL;
  memcpy(s, dir, a);
  size_t k = a;
  if (a && dir[a - 1] != '/') s[k++] = '/';
  memcpy(s + k, name, b + 1);
  return s;
}

/* The files a report folder may hold (the main job's and the contract
 * report's); an existing folder holding anything else (but temporaries of
 * these names) is not replaced. */
static const char *const report_files[] = {"summary.json", "customers.csv",
                                           "customers.xlsx", "index.html"};
#define N_REPORT_FILES (sizeof report_files / sizeof *report_files)

static kw_status write_one(kw_context *ctx, const void *state,
                           const char *dir, const char *like_dir,
                           const kw_folder_file *ff) {
  const char *name = ff->name;
  char *path = join(ctx, dir, name), *like = join(ctx, like_dir, name);
  kw_status st = KW_OK;
  if (!path || !like) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  if (ff->to_path) {
    st = ff->to_path(ctx, state, path, like);
    goto out;
  }
  kw_atomic *at = NULL;
  st = kw_atomic_open_like(ctx, path, like, &at);
  if (!st) {
    errno = 0;
    st = ff->to_file(ctx, state, kw_atomic_file(at));
    int err = errno;
    if (st == KW_EIO)
    {
      char file[2 * PATH_MAX];
      snprintf(file, sizeof file, "%s/%s", like_dir, name);
      st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", file, "reason",
                    kw_sys_reason(err ? err : EIO), NULL);
    }
    if (st) kw_atomic_abort(at);
    else st = kw_atomic_commit(at);
  }
out:
  kw_free(ctx, path);
  kw_free(ctx, like);
  return st;
}

/* Entries of an existing report folder other than its files (and their
 * temporaries): one is named in *what. */
static bool foreign_entry(const char *dir, char *what, size_t cap) {
  DIR *d = opendir(dir);
  if (!d) return false;
  struct dirent *e;
  bool found = false;
  while (!found && (e = readdir(d))) {
    const char *nm = e->d_name;
    if (!strcmp(nm, ".") || !strcmp(nm, "..")) continue;
    bool ours = false;
    for (size_t k = 0; k < N_REPORT_FILES && !ours; k++) {
      size_t n = strlen(report_files[k]);
      ours = strncmp(nm, report_files[k], n) == 0 &&
             (nm[n] == '\0' || strncmp(nm + n, ".tmp.", 5) == 0);
    }
    if (!ours) {
      snprintf(what, cap, "%s", nm);
      found = true;
    }
  }
  closedir(d);
  return found;
}

/* Swaps the complete folder tmp in at target. An existing target is
 * exchanged with it in one step (renameat2 RENAME_EXCHANGE) where the file
 * system can, else moved aside to old, the new folder renamed in, and the
 * old one moved back when that fails. *gone then names what to remove. */
static int swap_in(const char *tmp, const char *target, char *old,
                   bool exists, const char **gone) {
  *gone = NULL;
  if (!exists) return rename(tmp, target);
#ifdef RENAME_EXCHANGE
  if (renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) == 0) {
    *gone = tmp; /* now holds the previous report */
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return -1;
#endif
  if (!mkdtemp(old)) return -1;
  if (rename(target, old) != 0) {
    int e = errno;
    rmdir(old);
    errno = e;
    return -1;
  }
  if (rename(tmp, target) != 0) {
    int e = errno;
    (void)rename(old, target);
    errno = e;
    return -1;
  }
  *gone = old;
  return 0;
}

/* snprintf into an array; true when it did not fit */
#define FMT(buf, ...) ((size_t)snprintf(buf, sizeof buf, __VA_ARGS__) >= sizeof buf)

static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
}

/* The folder as given (without trailing slashes; not "." or ".."),
 * its parent (created when missing) and its last component. */
static kw_status resolve(kw_context *ctx, const char *dir, char *target,
                         char *parent, const char **basep, bool *exists) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--;
  if (n == 0 || n >= PATH_MAX)
    return kw_out_fail(ctx, KW_EIO, "out.err.folder_name", "path", dir, NULL);
  memcpy(target, dir, n);
  target[n] = '\0';
  struct stat sb;
  *exists = stat(target, &sb) == 0;
  if (*exists && !S_ISDIR(sb.st_mode))
    return kw_out_fail(ctx, KW_EIO, "out.err.not_folder", "path", dir, NULL);
  /* a symbolic link to a folder: the swap happens where it points, and
   * the link stays */
  char real[PATH_MAX];
  if (*exists && lstat(target, &sb) == 0 && S_ISLNK(sb.st_mode)) {
    if (!realpath(target, real))
      return kw_out_fail(ctx, KW_EIO, "out.err.sys", "path", dir, "reason",
                      kw_sys_reason(errno), NULL);
    memcpy(target, real, strlen(real) + 1);
  }
  const char *base = strrchr(target, '/');
  base = base ? base + 1 : target;
  /* the folder is replaced as a whole: not the current folder (the shell
   * would be left in the removed one) nor the root */
  if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(target, "/"))
    return kw_out_fail(ctx, KW_EIO, "out.err.whole", "path", dir, NULL);
  size_t pn = base == target ? 0 : (size_t)(base - target - 1);
  if (base == target) strcpy(parent, ".");
  else if (pn == 0) strcpy(parent, "/");
  else {
    memcpy(parent, target, pn);
    parent[pn] = '\0';
  }
  *basep = base;
  return make_dirs(ctx, parent);
}

/* Locks held by this process: a second lock of the same file in the same
 * process (kw_report_lock_dir, then kw_report_write_dir) is the same
 * holder, not a second run. */
#define HELD_MAX 8
static struct {
  int fd1; /* fd + 1, 0 = free */
  dev_t dev;
  ino_t ino;
} held[HELD_MAX];

struct kw_report_lock {
  kw_context *ctx;
  int slot; /* in held, -1 when an outer lock of this process covers it */
};

/* flock on ".NAME.lock" beside the folder, refused while another process
 * holds it. The lock file stays (removing it would race with a run that
 * opened it). */
static kw_status take_lock(kw_context *ctx, const char *dir,
                           const char *parent, const char *base, int *slot) {
  *slot = -1;
  char lockp[2 * PATH_MAX];
  if (FMT(lockp, "%s/.%s.lock", parent, base))
    return kw_out_fail(ctx, KW_EIO, "out.err.too_long", "path", dir, NULL);
  int lfd = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lfd < 0)
    return kw_out_fail(ctx, KW_EIO, "out.err.create", "path", lockp, "reason",
                    kw_sys_reason(errno), NULL);
  struct stat sb;
  if (fstat(lfd, &sb) != 0) {
    int e = errno;
    close(lfd);
    return kw_out_fail(ctx, KW_EIO, "out.err.sys", "path", lockp, "reason",
                       kw_sys_reason(e), NULL);
  }
  for (int k = 0; k < HELD_MAX; k++)
    if (held[k].fd1 && held[k].dev == sb.st_dev && held[k].ino == sb.st_ino) {
      close(lfd);
      return KW_OK;
    }
  if (flock(lfd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    close(lfd);
    if (e == EWOULDBLOCK)
      return kw_out_fail(ctx, KW_EIO, "out.err.busy", "path", dir, "lock", lockp, NULL);
    return kw_out_fail(ctx, KW_EIO, "out.err.lock", "path", lockp, "reason",
                       kw_sys_reason(e), NULL);
  }
  for (int k = 0; k < HELD_MAX; k++)
    if (!held[k].fd1) {
      held[k].fd1 = lfd + 1;
      held[k].dev = sb.st_dev;
      held[k].ino = sb.st_ino;
      *slot = k;
      return KW_OK;
    }
  close(lfd);
  return kw_out_fail(ctx, KW_EIO, "out.err.locks", "path", dir, NULL);
}

static void drop_lock(int slot) {
  if (slot < 0 || slot >= HELD_MAX || !held[slot].fd1) return;
  close(held[slot].fd1 - 1); /* releases the flock */
  held[slot].fd1 = 0;
}

kw_status kw_report_lock_dir(kw_context *ctx, const char *dir,
                             kw_report_lock **out) {
  *out = NULL;
  char target[PATH_MAX], parent[PATH_MAX];
  const char *base;
  bool exists;
  kw_status st = resolve(ctx, dir, target, parent, &base, &exists);
  if (st) return st;
  kw_report_lock *l = kw_calloc(ctx, 1, sizeof *l);
  if (!l) return kw_fail_nomem(ctx);
  l->ctx = ctx;
  st = take_lock(ctx, dir, parent, base, &l->slot);
  if (st) {
    kw_free(ctx, l);
    return st;
  }
  *out = l;
  return KW_OK;
}

void kw_report_unlock_dir(kw_report_lock *l) {
  if (!l) return;
  drop_lock(l->slot);
  kw_free(l->ctx, l);
}

kw_status kw_report_folder(kw_context *ctx, const char *dir,
                           const kw_folder_file *files, size_t n,
                           const void *state) {
  char target[PATH_MAX], parent[PATH_MAX];
  const char *base;
  bool exists;
  kw_status st = resolve(ctx, dir, target, parent, &base, &exists);
  if (st) return st;
  struct stat sb;
  /* one run per folder: a lock file beside it, held until done */
  int lslot;
  st = take_lock(ctx, dir, parent, base, &lslot);
  if (st) return st;
  char tmp[2 * PATH_MAX], old[2 * PATH_MAX], prefix[2 * PATH_MAX];
  /* an earlier run killed mid-swap: its old folder is the report */
  if (FMT(prefix, ".%s.old.", base) || FMT(tmp, "%s/.%s.tmp.%ld.XXXXXX",
                                            parent, base, (long)getpid()) ||
      FMT(old, "%s/.%s.old.%ld.XXXXXX", parent, base, (long)getpid())) {
    drop_lock(lslot);
    return kw_out_fail(ctx, KW_EIO, "out.err.too_long", "path", dir, NULL);
  }
  if (!exists) {
    DIR *d = opendir(parent);
    struct dirent *e;
    while (d && (e = readdir(d))) {
      if (strncmp(e->d_name, prefix, strlen(prefix))) continue;
      char cand[2 * PATH_MAX];
      if (FMT(cand, "%s/%s", parent, e->d_name)) continue;
      if (!kw_pid_alive(strtol(e->d_name + strlen(prefix), NULL, 10)) &&
          rename(cand, target) == 0) {
        exists = stat(target, &sb) == 0;
        break;
      }
    }
    if (d) closedir(d);
  }
  kw_temp_sweep(parent, prefix);
  if (!FMT(prefix, ".%s.tmp.", base)) kw_temp_sweep(parent, prefix);

  char what[NAME_MAX + 1];
  if (exists && foreign_entry(target, what, sizeof what)) {
    drop_lock(lslot);
    return kw_out_fail(ctx, KW_EIO, "out.err.foreign", "path", dir, "what", what, NULL);
  }
  int slot;
  if (kw_temp_create(tmp, true, &slot) < 0) {
    st = kw_out_fail(ctx, KW_EIO, "out.err.beside", "path", dir, "reason",
                  kw_sys_reason(errno), NULL);
    drop_lock(lslot);
    return st;
  }
  if (chmod(tmp, kw_out_mode(exists ? target : NULL, true)) != 0)
    st = kw_out_fail(ctx, KW_EIO, "out.err.sys", "path", tmp, "reason",
                     kw_sys_reason(errno), NULL);
  for (size_t k = 0; !st && k < n; k++)
    st = write_one(ctx, state, tmp, target, &files[k]);
  if (!st) {
    sync_dir(tmp);
    const char *gone;
    if (swap_in(tmp, target, old, exists, &gone) != 0) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.swap", "path", dir, "reason",
                    kw_sys_reason(errno), NULL);
    } else {
      sync_dir(parent);
      if (gone) kw_temp_remove_dir(gone);
    }
  }
  if (st) {
    kw_temp_remove_dir(tmp);
    /* name the report's files, not their temporary folder */
    size_t tn = strlen(tmp);
    const kw_msginfo *mi = kw_errinfo(ctx);
    if (mi->key && mi->n && !strncmp(mi->values[0], tmp, tn)) {
      /* copies: the context's message is rewritten by the new failure */
      const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
      char nbuf[KW_MSG_ARGS][32], vbuf[KW_MSG_ARGS][2 * PATH_MAX], key[64];
      size_t nv = mi->n;
      snprintf(key, sizeof key, "%s", mi->key);
      for (size_t k = 0; k < nv; k++) {
        snprintf(nbuf[k], sizeof nbuf[k], "%s", mi->names[k]);
        snprintf(vbuf[k], sizeof vbuf[k], "%s%s", k ? "" : target,
                 mi->values[k] + (k ? 0 : tn));
        names[k] = nbuf[k], values[k] = vbuf[k];
      }
      st = out_failv(ctx, st, key, names, values, nv);
    } else if (!strncmp(kw_errmsg(ctx), tmp, tn)) {
      char msg[KW_ERRMSG_MAX];
      snprintf(msg, sizeof msg, "%s", kw_errmsg(ctx) + tn);
      st = kw_fail(ctx, st, "%s%s", target, msg);
    }
  }
  kw_temp_unregister(slot);
  drop_lock(lslot);
  return st;
}

void kw_report_options_init(kw_report_options *o) {
  memset(o, 0, sizeof *o);
  o->lang = KW_LANG_EN;
  o->show_names = false;
  o->xlsx_max_customers = 250000;
  o->xlsx_max_per_action = 10000;
}

const kw_report_options *kw_report_options_or_default(
    const kw_report_options *ro, kw_report_options *def) {
  if (ro) return ro;
  kw_report_options_init(def);
  return def;
}

/* The main job's four files, each announced to the analysis's step
 * callback before it is written (key: the file name, index among the
 * four), and the end after the last (index 4, key ""). */
typedef struct an_files {
  const kw_analysis *a;
  const kw_report_options *ro;
} an_files;
static void announce(const kw_analysis *a, size_t k, const char *name) {
  if (a->o.on_step) a->o.on_step(a->o.step_user, k, 4, name);
}
static kw_status an_json(kw_context *ctx, const void *u, FILE *f) {
  const an_files *x = u;
  announce(x->a, 0, "summary.json");
  return kw_report_summary_json(ctx, x->a, x->ro, f);
}
static kw_status an_csv(kw_context *ctx, const void *u, FILE *f) {
  const an_files *x = u;
  announce(x->a, 1, "customers.csv");
  return kw_report_customers_csv(ctx, x->a, x->ro, f);
}
static kw_status an_xlsx(kw_context *ctx, const void *u, const char *path,
                         const char *like) {
  const an_files *x = u;
  announce(x->a, 2, "customers.xlsx");
  return kw_report_customers_xlsx_like(ctx, x->a, x->ro, path, like);
}
static kw_status an_html(kw_context *ctx, const void *u, FILE *f) {
  const an_files *x = u;
  announce(x->a, 3, "index.html");
  kw_status st = kw_report_html(ctx, x->a, x->ro, f);
  announce(x->a, 4, "");
  return st;
}

kw_status kw_report_write_dir(kw_context *ctx, const kw_analysis *a,
                              const kw_report_options *ro, const char *dir) {
  static const kw_folder_file files[] = {
      {"summary.json", an_json, NULL},
      {"customers.csv", an_csv, NULL},
      {"customers.xlsx", NULL, an_xlsx},
      {"index.html", an_html, NULL},
  };
  kw_report_options def;
  an_files x = {a, kw_report_options_or_default(ro, &def)};
  return kw_report_folder(ctx, dir, files, sizeof files / sizeof *files, &x);
}

static void line(FILE *f, const char *label, const char *value,
                 const char *hint) {
  /* pad by code points so Dutch accents align */
  size_t w = 0;
  for (const char *p = label; *p; p++)
    if (((unsigned char)*p & 0xC0) != 0x80) w++;
  fprintf(f, "  %s", label);
  for (size_t k = w; k < 22; k++) fputc(' ', f);
  fprintf(f, " %s", value);
  if (hint && hint[0]) fprintf(f, "   (%s)", hint);
  fputc('\n', f);
}

kw_status kw_report_console(kw_context *ctx, const kw_analysis *a,
                            const kw_report_options *ro, const char *dir,
                            FILE *f) {
  kw_report_options def;
  ro = kw_report_options_or_default(ro, &def);
  const kw_headline *h = &a->head;
  kw_lang lang = ro->lang;
  const char *cur = a->currency;
  char v[64], hint[256], buf[1024];
  const char *na = kw_msg_text(MSG_NOT_AVAILABLE, lang);
  kw_marg t[] = {kw_ma_date("as_of", a->as_of)};
  kw_msg_format(buf, sizeof buf, MSG_CON_TITLE, lang, cur, t, 1);
  fprintf(f, "%s\n\n", buf);
  line(f, kw_msg_text(MSG_KPI_CUSTOMERS, lang),
       kw_fmt_number(v, (double)h->customers, 0, lang), NULL);
  line(f, kw_msg_text(MSG_KPI_ACTIVE, lang),
       kw_fmt_number(v, (double)h->active_customers, 0, lang), NULL);
  line(f, kw_msg_text(MSG_KPI_REVENUE, lang),
       kw_fmt_currency(v, h->revenue, 0, lang, cur), NULL);
  line(f, kw_msg_text(MSG_KPI_REPEAT, lang),
       isfinite(h->repeat_rate) ? kw_fmt_pct(v, h->repeat_rate, 1, lang) : na,
       NULL);
  kw_msg_format(hint, sizeof hint, a->churn_12m ? MSG_HINT_CHURN
                                                : MSG_HINT_CHURN_ALL,
                lang, cur, NULL, 0);
  line(f, kw_msg_text(MSG_KPI_CHURN, lang),
       isfinite(h->churn_rate) ? kw_fmt_pct(v, h->churn_rate, 1, lang) : na,
       isfinite(h->churn_rate) ? hint : NULL);
  kw_marg hm[] = {kw_ma_int("months", a->o.horizon_months)};
  kw_msg_format(hint, sizeof hint,
                (kw_msg)kw_clv_hint_msg(a), lang, cur,
                hm, 1);
  line(f, kw_msg_text(MSG_KPI_CLV, lang),
       isfinite(h->clv_mean)
           ? kw_fmt_currency(v, (int64_t)llround(h->clv_mean * 100), 0, lang,
                             cur)
           : na,
       isfinite(h->clv_mean) ? hint : NULL);
  line(f, kw_msg_text(MSG_KPI_CLV_CAC, lang),
       isfinite(h->clv_cac) ? kw_fmt_number(v, h->clv_cac, 1, lang) : na,
       NULL);
  line(f, kw_msg_text(MSG_KPI_DSO, lang),
       isfinite(h->dso) ? kw_fmt_number(v, h->dso, 0, lang) : na, NULL);
  line(f, kw_msg_text(MSG_KPI_NPS, lang),
       isfinite(h->nps) ? kw_fmt_number(v, h->nps, 0, lang) : na, NULL);
  if (kw_reading_text(a, lang, KW_READ_PARETO, buf, sizeof buf))
    fprintf(f, "\n  %s\n", buf);
  /* what the figures rest on: the currency, guest sales, the model */
  {
    kw_currency_text(buf, sizeof buf, &a->currency_info, lang);
    fprintf(f, "\n  %s: %s\n", kw_msg_text(MSG_FIG_CURRENCY, lang), buf);
    if (a->guest_lines) {
      double tot = (double)a->guest_cents + (double)a->head.revenue;
      kw_marg gm[] = {kw_ma_money("amount", a->guest_cents, 0),
                      kw_ma_int("lines", (int64_t)a->guest_lines),
                      kw_ma_pct("share",
                                tot > 0 ? (double)a->guest_cents / tot : NAN,
                                1)};
      kw_msg_format(buf, sizeof buf, MSG_GUEST_SALES, lang, a->currency, gm,
                    3);
      fprintf(f, "  %s: %s\n", kw_msg_text(MSG_FIG_GUEST_SALES, lang), buf);
    }
    if (a->have_clv && !a->clv_ok)
      fprintf(f, "  %s\n", kw_msg_text(MSG_READ_CHECKS_NONE, lang));
  }
  fprintf(f, "\n%s\n", kw_msg_text(MSG_CON_ACTIONS, lang));
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    if (!h->action_count[k]) continue;
    char stake[48];
    kw_fmt_currency(stake, (int64_t)llround(a->stake_total[k] * 100), 0, lang,
                    cur);
    fprintf(f, "  %-28s %8s   %s\n", kw_action_label((kw_action)k, lang),
            kw_fmt_number(v, (double)h->action_count[k], 0, lang), stake);
  }
  bool header = false;
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    if (a->step[s] != KW_STEP_SKIPPED && a->step[s] != KW_STEP_FAILED)
      continue;
    if (!header)
      fprintf(f, "\n%s\n", kw_msg_text(MSG_CON_SKIPPED, lang));
    header = true;
    kw_step_info si;
    kw_analysis_step(a, (kw_step)s, lang, &si);
    fprintf(f, "  %s: ", si.label);
    kw_term_put(f, si.note);
    fputc('\n', f);
  }
  if (dir) {
    kw_marg d[] = {kw_ma_str("dir", dir)};
    kw_msg_format(buf, sizeof buf, MSG_CON_FILES, lang, cur, d, 1);
    fprintf(f, "\n%s\n  index.html  customers.xlsx  customers.csv  "
               "summary.json\n",
            buf);
    char path[1024];
    snprintf(path, sizeof path, "%s%sindex.html", dir,
             dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/");
    kw_marg o[] = {kw_ma_str("path", path)};
    kw_msg_format(buf, sizeof buf, MSG_CON_OPEN, lang, cur, o, 1);
    fprintf(f, "%s\n", buf);
  }
  if (ferror(f)) return kw_out_fail(ctx, KW_EIO, "out.err.summary", NULL);
  return KW_OK;
}
