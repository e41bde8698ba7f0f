# t_charts.sh: the charts: golden SVG and PNG of every type, chart specs
# with their diagnostics, a user's chart placed by a template alone, and
# the same bytes in any build order.

CG=$TOPBIN/chart_golden
C=$WORK/charts
# roic by an absolute path, for the commands run in another folder.
RABS=$(cd "$(dirname "$ROIC")" && pwd)/$(basename "$ROIC")
mkdir -p "$C"

# Golden charts: SVG byte for byte; PNG pixel for pixel, within a tolerance
# (0.1% of the pixels) in case another FreeType rasterises an edge apart.
while read -r view charts; do
	mkdir -p "$C/$view"
	# shellcheck disable=SC2086
	"$CG" "$TOP/tests/golden/$view.json" "$C/$view" $charts 2>"$WORK/err" ||
		fail "chart_golden $view" "$(cat "$WORK/err")"
	for f in "$TOP/tests/golden/charts/$view"/*.svg; do
		b=$(basename "$f" .svg)
		if cmp -s "$f" "$C/$view/$b.svg"; then
			ok "golden chart $view/$b.svg"
		else
			fail "golden chart $view/$b.svg differs (make golden, then review)" \
			    "$(diff "$f" "$C/$view/$b.svg" | head -10)"
		fi
		set -- $("$CG" --diff "$TOP/tests/golden/charts/$view/$b.png" "$C/$view/$b.png")
		if [ $# -eq 3 ] && [ $(($2 * 1000)) -le "$1" ]; then
			ok "golden chart $view/$b.png ($2 of $1 pixels differ)"
		else
			fail "golden chart $view/$b.png: $2 of $1 pixels differ (make golden, then review)"
		fi
	done
done <"$TOP/tests/golden/charts/CASES"
n=$(ls "$TOP"/tests/golden/charts/*/*.svg | wc -l)
expect_eq "every chart of CASES has a golden file" "$n" "$(cat "$TOP/tests/golden/charts/CASES" | awk '{ n += NF - 1 } END { print n }')"

# The golden test can fail: one pixel of a different colour is seen.
cp "$C/northwind-health-2026-10/hours_saved.svg" "$WORK/changed.svg"
sed -i 's/#57606A/#57606B/' "$WORK/changed.svg"
if cmp -s "$WORK/changed.svg" "$TOP/tests/golden/charts/northwind-health-2026-10/hours_saved.svg"; then
	fail "a changed SVG is told apart"
else
	ok "a changed SVG is told apart"
fi
set -- $("$CG" --diff "$TOP/tests/golden/charts/northwind-health-2026-10/hours_saved.png" \
    "$TOP/tests/golden/charts/northwind-health-2026-10/cost_vs_ai.png")
if [ "$2" -gt 0 ]; then ok "two different PNGs are told apart"; else fail "two different PNGs are told apart"; fi

# What a golden chart says: title and text alternative in the SVG.
svg=$TOP/tests/golden/charts/northwind-health-2026-10/hours_saved.svg
expect_grep "an SVG has its title" '<title>Time saved by month</title>' "$svg"
expect_grep "and its text alternative, with the latest value" '<desc>.*848\.0.*h in October 2026' "$svg"
expect_grep "a French chart speaks French" 'Coûts évités' "$TOP/tests/golden/charts/mutuelle-laurentienne-2026-10/cost_vs_ai.svg"
if grep -q -E 'id="(surface|glyph)[0-9]*-?[0-9]*"' "$svg" && ! grep -q 'id="surface1"' "$svg"; then
	fail "Cairo's ids are renumbered from 1 in each file"
else
	ok "Cairo's ids are renumbered from 1 in each file"
fi

