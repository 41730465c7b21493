#!/bin/sh
# End-to-end test of the report in a browser, as a user would open it.
#   run.sh KLANTWIJS CHROMIUM [SHOT_DIR]
# Generates the demo data, runs `klantwijs analyze`, then opens index.html
# in headless Chromium with no network (a dead proxy, every host name
# unresolvable, background networking off, and the page's own
# Content-Security-Policy) and checks:
#   - the page's script ran to its end (data-kw-ready on <html>) and no
#     script error was caught (data-kw-error), and the browser log has no
#     console error, blocked load or network request;
#   - the charts and tables are in the DOM: at least 9 inline SVG charts,
#     the sortable tables, every section;
#   - screenshots at desktop and phone width are written (report.png,
#     report-phone.png and report-400.png in SHOT_DIR, default the current
#     folder) so a person can look at them;
#   - at 400 px the wide tables scroll sideways and keep the id column;
#   - the PDF print has A4 pages (report.pdf in SHOT_DIR).
# Prints one line per check and exits 1 when any fails.
set -u
KW=$1
CHROME=$2
SHOTS=${3:-.}
OUT=$(mktemp -d) || exit 1
PROFILE=$(mktemp -d) || exit 1
trap 'rm -rf "$OUT" "$PROFILE"' EXIT
export LC_ALL=C TZ=UTC
"$KW" demo --customers 500 --seed 11 -o "$OUT/d" >/dev/null || exit 1
"$KW" analyze "$OUT/d" -o "$OUT/r" --rate service_hours=55 \
  --rate support_ticket=25 >/dev/null 2>"$OUT/analyze.err" || {
  cat "$OUT/analyze.err"; exit 1; }
URL="file://$OUT/r/index.html"

chrome() {
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --no-first-run --no-default-browser-check \
    --disable-extensions --disable-sync --disable-component-update \
    --disable-dev-shm-usage --user-data-dir="$PROFILE" \
    --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
    --enable-logging=stderr --v=0 "$@"
}

pass=0 fail=0
check() { # NAME CONDITION-EXIT-CODE
  if [ "$2" = 0 ]; then echo "ok $1"; pass=$((pass + 1));
  else echo "FAIL $1"; fail=$((fail + 1)); fi
}

chrome --virtual-time-budget=5000 --dump-dom "$URL" >"$OUT/dom.html" \
  2>"$OUT/log.txt"
check "page loads" $?
grep -q 'data-kw-ready="1"' "$OUT/dom.html"; check "script ran to its end" $?
! grep -q 'data-kw-error="' "$OUT/dom.html"; check "no script error" $?
! grep -E 'CONSOLE|Uncaught|Refused to|Content Security Policy' "$OUT/log.txt" \
  | grep -v -i 'devtools' | grep -q .
check "no console errors or blocked loads" $?
! grep -E 'https?://' "$OUT/log.txt" | grep -v -E 'w3\.org|chromium\.org|google\.com/chrome' \
  | grep -q .
check "no network request" $?
n=$(grep -o '<svg[^>]*class="chart"' "$OUT/dom.html" | wc -l)
[ "$n" -ge 9 ]; check "charts in the DOM ($n)" $?
n=$(grep -o '<table[^>]*class="data"' "$OUT/dom.html" | wc -l)
[ "$n" -ge 8 ]; check "tables in the DOM ($n)" $?
for s in headline actions value profit rfm clv retention payments quality steps; do
  grep -q "<section id=\"$s\"" "$OUT/dom.html"; check "section $s" $?
done

mkdir -p "$SHOTS"
chrome --virtual-time-budget=5000 --hide-scrollbars --window-size=1280,2000 \
  --screenshot="$SHOTS/report.png" "$URL" >/dev/null 2>&1
[ -s "$SHOTS/report.png" ]; check "desktop screenshot $SHOTS/report.png" $?
chrome --virtual-time-budget=5000 --hide-scrollbars --window-size=390,1600 \
  --screenshot="$SHOTS/report-phone.png" "$URL" >/dev/null 2>&1
[ -s "$SHOTS/report-phone.png" ]; check "phone screenshot $SHOTS/report-phone.png" $?
# phone width 400 px: wide tables scroll sideways inside their box and keep
# the id column in view (the page records "scrolling/sticky" counts)
chrome --virtual-time-budget=5000 --window-size=400,1600 --dump-dom "$URL" \
  >"$OUT/dom400.html" 2>/dev/null
sc=$(grep -o 'data-kw-scroll="[0-9]*/[0-9]*"' "$OUT/dom400.html" | head -1 |
  sed 's/.*="\([0-9]*\)\/\([0-9]*\)"/\1 \2/')
set -- $sc
[ "${1:-0}" -ge 1 ] && [ "${1:-0}" = "${2:-x}" ]
check "400 px: ${1:-0} wide tables scroll sideways, ${2:-0} keep the id column" $?
chrome --virtual-time-budget=5000 --hide-scrollbars --window-size=400,1600 \
  --screenshot="$SHOTS/report-400.png" "$URL" >/dev/null 2>&1
[ -s "$SHOTS/report-400.png" ]; check "400 px screenshot $SHOTS/report-400.png" $?
# print to PDF the way a user would ("Save as PDF")
chrome --virtual-time-budget=5000 --no-pdf-header-footer \
  --print-to-pdf="$OUT/report.pdf" "$URL" >/dev/null 2>&1
[ -s "$OUT/report.pdf" ] && head -c 5 "$OUT/report.pdf" | grep -q '%PDF'
check "prints to PDF" $?
pages=$(grep -a -o '/Type */Pages*' "$OUT/report.pdf" 2>/dev/null | grep -c -v Pages)
[ "$pages" -ge 8 ]; check "PDF has a page per section ($pages pages)" $?
# A4 is 595 x 842 points (210 x 297 mm)
grep -a -q -E 'MediaBox *\[ *0 +0 +59[45](\.[0-9]+)? +84[12](\.[0-9]+)? *\]' \
  "$OUT/report.pdf"
check "PDF pages are A4" $?
cp "$OUT/report.pdf" "$SHOTS/report.pdf" 2>/dev/null

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
