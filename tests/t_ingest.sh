# t_ingest.sh: what roic ingest stores: one transaction, upserts with history,
# lineage, idempotent re-ingest, change points, CSV quoting, file order.

D=$WORK/ingest
mkdir -p "$D"
DB=$D/store.db

# A small export: tenant t1, system s1, two days; $1 is the tasks of day 2.
export_json() {
	cat <<JSON
{
  "format": "roic-kpi/1",
  "month": "2026-10",
  "tenant": { "id": "t1", "name": "Tenant \u00c9t\u00e9", "locale": "fr-CA" },
  "assumptions": { "hourly_rate": 50, "monthly_fee": 1000 },
  "sla": { "availability": 0.99, "resolution_minutes": { "P1": 60 } },
  "systems": [ { "id": "s1", "name": "S one",
                 "baseline": { "minutes_per_task": 5, "error_rate": 0.05 } } ],
  "daily": [
    { "date": "2026-10-01", "system": "s1", "tasks": 100, "errors": 1,
      "uptime_min": 1440, "downtime_min": 0, "accuracy": null },
    { "date": "2026-10-02", "system": "s1", "tasks": $1, "errors": 2,
      "uptime_min": 1430, "downtime_min": 10, "llm_cost": 1.5 }
  ],
  "incidents": [
    { "id": "INC-1", "system": "s1", "severity": "P1",
      "opened": "2026-10-01T10:00:00Z", "resolved": null }
  ]
}
JSON
}

# --- the bundled fixtures -------------------------------------------------
expect_rc "the demo fixtures ingest" 0 "$ROIC" ingest --db "$DB" "$TOP/fixtures/exports"
expect_eq "three tenants stored" "$(q "$DB" 'SELECT group_concat(id) FROM (SELECT id FROM tenants ORDER BY id)')" \
    "harborview-logistics,mutuelle-laurentienne,northwind-health"
expect_eq "every daily row stored" "$(q "$DB" 'SELECT count(*) FROM daily')" 3809
expect_eq "every incident stored" "$(q "$DB" 'SELECT count(*) FROM incidents')" 57
expect_eq "13 months per tenant" "$(q "$DB" "SELECT group_concat(n) FROM (SELECT count(DISTINCT date / 100) n FROM daily JOIN systems USING (sid) GROUP BY tid)")" "13,13,13"
expect_eq "the backfilled correction replaced one row, kept in history" \
    "$(q "$DB" "SELECT kind, key, json_extract(old, '\$.tasks') FROM history")" \
    'daily|[20260430,"scheduling-assistant"]|165'
expect_eq "the correction's value is the one in force" \
    "$(q "$DB" "SELECT tasks FROM daily JOIN systems USING (sid) WHERE systems.id = 'scheduling-assistant' AND date = 20260430")" 206
expect_eq "the open incident is stored as open" \
    "$(q "$DB" "SELECT resolved IS NULL FROM incidents WHERE id = 'INC-5122'")" 1
expect_eq "a CSV field with a comma, quotes and a line break is stored as written" \
    "$(q "$DB" "SELECT instr(summary, ',') > 0 AND instr(summary, '\"GED\"') > 0 AND instr(summary, char(10)) > 0 FROM incidents WHERE id = 'INC-5114'")" 1
expect_eq "French text is stored in UTF-8" \
    "$(q "$DB" "SELECT name FROM tenants WHERE id = 'mutuelle-laurentienne'")" \
    "Mutuelle Laurentienne d'assurance générale"
expect_eq "the assumptions change point of 2026-04" \
    "$(q "$DB" "SELECT month, hourly_rate FROM assumptions JOIN tenants USING (tid) WHERE tenants.id = 'northwind-health' AND month >= '2026-03' AND month <= '2026-04' ORDER BY month")" \
    "2026-03|48.0
2026-04|54.0"
expect_eq "the logo is stored as PNG bytes" \
    "$(q "$DB" "SELECT hex(substr(logo, 1, 4)) FROM tenants WHERE id = 'northwind-health'")" "89504E47"
expect_eq "the ingest time comes from SOURCE_DATE_EPOCH" \
    "$(q "$DB" 'SELECT at FROM ingests')" "2026-10-26T07:33:20Z"
