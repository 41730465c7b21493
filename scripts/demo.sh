#!/bin/sh
# Quick start: install what is missing, build, generate a demo data set of a
# Flemish KMO in demo-data/, and run the main job on it: `klantwijs analyze`
# writes the report to demo-report/ (index.html, customers.xlsx,
# customers.csv, summary.json).
#   DEMO_CUSTOMERS (default 2000), DEMO_SEED (42), DEMO_LANG (en or nl)
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build
KW=build/klantwijs
$KW demo --customers "${DEMO_CUSTOMERS:-2000}" --seed "${DEMO_SEED:-42}" -o demo-data
# the demo's costs.csv counts service hours and support tickets without an
# amount; these are the rates it was made with (demo-data/truth.json)
$KW analyze demo-data -o demo-report --lang "${DEMO_LANG:-en}" \
  --rate service_hours=55 --rate support_ticket=25
echo
echo "The report: $(pwd)/demo-report/index.html"
