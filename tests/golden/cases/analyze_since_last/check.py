"""since_last in the second run's summary.json holds the first run's key
figures and action counts ("then"), the second run's ("now") and their
difference; the first run, with no history yet, has no since_last; the HTML
report has the section. Reads three files: run 1 and run 2 summary.json,
run 2 index.html."""
import json
import sys

r1 = json.load(open(sys.argv[1]))
r2 = json.load(open(sys.argv[2]))
html = open(sys.argv[3]).read()
print("first run without since_last:", "since_last" not in r1)
s = r2["since_last"]
print("run:", s["run"], "as_of:", s["as_of"], "=", r1["as_of"])
for k in ["customers", "active_customers", "revenue", "repeat_rate",
          "churn_rate", "clv_mean", "clv_cac", "dso", "nps"]:
    then, now = r1["headline"][k], r2["headline"][k]
    ch = s[k]["change"]
    ok = (s[k]["then"] == then and s[k]["now"] == now and
          abs(ch - (now - then)) < (0.11 if k in ("dso", "nps") else 0.011))
    print(k, "ok" if ok else "DIFFERENT %r %r %r" % (s[k], then, now))
c1 = {a["action"]: a["customers"] for a in r1["actions"]["by_action"]}
c2 = {a["action"]: a["customers"] for a in r2["actions"]["by_action"]}
for k, v in sorted(s["actions"].items()):
    ok = (v["then"] == c1.get(k, 0) and v["now"] == c2.get(k, 0) and
          v["change"] == v["now"] - v["then"])
    print("action", k, "ok" if ok else "DIFFERENT %r %r %r" % (v, c1.get(k), c2.get(k)))
print("html section:", '<section id="since-last">' in html,
      "Since the last analysis" in html)
