# t_charts.sh: the charts: golden SVG and PNG of every type, chart specs
# with their diagnostics, a user's chart placed by a template alone, the
# same bytes in any build order, and chart text that a phone can read
# (the compact layouts, written and listed by the build).

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
n=$(ls "$TOP"/tests/golden/charts/*/*.svg | grep -c -v '\.compact\.svg$')
expect_eq "every chart of CASES has a golden file" "$n" "$(cat "$TOP/tests/golden/charts/CASES" | awk '{ n += NF - 1 } END { print n }')"
n=$(ls "$TOP"/tests/golden/charts/*/*.svg | grep -c -v '\.compact\.svg$\|/sparkline-')
expect_eq "and each but the sparklines its compact layout" "$(ls "$TOP"/tests/golden/charts/*/*.compact.svg | wc -l)" "$n"

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
expect_grep "the page shows the user's chart" '<a href="charts/tasks_by_month.svg"><picture><source media="[^"]*" srcset="charts/tasks_by_month.compact.svg" width="[0-9]*" height="[0-9]*"><img class="chart" src="charts/tasks_by_month.svg"' \
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
expect_eq "a PNG for each SVG (but the compact ones: for pages)" "$(ls "$C/png/harborview-logistics/2026-10/charts" | grep -c '\.png$')" \
    "$(ls "$C/png/harborview-logistics/2026-10/charts" | grep -v '\.compact\.' | grep -c '\.svg$')"
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

# Chart text on a phone (SPEC 5.5: at least 11 CSS pixels on a 390-pixel
# screen), computed as the browser sizes it: the picture the page serves
# at that width (its <source media> or the <img>), as wide as style.css
# lets it be (main's width and padding, the chart's max-width, the compact
# picture's under its media query), times the SVG's smallest font-size
# over its viewBox's width. Prints "FILE PIXELS" for each chart of the page.
# usage: chart_text_px SCREEN-WIDTH PAGE STYLE.CSS
chart_text_px() {
	_css=$3
	_pad=$(sed -n 's/^main {.*padding: \([0-9.]*\)rem.*/\1/p' "$_css")
	_main=$(sed -n 's/^main {.*max-width: \([0-9.]*\)rem.*/\1/p' "$_css")
	_img=$(sed -n 's/^figure\.chart img {.*width: 100%.*max-width: \([0-9.]*\)px.*/\1/p' "$_css")
	# The compact picture's rule, in its media query: "MEDIA MAX".
	_compact=$(awk '/^@media \(max-width: [0-9.]+rem\) \{$/ { m = $3 + 0; next }
	    /^}/ { m = 0 } m && /^  figure\.chart picture img \{ max-width: [0-9.]+rem; \}/ {
	    v = $0; sub(/.*max-width: /, "", v); print m, v + 0 }' "$_css")
	grep -o '<img class="chart"[^>]*>\|<source media="(max-width: [0-9.]*rem)" srcset="[^"]*"' "$2" |
	    sed 's/.*max-width: \([0-9.]*\)rem)" srcset="\([^"]*\)".*/source \1 \2/;
	         s/<img class="chart" src="\([^"]*\)".*/img \1/' |
	    while read -r kind a b; do
		if [ "$kind" = source ]; then
			# Served when the screen is no wider than the query.
			if awk -v w="$1" -v m="$a" 'BEGIN { exit !(w <= m * 16) }'; then
				shown=$b media=$a
			fi
			continue
		fi
		file=${shown:-$a}
		svg=$(dirname "$2")/$file
		vb=$(sed -n 's/.*viewBox="0 0 \([0-9.]*\) .*/\1/p' "$svg" | head -1)
		fs=$(grep -o 'font-size="[0-9.]*"' "$svg" | tr -dc '0-9.\n' | sort -n | head -1)
		awk -v w="$1" -v pad="$_pad" -v main="$_main" -v img="$_img" \
		    -v compact="$_compact" -v media="${media:-}" -v vb="$vb" \
		    -v fs="$fs" -v f="$file" 'BEGIN {
			split(compact, c, " ")
			d = (w < main * 16 ? w : main * 16) - 2 * pad * 16
			if (d > img) d = img
			if (media != "" && media == c[1] && w <= c[1] * 16 && d > c[2] * 16)
				d = c[2] * 16
			printf "%s %.2f\n", f, fs * d / vb }'
		shown= media=
	done
}
page=$C/o1/northwind-health/2026-10/index.html
css=$C/o1/northwind-health/assets/style.css
chart_text_px 390 "$page" "$css" >"$WORK/px390"
chart_text_px 1280 "$page" "$css" >"$WORK/px1280"
expect_eq "every chart of the page is sized on a phone" "$(wc -l <"$WORK/px390")" \
    "$(grep -c '<img class="chart"' "$page")"