f=$TOP/fixtures/exports/northwind-health/northwind-health-2026-10.json
expect_eq "lineage: path, SHA-256 and size of each file" \
    "$(q "$DB" "SELECT sha256 || ' ' || bytes FROM files WHERE path LIKE '%northwind-health-2026-10.json'")" \
    "$(sha256sum "$f" | cut -d' ' -f1) $(wc -c <"$f" | tr -d ' ')"
expect_eq "lineage: row counts of each file" \
    "$(q "$DB" "SELECT daily > 0 AND integrations > 0 AND drift > 0 FROM files WHERE path LIKE '%northwind-health-2026-10.json'")" 1
expect_eq "each file is recorded once" "$(q "$DB" 'SELECT count(*) FROM files')" \
    "$(find "$TOP/fixtures/exports" -name '*.json' -o -name '*.csv' | wc -l | tr -d ' ')"

before=$(sqlite3 "$DB" .dump | sha256sum)
expect_rc "a byte-identical re-ingest succeeds" 0 "$ROIC" ingest --db "$DB" "$TOP/fixtures/exports"
expect_grep "a byte-identical re-ingest says so" "unchanged since it was ingested" "$WORK/out"
expect_grep "a byte-identical re-ingest stores nothing" "^nothing to store" "$WORK/out"
expect_eq "a byte-identical re-ingest changes nothing" "$(sqlite3 "$DB" .dump | sha256sum)" "$before"
april=$TOP/fixtures/exports/northwind-health/northwind-health-2026-04.json
expect_rc "--force applies a file again" 0 "$ROIC" ingest --force --db "$DB" "$april"
expect_eq "--force records a new ingest" "$(q "$DB" 'SELECT count(*), max(forced) FROM ingests')" "2|1"
expect_eq "--force restores the value a later file replaced" \
    "$(q "$DB" "SELECT tasks FROM daily JOIN systems USING (sid) WHERE systems.id = 'scheduling-assistant' AND date = 20260430")" 165
expect_eq "--force adds history only for values it changed" "$(q "$DB" 'SELECT count(*) FROM history')" 2

# --- one transaction ------------------------------------------------------
DB2=$D/mixed.db
export_json 120 >"$D/good.json"
sed 's/"tasks": 100/"tasks": -100/' "$D/good.json" >"$D/bad.json"
expect_rc "good and bad files together fail" 2 "$ROIC" ingest --db "$DB2" "$D/good.json" "$D/bad.json"
expect_grep "the error names file, line and column" "bad.json:10:54: error: 'tasks' must not be negative, not -100" "$WORK/err"
expect_grep "and says nothing was stored" "nothing was stored" "$WORK/err"
expect_eq "nothing of the good file was stored" \
    "$(q "$DB2" 'SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM daily) + (SELECT count(*) FROM files) + (SELECT count(*) FROM ingests)')" 0
before=$(sqlite3 "$DB" .dump | sha256sum)
expect_rc "a bad file into a full store fails" 2 "$ROIC" ingest --db "$DB" "$D/good.json" "$D/bad.json"
expect_eq "the full store is unchanged" "$(sqlite3 "$DB" .dump | sha256sum)" "$before"
printf 'tenant,date,system,tasks,errors,uptime_min,downtime_min\nt1,2026-10-03,s1,5,9,1440,0\n' >"$D/bad.csv"
expect_rc "a bad CSV after a good JSON file fails" 2 "$ROIC" ingest --db "$DB2" "$D/good.json" "$D/bad.csv"
expect_grep "the CSV error points at the field" "bad.csv:2:20: error: 'errors' (9) is more than 'tasks' (5)" "$WORK/err"
expect_eq "and the good JSON file was not stored" "$(q "$DB2" 'SELECT count(*) FROM daily')" 0

# --- upserts keep what they replace ----------------------------------------
DB3=$D/upsert.db
export_json 120 >"$D/v1.json"
export_json 150 >"$D/v2.json"
expect_rc "a first export" 0 "$ROIC" ingest --db "$DB3" "$D/v1.json"
expect_eq "an absent optional value is NULL, a null one too" \
    "$(q "$DB3" "SELECT llm_cost IS NULL, accuracy IS NULL FROM daily WHERE date = 20261001")" "1|1"
