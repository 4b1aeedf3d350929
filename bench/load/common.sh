# Shared helpers of the bench/load scripts (sourced, not run). Loopback only: every address is 127.0.0.1.
# shellcheck shell=bash

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PRODUCT_BIN="$REPO/src/CallService/bin/Release/net10.0"
PROBE_DLL="$REPO/bench/CallService.LoadProbe/bin/Release/net10.0/CallService.LoadProbe.dll"
RESULTS="${LOAD_RESULTS:-/tmp/callservice-load}"
PRODUCT_DIR=""
SERVER_PID=""
SIP_PORT=""
WEB_PORT=""
BACKGROUND_PIDS=()

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

require() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "missing tool: $tool (see /work/shared/PEERS.md)" >&2; exit 2; }
    done
}

# Builds the product and the probe in Release, and snapshots the product's output into $1/product so
# that a rebuild during a run cannot replace the assemblies under the running service.
build_all() {
    local run_dir="$1"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        log "building Release (product and probe)"
        dotnet build -c Release "$REPO/src/CallService" -nologo -v q >"$run_dir/build.log" 2>&1 || { tail -20 "$run_dir/build.log"; exit 1; }
        dotnet build -c Release "$REPO/bench/CallService.LoadProbe" -nologo -v q >>"$run_dir/build.log" 2>&1 || { tail -20 "$run_dir/build.log"; exit 1; }
    fi
    rm -rf "$run_dir/product"
    cp -r "$PRODUCT_BIN" "$run_dir/product"
    PRODUCT_DIR="$run_dir/product"
}

# A free UDP+TCP port on 127.0.0.1 between 20000 and 29999 (the RTP range used here is 30000-39999).
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 10000))
        if [[ -z "$(ss -Hlun "sport = :$port" 2>/dev/null)" && -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]; then
            echo "$port"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

# start_server RUN_DIR [extra --Key=value arguments]: starts the snapshot on free ports with its own
# database and log files, and waits until it takes calls (60 s at most).
start_server() {
    local run_dir="$1"
    shift
    SIP_PORT="$(free_port)"
    WEB_PORT="$(free_port)"
    mkdir -p "$run_dir/logs"
    rm -f "$run_dir"/calls.db*
    # GET /metrics needs a scrape token (Web:MetricsToken; docs/configuration.md): a fresh one per run,
    # handed over in the environment (not on the command line, where ps shows it). metric() and the
    # load probe (CALLSERVICE_METRICS_TOKEN) send it as "Authorization: Bearer".
    METRICS_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export CALLSERVICE_METRICS_TOKEN="$METRICS_TOKEN"
    # The service runs with the gen0 budget its deployment sets (docs/configuration.md, Runtime);
    # SERVER_ENV="DOTNET_gcServer=1 ..." passes other runtime settings (A/B runs of runtime knobs) and
    # may override it.
    # shellcheck disable=SC2086
    env DOTNET_GCgen0size=0x400000 ${SERVER_ENV:-} CallService__Web__MetricsToken="$METRICS_TOKEN" dotnet "$PRODUCT_DIR/CallService.dll" \
        --Sip:Address=127.0.0.1 --Sip:Port="$SIP_PORT" \
        --Web:Urls="http://127.0.0.1:$WEB_PORT" \
        --Storage:ConnectionString="Data Source=$run_dir/calls.db" \
        --Sip:RtpPortMin=30000 --Sip:RtpPortMax=39999 \
        --Serilog:WriteTo:1:Args:path="$run_dir/logs/callservice-.log" \
        "$@" >"$run_dir/server.out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        # "Application started" follows every hosted service's start (it still shows with --quiet-logs).
        if grep -qE "SIP engine listening on|Application started" "$run_dir/server.out" 2>/dev/null; then
            log "CallService pid $SERVER_PID: SIP 127.0.0.1:$SIP_PORT, web 127.0.0.1:$WEB_PORT${SERVER_ENV:+ (env: $SERVER_ENV)}"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "CallService exited at start:" >&2
            tail -20 "$run_dir/server.out" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "CallService did not get ready within 60 s" >&2
    exit 1
}

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

cleanup() {
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# utime + stime of a process in seconds (/proc/PID/stat fields 14 and 15).
cpu_seconds() {
    local ticks
    ticks="$(getconf CLK_TCK)"
    awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"
}

# A /proc/PID/status value in kB: status_kb PID VmHWM
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

loadavg() { cut -d' ' -f1 /proc/loadavg; }

now_s() { date +%s.%N; }

# metric NAME: the value of one line of the service's GET /metrics (empty if absent).
metric() { curl -s --max-time 5 -H "Authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$WEB_PORT/metrics" | awk -v n="$1" '$1 == n { print $2 }'; }

machine() { echo "cpus=$(nproc) model=\"$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)\" dotnet=$(dotnet --version)"; }

# start_capture DIR: tcpdump of the service's SIP port into DIR/sip.pcap (kernel timestamps); sets
# CAPTURE_PID, empty when tcpdump is missing (the figures then say capture=off).
CAPTURE_PID=""
start_capture() {
    CAPTURE_PID=""
    command -v tcpdump >/dev/null || return 0
    tcpdump -i lo -n -s 2048 -B 65536 -w "$1/sip.pcap" "udp port $SIP_PORT" 2>"$1/tcpdump.err" &
    CAPTURE_PID=$!
    BACKGROUND_PIDS+=("$CAPTURE_PID")
    for _ in $(seq 1 50); do grep -q "listening on" "$1/tcpdump.err" 2>/dev/null && break; sleep 0.1; done
}

# stop_capture DIR MODE: ends the capture and prints the probe's summary of it (MODE: sip-latency for
# INVITE exchanges, register-latency for REGISTER ones) and the packets tcpdump dropped.
stop_capture() {
    if [[ -z "$CAPTURE_PID" ]]; then
        echo "$2 capture=off"
        return 0
    fi
    # tcpdump reads the kernel's ring in blocks (about a second each): on SIGINT it stops reading, so
    # the last block would be lost without this wait.
    sleep 2
    kill -INT "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=""
    echo "$(dotnet "$PROBE_DLL" "$2" --pcap "$1/sip.pcap" --sip-port "$SIP_PORT") tcpdump_dropped=$(awk '/dropped by kernel/ { print $1 }' "$1/tcpdump.err")"
}
