# t_restate.sh: a month whose figures change after its report was issued
# is restated (SPEC 5.4): the old report kept as report.v1.pdf, a notice
# with the changed headline figures, the portal says so; a rebuild that
# changes no value is a re-issue.

R=$WORK/restate
mkdir -p "$R"
cp -r "$TOP/fixtures/exports" "$R/exports"
"$ROIC" ingest -q --db "$R/store.db" "$R/exports" >/dev/null 2>&1
expect_rc "a first build" 0 "$ROIC" build --db "$R/store.db" --out "$R/out" --tenant northwind-health --no-sign
M=$R/out/northwind-health/2026-10
cp "$M/report.pdf" "$R/first.pdf"
f=$(ls "$R/exports/northwind-health/"*2026-10*.json | head -1)
sed -i '0,/"tasks": \([0-9]*\)/s//"tasks": 9\1/' "$f"
expect_rc "a re-ingest that changes October" 0 "$ROIC" ingest -q --db "$R/store.db" "$f"
expect_rc "the next build" 0 "$ROIC" build --db "$R/store.db" --out "$R/out" --tenant northwind-health --no-sign
expect_grep "names the restated month" "^restated northwind-health 2026-10$" "$WORK/out"
if cmp -s "$R/first.pdf" "$M/report.v1.pdf"; then ok "the issued report is kept as report.v1.pdf"; else fail "the issued report is kept as report.v1.pdf"; fi
if cmp -s "$R/first.pdf" "$M/report.pdf"; then fail "report.pdf is the new one"; else ok "report.pdf is the new one"; fi
python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["restatement"]; print(r["version"], r["replaces"], " ".join(c["figure"] for c in r["changes"]))' \
    "$M/data.json" >"$WORK/r" 2>&1
expect_eq "data.json says what changed" "$(cat "$WORK/r")" "1 report.v1.pdf hours_saved cost_avoided error_reduction roi"
expect_grep "the page carries the notice" "Restated report" "$M/index.html"
expect_grep "linking the report it replaces" 'href="report.v1.pdf"' "$M/index.html"
pdftotext "$M/report.pdf" - 2>/dev/null >"$WORK/text"
expect_grep "so does the PDF" "Restated report" "$WORK/text"
expect_grep "the portal lists the restatement" "Restated report" "$R/out/northwind-health/index.html"
expect_rc "a byte-identical re-ingest" 0 "$ROIC" ingest --db "$R/store.db" "$f"
expect_rc "then a build" 0 "$ROIC" build --db "$R/store.db" --out "$R/out" --tenant northwind-health --no-sign
expect_grep "rebuilds nothing" "^up to date northwind-health$" "$WORK/out"
expect_rc "a forced rebuild" 0 "$ROIC" build --db "$R/store.db" --out "$R/out" --tenant northwind-health --no-sign --force
expect_grep "is a re-issue" "^re-issued northwind-health 2026-10$" "$WORK/out"
if [ -e "$M/report.v2.pdf" ]; then fail "a re-issue keeps no new version"; else ok "a re-issue keeps no new version"; fi
if [ -e "$M/report.v1.pdf" ]; then ok "and keeps report.v1.pdf"; else fail "and keeps report.v1.pdf"; fi
expect_grep "the notice stays" "Restated report" "$M/index.html"
if (cd "$R/out/northwind-health" && sha256sum -c --quiet SHA256SUMS) >/dev/null 2>&1; then ok "the manifest lists the versions"; else fail "the manifest lists the versions"; fi
