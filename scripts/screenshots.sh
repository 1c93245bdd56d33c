#!/bin/sh
# Renders the HTML reports of our own vectors with headless Chromium into docs/screenshots/:
# a valid LTA signature, a changed data file, two signatures, and the batch summary.
# Usage: scripts/screenshots.sh [path/to/asic]   (default .build/release/asic)
set -eu
cd "$(dirname "$0")/.."
asic=${1:-.build/release/asic}
out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
trust="--offline --cache-dir $work/cache --tsl TestVectors/pki/tsl/lotl.xml --tsl-cert TestVectors/pki/tslsigner.pem"
shot() { # page.html out.png height
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,"$3" \
        --proxy-server=127.0.0.1:9 --user-data-dir="$work/profile" --screenshot="$2" "file://$1" 2>/dev/null
}
for pair in valid:lta-p256.asice invalid:hash-failure.asice multi:lt-two-signatures.asice; do
    name=${pair%%:*} file=${pair#*:}
    # shellcheck disable=SC2086
    "$asic" validate $trust --format html --output "$work/$name.html" "TestVectors/containers/$file" || true
    shot "$work/$name.html" "$out/$name.png" 1500
done
# shellcheck disable=SC2086
"$asic" validate $trust --quiet --summary-html "$work/summary.html" TestVectors/containers || true
shot "$work/summary.html" "$out/summary.png" 2200
ls -l "$out"
