#!/usr/bin/env bash
# Throughput of the HubSpot emulator: builds Release, starts it with rate limits off, warms up, then runs wrk
# against GET by id and a single-input batch/read. Prints calls/s and fails when one is below MIN_CALLS_PER_SECOND.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/emulator"
PORT=${PORT:-5099}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
MIN_CALLS_PER_SECOND=${MIN_CALLS_PER_SECOND:-5000}
export TOKEN=pat-na1-demo
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 2; }

echo "Publishing the emulator (Release)..."
dotnet publish "$ROOT/tools/HubSpotEmulator/HubSpotEmulator.csproj" -c Release --nologo -v quiet -o "$ROOT/artifacts/bench-emulator"

env Emulator__RateLimits__Enabled=false \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
  dotnet "$ROOT/artifacts/bench-emulator/HubSpotEmulator.dll" --urls "$BASE" &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  curl -fs "$BASE/_emulator/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/_emulator/health" >/dev/null || { echo "the emulator did not start" >&2; exit 1; }

CONTACT_ID=$(curl -fs -X POST "$BASE/crm/v3/objects/contacts" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"properties":{"email":"bench@example.com","firstname":"Bench","lastname":"Mark"}}' \
  | sed -E 's/^\{"id":"([0-9]+)".*/\1/')
export CONTACT_ID

# Runs wrk and prints only the requests per second; non-2xx answers make the figure meaningless, so they fail the run.
measure() {
  local script=$1 duration=$2 output
  output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" -s "$HERE/$script" "$BASE")
  if grep -q "Non-2xx" <<<"$output"; then
    echo "$output" >&2
    echo "wrk saw non-2xx responses" >&2
    exit 1
  fi
  awk '/Requests\/sec/ { printf "%d", $2 }' <<<"$output"
}

echo "Warming up ($WARMUP each)..."
measure get-by-id.lua "$WARMUP" >/dev/null
measure batch-read.lua "$WARMUP" >/dev/null

echo "Measuring ($DURATION each, $THREADS threads, $CONNECTIONS connections, $(nproc) cores)..."
get_rate=$(measure get-by-id.lua "$DURATION")
read_rate=$(measure batch-read.lua "$DURATION")

echo
echo "GET  /crm/v3/objects/contacts/{id}         $get_rate calls/s"
echo "POST /crm/v3/objects/contacts/batch/read   $read_rate calls/s (1 input)"

status=0
for rate in "$get_rate" "$read_rate"; do
  if (( rate < MIN_CALLS_PER_SECOND )); then
    echo "below the required $MIN_CALLS_PER_SECOND calls/s" >&2
    status=1
  fi
done
exit $status
