#!/bin/sh
# Install the Debian packages klantwijs needs to build and test, when missing.
#   scripts/deps.sh            build + test dependencies
#   scripts/deps.sh --browser  also chromium (the report's browser test)
# With CI=true chromium is installed too, so CI runs the browser test.
set -eu
pkgs="build-essential cmake pkg-config libgsl-dev libjansson-dev
libxlsxwriter-dev libstemmer-dev libzip-dev libexpat1-dev libfreexl-dev libcmocka-dev clang
libclang-rt-dev python3 python3-cffi python3-numpy python3-pandas python3-pytest libsqlite3-dev
libpq-dev postgresql postgresql-contrib"
if [ "${1:-}" = "--browser" ] || [ "${CI:-}" = "true" ]; then
  pkgs="$pkgs chromium"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
