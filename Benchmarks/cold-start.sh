#!/usr/bin/env bash
# Cold start (issue 15): what one fresh process costs. Times, interleaved and as medians of RUNS:
#   /bin/true (the machine's process floor), `asic --version`, and `asic validate` of one container
#   of the shared corpus, offline from the verified trust snapshot (warmed once first): the ID-card
#   signature of today (valid-asice-esteid2018.asice: ECDSA P-384 signer, P-521 CA) and the first
#   `valid` row on the shared test TSL (two signatures). Goal: within 20 ms of `--version`.
# With valgrind installed it also counts both runs' instructions (repeatable where times are not).
# Usage: Benchmarks/cold-start.sh
# Environment: ASIC_BINARY (default .build/release/asic), ASIC_SHARED_VECTORS (default ../shared/vectors),
#              RUNS (default 31), CALLGRIND (1 when valgrind is installed, 0 to skip)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASIC=${ASIC_BINARY:-$ROOT/.build/release/asic}
VECTORS=${ASIC_SHARED_VECTORS:-$ROOT/../shared/vectors}
RUNS=${RUNS:-31}
[[ -x $ASIC ]] || { echo "cold-start: no binary at $ASIC (make release, or set ASIC_BINARY)" >&2; exit 2; }
[[ -f $VECTORS/MANIFEST.tsv ]] || { echo "cold-start: no shared corpus at $VECTORS (set ASIC_SHARED_VECTORS)" >&2; exit 2; }
if [[ -z ${CALLGRIND:-} ]]; then
    CALLGRIND=0
    command -v valgrind >/dev/null && command -v objcopy >/dev/null && command -v cc >/dev/null && CALLGRIND=1
fi
CONTAINERS=()
[[ -f $VECTORS/containers/digidoc4j/valid-asice-esteid2018.asice ]] && CONTAINERS+=("$VECTORS/containers/digidoc4j/valid-asice-esteid2018.asice")
CONTAINERS+=("$VECTORS/$(awk -F'\t' 'NR > 1 && $2 == "valid" && $5 == "test-tl" && $1 ~ /\.(asice|bdoc)$/ { print $1; exit }' "$VECTORS/MANIFEST.tsv")")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TRUST=(--offline --cache-dir "$WORK/cache" --tsl "$VECTORS/trust/test-tl/tl-mp-test-EE.xml" --tsl-cert "$VECTORS/trust/test-tl/trusted-test-tsl.crt")
for CONTAINER in "${CONTAINERS[@]}"; do
    "$ASIC" validate --quiet "${TRUST[@]}" "$CONTAINER" >/dev/null || { echo "cold-start: $CONTAINER does not validate" >&2; exit 1; }
done
ls "$WORK"/cache/verified-*.bin >/dev/null 2>&1 || { echo "cold-start: no verified trust snapshot was written" >&2; exit 1; }

for CONTAINER in "${CONTAINERS[@]}"; do
python3 - "$RUNS" "$ASIC" "$CONTAINER" "${TRUST[@]}" <<'PY'
import statistics, subprocess, sys, time
runs, asic, container, trust = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
commands = {'true': ['/bin/true'], 'version': [asic, '--version'], 'validate': [asic, 'validate', '--quiet'] + trust + [container]}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():  # interleaved: a slower moment of the machine hits all three
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit('cold-start: %s exited %d' % (' '.join(command), result.returncode))
median = {name: statistics.median(values) * 1000 for name, values in times.items()}
print('cold-start: %s, %d runs each (medians)' % (container.rsplit('/', 1)[-1], runs))
print('cold-start: /bin/true %.1f ms, asic --version %.1f ms, validate one container %.1f ms' % (median['true'], median['version'], median['validate']))
print('cold-start: validate - version = %.1f ms (goal <= 20 ms)' % (median['validate'] - median['version']))
PY
done

if [[ $CALLGRIND == 1 ]]; then
    source "$ROOT/Benchmarks/valgrind-setup.sh"
    prepare_valgrind "$WORK" "$ASIC"
    count() { LD_PRELOAD=$WORK/sigsuspend.so valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : //p'; }
    VERSION_IR=$(count "$WORK/asic" --version)
    for CONTAINER in "${CONTAINERS[@]}"; do
        VALIDATE_IR=$(count "$WORK/asic" validate --quiet "${TRUST[@]}" "$CONTAINER")
        python3 -c "import sys; v, c = int(sys.argv[1]), int(sys.argv[2]); print('cold-start: instructions --version %.1f M, validate %s %.1f M (+%.1f M)' % (v / 1e6, sys.argv[3], c / 1e6, (c - v) / 1e6))" "$VERSION_IR" "$VALIDATE_IR" "${CONTAINER##*/}"
    done
fi
