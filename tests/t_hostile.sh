# t_hostile.sh: an export whose values are made to break each output (HTML
# and Markdown injection, Mustache tags, PDF string escapes, a 300-letter
# word (190 in a name: the limit is 200), right-to-left and combining text, emoji, zero and huge numbers,
# 10,000 incidents) builds, signed, into a report that keeps every value
# literal in data.json, the page and the PDF, lays out within the PDF's
# margins, and validates (vnu, qpdf, pdfsig).

H=$WORK/hostile
mkdir -p "$H"
python3 - "$H/hostile.json" <<'PY'
import json, sys
word = "Supercalifragilistic" * 15                 # 300 letters, no break
evil = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
        "{{#tenant}}{{name}}{{/tenant}}", "{{{raw}}}", "```chart roi```",
        "# not a heading", "[link](javascript:alert(3))", "*not em* _x_",
        "(unbalanced \\ parens) \\) (", "| not | a | table |",
        "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
        "e\u0301te\u0301", "\U0001F680 rocket", "A&amp;B &lt;x&gt;"]
systems = [{"id": "s%d" % i, "name": n, "model": "m<1>",
            "baseline": {"minutes_per_task": 4.0, "error_rate": 0.05}}
           for i, n in enumerate(["Plain", word[:190], evil[0], evil[10]])]
daily = []
for d in range(1, 32):
    for i, s in enumerate(systems):
        daily.append({"date": "2026-10-%02d" % d, "system": s["id"],
                      "tasks": 0 if i == 0 else 1000000000, "errors": 0,
                      "uptime_min": 1440, "downtime_min": 0,
                      "llm_cost": 0 if i == 0 else 1e9, "llm_calls": 10,
                      "cache_hits": 0})
incidents = [{"id": "INC-%05d" % k, "system": systems[k % 4]["id"],
              "severity": "P2", "opened": "2026-10-%02dT08:00:00Z" % (k % 28 + 1),
              "resolved": "2026-10-%02dT09:00:00Z" % (k % 28 + 1),
              "summary": evil[k % len(evil)] + " " + (word if k % 97 == 0 else "")}
             for k in range(10000)]
json.dump({"format": "roic-kpi/1", "month": "2026-10",
           "tenant": {"id": "hostile", "name": "<b>Evil</b> & {{co}} (\\) " + evil[10],
                      "locale": "en-CA", "currency": "CAD"},
           "assumptions": {"hourly_rate": 1e6, "cost_per_error": 0, "monthly_fee": 0},
           "sla": {"availability": 0.995, "resolution_minutes": {"P2": 600}},
           "systems": systems, "daily": daily, "incidents": incidents},
          open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
json.dump({"evil": evil, "word": word}, open(sys.argv[1] + ".want", "w"))
PY
"$ROIC" keygen --out "$H/keys" >/dev/null 2>&1
expect_rc "hostile: the export is taken" 0 "$ROIC" ingest -q --db "$H/store.db" "$H/hostile.json"
expect_rc "hostile: and builds, signed" 0 "$ROIC" build -q --db "$H/store.db" --out "$H/out" \
    --sign-key "$H/keys/signer.key" --sign-cert "$H/keys/signer.pem" --sign-chain "$H/keys/ca.pem"
M=$H/out/hostile/2026-10
python3 - "$H/hostile.json.want" "$M" >"$H/report" 2>&1 <<'PY'
import html, json, re, subprocess, sys
want = json.load(open(sys.argv[1]))
m = sys.argv[2]
norm = lambda s: s.replace("\u00a0", " ").replace("\u202f", " ")
bad = []
data = open(m + "/data.json", encoding="utf-8").read()
page = open(m + "/index.html", encoding="utf-8").read()
# No markup of the values' own: only text.
for raw in ("<script>alert", "<img src=x", "<b>Evil", 'href="javascript'):
    if raw in page:
        bad.append("the page holds %r from a value as markup" % raw)
text = norm(html.unescape(re.sub(r"<[^>]*>", "", page)))
pdf = norm(subprocess.run(["pdftotext", m + "/report.pdf", "-"], capture_output=True).stdout.decode("utf-8"))
for v in want["evil"] + [want["word"]]:
    if v not in data.encode("utf-8").decode("unicode_escape", "ignore") and v not in json.loads(data).__repr__() and json.dumps(v)[1:-1] not in data:
        bad.append("data.json lost %r" % v)
    if v not in text:
        bad.append("the page lost %r" % v)
flat = re.sub(r"\s+", "", pdf)
for v in want["evil"]:
    if v == "\U0001F680 rocket":
        v = "\ufffd rocket"             # the PDF's faces have no emoji
    if re.sub(r"\s+", "", v) not in flat:
        bad.append("the PDF lost %r" % v)
if want["word"] not in flat:
    bad.append("the PDF lost the 300-letter word")
if len(set(re.findall(r"INC-\d{5}", pdf))) != 10000:
    bad.append("the PDF has %d of 10,000 incidents" % len(set(re.findall(r"INC-\d{5}", pdf))))
print("\n".join(bad))
PY
if [ -s "$H/report" ] && grep -q . "$H/report"; then
	fail "hostile: every value stays literal in data.json, the page and the PDF" "$(head -20 "$H/report")"
else
	ok "hostile: every value stays literal in data.json, the page and the PDF"
fi
if qpdf --check "$M/report.pdf" >"$H/qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$H/qpdf"; then
	ok "hostile: qpdf --check finds no error ($(pdfinfo "$M/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }') pages)"
