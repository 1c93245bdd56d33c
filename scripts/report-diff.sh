#!/usr/bin/env bash
# Compares the JSON report of every container of the shared corpus and of our own vectors between two
# revisions (default: REV_A and the working tree), so a refactoring or an optimisation can show that no
# verdict or report changed: builds each revision's release binary in its own clone, validates each file
# offline with the same trust, drops what differs by nature (validation time, tool version), and diffs.
#   scripts/report-diff.sh REV_A [REV_B]      (REV_B: a commit, or "." for the working tree)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
A=${1:?usage: report-diff.sh REV_A [REV_B]}
B=${2:-.}
WORK=${REPORT_DIFF_WORK:-/tmp/asic-report-diff}
VECTORS=$(realpath -m "${ASIC_SHARED_VECTORS:-$ROOT/../shared/vectors}")
mkdir -p "$WORK"

binary() {  # revision -> path of its release asic
    local rev=$1
    if [[ $rev == . ]]; then
        (cd "$ROOT" && swift build -c release --product asic >&2)
        echo "$ROOT/.build/release/asic"
        return
    fi
    local commit dir
    commit=$(git -C "$ROOT" rev-parse --short "$rev")
    dir=$WORK/src-$commit
    [[ -d $dir ]] || git clone -q "$ROOT" "$dir"
    git -C "$dir" checkout -q "$commit"
    (cd "$dir" && swift build -c release --product asic >&2)
    echo "$dir/.build/release/asic"
}

reports() {  # binary, output folder
    local asic=$1 out=$2 file rel trust
    rm -rf "$out" && mkdir -p "$out"
    while IFS= read -r file; do
        if [[ $file == "$ROOT"/TestVectors/* ]]; then
            rel=own/${file#"$ROOT"/TestVectors/containers/}
            trust=(--tsl "$ROOT/TestVectors/pki/tsl/lotl.xml" --tsl-cert "$ROOT/TestVectors/pki/tslsigner.pem")
        else
            rel=shared/${file#"$VECTORS"/containers/}
            trust=(--tsl "$VECTORS/trust/test-tl/tl-mp-test-EE.xml" --tsl-cert "$VECTORS/trust/test-tl/trusted-test-tsl.crt")
        fi
        mkdir -p "$(dirname "$out/$rel")"
        set +e
        "$asic" validate --offline --cache-dir "$out.cache" "${trust[@]}" --format json "$file" >"$out/$rel.json" 2>"$out/$rel.err"
        echo "exit $?" >>"$out/$rel.err"
        set -e
    done < <( { [[ -d $VECTORS/containers ]] && find "$VECTORS/containers" -type f ! -name '*.tsv' ! -name '*.md'; \
                find "$ROOT/TestVectors/containers" -type f -name '*.as*'; } | sort)
    python3 - "$out" <<'PY'
import datetime, json, os, re, sys
volatile = {"validationTime", "asicVersion", "toolVersion", "generated", "durationMs"}
ISO = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ')
def seconds(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc).timestamp()
def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items() if k not in volatile}
    if isinstance(o, list):
        return [clean(v) for v in o]
    return o
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith('.json'):
            path = os.path.join(folder, name)
            text = open(path).read()
            # The time of validation (and what is said "as of" it, e.g. an unproven signature's
            # best time) differs from run to run: any time within five minutes of it reads <now>.
            now = re.search(r'"validationTime"\s*:\s*"([^"]+)"', text)
            if now:
                at = seconds(now.group(1))
                text = ISO.sub(lambda m: '<now>' if abs(seconds(m.group(0)) - at) < 300 else m.group(0), text)
            try:
                data = clean(json.loads(text))
            except ValueError:
                continue
            json.dump(data, open(path, 'w'), indent=1, sort_keys=True, ensure_ascii=False)
PY
}

BIN_A=$(binary "$A")
BIN_B=$(binary "$B")
reports "$BIN_A" "$WORK/reports-a"
reports "$BIN_B" "$WORK/reports-b"
count=$(find "$WORK/reports-a" -name '*.json' | wc -l)
if diff -r "$WORK/reports-a" "$WORK/reports-b" >"$WORK/diff.txt"; then
    echo "report-diff: $count reports, identical ($A vs $B)"
else
    echo "report-diff: $count reports, $(grep -c '^diff ' "$WORK/diff.txt" || true) files differ ($A vs $B): $WORK/diff.txt"
    exit 1
fi
