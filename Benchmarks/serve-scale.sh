#!/usr/bin/env bash
# Does `asic serve` scale out behind a load balancer? Everything on 127.0.0.1 with Debian's nginx
# (run as the current user from a config in a temp folder) in front and wrk posting a real
# container (TestVectors/sample/sample.asice) to POST /v1/validate:
#   a. 1 instance,  --max-concurrent 1   (one validation at a time: the unit of work)
#   b. 1 instance,  --max-concurrent 2   (scaling up: two validations in one process)
#   c. 2 instances, --max-concurrent 1 each, nginx spreading requests (scaling out)
#   d. as c, while instance 1 is restarted (SIGTERM, wait for exit, start again on its port, wait
#      for /readyz) after a third of the run: a rolling restart must cost no request.
#   e. how wrk counts the service's back-pressure answer (503 + Retry-After): one instance with
#      --max-queue 0 hit directly with more connections than it runs (not part of the pass/fail).
# a-d all go through nginx, so that the only thing that changes between them is the backend.
# On a 2-core machine c cannot beat b (wrk, nginx and the instances share the cores); what it
# shows is c ≈ b ≈ 1.6-2x a, and that d has no failure.
# Exit status: 1 when d had a failed request (non-2xx or socket error) or the restarted instance
# did not exit 0 after SIGTERM.
# Usage: Benchmarks/serve-scale.sh
# Environment: ASIC_BINARY (default .build/release/asic),
#   SECONDS_PER_RUN (20), CONNECTIONS (8), WRK_THREADS (2), WARMUP_SECONDS (2),
#   NEXT_UPSTREAM (nginx's proxy_next_upstream, see start_nginx)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
NEXT_UPSTREAM=${NEXT_UPSTREAM:-error timeout http_502 http_503 non_idempotent}
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-/usr/bin/wrk}
ASIC=${ASIC_BINARY:-}
if [[ -z $ASIC ]]; then
    for candidate in "$ROOT/.build/release/asic"; do
        [[ -x $candidate ]] && { ASIC=$candidate; break; }
    done
fi
[[ -n $ASIC && -x $ASIC ]] || { echo "serve-scale: no asic binary (make release, or set ASIC_BINARY)" >&2; exit 2; }
[[ -x $(dirname "$ASIC")/asic-serve ]] || { echo "serve-scale: no asic-serve beside $ASIC (make release builds both)" >&2; exit 2; }
for tool in "$NGINX" "$WRK" curl python3; do
    command -v "$tool" >/dev/null || { echo "serve-scale: $tool is missing" >&2; exit 2; }
