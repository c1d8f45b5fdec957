#!/usr/bin/env bash
# Builds the libFuzzer target for the Fountain reader and runs it on a corpus seeded with
# the project's samples, fixtures and grammar-free real scripts (../shared/corpus).
# FUZZ_SECONDS=60 bench/fuzz/run.sh runs for a minute; without it, until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-fuzz
mkdir -p "$out/corpus"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ScreenplayFuzz \
  $(find Sources/Screenplay -name '*.swift') bench/fuzz/ScreenplayFuzzer.swift -o "$out/screenplay-fuzz"
cp samples/*.fountain Tests/ScreenplayTests/Fixtures/*.fountain "$out/corpus/" 2>/dev/null || true
[ -d ../shared/corpus ] && cp ../shared/corpus/*.fountain "$out/corpus/"
args=(-max_len=65536 -timeout=10)
[ -n "${FUZZ_SECONDS:-}" ] && args+=(-max_total_time="$FUZZ_SECONDS")
exec "$out/screenplay-fuzz" "${args[@]}" "$out/corpus"
