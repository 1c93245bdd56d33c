#!/usr/bin/env bash
# Speed regression guard (issue 15) that does not depend on the machine's load: it counts the
# instructions (callgrind's Ir) of one batch validation of 10 fixed containers and compares them
# with Benchmarks/callgrind-baseline.txt. Wall clock on a shared CI machine varies by tens of
# percent; the instruction count of the same binary on the same inputs varies by about 0.02 %.
#
# Usage: Benchmarks/callgrind-guard.sh [--update]
#   --update   measure and rewrite the baseline file (after an intended change of cost)
# Environment:
#   ASIC_BINARY     the asic to measure (default $ROOT/.build/release/asic)
#   RUNS            measurements to take, the median is compared (default 1)
#   THRESHOLD       percent over the baseline that fails, written by --update (default: the file's, else 5)
#   CALLGRIND_OUT   copy the callgrind profile there, for callgrind_annotate after a failure
# Exit status: 0 within the threshold, 1 over it, 2 the measurement itself failed.
#
# The count depends on the binary's toolchain, OpenSSL, nettle, glibc, zlib, libxml2 and the CPU features
# valgrind reports (OpenSSL and glibc pick code paths by CPUID), so the baseline belongs to the
# machine kind the project runs on; refresh it with --update when that changes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASIC=${ASIC_BINARY:-$ROOT/.build/release/asic}
BASELINE=$ROOT/Benchmarks/callgrind-baseline.txt
RUNS=${RUNS:-1}

UPDATE=0
case ${1:-} in
    --update) UPDATE=1 ;;
    '') ;;
    *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac
for tool in valgrind objcopy cc; do
    command -v "$tool" >/dev/null || { echo "callgrind-guard: $tool is missing (apt-get install valgrind binutils gcc)" >&2; exit 2; }
done
[[ -x $ASIC ]] || { echo "callgrind-guard: no binary at $ASIC (make release, or set ASIC_BINARY)" >&2; exit 2; }

# The fixed set: one container per kind of work, each validating in well under a second.
# Changing it changes the count: run --update in the same commit.
CONTAINERS=(
    lt-rsa2048.asice         # LT, RSA 2048 signer, OCSP + signature time-stamp
    lt-rsa-pss.asice         # LT, RSASSA-PSS
    lt-p256.asice            # LT, ECDSA P-256
    lt-p384-sha384.asice     # LT, ECDSA P-384 with SHA-384
    lta-p256.asice           # LTA: archive time-stamp over the whole signature
    lt-tm.bdoc               # Estonian LT-TM (BDOC time-mark)
    lt-two-signatures.asice  # two signatures (P-256 and RSA/SHA-512) over the same data files
    asics-timestamp.asics    # ASiC-S with an RFC 3161 token
    b-p256.asice             # B level: INDETERMINATE offline (no revocation data)
    hash-failure.asice       # TOTAL-FAILED: a signed data file changed
)
# Paths relative to ROOT, so the command line (and so what the process hashes and copies) is the
# same wherever the repository is checked out.
cd "$ROOT"
PATHS=()
for c in "${CONTAINERS[@]}"; do PATHS+=("TestVectors/containers/$c"); done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

source "$ROOT/Benchmarks/valgrind-setup.sh"
prepare_valgrind "$WORK" "$ASIC"

VALIDATE=(validate --offline --quiet --jobs 1 --cache-dir "$WORK/cache"
          --tsl TestVectors/pki/tsl/lotl.xml --tsl-cert TestVectors/pki/tslsigner.pem
          --at 2027-01-01T00:00:00Z)

# Exit statuses 0-2 are verdicts (this set gives 1: hash-failure fails); 3 and above mean the run broke.
check_status() {
    if (($1 > 2)); then
        echo "callgrind-guard: $2 exited $1" >&2
        exit 2
    fi
}

# Warm the trust cache once, unmeasured: the first run verifies the test LOTL and writes the verified
# snapshot; the measured run then reads the snapshot, as every run of a batch does.
rc=0
"$WORK/asic" "${VALIDATE[@]}" "${PATHS[0]}" || rc=$?
check_status "$rc" "the warm-up run"

