#!/usr/bin/env bash
# Scenario a: call rate. sipp's built-in uac places 2 s calls (-d 2000) on a line that answers at once
# (AutoAnswerAfterRings 0) at R calls/s for D seconds; one summary line per rate:
#   calls placed / successful / failed, retransmissions (sipp's count, the service's count, and the
#   capture's), INVITE->200 mean/p50/p99/max from a tcpdump capture of the SIP port (kernel times;
#   sipp's own response times only tick in 4 ms steps), server CPU (cores, from /proc utime+stime over
#   the run), peak RSS (VmHWM), late RTP frames, load average before -> after.
# Usage:
#   bench/load/call-rate.sh [--rate R] [--duration S] [--call-ms MS] [--quiet-logs]
#   bench/load/call-rate.sh --search "100 200 300 500 700" [--duration S]   # highest clean rate
# Each rate runs on a fresh service after 40 warm-up calls (not counted).
# Every run is bounded: sipp stops after R*D calls (-m) and a global -timeout.
source "$(dirname "$0")/common.sh"
require sipp dotnet ss curl

RATES="100"
SEARCH=0
DURATION=60
CALL_MS=2000
SERVER_ARGS=(--Lines:0:AutoAnswerAfterRings=0)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate) RATES="$2"; shift 2 ;;
        --search) RATES="$2"; SEARCH=1; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --call-ms) CALL_MS="$2"; shift 2 ;;
        --quiet-logs) SERVER_ARGS+=(--Serilog:MinimumLevel:Default=Warning); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

RUN="$RESULTS/call-rate-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
build_all "$RUN"
log "machine: $(machine); results in $RUN"

# run_rate R: one run at R calls/s on a fresh service; prints the summary line; returns 0 when clean.
run_rate() {
    local rate="$1" dir="$RUN/rate-$1" calls=$(( $1 * DURATION ))
    mkdir -p "$dir"
    start_server "$dir" "${SERVER_ARGS[@]}"
    # Warm-up (not measured): 40 short calls so that the JIT has compiled the call path.
    (cd "$dir" && sipp -sn uac "127.0.0.1:$SIP_PORT" -s sales -i 127.0.0.1 -p "$(free_port)" -mi 127.0.0.1 -mp "$(free_port)" \
        -r 20 -m 40 -d 200 -nostdin -timeout 60s -timeout_error >warmup.out 2>&1) || log "warm-up calls failed (see $dir/warmup.out)"
    local late0 retrans0 offered0 gcpause0 gen2_0
    late0="$(metric callservice_rtp_frames_late_total)"
    gcpause0="$(metric dotnet_gc_pause_time_seconds_total)"
    gen2_0="$(metric 'dotnet_gc_collections_total{gc_heap_generation="gen2"}')"
    retrans0="$(metric callservice_sip_retransmissions_total)"
    offered0="$(metric callservice_calls_offered_total)"
    start_capture "$dir"
    local sipp_port media_port load0 cpu0 t0 t1 cpu1 load1
    sipp_port="$(free_port)"
    media_port="$(free_port)"
    load0="$(loadavg)"
    cpu0="$(cpu_seconds "$SERVER_PID")"
    t0="$(now_s)"
    set +e
    (cd "$dir" && sipp -sn uac "127.0.0.1:$SIP_PORT" -s sales -i 127.0.0.1 -p "$sipp_port" -mi 127.0.0.1 -mp "$media_port" \
        -r "$rate" -m "$calls" -d "$CALL_MS" -l $(( rate * (CALL_MS / 1000 + 3) * 2 )) \
        -nostdin -trace_stat -stf stat.csv -fd 5 -trace_rtt -rtt_freq 1000 -trace_err -trace_screen \
        -timeout "$(( DURATION + 60 ))s" -timeout_error >sipp.out 2>&1)
    local sipp_rc=$?
    set -e
    t1="$(now_s)"
    cpu1="$(cpu_seconds "$SERVER_PID")"
    load1="$(loadavg)"
    local hwm late server_retrans offered
    hwm="$(status_kb "$SERVER_PID" VmHWM)"
    late="$(( $(metric callservice_rtp_frames_late_total) - late0 ))"
    server_retrans="$(( $(metric callservice_sip_retransmissions_total) - retrans0 ))"
    offered="$(( $(metric callservice_calls_offered_total) - offered0 ))"
    local gc_pause_ms gen2
    gc_pause_ms="$(echo "($(metric dotnet_gc_pause_time_seconds_total) - $gcpause0) * 1000" | bc -l | xargs printf '%.0f')"
    gen2="$(( $(metric 'dotnet_gc_collections_total{gc_heap_generation="gen2"}') - gen2_0 ))"
    local capture
    capture="$(stop_capture "$dir" sip-latency)"
    stop_server
    # The last cumulative line of sipp's statistics: successful (16), failed (18), retransmissions (58).
    local ok failed retrans rtt
    ok="$(tail -1 "$dir/stat.csv" | cut -d';' -f16)"
    failed="$(tail -1 "$dir/stat.csv" | cut -d';' -f18)"
    retrans="$(tail -1 "$dir/stat.csv" | cut -d';' -f58)"
    rtt="$(tail -1 "$dir/stat.csv" | cut -d';' -f70)"
    local wall cores
    wall="$(echo "$t1 - $t0" | bc -l)"
    cores="$(echo "($cpu1 - $cpu0) / $wall" | bc -l)"
    printf 'call-rate rate=%s duration_s=%s call_ms=%s placed=%s offered=%s successful=%s failed=%s sipp_rc=%s sipp_retrans=%s server_retrans=%s sipp_rtt_mean=%s %s server_cpu_cores=%.3f wall_s=%.1f vmhwm_mb=%.1f gc_pause_ms=%s gen2_gcs=%s late_frames=%s load_avg=%s->%s%s\n' \
        "$rate" "$DURATION" "$CALL_MS" "$calls" "$offered" "$ok" "$failed" "$sipp_rc" "$retrans" "$server_retrans" "$rtt" "$capture" \
        "$cores" "$wall" "$(echo "$hwm / 1024" | bc -l)" "$gc_pause_ms" "$gen2" "$late" "$load0" "$load1" "${SERVER_ENV:+ server_env=\"$SERVER_ENV\"}" | tee "$dir/summary.txt"
    local capture_retrans
    capture_retrans="$(sed -n 's/.*retrans_total=\([0-9]*\).*/\1/p' <<<"$capture")"
    [[ "$ok" == "$calls" && "$failed" == 0 && "$retrans" == 0 && "${server_retrans:-0}" == 0 && "${capture_retrans:-0}" == 0 ]]
}

best=0
for rate in $RATES; do
    if run_rate "$rate"; then
        best="$rate"
    elif [[ $SEARCH == 1 ]]; then
        log "rate $rate had failures or retransmissions: stopping the search"
        break
    fi
done
if [[ $SEARCH == 1 ]]; then
    echo "call-rate-search rates=\"$RATES\" duration_s=$DURATION highest_clean_rate=$best"
fi
