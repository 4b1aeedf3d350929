#!/usr/bin/env bash
# Scenario b: concurrent calls on hold audio. The probe (bench/CallService.LoadProbe) places N calls
# at R/s on a line that answers at once, lets the greeting give way to hold music (--settle), then
# for --measure seconds times every RTP packet the service sends with kernel receive stamps on K
# receiver sockets (each call offers one of their ports; streams are told apart by the service's
# source port). One summary line per N: calls up, per-stream packets and sequence gaps, inter-arrival
# p50/p99/p99.9/max over all streams and the worst stream's p99, the service's late/skipped frames,
# its CPU over the window and its RSS per call ((RSS during - RSS before the calls) / N).
# Usage: bench/load/concurrent.sh [--calls "500 1000 2000"] [--measure S] [--rate R] [--sockets K] [--quiet-logs]
source "$(dirname "$0")/common.sh"
require dotnet ss curl

COUNTS="500"
MEASURE=60
RATE=100
SOCKETS=8
SETTLE=8
SERVER_ARGS=(--Lines:0:AutoAnswerAfterRings=0)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --calls) COUNTS="$2"; shift 2 ;;
        --measure) MEASURE="$2"; shift 2 ;;
        --rate) RATE="$2"; shift 2 ;;
        --sockets) SOCKETS="$2"; shift 2 ;;
        --settle) SETTLE="$2"; shift 2 ;;
        --quiet-logs) SERVER_ARGS+=(--Serilog:MinimumLevel:Default=Warning); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

RUN="$RESULTS/concurrent-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
build_all "$RUN"
log "machine: $(machine); results in $RUN"
status=0
for calls in $COUNTS; do
    dir="$RUN/calls-$calls"
    mkdir -p "$dir"
    start_server "$dir" "${SERVER_ARGS[@]}"
    set +e
    summary="$(timeout $(( MEASURE + SETTLE + 3 * calls / RATE + 240 )) dotnet "$PROBE_DLL" hold --service "127.0.0.1:$SIP_PORT" --line sales \
        --calls "$calls" --rate "$RATE" --settle "$SETTLE" --measure "$MEASURE" --rtp-sockets "$SOCKETS" \
        --server-pid "$SERVER_PID" --metrics-url "http://127.0.0.1:$WEB_PORT/metrics" --csv "$dir/streams.csv" 2>"$dir/probe.err")"
    rc=$?
    set -e
    [[ $rc == 0 ]] || status=1
    echo "concurrent ${summary#hold } probe_rc=$rc${SERVER_ENV:+ server_env=\"$SERVER_ENV\"}" | tee "$dir/summary.txt"
    stop_server
done
exit $status
