#!/usr/bin/env bash
# Screenshots of a run's report.html in Debian's headless chromium, at a desktop and a phone width
# (the page's top HEIGHT pixels; default 3000).
# Usage: bench/report-screenshots.sh <run folder> [out folder, default bench/results] [height]
set -euo pipefail
run=${1:?usage: bench/report-screenshots.sh <run folder> [out folder] [height]}
out=${2:-bench/results}
height=${3:-3000}
page=$(realpath "$run/report.html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$profile" --window-size="$2,$height" --screenshot="$out/$1" "file://$page" 2>/dev/null
}
shot report-screenshot-desktop.png 1280
shot report-screenshot-phone.png 390
echo "wrote $out/report-screenshot-desktop.png and $out/report-screenshot-phone.png"
