#!/usr/bin/env bash
# The test command (README, .ci/run): installs the real peers the tests talk to when they are missing,
# builds the solution and runs every test, then prints the totals as one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Real peers, not mocks (../shared/PEERS.md). Debian package -> a command it provides.
declare -A wanted=(
  [sip-tester]=sipp
  [baresip-core]=baresip
  [kamailio]=kamailio
  [sox]=sox
  [espeak-ng]=espeak-ng
)
missing=()
for pkg in "${!wanted[@]}"; do
  command -v "${wanted[$pkg]}" >/dev/null 2>&1 || [ -x "/usr/sbin/${wanted[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# A distribution kamailio service would hold 5060; our tests pick free ports anyway, but stop it if running.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kamailio 2>/dev/null; then
  systemctl stop kamailio || true
fi

results="$root/.test-output"
rm -rf "$results"; mkdir -p "$results"
dotnet build CallService.sln -c Release -nologo -v q
set +e
dotnet test CallService.sln -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" | grep -E '^\s*Failed |error|Total tests|Passed!|Failed!' 
status=${PIPESTATUS[0]}
set -e

# Totals from the TRX files (not from the console), so a run that executed nothing shows "0 passed".
passed=0; failed=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
