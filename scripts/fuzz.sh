#!/bin/sh
# Build the libFuzzer targets with clang and run each for a bounded time.
#   scripts/fuzz.sh [SECONDS]   (default 30 s per target)
# Seeds: tests/fuzz/corpus/NAME (see its README); fuzz_csv and fuzz_roles
# use the dictionary tests/fuzz/csv.dict.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-30}
CC=clang scripts/build.sh build-fuzz -DKW_FUZZ=ON -DKW_TESTS=ON \
  -DCMAKE_C_COMPILER=clang
found=0
for f in build-fuzz/tests/fuzz_*; do
  [ -x "$f" ] || continue
  found=1
  name=$(basename "$f")
  corpus=tests/fuzz/corpus/${name#fuzz_}
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "fuzzing $name for ${secs}s"
  log=$(mktemp)
  status=0
  # a dictionary of header names and delimiters where the target has one;
  # -len_control=0: long inputs (whole exports) from the start
  dict=""
  case "$name" in
    fuzz_csv|fuzz_roles) dict="-dict=tests/fuzz/csv.dict" ;;
  esac
  # shellcheck disable=SC2086
  "$f" -max_total_time="$secs" -max_len=65536 -len_control=0 $dict \
       -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 "$work" >"$log" 2>&1 || status=$?
  tail -n 6 "$log"
  if [ "$status" -ne 0 ]; then
    echo "$name FAILED (exit $status):" >&2
    grep -A 40 -m 1 -E "ERROR|runtime error|deadly signal" "$log" >&2 || true
    rm -rf "$work" "$log"
    exit 1
  fi
  rm -rf "$work" "$log"
done
[ "$found" = 1 ] || { echo "no fuzz targets built" >&2; exit 1; }
