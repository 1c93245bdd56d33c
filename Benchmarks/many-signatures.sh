#!/usr/bin/env bash
# How validation grows with the number of signatures (issue 15): containers of 100 data files of
# 1 KiB each with 1, 10 and 100 signatures, made by asic create and asic sign themselves, validated
# offline. The goal is linear growth: the data files' digests are computed once per algorithm per
# file and shared by the signatures, so each further signature costs only its own XML, its own
# SignedInfo digest and signature check, and its certificate chain.
#
# Usage: Benchmarks/many-signatures.sh
# Environment:
#   ASIC_BINARY        the asic to measure (default $ROOT/.build/release/asic)
#   RUNS               timed runs per container, the best is kept (default 3)
#   CALLGRIND          1 (default when valgrind is installed) to count instructions too, 0 to skip
#   CALLGRIND_TIMEOUT  seconds allowed for each callgrind run (default 300; 100 signatures take
#                      about 40 s); a run over it is reported as skipped
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASIC=${ASIC_BINARY:-$ROOT/.build/release/asic}
RUNS=${RUNS:-3}
CALLGRIND_TIMEOUT=${CALLGRIND_TIMEOUT:-300}
if [[ -z ${CALLGRIND:-} ]]; then
    CALLGRIND=0
    command -v valgrind >/dev/null && command -v objcopy >/dev/null && command -v cc >/dev/null && CALLGRIND=1
fi
[[ -x $ASIC ]] || { echo "many-signatures: no binary at $ASIC (make release, or set ASIC_BINARY)" >&2; exit 2; }
PKI=$ROOT/TestVectors/pki
COUNTS=(1 10 100)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 100 data files of 1 KiB with fixed text: the same containers (up to signature values, which ECDSA
# randomises) on every run.
mkdir "$WORK/data"
for i in $(seq -w 1 100); do
    awk -v i="$i" 'BEGIN { s = ""; n = 0; while (length(s) < 1024) s = s sprintf("data file %s, line %d\n", i, n++); printf "%s", substr(s, 1, 1024) }' \
        >"$WORK/data/file-$i.txt"
done

# Level B needs neither a TSA nor an OCSP responder. Offline, a B signature is INDETERMINATE (no
# revocation data), which is fine here: every signature still goes through the whole validation
# (references, SignedInfo, signature value, chain, revocation lookup), and only the time is of interest.
# One container signed over and over, copied when it has 1, 10 and 100 signatures: 100 sign runs
# instead of 111. The same signer and SHA-256 for all, so one set of data digests serves them all.
echo "many-signatures: signing 100 times (level B, P-256 signer, 100 data files of 1 KiB)" >&2
"$ASIC" create "$WORK/work.asice" "$WORK"/data/file-*.txt
for n in $(seq 1 100); do
    "$ASIC" sign "$WORK/work.asice" --key "$PKI/signer-p256.key" --cert "$PKI/signer-p256.pem" \
        --chain "$PKI/issuing.pem" --level B --signing-time 2026-01-01T00:00:00Z
    case $n in 1 | 10 | 100) cp "$WORK/work.asice" "$WORK/sig-$n.asice" ;; esac
done

VALIDATE=(validate --offline --cache-dir "$WORK/cache" --tsl "$PKI/tsl/lotl.xml" --tsl-cert "$PKI/tslsigner.pem"
          --at 2027-01-01T00:00:00Z)

# Untimed: warm the trust cache (the first run verifies the test LOTL and writes the snapshot, as
# a batch does once) and check that every signature of each container was validated.
for n in "${COUNTS[@]}"; do
    found=$({ "$ASIC" "${VALIDATE[@]}" --format json "$WORK/sig-$n.asice" || true; } |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)["signatures"]))')
    [[ $found == "$n" ]] || { echo "many-signatures: sig-$n.asice: $found signatures validated, not $n" >&2; exit 2; }
done

# Seconds of one run. Exit statuses 1 and 2 are verdicts (B offline gives 2); 3 and above mean broken.
timed() {
    local start end rc=0
    start=$(date +%s.%N)
    "$ASIC" "${VALIDATE[@]}" --quiet "$1" || rc=$?
    end=$(date +%s.%N)
    ((rc <= 2)) || { echo "many-signatures: validate $1 exited $rc" >&2; exit 2; }
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }'
}
declare -A BEST
for n in "${COUNTS[@]}"; do
    BEST[$n]=$(for _ in $(seq "$RUNS"); do timed "$WORK/sig-$n.asice"; done | sort -n | head -1)
done

# Ratios alone hide linearity behind the fixed start-up cost (about 70 ms, most of t(1)); the
# marginal cost per signature, (t(100) - t(10)) / 90 against (t(10) - t(1)) / 9, shows it: equal
# for linear growth, larger for the later signatures when something grows with their number.
report() { # unit, scale to print, then the three values
    awk -v unit="$1" -v scale="$2" -v a="$3" -v b="$4" -v c="$5" -v what="$6" 'BEGIN {
        printf "many-signatures: %s  1 sig %12.*f %s   10 sigs %12.*f %s   100 sigs %12.*f %s\n", what, scale, a, unit, scale, b, unit, scale, c, unit
        printf "many-signatures: %s per signature: %.*f / %.*f / %.*f %s\n", what, scale, a, scale, b / 10, scale, c / 100, unit
        printf "many-signatures: %s ratios t(10)/t(1) %.2f  t(100)/t(10) %.2f\n", what, b / a, c / b
        m1 = (b - a) / 9; m2 = (c - b) / 90
        printf "many-signatures: %s marginal per signature: 1->10 %.*f %s, 10->100 %.*f %s (%.2fx)\n", what, scale, m1, unit, scale, m2, unit, m2 / m1
    }'
}
echo "many-signatures: wall clock, best of $RUNS, $(nproc) cores"
report ms 1 "$(awk -v t="${BEST[1]}" 'BEGIN{print t*1000}')" "$(awk -v t="${BEST[10]}" 'BEGIN{print t*1000}')" \
    "$(awk -v t="${BEST[100]}" 'BEGIN{print t*1000}')" time

[[ $CALLGRIND == 1 ]] || exit 0
# Instruction counts: deterministic to about 0.02 %, unlike the wall clock.
source "$ROOT/Benchmarks/valgrind-setup.sh"
prepare_valgrind "$WORK" "$ASIC"
declare -A IR
for n in "${COUNTS[@]}"; do
    SWIFT_DETERMINISTIC_HASHING=1 LD_PRELOAD="$WORK/sigsuspend.so" timeout "$CALLGRIND_TIMEOUT" \
        valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.$n.out" \
        "$WORK/asic" "${VALIDATE[@]}" --quiet --jobs 1 "$WORK/sig-$n.asice" 2>"$WORK/valgrind.$n.log" || true
    IR[$n]=$(awk '/^(summary|totals):/ {print $2; exit}' "$WORK/callgrind.$n.out" 2>/dev/null || true)
    if [[ -z ${IR[$n]} ]]; then
        echo "many-signatures: callgrind of $n signatures failed or took over ${CALLGRIND_TIMEOUT}s; no instruction counts" >&2
        tail -5 "$WORK/valgrind.$n.log" >&2
        exit 0
    fi
done
report "M instr" 1 "$(awk -v i="${IR[1]}" 'BEGIN{print i/1e6}')" "$(awk -v i="${IR[10]}" 'BEGIN{print i/1e6}')" \
    "$(awk -v i="${IR[100]}" 'BEGIN{print i/1e6}')" instr