# One measured run; prints its instruction count.
# SWIFT_DETERMINISTIC_HASHING=1: Swift seeds Hasher randomly per process, which changes how Set and
# Dictionary probe and so the count by a little. Measured without it the spread of 3 runs was 0.021 %,
# with it 0.016 %: not the main cause, but one less. What is left (about 0.02 %) is OpenSSL's own
# randomness: it blinds bignum inversions (BN_mod_inverse under the EC field inversion) with random
# values, so BN_num_bits_word, BN_lshift1 and friends run a different number of times in each process,
# and malloc's arenas follow the thread schedule. Both are far below the threshold.
measure() {
    local out=$WORK/callgrind.$1.out rc=0
    SWIFT_DETERMINISTIC_HASHING=1 LD_PRELOAD="$WORK/sigsuspend.so" \
        valgrind --tool=callgrind --callgrind-out-file="$out" "$WORK/asic" "${VALIDATE[@]}" "${PATHS[@]}" \
        2>"$WORK/valgrind.$1.log" || rc=$?
    if ! grep -q '^summary:\|^totals:' "$out" 2>/dev/null; then
        echo "callgrind-guard: valgrind failed (status $rc):" >&2
        tail -20 "$WORK/valgrind.$1.log" >&2
        exit 2
    fi
    check_status "$rc" "the measured run"
    awk '/^(summary|totals):/ {print $2; exit}' "$out"
}

COUNTS=()
for i in $(seq "$RUNS"); do
    count=$(measure "$i")
    COUNTS+=("$count")
done
if [[ -n ${CALLGRIND_OUT:-} ]]; then cp "$WORK/callgrind.1.out" "$CALLGRIND_OUT"; fi
COUNT=$(printf '%s\n' "${COUNTS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
if ((RUNS > 1)); then
    printf '%s\n' "${COUNTS[@]}" | sort -n | awk '{a[NR]=$1} END {
        printf "callgrind-guard: %d runs: %s; spread %.0f (%.3f %%), median taken\n", NR, "'"${COUNTS[*]}"'", a[NR]-a[1], (a[NR]-a[1])*100/a[1] }'
fi

OLD_COUNT=$(awk '$1 == "instructions" {print $2}' "$BASELINE" 2>/dev/null || true)
OLD_THRESHOLD=$(awk '$1 == "threshold_percent" {print $2}' "$BASELINE" 2>/dev/null || true)
LIMIT=${THRESHOLD:-${OLD_THRESHOLD:-5}}

if ((UPDATE)); then
    {
        echo "# Baseline of Benchmarks/callgrind-guard.sh: callgrind instruction count (Ir) of one"
        echo "# 'asic validate --offline --jobs 1' of its 10 containers, warm trust cache. The guard fails"
        echo "# when a run counts more than threshold_percent over it. Rewrite with: Benchmarks/callgrind-guard.sh --update"
        echo "# Measured $(date -u +%Y-%m-%d) with $(valgrind --version), $("$ASIC" --version 2>/dev/null | head -1 | sed 's/^/asic /'), $(openssl version 2>/dev/null | cut -d' ' -f1-2), nettle $(pkg-config --modversion nettle 2>/dev/null || echo unknown)."
        echo "instructions $COUNT"
        echo "threshold_percent $LIMIT"
    } >"$BASELINE"
    echo "callgrind-guard: baseline updated: $COUNT instructions (threshold +$LIMIT %)"
fi
HAD_OLD=1
[[ -n $OLD_COUNT ]] || { OLD_COUNT=$COUNT; HAD_OLD=0; }
awk -v count="$COUNT" -v base="$OLD_COUNT" -v limit="$LIMIT" -v n="${#CONTAINERS[@]}" -v update="$UPDATE" -v had_old="$HAD_OLD" 'BEGIN {
    ratio = count / base
    printf "callgrind-guard: instructions  %.0f (%d containers, %.0f per container)\n", count, n, count / n
    printf "callgrind-guard: baseline      %.0f%s\n", base, !had_old ? " (no earlier baseline)" : update ? " (before this update)" : ""
    printf "callgrind-guard: ratio         %.4f (%+.2f %%, threshold +%s %%)\n", ratio, (ratio - 1) * 100, limit
    if (update) exit 0
    if (ratio > 1 + limit / 100) {
        print "callgrind-guard: FAIL: more instructions than the baseline allows; compare profiles with callgrind_annotate (CALLGRIND_OUT=file keeps this one)"
        exit 1
    }
    if (ratio < 1 - limit / 100) print "callgrind-guard: faster than the baseline by more than the threshold: consider --update"
    print "callgrind-guard: OK"
}'
