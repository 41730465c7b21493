#!/bin/sh
# Quick start: install what is missing, build, generate a demo data set of a
# Flemish KMO in demo-data/, and run the main job on it.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build
KW=build/klantwijs
$KW demo --customers "${DEMO_CUSTOMERS:-2000}" --seed "${DEMO_SEED:-42}" -o demo-data
$KW inspect demo-data
$KW summary demo-data --top 15