# Chart specs: each bad one is reported at its file, line and column, and
# stops the build (exit 2) before anything is written.
CDB=$C/store.db
(cd "$TOP" && "$ROIC" ingest -q --db "$CDB" fixtures/exports) >/dev/null 2>&1
for f in "$TOP"/tests/charts-bad/*.json; do
	b=$(basename "$f" .json)
	rm -rf "$C/bad" "$C/bad-out"
	mkdir -p "$C/bad/c"
	cp "$f" "$C/bad/c/"
	(cd "$C/bad" && "$RABS" build --db "$CDB" --out "$C/bad-out" --charts c >/dev/null 2>"$WORK/err")
	rc=$?
	if [ "$rc" -eq 2 ] && cmp -s "$WORK/err" "$TOP/tests/charts-bad/$b.err" && [ ! -e "$C/bad-out" ]; then
		ok "bad chart spec $b"
	else
		fail "bad chart spec $b (exit $rc)" "$(diff "$TOP/tests/charts-bad/$b.err" "$WORK/err")"
	fi
done

# A user's chart: a spec in --charts and a template that places it.
mkdir -p "$C/mine/charts" "$C/mine/templates"
cat >"$C/mine/charts/tasks_by_month.json" <<'JSON'
{
  "type": "line",
  "title": { "en": "Tasks handled by month", "fr": "Tâches traitées par mois" },
  "series": [ { "path": "figures.tasks.series" } ]
}
JSON
{ cat "$TOP/templates/report.md"; printf '\n```chart tasks_by_month\n```\n'; } >"$C/mine/templates/report.md"
expect_rc "a build with a user's chart" 0 "$ROIC" build -q --db "$CDB" --out "$C/mine/out" \
    --tenant northwind-health --templates "$C/mine/templates" --charts "$C/mine/charts"
expect_grep "the page shows the user's chart" '<a href="charts/tasks_by_month.svg"><img class="chart" src="charts/tasks_by_month.svg"' \
    "$C/mine/out/northwind-health/2026-10/index.html"
expect_grep "with its text alternative" 'alt="Tasks handled by month. Tasks handled: 12,138 in October 2026' \
    "$C/mine/out/northwind-health/2026-10/index.html"
expect_grep "its SVG is written" '<title>Tasks handled by month</title>' \
    "$C/mine/out/northwind-health/2026-10/charts/tasks_by_month.svg"
if [ -e "$C/mine/out/northwind-health/2026-09/charts/tasks_by_month.svg" ]; then
	fail "a month not built got the chart"
else
	ok "only the month built has it"
fi

# A template that places a chart that does not exist stops the build.
printf '# x\n\n```chart nowhere\n```\n' >"$C/mine/templates/report.md"
expect_rc "a template with an unknown chart stops the build" 2 "$ROIC" build -q --db "$CDB" \
    --out "$C/none" --templates "$C/mine/templates"
expect_eq "naming the template and the chart" "$(cat "$WORK/err")" \
    "$C/mine/templates/report.md:3:1: error: unknown chart 'nowhere' (no charts/nowhere.json)"
if [ -e "$C/none" ]; then fail "it wrote something"; else ok "it wrote nothing"; fi

# --png: a PNG beside each SVG; a build without it removes them again.
expect_rc "a build with --png" 0 "$ROIC" build -q --db "$CDB" --out "$C/png" --tenant harborview-logistics --png
expect_eq "a PNG for each SVG" "$(ls "$C/png/harborview-logistics/2026-10/charts" | grep -c '\.png$')" \
    "$(ls "$C/png/harborview-logistics/2026-10/charts" | grep -c '\.svg$')"
expect_eq "a PNG is a PNG" "$(od -An -tx1 -N4 "$C/png/harborview-logistics/2026-10/charts/hours_saved.png" | tr -d ' ')" "89504e47"
expect_rc "a build without --png" 0 "$ROIC" build -q --db "$CDB" --out "$C/png" --tenant harborview-logistics
expect_eq "removes the PNGs it no longer makes" "$(ls "$C/png/harborview-logistics/2026-10/charts" | grep -c '\.png$')" "0"

# The same bytes whatever was drawn before in the process: tenants in
# another order, one month or all.
expect_rc "a build of every tenant" 0 "$ROIC" build -q --db "$CDB" --out "$C/o1"
expect_rc "the same build, tenants in another order" 0 "$ROIC" build -q --db "$CDB" --out "$C/o2" \
    --tenant mutuelle-laurentienne --tenant harborview-logistics --tenant northwind-health
if diff -r "$C/o1" "$C/o2" >"$WORK/diff"; then
	ok "the same charts and pages in any order"
else
	fail "the same charts and pages in any order" "$(head -5 "$WORK/diff")"
fi
expect_rc "every month of one tenant" 0 "$ROIC" build -q --db "$CDB" --out "$C/o3" --all-months --tenant harborview-logistics
if diff -r "$C/o1/harborview-logistics/2026-10/charts" "$C/o3/harborview-logistics/2026-10/charts" >"$WORK/diff"; then
	ok "a month's charts do not depend on the months built before"
else
	fail "a month's charts do not depend on the months built before" "$(head -5 "$WORK/diff")"
fi
