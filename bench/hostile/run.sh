#!/usr/bin/env bash
# Hostile inputs (issue 11): `animatic plan`'s wall time and peak memory on each, as a
# ratio to `animatic check`'s on the same input (bench/README.md, "Hostile inputs").
# Planning should cost at most 10x reading, and its memory grow linearly with the input.
#
#   bench/hostile/run.sh [SCALE]     (SCALE 1.0: the sizes in the README; 0.25 is quick)
#
# Environment: ANIMATIC (default: the release build, made if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${ANIMATIC:-}" ]; then
  swift build -c release --product animatic >/dev/null && swift build -c release --product animatic-media >/dev/null
  ANIMATIC=$(swift build -c release --show-bin-path)/animatic
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/hostile/make-inputs.py "$work" "${1:-1.0}"

# Runs one command under /usr/bin/time; sets wall (s) and rss (MB). Exit 65 (errors in
# the script) is an answer, not a failure.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$ANIMATIC" "$@" >/dev/null 2>&1 || true
  read -r wall kb < <(tail -n 1 "$work/time")
  rss=$(python3 -c "print(round($kb / 1024, 1))")
}

printf '%-28s %9s %12s %12s %12s %12s %8s %8s\n' input size "check s" "check MB" "plan s" "plan MB" "time x" "mem x"
for file in "$work"/*.fountain; do
  name=$(basename "$file")
  bytes=$(stat -c %s "$file")
  measure check "$file"; check_wall=$wall; check_rss=$rss
  measure plan "$file" --json; plan_wall=$wall; plan_rss=$rss
  ratio=$(python3 -c "print(round($plan_wall / max($check_wall, 0.01), 1))")
  memory=$(python3 -c "print(round($plan_rss / max($check_rss, 1), 1))")
  printf '%-28s %9s %12s %12s %12s %12s %8s %8s\n' "$name" "$bytes" "$check_wall" "$check_rss" "$plan_wall" "$plan_rss" \
    "$ratio" "$memory"
done
