#!/bin/sh
# One more one-line edit of a built Big Fish project, then the build (bench/README.md, "No-op
# rebuild and one-line edit", session 4). Each run edits the line bench/build/run.sh edits
# (the first line spoken after the title page) anew, a word longer than the last run's: the
# shot is timed anew, so every later shot's record timecode moves and every sheet page is
# drawn again, as after run.sh's edit. Made for paired runs of two builds of animatic on one
# project (each run leaves it as an edit leaves it):
#
#   farm-bench -n 4 --timeout 600 --vs "bench/build/edit.sh OLD/bin/animatic DIR none" \
#       -- bench/build/edit.sh NEW/bin/animatic DIR none
#
#   bench/build/edit.sh ANIMATIC DIR AUDIO   (DIR/film.fountain built cold first, AUDIO none or scratch)
set -eu
bin=$1; dir=$2; audio=$3
n=$(cat "$dir/.edits" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$dir/.edits"
line=$(python3 - "$dir/film.fountain" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = lines.index("") + 1 if "" in lines else 0
cue = re.compile(r"^[A-Z][A-Z0-9 .'\-]*(\(.*\))?\s*$")
for i in range(max(start, 1), len(lines)):
    previous = lines[i - 1]
    if cue.match(previous) and not previous.startswith(("INT", "EXT")) and lines[i].strip() \
            and not lines[i].startswith("("):
        print(i + 1)
        break
PY
)
suffix=" Edit $n$(yes ' again' | head -n $n | tr -d '\n')."
sed -i "${line}s/ Edit [0-9][0-9a-z ]*\.\$//; ${line}s/\$/$suffix/" "$dir/film.fountain"
exec "$bin" build "$dir/film.fountain" --size 1280x720 --jobs 2 --audio "$audio" --quiet
