# t_pdf.sh: the PDF report: qpdf, pdffonts, pdfinfo, the words and figures
# pdftotext gives back, a long table across pages, the text layer (golden),
# the same bytes on a rebuild; long words in tables broken only with a
# hyphen or after a separator, hashes whole, figures inside their cards.

P=$WORK/pdf
mkdir -p "$P"
PDB=$P/store.db
(cd "$TOP" && "$ROIC" ingest -q --db "$PDB" fixtures/exports) >/dev/null 2>&1
expect_rc "a build with PDFs" 0 "$ROIC" build -q --db "$PDB" --out "$P/out" --msp-name "Acme Managed AI"

# The text of a PDF with no-break spaces as spaces (pdftotext keeps them;
# the display strings hold them too, so both sides are normalised).
pdftext() { pdftotext ${2:-} "$1" - 2>/dev/null | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g'; }

for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	pdf=$P/out/$t/2026-10/report.pdf
	if [ ! -s "$pdf" ]; then
		fail "$t: no report.pdf"
		continue
	fi
	if qpdf --check "$pdf" >"$WORK/out" 2>&1 && grep -q "No syntax or stream encoding errors" "$WORK/out"; then
		ok "$t: qpdf --check finds no error"
	else
		fail "$t: qpdf --check" "$(cat "$WORK/out")"
	fi
	pdffonts "$pdf" 2>/dev/null | tail -n +3 >"$WORK/fonts"
	if [ -s "$WORK/fonts" ] && ! awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }' "$WORK/fonts"; then
		fail "$t: a font is not embedded" "$(cat "$WORK/fonts")"
	else
		ok "$t: every font is embedded ($(wc -l <"$WORK/fonts") faces)"
	fi
	pdfinfo "$pdf" 2>/dev/null >"$WORK/info"
	expect_grep "$t: pdfinfo shows the author" '^Author: *Acme Managed AI$' "$WORK/info"
	pages=$(awk '/^Pages:/ { print $2 }' "$WORK/info")
	if [ "${pages:-0}" -ge 3 ]; then ok "$t: $pages pages"; else fail "$t: $pages pages"; fi
	# The words and figures of the report.
	pdftext "$pdf" >"$WORK/text"
	python3 - "$P/out/$t/2026-10/data.json" "$WORK/text" "$TOP/templates/i18n" >"$WORK/missing" <<'PY'
import json, sys
view = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
labels = json.load(open(sys.argv[3] + "/" + view["tenant"]["locale"] + ".json"))["labels"]
norm = lambda s: s.replace("\u00a0", " ").replace("\u202f", " ")
want = [view["figures"][f]["display"] for f in ("hours_saved", "cost_avoided", "error_reduction", "sla_adherence", "roi")]
want += [labels["sections"][s] for s in ("alerts", "service_levels", "quality", "drift", "integrations", "cost", "systems", "incidents", "lineage")]
want += [i["id"] for i in view["incidents"]]
want += [view["tenant"]["name"]]
for w in want:
    if norm(w) not in text:
        print(w)
PY
	if [ -s "$WORK/missing" ]; then
		fail "$t: pdftotext gives back every headline figure, section and incident" "$(cat "$WORK/missing")"
	else
		ok "$t: pdftotext gives back every headline figure, section and incident"
	fi
done
# roic deflates the streams itself (libharu's deflate at level 6 is replaced,
# through the dynamic linker, by one at level 1 that keeps a few long streams):
# each stream must be what zlib at level 1 makes of its bytes, and the report
# is no larger than it must be.
python3 - "$P/out/northwind-health/2026-10/report.pdf" >"$WORK/out" 2>&1 <<'PY'
import re, sys, zlib
d = open(sys.argv[1], "rb").read()
n = bad = 0
for m in re.finditer(rb"/Filter\s*(?:\[\s*)?/FlateDecode[^>]*>>\s*stream\r?\n", d):
    end = d.find(b"endstream", m.end())
    raw = d[m.end():end]
    raw = raw[:-1] if raw.endswith(b"\n") else raw  # libharu's EOL
    n += 1
    if zlib.compress(zlib.decompress(raw), 1) != raw:
        bad += 1
print("%d streams, %d not deflated at level 1" % (n, bad))
sys.exit(1 if bad or n < 5 else 0)
PY
if [ $? -eq 0 ]; then
	ok "the streams are deflated by roic, at level 1 ($(cat "$WORK/out"))"
else
	fail "the streams are deflated by roic, at level 1" "$(cat "$WORK/out")"
