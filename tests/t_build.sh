# t_build.sh: roic build: the tree of a tenant's site, tenant isolation,
# relative links, hostile values kept literal.

B=$WORK/build
mkdir -p "$B"
BDB=$B/store.db
SITE=$B/out
(cd "$TOP" && "$ROIC" ingest -q --db "$BDB" fixtures/exports) >/dev/null 2>&1

expect_rc "roic build of the fixtures" 0 "$ROIC" build --db "$BDB" --out "$SITE" --operator-index
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	for f in index.html 2026-10/index.html 2026-10/data.json assets/style.css; do
		if [ -s "$SITE/$t/$f" ]; then ok "build wrote $t/$f"; else fail "build did not write $t/$f"; fi
	done
done
expect_eq "the logo of a tenant with one is copied" "$(od -An -tx1 -N4 "$SITE/northwind-health/assets/logo.png" | tr -d ' ')" "89504e47"
if [ -e "$SITE/harborview-logistics/assets/logo.png" ]; then fail "a tenant without a logo got one"; else ok "a tenant without a logo has none"; fi
if find "$SITE" -name '*.tmp.*' | grep -q .; then fail "temporary files left behind"; else ok "no temporary file left behind"; fi
expect_eq "data.json is the view model" "$(cd "$TOP" && "$ROIC" kpis --db "$BDB" --tenant northwind-health | cmp - "$SITE/northwind-health/2026-10/data.json" && echo same)" "same"
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	if diff -u "$TOP/tests/golden/$t-2026-10.html" "$SITE/$t/2026-10/index.html" >"$WORK/diff"; then
		ok "golden report page $t 2026-10"
	else
		fail "golden report page $t 2026-10 differs (make golden, then review)" "$(head -30 "$WORK/diff")"
	fi
done
expect_grep "the operator index lists the tenants" 'href="../northwind-health/index.html"' "$SITE/_operator/index.html"
expect_grep "a French tenant's page is in French" '<html lang="fr">' "$SITE/mutuelle-laurentienne/2026-10/index.html"
expect_grep "with French words" "Niveaux de service" "$SITE/mutuelle-laurentienne/2026-10/index.html"

# Isolation: no byte of a tenant's folder names another tenant.
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	leak=
	for other in northwind-health mutuelle-laurentienne harborview-logistics \
	    "Northwind Health" "Mutuelle Laurentienne" "Harborview"; do
		case $other in "$t" | Northwind*) [ "$t" = northwind-health ] && continue ;; esac
		case $other in Mutuelle*) [ "$t" = mutuelle-laurentienne ] && continue ;; esac
		case $other in Harborview*) [ "$t" = harborview-logistics ] && continue ;; esac
		[ "$other" = "$t" ] && continue
		if grep -r -l -F "$other" "$SITE/$t" >/dev/null 2>&1; then
			leak="$leak $other"
		fi
	done
	if [ -z "$leak" ]; then ok "$t's folder names no other tenant"; else fail "$t's folder names:$leak"; fi
done

