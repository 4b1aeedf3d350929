#!/usr/bin/env bash
# Scenario d: registration storm. N softphones (sipp, one REGISTER exchange per "call", user and password
# from a CSV) register with digest authentication at the product's registrar within S seconds; one
# summary line: registrations attempted / successful / failed, sipp's retransmissions and the service's,
# REGISTER -> 401, authorized REGISTER -> 200 and the whole exchange p50/p99/max from a tcpdump capture
# of the SIP port (kernel times), sipp's own view of the exchange, the registrar's binding count after the storm (GET /metrics), server CPU
# and peak RSS, load average before -> after.
# Usage: bench/load/registration-storm.sh [--phones N] [--seconds S]
# The N agents are written into an appsettings.Storm.json beside the service snapshot (each with an MD5
# HA1 of its own password, as baresip-era softphones need), and the service runs with that environment.
source "$(dirname "$0")/common.sh"
require sipp dotnet ss curl md5sum

PHONES=2000
SECONDS_TARGET=10
while [[ $# -gt 0 ]]; do
    case "$1" in
        --phones) PHONES="$2"; shift 2 ;;
        --seconds) SECONDS_TARGET="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
RATE=$(( (PHONES + SECONDS_TARGET - 1) / SECONDS_TARGET ))
REALM=callservice

RUN="$RESULTS/registration-storm-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
build_all "$RUN"
log "machine: $(machine); results in $RUN"

# The phones: user storm0001.., password pw-<n>; the service's agents carry HA1 = MD5(user:realm:password)
# (RFC 7616 3.4.2), never the password.
log "writing $PHONES agents"
{
    echo "SEQUENTIAL"
    for i in $(seq 1 "$PHONES"); do printf 'storm%04d;[authentication username=storm%04d password=pw-%d]\n' "$i" "$i" "$i"; done
} >"$RUN/phones.csv"
{
    echo '{ "Agents": ['
    for i in $(seq 1 "$PHONES"); do
        user=$(printf 'storm%04d' "$i")
        ha1=$(printf '%s:%s:pw-%d' "$user" "$REALM" "$i" | md5sum | cut -d' ' -f1)
        sep=","; [[ $i == "$PHONES" ]] && sep=""
        printf '  { "Id": "%s", "DisplayName": "Storm %d", "SipUser": "%s", "Ha1Md5": "%s", "Desk": "front-desk", "Lines": [ "%s" ] }%s\n' \
            "$user" "$i" "$user" "$ha1" "sales" "$sep"
    done
    echo '] }'
} >"$PRODUCT_DIR/appsettings.Storm.json"

SERVER_ENV="${SERVER_ENV:-} DOTNET_ENVIRONMENT=Storm"
start_server "$RUN" --Sip:Realm="$REALM" --Serilog:MinimumLevel:Default=Warning
retrans0="$(metric callservice_sip_retransmissions_total)"
start_capture "$RUN"
load0="$(loadavg)"
cpu0="$(cpu_seconds "$SERVER_PID")"
t0="$(now_s)"
set +e
# -aa answers the registrar's OPTIONS qualify probes (RFC 3261 11) with 200 OK.
(cd "$RUN" && sipp "127.0.0.1:$SIP_PORT" -sf "$REPO/bench/load/register.xml" -inf "$RUN/phones.csv" \
    -i 127.0.0.1 -p "$(free_port)" -r "$RATE" -m "$PHONES" -l "$PHONES" -aa \
    -nostdin -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 -trace_err \
    -timeout "$(( SECONDS_TARGET + 60 ))s" -timeout_error >sipp.out 2>&1)
sipp_rc=$?
set -e
t1="$(now_s)"
cpu1="$(cpu_seconds "$SERVER_PID")"
load1="$(loadavg)"
bindings="$(metric callservice_registrar_bindings)"
server_retrans="$(( $(metric callservice_sip_retransmissions_total) - retrans0 ))"
hwm="$(status_kb "$SERVER_PID" VmHWM)"
capture="$(stop_capture "$RUN" register-latency)"
stop_server

# sipp's cumulative statistics: successful (16), failed (18), retransmissions (58).
ok="$(tail -1 "$RUN/stat.csv" | cut -d';' -f16)"
failed="$(tail -1 "$RUN/stat.csv" | cut -d';' -f18)"
retrans="$(tail -1 "$RUN/stat.csv" | cut -d';' -f58)"
# sipp's own view of the exchange (its clock ticks in milliseconds and includes its scheduling):
# the rtt trace has one line per registration, "date_ms;response_time_ms;rtd_no".
rtt_file="$(ls "$RUN"/*_rtt.csv 2>/dev/null | head -1)"
rtt="sipp_exchange_ms=n/a"
if [[ -n "$rtt_file" ]]; then
    rtt="$(tail -n +2 "$rtt_file" | cut -d';' -f2 | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "sipp_exchange_ms=n/a"; exit }
            printf "sipp_exchange_ms p50=%d p99=%d max=%d", v[int((NR * 50 + 99) / 100)], v[int((NR * 99 + 99) / 100)], v[NR]
        }')"
fi
wall="$(echo "$t1 - $t0" | bc -l)"
cores="$(echo "($cpu1 - $cpu0) / $wall" | bc -l)"
printf 'registration-storm phones=%s rate=%s/s wall_s=%.1f successful=%s failed=%s sipp_rc=%s sipp_retrans=%s server_retrans=%s bindings=%s %s %s server_cpu_cores=%.3f vmhwm_mb=%.1f load_avg=%s->%s\n' \
    "$PHONES" "$RATE" "$wall" "$ok" "$failed" "$sipp_rc" "$retrans" "$server_retrans" "${bindings:-?}" "$capture" "$rtt" \
    "$cores" "$(echo "$hwm / 1024" | bc -l)" "$load0" "$load1" | tee "$RUN/summary.txt"
[[ "$ok" == "$PHONES" && "$failed" == 0 && "$retrans" == 0 && "${server_retrans:-0}" == 0 ]]
