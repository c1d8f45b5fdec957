#!/usr/bin/env bash
# Paired figures for the soundtrack's cost on Big Fish (bench/README.md, "Sound"), with
# farm-bench (A and B alternate, the ratio is taken pair by pair):
#   (a) a cold build with scratch audio against the same build with --audio none;
#   (b) a one-line edit with audio, ANIMATIC against BEFORE (another build of animatic, e.g.
#       main's), each in a directory it built cold first. Every edit run makes a new edit
#       (the first line of dialogue gets " Take N."), so each speaks a line no cache holds.
#
#   bench/build/sound-pairs.sh cold|edit
#
# Environment: ANIMATIC (default: the release build), BEFORE (for edit), RUNS (1 cold, 3
# edit), WORK (default: a temporary directory, kept: the cold builds are worth reusing).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
if [ -z "${ANIMATIC:-}" ]; then
  for product in animatic animatic-commands; do swift build -c release --product "$product" >/dev/null; done
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
echo "work directory: $work"

cat >"$work/cold.sh" <<SH
#!/bin/sh
# cold.sh DIR ANIMATIC [ARGS...]: a cold build of Big Fish in a fresh DIR (its cache too).
set -e
dir=\$1 animatic=\$2; shift 2
rm -rf "\$dir"; mkdir -p "\$dir"
cp "$root/Tests/Fixtures/corpus/Big-Fish.fountain" "\$dir/film.fountain"
exec "\$animatic" build "\$dir/film.fountain" --size 1280x720 --jobs 2 --quiet "\$@"
SH
cat >"$work/edit.py" <<'PY'
import re, sys, os
path = sys.argv[1]
orig = path + ".orig"
if not os.path.exists(orig):
    open(orig, "w", encoding="utf-8").write(open(path, encoding="utf-8").read())
counter = path + ".n"
n = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
open(counter, "w").write(str(n))
lines = open(orig, encoding="utf-8").read().split("\n")
start = lines.index("") + 1 if "" in lines else 0
cue = re.compile(r"^[A-Z][A-Z0-9 .'\-]*(\(.*\))?\s*$")
for i in range(max(start, 1), len(lines)):
    previous = lines[i - 1]
    if cue.match(previous) and not previous.startswith(("INT", "EXT")) and lines[i].strip() \
            and not lines[i].startswith("("):
        lines[i] = lines[i] + f" Take {n}."
        break
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
cat >"$work/edit.sh" <<SH
#!/bin/sh
# edit.sh DIR ANIMATIC: a new one-line edit of DIR/film.fountain, then a build.
set -e
cd "\$1"
python3 "$work/edit.py" film.fountain
exec "\$2" build film.fountain --size 1280x720 --jobs 2 --quiet
SH
chmod +x "$work/cold.sh" "$work/edit.sh"

case ${1:-} in
cold)
  farm-bench -n "${RUNS:-1}" --warmup 0 --timeout 3600 \
    --vs "$work/cold.sh $work/none $ANIMATIC --audio none" -- "$work/cold.sh" "$work/scratch" "$ANIMATIC" ;;
edit)
  : "${BEFORE:?BEFORE names the animatic to compare with}"
  [ -f "$work/scratch/film.mp4" ] || "$work/cold.sh" "$work/scratch" "$ANIMATIC"
  [ -f "$work/before/film.mp4" ] || "$work/cold.sh" "$work/before" "$BEFORE"
  farm-bench -n "${RUNS:-3}" --warmup 0 --timeout 3600 \
    --vs "$work/edit.sh $work/before $BEFORE" -- "$work/edit.sh" "$work/scratch" "$ANIMATIC" ;;
*) echo "usage: $0 cold|edit" >&2; exit 64 ;;
esac
