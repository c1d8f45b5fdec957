#!/usr/bin/env bash
# Per-request overhead of the worker backend against the command backend, with the same fake
# generator (Tests/GenerationTests/Fakes/fake_worker.py: Python start, imports, a simulated
# model load of LOAD seconds, then an ffmpeg test-pattern clip). The command backend pays the
# start and the load on every segment; the worker pays them once per worker.
# (bench/README.md, "Worker".)
#
#   bench/worker/run.sh [SCRIPT]    (default Tests/Fixtures/corpus/Brick-and-Steel.fountain)
#
# Environment: ANIMATIC (default: the release build, made if missing), LOAD (seconds, default
# 0: start and imports only), SIZE (160x90), KEEP=1 to keep the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=${1:-Tests/Fixtures/corpus/Brick-and-Steel.fountain}
load=${LOAD:-0}
size=${SIZE:-160x90}
if [ -z "${ANIMATIC:-}" ]; then
  swift build -c release --product animatic >/dev/null && swift build -c release --product animatic-media >/dev/null
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
fake=$PWD/Tests/GenerationTests/Fakes/fake_worker.py
# The same clips from both: the worker announces the timeline rate the command is given.
export FAKE_WORKER_FPS=24 FAKE_WORKER_MAX_FRAMES=241
work=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cp "$script" "$work/film.fountain"

# Runs one cold build with the given backend flags; prints wall seconds and requests.
timed() {
  rm -rf "$work/.animatic-cache" "$work"/film.*.json
  local start end
  start=$(date +%s.%N)
  "$ANIMATIC" build "$work/film.fountain" --size "$size" --jobs 1 --cutlists none --quiet "$@"
  end=$(date +%s.%N)
  python3 -c "import json; r=json.load(open('$work/film.report.json')); print($end - $start, r['generated'])"
}

read -r command_wall requests < <(timed --backend command --command-template \
  "python3 $fake --command --load $load --prompt {prompt} --seed {seed} --frames {frames} --fps {fps} --width {width} --height {height} --output {output}")
read -r worker_wall _ < <(timed --backend worker --workers 1 --worker-command "python3 $fake --load $load")
python3 - "$command_wall" "$worker_wall" "$requests" "$load" <<'PY'
import sys
command, worker, requests, load = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"{requests} requests, load {load} s: command {command:.2f} s ({command / requests:.3f} s a request), "
      f"worker {worker:.2f} s ({worker / requests:.3f} s a request); "
      f"overhead removed {(command - worker) / requests:.3f} s a request; ratio {command / worker:.2f}x")
PY