fi
# The faces of a report list its characters under codes 1, 2, ...: each
# CIDToGIDMap holds two bytes a character the report prints, not one per
# code point up to its highest character (U+2212 would make 8,723).
python3 - "$P/out/northwind-health/2026-10/report.pdf" >"$WORK/out" 2>&1 <<'PY'
import base64, json, subprocess, sys
q = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                               "--decode-level=generalized", sys.argv[1]],
                              check=True, capture_output=True).stdout)["qpdf"][1]
sizes = [len(base64.b64decode(q["obj:" + o["value"]["/CIDToGIDMap"]]["stream"]["data"]))
         for o in q.values()
         if isinstance(o.get("value"), dict) and "/CIDToGIDMap" in o["value"]]
print("CIDToGIDMap streams of %s bytes" % sizes)
sys.exit(0 if sizes and max(sizes) < 600 else 1)
PY
if [ $? -eq 0 ]; then ok "codes for the characters used: $(cat "$WORK/out")"; else fail "codes for the characters used" "$(cat "$WORK/out")"; fi
pdfinfo "$P/out/northwind-health/2026-10/report.pdf" 2>/dev/null >"$WORK/info"
expect_grep "pdfinfo shows the title: report, tenant and period" '^Title: *Monthly AI service report — Northwind Health Clinics — October 2026$' "$WORK/info"
expect_grep "en-CA is A4" '^Page size:.*(A4)' "$WORK/info"
expect_grep "the subject names tenant and month" '^Subject: *Northwind Health Clinics, October 2026$' "$WORK/info"
pdfinfo "$P/out/harborview-logistics/2026-10/report.pdf" 2>/dev/null >"$WORK/info"
expect_grep "en-US is Letter" '^Page size:.*(letter)' "$WORK/info"
pdfinfo "$P/out/mutuelle-laurentienne/2026-10/report.pdf" 2>/dev/null >"$WORK/info"
expect_grep "pdfinfo shows French accents in the title" '^Title: *Rapport mensuel des services d’IA — Mutuelle Laurentienne d.assurance générale — octobre 2026$' "$WORK/info"
expect_grep "and in the subject" "^Subject: *Mutuelle Laurentienne d'assurance générale, octobre 2026$" "$WORK/info"
pdftext "$P/out/mutuelle-laurentienne/2026-10/report.pdf" >"$WORK/text"
expect_grep "French accents come back from the PDF" 'Temps économisé' "$WORK/text"
expect_grep "and the footer counts pages in French" 'Page 1 sur ' "$WORK/text"

# Every character shown prints with its own glyph of the embedded face
# (the faces' maps list only what a document prints).
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	if python3 "$TOP/tests/pdf_glyphs.py" "$P/out/$t/2026-10/report.pdf" >"$WORK/out" 2>&1; then
		ok "$t: every character has its glyph ($(cat "$WORK/out"))"
	else
		fail "$t: every character has its glyph" "$(cat "$WORK/out")"
	fi
	pdftotext "$P/out/$t/2026-10/report.pdf" /dev/null 2>"$WORK/err"
	if [ -s "$WORK/err" ]; then
		fail "$t: poppler reads it without a warning" "$(sort -u "$WORK/err")"
	else
		ok "$t: poppler reads it without a warning (a valid ToUnicode CMap)"
	fi
done

# A name the subsets cannot print: the full faces, built after subset
# reports in the same process as alone, to the same bytes; an emoji no
# face has prints as U+FFFD.
printf '%s\n' '{ "format": "roic-kpi/1",' \
    '  "tenant": { "id": "zz-full-faces", "name": "Κέντρο Жук \ud83d\ude00 Ltd", "locale": "en-CA", "currency": "CAD" },' \
    '  "systems": [ { "id": "s1", "name": "Σύστημα", "model": "m", "baseline": { "minutes_per_task": 5, "error_rate": 0.1 } } ],' \
    '  "daily": [ { "date": "2026-10-01", "system": "s1", "tasks": 100, "errors": 2, "uptime_min": 1440, "downtime_min": 0 } ] }' >"$P/full.json"
cp "$PDB" "$P/full.db"
expect_rc "an export whose names the subsets lack" 0 "$ROIC" ingest -q --db "$P/full.db" "$P/full.json"
expect_rc "builds with the fixtures in one process" 0 "$ROIC" build -q -j 1 --db "$P/full.db" --out "$P/full" --msp-name "Acme Managed AI" --month 2026-10
expect_rc "and alone" 0 "$ROIC" build -q --db "$P/full.db" --out "$P/fullalone" --msp-name "Acme Managed AI" --tenant zz-full-faces --month 2026-10
pdf=$P/full/zz-full-faces/2026-10/report.pdf
if cmp -s "$pdf" "$P/fullalone/zz-full-faces/2026-10/report.pdf" && cmp -s "$P/full/northwind-health/2026-10/report.pdf" "$P/out/northwind-health/2026-10/report.pdf"; then
	ok "the same PDF bytes whatever the process made before"
