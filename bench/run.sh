#!/usr/bin/env bash
# Runs every benchmark in release builds, each against its reference in the same run
# (see bench/README.md). `make bench` calls this after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=Tests/Fixtures/corpus

swift build -c release --product screenplay-bench
swift build -c release --product planning-bench
swift build -c release --product media-bench
swift build -c release --product scheduler-bench
swift build -c release --product shotlist-bench
bin=$(swift build -c release --show-bin-path)

echo "== Reader: Big Fish, animatic vs screenplain"
"$bin/screenplay-bench" "$corpus/Big-Fish.fountain" --runs 300
echo "== Reader memory: N concatenated copies of Big Fish"
for copies in 1 4 16; do "$bin/screenplay-bench" "$corpus/Big-Fish.fountain" --memory "$copies"; done

echo "== Planner: Big Fish, parse + plan"
"$bin/planning-bench" "$corpus/Big-Fish.fountain" 50

echo "== Shot lists: size classes against the blind hand breakdowns of bench/shotlist-eval"
"$bin/shotlist-bench" bench/shotlist-eval
echo "== Shot lists: the corpus's coverage profile (no breakdowns; compare before and after a change)"
"$bin/shotlist-bench" --corpus "$corpus"

echo "== Media: render and join vs the ffmpeg program"
"$bin/media-bench"

echo "== Scheduler: builds against a DashScope test server of fixed latency"
"$bin/scheduler-bench"

if [ -x bench/build/run.sh ]; then
  echo "== Build: Big Fish end to end"
  bench/build/run.sh
fi
