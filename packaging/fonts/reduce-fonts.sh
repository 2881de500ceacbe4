#!/usr/bin/env bash
# reduce-fonts.sh — build the bundled Chinese UI/print fonts of bianmin.
#
# What it does:
#   Takes the Simplified-Chinese face ("Noto Sans CJK SC") out of the Noto Sans CJK
#   Regular and Bold OpenType collections and reduces it with fontTools' pyftsubset
#   to a broad character set, so that Chinese renders (and prints) on a machine that
#   has no CJK font installed. Writes:
#       <out>/NotoSansSC-Regular.otf
#       <out>/NotoSansSC-Bold.otf
#   The face index of "Noto Sans CJK SC" inside each .ttc is looked up by its family
#   name (name ID 1), not assumed (it is 2 in Debian's fonts-noto-cjk 1:20220127).
#
# Character set kept (glyphs the source font lacks are simply skipped):
#   - every character of the GBK repertoire: all valid 2-byte GBK codes, lead byte
#     0x81-0xFE, trail byte 0x40-0xFE except 0x7F, decoded with Python's "gbk" codec
#     (21,791 characters; includes all of GB2312)
#   - printable ASCII U+0020-U+007E, Latin-1 supplement U+00A0-U+00FF (incl. the yuan sign ¥)
#   - general punctuation U+2000-U+206F, CJK symbols and punctuation U+3000-U+303F (incl. 〇)
#   - full-width forms U+FF00-U+FFEF, arrows U+2190-U+21FF, box drawing U+2500-U+257F,
#     geometric shapes U+25A0-U+25FF, enclosed alphanumerics U+2460-U+24FF
#   - ℃ U+2103, № U+2116, ★ U+2605, ☆ U+2606, ✓ U+2713, ✔ U+2714
#   OpenType layout features are dropped (--layout-features=''), which roughly
#   halves the size; all name records are kept; .notdef keeps its outline.
#
# Usage:
#   bash packaging/fonts/reduce-fonts.sh [SOURCE_DIR] [OUTPUT_DIR]
#     SOURCE_DIR  directory holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc
#                 (default: /usr/share/fonts/opentype/noto)
#     OUTPUT_DIR  where the .otf files go (default: assets/fonts under the repo root,
#                 found from this script's location)
#
# Needs:
#   - Debian package fonts-noto-cjk   (apt-get update && apt-get install -y fonts-noto-cjk)
#   - python3 with fontTools          (pip install fonttools; provides pyftsubset)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

src_dir="${1:-/usr/share/fonts/opentype/noto}"
out_dir="${2:-$repo_root/assets/fonts}"
family="Noto Sans CJK SC"

command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 1; }
command -v pyftsubset >/dev/null || { echo "error: pyftsubset not found (pip install fonttools)" >&2; exit 1; }
for w in Regular Bold; do
    [[ -f "$src_dir/NotoSansCJK-$w.ttc" ]] || {
        echo "error: $src_dir/NotoSansCJK-$w.ttc not found (apt-get install -y fonts-noto-cjk)" >&2
        exit 1
    }
done
mkdir -p "$out_dir"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chars="$work/chars.txt"

# Character list, UTF-8, 64 characters per line (pyftsubset drops the newlines).
python3 - "$chars" <<'PY'
import sys

cps = set()
# GBK repertoire: every valid 2-byte code.
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            s = bytes((lead, trail)).decode("gbk")
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in s)

ranges = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement (¥ U+00A5)
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation (〇 U+3007)
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2460, 0x24FF),  # enclosed alphanumerics
]
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
cps.update(ord(c) for c in "¥℃№★☆✓✔")

# Never hand newline/carriage-return or private-use code points to pyftsubset.
cps = sorted(c for c in cps if c not in (0x0A, 0x0D) and not 0xE000 <= c <= 0xF8FF)
text = "".join(chr(c) for c in cps)
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
    for i in range(0, len(text), 64):
        f.write(text[i:i + 64] + "\n")
print(f"character list: {len(cps)} code points", file=sys.stderr)
PY

# Face index of the SC face, by family name (name ID 1).
face_index() {
    python3 - "$1" "$family" <<'PY'
import sys
from fontTools.ttLib import TTCollection
path, family = sys.argv[1], sys.argv[2]
for i, font in enumerate(TTCollection(path, lazy=True).fonts):
    if font["name"].getDebugName(1) == family:
        print(i)
        sys.exit(0)
sys.exit(f"error: no face with family name {family!r} in {path}")
PY
}

for w in Regular Bold; do
    src="$src_dir/NotoSansCJK-$w.ttc"
    out="$out_dir/NotoSansSC-$w.otf"
    n="$(face_index "$src")"
    echo "subsetting $src face $n ($family $w) -> $out" >&2
    pyftsubset "$src" --font-number="$n" --text-file="$chars" \
        --layout-features='' --name-IDs='*' --notdef-outline \
        --output-file="$out"
    ls -l "$out" >&2
done
