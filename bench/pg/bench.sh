#!/bin/sh
# PostgreSQL benchmark: wall time and peak client memory (max RSS of the
# klantwijs process) for the per-customer summary and the full report,
# from CSV, from one server (lines streamed, and the summary pushed down),
# and from two shards (postgres_fdw, partitionwise aggregation).
#
#   bench/pg/bench.sh KLANTWIJS [CUSTOMERS]      (default 200000, about 10
#                                                 sales lines a customer)
# KW_BENCH_ANALYZE=0 leaves out the analyze runs (the longest).
# Starts three temporary servers under /tmp (as the user postgres when
# run as root) and removes them at the end. Prints one line per run.
set -eu
K=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
tests=$here/../../tests/pg
. "$tests/server.sh"
pg_find || { echo "no PostgreSQL server binaries" >&2; exit 1; }
command -v psql >/dev/null 2>&1 || export PATH="$PGBIN:$PATH"
tmp=$(mktemp -d /tmp/kw_bench.XXXXXX)
chmod 755 "$tmp"
trap 'pg_stop_all; rm -rf "$tmp"' EXIT INT TERM
port=$((30000 + $$ % 10000))
for s in coord s1 s2; do
  port=$((port + 3))
  pg_start "$tmp/$s" "$port" || { echo "cannot start a server" >&2; exit 1; }
  eval "port_$s=$port"
  pg_psql "$tmp/$s" "$port" postgres -c "CREATE DATABASE kwtest" \
    -c "CREATE ROLE kw LOGIN PASSWORD 'bench'" >/dev/null
  pg_psql "$tmp/$s" "$port" postgres -c "ALTER SYSTEM SET work_mem = '256MB'" >/dev/null
  # shared_buffers is on the server's command line (server.sh), which
  # outranks ALTER SYSTEM; the restart reads the command line from
  # postmaster.opts
  pg_as sed -i 's/shared_buffers=64MB/shared_buffers=1GB/' "$tmp/$s/data/postmaster.opts"
  pg_as "$PGBIN/pg_ctl" -D "$tmp/$s/data" -w restart >/dev/null 2>&1
done
on() { srv=$1; shift; eval "p=\$port_$srv"; pg_psql "$tmp/$srv" "$p" kwtest "$@"; }
t0=$(date +%s)
"$K" demo --customers "$N" --seed 5 -o "$tmp/demo" >/dev/null
lines=$(($(wc -l <"$tmp/demo/transactions.csv") - 1))
COLS="factuurnummer text, klantnummer text, factuurdatum date,
      artikelcode text, categorie text, aantal bigint, eenheidsprijs numeric,
      bedrag numeric, kostprijs numeric, korting numeric"
# the Belgian export as typed rows: dates day-first, decimal commas
on coord -c "CREATE TABLE raw (factuurnummer text, klantnummer text,
  factuurdatum text, artikelcode text, omschrijving text, categorie text,
  aantal text, eenheidsprijs text, bedrag text, kostprijs text, korting text)" \
  -c "\\copy raw FROM '$tmp/demo/transactions.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL '')" \
  -c "CREATE TABLE sales ($COLS)" \
  -c "INSERT INTO sales SELECT factuurnummer, klantnummer,
      to_date(factuurdatum, 'DD/MM/YYYY'), artikelcode, categorie,
      aantal::bigint, replace(replace(eenheidsprijs, '.', ''), ',', '.')::numeric,
      replace(replace(bedrag, '.', ''), ',', '.')::numeric,
      replace(replace(kostprijs, '.', ''), ',', '.')::numeric,
      replace(replace(korting, '.', ''), ',', '.')::numeric FROM raw" \
  -c "DROP TABLE raw" -c "VACUUM ANALYZE sales" -c "GRANT SELECT ON sales TO kw" \
  >/dev/null
for i in 0 1; do
  s=s$((i + 1))
  on "$s" -c "CREATE TABLE sales_p$i ($COLS)" -c "GRANT ALL ON sales_p$i TO kw" >/dev/null
