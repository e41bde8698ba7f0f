# t_schema.sh: the schema of the view model (src/schema.c) against what the
# view produces; templates and chart specs checked against it at build
# start (SPEC 5.5, 6, 7); the reference page made from it.

S=$WORK/schema
SP=$TOPBIN/schema_props
mkdir -p "$S"
"$ROIC" ingest -q --db "$S/store.db" "$TOP/fixtures/exports" >/dev/null 2>&1

# Every key of every view model of the fixtures (each tenant, each month,
# the golden ones, a restated month's data.json) is in the schema, with
# the schema's type; and the schema has no key that none of them had, but
# those that the fixtures cannot show (listed, each with why).
mkdir -p "$S/views"
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	for m in 2025-10 2025-11 2025-12 2026-01 2026-02 2026-03 2026-04 \
	    2026-05 2026-06 2026-07 2026-08 2026-09 2026-10; do
		"$ROIC" kpis --db "$S/store.db" --tenant "$t" --month "$m" \
		    >"$S/views/$t-$m.json" 2>>"$WORK/err"
	done
done
expect_eq "a view model of every tenant and month" "$(ls "$S/views" | wc -l)" "39"
cp -r "$TOP/fixtures/exports" "$S/exports"
"$ROIC" build -q --db "$S/store.db" --out "$S/restated" --tenant northwind-health --no-sign >/dev/null 2>&1
f=$(ls "$S/exports/northwind-health/"*2026-10*.json | head -1)
sed -i '0,/"tasks": \([0-9]*\)/s//"tasks": 9\1/' "$f"
"$ROIC" ingest -q --db "$S/store.db" "$f" >/dev/null 2>&1
"$ROIC" build -q --db "$S/store.db" --out "$S/restated" --tenant northwind-health --no-sign >/dev/null 2>&1
cp "$S/restated/northwind-health/2026-10/data.json" "$S/views/restated.json"
expect_grep "one of them restated" '"replaces": "report.v1.pdf"' "$S/views/restated.json"
"$SP" "$S/views"/*.json "$TOP"/tests/golden/*.json >"$S/props" 2>&1
expect_eq "every key of the view models is in the schema, with its type" \
    "$(grep -v '^unseen ' "$S/props")" ""
# Every key of the schema is in some view model of the fixtures.
grep '^unseen ' "$S/props" | sed 's/^unseen //' >"$S/unseen"
expect_eq "the schema has no key that the view does not write" "$(cat "$S/unseen")" ""
# These tests can fail: a key the schema lacks, and one the view lacks.
python3 -c 'import json, sys; v = json.load(open(sys.argv[1])); v["tenant"]["nmae"] = "x"; v["sla"]["checks"] = 1.5; json.dump(v, open(sys.argv[2], "w"))' \
    "$TOP/tests/golden/northwind-health-2026-10.json" "$S/typo.json"
"$SP" "$S/typo.json" >"$S/props" 2>&1
expect_grep "a key not in the schema is found" "^extra tenant.nmae in $S/typo.json$" "$S/props"
expect_grep "a value of another type is found" "^type sla.checks in $S/typo.json: number$" "$S/props"
python3 -c 'import json, sys; v = json.load(open(sys.argv[1])); del v["lineage"]; json.dump(v, open(sys.argv[2], "w"))' \
    "$TOP/tests/golden/northwind-health-2026-10.json" "$S/less.json"
"$SP" "$S/less.json" >"$S/props" 2>&1
expect_grep "a key no view has is found" "^unseen lineage$" "$S/props"

# Templates are checked against the schema when the build starts: each
# name that the view model cannot hold is an error at its file, line and
# column (the file as given to --templates), all of them, exit 2, and
# nothing is written (a site already there stays as it was).
"$ROIC" build -q --db "$S/store.db" --out "$S/site" --tenant harborview-logistics --no-sign >/dev/null 2>&1
snapshot() { (cd "$S/site" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
snapshot >"$S/before"
# bad_build NAME WANT: a build with $S/tpl and $S/charts exits 2 with the
# stderr WANT (exactly) and leaves the site as it was.
bad_build() {
	expect_rc "$1: exit 2" 2 "$ROIC" build -q --db "$S/store.db" --out "$S/site" \
	    --tenant harborview-logistics --no-sign --templates "$S/tpl" --charts "$S/charts"
	expect_eq "$1: the error" "$(cat "$WORK/err")" "$2"
	snapshot >"$S/after"
	if cmp -s "$S/before" "$S/after"; then ok "$1: nothing written"; else fail "$1: nothing written"; fi
}
tpl() {
	rm -rf "$S/tpl" "$S/charts"
	mkdir -p "$S/tpl/partials" "$S/charts"
}
head11='# {{i18n.report_title}}

**{{tenant.name}}** · {{page.month_label}}

{{#restatement}}
> {{i18n.restated}} {{date}}
{{/restatement}}

## {{i18n.sections.service_levels}}


'
tpl
printf '%s- **{{figures.taks.display}}**\n' "$head11" >"$S/tpl/report.md"
bad_build "a typo'd variable" "$S/tpl/report.md:12:5: error: 'figures.taks.display' is not in the view model"
printf '%s{{#systms}}\n- {{name}}\n{{/systms}}\n' "$head11" >"$S/tpl/report.md"
bad_build "a typo'd section" "$S/tpl/report.md:12:1: error: 'systms' is not in the view model"
printf '%s{{^alert}}{{i18n.no_alerts}}{{/alert}}\n' "$head11" >"$S/tpl/report.md"
bad_build "a typo'd inverted section" "$S/tpl/report.md:12:1: error: 'alert' is not in the view model"
printf '%s{{> headlines}}\n' "$head11" >"$S/tpl/report.md"
bad_build "a partial that does not exist" "$S/tpl/report.md:12:1: error: 'headlines' is not a partial (no partials/headlines.md)"
tpl
printf '```cards\n```\n\n{{#figures.roi}}{{formula}} {{dispaly}}{{/figures.roi}}\n' >"$S/tpl/partials/headline.md"
bad_build "a typo in a --templates partial, in the context that includes it" \
    "$S/tpl/partials/headline.md:4:29: error: 'dispaly' is not in the view model"
tpl
printf '# {{tenant.name}}\n{{#page.reports}}\n- {{label}} {{hours_saved}} {{downlaod}}{{#restatement}} {{date}} {{changes}}{{/restatement}}\n{{/page.reports}}\n{{page.home}}\n' >"$S/tpl/portal.md"
sed 's/{{page.subtitle}}/{{page.subtitel}}/' "$TOP/templates/layout.html" >"$S/tpl/layout.html"
printf '# {{tenant.name}}\n{{page.latest}} {{page.data}} {{#systems}}{{name}} {{figures.roi.value}} {{figures.tasks.value}}{{/systems}}\n' >"$S/tpl/report.md"
bad_build "every error of every template, each template's own page keys" \
    "$S/tpl/report.md:2:1: error: 'page.latest' is not in the view model
$S/tpl/report.md:2:52: error: 'figures.roi.value' is not in the view model
$S/tpl/portal.md:3:29: error: 'downlaod' is not in the view model
$S/tpl/portal.md:5:1: error: 'page.home' is not in the view model
$S/tpl/layout.html:14:19: error: 'page.subtitel' is not in the view model"
tpl
printf '{{! directives, at the lines of the\n    template (not of its rendered text) }}\n# {{tenant.name}}\n\n```explain tasks\n```\n\n```table incident\n```\n\n```chart sparkline taks\n```\n{{#systems}}\n```chart sparkline\n```\n{{/systems}}\n{{> mine}}\n' >"$S/tpl/report.md"
printf '{{! mine }}\n\n```table breached\n```\n\n```tabel breached\n```\n' >"$S/tpl/partials/mine.md"
bad_build "directives: a figure, a table, a chart's argument, in a partial" \
    "$S/tpl/report.md:5:1: error: 'explain tasks' names no headline figure (one of: hours_saved, error_reduction, cost_avoided, roi, sla_adherence)
$S/tpl/report.md:8:1: error: 'table incident' names no table (one of: incidents, systems, drift, integrations, lineage, breached)
$S/tpl/report.md:11:1: error: 'figures.taks.series' is not in the view model (chart sparkline taks, charts/sparkline.json:5:15)
$S/tpl/report.md:14:1: error: chart 'sparkline' needs an argument for its paths' {arg} (chart sparkline FIGURE)
$S/tpl/partials/mine.md:6:1: error: unknown directive 'tabel breached'"

# Chart specs likewise, at the spec's line and column: a path not in the
# view model, and one that leads to text where the chart draws numbers.
tpl
cat >"$S/charts/tasks.json" <<'JSON'
{
  "type": "line",
  "title": { "en": "Tasks handled by month" },
  "series": [
    { "path": "figures.tasks.serie" },
    { "path": "figures.tasks.display" }
  ]
}
JSON
bad_build "a typo'd chart path" "$S/charts/tasks.json:5:15: error: 'figures.tasks.serie' is not in the view model
$S/charts/tasks.json:6:15: error: 'figures.tasks.display' is of type string; the chart needs numbers"
printf '{ "type": "sparkline", "series": [ { "path": "figures.{arg}.serie" } ] }\n' >"$S/charts/sparkline.json"
rm "$S/charts/tasks.json"
bad_build "a --charts sparkline whose path no figure has" \
    "$S/charts/sparkline.json:1:46: error: 'figures.{arg}.serie' is not in the view model"

# What the view model holds passes: the built-in templates and specs, as
# copies in --templates and --charts, a key of the labels that only a
# locale of the user's has, and a chart for any figure's argument.
tpl
cp -r "$TOP/templates/." "$S/tpl/"
cp "$TOP"/charts/*.json "$S/charts/"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["labels"]["my_note"] = "Mine"; json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)' "$S/tpl/i18n/en-US.json"
{ cat "$TOP/templates/report.md"; printf '\n{{i18n.my_note}} {{#figures}}{{#tasks}}{{value}}{{/tasks}}{{/figures}} {{targets.resolution_minutes.P1}}\n\n```chart sparkline tasks\n```\n'; } >"$S/tpl/report.md"
expect_rc "the built-in templates and specs pass, with a user's label and chart argument" 0 \
    "$ROIC" build -q --db "$S/store.db" --out "$S/good" --tenant harborview-logistics --no-sign \
    --templates "$S/tpl" --charts "$S/charts"
expect_grep "and the page has them" "Mine" "$S/good/harborview-logistics/2026-10/index.html"
expect_rc "the built-in templates and specs alone pass" 0 "$ROIC" build -q --db "$S/store.db" \
    --out "$S/good2" --tenant harborview-logistics --no-sign

# The reference page is what the schema and the built-in templates make
# (make docs writes it).
"$TOPBIN/../tools/templates_doc" >"$S/templates.md" 2>"$WORK/err"
if cmp -s "$S/templates.md" "$TOP/docs/templates.md"; then
	ok "docs/templates.md is current"
else
	fail "docs/templates.md is current (make docs, then review)" "$(diff "$TOP/docs/templates.md" "$S/templates.md" | head -10)"
fi
for k in figures.FIGURE.delta_display page.reports[].download sla.breached[].system_name i18n.sections.drift; do
	expect_grep "it documents $k" "^| \`$(printf %s "$k" | sed 's/\[/\\[/g')\` |" "$S/templates.md"
done
expect_grep "it documents the directives" '^| `table NAME` |' "$S/templates.md"
expect_grep "and the tables" '^| `breached` | `sla.breached` |' "$S/templates.md"
expect_grep "and the built-in charts" '^| `sparkline` | sparkline |' "$S/templates.md"

# The keys of `page` that the schema gives each template are there when
# the page is rendered: a template that shows each one (KEY @value@), built.
# Those the lead is adding (SPEC 5.5: msp_name, pdf_name, download,
# partial) are listed as not there yet; one listed that the page has is fine.
tpl
"$SP" --keys report | awk '$2 == "value" && $1 ~ /^page\./ { print $1 " @{{" $1 "}}@\n" }' >"$S/tpl/report.md"
{
	"$SP" --keys portal | awk '$2 == "value" && $1 ~ /^page\.[a-z_]*$/ { print $1 " @{{" $1 "}}@\n" }'
	echo '{{#page.reports}}'
	"$SP" --keys portal | awk '$2 == "value" && $1 ~ /^page\.reports\[\]\.[a-z_]*$/ { k = $1; sub(/^page\.reports\[\]\./, "", k); print $1 " @{{" k "}}@\n" }'
	echo '{{/page.reports}}'
} >"$S/tpl/portal.md"
expect_rc "a build whose pages show every key of page" 0 "$ROIC" build -q --db "$S/store.db" --out "$S/probe" \
    --tenant harborview-logistics --no-sign --templates "$S/tpl" --msp-name "Acme Managed AI"
for f in "$S/probe/harborview-logistics/2026-10/index.html" "$S/probe/harborview-logistics/index.html"; do
	grep -o '^<p>page\.[^ ]* @@' "$f" | sed 's/^<p>//; s/ @@$//'
done | sort -u | grep -v -x -E 'page\.msp_name|page\.pdf_name|page\.reports\[\]\.(download|partial)' >"$S/empty"
expect_eq "every key of page is on the page" "$(cat "$S/empty")" ""
expect_grep "which shows them" '^<p>page.reports\[\].label @October 2026@' "$S/probe/harborview-logistics/index.html"
expect_eq "every key of each page was shown" \
    "$(grep -c '^<p>page\.' "$S/probe/harborview-logistics/2026-10/index.html") $(grep -o '^<p>page\.[^ ]*' "$S/probe/harborview-logistics/index.html" | sort -u | wc -l)" \
    "$("$SP" --keys report | grep -c '^page\..* value') $("$SP" --keys portal | grep -c '^page\.[^ ]* value')"
