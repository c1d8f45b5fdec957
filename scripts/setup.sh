#!/usr/bin/env bash
# Installs what animatic needs to build and test: FFmpeg's development libraries, eSpeak NG's
# library and voices (the scratch dialogue), the
# DejaVu and WenQuanYi Zen Hei (CJK) fonts the storyboard renderer draws with, the ffmpeg/ffprobe programs the tests
# use as an independent check, xmllint, Chromium and its driver (the review page's browser test), and a Python
# venv with the test tools.
# Idempotent: a second run installs nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev
              libespeak-ng-dev espeak-ng-data
              pkg-config fonts-dejavu-core fonts-wqy-zenhei ffmpeg libxml2-utils python3-venv)
# time: /usr/bin/time measures the peak memory of a build in the download tests.
apt_packages+=(time)
# zlib1g-dev: the contact sheet's pages are deflated in bands through zlib (Media's PNGBand).
apt_packages+=(zlib1g-dev)
# chromium, chromium-driver: the review page's browser test (headless, driven by Selenium).
apt_packages+=(chromium chromium-driver)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=.venv
requirements=scripts/requirements-test.txt
stamp=$venv/.installed
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ ! -f "$stamp" ] || ! cmp -s "$requirements" "$stamp"; then
  echo "setup: installing Python test tools into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
