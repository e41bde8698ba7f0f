# t_isolation.sh: tenant isolation over the whole fixture build: no byte of
# a tenant's folder (pages, data.json, charts, manifest, the PDFs' text)
# names another tenant (id, name, or one of its systems); every link and
# source of every page stays inside the tenant's folder; a tenant id that
# would leave the output folder is refused at ingest.

S=$WORK/isolation
mkdir -p "$S"
(cd "$TOP" && "$ROIC" ingest -q --db "$S/store.db" fixtures/exports) >/dev/null 2>&1
expect_rc "isolation: the fixtures build, every month, with the operator index" 0 \
    "$ROIC" build -q --db "$S/store.db" --out "$S/out" --all-months --operator-index --no-sign
python3 - "$TOP/fixtures/exports" "$S/out" >"$S/report" 2>&1 <<'PY'
import html, json, os, posixpath, re, subprocess, sys
exports, out = sys.argv[1], sys.argv[2]
# What names each tenant: its id, its name, its systems' names (from its
# exports; ids of systems are too generic to be markers).
marks = {}
for t in sorted(os.listdir(exports)):
    m = marks.setdefault(t, {t})
    for f in os.listdir(os.path.join(exports, t)):
        if f.endswith(".json"):
            d = json.load(open(os.path.join(exports, t, f), encoding="utf-8"))
            m.add(d["tenant"]["name"])
            for s in d.get("systems", []):
                m.add(s["name"])
bad = []
for t in marks:
    root = os.path.join(out, t)
    foreign = {x: o for o in marks if o != t for x in marks[o]}
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, out)
            if f.endswith(".pdf"):
                text = subprocess.run(["pdftotext", p, "-"], capture_output=True).stdout.decode("utf-8", "replace")
            elif f.endswith(".png") or f.endswith(".p7s"):
                continue
            else:
                text = open(p, encoding="utf-8", errors="replace").read()
            flat = html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ")
            for x, o in foreign.items():
                if x in flat:
                    bad.append("%s names %s (%r)" % (rel, o, x))
            if f.endswith(".html"):
                for url in re.findall(r'(?:href|src)="([^"]*)"', text):
                    url = html.unescape(url)
                    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith("//") or url.startswith("/"):
                        bad.append("%s links out: %s" % (rel, url))
                        continue
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url.split("#")[0].split("?")[0] or "."))
                    if target != t and not target.startswith(t + "/"):
                        bad.append("%s links outside its tenant: %s" % (rel, url))
                    elif not os.path.exists(os.path.join(out, target)):
                        bad.append("%s links to a missing file: %s" % (rel, url))
if bad:
    print("\n".join(sorted(set(bad))[:20]))
print("%d tenants checked" % len(marks), file=sys.stderr)
PY
if [ "$(grep -c . "$S/report")" -eq 1 ] && grep -q "^3 tenants checked$" "$S/report"; then
	ok "isolation: no tenant's folder names another tenant or links outside itself ($(cat "$S/report"))"
else
	fail "isolation: no tenant's folder names another tenant or links outside itself" "$(head -20 "$S/report")"
fi

# A tenant id that would leave the output folder is refused at ingest, and
# nothing is built outside it.
for id in ../escape a/b .. . /abs; do
	printf '{ "format": "roic-kpi/1", "tenant": { "id": "%s", "name": "Escape", "locale": "en-CA", "currency": "CAD" } }\n' "$id" >"$S/escape.json"
	expect_rc "isolation: tenant id '$id' is refused at ingest" 2 "$ROIC" ingest -q --db "$S/escape.db" "$S/escape.json"
done
"$ROIC" build -q --db "$S/escape.db" --out "$S/escape-out" --no-sign >/dev/null 2>&1
if [ -e "$S/escape" ] || [ -e "$S/a" ] || [ -e /abs ]; then
	fail "isolation: nothing is written outside the output folder"
else
	ok "isolation: nothing is written outside the output folder"
fi
