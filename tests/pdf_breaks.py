#!/usr/bin/env python3
"""pdf_breaks.py [--want-hyphens N] PDF PAGE.html: checks that no line of a
PDF's tables and cards ends inside a word without a hyphen (SPEC 5.5).

The lines of one cell are the strings the PDF shows one under the other at
the same x, in the same face and size, a line's height apart, one after the
other in its content stream (pdf_text.py reads them). What each cell says is
known from the report's HTML page (PAGE.html, made from the same view): the
text of its table cells, card headings and figures. A cell's lines must
read as such a text when each line end is taken as a space, as nothing
after a '-', '_', '/' or '.' (a break after a separator), or as nothing
with the line's last '-' removed (a hyphen the break added); a line end
that must be taken as nothing anywhere else to give the cell's text is a
word cut without a hyphen: a fault. Lines that read as no text of the page
(paragraphs the page words alike, charts) are left alone.

Every break that added a hyphen must also read back from `pdftotext -raw`:
the head with its hyphen ending one line, the tail starting the next.

Prints the faults and a summary; exits 1 on a fault, or when fewer than N
breaks added a hyphen (--want-hyphens)."""
import html.parser
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_text import shows  # noqa: E402

SEPARATORS = "-_/."
BLOCKS = {"td", "th", "h1", "h2", "h3", "h4", "p", "li", "dt", "dd",
          "summary", "caption", "figcaption"}


class Texts(html.parser.HTMLParser):
    """The text of every block element of a page (nested ones apart too)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.texts = set()

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.open.append([tag, ""])

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                self.texts.add(norm(self.open[i][1]))
                del self.open[i:]
                break

    def handle_data(self, data):
        for o in self.open:
            o[1] += data


def norm(s):
    return re.sub(r"[ \t\r\n]+", " ", s).strip()


def cells(runs):
    """The strings shown one under the other: lists of runs."""
    groups, cur = [], []
    for r in runs:
        if cur:
            last = cur[-1]
            step = last["y"] - r["y"]
            same = (r["page"] == last["page"] and abs(r["x"] - last["x"]) < 0.01
                    and r["font"] == last["font"] and abs(r["size"] - last["size"]) < 0.01
                    and 1.0 * r["size"] <= step <= 1.45 * r["size"])
            if same and len(cur) > 1:
                same = abs(step - (cur[0]["y"] - cur[1]["y"])) < 0.01
            if same:
                cur.append(r)
                continue
            groups.append(cur)
        cur = [r]
    if cur:
        groups.append(cur)
    return [g for g in groups if len(g) > 1]


def joins(line, cuts):
    """How a line end after `line` may be read: (text between, kind); with
    `cuts`, as a cut too."""
    out = [(" ", "space")]
    if line.endswith("-"):
        out.append(("\0-", "hyphen"))     # the added hyphen removed
    if line and line[-1] in SEPARATORS:
        out.append(("", "separator"))
    elif cuts:
        out.append(("", "cut"))
    return out


def read(lines, texts, prefixes, cuts):
    """The kinds of line ends that make the lines one of the texts (a
    list), or None; cuts among them only with `cuts`."""
    def walk(i, acc, kinds):
        if i == len(lines) - 1:
            return kinds if acc + lines[i] in texts else None
        for sep, kind in joins(lines[i], cuts):
            head = acc + (lines[i][:-1] if sep == "\0-" else lines[i] + sep)
            if head in prefixes:
                got = walk(i + 1, head, kinds + [kind])
                if got is not None:
                    return got
        return None
    return walk(0, "", [])


def main():
    args = sys.argv[1:]
    want = 0
    if len(args) >= 2 and args[0] == "--want-hyphens":
        want = int(args[1])
        args = args[2:]
    if len(args) != 2:
        print(__doc__.split("\n")[0], file=sys.stderr)
        return 2
    pdf, page = args
    parser = Texts()
    parser.feed(open(page, encoding="utf-8").read())
    texts = parser.texts
    prefixes = {t[:i] for t in texts for i in range(len(t) + 1)}
    raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8").split("\n")
    faults, hyphens, seps, checked, unknown = [], [], 0, 0, 0
    for g in cells(shows(pdf)):
        lines = [r["text"] for r in g]
        kinds = read(lines, texts, prefixes, False)
        if kinds is None:
            cut = read(lines, texts, prefixes, True)
            if cut is None:
                unknown += 1
                continue
            checked += 1
            for i, k in enumerate(cut):
                if k == "cut":
                    faults.append("page %d: a word cut without a hyphen: '%s' | '%s' in '%s'"
                                  % (g[0]["page"], lines[i], lines[i + 1], " / ".join(lines)))
            continue
        checked += 1
        for i, k in enumerate(kinds):
            if k == "separator":
                seps += 1
            elif k == "hyphen":
                head = lines[i].split(" ")[-1]
                tail = lines[i + 1].split(" ")[0]
                hyphens.append((head, tail))
                if not any(raw[j].rstrip().endswith(head) and raw[j + 1].lstrip().startswith(tail)
                           for j in range(len(raw) - 1)):
                    faults.append("page %d: '%s' | '%s' does not read back from pdftotext -raw"
                                  " on consecutive lines" % (g[0]["page"], head, tail))
    for f in faults[:20]:
        print(f)
    print("%d cells of several lines checked (%d read as no text of the page); "
          "%d breaks add a hyphen (%s), %d after a separator"
          % (checked, unknown, len(hyphens),
             ", ".join("%s|%s" % h for h in hyphens[:6]) + (", ..." if len(hyphens) > 6 else ""),
             seps))
    if len(hyphens) < want:
        print("wanted %d breaks that add a hyphen at least" % want)
        return 1
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