expect_rc "a second export with a changed row" 0 "$ROIC" ingest --db "$DB3" "$D/v2.json"
expect_grep "the replacement is counted" "(1 earlier value replaced)" "$WORK/out"
expect_eq "the new value is in force" "$(q "$DB3" "SELECT tasks FROM daily WHERE date = 20261002")" 150
expect_eq "the old value is in the history, with both files" \
    "$(q "$DB3" "SELECT h.kind, h.key, json_extract(h.old, '\$.tasks'), o.path = '$D/v1.json', n.path = '$D/v2.json' FROM history h JOIN files o ON o.id = h.old_file_id JOIN files n ON n.id = h.file_id")" \
    "daily|[20261002,\"s1\"]|120|1|1"
expect_eq "rows that did not change keep their file" \
    "$(q "$DB3" "SELECT f.path = '$D/v1.json' FROM daily d JOIN files f ON f.id = d.file_id WHERE date = 20261001")" 1
expect_eq "every ingest that touches a tenant bumps its data version" \
    "$(q "$DB3" "SELECT data_version FROM tenants WHERE id = 't1'")" 2
expect_eq "the same first month replaces the change point" \
    "$(q "$DB3" "SELECT count(*), max(file_id) FROM assumptions")" "1|2"

# --- order: JSON before CSV; a system declared by a later JSON file --------
DB4=$D/order.db
printf 'tenant,date,system,tasks,errors,uptime_min,downtime_min,llm_cost\nt1,2026-10-05,s1,7,0,1440,0,"1,5"\n' >"$D/a.csv"
expect_rc "a CSV given before the JSON file it needs" 2 "$ROIC" ingest --db "$DB4" "$D/a.csv" "$D/v1.json"
expect_grep "is read after it (here: a quoted comma is no number)" "a.csv:2:29: error: 'llm_cost' must be a number, not '1,5'" "$WORK/err"
printf '\357\273\277tenant,date,system,tasks,errors,uptime_min,downtime_min,llm_cost\r\nt1,2026-10-05,s1,7,0,1440,0,"1.5"\r\n' >"$D/a.csv"
expect_rc "a CSV with a BOM and CRLF, given before its JSON file" 0 "$ROIC" ingest --db "$DB4" "$D/a.csv" "$D/v1.json"
expect_eq "its row is stored" "$(q "$DB4" "SELECT tasks, llm_cost FROM daily WHERE date = 20261005")" "7|1.5"
cat >"$D/uses.json" <<JSON
{ "format": "roic-kpi/1", "tenant": { "id": "t2" },
  "daily": [ { "date": "2026-09-30", "system": "late", "tasks": 1, "errors": 0,
               "uptime_min": 1440, "downtime_min": 0 } ] }
JSON
cat >"$D/zz-declares.json" <<JSON
{ "format": "roic-kpi/1", "month": "2026-10", "tenant": { "id": "t2" },
  "systems": [ { "id": "late" } ] }
JSON
expect_rc "a system declared by a later JSON file of the command" 0 "$ROIC" ingest --db "$DB4" "$D/uses.json" "$D/zz-declares.json"
expect_eq "a file without month applies from its earliest record's month" \
    "$(q "$DB4" "SELECT group_concat(month) FROM (SELECT DISTINCT month FROM system_changes JOIN tenants USING (tid) WHERE tenants.id = 't2')")" "2026-10"
expect_eq "a new tenant gets the default locale and currency" \
    "$(q "$DB4" "SELECT name, locale, currency FROM tenants WHERE id = 't2'")" "t2|en-CA|CAD"
cat >"$D/undeclared.json" <<JSON
{ "format": "roic-kpi/1", "tenant": { "id": "t2" },
  "daily": [ { "date": "2026-09-29", "system": "nowhere", "tasks": 1, "errors": 0,
               "uptime_min": 1440, "downtime_min": 0 } ] }
JSON
expect_rc "a system declared nowhere" 2 "$ROIC" ingest --db "$DB4" "$D/undeclared.json"
expect_grep "is reported at its value" "undeclared.json:2:48: error: system 'nowhere' is not declared" "$WORK/err"
expect_eq "and leaves no trace" "$(q "$DB4" "SELECT count(*) FROM systems WHERE id = 'nowhere'")" 0