done
SAMPLE=$ROOT/TestVectors/sample/sample.asice
TRUST=(--tsl-refresh 0 --offline --tsl "$ROOT/TestVectors/pki/tsl/lotl.xml" --tsl-cert "$ROOT/TestVectors/pki/tslsigner.pem")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/asic-serve-scale.XXXXXX")
# Every process this script starts, by pid, so that the trap ends exactly those (and nothing else).
declare -A INSTANCE_PID=() INSTANCE_PORT=()
NGINX_PID= WRK_PID=
cleanup() {
    local pid
    for pid in "${INSTANCE_PID[@]}" $NGINX_PID $WRK_PID; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${INSTANCE_PID[@]}" $NGINX_PID $WRK_PID; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# The service spools uploads into $TMPDIR: keep that inside the temp folder too.
export TMPDIR=$WORK
mkdir -p "$WORK/cache" "$WORK/nginx"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

log() { echo "serve-scale: $*" >&2; }

# start_instance NAME PORT [serve options]: in the background, log in $WORK/NAME.log (appended,
# so a restarted instance's lines follow its first life's).
start_instance() {
    local name=$1 port=$2
    shift 2
    "$ASIC" serve --listen "127.0.0.1:$port" --cache-dir "$WORK/cache" "${TRUST[@]}" "$@" 2>>"$WORK/$name.log" &
    INSTANCE_PID[$name]=$!
    INSTANCE_PORT[$name]=$port
}

# wait_ready NAME: until GET /readyz answers 200 (the trust is loaded); fails when the process died.
wait_ready() {
    local name=$1 i
    for ((i = 0; i < 300; i++)); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${INSTANCE_PORT[$name]}/readyz" 2>/dev/null) == 200 ]]; then
            return 0
        fi
        kill -0 "${INSTANCE_PID[$name]}" 2>/dev/null || { log "$name exited before it was ready:"; tail -5 "$WORK/$name.log" >&2; return 1; }
        sleep 0.1
    done
    log "$name not ready after 30 s"
    return 1
}

# stop_instance NAME: SIGTERM, wait for the exit; its status in STOP_STATUS (not printed: a
# command substitution would run it in a subshell, which cannot wait for this shell's children).
stop_instance() {
    local name=$1
    STOP_STATUS=0
    kill -TERM "${INSTANCE_PID[$name]}"
    wait "${INSTANCE_PID[$name]}" || STOP_STATUS=$?
    unset "INSTANCE_PID[$name]"
}

stop_all_instances() {
    local name
    for name in "${!INSTANCE_PID[@]}"; do
        stop_instance "$name"
        [[ $STOP_STATUS == 0 ]] || log "$name exited $STOP_STATUS after SIGTERM"
    done
}

# start_nginx NAME...: nginx on a new free port in front of those instances. Notes on the config:
# - keepalive to the upstreams (as a real balancer does; without it every request costs a connect);
# - proxy_request_buffering on: the whole body is read before an upstream is picked, so a request
#   can be sent again to the other instance;
# - proxy_next_upstream error timeout http_502 http_503 + tries 2: a refused connect (instance
#   down) or a 503 (instance draining or full) goes to the other instance;
# - ... non_idempotent: nginx never resends a POST once it has been written to an upstream, and
#   an instance that gets SIGTERM closes its idle keep-alive connections: a POST nginx wrote to
#   one of them at that moment ends as "upstream prematurely closed connection while reading
#   response header" and a 502 for the client. Validation has no side effect, so resending is
#   safe (NEXT_UPSTREAM overrides the list, e.g. without non_idempotent to see those 502s);
# - max_fails=0: nginx does not take an instance out of rotation after a refused connect. With
#   the default (1 failure => out for fail_timeout, 10 s) a second instance restarted while the
#   first one is still out leaves "no live upstreams" and nginx answers 502 at once to everything;
#   a refused connect on 127.0.0.1 costs nothing, and the retry goes to the other instance;
# - temp paths, pid and logs in $WORK so that no root and no /var/lib/nginx are needed;
# - the access log records the upstream(s) tried and their statuses ("502, 200" = retried).
start_nginx() {
    local servers= name
    for name in "$@"; do servers+="        server 127.0.0.1:${INSTANCE_PORT[$name]} max_fails=0;"$'\n'; done
    NGINX_PORT=$(free_port)
    local dir=$WORK/nginx
    rm -f "$dir"/*.log
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events { worker_connections 1024; }
http {
    log_format upstreams '\$status \$upstream_addr \$upstream_status \$request_time';
    access_log $dir/access.log upstreams;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    upstream asic {
$servers        keepalive 32;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        client_max_body_size 64m;
        client_body_buffer_size 1m;
        proxy_request_buffering on;
        location / {
            proxy_pass http://asic;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream $NEXT_UPSTREAM;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }
    }
}
EOF
    "$NGINX" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/readyz" 2>/dev/null) == 200 ]] && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || { log "nginx exited:"; cat "$dir/error.log" >&2; return 1; }
        sleep 0.1
    done
    log "nginx not answering"
    return 1
}

stop_nginx() {
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
}

# The wrk script: POST the container's bytes; every non-200 answer counted per status (and
# whether it carried Retry-After), per wrk thread, summed in done() with the socket errors.
cat >"$WORK/post.lua" <<EOF
local file = assert(io.open([[$SAMPLE]], "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/octet-stream"

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} retry_after = 0 end
function response(status, headers, body)
    if status ~= 200 then
        statuses[status] = (statuses[status] or 0) + 1
        if headers["Retry-After"] or headers["retry-after"] then retry_after = retry_after + 1 end
    end
end
function done(summary, latency, requests)
    local bad, total, retry, detail = {}, 0, 0, ""
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do bad[status] = (bad[status] or 0) + count end
        retry = retry + thread:get("retry_after")
    end
    for status, count in pairs(bad) do total = total + count; detail = detail .. " " .. status .. "x" .. count end
    local e = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.2f p99=%.2f non200=%d retry_after=%d connect=%d read=%d write=%d timeout=%d wrk_status=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        total, retry, e.connect, e.read, e.write, e.timeout, e.status))
    if total > 0 then io.write("NON200" .. detail .. "\n") end
end
EOF

# run_wrk NAME URL SECONDS: wrk in the background (WRK_PID), its output in $WORK/NAME.wrk.
# --timeout 5s: a request slower than that counts as failed (wrk's default of 2 s is too tight
# for a machine that is also building).
run_wrk() {
    "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$3"s --timeout 5s --latency -s "$WORK/post.lua" "$2/v1/validate" >"$WORK/$1.wrk" 2>&1 &
    WRK_PID=$!
}

wait_wrk() {
    local status=0
    wait "$WRK_PID" || status=$?
    WRK_PID=
    [[ $status == 0 ]] || { log "wrk exited $status:"; cat "$WORK/$1.wrk" >&2; return 1; }
}

field() { # field NAME KEY: a value of the RESULT line of NAME's wrk run
    sed -n 's/.*RESULT.* '"$2"'=\([^ ]*\).*/\1/p' "$WORK/$1.wrk"
}

# CPU time (clock ticks, user + system) the running instances have used so far. Per request and
# per second of the run it tells a lack of cores (other processes on the machine: the instances
# get less than the cores they could use) from a limit inside the service (cores to spare, yet
# no more throughput), which requests/s alone cannot.
CLOCK_TICKS=$(getconf CLK_TCK)
cpu_ticks() {
    local pid total=0 stat
    for pid in "${INSTANCE_PID[@]}"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }   # the fields after the command name (which may hold spaces)
        read -r -a fields <<<"$stat"
        total=$((total + fields[11] + fields[12]))   # utime and stime, fields 14 and 15 of stat
    done
    echo "$total"
}

