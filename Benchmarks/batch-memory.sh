#!/usr/bin/env bash
# Batch validation of the shared corpus copied N times (hard links, no extra disk): wall time,
# files/s and peak RSS, to show that memory does not grow with the number of files.
# Usage: Benchmarks/batch-memory.sh [N]   (default 50; ASIC=path overrides the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VECTORS=${VECTORS:-$ROOT/../shared/vectors}
COPIES=${1:-50}
ASIC=${ASIC:-$ROOT/.build/release/asic}
[[ -d $VECTORS ]] || { echo "bench: $VECTORS is absent; nothing to measure"; exit 0; }
[[ -x $ASIC ]] || (cd "$ROOT" && swift build -c release --product asic >&2)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/asic-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
TRUST=(--offline --cache-dir "$tmp/cache" --tsl "$VECTORS/trust/test-tl/tl-mp-test-EE.xml" --tsl-cert "$VECTORS/trust/test-tl/trusted-test-tsl.crt")

make_copies() { # $1 = copies
    local dir=$tmp/corpus-$1
    mkdir -p "$dir"
    for ((i = 0; i < $1; i++)); do
        mkdir -p "$dir/$i"
        cp -rl "$VECTORS/containers" "$dir/$i/"
    done
    echo "$dir"
}

run() { # $1 = folder, $2 = jobs; prints "files seconds rssKiB"
    local files start end
    files=$(find "$1" -type f \( -name '*.asice' -o -name '*.sce' -o -name '*.bdoc' -o -name '*.asics' -o -name '*.scs' \) | wc -l)
    start=$(date +%s.%N)
    /usr/bin/time -f %M -o "$tmp/rss" "$ASIC" validate --jobs "$2" "${TRUST[@]}" --format json --output "$tmp/out.jsonl" "$1" 2>/dev/null || true
    end=$(date +%s.%N)
    echo "$files $(echo "$end - $start" | bc) $(tail -1 "$tmp/rss")"
}

printf '%-22s %8s %8s %10s %12s\n' "run" "files" "wall s" "files/s" "peak RSS MiB"
for copies in 1 "$COPIES"; do
    dir=$(make_copies "$copies")
    for jobs in 1 2; do
        read -r files seconds rss < <(run "$dir" "$jobs")
        printf '%-22s %8d %8.2f %10.1f %12.1f\n' "corpus x$copies, $jobs job(s)" "$files" "$seconds" \
            "$(echo "$files / $seconds" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
    done
done
lines=$(wc -l < "$tmp/out.jsonl")
echo "last run wrote $lines JSON lines"
