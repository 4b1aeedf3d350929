#!/usr/bin/env bash
# Scenario c: ring timing. The probe places N calls (default 200) on a line with the cn cadence that
# auto-answers after 2 rings; for each call it measures when the 200 OK arrived against when the first
# ringback packet arrived (kernel stamps of both, on this host), and reports the error against the
# expected 10,000 ms: p50 / p99 / max of |error|, min and max of the signed error.
# --load R runs scenario a's traffic beside it on the same service (sipp uac, 2 s calls at R/s on the
# line "sales" that answers at once) for the whole ring run. --both runs unloaded, then loaded.
# Usage: bench/load/ring-timing.sh [--calls N] [--rate R] [--load R | --both R] [--quiet-logs]
source "$(dirname "$0")/common.sh"
require dotnet ss curl

CALLS=200
RATE=10
LOADS="0"
SERVER_ARGS=(--Lines:0:AutoAnswerAfterRings=0
    --Lines:1:Number=ring --Lines:1:DisplayName=Ring --Lines:1:Desk=front-desk --Lines:1:GreetingPrompt=greeting.wav
    --Lines:1:GreetingScript=Ring --Lines:1:HoldAudio=hold-music.wav --Lines:1:Cadence=cn --Lines:1:AutoAnswerAfterRings=2)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --calls) CALLS="$2"; shift 2 ;;
        --rate) RATE="$2"; shift 2 ;;
        --load) LOADS="$2"; shift 2 ;;
        --both) LOADS="0 $2"; shift 2 ;;
        --quiet-logs) SERVER_ARGS+=(--Serilog:MinimumLevel:Default=Warning); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

RUN="$RESULTS/ring-timing-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
build_all "$RUN"
log "machine: $(machine); results in $RUN"
status=0
for load in $LOADS; do
    dir="$RUN/load-$load"
    mkdir -p "$dir"
    start_server "$dir" "${SERVER_ARGS[@]}"
    # Five unmeasured ring calls first, as scenario a warms up: the first auto-answers after a start
    # run code the JIT has not compiled yet (10-12 ms late in the runs of 2026-11-27), which a
    # running service has long done.
    dotnet "$PROBE_DLL" ring --service "127.0.0.1:$SIP_PORT" --line ring --calls 5 --rate 5 --expected-ms 10000 \
        --server-pid "$SERVER_PID" --csv "$dir/warmup.csv" >"$dir/warmup.out" 2>&1 || true
    sipp_pid=""
    if [[ "$load" != 0 ]]; then
        # Enough 2 s calls to outlast the ring run (placing time + 10 s of rings + margin), then sipp stops.
        seconds=$(( CALLS / RATE + 20 ))
        (cd "$dir" && exec sipp -sn uac "127.0.0.1:$SIP_PORT" -s sales -i 127.0.0.1 -p "$(free_port)" -mi 127.0.0.1 -mp "$(free_port)" \
            -r "$load" -m $(( load * seconds )) -d 2000 -l $(( load * 10 )) -nostdin -trace_stat -stf stat.csv -fd 5 \
            -timeout "$(( seconds + 60 ))s" -timeout_error >sipp.out 2>&1) &
        sipp_pid=$!
        BACKGROUND_PIDS+=("$sipp_pid")
        sleep 3 # let the load reach its rate before the first ring call
    fi
    set +e
    summary="$(timeout $(( CALLS / RATE + 120 )) dotnet "$PROBE_DLL" ring --service "127.0.0.1:$SIP_PORT" --line ring \
        --calls "$CALLS" --rate "$RATE" --expected-ms 10000 --server-pid "$SERVER_PID" \
        --metrics-url "http://127.0.0.1:$WEB_PORT/metrics" --csv "$dir/calls.csv" 2>"$dir/probe.err")"
    rc=$?
    set -e
    [[ $rc == 0 ]] || status=1
    beside="none"
    if [[ -n "$sipp_pid" ]]; then
        kill -TERM "$sipp_pid" 2>/dev/null || true
        wait "$sipp_pid" 2>/dev/null || true
        beside="sipp_uac_rate=$load successful=$(tail -1 "$dir/stat.csv" | cut -d';' -f16) failed=$(tail -1 "$dir/stat.csv" | cut -d';' -f18) retrans=$(tail -1 "$dir/stat.csv" | cut -d';' -f58)"
    fi
    echo "ring-timing ${summary#ring } probe_rc=$rc beside: $beside${SERVER_ENV:+ server_env=\"$SERVER_ENV\"}" | tee "$dir/summary.txt"
    stop_server
done
exit $status
