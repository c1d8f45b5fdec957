#!/usr/bin/env python3
"""Writes the hostile inputs of issue 11 into a directory (bench/hostile/run.sh, and the
fuzz corpus at a smaller SCALE): one-line action paragraphs, a flood of headings, random
bytes, a long dialogue line, deep emphasis, thousands of annotations and notes.

    make-inputs.py DIRECTORY [SCALE]     SCALE 1.0 = the sizes in bench/README.md
"""
import os
import random
import sys

directory = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(directory, exist_ok=True)
random.seed(11)
words = "the a man walks into room and looks at window slowly while rain falls outside she turns".split()


def size(kb):
    return max(1, int(kb * 1000 * scale))


def write(name, text):
    with open(os.path.join(directory, name), "w", encoding="utf-8") as file:
        file.write(text)


def one_line(n):
    text = " ".join(random.choice(words) for _ in range(n // 4 + 1))
    return text[:n]


# One action paragraph on one line, no sentence end: one shot of hundreds of segments.
for kb in (100, 400):
    write(f"paragraph-{kb}k.fountain", "INT. ROOM - DAY\n\n" + one_line(size(kb)) + "\n")
# A line of dialogue just as long.
write("monologue-400k.fountain", "INT. ROOM - DAY\n\nANNA\n" + one_line(size(400)) + "\n")
# Headings and nothing else.
count = max(1, int(100_000 * scale))
write("headings-100k.fountain", "".join(f"INT. ROOM {i} - DAY\n\n" for i in range(count)))
# Random bytes.
with open(os.path.join(directory, "random-5m.fountain"), "wb") as file:
    file.write(random.randbytes(size(5000)))
# Emphasis opened and never closed, thousands deep.
write("emphasis.fountain", "INT. ROOM - DAY\n\n" + "*_**" * (size(100) // 4) + "\n")
# Annotations and notes by the thousand.
lines = ["INT. ROOM - DAY", ""]
for i in range(max(1, int(5000 * scale))):
    lines += [f"[[shot: CU Anna; duration: {i % 9 + 1}s; move: push in]]", f"Anna waits {i}.", ""]
write("annotations-5k.fountain", "\n".join(lines) + "\n")
