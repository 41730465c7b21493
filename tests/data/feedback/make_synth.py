#!/usr/bin/env python3
"""Write the synthetic feedback data set of tests/unit/test_feedback.c.

Everything is built by construction (no randomness), so every expected
figure follows from the counts below; expected.py works them out.

customers F001-F100: sector A (F001-F050), B (F051-F096), C (F097-F100).
transactions: one purchase a month 2023-01..2024-12; F081-F100 stop after
  2024-05 (their buying slows). The last sale is 2024-12-15.
feedback, latest answer per customer on 2024-10-15 (2024-Q4):
  F001-F040 promoters (nps 9/10, csat 5, ces 6),
  F041-F065 passives (nps 7/8, csat 4, ces 5),
  F066-F100 detractors (nps 0-6, csat 2, ces 3);
  F001-F030 also answered on 2024-04-15 (2024-Q2): nps 3, csat 2, ces 3;
  10 anonymous answers on 2024-11-20: 5 x (10, 5, 7), 5 x (2, 1, 2).
ratings (own / competitor): promoters prijs 4/3, service 5/3, competitor
  Alfa (F001-F020) or Beta (F021-F040); passives prijs 3/4, service 4/3,
  Alfa; detractors prijs 3/3, service 2/4, Beta.
comments: detractors write about late deliveries in Dutch (F066-F080),
  French (F081-F090) and English (F091-F095); F096-F099 write "Factuur
  fout." (4 comments: too few for a theme); promoters praise the friendly
  service in Dutch (F001-F020), French (F021-F030) and English with a
  name, phone number and e-mail address (F031-F040); passives say the
  price is ok.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "synth")

FIRST = ["Jan", "An", "Piet", "Els", "Koen", "Lien", "Tom", "Sara", "Wim",
         "Inge"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
        "Claes", "Goossens", "Wouters", "Dubois"]


def cid(i):
    return "F%03d" % i


def sector(i):
    return "A" if i <= 50 else "B" if i <= 96 else "C"


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "customers.csv"), "w") as f:
        f.write("klantnummer;naam;e-mail;telefoon;sector\n")
        for i in range(1, 101):
            fn, ln = FIRST[(i - 1) % 10], LAST[((i - 1) // 10) % 10]
            f.write("%s;%s %s;%s.%s@example.be;+32 470 00 %02d %02d;%s\n" %
                    (cid(i), fn, ln, fn.lower(), ln.lower(), i // 100,
                     i % 100, sector(i)))
    with open(os.path.join(OUT, "transactions.csv"), "w") as f:
        f.write("klantnummer;datum;bedrag\n")
        for y in (2023, 2024):
            for m in range(1, 13):
                for i in range(1, 101):
                    if i >= 81 and (y, m) > (2024, 5):
                        continue
                    f.write("%s;15/%02d/%d;%d,00\n" % (cid(i), m, y, 100 + i))
    nl_late = ["Levering te laat.", "De levering was opnieuw te laat!",
               "Weer te laat geleverd, spijtig.",
               "Levering te laat en onvolledig."]
    fr_late = ["Livraison en retard.",
               "La livraison est encore arrivée en retard.",
               "Toujours des retards de livraison."]
    en_late = ["Delivery was late again.", "Late delivery, again."]
    nl_good = ["Vriendelijke service en snelle hulp.",
               "Altijd vriendelijke service!"]
    fr_good = ["Service très aimable, merci.", "Un service aimable et rapide."]
    rows = []
    for i in range(1, 101):
        c = cid(i)
        if i <= 40:
            nps, cs, ce = (10 if i % 2 else 9), 5, 6
            pr, sv, comp, cpr, csv_ = 4, 5, ("Alfa" if i <= 20 else "Beta"), 3, 3
            if i <= 20:
                com = nl_good[i % 2]
            elif i <= 30:
                com = fr_good[i % 2]
            else:
                fn, ln = FIRST[(i - 1) % 10], LAST[((i - 1) // 10) % 10]
                com = ("Friendly service, thanks to %s %s; call me at "
                       "+32 475 12 34 %02d or %s.%s@example.be" %
                       (fn, ln, i, fn.lower(), ln.lower()))
        elif i <= 65:
            nps, cs, ce = (7 if i % 2 else 8), 4, 5
            pr, sv, comp, cpr, csv_ = 3, 4, "Alfa", 4, 3
            com = "Prijs is ok."
        else:
            nps, cs, ce = (i % 7), 2, 3
            pr, sv, comp, cpr, csv_ = 3, 2, "Beta", 3, 4
            if i <= 80:
                com = nl_late[i % 4]
            elif i <= 90:
                com = fr_late[i % 3]
            elif i <= 95:
                com = en_late[i % 2]
            elif i <= 99:
                com = "Factuur fout."
            else:
                com = ""
        if i <= 30:
            rows.append((c, "15/04/2024", 3, 2, 3, "", 3, 3, comp, 3, 3))
        rows.append((c, "15/10/2024", nps, cs, ce, com, pr, sv, comp, cpr,
                     csv_))
    for k in range(10):
        if k < 5:
            rows.append(("", "20/11/2024", 10, 5, 7, "", "", "", "", "", ""))
        else:
            rows.append(("", "20/11/2024", 2, 1, 2, "", "", "", "", "", ""))
    with open(os.path.join(OUT, "feedback.csv"), "w") as f:
        f.write("klantnummer;datum;nps;csat;ces;opmerking;prijs;service;"
                "concurrent;concurrent prijs;concurrent service\n")
        for r in rows:
            f.write(";".join(('"%s"' % x) if ";" in str(x) else str(x)
                             for x in r) + "\n")


if __name__ == "__main__":
    main()
