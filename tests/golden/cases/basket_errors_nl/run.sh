# basket under --lang nl: its errors in Dutch. Each case runs in English
# and in Dutch; a line of the Dutch standard error that also appears in
# the English run is an English message that was not translated and is
# reported as such. The Dutch standard error is printed.
set -u
W=$OUT/in
mkdir -p $W/map
printf 'klant;datum;product;bedrag\nK1;01/02/2024;koffie;3,00\nK1;01/02/2024;melk;1,00\nK2;02/02/2024;koffie;3,00\nK2;02/02/2024;suiker;2,00\n' > $W/map/transactions.csv
printf 'klant;naam;sector\nK1;Jan Peeters;bouw\nK2;An Claes;horeca\n' > $W/map/customers.csv
cp $W/map/transactions.csv $W/verkoop.csv
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
run no_item basket --baskets $DATA/basket_hand.txt --min-support 2 --lhs nergens
run too_many_itemsets basket --baskets $DATA/basket_hand.txt --min-support 1 --max-itemsets 20
run segment_no_customers basket $W/verkoop.csv --penetration --segment-by sector
run segment_no_column basket $W/map --penetration --segment-by nergens
run segment_personal basket $W/map --penetration --segment-by naam
run segment_id basket $W/map --penetration --segment-by klant
run segment_no_group basket $W/map --penetration --segment-by sector
exit 0
