# Bad input under --lang nl: every library error and warning in Dutch.
# Each case runs in English and in Dutch; a line of the Dutch run's
# standard error that also appears in the English run is an English
# message that was not translated and is reported as such. The Dutch
# standard error is printed (the golden stdout).
set -u
W=$OUT/in
mkdir -p $W $W/leeg $W/jaren
printf '' > $W/leeg.csv
printf 'klant;datum;bedrag\n' > $W/kop.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;"12,50\nK2;02/02/2024;3,00\n' > $W/quote.csv
printf '\377\376k\000l\000\n\000' > $W/utf16.csv
printf 'klant;datum;product\nK1;01/02/2024;A\n' > $W/geenbedrag.csv
printf 'klant,datum,bedrag\nK1,01/02/2024,"1,234"\nK2,02/02/2024,"2,500"\n' > $W/komma.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;10,00\nK2;02/02/2024;12,00\nK3;03/02/2024;9,50\n' > $W/eenmalig.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;tien\nK2;02/02/2024;12,00\n' > $W/streng.csv
printf 'naam;stad\nJan;Gent\n' > $W/leeg/klanten.csv
printf 'klant;datum;bedrag\nK1;01/12/2023;10,00\nK2;30/12/2023;5,00\n' > "$W/jaren/Verkoop 2023.csv"
printf 'klant;datum;bedrag\nK2;30/12/2023;5,00\nK3;02/01/2024;7,00\n' > "$W/jaren/Verkoop 2024.csv"
printf 'duration;observed\n5;1\n;1\n7;0\n4;1\n' > $W/duur.csv
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
run missing summary $W/bestaat_niet.csv
run folder summary $W/leeg
run empty summary $W/leeg.csv
run header_only summary $W/kop.csv
run quote summary $W/quote.csv
run utf16 summary $W/utf16.csv
run no_amount summary $W/geenbedrag.csv
run decimal_mark summary $W/komma.csv
run damaged_xlsx summary $DATA/packages/damaged.xlsx
run no_sheet summary $DATA/packages/exact.xlsx --sheet Nergens
run bad_map summary $DATA/golden/winkel.csv --map klantnummer=1
run skips summary $DATA/golden/winkel.csv
run strict summary $W/streng.csv --strict
run xlsx_cell summary $DATA/folders/bad_cell.xlsx --strict
run xlsx_skip summary $DATA/folders/bad_cell.xlsx
run analyze_no_amount analyze $W/geenbedrag.csv -o $OUT/rapport
run vat_incl summary $DATA/packages/yuki.csv --vat incl
run joined summary $W/jaren
run churn_no_repeat churn $W/eenmalig.csv
run survival_skips survival $W/duur.csv --duration duration --event observed
run profit_costs profit $DATA/value_cli --config $DATA/value_cli/kosten.conf
exit 0
