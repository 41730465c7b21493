#!/bin/sh
# Sharded: the sales lines hash-partitioned by customer over two servers
# (postgres_fdw foreign tables, partitionwise aggregation, asynchronous
# append) give the same results as one server: the summary computed by the
# database (summary --pushdown) and the whole report (analyze). The plan is
# the engine's: auto_explain logs the plans of klantwijs's own statements,
# and the test checks that each shard aggregated its own customers.
#
#   shard.sh KLANTWIJS [SHARED_DATA]
#
# Starts three temporary servers (a coordinator and two shards) as an
# unprivileged user; exit 77 without a server, a failure when CI=true.
set -eu
K=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/server.sh"

pg_find || pg_unavailable "no PostgreSQL server binaries (Debian: postgresql)"
[ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1 ||
  pg_unavailable "running as root and no user postgres to run the server"
[ -f "$(dirname "$PGBIN")/lib/postgres_fdw.so" ] ||
  [ -n "$(find /usr/lib/postgresql -name postgres_fdw.so 2>/dev/null | head -1)" ] ||
  pg_unavailable "no postgres_fdw (Debian: postgresql-contrib)"
command -v psql >/dev/null 2>&1 || export PATH="$PGBIN:$PATH"

tmp=$(mktemp -d /tmp/kw_shard.XXXXXX)
chmod 755 "$tmp"
trap 'pg_stop_all; rm -rf "$tmp"' EXIT INT TERM
base=$((20000 + ($$ * 7) % 20000))
for name in coord s1 s2; do
  started=0
  for try in 1 2 3; do
    base=$((base + 3))
    if pg_start "$tmp/$name" "$base"; then started=1; break; fi
    rm -rf "${tmp:?}/$name"
  done
  [ "$started" = 1 ] || pg_unavailable "no PostgreSQL server could be started"
  eval "port_$name=$base"
done
fails=0
passed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
on() { # server sql...
  srv=$1
  shift
  eval "p=\$port_$srv"
  pg_psql "$tmp/$srv" "$p" kwtest "$@"
}

for s in coord s1 s2; do
  eval "p=\$port_$s"
  pg_psql "$tmp/$s" "$p" postgres -c "CREATE DATABASE kwtest" \
    -c "CREATE ROLE kw LOGIN PASSWORD 'Shard-pw'"
done
COLS="load_order bigint, factuurnummer text, klantnummer text,
      factuurdatum date, artikelcode text, categorie text, aantal bigint,
      eenheidsprijs numeric, bedrag numeric, kostprijs numeric,
      korting numeric"

# the data: the demo business's sales lines, numbered in file order
"$K" demo --customers 400 --seed 11 -o "$tmp/demo" >/dev/null
on coord -f "$here/load.sql" >/dev/null
"$here/load_csv.sh" -X -q -v ON_ERROR_STOP=1 -h "$tmp/coord" -p "$port_coord" \
  -U postgres -d kwtest -- "$tmp/demo/transactions.csv" lines ';' \
  >/dev/null 2>&1
on coord -c "CREATE TABLE sales ($COLS)" \
  -c "INSERT INTO sales SELECT row_number() OVER (), factuurnummer,
      klantnummer, factuurdatum, artikelcode, categorie, aantal,
      eenheidsprijs, bedrag, kostprijs, korting FROM lines" \
  -c "GRANT SELECT ON sales TO kw"

# the shards: one partition each
i=0
for s in s1 s2; do
  on "$s" -c "CREATE TABLE sales_p$i ($COLS)" \
    -c "GRANT SELECT, INSERT ON sales_p$i TO kw"
  i=$((i + 1))
done
# the coordinator: hash partitions by customer, each a foreign table
on coord -c "CREATE EXTENSION postgres_fdw" \
  -c "CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS
      (host '127.0.0.1', port '$port_s1', dbname 'kwtest',
       async_capable 'true', fetch_size '10000',
       fdw_tuple_cost '0.1')" \
  -c "CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS
      (host '127.0.0.1', port '$port_s2', dbname 'kwtest',
       async_capable 'true', fetch_size '10000',
       fdw_tuple_cost '0.1')" \
  -c "CREATE USER MAPPING FOR PUBLIC SERVER shard1 OPTIONS
      (user 'kw', password 'Shard-pw')" \
  -c "CREATE USER MAPPING FOR PUBLIC SERVER shard2 OPTIONS
      (user 'kw', password 'Shard-pw')" \
  -c "CREATE TABLE sales_sharded ($COLS) PARTITION BY HASH (klantnummer)" \
  -c "CREATE FOREIGN TABLE sales_sharded_0 PARTITION OF sales_sharded
      FOR VALUES WITH (MODULUS 2, REMAINDER 0)
      SERVER shard1 OPTIONS (table_name 'sales_p0')" \
  -c "CREATE FOREIGN TABLE sales_sharded_1 PARTITION OF sales_sharded
      FOR VALUES WITH (MODULUS 2, REMAINDER 1)
      SERVER shard2 OPTIONS (table_name 'sales_p1')" \
  -c "INSERT INTO sales_sharded SELECT * FROM sales" \
  -c "GRANT SELECT ON sales_sharded TO kw" \
  -c "GRANT USAGE ON FOREIGN SERVER shard1, shard2 TO kw" \
  -c "ALTER DATABASE kwtest SET enable_partitionwise_aggregate = on" \
  -c "ALTER DATABASE kwtest SET enable_partitionwise_join = on" \
  -c "ALTER ROLE kw SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER ROLE kw SET auto_explain.log_min_duration = 0" \
  -c "ALTER ROLE kw SET auto_explain.log_verbose = on"
n1=$(on s1 -At -c "SELECT count(DISTINCT klantnummer) FROM sales_p0")
n2=$(on s2 -At -c "SELECT count(DISTINCT klantnummer) FROM sales_p1")
echo "shards: $n1 and $n2 customers" >&2
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && ok || bad "a shard holds no customer"

URI="postgresql://kw:Shard-pw@127.0.0.1:$port_coord/kwtest"
log="$tmp/coord/server.log"

# the summary computed by the database: sharded = single
"$K" summary "$URI" --table transactions=sales --pushdown --format json \
  >"$tmp/single.json" 2>"$tmp/err" || bad "pushdown on one server: $(cat "$tmp/err")"
mark=$(wc -l <"$log")
"$K" summary "$URI" --table transactions=sales_sharded --pushdown \
  --format json >"$tmp/sharded.json" 2>"$tmp/err" ||
  bad "pushdown sharded: $(cat "$tmp/err")"
if cmp -s "$tmp/single.json" "$tmp/sharded.json" && [ -s "$tmp/single.json" ]; then
  ok
else
  bad "sharded pushdown differs from one server"
  diff "$tmp/single.json" "$tmp/sharded.json" | head >&2 || true
fi
# the engine's plan: both partitions aggregated on their own server, the
# foreign scans asynchronous
tail -n +"$mark" "$log" >"$tmp/plans.log"
# KW_PG_PLANS=FILE keeps the plans (docs/postgresql.md shows one)
[ -n "${KW_PG_PLANS:-}" ] && cp "$tmp/plans.log" "$KW_PG_PLANS"
agg=$(grep -c "Relations: Aggregate on (public.sales_sharded_[01]" "$tmp/plans.log" || true)
async=$(grep -c "Async Foreign Scan" "$tmp/plans.log" || true)
echo "plans: $agg aggregates pushed to a shard, $async asynchronous foreign scans" >&2
agg0=$(grep -c "Relations: Aggregate on (public.sales_sharded_0" "$tmp/plans.log" || true)
agg1=$(grep -c "Relations: Aggregate on (public.sales_sharded_1" "$tmp/plans.log" || true)
[ "$agg0" -ge 1 ] && [ "$agg1" -ge 1 ] && ok || { bad "the aggregation was not pushed to the shards"; grep -A30 "duration" "$tmp/plans.log" | head -60 >&2; }
[ "$async" -ge 2 ] && ok || bad "no asynchronous append of the shards"
grep -q "Shard-pw" "$tmp/sharded.json" && bad "password in the output"

# the cohort statement reduces on the shards too: its per-customer and
# period aggregate (and the per-customer and day sums of the returns) run
# on each shard; the coordinator gets those rows, not lines
mark=$(wc -l <"$log")
"$K" cohorts "$URI" --table transactions=sales_sharded --pushdown \
  --metric all --format csv >/dev/null 2>"$tmp/err" ||
  bad "cohorts --pushdown sharded: $(cat "$tmp/err")"
tail -n +"$mark" "$log" >"$tmp/cplans.log"
[ -n "${KW_PG_PLANS:-}" ] && cp "$tmp/cplans.log" "$KW_PG_PLANS.cohorts"
c0=$(grep -c "Relations: Aggregate on (public.sales_sharded_0" "$tmp/cplans.log" || true)
c1=$(grep -c "Relations: Aggregate on (public.sales_sharded_1" "$tmp/cplans.log" || true)
# every remote statement of the cohort statement (those reading amounts,
# round(...); the column probe reads none) groups: no shard sends lines
rsql=$(grep "Remote SQL: .*round(" "$tmp/cplans.log" | wc -l)
rgrp=$(grep "Remote SQL: .*round(.*GROUP BY" "$tmp/cplans.log" | wc -l)
echo "cohort plan: $c0 + $c1 aggregates pushed to the shards; $rgrp of $rsql remote statements group" >&2
if [ "$c0" -ge 2 ] && [ "$c1" -ge 2 ] && [ "$rsql" -ge 4 ] && [ "$rsql" = "$rgrp" ]; then
  ok
else
  bad "the cohort aggregation was not pushed to the shards"
  grep -B2 -A6 "Foreign Scan" "$tmp/cplans.log" | head -60 >&2
fi

# the cohort matrices and the CLV pattern fit computed by the database:
# sharded = single
for args in "cohorts --metric all --format csv" "clv --format json"; do
  # shellcheck disable=SC2086
  "$K" $args "$URI" --table transactions=sales --pushdown >"$tmp/p1.out" \
    2>"$tmp/err" || bad "$args --pushdown on one server: $(cat "$tmp/err")"
  # shellcheck disable=SC2086
  "$K" $args "$URI" --table transactions=sales_sharded --pushdown \
    >"$tmp/p2.out" 2>"$tmp/err" ||
    bad "$args --pushdown sharded: $(cat "$tmp/err")"
  if [ -s "$tmp/p1.out" ] && cmp -s "$tmp/p1.out" "$tmp/p2.out"; then ok; else
    bad "$args --pushdown: sharded differs from one server"; fi
done

# the invoices sharded the same way: the receivables ageing and the payment
# behaviour computed by the database (payments --pushdown) on two shards =
# on one server, per customer and in total
"$here/load_csv.sh" -X -q -v ON_ERROR_STOP=1 -h "$tmp/coord" -p "$port_coord" \
  -U postgres -d kwtest -- "$tmp/demo/invoices.csv" invoices ';' \
  >/dev/null 2>&1
ICOLS=$(on coord -At -c "SELECT string_agg(format('%I %s', attname,
        format_type(atttypid, atttypmod)), ', ' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = 'invoices'::regclass
        AND attnum > 0 AND NOT attisdropped")
i=0
for s in s1 s2; do
  on "$s" -c "CREATE TABLE invoices_p$i ($ICOLS)" \
    -c "GRANT SELECT, INSERT ON invoices_p$i TO kw"
  i=$((i + 1))
done
on coord -c "GRANT SELECT ON invoices TO kw" \
  -c "CREATE TABLE invoices_sharded ($ICOLS) PARTITION BY HASH (klantnummer)" \
  -c "CREATE FOREIGN TABLE invoices_sharded_0 PARTITION OF invoices_sharded
      FOR VALUES WITH (MODULUS 2, REMAINDER 0)
      SERVER shard1 OPTIONS (table_name 'invoices_p0',
                             use_remote_estimate 'true')" \
  -c "CREATE FOREIGN TABLE invoices_sharded_1 PARTITION OF invoices_sharded
      FOR VALUES WITH (MODULUS 2, REMAINDER 1)
      SERVER shard2 OPTIONS (table_name 'invoices_p1',
                             use_remote_estimate 'true')" \
  -c "INSERT INTO invoices_sharded SELECT * FROM invoices" \
  -c "GRANT SELECT ON invoices_sharded TO kw"
m1=$(on s1 -At -c "SELECT count(*) FROM invoices_p0")
m2=$(on s2 -At -c "SELECT count(*) FROM invoices_p1")
echo "invoice shards: $m1 and $m2 rows" >&2
[ "$m1" -gt 0 ] && [ "$m2" -gt 0 ] && ok || bad "an invoice shard holds no row"
for fmt in csv json; do
  for asof in "" "--as-of 2024-06-30"; do
    # shellcheck disable=SC2086
    "$K" payments "$URI" --table invoices=invoices --pushdown $asof \
      --format "$fmt" >"$tmp/a1.out" 2>"$tmp/err" ||
      bad "payments --pushdown on one server: $(cat "$tmp/err")"
    mark=$(wc -l <"$log")
    # shellcheck disable=SC2086
    "$K" payments "$URI" --table invoices=invoices_sharded --pushdown $asof \
      --format "$fmt" >"$tmp/a2.out" 2>"$tmp/err" ||
      bad "payments --pushdown sharded: $(cat "$tmp/err")"
    if [ "$(wc -l <"$tmp/a1.out")" -gt 20 ] && cmp -s "$tmp/a1.out" "$tmp/a2.out"
    then ok; else
      bad "payments --pushdown $fmt $asof: sharded differs from one server"
      diff "$tmp/a1.out" "$tmp/a2.out" | head >&2 || true
    fi
  done
done
# each shard aggregates its own customers: the ageing statement (per
# customer), and the payers statement's sums per customer and its
# invoices per (customer, invoice id): three aggregates on each shard
tail -n +"$mark" "$log" >"$tmp/aplans.log"
[ -n "${KW_PG_PLANS:-}" ] && cp "$tmp/aplans.log" "$KW_PG_PLANS.ageing"
a0=$(grep -c "Relations: Aggregate on (public.invoices_sharded_0" "$tmp/aplans.log" || true)
a1=$(grep -c "Relations: Aggregate on (public.invoices_sharded_1" "$tmp/aplans.log" || true)
echo "ageing and payers plans: $a0 + $a1 aggregates pushed to the shards" >&2
[ "$a0" -ge 3 ] && [ "$a1" -ge 3 ] && ok ||
  bad "the ageing and payers aggregation was not pushed to the shards"

# the CLV input per customer (clv --pushdown with the spend model, and with
# a holdout): every customer's row and figure from two shards = one server
for args in "--spend gg" "--spend gg --as-of 2024-03-31 --holdout-end 2024-09-30"; do
  # shellcheck disable=SC2086
  "$K" clv "$URI" --table transactions=sales --pushdown $args --format json \
    >"$tmp/v1.out" 2>"$tmp/err" ||
    bad "clv --pushdown $args on one server: $(cat "$tmp/err")"
  # shellcheck disable=SC2086
  "$K" clv "$URI" --table transactions=sales_sharded --pushdown $args \
    --format json >"$tmp/v2.out" 2>"$tmp/err" ||
    bad "clv --pushdown $args sharded: $(cat "$tmp/err")"
  nc=$(grep -c '"p_alive"' "$tmp/v1.out" || true)
  if [ "$nc" -gt 50 ] && cmp -s "$tmp/v1.out" "$tmp/v2.out"; then ok; else
    bad "clv --pushdown $args: sharded differs from one server ($nc rows)"
    diff "$tmp/v1.out" "$tmp/v2.out" | head >&2 || true
  fi
done

# the whole report: rows streamed from the shards in the order of the
# file (ORDER BY load_order) = from one server
q="SELECT * FROM %s ORDER BY load_order"
"$K" analyze "$URI" --table transactions="$(printf "$q" sales)" \
  -o "$tmp/r1" >/dev/null 2>"$tmp/err" || bad "analyze on one server: $(cat "$tmp/err")"
"$K" analyze "$URI" --table transactions="$(printf "$q" sales_sharded)" \
  -o "$tmp/r2" >/dev/null 2>"$tmp/err" || bad "analyze sharded: $(cat "$tmp/err")"
if cmp -s "$tmp/r1/summary.json" "$tmp/r2/summary.json" &&
   cmp -s "$tmp/r1/customers.csv" "$tmp/r2/customers.csv" &&
   [ -s "$tmp/r1/summary.json" ]; then
  ok
else
  bad "sharded analyze differs from one server"
fi

# analyze --pushdown (the summary, the payments and the cohorts from the
# database) over the shards, sales and invoices, = on one server
"$K" analyze "$URI" --pushdown --table transactions="$(printf "$q" sales)" \
  --table invoices=invoices -o "$tmp/p1" >/dev/null 2>"$tmp/err" ||
  bad "analyze --pushdown on one server: $(cat "$tmp/err")"
"$K" analyze "$URI" --pushdown \
  --table transactions="$(printf "$q" sales_sharded)" \
  --table invoices=invoices_sharded -o "$tmp/p2" >/dev/null 2>"$tmp/err" ||
  bad "analyze --pushdown sharded: $(cat "$tmp/err")"
if cmp -s "$tmp/p1/summary.json" "$tmp/p2/summary.json" &&
   cmp -s "$tmp/p1/customers.csv" "$tmp/p2/customers.csv" &&
   grep -q '"dso": [0-9]' "$tmp/p1/summary.json"; then
  ok
else
  bad "sharded analyze --pushdown differs from one server"
fi

echo "pg_shard: $passed passed, $fails failed"
[ "$fails" = 0 ]
