# Failures to write output, and reading options refused, under --lang nl:
# every message in Dutch. Each case runs in English and in Dutch; a line of
# the Dutch run's standard error that also appears in the English run is an
# English message that was not translated and is reported as such. The
# Dutch standard error and the exit code are printed (the golden stdout).
set -u
W=$OUT/uit
mkdir -p $W/vreemd
printf 'x\n' > $W/bestand
printf 'notities\n' > $W/vreemd/notities.txt
run() {
  name=$1; shift
  "$KW" "$@" --lang en >/dev/null 2>$OUT/en; en=$?
  "$KW" "$@" --lang nl >/dev/null 2>$OUT/nl; nl=$?
  echo "== $name (exit $nl)"
  grep -v waarschuwing $OUT/nl | sed "s|$W|UIT|g"
  [ "$en" = "$nl" ] || echo "!! exit $en in English, $nl in Dutch"
  while IFS= read -r line; do
    grep -qxF -- "$line" $OUT/en && echo "!! not translated: $line" | sed "s|$W|UIT|g"
  done < $OUT/nl
}
run "a full disk" summary "$DATA/shop" -o /dev/full
run "a file where a folder is needed" summary "$DATA/shop" -o $W/bestand/samenvatting.txt
run "a folder where a file is needed" summary "$DATA/shop" -o $W
run "a report folder under a file" analyze "$DATA/shop" -o $W/bestand/rapport
run "a report folder that is a file" analyze "$DATA/shop" -o $W/bestand
run "a report folder holding other files" analyze "$DATA/shop" -o $W/vreemd
run "the current folder as report folder" analyze "$DATA/shop" -o .
run "--date-format" summary "$DATA/shop" --date-format jjjj
run "--decimal-mark" summary "$DATA/shop" --decimal-mark ';'
run "--delimiter" summary "$DATA/shop" --delimiter '#'
run "--encoding" summary "$DATA/shop" --encoding latin-9
run "--vat" summary "$DATA/shop" --vat beide
run "--vat-rate" summary "$DATA/shop" --vat-rate 150
run "--table" summary "$DATA/shop" --table winkel=verkoop
exit 0
