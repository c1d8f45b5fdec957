#!/usr/bin/env bash
# animatic build, end to end on Big Fish (bench/README.md, "Build"): a cold build at
# 1280x720 24 fps with the built-in storyboard renderer (wall time, ratio to the film's
# running time, peak memory), a no-op rebuild, and a rebuild after a one-line edit.
#
#   bench/build/run.sh [SCRIPT]     (default Tests/Fixtures/corpus/Big-Fish.fountain)
#
# Environment: ANIMATIC (default: the release build, made if missing), SIZE (1280x720),
# JOBS (the number of cores), AUDIO (scratch, the default, or none), KEEP=1 to keep the
# work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=${1:-Tests/Fixtures/corpus/Big-Fish.fountain}
size=${SIZE:-1280x720}
jobs=${JOBS:-$(nproc)}
audio=${AUDIO:-scratch}
if [ -z "${ANIMATIC:-}" ]; then
  for product in animatic animatic-commands animatic-media; do swift build -c release --product "$product" >/dev/null; done
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
work=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cp "$script" "$work/film.fountain"

# Runs one build under /usr/bin/time; sets wall (s), cpu (user + system s) and rss (MB).
timed_build() {
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$ANIMATIC" build "$work/film.fountain" --size "$size" --jobs "$jobs" --audio "$audio" --quiet
  read -r wall kb user system <"$work/time"
  cpu=$(python3 -c "print(round($user + $system, 2))")
  rss=$((kb / 1024))
}
report_field() { python3 -c "import json,sys; print(json.load(open('$work/film.report.json'))['$1'])"; }

timed_build
frames=$(report_field totalFrames)
film=$(python3 -c "print(round($frames / 24, 1))")
ratio=$(python3 -c "print(round($frames / 24 / $wall, 1))")
echo "cold build:     ${wall} s for ${frames} frames (${film} s of film): ${ratio}x real time, peak ${rss} MB," \
  "$(report_field generated) segments generated, ${cpu} s of CPU"

timed_build
echo "no-op rebuild:  ${wall} s, ${cpu} s of CPU, peak ${rss} MB, $(report_field generated) generated, video written: $(report_field videoWritten)"

# One line of dialogue changes: the first line spoken after the title page, made longer.
python3 - "$work/film.fountain" <<'PY'
import re, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
start = lines.index("") + 1 if "" in lines else 0
cue = re.compile(r"^[A-Z][A-Z0-9 .'\-]*(\(.*\))?\s*$")
for i in range(max(start, 1), len(lines)):
    previous = lines[i - 1]
    if cue.match(previous) and not previous.startswith(("INT", "EXT")) and lines[i].strip() \
            and not lines[i].startswith("("):
        print(f"edited line {i + 1}: {lines[i][:60]}")
        lines[i] = lines[i] + " Really."
        break
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
timed_build
echo "one-line edit:  ${wall} s, ${cpu} s of CPU, peak ${rss} MB, $(report_field generated) generated, $(report_field reused) reused"
