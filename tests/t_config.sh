# t_config.sh: the project file roic.json: its values as defaults, options
# over them, and its errors with their positions.

C2=$WORK/config
mkdir -p "$C2/proj"
(cd "$TOP" && "$ROIC" ingest -q --db "$C2/proj/kpi.db" fixtures/exports) >/dev/null 2>&1
RABS2=$(cd "$(dirname "$ROIC")" && pwd)/$(basename "$ROIC")
"$ROIC" keygen --out "$C2/keys" >/dev/null 2>&1
cat >"$C2/proj/roic.json" <<JSON
{
  "msp_name": "Acme Managed AI",
  "db": "kpi.db",
  "out": "site",
  "sign_key": "$C2/keys/signer.key",
  "sign_cert": "$C2/keys/signer.pem"
}
JSON
(cd "$C2/proj" && "$RABS2" build -q --tenant harborview-logistics >"$WORK/out" 2>"$WORK/err")
expect_eq "roic.json here gives the store, the output and the signer" "$?" "0"
if [ -s "$C2/proj/site/harborview-logistics/2026-10/report.pdf" ]; then ok "into its out"; else fail "into its out"; fi
pdfinfo "$C2/proj/site/harborview-logistics/2026-10/report.pdf" 2>/dev/null >"$WORK/info"
expect_grep "with its MSP name as the author" "^Author: *Acme Managed AI$" "$WORK/info"
expect_rc "signed with its key" 0 "$ROIC" verify --ca "$C2/keys/ca.pem" "$C2/proj/site/harborview-logistics/2026-10/report.pdf"
(cd "$C2/proj" && "$RABS2" build -q --tenant harborview-logistics --out other --msp-name "Other MSP" --no-sign \
    >"$WORK/out" 2>"$WORK/err")
pdfinfo "$C2/proj/other/harborview-logistics/2026-10/report.pdf" 2>/dev/null >"$WORK/info"
expect_grep "options override it" "^Author: *Other MSP$" "$WORK/info"
expect_rc "--no-sign over its key" 1 "$ROIC" verify "$C2/proj/other/harborview-logistics/2026-10/report.pdf"
cp "$C2/proj/roic.json" "$C2/elsewhere.json"
expect_rc "--config names another file" 0 "$RABS2" kpis --config "$C2/elsewhere.json" --db "$C2/proj/kpi.db" \
    --tenant northwind-health
printf '{\n  "db": "x.db",\n  "sign_keys": "k.pem"\n}\n' >"$C2/bad.json"
expect_rc "an unknown key is an error" 2 "$ROIC" build --config "$C2/bad.json"
expect_eq "at its line and column" "$(head -1 "$WORK/err")" \
    "$C2/bad.json:3:3: error: unknown key 'sign_keys' (msp_name, db, out, templates, charts, notes, sign_key, sign_cert, sign_chain, sign_p12, max_input_bytes)"
printf '{ "max_input_bytes": "big" }\n' >"$C2/bad2.json"
expect_rc "a value of the wrong type is an error" 2 "$ROIC" ingest --config "$C2/bad2.json" "$C2/bad2.json"
expect_grep "named" "bad2.json:1:22: error: 'max_input_bytes' must be a whole number of bytes" "$WORK/err"
expect_rc "a --config that is not there is an error" 2 "$ROIC" build --config "$C2/none.json"