else
	fail "hostile: qpdf --check" "$(tail -5 "$H/qpdf")"
fi
mkdir -p "$H/nss"
certutil -N -d "sql:$H/nss" --empty-password >/dev/null 2>&1
certutil -A -d "sql:$H/nss" -n ca -t "CT,C,C" -i "$H/keys/ca.pem" >/dev/null 2>&1
pdfsig -nssdir "sql:$H/nss" "$M/report.pdf" >"$H/sig" 2>&1
expect_grep "hostile: pdfsig finds the signature valid" "Signature is Valid" "$H/sig"
# Within the margins: no word of any page beyond 55 pt of an edge.
pdftotext -bbox "$M/report.pdf" "$H/bbox.html" 2>/dev/null || echo "no PDF" >"$H/bbox.html"
python3 - "$H/bbox.html" >"$H/margins" 2>&1 <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
bad = [] if "<page" in d else ["no page"]
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', d, re.S):
    w, h = float(page.group(1)), float(page.group(2))
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3)):
        x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
        if x0 < 55 or x1 > w - 55 or y0 < 20 or y1 > h - 20:
            bad.append("%s (%.1f, %.1f, %.1f, %.1f)" % (m.group(5)[:40], x0, y0, x1, y1))
print("\n".join(bad[:10]))
PY
if grep -q . "$H/margins"; then
	fail "hostile: no word leaves the PDF's margins" "$(cat "$H/margins")"
else
	ok "hostile: no word leaves the PDF's margins"
fi
if [ -z "${ROIC_SANITIZED:-}" ]; then
	if sh "$TOP/tests/web/validate.sh" "$H/out" >"$H/vnu" 2>&1; then
		ok "hostile: the pages are valid HTML ($(tail -1 "$H/vnu"))"
	else
		fail "hostile: the pages are valid HTML" "$(tail -10 "$H/vnu")"
	fi
fi

# Resource limits. An export over max_input_bytes (roic.json) is refused,
# named; one over the default 256 MiB (a sparse 300 MiB file) is refused
# without being read into memory; a template that includes itself stops
# at the nesting limit with an error.
printf '{ "max_input_bytes": 1000 }\n' >"$H/small.json"
expect_rc "limits: an export over max_input_bytes is refused" 2 "$ROIC" ingest -q --config "$H/small.json" \
    --db "$H/limits.db" "$TOP/fixtures/exports/northwind-health/northwind-health-2026-10.json"
expect_grep "and named, with the limit" "northwind-health-2026-10.json: error: file is larger than the limit of 1000 bytes (max_input_bytes)" "$WORK/err"
truncate -s 300M "$H/huge.json"
"$TOP/tools/rusage" "$ROIC" ingest -q --db "$H/limits.db" "$H/huge.json" >/dev/null 2>"$H/huge.err"
expect_grep "limits: a 300 MiB export is refused at the default 256 MiB" "huge.json: error: file is larger than the limit of 268435456 bytes" "$H/huge.err"
kb=$(tail -n 1 "$H/huge.err" | awk '{ print $4 }')
if [ "${kb:-999999}" -lt 65536 ]; then
	ok "limits: without reading it into memory ($((kb / 1024)) MiB at most)"
else
	fail "limits: without reading it into memory (peak $kb KB)"
fi
rm -f "$H/huge.json"
mkdir -p "$H/tpl/partials"
printf 'x{{> self}}\n' >"$H/tpl/partials/self.md"
printf '# Report\n\n{{> self}}\n' >"$H/tpl/report.md"
expect_rc "limits: a template that includes itself stops" 2 "$ROIC" build -q --db "$H/store.db" --out "$H/selfout" \
    --templates "$H/tpl" --no-sign
expect_grep "with an error at the nesting limit" "partials nested more than 64 deep" "$WORK/err"
