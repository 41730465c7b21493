#!/bin/sh
# Temporary PostgreSQL servers for the tests (sourced by tests/pg/*.sh).
#
#   pg_find                 sets PGBIN to the server's binaries, or fails
#   pg_start DIR PORT       initdb + start a server in DIR on 127.0.0.1:PORT
#                           (socket in DIR); as root the server runs as the
#                           unprivileged user postgres
#   pg_stop DIR             stop it (also called by pg_stop_all on exit)
#
# Host connections use scram-sha-256 (so a wrong password is refused), local
# socket connections are trusted for the setup. Only 127.0.0.1 listens.

PG_DIRS=""

pg_find() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && PGBIN=$d
  done
  [ -n "${PGBIN:-}" ] && [ -x "$PGBIN/pg_ctl" ]
}

pg_as() { # run a command as the server's user
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%s ' "$@")"
    fi
  else
    "$@"
  fi
}

pg_start() {
  dir=$1
  port=$2
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  pg_as "$PGBIN/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    return 1
  pg_as "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB \
-c max_worker_processes=8 -c max_parallel_workers_per_gather=0" \
    start >"$dir/start.log" 2>&1 || return 1
  PG_DIRS="$PG_DIRS $dir"
}

pg_stop() {
  pg_as "$PGBIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_stop_all() {
  for d in $PG_DIRS; do pg_stop "$d"; done
}

# psql on server DIR/PORT as postgres through the socket: pg_psql DIR PORT
# DB [psql args]
pg_psql() {
  dir=$1 port=$2 db=$3
  shift 3
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres \
    -d "$db" "$@"
}

# exit 77 (skipped) locally, or fail under CI=true, with a message
pg_unavailable() {
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: $1 (CI=true: the PostgreSQL tests must run)" >&2
    exit 1
  fi
  echo "SKIP: $1" >&2
  exit 77
}
