# t_truth.sh: what the report says is true and clear (SPEC 5.5, issue 15):
# figures on page and PDF equal data.json, rates change in points, the
# portal's restated and partial marks are each month's own, partial months
# are built only when asked for and say so, names where people read, the
# summary and the service team's notes, the MSP and the report named.

T=$WORK/truth
mkdir -p "$T"
cp -r "$TOP/fixtures/exports" "$T/exports"
"$ROIC" ingest -q --db "$T/store.db" "$T/exports" >/dev/null 2>&1
expect_rc "truth: a build of every month" 0 "$ROIC" build -q --db "$T/store.db" \
    --out "$T/out" --all-months --no-sign --msp-name "Acme Managed AI"
# Restate one month in the middle: May's tasks of Northwind change.
f=$(ls "$T/exports/northwind-health/"*2026-05*.json | head -1)
sed -i '0,/"tasks": \([0-9]*\)/s//"tasks": 9\1/' "$f"
"$ROIC" ingest -q --db "$T/store.db" "$f" >/dev/null 2>&1
expect_rc "truth: a rebuild after May changed" 0 "$ROIC" build --db "$T/store.db" \
    --out "$T/out" --all-months --no-sign --msp-name "Acme Managed AI"
expect_grep "truth: May is named restated" "^restated northwind-health 2026-05$" "$WORK/out"
n=$(ls "$T"/out/northwind-health/*/report.v1.pdf 2>/dev/null | wc -l)
expect_eq "truth: one month has a report.v1.pdf" "$n" "1"
if python3 "$TOP/tests/reads_true.py" "$T/out" "$TOP/templates" "Acme Managed AI" \
    northwind-health mutuelle-laurentienne harborview-logistics >"$T/report" 2>&1; then
	ok "truth: every figure on 39 pages and PDFs reads as data.json says, marks and notices where they belong"
else
	fail "truth: the pages and PDFs read as data.json says" "$(head -20 "$T/report")"
fi
expect_eq "truth: the portal marks one month restated" \
    "$(grep -c 'Restated report' "$T/out/northwind-health/index.html")" "1"

# Rates change in points, in both languages.
python3 - "$T/out" >"$T/pts" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1] + "/northwind-health/2026-10/data.json"))
f = json.load(open(sys.argv[1] + "/mutuelle-laurentienne/2026-10/data.json"))
print((d["figures"]["roi"]["delta_display"]
      + " | " + d["figures"]["hours_saved"]["delta_display"] + " | " + f["figures"]["roi"]["delta_display"]
      + " | " + f["figures"]["sla_adherence"]["delta_display"]).replace("\u00a0", " "))
PY
expect_eq "truth: changes of rates in points, others in their unit" "$(cat "$T/pts")" \
    "+24.4 pts | +38.6 h | +29,6 points | −0,5 point"
if grep -q -E '(Change|Variation).{0,12}[+−][0-9 ,.]+ ?%' "$T/out/northwind-health/2026-10/index.html" \
    "$T/out/mutuelle-laurentienne/2026-10/index.html"; then
	fail "truth: a change printed in %"
else
	ok "truth: no change printed in %"
fi

# Names where people read; check kinds as prose; missed checks by date.
P=$T/out/northwind-health/2026-10/index.html
sed -n '/<table class="data data-drift">/,/<\/table>/p; /<table class="data data-breached">/,/<\/table>/p; /<table class="data data-integrations">/,/<\/table>/p; /<table class="data data-incidents">/,/<\/table>/p' "$P" >"$T/tables"
if grep -q -E '<t[dh][^>]*>(notes-summariser|intake-triage|billing-coder)</t[dh]>' "$T/tables"; then
	fail "truth: a table shows a system id" "$(grep -E 'notes-summariser|intake-triage' "$T/tables" | head -3)"
else
	ok "truth: the tables show no system id"
fi
expect_grep "truth: the drift table names the system" "Clinical notes summariser" "$T/tables"
expect_grep "truth: a missed check's kind reads as prose" '<td>Latency</td>' "$T/tables"
if sed -n '/<table class="data data-breached">/,/<\/table>/p' "$P" | grep -q '<th scope="col">ID</th>'; then fail "truth: the missed checks' empty column is there"; else ok "truth: the missed checks have no empty column"; fi
python3 - "$T/out" >"$T/order" 2>&1 <<'PY'
import json, os, sys
for t in os.listdir(sys.argv[1]):
    for m in os.listdir(os.path.join(sys.argv[1], t)):
        p = os.path.join(sys.argv[1], t, m, "data.json")
        if os.path.exists(p):
            b = [x["date"] for x in json.load(open(p))["sla"]["breached"]]
            if b != sorted(b):
                print(t, m, b)
PY
expect_eq "truth: missed checks are sorted by date" "$(cat "$T/order")" ""
pdftotext "$T/out/northwind-health/2026-10/report.pdf" - >"$T/nw.txt" 2>/dev/null
if grep -q "of notes-summariser" "$T/nw.txt"; then fail "truth: the PDF's alert names a system by id"; else ok "truth: the PDF's alert names the system"; fi

# French: separators from the locale; en-US dates.
expect_grep "truth: French portal's colon" "Dernier rapport$(printf '\302\240'): " "$T/out/mutuelle-laurentienne/index.html"
expect_grep "truth: en-US dates as Oct 3, 2026" '<td>[A-Z][a-z][a-z] [0-9]*, 2026, [0-9:]* UTC</td>' "$T/out/harborview-logistics/2026-10/index.html"

# Identity.
expect_grep "truth: the page offers the PDF under the tenant's name" \
    'download="northwind-health-2026-10.pdf"' "$P"
expect_grep "truth: the page's title names the tenant and period" \
    '<title>Monthly AI service report — Northwind Health Clinics — October 2026</title>' "$P"

# Partial months: another tenant's early row of November hides nothing.
cat >"$T/early.json" <<'JSON'
{ "format": "roic-kpi/1", "month": "2026-11",
  "tenant": { "id": "harborview-logistics", "name": "Harborview Logistics", "locale": "en-US", "currency": "USD" },
  "daily": [ { "date": "2026-11-01", "system": "route-planner", "tasks": 100, "errors": 2,
    "uptime_min": 1440, "downtime_min": 0 } ] }
JSON
sys=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["systems"][0]["id"])' "$T/out/harborview-logistics/2026-10/data.json")
sed -i "s/route-planner/$sys/" "$T/early.json"
tn=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tenant"]["name"])' "$T/out/harborview-logistics/2026-10/data.json")
sed -i "s/\"Harborview Logistics\"/\"$tn\"/" "$T/early.json"
expect_rc "truth: an early row of November" 0 "$ROIC" ingest -q --db "$T/store.db" "$T/early.json"
expect_rc "truth: the default build" 0 "$ROIC" build --db "$T/store.db" --out "$T/def" --no-sign
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	if [ -f "$T/def/$t/2026-10/data.json" ]; then ok "truth: $t's October is built"; else fail "truth: $t's October is built" "$(cat "$WORK/out" "$WORK/err")"; fi
done
if [ -e "$T/def/harborview-logistics/2026-11" ]; then fail "truth: the partial November was built unasked"; else ok "truth: the partial November is not built unasked"; fi
expect_grep "truth: and the build says so" "^partial month not built: harborview-logistics 2026-11" "$WORK/out"
"$ROIC" kpis --db "$T/store.db" --tenant harborview-logistics >"$T/kpis.json" 2>/dev/null
expect_eq "truth: kpis without --month shows the latest complete month too" \
    "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["month"])' "$T/kpis.json")" "2026-10"
expect_rc "truth: --month asks for the partial month" 0 "$ROIC" build -q --db "$T/store.db" \
    --out "$T/def" --no-sign --month 2026-11 --tenant harborview-logistics
N=$T/def/harborview-logistics/2026-11
python3 -c 'import json,sys; p = json.load(open(sys.argv[1]))["period"]; print(p["partial"], p["days_with_data"], p["days"])' \
    "$N/data.json" >"$T/period" 2>&1
expect_eq "truth: period.partial, days with data, days" "$(cat "$T/period")" "True 1 30"
expect_grep "truth: the page carries the banner" "Partial month: data to Nov 1, 2026 (1 of 30 days)." "$N/index.html"
pdftotext "$N/report.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/nov.txt"
expect_grep "truth: so does the PDF" "Partial month: data to Nov 1, 2026 (1 of 30 days)." "$T/nov.txt"
expect_grep "truth: the portal marks it partial" "<strong>Partial month</strong>" "$T/def/harborview-logistics/index.html"
if grep -q "Partial month" "$T/def/harborview-logistics/2026-10/index.html"; then fail "truth: October says partial"; else ok "truth: October does not say partial"; fi

# The summary and the service team's notes.
mkdir -p "$T/notes/northwind-health"
printf '# Our month\n\nWe retrained the **notes summariser**.\n\n<script>alert(1)</script>\n\n```chart nothing\n```\n' \
    >"$T/notes/northwind-health/2026-10.md"
expect_rc "truth: a build with --notes" 0 "$ROIC" build -q --db "$T/store.db" --out "$T/notes-out" \
    --no-sign --notes "$T/notes" --tenant northwind-health --msp-name "Acme Managed AI"
NP=$T/notes-out/northwind-health/2026-10
expect_grep "truth: the notes are on the page, under the MSP's name" "<h2>From Acme Managed AI</h2>" "$NP/index.html"
expect_grep "truth: as Markdown" "<strong>notes summariser</strong>" "$NP/index.html"
expect_grep "truth: their headings under the section" "<h3>Our month</h3>" "$NP/index.html"
if grep -q "<script>alert" "$NP/index.html"; then fail "truth: the notes' raw HTML became markup"; else ok "truth: the notes' raw HTML stays out"; fi
pdftotext "$NP/report.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/notes.txt"
expect_grep "truth: the notes are in the PDF" "We retrained the notes summariser" "$T/notes.txt"
expect_grep "truth: the summary comes first in the PDF" "Monthly AI service report Northwind Health Clinics · October 2026 *Summary In October 2026" "$T/notes.txt"
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["notes"][:12])' "$NP/data.json" >"$T/n" 2>&1
expect_eq "truth: data.json has the notes" "$(cat "$T/n")" "# Our month"
printf 'Another word.\n' >>"$T/notes/northwind-health/2026-10.md"
expect_rc "truth: a changed note" 0 "$ROIC" build --db "$T/store.db" --out "$T/notes-out" \
    --no-sign --notes "$T/notes" --tenant northwind-health --msp-name "Acme Managed AI"
expect_grep "truth: is a re-issue, not skipped" "^re-issued northwind-health 2026-10$" "$WORK/out"

# The operator's morning view: a row per tenant, critical alerts first,
# counts and figures as each latest report says.
expect_rc "truth: the operator's index" 0 "$ROIC" build -q --db "$T/store.db" --out "$T/def" \
    --no-sign --operator-index
python3 - "$T/def" >"$T/op" 2>&1 <<'PY'
import html, json, os, re, sys
site = sys.argv[1]
page = open(site + "/_operator/index.html", encoding="utf-8").read()
rows = re.findall(r'<tr[^>]*><th scope="row"><a href="\.\./([a-z0-9-]+)/index.html">.*?</tr>', page, re.S)
bad = []
crit = []
for t, row in zip(rows, re.findall(r'<tr[^>]*><th scope="row">.*?</tr>', page, re.S)):
    months = sorted(m for m in os.listdir(os.path.join(site, t))
                    if re.fullmatch(r"\d{4}-\d{2}", m))
    v = json.load(open(os.path.join(site, t, months[-1], "data.json")))
    c = sum(a["severity"] == "critical" for a in v["alerts"])
    w = len(v["alerts"]) - c
    crit.append(c)
    cells = [html.unescape(re.sub(r"<[^>]*>", " ", x)).split() for x in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    if [x[0] for x in cells[6:8]] != [str(c), str(w)]:
        bad.append("%s: alert counts %s, data.json %d and %d" % (t, cells[6:8], c, w))
    if " ".join(cells[1]) != v["figures"]["hours_saved"]["display"].replace("\u00a0", " ") + " " + \
            v["figures"]["hours_saved"]["delta_display"].replace("\u00a0", " "):
        bad.append("%s: time saved %s" % (t, cells[1]))
    if (months[-1] == "2026-11") != ("Partial month" in row):
        bad.append("%s: partial flag" % t)
    if ('download="%s-%s.pdf"' % (t, months[-1])) not in row:
        bad.append("%s: no PDF download" % t)
if sorted(rows) != sorted(os.listdir(site)) [:0] + sorted(d for d in os.listdir(site) if not d.startswith((".", "_"))):
    bad.append("rows %s" % rows)
if crit != sorted(crit, reverse=True):
    bad.append("not critical first: %s" % crit)
print("\n".join(bad))
PY
expect_eq "truth: the operator's index, critical first, as the reports say" "$(cat "$T/op")" ""
