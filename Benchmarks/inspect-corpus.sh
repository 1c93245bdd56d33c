#!/usr/bin/env bash
# Times `asic inspect --format json` over the shared test corpus and over a generated big
# container, next to the physical limit of the same work: inflating and hashing every entry
# (`unzip -p FILE | openssl dgst -sha256`). Also reports peak RSS, to show that inspect streams.
#
# Usage: Benchmarks/inspect-corpus.sh
# Environment:
#   ASIC=path     binary to measure (default .build/release/asic, built when missing)
#   VECTORS=dir   corpus folder holding MANIFEST.tsv (default ../shared/vectors beside the repo)
#   BIG_MIB=n     size of each of the two generated data files (default 200)
#   REPEAT=n      timed passes; the fastest is reported (default 3)
#   RSS_SLACK_MIB=n  allowed RSS growth on the big container over a tiny one (default 16)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VECTORS=${VECTORS:-$ROOT/../shared/vectors}
BIG_MIB=${BIG_MIB:-200}
REPEAT=${REPEAT:-3}
RSS_SLACK_MIB=${RSS_SLACK_MIB:-16}

if [[ -z ${ASIC:-} ]]; then
    ASIC=$ROOT/.build/release/asic
    if [[ ! -x $ASIC ]]; then
        echo "bench: $ASIC is missing; building it" >&2
        (cd "$ROOT" && swift build -c release --product asic) >&2
    fi
fi
if [[ ! -x $ASIC ]]; then
    echo "bench: no executable asic at $ASIC" >&2
    exit 1
fi
ASIC=$(cd "$(dirname "$ASIC")" && pwd)/$(basename "$ASIC")
for tool in unzip openssl python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/asic-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# --- helpers -------------------------------------------------------------------------------

