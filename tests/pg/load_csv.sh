#!/bin/sh
# Load a delimited file into a typed table: load_csv.sh PSQL-ARGS... -- FILE
# TABLE DELIM. The header names the columns (kept as written); the values are
# copied as text and typed by kw_type_table (load.sql).
set -eu
args=""
while [ "$1" != "--" ]; do args="$args $1"; shift; done
shift
file=$1 table=$2 delim=$3
cols=$(head -n 1 "$file" | tr -d '\r' | awk -v d="$delim" '
  BEGIN { FS = d }
  { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i);
      printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i } }')
# shellcheck disable=SC2086
psql $args -c "DROP TABLE IF EXISTS kw_raw; CREATE TABLE kw_raw ($cols)" \
  -c "\\copy kw_raw FROM '$file' WITH (FORMAT csv, HEADER true, DELIMITER '$delim', NULL '')" \
  -c "DROP TABLE IF EXISTS $table; SELECT kw_type_table('kw_raw', '$table'); DROP TABLE kw_raw"
