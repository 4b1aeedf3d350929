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
  [chromium]=chromium
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
# The browser tests' screenshots show the desk's Chinese text: Chromium needs a CJK font to draw it.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "test.sh: installing fonts-wqy-microhei (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null
fi
# A distribution kamailio service would hold 5060; our tests pick free ports anyway, but stop it if running.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kamailio 2>/dev/null; then
  systemctl stop kamailio || true
fi

# PostgreSQL for the shared-database store's tests (src/CallService.Tests/Records/PostgresCluster.cs).
# A server named by CALLSERVICE_TEST_POSTGRES (an Npgsql connection string of a superuser) is used as
# it is; otherwise a throwaway cluster on a free loopback port, removed when this script ends.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${CALLSERVICE_TEST_POSTGRES:-}" ] && [ ! -x "$pg_bin/initdb" ]; then
  echo "test.sh: installing postgresql (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # The package may start its own cluster on 5432; ours runs beside it on another port.
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
if [ -z "${CALLSERVICE_TEST_POSTGRES:-}" ]; then
  pg_dir=$(mktemp -d /tmp/callservice-test-pg.XXXXXX)
  # The server refuses to run as root: as root, the cluster belongs to the postgres user.
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; as_pg=(runuser -u postgres --); else as_pg=(); fi
  stop_postgres() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap stop_postgres EXIT
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
  # Trust only the loopback address and the socket in our private folder.
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | "${as_pg[@]}" tee "$pg_dir/data/pg_hba.conf" >/dev/null
  pg_port=
  for _ in 1 2 3 4 5; do
    port=$((40000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null; then
      pg_port=$port; break
    fi
  done
  if [ -z "$pg_port" ]; then echo "test.sh: the throwaway PostgreSQL cluster did not start:"; cat "$pg_dir/server.log"; exit 1; fi
  export CALLSERVICE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "test.sh: throwaway PostgreSQL on 127.0.0.1:$pg_port"
fi

results="$root/.test-output"
rm -rf "$results"; mkdir -p "$results"
dotnet build CallService.sln -c Release -nologo -v q
set +e
dotnet test CallService.sln -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" | grep -E '^\s*Failed |error [A-Z]+[0-9]+|Total tests|Passed!|Failed!' 
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
  # CI shows only this script's output: say what failed and what the failing tests printed.
  if [ "${f:-0}" -gt 0 ]; then awk -f "$root/scripts/failed-tests.awk" "$trx"; fi
done
echo "${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
