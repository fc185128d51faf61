#!/usr/bin/env bash
# Runs the whole service on this machine without Docker (Debian/Ubuntu): local RabbitMQ and PostgreSQL (installed when
# missing, as root), the Worker and the Api, and with --demo the HubSpot emulator. Ctrl+C stops everything it started.
#
#   ./run.sh --demo   demo mode: the Worker writes to the bundled HubSpot emulator, no account needed
#   ./run.sh          HubSpot: put the credentials and an API key in .env first (see .env.example)
#
# Like a supervisor, it starts a service again when it exits with code 75 (its consumer watchdog found the bus stuck).
set -euo pipefail
cd "$(dirname "$0")"

demo=
for argument in "$@"; do
  case "$argument" in
    --demo) demo=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $argument (try --help)" >&2; exit 2 ;;
  esac
done

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
if [ -n "$demo" ]; then
  # The services decide from these settings: the Worker refuses HubSpot credentials in demo mode, the Api accepts the
  # published demo key only in demo mode.
  export DemoMode__Enabled=true DemoMode__EmulatorUrl="http://localhost:$EMULATOR_PORT"
  if ! compgen -e | grep -q '^ApiKeys__Keys__'; then
    export ApiKeys__Keys__demo="demo-api-key-0123456789" ApiKeys__Operators__0=demo
  fi
fi

./scripts/local-servers.sh

# Each service logs in to the broker as its own user, with only its own permissions (scripts/local-servers.sh made them
# and keeps their passwords in this file). A RabbitMq__Uri from .env or the shell is used by both instead.
# shellcheck disable=SC1090
. "${BROKER_USERS_FILE:-/var/lib/hubspot-crm/rabbitmq-users.env}"
worker_broker="${RabbitMq__Uri:-amqp://${RABBITMQ_WORKER_USER:-hubspot-worker}:$RABBITMQ_WORKER_PASSWORD@localhost:5672/}"
api_broker="${RabbitMq__Uri:-amqp://${RABBITMQ_API_USER:-hubspot-api}:$RABBITMQ_API_PASSWORD@localhost:5672/}"
broker_of() { case "$1" in HubSpotCrm.Worker) echo "$worker_broker" ;; HubSpotCrm.Api) echo "$api_broker" ;; esac; }

echo "Building (Release)…"
dotnet build HubSpotCrm.slnx -c Release -v quiet -nologo

logs="artifacts/run-logs"
mkdir -p "$logs"
bin() { echo "artifacts/bin/$1/release"; }

# Settings are checked before anything starts: a missing credential or key is a message, not a restarting service.
for project in HubSpotCrm.Worker HubSpotCrm.Api; do
  if ! (cd "$(bin "$project")" && RabbitMq__Uri="$(broker_of "$project")" dotnet "$project.dll" check-config >/dev/null); then
    [ -n "$demo" ] || echo "To try the service without a HubSpot account: ./run.sh --demo" >&2
    exit 78
  fi
done

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

# Runs a service from its own folder (where its appsettings.json is), and again whenever it exits with code 75.
start() { # name project url
  local name=$1 project=$2 url=$3
  set -m
  (
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
    while true; do
      (cd "$(bin "$project")" && RabbitMq__Uri="$(broker_of "$project")" ASPNETCORE_URLS="$url" exec dotnet "$project.dll") >>"$logs/$name.log" 2>&1 &
      child=$!
      code=0
      wait "$child" || code=$?
      [ "$code" -eq 75 ] || exit "$code"
      echo "[run.sh] $name exited with code 75 (bus stuck); starting it again" >>"$logs/$name.log"
    done
  ) &
  pids+=($!)
  set +m
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

: >"$logs/emulator.log"; : >"$logs/worker.log"; : >"$logs/api.log"
if [ -n "$demo" ]; then
  echo "Demo mode: the Worker writes to the HubSpot emulator on port $EMULATOR_PORT, never to HubSpot."
  start emulator HubSpotEmulator "http://localhost:$EMULATOR_PORT"
  wait_ready emulator "http://localhost:$EMULATOR_PORT/_emulator/health"
fi
start worker HubSpotCrm.Worker "http://localhost:$WORKER_PORT"
start api HubSpotCrm.Api "http://localhost:$API_PORT"
wait_ready worker "http://localhost:$WORKER_PORT/health/ready"
wait_ready api "http://localhost:$API_PORT/health/ready"

cat <<INFO

HubSpot CRM Service is running.
  Api                 http://localhost:$API_PORT        (docs: http://localhost:$API_PORT/api-docs)
  Api health          http://localhost:$API_PORT/health/ready
  Worker health       http://localhost:$WORKER_PORT/health/ready   ($(curl -fsS "http://localhost:$WORKER_PORT/health/ready" | sed -n 's/.*"description":"\(Consuming[^"]*\)".*/\1/p'))
  RabbitMQ management http://localhost:15672          (guest/guest)
INFO
if [ -n "$demo" ]; then
  echo "  HubSpot emulator    http://localhost:$EMULATOR_PORT     (control API: /_emulator/stats)"
  [ -n "${ApiKeys__Keys__demo:-}" ] && echo "  API key             X-Api-Key: demo-api-key-0123456789   (demo mode only)"
fi
echo "  Logs                $logs/"
echo
echo "Press Ctrl+C to stop."
wait -n "${pids[@]}" || true
echo "A service exited; see $logs/." >&2
