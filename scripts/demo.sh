#!/usr/bin/env bash
# The demo: read a sample script, report its diagnostics, print its shot plan, and build
# the animatic with the built-in storyboard renderer when this build has that stage.
# The clips are cached beside the sample (animatic's default), where `make -C samples`
# caches them too. Environment: ANIMATIC (default the release build, as `make build` stages it), OUT (default out).
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-samples/coffee-shop.fountain}
animatic=${ANIMATIC:-.build/stage/bin/animatic}
out=${OUT:-out}

echo "== animatic check $sample"
"$animatic" check "$sample"
if "$animatic" help build >/dev/null 2>&1; then
  video="$out/$(basename "${sample%.fountain}").mp4"
  echo "== animatic build $sample -o $video"
  "$animatic" build "$sample" -o "$video"
  echo "The animatic is at $video"
elif "$animatic" help plan >/dev/null 2>&1; then
  echo "== animatic plan $sample"
  "$animatic" plan "$sample"
  echo "(video building is not yet in this build: the plan above is what it will render)"
else
  echo "== animatic parse $sample"
  "$animatic" parse "$sample"
  echo "(planning and video building are not yet in this build)"
fi
