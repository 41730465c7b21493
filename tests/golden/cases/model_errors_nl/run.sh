# Failures of the models and of the rule, configuration and history files
# under --lang nl: each case runs in English and in Dutch; a line of the
# Dutch standard error that also appears in the English run is an English
# message that was not translated and is reported as such. The Dutch
# standard error is printed (the golden stdout).
set -u
W=$OUT/in
mkdir -p $W
printf 'klant;datum;bedrag\nK1;01/02/2024;10,00\nK2;02/02/2024;12,00\nK3;03/02/2024;9,50\n' > $W/eenmalig.csv
printf 'frequency,recency,periods\n0,0,6\n2,7,6\n1,1,6\n' > $W/recency.csv
printf 'frequency,recency,periods\n0,0,6\n1.5,2,6\n1,1,6\n' > $W/half.csv
printf 'koffie,melk\nthee\000,suiker\n' > $W/nul.txt
printf '' > $W/leeg.txt
printf 'scale = 5\n[champions]\nr = hoog\n' > $W/segmenten.conf
printf 'margin_pct = 30\nkortingen = ja\n' > $W/kosten.conf
printf '[retain]\nvalue_score >= 3\n' > $W/acties.txt
printf '[bewaren]\nrecency_days > 90\n' > $W/actie.txt
printf 'dit is geen databank\n' > $W/geschiedenis.db
printf 'sector = bouw\nkleur = rood\n' > $W/profiel.txt
run() {
  name=$1; shift
  "$KW" "$@" --lang en >/dev/null 2>$OUT/en; en=$?
  "$KW" "$@" --lang nl >/dev/null 2>$OUT/nl; nl=$?
  echo "== $name (exit $nl)"
  # libpq's own reason (after the address) is the system's text
  sed -e "s|$W|IN|g" -e 's|\(/nonexistent\): connection to .*|\1: ...|' \
    $OUT/nl | grep -v 'waarschuwing'
  [ "$en" = "$nl" ] || echo "!! exit $en in English, $nl in Dutch"
  while IFS= read -r line; do
    grep -qxF -- "$line" $OUT/en && echo "!! not translated: $line" | sed "s|$W|IN|g"
  done < $OUT/nl
}
run clv_no_repeat clv $W/eenmalig.csv
run clv_recency clv --patterns $W/recency.csv
run clv_half_purchase clv --patterns $W/half.csv
run basket_nul basket --baskets $W/nul.txt
run basket_missing basket --baskets $W/bestaat_niet.txt
run basket_empty basket --baskets $W/leeg.txt
run rfm_rules rfm $DATA/value_cli --rules $W/segmenten.conf
run rfm_breaks rfm $DATA/value_cli --breaks-m 100,50,200,300
run rfm_breaks_count rfm $DATA/value_cli --bins 3 --breaks-f 2,3,4
run rfm_segment rfm $DATA/value_cli --segment vips
run profit_config profit $DATA/value_cli --config $W/kosten.conf
run action_metric analyze $DATA/golden/winkel.csv -o $OUT/rapport1 --rules $W/acties.txt
run action_name analyze $DATA/golden/winkel.csv -o $OUT/rapport2 --rules $W/actie.txt
run history_not_db history $W/geschiedenis.db
run analyze_history analyze $DATA/golden/winkel.csv -o $OUT/rapport3 --history $W/geschiedenis.db
run journey_stage journey $DATA/shop --stages bestaatniet,purchase
run pg_connect summary 'postgresql:///klantwijs?host=/nonexistent'
run payments_late payments $DATA/shop --slow-late 70
run payments_terms payments $DATA/shop --terms 5000
run churn_quantile churn $DATA/golden/winkel.csv --gap-quantile 0
run demo_window demo -o $OUT/demo --customers 5 --from 2024-01-10 --to 2024-01-20
run demo_file demo -o $W/leeg.txt --customers 5
run fit_profile segments $DATA/golden/winkel.csv --fit $W/profiel.txt
run patterns_cell clv --patterns $DATA/clv/patterns_bad.csv --model bgbb
exit 0