# record NAME LABEL TICKS: one row of the final table. requests/s counts 200s only (wrk's own
# Requests/sec includes non-2xx answers, which a fast 503 would inflate); failures = non-200
# answers + socket errors (connect, read, write, timeout); TICKS = the instances' CPU time in
# the run, shown as cores busy on average and CPU ms per answered request.
record() {
    local name=$1 label=$2 ticks=$3 requests seconds non200 failures
    requests=$(field "$name" requests); seconds=$(field "$name" seconds); non200=$(field "$name" non200)
    failures=$((non200 + $(field "$name" connect) + $(field "$name" read) + $(field "$name" write) + $(field "$name" timeout)))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" \
        "$(awk -v r="$requests" -v n="$non200" -v s="$seconds" 'BEGIN {printf "%.1f", (r - n) / s}')" \
        "$(field "$name" p50)" "$(field "$name" p99)" "$failures" \
        "$(awk -v t="$ticks" -v hz="$CLOCK_TICKS" -v r="$requests" -v n="$non200" -v s="$seconds" \
            'BEGIN {printf "%.2f\t%.2f", t / hz / s, (r - n > 0 ? t / hz * 1000 / (r - n) : 0)}')" >>"$WORK/table"
    grep -h '^NON200' "$WORK/$name.wrk" | sed "s/^/serve-scale: $name: /" >&2 || true
}

