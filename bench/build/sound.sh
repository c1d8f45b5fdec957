#!/usr/bin/env bash
# What scratch audio costs a cold build (bench/README.md, "Sound"): the same script built
# cold twice in one invocation, with --audio none and with the default scratch voices, at
# 1280x720 24 fps with the built-in storyboard renderer; wall time and peak memory of each,
# and their ratio. Then a no-op rebuild and a one-line edit with sound.
#
#   bench/build/sound.sh [SCRIPT]   (default Tests/Fixtures/corpus/The-Last-Birthday-Card.fountain)
#
# Environment: ANIMATIC (default: the release build, made if missing), SIZE (1280x720),
# JOBS (the number of cores), KEEP=1 to keep the work directories.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=${1:-Tests/Fixtures/corpus/The-Last-Birthday-Card.fountain}
size=${SIZE:-1280x720}
jobs=${JOBS:-$(nproc)}
if [ -z "${ANIMATIC:-}" ]; then
  swift build -c release --product animatic >/dev/null && swift build -c release --product animatic-media >/dev/null
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
silent=$(mktemp -d) sound=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$silent" "$sound"' EXIT
cp "$script" "$silent/film.fountain"
cp "$script" "$sound/film.fountain"

# timed DIR ARGS...: one build under /usr/bin/time; sets wall (s) and rss (MB).
timed() {
  local dir=$1; shift
  /usr/bin/time -f '%e %M' -o "$dir/time" "$ANIMATIC" build "$dir/film.fountain" --size "$size" --jobs "$jobs" --quiet "$@"
  read -r wall kb <"$dir/time"
  rss=$((kb / 1024))
}
field() { python3 -c "import json; print(json.load(open('$1/film.report.json'))['$2'])"; }

timed "$silent" --audio none
silent_wall=$wall
echo "cold, --audio none:    ${wall} s, peak ${rss} MB, $(field "$silent" totalFrames) frames"
timed "$sound"
sound_wall=$wall
lines=$(find "$sound/.animatic-cache/lines" -name '*.wav' | wc -l)
echo "cold, scratch audio:   ${wall} s, peak ${rss} MB, $(field "$sound" totalFrames) frames, ${lines} lines spoken"
echo "scratch audio adds:    $(python3 -c "print(f'{($sound_wall / $silent_wall - 1) * 100:+.1f}%')") to the cold build"
timed "$sound"
echo "no-op rebuild, sound:  ${wall} s, peak ${rss} MB, video written: $(field "$sound" videoWritten)"
# One line of dialogue made longer: the first line after a character cue.
python3 - "$sound/film.fountain" <<'PY'
import re, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
cue = re.compile(r"^[A-Z][A-Z0-9 .'\-]*(\(.*\))?\s*$")
for i in range(1, len(lines)):
    if cue.match(lines[i - 1]) and not lines[i - 1].startswith(("INT", "EXT")) and lines[i].strip() \
            and not lines[i].startswith("("):
        lines[i] += " And one more thing."
        break
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
before=$(find "$sound/.animatic-cache/lines" -name '*.wav' | wc -l)
timed "$sound"
after=$(find "$sound/.animatic-cache/lines" -name '*.wav' | wc -l)
echo "one-line edit, sound:  ${wall} s, peak ${rss} MB, $((after - before)) line spoken, $(field "$sound" generated) segments generated"