else
	fail "the same PDF bytes whatever the process made before"
fi
pdftext "$pdf" >"$WORK/text"
expect_grep "Greek and Cyrillic come back from the PDF" 'Κέντρο Жук' "$WORK/text"
expect_grep "the emoji is U+FFFD" "$(printf 'Жук \357\277\275 Ltd')" "$WORK/text"
if python3 "$TOP/tests/pdf_glyphs.py" "$pdf" >"$WORK/out" 2>&1; then
	ok "each of them has its glyph in the full faces ($(cat "$WORK/out"))"
else
	fail "each of them has its glyph in the full faces" "$(cat "$WORK/out")"
fi

# The text layer, golden: one report per locale.
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	pdftext "$P/out/$t/2026-10/report.pdf" -layout >"$WORK/layout"
	if diff -u "$TOP/tests/golden/$t-2026-10.pdf.txt" "$WORK/layout" >"$WORK/diff"; then
		ok "golden PDF text layer $t 2026-10"
	else
		fail "golden PDF text layer $t 2026-10 differs (make golden, then review)" "$(head -20 "$WORK/diff")"
	fi
done

# The same bytes on a rebuild.
expect_rc "a second build" 0 "$ROIC" build -q --db "$PDB" --out "$P/again" --msp-name "Acme Managed AI" --tenant mutuelle-laurentienne
if cmp -s "$P/out/mutuelle-laurentienne/2026-10/report.pdf" "$P/again/mutuelle-laurentienne/2026-10/report.pdf"; then
	ok "the same PDF bytes on a rebuild"
else
	fail "the same PDF bytes on a rebuild"
fi

# 60 incidents: the table breaks across pages, its header on each.
{
	printf '{ "format": "roic-kpi/1",\n'
	printf '  "tenant": { "id": "many-incidents", "name": "Many Incidents Inc.", "locale": "en-CA", "currency": "CAD" },\n'
	printf '  "sla": { "availability": 0.99, "resolution_minutes": { "P2": 600 } },\n'
	printf '  "systems": [ { "id": "s1", "name": "System one", "model": "m", "baseline": { "minutes_per_task": 5, "error_rate": 0.1 } } ],\n'
	printf '  "daily": [ { "date": "2026-10-01", "system": "s1", "tasks": 100, "errors": 2, "uptime_min": 1440, "downtime_min": 0 } ],\n'
	printf '  "incidents": [\n'
	i=1
	while [ $i -le 60 ]; do
		printf '    { "id": "INC-%03d", "system": "s1", "severity": "P2", "opened": "2026-10-%02dT08:00:00Z", "resolved": "2026-10-%02dT09:30:00Z", "summary": "Incident number %d of a long month, with a summary that wraps onto a second line of its cell" }%s\n' \
		    "$i" $((i % 28 + 1)) $((i % 28 + 1)) "$i" "$([ $i -lt 60 ] && echo ,)"
		i=$((i + 1))
	done
	printf '  ] }\n'
} >"$P/many.json"
expect_rc "an export with 60 incidents" 0 "$ROIC" ingest -q --db "$P/many.db" "$P/many.json"
expect_rc "builds" 0 "$ROIC" build -q --db "$P/many.db" --out "$P/many" --month 2026-10
pdf=$P/many/many-incidents/2026-10/report.pdf
n=0
pages_with_rows=0
p=1
last=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
while [ "$p" -le "${last:-0}" ]; do
	pdftotext -f "$p" -l "$p" -layout "$pdf" - 2>/dev/null >"$WORK/page"
	if grep -q 'INC-0[0-9][0-9]' "$WORK/page"; then
		pages_with_rows=$((pages_with_rows + 1))
		if grep -q -E '^ *ID +System +Severity +Opened' "$WORK/page"; then
			n=$((n + 1))
		fi
	fi
	p=$((p + 1))
done
if [ "$pages_with_rows" -ge 2 ] && [ "$n" -eq "$pages_with_rows" ]; then
	ok "60 incidents run over $pages_with_rows pages, the header on each"
else
	fail "60 incidents: $pages_with_rows pages with rows, $n with the header"
fi
pdftext "$pdf" >"$WORK/text"
expect_eq "all 60 incidents are in the PDF" "$(grep -o 'INC-0[0-9][0-9]' "$WORK/text" | sort -u | wc -l)" "60"

