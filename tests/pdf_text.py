#!/usr/bin/env python3
"""pdf_text.py PDF: where a PDF's pages show their text, for the layout
checks of the tests. Reads each page's content stream (through qpdf's JSON,
as pdf_glyphs.py does) and follows its text and graphics state: every string
shown (Tj, TJ) with its page, the start of its baseline and the x where its
last glyph ends (the font's /W advances), its size, its font's name and its
text (through the font's ToUnicode CMap); and every rectangle drawn (re) with
the operator that paints it. Positions are in points from the page's bottom
left, after the current transformation (cm).

As a program it prints one tab-separated line a string:
    text PAGE X Y X_END SIZE FONT TEXT
and with --rects also one a rectangle:
    rect PAGE X Y W H PAINT
As a module: shows(path) and rects(path) give the same as dicts."""
import re
import sys

from pdf_glyphs import data, get, objects, to_unicode

TOKEN = re.compile(rb"""
    (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<lit>\((?:\\.|[^\\)])*\))
  | (?P<dict><<|>>)
  | (?P<open>\[) | (?P<close>\])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[A-Za-z'"][A-Za-z0-9*]*|\*)
  | (?P<comment>%[^\r\n]*)
""", re.X)


def widths(desc):
    """The advance of each code of a CIDFont, per 1000 of the size."""
    w = {}
    arr = desc.get("/W", [])
    i = 0
    while i < len(arr):
        first = arr[i]
        if isinstance(arr[i + 1], list):
            for k, v in enumerate(arr[i + 1]):
                w[first + k] = v
            i += 2
        else:
            for c in range(first, arr[i + 1] + 1):
                w[c] = arr[i + 2]
            i += 3
    return w, desc.get("/DW", 1000)


def mul(a, b):
    """The product of two PDF matrices [a b c d e f]: a, then b."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def pages(path):
    """Per page: its number (from 1), its size and its text and rectangles."""
    objs = objects(path)
    import json
    import subprocess
    out = subprocess.run(["qpdf", "--json=2", "--json-key=pages", path],
                         check=True, capture_output=True).stdout
    fonts = {}
    for n, page in enumerate(json.loads(out)["pages"], 1):
        pobj = get(objs, page["object"])
        box = pobj.get("/MediaBox", [0, 0, 612, 792])
        res = pobj["/Resources"]
        if isinstance(res, str):
            res = get(objs, res)
        fontdict = res.get("/Font", {})
        if isinstance(fontdict, str):
            fontdict = get(objs, fontdict)
        for name, ref in fontdict.items():
            if ref not in fonts:
                f = get(objs, ref)
                desc = get(objs, f["/DescendantFonts"][0])
                fonts[ref] = (f.get("/BaseFont", name),
                              to_unicode(data(objs, f["/ToUnicode"])),
                              widths(desc))
        contents = pobj["/Contents"]
        refs = contents if isinstance(contents, list) else [contents]
        stream = b"\n".join(data(objs, r) for r in refs)
        texts, boxes = run(stream, {k: fonts[v] for k, v in fontdict.items()}, n)
        yield n, box, texts, boxes


def run(stream, fonts, page):
    texts, boxes = [], []
    ctm, stack = [1, 0, 0, 1, 0, 0], []
    tm = tlm = [1, 0, 0, 1, 0, 0]
    font, size = None, 0
    ops = []
    pending = []        # rectangles not yet painted
    arr = None
    for m in TOKEN.finditer(stream):
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "comment" or kind == "dict":
            continue
        if kind == "open":
            arr = []
            continue
        if kind == "close":
            ops.append(arr)
            arr = None
            continue
        if kind != "op":
            val = tok
            if kind == "num":
                val = float(tok)
            elif kind == "hex":
                val = bytes.fromhex(re.sub(rb"\s", b"", tok[1:-1]).decode())
            elif kind == "name":
                val = tok.decode("latin-1")
            (arr if arr is not None else ops).append(val)
            continue
        op = tok.decode()
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = mul(ops[-6:], ctm)
        elif op == "BT":
            tm = tlm = [1, 0, 0, 1, 0, 0]
        elif op == "Tf":
            font, size = fonts.get(ops[-2]), ops[-1]
        elif op == "Tm":
            tm = tlm = ops[-6:]
        elif op in ("Td", "TD"):
            tlm = mul([1, 0, 0, 1, ops[-2], ops[-1]], tlm)
            tm = tlm
        elif op in ("Tj", "TJ") and font is not None:
            name, chars, (w, dw) = font
            parts = ops[-1] if op == "TJ" else [ops[-1]]
            m0 = mul(tm, ctm)
            text, adv = "", 0.0
            for p in parts:
                if isinstance(p, float):
                    adv -= p / 1000 * size
                    continue
                if isinstance(p, bytes) and p[:1] == b"(":
                    continue    # literal strings: not written by roic
                for i in range(0, len(p) - 1, 2):
                    code = p[i] << 8 | p[i + 1]
                    ch = chars.get(code)
                    text += chr(ch) if ch is not None else "\ufffd"
                    adv += w.get(code, dw) / 1000 * size
            end = mul([1, 0, 0, 1, adv, 0], mul(tm, ctm))
            texts.append({"page": page, "x": m0[4], "y": m0[5], "x_end": end[4],
                          "size": size * (m0[0] ** 2 + m0[1] ** 2) ** 0.5
                          if m0[0] or m0[1] else size,
                          "font": name.lstrip("/"), "text": text})
            tm = mul([1, 0, 0, 1, adv, 0], tm)
        elif op == "re":
            x, y, wd, ht = ops[-4:]
            a = mul([1, 0, 0, 1, x, y], ctm)
            b = mul([1, 0, 0, 1, x + wd, y + ht], ctm)
            pending.append({"page": page, "x": min(a[4], b[4]), "y": min(a[5], b[5]),
                            "w": abs(b[4] - a[4]), "h": abs(b[5] - a[5])})
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            for r in pending:
                r["paint"] = op
                boxes.append(r)
            pending = []
        ops = []
    return texts, boxes


def shows(path):
    return [t for _, _, texts, _ in pages(path) for t in texts]


def rects(path):
    return [r for _, _, _, boxes in pages(path) for r in boxes]


def main():
    args = [a for a in sys.argv[1:] if a != "--rects"]
    if len(args) != 1:
        print("usage: pdf_text.py [--rects] PDF", file=sys.stderr)
        return 2
    for n, _, texts, boxes in pages(args[0]):
        for t in texts:
            print("text\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s" % (
                n, t["x"], t["y"], t["x_end"], t["size"], t["font"], t["text"]))
        if "--rects" in sys.argv:
            for r in boxes:
                print("rect\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s" % (
                    n, r["x"], r["y"], r["w"], r["h"], r["paint"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
