#!/bin/sh
# Run one golden end-to-end case.
#   run_case.sh KLANTWIJS CASE_DIR TEST_DATA SHARED_DATA
# A case directory holds:
#   cmd        one shell command line; $KW is the klantwijs binary, $DATA the
#              repo's tests/data, $SHARED ../shared/data (both as paths
#              relative to the case directory, so messages that name a file
#              are the same on every machine), $OUT a fresh temp dir
#   stdout     expected standard output (absent = must be empty)
#   stderr     expected standard error (absent = must be empty)
#   exit       expected exit code (absent = 0)
#   needs-shared  present when the case reads $SHARED (skipped without it)
# The command runs in the case directory with LC_ALL=C, TZ=UTC, NO_COLOR=1.
set -u
KW=$1; CASE=$2; DATA=$3; SHARED=$4
if [ -f "$CASE/needs-shared" ] && [ ! -d "$SHARED" ]; then
  echo "skipped: $SHARED is absent"; exit 77
fi
OUT=$(mktemp -d) || exit 1
trap 'rm -rf "$OUT"' EXIT
cd "$CASE" || exit 1
DATA=../../../data
SHARED=../../../../../shared/data
export KW DATA SHARED OUT LC_ALL=C TZ=UTC NO_COLOR=1
sh -c "$(cat cmd)" >"$OUT/.stdout" 2>"$OUT/.stderr"
code=$?
want=0; [ -f exit ] && want=$(cat exit)
fail=0
exp_out=/dev/null; [ -f stdout ] && exp_out=stdout
exp_err=/dev/null; [ -f stderr ] && exp_err=stderr
if ! diff -u "$exp_out" "$OUT/.stdout"; then echo "stdout differs"; fail=1; fi
if ! diff -u "$exp_err" "$OUT/.stderr"; then echo "stderr differs"; fail=1; fi
if [ "$code" != "$want" ]; then echo "exit code $code, expected $want"; fail=1; fi
exit $fail
