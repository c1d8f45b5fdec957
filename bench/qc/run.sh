#!/usr/bin/env bash
# Quality control's cost (bench/README.md, "Quality control"): cold builds of one script
# with the built-in storyboard renderer, QC forced on (`--qc warn`: every clip analysed,
# none retaken) and off, the same invocation otherwise, alternately ROUNDS times each.
# Prints each build's wall and CPU time (user + system), the medians, the extra in percent,
# and the analysis cost per second of video. CPU time is the steadier figure on a shared
# machine; wall time is what the 15% budget is about.
#
#   bench/qc/run.sh [SCRIPT]     (default Tests/Fixtures/corpus/Big-Fish.fountain)
#
# Environment: ANIMATIC (default: the release build, made if missing), SIZE (1280x720),
# JOBS (the number of cores), ROUNDS (3).
set -euo pipefail
cd "$(dirname "$0")/../.."
script=${1:-Tests/Fixtures/corpus/Big-Fish.fountain}
size=${SIZE:-1280x720}
jobs=${JOBS:-$(nproc)}
rounds=${ROUNDS:-3}
if [ -z "${ANIMATIC:-}" ]; then
  swift build -c release --product animatic >/dev/null
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$script" "$work/film.fountain"

# One cold build with `--qc $1`; prints its wall and CPU seconds.
cold() {
  rm -rf "$work/.animatic-cache" "$work"/film.mp4 "$work"/film.*.json "$work"/film.media
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$ANIMATIC" build "$work/film.fountain" --size "$size" --jobs "$jobs" \
    --cutlists none --quiet --qc "$1" 2>/dev/null
  read -r wall user system <"$work/time"
  echo "$wall $(python3 -c "print(round($user + $system, 2))")"
}

off=() on=()
for _ in $(seq "$rounds"); do
  off+=("$(cold off)")
  on+=("$(cold warn)")
  echo "wall and CPU s: off ${off[-1]}, warn ${on[-1]}"
done
frames=$(python3 -c "import json; print(json.load(open('$work/film.report.json'))['totalFrames'])")
python3 - "$frames" "${off[*]}" "${on[*]}" <<'PY'
import statistics, sys
frames = int(sys.argv[1])
off = [float(x) for x in sys.argv[2].split()]
on = [float(x) for x in sys.argv[3].split()]
film = frames / 24
for name, column in (("wall", 0), ("CPU", 1)):
    a, b = statistics.median(off[column::2]), statistics.median(on[column::2])
    print(f"{name}: {frames} frames ({film:.1f} s of video): median off {a:.2f} s, warn {b:.2f} s: "
          f"{100 * (b - a) / a:+.1f}%, {1000 * (b - a) / film:.1f} ms per second of video")
PY