# No word beyond the margins (56 pt; 1 pt of slack) on any page.
for pdf in "$P"/out/*/2026-10/report.pdf "$P/many/many-incidents/2026-10/report.pdf"; do
	pdftotext -bbox "$pdf" "$WORK/bbox.html" 2>/dev/null
	python3 - "$WORK/bbox.html" >"$WORK/out" <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
bad = []
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', d, re.S):
    w, h = float(page.group(1)), float(page.group(2))
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3)):
        x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
        if x0 < 55 or x1 > w - 55 or y0 < 20 or y1 > h - 20:
            bad.append("%s (%.1f, %.1f, %.1f, %.1f)" % (m.group(5), x0, y0, x1, y1))
if bad:
    print("\n".join(bad[:10]))
PY
	if [ -s "$WORK/out" ]; then
		fail "no word leaves the margins of $(basename "$(dirname "$(dirname "$pdf")")")" "$(cat "$WORK/out")"
	else
		ok "no word leaves the margins of $(basename "$(dirname "$(dirname "$pdf")")")"
	fi
done

# Charts are vectors: the only raster image of a report is the logo.
expect_eq "the northwind PDF holds one image, its logo" \
    "$(pdfimages -list "$P/out/northwind-health/2026-10/report.pdf" 2>/dev/null | awk '$3 == "image"' | wc -l)" "1"
expect_eq "a tenant without a logo, none" \
    "$(pdfimages -list "$P/out/harborview-logistics/2026-10/report.pdf" 2>/dev/null | awk '$3 == "image"' | wc -l)" "0"

# A paragraph longer than a page breaks across pages, line by line.
mkdir -p "$P/long"
python3 -c 'print("# Long\n\n" + " ".join("word%d" % i for i in range(4000)))' >"$P/long/report.md"
expect_rc "a report with a paragraph longer than a page" 0 "$ROIC" build -q --db "$PDB" --out "$P/longout" \
    --tenant northwind-health --templates "$P/long" --no-sign
pages=$(pdfinfo "$P/longout/northwind-health/2026-10/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ "${pages:-0}" -ge 2 ] && [ "${pages:-99}" -le 12 ]; then
	ok "fills its pages ($pages)"
else
	fail "fills its pages (got $pages)"
fi
pdftotext "$P/longout/northwind-health/2026-10/report.pdf" - 2>/dev/null | tr ' ' '\n' | grep -c '^word' >"$WORK/n"
expect_eq "and keeps every word" "$(cat "$WORK/n")" "4000"

# Fuzzer finds (tests/regress-pdf): each a report.md that once failed to
# make a PDF; each builds now (under the sanitizers too). empty-prep.md:
# libharu rewrote the subsets' missing prep as an empty last table and
# failed when the font data ended on 8 KiB; the subsets keep cvt, fpgm and
# prep. charts-laid-out-twice.md: charts the page had not laid out moved
# in memory when another was added, and the PDF drew the old place (a use
# after free); the PDF holds a chart's list and index now.
for f in "$TOP"/tests/regress-pdf/*.md; do
	rm -rf "$P/regress" "$P/regressout"
	mkdir -p "$P/regress"
	cp "$f" "$P/regress/report.md"
	expect_rc "regress-pdf/$(basename "$f") builds its PDF" 0 "$ROIC" build -q --db "$PDB" --out "$P/regressout" \
	    --tenant mutuelle-laurentienne --templates "$P/regress" --no-sign
done
for f in "$TOP"/build/fonts/DejaVuSans.ttf "$TOP"/build/fonts/DejaVuSans-Bold.ttf; do
	python3 - "$f" >"$WORK/out" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
n = struct.unpack(">H", d[4:6])[0]
t = {d[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", d[24 + 16 * i:28 + 16 * i])[0] for i in range(n)}
print(" ".join("%s=%d" % (k.decode(), t.get(k, 0)) for k in (b"cvt ", b"fpgm", b"prep")))
PY
	if grep -q "=0" "$WORK/out"; then
		fail "$(basename "$f") subset keeps non-empty cvt, fpgm and prep" "$(cat "$WORK/out")"
	else
		ok "$(basename "$f") subset keeps non-empty cvt, fpgm and prep ($(cat "$WORK/out"))"
	fi
done


# Long words and large figures (SPEC 5.5, layout truths): two tenants, in
# French (USD, so "1 409 053,33 $ US") and in English, whose system names,
# models, summaries, features, endpoints and export files are long words.
python3 "$TOP/tests/long_words.py" "$P/long-words"
expect_rc "exports with long words and large figures" 0 "$ROIC" ingest -q --db "$P/long.db" "$P/long-words"
expect_rc "build" 0 "$ROIC" build -q --db "$P/long.db" --out "$P/long" --no-sign

# No line of a table or card ends inside a word without a hyphen: a long
# word breaks at a hyphenation point of the locale's dictionary (a hyphen
# added) or after - _ / . (nothing added), and each hyphenated break reads
# back from pdftotext -raw on two consecutive lines (tests/pdf_breaks.py
# knows each cell's text from the page).
for r in out/northwind-health out/mutuelle-laurentienne out/harborview-logistics \
    long/mots-longs-interprovinciaux long/long-words-consolidated; do
	d=$P/$r/2026-10
	want=0
	case $r in long/*) want=3 ;; esac
	if python3 "$TOP/tests/pdf_breaks.py" --want-hyphens $want "$d/report.pdf" "$d/index.html" >"$WORK/out" 2>&1; then
		ok "$(basename "$r"): no word of a PDF table is cut without a hyphen ($(tail -1 "$WORK/out"))"
	else
		fail "$(basename "$r"): no word of a PDF table is cut without a hyphen" "$(cat "$WORK/out")"
	fi
done

# A SHA-256 is a code, not a word: it is shown whole, on one line, without
# a hyphen, so that it can be copied and compared.
for r in out/northwind-health out/mutuelle-laurentienne out/harborview-logistics long/mots-longs-interprovinciaux; do
	d=$P/$r/2026-10
	python3 - "$d/report.pdf" "$d/data.json" >"$WORK/out" 2>&1 <<'PY'
import json, subprocess, sys
sys.path.insert(0, __import__("os").environ["TOP"] + "/tests")
from pdf_text import shows
texts = [s["text"] for s in shows(sys.argv[1])]
raw = subprocess.run(["pdftotext", "-raw", sys.argv[1], "-"], capture_output=True).stdout.decode().split("\n")
lineage = json.load(open(sys.argv[2]))["lineage"]
bad = [l["sha256"] for l in lineage if l["sha256"] not in texts or not any(l["sha256"] in x for x in raw)]
print("%d hashes, %d not whole on one line" % (len(lineage), len(bad)))
for b in bad:
    print(b)
sys.exit(1 if bad or not lineage else 0)
PY
	if [ $? -eq 0 ]; then
		ok "$(basename "$r"): each SHA-256 of the lineage is whole on one line ($(head -1 "$WORK/out"))"
	else
		fail "$(basename "$r"): each SHA-256 of the lineage is whole on one line" "$(cat "$WORK/out")"
	fi
done

# No figure overflows its card (SPEC 5.5): every string drawn in a headline
# card (the stroked box around its figure) starts and ends inside the box;
# a figure too wide for it is set smaller (its font's widths).
for r in out/northwind-health out/mutuelle-laurentienne out/harborview-logistics \
    long/mots-longs-interprovinciaux long/long-words-consolidated; do
	d=$P/$r/2026-10
	python3 - "$d/report.pdf" "$d/data.json" >"$WORK/out" 2>&1 <<'PY'
import json, os, sys
sys.path.insert(0, os.environ["TOP"] + "/tests")
from pdf_text import pages
view = json.load(open(sys.argv[2]))
figs = [view["figures"][f]["display"] for f in ("hours_saved", "cost_avoided", "error_reduction", "sla_adherence", "roi")]
cards, bad = [], []
for n, box, texts, rects in pages(sys.argv[1]):
    boxes = [r for r in rects if r["paint"] in ("S", "B", "b", "s")]
    inside = lambda t, b: b["x"] <= t["x"] <= b["x"] + b["w"] and b["y"] <= t["y"] <= b["y"] + b["h"]
    for t in texts:
        if t["text"] in figs:
            for b in boxes:
                if inside(t, b) and b not in cards:
                    cards.append(b)
                    for u in texts:
                        if inside(u, b) and (u["x"] < b["x"] + 0.5 or u["x_end"] > b["x"] + b["w"] - 0.5):
                            bad.append("'%s' ends at %.1f, its card at %.1f" % (u["text"], u["x_end"], b["x"] + b["w"]))
print("%d cards" % len(cards))
print("\n".join(bad))
sys.exit(0 if len(cards) == 5 and not bad else 1)
PY
	if [ $? -eq 0 ]; then
		ok "$(basename "$r"): every figure of the PDF's cards stays inside its card"
	else
		fail "$(basename "$r"): every figure of the PDF's cards stays inside its card" "$(cat "$WORK/out")"
	fi
done
