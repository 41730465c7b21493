# The action each customer should get under my.rules, recomputed from the
# customers.csv columns, against the action klantwijs gave.
import csv, sys
bad = 0
count = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if not r["first_purchase"]:
        want = "none"
    elif r["contribution"] and float(r["contribution"]) < 0:
        want = "reprice"
    elif float(r["revenue"]) >= 3000:
        want = "invest"
    else:
        want = "serve_low_cost"
    count[want] = count.get(want, 0) + 1
    if r["action"] != want:
        bad += 1
        print("FAIL", r["customer_id"], r["action"], want)
    if want == "invest" and not r["reason"].startswith("Spent "):
        bad += 1
        print("FAIL reason", r["customer_id"], r["reason"])
for k in sorted(count):
    print(k, count[k])
print("ok" if bad == 0 else "FAIL")
