#!/bin/sh
# Run the Python package's tests: run.sh PYTHON PACKAGE_DIR.
# Exit 77 (skipped) with a message when cffi, NumPy, pandas or pytest is
# missing; scripts/deps.sh installs them.
py=$1
pkg=$2
if ! "$py" -c "import cffi, numpy, pandas, pytest" 2>/dev/null; then
  echo "skipped: $py lacks cffi, numpy, pandas or pytest (scripts/deps.sh)"
  exit 77
fi
cd "$pkg" || exit 1
exec "$py" -m pytest -q -p no:cacheprovider tests
