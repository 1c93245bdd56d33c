#!/usr/bin/env bash
# The verified trust cache against a synthetic EU (Benchmarks/synthetic-eu.py: a LOTL and 31
# national lists, 110 services each with history, over 20 MB of XML) served by python3's
# http.server on 127.0.0.1:
#   1. first run: fetch every list, verify every signature, validate one container, write the cache;
#   2. cold processes validating the same container offline from the verified snapshot (median);
#   3. the same without the snapshot (every cached XML list parsed and verified again);
#   4. the floor: the same container against the one-list test LOTL.
# Usage: Benchmarks/trust-cache.sh     Environment: ASIC (default .build/release/asic), REPEAT (default 9)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPEAT=${REPEAT:-9}
if [[ -z ${ASIC:-} ]]; then
    ASIC=$ROOT/.build/release/asic
    [[ -x $ASIC ]] || (cd "$ROOT" && swift build -c release --product asic >&2)
fi
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$ROOT/Benchmarks/synthetic-eu.py" "$WORK/eu" "http://127.0.0.1:$PORT" >&2
(cd "$WORK/eu" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/eu-lotl.xml" -o /dev/null && break; sleep 0.1; done
CONTAINER=$ROOT/TestVectors/containers/lt-p256.asice
SIGNER=$ROOT/TestVectors/pki/tslsigner.pem
LOTL=http://127.0.0.1:$PORT/eu-lotl.xml

# seconds of one run of the arguments, checking that the container still validates
run() {
    python3 - "$@" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True)
took = time.perf_counter() - start
if result.returncode != 0:
    sys.exit('bench: %s exited %d: %s' % (' '.join(sys.argv[1:]), result.returncode, result.stderr.decode()[-300:]))
print('%.4f' % took)
PY
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

FIRST=$(run "$ASIC" validate --cache-dir "$WORK/cache" --tsl "$LOTL" --tsl-cert "$SIGNER" "$CONTAINER")
kill $SERVER; wait $SERVER 2>/dev/null || true
CACHED=$(for _ in $(seq "$REPEAT"); do run "$ASIC" validate --offline --cache-dir "$WORK/cache" --tsl "$LOTL" --tsl-cert "$SIGNER" "$CONTAINER"; done | median)
FULL=$(for _ in $(seq "$REPEAT"); do rm -f "$WORK"/cache/verified-*.bin
    run "$ASIC" validate --offline --cache-dir "$WORK/cache" --tsl "$LOTL" --tsl-cert "$SIGNER" "$CONTAINER"; done | median)
FLOOR=$(for _ in $(seq "$REPEAT"); do run "$ASIC" validate --offline --cache-dir "$WORK/small" --tsl "$ROOT/TestVectors/pki/tsl/lotl.xml" --tsl-cert "$SIGNER" "$CONTAINER"; done | median)
# End to end: every own vector (rows without a trusted-list variant), validated offline from the
# snapshot of the synthetic EU, gets the verdict it gets with the one-list test LOTL.
verdicts() {
    { "$ASIC" validate --format json --offline --cache-dir "$2" --tsl "$1" --tsl-cert "$SIGNER" "$ROOT/TestVectors/containers" 2>/dev/null || true; } |
        python3 -c 'import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(r["file"].rsplit("/", 1)[-1], r["verdict"], ",".join("%s/%s" % (s.get("indication"), s.get("subIndication")) for s in r.get("signatures", [])))' | sort
}
EU_VERDICTS=$(verdicts "$LOTL" "$WORK/cache")
TEST_VERDICTS=$(verdicts "$ROOT/TestVectors/pki/tsl/lotl.xml" "$WORK/small")
SAME=$(comm -12 <(echo "$EU_VERDICTS") <(echo "$TEST_VERDICTS") | wc -l)
TOTAL=$(echo "$TEST_VERDICTS" | wc -l)
DIFF=$(diff <(echo "$TEST_VERDICTS") <(echo "$EU_VERDICTS") | grep '^[<>]' | head -6 || true)
SNAPSHOT=$(stat -c %s "$WORK"/cache/verified-*.bin)
XML=$(cat "$WORK"/eu/*.xml | wc -c)
echo "trust-cache: own vectors with the synthetic EU (from the snapshot) vs the test LOTL: $SAME of $TOTAL same verdicts"
[[ -z $DIFF ]] || echo "$DIFF" | sed 's/^/trust-cache:   /'
python3 - "$FIRST" "$CACHED" "$FULL" "$FLOOR" "$SNAPSHOT" "$XML" <<'PY'
import sys
first, cached, full, floor, snapshot, xml = map(float, sys.argv[1:])
print('trust-cache: synthetic EU of 32 lists, %.1f MB of XML; verified snapshot %.1f MB' % (xml / 1e6, snapshot / 1e6))
print('trust-cache: first run (fetch + verify all + validate) %6.0f ms' % (first * 1000))
print('trust-cache: cold process from the snapshot           %6.0f ms  (goal < 100 ms)' % (cached * 1000))
print('trust-cache: cold process re-verifying the XML        %6.0f ms  (%.1fx the snapshot)' % (full * 1000, full / cached))
print('trust-cache: floor, one small test list               %6.0f ms  (snapshot overhead %.0f ms)' % (floor * 1000, (cached - floor) * 1000))
PY
