#!/usr/bin/env python3
"""Writes N mutated slices of the corpus scripts for bench/outputs/compare.sh: a random
stretch of a script (cut at any byte, so UTF-8 may be broken), then a few random edits that
poke the reader's byte shortcuts (transitions, heading separators, notes, emphasis, tabs,
CR LF, non-ASCII text). Seeded: the same N gives the same files.

    mutate.py CORPUS_DIR OUT_DIR N
"""
import os
import random
import sys

PIECES = [b"TO:", b"CUT TO:", b" - ", b" -- ", b" \xe2\x80\x94 ", b"#12#", b"#", b"INT. ", b"EXT. ", b".", b"\n\n",
          b"\r\n", b"\r", b"\t", b"  ", b"*", b"**", b"_", b"\\", b"[[", b"]]", b"/*", b"*/", b"@", b"~", b">", b"<",
          b"!", b"=", b"(", b")", b"^", b", NIGHT", b", DAY", b"\xc3\xa9", b"\xe5\x86\x85\xe6\x99\xaf ", b"\xe3\x80\x82",
          b"\xcc\x81", b"\xd8\x80", b"\xff", b"ANNA", b"MONTAGE - ", b"[[shot: CU; move: wobble]]"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    data = bytearray(data[start:start + rng.randrange(200, 6000)])
    for _ in range(rng.randrange(1, 12)):
        if not data:
            break
        at = rng.randrange(len(data) + 1)
        choice = rng.random()
        if choice < 0.6:
            data[at:at] = rng.choice(PIECES)
        elif choice < 0.8:
            del data[at:at + rng.randrange(1, 8)]
        else:
            data[at:at + 20] = data[at:at + 20].swapcase()
    return bytes(data)


def main() -> None:
    corpus, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    scripts = sorted(os.path.join(corpus, name) for name in os.listdir(corpus) if name.endswith(".fountain"))
    texts = [open(path, "rb").read() for path in scripts]
    rng = random.Random(19)
    for index in range(count):
        with open(os.path.join(out, f"slice-{index:04d}.fountain"), "wb") as file:
            file.write(mutate(rng.choice(texts), rng))


if __name__ == "__main__":
    main()
