#!/usr/bin/env bash
# Builds the libFuzzer target for the Fountain reader and runs it on a corpus seeded with
# the project's samples, fixtures, grammar-free real scripts (Tests/Fixtures/corpus) and the
# hostile inputs of bench/hostile.
# FUZZ_SECONDS=60 bench/fuzz/run.sh runs for a minute; without it, until Ctrl-C.
# Crashing inputs are written to .build-fuzz/crash-*; replay one with
# `.build-fuzz/screenplay-fuzz .build-fuzz/crash-…`. FUZZ_NO_BUILD=1 skips the compile.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-fuzz
mkdir -p "$out/corpus"
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ScreenplayFuzz \
    $(find Sources/Screenplay -name '*.swift') bench/fuzz/ScreenplayFuzzer.swift -o "$out/screenplay-fuzz"
fi
cp samples/*.fountain Tests/ScreenplayTests/Fixtures/*.fountain Tests/Fixtures/corpus/*.fountain "$out/corpus/"
# The hostile inputs of bench/hostile (issue 11), small enough for -max_len.
python3 bench/hostile/make-inputs.py "$out/corpus" 0.05
args=(-max_len=65536 -timeout=10 -artifact_prefix="$out/")
if [ -n "${FUZZ_SECONDS:-}" ]; then args+=(-max_total_time="$FUZZ_SECONDS"); fi
exec "$out/screenplay-fuzz" "${args[@]}" "$out/corpus"