# Microseconds since the epoch, without forking.
now() { local t=${EPOCHREALTIME/[.,]/}; REPLY=$((10#$t)); }

# Peak RSS in KiB of one run of a command (its output discarded, its exit status ignored).
if /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    RSS_TOOL="/usr/bin/time -f %M"
    rss() {
        /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$tmp/rss"   # GNU time writes "Command exited with non-zero status" first
    }
else
    # The forked child counts the Python pages it had before exec (about 10 MiB), so small
    # programs read high; asic itself is above that floor.
    RSS_TOOL="python3 resource.getrusage(RUSAGE_CHILDREN)"
    rss() {
        python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
    }
fi

baseline() { unzip -p "$1" 2>/dev/null | openssl dgst -sha256 >/dev/null || true; }

sec() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
msper() { awk -v us="$1" -v n="$2" 'BEGIN { printf "%.2f", n ? us / n / 1e3 : 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
delta() { awk -v k="$1" 'BEGIN { printf "%+.1f MiB", k / 1024 }'; }

case $ASIC in
    */release/*) build=release ;;
    */debug/*) build="debug (unoptimised: expect it slower than release)" ;;
    *) build=unknown ;;
esac
echo "asic:      $ASIC [$build], $("$ASIC" --version)"
echo "RSS via:   $RSS_TOOL"
echo "baseline:  unzip -p FILE | openssl dgst -sha256 (two processes, may overlap on two cores);"
echo "           big container also: unzip alone + sha256 alone (serial), and python zlib+hashlib in one thread"
echo "passes:    $REPEAT, fastest reported"
rows=()

# --- the corpus ----------------------------------------------------------------------------

if [[ -f $VECTORS/MANIFEST.tsv ]]; then
    VECTORS=$(cd "$VECTORS" && pwd)
    files=() zips=() missing=0 bytes=0
    declare -A is_zip=()
    while IFS=$'\t' read -r path _; do
        [[ -n $path ]] || continue
        if [[ -f $VECTORS/$path ]]; then
            files+=("$VECTORS/$path")
        else
            missing=$((missing + 1))
        fi
    done < <(tail -n +2 "$VECTORS/MANIFEST.tsv")
    if ((${#files[@]} == 0)); then
        echo "corpus:    skipped (no file of $VECTORS/MANIFEST.tsv exists)"
    else
        for f in "${files[@]}"; do
            LC_ALL=C read -r -N 2 magic < "$f" || true
            if [[ $magic == PK ]]; then zips+=("$f"); is_zip[$f]=1; fi
            bytes=$((bytes + $(stat -c %s "$f")))
        done
        cat "${files[@]}" >/dev/null          # same warm page cache for both sides
        "$ASIC" inspect --format json "${files[0]}" >/dev/null 2>&1 || true
        note=""
        if ((missing)); then note=", $missing listed but missing"; fi
        echo "corpus:    $VECTORS: ${#files[@]} files ($(mib $((bytes / 1024)))), ${#zips[@]} zip files$note"

        best_all=0 best_zip=0 best_base=0 best_start=0 ok=0 refused=0 other=0
        for ((pass = 1; pass <= REPEAT; pass++)); do
            all=0 zip=0 base=0 ok=0 refused=0 other=0
            now; t0=$REPLY
            for f in "${files[@]}"; do "$ASIC" --version >/dev/null; done
            now; start=$((REPLY - t0))
            for f in "${files[@]}"; do
                now; t0=$REPLY
                status=0
                "$ASIC" inspect --format json "$f" >/dev/null 2>&1 || status=$?
                now; dt=$((REPLY - t0))
                all=$((all + dt))
                case $status in 0) ok=$((ok + 1)) ;; 3) refused=$((refused + 1)) ;; *) other=$((other + 1)) ;; esac
                if [[ -n ${is_zip[$f]:-} ]]; then zip=$((zip + dt)); fi
            done
            now; t0=$REPLY
            for f in "${zips[@]}"; do baseline "$f"; done
            now; base=$((REPLY - t0))
            if ((pass == 1 || all < best_all)); then best_all=$all best_zip=$zip; fi
            if ((pass == 1 || base < best_base)); then best_base=$base; fi
            if ((pass == 1 || start < best_start)); then best_start=$start; fi
        done
        echo "exit codes: $ok x 0, $refused x 3 (not processable), $other x other"
        ((other == 0)) || echo "bench: WARNING: $other runs ended with an unexpected exit status" >&2

        peak=0 peak_file=
        largest=${files[0]}
        for f in "${files[@]}"; do
            k=$(rss "$ASIC" inspect --format json "$f")
            if ((k > peak)); then peak=$k peak_file=$f; fi
            (($(stat -c %s "$f") > $(stat -c %s "$largest"))) && largest=$f
        done
        largest_rss=$(rss "$ASIC" inspect --format json "$largest")
        rows+=("$(printf '%-26s %6d %9s %9s %11s %8s %11s' "corpus, all files" "${#files[@]}" \
            "$(sec $best_all)" "$(msper $best_all ${#files[@]})" "-" "-" "$(mib $peak)")")
        rows+=("$(printf '%-26s %6d %9s %9s %11s %8s %11s' "corpus, zip files" "${#zips[@]}" \
            "$(sec $best_zip)" "$(msper $best_zip ${#zips[@]})" "$(sec $best_base)" "$(ratio $best_zip $best_base)" "")")
        rows+=("$(printf '%-26s %6d %9s %9s %11s %8s %11s' "  startup: asic --version" "${#files[@]}" \
            "$(sec $best_start)" "$(msper $best_start ${#files[@]})" "" "" "")")
        peak_note="corpus peak RSS: $(mib $peak) on ${peak_file#"$VECTORS"/}; largest file ${largest#"$VECTORS"/} ($(stat -c %s "$largest") bytes): $(mib $largest_rss)"
    fi
else
    echo "corpus:    skipped ($VECTORS/MANIFEST.tsv not found)"
fi

# --- a generated big container --------------------------------------------------------------

echo "big:       generating 2 x $BIG_MIB MiB (random + compressible text) in $tmp"
head -c "${BIG_MIB}M" /dev/urandom > "$tmp/random.bin"
python3 - "$tmp" "$BIG_MIB" <<'PY'
import os, random, sys, zipfile
tmp, mib = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
# A 4 MiB block of log lines, repeated: deflate sees at most 32 KiB back, so the whole file
# compresses like one block (about 30:1, below the default --max-ratio of 100).
lines, size, i = [], 0, 0
while size < 4 << 20:
    line = (f"2026-11-29T10:{i // 600 % 60:02d}:{i // 10 % 60:02d}Z INFO request served status=200 "
            f"user={rng.choice(users)} path=/api/v1/items/{i // 100}\n")
    lines.append(line); size += len(line); i += 1
block = "".join(lines).encode()[:4 << 20]
with open(os.path.join(tmp, "text.log"), "wb") as out:
    left = mib << 20
    while left > 0:
        out.write(block[:left]); left -= len(block)

manifest = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>
 <manifest:file-entry manifest:full-path="random.bin" manifest:media-type="application/octet-stream"/>
 <manifest:file-entry manifest:full-path="text.log" manifest:media-type="text/plain"/>
</manifest:manifest>
"""
def entry(name, method):
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 29, 10, 0, 0))
    info.compress_type = method
    return info
with zipfile.ZipFile(os.path.join(tmp, "big.asice"), "w") as z:
    z.writestr(entry("mimetype", zipfile.ZIP_STORED), "application/vnd.etsi.asic-e+zip")
    z.writestr(entry("META-INF/manifest.xml", zipfile.ZIP_DEFLATED), manifest)
    for name in ("random.bin", "text.log"):
        z.write(os.path.join(tmp, name), name, compress_type=zipfile.ZIP_DEFLATED)

# A tiny container of the same shape: the RSS floor of asic itself.
with zipfile.ZipFile(os.path.join(tmp, "tiny.asice"), "w") as z:
    z.writestr(entry("mimetype", zipfile.ZIP_STORED), "application/vnd.etsi.asic-e+zip")
    z.writestr(entry("META-INF/manifest.xml", zipfile.ZIP_DEFLATED),
               manifest.replace("random.bin", "a.bin").replace("text.log", "b.log"))
    z.writestr(entry("a.bin", zipfile.ZIP_DEFLATED), os.urandom(1024))
    z.writestr(entry("b.log", zipfile.ZIP_DEFLATED), block[:1024])
with zipfile.ZipFile(os.path.join(tmp, "big.asice")) as z:
    info = z.getinfo("text.log")
    print(f"big:       big.asice {os.path.getsize(os.path.join(tmp, 'big.asice')) >> 20} MiB, "
          f"text.log compresses {info.file_size / info.compress_size:.1f}:1")
PY
big=$tmp/big.asice
status=0
"$ASIC" inspect --format json "$big" > "$tmp/big.json" 2>"$tmp/big.err" || status=$?
if ((status != 0)); then
    echo "bench: asic inspect failed on the big container (exit $status): $(cat "$tmp/big.err")" >&2
    exit 1
fi
python3 - "$tmp" <<'PY'
import hashlib, json, sys
tmp = sys.argv[1]
report = json.load(open(f"{tmp}/big.json"))
for data in report["dataFiles"]:
    digest = hashlib.sha256()
    with open(f"{tmp}/{data['name']}", "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != data["sha256"]:
        sys.exit(f"bench: SHA-256 of {data['name']} differs from the source file")
PY

# One thread, zlib inflate + CRC-32 + SHA-256 of every entry in 64 KiB chunks (no process pipe).
cat > "$tmp/inflate_hash.py" <<'PY'
import hashlib, sys, zipfile, zlib
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        digest, crc = hashlib.sha256(), 0
        with z.open(info) as f:   # zipfile checks the CRC-32 at the end as well
            while chunk := f.read(1 << 16):
                digest.update(chunk); crc = zlib.crc32(chunk, crc)
PY
best_ours=0 best_base=0 best_inflate=0 best_hash=0 best_inproc=0
for ((pass = 1; pass <= REPEAT; pass++)); do
    now; t0=$REPLY; "$ASIC" inspect --format json "$big" >/dev/null; now; ours=$((REPLY - t0))
    now; t0=$REPLY; baseline "$big"; now; base=$((REPLY - t0))
    now; t0=$REPLY; unzip -p "$big" >/dev/null; now; inflate=$((REPLY - t0))
    now; t0=$REPLY; cat "$tmp/random.bin" "$tmp/text.log" | openssl dgst -sha256 >/dev/null; now; hash=$((REPLY - t0))
    now; t0=$REPLY; python3 "$tmp/inflate_hash.py" "$big"; now; inproc=$((REPLY - t0))
    if ((pass == 1 || ours < best_ours)); then best_ours=$ours; fi
    if ((pass == 1 || base < best_base)); then best_base=$base; fi
    if ((pass == 1 || inflate < best_inflate)); then best_inflate=$inflate; fi
    if ((pass == 1 || hash < best_hash)); then best_hash=$hash; fi
    if ((pass == 1 || inproc < best_inproc)); then best_inproc=$inproc; fi
done
serial=$((best_inflate + best_hash))
big_rss=$(rss "$ASIC" inspect --format json "$big")
tiny_rss=$(rss "$ASIC" inspect --format json "$tmp/tiny.asice")
unzip_rss=$(rss unzip -p "$big")
growth=$((big_rss - tiny_rss))
rows+=("$(printf '%-26s %6d %9s %9s %11s %8s %11s' "big, $((2 * BIG_MIB)) MiB inflated" 1 \
    "$(sec $best_ours)" "$(msper $best_ours 1)" "$(sec $best_base)" "$(ratio $best_ours $best_base)" "$(mib $big_rss)")")
rows+=("$(printf '%-26s %6s %9s %9s %11s %8s %11s' "  vs inflate+hash serial" "" "" "" "$(sec $serial)" \
    "$(ratio $best_ours $serial)" "")")
rows+=("$(printf '%-26s %6s %9s %9s %11s %8s %11s' "  vs python zlib+hashlib" "" "" "" "$(sec $best_inproc)" \
    "$(ratio $best_ours $best_inproc)" "")")

# --- table ---------------------------------------------------------------------------------

echo
printf '%-26s %6s %9s %9s %11s %8s %11s\n' "" files "wall s" "ms/file" "baseline s" ours/base "peak RSS"
printf '%s\n' "${rows[@]}"
echo
[[ -n ${peak_note:-} ]] && echo "$peak_note"
echo "big: unzip -p alone $(sec $best_inflate) s, sha256 alone $(sec $best_hash) s; unzip RSS $(mib $unzip_rss)"
if ((growth <= RSS_SLACK_MIB * 1024)); then
    echo "big: asic RSS $(mib $big_rss) vs $(mib $tiny_rss) on a tiny container: $(delta $growth), streaming OK"
else
    echo "big: asic RSS $(mib $big_rss) vs $(mib $tiny_rss) on a tiny container: $(delta $growth), more than $RSS_SLACK_MIB MiB: CHECK" >&2
fi
