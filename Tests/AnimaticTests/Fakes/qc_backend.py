#!/usr/bin/env python3
"""A generative backend that fails quality control on purpose, for the QC tests: it writes
a Y4M video (raw 4:2:0 frames behind a text header, so no ffmpeg is involved and every pixel
is known) of a sharp checkerboard drifting across the frame: a clip that passes every check.

    qc_backend.py WIDTH HEIGHT FRAMES FPS SEED OUTPUT

FAKE_QC_MODE makes a bad clip instead: "black" (every frame black), "frozen" (the board
never moves), "cut" (halfway, a different picture), "flicker" (brightness alternating
frame to frame), "blur" (the board smeared soft), "short" (a third of the frames asked
for). The first FAKE_QC_BAD runs (default 1) are bad, the rest good; runs are counted in
the file FAKE_QC_STATE. With FAKE_QC_GOOD_SEEDS (seeds, comma-separated) the bad clips are
instead those of every seed not listed, whatever the run: so one take of a shot can fail
every retake while another passes. Every run appends its seed to FAKE_QC_SEEDS when that
is set."""

import os
import sys

width, height, frames, fps, seed = (int(value) for value in sys.argv[1:6])
output = sys.argv[6]

mode = os.environ.get("FAKE_QC_MODE", "")
state = os.environ.get("FAKE_QC_STATE")
runs = 0
if state:
    runs = int(open(state).read()) if os.path.exists(state) else 0
    with open(state, "w") as file:
        file.write(str(runs + 1))
if "FAKE_QC_GOOD_SEEDS" in os.environ:
    if str(seed) in os.environ["FAKE_QC_GOOD_SEEDS"].split(","):
        mode = ""
elif runs >= int(os.environ.get("FAKE_QC_BAD", "1")):
    mode = ""
if os.environ.get("FAKE_QC_SEEDS"):
    with open(os.environ["FAKE_QC_SEEDS"], "a") as file:
        file.write("%d %s\n" % (seed, mode or "good"))

CELL = 8


def board(shift, dark, light, soft=False, cell=CELL):
    """The luma plane: a checkerboard of `cell`-pixel squares moved `shift` pixels right;
    `soft` turns each square into a ramp along x, with no edge anywhere."""
    rows = []
    for y in range(height):
        row = bytearray(width)
        for x in range(width):
            u, v = (x - shift) % (2 * cell), y % (2 * cell)
            if soft:
                row[x] = int(dark + (light - dark) * abs(u - cell) / cell)
            else:
                row[x] = light if (u < cell) != (v < cell) else dark
        rows.append(bytes(row))
    return b"".join(rows)


count = max(1, frames // 3) if mode == "short" else frames
chroma = bytes([128]) * ((width // 2) * (height // 2) * 2)
with open(output, "wb") as file:
    file.write(b"YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n" % (width, height, fps))
    cache = {}
    for index in range(count):
        if mode == "black":
            key = ("black",)
        elif mode == "frozen":
            key = ("board", 0, 40, 200, False)
        elif mode == "cut" and index >= count // 2:
            key = ("board", 2 * index, 200, 40, False, 3 * CELL)
        elif mode == "flicker":
            key = ("board", 2 * index, 40, 200, False) if index % 2 == 0 else ("board", 2 * index, 90, 250, False)
        elif mode == "blur":
            key = ("board", 2 * index, 40, 200, True)
        else:
            key = ("board", 2 * index, 40, 200, False)
        if key not in cache:
            cache[key] = bytes([16]) * (width * height) if key[0] == "black" else board(*key[1:])
        file.write(b"FRAME\n" + cache[key] + chroma)