# Anything but a 200 in the instances' request log lines, and nginx's complaints: evidence for the report.
# (nginx's complaints counted by kind: "connect() failed (111: Connection refused)" is the
# expected trace of an instance that is down, each one a request retried on the other.)
show_trouble() {
    local name=$1
    grep -h '\] request$' "$WORK"/instance-*.log 2>/dev/null | grep -v 'status=200' | head -5 | sed "s/^/serve-scale: $name: instance: /" >&2 || true
    grep -hE '\[(warn|error|crit|alert)\]' "$WORK/nginx/error.log" 2>/dev/null |
        sed 's/^[0-9/: ]*\(\[[a-z]*\]\) [0-9#]*: \*[0-9]* \(.*\), client:.*/\1 \2/' | sort | uniq -c |
        sed "s/^ */serve-scale: $name: nginx: /" >&2 || true
    local retried
    retried=$(grep -c ',' "$WORK/nginx/access.log" 2>/dev/null || true)
    [[ ${retried:-0} == 0 ]] || log "$name: requests nginx passed to a second instance: $retried ($(grep ',' "$WORK/nginx/access.log" | awk '{print $1, $(NF-2) $(NF-1)}' | sort | uniq -c | tr -s ' ' | paste -sd ';'))"
}

# measure NAME LABEL: warm-up (not counted: first validations fill the certificate caches), then the run.
measure() {
    local name=$1 label=$2
    if ((WARMUP_SECONDS > 0)); then run_wrk "$name-warmup" "http://127.0.0.1:$NGINX_PORT" "$WARMUP_SECONDS"; wait_wrk "$name-warmup"; fi
    : >"$WORK/nginx/access.log"; : >"$WORK/nginx/error.log"
    log "$name: $label, ${SECONDS_PER_RUN} s, $CONNECTIONS connections"
    local ticks
    ticks=$(cpu_ticks)
    run_wrk "$name" "http://127.0.0.1:$NGINX_PORT" "$SECONDS_PER_RUN"
    wait_wrk "$name"
    record "$name" "$label" $(($(cpu_ticks) - ticks))
    show_trouble "$name"
}

rotate_logs() { for f in "$WORK"/instance-*.log; do [[ -e $f ]] && mv "$f" "$f.$1"; done; return 0; }

log "binary $ASIC; load: $(uptime | sed 's/.*load average/load average/')"

# The sample must validate (200) with the test trust, or every run below would measure errors.
PORT1=$(free_port)
start_instance instance-1 "$PORT1" --max-concurrent 1
wait_ready instance-1
verdict=$(curl -s -o /dev/null -w '%{http_code} %header{x-asic-verdict}' -H 'Content-Type: application/octet-stream' \
    --data-binary @"$SAMPLE" "http://127.0.0.1:$PORT1/v1/validate")
[[ $verdict == 200* ]] || { log "the sample does not validate with 200: $verdict"; tail -3 "$WORK/instance-1.log" >&2; exit 1; }
log "sample.asice: HTTP $verdict"

# a. one instance, one validation at a time
start_nginx instance-1
measure a "1 instance, max-concurrent 1"
stop_nginx; stop_all_instances; rotate_logs a

# b. one instance, two validations at a time
start_instance instance-1 "$PORT1" --max-concurrent 2
wait_ready instance-1
start_nginx instance-1
measure b "1 instance, max-concurrent 2"
stop_nginx; stop_all_instances; rotate_logs b

# c. two instances, one validation each, behind nginx
PORT2=$(free_port)
start_instance instance-1 "$PORT1" --max-concurrent 1
start_instance instance-2 "$PORT2" --max-concurrent 1
wait_ready instance-1
wait_ready instance-2
start_nginx instance-1 instance-2
measure c "2 instances behind nginx"
rotate_logs c

