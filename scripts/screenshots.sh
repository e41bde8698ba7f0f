#!/bin/sh
# Pictures of what a client receives, for the README: the portal and a
# report page of a demo tenant, on a desktop and a phone, and the operator's
# view (headless Chromium) and the first page of
# its PDF (pdftoppm). `make screenshots`, after `make demo`.
set -eu
mkdir -p docs/screenshots
sh tests/web/screenshot.sh out/northwind-health/index.html docs/screenshots/portal.png 1100 900 >/dev/null
sh tests/web/screenshot.sh out/northwind-health/2026-10/index.html docs/screenshots/report.png 1100 1500 >/dev/null
sh tests/web/screenshot.sh out/northwind-health/2026-10/index.html docs/screenshots/report-phone.png 390 1400 >/dev/null
sh tests/web/screenshot.sh out/_operator/index.html docs/screenshots/operator.png 1280 520 >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile out/northwind-health/2026-10/report.pdf docs/screenshots/report-pdf 2>/dev/null
echo "wrote docs/screenshots/portal.png, report.png, report-phone.png, operator.png, report-pdf.png"
