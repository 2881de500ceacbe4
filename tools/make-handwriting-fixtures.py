#!/usr/bin/env python3
"""Writes tests/fixtures/handwriting/*.json: characters written in their standard stroke order
(GB 13000.1 笔顺), as a finger on a 300x300 pad would report them.

Each stroke is drawn through its key points; the points come at a steady sampling rate while the
finger speeds up and slows down (a minimum-jerk profile), so they are close together where a
stroke starts, turns and ends, and far apart in its middle; a little tremor (under 2 px) is added.
The output is deterministic (fixed seed).

Run from the repository's root: tools/make-handwriting-fixtures.py [--check]
--check also classifies each with zinnia (libzinnia.so.0 and Debian's model) and prints the ranks.
"""
import ctypes
import json
import math
import random
import sys

BOX = 300

# Key points of each stroke, in writing order.
CHARACTERS = {
    # 横, 竖
    "十": [[(60, 150), (240, 145)], [(150, 50), (152, 260)]],
    # 横, 横
    "二": [[(90, 110), (210, 106)], [(50, 210), (250, 205)]],
    # 横, 横, 横
    "三": [[(90, 70), (210, 68)], [(100, 150), (200, 148)], [(50, 240), (250, 236)]],
    # 横, 横, 竖, 提 (一 二 丰 王)
    "王": [[(80, 70), (220, 70)], [(90, 150), (210, 150)], [(150, 72), (150, 235)],
          [(50, 240), (250, 236)]],
    # 横, 撇, 捺
    "大": [[(50, 120), (250, 116)], [(150, 40), (148, 120), (125, 190), (60, 265)],
          [(150, 125), (250, 260)]],
    # 竖, 横折, 横
    "口": [[(110, 90), (112, 215)], [(110, 90), (195, 88), (190, 215)], [(112, 210), (190, 210)]],
    # 竖, 横折, 横, 横
    "日": [[(90, 50), (92, 250)], [(90, 50), (210, 48), (208, 250)], [(92, 150), (208, 150)],
          [(92, 245), (208, 245)]],
    # 竖, 横折, 横, 竖
    "中": [[(80, 100), (82, 190)], [(80, 100), (220, 98), (217, 190)], [(82, 185), (217, 185)],
          [(150, 40), (150, 270)]],
    # 横, 竖, 撇, 点
    "木": [[(50, 100), (250, 96)], [(150, 40), (150, 270)], [(148, 100), (100, 180), (45, 235)],
          [(152, 105), (200, 175), (255, 225)]],
    # 竖钩, 点, 点
    "小": [[(150, 40), (150, 250), (130, 235)], [(90, 110), (55, 200)], [(210, 110), (250, 190)]],
    # 竖, 横, 横
    "上": [[(130, 40), (132, 240)], [(132, 130), (210, 128)], [(40, 245), (260, 240)]],
    # 木 over 子: 横, 竖, 撇, 点, 横撇, 弯钩, 横
    "李": [[(60, 70), (240, 67)], [(150, 30), (150, 150)], [(145, 75), (100, 120), (50, 150)],
          [(155, 75), (200, 120), (250, 145)], [(110, 170), (190, 170), (150, 210)],
          [(150, 205), (150, 290), (130, 280)], [(40, 230), (260, 228)]],
}


def sampled(keys, rng, hz_step=0.018):
    """Points of one stroke: positions at equal time steps along the key-point path."""
    lengths = [math.dist(a, b) for a, b in zip(keys, keys[1:])]
    total = sum(lengths) or 1.0
    duration = max(0.12, total / 900.0)  # seconds: about 900 px/s on average
    steps = max(2, int(duration / hz_step))
    points = []
    for i in range(steps + 1):
        t = i / steps
        s = total * (10 * t**3 - 15 * t**4 + 6 * t**5)  # minimum jerk
        walked = 0.0
        for (a, b), length in zip(zip(keys, keys[1:]), lengths):
            if walked + length >= s or (a, b) == (keys[-2], keys[-1]):
                u = 0.0 if length == 0 else min(1.0, (s - walked) / length)
                x = a[0] + (b[0] - a[0]) * u
                y = a[1] + (b[1] - a[1]) * u
                break
            walked += length
        jitter = 0.0 if i in (0, steps) else 1.5
        point = [round(x + rng.uniform(-jitter, jitter)), round(y + rng.uniform(-jitter, jitter))]
        if not points or point != points[-1]:
            points.append(point)
    return points


def main():
    rng = random.Random(15)
    written = {}
    for char, strokes in CHARACTERS.items():
        ink = {"char": char, "width": BOX, "height": BOX,
               "strokes": [sampled(keys, rng) for keys in strokes]}
        name = f"tests/fixtures/handwriting/U+{ord(char):04X}.json"
        with open(name, "w", encoding="utf-8") as f:
            json.dump(ink, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        written[char] = ink
    if "--check" in sys.argv:
        check(written)


def check(written):
    z = ctypes.CDLL("libzinnia.so.0")
    vp, sz = ctypes.c_void_p, ctypes.c_size_t
    z.zinnia_recognizer_new.restype = vp
    z.zinnia_recognizer_open.argtypes = [vp, ctypes.c_char_p]
    z.zinnia_character_new.restype = vp
    z.zinnia_character_set_width.argtypes = [vp, sz]
    z.zinnia_character_set_height.argtypes = [vp, sz]
    z.zinnia_character_add.argtypes = [vp, sz, ctypes.c_int, ctypes.c_int]
    z.zinnia_recognizer_classify.restype = vp
    z.zinnia_recognizer_classify.argtypes = [vp, vp, sz]
    z.zinnia_result_size.argtypes = [vp]
    z.zinnia_result_value.restype = ctypes.c_char_p
    z.zinnia_result_value.argtypes = [vp, sz]
    r = z.zinnia_recognizer_new()
    assert z.zinnia_recognizer_open(r, b"/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
    for char, ink in written.items():
        c = z.zinnia_character_new()
        z.zinnia_character_set_width(c, ink["width"])
        z.zinnia_character_set_height(c, ink["height"])
        for i, stroke in enumerate(ink["strokes"]):
            for x, y in stroke:
                z.zinnia_character_add(c, i, x, y)
        res = z.zinnia_recognizer_classify(r, c, 10)
        got = "".join(z.zinnia_result_value(res, i).decode() for i in range(z.zinnia_result_size(res)))
        points = sum(len(s) for s in ink["strokes"])
        print(char, got.find(char) + 1 if char in got else "-", got, f"({points} points)")


main()
