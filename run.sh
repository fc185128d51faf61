#!/usr/bin/env bash
# Runs the whole service on this machine without Docker (Debian/Ubuntu):
# local RabbitMQ and PostgreSQL (installed when missing, as root), the HubSpot emulator unless HubSpot credentials are
# set in .env (demo mode), the Worker and the Api. Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi

export MASSTRANSIT_USAGE_TELEMETRY=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
API_PORT="${API_PORT:-8080}"
WORKER_PORT="${WORKER_PORT:-8081}"
EMULATOR_PORT="${EMULATOR_PORT:-5081}"
export ConnectionStrings__Requests="${ConnectionStrings__Requests:-Host=localhost;Port=5432;Database=hubspotcrm;Username=app;Password=app;Timeout=3;Command Timeout=10;Maximum Pool Size=30}"
export RabbitMq__Uri="${RabbitMq__Uri:-amqp://guest:guest@localhost:5672/}"
# The Api refuses to start without an API key: use the demo key unless .env names the calling systems' keys.
if ! compgen -e | grep -q '^ApiKeys__Keys__'; then
  export ApiKeys__Keys__demo="demo-api-key-0123456789"
  demo_key=1
fi

./scripts/local-servers.sh

echo "Building (Release)…"
dotnet build HubSpotCrm.slnx -c Release -v quiet -nologo

logs="artifacts/run-logs"
mkdir -p "$logs"
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

start() { # name project url
  local name=$1 project=$2 url=$3
  # From its own folder, so the service finds its appsettings.json (the content root is the working directory).
  (cd "artifacts/bin/$project/release" && ASPNETCORE_URLS="$url" exec dotnet "$project.dll") >"$logs/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # name url
  for _ in $(seq 1 120); do
    if curl -fsS "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; see $logs/$1.log" >&2
  tail -20 "$logs/$1.log" >&2
  return 1
}

if [ -z "${HubSpot__ClientId:-}" ] && [ -z "${HubSpot__PrivateAppToken:-}" ]; then
  echo "No HubSpot credentials in .env: demo mode, the Worker talks to the HubSpot emulator."
  start emulator HubSpotEmulator "http://localhost:$EMULATOR_PORT"
  wait_ready emulator "http://localhost:$EMULATOR_PORT/_emulator/health"
  export HubSpot__BaseUrl="http://localhost:$EMULATOR_PORT" HubSpot__AuthMode=OAuth \
         HubSpot__ClientId=demo-client-id HubSpot__ClientSecret=demo-client-secret HubSpot__RefreshToken=demo-refresh-token
  demo=1
fi

start worker HubSpotCrm.Worker "http://localhost:$WORKER_PORT"
start api HubSpotCrm.Api "http://localhost:$API_PORT"
wait_ready worker "http://localhost:$WORKER_PORT/health/ready"
wait_ready api "http://localhost:$API_PORT/health/ready"

cat <<INFO

HubSpot CRM Service is running.
  Api                 http://localhost:$API_PORT        (docs: http://localhost:$API_PORT/api-docs)
  Api health          http://localhost:$API_PORT/health/ready
  Worker health       http://localhost:$WORKER_PORT/health/ready
  RabbitMQ management http://localhost:15672          (guest/guest)
INFO
[ -n "${demo:-}" ] && echo "  HubSpot emulator    http://localhost:$EMULATOR_PORT     (control API: /_emulator/stats)"
echo "  Logs                $logs/"
[ -n "${demo_key:-}" ] && echo "  API key             X-Api-Key: demo-api-key-0123456789   (set ApiKeys__Keys__<client>=<key> in .env for your own)"
echo
echo "Press Ctrl+C to stop."
wait -n "${pids[@]}" || true
echo "A process exited; see $logs/." >&2
