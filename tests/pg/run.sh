#!/bin/sh
# PostgreSQL as a source: the same data read from a database and from CSV
# give the same report (summary.json and customers.csv byte for byte, so
# every headline figure and per-customer row), every subcommand takes the
# URI as its PATH, and connection, table, permission and type errors are
# clear and never show the password.
#
#   run.sh KLANTWIJS [SHARED_DATA]
#
# Starts a temporary server as an unprivileged user (tests/pg/server.sh) and
# stops it at the end. Without a server: exit 77 (skipped), except under
# CI=true, where that is a failure.
set -eu
K=$1
SHARED=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/server.sh"

pg_find || pg_unavailable "no PostgreSQL server binaries (Debian: postgresql)"
[ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1 ||
  pg_unavailable "running as root and no user postgres to run the server"
command -v psql >/dev/null 2>&1 || export PATH="$PGBIN:$PATH"

tmp=$(mktemp -d /tmp/kw_pg.XXXXXX)
chmod 755 "$tmp"
trap 'pg_stop_all; rm -rf "$tmp"' EXIT INT TERM
port=$((20000 + $$ % 20000))
started=0
for try in 1 2 3; do
  if pg_start "$tmp/srv" "$port"; then started=1; break; fi
  rm -rf "$tmp/srv"
  port=$((port + 17))
done
[ "$started" = 1 ] || pg_unavailable "no PostgreSQL server could be started"

fails=0
passed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
sql() { pg_psql "$tmp/srv" "$port" kwtest "$@"; }
expect_error() { # label pattern command...
  label=$1 pat=$2
  shift 2
  rc=0
  "$@" >"$tmp/e.out" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then
    bad "$label: succeeded"
  elif ! grep -q "$pat" "$tmp/e.out"; then
    bad "$label: message lacks '$pat'"
    cat "$tmp/e.out" >&2
  elif grep -q "Sekr3t-pw\|wrong-pw" "$tmp/e.out"; then
    bad "$label: the password is in the message"
  else
    ok
  fi
}

pg_psql "$tmp/srv" "$port" postgres -c "CREATE DATABASE kwtest"
sql -f "$here/load.sql"
sql -c "CREATE ROLE kw LOGIN PASSWORD 'Sekr3t-pw'"
URI="postgresql://kw:Sekr3t-pw@127.0.0.1:$port/kwtest"

# --- the data: the demo business (every table kind) -------------------
"$K" demo --customers 250 --seed 7 -o "$tmp/demo" >/dev/null
for t in transactions customers invoices costs feedback touchpoints referrals; do
  "$here/load_csv.sh" -X -q -v ON_ERROR_STOP=1 -h "$tmp/srv" -p "$port" \
    -U postgres -d kwtest -- "$tmp/demo/$t.csv" "$t" ';' >/dev/null 2>&1
done
# and a real one: CDNOW's event log (dates as integers yyyymmdd)
have_cdnow=0
if [ -n "$SHARED" ] && [ -f "$SHARED/BTYD/cdnowElog.csv" ]; then
  sql -c "CREATE SCHEMA cdnow"
  "$here/load_csv.sh" -X -q -v ON_ERROR_STOP=1 -h "$tmp/srv" -p "$port" \
    -U postgres -d kwtest -- "$SHARED/BTYD/cdnowElog.csv" cdnow.elog ',' \
    >/dev/null 2>&1
  have_cdnow=1
else
  echo "note: no shared data; the CDNOW comparison is left out" >&2
fi
sql -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO kw" \
    -c "GRANT USAGE ON SCHEMA cdnow TO kw" 2>/dev/null || true
[ "$have_cdnow" = 1 ] && sql -c "GRANT SELECT ON ALL TABLES IN SCHEMA cdnow TO kw"

# The CSV side: the tables as the database holds them, in the order a scan
# returns them (a table has no order of its own; klantwijs numbers
# customers in the order it meets them, docs/postgresql.md).
export_csv() { # table file
  sql -c "\\copy (SELECT * FROM $1) TO '$2' WITH (FORMAT csv, HEADER true)"
}
mkdir -p "$tmp/csv" "$tmp/cdnow"
for t in transactions customers invoices costs feedback touchpoints referrals; do
  export_csv "$t" "$tmp/csv/$t.csv"
done
[ "$have_cdnow" = 1 ] && export_csv cdnow.elog "$tmp/cdnow/transactions.csv"

same_report() { # label dir-a dir-b
  if cmp -s "$2/summary.json" "$3/summary.json" &&
     cmp -s "$2/customers.csv" "$3/customers.csv"; then
    ok
  else
    bad "$1: the reports differ"
    diff "$2/summary.json" "$3/summary.json" | head -20 >&2 || true
  fi
}

# --- analyze: database = files ----------------------------------------
"$K" analyze "$tmp/csv" -o "$tmp/r_csv" >/dev/null 2>"$tmp/err" ||
  bad "analyze from CSV failed"
"$K" analyze "$URI" -o "$tmp/r_pg" >/dev/null 2>"$tmp/err" ||
  bad "analyze from the database failed: $(cat "$tmp/err")"
same_report "analyze demo" "$tmp/r_csv" "$tmp/r_pg"
grep -q "Sekr3t-pw" "$tmp/r_pg"/* "$tmp/err" && bad "password in the report"
[ -s "$tmp/r_pg/summary.json" ] && ok

# the same with explicit tables and a query
"$K" analyze "$URI" --table transactions=public.transactions \
  --table customers='SELECT * FROM customers' --table invoices=invoices \
  --table costs=costs --table feedback=feedback --table touchpoints=touchpoints \
  --table referrals=referrals -o "$tmp/r_pg2" >/dev/null 2>&1 ||
  bad "analyze --table failed"
same_report "analyze --table" "$tmp/r_csv" "$tmp/r_pg2"

if [ "$have_cdnow" = 1 ]; then
  "$K" analyze "$tmp/cdnow" --map customer=masterid -o "$tmp/c_csv" \
    >/dev/null 2>&1 || bad "analyze CDNOW from CSV failed"
  "$K" analyze "$URI" --table transactions=cdnow.elog --map customer=masterid \
    -o "$tmp/c_pg" >/dev/null 2>&1 || bad "analyze CDNOW from the database failed"
  same_report "analyze CDNOW" "$tmp/c_csv" "$tmp/c_pg"
  n=$(python3 -c "import json,sys; h=json.load(open(sys.argv[1]))['headline']; print(h['customers'], 'revenue', h['revenue'], 'clv_mean', h['clv_mean'])" \
      "$tmp/c_pg/summary.json" 2>/dev/null || echo "?")
  echo "CDNOW from PostgreSQL: customers $n" >&2
fi

# --- analyze --pushdown: the summary, payments and cohorts from SQL = CSV --
# Every figure of summary.json and every cell of customers.csv must equal
# the report from CSV (compare_report.py without tolerance), and the files
# byte for byte: the purchase model is fitted on the buyers' (x, t_x, T) of
# the database's summary, the same numbers in the same order as from the
# lines. The server log shows that the summary (twice: as of the as-of
# date, and as of the start of the CLV holdout for the model check),
# payment (ageing and payers) and cohort statements ran.
sql -c "ALTER ROLE kw SET log_statement = 'all'"
"$K" analyze "$URI" --pushdown -o "$tmp/r_pd" >/dev/null 2>"$tmp/err" ||
  bad "analyze --pushdown failed: $(cat "$tmp/err")"
if python3 "$here/compare_report.py" "$tmp/r_csv" "$tmp/r_pd"; then
  ok
else
  bad "analyze --pushdown differs from analyze on CSV"
fi
same_report "analyze --pushdown" "$tmp/r_csv" "$tmp/r_pd"
if grep -q "AS cohort_day" "$tmp/srv/server.log" &&
   [ "$(grep -c "DECLARE kw_asum .*coalesce(r.rep, 0) AS rep" "$tmp/srv/server.log")" = 2 ] &&
   grep -q "AS max_over" "$tmp/srv/server.log" &&
   grep -q "AS settled_late" "$tmp/srv/server.log"; then
  ok
else
  bad "analyze --pushdown: the summary, payment and cohort statements did not run"
fi
# with an as-of date: the lines after it are counted in the database, the
# ageing is as of that day
"$K" analyze "$tmp/csv" --as-of 2024-06-30 -o "$tmp/r_csv_asof" >/dev/null 2>&1 ||
  bad "analyze --as-of from CSV failed"
"$K" analyze "$URI" --as-of 2024-06-30 --pushdown -o "$tmp/r_pd_asof" \
  >/dev/null 2>"$tmp/err" || bad "analyze --pushdown --as-of failed: $(cat "$tmp/err")"
if python3 "$here/compare_report.py" "$tmp/r_csv_asof" "$tmp/r_pd_asof"
then ok; else bad "analyze --pushdown --as-of differs from analyze on CSV"; fi
same_report "analyze --pushdown --as-of" "$tmp/r_csv_asof" "$tmp/r_pd_asof"
sql -c "ALTER ROLE kw RESET log_statement"
grep -q "Sekr3t-pw" "$tmp/r_pd"/* "$tmp/err" && bad "password in the report"
expect_error "analyze --pushdown on a folder" "needs a postgresql" \
  "$K" analyze "$tmp/csv" --pushdown -o "$tmp/r_x"
# a customer id with blanks around it reads as another id from a line (the
# reader trims it) than in SQL: a clear error naming the id, not a summary
# of other customers
expect_error "analyze --pushdown: an id with blanks" \
  'customer " K000001 " of the database is not among the customers read' \
  "$K" analyze "$URI" --pushdown -o "$tmp/r_x" --table transactions="SELECT
    factuurnummer, CASE WHEN klantnummer = 'K000001' THEN ' K000001 '
    ELSE klantnummer END AS klantnummer, factuurdatum, bedrag FROM transactions"
if [ "$have_cdnow" = 1 ]; then
  "$K" analyze "$URI" --pushdown --table transactions=cdnow.elog \
    --map customer=masterid -o "$tmp/c_pd" >/dev/null 2>"$tmp/err" ||
    bad "analyze --pushdown CDNOW failed: $(cat "$tmp/err")"
  if python3 "$here/compare_report.py" "$tmp/c_csv" "$tmp/c_pd"
  then ok; else bad "analyze --pushdown CDNOW differs from CSV"; fi
  same_report "analyze --pushdown CDNOW" "$tmp/c_csv" "$tmp/c_pd"
fi

# --- pushdown: the summary computed by the database = from the lines -----
pushdown_equal() { # label args...
  label=$1
  shift
  if "$K" summary "$@" --format csv >"$tmp/l.csv" 2>"$tmp/l.err" &&
     "$K" summary "$@" --pushdown --format json >"$tmp/p.json" 2>"$tmp/p.err" &&
     python3 "$here/compare_summary.py" "$tmp/l.csv" "$tmp/p.json"; then
    ok
  else
    bad "pushdown $label"
    cat "$tmp/l.err" "$tmp/p.err" >&2
  fi
}
pushdown_equal "demo" "$URI"
pushdown_equal "demo --as-of" "$URI" --as-of 2024-06-30
pushdown_equal "demo, a query" "$URI" \
  --table transactions="SELECT * FROM transactions WHERE bedrag < 500"
[ "$have_cdnow" = 1 ] &&
  pushdown_equal "CDNOW" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid

# --- pushdown: the cohort matrices from the database = from the lines ---
# Every metric's cells and pooled row (JSON, all metrics) and the CSV
# table, byte for byte.
cohorts_equal() { # label args...
  label=$1
  shift
  if "$K" cohorts "$@" --format json >"$tmp/cl.json" 2>"$tmp/cl.err" &&
     "$K" cohorts "$@" --pushdown --format json >"$tmp/cp.json" 2>"$tmp/cp.err" &&
     "$K" cohorts "$@" --metric all --format csv >"$tmp/cl.csv" 2>>"$tmp/cl.err" &&
     "$K" cohorts "$@" --metric all --pushdown --format csv >"$tmp/cp.csv" \
       2>>"$tmp/cp.err" &&
     [ -s "$tmp/cp.json" ] && cmp -s "$tmp/cl.json" "$tmp/cp.json" &&
     cmp -s "$tmp/cl.csv" "$tmp/cp.csv"; then
    ok
  else
    bad "cohorts pushdown $label"
    cat "$tmp/cl.err" "$tmp/cp.err" >&2
    diff "$tmp/cl.json" "$tmp/cp.json" | head -10 >&2 || true
  fi
}
cohorts_equal "demo" "$URI"
cohorts_equal "demo --by week" "$URI" --by week
# and against the CSV files themselves
"$K" cohorts "$tmp/csv" --metric all --format csv >"$tmp/cf.csv" 2>&1
"$K" cohorts "$URI" --pushdown --metric all --format csv >"$tmp/cq.csv" 2>&1
if [ -s "$tmp/cq.csv" ] && cmp -s "$tmp/cf.csv" "$tmp/cq.csv"; then ok; else
  bad "cohorts pushdown = CSV files"; fi
cohorts_equal "demo --by quarter --as-of" "$URI" --by quarter --as-of 2024-05-15
cohorts_equal "demo, a query" "$URI" \
  --table transactions="SELECT * FROM transactions WHERE bedrag < 500"
# returns before a customer's first purchase (in its first period and in
# the one before), a customer with returns only, and lines without an
# invoice: the returns before the first purchase are not cohort revenue
cohorts_equal "returns before the first purchase" "$URI" \
  --table transactions="SELECT klantnummer, factuurdatum, bedrag,
  factuurnummer FROM transactions UNION ALL SELECT klantnummer,
  min(factuurdatum) - 2, -5.25, NULL FROM transactions GROUP BY klantnummer
  UNION ALL SELECT klantnummer, min(factuurdatum) - 40, -7.5, NULL
  FROM transactions GROUP BY klantnummer UNION ALL
  SELECT 'K-RETURNS-ONLY', DATE '2024-03-03', -12, NULL"
cohorts_equal "returns before the first purchase, weeks" "$URI" --by week \
  --table transactions="SELECT klantnummer, factuurdatum, bedrag
  FROM transactions UNION ALL SELECT klantnummer, min(factuurdatum) - 1,
  -3 FROM transactions GROUP BY klantnummer"
[ "$have_cdnow" = 1 ] &&
  cohorts_equal "CDNOW" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid
[ "$have_cdnow" = 1 ] &&
  cohorts_equal "CDNOW weeks" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid --by week
expect_usage() { # label command...
  label=$1
  shift
  if "$@" >"$tmp/u.out" 2>&1; then bad "$label: succeeded"; else ok; fi
}
expect_usage "cohorts --pushdown on a folder" "$K" cohorts "$tmp/csv" --pushdown

# --- pushdown: the CLV fit on the database's pattern counts = on the lines
# The same customers and repeat buyers, the log-likelihood at the optimum
# to 1e-9 and the parameters to 1e-4 (relative). The parameters cannot be
# held to 1e-9: the optimiser stops at a gradient norm of about 1e-7, where
# the order in which the patterns are summed moves the parameters by
# ~1e-5 (the line path itself moves that much when the CSV's rows are
# reversed); the likelihood is flat there, so it agrees to ~1e-13.
clv_equal() { # label args...
  label=$1
  shift
  if "$K" clv "$@" --spend none --format json >"$tmp/vl.json" 2>"$tmp/vl.err" &&
     "$K" clv "$@" --pushdown --format json >"$tmp/vp.json" 2>"$tmp/vp.err" &&
     python3 - "$tmp/vl.json" "$tmp/vp.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
def close(x, y):
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
bad = []
if a["model"] != b["model"]:
    bad.append(("model", a["model"], b["model"]))
if set(a["params"]) != set(b["params"]) or not a["params"]:
    bad.append(("params", a["params"], b["params"]))
for k in a["params"]:
    x, y = a["params"][k], b["params"].get(k, float("nan"))
    if not abs(x - y) <= 1e-4 * max(abs(x), abs(y)):
        bad.append((k, a["params"][k], b["params"].get(k)))
if not close(a["log_likelihood"], b["log_likelihood"]):
    bad.append(("log_likelihood", a["log_likelihood"], b["log_likelihood"]))
for k in ("n_customers", "n_repeat_buyers"):
    if a[k] != b[k]:
        bad.append((k, a[k], b[k]))
if bad:
    print(bad, file=sys.stderr)
    sys.exit(1)
PY
  then
    ok
  else
    bad "clv pushdown $label"
    cat "$tmp/vl.err" "$tmp/vp.err" >&2
  fi
}
clv_equal "demo bgnbd" "$URI"
clv_equal "demo pnbd, months" "$URI" --model pnbd --unit month
clv_equal "demo mbgnbd --as-of" "$URI" --model mbgnbd --as-of 2024-06-30
clv_equal "demo auto" "$URI" --model auto
[ "$have_cdnow" = 1 ] &&
  clv_equal "CDNOW bgnbd" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid
[ "$have_cdnow" = 1 ] &&
  clv_equal "CDNOW pnbd" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid --model pnbd
# With --spend gg or --holdout-end the database returns one row per
# customer (x, t_x, T, mean repeat spend, revenue, margin, holdout
# purchases) and the repeat purchase days per day (tracking). Every figure
# of the JSON report must match the line path's: text and counts equal,
# the data (T, margins, holdout lengths and actual purchases) to 1e-12,
# the log-likelihoods to 1e-9, the model's figures to 2e-4 relative (as
# above: when the customers come in another order than the table's, the
# optimiser stops ~1e-5 elsewhere), except the acquisition cost, which
# comes from the customers table and is not pushed down (then value/CAC is
# absent too), and the optimiser's iterations and gradient norm.
clv_rows_equal() { # label args...
  label=$1
  shift
  if "$K" clv "$@" --spend gg --format json >"$tmp/vl.json" 2>"$tmp/vl.err" &&
     "$K" clv "$@" --spend gg --pushdown --format json >"$tmp/vp.json" \
       2>"$tmp/vp.err" &&
     python3 - "$tmp/vl.json" "$tmp/vp.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
skip = {"acquisition_cost", "value_cac", "iterations", "gradient_norm"}
data = {"T", "margin", "pooled_margin", "holdout_length", "actual"}
ll = {"log_likelihood", "spend_log_likelihood"}
bad, n = [], [0]
def walk(p, x, y):
    key = p.rsplit(".", 1)[-1]
    if isinstance(x, dict) and isinstance(y, dict):
        for k in set(x) | set(y):
            if k in skip:
                continue
            if k not in x or k not in y:
                bad.append((p + "." + k, "missing"))
            else:
                walk(p + "." + k, x[k], y[k])
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        if p.endswith("customers"):
            x = sorted(x, key=lambda c: c["customer_id"])
            y = sorted(y, key=lambda c: c["customer_id"])
        for i, (u, v) in enumerate(zip(x, y)):
            walk("%s[%d]" % (p, i), u, v)
    elif (isinstance(x, float) or isinstance(y, float)) and \
            not isinstance(x, bool) and x is not None and y is not None:
        n[0] += 1
        tol = 1e-12 if key in data else 1e-9 if key in ll else 2e-4
        if not abs(x - y) <= tol * max(1.0, abs(x), abs(y)):
            bad.append((p, x, y))
    else:
        n[0] += 1
        if x != y:
            bad.append((p, x, y))
walk("", a, b)
if "spend_params" not in a or not a.get("customers"):
    bad.append(("no spend model or no customers",))
if "--holdout-end" in " ".join(sys.argv) or a.get("holdout_end"):
    if not a.get("evaluation"):
        bad.append(("no evaluation",))
if bad:
    print(bad[:10], file=sys.stderr)
    sys.exit(1)
PY
  then
    ok
  else
    bad "clv pushdown per customer $label"
    cat "$tmp/vl.err" "$tmp/vp.err" >&2
  fi
}
clv_rows_equal "demo, spend" "$URI"
clv_rows_equal "demo, holdout" "$URI" --as-of 2025-06-30 --holdout-end 2025-12-31
clv_rows_equal "demo pnbd, months, holdout" "$URI" --model pnbd --unit month \
  --as-of 2024-12-31 --holdout-end 2025-09-30
clv_rows_equal "demo, a query" "$URI" --table transactions="SELECT * FROM
  transactions WHERE bedrag < 500" --as-of 2025-03-31 --holdout-end 2025-12-31
[ "$have_cdnow" = 1 ] &&
  clv_rows_equal "CDNOW, holdout" "$URI" --table transactions=cdnow.elog \
    --map customer=masterid --as-of 1997-09-30 --holdout-end 1998-06-30
expect_usage "clv --pushdown --model bgbb" "$K" clv "$URI" --pushdown --model bgbb
expect_usage "clv --pushdown on a folder" "$K" clv "$tmp/csv" --pushdown

# --- pushdown: the receivables ageing from the database = from the lines --
# Per customer open, open credit, overdue, the five buckets and the oldest
# open row's days past due, and the totals, to the cent; and the payment
# behaviour: invoices, settled, settled late, share late, days to pay,
# days late, invoiced, class and data errors per customer, the class
# counts, days to pay, DSO and the other totals, as printed.
ageing_equal() { # label path-for-the-line-path args...
  label=$1 lpath=$2
  shift 2
  if "$K" payments "$lpath" "$@" --per-customer --format csv \
       >"$tmp/al.csv" 2>"$tmp/al.err" &&
     "$K" payments "$lpath" "$@" --format json >"$tmp/al.json" 2>>"$tmp/al.err" &&
     "$K" payments "$URI" "$@" --pushdown --format json >"$tmp/ap.json" \
       2>"$tmp/ap.err" &&
     python3 - "$tmp/al.csv" "$tmp/al.json" "$tmp/ap.json" <<'PY'
import csv, json, sys
lines = {r["customer_id"]: r for r in csv.DictReader(open(sys.argv[1]))}
tot = json.load(open(sys.argv[2]))
push = json.load(open(sys.argv[3]))
keys = ["open", "overdue", "not_due", "overdue_1_30", "overdue_31_60",
        "overdue_61_90", "overdue_90_plus", "max_days_overdue"]
cents = lambda v: round(float(v) * 100)
bad = []
prow = {r["customer_id"]: r for r in push["customers"]}
for cid in set(lines) | set(prow):
    a, b = lines.get(cid), prow.get(cid)
    for k in keys:
        x = cents(a[k]) if a else 0
        y = cents(b[k]) if b else 0
        if x != y:
            bad.append((cid, k, x, y))
for k in keys[:-1] + ["open_credit"]:
    if cents(tot[k]) != cents(push[k]):
        bad.append(("total", k, tot[k], push[k]))
if tot["as_of"] != push["as_of"]:
    bad.append(("as_of", tot["as_of"], push["as_of"]))
# the behaviour (the line export lists the customers with a positive row)
num = lambda v: None if v in ("", None) else float(v)
for cid, b in prow.items():
    a = lines.get(cid)
    if a is None:
        if b["class"] != "none":
            bad.append((cid, "class", None, b["class"]))
        continue
    for k in ["invoices", "settled", "settled_late", "late_share",
              "days_to_pay", "days_late", "errors"]:
        if num(a[k]) != num(b[k]):
            bad.append((cid, k, a[k], b[k]))
    if cents(a["invoiced"]) != cents(b["invoiced"]) or a["class"] != b["class"]:
        bad.append((cid, "invoiced/class", a["invoiced"], b["invoiced"],
                    a["class"], b["class"]))
for k in ["fast_payers", "slow_payers", "problematic_payers", "invoices",
          "credit_notes", "settled", "settled_late", "late_share",
          "days_to_pay", "days_late", "dso_days", "dso", "data_errors"]:
    if tot[k] != push[k]:
        bad.append(("total", k, tot[k], push[k]))
for k in ["invoiced", "invoiced_in_window"]:
    if cents(tot[k]) != cents(push[k]):
        bad.append(("total", k, tot[k], push[k]))
if tot["n_customers"] != push["buying_customers"]:
    bad.append(("customers", tot["n_customers"], push["buying_customers"]))
if not push["customers"] or cents(push["open"]) == 0:
    bad.append(("nothing open", push["open"]))
if bad:
    print(bad[:10], file=sys.stderr)
    sys.exit(1)
PY
  then
    ok
  else
    bad "ageing pushdown $label"
    cat "$tmp/al.err" "$tmp/ap.err" >&2
  fi
}
ageing_equal "demo" "$URI"
ageing_equal "demo --as-of" "$URI" --as-of 2024-09-30
# on screen: the customers with open money, most overdue first, as the
# line path's top_overdue list
"$K" payments "$URI" --pushdown >"$tmp/ap.txt" 2>&1
"$K" payments "$URI" --format json >"$tmp/al2.json" 2>&1
if python3 - "$tmp/ap.txt" "$tmp/al2.json" <<'PY'
import json, sys
rows = [l.split()[0] for l in open(sys.argv[1]).read().splitlines()[2:] if l.strip()]
top = [t["customer_id"] for t in json.load(open(sys.argv[2]))["top_overdue"]]
sys.exit(0 if top and rows[:len(top)] == top else 1)
PY
then ok; else bad "payments --pushdown on screen: not most overdue first"; fi
ageing_equal "demo --terms 14" "$URI" --terms 14 --as-of 2025-03-31
ageing_equal "demo, the CSV files" "$tmp/csv" --as-of 2025-06-30
ageing_equal "demo, a query" "$URI" \
  --table invoices="SELECT * FROM invoices WHERE bedrag < 2000"
# without a due date column (due = date + terms), and without terms too
# (due = date + --terms), with a few terms missing
ageing_equal "terms column" "$URI" --table invoices="SELECT factuurnummer,
  klantnummer, factuurdatum, betaaldatum, bedrag,
  CASE WHEN bedrag > 1500 THEN NULL ELSE betalingstermijn END
  AS betalingstermijn FROM invoices"
ageing_equal "default terms" "$URI" --terms 45 --table invoices="SELECT
  factuurnummer, klantnummer, factuurdatum, betaaldatum, bedrag FROM invoices"
# data errors (paid before the invoice date, due before it) and no
# invoice ids (each row its own invoice)
ageing_equal "errors, no invoice ids" "$URI" --table invoices="SELECT
  klantnummer, factuurdatum,
  CASE WHEN bedrag < 100 THEN factuurdatum - 5 ELSE vervaldatum END
  AS vervaldatum,
  CASE WHEN bedrag BETWEEN 100 AND 200 THEN factuurdatum - 3
  ELSE betaaldatum END AS betaaldatum, bedrag FROM invoices"
# invoices in two rows, one paid later or not at all (partly paid)
ageing_equal "split invoices" "$URI" --table invoices="SELECT factuurnummer,
  klantnummer, factuurdatum, vervaldatum, betaaldatum,
  round(bedrag / 2, 2) AS bedrag FROM invoices UNION ALL
  SELECT factuurnummer, klantnummer, factuurdatum, vervaldatum,
  CASE WHEN bedrag > 1000 THEN NULL ELSE betaaldatum + 20 END,
  bedrag - round(bedrag / 2, 2) FROM invoices"
ageing_equal "DSO window 30, slow after 3 days" "$URI" --dso-days 30 \
  --slow-late 3 --as-of 2025-06-30
# an invoice id with two customers: the pushdown refuses with a reason
sql -c "CREATE TABLE inv2 AS SELECT * FROM invoices" \
    -c "INSERT INTO inv2 SELECT factuurnummer, 'K999999', factuurdatum,
        vervaldatum, betaaldatum, bedrag, betalingstermijn, soort
        FROM invoices LIMIT 1" -c "GRANT SELECT ON inv2 TO kw"
expect_error "ageing: an invoice id with two customers" "two customers" \
  "$K" payments "$URI" --table invoices=inv2 --pushdown
expect_usage "payments --pushdown on a folder" "$K" payments "$tmp/csv" --pushdown

# three decimals ("1.234" must not read as a thousands separator), and
# rounding to cents line by line: 1.23 + 1234.50 + 0.13 (half away from 0)
sql -c "CREATE TABLE three (klant text, datum date, bedrag numeric(10,3))" \
    -c "INSERT INTO three VALUES ('A', '2024-01-01', 1.234),
        ('A', '2024-02-01', 1234.5), ('B', '2024-01-05', 0.125)" \
    -c "GRANT SELECT ON three TO kw"
"$K" summary "$URI" --table transactions=three --format json >"$tmp/three.json" 2>&1
if grep -q '"revenue": 1235.86' "$tmp/three.json"; then ok; else
  bad "three decimals: $(grep revenue "$tmp/three.json" | head -1)"; fi
pushdown_equal "three decimals" "$URI" --table transactions=three

# --map on a table whose column names say nothing
sql -c "CREATE TABLE odd AS SELECT klantnummer AS c1, factuurdatum AS c2,
        bedrag AS c3 FROM transactions" -c "GRANT SELECT ON odd TO kw"
printf 'c1,c2,c3\n' >"$tmp/odd.csv"
sql -c "\\copy (SELECT * FROM odd) TO '$tmp/odd_data.csv' WITH (FORMAT csv)"
cat "$tmp/odd_data.csv" >>"$tmp/odd.csv"
"$K" summary "$tmp/odd.csv" --map customer=c1 --map date=c2 --map amount=c3 \
  --format csv >"$tmp/odd_csv.out" 2>&1
"$K" summary "$URI" --table transactions=odd --map customer=c1 \
  --map date=c2 --map amount=c3 --format csv >"$tmp/odd_pg.out" 2>&1
if cmp -s "$tmp/odd_csv.out" "$tmp/odd_pg.out" && [ -s "$tmp/odd_pg.out" ]; then
  ok
else
  bad "--map: database and file differ"
fi

# --- every subcommand takes the URI as PATH ---------------------------
for cmd in summary rfm clv pareto profit cohorts churn survival basket \
           segments trends referrals acquisition journey feedback payments; do
  a=0 b=0
  "$K" "$cmd" "$tmp/csv" >"$tmp/$cmd.csv.out" 2>&1 || a=$?
  "$K" "$cmd" "$URI" >"$tmp/$cmd.pg.out" 2>&1 || b=$?
  if [ "$a" != "$b" ]; then
    bad "$cmd: exit $a from files, $b from the database"
    head -5 "$tmp/$cmd.pg.out" >&2
  elif ! cmp -s "$tmp/$cmd.csv.out" "$tmp/$cmd.pg.out"; then
    bad "$cmd: output differs"
    diff "$tmp/$cmd.csv.out" "$tmp/$cmd.pg.out" | head -10 >&2 || true
  else
    ok
  fi
done
"$K" inspect "$URI" >"$tmp/inspect.out" 2>&1 && ok || bad "inspect"
grep -q "kw:\*\*\*@127.0.0.1" "$tmp/inspect.out" && ok ||
  bad "inspect: the source is not named with a masked URI"

# --- errors ------------------------------------------------------------
BAD_URI="postgresql://kw:wrong-pw@127.0.0.1:$port/kwtest"
expect_error "wrong password" "password authentication failed" \
  "$K" analyze "$BAD_URI" -o "$tmp/x1"
expect_error "wrong password (masked)" "kw:\*\*\*@" \
  "$K" summary "$BAD_URI"
expect_error "password as a parameter" "password=\*\*\*" \
  "$K" summary "postgresql://kw@127.0.0.1:$port/kwtest?password=wrong-pw"
# no server on that port (a port of this machine where nothing listens)
expect_error "no server" "cannot connect" \
  "$K" summary "postgresql://kw:Sekr3t-pw@127.0.0.1:$((port + 1))/kwtest?connect_timeout=3"
expect_error "missing table" "no such table" \
  "$K" summary "$URI" --table transactions=sales.nothing
expect_error "missing database" "cannot connect" \
  "$K" summary "postgresql://kw:Sekr3t-pw@127.0.0.1:$port/nodb"
sql -c "CREATE TABLE hidden AS SELECT * FROM transactions"
expect_error "permission" "no permission" \
  "$K" summary "$URI" --table transactions=hidden
sql -c "CREATE TABLE wrongtype AS SELECT klantnummer, (factuurdatum > '2024-01-01')
        AS factuurdatum, bedrag FROM transactions" \
    -c "GRANT SELECT ON wrongtype TO kw"
expect_error "a date column of type boolean" "type boolean" \
  "$K" summary "$URI" --table transactions=wrongtype
expect_error "a bad query" "query failed" \
  "$K" summary "$URI" --table transactions='SELECT nosuchcolumn FROM transactions'
expect_error "no transactions table" "no transactions table" \
  "$K" summary "postgresql://postgres@/postgres?host=$tmp/srv&port=$port"

echo "pg_source: $passed passed, $fails failed"
[ "$fails" = 0 ]
