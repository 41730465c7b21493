# Model errors under --lang nl (clv, cohorts, journey, basket, analyze):
# each case runs in English and in Dutch; a line of the Dutch standard
# error that also appears in the English run is an English message that
# was not translated and is reported as such. The Dutch standard error is
# printed.
set -u
W=$OUT/in
mkdir -p $W
printf 'klant;datum;bedrag\nK1;01/02/2024;10,00\nK2;02/02/2024;12,00\nK3;03/02/2024;9,50\n' > $W/eenmalig.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;-10,00\n' > $W/retour.csv
run() {
  name=$1; shift
  "$KW" "$@" --lang en >/dev/null 2>$OUT/en; en=$?
  "$KW" "$@" --lang nl >/dev/null 2>$OUT/nl; nl=$?
  echo "== $name (exit $nl)"
  sed "s|$W|IN|g" $OUT/nl
  [ "$en" = "$nl" ] || echo "!! exit $en in English, $nl in Dutch"
  while IFS= read -r line; do
    grep -qxF -- "$line" $OUT/en && echo "!! not translated: $line" | sed "s|$W|IN|g"
  done < $OUT/nl
}
run clv_no_repeat clv $W/eenmalig.csv --model pnbd
run cohorts_no_purchases cohorts $W/retour.csv
run analyze_no_purchases analyze $W/retour.csv -o $OUT/rapport
run journey_no_touchpoints journey $W/eenmalig.csv
run basket_no_product basket $W/eenmalig.csv
run basket_no_category basket $W/eenmalig.csv --level category
run invoices_no_column payments $W/eenmalig.csv
exit 0
