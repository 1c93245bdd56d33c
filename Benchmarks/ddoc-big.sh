#!/usr/bin/env bash
# Bounded memory for big DDOCs: validates a generated signed DDOC of SIZE MiB (default 1024) with
# the release build and prints wall time and peak RSS, beside `openssl dgst -sha1` over the same
# file (the floor: every byte must be hashed once).   Benchmarks/ddoc-big.sh [SIZE_MIB]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-1024}
WORK=$ROOT/.build/bench
mkdir -p "$WORK"
FILE=$WORK/big-$SIZE.ddoc
[[ -f $FILE ]] || python3 "$ROOT/Benchmarks/ddoc-big.py" "$FILE" "$SIZE"
ASIC=$ROOT/.build/release/asic
PKI=$ROOT/TestVectors/pki/ddoc
cat "$FILE" > /dev/null  # warm the page cache for both runs
floor=$( { /usr/bin/time -f "%e" openssl dgst -sha1 "$FILE" > /dev/null; } 2>&1 )
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$ASIC" validate --offline --quiet --trust-anchors "$PKI/ca.pem" --trust-anchors "$PKI/responder.pem" "$FILE"
status=$?
read -r seconds rss < "$WORK/time.txt"
echo "ddoc-big: $(du -m "$FILE" | cut -f1) MiB DDOC: exit $status, ${seconds} s, peak RSS $((rss / 1024)) MiB; openssl dgst -sha1: ${floor} s"
