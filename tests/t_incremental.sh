# t_incremental.sh: roic build rebuilds only what changed: a tenant's data,
# the templates, the chart specs, the signer; --force everything; --json.

I=$WORK/incremental
mkdir -p "$I"
cp -r "$TOP/fixtures/exports" "$I/exports"
"$ROIC" ingest -q --db "$I/store.db" "$I/exports" >/dev/null 2>&1
"$ROIC" keygen --out "$I/keys" >/dev/null 2>&1
SIGNI="--sign-key $I/keys/signer.key --sign-cert $I/keys/signer.pem"
# summary OPTIONS...: the --json line of a build into $I/out.
summary() {
	# shellcheck disable=SC2086
	"$ROIC" build --db "$I/store.db" --out "$I/out" --json $SIGNI "$@" 2>"$WORK/err" |
	    sed 's/, "seconds": [0-9.]*//; s/ "restated": [0-9]*, "reissued": [0-9]*,//'
}
expect_eq "a first build builds every tenant" "$(summary)" '{"built": 3, "skipped": 0, "failed": 0}'
expect_eq "a second builds none" "$(summary)" '{"built": 0, "skipped": 3, "failed": 0}'
expect_eq "with workers as well" "$(summary -j 3)" '{"built": 0, "skipped": 3, "failed": 0}'
expect_eq "--force builds them all" "$(summary --force)" '{"built": 3, "skipped": 0, "failed": 0}'

# One tenant's data changes: that tenant only.
f=$(ls "$I/exports/harborview-logistics/"*2026-10* | head -1)
sed -i 's/"tasks": \([0-9]*\)/"tasks": 1\1/' "$f"
"$ROIC" ingest -q --db "$I/store.db" "$f" >/dev/null 2>&1
"$ROIC" build --db "$I/store.db" --out "$I/out" $SIGNI >"$WORK/out" 2>&1
expect_eq "a tenant's new rows rebuild that tenant" "$(grep -c '^built' "$WORK/out") $(grep '^built' "$WORK/out" | cut -d' ' -f2)" "1 harborview-logistics:"
expect_eq "and leave the others" "$(grep -c '^up to date' "$WORK/out")" "2"

# A template, a chart spec, another signer: every tenant.
mkdir -p "$I/templates" "$I/charts"
{ cat "$TOP/templates/style.css"; echo "/* changed */"; } >"$I/templates/style.css"
expect_eq "a changed template rebuilds every tenant" "$(summary --templates "$I/templates")" '{"built": 3, "skipped": 0, "failed": 0}'
expect_eq "then none" "$(summary --templates "$I/templates")" '{"built": 0, "skipped": 3, "failed": 0}'
sed 's/"bar"/"line"/' "$TOP/charts/hours_saved.json" >"$I/charts/hours_saved.json"
expect_eq "a changed chart spec rebuilds every tenant" "$(summary --templates "$I/templates" --charts "$I/charts")" '{"built": 3, "skipped": 0, "failed": 0}'
"$ROIC" keygen --out "$I/keys2" >/dev/null 2>&1
SIGNI="--sign-key $I/keys2/signer.key --sign-cert $I/keys2/signer.pem"
expect_eq "another signer rebuilds every tenant" "$(summary --templates "$I/templates" --charts "$I/charts")" '{"built": 3, "skipped": 0, "failed": 0}'
rm -rf "$I/out/northwind-health"
expect_eq "a deleted site is built again" "$(summary --templates "$I/templates" --charts "$I/charts")" '{"built": 1, "skipped": 2, "failed": 0}'
expect_eq "the build record is outside the tenants' folders" "$(ls "$I/out/.roic/builds" | wc -l)" "3"
if grep -r -q "builds" "$I/out/northwind-health/SHA256SUMS"; then fail "the record is published"; else ok "the record is not published"; fi
