# t_layout.sh: the report page's layout truths (SPEC 5.5) in headless
# Chromium, at 390, 860 and 1280 CSS pixels: no figure runs through its
# card (it is set smaller to fit), no word of a table is cut; and the
# markup and style sheet that make the figures fit.

# Not in the sanitizer run: these check pages, which the other suites
# build under the sanitizers already.
if [ -z "${ROIC_SANITIZED:-}" ]; then
L=$WORK/page-layout
mkdir -p "$L"
(cd "$TOP" && "$ROIC" ingest -q --db "$L/store.db" fixtures/exports) >/dev/null 2>&1
python3 "$TOP/tests/long_words.py" "$L/long-words"
expect_rc "exports with long words and large figures" 0 "$ROIC" ingest -q --db "$L/store.db" "$L/long-words"
expect_rc "build" 0 "$ROIC" build -q --db "$L/store.db" --out "$L/site" --no-sign

# The markup: each card's figure says its width in em of DejaVu Sans Bold
# (--fit, rounded up: the longer figure the wider), and the style sheet
# sets the figure no larger than 100cqi / --fit in a container card.
page=$L/site/mots-longs-interprovinciaux/2026-10/index.html
python3 - "$page" "$L/site/mots-longs-interprovinciaux/assets/style.css" >"$WORK/out" 2>&1 <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
css = open(sys.argv[2], encoding="utf-8").read()
fits = [(float(w), html.unescape(t)) for w, t in
        re.findall(r'<p class="value" style="--fit: ([0-9.]+)">([^<]*)</p>', page)]
bad = []
if len(fits) != 5:
    bad.append("%d figures with --fit, not 5" % len(fits))
for (w1, t1), (w2, t2) in zip(fits, fits[1:]):
    if (len(t1) < len(t2)) != (w1 < w2) and len(t1) != len(t2):
        bad.append("'%s' (%s em) and '%s' (%s em)" % (t1, w1, t2, w2))
# "1 409 053,33 $ US" is 17 characters of about 0.6 em
for w, t in fits:
    if not 0.45 * len(t) <= w <= 0.8 * len(t):
        bad.append("'%s' is %s em wide" % (t, w))
if not re.search(r"\.card \{[^}]*container-type: inline-size", css):
    bad.append("a card is not a container")
if not re.search(r"\.card \.value \{[^}]*font-size: min\(var\(--value-size\), 100cqi / var\(--fit, 1\)\)", css):
    bad.append("the figure's size does not use --fit")
print("\n".join(bad) or "%d figures: %s" % (len(fits), ", ".join("%s em" % w for w, _ in fits)))
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then
	ok "each card's figure carries its width, and the style sheet fits it ($(cat "$WORK/out"))"
else
	fail "each card's figure carries its width, and the style sheet fits it" "$(cat "$WORK/out")"
fi
# Table cells hyphenate in the page's language and never break a word
# between letters; only a code breaks anywhere.
css=$L/site/mots-longs-interprovinciaux/assets/style.css
python3 - "$page" "$css" >"$WORK/out" 2>&1 <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
css = re.sub(r"/\*.*?\*/", "", open(sys.argv[2], encoding="utf-8").read(), flags=re.S)
rules = re.findall(r"([^{}]+)\{([^}]*)\}", css)
bad = []
if '<html lang="fr"' not in page:
    bad.append("the page does not say its language")
if not any(sel.strip() == "th, td" and re.search(r"(^|[;\s])hyphens: auto", body) for sel, body in rules):
    bad.append("th, td do not hyphenate")
for sel, body in rules:
    if re.search(r"overflow-wrap|word-wrap|word-break", body) and sel.strip() != "td code":
        bad.append("%s { %s } may break a word between letters" % (sel.strip(), body.strip()))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then
	ok "table cells hyphenate (lang fr) and never break a word between letters"
else
	fail "table cells hyphenate (lang fr) and never break a word between letters" "$(cat "$WORK/out")"
fi

# In Chromium: every figure inside its card, no word of a table cut
# (tests/web/layout.html shows each page in an iframe of each width).
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	fail "chromium is missing: make web-deps"
else
	url="file://$TOP/tests/web/layout.html?w=390&w=860&w=1280"
	for t in mots-longs-interprovinciaux long-words-consolidated northwind-health mutuelle-laurentienne harborview-logistics; do
		url="$url&p=file://$L/site/$t/2026-10/index.html"
	done
	url="$url&p=file://$L/site/mots-longs-interprovinciaux/index.html"
	prof=$(mktemp -d)
	timeout -k 5 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --disable-dev-shm-usage --no-default-browser-check --allow-file-access-from-files \
	    --user-data-dir="$prof" --window-size=1400,1000 --dump-dom "$url" >"$L/dom" 2>/dev/null
	rm -rf "$prof"
	python3 - "$L/dom" >"$WORK/out" 2>&1 <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="probe">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
if not m:
    print("the probe wrote nothing")
    sys.exit(1)
r = json.loads(html.unescape(m.group(1)))
print("%d pages and widths, %d figures, %d words of tables%s" % (
    len(r["frames"]), r["cards"], r["words"], "; " + r["skipped"] if "skipped" in r else ""))
for f in r["faults"][:20]:
    print(f)
sys.exit(1 if r["faults"] or len(r["frames"]) != 18 or r["cards"] != 90 else 0)
PY
	if [ $? -eq 0 ]; then
		ok "in Chromium, every figure stays in its card and no table word is cut ($(head -1 "$WORK/out"))"
	else
		fail "in Chromium, every figure stays in its card and no table word is cut" "$(cat "$WORK/out")"
	fi
fi
fi
