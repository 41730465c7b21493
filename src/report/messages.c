/*
 * messages.c — the one table of report texts, English and Dutch, and the
 * placeholder formatter.
 *
 * Each row: key (stable, dotted), English, Dutch. Placeholders are {name};
 * both languages of a row use the same set (a unit test checks this and
 * that no row is missing). Values are formatted here, not by the caller:
 * numbers with the language's marks (1,234.56 / 1.234,56), percentages,
 * money with the currency symbol (€1,234 / € 1.234) and dates (2024-03-01
 * / 01-03-2024). The Dutch is written for a Flemish business owner ("je").
 */
#include "report/messages.h"

#include <string.h>

#include "report/text.h"

typedef struct msg_row {
  const char *key, *en, *nl;
} msg_row;

static const msg_row rows[KW_MSG__COUNT] = {
    /* report chrome */
    [MSG_REPORT_TITLE] = {"report.title", "Customer report", "Klantenrapport"},
    [MSG_REPORT_SUBTITLE] = {"report.subtitle",
                             "{customers} customers, figures as of {as_of}",
                             "{customers} klanten, cijfers op {as_of}"},
    [MSG_FOOTER] = {"report.footer",
                    "Made with klantwijs {version} from your own files; "
                    "nothing in this page comes from the internet.",
                    "Gemaakt met klantwijs {version} uit je eigen bestanden; "
                    "niets op deze pagina komt van het internet."},
    [MSG_CONTENTS] = {"report.contents", "Contents", "Inhoud"},
    [MSG_PRINT_HINT] = {"report.print_hint",
                        "Print this page (or save it as PDF) from your "
                        "browser; every section starts on a new page.",
                        "Druk deze pagina af (of bewaar ze als PDF) vanuit je "
                        "browser; elke sectie begint op een nieuwe pagina."},
    [MSG_FILTER_PLACEHOLDER] = {"report.filter", "Filter rows…",
                                "Rijen filteren…"},
    [MSG_SORT_HINT] = {"report.sort_hint", "Click a column header to sort.",
                       "Klik op een kolomkop om te sorteren."},

    /* sections */
    [MSG_SEC_HEADLINE] = {"section.headline", "Key figures", "Kerncijfers"},
    [MSG_SEC_ACTIONS] = {"section.actions", "Action plan", "Actieplan"},
    [MSG_SEC_VALUE] = {"section.value", "Who brings in the revenue",
                       "Wie brengt de omzet binnen"},
    [MSG_SEC_PROFIT] = {"section.profit", "Who brings in the profit",
                        "Wie brengt de winst binnen"},
    [MSG_SEC_RFM] = {"section.rfm", "Customer segments (RFM)",
                     "Klantsegmenten (RFM)"},
    [MSG_SEC_CLV] = {"section.clv", "Customer value ahead (CLV)",
                     "Toekomstige klantwaarde (CLV)"},
    [MSG_SEC_RETENTION] = {"section.retention", "Retention and churn",
                           "Klantbehoud en verloop"},
    [MSG_SEC_PAYMENTS] = {"section.payments", "Payment behaviour",
                          "Betaalgedrag"},
    [MSG_SEC_CROSS_SELL] = {"section.cross_sell", "Cross-selling",
                            "Kruisverkoop"},
    [MSG_SEC_FEEDBACK] = {"section.feedback", "Customer feedback",
                          "Klantfeedback"},
    [MSG_SEC_QUALITY] = {"section.quality", "Data quality", "Datakwaliteit"},
    [MSG_SEC_STEPS] = {"section.steps", "What was analysed",
                       "Wat werd geanalyseerd"},
    [MSG_SEC_TRENDS] = {"section.trends", "Revenue trend",
                        "Verloop van de omzet"},
    [MSG_SEC_JOURNEY] = {"section.journey", "Customer journey", "Klantreis"},
    [MSG_SEC_REFERRALS] = {"section.referrals", "Referrals and influencers",
                           "Aanbrengers"},
    [MSG_SEC_ACQUISITION] = {"section.acquisition",
                             "Acquisition channels and discounts",
                             "Wervingskanalen en kortingen"},

    /* key figures */
    [MSG_KPI_CUSTOMERS] = {"kpi.customers", "Customers", "Klanten"},
    [MSG_KPI_ACTIVE] = {"kpi.active", "Active customers", "Actieve klanten"},
    [MSG_KPI_REVENUE] = {"kpi.revenue", "Revenue", "Omzet"},
    [MSG_KPI_REPEAT] = {"kpi.repeat_rate", "Repeat rate", "Herhaalaankopen"},
    [MSG_KPI_CHURN] = {"kpi.churn_rate", "Churn rate", "Verloop"},
    [MSG_KPI_CLV] = {"kpi.clv", "Average CLV", "Gemiddelde CLV"},
    [MSG_KPI_CLV_CAC] = {"kpi.clv_cac", "CLV / CAC", "CLV / CAC"},
    [MSG_KPI_DSO] = {"kpi.dso", "DSO", "DSO"},
    [MSG_KPI_NPS] = {"kpi.nps", "NPS", "NPS"},
    [MSG_KPI_CAC] = {"kpi.cac", "Acquisition cost (CAC)",
                     "Acquisitiekost (CAC)"},
    [MSG_HINT_CUSTOMERS] = {"hint.customers", "bought at least once",
                            "kochten minstens één keer"},
    [MSG_HINT_ACTIVE] = {"hint.active", "not churned at {as_of}",
                         "niet verloren op {as_of}"},
    [MSG_HINT_REVENUE] = {"hint.revenue", "net of returns, {from} – {to}",
                          "na retours, {from} – {to}"},
    [MSG_HINT_REPEAT] = {"hint.repeat", "customers who ordered twice or more",
                         "klanten die twee keer of meer bestelden"},
    [MSG_HINT_CHURN] = {"hint.churn",
                        "of customers active 12 months ago left since",
                        "van de klanten die 12 maanden geleden actief waren, "
                        "is sindsdien vertrokken"},
    [MSG_HINT_CHURN_ALL] = {"hint.churn_all",
                            "of all customers have left; less than a year "
                            "of data",
                            "van alle klanten is vertrokken; minder dan een "
                            "jaar gegevens"},
    [MSG_HINT_CLV] = {"hint.clv",
                      "expected margin per customer, next {months} months",
                      "verwachte marge per klant, komende {months} "
                      "maanden"},
    [MSG_HINT_CLV_REVENUE] = {"hint.clv_revenue",
                              "expected revenue per customer, next {months} "
                              "months; no cost data for a margin",
                              "verwachte omzet per klant, komende {months} "
                              "maanden; geen kostgegevens voor een marge"},
    [MSG_HINT_CLV_UNCHECKED] = {"hint.clv_unchecked",
                                "expected margin per customer, next {months} "
                                "months, from a purchase model that failed "
                                "its checks: indicative only",
                                "verwachte marge per klant, komende {months} "
                                "maanden, uit een aankoopmodel dat de "
                                "controles niet doorstond: enkel indicatief"},
    [MSG_HINT_CLV_REVENUE_UNCHECKED] = {
        "hint.clv_revenue_unchecked",
        "expected revenue per customer, next {months} months, from a "
        "purchase model that failed its checks: indicative only; no cost "
        "data for a margin",
        "verwachte omzet per klant, komende {months} maanden, uit een "
        "aankoopmodel dat de controles niet doorstond: enkel indicatief; "
        "geen kostgegevens voor een marge"},
    [MSG_HINT_CLV_CAC] = {"hint.clv_cac",
                          "lifetime value per {currency} of acquisition cost "
                          "(CAC {cac})",
                          "levenslange waarde per {currency} acquisitiekost "
                          "(CAC {cac})"},
    [MSG_HINT_DSO] = {"hint.dso", "days of sales outstanding",
                      "dagen openstaand klantenkrediet"},
    [MSG_HINT_NPS] = {"hint.nps", "from {n} customers who answered",
                      "van {n} klanten die antwoordden"},
    [MSG_NOT_AVAILABLE] = {"kpi.not_available", "not available",
                           "niet beschikbaar"},

    /* steps */
    [MSG_STEP_SUMMARY] = {"step.summary", "Customer summary",
                          "Klantoverzicht"},
    [MSG_STEP_QUALITY] = {"step.quality", "Data quality", "Datakwaliteit"},
    [MSG_STEP_PROFIT] = {"step.profit", "Profit per customer",
                         "Winst per klant"},
    [MSG_STEP_PARETO] = {"step.pareto", "Revenue concentration (Pareto, ABC)",
                         "Omzetconcentratie (Pareto, ABC)"},
    [MSG_STEP_RFM] = {"step.rfm", "RFM segments", "RFM-segmenten"},
    [MSG_STEP_CLV] = {"step.clv", "CLV model", "CLV-model"},
    [MSG_STEP_CHURN] = {"step.churn", "Churn and survival",
                        "Verloop en overleving"},
    [MSG_STEP_COHORTS] = {"step.cohorts", "Cohort retention",
                          "Cohortbehoud"},
    [MSG_STEP_PAYMENTS] = {"step.payments", "Payment behaviour",
                           "Betaalgedrag"},
    [MSG_STEP_CROSS_SELL] = {"step.cross_sell",
                             "Cross-sell rules and next-best product",
                             "Kruisverkoopregels en volgend beste product"},
    [MSG_STEP_FEEDBACK] = {"step.feedback", "NPS", "NPS"},
    [MSG_STEP_ACQUISITION] = {"step.acquisition", "Acquisition cost",
                              "Acquisitiekost"},
    [MSG_STEP_ACTIONS] = {"step.actions", "Action plan", "Actieplan"},
    [MSG_STEP_TRENDS] = {"step.trends", "Revenue trend and bridge",
                         "Omzetverloop en omzetbrug"},
    [MSG_STEP_JOURNEY] = {"step.journey", "Customer journey", "Klantreis"},
    [MSG_STEP_REFERRALS] = {"step.referrals", "Referrals", "Aanbrengers"},
    [MSG_STATUS_RAN] = {"status.ran", "done", "gedaan"},
    [MSG_STATUS_LIMITED] = {"status.limited", "done, with limits",
                            "gedaan, met beperkingen"},
    [MSG_STATUS_SKIPPED] = {"status.skipped", "not possible",
                            "niet mogelijk"},
    [MSG_STATUS_FAILED] = {"status.failed", "failed", "mislukt"},
    [MSG_STEPS_INTRO] = {"steps.intro",
                         "Every analysis the data allow was run. Where a "
                         "table or column was missing, the table below says "
                         "what it ruled out.",
                         "Elke analyse die de gegevens toelaten, werd "
                         "uitgevoerd. Waar een tabel of kolom ontbrak, zegt "
                         "de tabel hieronder wat daardoor niet kon."},
    [MSG_STEPS_ALL_RAN] = {"steps.all_ran",
                           "Every analysis could run on your data.",
                           "Elke analyse kon op je gegevens draaien."},

    /* step notes */
    [MSG_NOTE_NO_TABLE] = {"note.no_table",
                           "no {table} table (a file such as {files})",
                           "geen tabel {table} (een bestand zoals {files})"},
    [MSG_NOTE_NO_COLUMN] = {"note.no_column",
                            "the {table} table has no {column} column",
                            "de tabel {table} heeft geen kolom {column}"},
    [MSG_NOTE_NO_COST] = {"note.no_cost",
                          "no cost or margin column and no assumed margin "
                          "(--margin PCT): profit per customer is unknown "
                          "for {n} customers",
                          "geen kolom met kostprijs of marge en geen "
                          "aangenomen marge (--margin PCT): de winst is "
                          "onbekend voor {n} klanten"},
    [MSG_NOTE_UNPRICED] = {"note.unpriced",
                           "{rows} cost rows have neither an amount nor a "
                           "rate (--rate TYPE=AMOUNT) and count as 0",
                           "{rows} kostenregels hebben geen bedrag en geen "
                           "tarief (--rate SOORT=BEDRAG) en tellen als 0"},
    [MSG_NOTE_COSTS_UNUSABLE] = {"note.costs_unusable",
                                 "the costs table was left out: {error}",
                                 "de kostentabel werd niet gebruikt: "
                                 "{error}"},
    [MSG_NOTE_FEW_REPEAT] = {"note.few_repeat",
                             "too few repeat buyers for a CLV model ({n}; "
                             "at least {min} needed)",
                             "te weinig herhaalklanten voor een CLV-model "
                             "({n}; minstens {min} nodig)"},
    [MSG_NOTE_NO_HOLDOUT] = {"note.no_holdout",
                             "no holdout check: the data cover only {days} "
                             "days",
                             "geen controle op een testperiode: de gegevens "
                             "beslaan maar {days} dagen"},
    [MSG_NOTE_FIT_FAILED] = {"note.fit_failed",
                             "the model could not be fitted: {error}",
                             "het model kon niet geschat worden: {error}"},
    [MSG_NOTE_NOT_CONVERGED] = {"note.not_converged",
                                "the model fit did not fully converge; read "
                                "its predictions with care",
                                "de schatting van het model convergeerde "
                                "niet volledig; lees de voorspellingen met "
                                "voorzichtigheid"},
    [MSG_NOTE_NO_SPEND_MODEL] = {"note.no_spend_model",
                                 "no spend model ({error}); CLV uses each "
                                 "customer's average order value",
                                 "geen bestedingsmodel ({error}); de CLV "
                                 "gebruikt de gemiddelde orderwaarde per "
                                 "klant"},
    [MSG_NOTE_ERROR] = {"note.error", "{error}", "{error}"},
    [MSG_NOTE_NO_ITEMS] = {"note.no_items",
                           "the transactions table has no product or "
                           "category column",
                           "de transactietabel heeft geen kolom met product "
                           "of categorie"},
    [MSG_NOTE_NO_RULES] = {"note.no_rules",
                           "no product pair is bought together often enough "
                           "for a rule",
                           "geen productpaar wordt vaak genoeg samen gekocht "
                           "voor een regel"},
    [MSG_NOTE_NO_RESPONSES] = {"note.no_responses",
                               "no scores up to the as-of date",
                               "geen scores tot de peildatum"},
    [MSG_NOTE_NO_VALUES] = {"note.no_values",
                            "the {column} column has no values",
                            "de kolom {column} heeft geen waarden"},
    [MSG_NOTE_POTENTIAL_RFM] = {"note.potential_rfm",
                                "without a CLV model, potential comes from "
                                "the RFM recency and frequency scores",
                                "zonder CLV-model komt het potentieel uit de "
                                "RFM-scores voor recentheid en frequentie"},
    [MSG_NOTE_POTENTIAL_CHECKS] = {"note.potential_checks",
                                   "no purchase model passed its checks, so "
                                   "potential comes from the RFM scores for "
                                   "recency and frequency, not from CLV",
                                   "geen aankoopmodel doorstond de controles, "
                                   "dus komt het potentieel uit de RFM-scores "
                                   "voor recentheid en frequentie, niet uit "
                                   "de CLV"},
    [MSG_NOTE_GAP_RULE] = {"note.gap_rule",
                           "churn follows the gap rule: no purchase for "
                           "more than {gap} days",
                           "verloop volgt de regel: langer dan {gap} dagen "
                           "geen aankoop"},
    [MSG_NOTE_PENDING] = {"note.pending", "not run", "niet uitgevoerd"},

    /* actions */
    [MSG_ACT_NONE] = {"action.none", "No action", "Geen actie"},
    [MSG_ACT_INVEST] = {"action.invest", "Invest", "Investeren"},
    [MSG_ACT_DEVELOP] = {"action.develop", "Develop / cross-sell",
                         "Ontwikkelen / kruisverkoop"},
    [MSG_ACT_RETAIN] = {"action.retain", "Retain", "Behouden"},
    [MSG_ACT_WIN_BACK] = {"action.win_back", "Win back", "Terugwinnen"},
    [MSG_ACT_SERVE_LOW_COST] = {"action.serve_low_cost", "Serve at low cost",
                                "Goedkoop bedienen"},
    [MSG_ACT_REPRICE] = {"action.reprice", "Reprice or phase out",
                         "Herprijzen of afbouwen"},
    [MSG_ACT_COLLECT] = {"action.collect_first", "Collect first",
                         "Eerst innen"},
    [MSG_ACTD_NONE] = {"action_desc.none", "No purchases up to the as-of date.",
                       "Geen aankopen tot de peildatum."},
    [MSG_ACTD_INVEST] = {"action_desc.invest",
                         "High value and high potential: give them your best "
                         "people, priority and a reason to buy more.",
                         "Hoge waarde en hoog potentieel: geef ze je beste "
                         "mensen, voorrang en een reden om meer te kopen."},
    [MSG_ACTD_DEVELOP] = {"action_desc.develop",
                          "Potential to grow: offer the next-best product "
                          "they do not buy from you yet.",
                          "Groeipotentieel: bied het volgende beste product "
                          "aan dat ze nog niet bij jou kopen."},
    [MSG_ACTD_RETAIN] = {"action_desc.retain",
                         "Valuable and at risk: call them, ask what is "
                         "missing, fix it before they leave.",
                         "Waardevol en in gevaar: bel ze, vraag wat er "
                         "ontbreekt en los het op voor ze vertrekken."},
    [MSG_ACTD_WIN_BACK] = {"action_desc.win_back",
                           "Valuable and probably gone: a personal message "
                           "and an offer to come back.",
                           "Waardevol en waarschijnlijk vertrokken: een "
                           "persoonlijk bericht en een aanbod om terug te "
                           "komen."},
    [MSG_ACTD_SERVE_LOW_COST] = {"action_desc.serve_low_cost",
                                 "Low value, low potential: serve them well "
                                 "through cheap channels (web shop, "
                                 "e-mail), no account management.",
                                 "Lage waarde, laag potentieel: bedien ze "
                                 "goed via goedkope kanalen (webshop, "
                                 "e-mail), zonder accountbeheer."},
    [MSG_ACTD_REPRICE] = {"action_desc.reprice",
                          "They cost more than they bring: raise prices, cut "
                          "discounts or service, or let them go.",
                          "Ze kosten meer dan ze opbrengen: verhoog prijzen, "
                          "schrap kortingen of service, of laat ze gaan."},
    [MSG_ACTD_COLLECT] = {"action_desc.collect_first",
                          "Payment risk: collect what is open before you "
                          "deliver or sell more.",
                          "Betalingsrisico: int wat openstaat voor je nog "
                          "levert of meer verkoopt."},
    [MSG_STAKE_NONE] = {"stake.none", "–", "–"},
    [MSG_STAKE_INVEST] = {"stake.invest", "expected value (CLV)",
                          "verwachte waarde (CLV)"},
    [MSG_STAKE_DEVELOP] = {"stake.develop",
                           "expected margin of the next-best product, else "
                           "CLV",
                           "verwachte marge van het volgende beste product, "
                           "anders CLV"},
    [MSG_STAKE_RETAIN] = {"stake.retain", "revenue per year",
                          "omzet per jaar"},
    [MSG_STAKE_WIN_BACK] = {"stake.win_back", "revenue per year while active",
                            "omzet per jaar toen ze actief waren"},
    [MSG_STAKE_SERVE_LOW_COST] = {"stake.serve_low_cost",
                                  "cost to serve (what cheaper service saves)",
                                  "kosten om te bedienen (wat goedkoper "
                                  "bedienen bespaart)"},
    [MSG_STAKE_REPRICE] = {"stake.reprice", "loss (negative contribution)",
                           "verlies (negatieve bijdrage)"},
    [MSG_STAKE_COLLECT] = {"stake.collect_first", "open invoices",
                           "openstaande facturen"},

    /* reasons of the built-in rules */
    [MSG_WHY_COLLECT_PROBLEM] = {"why.collect_problem",
                                 "Pays late ({days_late} days late on "
                                 "average); {open} is open, {overdue} "
                                 "overdue.",
                                 "Betaalt laat (gemiddeld {days_late} dagen "
                                 "te laat); {open} staat open, {overdue} "
                                 "vervallen."},
    [MSG_WHY_COLLECT_OVERDUE] = {"why.collect_overdue",
                                 "{overdue} overdue, the oldest invoice "
                                 "{days_overdue} days past due.",
                                 "{overdue} vervallen, de oudste factuur "
                                 "{days_overdue} dagen over tijd."},
    [MSG_WHY_REPRICE] = {"why.reprice",
                         "Revenue {revenue} but contribution {contribution} "
                         "after cost of goods and service.",
                         "Omzet {revenue} maar bijdrage {contribution} na "
                         "kostprijs en service."},
    [MSG_WHY_WIN_BACK] = {"why.win_back",
                          "Top {value_top} by {value_measure} "
                          "({value_amount}) but no purchase for {recency} "
                          "days.",
                          "Top {value_top} in {value_measure} "
                          "({value_amount}) maar al {recency} dagen geen "
                          "aankoop."},
    [MSG_WHY_RETAIN_AT_RISK] = {"why.retain_at_risk",
                                "Top {value_top} by {value_measure} "
                                "({value_amount}); "
                                "{recency} days since the last purchase, "
                                "longer than usual.",
                                "Top {value_top} in {value_measure} "
                                "({value_amount}); "
                                "{recency} dagen sinds de laatste aankoop, "
                                "langer dan gewoonlijk."},
    [MSG_WHY_RETAIN_COMPETITOR] = {"why.retain_competitor",
                                   "Rates {competitor} higher on "
                                   "{dimension} ({theirs} against {own} for "
                                   "you) and buys at most half as often as "
                                   "before.",
                                   "Geeft {competitor} een hogere score op "
                                   "{dimension} ({theirs} tegenover {own} "
                                   "voor u) en koopt hoogstens half zo vaak "
                                   "als voordien."},
    [MSG_WHY_ALSO_COMPETITOR] = {"why.also_competitor",
                                 "Rates {competitor} higher on {dimension} "
                                 "({theirs} against {own} for you).",
                                 "Geeft {competitor} een hogere score op "
                                 "{dimension} ({theirs} tegenover {own} voor "
                                 "u)."},
    [MSG_WHY_INVEST] = {"why.invest",
                        "Top {value_top} by {value_measure} "
                        "({value_amount}) and expected to bring {clv} in the "
                        "coming period.",
                        "Top {value_top} in {value_measure} "
                        "({value_amount}) en zal naar "
                        "verwachting {clv} opbrengen in de komende periode."},
    [MSG_WHY_RETAIN_LOW_POTENTIAL] = {"why.retain_low_potential",
                                      "Top {value_top} by {value_measure} "
                                      "({value_amount}) "
                                      "but buying less: still active with "
                                      "probability {p_alive}.",
                                      "Top {value_top} in {value_measure} "
                                      "({value_amount}) "
                                      "maar koopt minder: nog actief met "
                                      "kans {p_alive}."},
    [MSG_WHY_RETAIN_INFLUENCER] = {"why.retain_influencer",
                                   "Brought {referrals} customers who "
                                   "bought, worth {referral_value} "
                                   "(referral value): keep and thank them, "
                                   "with a personal thank-you or a "
                                   "referral reward.",
                                   "Bracht {referrals} klanten aan die "
                                   "kochten, samen {referral_value} waard "
                                   "(aanbrengwaarde): houd ze vast en "
                                   "bedank ze, persoonlijk of met een "
                                   "aanbrengbeloning."},
    [MSG_WHY_WIN_BACK_INFLUENCER] = {"why.win_back_influencer",
                                     "Brought {referrals} customers who "
                                     "bought, worth {referral_value} "
                                     "(referral value), but no purchase for "
                                     "{recency} days: thank them and invite "
                                     "them back.",
                                     "Bracht {referrals} klanten aan die "
                                     "kochten, samen {referral_value} waard "
                                     "(aanbrengwaarde), maar kocht al "
                                     "{recency} dagen niet: bedank ze en "
                                     "nodig ze opnieuw uit."},
    [MSG_WHY_DEVELOP_PRODUCT] = {"why.develop_product",
                                 "Expected to bring {clv}; offer "
                                 "{product}.",
                                 "Zal naar verwachting {clv} opbrengen; "
                                 "bied {product} aan."},
    [MSG_WHY_DEVELOP] = {"why.develop",
                         "Above-average potential: expected to bring {clv}; "
                         "no product to recommend (no product data or no "
                         "rule for this customer).",
                         "Bovengemiddeld potentieel: zal naar verwachting "
                         "{clv} opbrengen; geen product om aan te raden "
                         "(geen productgegevens of geen regel voor deze "
                         "klant)."},
    [MSG_WHY_SERVE] = {"why.serve",
                       "Not in the top 20% by {value_measure} "
                       "({value_amount} so far) and no sign of growth: "
                       "serve efficiently.",
                       "Niet in de top 20% in {value_measure} (tot nu "
                       "{value_amount}) en geen teken van groei: efficiënt "
                       "bedienen."},
    [MSG_WHY_NONE] = {"why.none", "No purchases up to the as-of date.",
                      "Geen aankopen tot de peildatum."},
    /* the same rules when potential comes from recency and frequency (no
       purchase model, or none passed its checks): the reason quotes them */
    [MSG_WHY_INVEST_RFM] = {"why.invest_rfm",
                            "Top {value_top} by {value_measure} "
                            "({value_amount}) and top {potential_top} by "
                            "recency and frequency ({orders} orders, the "
                            "last {recency} days before the as-of date).",
                            "Top {value_top} in {value_measure} "
                            "({value_amount}) en top {potential_top} in "
                            "recentheid en frequentie ({orders} bestellingen, "
                            "de laatste {recency} dagen voor de peildatum)."},
    [MSG_WHY_RETAIN_LOW_POTENTIAL_RFM] = {
        "why.retain_low_potential_rfm",
        "Top {value_top} by {value_measure} ({value_amount}) but buying "
        "less: in the lower half by recency and frequency (the last "
        "purchase {recency} days before the as-of date).",
        "Top {value_top} in {value_measure} ({value_amount}) maar koopt "
        "minder: in de onderste helft in recentheid en frequentie (de "
        "laatste aankoop {recency} dagen voor de peildatum)."},
    [MSG_WHY_DEVELOP_PRODUCT_RFM] = {
        "why.develop_product_rfm",
        "Top {potential_top} by recency and frequency ({orders} orders, the "
        "last {recency} days before the as-of date); offer {product}.",
        "Top {potential_top} in recentheid en frequentie ({orders} "
        "bestellingen, de laatste {recency} dagen voor de peildatum); bied {product} "
        "aan."},
    [MSG_WHY_DEVELOP_RFM] = {
        "why.develop_rfm",
        "Top {potential_top} by recency and frequency ({orders} orders, the "
        "last {recency} days before the as-of date); no product to recommend (no product data "
        "or no rule for this customer).",
        "Top {potential_top} in recentheid en frequentie ({orders} "
        "bestellingen, de laatste {recency} dagen voor de peildatum); geen product om "
        "aan te raden (geen productgegevens of geen regel voor deze klant)."},

    /* action plan */
    [MSG_ACTIONS_INTRO] = {"actions.intro",
                           "Every customer gets one action, from value (what "
                           "they brought) and potential (what they are "
                           "expected to bring). The first rule that fits "
                           "decides; the reason is in customers.xlsx, one "
                           "sheet per action.",
                           "Elke klant krijgt één actie, uit waarde (wat ze "
                           "opbrachten) en potentieel (wat ze naar "
                           "verwachting opbrengen). De eerste regel die past, "
                           "beslist; de reden staat in customers.xlsx, één "
                           "blad per actie."},
    [MSG_XLSX_NO_FULL_SHEET] = {"xlsx.no_full_sheet",
                                "This workbook has no sheet of every "
                                "customer: {n} customers are more than "
                                "{max}. customers.csv lists every customer.",
                                "Deze werkmap heeft geen blad met alle "
                                "klanten: {n} klanten zijn er meer dan "
                                "{max}. customers.csv bevat elke klant."},
    [MSG_XLSX_ACTION_CAPPED] = {"xlsx.action_capped",
                                "Each action sheet lists at most {max} "
                                "customers, highest money at stake first; "
                                "customers.csv lists every customer.",
                                "Elk actieblad toont hoogstens {max} "
                                "klanten, hoogste bedrag op het spel eerst; "
                                "customers.csv bevat elke klant."},
    [MSG_ACTIONS_CONSENT] = {"actions.consent",
                             "Marketing lists leave out {n} customers "
                             "without marketing consent.",
                             "Marketinglijsten laten {n} klanten zonder "
                             "toestemming voor marketing weg."},
    [MSG_ACTIONS_NO_CONSENT_COL] = {"actions.no_consent_column",
                                    "The customers table has no marketing "
                                    "consent column: check consent before "
                                    "you use the marketing lists.",
                                    "De klantentabel heeft geen kolom met "
                                    "toestemming voor marketing: controleer "
                                    "de toestemming voor je de "
                                    "marketinglijsten gebruikt."},
    [MSG_ACTIONS_TOP] = {"actions.top",
                         "Top {n} by money at stake ({stake})",
                         "Top {n} volgens het bedrag op het spel ({stake})"},
    [MSG_ACTIONS_EMPTY] = {"actions.empty", "No customers.", "Geen klanten."},
    [MSG_ACTIONS_MORE] = {"actions.more",
                          "{n} more in customers.xlsx.",
                          "Nog {n} in customers.xlsx."},
    [MSG_ACTIONS_RULES_BUILTIN] = {"actions.rules_builtin",
                                   "Rules: the built-in table (klantwijs "
                                   "analyze --rules-template shows it; "
                                   "--rules FILE replaces it).",
                                   "Regels: de ingebouwde tabel (klantwijs "
                                   "analyze --rules-template toont ze; "
                                   "--rules BESTAND vervangt ze)."},
    [MSG_ACTIONS_RULES_FILE] = {"actions.rules_file",
                                "Rules: your own rule file.",
                                "Regels: je eigen regelbestand."},
    [MSG_READ_ACTIONS] = {"read.actions",
                          "{n_invest} customers to invest in, {n_retain} to "
                          "keep, {n_win_back} to win back; {at_risk} of "
                          "{measure} per year is with customers to keep or "
                          "win back.",
                          "{n_invest} klanten om in te investeren, "
                          "{n_retain} om te behouden, {n_win_back} om terug "
                          "te winnen; {at_risk} {measure} per jaar zit bij "
                          "klanten om te behouden of terug te winnen."},

    /* readings */
    [MSG_READ_PARETO] = {"read.pareto",
                         "{top_share} of your customers bring {rev_share} of "
                         "your revenue.",
                         "{top_share} van je klanten brengt {rev_share} van "
                         "je omzet binnen."},
    [MSG_READ_PARETO_TARGET] = {"read.pareto_target",
                                "{k} customers ({k_share} of all) bring 80% "
                                "of your revenue.",
                                "{k} klanten ({k_share} van alle) brengen "
                                "80% van je omzet binnen."},
    [MSG_WARN_TOP1] = {"warn.top1",
                       "Dependency: your largest customer brings {share} of "
                       "your revenue.",
                       "Afhankelijkheid: je grootste klant brengt {share} van "
                       "je omzet binnen."},
    [MSG_WARN_TOP5] = {"warn.top5",
                       "Dependency: your five largest customers bring {share} "
                       "of your revenue.",
                       "Afhankelijkheid: je vijf grootste klanten brengen "
                       "{share} van je omzet binnen."},
    [MSG_READ_GINI] = {"read.gini",
                       "Concentration (Gini) {gini}: 0 is every customer "
                       "equal, 1 is one customer brings everything.",
                       "Concentratie (Gini) {gini}: 0 is elke klant gelijk, "
                       "1 is één klant brengt alles."},
    [MSG_READ_WHALE] = {"read.whale",
                        "Your most profitable {peak_share} of customers earn "
                        "{peak_pct} of your total profit; the other customers "
                        "give {given_back} of it back.",
                        "Je meest winstgevende {peak_share} van de klanten "
                        "verdient {peak_pct} van je totale winst; de andere "
                        "klanten geven daarvan {given_back} terug."},
    [MSG_READ_WHALE_NONE] = {"read.whale_none",
                             "Total contribution is not positive, so there "
                             "is no profit curve to draw.",
                             "De totale bijdrage is niet positief, dus er is "
                             "geen winstcurve."},
    [MSG_READ_WHALE_FLAT] = {"read.whale_flat",
                             "Nearly every customer adds to your profit: the "
                             "curve barely rises above {peak_pct} of the "
                             "total.",
                             "Bijna elke klant draagt bij aan je winst: de "
                             "curve komt nauwelijks boven {peak_pct} van het "
                             "totaal."},
    [MSG_READ_LOSS] = {"read.loss",
                       "{n} customers ({share}) cost more than they bring: "
                       "{loss} together.",
                       "{n} klanten ({share}) kosten meer dan ze opbrengen: "
                       "samen {loss}."},
    [MSG_READ_LARGE_LOSS] = {"read.large_loss",
                             "{n} of them are among your largest customers "
                             "by revenue.",
                             "{n} van hen horen bij je grootste klanten in "
                             "omzet."},
    [MSG_READ_PROFIT_PARTIAL] = {"read.profit_partial",
                                 "Profit is known for {known} of {active} "
                                 "customers; the rest is left out.",
                                 "De winst is gekend voor {known} van "
                                 "{active} klanten; de rest blijft buiten "
                                 "beschouwing."},
    [MSG_READ_RFM] = {"read.rfm",
                      "{segment} ({share} of your customers) bring "
                      "{rev_share} of your revenue.",
                      "{segment} ({share} van je klanten) brengen {rev_share} "
                      "van je omzet binnen."},
    [MSG_READ_RFM_GRID] = {"read.rfm_grid",
                           "Each cell is a recency score (up: recent) and a "
                           "frequency-and-money score (right: often and "
                           "much); the number is how many customers sit "
                           "there.",
                           "Elke cel is een score voor recentheid (boven: "
                           "recent) en voor frequentie en bedrag (rechts: "
                           "vaak en veel); het getal is het aantal klanten "
                           "in die cel."},
    [MSG_READ_CLV] = {"read.clv",
                      "Your {n} customers are expected to bring {total} of "
                      "{what} in the next {months} months; {top_share} of "
                      "it from the top 20%.",
                      "Je {n} klanten brengen naar verwachting {total} {what} "
                      "op in de komende {months} maanden; {top_share} "
                      "daarvan komt van de top 20%."},
    [MSG_READ_CLV_CHECK] = {"read.clv_check",
                            "Checked on the last {days} days, which the "
                            "model did not see: it expected {predicted} "
                            "repeat purchases, there were {actual}.",
                            "Gecontroleerd op de laatste {days} dagen, die "
                            "het model niet zag: het verwachtte {predicted} "
                            "herhaalaankopen, er waren er {actual}."},
    [MSG_READ_PALIVE] = {"read.palive",
                         "A customer with {x} repeat purchases whose last "
                         "one was {weeks} weeks ago is still active with "
                         "probability {p}. Frequent buyers who bought "
                         "recently (top left) are safe; frequent buyers who "
                         "went quiet (top right) are probably gone.",
                         "Een klant met {x} herhaalaankopen van wie de "
                         "laatste {weeks} weken geleden was, is nog actief "
                         "met kans {p}. Frequente kopers die onlangs nog "
                         "kochten (linksboven) zijn veilig; frequente kopers "
                         "die stil vielen (rechtsboven) zijn wellicht weg."},
    [MSG_READ_COHORT] = {"read.cohort",
                         "Of the customers you acquire, {m1} buy again in "
                         "the next {period}; {k} {periods} after their first "
                         "purchase {mk} still buy.",
                         "Van de klanten die je wint, koopt {m1} opnieuw in "
                         "de volgende {period}; {k} {periods} na hun eerste "
                         "aankoop kopen er nog {mk}."},
    [MSG_READ_COHORT_NONE] = {"read.cohort_none",
                              "Too little history for cohort retention.",
                              "Te weinig geschiedenis voor cohortbehoud."},
    [MSG_READ_SURVIVAL] = {"read.survival",
                           "Half of your customers stay longer than "
                           "{median} months.",
                           "De helft van je klanten blijft langer dan "
                           "{median} maanden."},
    [MSG_READ_SURVIVAL_NOT_REACHED] = {"read.survival_not_reached",
                                       "More than half of your customers are "
                                       "still active after {months} months.",
                                       "Meer dan de helft van je klanten is "
                                       "na {months} maanden nog actief."},
    [MSG_READ_CHURN] = {"read.churn",
                        "{churned} customers ({share} of all customers) "
                        "count as left today ({basis}); {at_risk} more are "
                        "at risk.",
                        "{churned} klanten ({share} van alle klanten) "
                        "gelden vandaag als vertrokken ({basis}); nog "
                        "{at_risk} zijn in gevaar."},
    [MSG_READ_CHURN_BASIS_GAP] = {"read.churn_basis_gap", "gap rule",
                                  "regel van de pauze"},
    [MSG_READ_CHURN_BASIS_P_ALIVE] = {"read.churn_basis_p_alive",
                                      "by the gap rule and P(active)",
                                      "volgens de regel van de pauze en "
                                      "P(actief)"},
    [MSG_READ_PAYMENTS] = {"read.payments",
                           "Customers pay {days} days after the invoice on "
                           "average; {late} of invoices are paid late.",
                           "Klanten betalen gemiddeld {days} dagen na de "
                           "factuur; {late} van de facturen wordt te laat "
                           "betaald."},
    [MSG_READ_AGEING] = {"read.ageing",
                         "{overdue} is overdue, {over90} of it for more than "
                         "90 days.",
                         "{overdue} is vervallen, waarvan {over90} al meer "
                         "dan 90 dagen."},
    [MSG_READ_RULE] = {"read.rule",
                       "Customers who buy {lhs} also buy {rhs} in {conf} of "
                       "cases, {lift} times more often than customers in "
                       "general.",
                       "Klanten die {lhs} kopen, kopen in {conf} van de "
                       "gevallen ook {rhs}, {lift} keer vaker dan klanten in "
                       "het algemeen."},
    [MSG_READ_NO_RULE] = {"read.no_rule",
                          "No strong enough cross-sell rule was found.",
                          "Er werd geen voldoende sterke kruisverkoopregel "
                          "gevonden."},
    [MSG_READ_NPS] = {"read.nps",
                      "NPS {nps}: {promoters} promoters and {detractors} "
                      "detractors among the {n} customers who answered.",
                      "NPS {nps}: {promoters} promotors en {detractors} "
                      "criticasters onder de {n} klanten die antwoordden."},
    [MSG_READ_QUALITY] = {"read.quality",
                          "{used} of {read} transaction lines were used.",
                          "{used} van {read} transactielijnen werden "
                          "gebruikt."},
    [MSG_READ_QUALITY_ISSUES] = {"read.quality_issues",
                                 "Check the lines flagged below before you "
                                 "act on the figures.",
                                 "Controleer de lijnen hieronder voor je op "
                                 "de cijfers handelt."},
    [MSG_READ_CAC] = {"read.cac",
                      "Acquiring a customer costs {cac} on average; a "
                      "customer brings {ltv} of margin over a lifetime "
                      "(so far plus expected), {ratio} times the cost.",
                      "Een klant winnen kost gemiddeld {cac}; een klant "
                      "brengt {ltv} marge op over zijn levensduur (tot nu "
                      "plus verwacht), {ratio} keer de kost."},
    [MSG_READ_SMALL_GROUPS] = {"read.small_groups",
                               "Groups of fewer than {n} customers are not "
                               "shown on their own: they are merged into "
                               "\"{other}\" when that group reaches {n}.",
                               "Groepen van minder dan {n} klanten staan er "
                               "niet apart: ze zijn samengevoegd in "
                               "\"{other}\" als die groep er {n} telt."},
    [MSG_READ_COHORT_SMALL] = {"read.cohort_small",
                               "Cohorts of fewer than {min} customers ({n}) "
                               "are merged into \"{other}\" when that group "
                               "has {min} or more, and always count in "
                               "\"{all}\".",
                               "Cohorten van minder dan {min} klanten ({n}) "
                               "zijn samengevoegd in \"{other}\" als die "
                               "groep er {min} of meer telt, en tellen altijd "
                               "mee in \"{all}\"."},

    /* charts */
    [MSG_CHART_PARETO] = {"chart.pareto", "Revenue concentration (Pareto curve)",
                          "Omzetconcentratie (Paretocurve)"},
    [MSG_CHART_WHALE] = {"chart.whale", "Cumulative profit (whale curve)",
                         "Cumulatieve winst (walviscurve)"},
    [MSG_CHART_RFM_GRID] = {"chart.rfm_grid", "RFM segment grid",
                            "RFM-segmentenrooster"},
    [MSG_CHART_CLV_CHECK] = {"chart.clv_check",
                             "Model check: calibration versus holdout",
                             "Modelcontrole: kalibratie tegenover testperiode"},
    [MSG_CHART_PALIVE] = {"chart.palive",
                          "Probability still active by frequency and recency",
                          "Kans nog actief volgens frequentie en recentheid"},
    [MSG_CHART_COHORT] = {"chart.cohort", "Cohort retention",
                          "Cohortbehoud"},
    [MSG_CHART_SURVIVAL] = {"chart.survival",
                            "Customer survival (Kaplan-Meier)",
                            "Klantoverleving (Kaplan-Meier)"},
    [MSG_CHART_AGEING] = {"chart.ageing", "Open invoices by age",
                          "Openstaande facturen volgens ouderdom"},
    [MSG_CHART_ACTIONS] = {"chart.actions", "Customers per action",
                           "Klanten per actie"},
    [MSG_AXIS_CUSTOMER_SHARE] = {"axis.customer_share",
                                 "share of customers, largest first",
                                 "aandeel klanten, grootste eerst"},
    [MSG_AXIS_REVENUE_SHARE] = {"axis.revenue_share", "share of revenue",
                                "aandeel omzet"},
    [MSG_AXIS_PROFIT_SHARE] = {"axis.profit_share", "share of total profit",
                               "aandeel totale winst"},
    [MSG_AXIS_RECENCY_SCORE] = {"axis.recency_score", "recency score (R)",
                                "recentheidsscore (R)"},
    [MSG_AXIS_FM_SCORE] = {"axis.fm_score",
                           "frequency and money score (FM)",
                           "score frequentie en bedrag (FM)"},
    [MSG_AXIS_REPEAT_CAL] = {"axis.repeat_cal",
                             "repeat purchases before the holdout",
                             "herhaalaankopen voor de testperiode"},
    [MSG_AXIS_REPEAT_HOLDOUT] = {"axis.repeat_holdout",
                                 "average purchases in the holdout",
                                 "gemiddelde aankopen in de testperiode"},
    [MSG_AXIS_FREQUENCY] = {"axis.frequency", "repeat purchases",
                            "herhaalaankopen"},
    [MSG_AXIS_RECENCY_WEEKS] = {"axis.recency_weeks",
                                "weeks since the last purchase",
                                "weken sinds de laatste aankoop"},
    [MSG_AXIS_COHORT] = {"axis.cohort", "first purchase in",
                         "eerste aankoop in"},
    [MSG_AXIS_MONTHS_SINCE] = {"axis.months_since",
                               "months since the first purchase",
                               "maanden sinds de eerste aankoop"},
    [MSG_AXIS_QUARTERS_SINCE] = {"axis.quarters_since",
                                 "quarters since the first purchase",
                                 "kwartalen sinds de eerste aankoop"},
    [MSG_AXIS_STILL_ACTIVE] = {"axis.still_active", "still a customer",
                               "nog klant"},
    [MSG_AXIS_MONTHS] = {"axis.months", "months", "maanden"},
    [MSG_AXIS_DAYS_PAST_DUE] = {"axis.days_past_due", "days past due",
                                "dagen over tijd"},
    [MSG_AXIS_AMOUNT] = {"axis.amount", "amount", "bedrag"},
    [MSG_AXIS_CUSTOMERS] = {"axis.customers", "customers", "klanten"},
    [MSG_LEGEND_ACTUAL] = {"legend.actual", "actual", "werkelijk"},
    [MSG_LEGEND_PREDICTED] = {"legend.predicted", "model", "model"},
    [MSG_LEGEND_EQUALITY] = {"legend.equality", "all customers equal",
                             "alle klanten gelijk"},
    [MSG_LEGEND_CI] = {"legend.ci", "95% interval", "95%-interval"},
    [MSG_LEGEND_BEST] = {"legend.best", "peak", "piek"},

    /* table headers and words */
    [MSG_COL_CUSTOMER] = {"col.customer", "Customer", "Klant"},
    [MSG_COL_NAME] = {"col.name", "Name", "Naam"},
    [MSG_COL_ACTION] = {"col.action", "Action", "Actie"},
    [MSG_COL_REASON] = {"col.reason", "Reason", "Reden"},
    [MSG_COL_AT_STAKE] = {"col.at_stake", "At stake", "Op het spel"},
    [MSG_COL_REVENUE] = {"col.revenue", "Revenue", "Omzet"},
    [MSG_COL_CONTRIBUTION] = {"col.contribution", "Contribution", "Bijdrage"},
    [MSG_COL_CLV] = {"col.clv", "CLV", "CLV"},
    [MSG_COL_P_ALIVE] = {"col.p_alive", "P(active)", "P(actief)"},
    [MSG_COL_STATUS] = {"col.status", "Status", "Status"},
    [MSG_COL_SEGMENT] = {"col.segment", "Segment", "Segment"},
    [MSG_COL_CUSTOMERS] = {"col.customers", "Customers", "Klanten"},
    [MSG_COL_SHARE] = {"col.share", "Share", "Aandeel"},
    [MSG_COL_REVENUE_SHARE] = {"col.revenue_share", "Revenue share",
                               "Aandeel omzet"},
    [MSG_COL_RECENCY] = {"col.recency", "Recency (days)",
                         "Recentheid (dagen)"},
    [MSG_COL_ORDERS] = {"col.orders", "Orders", "Bestellingen"},
    [MSG_COL_MONETARY] = {"col.monetary", "Revenue per customer",
                          "Omzet per klant"},
    [MSG_COL_SEGMENT_ACTION] = {"col.segment_action", "What to do",
                                "Wat te doen"},
    [MSG_COL_CLASS] = {"col.class", "Class", "Klasse"},
    [MSG_COL_COHORT] = {"col.cohort", "Cohort", "Cohort"},
    [MSG_COL_SIZE] = {"col.size", "Size", "Grootte"},
    [MSG_COL_IF] = {"col.if", "Customers who buy", "Klanten die kopen"},
    [MSG_COL_THEN] = {"col.then", "also buy", "kopen ook"},
    [MSG_COL_CONFIDENCE] = {"col.confidence", "Confidence", "Betrouwbaarheid"},
    [MSG_COL_LIFT] = {"col.lift", "Lift", "Lift"},
    [MSG_COL_SUPPORT] = {"col.support", "Support", "Steun"},
    [MSG_COL_BASKETS] = {"col.baskets", "Customers", "Klanten"},
    [MSG_COL_BUCKET] = {"col.bucket", "Age", "Ouderdom"},
    [MSG_COL_AMOUNT] = {"col.amount", "Amount", "Bedrag"},
    [MSG_COL_FIGURE] = {"col.figure", "Figure", "Cijfer"},
    [MSG_COL_VALUE] = {"col.value", "Value", "Waarde"},
    [MSG_COL_STEP] = {"col.step", "Analysis", "Analyse"},
    [MSG_COL_RESULT] = {"col.result", "Result", "Resultaat"},
    [MSG_COL_NOTE] = {"col.note", "Note", "Opmerking"},
    [MSG_COL_PARAMETER] = {"col.parameter", "Parameter", "Parameter"},
    [MSG_COL_ESTIMATE] = {"col.estimate", "Estimate", "Schatting"},
    [MSG_COL_DAYS_TO_PAY] = {"col.days_to_pay", "Days to pay",
                             "Dagen tot betaling"},
    [MSG_COL_DAYS_LATE] = {"col.days_late", "Days late", "Dagen te laat"},
    [MSG_COL_OPEN] = {"col.open", "Open", "Open"},
    [MSG_COL_OVERDUE] = {"col.overdue", "Overdue", "Vervallen"},
    [MSG_COL_NEXT_BEST] = {"col.next_best", "Next-best product",
                           "Volgend beste product"},
    [MSG_COL_TOTAL] = {"col.total", "Total", "Totaal"},
    [MSG_COL_ORDER_VALUE] = {"col.order_value", "Average order",
                             "Gemiddelde order"},
    [MSG_WORD_OTHER] = {"word.other", "other", "overige"},
    [MSG_WORD_ACTIVE] = {"word.active", "active", "actief"},
    [MSG_WORD_AT_RISK] = {"word.at_risk", "at risk", "in gevaar"},
    [MSG_WORD_CHURNED] = {"word.churned", "churned", "vertrokken"},
    [MSG_WORD_NO_PURCHASE] = {"word.no_purchase", "no purchase",
                              "geen aankoop"},
    [MSG_WORD_FAST] = {"word.fast", "pays on time", "betaalt op tijd"},
    [MSG_WORD_SLOW] = {"word.slow", "pays slowly", "betaalt traag"},
    [MSG_WORD_PROBLEMATIC] = {"word.problematic", "problem payer",
                              "probleembetaler"},
    [MSG_WORD_NOT_DUE] = {"word.not_due", "not yet due", "nog niet vervallen"},
    [MSG_WORD_MARGIN] = {"word.margin", "margin", "marge"},
    [MSG_WORD_REVENUE] = {"word.revenue", "revenue", "omzet"},
    [MSG_WORD_ALL] = {"word.all", "all", "alle"},
    [MSG_WORD_YES] = {"word.yes", "yes", "ja"},
    [MSG_WORD_NO] = {"word.no", "no", "nee"},
    [MSG_WORD_FEWER] = {"word.fewer", "fewer than {n}", "minder dan {n}"},
    [MSG_WORD_PROMOTERS] = {"word.promoters", "promoters (9-10)",
                            "promotors (9-10)"},
    [MSG_WORD_PASSIVES] = {"word.passives", "passives (7-8)",
                           "passieven (7-8)"},
    [MSG_WORD_DETRACTORS] = {"word.detractors", "detractors (0-6)",
                             "criticasters (0-6)"},

    /* figures */
    [MSG_FIG_MODEL] = {"fig.model", "Model", "Model"},
    [MSG_FIG_CUSTOMERS_FIT] = {"fig.customers_fit", "Customers in the fit",
                               "Klanten in de schatting"},
    [MSG_FIG_HOLDOUT] = {"fig.holdout", "Holdout period",
                         "Testperiode"},
    [MSG_FIG_HORIZON] = {"fig.horizon", "Horizon", "Horizon"},
    [MSG_FIG_MARGIN_USED] = {"fig.margin_used", "Margin used for CLV",
                             "Marge gebruikt voor CLV"},
    [MSG_FIG_CONVERGED] = {"fig.converged", "Fit converged",
                           "Schatting geconvergeerd"},
    [MSG_FIG_MAE] = {"fig.mae", "Mean absolute error per customer",
                     "Gemiddelde absolute fout per klant"},
    [MSG_FIG_PREDICTED_TOTAL] = {"fig.predicted_total",
                                 "Predicted repeat purchases in the holdout",
                                 "Voorspelde herhaalaankopen in de "
                                 "testperiode"},
    [MSG_FIG_ACTUAL_TOTAL] = {"fig.actual_total",
                              "Actual repeat purchases in the holdout",
                              "Werkelijke herhaalaankopen in de testperiode"},
    [MSG_FIG_LINES_READ] = {"fig.lines_read", "Transaction lines read",
                            "Transactielijnen gelezen"},
    [MSG_FIG_LINES_USED] = {"fig.lines_used", "Lines used",
                            "Lijnen gebruikt"},
    [MSG_FIG_LINES_SKIPPED] = {"fig.lines_skipped",
                               "Lines skipped (unreadable)",
                               "Lijnen overgeslagen (onleesbaar)"},
    [MSG_FIG_LINES_AFTER] = {"fig.lines_after",
                             "Lines after the as-of date (left out)",
                             "Lijnen na de peildatum (weggelaten)"},
    [MSG_FIG_DUPLICATES] = {"fig.duplicates", "Exact duplicate lines",
                            "Exact dubbele lijnen"},
    [MSG_FIG_NEGATIVE] = {"fig.negative", "Returns and credit notes",
                          "Retours en creditnota's"},
    [MSG_FIG_EXTREME] = {"fig.extreme", "Extreme amounts",
                         "Extreme bedragen"},
    [MSG_FIG_PERIOD] = {"fig.period", "Period", "Periode"},
    [MSG_FIG_NOT_IN_TABLE] = {"fig.not_in_table",
                              "Buying customers missing from the customers "
                              "table",
                              "Kopende klanten die niet in de klantentabel "
                              "staan"},
    [MSG_FIG_NEVER_BOUGHT] = {"fig.never_bought",
                              "Customers in the table who never bought",
                              "Klanten in de tabel die nooit kochten"},
    [MSG_FIG_DSO] = {"fig.dso", "Days of sales outstanding (DSO)",
                     "Klantenkrediet in dagen (DSO)"},
    [MSG_FIG_OPEN] = {"fig.open", "Open invoices", "Openstaande facturen"},
    [MSG_FIG_OVERDUE] = {"fig.overdue", "Overdue", "Vervallen"},
    [MSG_FIG_LATE_SHARE] = {"fig.late_share", "Invoices paid late",
                            "Facturen te laat betaald"},
    [MSG_FIG_DATA_ERRORS] = {"fig.data_errors", "Invoice rows with errors",
                             "Factuurregels met fouten"},
    [MSG_FIG_GAP] = {"fig.gap", "Churned after (days without a purchase)",
                     "Vertrokken na (dagen zonder aankoop)"},
    [MSG_FIG_MEDIAN_LIFETIME] = {"fig.median_lifetime",
                                 "Median customer lifetime",
                                 "Mediane klantlevensduur"},
    [MSG_FIG_GINI] = {"fig.gini", "Gini coefficient", "Gini-coëfficiënt"},
    [MSG_FIG_TOP1] = {"fig.top1", "Largest customer", "Grootste klant"},
    [MSG_FIG_TOP5] = {"fig.top5", "Five largest customers",
                      "Vijf grootste klanten"},
    [MSG_FIG_TOP10] = {"fig.top10", "Ten largest customers",
                       "Tien grootste klanten"},
    [MSG_FIG_CONTRIBUTION] = {"fig.contribution", "Total contribution",
                              "Totale bijdrage"},
    [MSG_FIG_MARGIN] = {"fig.margin", "Contribution margin",
                        "Bijdragemarge"},
    [MSG_FIG_SERVE] = {"fig.serve", "Cost to serve", "Kosten om te bedienen"},
    [MSG_FIG_LOSS_CUSTOMERS] = {"fig.loss_customers",
                                "Customers with a loss",
                                "Klanten met verlies"},
    [MSG_FIG_COST_SOURCE] = {"fig.cost_source", "Cost of goods from",
                             "Kostprijs uit"},
    [MSG_FIG_RESPONSES] = {"fig.responses", "Customers who answered",
                           "Klanten die antwoordden"},
    [MSG_FIG_CAC_CUSTOMERS] = {"fig.cac_customers",
                               "Customers with a known acquisition cost",
                               "Klanten met gekende acquisitiekost"},

    /* console */
    /* segments, clusters, personas, fit */
    [MSG_KW_REGION_UNKNOWN] = {"region.unknown", "unknown region",
                               "onbekende regio"},
    [MSG_KW_REGION_FLANDERS] = {"region.flanders", "Flanders", "Vlaanderen"},
    [MSG_KW_REGION_WALLONIA] = {"region.wallonia", "Wallonia", "Wallonië"},
    [MSG_KW_REGION_BRUSSELS] = {"region.brussels", "Brussels", "Brussel"},
    [MSG_KW_REGION_NETHERLANDS] = {"region.netherlands", "the Netherlands",
                                   "Nederland"},
    [MSG_KW_PROV_UNKNOWN] = {"province.unknown", "unknown province",
                             "onbekende provincie"},
    [MSG_KW_PROV_BE_BRUSSELS] = {"province.be_brussels", "Brussels",
                                 "Brussel"},
    [MSG_KW_PROV_BE_ANTWERP] = {"province.be_antwerp", "Antwerp",
                                "Antwerpen"},
    [MSG_KW_PROV_BE_LIMBURG] = {"province.be_limburg", "Limburg (BE)",
                                "Limburg (BE)"},
    [MSG_KW_PROV_BE_EAST_FLANDERS] = {"province.be_east_flanders",
                                      "East Flanders", "Oost-Vlaanderen"},
    [MSG_KW_PROV_BE_WEST_FLANDERS] = {"province.be_west_flanders",
                                      "West Flanders", "West-Vlaanderen"},
    [MSG_KW_PROV_BE_FLEMISH_BRABANT] = {"province.be_flemish_brabant",
                                        "Flemish Brabant", "Vlaams-Brabant"},
    [MSG_KW_PROV_BE_WALLOON_BRABANT] = {"province.be_walloon_brabant",
                                        "Walloon Brabant", "Waals-Brabant"},
    [MSG_KW_PROV_BE_HAINAUT] = {"province.be_hainaut", "Hainaut",
                                "Henegouwen"},
    [MSG_KW_PROV_BE_LIEGE] = {"province.be_liege", "Liège", "Luik"},
    [MSG_KW_PROV_BE_LUXEMBOURG] = {"province.be_luxembourg", "Luxembourg",
                                   "Luxemburg"},
    [MSG_KW_PROV_BE_NAMUR] = {"province.be_namur", "Namur", "Namen"},
    [MSG_KW_PROV_NL_GRONINGEN] = {"province.nl_groningen", "Groningen",
                                  "Groningen"},
    [MSG_KW_PROV_NL_FRIESLAND] = {"province.nl_friesland", "Friesland",
                                  "Friesland"},
    [MSG_KW_PROV_NL_DRENTHE] = {"province.nl_drenthe", "Drenthe", "Drenthe"},
    [MSG_KW_PROV_NL_OVERIJSSEL] = {"province.nl_overijssel", "Overijssel",
                                   "Overijssel"},
    [MSG_KW_PROV_NL_FLEVOLAND] = {"province.nl_flevoland", "Flevoland",
                                  "Flevoland"},
    [MSG_KW_PROV_NL_GELDERLAND] = {"province.nl_gelderland", "Gelderland",
                                   "Gelderland"},
    [MSG_KW_PROV_NL_UTRECHT] = {"province.nl_utrecht", "Utrecht", "Utrecht"},
    [MSG_KW_PROV_NL_NORTH_HOLLAND] = {"province.nl_north_holland",
                                      "North Holland", "Noord-Holland"},
    [MSG_KW_PROV_NL_SOUTH_HOLLAND] = {"province.nl_south_holland",
                                      "South Holland", "Zuid-Holland"},
    [MSG_KW_PROV_NL_ZEELAND] = {"province.nl_zeeland", "Zeeland", "Zeeland"},
    [MSG_KW_PROV_NL_NORTH_BRABANT] = {"province.nl_north_brabant",
                                      "North Brabant", "Noord-Brabant"},
    [MSG_KW_PROV_NL_LIMBURG] = {"province.nl_limburg", "Limburg (NL)",
                                "Limburg (NL)"},
    [MSG_SEGA_SECTOR] = {"segattr.sector", "Sector", "Sector"},
    [MSG_SEGA_SIZE] = {"segattr.size", "Size", "Grootte"},
    [MSG_SEGA_TYPE] = {"segattr.type", "Customer type", "Klanttype"},
    [MSG_SEGA_REGION] = {"segattr.region", "Region", "Regio"},
    [MSG_SEGA_PROVINCE] = {"segattr.province", "Province", "Provincie"},
    [MSG_SEGA_CHANNEL] = {"segattr.channel", "Acquisition channel",
                          "Acquisitiekanaal"},
    [MSG_SEGA_TENURE] = {"segattr.tenure", "Tenure", "Klant sinds"},
    [MSG_SEGA_PAY_CLASS] = {"segattr.pay_class", "Payment behaviour",
                            "Betaalgedrag"},
    [MSG_SEGA_RFM] = {"segattr.rfm", "RFM segment", "RFM-segment"},
    [MSG_SEGA_ABC] = {"segattr.abc", "ABC class", "ABC-klasse"},
    [MSG_SEGA_CATEGORIES] = {"segattr.categories", "Product categories",
                             "Productcategorieën"},
    [MSG_SEGA_VALUE] = {"segattr.value", "Value", "Waarde"},
    [MSG_SEGA_CLUSTER] = {"segattr.cluster", "Behavioural group",
                          "Gedragsgroep"},
    [MSG_SEGV_UNKNOWN] = {"segvalue.unknown", "unknown", "onbekend"},
    [MSG_SEGV_TENURE_LT1] = {"segvalue.tenure_lt1", "less than a year",
                             "minder dan een jaar"},
    [MSG_SEGV_TENURE_1_2] = {"segvalue.tenure_1_2", "1 to 2 years",
                             "1 tot 2 jaar"},
    [MSG_SEGV_TENURE_2_5] = {"segvalue.tenure_2_5", "2 to 5 years",
                             "2 tot 5 jaar"},
    [MSG_SEGV_TENURE_5PLUS] = {"segvalue.tenure_5plus", "5 years or more",
                               "5 jaar of meer"},
    [MSG_SEGV_CAT_1] = {"segvalue.categories_1", "1 category",
                        "1 categorie"},
    [MSG_SEGV_CAT_2] = {"segvalue.categories_2", "2 categories",
                        "2 categorieën"},
    [MSG_SEGV_CAT_3_4] = {"segvalue.categories_3_4", "3 or 4 categories",
                          "3 of 4 categorieën"},
    [MSG_SEGV_CAT_5PLUS] = {"segvalue.categories_5plus",
                            "5 or more categories", "5 of meer categorieën"},
    [MSG_SEGV_VALUE_TOP] = {"segvalue.value_top20", "top 20% by value",
                            "top 20% in waarde"},
    [MSG_SEGV_VALUE_MIDDLE] = {"segvalue.value_middle30", "next 30% by value",
                               "volgende 30% in waarde"},
    [MSG_SEGV_VALUE_BOTTOM] = {"segvalue.value_bottom50",
                               "bottom 50% by value", "onderste 50% in waarde"},
    [MSG_SEGV_PAY_NONE] = {"segvalue.pay_none", "no invoices",
                           "geen facturen"},
    [MSG_SEGV_CLUSTER] = {"segvalue.cluster", "group {n}", "groep {n}"},
    [MSG_PK_LOYAL] = {"persona.loyal", "Loyal", "Trouwe"},
    [MSG_PK_BIG_SPENDERS] = {"persona.big_spenders", "Big-spending",
                             "Grote"},
    [MSG_PK_NEW] = {"persona.new", "New", "Nieuwe"},
    [MSG_PK_DORMANT] = {"persona.dormant", "Dormant", "Slapende"},
    [MSG_PK_OCCASIONAL] = {"persona.occasional", "Occasional",
                           "Occasionele"},
    [MSG_PK_LATE_PAYERS] = {"persona.late_payers", "Late-paying",
                            "Laat betalende"},
    [MSG_PK_DISCOUNT] = {"persona.discount_seekers", "Discount-seeking",
                         "Kortingsgevoelige"},
    [MSG_PK_BROAD] = {"persona.broad_buyers", "Broad-buying",
                      "Breed kopende"},
    [MSG_PK_LOW_MARGIN] = {"persona.low_margin", "Low-margin",
                           "Weinig renderende"},
    [MSG_PK_STEADY] = {"persona.steady", "Steady", "Gewone"},
    [MSG_PERSONA_NAME] = {"persona.name", "{kind} customers{sector}{size}{place}",
                          "{kind} klanten{sector}{size}{place}"},
    [MSG_PERSONA_SECTOR] = {"persona.sector", " in {sector}",
                            " uit {sector}"},
    [MSG_PERSONA_SIZE] = {"persona.size", " ({size})", " ({size})"},
    [MSG_PERSONA_SIZE_STAFF] = {"persona.size_staff",
                                " with {size} employees",
                                " met {size} werknemers"},
    [MSG_PERSONA_PLACE] = {"persona.place", " around {place}",
                           " rond {place}"},
    [MSG_FEAT_RECENCY] = {"feature.log_recency", "days since the last purchase",
                          "dagen sinds de laatste aankoop"},
    [MSG_FEAT_FREQUENCY] = {"feature.log_frequency", "orders", "bestellingen"},
    [MSG_FEAT_MONETARY] = {"feature.log_monetary", "revenue", "omzet"},
    [MSG_FEAT_TENURE] = {"feature.tenure", "days as a customer",
                         "dagen klant"},
    [MSG_FEAT_MARGIN] = {"feature.margin", "margin", "marge"},
    [MSG_FEAT_CATEGORIES] = {"feature.categories", "product categories",
                             "productcategorieën"},
    [MSG_FEAT_DAYS_LATE] = {"feature.days_late", "days paid late",
                            "dagen te laat betaald"},
    [MSG_FEAT_DISCOUNT] = {"feature.discount_share", "discount share",
                           "kortingsaandeel"},
    [MSG_FEAT_NPS] = {"feature.nps", "recommendation score (0-10)",
                      "aanbevelingsscore (0-10)"},
    [MSG_TRAIT_ATTR] = {"trait.attr",
                        "{attr}: {value}: {count} customers ({share} of the "
                        "group), {lift} times the average",
                        "{attr}: {value}: {count} klanten ({share} van de "
                        "groep), {lift} keer het gemiddelde"},
    [MSG_TRAIT_HIGHER] = {"trait.higher",
                          "{feature} above average: median {median} against "
                          "{overall} over all customers",
                          "{feature} boven het gemiddelde: mediaan {median} "
                          "tegenover {overall} over alle klanten"},
    [MSG_TRAIT_LOWER] = {"trait.lower",
                         "{feature} below average: median {median} against "
                         "{overall} over all customers",
                         "{feature} onder het gemiddelde: mediaan {median} "
                         "tegenover {overall} over alle klanten"},
    [MSG_SEC_SEGMENTS] = {"section.segments", "Segments and personas",
                          "Segmenten en persona's"},
    [MSG_READ_CLUSTERS] = {"read.clusters",
                           "By their buying behaviour your customers fall "
                           "into {k} groups. The number of groups was chosen "
                           "by the silhouette ({silhouette}) on a random "
                           "sample of {sample} of {customers} customers "
                           "(seed {seed}); sector, size and region describe "
                           "the groups but do not form them.",
                           "Volgens hun koopgedrag vallen je klanten in {k} "
                           "groepen. Het aantal groepen is gekozen met de "
                           "silhouetscore ({silhouette}) op een willekeurige "
                           "steekproef van {sample} van {customers} klanten "
                           "(seed {seed}); sector, grootte en regio "
                           "beschrijven de groepen maar vormen ze niet."},
    [MSG_READ_CLUSTERS_FIXED] = {"read.clusters_fixed",
                                 "By their buying behaviour your customers "
                                 "fall into {k} groups (fixed; silhouette "
                                 "{silhouette} on a random sample of {sample} "
                                 "of {customers} customers, seed {seed}).",
                                 "Volgens hun koopgedrag vallen je klanten in "
                                 "{k} groepen (vast gekozen; silhouetscore "
                                 "{silhouette} op een willekeurige steekproef "
                                 "van {sample} van {customers} klanten, seed "
                                 "{seed})."},
    [MSG_READ_NO_CLUSTERS] = {"read.no_clusters",
                              "Too few customers to form behavioural groups "
                              "(at least {min} are needed).",
                              "Te weinig klanten om gedragsgroepen te vormen "
                              "(er zijn er minstens {min} nodig)."},
    [MSG_READ_SEGMENTS] = {"read.segments",
                           "{segment} is your largest segment by {attr}: "
                           "{share} of your revenue from {customers} "
                           "customers.",
                           "{segment} is je grootste segment volgens "
                           "{attr}: {share} van je omzet van {customers} "
                           "klanten."},
    [MSG_CHART_SEGMENT_VALUE] = {"chart.segment_value",
                                 "Share of customers and of revenue by {attr}",
                                 "Aandeel in klanten en in omzet per {attr}"},
    [MSG_CARD_CUSTOMERS] = {"card.customers",
                            "{customers} customers ({share} of customers)",
                            "{customers} klanten ({share} van de klanten)"},
    [MSG_CARD_REVENUE] = {"card.revenue", "Share of revenue",
                          "Aandeel in de omzet"},
    [MSG_CARD_PROFIT] = {"card.profit", "Share of profit",
                         "Aandeel in de winst"},
    [MSG_CARD_ORDERS_YEAR] = {"card.orders_year", "Orders a year (median)",
                              "Bestellingen per jaar (mediaan)"},
    [MSG_CARD_BASKET] = {"card.basket", "Per order (median)",
                         "Per bestelling (mediaan)"},
    [MSG_CARD_CATEGORIES] = {"card.categories", "Favourite categories",
                             "Favoriete categorieën"},
    [MSG_CARD_CHANNEL] = {"card.channel", "Came in through",
                          "Binnengekomen via"},
    [MSG_CARD_PAYMENT] = {"card.payment", "Payment", "Betaling"},
    [MSG_CARD_NPS] = {"card.nps", "Satisfaction (NPS)",
                      "Tevredenheid (NPS)"},
    [MSG_CARD_THEMES] = {"card.themes", "In their comments",
                         "In hun opmerkingen"},
    [MSG_CARD_THEME_COMPLAINT] = {"card.theme_complaint",
                                  "complaint \"{label}\" in {n} of "
                                  "{of} comments",
                                  "klacht \"{label}\" in {n} van "
                                  "{of} opmerkingen"},
    [MSG_CARD_THEME_PRAISE] = {"card.theme_praise",
                               "praise \"{label}\" in {n} of {of} "
                               "comments",
                               "lof \"{label}\" in {n} van {of} "
                               "opmerkingen"},
    [MSG_CARD_CHURN_RISK] = {"card.churn_risk", "At risk or gone",
                             "Risico of weg"},
    [MSG_CARD_CLV] = {"card.clv", "Expected value (CLV)",
                      "Verwachte waarde (CLV)"},
    [MSG_CARD_FIT] = {"card.fit", "Strategic fit", "Strategische fit"},
    [MSG_CARD_TRAITS] = {"card.traits", "What sets them apart",
                         "Wat hen onderscheidt"},
    [MSG_CARD_APPROACH] = {"card.approach",
                           "Approach: {action} ({share} of this group in the "
                           "action plan). {desc}",
                           "Aanpak: {action} ({share} van deze groep in het "
                           "actieplan). {desc}"},
    [MSG_CARD_OTHER] = {"card.other",
                        "{count} customers in groups of fewer than {min} are "
                        "not shown as a persona.",
                        "{count} klanten in groepen van minder dan {min} "
                        "worden niet als persona getoond."},
    [MSG_COL_CHURN_RATE] = {"col.churn_rate", "Churn rate", "Verloop"},
    [MSG_COL_NPS] = {"col.nps", "NPS", "NPS"},
    [MSG_COL_FIT] = {"col.fit", "Fit", "Fit"},
    [MSG_COL_CONTRIB_SHARE] = {"col.contribution_share",
                               "Share of contribution",
                               "Aandeel in de bijdrage"},
    [MSG_COL_CLV_SHARE] = {"col.clv_share", "Share of CLV",
                           "Aandeel in de CLV"},
    [MSG_COL_CLV_MEAN] = {"col.clv_mean", "CLV per customer",
                          "CLV per klant"},
    [MSG_ACT_GOODBYE] = {"action.goodbye", "Say goodbye strategically",
                         "Zeg strategisch gedag"},
    [MSG_ACTD_GOODBYE] = {"action_desc.goodbye",
                          "They do not fit where you want to go, bring "
                          "little and cost attention: stop selling to them "
                          "actively, move them to self-service or a partner, "
                          "or part ways with a friendly word.",
                          "Ze passen niet bij waar je naartoe wil, brengen "
                          "weinig op en kosten aandacht: verkoop niet meer "
                          "actief, verwijs ze naar zelfbediening of een "
                          "partner, of neem vriendelijk afscheid."},
    [MSG_STAKE_GOODBYE] = {"stake.goodbye",
                           "cost to serve (the attention they take)",
                           "kosten om te bedienen (de aandacht die ze "
                           "vragen)"},
    [MSG_WHY_GOODBYE_MARGIN] = {"why.goodbye_margin",
                                "Strategic fit {fit}, low value ({revenue} so "
                                "far) and a thin margin ({margin}).",
                                "Strategische fit {fit}, lage waarde (tot nu "
                                "{revenue}) en een dunne marge ({margin})."},
    [MSG_WHY_GOODBYE_LATE] = {"why.goodbye_late",
                              "Strategic fit {fit}, low value ({revenue} so "
                              "far) and pays {days_late} days late on "
                              "average.",
                              "Strategische fit {fit}, lage waarde (tot nu "
                              "{revenue}) en betaalt gemiddeld {days_late} "
                              "dagen te laat."},
    [MSG_WHY_INVEST_FIT] = {"why.invest_fit",
                            "Strategic fit {fit} and potential (top "
                            "{potential_top}): expected to bring {clv}; "
                            "worth investing in before it is a top "
                            "customer.",
                            "Strategische fit {fit} en potentieel (top "
                            "{potential_top}): zal naar verwachting {clv} "
                            "opbrengen; de moeite om in te investeren nog "
                            "voor het een topklant is."},
    [MSG_FIT_TEMPLATE] = {"fit.template",
        "# Ideal customer profile for klantwijs (--fit FILE).\n"
        "# State what fits your long-term strategy; delete what does not\n"
        "# matter. A customer's fit is the weighted share of these criteria\n"
        "# it meets, over the criteria that can be checked for it.\n"
        "# Lists are separated by commas and compared without regard to case.\n"
        "\n"
        "# sectors, company sizes and customer types as your customer list\n"
        "# writes them\n"
        "sector = Bouw, Industrie\n"
        "size = 10-49, 50-249\n"
        "# type = bedrijf\n"
        "\n"
        "# regions (flanders, wallonia, brussels, netherlands) or provinces\n"
        "# (be_antwerp, be_east_flanders, nl_north_brabant, ...)\n"
        "region = flanders\n"
        "\n"
        "# acquisition channels and product categories\n"
        "# channel = vertegenwoordiger, doorverwijzing\n"
        "# category = Printers & scanners\n"
        "\n"
        "# behaviour\n"
        "min_orders_per_year = 4\n"
        "# min_revenue_per_year = 1000\n"
        "min_margin = 25%\n"
        "max_days_late = 15\n"
        "\n"
        "# weights (default 1)\n"
        "weight.sector = 2\n",
        "# Ideaal klantprofiel voor klantwijs (--fit BESTAND).\n"
        "# Zet hier wat past bij je strategie op lange termijn; schrap wat er\n"
        "# niet toe doet. De fit van een klant is het gewogen aandeel van deze\n"
        "# criteria waaraan hij voldoet, over de criteria die voor hem te\n"
        "# controleren zijn. Lijsten scheid je met komma's; hoofdletters tellen\n"
        "# niet.\n"
        "\n"
        "# sectoren, groottes en klanttypes zoals je klantenlijst ze schrijft\n"
        "sector = Bouw, Industrie\n"
        "size = 10-49, 50-249\n"
        "# type = bedrijf\n"
        "\n"
        "# regio's (flanders, wallonia, brussels, netherlands, of Vlaanderen,\n"
        "# Wallonië, Brussel, Nederland) of provincies (Antwerpen,\n"
        "# Oost-Vlaanderen, be_antwerp, nl_north_brabant, ...)\n"
        "region = Vlaanderen\n"
        "\n"
        "# acquisitiekanalen en productcategorieën\n"
        "# channel = vertegenwoordiger, doorverwijzing\n"
        "# category = Printers & scanners\n"
        "\n"
        "# gedrag\n"
        "min_orders_per_year = 4\n"
        "# min_revenue_per_year = 1000\n"
        "min_margin = 25%\n"
        "max_days_late = 15\n"
        "\n"
        "# gewichten (standaard 1)\n"
        "weight.sector = 2\n"},
    [MSG_CON_TITLE] = {"console.title", "klantwijs analyze — {as_of}",
                       "klantwijs analyze — {as_of}"},
    [MSG_CON_SKIPPED] = {"console.skipped", "Not possible with this data:",
                         "Niet mogelijk met deze gegevens:"},
    [MSG_CON_FILES] = {"console.files", "Written to {dir}:",
                       "Geschreven naar {dir}:"},
    [MSG_CON_OPEN] = {"console.open", "Open {path} in your browser.",
                      "Open {path} in je browser."},
    [MSG_CON_ACTIONS] = {"console.actions", "Actions:", "Acties:"},

    /* main job: model checks, status rule, money */
    [MSG_NOTE_NO_MODEL_PASSED] = {"note.no_model_passed",
                                  "no purchase model passed its checks (the "
                                  "closest, {model}: {why}); customer status "
                                  "follows the gap rule and the CLV figures "
                                  "are indicative only",
                                  "geen aankoopmodel doorstond de controles "
                                  "(het beste, {model}: {why}); de status van "
                                  "een klant volgt de wachttijdregel en de "
                                  "CLV-cijfers zijn enkel indicatief"},
    [MSG_NOTE_MODEL_FAILED_CHECKS] = {"note.model_failed_checks",
                                      "the {model} fit failed its checks "
                                      "({why}); customer status follows the "
                                      "gap rule and the CLV figures are "
                                      "indicative only",
                                      "de schatting van {model} doorstond de "
                                      "controles niet ({why}); de status van "
                                      "een klant volgt de wachttijdregel en "
                                      "de CLV-cijfers zijn enkel indicatief"},
    [MSG_NOTE_NO_INTERVALS] = {"note.no_intervals",
                               "no intervals for CLV and P(active): {error}",
                               "geen intervallen voor CLV en P(actief): "
                               "{error}"},
    [MSG_FLAG_NO_INFO] = {"flag.no_info",
                          "no information (no repeat purchases or no time "
                          "observed)",
                          "geen informatie (geen herhaalaankopen of geen "
                          "waargenomen tijd)"},
    [MSG_FLAG_NOT_CONVERGED] = {"flag.not_converged",
                                "the fit did not converge",
                                "de schatting convergeerde niet"},
    [MSG_FLAG_BOUND] = {"flag.bound",
                        "parameter {param} = {value} ran to a bound",
                        "parameter {param} = {value} liep naar een grens"},
    [MSG_FLAG_SE] = {"flag.se",
                     "the standard error of {param} ({se}) is more than "
                     "twice its estimate ({value})",
                     "de standaardfout van {param} ({se}) is meer dan het "
                     "dubbele van de schatting ({value})"},
    [MSG_FLAG_ALL_ALIVE] = {"flag.all_alive",
                            "{share} of the repeat buyers get P(active) of "
                            "99% or more",
                            "{share} van de herhaalklanten krijgt P(actief) "
                            "van 99% of meer"},
    [MSG_FLAG_HOLDOUT] = {"flag.holdout",
                          "purchases in the holdout period {direction} by "
                          "{error}",
                          "aankopen in de testperiode {direction} met "
                          "{error}"},
    [MSG_WORD_UNDER] = {"word.under", "under-predicted", "onderschat"},
    [MSG_WORD_OVER] = {"word.over", "over-predicted", "overschat"},
    [MSG_WORD_PASSED] = {"word.passed", "passed", "doorstaan"},
    [MSG_WORD_CHOSEN] = {"word.chosen", "chosen", "gekozen"},
    [MSG_COL_MODEL] = {"col.model", "Model", "Model"},
    [MSG_COL_BIC] = {"col.bic", "BIC", "BIC"},
    [MSG_COL_HOLDOUT_ERROR] = {"col.holdout_error",
                               "Holdout: predicted vs actual purchases",
                               "Testperiode: voorspelde en werkelijke "
                               "aankopen"},
    [MSG_COL_CHECKS] = {"col.checks", "Checks", "Controles"},
    [MSG_FIG_CHECKS] = {"fig.checks", "Model checks", "Modelcontroles"},
    [MSG_FIG_CLV_TOTAL] = {"fig.clv_total",
                           "Total CLV, next {months} months (90% interval)",
                           "Totale CLV, komende {months} maanden "
                           "(90%-interval)"},
    [MSG_FIG_INTERVALS] = {"fig.intervals", "Intervals", "Intervallen"},
    [MSG_INTERVAL_METHOD] = {"interval.method",
                             "90%, delta method from the covariance of the "
                             "purchase model's parameters (spend per "
                             "purchase taken as known)",
                             "90%, deltamethode uit de covariantie van de "
                             "parameters van het aankoopmodel (besteding "
                             "per aankoop als gekend genomen)"},
    [MSG_FIG_STATUS_RULE] = {"fig.status_rule", "Status rule",
                             "Statusregel"},
    [MSG_RULE_GAP] = {"rule.gap",
                      "A customer has left after more than {gap} days "
                      "without a purchase, and is at risk after more than "
                      "{risk} days.",
                      "Een klant is vertrokken na meer dan {gap} dagen "
                      "zonder aankoop, en loopt risico na meer dan {risk} "
                      "dagen."},
    [MSG_RULE_P_ALIVE] = {"rule.p_alive",
                          "A customer has left after more than {gap} days "
                          "without a purchase or when {model} (which passed "
                          "its checks) gives P(active) below {thr}; at risk "
                          "after more than {risk} days or below {thr2}. "
                          "Nobody past {gap} days counts as active.",
                          "Een klant is vertrokken na meer dan {gap} dagen "
                          "zonder aankoop of wanneer {model} (dat de "
                          "controles doorstond) P(actief) onder {thr} geeft; "
                          "risico na meer dan {risk} dagen of onder {thr2}. "
                          "Niemand na {gap} dagen telt als actief."},
    [MSG_READ_CHECKS_PASSED] = {"read.checks_passed",
                                "{model} passed every check and was chosen "
                                "{why}.",
                                "{model} doorstond alle controles en werd "
                                "gekozen {why}."},
    [MSG_READ_CHECKS_NONE] = {"read.checks_none",
                              "No purchase model passed its checks: P(active) "
                              "decides no customer's status.",
                              "Geen aankoopmodel doorstond de controles: "
                              "P(actief) beslist over de status van geen "
                              "enkele klant."},
    [MSG_UNIT_DAYS] = {"unit.days", "{n} days", "{n} dagen"},
    [MSG_FIG_CURRENCY] = {"fig.currency", "Currency", "Munt"},
    [MSG_CURRENCY_ASSUMED] = {"currency.assumed",
                              "{currency}, assumed: nothing in the data "
                              "names the currency (set --currency)",
                              "{currency}, aangenomen: niets in de gegevens "
                              "noemt de munt (gebruik --currency)"},
    [MSG_CURRENCY_GIVEN] = {"currency.given", "{currency}, set with --currency",
                            "{currency}, ingesteld met --currency"},
    [MSG_CURRENCY_SIGN] = {"currency.sign",
                           "{currency}, from the amounts in \"{column}\", "
                           "written with {sign}",
                           "{currency}, uit de bedragen in \"{column}\", "
                           "geschreven met {sign}"},
    [MSG_CURRENCY_HEADER] = {"currency.header",
                             "{currency}, from the column name \"{column}\"",
                             "{currency}, uit de kolomnaam \"{column}\""},
    [MSG_CURRENCY_COUNTRY] = {"currency.country",
                              "{currency}, from the country column "
                              "\"{column}\": {country} on {share} of the "
                              "lines",
                              "{currency}, uit de landkolom \"{column}\": "
                              "{country} op {share} van de regels"},
    [MSG_FIG_GUEST_SALES] = {"fig.guest_sales",
                             "Guest sales (no customer id)",
                             "Verkoop aan passanten (geen klantnummer)"},
    [MSG_GUEST_SALES] = {"guest.sales",
                         "{amount}, {share} of sales (lines: {lines})",
                         "{amount}, {share} van de verkoop (regels: "
                         "{lines})"},
    [MSG_FIG_RETURN_ONLY] = {"fig.return_only",
                             "Customers with only returns",
                             "Klanten met enkel retouren"},
    [MSG_WHY_COLLECT_MATERIAL] = {"why.collect_material",
                                  "{overdue} overdue ({overdue_share} of a "
                                  "year's revenue), the oldest invoice "
                                  "{days_overdue} days past due.",
                                  "{overdue} vervallen ({overdue_share} van "
                                  "de jaaromzet), de oudste factuur "
                                  "{days_overdue} dagen over tijd."},
    [MSG_WHY_WIN_BACK_SEGMENT] = {"why.win_back_segment",
                                  "RFM segment Can't Lose Them: bought "
                                  "often and much ({value_measure} "
                                  "{value_amount}) but no purchase for "
                                  "{recency} days.",
                                  "RFM-segment Niet verliezen: kocht vaak "
                                  "en veel ({value_measure} "
                                  "{value_amount}) maar al {recency} dagen "
                                  "geen aankoop."},
    [MSG_WHY_LET_GO] = {"why.let_go",
                        "Valuable once ({value_measure} {value_amount}) but "
                        "no purchase for {recency} days: win back only with "
                        "a personal contact; otherwise let go.",
                        "Ooit waardevol ({value_measure} {value_amount}) maar "
                        "al {recency} dagen geen aankoop: enkel terugwinnen "
                        "met persoonlijk contact; anders laten gaan."},
    [MSG_WORD_CONTRIBUTION_MEASURE] = {"word.contribution_measure",
                                       "contribution", "bijdrage"},
    [MSG_WORD_REVENUE_MEASURE] = {"word.revenue_measure", "revenue",
                                  "omzet"},
    [MSG_WORD_EST_CONTRIBUTION_MEASURE] = {"word.est_contribution_measure",
                                           "estimated contribution",
                                           "geschatte bijdrage"},
    [MSG_STAKE_MEASURE] = {"stake.measure",
                           "At stake is one measure for every action: the "
                           "customer's {measure} per year of activity (up to "
                           "the last purchase for customers who left); "
                           "for reprice it is negative, a loss, and the "
                           "largest loss comes first.",
                           "Op het spel staat voor elke actie dezelfde "
                           "maat: de {measure} van de klant per jaar "
                           "activiteit (tot de laatste aankoop voor "
                           "vertrokken klanten); bij herprijzen is ze "
                           "negatief, een verlies, en komt het grootste "
                           "verlies eerst."},
    [MSG_NOTE_NO_PRODUCT] = {"note.no_product",
                             "no product column: no cross-sell advice",
                             "geen productkolom: geen advies voor "
                             "kruisverkoop"},
    [MSG_WHY_WIN_BACK_CLASS_A] = {"why.win_back_class_a",
                                  "Class A by revenue ({revenue}) but no "
                                  "purchase for {recency} days.",
                                  "Klasse A in omzet ({revenue}) maar al "
                                  "{recency} dagen geen aankoop."},

    /* contract data */
    [MSG_SUB_TITLE] = {"sub.title", "Contract customers: retention and churn",
                       "Contractklanten: retentie en verloop"},
    [MSG_SUB_INTRO] = {"sub.intro",
                       "{n} customers with a tenure and a churn flag "
                       "({skipped} rows without them left out). Tenure is "
                       "read in months.",
                       "{n} klanten met een looptijd en een verloopvlag "
                       "({skipped} rijen zonder weggelaten). De looptijd "
                       "wordt in maanden gelezen."},
    [MSG_SUB_KPI_LEFT] = {"sub.kpi_left", "Customers who left",
                          "Vertrokken klanten"},
    [MSG_SUB_KPI_MONTHLY] = {"sub.kpi_monthly",
                             "Monthly revenue of active customers",
                             "Maandomzet van actieve klanten"},
    [MSG_SUB_KPI_AT_RISK] = {"sub.kpi_at_risk",
                             "Monthly revenue at risk (expected to leave "
                             "next month)",
                             "Maandomzet in gevaar (verwacht te vertrekken "
                             "volgende maand)"},
    [MSG_SUB_SEC_PLANS] = {"sub.sec_plans", "Retention by plan",
                           "Retentie per formule"},
    [MSG_SUB_COL_PLAN] = {"sub.col_plan", "Plan", "Formule"},
    [MSG_SUB_COL_LEFT] = {"sub.col_left", "Left", "Vertrokken"},
    [MSG_SUB_COL_MEDIAN] = {"sub.col_median", "Median lifetime (months)",
                            "Mediane levensduur (maanden)"},
    [MSG_SUB_COL_S12] = {"sub.col_s12", "Still there after 12 months (KM)",
                         "Nog klant na 12 maanden (KM)"},
    [MSG_SUB_COL_S24] = {"sub.col_s24", "Still there after 24 months (KM)",
                         "Nog klant na 24 maanden (KM)"},
    [MSG_SUB_COL_SBG] = {"sub.col_sbg", "sBG alpha, beta",
                         "sBG alfa, beta"},
    [MSG_SUB_COL_MONTHLY] = {"sub.col_monthly", "Monthly revenue, active",
                             "Maandomzet, actief"},
    [MSG_SUB_COL_AT_RISK] = {"sub.col_at_risk", "At risk per month",
                             "In gevaar per maand"},
    [MSG_SUB_LOGRANK] = {"sub.logrank",
                         "Retention differs between plans: log-rank chi2 = "
                         "{chi2} with {df} degrees of freedom, p = {p}.",
                         "De retentie verschilt tussen formules: log-rank "
                         "chi2 = {chi2} met {df} vrijheidsgraden, p = {p}."},
    [MSG_SUB_NO_LOGRANK] = {"sub.no_logrank",
                            "No plan column: one retention curve for all "
                            "customers.",
                            "Geen formulekolom: een retentiecurve voor alle "
                            "klanten."},
    [MSG_SUB_SEC_DRIVERS] = {"sub.sec_drivers", "What goes with churn",
                             "Wat samengaat met verloop"},
    [MSG_SUB_DRIVERS_INTRO] = {"sub.drivers_intro",
                               "The levels with the highest share of "
                               "customers who left (groups of at least "
                               "{min} customers; 95% Wilson interval).",
                               "De waarden met het hoogste aandeel "
                               "vertrokken klanten (groepen van minstens "
                               "{min} klanten; 95%-Wilsoninterval)."},
    [MSG_SUB_COL_FEATURE] = {"sub.col_feature", "Column", "Kolom"},
    [MSG_SUB_COL_LEVEL] = {"sub.col_level", "Value", "Waarde"},
    [MSG_SUB_COL_RATE] = {"sub.col_rate", "Share who left",
                          "Aandeel vertrokken"},
    [MSG_SUB_AUC] = {"sub.auc",
                     "A logistic model on all columns separates leavers "
                     "from stayers with AUC {auc} on a holdout of {n} "
                     "customers.",
                     "Een logistisch model op alle kolommen onderscheidt "
                     "vertrekkers van blijvers met AUC {auc} op een "
                     "testgroep van {n} klanten."},
    [MSG_SUB_SEC_ACTIONS] = {"sub.sec_actions", "Actions", "Acties"},
    [MSG_SUB_RULE] = {"sub.rule",
                      "Retain: active customers with a chance of {risk} or "
                      "more to leave within 12 months. Win back: customers who "
                      "left with a monthly charge in the top 20%. Serve at "
                      "low cost: everyone else.",
                      "Behouden: actieve klanten met een kans van {risk} of "
                      "meer om binnen 12 maanden te vertrekken. Terugwinnen: "
                      "vertrokken klanten met een maandbedrag in de top "
                      "20%. Goedkoop bedienen: alle anderen."},
    [MSG_SUB_CHART_RETENTION] = {"sub.chart_retention",
                                 "Share of customers still there after each "
                                 "month of tenure, per plan (Kaplan-Meier)",
                                 "Aandeel klanten dat na elke maand nog "
                                 "blijft, per formule (Kaplan-Meier)"},
    [MSG_SUB_COL_CHARGE] = {"sub.col_charge", "Monthly charge",
                            "Maandbedrag"},
    [MSG_SUB_COL_P_LEAVE12] = {"sub.col_p_leave12",
                               "Chance to leave within 12 months",
                               "Kans om binnen 12 maanden te vertrekken"},
    [MSG_SUB_SHEET_CUSTOMERS] = {"sub.sheet_customers", "Customers",
                                 "Klanten"},
    [MSG_SUB_AT_RISK_RULE] = {"sub.at_risk_rule",
                              "The chance to leave next month after t "
                              "months is alpha / (alpha + beta + t) of the "
                              "plan's sBG; revenue at risk is the sum of "
                              "monthly charge x that chance over active "
                              "customers. Without an sBG fit a plan's chance "
                              "is its churned customers / customer-months.",
                              "De kans om volgende maand te vertrekken na t "
                              "maanden is alfa / (alfa + beta + t) van de "
                              "sBG van de formule; de omzet in gevaar is de "
                              "som van maandbedrag x die kans over de "
                              "actieve klanten. Zonder sBG-fit is de kans "
                              "van een formule haar vertrokken klanten / "
                              "klantmaanden."},
    [MSG_SUB_COL_P_LEAVE] = {"sub.col_p_leave", "Chance to leave next month",
                             "Kans op vertrek volgende maand"},
    [MSG_SUB_COL_TENURE] = {"sub.col_tenure", "Tenure (months)",
                            "Looptijd (maanden)"},
    [MSG_SUB_NOT_REACHED] = {"sub.not_reached", "not reached",
                             "niet bereikt"},
    [MSG_SUB_NO_FIT] = {"sub.no_fit", "no fit", "geen fit"},
    [MSG_SUB_TOP] = {"sub.top",
                     "The {n} active customers with the most monthly "
                     "revenue at risk:",
                     "De {n} actieve klanten met de meeste maandomzet in "
                     "gevaar:"},
    [MSG_SUB_ALL] = {"sub.all", "All plans", "Alle formules"},
    [MSG_SUB_CON_TITLE] = {"sub.con_title",
                           "klantwijs analyze — contract customers",
                           "klantwijs analyze — contractklanten"},
    [MSG_WORD_CLV_UNKNOWN] = {"word.clv_unknown",
                              "an amount no model could estimate",
                              "een bedrag dat geen model kon schatten"},
    [MSG_WORD_DAYS_UNIT] = {"word.days_unit", "days", "dagen"},
    [MSG_COL_INTERVAL] = {"col.interval", "90% interval", "90%-interval"},
    [MSG_NOTE_RETURN_ONLY] = {"note.return_only",
                              "{n} customers have only returns in the "
                              "period (no purchase): they are not counted "
                              "as buyers",
                              "{n} klanten hebben enkel retouren in de "
                              "periode (geen aankoop): ze tellen niet als "
                              "kopers"},
    [MSG_NOTE_GUEST_SALES] = {"note.guest_sales",
                              "guest sales (no customer id): {amount} on "
                              "{lines} lines, {share} of sales; counted in "
                              "revenue totals of the data, not in customer "
                              "figures",
                              "verkoop aan passanten (geen klantnummer): "
                              "{amount} op {lines} regels, {share} van de "
                              "verkoop; niet in de cijfers per klant"},
    /* the customer base a figure covers (klantwijs/summary.h) */
    [MSG_COV_CUSTOMERS] = {"coverage.customers", "customers (with a purchase)",
                           "klanten (met een aankoop)"},
    [MSG_COV_LINES] = {"coverage.lines", "  their sales lines",
                       "  hun verkoopregels"},
    [MSG_COV_REVENUE] = {"coverage.revenue", "revenue (net of returns)",
                         "omzet (na retours)"},
    [MSG_COV_RETURN_ONLY] = {"coverage.return_only",
                             "customers with only returns (left out)",
                             "klanten met enkel retours (weggelaten)"},
    [MSG_COV_RETURN_ONLY_REVENUE] = {"coverage.return_only_revenue",
                                     "  their returns", "  hun retours"},
    /* churn: one name per definition */
    [MSG_CHURN_SHARE_GAP] = {"churn.share_gap",
                             "churned share today (gap rule)",
                             "aandeel vertrokken vandaag (regel van de pauze)"},
    [MSG_CHURN_SHARE_P_ALIVE] = {"churn.share_p_alive",
                                 "churned share today (P(active))",
                                 "aandeel vertrokken vandaag (P(actief))"},
    [MSG_CHURN_SHARE_CONTRACTS] = {"churn.share_contracts",
                                   "churned share today (contracts ended)",
                                   "aandeel vertrokken vandaag (contracten "
                                   "beëindigd)"},
    [MSG_CHURN_YEAR_RATE] = {"churn.year_rate",
                             "churn rate, last 12 months",
                             "verloop, laatste 12 maanden"},
    [MSG_CHURN_YEAR_BASE] = {"churn.year_base",
                             "  of customers active 12 months ago",
                             "  van de klanten actief 12 maanden geleden"},
    /* voice of the customer */
    [MSG_FB_NOT_ENOUGH] = {"fb.not_enough", "not enough answers",
                           "te weinig antwoorden"},
    [MSG_FB_BASIS_LATEST] = {"fb.basis_latest",
                             "{answers} answers: the latest answer of each "
                             "customer up to {as_of}.",
                             "{answers} antwoorden: het laatste antwoord van "
                             "elke klant tot {as_of}."},
    [MSG_FB_BASIS_ALL] = {"fb.basis_all",
                          "{answers} answers: every answer up to {as_of}.",
                          "{answers} antwoorden: elk antwoord tot {as_of}."},
    [MSG_FB_RESPONSE] = {"fb.response",
                         "{respondents} of {buyers} buying customers "
                         "answered (response rate {rate}).",
                         "{respondents} van {buyers} kopende klanten "
                         "antwoordden (respons {rate})."},
    [MSG_FB_ANONYMOUS] = {"fb.anonymous",
                          "{n} anonymous answers count for the scores, not "
                          "for behaviour or competitor risk.",
                          "{n} anonieme antwoorden tellen mee voor de scores, "
                          "niet voor gedrag of risico op de concurrent."},
    [MSG_FB_OVERALL_NOT_ENOUGH] = {"fb.overall_not_enough",
                                   "Not enough answers for a score: {n} of "
                                   "the {min} needed.",
                                   "Te weinig antwoorden voor een score: {n} "
                                   "van de nodige {min}."},
    [MSG_FB_NPS_LINE] = {"fb.nps_line",
                         "NPS {nps} (95% interval {low} to {high}, Wald "
                         "interval with the multinomial variance): "
                         "{promoters} promoters, {passives} passives and "
                         "{detractors} detractors of {n}.",
                         "NPS {nps} (95%-interval {low} tot {high}, "
                         "Wald-interval met de multinomiale variantie): "
                         "{promoters} promotors, {passives} passieven en "
                         "{detractors} criticasters op {n}."},
    [MSG_FB_CSAT_LINE] = {"fb.csat_line",
                          "CSAT: {top2} in the top two boxes (95% Wilson "
                          "interval {low} to {high}); mean {mean} on 1-{scale} "
                          "({mlow} to {mhigh}); {n} answers.",
                          "CSAT: {top2} in de twee hoogste vakjes "
                          "(95%-Wilson-interval {low} tot {high}); gemiddeld "
                          "{mean} op 1-{scale} ({mlow} tot {mhigh}); {n} "
                          "antwoorden."},
    [MSG_FB_CES_LINE] = {"fb.ces_line",
                         "CES: mean {mean} on 1-{scale} (95% t interval {low} "
                         "to {high}); {n} answers.",
                         "CES: gemiddeld {mean} op 1-{scale} "
                         "(95%-t-interval {low} tot {high}); {n} antwoorden."},
    [MSG_FB_MIN_RULE] = {"fb.min_rule",
                         "A score needs {min} answers; groups of fewer than "
                         "{group} customers are merged into \"other\".",
                         "Een score vraagt {min} antwoorden; groepen van "
                         "minder dan {group} klanten staan samen onder "
                         "\"overige\"."},
    [MSG_FB_T_SECTOR] = {"fb.t_sector", "\nBy sector", "\nPer sector"},
    [MSG_FB_T_SEGMENT] = {"fb.t_segment", "\nBy segment", "\nPer segment"},
    [MSG_FB_T_ACTION] = {"fb.t_action", "\nBy action", "\nPer actie"},
    [MSG_FB_T_PERIOD] = {"fb.t_period",
                         "By quarter (change against the quarter before: z "
                         "test, p below 0.05 is more than chance)",
                         "Per kwartaal (verschil met het kwartaal ervoor: "
                         "z-toets, p onder 0,05 is meer dan toeval)"},
    [MSG_FB_T_BEHAVIOUR] = {"fb.t_behaviour",
                            "Feedback against behaviour (95% intervals; "
                            "association, not cause)",
                            "Feedback naast gedrag (95%-intervallen; "
                            "samenhang, geen oorzaak)"},
    [MSG_FB_Q_NONE] = {"fb.q_none", "no importance", "geen belang bekend"},
    [MSG_FB_Q_KEEP] = {"fb.q_keep", "keep", "behouden"},
    [MSG_FB_Q_IMPROVE] = {"fb.q_improve", "improve first",
                          "eerst verbeteren"},
    [MSG_FB_Q_LOW] = {"fb.q_low", "less urgent", "minder dringend"},
    [MSG_FB_Q_OVERKILL] = {"fb.q_overkill", "possible overkill",
                           "mogelijk overdreven"},
    [MSG_FB_T_DIMS] = {"fb.t_dims", "Competitive position per dimension",
                       "Positie tegenover de concurrentie per dimensie"},
    [MSG_FB_IMPORTANCE_METHOD] = {"fb.importance_method",
                                  "Importance is derived: the Pearson "
                                  "correlation of the rating with the "
                                  "likelihood to recommend (95% Fisher z "
                                  "interval). The grid splits at the average "
                                  "importance and the average own score "
                                  "(Martilla & James).",
                                  "Het belang is afgeleid: de "
                                  "Pearson-correlatie van de score met de "
                                  "aanbevelingsscore (95%-Fisher-z-interval). "
                                  "Het raster deelt bij het gemiddelde belang "
                                  "en de gemiddelde eigen score (Martilla & "
                                  "James)."},
    [MSG_FB_ALL_COMPETITORS] = {"fb.all_competitors", "all competitors",
                                "alle concurrenten"},
    [MSG_FB_T_GAPS] = {"fb.t_gaps",
                       "Own rating against the competitor the customer "
                       "named (paired difference, 95% t interval)",
                       "Eigen score tegenover de concurrent die de klant "
                       "noemde (gepaard verschil, 95%-t-interval)"},
    [MSG_FB_AT_RISK] = {"fb.at_risk",
                        "{n} customers rate their competitor higher on "
                        "{dimension}, the dimension that matters most, and "
                        "buy less than before: at risk to that competitor.",
                        "{n} klanten vinden hun concurrent beter op "
                        "{dimension}, de dimensie die het zwaarst weegt, en "
                        "kopen minder dan vroeger: risico op overstap naar "
                        "die concurrent."},
    [MSG_FB_AT_RISK_PLAN] = {"fb.at_risk_plan",
                             "In the action plan {retained} of them are on "
                             "the retain list, the reason naming the "
                             "competitor and the dimension; for the other "
                             "{other} (most have already left) the reason of "
                             "their action says so too.",
                             "In het actieplan staan er {retained} op de lijst "
                             "om te behouden, met de concurrent en de "
                             "dimensie in de reden; bij de andere {other} "
                             "(meestal al weg) zegt de reden van hun actie "
                             "het ook."},
    [MSG_FB_T_THEMES_DET] = {"fb.t_themes_det",
                             "What detractors write about (comments on "
                             "their side / on the other, z score)",
                             "Waarover criticasters schrijven (opmerkingen "
                             "bij hen / bij de anderen, z-score)"},
    [MSG_FB_T_THEMES_PRO] = {"fb.t_themes_pro",
                             "What promoters write about",
                             "Waarover promotors schrijven"},
    [MSG_FB_NO_THEMES] = {"fb.no_themes",
                          "no theme with 5 or more comments stands out",
                          "geen thema met 5 of meer opmerkingen valt op"},
    [MSG_FB_THEMES_METHOD] = {"fb.themes_method",
                              "Themes: log-odds ratio with an informative "
                              "Dirichlet prior (Monroe, Colaresi & Quinn "
                              "2008); words stemmed per language; personal "
                              "data in the examples masked.",
                              "Thema's: log-odds-ratio met een informatieve "
                              "Dirichlet-prior (Monroe, Colaresi & Quinn "
                              "2008); woorden per taal tot hun stam "
                              "herleid; persoonsgegevens in de voorbeelden "
                              "afgeschermd."},
    [MSG_FB_ASSOCIATION] = {"fb.association", "association, not cause",
                            "samenhang, geen oorzaak"},
    [MSG_CHART_FB_PERIOD] = {"chart.fb_period",
                             "NPS per quarter with its 95% interval",
                             "NPS per kwartaal met 95%-interval"},
    [MSG_CHART_FB_BEHAVIOUR] = {"chart.fb_behaviour",
                                "Still buying, by NPS class",
                                "Koopt nog, per NPS-klasse"},
    [MSG_CHART_FB_GRID] = {"chart.fb_grid", "Importance and performance",
                           "Belang en prestatie"},
    [MSG_CHART_FB_GAP] = {"chart.fb_gap",
                          "Share of customers rating their competitor higher",
                          "Aandeel klanten dat hun concurrent beter vindt"},
    [MSG_READ_FB_TREND_SIG] = {"read.fb_trend_sig",
                               "NPS went from {from} in {p0} to {to} in {p1}: "
                               "more than chance (p = {p}).",
                               "De NPS ging van {from} in {p0} naar {to} in "
                               "{p1}: meer dan toeval (p = {p})."},
    [MSG_READ_FB_TREND_NS] = {"read.fb_trend_ns",
                              "NPS went from {from} in {p0} to {to} in {p1}: "
                              "within chance (p = {p}).",
                              "De NPS ging van {from} in {p0} naar {to} in "
                              "{p1}: binnen het toeval (p = {p})."},
    [MSG_READ_FB_BEHAVIOUR] = {"read.fb_behaviour",
                               "{pro} of promoters still buy against {det} of "
                               "detractors (association, not cause).",
                               "{pro} van de promotors koopt nog, tegenover "
                               "{det} van de criticasters (samenhang, geen "
                               "oorzaak)."},
    [MSG_READ_FB_GRID_IMPROVE] = {"read.fb_grid_improve",
                                  "Improve {dimension} first: it goes with "
                                  "the likelihood to recommend most (r = "
                                  "{r}) and you score below your average "
                                  "there ({own}).",
                                  "Verbeter eerst {dimension}: dat hangt het "
                                  "sterkst samen met de aanbevelingsscore (r "
                                  "= {r}) en je scoort er onder je gemiddelde "
                                  "({own})."},
    [MSG_READ_FB_GRID_KEEP] = {"read.fb_grid_keep",
                               "{dimension} goes with the likelihood to "
                               "recommend most (r = {r}) and you score well "
                               "there ({own}): keep it up.",
                               "{dimension} hangt het sterkst samen met de "
                               "aanbevelingsscore (r = {r}) en je scoort er "
                               "goed ({own}): hou dat vast."},
    [MSG_READ_FB_GAP] = {"read.fb_gap",
                         "On {dimension}, {share} of the customers who name "
                         "{competitor} rate it higher than you.",
                         "Op {dimension} vindt {share} van de klanten die "
                         "{competitor} noemen die beter dan jou."},
    [MSG_READ_FB_THEME] = {"read.fb_theme",
                           "Detractors write most about \"{label}\" "
                           "({count} comments, {other} among promoters).",
                           "Criticasters schrijven het meest over "
                           "\"{label}\" ({count} opmerkingen, {other} bij "
                           "promotors)."},
    [MSG_READ_FB_NO_GAP] = {"read.fb_no_gap",
                            "Not enough answers per competitor to compare.",
                            "Te weinig antwoorden per concurrent om te "
                            "vergelijken."},
    [MSG_AXIS_IMPORTANCE] = {"axis.importance", "importance (r with NPS)",
                             "belang (r met NPS)"},
    [MSG_AXIS_PERFORMANCE] = {"axis.performance", "own mean score",
                              "eigen gemiddelde score"},
};

const char *kw_msg_key(kw_msg m) {
  return (unsigned)m < KW_MSG__COUNT && rows[m].key ? rows[m].key : "";
}

int kw_msg_find(const char *key) {
  for (int m = 0; key && m < KW_MSG__COUNT; m++)
    if (rows[m].key && strcmp(rows[m].key, key) == 0) return m;
  return -1;
}

const char *kw_msg_text(kw_msg m, kw_lang lang) {
  if ((unsigned)m >= KW_MSG__COUNT) return "";
  const char *s = lang == KW_LANG_NL ? rows[m].nl : rows[m].en;
  return s ? s : "";
}

/* Format one argument into buf (64 bytes). */
static const char *arg_text(char *buf, const kw_marg *a, kw_lang lang,
                            const char *currency) {
  switch (a->type) {
    case KW_MARG_STR:
      return a->v.s ? a->v.s : "";
    case KW_MARG_INT:
      return kw_fmt_number(buf, (double)a->v.i, 0, lang);
    case KW_MARG_NUM:
      return kw_fmt_number(buf, a->v.d, a->decimals, lang);
    case KW_MARG_PCT:
      return kw_fmt_pct(buf, a->v.d, a->decimals, lang);
    case KW_MARG_MONEY:
      return kw_fmt_currency(buf, a->v.i, a->decimals, lang, currency);
    case KW_MARG_DATE:
      return kw_fmt_date(buf, (int32_t)a->v.i, lang);
  }
  return "";
}

size_t kw_msg_fill(char *buf, size_t cap, const char *tpl, kw_lang lang,
                   const char *currency, const kw_marg *args, size_t n) {
  size_t len = 0;
#define PUT(p, k)                                              \
  do {                                                         \
    size_t k_ = (k);                                           \
    if (cap && len < cap - 1) {                                \
      size_t room = cap - 1 - len;                             \
      memcpy(buf + len, (p), k_ < room ? k_ : room);           \
    }                                                          \
    len += k_;                                                 \
  } while (0)
  const char *p = tpl ? tpl : "";
  while (*p) {
    const char *open = strchr(p, '{');
    if (!open) {
      PUT(p, strlen(p));
      break;
    }
    PUT(p, (size_t)(open - p));
    const char *close = strchr(open + 1, '}');
    if (!close) {
      PUT(open, strlen(open));
      break;
    }
    size_t nl = (size_t)(close - open - 1);
    const kw_marg *a = NULL;
    for (size_t i = 0; i < n; i++)
      if (strlen(args[i].name) == nl && memcmp(args[i].name, open + 1, nl) == 0)
        a = &args[i];
    if (a) {
      char tmp[64];
      const char *s = arg_text(tmp, a, lang, currency);
      PUT(s, strlen(s));
    } else {
      PUT(open, nl + 2);
    }
    p = close + 1;
  }
#undef PUT
  if (cap) buf[len < cap ? len : cap - 1] = '\0';
  return len;
}

size_t kw_msg_format(char *buf, size_t cap, kw_msg m, kw_lang lang,
                     const char *currency, const kw_marg *args, size_t n) {
  return kw_msg_fill(buf, cap, kw_msg_text(m, lang), lang, currency, args, n);
}

/* ----------------------------------------------------------------------
 * The command line: command summaries, help texts (help.COMMAND.*, one row
 * per option: opt.NAME for shared options, opt.COMMAND.NAME for a
 * command's own), usage errors (cli.err.*) and messages (cli.*). Found by
 * key through kw_message(); the same {placeholder} rule as above.
 */
static const msg_row text_rows[] = {
    /* chrome */
    {"cli.tagline", "customer analysis for small and mid-size businesses",
     "klantenanalyse voor kleine en middelgrote ondernemingen"},
    {"cli.usage", "usage:", "gebruik:"},
    {"cli.examples", "Examples", "Voorbeelden"},
    {"cli.or", " or ", " of "},
    {"cli.choice2", "{a} or {b}", "{a} of {b}"},
    {"cli.choice3", "{a}, {b} or {c}", "{a}, {b} of {c}"},
    {"cli.group.options", "Options", "Opties"},
    {"cli.group.input", "Input", "Invoer"},
    {"cli.group.output", "Output", "Uitvoer"},
    {"cli.group.period", "Period", "Periode"},
    {"cli.group.costs", "Costs", "Kosten"},
    {"cli.group.view", "View", "Weergave"},
    {"cli.help.range", "{lo} to {hi}", "{lo} tot {hi}"},
    {"cli.help.default", "default: {def}", "standaard: {def}"},
    {"cli.main.about", "Customer analysis for small and mid-size businesses.",
     "Klantenanalyse voor kleine en middelgrote ondernemingen."},
    {"cli.main.commands", "Commands:", "Opdrachten:"},
    {"cli.main.more",
     "Run 'klantwijs COMMAND --help' for a command's options and examples.",
     "Typ 'klantwijs OPDRACHT --help' voor de opties en voorbeelden van een "
     "opdracht."},
    {"cli.exit_codes",
     "Exit codes: 0 ok, 1 bad or missing input, 2 usage error,\n"
     "3 cannot write output, 4 internal failure (memory, numerics).",
     "Afsluitcodes: 0 in orde, 1 foute of ontbrekende invoer, 2 fout in de\n"
     "opdrachtregel, 3 kan de uitvoer niet schrijven, 4 interne fout "
     "(geheugen, rekenwerk)."},
    {"cli.man.about",
     "klantwijs turns the sales lines, invoices, customer lists and costs of "
     "a business (CSV or Excel exports) into answers: who brings in the "
     "revenue and the profit, who is leaving, what to sell next, and what to "
     "do about it. Every command reads a data folder or a file and writes a "
     "table, CSV or JSON, in English or Dutch (--lang nl).",
     "klantwijs maakt van de verkooplijnen, facturen, klantenlijsten en "
     "kosten van een onderneming (CSV- of Excel-exports) antwoorden: wie "
     "brengt de omzet en de winst binnen, wie haakt af, wat verkoop je "
     "daarna, en wat doe je eraan. Elke opdracht leest een gegevensmap of "
     "een bestand en schrijft een tabel, CSV of JSON, in het Engels of het "
     "Nederlands (--lang nl)."},
    {"cli.man.no_color",
     "When set and not empty, diagnostics on a terminal are not coloured.",
     "Als die gezet en niet leeg is, krijgen meldingen op een terminal geen "
     "kleur."},
    {"cli.unknown_command", "unknown command '{cmd}'",
     "onbekende opdracht '{cmd}'"},
    {"cli.warning", "warning:", "waarschuwing:"},
    {"cli.try_help", "Try 'klantwijs {cmd} --help'.",
     "Probeer 'klantwijs {cmd} --help'."},
    {"cli.out_of_memory", "out of memory", "onvoldoende geheugen"},
    /* the report folder writer (src/report/output.c) */
    {"out.err.create", "{path}: cannot create: {reason}",
     "{path}: kan niet aanmaken: {reason}"},
    {"out.err.output", "cannot write the output",
     "kan de uitvoer niet schrijven"},
    {"out.err.workbook", "{path}: cannot create the workbook: {reason}",
     "{path}: kan de werkmap niet aanmaken: {reason}"},
    {"out.err.summary", "cannot write the summary",
     "kan de samenvatting niet schrijven"},
    {"out.err.is_folder", "{path}: is a folder, not a file",
     "{path}: is een map, geen bestand"},
    {"out.err.mode", "{path}: cannot set its mode: {reason}",
     "{path}: kan de rechten niet zetten: {reason}"},
    {"out.err.not_folder", "{path}: not a folder", "{path}: geen map"},
    {"out.err.write", "{path}: cannot write: {reason}",
     "{path}: kan niet schrijven: {reason}"},
    {"out.err.write_detail", "{path}: cannot write: {reason} ({detail})",
     "{path}: kan niet schrijven: {reason} ({detail})"},
    {"out.err.folder_name", "{path}: not a usable folder name",
     "{path}: geen bruikbare mapnaam"},
    {"out.err.sys", "{path}: {reason}", "{path}: {reason}"},
    {"out.err.whole",
     "{path}: the report folder is replaced as a whole; give it by its name "
     "from outside it (for example ../report)",
     "{path}: de rapportmap wordt als geheel vervangen; geef ze bij haar naam "
     "van buiten de map (bijvoorbeeld ../rapport)"},
    {"out.err.too_long", "{path}: path too long", "{path}: pad te lang"},
    {"out.err.busy",
     "{path}: another run is writing this report folder (it holds the lock "
     "{lock}); wait for it to finish or choose another folder",
     "{path}: een andere run schrijft deze rapportmap (ze houdt het slot "
     "{lock}); wacht tot ze klaar is of kies een andere map"},
    {"out.err.lock", "{path}: cannot lock: {reason}",
     "{path}: kan niet vergrendelen: {reason}"},
    {"out.err.locks", "{path}: too many report folders locked",
     "{path}: te veel rapportmappen vergrendeld"},
    {"out.err.foreign",
     "{path}: the folder holds \"{what}\", which is not part of a report; the "
     "report replaces the whole folder, so give a new or empty folder (or an "
     "earlier report's)",
     "{path}: de map bevat \"{what}\", dat geen deel van een rapport is; het "
     "rapport vervangt de hele map, geef dus een nieuwe of lege map (of die "
     "van een vorig rapport)"},
    {"out.err.beside", "{path}: cannot create a folder beside it: {reason}",
     "{path}: kan er geen map naast aanmaken: {reason}"},
    {"out.err.swap", "{path}: cannot put the new report in place: {reason}",
     "{path}: kan het nieuwe rapport niet op zijn plaats zetten: {reason}"},
    {"cli.cannot_write", "{file}: cannot write: {reason}",
     "{file}: kan niet schrijven: {reason}"},
    {"cli.stdout_failed", "cannot write to standard output",
     "kan niet naar de standaarduitvoer schrijven"},
    {"cli.missing_path", "missing PATH (a data folder or a transactions file)",
     "PAD ontbreekt (een gegevensmap of een transactiebestand)"},
    {"cli.missing_path_any", "missing PATH (a data folder or a file)",
     "PAD ontbreekt (een gegevensmap of een bestand)"},
    {"cli.path_and_file", "PATH and --{table} both name a file",
     "PAD en --{table} noemen allebei een bestand"},

    /* usage errors */
    {"cli.err.unknown_option", "unknown option '{opt}'",
     "onbekende optie '{opt}'"},
    {"cli.err.needs_value", "option {opt} needs a value",
     "optie {opt} heeft een waarde nodig"},
    {"cli.err.two_paths", "more than one PATH: '{a}' and '{b}'",
     "meer dan één PAD: '{a}' en '{b}'"},
    {"cli.err.whole", "{opt} takes a whole number",
     "{opt} verwacht een geheel getal"},
    {"cli.err.range", "{opt} takes a number from {lo} to {hi}",
     "{opt} verwacht een getal van {lo} tot {hi}"},
    {"cli.err.number", "{opt} takes a number", "{opt} verwacht een getal"},
    {"cli.err.num_range", "{opt} takes a number from {lo} to {hi}",
     "{opt} verwacht een getal van {lo} tot {hi}"},
    {"cli.err.pct",
     "{opt} takes a percentage from {lo} to {hi}, such as 30 or 30%",
     "{opt} verwacht een percentage van {lo} tot {hi}, zoals 30 of 30%"},
    {"cli.err.date", "{opt} takes a date like 2024-12-31 or 31-12-2024",
     "{opt} verwacht een datum zoals 2024-12-31 of 31-12-2024"},
    {"cli.err.choice", "{opt} takes {choices}", "{opt} verwacht {choices}"},
    {"cli.err.map", "--map takes ROLE=COLUMN, not '{v}'",
     "--map verwacht ROL=KOLOM, niet '{v}'"},
    {"cli.err.too_many_maps", "too many --map options",
     "te veel --map-opties"},
    {"load.err.choice2", "{opt} takes {a} or {b}", "{opt} verwacht {a} of {b}"},
    {"load.err.choice3", "{opt} takes {a}, {b} or {c}",
     "{opt} verwacht {a}, {b} of {c}"},
    {"load.err.decimal_mark", "--decimal-mark takes ',' or '.'",
     "--decimal-mark verwacht ',' of '.'"},
    {"load.err.delimiter", "--delimiter takes , ; | tab or space",
     "--delimiter verwacht , ; | tab of space"},
    {"load.err.vat_rate", "--vat-rate takes a percentage from 1 to 100, e.g. 21",
     "--vat-rate verwacht een percentage van 1 tot 100, bv. 21"},

    /* readers (src/io): skips, missing columns, VAT, files */
    {"ingest.what.date", "date", "datum"},
    {"ingest.what.amount", "amount", "bedrag"},
    {"ingest.what.number", "number", "getal"},
    {"ingest.what.flag", "yes/no value", "ja/nee-waarde"},
    {"ingest.cell_missing", "missing {what} in column \"{col}\"",
     "{what} ontbreekt in kolom \"{col}\""},
    {"ingest.cell_bad", "unparseable {what} \"{text}\" in column \"{col}\"",
     "{what} \"{text}\" is onleesbaar in kolom \"{col}\""},
    {"ingest.empty_customer", "empty customer id in column \"{col}\"",
     "lege klant-id in kolom \"{col}\""},
    {"ingest.empty_referrer", "empty referrer id in column \"{col}\"",
     "lege aanbrenger-id in kolom \"{col}\""},
    {"ingest.skipped", "{file}: {n} of {m} rows skipped: {reason}",
     "{file}: {n} van {m} rijen overgeslagen: {reason}"},
    {"ingest.guest_sales",
     "{file}: {n} of {m} rows have no customer id (guest sales, {amount} in "
     "total): left out of the per-customer figures",
     "{file}: {n} van {m} rijen hebben geen klant-id (verkoop aan passanten, "
     "{amount} in totaal): niet in de cijfers per klant"},
    {"ingest.skip.no_customer", "empty customer id", "lege klant-id"},
    {"ingest.skip.bad_date", "unparseable or missing date",
     "onleesbare of ontbrekende datum"},
    {"ingest.skip.bad_amount", "unparseable or missing amount",
     "onleesbaar of ontbrekend bedrag"},
    {"ingest.skip.bad_number", "unparseable number", "onleesbaar getal"},
    {"ingest.skip.bad_flag", "unparseable yes/no value",
     "onleesbare ja/nee-waarde"},
    {"ingest.skip.ragged", "wrong number of fields",
     "verkeerd aantal velden"},
    {"ingest.skip.too_long", "field longer than the limit",
     "veld langer dan de grens"},
    {"ingest.skip.blank", "blank line", "lege regel"},
    {"ingest.skip.duplicate", "same line as in an earlier file of the table",
     "zelfde regel als in een eerder bestand van de tabel"},
    {"ingest.role.customer", "customer (customer id)", "customer (klant-id)"},
    {"ingest.role.date", "date (transaction or event date)",
     "date (datum van de verkoop of gebeurtenis)"},
    {"ingest.role.amount", "amount (line or invoice amount)",
     "amount (bedrag van de lijn of factuur)"},
    {"ingest.role.referrer", "referrer (customer who referred)",
     "referrer (klant die aanbracht)"},
    {"ingest.missing_roles",
     "{file}: no column found for {roles}. Columns: {columns}.{noheader} "
     "Name the column with {maps} (COLUMN is a header name or a 1-based "
     "column number)",
     "{file}: geen kolom gevonden voor {roles}. Kolommen: {columns}."
     "{noheader} Wijs de kolom aan met {maps} (COLUMN is een kolomnaam of "
     "een kolomnummer vanaf 1)"},
    {"ingest.no_header", " The file has no header row.",
     " Het bestand heeft geen kopregel."},
    {"ingest.vat_incl_used",
     "{file}: the amounts in \"{col}\" include VAT and are used as they "
     "are; --vat-rate 21 (or the rate that applies) takes the VAT off",
     "{file}: de bedragen in \"{col}\" zijn inclusief btw en worden zo "
     "gebruikt; --vat-rate 21 (of het tarief dat geldt) haalt de btw eraf"},
    {"ingest.vat_excl_missing",
     "--vat excl: {file} has only amounts including VAT (\"{col}\"); give "
     "the rate to take it off, e.g. --vat-rate 21",
     "--vat excl: {file} heeft alleen bedragen inclusief btw (\"{col}\"); "
     "geef het tarief om de btw eraf te halen, bv. --vat-rate 21"},
    {"ingest.vat_incl_missing",
     "--vat incl: {file} has no column of amounts including VAT (the "
     "amounts are in \"{col}\")",
     "--vat incl: {file} heeft geen kolom met bedragen inclusief btw (de "
     "bedragen staan in \"{col}\")"},
    {"load.no_sales",
     "no transactions file in {dir}: looked for {names} (any case, also "
     ".xlsx and .xls) and for a file whose columns are customer, date and "
     "amount; name the file explicitly or rename it",
     "geen verkoopbestand in {dir}: gezocht naar {names} (hoofdletters om "
     "het even, ook .xlsx en .xls) en naar een bestand met kolommen klant, "
     "datum en bedrag; noem het bestand uitdrukkelijk of geef het een "
     "andere naam"},
    /* why a file became a table (kw_read_report.found) */
    {"found.file_name", "its file name", "de bestandsnaam"},
    {"found.referrals", "its columns: a column names the referrer",
     "de kolommen: een kolom noemt wie de klant aanbracht"},
    {"found.feedback", "its columns: a column holds NPS, CSAT or CES scores",
     "de kolommen: een kolom bevat NPS-, CSAT- of CES-scores"},
    {"found.invoices",
     "its columns: customer, date and amount with a due date, payment date "
     "or open amount: invoices",
     "de kolommen: klant, datum en bedrag met een vervaldatum, betaaldatum "
     "of openstaand bedrag: facturen"},
    {"found.touchpoints", "its columns: dates with a journey stage or event",
     "de kolommen: datums met een fase of gebeurtenis in de klantreis"},
    {"found.costs", "its columns: customer with a cost type or hours",
     "de kolommen: klant met een kostensoort of uren"},
    {"found.sales", "its columns: customer, date and amount: sales lines",
     "de kolommen: klant, datum en bedrag: verkoopregels"},
    {"found.customers",
     "its columns: customer ids with names, addresses or other customer "
     "details",
     "de kolommen: klantnummers met namen, adressen of andere "
     "klantgegevens"},
    {"found.invoices_as_sales",
     "no file of sales lines: the invoices are the sales, one line per "
     "invoice",
     "geen bestand met verkoopregels: de facturen zijn de verkopen, één "
     "regel per factuur"},
    {"load.invoices_as_sales",
     "{file}: no file of sales lines: the invoices are the sales, one line "
     "per invoice",
     "{file}: geen bestand met verkoopregels: de facturen zijn de verkopen, "
     "één regel per factuur"},
    {"load.also_kind",
     "{file} also looks like {kind} ({why}); only {used} is read: join the "
     "files into one to read both",
     "{file} lijkt ook op {kind} ({why}); alleen {used} wordt gelezen: voeg "
     "de bestanden samen om beide te lezen"},
    {"load.joined",
     "{n} files joined into one {kind} table: {files} ({dups} lines that "
     "an earlier file already has left out)",
     "{n} bestanden samengevoegd tot een tabel {kind}: {files} ({dups} "
     "regels die al in een eerder bestand staan weggelaten)"},
    {"load.join_overlap",
     "{a} and {b} overlap from {from} to {to}; {n} lines of {b} that {a} "
     "already has are left out, check that the other lines of that period "
     "are not counted twice",
     "{a} en {b} overlappen van {from} tot {to}; {n} regels van {b} die al "
     "in {a} staan worden weggelaten, kijk na dat de andere regels van die "
     "periode niet dubbel tellen"},
    {"load.join_column",
     "{file}: column \"{col}\" does not match the same column of the "
     "other files (another type) and is left out",
     "{file}: kolom \"{col}\" past niet bij dezelfde kolom van de andere "
     "bestanden (ander type) en wordt weggelaten"},
    {"load.no_join_rowids",
     "{file} looks like the same table as {used}, but without customer ids "
     "their row numbers would meet; only {used} is read",
     "{file} lijkt dezelfde tabel als {used}, maar zonder klant-id's zouden "
     "hun rijnummers samenvallen; alleen {used} wordt gelezen"},
    {"load.sys.ENOENT", "No such file or directory",
     "bestand of map bestaat niet"},
    {"load.sys.EACCES", "Permission denied", "geen toegang"},
    {"load.sys.ENOTDIR", "Not a directory", "geen map"},
    {"load.e.open_dir", "cannot open the data folder {dir}: {why}",
     "kan de gegevensmap {dir} niet openen: {why}"},
    {"file.e.large", "{file}: larger than 1 MiB", "{file}: groter dan 1 MiB"},
    {"rules.e.no_segment", "{file}: no [segment] rules",
     "{file}: geen regels [segment]"},
    {"rules.e.no_action", "{file}: no [action] rules",
     "{file}: geen regels [action]"},
    {"clv.e.patterns_empty", "{file}: empty pattern file",
     "{file}: leeg patroonbestand"},
    {"clv.e.no_patterns", "{file}: no patterns", "{file}: geen patronen"},
    {"load.e.open", "cannot open {file}: {why}",
     "kan {file} niet openen: {why}"},
    {"load.e.read", "cannot read {file}: {why}",
     "kan {file} niet lezen: {why}"},
    {"load.e.map", "cannot map {file}: {why}",
     "kan {file} niet in het geheugen laden: {why}"},
    {"load.e.folder", "{file} is a folder, not a file",
     "{file} is een map, geen bestand"},
    {"load.e.xls_pipe",
     "{file}: an .xls workbook can only be read from a file, not from a "
     "pipe; save it as .xlsx or CSV",
     "{file}: een .xls-werkmap kan alleen uit een bestand gelezen worden, "
     "niet uit een pijp; bewaar ze als .xlsx of CSV"},
    {"load.e.decimal_mark", "the decimal mark must be '.' or ','",
     "het decimaalteken moet '.' of ',' zijn"},
    {"load.e.no_sales_file",
     "no transactions file given (and no data folder to look in)",
     "geen verkoopbestand opgegeven (en geen gegevensmap om in te zoeken)"},
    {"load.e.no_data_in", "no data file found in {dir}",
     "geen gegevensbestand gevonden in {dir}"},
    {"load.e.no_data", "no data file found (no folder or file given)",
     "geen gegevensbestand gevonden (geen map of bestand opgegeven)"},
    {"load.w.map_unread", "--map {map}: no {kind} table was read",
     "--map {map}: er werd geen tabel {kind} gelezen"},
    {"load.e.map_no_column", "--map {map}: no file read has a column \"{col}\"",
     "--map {map}: geen gelezen bestand heeft een kolom \"{col}\""},
    {"ingest.e.map_form",
     "--map {map}: expected ROLE=COLUMN or TABLE.ROLE=COLUMN, for example "
     "--map customer=Klantnr or --map amount=5",
     "--map {map}: verwacht ROL=KOLOM of TABEL.ROL=KOLOM, bijvoorbeeld "
     "--map customer=Klantnr of --map amount=5"},
    {"ingest.e.map_table",
     "--map {map}: unknown table \"{table}\" (tables: {tables})",
     "--map {map}: onbekende tabel \"{table}\" (tabellen: {tables})"},
    {"ingest.e.map_role_missing", "--map {map}: expected a role before '='",
     "--map {map}: verwacht een rol voor '='"},
    {"ingest.e.map_role", "--map {map}: unknown role \"{role}\" (roles: {roles})",
     "--map {map}: onbekende rol \"{role}\" (rollen: {roles})"},
    {"ingest.e.map_no_column",
     "--map {map}: {file} has no column \"{col}\" (columns: {cols})",
     "--map {map}: {file} heeft geen kolom \"{col}\" (kolommen: {cols})"},
    {"ingest.e.map_no_column_nohead",
     "--map {map}: {file} has no column \"{col}\" (columns: {cols}; the file "
     "has no header row)",
     "--map {map}: {file} heeft geen kolom \"{col}\" (kolommen: {cols}; het "
     "bestand heeft geen koprij)"},
    {"ingest.e.strict", "{msg} (strict mode: rows are not skipped)",
     "{msg} (strikte modus: rijen worden niet overgeslagen)"},
    {"ingest.e.empty", "{file}: the file is empty",
     "{file}: het bestand is leeg"},
    {"ingest.e.no_rows", "{file}: the file has a header but no data rows",
     "{file}: het bestand heeft een koprij maar geen gegevensrijen"},
    {"ingest.e.header_wide", "the header has more than {n} columns",
     "de koprij heeft meer dan {n} kolommen"},
    {"ingest.e.header_long", "a column name is longer than {n} bytes",
     "een kolomnaam is langer dan {n} bytes"},
    {"ingest.e.mark_ambiguous",
     "column \"{col}\": the decimal mark cannot be told from the values: "
     "\"{text}\" reads as a whole number with a thousands separator or as a "
     "decimal number, and no value in the file settles it; use "
     "--decimal-mark , or --decimal-mark .",
     "kolom \"{col}\": het decimaalteken valt niet af te leiden uit de "
     "waarden: \"{text}\" leest als een geheel getal met een "
     "duizendtalscheiding of als een decimaal getal, en geen waarde in het "
     "bestand beslist het; gebruik --decimal-mark , of --decimal-mark ."},
    {"ingest.e.none_used",
     "{file}: none of the {n} data rows could be used ({why})",
     "{file}: geen van de {n} gegevensrijen was bruikbaar ({why})"},
    {"ingest.e.none_used_ex",
     "{file}: none of the {n} data rows could be used ({why}); first: "
     "{first}",
     "{file}: geen van de {n} gegevensrijen was bruikbaar ({why}); eerste: "
     "{first}"},
    {"ingest.w.dup_column",
     "{file}: duplicate column name \"{col}\" (column {n}) renamed \"{new}\"; "
     "--map by name takes the first",
     "{file}: dubbele kolomnaam \"{col}\" (kolom {n}) hernoemd tot "
     "\"{new}\"; --map op naam neemt de eerste"},
    {"ingest.w.dup_columns_more",
     "{file}: {n} more duplicate column names renamed the same way",
     "{file}: nog {n} dubbele kolomnamen op dezelfde manier hernoemd"},
    {"model.w.churn_no_repeat",
     "churn: no repeat purchases; gap = the floor of {days} days",
     "churn: geen herhaalaankopen; kloof = het minimum van {days} dagen"},
    {"model.w.churn_fallback",
     "churn: {n} customers without a finite P(alive) follow the gap rule",
     "churn: {n} klanten zonder eindige P(actief) volgen de kloofregel"},
    {"model.w.drivers_one_class",
     "churn drivers: the training rows hold one class only; no model",
     "churnfactoren: de trainingsrijen hebben maar een klasse; geen model"},
    {"model.w.drivers_noconv",
     "churn drivers: the logistic fit did not converge in {n} iterations",
     "churnfactoren: de logistische schatting convergeerde niet in {n} "
     "iteraties"},
    {"model.w.clv_noconv",
     "{model} fit did not converge: gradient norm {g} after {n} iterations",
     "schatting {model} convergeerde niet: gradiëntnorm {g} na {n} "
     "iteraties"},
    {"model.w.gg_corr",
     "gg: spend and frequency are correlated (r = {r}); the Gamma-Gamma "
     "model assumes they are independent",
     "gg: besteding en frequentie zijn gecorreleerd (r = {r}); het "
     "Gamma-Gamma-model veronderstelt dat ze onafhankelijk zijn"},
    {"model.w.gg_q",
     "gg: q = {q} <= 1, the population mean spend is infinite; customers "
     "without repeat purchases get the observed mean spend {pop}",
     "gg: q = {q} <= 1, de gemiddelde besteding van de populatie is "
     "oneindig; klanten zonder herhaalaankopen krijgen de waargenomen "
     "gemiddelde besteding {pop}"},
    {"model.w.pay_errors",
     "invoices: {n} data error(s) left out of the timing: {paid} paid before "
     "issue, {due} due before issue, {two} invoice id with two customers",
     "facturen: {n} gegevensfout(en) buiten de betaaltermijnen gelaten: "
     "{paid} betaald voor de factuurdatum, {due} vervallen voor de "
     "factuurdatum, {two} factuurnummer met twee klanten"},
    {"model.w.pay_terms",
     "invoices: {n} row(s) without due date or terms: {days} days assumed",
     "facturen: {n} rij(en) zonder vervaldatum of termijn: {days} dagen "
     "aangenomen"},
    {"model.w.costs_unpriced",
     "costs: {n} row(s) of type '{type}' have no amount and the type has no "
     "rate; counted at 0",
     "kosten: {n} rij(en) van type '{type}' hebben geen bedrag en het type "
     "heeft geen tarief; als 0 geteld"},
    {"model.w.costs_overhead",
     "costs: {n} row(s) without a customer (not allocated)",
     "kosten: {n} rij(en) zonder klant (niet toegewezen)"},
    {"model.w.profit_no_cost",
     "profit: {n} customer(s) with sales have no cost of goods; their "
     "contribution is unknown and left out of the totals",
     "winst: {n} klant(en) met verkopen hebben geen kostprijs; hun bijdrage "
     "is onbekend en blijft buiten de totalen"},
    {"model.w.rfm_unscored",
     "rfm: {n} buyer(s) without known contribution are not scored",
     "rfm: {n} koper(s) zonder gekende bijdrage krijgen geen score"},
    {"model.w.sbg_noconv",
     "sBG: no convergence after {n} iterations (|gradient| {g})",
     "sBG: geen convergentie na {n} iteraties (|gradiënt| {g})"},
    {"model.w.survival_skipped",
     "survival: {n} rows skipped (missing duration, event or group)",
     "overleving: {n} rijen overgeslagen (ontbrekende duur, gebeurtenis of "
     "groep)"},
    {"model.w.logrank_groups",
     "survival: log-rank test skipped ({n} groups, at most {max})",
     "overleving: log-ranktoets overgeslagen ({n} groepen, hoogstens {max})"},
    {"ingest.e.nul_start",
     "NUL byte in the text: the file looks like UTF-16 or binary; save it as "
     "CSV in UTF-8",
     "NUL-byte in de tekst: het bestand lijkt UTF-16 of binair; bewaar het "
     "als CSV in UTF-8"},
    {"ingest.e.nul", "NUL byte in the text (a binary file, or a damaged export)",
     "NUL-byte in de tekst (een binair bestand, of een beschadigde export)"},
    {"ingest.e.quote",
     "unbalanced quote: the quoted field opened here is never closed",
     "onafgesloten aanhalingsteken: het veld dat hier tussen "
     "aanhalingstekens opent, sluit nooit"},
    {"ingest.e.utf32", "the file is UTF-32 text; save it as CSV in UTF-8",
     "het bestand is UTF-32-tekst; bewaar het als CSV in UTF-8"},
    {"ingest.e.utf16",
     "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save "
     "it as CSV in UTF-8 (in Excel: \"CSV UTF-8\")",
     "het bestand is UTF-16-tekst (het begint met een UTF-16-bytevolgorde"
     "teken); bewaar het als CSV in UTF-8 (in Excel: \"CSV UTF-8\")"},
    {"xlsx.e.sheet_empty_bare", "sheet \"{sheet}\" is empty",
     "werkblad \"{sheet}\" is leeg"},
    {"xlsx.e.sheet_empty", "{file}: sheet \"{sheet}\" is empty",
     "{file}: werkblad \"{sheet}\" is leeg"},
    {"xlsx.e.no_such_sheet", "--sheet {want}: {file} has no such sheet ({list})",
     "--sheet {want}: {file} heeft zo geen werkblad ({list})"},
    {"xlsx.e.no_worksheet", "{file}: the workbook has no worksheet",
     "{file}: de werkmap heeft geen werkblad"},
    {"xlsx.e.doctype",
     "{file}: {part} has a document type declaration, which a workbook never "
     "has",
     "{file}: {part} heeft een documenttypedeclaratie, die een werkmap nooit "
     "heeft"},
    {"xlsx.e.xml",
     "{file}: {part} is not well-formed XML (line {line}: {why}); the "
     "workbook is damaged",
     "{file}: {part} is geen goedgevormde XML (regel {line}: {why}); de "
     "werkmap is beschadigd"},
    {"xlsx.e.no_part", "{file}: not an Excel workbook (no {part} in the zip file)",
     "{file}: geen Excel-werkmap (geen {part} in het zipbestand)"},
    {"xlsx.e.read", "{file}: cannot read {part}: {why}",
     "{file}: kan {part} niet lezen: {why}"},
    {"xlsx.e.sheet_part",
     "{file}: sheet \"{sheet}\" has no part {part}; the workbook is damaged",
     "{file}: werkblad \"{sheet}\" heeft geen deel {part}; de werkmap is "
     "beschadigd"},
    {"xlsx.e.zip", "{file}: not a readable .xlsx workbook (zip: {why})",
     "{file}: geen leesbare .xlsx-werkmap (zip: {why})"},
    {"xlsx.e.xls_sheet", "{file}: cannot read sheet \"{sheet}\"",
     "{file}: kan werkblad \"{sheet}\" niet lezen"},
    {"xlsx.e.xls", "{file}: cannot read the .xls workbook: {why}",
     "{file}: kan de .xls-werkmap niet lezen: {why}"},
    {"xlsx.e.xls_password",
     "{file}: the workbook is password-protected; save it without a password",
     "{file}: de werkmap is met een wachtwoord beveiligd; bewaar ze zonder "
     "wachtwoord"},
    {"data.e.money_range",
     "{file}: the amounts of column \"{col}\" add up to more than "
     "92,233,720,368,547,758.07 (at data row {row}): out of range, no total "
     "would be right",
     "{file}: de bedragen van kolom \"{col}\" tellen op tot meer dan "
     "92.233.720.368.547.758,07 (bij gegevensrij {row}): buiten bereik, geen "
     "totaal zou juist zijn"},
    {"ingest.x.too_long", "field longer than {n} bytes",
     "veld langer dan {n} bytes"},
    {"ingest.x.ragged", "{n} fields where the header has {m}",
     "{n} velden waar de koprij er {m} heeft"},
    {"ingest.x.ragged_nohead", "{n} fields where the first rows have {m}",
     "{n} velden waar de eerste rijen er {m} hebben"},
    {"ingest.x.no_price", "no amount: the quantity or the unit price is missing",
     "geen bedrag: het aantal of de eenheidsprijs ontbreekt"},
    {"ingest.x.derive_range", "quantity x unit price is out of range",
     "aantal x eenheidsprijs valt buiten bereik"},
    {"ingest.x.no_cost", "neither an amount nor hours",
     "geen bedrag en geen uren"},
    {"ingest.w.recoded",
     "{file}: {n} cells were not valid UTF-8 and were read as Windows-1252 "
     "(the first at line {line}, column {col})",
     "{file}: {n} cellen waren geen geldige UTF-8 en werden als "
     "Windows-1252 gelezen (de eerste op regel {line}, kolom {col})"},

    /* "since the last analysis" (report/html.c, --history) */
    {"since.title", "Since the last analysis", "Sinds de vorige analyse"},
    {"since.compared", "Compared with the analysis stored on",
     "Vergeleken met de analyse bewaard op"},
    {"since.data_to", "data up to", "gegevens tot"},
    {"since.figure", "Figure", "Cijfer"},
    {"since.then", "Then", "Toen"},
    {"since.now", "Now", "Nu"},
    {"since.change", "Change", "Verschil"},
    {"since.note",
     "Rates change in percentage points. Which customers moved between "
     "actions, statuses and segments: klantwijs history FILE.",
     "Percentages veranderen in procentpunten. Welke klanten verschoven "
     "tussen acties, statussen en segmenten: klantwijs history BESTAND."},

    /* PostgreSQL as a source (src/io/pg_source.c, pg_sql.c) */
    {"pg.connect", "cannot connect to {db}: {why}",
     "kan geen verbinding maken met {db}: {why}"},
    {"pg.no_table",
     "{what}: no such table or view in {db} (is the name and schema right, "
     "and is it in the search path?)",
     "{what}: die tabel of view bestaat niet in {db} (klopt de naam en het "
     "schema, en staat het in het zoekpad?)"},
    {"pg.permission",
     "{what}: no permission to read it in {db} ({why}); ask the database "
     "owner for GRANT SELECT",
     "{what}: geen toestemming om het te lezen in {db} ({why}); vraag de "
     "eigenaar van de database om GRANT SELECT"},
    {"pg.query_failed", "{what}: the query failed in {db}: {why}",
     "{what}: de query mislukte in {db}: {why}"},
    {"pg.column_type",
     "{what}: column \"{col}\" is of type {type}, but as {role} it must be "
     "{want}; cast it in a query (--table KIND='SELECT ...') or map another "
     "column with --map",
     "{what}: kolom \"{col}\" is van het type {type}, maar als {role} moet "
     "ze {want} zijn; zet ze om in een query (--table SOORT='SELECT ...') of "
     "wijs een andere kolom toe met --map"},
    {"pg.no_invoices",
     "no invoices table in {db}: name it with --table "
     "invoices=SCHEMA.TABLE (or a query), or call it invoices or facturen",
     "geen facturentabel in {db}: noem ze met --table "
     "invoices=SCHEMA.TABLE (of een query), of noem ze invoices of facturen"},
    {"pg.invoice_conflict",
     "{what}: {n} invoice id(s) carry two customers; the pushdown cannot "
     "tell which rows came first, so read it without --pushdown (the "
     "later rows are then left out and counted)",
     "{what}: {n} factuurnummer(s) horen bij twee klanten; de pushdown kan "
     "niet zien welke rijen eerst kwamen, lees ze dus zonder --pushdown "
     "(de latere rijen worden dan weggelaten en geteld)"},
    {"pg.unknown_customer",
     "{what}: customer \"{id}\" of the database is not among the customers "
     "read (an id with blanks around it, or an empty one, reads differently "
     "from a line: clean it in a view or a --table query, or read without "
     "--pushdown)",
     "{what}: klant \"{id}\" uit de database zit niet bij de gelezen "
     "klanten (een nummer met spaties rond, of een leeg nummer, leest anders "
     "dan een lijn: maak het op in een view of een --table-query, of lees "
     "zonder --pushdown)"},
    {"opt.payments.pushdown",
     "PATH is a postgresql:// URI: compute the receivables ageing and the "
     "payment behaviour per customer in the database (one row per customer "
     "comes back; columns need SQL types)",
     "PATH is een postgresql://-URI: bereken de ouderdom van de openstaande "
     "posten en het betaalgedrag per klant in de database (er komt één rij "
     "per klant terug; kolommen moeten SQL-types hebben)"},
    {"pg.no_sales",
     "no transactions table in {db}: name it with --table "
     "transactions=SCHEMA.TABLE (or a query), or call it transactions, "
     "transacties, verkopen or sales",
     "geen verkooptabel in {db}: noem ze met --table "
     "transactions=SCHEMA.TABEL (of een query), of noem ze transactions, "
     "transacties, verkopen of sales"},
    {"load.err.table",
     "--table takes KIND=SCHEMA.TABLE or KIND=QUERY with KIND one of "
     "{kinds}, not '{v}'",
     "--table verwacht SOORT=SCHEMA.TABEL of SOORT=QUERY met SOORT een van "
     "{kinds}, niet '{v}'"},
    {"opt.table",
     "when PATH is a postgresql:// URI: the table, or a query, of this kind "
     "(default: a table named like the files, e.g. transactions)",
     "als PATH een postgresql://-URI is: de tabel, of een query, van deze "
     "soort (standaard: een tabel genoemd zoals de bestanden, bv. "
     "transactions)"},
    {"inspect.postgresql",
     "a PostgreSQL table or query, read through a cursor; its column names "
     "are the header",
     "een PostgreSQL-tabel of -query, gelezen via een cursor; de kolomnamen "
     "zijn de kop"},
    {"opt.summary.pushdown",
     "PATH is a postgresql:// URI: compute the summary in the database (one "
     "row per customer comes back; columns need SQL types)",
     "PATH is een postgresql://-URI: bereken het overzicht in de database "
     "(er komt één rij per klant terug; kolommen moeten SQL-types hebben)"},
    {"opt.analyze.pushdown",
     "PATH is a postgresql:// URI: the database computes the per-customer "
     "summary (and with it the purchase model's input), the payment "
     "behaviour and ageing and the cohort matrices; the rest reads the lines "
     "(columns need SQL types)",
     "PATH is een postgresql://-URI: de database berekent het overzicht per "
     "klant (en daarmee de invoer van het aankoopmodel), het betaalgedrag en "
     "de ouderdom van de openstaande facturen en de cohortmatrices; de rest "
     "leest de lijnen (kolommen moeten SQL-types hebben)"},
    {"opt.cohorts.pushdown",
     "PATH is a postgresql:// URI: compute the cohort matrices in the "
     "database (one row per cohort and period comes back; columns need SQL "
     "types)",
     "PATH is een postgresql://-URI: bereken de cohortmatrices in de "
     "database (er komt één rij per cohort en periode terug; kolommen moeten "
     "SQL-types hebben)"},
    {"cli.err.pushdown_uri", "--pushdown needs a postgresql:// URI as PATH",
     "--pushdown vraagt een postgresql://-URI als PATH"},
    {"pg.no_column",
     "{what}: no column for the {role} (columns: {cols}); name it with "
     "--map {role}=COLUMN",
     "{what}: geen kolom voor {role} (kolommen: {cols}); noem ze met --map "
     "{role}=KOLOM"},

    /* command list */
    {"cmd.analyze", "the main job: every analysis, a report and an action plan",
     "de hoofdtaak: elke analyse, een rapport en een actieplan"},
    {"cmd.clv", "predictive customer value: purchases, spend, value, holdout",
     "voorspelde klantwaarde: aankopen, besteding, waarde, toetsperiode"},
    {"cmd.demo", "write a synthetic data set of a Flemish business",
     "schrijf een verzonnen gegevensset van een Vlaamse onderneming"},
    {"cmd.inspect", "how each file was read, and a data-quality report",
     "hoe elk bestand gelezen werd, en een rapport over de datakwaliteit"},
    {"cmd.summary", "per-customer summary: orders, revenue, x, t_x, T",
     "overzicht per klant: orders, omzet, x, t_x, T"},
    {"cmd.profit", "profitability per customer, cost-to-serve, whale curve",
     "winstgevendheid per klant, kosten om te bedienen, walviscurve"},
    {"cmd.pareto", "revenue concentration: 80/20, ABC, Gini, HHI, dependency",
     "concentratie van de omzet: 80/20, ABC, Gini, HHI, afhankelijkheid"},
    {"cmd.rfm", "recency, frequency, monetary scores and named segments",
     "scores voor recentheid, frequentie en bedrag, en benoemde segmenten"},
    {"cmd.payments", "payment behaviour: days to pay, overdue, ageing, DSO",
     "betaalgedrag: dagen tot betaling, achterstallig, ouderdom, DSO"},
    {"cmd.cohorts", "acquisition cohorts: activity, revenue, net revenue retention",
     "instroomcohorten: activiteit, omzet, netto omzetbehoud"},
    {"cmd.churn", "who churned and who is at risk; churn rates; --drivers",
     "wie afhaakte en wie dreigt af te haken; verloopcijfers; --drivers"},
    {"cmd.survival", "Kaplan-Meier lifetime curves, log-rank; sBG retention",
     "Kaplan-Meier-levensduurcurves, log-rank; sBG-klantbehoud"},
    {"cmd.basket", "cross-sell: itemsets, rules, next-best product, upsell",
     "kruisverkoop: combinaties, regels, volgend beste product, upsell"},
    {"cmd.segments", "segments, behavioural groups, personas, strategic fit",
     "segmenten, gedragsgroepen, persona's, strategische fit"},
    {"help.segments.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.segments.about",
     "Who your customers are, in groups you can act on. Rule segments by "
     "one attribute, or two crossed: per segment the customers, revenue, "
     "contribution, CLV, churn rate, NPS (where there is feedback), fit, "
     "and the share of each. Behavioural groups: k-means++ on robustly "
     "scaled behaviour (log recency, orders and revenue, tenure, margin, "
     "categories, days paid late, discount share, NPS where present); the "
     "number of groups is chosen by the silhouette on a random sample (named "
     "in the output), the same for the same --seed. One persona card per "
     "group: a name from its distinctive traits, size, shares of revenue and "
     "profit, typical behaviour, the traits that set it apart (lift and "
     "counts), satisfaction and the top comment themes, churn risk, CLV and "
     "the approach of the action plan. No group of fewer than 5 customers is "
     "shown on its own (merged into \"other\"), and no name, e-mail, phone "
     "or address is read. Attributes: sector, size, type (customer type), "
     "region (Flanders, Wallonia, Brussels, the Netherlands, from the "
     "postcode), province, channel (acquisition channel), tenure, pay_class, "
     "rfm, abc, categories (number of product categories bought), value "
     "(top 20% / next 30% / bottom 50% by value), cluster.",
     "Wie je klanten zijn, in groepen waarmee je iets kunt doen. "
     "Regelsegmenten volgens één kenmerk, of twee gekruist: per segment de "
     "klanten, omzet, bijdrage, CLV, verloop, NPS (waar er feedback is), fit "
     "en het aandeel in elk. Gedragsgroepen: k-means++ op robuust "
     "geschaald gedrag (log recency, orders en omzet, klantduur, marge, "
     "categorieën, dagen te laat betaald, kortingsaandeel, NPS waar "
     "aanwezig); het aantal groepen wordt gekozen met de silhouet op een "
     "willekeurige steekproef (vermeld in de uitvoer), hetzelfde voor "
     "dezelfde --seed. Eén persona-kaart per groep: een naam uit de "
     "opvallende kenmerken, grootte, aandeel in omzet en winst, typisch "
     "gedrag, de kenmerken die de groep onderscheiden (lift en aantallen), "
     "tevredenheid en de belangrijkste thema's in opmerkingen, "
     "verlooprisico, CLV en de aanpak uit het actieplan. Geen groep van "
     "minder dan 5 klanten staat apart (samen onder \"overige\"), en geen "
     "naam, e-mail, telefoon of adres wordt gelezen. Kenmerken: sector, size "
     "(grootte), type (klanttype), region (Vlaanderen, Wallonië, Brussel, "
     "Nederland, uit de postcode), province, channel (acquisitiekanaal), "
     "tenure, pay_class, rfm, abc, categories (aantal gekochte "
     "productcategorieën), value (top 20% / volgende 30% / onderste 50% "
     "in waarde), cluster."},
    {"help.segments.examples",
     "  klantwijs segments demo-data\n"
     "  klantwijs segments demo-data --by sector,value --lang nl\n"
     "  klantwijs segments demo-data --fit-template > profiel.txt\n"
     "  klantwijs segments demo-data --fit profiel.txt --format json\n",
     "  klantwijs segments demo-data\n"
     "  klantwijs segments demo-data --by sector,value --lang nl\n"
     "  klantwijs segments demo-data --fit-template > profiel.txt\n"
     "  klantwijs segments demo-data --fit profiel.txt --format json\n"},
    {"opt.segments.by", "segment by ATTR, crossed with ATTR2",
     "segmenteer volgens ATTR, gekruist met ATTR2"},
    {"opt.segments.by.default",
     "sector, else region, size, channel, tenure",
     "sector, anders region, size, channel, tenure"},
    {"opt.segments.cross", "the same as --by ATTR,ATTR2",
     "hetzelfde als --by ATTR,ATTR2"},
    {"opt.segments.k", "fix the number of behavioural groups",
     "leg het aantal gedragsgroepen vast"},
    {"opt.segments.k.default", "chosen by the silhouette",
     "gekozen met de silhouet"},
    {"opt.segments.k_max", "largest number of groups tried",
     "grootste aantal groepen dat geprobeerd wordt"},
    {"opt.segments.sample", "customers in the silhouette sample",
     "klanten in de steekproef voor de silhouet"},
    {"opt.segments.seed", "seed of k-means++ and the sample",
     "startwaarde van k-means++ en de steekproef"},
    {"opt.segments.no_clusters", "rule segments only",
     "enkel regelsegmenten"},
    {"opt.segments.personas",
     "with --format csv: the persona table instead of the segment table",
     "met --format csv: de persona-tabel in plaats van de segmenttabel"},
    {"opt.segments.fit",
     "ideal customer profile: a fit per customer, per segment and per "
     "persona",
     "ideaal klantprofiel: een fit per klant, per segment en per persona"},
    {"opt.segments.fit_template", "print a profile to edit and exit",
     "druk een profiel af om aan te passen en stop"},
    {"opt.segments.min_group", "smallest group shown",
     "kleinste groep die getoond wordt"},
    {"cli.err.segments_attr",
     "{opt}: unknown attribute '{v}' (sector, size, type, region, province, "
     "channel, tenure, pay_class, rfm, abc, categories, value, cluster)",
     "{opt}: onbekend kenmerk '{v}' (sector, size, type, region, province, "
     "channel, tenure, pay_class, rfm, abc, categories, value, cluster)"},
    {"cli.err.segments_personas", "--personas goes with --format csv",
     "--personas hoort bij --format csv"},
    {"cli.segments.no_attr",
     "the data have no '{attr}'; every customer is 'unknown'",
     "de gegevens hebben geen '{attr}'; elke klant is 'onbekend'"},

    /* shared options: input */
    {"opt.path",
     "a data folder (transactions.csv, customers.csv, invoices.csv, ...) or "
     "a transactions file; - is standard input",
     "een gegevensmap (transactions.csv, customers.csv, invoices.csv, ...) "
     "of een transactiebestand; - is de standaardinvoer"},
    {"opt.transactions", "the sales lines (transactions) file",
     "het bestand met verkooplijnen (transacties)"},
    {"opt.customers", "the customers table", "de klantentabel"},
    {"opt.invoices", "the invoices table (payment behaviour)",
     "de facturentabel (betaalgedrag)"},
    {"opt.costs", "the costs table (cost-to-serve)",
     "de kostentabel (kosten om te bedienen)"},
    {"opt.feedback", "the feedback table (survey answers)",
     "de feedbacktabel (antwoorden op enquêtes)"},
    {"opt.touchpoints", "the touchpoints table (campaigns, contacts)",
     "de tabel met contactmomenten (campagnes, contacten)"},
    {"opt.referrals", "the referrals table", "de tabel met doorverwijzingen"},
    {"opt.spend", "the marketing spend table (channel, month, amount)",
     "de tabel met marketinguitgaven (kanaal, maand, bedrag)"},
    {"opt.map",
     "use COLUMN (a header or a 1-based number) for ROLE; TABLE.ROLE=COLUMN "
     "for another table; repeatable. Roles: customer, date, amount, invoice, "
     "product, category, quantity, unit_price, cost, margin, discount, ...",
     "gebruik KOLOM (een kop of een nummer vanaf 1) voor ROL; "
     "TABEL.ROL=KOLOM voor een andere tabel; herhaalbaar. Rollen: customer, "
     "date, amount, invoice, product, category, quantity, unit_price, cost, "
     "margin, discount, ..."},
    {"opt.decimal_mark", "settle the decimal mark of every amount column",
     "leg het decimaalteken van elke bedragkolom vast"},
    {"opt.date_format", "settle the day/month order",
     "leg de volgorde van dag en maand vast"},
    {"opt.delimiter", ", ; tab | or space (runs of blanks)",
     ", ; tab | of space (reeksen spaties)"},
    {"opt.no_header", "the first line is data",
     "de eerste regel is gegevens"},
    {"opt.header", "the first line is a header (found by itself otherwise)",
     "de eerste regel is een kop (anders zelf bepaald)"},
    {"opt.encoding", "the character encoding (found by itself otherwise)",
     "de tekenset (anders zelf bepaald)"},
    {"opt.strict", "a bad cell is an error instead of a skipped row",
     "een foute cel is een fout in plaats van een overgeslagen rij"},
    {"opt.sheet",
     "the workbook sheet to read, by name or number (.xlsx, .xls; default: "
     "the sheet whose header fits best)",
     "het werkblad om te lezen, op naam of nummer (.xlsx, .xls; standaard: "
     "het blad waarvan de kop het best past)"},
    {"opt.vat",
     "amounts without or with VAT when a file has both (default excl)",
     "bedragen zonder of met btw als een bestand beide heeft (standaard "
     "excl)"},
    {"opt.vat_rate",
     "take the VAT off amounts that include it, at this rate in percent "
     "(e.g. 21)",
     "haal de btw van bedragen die ze bevatten, aan dit tarief in procent "
     "(bv. 21)"},
    {"opt.threads", "threads for reading", "threads om te lezen"},
    {"opt.threads.default", "the CPUs, up to 8", "de processoren, tot 8"},
    /* shared options: output and period */
    {"opt.format", "the output format", "het uitvoerformaat"},
    {"opt.lang", "language and number format (1.234,56 in nl)",
     "taal en getalnotatie (1.234,56 in nl)"},
    {"opt.output", "write to FILE (atomically) instead of standard output",
     "schrijf naar BESTAND (in één keer) in plaats van de standaarduitvoer"},
    {"opt.as_of",
     "last day observed (inclusive); later lines are left out",
     "laatste waargenomen dag (inbegrepen); latere lijnen vallen weg"},
    {"opt.as_of.default", "the last transaction date",
     "de laatste transactiedatum"},
    {"opt.unit",
     "unit of t_x and T (a week is 7 days, a month 30.4375 days, a year "
     "365.25 days)",
     "eenheid van t_x en T (een week is 7 dagen, een maand 30,4375 dagen, "
     "een jaar 365,25 dagen)"},

    /* summary */
    {"help.summary.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.summary.about",
     "Per customer: first and last purchase, orders (distinct invoices, else "
     "purchase days), purchase days, revenue net of returns, margin where "
     "cost or margin is known, average order value, distinct products and "
     "categories, tenure and recency in days, and the buy-till-you-die "
     "triple: x = purchase days after the first (same-day purchases merged), "
     "t_x = first to last purchase, T = first purchase to the as-of date, in "
     "--unit. A table shows the top customers by revenue; csv and json give "
     "every customer with a purchase (customer_id, ..., x, t_x, T).",
     "Per klant: eerste en laatste aankoop, orders (verschillende facturen, "
     "anders aankoopdagen), aankoopdagen, omzet na retouren, marge waar kost "
     "of marge gekend is, gemiddelde orderwaarde, verschillende producten en "
     "categorieën, klantduur en recentheid in dagen, en het "
     "buy-till-you-die-drietal: x = aankoopdagen na de eerste (aankopen op "
     "dezelfde dag samen), t_x = eerste tot laatste aankoop, T = eerste "
     "aankoop tot de peildatum, in --unit. Een tabel toont de grootste "
     "klanten naar omzet; csv en json geven elke klant met een aankoop "
     "(customer_id, ..., x, t_x, T)."},
    {"help.summary.examples",
     "  klantwijs summary demo-data\n"
     "  klantwijs summary cdnow.csv --map customer=sampleid,amount=sales \\\n"
     "      --unit week --as-of 1997-09-30 --format csv -o summary.csv\n",
     "  klantwijs summary demo-data\n"
     "  klantwijs summary cdnow.csv --map customer=sampleid,amount=sales \\\n"
     "      --unit week --as-of 1997-09-30 --format csv -o overzicht.csv\n"},
    {"opt.summary.top", "rows in the table (0 = all)",
     "rijen in de tabel (0 = alle)"},

    /* demo */
    {"help.demo.usage", "[--customers N] [--seed S] [--from DATE] [--to DATE] -o DIR",
     "[--customers N] [--seed S] [--from DATUM] [--to DATUM] -o MAP"},
    {"help.demo.about",
     "Writes a realistic synthetic data set of a Flemish office and IT "
     "supplier to DIR: customers.csv, transactions.csv (a Belgian export: "
     "';', decimal commas, day-first dates, Dutch headers), invoices.csv, "
     "costs.csv, feedback.csv, touchpoints.csv, referrals.csv, and "
     "truth.json with every generating parameter. Purchases follow a BG/NBD "
     "process with Gamma-Gamma order values; the same seed gives the same "
     "files.",
     "Schrijft een realistische verzonnen gegevensset van een Vlaamse "
     "leverancier van kantoor- en IT-materiaal naar MAP: customers.csv, "
     "transactions.csv (een Belgische export: ';', decimale komma's, eerst "
     "de dag, Nederlandse koppen), invoices.csv, costs.csv, feedback.csv, "
     "touchpoints.csv, referrals.csv, en truth.json met elke parameter van "
     "de trekking. Aankopen volgen een BG/NBD-proces met Gamma-Gamma-"
     "orderwaarden; hetzelfde zaad geeft dezelfde bestanden."},
    {"help.demo.examples",
     "  klantwijs demo -o demo-data\n"
     "  klantwijs demo --customers 1000000 --seed 7 -o /tmp/big\n",
     "  klantwijs demo -o demo-data\n"
     "  klantwijs demo --customers 1000000 --seed 7 -o /tmp/groot\n"},
    {"cli.demo.missing_dir", "missing -o DIR", "-o MAP ontbreekt"},
    {"opt.demo.customers", "number of customers", "aantal klanten"},
    {"opt.demo.seed", "random seed", "zaad van de toevalsgenerator"},
    {"opt.demo.from", "first day of the window", "eerste dag van de periode"},
    {"opt.demo.to", "last day of the window", "laatste dag van de periode"},
    {"opt.demo.output", "the folder to write (created when missing)",
     "de map om te schrijven (aangemaakt als ze ontbreekt)"},
    {"help.inspect.usage",
     "[OPTIONS] PATH",
     "[OPTIES] PAD"},
    {"help.inspect.about",
     "Shows per table the detected delimiter, header, encoding and "
     "line endings, each column's role, type, decimal mark and date "
     "order, rows read, used and skipped (with reasons and the first "
     "examples), missing values per column, and a data-quality report: "
     "exact duplicate lines, negative amounts (credit notes, returns), "
     "dates in the future or before 1990, extreme amounts (robust z-score "
     "over 10), and customers present in transactions but not in the "
     "customers table and the reverse.",
     "Toont per tabel het gevonden scheidingsteken, de kop, de tekenset "
     "en de regeleinden, per kolom de rol, het type, het decimaalteken "
     "en de datumvolgorde, de gelezen, gebruikte en overgeslagen rijen "
     "(met redenen en de eerste voorbeelden), ontbrekende waarden per "
     "kolom, en een rapport over de datakwaliteit: exact dubbele lijnen, "
     "negatieve bedragen (creditnota's, retouren), datums in de toekomst "
     "of voor 1990, uitschieters (robuuste z-score boven 10), en klanten "
     "die in de transacties staan maar niet in de klantentabel en omgekeerd."},
    {"help.inspect.examples",
     "  klantwijs inspect demo-data\n"
     "  klantwijs inspect verkopen.csv --decimal-mark , --format json\n",
     "  klantwijs inspect demo-data\n"
     "  klantwijs inspect verkopen.csv --decimal-mark , --format json\n"},
    {"opt.inspect.today",
     "the date for the future-dates check",
     "de datum voor de controle op datums in de toekomst"},
    {"opt.inspect.today.default",
     "the system date",
     "de systeemdatum"},
    {"help.cohorts.usage",
     "[OPTIONS] PATH",
     "[OPTIES] PAD"},
    {"help.cohorts.about",
     "Customers grouped by the period of their first purchase (acquisition "
     "cohort); per cohort and period since acquisition (0 = the acquisition "
     "period):\n"
     "  active               customers with a purchase in period k "
     "('returned in period k')\n"
     "  active_share         the same as a share of the cohort (default)\n"
     "  active_later         customers with a purchase in period k "
     "or later\n"
     "  active_later_share   the same as a share of the cohort\n"
     "  revenue              net revenue of the cohort in period k\n"
     "  nrr                  net revenue retention: revenue in k / "
     "revenue in period 0\n"
     "  cumulative_revenue_per_customer  revenue up to period k per "
     "acquired customer\n"
     "The 'total' row pools the cohorts observed at each k (weighted "
     "by size). Returns and credit notes lower revenue but are no purchase. "
     "The last period may be incomplete (the output says so).\n"
     "A table per metric (rows cohorts, columns periods since acquisition); "
     "csv stacks the matrices with a metric column (metric, cohort, "
     "size, 0, 1, ...; shares as fractions); json has per metric \"values\" "
     "(rows x columns, null where not observed) and \"total\".",
     "Klanten gegroepeerd naar de periode van hun eerste aankoop (instroomcohort); "
     "per cohort en periode sinds de instroom (0 = de instroomperiode):\n"
     "  active               klanten met een aankoop in periode k ('teruggekeerd "
     "in periode k')\n"
     "  active_share         hetzelfde als aandeel van het cohort (standaard)\n"
     "  active_later         klanten met een aankoop in periode k of "
     "later\n"
     "  active_later_share   hetzelfde als aandeel van het cohort\n"
     "  revenue              netto-omzet van het cohort in periode "
     "k\n"
     "  nrr                  netto-omzetbehoud: omzet in k / omzet "
     "in periode 0\n"
     "  cumulative_revenue_per_customer  omzet tot periode k per verworven "
     "klant\n"
     "De rij 'total' voegt de cohorten samen die op elke k waargenomen "
     "zijn (gewogen naar grootte). Retouren en creditnota's verlagen "
     "de omzet maar zijn geen aankoop. De laatste periode kan onvolledig "
     "zijn (de uitvoer zegt het).\n"
     "Een tabel per maatstaf (rijen cohorten, kolommen perioden sinds "
     "de instroom); csv zet de matrices onder elkaar met een kolom "
     "metric (metric, cohort, size, 0, 1, ...; aandelen als breuken); "
     "json heeft per maatstaf \"values\" (rijen x kolommen, null waar "
     "niet waargenomen) en \"total\"."},
    {"help.cohorts.examples",
     "  klantwijs cohorts demo-data\n"
     "  klantwijs cohorts demo-data --by quarter --metric active_share,nrr\n"
     "  klantwijs cohorts demo-data --metric all --format csv -o cohorts.csv\n",
     "  klantwijs cohorts demo-data\n"
     "  klantwijs cohorts demo-data --by quarter --metric active_share,nrr\n"
     "  klantwijs cohorts demo-data --metric all --format csv -o cohorten.csv\n"},
    {"opt.cohorts.by",
     "cohort and period length (weeks start on Monday)",
     "lengte van cohort en periode (weken beginnen op maandag)"},
    {"opt.cohorts.metric",
     "metrics separated by commas, or all",
     "maatstaven gescheiden door komma's, of all"},
    {"opt.cohorts.metric.default",
     "active_share; json: all",
     "active_share; json: all"},
    {"opt.cohorts.ages",
     "at most N periods since acquisition",
     "hoogstens N perioden sinds de instroom"},
    {"opt.all",
     "all",
     "alle"},
    {"cli.err.metric",
     "--metric takes active, active_share, active_later, active_later_share, "
     "revenue, nrr, cumulative_revenue_per_customer or all",
     "--metric verwacht active, active_share, active_later, active_later_share, "
     "revenue, nrr, cumulative_revenue_per_customer of all"},
    {"opt.per_customer",
     "every customer's row (table or csv)",
     "een rij per klant (tabel of csv)"},
    {"opt.portfolio",
     "csv: the portfolio figures as key,value rows",
     "csv: de cijfers van de hele klantenportefeuille als rijen key,value"},
    {"opt.top",
     "rows per table on the terminal (0 = all)",
     "rijen per tabel op de terminal (0 = alle)"},
    {"opt.margin",
     "gross margin (% of revenue) to assume where the sales lines have "
     "no cost or margin column",
     "brutomarge (% van de omzet) om aan te nemen waar de verkooplijnen "
     "geen kost- of margekolom hebben"},
    {"opt.rate",
     "cost per unit (hour, ticket, parcel) of a cost type in costs.csv, "
     "used for rows without an amount; repeatable (--rate service_hours=55)",
     "kost per eenheid (uur, ticket, pakket) van een kostensoort in "
     "costs.csv, voor rijen zonder bedrag; herhaalbaar (--rate service_hours=55)"},
    {"opt.config",
     "profitability settings: margin_pct = 35, TYPE.rate = 12,50, subtract_discount "
     "= yes, large_share = 10 (options given on the command line win)",
     "instellingen voor de winstgevendheid: margin_pct = 35, TYPE.rate "
     "= 12,50, subtract_discount = yes, large_share = 10 (opties op "
     "de opdrachtregel winnen)"},
    {"opt.subtract_discount",
     "the amounts are before discount: subtract it",
     "de bedragen zijn voor korting: trek ze af"},
    {"opt.large",
     "the share of customers (top by revenue) counted as large",
     "het aandeel klanten (de grootste naar omzet) dat als groot telt"},
    {"cli.err.rate",
     "--rate takes TYPE=AMOUNT (like service_hours=55 or support_ticket=12,50), "
     "not '{v}'",
     "--rate verwacht SOORT=BEDRAG (zoals service_hours=55 of support_ticket=12,50), "
     "niet '{v}'"},
    {"cli.err.too_many_rates",
     "too many cost rates (at most 64)",
     "te veel kosttarieven (hoogstens 64)"},
    {"help.profit.usage",
     "[OPTIONS] PATH",
     "[OPTIES] PAD"},
    {"help.profit.about",
     "Per customer: revenue, cost of goods, discounts, cost-to-serve "
     "by type (from costs.csv), net contribution and margin %. Cost "
     "of goods comes from a cost column of the sales lines, else a "
     "margin column, else --margin; the output says which. Customers "
     "with sales but no cost data are reported as such and left out "
     "of the totals, never counted at a 100% margin. A cost row costs "
     "its amount; a row without an amount costs its units (hours, or "
     "1 ticket/parcel) x the rate of its type. Sales lines and cost "
     "rows after --as-of are left out.\n"
     "\n"
     "Portfolio: the whale curve (customers from most to least profitable, "
     "cumulative contribution as a % of the total) and its peak, the "
     "customers who lose money and how much, and the large customers "
     "(top 10% by revenue) who lose money.\n"
     "\n"
     "The terminal shows the portfolio and the most and least profitable "
     "customers; csv gives every active customer's row (most profitable "
     "first, then those without cost data); json gives both, the cost "
     "types and the whale curve points.",
     "Per klant: omzet, kostprijs van de goederen, kortingen, kosten "
     "om te bedienen per soort (uit costs.csv), netto bijdrage en marge "
     "in %. De kostprijs komt uit een kostkolom van de verkooplijnen, "
     "anders een margekolom, anders --margin; de uitvoer zegt welke. "
     "Klanten met verkopen maar zonder kostgegevens worden zo gemeld "
     "en buiten de totalen gelaten, nooit aan 100% marge geteld. Een "
     "kostenrij kost haar bedrag; een rij zonder bedrag kost haar eenheden "
     "(uren, of 1 ticket/pakket) x het tarief van haar soort. Verkooplijnen "
     "en kostenrijen na --as-of vallen weg.\n"
     "\n"
     "Portefeuille: de walviscurve (klanten van meest naar minst winstgevend, "
     "cumulatieve bijdrage als % van het totaal) en haar top, de klanten "
     "die geld kosten en hoeveel, en de grote klanten (top 10% naar "
     "omzet) die geld kosten.\n"
     "\n"
     "De terminal toont de portefeuille en de meest en minst winstgevende "
     "klanten; csv geeft de rij van elke actieve klant (meest winstgevend "
     "eerst, dan die zonder kostgegevens); json geeft beide, de kostensoorten "
     "en de punten van de walviscurve."},
    {"help.profit.examples",
     "  klantwijs profit demo-data --rate service_hours=55 \\\n"
     "      --rate support_ticket=25\n"
     "  klantwijs profit verkopen.csv --margin 30 --format csv -o winst.csv\n"
     "  klantwijs profit demo-data --config kosten.conf --lang nl\n",
     "  klantwijs profit demo-data --rate service_hours=55 \\\n"
     "      --rate support_ticket=25\n"
     "  klantwijs profit verkopen.csv --margin 30 --format csv -o winst.csv\n"
     "  klantwijs profit demo-data --config kosten.conf --lang nl\n"},
    {"help.rfm.usage",
     "[OPTIONS] PATH",
     "[OPTIES] PAD"},
    {"help.rfm.about",
     "Scores every customer with a purchase on recency (days from the "
     "last purchase to --as-of), frequency (orders) and monetary value "
     "(revenue, or contribution with --monetary contribution), 1 to "
     "5 (--bins), 5 = best, and names segments from a rule table: Champions, "
     "Loyal Customers, Potential Loyalist, New Customers, Promising, "
     "Need Attention, About To Sleep, At Risk, Can't Lose Them, Hibernating, "
     "Lost.\n"
     "\n"
     "Scoring rule: score = 1 + floor(bins x L / n), with L the customers "
     "with a worse value (lower F or M, longer recency) and n the scored "
     "customers. Equal values always get the same score and the worst "
     "value scores 1. When a metric has no more distinct values than "
     "bins, the distinct values are spread evenly over 1..bins instead "
     "(one value: the middle score). Explicit breaks replace the quantiles.\n"
     "\n"
     "Segments: the built-in rules use R and FM = (F + M) / 2 (Champions: "
     "R 4-5 and FM 4-5, ..., Lost: R 1 and FM 1); the first matching "
     "rule wins. A rule file replaces them: scale = 5, then per rule "
     "a [key] section with name, name_nl, action, action_nl and ranges "
     "r, f, m, fm (like 4-5, <=2, >=4, *).\n"
     "\n"
     "The terminal shows the segment table (customers, share, revenue "
     "share, mean recency, frequency and monetary value), the suggested "
     "actions and the value range of each score; csv gives every scored "
     "customer's row (scores, RFM code, segment); json gives all of "
     "it.",
     "Geeft elke klant met een aankoop een score voor recentheid (dagen "
     "van de laatste aankoop tot --as-of), frequentie (orders) en geldwaarde "
     "(omzet, of bijdrage met --monetary contribution), 1 tot 5 (--bins), "
     "5 = best, en benoemt segmenten uit een regeltabel: Kampioenen, "
     "Trouwe klanten, Potentieel trouw, Nieuwe klanten, Veelbelovend, "
     "Aandacht nodig, Dreigt in te slapen, Risico, Niet te verliezen, "
     "Winterslaap, Verloren.\n"
     "\n"
     "Scoreregel: score = 1 + floor(bins x L / n), met L de klanten "
     "met een slechtere waarde (lagere F of M, langere recentheid) "
     "en n de gescoorde klanten. Gelijke waarden krijgen altijd dezelfde "
     "score en de slechtste waarde scoort 1. Heeft een maatstaf niet "
     "meer verschillende waarden dan bins, dan worden de verschillende "
     "waarden gelijkmatig over 1..bins verdeeld (één waarde: de middelste "
     "score). Opgegeven grenzen vervangen de kwantielen.\n"
     "\n"
     "Segmenten: de ingebouwde regels gebruiken R en FM = (F + M) / "
     "2 (Kampioenen: R 4-5 en FM 4-5, ..., Verloren: R 1 en FM 1); "
     "de eerste regel die past wint. Een regelbestand vervangt ze: "
     "scale = 5, dan per regel een sectie [key] met name, name_nl, "
     "action, action_nl en bereiken r, f, m, fm (zoals 4-5, <=2, >=4, "
     "*).\n"
     "\n"
     "De terminal toont de segmenttabel (klanten, aandeel, aandeel "
     "in de omzet, gemiddelde recentheid, frequentie en geldwaarde), "
     "de voorgestelde acties en het waardebereik van elke score; csv "
     "geeft de rij van elke gescoorde klant (scores, RFM-code, segment); "
     "json geeft alles."},
    {"help.rfm.examples",
     "  klantwijs rfm demo-data --lang nl\n"
     "  klantwijs rfm demo-data --as-of 2025-06-30 --format csv -o "
     "rfm.csv\n"
     "  klantwijs rfm verkopen.csv --bins 3 --rules mijn-segmenten.rules\n"
     "  klantwijs rfm demo-data --breaks-r 30,90,180,365 --breaks-f "
     "2,3,5,10\n"
     "      --breaks-m 100,500,1000,5000\n",
     "  klantwijs rfm demo-data --lang nl\n"
     "  klantwijs rfm demo-data --as-of 2025-06-30 --format csv -o "
     "rfm.csv\n"
     "  klantwijs rfm verkopen.csv --bins 3 --rules mijn-segmenten.rules\n"
     "  klantwijs rfm demo-data --breaks-r 30,90,180,365 --breaks-f "
     "2,3,5,10\n"
     "      --breaks-m 100,500,1000,5000\n"},
    {"opt.rfm.bins",
     "scores 1..N",
     "scores 1..N"},
    {"opt.rfm.breaks_r",
     "recency breaks in days (N-1 increasing values: fewer days than "
     "D1 scores N)",
     "grenzen voor recentheid in dagen (N-1 stijgende waarden: minder "
     "dagen dan D1 scoort N)"},
    {"opt.rfm.breaks_f",
     "frequency breaks in orders (F >= F1 scores 2)",
     "grenzen voor frequentie in orders (F >= F1 scoort 2)"},
    {"opt.rfm.breaks_m",
     "monetary breaks in currency units",
     "grenzen voor geldwaarde in munteenheden"},
    {"opt.rfm.monetary",
     "the monetary value (contribution needs cost data)",
     "de geldwaarde (bijdrage vraagt kostgegevens)"},
    {"opt.rfm.rules",
     "segment rules instead of the built-in ones",
     "segmentregels in plaats van de ingebouwde"},
    {"opt.rfm.segment",
     "per-customer rows of one segment only (like champions, at_risk, "
     "lost)",
     "rijen per klant van één segment (zoals champions, at_risk, lost)"},
    {"opt.rfm.segments",
     "csv: the segment table instead of customers",
     "csv: de segmenttabel in plaats van de klanten"},
    {"opt.rfm.print_rules",
     "write the segment rules (built-in, or --rules) in the rule file "
     "format, to copy and edit",
     "schrijf de segmentregels (ingebouwd, of --rules) in het formaat "
     "van een regelbestand, om te kopiëren en aan te passen"},
    {"cli.err.breaks",
     "{opt} takes increasing numbers separated by commas ('.' as decimal "
     "mark)",
     "{opt} verwacht stijgende getallen gescheiden door komma's ('.' "
     "als decimaalteken)"},
    {"help.payments.usage",
     "[OPTIONS] PATH",
     "[OPTIES] PAD"},
    {"help.payments.about",
     "From the invoices (invoice date, amount, paid date, and a due "
     "date or payment terms; an invoice paid in parts is several rows "
     "with the same number, a credit note a negative row): per customer "
     "the amount-weighted mean days to pay and days late (paid after "
     "the due date; early counts as 0), the share of settled invoices "
     "paid late, open and overdue amounts, ageing buckets (not yet "
     "due, 1-30, 31-60, 61-90, over 90 days past due) and a class: "
     "problematic when days late > 60 or an open invoice is more than "
     "90 days past due, else slow when days late > 7 or an open invoice "
     "is more than 30 days past due, else fast.\n"
     "\n"
     "Portfolio: DSO = open amount / invoiced in the last 90 days x "
     "90, total overdue and its ageing, the customers with the most "
     "overdue money, and the share of revenue from slow and problematic "
     "payers.\n"
     "\n"
     "Everything is seen at --as-of (default: the last sale, or the "
     "last invoice date without sales lines): invoices issued later "
     "are left out and a payment after it counts as open. PATH is a "
     "data folder (invoices.csv, with transactions.csv when present) "
     "or an invoices file.\n"
     "\n"
     "The terminal shows the figures, the ageing and the customers "
     "with the most overdue money (--top rows); csv gives every invoiced "
     "customer's row; json gives both.",
     "Uit de facturen (factuurdatum, bedrag, betaaldatum, en een vervaldatum "
     "of betalingstermijn; een factuur die in delen betaald is, is "
     "meerdere rijen met hetzelfde nummer, een creditnota een negatieve "
     "rij): per klant het naar bedrag gewogen gemiddelde aantal dagen "
     "tot betaling en dagen te laat (betaald na de vervaldatum; vroeg "
     "telt als 0), het aandeel van de afgehandelde facturen dat te "
     "laat betaald werd, openstaande en vervallen bedragen, ouderdomsklassen "
     "(nog niet vervallen, 1-30, 31-60, 61-90, meer dan 90 dagen vervallen) "
     "en een klasse: problematisch als dagen te laat > 60 of een open "
     "factuur meer dan 90 dagen vervallen is, anders traag als dagen "
     "te laat > 7 of een open factuur meer dan 30 dagen vervallen is, "
     "anders snel.\n"
     "\n"
     "Portefeuille: DSO = openstaand bedrag / gefactureerd in de laatste "
     "90 dagen x 90, het totaal vervallen bedrag en zijn ouderdom, "
     "de klanten met het meeste vervallen geld, en het aandeel van "
     "de omzet van trage en problematische betalers.\n"
     "\n"
     "Alles wordt gezien op --as-of (standaard: de laatste verkoop, "
     "of de laatste factuurdatum zonder verkooplijnen): later uitgeschreven "
     "facturen vallen weg en een betaling daarna telt als open. PAD "
     "is een gegevensmap (invoices.csv, met transactions.csv als die "
     "er is) of een facturenbestand.\n"
     "\n"
     "De terminal toont de cijfers, de ouderdom en de klanten met het "
     "meeste vervallen geld (--top rijen); csv geeft de rij van elke "
     "gefactureerde klant; json geeft beide."},
    {"help.payments.examples",
     "  klantwijs payments demo-data\n"
     "  klantwijs payments facturen.csv --as-of 2025-06-30 --lang nl\n"
     "  klantwijs payments demo-data --class problematic --format csv\n",
     "  klantwijs payments demo-data\n"
     "  klantwijs payments facturen.csv --as-of 2025-06-30 --lang nl\n"
     "  klantwijs payments demo-data --class problematic --format csv\n"},
    {"opt.payments.terms",
     "payment terms in days for rows without due date or terms",
     "betalingstermijn in dagen voor rijen zonder vervaldatum of termijn"},
    {"opt.payments.slow_late",
     "slow above this many days late",
     "traag boven zoveel dagen te laat"},
    {"opt.payments.slow_overdue",
     "... or an open invoice this many days past due",
     "... of een open factuur zoveel dagen vervallen"},
    {"opt.payments.problem_late",
     "problematic above this many days late",
     "problematisch boven zoveel dagen te laat"},
    {"opt.payments.problem_overdue",
     "... or an open invoice this many days past due",
     "... of een open factuur zoveel dagen vervallen"},
    {"opt.payments.dso_days",
     "the DSO window in days",
     "het DSO-venster in dagen"},
    {"opt.payments.class",
     "per-customer rows of one class only",
     "rijen per klant van één klasse"},
    {"cli.payments.missing_path",
     "missing PATH (a data folder or an invoices file)",
     "PAD ontbreekt (een gegevensmap of een facturenbestand)"},
    {"cli.payments.no_invoices",
     "no invoices table: put invoices.csv (or facturen.csv) in the "
     "folder or give --invoices FILE",
     "geen facturentabel: zet invoices.csv (of facturen.csv) in de "
     "map of geef --invoices BESTAND"},
    {"help.clv.usage",
     "[OPTIONS] PATH\n"
     "       klantwijs clv --patterns FILE [OPTIONS]",
     "[OPTIES] PAD\n"
     "         klantwijs clv --patterns BESTAND [OPTIES]"},
    {"help.clv.about",
     "Predictive customer value (\"buy till you die\"). From each customer's "
     "purchase days up to the as-of date (same-day purchases merged, "
     "returns are not purchases) it fits a purchase model and the Gamma-Gamma "
     "spend model, and predicts per customer: the probability of being "
     "alive now, expected purchases over the horizon, the probability "
     "of a given number of purchases in it, expected spend per purchase, "
     "the discounted value over the horizon and value over acquisition "
     "cost where customers.csv has one. Customers whose first purchase "
     "is after the as-of date are left out (and counted). The table "
     "shows the parameters with standard errors, the fit, the holdout "
     "evaluation when asked, then the most valuable customers; csv "
     "gives the per-customer table, json everything.\n"
     "\n"
     "BG/BB works in discrete time on calendar periods of --unit (days, "
     "ISO weeks Monday to Sunday, months, years): the period of the "
     "first purchase is period 0, opportunity j the j-th period after "
     "it; n = the periods after it complete on the as-of date, x = "
     "opportunities 1..n with a purchase, t_x = the last of them.",
     "Voorspelde klantwaarde (\"buy till you die\"). Uit de aankoopdagen "
     "van elke klant tot de peildatum (aankopen op dezelfde dag samen, "
     "retouren zijn geen aankopen) schat het een aankoopmodel en het "
     "Gamma-Gamma-bestedingsmodel, en voorspelt per klant: de kans "
     "dat de klant nu nog actief is, de verwachte aankopen over de "
     "horizon, de kans op een gegeven aantal aankopen daarin, de verwachte "
     "besteding per aankoop, de verdisconteerde waarde over de horizon "
     "en de waarde tegenover de wervingskost waar customers.csv die "
     "heeft. Klanten met een eerste aankoop na de peildatum vallen "
     "weg (en worden geteld). De tabel toont de parameters met standaardfouten, "
     "de fit, de toetsing op de toetsperiode als daarom gevraagd wordt, "
     "dan de meest waardevolle klanten; csv geeft de tabel per klant, "
     "json alles.\n"
     "\n"
     "BG/BB werkt in discrete tijd op kalenderperioden van --unit "
     "(dagen, ISO-weken van maandag tot zondag, maanden, jaren): de "
     "periode van de eerste aankoop is periode 0, kans j de j-de "
     "periode erna; n = de perioden erna die op de peildatum volledig "
     "zijn, x = kansen 1..n met een aankoop, t_x = de laatste daarvan."},
    {"help.clv.examples",
     "  klantwijs clv demo-data --unit month --horizon 24 --discount "
     "0.8%\n"
     "  klantwijs clv cdnowElog.csv --map customer=sampleid --map amount=sales "
     "\\\n"
     "      --as-of 1997-09-30 --holdout-end 1998-06-30 --model auto\n"
     "  klantwijs clv --patterns donations.csv --model bgbb --unit "
     "month\n",
     "  klantwijs clv demo-data --unit month --horizon 24 --discount "
     "0.8%\n"
     "  klantwijs clv cdnowElog.csv --map customer=sampleid --map amount=sales "
     "\\\n"
     "      --as-of 1997-09-30 --holdout-end 1998-06-30 --model auto\n"
     "  klantwijs clv --patterns donations.csv --model bgbb --unit "
     "month\n"},
    {"opt.clv.model",
     "the purchase model; auto fits bgnbd, mbgnbd and pnbd and keeps "
     "the lowest BIC",
     "het aankoopmodel; auto schat bgnbd, mbgnbd en pnbd en houdt de "
     "laagste BIC"},
    {"opt.clv.spend",
     "spend model (none: no values)",
     "bestedingsmodel (none: geen waarden)"},
    {"opt.clv.unit",
     "the period of t_x, T, the horizon and tracking",
     "de periode van t_x, T, de horizon en de opvolging"},
    {"opt.clv.holdout_end",
     "evaluate on the purchases in (as-of, DATE]: predicted vs actual "
     "per customer (MAE, RMSE, correlation), by frequency class, and "
     "tracking of cumulative repeat purchases per period",
     "toets op de aankopen in (peildatum, DATUM]: voorspeld tegenover "
     "werkelijk per klant (MAE, RMSE, correlatie), per frequentieklasse, "
     "en de opvolging van de cumulatieve herhaalaankopen per periode"},
    {"opt.clv.horizon",
     "periods ahead",
     "perioden vooruit"},
    {"opt.clv.horizon.default",
     "one year: 365, 52 or 12; for a pattern file the longest T",
     "een jaar: 365, 52 of 12; voor een patroonbestand de langste T"},
    {"opt.clv.discount",
     "discount rate per period, 0.01 or 1%",
     "disconteringsvoet per periode, 0.01 of 1%"},
    {"opt.clv.margin",
     "margin in percent of revenue (30 or 30%); by default each customer's "
     "own margin where the cost is known, else the pooled margin; without "
     "any cost the value is revenue",
     "marge in procent van de omzet (30 of 30%); standaard de eigen "
     "marge van elke klant waar de kost gekend is, anders de samengenomen "
     "marge; zonder enige kost is de waarde de omzet"},
    {"opt.clv.penalty",
     "L2 penalty on the parameters",
     "L2-straf op de parameters"},
    {"opt.clv.count",
     "P(exactly K purchases in the horizon) (0: the probability of "
     "no purchase)",
     "P(precies K aankopen in de horizon) (0: de kans op geen aankoop)"},
    {"opt.clv.top",
     "customers in the table (0 = all)",
     "klanten in de tabel (0 = alle)"},
    {"opt.clv.patterns",
     "fit a pattern file (frequency, recency, periods, weights columns, "
     "as the BG/BB donations data) instead of transactions; no spend "
     "model",
     "schat op een patroonbestand (kolommen frequency, recency, periods, "
     "weights, zoals de BG/BB-donatiegegevens) in plaats van transacties; "
     "geen bestedingsmodel"},
    {"cli.err.discount",
     "--discount takes a rate per period such as 0.01 or 1%",
     "--discount verwacht een voet per periode zoals 0.01 of 1%"},
    {"cli.clv.patterns_path",
     "--patterns replaces PATH; give one of them",
     "--patterns vervangt PAD; geef een van beide"},
    {"opt.clv.pushdown",
     "PATH is a postgresql:// URI: fit the purchase model on the (x, t_x, "
     "T) patterns the database counts (one row per pattern comes back); "
     "with --spend gg or --holdout-end the database computes one row per "
     "customer (x, t_x, T, mean repeat spend, holdout purchases)",
     "PATH is een postgresql://-URI: pas het aankoopmodel toe op de (x, "
     "t_x, T)-patronen die de database telt (er komt één rij per patroon "
     "terug); met --spend gg of --holdout-end berekent de database één rij "
     "per klant (x, t_x, T, gemiddelde herhaalbesteding, aankopen in de "
     "holdout)"},
    {"cli.clv.pushdown_only",
     "--pushdown computes the model's input in the database: not with "
     "--patterns or --model bgbb (whose calendar periods need the lines)",
     "--pushdown berekent de invoer van het model in de database: niet "
     "samen met --patterns of --model bgbb (waarvan de kalenderperiodes de "
     "lijnen nodig hebben)"},
    {"cli.clv.patterns_dates",
     "--as-of and --holdout-end need transactions, not a pattern file",
     "--as-of en --holdout-end vragen transacties, geen patroonbestand"},
    {"cli.clv.patterns_spend",
     "a pattern file has no spend: use --spend none",
     "een patroonbestand heeft geen bestedingen: gebruik --spend none"},
    {"cli.clv.holdout_order",
     "--holdout-end must come after --as-of",
     "--holdout-end moet na --as-of komen"},
    {"cli.clv.holdout_as_of",
     "--holdout-end needs --as-of (the end of the calibration period)",
     "--holdout-end vraagt --as-of (het einde van de kalibratieperiode)"},
    {"help.analyze.usage",
     "[OPTIONS] PATH -o OUTDIR",
     "[OPTIES] PAD -o UITVOERMAP"},
    {"help.analyze.about",
     "The main job: runs every analysis the data allow — key figures, "
     "Pareto and ABC, profit per customer and the whale curve, RFM "
     "segments, the CLV model (checked on a holdout period) with P(alive), "
     "cohort retention and survival, payment behaviour, cross-sell "
     "rules, NPS and acquisition cost — and gives every customer one "
     "action with its reason: invest, develop / cross-sell, retain, "
     "win back, serve at low cost, reprice or phase out, collect first. "
     "An analysis that a missing table or column rules out is named, "
     "with the reason.\n"
     "\n"
     "Writes to OUTDIR (created when missing; each file atomically):\n"
     "  index.html      the report: one self-contained page (charts "
     "inline, nothing from the network), printable to PDF\n"
     "  customers.xlsx  one row per customer (up to --xlsx-rows); one "
     "sheet per action\n"
     "  customers.csv   the same for machines\n"
     "  summary.json    every portfolio figure of the report, stable "
     "keys\n"
     "Names, e-mail addresses, phone numbers and addresses never appear "
     "(customer ids only); --show-names adds names. Groups of fewer "
     "than 5 customers are merged into \"other\".",
     "De hoofdtaak: voert elke analyse uit die de gegevens toelaten "
     "— kerncijfers, Pareto en ABC, winst per klant en de walviscurve, "
     "RFM-segmenten, het CLV-model (getoetst op een toetsperiode) met "
     "P(actief), klantbehoud per cohort en overleving, betaalgedrag, "
     "regels voor kruisverkoop, NPS en wervingskost — en geeft elke "
     "klant één actie met haar reden: investeren, ontwikkelen / kruisverkopen, "
     "behouden, terugwinnen, goedkoop bedienen, herprijzen of afbouwen, "
     "eerst innen. Een analyse die door een ontbrekende tabel of kolom "
     "niet kan, wordt genoemd, met de reden.\n"
     "\n"
     "Schrijft naar UITVOERMAP (aangemaakt als ze ontbreekt; elk bestand "
     "in één keer):\n"
     "  index.html      het rapport: één zelfstandige pagina (grafieken "
     "ingebouwd, niets van het netwerk), af te drukken als PDF\n"
     "  customers.xlsx  een rij per klant (tot --xlsx-rows); een blad "
     "per actie\n"
     "  customers.csv   hetzelfde voor machines\n"
     "  summary.json    elk cijfer van de portefeuille in het rapport, "
     "vaste sleutels\n"
     "Namen, e-mailadressen, telefoonnummers en adressen verschijnen "
     "nooit (alleen klantnummers); --show-names voegt namen toe. Groepen "
     "van minder dan 5 klanten worden samengevoegd tot \"overige\"."},
    {"help.analyze.examples",
     "  klantwijs analyze demo-data -o demo-report\n"
     "  klantwijs analyze exports/ --lang nl --as-of 2024-12-31 \\\n"
     "      --rate service_hours=55 --rate support_ticket=25 -o rapport\n",
     "  klantwijs analyze demo-data -o demo-rapport\n"
     "  klantwijs analyze exports/ --lang nl --as-of 2024-12-31 \\\n"
     "      --rate service_hours=55 --rate support_ticket=25 -o rapport\n"},
    {"opt.analyze.output",
     "the report folder (required)",
     "de map van het rapport (verplicht)"},
    {"opt.analyze.currency",
     "currency of the amounts",
     "munt van de bedragen"},
    {"opt.analyze.show_names",
     "include customer names in the exports",
     "neem klantnamen op in de exports"},
    {"opt.analyze.rules",
     "action rules replacing the built-in ones",
     "actieregels in plaats van de ingebouwde"},
    {"opt.analyze.rules_template",
     "print the built-in action rules and exit",
     "druk de ingebouwde actieregels af en stop"},
    {"opt.analyze.rfm_rules",
     "RFM segment rules replacing the built-in ones",
     "RFM-segmentregels in plaats van de ingebouwde"},
    {"opt.analyze.fit",
     "ideal customer profile (klantwijs segments --fit-template): a fit per "
     "customer, and the plan says goodbye to low-fit, low-value customers "
     "who cost attention",
     "ideaal klantprofiel (klantwijs segments --fit-template): een fit per "
     "klant, en het plan zegt strategisch gedag tegen klanten met een lage "
     "fit en lage waarde die aandacht kosten"},
    {"opt.analyze.clv_model",
     "the CLV model; auto compares them on the holdout period and keeps the "
     "best that passes its checks",
     "het CLV-model; auto vergelijkt ze op de testperiode en houdt het beste "
     "dat de controles doorstaat"},
    {"opt.analyze.horizon",
     "CLV horizon in months",
     "CLV-horizon in maanden"},
    {"opt.analyze.discount",
     "yearly discount rate for CLV",
     "jaarlijkse disconteringsvoet voor CLV"},
    {"opt.analyze.holdout",
     "days held out to check the CLV model",
     "dagen apart gehouden om het CLV-model te toetsen"},
    {"opt.analyze.holdout.default",
     "a quarter of the data, 28 to 365",
     "een kwart van de gegevens, 28 tot 365"},
    {"opt.analyze.top",
     "customers listed per action in the report",
     "klanten per actie in het rapport"},
    {"opt.analyze.xlsx_rows",
     "customers.xlsx has a sheet of every customer when there are at "
     "most N",
     "customers.xlsx heeft een blad met elke klant als er hoogstens "
     "N zijn"},
    {"opt.analyze.xlsx_action_rows",
     "customers per action sheet, highest money at stake first; customers.csv "
     "always lists every customer",
     "klanten per actieblad, hoogste bedrag op het spel eerst; customers.csv "
     "toont altijd elke klant"},
    {"cli.err.currency",
     "--currency takes a code like EUR",
     "--currency verwacht een code zoals EUR"},
    {"cli.analyze.missing_dir",
     "missing -o OUTDIR (the report folder)",
     "-o UITVOERMAP ontbreekt (de map van het rapport)"},
    {"cli.analyze.writing",
     "writing the report…",
     "het rapport wordt geschreven…"},
    {"opt.analyze.timings",
     "print the time of every stage (loading, each analysis step, each file "
     "written) on standard error, wall clock and CPU",
     "toon de tijd van elke stap (inlezen, elke analysestap, elk geschreven "
     "bestand) op standaardfout, kloktijd en CPU"},
    {"opt.analyze.verbose",
     "--timings, and the rows read and used of each table",
     "--timings, en de gelezen en gebruikte rijen van elke tabel"},
    {"cli.analyze.stage.load",
     "loading the data",
     "gegevens inlezen"},
    {"cli.analyze.time",
     "time of {stage}: {seconds} s (CPU {cpu} s)",
     "tijd van {stage}: {seconds} s (CPU {cpu} s)"},
    {"cli.analyze.time_total",
     "time in total: {seconds} s (CPU {cpu} s)",
     "tijd in totaal: {seconds} s (CPU {cpu} s)"},
    {"cli.analyze.table_rows",
     "table {table}: {rows} rows read, {used} used",
     "tabel {table}: {rows} rijen gelezen, {used} gebruikt"},

    /* churn: help, options and usage errors (cli/cmd_churn.c) */
    {"help.churn.usage", "[OPTIONS] PATH\n       klantwijs churn --drivers "
     "[OPTIONS] PATH",
     "[OPTIES] PAD\n       klantwijs churn --drivers [OPTIES] PAD"},
    {"help.churn.about",
     "Purchases (non-contractual): a customer has churned when no purchase "
     "came for longer than a gap G: as-of - last purchase > G. G is derived "
     "from the data as the 90th percentile (--gap-quantile) of all days "
     "between consecutive purchase days of the same customer ('90% of "
     "repeat purchases come within G days'), at least 30 days (--gap-floor), "
     "or set with --gap. At risk: not churned, and no purchase for more than "
     "0.7 G (--at-risk-fraction). The churn day is the last purchase + G. "
     "With --p-alive MODEL the status follows the probability that the "
     "customer is still active from that model, fitted on the purchases up "
     "to the as-of date: churned below 0.5 (--p-alive-threshold), at risk "
     "below 0.7; churn days and the period table still follow the gap "
     "rule.\n\n"
     "Contracts (--contracts; the customers table has start and end or "
     "cancel dates): churned when every contract ended by the as-of date; "
     "at risk: an end date within --at-risk-days after it.\n\n"
     "Shows the customers, lines and revenue the figures cover, the counts, "
     "the churned share today and the churn rate of the last 12 months, the "
     "churn and retention rate per period (customers alive at the start of "
     "the period who churned in it), the customers who churned in the last "
     "period and those at risk, with their revenue (net, up to the as-of "
     "date), highest first.\n\n"
     "With --drivers: which attributes and behaviours differ between "
     "churned and retained customers: churn rate per category with a 95% "
     "Wilson interval, medians of numeric attributes, and an L2-regularised "
     "logistic regression with standardised coefficients, evaluated on a "
     "random holdout (AUC, calibration by decile of predicted risk). These "
     "are associations, not causes. On purchase data the label is 'no "
     "purchase in the last G days' and behaviours are measured before that "
     "window only. A customers-like file with a churn column (--event COL) "
     "is analysed as it is.",
     "Aankopen (zonder contract): een klant is gestopt als er langer dan een "
     "pauze G geen aankoop kwam: peildatum - laatste aankoop > G. G komt uit "
     "de gegevens als het 90e percentiel (--gap-quantile) van alle dagen "
     "tussen opeenvolgende aankoopdagen van dezelfde klant ('90% van de "
     "herhaalaankopen komt binnen G dagen'), minstens 30 dagen "
     "(--gap-floor), of vast met --gap. Risico: niet gestopt, en meer dan "
     "0,7 G geen aankoop (--at-risk-fraction). De churndag is de laatste "
     "aankoop + G. Met --p-alive MODEL volgt de status de kans dat de klant "
     "nog actief is volgens dat model, geschat op de aankopen tot de "
     "peildatum: gestopt onder 0,5 (--p-alive-threshold), risico onder 0,7; "
     "churndagen en de periodetabel volgen de regel van de pauze.\n\n"
     "Contracten (--contracts; de klantentabel heeft start- en eind- of "
     "opzegdatums): gestopt als elk contract op de peildatum beëindigd is; "
     "risico: een einddatum binnen --at-risk-days daarna.\n\n"
     "Toont de klanten, regels en omzet die de cijfers dekken, de "
     "aantallen, het aandeel vertrokken vandaag en het verloop van de "
     "laatste 12 maanden, churn en retentie per periode (klanten actief bij "
     "de start van de periode die erin stopten), de klanten die in de "
     "laatste periode stopten en wie risico loopt, met hun omzet (netto, "
     "tot de peildatum), de grootste eerst.\n\n"
     "Met --drivers: welke kenmerken en gedragingen verschillen tussen "
     "gestopte en gebleven klanten: churnratio per categorie met een "
     "95%-Wilsoninterval, medianen van numerieke kenmerken, en een "
     "L2-geregulariseerde logistische regressie met gestandaardiseerde "
     "coëfficiënten, getoetst op een willekeurige apart gehouden groep (AUC, "
     "kalibratie per deciel van het voorspelde risico). Dit zijn "
     "samenhangen, geen oorzaken. Op aankoopgegevens is het label 'geen "
     "aankoop in de laatste G dagen' en gedrag wordt alleen vóór dat venster "
     "gemeten. Een klantenbestand met een churnkolom (--event KOL) wordt "
     "geanalyseerd zoals het is."},
    {"help.churn.examples",
     "  klantwijs churn demo-data\n"
     "  klantwijs churn demo-data --table at-risk --format csv -o at-risk.csv\n"
     "  klantwijs churn demo-data --drivers\n"
     "  klantwijs churn --drivers Telco-Customer-Churn.csv --event Churn\n",
     "  klantwijs churn demo-data\n"
     "  klantwijs churn demo-data --table at-risk --format csv -o risico.csv\n"
     "  klantwijs churn demo-data --drivers\n"
     "  klantwijs churn --drivers Telco-Customer-Churn.csv --event Churn\n"},
    {"cli.group.churn_drivers", "Drivers", "Drivers"},
    {"opt.churn.contracts", "churn from contract start and end dates",
     "churn uit start- en einddatums van contracten"},
    {"opt.churn.gap", "churn gap in days, instead of the one derived from the data",
     "pauze in dagen, in plaats van die uit de gegevens"},
    {"opt.churn.gap_quantile", "quantile of inter-purchase days",
     "kwantiel van de dagen tussen aankopen"},
    {"opt.churn.gap_floor", "least derived gap in days",
     "kleinste afgeleide pauze in dagen"},
    {"opt.churn.at_risk_fraction",
     "at risk after F x G days without a purchase",
     "risico na F x G dagen zonder aankoop"},
    {"opt.churn.at_risk_days", "contracts ending within N days are at risk",
     "contracten die binnen N dagen eindigen lopen risico"},
    {"opt.churn.period", "period of the rate table",
     "periode van de tabel met ratio's"},
    {"opt.churn.p_alive",
     "status from P(alive) of this model instead of the gap rule",
     "status uit P(actief) van dit model in plaats van de pauze"},
    {"opt.churn.p_alive_threshold", "churned below this P(alive)",
     "gestopt onder deze P(actief)"},
    {"opt.churn.top", "customers per list on a terminal (0 = all)",
     "klanten per lijst op een terminal (0 = alle)"},
    {"opt.churn.table",
     "the one table to write (default: everything on a terminal, the "
     "periods in csv; levels, numeric, model and calibration with "
     "--drivers)",
     "de ene tabel om te schrijven (standaard: alles op een terminal, de "
     "periodes in csv; levels, numeric, model en calibration met "
     "--drivers)"},
    {"opt.churn.drivers", "the churn-driver analysis",
     "de analyse van churndrivers"},
    {"opt.churn.event",
     "churn flag column of a customers-like table (1/0, true/false, yes/no, "
     "ja/nee); PATH is then read as that table",
     "churnkolom van een klantenbestand (1/0, true/false, yes/no, ja/nee); "
     "PAD wordt dan als die tabel gelezen"},
    {"opt.churn.exclude", "attributes to leave out",
     "kenmerken om weg te laten"},
    {"opt.churn.holdout", "share of customers held out",
     "aandeel klanten apart gehouden"},
    {"opt.churn.l2", "penalty", "straf"},
    {"opt.churn.seed", "seed of the holdout split",
     "zaad van de verdeling in een apart gehouden groep"},
    {"model.w.churn_fit_rejected",
     "the {model} fit failed its checks ({flags}); the status follows the "
     "gap rule",
     "de {model}-schatting doorstond de controles niet ({flags}); de status "
     "volgt de wachttijdregel"},
    {"model.e.churn_no_dates",
     "the customers table has no contract start and end dates; map them "
     "with --map customers.start_date=COL --map customers.end_date=COL",
     "de klantentabel heeft geen begin- en einddatum van contracten; wijs "
     "ze aan met --map customers.start_date=KOL --map "
     "customers.end_date=KOL"},
    {"model.e.churn_no_dates_flag",
     "the customers table has no contract start and end dates; map them "
     "with --map customers.start_date=COL --map customers.end_date=COL (a "
     "churn flag column goes with --drivers --event COL)",
     "de klantentabel heeft geen begin- en einddatum van contracten; wijs "
     "ze aan met --map customers.start_date=KOL --map "
     "customers.end_date=KOL (een kolom die verloop aangeeft hoort bij "
     "--drivers --event KOL)"},
    {"model.e.churn_no_tables",
     "no transactions and no customers table with contract dates; map them "
     "with --map customers.start_date=COL --map customers.end_date=COL",
     "geen transacties en geen klantentabel met contractdatums; wijs ze aan "
     "met --map customers.start_date=KOL --map customers.end_date=KOL"},
    {"model.e.churn_no_tables_flag",
     "no transactions and no customers table with contract dates; map them "
     "with --map customers.start_date=COL --map customers.end_date=COL (a "
     "churn flag column goes with --drivers --event COL)",
     "geen transacties en geen klantentabel met contractdatums; wijs ze aan "
     "met --map customers.start_date=KOL --map customers.end_date=KOL (een "
     "kolom die verloop aangeeft hoort bij --drivers --event KOL)"},
    {"model.e.drivers_no_rows",
     "no customer bought before the churn window (the data span is shorter "
     "than the gap)",
     "geen enkele klant kocht vóór het verloopvenster (de gegevens beslaan "
     "een kortere periode dan de wachttijd)"},
    {"model.e.drivers_no_attributes",
     "no usable attributes (a customers table adds sector, size, channel, "
     "...)",
     "geen bruikbare kenmerken (een klantentabel voegt sector, grootte, "
     "kanaal, ... toe)"},
    {"model.e.drivers_no_churn_column",
     "no churn column in the customers table: name one with --event COL",
     "geen kolom voor verloop in de klantentabel: noem er een met --event "
     "KOL"},
    {"model.e.drivers_no_attribute_columns", "no usable attribute columns",
     "geen bruikbare kolommen met kenmerken"},
    {"model.e.event_not_flag",
     "the --event column was not read as yes/no flags",
     "de kolom van --event werd niet gelezen als ja/nee"},
    {"model.e.duration_not_number",
     "the --duration column was not read as numbers",
     "de kolom van --duration werd niet gelezen als getallen"},
    {"model.e.survival_no_duration",
     "no duration column: name one with --duration COL",
     "geen kolom met de duur: noem er een met --duration KOL"},
    {"model.e.survival_no_churn", "no churn column: name one with --event COL",
     "geen kolom voor verloop: noem er een met --event KOL"},
    {"model.e.by_no_column", "--by {by}: the table has no such column",
     "--by {by}: de tabel heeft geen kolom met die naam"},
    {"model.e.by_no_customers_column",
     "--by {by}: the customers table has no such column",
     "--by {by}: de klantentabel heeft geen kolom met die naam"},
    {"model.e.by_no_customers",
     "--by {by}: no customers table was read (--customers FILE)",
     "--by {by}: er werd geen klantentabel gelezen (--customers BESTAND)"},
    {"model.e.basket_no_item",
     "no item '{item}' in the baskets (names are matched exactly)",
     "geen artikel '{item}' in de winkelmandjes (namen moeten exact "
     "overeenkomen)"},
    {"model.e.basket_segment_customers",
     "--segment-by {col} needs a customers table (customers.csv in the data "
     "folder, or --customers FILE)",
     "--segment-by {col} vraagt een klantentabel (customers.csv in de "
     "gegevensmap, of --customers BESTAND)"},
    {"model.e.basket_segment_no_column",
     "the customers table has no column '{col}'; its columns are:{columns}",
     "de klantentabel heeft geen kolom '{col}'; haar kolommen zijn:{columns}"},
    {"model.e.basket_segment_personal",
     "--segment-by: '{col}' is personal data ({role}); choose another column",
     "--segment-by: '{col}' is een persoonsgegeven ({role}); kies een andere "
     "kolom"},
    {"model.e.basket_segment_id", "--segment-by: '{col}' is the customer id",
     "--segment-by: '{col}' is het klantnummer"},
    {"model.e.basket_segment_type",
     "--segment-by needs a text or yes/no column; '{col}' holds a {type}",
     "--segment-by vraagt een kolom met tekst of ja/nee; '{col}' bevat een "
     "{type}"},
    {"model.e.basket_segment_no_id",
     "the customers table has no customer id column",
     "de klantentabel heeft geen kolom met het klantnummer"},
    {"model.e.basket_no_group",
     "no group of {min} customers or more by {by}: nothing can be shown "
     "(privacy)",
     "geen groep van {min} klanten of meer per {by}: er kan niets getoond "
     "worden (privacy)"},
    {"model.e.basket_no_group_rfm",
     "no group of {min} customers or more by RFM segment: nothing can be "
     "shown (privacy)",
     "geen groep van {min} klanten of meer per RFM-segment: er kan niets "
     "getoond worden (privacy)"},
    {"model.e.basket_too_many_itemsets",
     "more than {max} frequent itemsets with a minimum count of {min}; a "
     "higher minimum support (or a lower maximum length) gives fewer",
     "meer dan {max} frequente artikelcombinaties bij een minimaal aantal "
     "van {min}; een hogere minimale support (of een kleinere maximale "
     "lengte) geeft er minder"},
    {"model.w.clv_auto_unfitted", "auto: {model} could not be fitted: {reason}",
     "auto: {model} kon niet geschat worden: {reason}"},
    {"model.w.segments_failed", "segments: {reason}", "segmenten: {reason}"},
    {"model.e.clv_no_time",
     "{model}: no information to fit: every customer made the first purchase "
     "at the end of the calibration period (T = 0 for all {n}), so no time "
     "was observed in which to buy again; choose a later as-of date",
     "{model}: geen informatie om te schatten: elke klant deed de eerste "
     "aankoop op het einde van de kalibratieperiode (T = 0 voor alle {n}), "
     "dus er was geen tijd om opnieuw te kopen; kies een latere peildatum"},
    {"model.e.clv_no_repeat",
     "{model}: no information to fit: none of the {n} customers made a "
     "repeat purchase, so the repeat-purchase rate cannot be estimated (the "
     "best fit is a rate of 0)",
     "{model}: geen informatie om te schatten: geen van de {n} klanten kocht "
     "opnieuw, dus het herhaalaankoopritme kan niet geschat worden (de beste "
     "schatting is een ritme van 0)"},
    {"model.e.basket_no_product", "the transactions have no product column",
     "de transacties hebben geen kolom met het product"},
    {"model.e.basket_no_category", "the transactions have no category column",
     "de transacties hebben geen kolom met de categorie"},
    {"model.e.tx_no_customer_column",
     "the transactions need a customer column",
     "de transacties hebben een kolom met de klant nodig"},
    {"model.e.basket_no_customer", "the transactions have no customer column",
     "de transacties hebben geen kolom met de klant"},
    {"model.e.basket_no_customer_invoice",
     "the transactions have no customer column and no invoice column",
     "de transacties hebben geen kolom met de klant en geen kolom met het "
     "factuurnummer"},
    {"model.e.basket_no_orders",
     "the transactions have no date column and no invoice column to make "
     "orders",
     "de transacties hebben geen kolom met de datum en geen kolom met het "
     "factuurnummer om bestellingen te vormen"},
    {"model.e.cohorts_no_purchases", "cohorts: no purchases up to the as-of date",
     "cohorten: geen aankopen tot de peildatum"},
    {"model.e.no_purchases", "no purchases up to the as-of date",
     "geen aankopen tot de peildatum"},
    {"model.e.journey_no_touchpoints", "no touchpoints table",
     "geen tabel met contactmomenten"},
    {"data.e.groups_no_column", "the customers table has no column '{col}'",
     "de klantentabel heeft geen kolom '{col}'"},
    {"data.e.groups_personal", "'{col}' is personal data ({role})",
     "'{col}' is een persoonsgegeven ({role})"},
    {"data.e.groups_customer_id", "'{col}' is the customer id",
     "'{col}' is het klantnummer"},
    {"data.e.groups_too_many",
     "'{col}': {n} different values; a column with at most {max} is needed",
     "'{col}': {n} verschillende waarden; er is een kolom met hoogstens {max} "
     "nodig"},
    {"model.e.by_too_many",
     "--by {by}: '{col}': {n} different values; a column with at most {max} "
     "is needed",
     "--by {by}: '{col}': {n} verschillende waarden; er is een kolom met "
     "hoogstens {max} nodig"},
    {"model.e.km_negative", "row {row}: negative duration {d}",
     "rij {row}: negatieve duur {d}"},
    {"model.e.invoices_no_column", "invoices: no {role} column",
     "facturen: geen kolom {role}"},
    {"model.e.no_customers_table", "no customers table was read",
     "er werd geen klantentabel gelezen"},
    {"cli.err.churn_exclude", "--exclude takes column names separated by "
     "commas",
     "--exclude verwacht kolomnamen gescheiden door komma's"},
    {"cli.err.churn_driver_table",
     "with --drivers, --table takes levels, numeric, model or calibration",
     "met --drivers verwacht --table levels, numeric, model of "
     "calibration"},
    {"cli.err.churn_needs_drivers", "--table {table} needs --drivers",
     "--table {table} vraagt --drivers"},
    {"cli.err.churn_event",
     "--event is for --drivers (a churn flag column); see also 'klantwijs "
     "survival --event'",
     "--event hoort bij --drivers (een churnkolom); zie ook 'klantwijs "
     "survival --event'"},
    {"cli.err.churn_event_contracts",
     "--event and --contracts are different sources; give one",
     "--event en --contracts zijn verschillende bronnen; geef er een"},

    /* survival: help, options and usage errors (cli/cmd_survival.c) */
    {"help.survival.usage", "[OPTIONS] PATH\n       klantwijs survival "
     "--model sbg --survivors N0,N1,N2,...",
     "[OPTIES] PAD\n       klantwijs survival --model sbg --survivors "
     "N0,N1,N2,..."},
    {"help.survival.about",
     "Kaplan-Meier estimate of customer lifetime with right censoring: S(t) "
     "with 95% confidence intervals by the log-log transform (the "
     "'exponential Greenwood' interval, as lifelines and R's log-log), the "
     "median lifetime with its interval (first time S(t) <= 0.5; empty when "
     "never reached), the at-risk table, and with --by a log-rank test of "
     "equal survival across the groups (groups under 5 customers are merged "
     "into 'other'). Ties: customers censored at a time are still at risk "
     "for the events at that time.\n\n"
     "Durations come from columns (--duration, --event), from contract start "
     "and end dates, or from purchase histories: a customer has churned when "
     "no purchase came for longer than a gap G (the 90th percentile of the "
     "days between repeat purchases, at least 30 days; see 'klantwijs churn "
     "--help'); the lifetime then runs from the first purchase to the last "
     "one plus G, else it is censored at the as-of date.\n\n"
     "With --model sbg: the shifted-beta-geometric model of contractual "
     "retention (Fader & Hardie 2007): alpha, beta with standard errors, the "
     "fitted and observed survival and retention per period, expected "
     "lifetime and, with --discount, the discounted expected residual "
     "lifetime (DERL). It takes survivors per period or the durations above "
     "counted in whole periods (--unit; customers observed over different "
     "spans are right-censored).\n\n"
     "Output: csv gives the curve (group, time, at_risk, churned, censored, "
     "survival, lower, upper), or the table named by --table; sBG csv gives "
     "the period table, and json has the fitted parameters under \"params\" "
     "as \"alpha\" and \"beta\".",
     "Kaplan-Meier-schatting van de klantlevensduur met rechtscensurering: "
     "S(t) met 95%-betrouwbaarheidsintervallen via de log-log-transformatie "
     "(het 'exponentiële Greenwood'-interval, zoals lifelines en R's "
     "log-log), de mediane levensduur met haar interval (eerste tijd waarop "
     "S(t) <= 0,5; leeg als die niet bereikt wordt), de at-risk-tabel, en "
     "met --by een log-rank-toets op gelijke overleving in de groepen "
     "(groepen van minder dan 5 klanten gaan samen in 'overige'). Gelijke "
     "tijden: klanten die op een tijd gecensureerd worden, lopen nog risico "
     "voor de gebeurtenissen op die tijd.\n\n"
     "De duur komt uit kolommen (--duration, --event), uit start- en "
     "einddatums van contracten, of uit aankoopgeschiedenissen: een klant is "
     "gestopt als er langer dan een pauze G geen aankoop kwam (het 90e "
     "percentiel van de dagen tussen herhaalaankopen, minstens 30 dagen; zie "
     "'klantwijs churn --help'); de levensduur loopt dan van de eerste "
     "aankoop tot de laatste plus G, anders wordt ze gecensureerd op de "
     "peildatum.\n\n"
     "Met --model sbg: het shifted-beta-geometrisch model van contractuele "
     "retentie (Fader & Hardie 2007): alpha, beta met standaardfouten, de "
     "geschatte en waargenomen overleving en retentie per periode, de "
     "verwachte levensduur en, met --discount, de verdisconteerde verwachte "
     "resterende levensduur (DERL). Het neemt overblijvers per periode of de "
     "duur hierboven geteld in hele periodes (--unit; klanten die over "
     "verschillende spannes gevolgd zijn, worden rechts gecensureerd).\n\n"
     "Uitvoer: csv geeft de curve (group, time, at_risk, churned, censored, "
     "survival, lower, upper), of de tabel die --table noemt; sBG-csv geeft "
     "de periodetabel, en json heeft de geschatte parameters onder "
     "\"params\" als \"alpha\" en \"beta\"."},
    {"help.survival.examples",
     "  klantwijs survival demo-data --by sector\n"
     "  klantwijs survival Telco-Customer-Churn.csv --duration tenure \\\n"
     "      --event Churn --by Contract\n"
     "  klantwijs survival g3.csv --duration time --event event --by group \\\n"
     "      --map customer=no.\n"
     "  klantwijs survival --model sbg --survivors 1000,631,468,382,326,289\n"
     "  klantwijs survival contracts.csv --contracts --model sbg --unit month\n",
     "  klantwijs survival demo-data --by sector\n"
     "  klantwijs survival Telco-Customer-Churn.csv --duration tenure \\\n"
     "      --event Churn --by Contract\n"
     "  klantwijs survival g3.csv --duration time --event event --by group \\\n"
     "      --map customer=no.\n"
     "  klantwijs survival --model sbg --survivors 1000,631,468,382,326,289\n"
     "  klantwijs survival contracten.csv --contracts --model sbg --unit month\n"},
    {"opt.survival.duration",
     "duration column (a number per row, any unit); PATH is then read as a "
     "customers-like table",
     "kolom met de duur (een getal per rij, elke eenheid); PAD wordt dan als "
     "klantentabel gelezen"},
    {"opt.survival.event",
     "churned flag: 1/0, true/false, yes/no, ja/nee (default: the churn "
     "column, e.g. 'Churn')",
     "vlag gestopt: 1/0, true/false, yes/no, ja/nee (standaard: de "
     "churnkolom, bv. 'Churn')"},
    {"opt.survival.by",
     "one curve per value of this customers column, with a log-rank test",
     "een curve per waarde van deze klantenkolom, met een log-rank-toets"},
    {"opt.survival.contracts",
     "durations from the start and end dates of the customers table",
     "duur uit de start- en einddatums van de klantentabel"},
    {"opt.survival.times",
     "times of the at-risk table (default: about 8 round steps up to the "
     "longest duration)",
     "tijden van de at-risk-tabel (standaard: een achttal ronde stappen tot "
     "de langste duur)"},
    {"opt.survival.conf", "confidence level", "betrouwbaarheidsniveau"},
    {"opt.survival.table",
     "the one table to write (default: summary, at-risk and log-rank on a "
     "terminal; the curve in csv; json has everything)",
     "de ene tabel om te schrijven (standaard: samenvatting, at-risk en "
     "log-rank op een terminal; de curve in csv; json heeft alles)"},
    {"opt.survival.model", "Kaplan-Meier or sBG", "Kaplan-Meier of sBG"},
    {"opt.survival.survivors",
     "sBG: customers at the start and after each period (no data file "
     "needed)",
     "sBG: klanten bij de start en na elke periode (geen gegevensbestand "
     "nodig)"},
    {"opt.survival.horizon",
     "sBG: periods in the table, when not the observed ones + 5",
     "sBG: periodes in de tabel, als het niet de waargenomen + 5 zijn"},
    {"opt.survival.discount", "sBG: DERL at this discount rate per period",
     "sBG: DERL bij deze disconteringsvoet per periode"},
    {"opt.survival.unit",
     "unit of durations from dates, and the sBG period",
     "eenheid van de duur uit datums, en de sBG-periode"},
    {"model.w.survival_group_left_out", "{by} = {group} left out: {reason}",
     "{by} = {group} weggelaten: {reason}"},
    {"model.e.survival_no_group_fitted", "no group could be fitted",
     "geen enkele groep kon geschat worden"},
    {"model.e.sbg_not_count", "sBG: survivors[{t}] = {n} is not a count",
     "sBG: overblijvers[{t}] = {n} is geen aantal"},
    {"model.e.sbg_increase",
     "sBG: survivors increase at period {t} ({n} > {prev})",
     "sBG: het aantal overblijvers stijgt in periode {t} ({n} > {prev})"},
    {"model.e.sbg_empty", "sBG: the cohort is empty", "sBG: het cohort is leeg"},
    {"model.e.sbg_nobody_churned",
     "sBG: nobody churned; the model cannot be fitted",
     "sBG: niemand is vertrokken; het model kan niet geschat worden"},
    {"model.e.sbg_cohort_first",
     "sBG: the whole cohort churned in the first period; the model cannot be "
     "fitted",
     "sBG: het hele cohort vertrok in de eerste periode; het model kan niet "
     "geschat worden"},
    {"model.e.sbg_no_period", "sBG: no customer observed for a whole period",
     "sBG: geen enkele klant werd een hele periode gevolgd"},
    {"model.e.sbg_all_first",
     "sBG: every customer churned in the first period; the model cannot be "
     "fitted",
     "sBG: elke klant vertrok in de eerste periode; het model kan niet "
     "geschat worden"},
    {"model.e.survival_no_contract_dates",
     "the customers table has no start and end date columns; name the "
     "duration and churn columns with --duration COL --event COL or map the "
     "dates with --map customers.start_date=COL --map customers.end_date=COL",
     "de klantentabel heeft geen kolommen met begin- en einddatum; noem de "
     "kolommen van duur en verloop met --duration KOL --event KOL of wijs de "
     "datums toe met --map customers.start_date=KOL --map "
     "customers.end_date=KOL"},
    {"model.e.survival_no_source",
     "the customers table has no tenure and churn columns nor contract "
     "dates; name the duration and churn columns with --duration COL "
     "--event COL",
     "de klantentabel heeft geen kolommen met klantduur en verloop, en ook "
     "geen contractdatums; noem de kolommen van duur en verloop met "
     "--duration KOL --event KOL"},
    {"model.e.clv_ll_start",
     "{model}: the log-likelihood is not finite at any starting point",
     "{model}: de log-likelihood is in geen enkel beginpunt eindig"},
    {"model.e.clv_ll_estimate",
     "{model}: log-likelihood not finite at the estimate",
     "{model}: de log-likelihood is niet eindig in de schatting"},
    {"model.e.clv_ll_not_finite",
     "clv: log-likelihood not finite",
     "clv: de log-likelihood is niet eindig"},
    {"model.e.clv_row_not_finite",
     "clv: row {row}: value not finite",
     "clv: rij {row}: waarde niet eindig"},
    {"model.e.clv_row_x",
     "clv: row {row}: x = {x} is not a whole number >= 0",
     "clv: rij {row}: x = {x} is geen geheel getal >= 0"},
    {"model.e.clv_row_t_x",
     "clv: row {row}: need 0 <= t_x <= T (t_x = {t_x}, T = {T})",
     "clv: rij {row}: nodig is 0 <= t_x <= T (t_x = {t_x}, T = {T})"},
    {"model.e.clv_row_bgbb_whole",
     "clv: row {row}: bgbb needs whole t_x and n",
     "clv: rij {row}: bgbb vraagt gehele t_x en n"},
    {"model.e.clv_row_bgbb_order",
     "clv: row {row}: bgbb needs x <= t_x <= n",
     "clv: rij {row}: bgbb vraagt x <= t_x <= n"},
    {"model.e.clv_row_weight",
     "clv: row {row}: bad weight",
     "clv: rij {row}: ongeldig gewicht"},
    {"model.e.clv_no_customers",
     "clv: no customers to fit",
     "clv: geen klanten om het model op te schatten"},
    {"model.e.gg_no_repeat",
     "gg: no repeat buyers with spend > 0",
     "gg: geen herhaalkopers met een besteding > 0"},
    {"model.e.gg_row",
     "gg: need x >= 1 and zbar > 0",
     "gg: nodig is x >= 1 en zbar > 0"},
    {"model.e.clv_row_spend",
     "clv: row {row}: spend not finite",
     "clv: rij {row}: besteding niet eindig"},
    {"model.e.clv_population",
     "{model}: E[X({t})] of a new customer is not computable at these "
     "parameters",
     "{model}: E[X({t})] van een nieuwe klant is niet te berekenen bij deze "
     "parameters"},
    {"model.e.clv_not_computable",
     "{model}: the prediction for x = {x}, T = {T} is not computable at "
     "{params}",
     "{model}: de voorspelling voor x = {x}, T = {T} is niet te berekenen bij "
     "{params}"},
    {"model.e.clv_row_spend_x",
     "clv: row {row}: bad x or zbar",
     "clv: rij {row}: ongeldige x of zbar"},
    {"model.e.gg_q_infinite",
     "gg: q <= 1, the population mean spend is infinite",
     "gg: q <= 1, de gemiddelde besteding van de populatie is oneindig"},
    {"model.e.clv_no_patterns",
     "clv: no patterns",
     "clv: geen patronen"},
    {"model.e.cov_gradient",
     "covariance: gradient not finite",
     "covariantie: gradiënt niet eindig"},
    {"model.e.cov_singular",
     "covariance: information matrix singular",
     "covariantie: de informatiematrix is singulier"},
    {"model.e.cov_not_pd",
     "covariance: information matrix not positive definite",
     "covariantie: de informatiematrix is niet positief definiet"},
    {"model.e.sbg_start",
     "sBG: the likelihood cannot be evaluated at the start",
     "sBG: de likelihood is niet te berekenen in het beginpunt"},
    {"model.e.sbg_left_space",
     "sBG: the estimate left the parameter space",
     "sBG: de schatting verliet de parameterruimte"},
    {"model.e.sbg_two_points",
     "sBG: need survivors for at least 2 points (start and one period)",
     "sBG: overblijvers nodig voor minstens 2 punten (begin en één periode)"},
    {"model.e.sbg_two_periods",
     "sBG: need counts for at least periods 0 and 1",
     "sBG: aantallen nodig voor minstens periode 0 en 1"},
    {"model.e.sbg_not_counts",
     "sBG: the counts of period {t} are not counts",
     "sBG: de aantallen van periode {t} zijn geen aantallen"},
    {"model.e.sbg_churn_0",
     "sBG: nobody can churn in period 0 (churn in period t means after t "
     "periods, t >= 1)",
     "sBG: niemand kan vertrekken in periode 0 (vertrek in periode t betekent "
     "na t perioden, t >= 1)"},
    {"model.e.logrank_svd",
     "log-rank: SVD failed",
     "log-rank: de SVD mislukte"},
    {"model.e.survival_two_counts",
     "at least two survivor counts are needed",
     "minstens twee aantallen overblijvers zijn nodig"},
    {"model.e.money_overflow",
     "{what} add up to more than 92,233,720,368,547,758.07: out of range, no "
     "total would be right",
     "{what} tellen op tot meer dan 92.233.720.368.547.758,07: buiten bereik, "
     "geen totaal zou juist zijn"},
    {"model.e.costs_no_customer",
     "costs: no customer column",
     "kosten: geen klantkolom"},
    {"model.e.costs_no_amount",
     "costs: neither an hours nor an amount column",
     "kosten: geen kolom met uren en geen kolom met bedragen"},
    {"model.e.costs_row_range",
     "costs: row {row}: cost out of range",
     "kosten: rij {row}: kost buiten bereik"},
    {"model.e.payments_no_date",
     "payments: no dated invoice",
     "betalingen: geen enkele factuur met een datum"},
    {"model.e.rfm_revenue_range",
     "RFM segments: revenue out of range",
     "RFM-segmenten: omzet buiten bereik"},
    {"model.e.payments_revenue_range",
     "payments: revenue out of range",
     "betalingen: omzet buiten bereik"},
    {"model.e.summary_revenue_range",
     "summary: revenue out of range",
     "overzicht: omzet buiten bereik"},
    {"model.e.discounts_overflow",
     "discounts: a segment's sum overflows",
     "kortingen: de som van een segment loopt over"},
    {"model.e.contract_order",
     "contract {row} ends before it starts",
     "contract {row} eindigt voor het begint"},
    {"model.e.contracts_no_dates",
     "contracts need start_date and end_date columns",
     "contracten vragen kolommen start_date en end_date"},
    {"model.e.no_transactions",
     "no transactions table",
     "geen tabel met verkopen"},
    {"model.e.tx_no_customer_date",
     "the transactions need a customer and a date column",
     "de verkopen vragen een klant- en een datumkolom"},
    {"model.e.drivers_too_large",
     "churn drivers: design matrix too large",
     "verloopfactoren: de modelmatrix is te groot"},
    {"model.e.drivers_no_flag",
     "churn drivers: no rows with a churn flag",
     "verloopfactoren: geen rijen met een verloopvlag"},
    {"model.e.logistic_singular",
     "logistic: singular information (collinear or constant terms)",
     "logistisch model: singuliere informatiematrix (collineaire of constante "
     "termen)"},
    {"model.e.cohorts_too_many",
     "cohorts: {n} periods is too many for a cohort matrix; use a longer "
     "period",
     "cohorten: {n} perioden zijn te veel voor een cohortmatrix; kies een "
     "langere periode"},
    {"model.e.journey_columns",
     "the touchpoints table needs customer, date and stage columns",
     "de tabel met contactmomenten vraagt kolommen voor klant, datum en fase"},
    {"model.e.journey_none",
     "no usable touchpoints",
     "geen bruikbare contactmomenten"},
    {"model.e.journey_stage",
     "stage '{stage}' does not occur in the touchpoints",
     "fase '{stage}' komt niet voor in de contactmomenten"},
    {"model.e.no_referrals",
     "no referrals table",
     "geen tabel met doorverwijzingen"},
    {"model.e.referrals_columns",
     "the referrals table needs a referrer and a customer column",
     "de tabel met doorverwijzingen vraagt een kolom voor de verwijzer en een "
     "klantkolom"},
    {"model.e.no_purchase",
     "no purchase up to the as-of date",
     "geen aankoop tot de peildatum"},
    {"model.e.contract_columns",
     "contract data need a tenure and a churn column",
     "contractgegevens vragen een kolom met klantduur en een verloopkolom"},
    {"model.e.contract_no_rows",
     "no row with a tenure and a churn flag",
     "geen rij met een klantduur en een verloopvlag"},
    {"model.e.no_feedback",
     "no feedback table was read",
     "er werd geen tabel met feedback gelezen"},
    {"model.e.kmeans_k",
     "k-means needs 1 <= k <= rows (k = {k}, rows = {rows})",
     "k-means vraagt 1 <= k <= rijen (k = {k}, rijen = {rows})"},
    {"model.e.segments_combinations",
     "segments: {by} x {cross} has too many combinations ({n1} x {n2})",
     "segmenten: {by} x {cross} heeft te veel combinaties ({n1} x {n2})"},
    {"model.e.tx_columns",
     "the transactions table needs customer, date and amount",
     "de tabel met verkopen vraagt klant, datum en bedrag"},
    {"model.e.tx_customer_overflow",
     "transactions: the amounts of column \"{col}\" add up to more than "
     "92,233,720,368,547,758.07 for one customer: out of range, no total "
     "would be right",
     "verkopen: de bedragen van kolom \"{col}\" tellen voor één klant op tot "
     "meer dan 92.233.720.368.547.758,07: buiten bereik, geen totaal zou "
     "juist zijn"},
    {"model.e.tx_too_many",
     "more than 4 billion transaction lines",
     "meer dan 4 miljard verkooplijnen"},
    {"load.err.cfg_rate_twice",
     "a second rate for type '{type}'",
     "een tweede tarief voor soort '{type}'"},
    {"load.err.cfg_key_value",
     "expected 'key = value'",
     "verwacht 'sleutel = waarde'"},
    {"load.err.cfg_margin",
     "margin_pct: a percentage from -100 to 100",
     "margin_pct: een percentage van -100 tot 100"},
    {"load.err.cfg_subtract",
     "subtract_discount: yes or no",
     "subtract_discount: yes of no (ja of nee)"},
    {"load.err.cfg_large_share",
     "large_share: a percentage above 0, at most 100",
     "large_share: een percentage boven 0, hoogstens 100"},
    {"load.err.cfg_rate",
     "{key}: an amount of 0 or more, like 65 or 12,50",
     "{key}: een bedrag van 0 of meer, zoals 65 of 12,50"},
    {"load.err.cfg_unknown_key",
     "unknown key '{key}'",
     "onbekende sleutel '{key}'"},
    {"load.err.rfm_too_many_segments",
     "too many segments",
     "te veel segmenten"},
    {"load.err.rfm_before_segment",
     "'{key}' before the first [segment]",
     "'{key}' voor het eerste [segment]"},
    {"load.err.rfm_scale",
     "scale: a whole number from 2 to 9",
     "scale: een geheel getal van 2 tot 9"},
    {"load.err.rfm_range",
     "{key}: a range like 4-5, 3, <=2, >=4 or *",
     "{key}: een bereik zoals 4-5, 3, <=2, >=4 of *"},
    {"load.err.rfm_section",
     "a section is [key]",
     "een sectie is [sleutel]"},
    {"load.err.rfm_line",
     "expected [segment] or 'key = value'",
     "verwacht [segment] of 'sleutel = waarde'"},
    {"model.e.basket_nul",
     "NUL byte in the text (a binary file, UTF-16 text or a damaged export)",
     "NUL-byte in de tekst (een binair bestand, UTF-16-tekst of een "
     "beschadigde export)"},
    {"model.e.basket_too_many",
     "too many baskets",
     "te veel winkelmandjes"},
    {"model.e.basket_read_error",
     "read error: {why}",
     "leesfout: {why}"},
    {"model.e.basket_empty_file",
     "empty file",
     "leeg bestand"},
    {"model.e.basket_long_line",
     "line longer than {n} bytes",
     "regel langer dan {n} bytes"},
    {"model.e.basket_no_items",
     "no items",
     "geen artikelen"},
    {"model.e.basket_cannot_open",
     "cannot open: {why}",
     "kan niet openen: {why}"},
    {"model.e.basket_no_item_any",
     "no basket holds an item",
     "geen enkel winkelmandje bevat een artikel"},
    {"model.e.basket_no_date",
     "the transactions have no date column for as_of",
     "de verkopen hebben geen datumkolom voor de peildatum"},
    {"model.e.basket_no_category_line",
     "no transaction line names a category",
     "geen verkooplijn noemt een categorie"},
    {"model.e.basket_no_product_line",
     "no transaction line names a product",
     "geen verkooplijn noemt een product"},
    {"model.e.basket_file_mode",
     "--recommend, --penetration and --upsell need sales lines with "
     "customers, not a basket file",
     "--recommend, --penetration en --upsell vragen verkooplijnen met "
     "klanten, geen bestand met winkelmandjes"},
    {"model.e.itemset_len",
     "minimum itemset length {min} exceeds the maximum {max}",
     "minimale lengte van een artikelcombinatie {min} is groter dan het "
     "maximum {max}"},
    {"load.err.history",
     "history: {why}",
     "geschiedenis: {why}"},
    {"load.err.history_step",
     "history: {what}: {why}",
     "geschiedenis: {what}: {why}"},
    {"load.err.history_newer",
     "history schema version {have} is newer than this klantwijs understands "
     "({max})",
     "versie {have} van de geschiedenis is nieuwer dan deze klantwijs "
     "begrijpt ({max})"},
    {"load.history.open",
     "cannot open",
     "kan niet openen"},
    {"load.history.schema",
     "reading the schema version",
     "bij het lezen van de schemaversie"},
    {"load.history.prepare_run",
     "preparing a run",
     "bij het voorbereiden van een run"},
    {"load.history.store_run",
     "storing a run",
     "bij het bewaren van een run"},
    {"load.history.prepare_customers",
     "preparing the customers of a run",
     "bij het voorbereiden van de klanten van een run"},
    {"load.history.store_customer",
     "storing a customer of a run",
     "bij het bewaren van een klant van een run"},
    {"load.history.read_runs",
     "reading the runs",
     "bij het lezen van de runs"},
    {"load.history.read_migration",
     "reading a migration",
     "bij het lezen van een verschuiving"},
    {"load.history.not_db",
     "file is not a database",
     "het bestand is geen geschiedenis van klantwijs (geen SQLite-databank)"},
    {"load.history.busy",
     "database is locked",
     "de geschiedenis is in gebruik door een andere run"},
    {"load.history.readonly",
     "attempt to write a readonly database",
     "de geschiedenis is alleen-lezen"},
    {"load.history.cantopen",
     "unable to open database file",
     "het bestand kan niet geopend worden"},
    {"load.err.rules_metric",
     "unknown metric: '{text}'",
     "onbekende maatstaf: '{text}'"},
    {"load.err.rules_operator",
     "expected = != < <= > or >= after the metric: '{text}'",
     "na de maatstaf wordt = != < <= > of >= verwacht: '{text}'"},
    {"load.err.rules_no_value",
     "missing value: '{text}'",
     "ontbrekende waarde: '{text}'"},
    {"load.err.rules_word_op",
     "a word can only be compared with = or !=: '{text}'",
     "een woord kan alleen vergeleken worden met = of !=: '{text}'"},
    {"load.err.rules_number",
     "not a number: '{text}'",
     "geen getal: '{text}'"},
    {"load.err.rules_word",
     "unknown word for this metric: '{text}'",
     "onbekend woord voor deze maatstaf: '{text}'"},
    {"load.err.rules_section",
     "a section is [action]: '{text}'",
     "een sectie is [actie]: '{text}'"},
    {"load.err.rules_action",
     "unknown action (invest, develop, retain, win_back, serve_low_cost, "
     "reprice, collect_first, goodbye): '{text}'",
     "onbekende actie (invest, develop, retain, win_back, serve_low_cost, "
     "reprice, collect_first, goodbye): '{text}'"},
    {"load.err.rules_before_action",
     "a condition before the first [action]: '{text}'",
     "een voorwaarde voor de eerste [actie]: '{text}'"},
    {"load.err.rules_conditions",
     "at most {n} conditions per rule",
     "hoogstens {n} voorwaarden per regel"},
    {"model.e.rfm_bins",
     "rfm: bins must be 2..9",
     "rfm: het aantal klassen moet 2..9 zijn"},
    {"model.e.rfm_breaks_count",
     "the {metric} breaks need {need} values for {bins} bins, not {got}",
     "de grenzen voor {metric} vragen {need} waarden voor {bins} "
     "klassen, niet {got}"},
    {"model.e.rfm_breaks_order",
     "the {metric} breaks must be {need} increasing numbers",
     "de grenzen voor {metric} moeten {need} stijgende getallen zijn"},
    {"model.e.rfm_no_segment",
     "no segment '{segment}'; the segments are:{list}",
     "geen segment '{segment}'; de segmenten zijn:{list}"},
    {"model.e.customers_no_id",
     "the customers table has no customer id column",
     "de klantentabel heeft geen kolom met het klantnummer"},
    {"model.e.customers_too_many",
     "customers table: too many rows",
     "klantentabel: te veel rijen"},
    {"model.e.groups_no_customers",
     "groups: no customers table",
     "groepen: geen klantentabel"},
    {"model.e.churn_unit_days",
     "duration_unit_days must be > 0",
     "duration_unit_days (dagen per eenheid van de duur) moet > 0 zijn"},
    {"model.e.churn_gap_days",
     "gap_days must be >= 0",
     "gap_days (de kloof in dagen) moet >= 0 zijn"},
    {"model.e.churn_gap_quantile",
     "gap_quantile must be in (0, 1]",
     "gap_quantile (het kwantiel van de kloof) moet in (0, 1] liggen"},
    {"model.e.churn_gap_floor",
     "gap_floor_days must be >= 0",
     "gap_floor_days (de kleinste kloof) moet >= 0 zijn"},
    {"model.e.churn_at_risk_fraction",
     "at_risk_fraction must be in [0, 1]",
     "at_risk_fraction (de fractie voor in gevaar) moet in [0, 1] liggen"},
    {"model.e.churn_at_risk_days",
     "at_risk_days must be >= 0",
     "at_risk_days (de dagen voor in gevaar) moet >= 0 zijn"},
    {"model.e.payments_terms",
     "payments: default terms must be 0..3650",
     "betalingen: de standaardtermijn moet 0..3650 dagen zijn"},
    {"model.e.payments_late",
     "payments: need 0 <= slow days late <= problem days late",
     "betalingen: nodig is 0 <= dagen te laat voor traag <= dagen te laat "
     "voor problematisch"},
    {"model.e.payments_overdue",
     "payments: need 0 <= slow overdue <= problem overdue days",
     "betalingen: nodig is 0 <= dagen vervallen voor traag <= dagen vervallen "
     "voor problematisch"},
    {"model.e.payments_dso",
     "payments: the DSO window must be >= 1 day",
     "betalingen: het DSO-venster moet minstens 1 dag zijn"},
    {"model.e.pareto_top_share",
     "pareto: top share must be in (0, 1]",
     "pareto: het topaandeel moet in (0, 1] liggen"},
    {"model.e.pareto_target",
     "pareto: target share must be in (0, 1]",
     "pareto: het doelaandeel moet in (0, 1] liggen"},
    {"model.e.pareto_abc",
     "pareto: ABC shares need 0 < A, 0 <= B and A + B <= 1",
     "pareto: de ABC-aandelen vragen 0 < A, 0 <= B en A + B <= 1"},
    {"model.e.pareto_warn",
     "pareto: warning thresholds must be in 0..1",
     "pareto: de drempels voor waarschuwingen moeten in 0..1 liggen"},
    {"model.e.profit_margin",
     "margin_pct must be between -100 and 100",
     "margin_pct moet tussen -100 en 100 liggen"},
    {"model.e.profit_large_share",
     "large_share must be in (0, 1]",
     "large_share moet in (0, 1] liggen"},
    {"model.e.profit_rate_type",
     "cost rate {n} has no type",
     "kosttarief {n} heeft geen soort"},
    {"model.e.profit_rate_negative",
     "cost rate of '{type}' is negative",
     "het kosttarief van '{type}' is negatief"},
    {"model.e.analyze_horizon",
     "analyze: horizon must be 1..120 months",
     "analyse: de horizon moet 1..120 maanden zijn"},
    {"model.e.analyze_discount",
     "analyze: discount rate must be in [0, 1)",
     "analyse: de disconteringsvoet moet in [0, 1) liggen"},
    {"model.e.analyze_holdout",
     "analyze: holdout days must be >= 0",
     "analyse: de testperiode in dagen moet >= 0 zijn"},
    {"model.e.analyze_margin",
     "analyze: margin must be -100..100%",
     "analyse: de marge moet -100..100% zijn"},
    {"model.e.logistic_options",
     "logistic: bad l2 or max_iter",
     "logistisch model: ongeldige l2 of max_iter"},
    {"model.e.rules_confidence",
     "confidence must be in [0, 1], not {v}",
     "de betrouwbaarheid moet in [0, 1] liggen, niet {v}"},
    {"model.e.rules_lift",
     "minimum lift must be >= 0, not {v}",
     "de minimale lift moet >= 0 zijn, niet {v}"},
    {"model.e.itemset_support",
     "support must be a fraction in (0, 1], not {v}",
     "de support moet een fractie in (0, 1] zijn, niet {v}"},
    {"model.e.upsell_fraction",
     "upsell fraction must be >= 0, not {v}",
     "de upsell-fractie moet >= 0 zijn, niet {v}"},
    {"model.e.clv_level",
     "intervals: level must be in (0, 1)",
     "intervallen: het niveau moet in (0, 1) liggen"},
    {"model.e.feedback_level",
     "interval level must be between 0 and 1",
     "het niveau van de intervallen moet tussen 0 en 1 liggen"},
    {"model.e.survival_alpha",
     "alpha must be in (0, 1), got {v}",
     "alpha moet in (0, 1) liggen, niet {v}"},
    {"model.e.sbg_options",
     "sBG: max_iter and gtol must be positive",
     "sBG: max_iter en gtol moeten positief zijn"},
    {"model.e.clv_penalty",
     "clv: penalty must be >= 0",
     "clv: de straf moet >= 0 zijn"},
    {"model.e.clv_horizon",
     "clv: horizon t must be >= 0",
     "clv: de horizon t moet >= 0 zijn"},
    {"model.e.clv_horizon_long",
     "clv: horizon too long",
     "clv: de horizon is te lang"},
    {"model.e.clv_margin",
     "clv: margin must lie in 0..1",
     "clv: de marge moet in 0..1 liggen"},
    {"model.e.trends_options",
     "trends: invalid options",
     "trends: ongeldige opties"},
    {"load.err.patterns_too_big",
     "a pattern file over 256 MiB",
     "een patroonbestand van meer dan 256 MiB"},
    {"load.err.pg_map_unused",
     "--map {map}: no table read has that column",
     "--map {map}: geen gelezen tabel heeft die kolom"},
    {"load.err.pg_no_invoice_date",
     "payments: no invoice with a date",
     "betalingen: geen enkele factuur met een datum"},
    {"load.err.pg_no_transactions",
     "clv: no transactions",
     "clv: geen verkopen"},
    {"load.pg.no_select",
     "no SELECT privilege",
     "geen SELECT-recht"},
    {"load.err.fit_line",
     "expected 'criterion = value', got '{text}'",
     "verwacht 'criterium = waarde', niet '{text}'"},
    {"load.err.fit_criterion",
     "unknown criterion '{key}' (sector, size, type, region, channel, "
     "category, min_orders_per_year, min_revenue, min_margin, max_days_late)",
     "onbekend criterium '{key}' (sector, size, type, region, channel, "
     "category, min_orders_per_year, min_revenue, min_margin, max_days_late)"},
    {"load.err.fit_weight",
     "a weight is a number from 0 to 100: '{text}'",
     "een gewicht is een getal van 0 tot 100: '{text}'"},
    {"load.err.fit_no_value",
     "criterion '{key}' has no value",
     "criterium '{key}' heeft geen waarde"},
    {"load.err.fit_values",
     "at most {n} values a criterion",
     "hoogstens {n} waarden per criterium"},
    {"load.err.fit_number",
     "'{key}' takes a number, got '{text}'",
     "'{key}' verwacht een getal, niet '{text}'"},
    {"load.err.fit_none",
     "the profile states no criterion",
     "het profiel noemt geen enkel criterium"},
    {"load.err.patterns_columns",
     "a pattern file needs the columns frequency, recency and periods (and "
     "optionally weights)",
     "een patroonbestand vraagt de kolommen frequency, recency en periods (en "
     "eventueel weights)"},
    {"load.err.patterns_fields",
     "missing fields ({n} of {need})",
     "ontbrekende velden ({n} van {need})"},
    {"load.err.patterns_number",
     "'{text}' is not a number >= 0",
     "'{text}' is geen getal >= 0"},
    {"model.e.demo_mkdir",
     "cannot create folder {path}: {why}",
     "kan map {path} niet maken: {why}"},
    {"model.e.demo_not_folder",
     "{path} is not a folder",
     "{path} is geen map"},
    {"model.e.demo_years",
     "demo window outside the years 1900-2200",
     "de periode van de demo valt buiten de jaren 1900-2200"},
    {"model.e.demo_short",
     "demo window shorter than 28 days",
     "de periode van de demo is korter dan 28 dagen"},
    {"model.e.demo_create",
     "cannot create {path}: {why}",
     "kan {path} niet maken: {why}"},
    {"model.e.demo_mode",
     "cannot set the mode of {path}: {why}",
     "kan de rechten van {path} niet instellen: {why}"},
    {"model.e.demo_write",
     "cannot write {path}: {why}",
     "kan {path} niet schrijven: {why}"},
    {"model.e.demo_rename",
     "cannot rename {from} to {to}: {why}",
     "kan {from} niet hernoemen naar {to}: {why}"},
    {"load.sys.ENOSPC",
     "No space left on device",
     "geen ruimte meer op het apparaat"},
    {"load.w.pg_table_unused",
     "--table {kind}={table}: this command does not read a {kind} table",
     "--table {kind}={table}: deze opdracht leest geen tabel {kind}"},
    {"cli.err.survival_times",
     "--times takes numbers of at least 0 separated by commas",
     "--times verwacht getallen van minstens 0 gescheiden door komma's"},
    {"cli.err.survival_survivors",
     "--survivors takes at least two counts separated by commas, e.g. "
     "1000,631,468",
     "--survivors verwacht minstens twee aantallen gescheiden door komma's, "
     "bv. 1000,631,468"},
    {"cli.err.survival_survivors_sbg", "--survivors needs --model sbg",
     "--survivors vraagt --model sbg"},
    {"cli.err.survival_survivors_path",
     "--survivors takes the counts directly; leave out PATH",
     "--survivors neemt de aantallen rechtstreeks; laat PAD weg"},
    {"cli.err.survival_table_km", "--table is for Kaplan-Meier output",
     "--table is voor Kaplan-Meier-uitvoer"},
    {"cli.err.survival_sources",
     "--contracts and --duration/--event are different sources; give one",
     "--contracts en --duration/--event zijn verschillende bronnen; geef er "
     "een"},

    /* group kinds (klantwijs/groups.h) */
    {"group.blank", "(blank)", "(leeg)"},
    {"group.no", "no", "nee"},
    {"group.yes", "yes", "ja"},
    {"group.other", "other", "overige"},

    /* basket (src/report/basket_report.c, cli/cmd_basket.c) */
    {"basket.unit.file", "lines of the file", "regels van het bestand"},
    {"basket.unit.customer", "customer histories", "klanthistorieken"},
    {"basket.unit.invoice", "invoices", "facturen"},
    {"basket.unit.day", "purchase days per customer",
     "aankoopdagen per klant"},
    {"basket.level.items", "items", "items"},
    {"basket.level.item", "item", "item"},
    {"basket.level.categories", "categories", "categorieën"},
    {"basket.level.category", "category", "categorie"},
    {"basket.level.products", "products", "producten"},
    {"basket.level.product", "product", "product"},
    {"basket.line", "{n} baskets ({unit}) with {items} {level}",
     "{n} manden ({unit}) met {items} {level}"},
    {"basket.line.blank", " ({n} blank lines skipped)",
     " ({n} lege regels overgeslagen)"},
    {"basket.line.from", ", from {n} sales lines", ", uit {n} verkoopregels"},
    {"basket.line.returns", "{n} return lines left out",
     "{n} retourregels weggelaten"},
    {"basket.line.no_item", "{n} without a {level}", "{n} zonder {level}"},
    {"basket.line.after", "{n} after the as-of date", "{n} na de peildatum"},
    {"basket.kind.closed", "closed ", "gesloten "},
    {"basket.kind.maximal", "maximal ", "maximale "},
    {"basket.itemsets.some", "{n} {kind}itemsets (of {m} frequent)",
     "{n} {kind}itemsets (van {m} frequente)"},
    {"basket.itemsets.frequent", "{n} frequent itemsets",
     "{n} frequente itemsets"},
    {"basket.itemsets.count", " in at least {s} baskets",
     " in minstens {s} manden"},
    {"basket.itemsets.support", " with support >= {s} (at least {n} baskets)",
     " met support >= {s} (minstens {n} manden)"},
    {"basket.itemsets.len", ", {lo} to {hi} items", ", {lo} tot {hi} items"},
    {"basket.itemsets.len_open", ", {lo} or more items",
     ", {lo} of meer items"},
    {"basket.itemsets.none", "No itemsets: try a lower --min-support.",
     "Geen itemsets: probeer een lagere --min-support."},
    {"basket.rules.head", "{n} rules with confidence >= {c}",
     "{n} regels met betrouwbaarheid >= {c}"},
    {"basket.rules.lift", " and lift >= {l}", " en lift >= {l}"},
    {"basket.rules.filtered", " (filtered)", " (gefilterd)"},
    {"basket.rules.sorted", ", sorted by {m} ({dir} first)",
     ", gesorteerd op {m} ({dir} eerst)"},
    {"basket.lowest", "lowest", "laagste"},
    {"basket.highest", "highest", "hoogste"},
    {"basket.rules.none",
     "No rules: try a lower --min-support or --min-confidence.",
     "Geen regels: probeer een lagere --min-support of --min-confidence."},
    {"basket.rules.more",
     "(--top 0 shows every rule; --format csv or json writes them all)",
     "(--top 0 toont alle regels; --format csv of json schrijft ze "
     "allemaal)"},
    {"basket.recommend.head",
     "{n} rules with confidence >= {c}; {with} of {customers} customers get "
     "an offer (up to {per} each)",
     "{n} regels met betrouwbaarheid >= {c}; {with} van {customers} klanten "
     "krijgen een aanbod (tot {per} elk)"},
    {"basket.recommend.value",
     "Expected value = confidence x average price x margin (basis margin), "
     "or x price without cost data (basis revenue)",
     "Verwachte waarde = betrouwbaarheid x gemiddelde prijs x marge (basis "
     "margin), of x prijs zonder kostgegevens (basis revenue)"},
    {"basket.recommend.none",
     "No recommendations: try a lower --min-support or --min-confidence.",
     "Geen aanbevelingen: probeer een lagere --min-support of "
     "--min-confidence."},
    {"basket.rfm_segment", "RFM segment", "RFM-segment"},
    {"basket.all", "all", "alle"},
    {"basket.privacy.left",
     "{n} customers in groups of fewer than {min} left out (privacy)",
     "{n} klanten in groepen van minder dan {min} weggelaten (privacy)"},
    {"basket.privacy.merged",
     "{n} groups of fewer than {min} customers merged into \"other\" "
     "(privacy)",
     "{n} groepen van minder dan {min} klanten samengevoegd in \"overige\" "
     "(privacy)"},
    {"basket.penetration.head",
     "Share of the customers of each {basis} who bought each {level}",
     "Aandeel van de klanten per {basis} dat {level} kocht"},
    {"basket.penetration.each_category", "category", "elke categorie"},
    {"basket.penetration.each_product", "product", "elk product"},
    {"basket.upsell.fraction",
     "Upsell: customers who spend less per order than {pct} of the median "
     "of their {basis}",
     "Upsell: klanten die per order minder besteden dan {pct} van de "
     "mediaan van hun {basis}"},
    {"basket.upsell.p25",
     "Upsell: customers who spend less per order than the lower quartile "
     "of their {basis}",
     "Upsell: klanten die per order minder besteden dan het eerste kwartiel "
     "van hun {basis}"},
    {"basket.upsell.counts",
     "{n} customers with at least {orders} order(s); {c} candidates, ranked "
     "by potential = (median - spend per order) x orders",
     "{n} klanten met minstens {orders} order(s); {c} kandidaten, "
     "gerangschikt op potentieel = (mediaan - besteding per order) x "
     "orders"},
    {"basket.hint.map_product",
     "Map the column with --map product=COLUMN, or use --level category.",
     "Wijs de kolom aan met --map product=KOLOM, of gebruik --level "
     "category."},
    {"basket.hint.map_category", "Map the column with --map category=COLUMN.",
     "Wijs de kolom aan met --map category=KOLOM."},
    {"basket.hint.support",
     "Try a higher --min-support, a lower --max-len, or --max-itemsets N (0 "
     "= no limit).",
     "Probeer een hogere --min-support, een lagere --max-len, of "
     "--max-itemsets N (0 = geen grens)."},

    {"cli.basket.support",
     "--min-support takes a fraction such as 0.01, a percentage such as 1%, "
     "or a whole number of baskets, not '{v}'",
     "--min-support verwacht een fractie zoals 0,01, een percentage zoals "
     "1%, of een geheel aantal manden, niet '{v}'"},
    {"cli.basket.min_confidence",
     "--min-confidence takes a fraction from 0 to 1 or a percentage, not "
     "'{v}'",
     "--min-confidence verwacht een fractie van 0 tot 1 of een percentage, "
     "niet '{v}'"},
    {"cli.basket.upsell_fraction",
     "--upsell-fraction takes a fraction in (0, 1], such as 0.5 or 50%",
     "--upsell-fraction verwacht een fractie in (0, 1], zoals 0,5 of 50%"},
    {"cli.basket.recommend",
     "--recommend takes a number of products from 1 to 100",
     "--recommend verwacht een aantal producten van 1 tot 100"},
    {"cli.basket.too_many", "more than 64 {opt} items",
     "meer dan 64 {opt}-items"},
    {"cli.basket.modes",
     "give one of --itemsets, --recommend, --penetration and --upsell",
     "geef één van --itemsets, --recommend, --penetration en --upsell"},
    {"cli.basket.closed_maximal", "give --closed or --maximal, not both",
     "geef --closed of --maximal, niet allebei"},
    {"cli.basket.closed_itemsets",
     "--closed and --maximal go with --itemsets",
     "--closed en --maximal horen bij --itemsets"},
    {"cli.basket.len", "--min-len {lo} is more than --max-len {hi}",
     "--min-len {lo} is meer dan --max-len {hi}"},
    {"cli.basket.filters",
     "--lhs and --rhs filter rules: not with --itemsets, --penetration or "
     "--upsell",
     "--lhs en --rhs filteren regels: niet met --itemsets, --penetration of "
     "--upsell"},
    {"cli.basket.itemsets_sort", "itemsets sort by support or none",
     "itemsets sorteren op support of none"},
    {"cli.basket.segment_by",
     "--segment-by goes with --penetration or --upsell",
     "--segment-by hoort bij --penetration of --upsell"},
    {"cli.basket.upsell_options",
     "--upsell-fraction and --min-orders go with --upsell",
     "--upsell-fraction en --min-orders horen bij --upsell"},
    {"cli.basket.file_and_path", "--baskets replaces PATH; give one of them",
     "--baskets vervangt PAD; geef één van beide"},
    {"cli.basket.file_modes",
     "--recommend, --penetration and --upsell need sales lines with "
     "customers, not a basket file",
     "--recommend, --penetration en --upsell hebben verkoopregels met "
     "klanten nodig, geen mandenbestand"},
    {"cli.basket.file_by",
     "--by and --level need sales lines; a basket file's lines are the "
     "baskets",
     "--by en --level hebben verkoopregels nodig; de regels van een "
     "mandenbestand zijn de manden"},
    {"cli.basket.file_as_of", "--as-of needs sales lines, not a basket file",
     "--as-of heeft verkoopregels nodig, geen mandenbestand"},
    {"cli.basket.missing_path",
     "missing PATH (a data folder or a sales file) or --baskets FILE",
     "PAD ontbreekt (een gegevensmap of een verkoopbestand) of --baskets "
     "BESTAND"},
    {"help.basket.usage", "[OPTIONS] PATH | --baskets FILE [OPTIONS]",
     "[OPTIES] PAD | --baskets BESTAND [OPTIES]"},
    {"help.basket.about",
     "Cross-sell and upsell. A basket is an invoice (without an invoice "
     "column: a customer's purchases of one day), or a customer's whole "
     "history with --by customer; items are products, or categories with "
     "--level category. Returns (a negative quantity or amount) add no "
     "item. Frequent itemsets are mined by FP-growth; as in arules, an "
     "itemset is frequent when at least ceil(N x support) of the N baskets "
     "hold it. Rules X => Y come from the frequent itemsets, with\n"
     "  support    = share of the baskets holding X and Y\n"
     "  confidence = support(X and Y) / support(X)\n"
     "  lift       = confidence / support(Y)\n"
     "  leverage   = support(X and Y) - support(X) x support(Y)\n"
     "  conviction = (1 - support(Y)) / (1 - confidence); inf (json null)\n"
     "               when confidence is 1\n"
     "What it writes: the rules (default), best first by --sort (the "
     "terminal shows 20 and says how many there are, csv and json give all "
     "of them); --itemsets, the frequent itemsets by support (--closed: no "
     "superset has the same count; --maximal: no superset is frequent); "
     "--recommend N, per customer the N best items not yet bought, scored "
     "by the best rule whose antecedent the customer bought (highest "
     "confidence, then lift), with expected value = confidence x the "
     "item's average unit price x its margin fraction (without cost data "
     "confidence x price, basis \"revenue\"); --penetration, per segment "
     "the share of its customers (buyers or not) who bought each category "
     "(each product with --level product or without categories); --upsell, "
     "customers whose spend per order is below their segment's lower "
     "quartile (type 7), ranked by potential = (segment median - spend per "
     "order) x orders.\n"
     "Segments are the RFM segments of `klantwijs rfm`, or the groups of a "
     "customers-table column with --segment-by (one value per customer: "
     "its last non-empty row). Privacy: a group of fewer than 5 customers "
     "is never shown; such groups are merged into \"other\", which is left "
     "out (and counted) when it still has fewer than 5. Customers appear by "
     "their id only.",
     "Kruisverkoop en upsell. Een mand is een factuur (zonder "
     "factuurkolom: de aankopen van een klant op één dag), of de hele "
     "historiek van een klant met --by customer; items zijn producten, of "
     "categorieën met --level category. Retours (een negatieve hoeveelheid "
     "of een negatief bedrag) voegen geen item toe. Frequente itemsets "
     "worden gevonden met FP-growth; zoals in arules is een itemset "
     "frequent als minstens ceil(N x support) van de N manden hem bevatten. "
     "Regels X => Y komen uit de frequente itemsets, met\n"
     "  support    = aandeel van de manden met X en Y\n"
     "  confidence = support(X en Y) / support(X)\n"
     "  lift       = confidence / support(Y)\n"
     "  leverage   = support(X en Y) - support(X) x support(Y)\n"
     "  conviction = (1 - support(Y)) / (1 - confidence); inf (json null)\n"
     "               als confidence 1 is\n"
     "Wat het schrijft: de regels (standaard), beste eerst volgens --sort "
     "(de terminal toont er 20 en zegt hoeveel er zijn, csv en json geven "
     "ze allemaal); --itemsets, de frequente itemsets op support (--closed: "
     "geen superset heeft hetzelfde aantal; --maximal: geen superset is "
     "frequent); --recommend N, per klant de N beste items die hij nog niet "
     "kocht, gescoord met de beste regel waarvan de klant het antecedent "
     "kocht (hoogste betrouwbaarheid, dan lift), met verwachte waarde = "
     "betrouwbaarheid x gemiddelde eenheidsprijs x margefractie (zonder "
     "kostgegevens betrouwbaarheid x prijs, basis \"revenue\"); "
     "--penetration, per segment het aandeel van de klanten (kopers of "
     "niet) dat elke categorie kocht (elk product met --level product of "
     "zonder categorieën); --upsell, klanten wier besteding per order onder "
     "het eerste kwartiel (type 7) van hun segment ligt, gerangschikt op "
     "potentieel = (mediaan van het segment - besteding per order) x "
     "orders.\n"
     "Segmenten zijn de RFM-segmenten van `klantwijs rfm`, of de groepen "
     "van een kolom van de klantentabel met --segment-by (één waarde per "
     "klant: zijn laatste niet-lege rij). Privacy: een groep van minder dan "
     "5 klanten wordt nooit getoond; zulke groepen worden samengevoegd in "
     "\"overige\", die wordt weggelaten (en geteld) als ze nog altijd minder "
     "dan 5 klanten telt. Klanten verschijnen alleen met hun id."},
    {"help.basket.examples",
     "  klantwijs basket --baskets groceries.csv --min-support 0.001 \\\n"
     "      --min-confidence 0.8 --sort lift --top 10\n"
     "  klantwijs basket demo-data --level category --rhs 'Inkt & toner'\n"
     "  klantwijs basket demo-data --recommend 3 --format csv -o offers.csv\n"
     "  klantwijs basket demo-data --penetration --segment-by sector --lang "
     "nl\n"
     "  klantwijs basket demo-data --upsell\n",
     "  klantwijs basket --baskets boodschappen.csv --min-support 0.001 \\\n"
     "      --min-confidence 0.8 --sort lift --top 10\n"
     "  klantwijs basket demo-data --level category --rhs 'Inkt & toner'\n"
     "  klantwijs basket demo-data --recommend 3 --format csv -o "
     "aanbod.csv\n"
     "  klantwijs basket demo-data --penetration --segment-by sector --lang "
     "nl\n"
     "  klantwijs basket demo-data --upsell\n"},
    {"opt.basket.baskets",
     "read a basket file instead of PATH: one basket a line, items "
     "separated by , ; or tab (detected; or --delimiter), as the Groceries "
     "data of arules",
     "lees een mandenbestand in plaats van PAD: één mand per regel, items "
     "gescheiden door , ; of tab (herkend; of --delimiter), zoals de "
     "Groceries-gegevens van arules"},
    {"opt.basket.by", "what a basket is", "wat een mand is"},
    {"opt.basket.level", "what an item is", "wat een item is"},
    {"opt.basket.min_support",
     "a fraction (default 0.01), a percentage (1%) or a whole number of "
     "baskets (10)",
     "een fractie (standaard 0,01), een percentage (1%) of een geheel aantal "
     "manden (10)"},
    {"opt.basket.min_confidence",
     "a fraction or a percentage (default 0.5)",
     "een fractie of een percentage (standaard 0,5)"},
    {"opt.basket.min_lift", "rules with at least this lift",
     "regels met minstens deze lift"},
    {"opt.basket.min_len", "fewest items in an itemset (a rule has 2 at least)",
     "minste items in een itemset (een regel heeft er minstens 2)"},
    {"opt.basket.max_len", "most items in an itemset (as arules; 0 = no limit)",
     "meeste items in een itemset (zoals arules; 0 = geen grens)"},
    {"opt.basket.max_consequent", "most items on a rule's right-hand side",
     "meeste items aan de rechterkant van een regel"},
    {"opt.basket.sort",
     "rules best first by this measure (none: as generated); ties by the "
     "antecedent (fewer items first), then the consequent. Itemsets: "
     "support or none (by length, then items)",
     "regels beste eerst op deze maat (none: zoals gevonden); bij "
     "gelijkheid op het antecedent (minder items eerst), dan het "
     "consequent. Itemsets: support of none (op lengte, dan items)"},
    {"opt.basket.ascending", "lowest first", "laagste eerst"},
    {"opt.basket.top",
     "keep the first N rules or itemsets in every format (0 = all). With "
     "--recommend, --penetration, --upsell: rows on the terminal only "
     "(default 20; 0 = all)",
     "houd de eerste N regels of itemsets in elk formaat (0 = alle). Met "
     "--recommend, --penetration, --upsell: alleen rijen op de terminal "
     "(standaard 20; 0 = alle)"},
    {"opt.basket.lhs", "rules whose antecedent holds ITEM (repeatable)",
     "regels waarvan het antecedent ITEM bevat (herhaalbaar)"},
    {"opt.basket.rhs", "rules whose consequent holds ITEM (repeatable)",
     "regels waarvan het consequent ITEM bevat (herhaalbaar)"},
    {"opt.basket.lhs_match",
     "the antecedent holds any, all or none of the --lhs items",
     "het antecedent bevat een, alle of geen van de --lhs-items"},
    {"opt.basket.rhs_match",
     "the consequent holds any, all or none of the --rhs items",
     "het consequent bevat een, alle of geen van de --rhs-items"},
    {"opt.basket.itemsets", "write the frequent itemsets",
     "schrijf de frequente itemsets"},
    {"opt.basket.closed",
     "with --itemsets: only those no superset has the same count of",
     "met --itemsets: alleen die waarvan geen superset hetzelfde aantal "
     "heeft"},
    {"opt.basket.maximal",
     "with --itemsets: only those no superset of is frequent",
     "met --itemsets: alleen die waarvan geen superset frequent is"},
    {"opt.basket.recommend",
     "per customer the N best items not yet bought (1 to 100)",
     "per klant de N beste items die nog niet gekocht zijn (1 tot 100)"},
    {"opt.basket.penetration", "the share of each segment that bought each item",
     "het aandeel van elk segment dat elk item kocht"},
    {"opt.basket.upsell", "customers who spend little per order for their segment",
     "klanten die weinig per order besteden voor hun segment"},
    {"opt.basket.segment_by",
     "segments from this customers-table column (a header, or a role such "
     "as sector or size) instead of the RFM segments; not a column of "
     "personal data",
     "segmenten uit deze kolom van de klantentabel (een kop, of een rol "
     "zoals sector of size) in plaats van de RFM-segmenten; geen kolom met "
     "persoonsgegevens"},
    {"opt.basket.upsell_fraction",
     "upsell candidates spend less than F x their segment's median per "
     "order (0 < F <= 1)",
     "upsell-kandidaten besteden minder dan F x de mediaan per order van "
     "hun segment (0 < F <= 1)"},
    {"opt.basket.min_orders", "upsell: only customers with N orders or more",
     "upsell: alleen klanten met N orders of meer"},
    {"opt.basket.max_itemsets",
     "stop with an error (exit 1) when more than N itemsets are frequent "
     "(0 = no limit), rather than run out of memory at a low support",
     "stop met een fout (code 1) als meer dan N itemsets frequent zijn (0 = "
     "geen grens), eerder dan zonder geheugen te vallen bij een lage "
     "support"},

    /* pareto (cli/cmd_pareto.c) */
    {"cli.pareto.top_share",
     "--top-share takes a percentage above 0, at most 100",
     "--top-share verwacht een percentage boven 0, hoogstens 100"},
    {"cli.pareto.target", "--target takes a percentage above 0, at most 100",
     "--target verwacht een percentage boven 0, hoogstens 100"},
    {"cli.pareto.warn_top1", "--warn-top1 takes a percentage from 0 to 100",
     "--warn-top1 verwacht een percentage van 0 tot 100"},
    {"cli.pareto.warn_top5", "--warn-top5 takes a percentage from 0 to 100",
     "--warn-top5 verwacht een percentage van 0 tot 100"},
    {"cli.pareto.abc",
     "--abc takes A,B in % with A > 0, B >= 0 and A + B <= 100 (like 80,15)",
     "--abc verwacht A,B in % met A > 0, B >= 0 en A + B <= 100 (zoals "
     "80,15)"},
    {"help.pareto.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.pareto.about",
     "How concentrated revenue is: the share of revenue (and of "
     "contribution when costs are known) from the top 20% of customers, the "
     "smallest share of customers that makes 80% of revenue, ABC classes, "
     "the Gini coefficient, the Herfindahl-Hirschman index, the share of "
     "the largest 1, 5 and 10 customers with a dependency warning, and "
     "repeat versus one-time customers (count, revenue share, revenue per "
     "customer and the ratio of the two).\n"
     "Customers are those with a purchase (as in every command); one whose "
     "returns exceed their purchases counts with revenue 0 in the ranking. "
     "ABC: walking down the ranking, a customer is A while the revenue "
     "before it is below the A share, B while below A + B, else C; equal "
     "revenues share a class.\n"
     "The terminal shows the figures, the ABC table and the top customers; "
     "csv gives every customer's row (rank, revenue, share, cumulative "
     "share, class), highest revenue first; json gives both and the Pareto "
     "and Lorenz curve points.",
     "Hoe geconcentreerd de omzet is: het aandeel van de omzet (en van de "
     "bijdrage als de kosten gekend zijn) van de beste 20% klanten, het "
     "kleinste aandeel klanten dat 80% van de omzet maakt, ABC-klassen, de "
     "Gini-coëfficiënt, de Herfindahl-Hirschman-index, het aandeel van de "
     "grootste 1, 5 en 10 klanten met een waarschuwing voor afhankelijkheid, "
     "en terugkerende tegenover eenmalige klanten (aantal, aandeel in de "
     "omzet, omzet per klant en de verhouding van die twee).\n"
     "Klanten zijn wie een aankoop deed (zoals in elke opdracht); een klant "
     "met meer retours dan aankopen telt met omzet 0 in de rangschikking. "
     "ABC: langs de rangschikking is een klant A zolang de omzet vóór hem "
     "onder het A-aandeel blijft, B zolang onder A + B, anders C; gelijke "
     "omzetten delen een klasse.\n"
     "De terminal toont de cijfers, de ABC-tabel en de grootste klanten; csv "
     "geeft de rij van elke klant (rang, omzet, aandeel, cumulatief aandeel, "
     "klasse), hoogste omzet eerst; json geeft beide en de punten van de "
     "Pareto- en Lorenzcurve."},
    {"help.pareto.examples",
     "  klantwijs pareto demo-data\n"
     "  klantwijs pareto verkopen.csv --abc 70,20 --lang nl\n"
     "  klantwijs pareto demo-data --format json -o pareto.json\n",
     "  klantwijs pareto demo-data\n"
     "  klantwijs pareto verkopen.csv --abc 70,20 --lang nl\n"
     "  klantwijs pareto demo-data --format json -o pareto.json\n"},
    {"opt.pareto.top_share", "the top share of customers",
     "het bovenste aandeel klanten"},
    {"opt.pareto.target", "the revenue share to reach",
     "het te bereiken aandeel van de omzet"},
    {"opt.pareto.abc", "ABC class shares of revenue in % (C is the rest)",
     "aandelen van de omzet van de klassen A en B in % (C is de rest)"},
    {"opt.pareto.warn_top1",
     "warn when the largest customer has more than this share of revenue",
     "waarschuw als de grootste klant meer dan dit aandeel van de omzet "
     "heeft"},
    {"opt.pareto.warn_top5",
     "warn when the largest five have more than this share of revenue",
     "waarschuw als de grootste vijf meer dan dit aandeel van de omzet "
     "hebben"},

    /* pareto (src/report/pareto_report.c) */
    {"pareto.title", "Revenue concentration", "Concentratie van de omzet"},
    {"pareto.as_of", "as of", "peildatum"},
    {"pareto.customers_negative", "customers with more returns than sales",
     "klanten met meer retours dan aankopen"},
    {"pareto.revenue_negative", "  their revenue (counted as 0)",
     "  hun omzet (telt als 0)"},
    {"pareto.revenue_ranked", "revenue ranked (the shares below)",
     "gerangschikte omzet (de aandelen hieronder)"},
    {"pareto.top_customers", "top {pct} of customers",
     "top {pct} van de klanten"},
    {"pareto.their_revenue_share", "  their share of revenue",
     "  hun aandeel in de omzet"},
    {"pareto.their_contribution_share", "  their share of contribution",
     "  hun aandeel in de bijdrage"},
    {"pareto.target_customers", "fewest customers for {pct} of revenue",
     "minste klanten voor {pct} van de omzet"},
    {"pareto.as_customer_share", "  as share of customers",
     "  als aandeel van de klanten"},
    {"pareto.gini", "Gini coefficient", "Gini-coëfficiënt"},
    {"pareto.hhi", "Herfindahl-Hirschman index", "Herfindahl-Hirschman-index"},
    {"pareto.hhi_points", "  on the 0-10 000 scale", "  op de schaal 0-10 000"},
    {"pareto.largest_1", "share of the largest customer",
     "aandeel van de grootste klant"},
    {"pareto.largest_5", "share of the largest 5", "aandeel van de grootste 5"},
    {"pareto.largest_10", "share of the largest 10",
     "aandeel van de grootste 10"},
    {"pareto.repeat_customers", "repeat customers (2+ orders)",
     "terugkerende klanten (2+ orders)"},
    {"pareto.once_customers", "one-time customers", "eenmalige klanten"},
    {"pareto.revenue_per_customer", "  revenue per customer",
     "  omzet per klant"},
    {"pareto.repeat_once_ratio", "revenue per repeat / per one-time customer",
     "omzet per terugkerende / per eenmalige klant"},
    {"pareto.read.no_revenue", "No revenue to share.",
     "Geen omzet om te verdelen."},
    {"pareto.read.top",
     "{pct} of your customers ({n}) bring {share} of your revenue",
     "{pct} van je klanten ({n}) brengt {share} van je omzet op"},
    {"pareto.read.top_contribution", " and {share} of your contribution",
     " en {share} van je bijdrage"},
    {"pareto.read.target", "{pct} of revenue comes from {share} of customers "
     "({n}).\n",
     "{pct} van de omzet komt van {share} van de klanten ({n}).\n"},
    {"pareto.read.warn_top1",
     "Dependency warning: your largest customer brings {share} of revenue "
     "(threshold {limit}).\n",
     "Afhankelijkheid: je grootste klant brengt {share} van de omzet op "
     "(drempel {limit}).\n"},
    {"pareto.read.warn_top5",
     "Dependency warning: your 5 largest customers bring {share} of revenue "
     "(threshold {limit}).\n",
     "Afhankelijkheid: je 5 grootste klanten brengen {share} van de omzet op "
     "(drempel {limit}).\n"},
    {"pareto.read.no_dependency",
     "No dependency on a few customers: the largest brings {top1}, the 5 "
     "largest together {top5}.\n",
     "Geen afhankelijkheid van enkele klanten: de grootste brengt {top1} op, "
     "de 5 grootste samen {top5}.\n"},
    {"pareto.read.repeat",
     "Repeat customers ({repeat}) bring {share} of revenue: {ratio} times as "
     "much per customer as one-time customers ({once}).\n",
     "Terugkerende klanten ({repeat}) brengen {share} van de omzet op: per "
     "klant {ratio} keer zoveel als eenmalige klanten ({once}).\n"},
    {"pareto.abc_title", "\nABC classes", "\nABC-klassen"},
    {"pareto.largest_title", "\nLargest customers", "\nGrootste klanten"},
    {"pareto.col.class", "class", "klasse"},
    {"pareto.col.customers", "customers", "klanten"},
    {"pareto.col.customer_share", "% customers", "% klanten"},
    {"pareto.col.revenue", "revenue", "omzet"},
    {"pareto.col.revenue_share", "% revenue", "% omzet"},
    {"pareto.col.customer", "customer", "klant"},
    {"pareto.col.share", "share", "aandeel"},
    {"pareto.col.cumulative", "cumulative", "cumulatief"},
    {"pareto.col.orders", "orders", "orders"},
    {"pareto.col.contribution", "contribution", "bijdrage"},

    /* churn (src/report/churn_report.c) */
    {"churn.head.contracts",
     "Churn on {date} from contracts: churned when every contract has "
     "ended\n",
     "Churn op {date} uit contracten: gestopt wanneer elk contract beëindigd "
     "is\n"},
    {"churn.head.purchases",
     "Churn on {date} from purchases: churned after more than {gap} days "
     "without a purchase\n",
     "Churn op {date} uit aankopen: gestopt na meer dan {gap} dagen zonder "
     "aankoop\n"},
    {"churn.head.derived",
     "(the {q}% quantile of {n} inter-purchase times: {days} days; floor "
     "{floor})\n",
     "({q}%-kwantiel van {n} tussenaankooptijden: {days} dagen; minimum "
     "{floor})\n"},
    {"churn.head.p_alive",
     "Status: the worse of the rule above and P(alive) of the {model} model "
     "(checks passed): churned below {churned}, at risk below {at_risk}; "
     "nobody past the gap is active (churn days: the rule above)\n",
     "Status: de slechtste van de regel hierboven en P(actief) van het "
     "{model}-model (controles doorstaan): gestopt onder {churned}, risico "
     "onder {at_risk}; niemand voorbij de wachttijd is actief (churndagen: de "
     "regel hierboven)\n"},
    {"churn.kv.customers", "customers", "klanten"},
    {"churn.kv.active", "active", "actief"},
    {"churn.kv.at_risk", "at risk", "risico"},
    {"churn.kv.churned", "churned", "gestopt"},
    {"churn.periods_title",
     "\nChurn and retention per {period} (the last {n}; csv and json: all)\n",
     "\nChurn en retentie per {period} (de laatste {n}; csv en json: "
     "alle)\n"},
    {"churn.period.month", "month", "maand"},
    {"churn.period.week", "week", "week"},
    {"churn.period.quarter", "quarter", "kwartaal"},
    {"churn.partial", "(the last period runs up to {date})\n",
     "(de laatste periode loopt tot {date})\n"},
    {"churn.recent_title", "\nChurned in the last period ({period}): {n} "
     "customers",
     "\nGestopt in de laatste periode ({period}): {n} klanten"},
    {"churn.at_risk_contracts_title",
     "\nAt risk (contract ends within {days} days): {n} customers",
     "\nRisico (contract eindigt binnen {days} dagen): {n} klanten"},
    {"churn.at_risk_title",
     "\nAt risk (more than {days} days without a purchase): {n} customers",
     "\nRisico (meer dan {days} dagen zonder aankoop): {n} klanten"},
    {"churn.list_revenue", ", revenue {revenue}", ", omzet {revenue}"},
    {"churn.status.none", "none", "geen"},
    {"churn.status.active", "active", "actief"},
    {"churn.status.at_risk", "at_risk", "risico"},
    {"churn.status.churned", "churned", "gestopt"},
    {"churn.col.period", "period", "periode"},
    {"churn.col.from", "from", "van"},
    {"churn.col.to", "to", "tot"},
    {"churn.col.active_start", "active at start", "actief bij start"},
    {"churn.col.new", "new", "nieuw"},
    {"churn.col.churned", "churned", "gestopt"},
    {"churn.col.of_start", "of those at start", "van wie bij start"},
    {"churn.col.churn_rate", "churn rate", "churnratio"},
    {"churn.col.retention", "retention", "retentie"},
    {"churn.col.active_end", "active at end", "actief op einde"},
    {"churn.col.customer", "customer", "klant"},
    {"churn.col.customers", "customers", "klanten"},
    {"churn.col.contract_end", "contract end", "einde contract"},
    {"churn.col.last_purchase", "last purchase", "laatste aankoop"},
    {"churn.col.revenue", "revenue", "omzet"},
    {"churn.col.status", "status", "status"},
    {"churn.col.start", "start", "start"},
    {"churn.col.end", "end", "einde"},
    {"churn.col.first", "first", "eerste"},
    {"churn.col.last", "last", "laatste"},
    {"churn.col.churn_day", "churn day", "churndag"},
    {"churn.col.attribute", "attribute", "kenmerk"},
    {"churn.col.value", "value", "waarde"},
    {"churn.col.lower", "lower", "onder"},
    {"churn.col.upper", "upper", "boven"},
    {"churn.col.median_churned", "median churned", "mediaan gestopt"},
    {"churn.col.median_retained", "median retained", "mediaan gebleven"},
    {"churn.col.retained", "retained", "gebleven"},
    {"churn.col.missing", "missing", "ontbrekend"},
    {"churn.col.term", "term", "term"},
    {"churn.col.coefficient", "coefficient", "coëfficiënt"},
    {"churn.col.decile", "decile", "deciel"},
    {"churn.col.predicted", "predicted", "voorspeld"},
    {"churn.col.observed", "observed", "waargenomen"},
    {"churn.drivers.label_flag", "the column {col} says yes",
     "de kolom {col} zegt ja"},
    {"churn.drivers.label_contracts", "every contract ended by {date}",
     "elk contract beëindigd op {date}"},
    {"churn.drivers.label_purchases",
     "no purchase after {cutoff} (the last {gap} days up to {date}); "
     "behaviour measured up to {cutoff}",
     "geen aankoop na {cutoff} (de laatste {gap} dagen tot {date}); gedrag "
     "gemeten tot {cutoff}"},
    {"churn.drivers.head",
     "Churn drivers: {n} customers, {share} churned\nChurned: {label}\n"
     "These are associations, not causes.\n",
     "Churndrivers: {n} klanten, {share} gestopt\nGestopt: {label}\n"
     "Dit zijn samenhangen, geen oorzaken.\n"},
    {"churn.drivers.levels_title",
     "\nChurn rate per value (95% Wilson interval)\n",
     "\nChurnratio per waarde (95%-Wilsoninterval)\n"},
    {"churn.drivers.numeric_title",
     "\nNumeric attributes: median for churned and retained customers\n",
     "\nNumerieke kenmerken: mediaan bij gestopte en gebleven klanten\n"},
    {"churn.drivers.model_title",
     "\nLogistic regression (L2 = {l2}), standardised coefficients: per "
     "standard deviation, or versus the most frequent value\n",
     "\nLogistische regressie (L2 = {l2}), gestandaardiseerde "
     "coëfficiënten: per standaardafwijking, of tegenover de meest "
     "voorkomende waarde\n"},
    {"churn.drivers.fit",
     "{fit} after {iterations} iterations; {train} customers to fit, {test} "
     "held out{same}\nAUC {auc}\n",
     "{fit} na {iterations} iteraties; {train} klanten om te schatten, "
     "{test} apart gehouden{same}\nAUC {auc}\n"},
    {"churn.drivers.converged", "Converged", "Geconvergeerd"},
    {"churn.drivers.not_converged", "NOT converged", "NIET geconvergeerd"},
    {"churn.drivers.same_customers", " (evaluated on the same customers)",
     " (evaluatie op dezelfde klanten)"},
    /* survival (src/report/survival_report.c) */
    {"survival.head",
     "Kaplan-Meier survival: {n} customers, {churned} churned, {censored} "
     "censored\n",
     "Kaplan-Meier-overleving: {n} klanten, {churned} gestopt, {censored} "
     "gecensureerd\n"},
    {"survival.head.columns", "Duration: {duration}; churned: {event}",
     "Duur: {duration}; gestopt: {event}"},
    {"survival.head.contracts",
     "Duration in {unit} from contract start to end or {date}",
     "Duur in {unit} van contractstart tot einde of {date}"},
    {"survival.head.purchases",
     "Duration in {unit} from first purchase to last + {gap} days (churned) "
     "or to {date}",
     "Duur in {unit} van eerste aankoop tot laatste + {gap} dagen (gestopt) "
     "of tot {date}"},
    {"survival.head.by", "; by {by}", "; per {by}"},
    {"survival.unit.day", "days", "dagen"},
    {"survival.unit.week", "weeks", "weken"},
    {"survival.unit.month", "months", "maanden"},
    {"survival.intervals",
     "Intervals: {conf}%, log-log (exponential Greenwood)\n",
     "Intervallen: {conf}%, log-log (exponentiële Greenwood)\n"},
    {"survival.skipped", "{n} rows without duration, status or group "
     "skipped\n",
     "{n} rijen zonder duur, status of groep overgeslagen\n"},
    {"survival.privacy_left_out",
     "{n} customers in groups of fewer than {min} left out (privacy)\n",
     "{n} klanten in groepen van minder dan {min} weggelaten (privacy)\n"},
    {"survival.privacy_merged",
     "{n} groups of fewer than {min} customers merged into \"other\" "
     "(privacy)\n",
     "{n} groepen van minder dan {min} klanten samengevoegd in \"overige\" "
     "(privacy)\n"},
    {"survival.unreached",
     "(empty: S(t) or the interval bound never reaches 50%)\n",
     "(leeg: S(t) of de intervalgrens komt niet tot 50%)\n"},
    {"survival.at_risk_title",
     "\nAt risk after t (churned and censored up to t)\n",
     "\nAt risk na t (gestopt en gecensureerd tot en met t)\n"},
    {"survival.logrank", "\nLog-rank test: chi2 = {chi2} on {df} {df_word}, "
     "p {p}\n",
     "\nLog-rank-toets: chi2 = {chi2}, {df} {df_word}, p {p}\n"},
    {"survival.df_one", "df", "vrijheidsgraad"},
    {"survival.df_many", "df", "vrijheidsgraden"},
    {"survival.col.group", "group", "groep"},
    {"survival.col.customers", "customers", "klanten"},
    {"survival.col.churned", "churned", "gestopt"},
    {"survival.col.censored", "censored", "gecensureerd"},
    {"survival.col.median", "median", "mediaan"},
    {"survival.col.lower", "lower", "onder"},
    {"survival.col.upper", "upper", "boven"},
    {"survival.col.t", "t", "t"},
    {"survival.col.at_risk", "at risk", "at risk"},
    {"survival.col.survival", "S(t)", "S(t)"},
    /* sBG (src/report/survival_report.c) */
    {"sbg.head",
     "Shifted-beta-geometric retention model (Fader & Hardie 2007)\n",
     "Shifted-beta-geometrisch retentiemodel (Fader & Hardie 2007)\n"},
    {"sbg.period", "Period: {unit}\n", "Periode: {unit}\n"},
    {"sbg.unit.day", "day", "dag"},
    {"sbg.unit.week", "week", "week"},
    {"sbg.unit.month", "month", "maand"},
    {"sbg.customers", "  {n} customers, {periods} periods observed\n",
     "  {n} klanten, {periods} perioden waargenomen\n"},
    {"sbg.alpha", "  alpha  {v}\n", "  alpha  {v}\n"},
    {"sbg.alpha_se", "  alpha  {v} (se {se})\n", "  alpha  {v} (se {se})\n"},
    {"sbg.beta", "  beta   {v}\n", "  beta   {v}\n"},
    {"sbg.beta_se", "  beta   {v} (se {se})\n", "  beta   {v} (se {se})\n"},
    {"sbg.mean_churn", "  mean churn probability per period {p}\n",
     "  gemiddelde kans op stoppen per periode {p}\n"},
    {"sbg.lifetime", "  expected lifetime {periods} periods\n",
     "  verwachte levensduur {periods} perioden\n"},
    {"sbg.lifetime_infinite", "  expected lifetime infinite (alpha <= 1)\n",
     "  verwachte levensduur oneindig (alpha <= 1)\n"},
    {"sbg.fit",
     "  log-likelihood {ll}, {fit} after {iterations} iterations (|gradient| "
     "{grad})\n",
     "  log-likelihood {ll}, {fit} na {iterations} iteraties (|gradiënt| "
     "{grad})\n"},
    {"sbg.converged", "converged", "geconvergeerd"},
    {"sbg.not_converged", "NOT converged", "NIET geconvergeerd"},
    {"sbg.unbounded",
     "  (alpha and beta grow without bound: the data show no difference "
     "between customers; one fixed churn probability fits as well)\n",
     "  (alpha en beta groeien onbegrensd: geen verschil tussen klanten te "
     "zien; een vaste kans op stoppen past even goed)\n"},
    {"sbg.derl", "  DERL at {pct}% discount per period:",
     "  DERL bij {pct}% korting per periode:"},
    {"sbg.derl_one", "{sep}{r} renewal: {v}", "{sep}{r} verlenging: {v}"},
    {"sbg.derl_many", "{sep}{r} renewals: {v}", "{sep}{r} verlengingen: {v}"},
    {"sbg.col.period", "period", "periode"},
    {"sbg.col.survivors", "survivors", "overblijvers"},
    {"sbg.col.observed_s", "observed S", "geobs. S"},
    {"sbg.col.fitted_s", "fitted S", "model S"},
    {"sbg.col.observed_r", "observed r", "geobs. r"},
    {"sbg.col.fitted_r", "fitted r", "model r"},
    {"churn.drivers.calibration_title",
     "\nCalibration by decile of predicted risk\n",
     "\nKalibratie per deciel van het voorspelde risico\n"},
    /* growth: trends, journey, referrals, acquisition, discounts */
    {"cmd.trends",
     "revenue and customers per period, revenue bridge, seasonality, anomalies",
     "omzet en klanten per periode, omzetbrug, seizoenen, afwijkingen"},
    {"help.trends.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.trends.about",
     "Per month (week, quarter): net revenue, orders, active, new, returning "
     "and lapsed customers (active last period, not this one), the change "
     "against the same period a year before, and a revenue bridge that "
     "splits each change into new, reactivated, expansion, contraction and "
     "lost customers, adding up to the cent. Seasonality is named when it "
     "is clear (strength of seasonality, two full years needed); periods "
     "that break the pattern are flagged by a Hampel filter, and customers "
     "whose own order rate broke are listed (a Poisson gap test).",
     "Per maand (week, kwartaal): netto-omzet, orders, actieve, nieuwe, "
     "terugkerende en afgehaakte klanten (vorige periode actief, nu niet), "
     "het verschil met dezelfde periode een jaar eerder, en een omzetbrug "
     "die elke verandering opsplitst in nieuwe, teruggekeerde, groeiende, "
     "krimpende en verloren klanten, tot op de cent. Seizoenen worden "
     "benoemd als ze duidelijk zijn (sterkte van het seizoenspatroon, twee "
     "volle jaren nodig); periodes die uit het patroon vallen worden "
     "gemarkeerd met een Hampel-filter, en klanten van wie het eigen "
     "aankoopritme brak worden opgelijst (een Poisson-stiltetoets)."},
    {"help.trends.examples",
     "  klantwijs trends demo-data\n"
     "  klantwijs trends demo-data --by quarter --format json -o trends.json\n",
     "  klantwijs trends demo-data\n"
     "  klantwijs trends demo-data --by quarter --format json -o trends.json\n"},
    {"opt.trends.by", "period length", "lengte van een periode"},
    {"opt.trends.z", "robust z above which a period is flagged",
     "robuuste z waarboven een periode gemarkeerd wordt"},
    {"opt.trends.top", "customers listed whose rate broke (0 = all)",
     "opgelijste klanten van wie het ritme brak (0 = alle)"},
    {"growth.basis.clv", "CLV", "CLV"},
    {"growth.basis.margin", "margin so far", "marge tot nu"},
    {"growth.basis.revenue", "revenue so far", "omzet tot nu"},
    {"growth.unknown", "(unknown)", "(onbekend)"},
    {"growth.other", "other", "overige"},
    {"growth.small_left_out",
     "{n} customers of groups too small to show are left out.",
     "{n} klanten uit te kleine groepen zijn weggelaten."},
    {"cmd.referrals", "referrals and influencers: who brought whom, and their value",
     "aanbrengers: wie bracht wie aan, en wat dat waard is"},
    {"help.referrals.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.referrals.about",
     "The referral graph from referrals.csv (referrer, customer, date): per "
     "referrer the customers it brought directly, how many bought, their "
     "revenue and value, the second level, and the customer referral value "
     "(after Kumar, Petersen & Leone 2007). Self-referrals, duplicates, "
     "unknown ids and cycles are counted. Referred and other customers are "
     "compared (an association, not a cause).",
     "De aanbrenggraaf uit referrals.csv (aanbrenger, klant, datum): per "
     "aanbrenger de klanten die hij rechtstreeks aanbracht, hoeveel er "
     "kochten, hun omzet en waarde, het tweede niveau, en de aanbrengwaarde "
     "(naar Kumar, Petersen & Leone 2007). Zelfverwijzingen, dubbels, "
     "onbekende nummers en kringen worden geteld. Aangebrachte en andere "
     "klanten worden vergeleken (een samenhang, geen oorzaak)."},
    {"help.referrals.examples", "  klantwijs referrals demo-data --top 10\n",
     "  klantwijs referrals demo-data --top 10\n"},
    {"opt.referrals.top", "referrers in the table (0 = all)",
     "aanbrengers in de tabel (0 = alle)"},
    {"growth.ref.head",
     "{edges} customers were brought by {referrers} referrers (value: "
     "{basis}).",
     "{edges} klanten werden aangebracht door {referrers} aanbrengers "
     "(waarde: {basis})."},
    {"growth.ref.cleaned",
     "Left out: {self} self-referrals, {dup} repeated referrals (the "
     "earliest counts), {unknown} unknown ids; {cycle} customers are on a "
     "referral cycle.",
     "Weggelaten: {self} zelfverwijzingen, {dup} herhaalde verwijzingen (de "
     "vroegste telt), {unknown} onbekende nummers; {cycle} klanten staan in "
     "een kring van verwijzingen."},
    {"growth.ref.crv_rule",
     "Referral value = the value of the customers one brought directly who "
     "bought, plus {cac} of acquisition cost saved per customer brought "
     "(the mean cost of a customer who was not referred).",
     "Aanbrengwaarde = de waarde van de rechtstreeks aangebrachte klanten "
     "die kochten, plus {cac} bespaarde wervingskost per aangebrachte klant "
     "(de gemiddelde kost van een klant die niet aangebracht werd)."},
    {"growth.ref.crv_rule_nocac",
     "Referral value = the value of the customers one brought directly who "
     "bought (no acquisition costs in the data, so no savings counted).",
     "Aanbrengwaarde = de waarde van de rechtstreeks aangebrachte klanten "
     "die kochten (geen wervingskosten in de gegevens, dus geen besparing "
     "geteld)."},
    {"growth.ref.compare",
     "Referred customers: {rr} bought again, {vr} value on average ({nr} "
     "customers); others: {ro} and {vo} ({no}). An association, not a "
     "cause.",
     "Aangebrachte klanten: {rr} kocht opnieuw, gemiddeld {vr} waarde ({nr} "
     "klanten); andere: {ro} en {vo} ({no}). Een samenhang, geen oorzaak."},
    {"growth.ref.compare_small",
     "Too few referred or other customers to compare them.",
     "Te weinig aangebrachte of andere klanten om ze te vergelijken."},
    {"cmd.acquisition", "acquisition cost per channel, value/CAC, payback, discounts",
     "wervingskost per kanaal, waarde/CAC, terugverdientijd, kortingen"},
    {"help.acquisition.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.acquisition.about",
     "Per acquisition channel (customers.csv): customers, acquisition cost "
     "per customer (CAC), value per customer, value/CAC, and the month "
     "since acquisition in which the customers of the channel paid their "
     "acquisition cost back. Also discount dependence: the share of revenue "
     "sold at a discount, the discount given, and customers who buy almost "
     "only on discount.",
     "Per wervingskanaal (customers.csv): klanten, wervingskost per klant "
     "(CAC), waarde per klant, waarde/CAC, en de maand na de werving waarin "
     "de klanten van het kanaal hun wervingskost terugverdienden. Ook de "
     "afhankelijkheid van kortingen: het deel van de omzet met korting, de "
     "gegeven korting, en klanten die bijna alleen met korting kopen."},
    {"help.acquisition.examples", "  klantwijs acquisition demo-data\n",
     "  klantwijs acquisition demo-data\n"},
    {"opt.acquisition.top", "channels in the table (0 = all)",
     "kanalen in de tabel (0 = alle)"},
    {"growth.acq.no_channel",
     "The customers table has no acquisition channel: all customers are one "
     "group.",
     "De klantentabel heeft geen wervingskanaal: alle klanten vormen één "
     "groep."},
    {"growth.acq.no_cost",
     "The customers table has no acquisition cost: no CAC or payback.",
     "De klantentabel heeft geen wervingskost: geen CAC of "
     "terugverdientijd."},
    {"growth.acq.head", "Per acquisition channel (value: {basis}).",
     "Per wervingskanaal (waarde: {basis})."},
    {"growth.acq.payback_rule",
     "Payback: the first month after acquisition in which the customers of "
     "the channel (those observed that long) brought back their acquisition "
     "cost on average; empty when not yet.",
     "Terugverdiend: de eerste maand na de werving waarin de klanten van het "
     "kanaal (wie zo lang gevolgd werd) hun wervingskost gemiddeld "
     "terugbrachten; leeg als dat nog niet zo is."},
    {"growth.disc.summary",
     "{share} of revenue was sold at a discount; {given} of discount was "
     "given; {seekers} customers buy almost only on discount.",
     "{share} van de omzet werd met korting verkocht; er werd {given} "
     "korting gegeven; {seekers} klanten kopen bijna alleen met korting."},
    {"growth.acq.spend",
     "CAC from the marketing spend table where it names the channel "
     "({from} to {to}): {total} spent, of which {unmatched} on channels no "
     "buying customer came through; {skipped} rows skipped (no channel, "
     "month or amount, or after the as-of date).",
     "CAC uit de tabel met marketinguitgaven waar die het kanaal noemt "
     "({from} tot {to}): {total} uitgegeven, waarvan {unmatched} aan "
     "kanalen waarlangs geen kopende klant kwam; {skipped} rijen "
     "overgeslagen (geen kanaal, maand of bedrag, of na de peildatum)."},
    {"growth.disc.segments",
     "Discount dependence per segment (sales on discount, discount given "
     "per customer, customers who buy almost only on discount):",
     "Afhankelijkheid van kortingen per segment (verkoop met korting, "
     "korting per klant, klanten die bijna alleen met korting kopen):"},
    {"growth.disc.none", "No discount column: discount dependence unknown.",
     "Geen kortingskolom: afhankelijkheid van kortingen onbekend."},
    {"growth.purchase", "purchase", "aankoop"},
    {"growth.sheet.trends", "Trend", "Trend"},
    {"growth.sheet.journey", "Funnel", "Trechter"},
    {"growth.sheet.attribution", "Attribution", "Toewijzing"},
    {"growth.sheet.referrals", "Referrers", "Aanbrengers"},
    {"growth.sheet.channels", "Channels", "Kanalen"},
    {"growth.sheet.spend", "Spend per month", "Uitgaven per maand"},
    {"growth.sheet.discounts", "Discounts per segment",
     "Kortingen per segment"},
    {"cmd.journey", "the customer journey: funnel, drop-off, paths, attribution",
     "de klantreis: trechter, uitval, paden, toewijzing"},
    {"help.journey.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.journey.about",
     "From touchpoints.csv (customer, date, stage, channel) and the first "
     "purchases: the stages in order (given with --stages, else inferred "
     "from where each stage usually falls in a customer's journey), how "
     "many customers reached each step and went on, the days between "
     "steps, where the most are lost and what they share, the most common "
     "paths, conversion by first channel, sector and quarter, and the "
     "purchases attributed to channels by first touch, last touch, linear "
     "and Markov removal effect.",
     "Uit touchpoints.csv (klant, datum, fase, kanaal) en de eerste "
     "aankopen: de fasen in volgorde (opgegeven met --stages, anders "
     "afgeleid uit waar elke fase gewoonlijk valt in de reis van een klant), "
     "hoeveel klanten elke stap bereikten en verder gingen, de dagen tussen "
     "de stappen, waar de meesten afhaken en wat ze gemeen hebben, de "
     "meest voorkomende paden, de conversie per eerste kanaal, sector en "
     "kwartaal, en de aankopen toegewezen aan kanalen volgens eerste "
     "contact, laatste contact, lineair en het Markov-verwijderingseffect."},
    {"help.journey.examples",
     "  klantwijs journey demo-data\n"
     "  klantwijs journey demo-data --stages 'eerste contact,offerte,purchase'\n",
     "  klantwijs journey demo-data\n"
     "  klantwijs journey demo-data --stages 'eerste contact,offerte,purchase'\n"},
    {"opt.journey.stages",
     "the stage order, separated by commas ('purchase' is the first purchase)",
     "de volgorde van de fasen, gescheiden door komma's ('purchase' is de "
     "eerste aankoop)"},
    {"opt.journey.window", "days after the first touch that count",
     "dagen na het eerste contact die meetellen"},
    {"growth.journey.head", "{customers} customers with {touches} touchpoints.",
     "{customers} klanten met {touches} contactmomenten."},
    {"growth.journey.inferred",
     "Stage order inferred: each stage's median position in the customers' "
     "journeys (0 first, 1 last).",
     "Volgorde van de fasen afgeleid: de mediane positie van elke fase in "
     "de reis van de klanten (0 eerst, 1 laatst)."},
    {"growth.journey.given", "Stage order as given.",
     "Volgorde van de fasen zoals opgegeven."},
    {"growth.journey.worst",
     "Most customers are lost after {step}: {lost} of {entered} go no "
     "further.",
     "De meeste klanten haken af na {step}: {lost} van de {entered} gaan "
     "niet verder."},
    {"growth.journey.worst_channel",
     "Those lost there came in through {channel} {lift} times as often as "
     "the others ({n} customers).",
     "Wie daar afhaakt, kwam {lift} keer zo vaak binnen via {channel} als "
     "de anderen ({n} klanten)."},
    {"growth.journey.before",
     "Buyers had {mean} touchpoints before their first purchase on average "
     "(median {median}).",
     "Kopers hadden gemiddeld {mean} contactmomenten voor hun eerste "
     "aankoop (mediaan {median})."},
    {"growth.journey.paths", "Most common paths (customers, path):",
     "Meest voorkomende paden (klanten, pad):"},
    {"growth.journey.attr",
     "{n} purchases shared over the channels of the touchpoints before "
     "them:",
     "{n} aankopen verdeeld over de kanalen van de contactmomenten "
     "ervoor:"},
    {"growth.html.trend_last",
     "In {period} your revenue was {revenue}, from {active} active customers "
     "of whom {new} new.",
     "In {period} was je omzet {revenue}, van {active} actieve klanten, "
     "waarvan {new} nieuw."},
    {"growth.html.bridge",
     "Against the period before, revenue changed by {change}: {new} from "
     "new customers, {back} from customers who came back, {more} from "
     "customers who bought more and {less} from those who bought less, and "
     "{lost} from customers who did not buy.",
     "Tegenover de periode ervoor veranderde de omzet met {change}: {new} "
     "van nieuwe klanten, {back} van klanten die terugkwamen, {more} van "
     "klanten die meer kochten en {less} van wie minder kocht, en {lost} "
     "van klanten die niets kochten."},
    {"growth.html.yoy", "Against the same period a year before: {growth}.",
     "Tegenover dezelfde periode een jaar eerder: {growth}."},
    {"growth.html.breaks",
     "{n} customers stopped buying at their usual rhythm: they are in "
     "customers.csv (rate_break) for a call.",
     "{n} klanten kopen niet meer in hun gewone ritme: ze staan in "
     "customers.csv (rate_break) om te bellen."},
    {"growth.html.revenue", "revenue", "omzet"},
    {"growth.html.revenue_new", "of which from new customers",
     "waarvan van nieuwe klanten"},
    {"growth.html.trend_chart", "Revenue per period", "Omzet per periode"},
    {"growth.html.funnel", "Customers who reached each step",
     "Klanten die elke stap bereikten"},
    {"growth.html.ref_head",
     "{edges} customers came through {referrers} referrers.",
     "{edges} klanten kwamen via {referrers} aanbrengers."},
    {"growth.html.thank",
     "Keep and thank the influencers who bring the most value (below, with "
     "the customers they brought):",
     "Koester en bedank de aanbrengers die de meeste waarde brengen "
     "(hieronder, met de klanten die ze aanbrachten):"},
    {"growth.html.acq_value",
     "Value per customer is the lifetime value as in CLV/CAC: what the "
     "customer brought so far plus the predicted CLV.",
     "Waarde per klant is de levensduurwaarde zoals in CLV/CAC: wat de klant "
     "tot nu bracht plus de voorspelde CLV."},
    {"growth.html.not_yet", "not yet", "nog niet"},
    {"growth.col.period", "Period", "Periode"},
    {"growth.col.revenue", "Revenue", "Omzet"},
    {"growth.col.active", "Active", "Actief"},
    {"growth.col.new", "New", "Nieuw"},
    {"growth.col.lapsed", "Lapsed", "Afgehaakt"},
    {"growth.col.b_new", "+ new", "+ nieuw"},
    {"growth.col.b_back", "+ back", "+ terug"},
    {"growth.col.b_more", "+ more", "+ meer"},
    {"growth.col.b_less", "− less", "− minder"},
    {"growth.col.b_lost", "− lost", "− verloren"},
    {"growth.col.customers", "Customers", "Klanten"},
    {"growth.col.step", "Step", "Stap"},
    {"growth.col.channel", "Channel", "Kanaal"},
    {"growth.col.first", "First touch", "Eerste contact"},
    {"growth.col.last", "Last touch", "Laatste contact"},
    {"growth.col.linear", "Linear", "Lineair"},
    {"growth.col.markov", "Markov", "Markov"},
    {"growth.col.referrer", "Referrer", "Aanbrenger"},
    {"growth.col.brought", "Brought", "Aangebracht"},
    {"growth.col.bought", "Bought", "Kochten"},
    {"growth.col.their_revenue", "Their revenue", "Hun omzet"},
    {"growth.col.second", "2nd level", "2de niveau"},
    {"growth.col.referral_value", "Referral value", "Aanbrengwaarde"},
    {"growth.col.cac", "CAC", "CAC"},
    {"growth.col.value", "Value per customer", "Waarde per klant"},
    {"growth.col.clv_cac", "Value / CAC", "Waarde / CAC"},
    {"growth.col.payback", "Paid back (month)", "Terugverdiend (maand)"},
    {"growth.col.cac_source", "CAC from", "CAC uit"},
    {"growth.col.src_customers", "cost per customer", "kost per klant"},
    {"growth.col.src_spend", "marketing spend", "marketinguitgaven"},
    {"growth.col.segment", "Segment", "Segment"},
    {"growth.col.disc_share", "Sold on discount", "Met korting verkocht"},
    {"growth.col.disc_per_customer", "Discount per customer",
     "Korting per klant"},
    {"growth.col.deal_seekers", "Almost only on discount",
     "Bijna alleen met korting"},
    {"opt.analyze.history",
     "store this run in a history file (SQLite) for `klantwijs history`",
     "bewaar deze run in een geschiedenisbestand (SQLite) voor `klantwijs "
     "history`"},
    {"cmd.history", "key figures over runs and how customers moved between them",
     "kerncijfers over de runs en hoe klanten tussen twee runs verschoven"},
    {"help.history.usage", "[OPTIONS] FILE", "[OPTIES] BESTAND"},
    {"help.history.about",
     "FILE is a history file written by `klantwijs analyze --history FILE`. "
     "Shows the key figures of every run, and between two runs (the two "
     "latest, or --from and --to) how customers moved between actions, "
     "statuses and RFM segments, and the customers who went from invest or "
     "retain to win back. Cells of fewer than 5 customers show \"<5\".",
     "BESTAND is een geschiedenisbestand van `klantwijs analyze --history "
     "BESTAND`. Toont de kerncijfers van elke run, en tussen twee runs (de "
     "twee laatste, of --from en --to) hoe klanten verschoven tussen acties, "
     "statussen en RFM-segmenten, en de klanten die van investeren of "
     "behouden naar terugwinnen gingen. Cellen van minder dan 5 klanten "
     "tonen \"<5\"."},
    {"help.history.examples",
     "  klantwijs analyze data -o rapport --history klanten.sqlite\n"
     "  klantwijs history klanten.sqlite\n",
     "  klantwijs analyze data -o rapport --history klanten.sqlite\n"
     "  klantwijs history klanten.sqlite\n"},
    {"opt.history.from", "the earlier run", "de vroegere run"},
    {"opt.history.from.default", "the run before --to",
     "de run voor --to"},
    {"opt.history.to", "the later run", "de latere run"},
    {"opt.history.to.default", "the latest run", "de laatste run"},
    {"cli.history.missing_file", "name the history file (FILE)",
     "geef het geschiedenisbestand op (BESTAND)"},
    {"history.head", "{n} runs in this history.",
     "{n} runs in deze geschiedenis."},
    {"history.one_run",
     "One run so far: the next `analyze --history` run can be compared "
     "with it.",
     "Nog maar één run: de volgende run met `analyze --history` kan ermee "
     "vergeleken worden."},
    {"history.compare", "From run {from} to run {to}:",
     "Van run {from} naar run {to}:"},
    {"history.by_action", "Actions (rows: before, columns: now)",
     "Acties (rijen: vroeger, kolommen: nu)"},
    {"history.by_status", "Status (rows: before, columns: now)",
     "Status (rijen: vroeger, kolommen: nu)"},
    {"history.by_segment", "RFM segments (rows: before, columns: now)",
     "RFM-segmenten (rijen: vroeger, kolommen: nu)"},
    {"history.movers",
     "{n} customers went from invest or retain to win back:",
     "{n} klanten gingen van investeren of behouden naar terugwinnen:"},
    {"summary.head",
     "{n} customers with purchases up to {as_of} ({lines} lines{after}); "
     "revenue {revenue}",
     "{n} klanten met aankopen tot {as_of} ({lines} lijnen{after}); omzet "
     "{revenue}"},
    {"summary.head.after", ", {n} later lines left out",
     ", {n} lijnen na die datum weggelaten"},
    {"growth.months", "month", "maand"},
    {"growth.weeks", "week", "week"},
    {"growth.quarters", "quarter", "kwartaal"},
    {"growth.trends.head",
     "Revenue per {unit} from {first} to {last}: {revenue} in all "
     "({lines} lines).",
     "Omzet per {unit} van {first} tot {last}: {revenue} in totaal "
     "({lines} lijnen)."},
    {"growth.trends.partial",
     "{period} is not complete yet: its change against the year before "
     "compares the same days a year earlier; the other columns compare it "
     "with full periods.",
     "{period} is nog niet volledig: de vergelijking met het jaar ervoor "
     "neemt dezelfde dagen een jaar eerder; de andere kolommen vergelijken "
     "met volledige periodes."},
    {"growth.trends.bridge_rule",
     "Bridge: each customer's change against the previous period counts "
     "once, as new, back (reactivated), more, less or lost; together they "
     "make the change of revenue.",
     "Brug: de verandering van elke klant tegenover de vorige periode telt "
     "één keer, als nieuw, terug, meer, minder of verloren; samen maken ze "
     "de verandering van de omzet."},
    {"growth.trends.season_clear",
     "Clear seasonality (strength {strength}): the peak is in {peak}, the "
     "low in {trough}.",
     "Duidelijk seizoenspatroon (sterkte {strength}): de piek valt in "
     "{peak}, het dal in {trough}."},
    {"growth.trends.season_none",
     "No clear seasonality (strength {strength}, below 0.5).",
     "Geen duidelijk seizoenspatroon (sterkte {strength}, onder 0,5)."},
    {"growth.trends.season_short",
     "Seasonality needs two full years of months or quarters.",
     "Voor seizoenen zijn twee volle jaren aan maanden of kwartalen nodig."},
    {"growth.trends.anomaly_high",
     "{period} stands out high: {revenue} (robust z {z}).",
     "{period} springt er hoog uit: {revenue} (robuuste z {z})."},
    {"growth.trends.anomaly_low",
     "{period} stands out low: {revenue} (robust z {z}).",
     "{period} springt er laag uit: {revenue} (robuuste z {z})."},
    {"growth.trends.no_anomaly", "No period breaks the pattern.",
     "Geen enkele periode valt uit het patroon."},
    {"growth.trends.breaks",
     "{n} customers stopped buying at their usual rhythm (silence this "
     "long has a chance below 1%):",
     "{n} klanten kopen niet meer in hun gewone ritme (zo'n lange stilte "
     "heeft minder dan 1% kans):"},
    {"growth.trends.break_row",
     "  {customer}: last purchase {last}, usually every {every} days, "
     "{yearly} a year",
     "  {customer}: laatste aankoop {last}, gewoonlijk om de {every} dagen, "
     "{yearly} per jaar"},
    {"cli.rfm.contribution_cost",
     "--monetary contribution needs cost data: a cost or margin column, "
     "--margin or --config",
     "--monetary contribution vraagt kostgegevens: een kost- of margekolom, "
     "--margin of --config"},
    {"model.e.clv_no_customer",
     "no customer with a purchase up to the as-of date ({later} first "
     "bought after it)",
     "geen klant met een aankoop tot de peildatum ({later} kochten "
     "voor het eerst daarna)"},
    {"model.e.clv_short_holdout",
     "the holdout is shorter than one {unit}",
     "de toetsperiode is korter dan één {unit}"},
    {"model.w.clv_no_spend",
     "no repeat buyer with a positive repeat spend: no spend model, "
     "no values",
     "geen herhaalkoper met een positieve herhaalbesteding: geen bestedingsmodel, "
     "geen waarden"},
    {"inspect.part",
     "  file {file}: {read} rows read, {used} used, {from} to {to}; {dups} "
     "lines already in an earlier file left out",
     "  bestand {file}: {read} rijen gelezen, {used} gebruikt, {from} tot "
     "{to}; {dups} regels die al in een eerder bestand staan weggelaten"},
    {"inspect.why_file", "  why this file: {why}",
     "  waarom dit bestand: {why}"},
    {"inspect.workbook",
     "  {format} workbook, {bytes} bytes; sheet \"{sheet}\" ({why}); header "
     "on row {row}",
     "  {format}-werkmap, {bytes} bytes; werkblad \"{sheet}\" ({why}); "
     "koprij op rij {row}"},
    {"inspect.total_row", "  the total row {row} ends the table",
     "  de totaalrij {row} sluit de tabel af"},
    {"inspect.vat_excl", "  amounts excl. VAT", "  bedragen exclusief btw"},
    {"inspect.vat_excl_other",
     "  amounts excl. VAT (a column incl. VAT is left aside; --vat incl uses "
     "it)",
     "  bedragen exclusief btw (een kolom inclusief btw blijft opzij; --vat "
     "incl gebruikt ze)"},
    {"inspect.vat_incl", "  amounts incl. VAT, as they are; --vat-rate takes "
     "the VAT off",
     "  bedragen inclusief btw, zoals ze zijn; --vat-rate haalt de btw eraf"},
    {"inspect.vat_incl_other",
     "  amounts incl. VAT, as they are (--vat incl; the column excl. VAT is "
     "left aside)",
     "  bedragen inclusief btw, zoals ze zijn (--vat incl; de kolom exclusief "
     "btw blijft opzij)"},
    {"inspect.vat_converted",
     "  amounts incl. VAT divided by 1 + {rate}% (--vat-rate)",
     "  bedragen inclusief btw gedeeld door 1 + {rate}% (--vat-rate)"},
    {"inspect.dialect",
     "  {delim}-separated, {header}, {encoding}, {endings} line endings, "
     "{bytes} bytes",
     "  gescheiden door {delim}, {header}, {encoding}, regeleinden "
     "{endings}, {bytes} bytes"},
    {"inspect.rows",
     "  rows: {read} read, {used} used, {skipped} skipped",
     "  rijen: {read} gelezen, {used} gebruikt, {skipped} overgeslagen"},
    {"inspect.example",
     "    e.g. {example}",
     "    bv. {example}"},
    {"inspect.recoded",
     "  {n} cells were not valid UTF-8 and were read as Windows-1252",
     "  {n} cellen waren geen geldige UTF-8 en werden als Windows-1252 "
     "gelezen"},
    {"inspect.not_used",
     "  not used:",
     "  niet gebruikt:"},
    {"inspect.header",
     "header row",
     "koprij"},
    {"inspect.no_header",
     "no header",
     "geen kop"},
    {"inspect.col.column",
     "column",
     "kolom"},
    {"inspect.col.role",
     "role",
     "rol"},
    {"inspect.col.type",
     "type",
     "type"},
    {"inspect.col.format",
     "format",
     "formaat"},
    {"inspect.col.missing",
     "missing",
     "ontbrekend"},
    {"inspect.delim.comma",
     "comma",
     "komma"},
    {"inspect.delim.semicolon",
     "semicolon",
     "puntkomma"},
    {"inspect.delim.tab",
     "tab",
     "tab"},
    {"inspect.delim.pipe",
     "pipe",
     "verticale streep"},
    {"inspect.delim.blanks",
     "blanks",
     "spaties"},
    {"inspect.order.dmy",
     "day-first",
     "dag eerst"},
    {"inspect.order.mdy",
     "month-first",
     "maand eerst"},
    {"inspect.order.ymd",
     "year-first",
     "jaar eerst"},
    {"inspect.order.iso",
     "ISO",
     "ISO"},
    {"inspect.mark.comma",
     "decimal comma",
     "decimale komma"},
    {"inspect.mark.point",
     "decimal point",
     "decimale punt"},
    {"inspect.title",
     "Data quality (transactions)",
     "Datakwaliteit (transacties)"},
    {"cli.main.usage",
     "klantwijs COMMAND [OPTIONS] [PATH]",
     "klantwijs OPDRACHT [OPTIES] [PAD]"},

    /* voice of the customer: klantwijs feedback */
    {"cmd.feedback",
     "NPS, CSAT, CES with intervals; competitors; comment themes",
     "NPS, CSAT, CES met intervallen; concurrenten; thema's in opmerkingen"},
    {"help.feedback.usage", "[OPTIONS] PATH", "[OPTIES] PAD"},
    {"help.feedback.about",
     "Survey answers (feedback.csv: customer, date, nps 0-10, csat, ces, "
     "comment, and per dimension an own rating next to a named competitor's, "
     "such as prijs and concurrent prijs) turned into: NPS with a 95% "
     "interval (Wald, multinomial variance), CSAT as the top-2-box share "
     "(Wilson interval) and mean, CES mean (t interval) with its scale (1-5 "
     "or 1-7) detected, response counts and rate; the same per sector and "
     "per quarter, with a z test of the change against the quarter before; "
     "promoters, passives and detractors side by side (share still buying, "
     "revenue of the last 12 months: association, not cause); per dimension "
     "the own mean against each competitor's, the paired difference, the "
     "share rating the competitor higher, the derived importance "
     "(correlation with the NPS score), the importance-performance grid and "
     "the customers at risk to a competitor (they rate it higher on the "
     "dimension that matters most and buy less); and the themes in Dutch, "
     "English and French comments that set detractors apart from promoters "
     "(log-odds with an informative Dirichlet prior), with up to three "
     "examples each, personal data masked. Answers without a customer id are "
     "anonymous: they count for the scores and themes, not for behaviour. A "
     "score over fewer than --min-answers answers reads \"not enough "
     "answers\"; groups of fewer than 5 customers are merged into "
     "\"other\". csv is long form: section,group,measure,value,low,high,n.",
     "Antwoorden op enquêtes (feedback.csv: klant, datum, nps 0-10, csat, "
     "ces, opmerking, en per dimensie een eigen score naast die van een "
     "genoemde concurrent, zoals prijs en concurrent prijs) worden: de NPS "
     "met een 95%-interval (Wald, multinomiale variantie), CSAT als aandeel "
     "in de twee hoogste vakjes (Wilson-interval) en gemiddelde, CES "
     "gemiddeld (t-interval) met de schaal (1-5 of 1-7) herkend, aantallen "
     "en respons; hetzelfde per sector en per kwartaal, met een z-toets op "
     "het verschil met het kwartaal ervoor; promotors, passieven en "
     "criticasters naast elkaar (aandeel dat nog koopt, omzet van de laatste "
     "12 maanden: samenhang, geen oorzaak); per dimensie het eigen "
     "gemiddelde tegenover dat van elke concurrent, het gepaarde verschil, "
     "het aandeel dat de concurrent beter vindt, het afgeleide belang "
     "(correlatie met de NPS-score), het belang-prestatieraster en de "
     "klanten met risico op overstap (ze vinden de concurrent beter op de "
     "dimensie die het zwaarst weegt en kopen minder); en de thema's in "
     "Nederlandse, Engelse en Franse opmerkingen die criticasters "
     "onderscheiden van promotors (log-odds met een informatieve "
     "Dirichlet-prior), met telkens tot drie voorbeelden, persoonsgegevens "
     "afgeschermd. Antwoorden zonder klantnummer zijn anoniem: ze tellen mee "
     "voor de scores en thema's, niet voor gedrag. Een score over minder dan "
     "--min-answers antwoorden wordt \"te weinig antwoorden\"; groepen van "
     "minder dan 5 klanten staan samen onder \"overige\". csv is lang "
     "formaat: section,group,measure,value,low,high,n."},
    {"help.feedback.examples",
     "  klantwijs feedback demo-data\n"
     "  klantwijs feedback demo-data --lang nl --all-answers\n"
     "  klantwijs feedback enquete.csv --format json -o feedback.json\n",
     "  klantwijs feedback demo-data\n"
     "  klantwijs feedback demo-data --lang nl --all-answers\n"
     "  klantwijs feedback enquete.csv --format json -o feedback.json\n"},
    {"opt.feedback.all_answers",
     "count every answer (default: the latest answer per customer)",
     "tel elk antwoord (standaard: het laatste antwoord per klant)"},
    {"opt.feedback.min_answers", "answers a score needs",
     "aantal antwoorden dat een score nodig heeft"},
    {"opt.feedback.slow_days",
     "buying slows: purchase days in the last N days at most half the rate "
     "of the 2N days before",
     "kopen vertraagt: aankoopdagen in de laatste N dagen hoogstens de helft "
     "van het ritme in de 2N dagen ervoor"},
    {"opt.feedback.no_themes", "leave the comments alone",
     "laat de opmerkingen buiten beschouwing"},
    {"opt.feedback.as_of_default", "the last answer or sale",
     "het laatste antwoord of de laatste verkoop"},
    {"opt.analyze.currency.default",
     "the one the data name, else EUR, said to be assumed",
     "die de gegevens noemen, anders EUR, met de vermelding dat die "
     "aangenomen is"},
};

const char *kw_message(const char *key, kw_lang lang) {
  if (!key) return NULL;
  const msg_row *r = NULL;
  for (size_t i = 0; i < sizeof text_rows / sizeof *text_rows && !r; i++)
    if (strcmp(text_rows[i].key, key) == 0) r = &text_rows[i];
  for (size_t i = 0; i < KW_MSG__COUNT && !r; i++)
    if (rows[i].key && strcmp(rows[i].key, key) == 0) r = &rows[i];
  if (!r) return NULL;
  return lang == KW_LANG_NL && r->nl ? r->nl : r->en;
}

size_t kw_message_fill(char *buf, size_t cap, const char *key, kw_lang lang,
                       const char *const *names, const char *const *values,
                       size_t n) {
  kw_marg args[32];
  if (n > 32) n = 32;
  for (size_t i = 0; i < n; i++) args[i] = kw_ma_str(names[i], values[i]);
  const char *t = kw_message(key, lang);
  return kw_msg_fill(buf, cap, t ? t : key, lang, NULL, args, n);
}

/* For the unit test of the table: the command-line rows. */
size_t kw_message_count(void);
const char *kw_message_key_at(size_t i);
size_t kw_message_count(void) { return sizeof text_rows / sizeof *text_rows; }
const char *kw_message_key_at(size_t i) {
  return i < kw_message_count() ? text_rows[i].key : NULL;
}

size_t kw_currency_text(char *buf, size_t cap, const kw_currency_info *ci,
                        kw_lang lang) {
  static const kw_msg by_from[] = {
      [KW_CURRENCY_ASSUMED] = MSG_CURRENCY_ASSUMED,
      [KW_CURRENCY_GIVEN] = MSG_CURRENCY_GIVEN,
      [KW_CURRENCY_SIGN] = MSG_CURRENCY_SIGN,
      [KW_CURRENCY_HEADER] = MSG_CURRENCY_HEADER,
      [KW_CURRENCY_COUNTRY] = MSG_CURRENCY_COUNTRY};
  kw_currency_from f = (unsigned)ci->from <= KW_CURRENCY_COUNTRY
                           ? ci->from : KW_CURRENCY_ASSUMED;
  kw_marg args[] = {kw_ma_str("currency", ci->code),
                    kw_ma_str("column", ci->column),
                    kw_ma_str("sign", ci->value),
                    kw_ma_str("country", ci->value),
                    kw_ma_pct("share", ci->share, 0)};
  return kw_msg_format(buf, cap, by_from[f], lang, ci->code, args, 5);
}