# --- check stores nothing -------------------------------------------------
expect_rc "roic check on valid exports" 0 "$ROIC" check --db "$D/never.db" "$D/v1.json"
expect_grep "roic check says the file is valid" "v1.json: ok, 2 daily rows, 1 incident" "$WORK/out"
if [ -e "$D/never.db" ]; then fail "roic check created a store"; else ok "roic check creates no store"; fi
before=$(sqlite3 "$DB3" .dump | sha256sum)
expect_rc "roic check against a store" 0 "$ROIC" check --db "$DB3" "$D/v1.json" "$D/a.csv"
expect_eq "roic check leaves the store as it was" "$(sqlite3 "$DB3" .dump | sha256sum)" "$before"
expect_rc "roic check finds a CSV's tenant in the store" 0 "$ROIC" check --db "$DB3" "$D/a.csv"
expect_rc "roic check without the store does not know the tenant" 2 "$ROIC" check --db "$D/never.db" "$D/a.csv"
expect_grep "and says so" "tenant 't1' is not known" "$WORK/err"

# --- an export folder with no export in it (SPEC 5.5) ---------------------
DB5=$D/empty.db
mkdir -p "$D/no-exports/sub"
echo "not an export" >"$D/no-exports/sub/README.txt"
expect_rc "an export folder with no export in it is an error" 2 "$ROIC" ingest --db "$DB5" "$D/no-exports"
expect_grep "that names the folder" "^roic: error: no export (\*\.json or \*\.csv) in folder '$D/no-exports' or below" "$WORK/err"
expect_rc "also beside a good file" 2 "$ROIC" ingest --db "$DB5" "$D/v1.json" "$D/no-exports"
expect_eq "and then nothing is stored" "$(q "$DB5" 'SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM ingests)')" 0
expect_rc "roic check refuses it too" 2 "$ROIC" check --db "$DB5" "$D/no-exports/"
expect_grep "naming the folder as given" "no export (\*\.json or \*\.csv) in folder '$D/no-exports/' or below" "$WORK/err"

# --- the tenant block of the latest ingested file applies (SPEC 3.4, 4.4) --
DB6=$D/tenant.db
T=$D/tenant
mkdir -p "$T/logos"
cp "$TOP/fixtures/exports/northwind-health/logo.png" "$T/logos/a.png"
# A tenant block: $1 its name, $2 its brand (JSON), $3 the rest of the file.
tenant_json() {
	printf '{ "format": "roic-kpi/1", "tenant": { "id": "tb", %s "locale": "fr-CA", "currency": "EUR", "brand": %s }%s }\n' \
	    "$1" "$2" "$3"
}
tenant_json '"name": "Old name",' '{ "color": "#112233", "logo": "logos/a.png" }' ', "month": "2026-10",
  "assumptions": { "hourly_rate": 50, "cost_per_error": 20, "monthly_fee": 1000 },
  "sla": { "availability": 0.99, "p95_latency_ms": 900 },
  "systems": [ { "id": "s1", "baseline": { "minutes_per_task": 5, "error_rate": 0.05 } } ],
  "daily": [ { "date": "2026-10-31", "system": "s1", "tasks": 100, "errors": 1,
               "uptime_min": 1440, "downtime_min": 0 } ]' >"$T/2026-10.json"
