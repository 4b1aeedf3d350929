#!/usr/bin/env bash
# Scenario d: registration storm - NOT RUNNABLE YET.
#
# It needs the registrar (src/CallService.Sip/Registrar and the product's agent registration), which
# another helper is building now. No figures are recorded for it, and none may be invented.
#
# How it will run once the registrar is merged:
#   1. Start CallService on free loopback ports (common.sh start_server) with N agents provisioned
#      (digest credentials, RFC 7616/8760) and a short registration expiry.
#   2. sipp as the phones: a REGISTER scenario with the 401 challenge answered ([authentication]
#      with -au/-ap, or per-agent credentials from an -inf CSV), N distinct users at rate R
#      (e.g. 2,000 agents at 200-500 REGISTER/s), then re-registrations at expiry/2, bounded by -m.
#   3. One summary line: REGISTERs sent, 200s, 401s, failures, sipp and service retransmissions,
#      REGISTER->200 p50/p99 from a tcpdump capture of the SIP port (like call-rate.sh), server CPU
#      and RSS, and the registrar's binding count from GET /metrics (a gauge to be added then).
#   4. A variant with calls beside (call-rate.sh at half its clean rate) to check that a storm does not
#      delay INVITE->200 or RTP pacing.
echo "registration-storm: needs the registrar (being built by another helper); nothing measured." >&2
exit 2
