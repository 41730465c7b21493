/*
 * atomic.h — temporary files and folders of output being written
 * (internal): the modes new output gets, a registry of temporaries that
 * kw_cleanup_temp() (async-signal-safe) removes, and the sweep that removes
 * temporaries of our own naming left by a process that is gone.
 *
 * Naming: a file's temporary is "NAME.tmp.PID.XXXXXX" beside it; a report
 * folder's is ".NAME.tmp.PID.XXXXXX" beside the folder (and, while an old
 * folder is swapped out, ".NAME.old.PID.XXXXXX"). PID is the writer's
 * process id, so a later run can tell a live writer's from a dead one's.
 */
#ifndef KW_ATOMIC_INTERNAL_H
#define KW_ATOMIC_INTERNAL_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/core.h"
#include "klantwijs/report.h"

/* The mode a new file (dir false) or folder replacing `like` gets: like's
 * permission bits when it exists, else 0666 (0777 for a folder) less the
 * umask, as fopen or mkdir would give. */
mode_t kw_out_mode(const char *like, bool dir);

/* Registers a temporary for kw_cleanup_temp(); returns a slot or -1 (no
 * free slot, path too long: then it is not removed on a signal). */
int kw_temp_register(const char *path, bool dir);
void kw_temp_unregister(int slot);

/* Creates a temporary file (dir false: returns its descriptor, open for
 * reading and writing, mode 0600) or folder (returns 0, mode 0700) at path,
 * whose last six characters "XXXXXX" are replaced, as mkstemp and mkdtemp
 * do; but the name is registered (*slot) before the file exists, so a
 * signal at any moment finds it. -1 with errno on failure. */
int kw_temp_create(char *path, bool dir, int *slot);

/* Removes the files of a folder (one level) and the folder;
 * async-signal-safe. */
void kw_temp_remove_dir(const char *path);

/* Removes entries of folder dir named PREFIX PID "." ... whose process PID
 * no longer exists. keep_old: entries of prefix ".NAME.old." are also
 * candidates; see kw_report_write_dir. Returns how many were removed. */
size_t kw_temp_sweep(const char *dir, const char *prefix);

/* True when a process with this id exists (or cannot be told). */
bool kw_pid_alive(long pid);

/* kw_atomic_open whose new file gets the mode of `like` (see kw_out_mode)
 * rather than that of path. */
kw_status kw_atomic_open_like(kw_context *ctx, const char *path,
                              const char *like, kw_atomic **out);

#endif