tenant_json '"name": "New name",' '{ "color": "#445566", "logo": "logos/a.png" }' '' >"$T/rebrand.json"
expect_rc "a tenant's first export" 0 "$ROIC" ingest --db "$DB6" "$T/2026-10.json"
v1=$(q "$DB6" "SELECT data_version FROM tenants WHERE id = 'tb'")
expect_rc "a later file with only a tenant block (no dated rows)" 0 "$ROIC" ingest --db "$DB6" "$T/rebrand.json"
expect_eq "its brand colour and name apply" "$(q "$DB6" "SELECT brand_color, name, locale, currency FROM tenants WHERE id = 'tb'")" "#445566|New name|fr-CA|EUR"
expect_eq "and the tenant's data version changes" "$(q "$DB6" "SELECT data_version > $v1 FROM tenants WHERE id = 'tb'")" 1
"$ROIC" kpis --db "$DB6" --tenant tb --month 2026-10 >"$D/kpis.json" 2>&1
expect_grep "roic kpis shows the new brand colour" '"color": "#445566"' "$D/kpis.json"
expect_rc "a rebuild after it" 0 "$ROIC" build --db "$DB6" --out "$T/out" --month 2026-10
expect_grep "uses the new colour in the page" 'style="--brand: #445566"' "$T/out/tb/2026-10/index.html"
expect_grep "and in data.json" '"color": "#445566"' "$T/out/tb/2026-10/data.json"
tenant_json '' '{ "color": "#778899" }' '' >"$T/no-name.json"
expect_rc "a tenant block without name and logo" 0 "$ROIC" ingest --db "$DB6" "$T/no-name.json"
expect_eq "applies as a whole: the name is the id, no logo" \
    "$(q "$DB6" "SELECT name, brand_color, logo IS NULL FROM tenants WHERE id = 'tb'")" "tb|#778899|1"
expect_grep "and says what the tenant loses" "no-name.json: warning: tenant 'tb' loses its 'name' and 'brand.logo': this file's tenant block has no such key, and the latest tenant block applies as a whole" "$WORK/err"
expect_rc "within one command the files apply in their order" 0 "$ROIC" ingest --db "$DB6" "$T/rebrand.json" "$T/no-name.json"
expect_eq "so the last one's block is in force" "$(q "$DB6" "SELECT brand_color FROM tenants WHERE id = 'tb'")" "#778899"
expect_rc "and in the other order" 0 "$ROIC" ingest --force --db "$DB6" "$T/no-name.json" "$T/rebrand.json"
expect_eq "the other one's" "$(q "$DB6" "SELECT brand_color, name FROM tenants WHERE id = 'tb'")" "#445566|New name"

# --- months left without assumptions or SLA (SPEC 5.5) --------------------
DB7=$D/gaps.db
G=$D/gaps
mkdir -p "$G"
# A daily row of system s1 on date $1 that reports every optional value.
row() {
	printf '{ "date": "%s", "system": "s1", "tasks": 100, "errors": 1, "uptime_min": 1430, "downtime_min": 10, "p95_latency_ms": 800, "accuracy": 0.97, "hallucination_rate": 0.01, "llm_cost": 3, "llm_calls": 120, "cache_hits": 30 }' "$1"
}
incident() {
	printf '{ "id": "%s", "system": "s1", "severity": "P1", "opened": "%sT10:00:00Z", "resolved": "%sT10:30:00Z" }' "$1" "$2" "$2"
}
cat >"$G/acme.json" <<JSON
{ "format": "roic-kpi/1", "month": "2026-10", "tenant": { "id": "acme" },
  "assumptions": { "hourly_rate": 50, "cost_per_error": 20, "monthly_fee": 1000 },
  "sla": { "availability": 0.99, "p95_latency_ms": 900, "accuracy": 0.9,
           "resolution_minutes": { "P1": 60 } },
  "systems": [ { "id": "s1", "baseline": { "minutes_per_task": 5, "error_rate": 0.05 } } ],
  "daily": [ $(row 2026-08-31), $(row 2026-09-30), $(row 2026-10-31) ],
  "incidents": [ $(incident I8 2026-08-03), $(incident I9 2026-09-03), $(incident I10 2026-10-03) ] }
JSON
expect_rc "roic check of a multi-month first export succeeds" 0 "$ROIC" check --db "$DB7" "$G/acme.json"
cp "$WORK/err" "$D/check.err"
expect_rc "and so does its ingest" 0 "$ROIC" ingest --db "$DB7" "$G/acme.json"
expect_eq "it warns about the months without assumptions, naming the figures" "$(grep assumptions "$WORK/err")" \
    "$G/acme.json: warning: 2026-08, 2026-09 have daily rows but no assumptions in force (this file's assumptions apply from 2026-10): labor_cost_avoided, error_cost_avoided, cost_avoided, ai_cost, net_benefit and roi will be null"
