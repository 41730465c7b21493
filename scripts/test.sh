#!/bin/sh
# Build and run every test: unit, reference, golden end-to-end.
#   scripts/test.sh           the normal build (build/)
# With CI=true (or --all) it also builds and runs the whole suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/) and runs each
# fuzz target for a bounded time (build-fuzz/, clang + libFuzzer).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
all=0
[ "${CI:-}" = "true" ] && all=1
[ "${1:-}" = "--all" ] && all=1
jobs=$(nproc)

scripts/build.sh build
(cd build && ctest --output-on-failure -j "$jobs")

if [ "$all" = 1 ]; then
  scripts/build.sh build-asan -DKW_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure -j "$jobs")
  scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
fi
