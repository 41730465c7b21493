#!/bin/sh
# PostgreSQL at scale: the demo business at millions of customers (10 M
# customers, about 100 M sales lines by default) loaded into one server and
# into two shards (postgres_fdw hash partitions by customer), with wall
# time, CPU time and peak memory of the klantwijs process for the CSV path,
# the pushed-down routes on one server and on two shards, and the load
# (COPY) of each set-up.
#
#   bench/pg/bench_scale.sh KLANTWIJS DIR STEP...
#
# DIR holds everything (demo output, the CSV folder, three server data
# directories, the results); the steps run in the order given and can be
# run one at a time (the servers stay up between steps until `stop`):
#
#   gen      klantwijs demo --customers $KW_N (default 10000000) --seed 5;
#            keeps transactions.csv and invoices.csv, deletes the rest
#   prep     the CSV folder DIR/csv: the sales lines without the columns the
#            database does not get (description, quantity, unit price,
#            discount), still the Belgian export (';', decimal commas,
#            day-first dates), and invoices.csv; deletes the demo folder
#   start    initdb and start three servers (coordinator, shard 1, shard 2)
#            with shared_buffers $KW_PG_SB (default 1GB), work_mem
#            $KW_PG_WORK_MEM (default 256MB), wal_level minimal, no
#            autovacuum, no parallel workers
#   load     COPY the sales lines into the coordinator's table `sales`
#            (created in the same transaction, FREEZE), ANALYZE; and the
#            invoices into `invoices`
#   shard    the shards' tables sales_p0 and sales_p1 filled by COPY (binary)
#            of each hash half of `sales`, selected on the coordinator with
#            satisfies_hash_partition, both at once; the coordinator's
#            partitioned table `sales_sharded` of foreign partitions
#            (async_capable, fdw_tuple_cost 0.1, partitionwise aggregation)
#   csv      summary, cohorts, clv, payments from the CSV folder
#   push1    the same pushed down to one server (`sales`, `invoices`)
#   push2    summary, cohorts, clv pushed down to two shards
#   analyze  analyze: CSV, --pushdown on one server, --pushdown on two shards
#   KW_ONLY=REGEX runs only the timed runs whose label matches, e.g.
#   KW_ONLY='^summary' ... push1 push2 for the summary on both set-ups.
#   stop     stop the servers;   clean   stop and delete DIR except the
#            results (DIR/results.txt, DIR/runs/*.time)
#
# Each timed run goes through /usr/bin/time -v: wall, user + sys CPU and
# peak RSS of the klantwijs process (the client), plus the CPU the servers
# spent meanwhile (the postmasters' own and their exited backends' time
# from /proc, summed over the three servers) and the load average before
# and after. The CSV path runs under `prlimit $KW_CSV_LIMIT` (default
# --data=15032385536, 14 GiB of private writable memory: heap and anonymous
# maps) so it cannot take a shared machine down, and so does analyze
# --pushdown (it streams the lines as well); a run that fails at the limit
# is reported as failed with its figures. An address-space limit
# (KW_CSV_LIMIT=--as=BYTES) also counts the read-only map of the CSV file
# (5.4 GB at 10 M customers), which the kernel can drop and reread. Run the
# script under `nice -n 19 ionice -c3` on a shared machine: the servers
# inherit it. Disk at 10 M customers: about 20 GiB for the demo output
# while `gen` runs, then (see the results) the CSV folder, two copies of
# the table data and the sort files of the aggregates.
set -eu
[ $# -ge 3 ] || { sed -n '2,45p' "$0" >&2; exit 2; }
K=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
D=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../tests/pg/server.sh"
pg_find || { echo "no PostgreSQL server binaries" >&2; exit 1; }
N=${KW_N:-10000000}
LIMIT=${KW_CSV_LIMIT:---data=15032385536}
mkdir -p "$D/runs"
chmod 755 "$D"
R=$D/results.txt
COLS="factuurnummer text, klantnummer text, factuurdatum date,
      artikelcode text, bedrag numeric, kostprijs numeric"
ICOLS="factuurnummer text, klantnummer text, factuurdatum date,
       vervaldatum date, betaaldatum date, bedrag numeric,
       betalingstermijn bigint, soort text"
# ports: saved by `start`
[ -f "$D/ports" ] && . "$D/ports"
on() { # server psql-args...
  srv=$1
  shift
  eval "p=\$port_$srv"
  pg_psql "$D/$srv" "$p" kwtest "$@"
}
say() { echo "$*" | tee -a "$R"; }
# CPU seconds of a server so far: the postmaster's and its reaped children's
srvcpu() {
  t=0
  for s in "$@"; do
    pid=$(head -1 "$D/$s/data/postmaster.pid" 2>/dev/null) || continue
    c=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    t=$((t + c))
  done
  echo "$t"
}
loadavg() { cut -d' ' -f1 /proc/loadavg; }
# the small outputs (cohorts, clv patterns) are kept in DIR/runs for
# comparing the routes; per-customer outputs of millions of rows are not
keep=0
# run LABEL SERVERS command...: one timed run, one line in the results
run() {
  label=$1 srvs=$2
  shift 2
  # KW_ONLY=REGEX: only the runs whose label matches (extended regex)
  if [ -n "${KW_ONLY:-}" ] && ! echo "$label" | grep -Eq "$KW_ONLY"; then
    return 0
  fi
  f=$D/runs/$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_').time
  l0=$(loadavg)
  c0=$(srvcpu $srvs)
  rc=0
  out=/dev/null
  [ "$keep" = 1 ] && out=$f.out
  /usr/bin/time -v -o "$f" "$@" >"$out" 2>"$f.err" || rc=$?
  c1=$(srvcpu $srvs)
  l1=$(loadavg)
  hz=$(getconf CLK_TCK)
  awk -v label="$label" -v rc="$rc" -v l0="$l0" -v l1="$l1" \
    -v srv="$(( (c1 - c0) ))" -v hz="$hz" -F': ' '
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident/ { m = $2 }
    /Elapsed/ { n = split($2, a, ":"); w = 0
                for (i = 1; i <= n; i++) w = w * 60 + a[i] }
    END { printf "%-52s %8.1f s wall %8.1f s cpu %7.0f MB %8.1f s server  load %s-%s%s\n",
                 label, w, u + s, m / 1024, srv / hz, l0, l1,
                 rc == 0 ? "" : "  FAILED (exit " rc ")" }' "$f" | tee -a "$R"
  [ "$rc" = 0 ] || sed 's/^/    /' "$f.err" | tail -3 | tee -a "$R"
  # a report of millions of customers: its summary.json and index.html stay
  rm -f "$D"/r_*/customers.csv "$D"/r_*/customers.xlsx
  return 0
}
csvrun() { label=$1; shift; run "$label" "" prlimit "$LIMIT" "$@"; }

for step in "$@"; do
  case $step in
  gen)
    t0=$(date +%s)
    /usr/bin/time -v -o "$D/runs/gen.time" "$K" demo --customers "$N" --seed 5 \
      -o "$D/demo" >/dev/null
    say "gen: $N customers in $(($(date +%s) - t0)) s, $(du -sm "$D/demo" | cut -f1) MB"
    for f in "$D"/demo/*; do
      case $f in */transactions.csv | */invoices.csv) ;; *) rm -f "$f" ;; esac
    done
    ;;
  prep)
    mkdir -p "$D/csv"
    # description (5), category (6), quantity (7), unit price (8), discount
    # (11) left out: disk
    cut -d';' -f1,2,3,4,9,10 "$D/demo/transactions.csv" >"$D/csv/transactions.csv"
    mkdir -p "$D/pay"
    mv "$D/demo/invoices.csv" "$D/pay/invoices.csv"
    rm -rf "$D/demo"
    say "prep: sales lines $(($(wc -l <"$D/csv/transactions.csv") - 1)), $(du -m "$D/csv/transactions.csv" | cut -f1) MB; invoices $(($(wc -l <"$D/pay/invoices.csv") - 1)), $(du -m "$D/pay/invoices.csv" | cut -f1) MB"
    ;;
  start)
    base=${KW_PG_PORT:-$((31000 + $$ % 5000))}
    : >"$D/ports"
    for s in coord s1 s2; do
      base=$((base + 3))
      mkdir -p "$D/$s"
      [ "$(id -u)" = 0 ] && chown postgres "$D/$s"
      pg_as "$PGBIN/initdb" -D "$D/$s/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C >"$D/$s/initdb.log" 2>&1
      pg_as "$PGBIN/pg_ctl" -D "$D/$s/data" -l "$D/$s/server.log" -w -t 60 \
        -o "-p $base -k $D/$s -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal \
-c max_wal_senders=0 -c max_wal_size=4GB -c checkpoint_timeout=30min \
-c autovacuum=off -c shared_buffers=${KW_PG_SB:-1GB} \
-c work_mem=${KW_PG_WORK_MEM:-256MB} -c maintenance_work_mem=256MB \
-c max_parallel_workers_per_gather=0" start >"$D/$s/start.log" 2>&1
      echo "port_$s=$base" >>"$D/ports"
      pg_psql "$D/$s" "$base" postgres -c "CREATE DATABASE kwtest" \
        -c "CREATE ROLE kw LOGIN PASSWORD 'bench'" >/dev/null
    done
    . "$D/ports"
    say "start: 3 servers, shared_buffers $(on coord -At -c 'SHOW shared_buffers'), work_mem $(on coord -At -c 'SHOW work_mem')"
    ;;
  load)
    # the Belgian amounts as SQL numbers: no thousands points, a decimal
    # point (the other columns hold neither)
    t0=$(date +%s)
    c0=$(srvcpu coord)
    sed -e 's/\.//g' -e 's/,/./g' "$D/csv/transactions.csv" |
      on coord -c "SET DateStyle = 'ISO, DMY'" -c "BEGIN" -c "CREATE TABLE sales ($COLS)" \
        -c "\\copy sales FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', FREEZE true)" \
        -c "COMMIT" >/dev/null
    t1=$(date +%s)
    on coord -c "ANALYZE sales" -c "GRANT SELECT ON sales TO kw" >/dev/null
    t2=$(date +%s)
    say "load: COPY of $(on coord -At -c 'SELECT count(*) FROM sales') sales lines into one server $((t1 - t0)) s wall (server $(( ($(srvcpu coord) - c0) / $(getconf CLK_TCK) )) s CPU with ANALYZE), ANALYZE $((t2 - t1)) s; table $(on coord -At -c "SELECT pg_size_pretty(pg_total_relation_size('sales'))")"
    t0=$(date +%s)
    sed -e 's/\.//g' -e 's/,/./g' "$D/pay/invoices.csv" |
      on coord -c "SET DateStyle = 'ISO, DMY'" -c "BEGIN" -c "CREATE TABLE invoices ($ICOLS)" \
        -c "\\copy invoices FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL '', FREEZE true)" \
        -c "COMMIT" -c "ANALYZE invoices" -c "GRANT SELECT ON invoices TO kw" >/dev/null
    say "load: COPY of $(on coord -At -c 'SELECT count(*) FROM invoices') invoice rows into one server $(($(date +%s) - t0)) s; table $(on coord -At -c "SELECT pg_size_pretty(pg_total_relation_size('invoices'))")"
    ;;
  shard)
    on coord -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw" \
      -c "CREATE TABLE sales_sharded ($COLS) PARTITION BY HASH (klantnummer)" >/dev/null
    t0=$(date +%s)
    c0=$(srvcpu coord s1 s2)
    for i in 0 1; do
      s=s$((i + 1))
      (on coord -c "\\copy (SELECT * FROM sales WHERE satisfies_hash_partition('sales_sharded'::regclass, 2, $i, klantnummer)) TO STDOUT WITH (FORMAT binary)" |
        on "$s" -c "BEGIN" -c "CREATE TABLE sales_p$i ($COLS)" \
          -c "\\copy sales_p$i FROM STDIN WITH (FORMAT binary, FREEZE true)" \
          -c "COMMIT" >/dev/null) &
    done
    wait
    t1=$(date +%s)
    on s1 -c "ANALYZE sales_p0" -c "GRANT SELECT ON sales_p0 TO kw" >/dev/null
    on s2 -c "ANALYZE sales_p1" -c "GRANT SELECT ON sales_p1 TO kw" >/dev/null
    for i in 0 1; do
      s=s$((i + 1))
      eval "p=\$port_$s"
      on coord -c "CREATE SERVER shard$((i + 1)) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$p', dbname 'kwtest', async_capable 'true', fetch_size '50000', fdw_tuple_cost '0.1')" \
        -c "CREATE USER MAPPING FOR PUBLIC SERVER shard$((i + 1)) OPTIONS (user 'kw', password 'bench')" \
        -c "CREATE FOREIGN TABLE sales_sharded_$i PARTITION OF sales_sharded FOR VALUES WITH (MODULUS 2, REMAINDER $i) SERVER shard$((i + 1)) OPTIONS (table_name 'sales_p$i')" \
        -c "GRANT USAGE ON FOREIGN SERVER shard$((i + 1)) TO kw" >/dev/null
    done
    on coord -c "GRANT SELECT ON sales_sharded TO kw" \
      -c "ALTER DATABASE kwtest SET enable_partitionwise_aggregate = on" >/dev/null
    say "shard: COPY (binary) of both hash halves into two shards at once $((t1 - t0)) s wall (servers $(( ($(srvcpu coord s1 s2) - c0) / $(getconf CLK_TCK) )) s CPU with ANALYZE), ANALYZE $(($(date +%s) - t1)) s; $(on s1 -At -c "SELECT count(*) || ' lines, ' || pg_size_pretty(pg_total_relation_size('sales_p0')) FROM sales_p0") and $(on s2 -At -c "SELECT count(*) || ' lines, ' || pg_size_pretty(pg_total_relation_size('sales_p1')) FROM sales_p1")"
    ;;
  csv)
    c=$D/csv
    csvrun "summary, CSV" "$K" summary "$c" --format csv
    keep=1
    csvrun "cohorts, CSV" "$K" cohorts "$c" --metric all --format csv
    keep=0
    csvrun "clv (BG/NBD, no spend), CSV" "$K" clv "$c" --spend none --format json
    csvrun "clv (BG/NBD, spend gg), CSV" "$K" clv "$c" --spend gg --format json
    csvrun "payments, CSV (invoices.csv alone)" "$K" payments "$D/pay" --format json
    ;;
  push1 | push2)
    URI="postgresql://kw:bench@127.0.0.1:$port_coord/kwtest"
    if [ "$step" = push1 ]; then t=sales w="one server" srvs=coord; else
      t=sales_sharded w="two shards" srvs="coord s1 s2"; fi
    run "summary --pushdown, $w" "$srvs" "$K" summary "$URI" \
      --table transactions=$t --pushdown --format csv
    keep=1
    run "cohorts --pushdown, $w" "$srvs" "$K" cohorts "$URI" \
      --table transactions=$t --pushdown --metric all --format csv
    run "clv --pushdown (patterns), $w" "$srvs" "$K" clv "$URI" \
      --table transactions=$t --pushdown --format json
    keep=0
    run "clv --pushdown --spend gg (rows), $w" "$srvs" "$K" clv "$URI" \
      --table transactions=$t --pushdown --spend gg --format json
    if [ "$step" = push1 ]; then
      run "payments --pushdown, one server" "$srvs" \
        "$K" payments "$URI" --table invoices=invoices --pushdown --format json
    fi
    ;;
  analyze | analyze-csv | analyze-push1 | analyze-push2)
    URI="postgresql://kw:bench@127.0.0.1:${port_coord:-0}/kwtest"
    case $step in analyze | analyze-csv)
      csvrun "analyze, CSV" "$K" analyze "$D/csv" -o "$D/r_csv" ;; esac
    case $step in analyze | analyze-push1)
      run "analyze --pushdown, one server" coord prlimit "$LIMIT" \
        "$K" analyze "$URI" \
        --table transactions=sales --pushdown -o "$D/r_push1" ;; esac
    case $step in analyze | analyze-push2)
      run "analyze --pushdown, two shards" "coord s1 s2" prlimit "$LIMIT" \
        "$K" analyze "$URI" \
        --table transactions=sales_sharded --pushdown -o "$D/r_push2" ;; esac
    ;;
  stop)
    for s in coord s1 s2; do [ -d "$D/$s/data" ] && pg_stop "$D/$s"; done
    ;;
  clean)
    for s in coord s1 s2; do [ -d "$D/$s/data" ] && pg_stop "$D/$s"; done
    rm -rf "$D/demo" "$D/csv" "$D/pay" "$D/coord" "$D/s1" "$D/s2" "$D"/r_* "$D"/.r_*
    ;;
  *)
    echo "unknown step $step" >&2
    exit 2
    ;;
  esac
done
