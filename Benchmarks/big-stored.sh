#!/usr/bin/env bash
# Big stored data (issue 15): a container holding one 1 GiB file stored (not deflated), read by
# `asic inspect` (every data file's SHA-256, with the zip's CRC-32 checked) against the physical
# limit of the same work, `openssl dgst -sha256` of the raw file, in the same run, best of RUNS.
# Also the peak RSS of asic. Stored data is read with the CRC-32 on a second thread.
#   Benchmarks/big-stored.sh [MiB]     (default 1024; RUNS=3)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASIC=${ASIC_BINARY:-$ROOT/.build/release/asic}
MIB=${1:-1024}
RUNS=${RUNS:-3}
[[ -x $ASIC ]] || { echo "big-stored: no binary at $ASIC (make release)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c $((MIB << 20)) /dev/urandom > "$tmp/big.bin"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>
 <manifest:file-entry manifest:full-path="big.bin" manifest:media-type="application/octet-stream"/>
</manifest:manifest>
"""
with zipfile.ZipFile(f"{tmp}/stored.asice", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
    z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    z.write(f"{tmp}/big.bin", "big.bin", compress_type=zipfile.ZIP_STORED)
PY
now() { date +%s%N; }
best_asic= best_dgst=
for ((run = 1; run <= RUNS; run++)); do
    t0=$(now); "$ASIC" inspect --format json "$tmp/stored.asice" > "$tmp/report.json"; t1=$(now)
    openssl dgst -sha256 "$tmp/big.bin" > /dev/null; t2=$(now)
    a=$(( (t1 - t0) / 1000000 )); d=$(( (t2 - t1) / 1000000 ))
    echo "big-stored: run $run: asic inspect $a ms, openssl dgst -sha256 $d ms"
    if [[ -z $best_asic || $a -lt $best_asic ]]; then best_asic=$a; fi
    if [[ -z $best_dgst || $d -lt $best_dgst ]]; then best_dgst=$d; fi
done
python3 - "$tmp" <<'PY'
import hashlib, json, sys
tmp = sys.argv[1]
h = hashlib.sha256()
with open(f"{tmp}/big.bin", "rb") as f:
    while chunk := f.read(1 << 20):
        h.update(chunk)
digests = [d.get("sha256") for d in json.load(open(f"{tmp}/report.json"))["dataFiles"]]
if h.hexdigest() not in digests:
    sys.exit("big-stored: asic's SHA-256 of big.bin is not the file's")
PY
rss=$( { /usr/bin/time -f "%M" "$ASIC" inspect --format json "$tmp/stored.asice" > /dev/null; } 2>&1 | tail -1)
awk -v a="$best_asic" -v d="$best_dgst" -v m="$MIB" -v r="$rss" 'BEGIN {
    printf "big-stored: %d MiB stored: asic %d ms (%.0f MiB/s), openssl dgst %d ms: %.2fx the physical limit; peak RSS %.1f MiB\n",
        m, a, m * 1000 / a, d, d / a, r / 1024 }'