if [ -s "$WORK/px390" ] && awk '$2 < 11 { bad = 1 } END { exit bad }' "$WORK/px390"; then
	ok "chart text at 390 pixels: at least 11 CSS pixels ($(sort -k2 -n "$WORK/px390" | head -1))"
else
	fail "chart text at 390 pixels: at least 11 CSS pixels" "$(cat "$WORK/px390")"
fi
expect_eq "a phone gets the compact layouts" "$(grep -c '\.compact\.svg' "$WORK/px390")" \
    "$(wc -l <"$WORK/px390")"
if [ -s "$WORK/px1280" ] && awk '$2 < 11 { bad = 1 } END { exit bad }' "$WORK/px1280" &&
    ! grep -q compact "$WORK/px1280"; then
	ok "a wide screen gets the wide charts, their text at 11 pixels at least"
else
	fail "a wide screen gets the wide charts, their text at 11 pixels at least" "$(cat "$WORK/px1280")"
fi
# The test can fail: the wide charts alone are too small on a phone.
sed 's/<source [^>]*>//g' "$page" >"$(dirname "$page")/nosource.html"
if chart_text_px 390 "$(dirname "$page")/nosource.html" "$css" | awk '$2 < 11 { small = 1 } END { exit !small }'; then
	ok "without the compact layouts the text is too small on a phone"
else
	fail "without the compact layouts the text is too small on a phone"
fi
rm -f "$(dirname "$page")/nosource.html"

# The compact SVGs are the build's: beside the wide ones, in SHA256SUMS;
# the PDF draws the wide layout.
for f in "$(dirname "$page")"/charts/*.svg; do
	b=$(basename "$f" .svg)
	case $b in
	*.compact | sparkline-*) continue ;;
	esac
	[ -f "$(dirname "$page")/charts/$b.compact.svg" ] || echo "$b" >>"$WORK/nocompact"
done
expect_eq "every chart but the sparklines has a compact SVG" "$(cat "$WORK/nocompact" 2>/dev/null)" ""
expect_eq "SHA256SUMS lists them" "$(grep -c '2026-10/charts/.*\.compact\.svg$' "$C/o1/northwind-health/SHA256SUMS")" \
    "$(ls "$(dirname "$page")"/charts/*.compact.svg | wc -l)"
if (cd "$C/o1/northwind-health" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1); then
	ok "and sha256sum -c checks the site"
else
	fail "and sha256sum -c checks the site"
fi

# A chart the portal places alone is written beside it, compact too; a
# build whose portal no longer places it removes both.
mkdir -p "$C/portal/t"
{ cat "$TOP/templates/portal.md"; printf '\n```chart tasks_by_month\n```\n'; } >"$C/portal/t/portal.md"
expect_rc "a portal with a chart" 0 "$ROIC" build -q --db "$CDB" --out "$C/portal/out" \
    --tenant northwind-health --templates "$C/portal/t" --charts "$C/mine/charts"
expect_eq "its SVGs beside the portal" "$(ls "$C/portal/out/northwind-health/charts" | grep tasks | tr '\n' ' ')" \
    "tasks_by_month.compact.svg tasks_by_month.svg "
expect_grep "the portal serves the compact one to phones" 'srcset="charts/tasks_by_month.compact.svg"' \
    "$C/portal/out/northwind-health/index.html"
expect_rc "the portal without it" 0 "$ROIC" build -q --db "$CDB" --out "$C/portal/out" \
    --tenant northwind-health --charts "$C/mine/charts"
expect_eq "removes both" "$(ls "$C/portal/out/northwind-health/charts/"tasks* 2>/dev/null)" ""
if (cd "$C/portal/out/northwind-health" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1) &&
    ! grep -q tasks_by_month "$C/portal/out/northwind-health/SHA256SUMS"; then
	ok "and SHA256SUMS no longer lists them"
else
	fail "and SHA256SUMS no longer lists them" "$(grep tasks "$C/portal/out/northwind-health/SHA256SUMS")"
fi
