# t_kpis.sh: the view model (roic kpis): golden files for the fixture tenants,
# properties of every tenant-month, locales, nulls, template overrides.

K=$WORK/kpis
mkdir -p "$K"
KDB=$K/store.db
(cd "$TOP" && "$ROIC" ingest -q --db "$KDB" fixtures/exports) >/dev/null 2>&1

while read -r tenant month; do
	(cd "$TOP" && "$ROIC" kpis --db "$KDB" --tenant "$tenant" --month "$month") \
	    >"$K/out.json" 2>"$WORK/err"
	if diff -u "$TOP/tests/golden/$tenant-$month.json" "$K/out.json" >"$WORK/diff"; then
		ok "golden view model $tenant $month"
	else
		fail "golden view model $tenant $month differs" "$(head -40 "$WORK/diff")"
	fi
done <"$TOP/tests/golden/CASES"

out=$("$TOPBIN/kpis_props" "$KDB")
rc=$?
n=$(printf '%s\n' "$out" | grep -c '^ok ')
bad=$(printf '%s\n' "$out" | grep '^not ok ')
if [ "$rc" -eq 0 ] && [ "$n" -gt 0 ] && [ -z "$bad" ]; then
	ok "properties of all $n tenant-month checks of the fixtures"
else
	fail "properties of the fixture view models" "$bad"
fi

expect_rc "kpis of the latest month by default" 0 "$ROIC" kpis --db "$KDB" --tenant mutuelle-laurentienne
expect_grep "the default month is the latest with data" '^  "month": "2026-10",$' "$WORK/out"
nbsp=$(printf '\302\240')
expect_grep "French money uses no-break spaces" "\"display\": \"[0-9]*$nbsp[0-9]*,[0-9][0-9]$nbsp\\$\"" "$WORK/out"
expect_grep "French percentages too" "\"display\": \"[0-9]*,[0-9]$nbsp%\"" "$WORK/out"
expect_grep "French formulas" '"formula": "Heures économisées' "$WORK/out"
expect_rc "kpis of a month without data" 0 "$ROIC" kpis --db "$KDB" --tenant northwind-health --month 2025-09
expect_grep "says every figure is null" "no daily rows in 2025-09" "$WORK/err"
if grep -E '"value": [0-9-]' "$WORK/out" >/dev/null; then
	fail "a month without data has a figure"
else
	ok "a month without data has only null figures"
fi
expect_rc "kpis of an unknown tenant" 2 "$ROIC" kpis --db "$KDB" --tenant nobody
expect_grep "names it" "unknown tenant 'nobody'" "$WORK/err"
mkdir -p "$K/tpl/i18n"
sed 's/Significant drift in/SIGNIFICANT DRIFT IN/' "$TOP/templates/i18n/en-CA.json" >"$K/tpl/i18n/en-CA.json"
expect_rc "kpis with a --templates folder" 0 "$ROIC" kpis --db "$KDB" --tenant northwind-health --templates "$K/tpl"
expect_grep "takes its sentences from the folder" "SIGNIFICANT DRIFT IN note_tokens" "$WORK/out"
expect_rc "kpis with an empty --templates folder" 0 "$ROIC" kpis --db "$KDB" --tenant northwind-health --templates "$K"
expect_grep "falls back on the built-in sentences" "Significant drift in note_tokens" "$WORK/out"