expect_eq "and without SLA, naming the figures and the checks" "$(grep SLA "$WORK/err")" \
    "$G/acme.json: warning: 2026-08, 2026-09 have daily rows but no SLA in force (this file's SLA applies from 2026-10): error_budget_min, error_budget_used, latency_adherence, incidents_in_sla and sla_adherence will be null; availability, latency, incident and accuracy checks are not counted"
expect_eq "roic check prints the same warnings" "$(cat "$D/check.err")" "$(cat "$WORK/err")"
# The figures it names are exactly those that roic kpis leaves null.
nulls() {
	"$ROIC" kpis --db "$DB7" --tenant acme --month "$1" | python3 -c '
import json, sys
f = json.load(sys.stdin)["figures"]
print(", ".join(k for k in f if f[k]["value"] is None))'
}
# One figure a line, sorted: those named by the warnings, those null.
named=$(sed -n 's/.*: \(.*\) will be null.*/\1/p' "$WORK/err" | sed 's/ and /, /' |
    tr ',' '\n' | sed 's/^ *//' | sort)
expect_eq "the named figures are null in 2026-09, and no other" \
    "$(nulls 2026-09 | tr ',' '\n' | sed 's/^ *//' | sort)" "$named"
expect_eq "where assumptions and SLA are in force, none is null" "$(nulls 2026-10)" ""
cat >"$G/acme-2026-11.json" <<JSON
{ "format": "roic-kpi/1", "month": "2026-11", "tenant": { "id": "acme" },
  "assumptions": { "hourly_rate": 50, "monthly_fee": 1000 },
  "daily": [ $(row 2026-11-30) ], "incidents": [ $(incident I11 2026-11-03) ] }
JSON
expect_rc "the next month's export" 0 "$ROIC" ingest --db "$DB7" "$G/acme-2026-11.json"
expect_eq "warns about its own month only, and the key its assumptions lack" "$(cat "$WORK/err")" \
    "$G/acme-2026-11.json: warning: 2026-11 has daily rows but the assumptions in force from 2026-11 have no 'cost_per_error': error_cost_avoided, cost_avoided, net_benefit and roi will be null"
expect_eq "which roic kpis leaves null" "$(nulls 2026-11)" "error_cost_avoided, cost_avoided, net_benefit, roi"
printf 'tenant,date,system,tasks,errors,uptime_min,downtime_min\nacme,2026-07-15,s1,5,0,1440,0\n' >"$G/july.csv"
expect_rc "a CSV of an earlier month" 0 "$ROIC" ingest --db "$DB7" "$G/july.csv"
expect_grep "is named in the warning" "july.csv: warning: 2026-07 has daily rows but no assumptions in force (the tenant's earliest assumptions apply from 2026-10)" "$WORK/err"
cat >"$G/bare.json" <<JSON
{ "format": "roic-kpi/1", "tenant": { "id": "bare" }, "systems": [ { "id": "s1" } ],
  "daily": [ $(row 2026-10-01) ] }
JSON
expect_rc "a tenant without assumptions or SLA" 0 "$ROIC" check --db "$DB7" "$G/bare.json"
expect_grep "is told it has none" "bare.json: warning: 2026-10 has daily rows but no assumptions in force (tenant 'bare' has none)" "$WORK/err"
cat >"$G/aug.json" <<JSON
{ "format": "roic-kpi/1", "month": "2026-08", "tenant": { "id": "acme" },
  "assumptions": { "hourly_rate": 50, "cost_per_error": 20, "monthly_fee": 1000 },
  "sla": { "availability": 0.99, "p95_latency_ms": 900, "accuracy": 0.9,
           "resolution_minutes": { "P1": 60 } } }
JSON
expect_rc "a change point given in the same command" 0 "$ROIC" check --db "$D/never.db" "$G/acme.json" "$G/aug.json"
expect_eq "leaves nothing to warn about" "$(cat "$WORK/err")" ""

