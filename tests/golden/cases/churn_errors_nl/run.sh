# churn under --lang nl: its errors and warnings in Dutch. Each case runs
# in English and in Dutch; a line of the Dutch standard error that also
# appears in the English run is an English message that was not
# translated and is reported as such. The Dutch standard error is printed.
set -u
W=$OUT/in
mkdir -p $W
printf 'klant,sector\nK1,bouw\nK2,horeca\n' > $W/klanten.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;10,00\nK1;01/03/2024;12,00\nK2;02/02/2024;9,50\nK2;20/02/2024;4,50\n' > $W/verkoop.csv
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
run no_dates_hint churn --customers $W/klanten.csv
run no_dates churn $W/verkoop.csv --customers $W/klanten.csv --contracts --drivers
run no_churn_column churn --customers $W/klanten.csv --drivers
run no_rows churn $W/verkoop.csv --drivers
exit 0
