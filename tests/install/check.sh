#!/bin/sh
# The installed library works through pkg-config alone, from any prefix.
#   check.sh BUILD_DIR SOURCE_DIR
# Installs BUILD_DIR to a temporary prefix, then builds tests/install/hello.c
# with `pkg-config --cflags --libs klantwijs` (shared library, run from the
# prefix) and, from a copy of the prefix moved elsewhere and holding only the
# static library, with `pkg-config --static --cflags --libs klantwijs`
# (checked to need no libklantwijs.so). Both must print the right figures.
set -eu
build=$1
src=$2
cc=${CC:-cc}
command -v pkg-config >/dev/null || { echo "no pkg-config: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'customer_id;date;amount\nA;01-02-2024;10,00\nB;02-02-2024;20,00\nC;03-02-2024;30,00\n' \
  >"$tmp/sales.csv"

cmake --install "$build" --prefix "$tmp/p1" >/dev/null
pc=$(find "$tmp/p1" -name klantwijs.pc)
[ -n "$pc" ] || { echo "no klantwijs.pc installed" >&2; exit 1; }
if grep -q "$tmp" "$pc"; then
  echo "klantwijs.pc names the install prefix: not relocatable" >&2
  cat "$pc" >&2
  exit 1
fi

# shared
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
libdir=$(pkg-config --variable=libdir klantwijs)
# shellcheck disable=SC2046
$cc -o "$tmp/hello_shared" "$src/tests/install/hello.c" \
  $(pkg-config --cflags --libs klantwijs)
LD_LIBRARY_PATH=$libdir "$tmp/hello_shared" "$tmp/sales.csv"
LD_LIBRARY_PATH=$libdir ldd "$tmp/hello_shared" | grep -q "$libdir/libklantwijs.so" \
  || { echo "hello_shared does not use the installed libklantwijs.so" >&2; exit 1; }

# static, from a prefix moved elsewhere
mkdir "$tmp/moved"
cp -a "$tmp/p1" "$tmp/moved/p2"
rm -rf "$tmp/p1"
find "$tmp/moved/p2" -name 'libklantwijs.so*' -exec rm -f {} +
pc2=$(find "$tmp/moved/p2" -name klantwijs.pc)
PKG_CONFIG_PATH=$(dirname "$pc2")
# shellcheck disable=SC2046
$cc -o "$tmp/hello_static" "$src/tests/install/hello.c" \
  $(pkg-config --static --cflags --libs klantwijs)
"$tmp/hello_static" "$tmp/sales.csv"
if ldd "$tmp/hello_static" | grep -q libklantwijs; then
  echo "hello_static links libklantwijs dynamically" >&2
  exit 1
fi
echo "pkg-config: shared and static builds from a relocated prefix work"
