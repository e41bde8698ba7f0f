#!/usr/bin/env python3
"""pdf_glyphs.py PDF: checks that every character a PDF's pages show prints
with a real glyph of the face the PDF embeds and reads back as a character:
for each code of each text string shown in a Type 0 font, the font's
ToUnicode CMap gives its character, the font's CIDToGIDMap gives a glyph
other than .notdef, that glyph is in the embedded TrueType file, and it has
an outline unless the character is a space. Reads the PDF through qpdf's
JSON (streams decoded). Prints one line per fault (at most 20) and exits 1
if any; else prints the number of characters checked."""
import base64
import json
import re
import struct
import subprocess
import sys

SPACES = {0x20, 0xA0, 0x202F, 0x2009, 0x2007}


def objects(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                          "--decode-level=generalized", path],
                         check=True, capture_output=True).stdout
    return json.loads(out)["qpdf"][1]


def get(objs, ref):
    """The value (or stream) of an indirect reference 'N 0 R'."""
    o = objs["obj:" + ref]
    return o.get("value", o.get("stream"))


def data(objs, ref):
    return base64.b64decode(get(objs, ref)["data"])


def to_unicode(cmap):
    """The characters of the codes of a ToUnicode CMap (bfrange, bfchar)."""
    text = cmap.decode("latin-1")
    chars = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for k in range(int(lo, 16), int(hi, 16) + 1):
                chars[k] = int(dst, 16) + k - int(lo, 16)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars[int(src, 16)] = int(dst, 16)
    return chars


def glyph_lengths(ttf):
    """The byte length of each glyph of a TrueType file (0: no outline)."""
    n = struct.unpack(">H", ttf[4:6])[0]
    tables = {}
    for i in range(n):
        tag, _, off, ln = struct.unpack(">4sIII", ttf[12 + 16 * i:28 + 16 * i])
        tables[tag.decode("latin-1")] = (off, ln)
    head = tables["head"][0]
    long_loca = struct.unpack(">h", ttf[head + 50:head + 52])[0] == 1
    off, ln = tables["loca"]
    if long_loca:
        loca = struct.unpack(">%dI" % (ln // 4), ttf[off:off + ln])
    else:
        loca = [2 * v for v in struct.unpack(">%dH" % (ln // 2), ttf[off:off + ln])]
    return [loca[i + 1] - loca[i] for i in range(len(loca) - 1)]


def main():
    objs = objects(sys.argv[1])
    faults = []
    checked = 0
    fonts = {}
    for page in json.loads(subprocess.run(
            ["qpdf", "--json=2", "--json-key=pages", sys.argv[1]],
            check=True, capture_output=True).stdout)["pages"]:
        pobj = get(objs, page["object"])
        res = pobj["/Resources"]
        if isinstance(res, str):
            res = get(objs, res)
        fontdict = res.get("/Font", {})
        if isinstance(fontdict, str):
            fontdict = get(objs, fontdict)
        for name, ref in fontdict.items():
            if ref in fonts:
                continue
            f = get(objs, ref)
            desc = get(objs, f["/DescendantFonts"][0])
            cmap = data(objs, desc["/CIDToGIDMap"])
            ttf = data(objs, get(objs, desc["/FontDescriptor"])["/FontFile2"])
            fonts[ref] = (cmap, glyph_lengths(ttf),
                          to_unicode(data(objs, f["/ToUnicode"])))
        contents = pobj["/Contents"]
        refs = contents if isinstance(contents, list) else [contents]
        text = b"".join(data(objs, r) for r in refs).decode("latin-1")
        cur = None
        for m in re.finditer(r"/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj", text):
            if m.group(1):
                cur = fonts[fontdict["/" + m.group(1)]]
                continue
            hexs = m.group(2)
            for i in range(0, len(hexs), 4):
                code = int(hexs[i:i + 4], 16)
                cmap, glyphs, chars = cur
                gid = struct.unpack(">H", cmap[2 * code:2 * code + 2])[0] \
                    if 2 * code + 2 <= len(cmap) else 0
                checked += 1
                if code not in chars:
                    faults.append("code %04X reads back as no character" % code)
                    continue
                ch = chars[code]
                if gid == 0:
                    faults.append("U+%04X prints as .notdef" % ch)
                elif gid >= len(glyphs):
                    faults.append("U+%04X: glyph %d not in the font" % (ch, gid))
                elif glyphs[gid] == 0 and ch not in SPACES:
                    faults.append("U+%04X: glyph %d has no outline" % (ch, gid))
    for f in sorted(set(faults))[:20]:
        print(f)
    if faults:
        return 1
    print("%d characters, each with its glyph" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
