#!/usr/bin/python3
# reads_true.py SITE TEMPLATES MSP TENANT...: what a client reads is what
# data.json says (SPEC 5.5). For every month of each tenant's site, on the
# page and in the PDF (pdftotext): each headline card's value, change and
# previous month, and each "Label: value" of the sections equal the display
# strings of data.json (the previous month's own report for "previous");
# a change of a rate is in percentage points, never "%"; the summary's
# sentences are there; the restated notice and the partial-month banner are
# there exactly when they should be; the portal lists each month with its
# own figures and marks; the MSP's name is on the PDF's cover and footers
# and in the page's footer; the PDF's title names report, tenant and
# period. Prints one line per problem; exits 1 when there is one.
import html
import json
import os
import re
import subprocess
import sys

site, templates, msp = sys.argv[1], sys.argv[2], sys.argv[3]
tenants = sys.argv[4:]
bad = []


def norm(s):
    """Text with its spaces made plain and runs of them one."""
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip()


def text_of(fragment):
    return norm(html.unescape(re.sub(r"<[^>]*>", "", fragment)))


def problem(where, what):
    bad.append("%s: %s" % (where, what))


for tenant in tenants:
    tdir = os.path.join(site, tenant)
    months = sorted(d for d in os.listdir(tdir)
                    if re.fullmatch(r"\d{4}-\d{2}", d) and
                    os.path.exists(os.path.join(tdir, d, "data.json")))
    if not months:
        problem(tenant, "no month was built")
        continue
    views = {m: json.load(open(os.path.join(tdir, m, "data.json"),
                               encoding="utf-8")) for m in months}
    locale = views[months[-1]]["tenant"]["locale"]
    strings = json.load(open(os.path.join(templates, "i18n", locale + ".json"),
                             encoding="utf-8"))
    labels = strings["labels"]
    by_label = {norm(v): k for k, v in labels["figures"].items()}
    colon = norm(labels["colon"])
    for m in months:
        v = views[m]
        v.setdefault("summary", [])
        v.setdefault("period", {"partial": None})
        fig = v["figures"]
        where = "%s/%s" % (tenant, m)
        page = open(os.path.join(tdir, m, "index.html"), encoding="utf-8").read()
        ptext = text_of(page)
        pdf = os.path.join(tdir, m, "report.pdf")
        ftext = norm(subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                    check=True).stdout.decode("utf-8"))
        # Rates change in points.
        for k, f in fig.items():
            d = f.get("delta_display")
            if d is None:
                problem(where, "figure %s has no delta_display" % k)
            elif f["display"].endswith("%") and d != "\u2014" and \
                    not re.search(r"(pts|points?)$", d):
                problem(where, "the change of rate %s reads %r" % (k, d))
        prev = None
        i = months.index(m)
        if i > 0 and v["months"] and months[i - 1] in v["months"]:
            prev = views.get(months[i - 1])
        # The cards of the page.
        cards = re.findall(
            r'<section class="card[^"]*">\s*<h2>(.*?)</h2>\s*'
            r'<p class="value"[^>]*>(.*?)</p>\s*<p class="previous">(.*?)</p>\s*'
            r'<p class="delta[^"]*">(.*?)</p>', page, re.S)
        if len(cards) != 5:
            problem(where, "the page has %d headline cards, not 5" % len(cards))
        for lab, val, pr, de in cards:
            k = by_label.get(text_of(lab))
            if k is None:
                problem(where, "a card's label %r is no figure's" % text_of(lab))
                continue
            if text_of(val) != norm(fig[k]["display"]):
                problem(where, "card %s shows %r, data.json %r" %
                        (k, text_of(val), fig[k]["display"]))
            got = text_of(de).split(colon, 1)[-1].strip()
            if got != norm(fig[k].get("delta_display", "(none)")):
                problem(where, "card %s's change reads %r, data.json %r" %
                        (k, got, fig[k].get("delta_display", "(none)")))
            got = text_of(pr).split(colon, 1)[-1].strip()
            if prev is not None and got != norm(prev["figures"][k]["display"]):
                problem(where, "card %s's previous month reads %r, the report "
                        "of %s %r" % (k, got, months[i - 1],
                                      prev["figures"][k]["display"]))
            # The same in the PDF: the value, and the change after its label.
            if norm(fig[k]["display"]) not in ftext:
                problem(where, "the PDF lacks %s's %r" % (k, fig[k]["display"]))
            want = norm(labels["change"] + labels["colon"] +
                        fig[k].get("delta_display", "(none)"))
            if want not in ftext:
                problem(where, "the PDF lacks %r" % want)
        # "Label: value" in the sections' lists, page and PDF.
        items = re.findall(r"<li>(.*?)<strong>(.*?)</strong>", page, re.S)
        seen = 0
        for lab, val in items:
            lab = text_of(lab)
            if not lab.endswith(colon):
                continue
            k = by_label.get(lab[:-len(colon)].strip())
            if k is None or k not in fig:
                continue
            seen += 1
            if text_of(val) != norm(fig[k]["display"]):
                problem(where, "%s reads %r on the page, data.json %r" %
                        (k, text_of(val), fig[k]["display"]))
            want = norm(lab + " " + fig[k]["display"])
            if want not in ftext:
                problem(where, "the PDF lacks %r" % want)
        if seen < 10:
            problem(where, "only %d figures found in the sections" % seen)
        # The summary, on both.
        if not 3 <= len(v["summary"]) <= 6:
            problem(where, "the summary has %d sentences" % len(v["summary"]))
        for s in v["summary"]:
            if norm(s) not in ptext:
                problem(where, "the page lacks the summary's %r" % s)
            if norm(s) not in ftext:
                problem(where, "the PDF lacks the summary's %r" % s)
        # Notices.
        restated = os.path.exists(os.path.join(tdir, m, "report.v1.pdf"))
        notice = norm(labels["restated"])
        if (notice in ptext) != restated:
            problem(where, "the page %s a restated notice; report.v1.pdf is %s"
                    % ("has" if notice in ptext else "lacks",
                       "there" if restated else "not there"))
        if (notice in ftext) != restated:
            problem(where, "the PDF %s a restated notice" %
                    ("has" if notice in ftext else "lacks"))
        banner = v["period"].get("banner")
        if bool(v["period"]["partial"]) != (banner is not None):
            problem(where, "period.partial and period.banner disagree")
        partial_word = norm(labels["partial"])
        if (partial_word in ptext) != bool(v["period"]["partial"]):
            problem(where, "the page's partial-month banner is %s, "
                    "period.partial %s" % (partial_word in ptext,
                                           v["period"]["partial"]))
        if banner and norm(banner) not in ftext:
            problem(where, "the PDF lacks the banner %r" % banner)
        # Who made it, and what it is.
        if msp:
            prepared = norm(labels["prepared_by"].replace("{{msp}}", msp))
            foot = re.search(r"<footer>(.*?)</footer>", page, re.S)
            if not foot or prepared not in text_of(foot.group(1)):
                problem(where, "the page's footer lacks %r" % prepared)
            pages = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                   capture_output=True, check=True).stdout \
                .decode("utf-8").split("\f")
            pages = [p for p in pages if p.strip()]
            first = norm(pages[0]) if pages else ""
            if first.count(prepared) < 2:
                problem(where, "the PDF's first page lacks %r on the cover "
                        "and in the footer" % prepared)
            for n, p in enumerate(pages[1:], 2):
                if prepared not in norm(p):
                    problem(where, "the PDF's page %d lacks %r" % (n, prepared))
                    break
        info = subprocess.run(["pdfinfo", pdf], capture_output=True,
                              check=True).stdout.decode("utf-8")
        title = re.search(r"^Title: *(.*)$", info, re.M)
        month_label = labels["month_names"][int(m[5:]) - 1] + " " + m[:4]
        if not title or v["tenant"]["name"] not in title.group(1) or \
                month_label not in title.group(1):
            problem(where, "the PDF's title %r does not name tenant and period"
                    % (title.group(1) if title else None))
    # The portal: each month with its own figures and marks.
    portal = open(os.path.join(tdir, "index.html"), encoding="utf-8").read()
    entries = re.findall(r'<li><a href="(\d{4}-\d{2})/index.html">(.*?)</li>',
                         portal, re.S)
    if sorted(e[0] for e in entries) != months:
        problem(tenant, "the portal lists %s, the site has %s" %
                ([e[0] for e in entries], months))
    for m, rest in entries:
        if m not in views:
            continue
        t = text_of(rest)
        f = views[m]["figures"]
        for k in ("hours_saved", "cost_avoided", "sla_adherence"):
            want = norm(labels["figures"][k] + labels["colon"] + f[k]["display"])
            if want not in t:
                problem(tenant, "the portal's %s lacks %r" % (m, want))
        restated = os.path.exists(os.path.join(tdir, m, "report.v1.pdf"))
        if (norm(labels["restated"]) in t) != restated:
            problem(tenant, "the portal marks %s %srestated" %
                    (m, "" if not restated else "not "))
        if (norm(labels["partial"]) in t) != bool(views[m]["period"]["partial"]):
            problem(tenant, "the portal's partial mark of %s is wrong" % m)
        if 'download="%s-%s.pdf"' % (tenant, m) not in rest:
            problem(tenant, "the portal's PDF link of %s offers no download "
                    "name" % m)

print("\n".join(bad))
sys.exit(1 if bad else 0)