# Links: relative, inside the tenant's folder, to files that exist.
bad=
for page in $(find "$SITE" -name '*.html' ! -path '*/_operator/*'); do
	dir=$(dirname "$page")
	tenant=$(printf '%s\n' "${page#"$SITE"/}" | cut -d/ -f1)
	for link in $(grep -o -E '(href|src)="[^"]*"' "$page" | sed -E 's/^(href|src)="(.*)"$/\2/'); do
		case $link in
		*://* | /* | //*) bad="$bad $page:$link" ; continue ;;
		esac
		target=$(cd "$dir" && realpath -m "$link")
		case $target in
		"$SITE/$tenant"/*) [ -e "$target" ] || bad="$bad $page:$link(missing)" ;;
		*) bad="$bad $page:$link(outside)" ;;
		esac
	done
done
if [ -z "$bad" ]; then ok "every link is relative, inside its tenant's folder, and found"; else fail "bad links" "$bad"; fi

# Hostile values stay literal.
H=$B/hostile
mkdir -p "$H"
cat >"$H/evil.json" <<'JSON'
{ "format": "roic-kpi/1", "month": "2026-10",
  "tenant": { "id": "evil-co", "name": "<script>alert(1)</script> *bold* {{name}} | pipe ` tick [x](javascript:alert(1))" },
  "assumptions": { "hourly_rate": 50, "cost_per_error": 10, "monthly_fee": 100 },
  "sla": { "availability": 0.99, "resolution_minutes": { "P1": 60 } },
  "systems": [ { "id": "s1", "name": "<img src=x onerror=alert(1)>", "model": "**m**",
    "baseline": { "minutes_per_task": 5, "error_rate": 0.1 } } ],
  "daily": [ { "date": "2026-10-01", "system": "s1", "tasks": 10, "errors": 1,
    "uptime_min": 1440, "downtime_min": 0 } ],
  "incidents": [ { "id": "<b>INC</b>", "system": "s1", "severity": "P1",
    "opened": "2026-10-01T10:00:00Z", "resolved": "2026-10-01T10:30:00Z",
    "summary": "[click](javascript:alert(1)) <iframe src=x> {{#x}}y{{/x}} `code` # heading" } ]
}
JSON
"$ROIC" ingest -q --db "$H/store.db" "$H/evil.json" >/dev/null 2>&1
expect_rc "a hostile export builds" 0 "$ROIC" build --db "$H/store.db" --out "$H/out" --month 2026-10
evil=$H/out/evil-co/2026-10/index.html
# The pages with their attribute values emptied: what is left is markup.
# The only images are roic's charts, <img class="" src="" width="" ...>,
# in a <picture> with their compact layout's <source>.
sed 's/"[^"]*"/""/g' "$evil" "$H/out/evil-co/index.html" >"$H/markup"
if grep -i -E '<(script|iframe|img)[ >]' "$H/markup" |
    grep -v -q -x -E ' *(<a href="">)?(<picture><source media="" srcset="" width="" height="">)?<img class="" src="" width="" height="" alt="">(</picture>)?(</a>)?'; then
	fail "a value became an element" "$(grep -i -E '<(script|iframe|img)[ >]' "$H/markup" | head -3)"
else
	ok "no value became an element"
fi
if grep -q -i -E '(href|src)="javascript:' "$evil"; then fail "a javascript: link"; else ok "no javascript: link"; fi
if grep -q -i -E '<[^>]* onerror=' "$H/markup"; then fail "an onerror attribute"; else ok "no onerror attribute"; fi
expect_grep "the tenant name is shown literally" '&lt;script&gt;alert(1)&lt;/script&gt; \*bold\* {{name}} | pipe ` tick \[x\](javascript:alert(1))' "$evil"
expect_grep "the incident summary is shown literally" '\[click\](javascript:alert(1)) &lt;iframe src=x&gt; {{#x}}y{{/x}} `code` # heading' "$evil"

# A template with an error stops the build before any page, at its position.
mkdir -p "$B/tpl"
printf '# Title\n\n{{#figures}}\nno end\n' >"$B/tpl/report.md"
expect_rc "a broken --templates report.md stops the build" 2 "$ROIC" build --db "$BDB" --out "$B/broken" --templates "$B/tpl"
expect_grep "naming the template as given, line and column" "^$B/tpl/report.md:3:1: error: " "$WORK/err"
if [ -e "$B/broken" ]; then fail "a page was written with a broken template"; else ok "no page was written with a broken template"; fi
printf '# {{tenant.name}} by the user\n\n```cards\n```\n' >"$B/tpl/report.md"
expect_rc "a --templates report.md overrides the built-in one" 0 "$ROIC" build --db "$BDB" --out "$B/custom" --templates "$B/tpl" --tenant northwind-health
expect_grep "its page is the user's" "Northwind Health Clinics by the user" "$B/custom/northwind-health/2026-10/index.html"
expect_grep "the other templates stay built in" 'class="masthead"' "$B/custom/northwind-health/2026-10/index.html"
mkdir -p "$B/tpl2/partials"
printf 'Headline by the user: {{figures.hours_saved.display}}\n' >"$B/tpl2/partials/headline.md"
expect_rc "a --templates partial overrides the built-in one" 0 "$ROIC" build --db "$BDB" --out "$B/custom2" --templates "$B/tpl2" --tenant northwind-health
expect_grep "the page has the user's partial" "Headline by the user: 848.0" "$B/custom2/northwind-health/2026-10/index.html"
expect_grep "and the built-in report around it" "Service levels" "$B/custom2/northwind-health/2026-10/index.html"

# The portal shows its cards' sparklines from the latest month's folder when
# that month has the same ones (drawn once), else from charts/ of its own.
srcs() { grep -o 'src="[^"]*"' "$1" | sed 's/^src="//; s/"$//'; }
srcs_exist() {
	for s in $(srcs "$1/index.html"); do [ -s "$1/$s" ] || echo "$s"; done
}
P=$SITE/northwind-health
expect_eq "the portal's sparklines are the month's files" "$(srcs "$P/index.html" | grep sparkline | sed 's/sparkline-[a-z_]*/X/' | sort -u)" "2026-10/charts/X.svg"
expect_eq "each of them is there" "$(srcs_exist "$P")" ""
if [ -e "$P/charts" ]; then fail "the portal has charts of its own"; else ok "the portal has no charts of its own"; fi
mkdir -p "$B/tpl3"
printf '# {{tenant.name}}, no cards\n' >"$B/tpl3/report.md"
expect_rc "a report without cards" 0 "$ROIC" build -q --db "$BDB" --out "$B/nocards" --templates "$B/tpl3" --tenant northwind-health
P=$B/nocards/northwind-health
expect_eq "the portal draws its sparklines itself" "$(srcs "$P/index.html" | grep sparkline | sed 's/sparkline-[a-z_]*/X/' | sort -u)" "charts/X.svg"
expect_eq "each of them is there" "$(srcs_exist "$P")" ""
expect_rc "the same site rebuilt with cards in the report" 0 "$ROIC" build -q --db "$BDB" --out "$B/nocards" --tenant northwind-health
expect_eq "the portal's sparklines are the month's again" "$(srcs "$P/index.html" | grep sparkline | sed 's/sparkline-[a-z_]*/X/' | sort -u)" "2026-10/charts/X.svg"
if [ -e "$P/charts" ]; then fail "the portal's own charts are left" "$(ls "$P/charts")"; else ok "the portal's own charts are removed"; fi
if (cd "$P" && sha256sum -c --quiet SHA256SUMS) >"$WORK/out" 2>&1; then ok "the manifest is right"; else fail "the manifest is right" "$(cat "$WORK/out")"; fi

# The portal lists every month with a report: built now, or before.
expect_rc "an earlier month alone" 0 "$ROIC" build -q --db "$BDB" --out "$B/months" --tenant northwind-health --month 2026-09
expect_rc "then the latest" 0 "$ROIC" build -q --db "$BDB" --out "$B/months" --tenant northwind-health
expect_eq "the portal lists both" "$(grep -o 'href="2026-[0-9]*/index.html"' "$B/months/northwind-health/index.html" | sort -u | tr '\n' ' ')" 'href="2026-09/index.html" href="2026-10/index.html" '
