# survival under --lang nl: its errors and warnings in Dutch. Each case
# runs in English and in Dutch; a line of the Dutch standard error that
# also appears in the English run is an English message that was not
# translated and is reported as such. The Dutch standard error is printed.
set -u
W=$OUT/in
mkdir -p $W
printf 'klant,sector\nK1,bouw\nK2,horeca\n' > $W/klanten.csv
printf 'klant,weg,sector\nK1,ja,bouw\nK2,nee,horeca\n' > $W/weg.csv
printf 'klant;datum;bedrag\nK1;01/02/2024;10,00\nK1;01/03/2024;12,00\nK2;02/02/2024;9,50\n' > $W/verkoop.csv
# plan A: 10 subjects, left after 1, 1, 2, 3, 5 months, 5 still there
# after 6; plan B (vip ja): 6 subjects, nobody left
printf 'id,maanden,weg,plan,vip\n' > $W/plannen.csv
for m in 1 1 2 3 5; do printf 'A,%s,ja,A,nee\n' $m >> $W/plannen.csv; done
for i in 1 2 3 4 5; do printf 'A,6,nee,A,nee\n' >> $W/plannen.csv; done
for i in 1 2 3 4 5 6; do printf 'B,%s,nee,B,ja\n' $i >> $W/plannen.csv; done
printf 'id,maanden,weg,plan\n' > $W/niemand.csv
for i in 1 2 3 4 5 6; do
  printf 'A%s,%s,nee,A\nB%s,%s,nee,B\n' $i $i $i $i >> $W/niemand.csv
done
printf 'klant,maanden,weg\nK1,3,ja\nK2,-1.5,nee\nK3,4,ja\n' > $W/negatief.csv
# 1001 customers, each with its own amount
seq 1 1001 | awk 'BEGIN { print "klant,maanden,weg,bedrag" }
  { printf "K%d,%d,%s,%d.5\n", $1, 1 + $1 % 12, ($1 % 3 ? "nee" : "ja"), $1 }' > $W/veel.csv
run() {
  name=$1; shift
  "$KW" "$@" --lang en >/dev/null 2>$OUT/en; en=$?
  "$KW" "$@" --lang nl >/dev/null 2>$OUT/nl; nl=$?
  echo "== $name (exit $nl)"
  # the optimiser's convergence note (its gradient's last digits depend on
  # the platform's floating point) is not what this case is about
  grep -v 'geen convergentie' $OUT/nl | sed "s|$W|IN|g"
  [ "$en" = "$nl" ] || echo "!! exit $en in English, $nl in Dutch"
  while IFS= read -r line; do
    grep -qxF -- "$line" $OUT/en && echo "!! not translated: $line" | sed "s|$W|IN|g"
  done < $OUT/nl
}
run no_source survival --customers $W/klanten.csv
run no_contract_dates survival --customers $W/klanten.csv --contracts
run group_left_out survival $W/plannen.csv --duration maanden --event weg --by plan --model sbg
run flag_group_left_out survival $W/plannen.csv --duration maanden --event weg --by weg --model sbg
run no_group_fitted survival $W/niemand.csv --duration maanden --event weg --by plan --model sbg
run by_no_column survival $W/plannen.csv --duration maanden --event weg --by nergens
run by_no_customers survival $W/verkoop.csv --by sector
run by_no_customers_column survival $W/verkoop.csv --customers $W/klanten.csv --by nergens
run by_customer_id survival $W/veel.csv --duration maanden --event weg --by klant
run by_too_many survival $W/veel.csv --duration maanden --event weg --by bedrag
run negative_duration survival $W/negatief.csv --duration maanden --event weg
run no_duration survival --customers $W/weg.csv --event weg
run nobody_churned survival --model sbg --survivors 100,100,100
run first_period survival --model sbg --survivors 100,0,0
run empty_cohort survival --model sbg --survivors 0,0
run increase survival --model sbg --survivors 100,80,90
run not_count survival --model sbg --survivors 100,-1
exit 0