# --- ';'-separated CSV with decimal commas (SPEC 3.4) ---------------------
DB8=$D/semicolon.db
S=$D/semicolon
mkdir -p "$S"
printf '\357\273\277tenant;date;system;tasks;errors;uptime_min;downtime_min;llm_cost;accuracy;p95_latency_ms\r\nt1;2026-10-06;s1;7;0;1440;0;12,40;0,962;830\r\nt1;2026-10-07;s1;8;1;1430;10;"1,5";0.9;\r\n' >"$S/daily.csv"
printf 'tenant;id;system;severity;opened;resolved;summary\nt1;INC-9;s1;P1;2026-10-06T10:00:00Z;;"Délai; le ""CRM"" répond\nlentement, puis plus"\nt1;INC-10;s1;P1;2026-10-07T10:00:00Z;2026-10-07T10:30:00Z;Réglé, sans guillemets\n' >"$S/incidents.csv"
expect_rc "a ';'-separated daily file with decimal commas" 0 "$ROIC" ingest --db "$DB8" "$D/v1.json" "$S/daily.csv" "$S/incidents.csv"
expect_eq "its numbers are read with the comma as decimal separator" \
    "$(q "$DB8" "SELECT date, tasks, llm_cost, accuracy, p95_latency_ms FROM daily WHERE date >= 20261006 ORDER BY date")" \
    "20261006|7|12.4|0.962|830.0
20261007|8|1.5|0.9|"
expect_eq "a ';'-separated incident file keeps quoted ';', quotes and line breaks, and unquoted commas" \
    "$(q "$DB8" "SELECT id || '=' || summary FROM incidents WHERE id IN ('INC-9', 'INC-10') ORDER BY id")" \
    'INC-10=Réglé, sans guillemets
INC-9=Délai; le "CRM" répond
lentement, puis plus'
printf 'tenant,date,system,tasks,errors,uptime_min,downtime_min,llm_cost\nt1,2026-10-08,s1,7,0,1440,0,"12,40"\n' >"$S/comma.csv"
expect_rc "a decimal comma in a ','-separated file" 2 "$ROIC" check --db "$DB8" "$S/comma.csv"
expect_grep "is still an error" "comma.csv:2:29: error: 'llm_cost' must be a number, not '12,40'" "$WORK/err"
cat >"$G/fee.json" <<JSON
{ "format": "roic-kpi/1", "month": "2026-10", "tenant": { "id": "acme" },
  "assumptions": { "hourly_rate": 55, "cost_per_error": 20 } }
JSON
expect_rc "a change point alone, without the fee, for months already stored" 0 "$ROIC" ingest --db "$DB7" "$G/fee.json"
expect_eq "warns about the months it now governs" "$(cat "$WORK/err")" \
    "$G/fee.json: warning: 2026-10 has daily rows but the assumptions in force from 2026-10 have no 'monthly_fee': ai_cost, net_benefit and roi will be null"
expect_eq "which roic kpis leaves null" "$(nulls 2026-10)" "ai_cost, net_benefit, roi"

# --- logos: any valid PNG that the PDF library reads is accepted ----------
P=$D/png
mkdir -p "$P"
python3 - "$P" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
for ct, depths in ((0, (1, 2, 4, 8, 16)), (2, (8, 16)), (3, (1, 2, 4, 8)), (4, (8, 16)), (6, (8, 16))):
    for depth in depths:
        for w, h in ((1, 1), (3, 7), (33, 17)):
            rb = (w * depth * {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct] + 7) // 8
            raw = b''.join(b'\0' + bytes((y + i) % 2 for i in range(rb)) for y in range(h))
            z = zlib.compress(raw)
            png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ct, 0, 0, 0)) +
                (chunk(b'PLTE', bytes([255, 0, 0, 0, 0, 255])) if ct == 3 else b'') +
                chunk(b'tEXt', b'Comment\0two IDAT chunks') +
                chunk(b'IDAT', z[:len(z) // 2]) + chunk(b'IDAT', z[len(z) // 2:]) + chunk(b'IEND', b''))
            open('%s/c%d-d%d-%dx%d.png' % (sys.argv[1], ct, depth, w, h), 'wb').write(png)
PY
refused=
for p in "$P"/*.png; do
	printf '{ "format": "roic-kpi/1", "tenant": { "id": "logo", "brand": { "logo": "%s" } } }\n' \
	    "$(basename "$p")" >"$P/logo.json"
	"$ROIC" check --db "$D/never.db" "$P/logo.json" >/dev/null 2>&1 || refused="$refused $(basename "$p")"
done
expect_eq "every colour type, bit depth and size of PNG is accepted as a logo" "$refused" ""
