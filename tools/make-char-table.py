#!/usr/bin/env python3
"""Builds the rare-character picker's tables from the Unicode Han database (Unihan) as Debian's
`unicode-data` package installs it (/usr/share/unicode):

assets/chars/unihan.tsv.gz, one line per ideograph with a radical-stroke count:
    CODEPOINT(hex) TAB RADICAL[']. REMAINING TAB TOTAL_STROKES TAB FREQUENCY TAB READINGS TAB MODERN
READINGS are every Mandarin reading Unihan gives, tone-marked, space-separated: first the readings
of today's usage (kMandarin, then the 通用规范汉字字典 kTGHZ2013 and the 现代汉语词典 kXHC1983), then
those only the 汉语大字典 (kHanyuPinyin) records, often ancient; MODERN is how many come first.
FREQUENCY is kFrequency (1 = most common) or 0.

assets/chars/radicals.tsv, the 214 Kangxi radicals and their simplified forms (CJKRadicals.txt):
    NUMBER['] TAB RADICAL_CODEPOINT(hex) TAB IDEOGRAPH_CODEPOINT(hex)

Run: tools/make-char-table.py [UNICODE_DIR]   (from the repository's root)
"""
import bz2
import gzip
import io
import sys

unicode_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"


def fields(name, wanted):
    with bz2.open(f"{unicode_dir}/Unihan_{name}.txt.bz2", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, key, value = line.rstrip("\n").split("\t", 2)
            if key in wanted:
                yield int(cp[2:], 16), key, value


rs, strokes, freq, readings = {}, {}, {}, {}
for cp, key, value in fields("IRGSources", {"kRSUnicode", "kTotalStrokes"}):
    if key == "kRSUnicode":
        rs[cp] = value.split()[0]  # the first is the primary radical-stroke
    else:
        strokes[cp] = int(value.split()[0])
for cp, key, value in fields("DictionaryLikeData", {"kFrequency"}):
    freq[cp] = int(value)
SOURCES = ["kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin"]  # today's usage first
by_source = {}
for cp, key, value in fields("Readings", set(SOURCES)):
    if key == "kMandarin":
        parts = value.split()
    else:
        # "74806.100:zhé" or "1329.060:yǎn 1330.010:yàn" or "10019.020:tiàn,tiǎn"
        parts = [r for item in value.split() for r in item.split(":", 1)[1].split(",")]
    by_source.setdefault(cp, {})[key] = parts
modern = {}
for cp, sources in by_source.items():
    found = readings.setdefault(cp, [])
    for key in SOURCES:
        for reading in sources.get(key, []):
            if reading not in found:
                found.append(reading)
        if key == "kXHC1983":
            modern[cp] = len(found)

table = io.StringIO()
for cp in sorted(rs):
    table.write(
        f"{cp:X}\t{rs[cp]}\t{strokes.get(cp, 0)}\t{freq.get(cp, 0)}\t"
        f"{' '.join(readings.get(cp, []))}\t{modern.get(cp, 0)}\n"
    )
with open("assets/chars/unihan.tsv.gz", "wb") as out:
    # mtime=0: the same data gives the same bytes.
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(table.getvalue().encode("utf-8"))

with open(f"{unicode_dir}/CJKRadicals.txt", encoding="utf-8") as f, open(
    "assets/chars/radicals.tsv", "w", encoding="utf-8"
) as out:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        number, radical, ideograph = (part.strip() for part in line.split(";"))
        out.write(f"{number}\t{radical}\t{ideograph}\n")
