#!/bin/sh
# golden.sh: (re)writes the golden view models of the fixture tenants
# (tests/golden/*.json) with the environment of the test suite. Review the
# diff before committing it. `make golden`.
set -eu
ROIC=${ROIC:-./roic}
export TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH=1793000000
db=$(mktemp -d)/golden.db
"$ROIC" ingest -q --db "$db" fixtures/exports >/dev/null
while read -r tenant month; do
	"$ROIC" kpis --db "$db" --tenant "$tenant" --month "$month" \
	    >"tests/golden/$tenant-$month.json"
	echo "wrote tests/golden/$tenant-$month.json"
done <tests/golden/CASES
# One report page per locale, as roic build writes it.
"$ROIC" build -q --db "$db" --out "$(dirname "$db")/site" --month 2026-10
for tenant in northwind-health mutuelle-laurentienne harborview-logistics; do
	cp "$(dirname "$db")/site/$tenant/2026-10/index.html" \
	    "tests/golden/$tenant-2026-10.html"
	echo "wrote tests/golden/$tenant-2026-10.html"
done
rm -rf "$(dirname "$db")"
# The charts of tests/golden/charts/CASES, drawn from those view models.
while read -r view charts; do
	rm -rf "tests/golden/charts/$view"
	mkdir -p "tests/golden/charts/$view"
	# shellcheck disable=SC2086
	"${CHART_GOLDEN:-build/release/tests/chart_golden}" \
	    "tests/golden/$view.json" "tests/golden/charts/$view" $charts
	echo "wrote tests/golden/charts/$view/"
done <tests/golden/charts/CASES
# The text layer of one PDF report per locale.
export SOURCE_DATE_EPOCH=1793000000
db2=$(mktemp -d)
"$ROIC" ingest -q --db "$db2/g.db" fixtures/exports >/dev/null
"$ROIC" build -q --db "$db2/g.db" --out "$db2/site" --month 2026-10 --msp-name "Acme Managed AI"
for tenant in northwind-health mutuelle-laurentienne harborview-logistics; do
	pdftotext -layout "$db2/site/$tenant/2026-10/report.pdf" - 2>/dev/null |
	    sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' >"tests/golden/$tenant-2026-10.pdf.txt"
	echo "wrote tests/golden/$tenant-2026-10.pdf.txt"
done
rm -rf "$db2"