# d. the same two instances, instance 1 restarted under load after a third of the run
if ((WARMUP_SECONDS > 0)); then run_wrk d-warmup "http://127.0.0.1:$NGINX_PORT" "$WARMUP_SECONDS"; wait_wrk d-warmup; fi
: >"$WORK/nginx/access.log"; : >"$WORK/nginx/error.log"
log "d: 2 instances, instance 1 restarted at $((SECONDS_PER_RUN / 3)) s of ${SECONDS_PER_RUN} s"
ticks_start=$(cpu_ticks)
run_wrk d "http://127.0.0.1:$NGINX_PORT" "$SECONDS_PER_RUN"
sleep $((SECONDS_PER_RUN / 3))
# (CPU: both instances up to the SIGTERM, then both from the restarted one's readiness on.)
ticks_before_stop=$(cpu_ticks)
restart_started=$(date +%s.%N)
stop_instance instance-1
RESTART_STATUS=$STOP_STATUS
restart_stopped=$(date +%s.%N)
start_instance instance-1 "$PORT1" --max-concurrent 1
wait_ready instance-1
restart_ready=$(date +%s.%N)
ticks_after_ready=$(cpu_ticks)
restart_requests_before=$(grep -c '\] request$' "$WORK/instance-1.log" || true)
wait_wrk d
# Did the restarted instance take traffic again before the run ended?
restart_requests_after=$(( $(grep -c '\] request$' "$WORK/instance-1.log" || true) - restart_requests_before ))
record d "2 instances, rolling restart" $((ticks_before_stop - ticks_start + $(cpu_ticks) - ticks_after_ready))
show_trouble d
log "d: instance 1 stopped $(awk -v a="$restart_started" -v b="$restart_stopped" 'BEGIN {printf "%.2f", b - a}') s after SIGTERM with exit status $RESTART_STATUS; ready again $(awk -v a="$restart_stopped" -v b="$restart_ready" 'BEGIN {printf "%.2f", b - a}') s later; then served $restart_requests_after requests until the end of the run"
stop_nginx; stop_all_instances; rotate_logs d

# e. back-pressure as wrk sees it: 1 run slot, no queue, 4 connections straight at the instance.
start_instance instance-1 "$PORT1" --max-concurrent 1 --max-queue 0
wait_ready instance-1
CONNECTIONS=4 run_wrk e "http://127.0.0.1:$PORT1" 3
wait_wrk e
stop_all_instances
E_REQUESTS=$(field e requests); E_NON200=$(field e non200); E_RETRY=$(field e retry_after); E_WRK=$(field e wrk_status)
log "e: --max-queue 0, 4 connections: wrk counted $E_REQUESTS requests, of which $E_NON200 non-200 ($(grep -h '^NON200' "$WORK/e.wrk" | cut -c8- || true)), $E_RETRY with Retry-After;" \
    "wrk's \"Non-2xx or 3xx responses\": $(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/e.wrk" | grep -o '[0-9]*$' || echo 0)," \
    "its errors.status $E_WRK; its Requests/sec $(grep -o 'Requests/sec: *[0-9.]*' "$WORK/e.wrk" | grep -o '[0-9.]*$') includes them (wrk does not retry)"

echo
echo "serve-scale: $SECONDS_PER_RUN s per run, $WRK_THREADS wrk threads, $CONNECTIONS connections, POST /v1/validate sample.asice ($(stat -c %s "$SAMPLE") bytes), $(nproc) cores"
printf '%-3s %-32s %9s %8s %8s %9s %11s %12s\n' "" scenario "200s/s" "p50 ms" "p99 ms" failures "asic cores" "CPU ms/req"
while IFS=$'\t' read -r name label rps p50 p99 failures cores per_request; do
    printf '%-3s %-32s %9s %8s %8s %9s %11s %12s\n' "$name" "$label" "$rps" "$p50" "$p99" "$failures" "$cores" "$per_request"
done <"$WORK/table"
rps() { awk -F'\t' -v n="$1" '$1 == n {print $3}' "$WORK/table"; }
awk -v a="$(rps a)" -v b="$(rps b)" -v c="$(rps c)" -v d="$(rps d)" 'BEGIN {
    printf "ratio b/a %.2f (scale up), c/a %.2f (scale out), c/b %.2f, d/c %.2f\n", b / a, c / a, c / b, d / c }'
D_FAILURES=$(awk -F'\t' '$1 == "d" {print $6}' "$WORK/table")
echo "rolling restart: $D_FAILURES failed requests, restarted instance exit status $RESTART_STATUS"
if [[ $D_FAILURES != 0 || $RESTART_STATUS != 0 ]]; then
    echo "serve-scale: FAIL (the rolling restart must cost no request and the instance must exit 0)"
    exit 1
fi