done
on coord -c "CREATE EXTENSION postgres_fdw" \
  -c "CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$port_s1', dbname 'kwtest', async_capable 'true', fetch_size '50000', batch_size '5000', fdw_tuple_cost '0.1')" \
  -c "CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$port_s2', dbname 'kwtest', async_capable 'true', fetch_size '50000', batch_size '5000', fdw_tuple_cost '0.1')" \
  -c "CREATE USER MAPPING FOR PUBLIC SERVER shard1 OPTIONS (user 'kw', password 'bench')" \
  -c "CREATE USER MAPPING FOR PUBLIC SERVER shard2 OPTIONS (user 'kw', password 'bench')" \
  -c "CREATE TABLE sales_sharded ($COLS) PARTITION BY HASH (klantnummer)" \
  -c "CREATE FOREIGN TABLE sales_sharded_0 PARTITION OF sales_sharded FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'sales_p0')" \
  -c "CREATE FOREIGN TABLE sales_sharded_1 PARTITION OF sales_sharded FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'sales_p1')" \
  -c "INSERT INTO sales_sharded SELECT * FROM sales" \
  -c "GRANT SELECT ON sales_sharded TO kw" \
  -c "GRANT USAGE ON FOREIGN SERVER shard1, shard2 TO kw" \
  -c "ALTER DATABASE kwtest SET enable_partitionwise_aggregate = on" >/dev/null
on s1 -c "VACUUM ANALYZE sales_p0" >/dev/null
on s2 -c "VACUUM ANALYZE sales_p1" >/dev/null
mkdir -p "$tmp/csv"
on coord -c "\\copy sales TO '$tmp/csv/transactions.csv' WITH (FORMAT csv, HEADER true)"
t1=$(date +%s)
echo "customers $N, sales lines $lines, CSV $(du -m "$tmp/csv/transactions.csv" | cut -f1) MB; set-up $((t1 - t0)) s; shared_buffers $(on coord -At -c 'SHOW shared_buffers'), work_mem $(on coord -At -c 'SHOW work_mem')"
URI="postgresql://kw:bench@127.0.0.1:$port_coord/kwtest"
run() { # label command...
  label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
    { echo "$label: failed: $(tail -3 "$tmp/err")"; return 0; }
  set -- $(cat "$tmp/time")
  printf '%-46s %8.2f s %8.0f MB\n' "$label" "$1" "$(($2 / 1024))"
}
printf '%-46s %10s %11s\n' "run" "wall" "peak RSS"
run "summary, CSV file" "$K" summary "$tmp/csv" --format csv
run "summary, lines streamed from one server" "$K" summary "$URI" \
  --table transactions=sales --format csv
run "summary, pushed down to one server" "$K" summary "$URI" \
  --table transactions=sales --pushdown --format csv
run "summary, pushed down to two shards" "$K" summary "$URI" \
  --table transactions=sales_sharded --pushdown --format csv
run "cohorts, CSV file" "$K" cohorts "$tmp/csv" --metric all --format csv
run "cohorts, pushed down to one server" "$K" cohorts "$URI" \
  --table transactions=sales --pushdown --metric all --format csv
run "cohorts, pushed down to two shards" "$K" cohorts "$URI" \
  --table transactions=sales_sharded --pushdown --metric all --format csv
run "clv (BG/NBD, no spend), CSV file" "$K" clv "$tmp/csv" --spend none \
  --format json
run "clv, patterns pushed down to one server" "$K" clv "$URI" \
  --table transactions=sales --pushdown --format json
run "clv, patterns pushed down to two shards" "$K" clv "$URI" \
  --table transactions=sales_sharded --pushdown --format json
run "clv (BG/NBD, spend), CSV file" "$K" clv "$tmp/csv" --format json
run "clv, rows per customer pushed down, one server" "$K" clv "$URI" \
  --table transactions=sales --pushdown --spend gg --format json
run "clv, rows per customer pushed down, two shards" "$K" clv "$URI" \
  --table transactions=sales_sharded --pushdown --spend gg --format json
[ "${KW_BENCH_ANALYZE:-1}" = 0 ] && exit 0
run "analyze, CSV file" "$K" analyze "$tmp/csv" -o "$tmp/r1"
run "analyze, lines streamed from one server" "$K" analyze "$URI" \
  --table transactions=sales -o "$tmp/r2"
run "analyze, lines streamed from two shards" "$K" analyze "$URI" \
  --table transactions=sales_sharded -o "$tmp/r3"
run "analyze --pushdown, one server" "$K" analyze "$URI" \
  --table transactions=sales --pushdown -o "$tmp/r4"
run "analyze --pushdown, two shards" "$K" analyze "$URI" \
  --table transactions=sales_sharded --pushdown -o "$tmp/r5"
