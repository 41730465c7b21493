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
                              "months (no cost data for a margin)",
                              "verwachte omzet per klant, komende {months} "
                              "maanden (geen kostgegevens voor een marge)"},
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
                        "{churned} customers ({share}) have left; {at_risk} "
                        "more are at risk.",
                        "{churned} klanten ({share}) zijn vertrokken; nog "
                        "{at_risk} zijn in gevaar."},
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
    [MSG_CURRENCY_FROM] = {"currency.from", "{currency}, from {source}",
                           "{currency}, uit {source}"},
    [MSG_FIG_GUEST_SALES] = {"fig.guest_sales",
                             "Guest sales (no customer id)",
                             "Verkoop aan gasten (geen klantnummer)"},
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
                           "the last purchase for customers who left).",
                           "Op het spel staat voor elke actie dezelfde "
                           "maat: de {measure} van de klant per jaar "
                           "activiteit (tot de laatste aankoop voor "
                           "vertrokken klanten)."},
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
                              "verkoop aan gasten (geen klantnummer): "
                              "{amount} op {lines} regels, {share} van de "
                              "verkoop; niet in de cijfers per klant"},
};

const char *kw_msg_key(kw_msg m) {
  return (unsigned)m < KW_MSG__COUNT && rows[m].key ? rows[m].key : "";
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
    {"cli.err.decimal_mark", "--decimal-mark takes ',' or '.'",
     "--decimal-mark verwacht ',' of '.'"},
    {"cli.err.delimiter", "--delimiter takes , ; | tab or space",
     "--delimiter verwacht , ; | tab of space"},

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
    {"growth.disc.none", "No discount column: discount dependence unknown.",
     "Geen kortingskolom: afhankelijkheid van kortingen onbekend."},
    {"growth.purchase", "purchase", "aankoop"},
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
    {"growth.months", "month", "maand"},
    {"growth.weeks", "week", "week"},
    {"growth.quarters", "quarter", "kwartaal"},
    {"growth.trends.head",
     "Revenue per {unit} from {first} to {last}: {revenue} in all "
     "({lines} lines).",
     "Omzet per {unit} van {first} tot {last}: {revenue} in totaal "
     "({lines} lijnen)."},
    {"growth.trends.partial",
     "{period} is not complete yet: compare it with care.",
     "{period} is nog niet volledig: vergelijk met zorg."},
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
