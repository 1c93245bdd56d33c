#!/usr/bin/env bash
# Builds the libFuzzer harnesses of Fuzz/ (-sanitize=fuzzer,address), makes each a seed corpus at
# run time from our vectors and the shared corpus (in .build/fuzz/, never committed), and runs
# each for FUZZ_SECONDS with a 1 GiB RSS limit and a 1 s per-input timeout, JOBS at a time.
# Prints per harness: executions, exec/s, coverage (cov/ft) and the crash/leak/timeout/oom files.
# Usage: scripts/fuzz.sh [HARNESS...]     Environment: FUZZ_SECONDS (default 200), JOBS (default 2)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_EACH=${FUZZ_SECONDS:-200}
JOBS=${JOBS:-2}
ALL=(FuzzZip FuzzContainer FuzzXML FuzzXAdES FuzzTrustedList FuzzDER FuzzPolicy FuzzURI FuzzReport FuzzDDOC)
HARNESSES=("${@:-${ALL[@]}}")
[[ $# -gt 0 ]] || HARNESSES=("${ALL[@]}")
WORK=$ROOT/.build/fuzz
mkdir -p "$WORK"

(cd "$ROOT/Fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -g 2>&1 | { grep -v "Cannot export local symbol" || true; } >&2)
BIN=$(cd "$ROOT/Fuzz" && swift build -c release --show-bin-path -Xswiftc -sanitize=fuzzer,address)

# Seeds: containers, the XML inside them, trusted lists, DER values, reference URIs, policies.
python3 - "$ROOT" "$WORK/seeds" <<'PY'
import base64, glob, hashlib, os, re, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
shared = os.path.join(os.path.dirname(root), 'shared', 'vectors')
def put(kind, data):
    folder = os.path.join(out, kind)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)
containers = [p for p in glob.glob(root + '/TestVectors/containers/*') + glob.glob(shared + '/containers/**/*', recursive=True)
              if os.path.isfile(p) and not p.endswith('.tsv') and os.path.getsize(p) < 1 << 20]
for path in containers:
    data = open(path, 'rb').read()
    for kind in ('container', 'zip', 'report'):
        put(kind, data)
    xmls = []
    if data[:2] == b'PK':
        try:
            with zipfile.ZipFile(path) as z:
                xmls = [z.read(n) for n in z.namelist() if n.endswith('.xml')][:6]
        except Exception:
            pass
    elif data.lstrip()[:1] == b'<':
        xmls = [data]
    for x in xmls:
        put('xml', x)
        put('xades', x)
        text = x.decode('utf-8', 'replace')
        for tag in ('EncapsulatedX509Certificate', 'X509Certificate', 'EncapsulatedOCSPValue', 'EncapsulatedTimeStamp', 'EncapsulatedCRLValue'):
            for value in re.findall(r'<(?:\w+:)?%s[^>]*>([^<]{20,})<' % tag, text)[:4]:
                try:
                    put('der', base64.b64decode(re.sub(r'\s', '', value)))
                except Exception:
                    pass
        for uri in re.findall(r'URI="([^"]*)"', text)[:8]:
            put('uri', uri.encode())
for path in glob.glob(root + '/TestVectors/ddoc/*.ddoc') + glob.glob(shared + '/ddoc/containers/**/*.ddoc', recursive=True):
    if os.path.getsize(path) < 1 << 20:
        put('ddoc', open(path, 'rb').read())
for path in glob.glob(root + '/TestVectors/pki/tsl/**/*.xml', recursive=True) + glob.glob(shared + '/trust/**/*.xml', recursive=True):
    if os.path.getsize(path) < 4 << 20:
        put('tsl', open(path, 'rb').read())
        put('xml', open(path, 'rb').read())
for path in glob.glob(root + '/TestVectors/pki/*.pem'):
    body = ''.join(l for l in open(path).read().splitlines() if not l.startswith('-----'))
    if 'PRIVATE' not in open(path).read():
        put('der', base64.b64decode(body))
policy = open(os.path.join(root, 'Tests/ValidationTests/PolicyTests.swift')).read()
for block in re.findall(r'"""\n(.*?)"""', policy, re.S):
    put('policy', '\n'.join(l.strip() for l in block.splitlines()).encode())
put('policy', b'asic-policy 1\nbase default\nlevel BBB_XCV_ISCGKU FAIL\n')
for uri in ('', '#S0-SignedProperties', "#xpointer(id('x'))", 'a%20b.txt', 'dir/%C3%A4.txt', '100%.txt', 'http://x/y', '//host/p'):
    put('uri', uri.encode())
PY
seeds_of() {
    case $1 in
        FuzzZip) echo zip ;; FuzzContainer) echo container ;; FuzzReport) echo report ;; FuzzXML) echo xml ;;
        FuzzXAdES) echo xades ;; FuzzTrustedList) echo tsl ;; FuzzDER) echo der ;; FuzzPolicy) echo policy ;; FuzzURI) echo uri ;; FuzzDDOC) echo ddoc ;;
    esac
}
run_one() {
    local harness=$1 corpus=$WORK/corpus/$1 artifacts=$WORK/artifacts/$1/
    mkdir -p "$corpus" "$artifacts"
    "$BIN/$harness" "$corpus" "$WORK/seeds/$(seeds_of "$harness")" -max_total_time="$SECONDS_EACH" -rss_limit_mb=1024 \
        -timeout=1 -max_len=1048576 -artifact_prefix="$artifacts" -print_final_stats=1 >"$WORK/$harness.log" 2>&1 || true
}
export -f run_one seeds_of
export BIN WORK SECONDS_EACH
printf '%s\n' "${HARNESSES[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one {}'

printf '%-16s %12s %8s %8s %8s  %s\n' harness executions exec/s cov ft findings
for harness in "${HARNESSES[@]}"; do
    log=$WORK/$harness.log
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    findings=$(ls "$WORK/artifacts/$harness" 2>/dev/null | tr '\n' ' ')
    printf '%-16s %12s %8s %8s %8s  %s\n' "$harness" "$runs" "$speed" "$cov" "$ft" "${findings:-none}"
done
# Any crash, leak, timeout or out-of-memory input fails the run (the smoke in `make test` included).
if compgen -G "$WORK/artifacts/*/*" >/dev/null; then
    echo "fuzz: findings in $WORK/artifacts (reproduce: \$BIN/<harness> <file>)" >&2
    exit 1
fi
