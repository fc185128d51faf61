#!/usr/bin/env bash
# The throughput benchmark in one command (issue 4): starts local RabbitMQ and PostgreSQL, makes a fresh vhost and
# database, builds Release, starts the HubSpot emulator with HubSpot's limits (110 calls / 10 s, 5 searches/s, 50 ms
# per call), the Worker and the Api, two more Workers frozen until the shared-budget phase and three frozen until the
# same phase on a 3-node RabbitMQ cluster (scripts/rabbitmq/cluster.sh, which the runner starts for that phase only),
# runs bench/Bench.Runner (bus workloads, three Workers sharing HubSpot's budget on the machine's broker and on the
# cluster, latency, bulk, completion webhooks to the runner's own receiver, Api intake under wrk), writes
# bench/results/latest.json and latest.md, and stops and removes everything it started. Logs: bench/results/*.log.
#
# Environment (all optional): BENCH_SOURCE=head measures the last commit instead of the working tree (exported with
# `git archive` to /tmp/hubspotcrm-bench/<commit> and built there, so colleagues' unfinished edits do not get in);
# BENCH_SKIP_BUILD=1 reuses the last Release build; BENCH_TIME_BUDGET_SECONDS (590) is
# the whole run's limit; BENCH_ENFORCE_TARGETS=1 exits 2 when a target is missed; BENCH_CONTACTS, BENCH_API_SECONDS…
# change the workload sizes (see bench/README.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"

started=$(date +%s)
deadline=$((started + ${BENCH_TIME_BUDGET_SECONDS:-590}))
export MASSTRANSIT_USAGE_TELEMETRY=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

TEN_SECONDLY=${BENCH_TEN_SECONDLY:-110}
SEARCH_PER_SECOND=${BENCH_SEARCH_PER_SECOND:-5}
LATENCY_MS=${BENCH_HUBSPOT_LATENCY_MS:-50}
API_KEY=bench-key-0123456789
# The webhook phase's requests come from a client of their own, so that no other phase's requests get webhooks: its
# Url is the runner's receiver, its secret new for every run (Standard Webhooks form: whsec_ + base64 of 32 bytes).
WEBHOOK_API_KEY=bench-webhooks-key-0123456789
WEBHOOK_SECRET="whsec_$(head -c 32 /dev/urandom | base64 -w0)"
# The Api's connection string otherwise leaves Npgsql's pool at 100 connections, as many as PostgreSQL allows in all:
# under wrk the Api would take every slot of the shared server and answer 503. See README "Findings".
DB_POOL_SIZE=${BENCH_DB_POOL_SIZE:-30}

log() { printf '[bench] %s\n' "$*" >&2; }

command -v wrk >/dev/null || { log "wrk is not installed (apt-get install wrk)"; exit 2; }
command -v psql >/dev/null || { log "psql is not installed (it comes with the postgresql package)"; exit 2; }

# Outage tests (tests/TestSupport/BrokerControl.cs) stop the local RabbitMQ app and start it again; one that was
# interrupted leaves the node up with the app stopped, which local-servers.sh does not handle. Wait for it a while,
# then start the app.
if rabbitmqctl -q ping >/dev/null 2>&1 && ! rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
  log "RabbitMQ's node is up but its app is stopped (an outage test?); waiting up to 60 s for it"
  for _ in $(seq 1 30); do rabbitmq-diagnostics -q check_running >/dev/null 2>&1 && break; sleep 2; done
  if ! rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
    log "starting the RabbitMQ app"
    rabbitmqctl start_app >/dev/null && rabbitmqctl await_startup --timeout 60 >/dev/null
  fi
fi
./scripts/local-servers.sh

RUN_ID="$(date -u +%Y%m%d-%H%M%S)-$$"
VHOST="bench-$RUN_ID"
DB="bench_${RUN_ID//-/_}"
MANAGEMENT="http://127.0.0.1:15672/api"
psql_admin() { PGPASSWORD=app psql -h 127.0.0.1 -U app -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }

pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping ${pids[*]}"
    kill "${pids[@]}" 2>/dev/null || true
    # A Worker still frozen for the shared-budget phase takes SIGTERM only once it runs again.
    kill -CONT "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 30); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.5
    done
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
  fi
  # The runner stops the cluster it started after its phase; not when it was interrupted.
  if [ -f "$RESULTS/cluster-started-by-runner" ]; then
    log "stopping the RabbitMQ cluster the runner started"
    "$ROOT/scripts/rabbitmq/cluster.sh" stop >/dev/null 2>&1 || true
    rm -f "$RESULTS/cluster-started-by-runner"
  fi
  curl -fsS -u guest:guest -X DELETE "$MANAGEMENT/vhosts/$VHOST" >/dev/null 2>&1 || true
  psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  log "finished in $(( $(date +%s) - started )) s (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "run $RUN_ID: vhost $VHOST, database $DB"
curl -fsS -u guest:guest -X PUT "$MANAGEMENT/vhosts/$VHOST" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}' "$MANAGEMENT/permissions/$VHOST/guest" >/dev/null
psql_admin -c "CREATE DATABASE \"$DB\""

# What is measured: the working tree (default), or the last commit exported on its own.
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
case "${BENCH_SOURCE:-worktree}" in
  worktree)
    SRC="$ROOT"
    dirty=false
    [ -n "$(git --no-optional-locks status --porcelain -- . ':(exclude)bench' 2>/dev/null)" ] && dirty=true
    ;;
  head)
    exports=/tmp/hubspotcrm-bench
    SRC="$exports/$commit"
    dirty=false
    if [ ! -f "$SRC/HubSpotCrm.slnx" ]; then
      log "exporting commit $commit to $SRC"
      rm -rf "$exports" && mkdir -p "$SRC"
      git archive --format=tar HEAD | tar -x -C "$SRC"
    fi
    ;;
  *) log "BENCH_SOURCE must be worktree or head"; exit 2 ;;
esac

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  log "building Release from $SRC (log: bench/results/build.log)"
  if [ "$SRC" = "$ROOT" ]; then
    build_services() { dotnet build HubSpotCrm.slnx -c Release -v quiet -nologo; }
  else
    build_services() {
      for project in src/Api/HubSpotCrm.Api.csproj src/Worker/HubSpotCrm.Worker.csproj tools/HubSpotEmulator/HubSpotEmulator.csproj; do
        dotnet build "$SRC/$project" -c Release -v quiet -nologo || return 1
      done
    }
  fi
  if ! { build_services && dotnet build bench/Bench.Runner/Bench.Runner.csproj -c Release -v quiet -nologo; } >"$RESULTS/build.log" 2>&1; then
    grep -E "error|Build FAILED" "$RESULTS/build.log" | sort -u | tail -20 >&2
    log "the build failed (someone may be in the middle of a change: BENCH_SOURCE=head measures the last commit)"
    exit 1
  fi
fi

# Other work on a shared machine (builds, test runs) takes CPU from the services and lowers the figures: wait a while
# for a quiet moment (CPU under 25 % busy over 5 s). The report shows, per phase, the CPU used by other work.
cpu_busy_percent() {
  local a b total=0 idle k
  read -ra a < /proc/stat; sleep 5; read -ra b < /proc/stat
  for k in 1 2 3 4 5 6 7 8; do total=$((total + b[k] - a[k])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $((100 * (total - idle) / (total > 0 ? total : 1)))
}
quiet_until=$(( $(date +%s) + ${BENCH_QUIET_WAIT_SECONDS:-30} ))
while busy=$(cpu_busy_percent) && [ "$busy" -ge 25 ]; do
  if [ "$(date +%s)" -ge "$quiet_until" ]; then log "the machine is still $busy % busy with other work; measuring anyway"; break; fi
  log "the machine is $busy % busy with other work; waiting for a quieter moment"
done

# A port nothing listens on, from $1 upwards (other engineers may run the service or its tests on this machine).
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
EMULATOR_PORT=$(free_port 5290)
WORKER_PORT=$(free_port $((EMULATOR_PORT + 1)))
API_PORT=$(free_port $((WORKER_PORT + 1)))
WEBHOOK_PORT=$(free_port $((API_PORT + 1)))
WORKER2_PORT=$(free_port $((WEBHOOK_PORT + 1)))
WORKER3_PORT=$(free_port $((WORKER2_PORT + 1)))
CLUSTER_WORKER_PORTS=()
port=$WORKER3_PORT
for _ in 1 2 3; do
  port=$(free_port $((port + 1)))
  CLUSTER_WORKER_PORTS+=("$port")
done

# Starts a built service from its output folder (where its appsettings.json is), Production settings, logs to results.
# --frozen: the process stops itself before it runs dotnet, and goes on only when it is sent SIGCONT (the runner does
# that for the shared-budget phase); until then it has loaded nothing and connected to nothing.
start() { # [--frozen] name project port [VAR=value…]
  local frozen=false
  if [ "$1" = --frozen ]; then frozen=true; shift; fi
  local name=$1 project=$2 port=$3
  shift 3
  local dir="$SRC/artifacts/bin/$project/release"
  [ -f "$dir/$project.dll" ] || { log "$dir/$project.dll is missing: build first"; exit 1; }
  (cd "$dir" && { ! $frozen || kill -STOP "$BASHPID"; } && exec env "$@" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
     ASPNETCORE_URLS="http://127.0.0.1:$port" Urls="http://127.0.0.1:$port" \
     dotnet "$project.dll") >"$RESULTS/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # name pid url
  for _ in $(seq 1 120); do
    kill -0 "$2" 2>/dev/null || { log "$1 exited; see bench/results/$1.log"; tail -20 "$RESULTS/$1.log" >&2; exit 1; }
    curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
    sleep 0.5
  done
  log "$1 was not ready at $3 within 60 s; see bench/results/$1.log"
  tail -20 "$RESULTS/$1.log" >&2
  exit 1
}

start emulator HubSpotEmulator "$EMULATOR_PORT" \
  Emulator__RateLimits__Enabled=true Emulator__RateLimits__TenSecondly="$TEN_SECONDLY" \
  Emulator__RateLimits__SearchPerSecond="$SEARCH_PER_SECOND" Emulator__Faults__LatencyMs="$LATENCY_MS" \
  Emulator__OAuth__ClientId=demo-client-id Emulator__OAuth__ClientSecret=demo-client-secret \
  Emulator__OAuth__RefreshToken=demo-refresh-token Logging__LogLevel__Default=Warning
EMULATOR_PID=$!
wait_ready emulator "$EMULATOR_PID" "http://127.0.0.1:$EMULATOR_PORT/_emulator/health"

AMQP_URI="amqp://guest:guest@127.0.0.1:5672/$VHOST"
common=(RabbitMq__Uri="$AMQP_URI" Logging__Format=json Serilog__MinimumLevel__Default=Warning MASSTRANSIT_USAGE_TELEMETRY=false)
# Demo mode: the Worker talks to the emulator with the emulator's own demo app, as a user trying the service would.
# HubSpotRateBudget at Information logs each change of a Worker's share of HubSpot's budget (one line per change).
worker_settings=("${common[@]}" DemoMode__Enabled=true DemoMode__EmulatorUrl="http://127.0.0.1:$EMULATOR_PORT"
  Serilog__MinimumLevel__Override__HubSpotCrm.Worker.HubSpot.RateLimiting.HubSpotRateBudget=Information)
start worker HubSpotCrm.Worker "$WORKER_PORT" "${worker_settings[@]}"
WORKER_PID=$!
# The shared-budget phase's two more Workers: the same settings (no HubSpot__RateLimits__Share: they share the budget by
# themselves), frozen until the phase, so that no other phase has them consuming; the runner stops them after it.
start --frozen worker-2 HubSpotCrm.Worker "$WORKER2_PORT" "${worker_settings[@]}"
WORKER2_PID=$!
start --frozen worker-3 HubSpotCrm.Worker "$WORKER3_PORT" "${worker_settings[@]}"
WORKER3_PID=$!
# The cluster phase's three Workers: the same settings on the cluster, in a vhost of the run's name that the runner makes
# once it has started the cluster (they connect only when let go on).
IFS=, read -ra cluster_nodes <<<"$("$ROOT/scripts/rabbitmq/cluster.sh" nodes)"
cluster_worker_settings=("${worker_settings[@]/#RabbitMq__Uri=*/RabbitMq__Uri=amqp://guest:guest@${cluster_nodes[0]}/$VHOST}")
for i in "${!cluster_nodes[@]}"; do cluster_worker_settings+=("RabbitMq__Nodes__$i=${cluster_nodes[$i]}"); done
CLUSTER_WORKER_PIDS=()
CLUSTER_WORKER_URLS=()
for i in 1 2 3; do
  port=${CLUSTER_WORKER_PORTS[$((i - 1))]}
  start --frozen "cluster-worker-$i" HubSpotCrm.Worker "$port" "${cluster_worker_settings[@]}"
  CLUSTER_WORKER_PIDS+=($!)
  CLUSTER_WORKER_URLS+=("http://127.0.0.1:$port")
done
start api HubSpotCrm.Api "$API_PORT" "${common[@]}" \
  ConnectionStrings__Requests="Host=127.0.0.1;Port=5432;Database=$DB;Username=app;Password=app;Timeout=3;Command Timeout=10;Maximum Pool Size=$DB_POOL_SIZE" \
  ApiKeys__Keys__bench="$API_KEY" RateLimits__Clients__bench__PermitsPerSecond=1000000 RateLimits__Clients__bench__Burst=1000000 \
  ApiKeys__Keys__bench-webhooks="$WEBHOOK_API_KEY" RateLimits__Clients__bench-webhooks__PermitsPerSecond=1000000 \
  RateLimits__Clients__bench-webhooks__Burst=1000000 Webhooks__Clients__bench-webhooks__Url="http://127.0.0.1:$WEBHOOK_PORT/webhooks" \
  Webhooks__Clients__bench-webhooks__Secret="$WEBHOOK_SECRET" Webhooks__AllowPrivateTargets=true Webhooks__AllowHttp=true \
  ${BENCH_WEBHOOK_CONCURRENCY_PER_ENDPOINT:+Webhooks__ConcurrencyPerEndpoint=$BENCH_WEBHOOK_CONCURRENCY_PER_ENDPOINT}
API_PID=$!
wait_ready worker "$WORKER_PID" "http://127.0.0.1:$WORKER_PORT/health/ready"
wait_ready api "$API_PID" "http://127.0.0.1:$API_PORT/health/ready"
log "emulator :$EMULATOR_PORT (pid $EMULATOR_PID), worker :$WORKER_PORT (pid $WORKER_PID), api :$API_PORT (pid $API_PID); frozen until the shared-budget phase: worker-2 :$WORKER2_PORT (pid $WORKER2_PID), worker-3 :$WORKER3_PORT (pid $WORKER3_PID); until the cluster phase: cluster-worker-1..3 :${CLUSTER_WORKER_PORTS[*]} (pids ${CLUSTER_WORKER_PIDS[*]})"

# Other people's outage tests stop the shared RabbitMQ or PostgreSQL now and then: start only when both services are ready.
for _ in $(seq 1 45); do
  curl -fsS -o /dev/null "http://127.0.0.1:$WORKER_PORT/health/ready" 2>/dev/null &&
    curl -fsS -o /dev/null "http://127.0.0.1:$API_PORT/health/ready" 2>/dev/null && break
  log "waiting for the Worker and the Api to be ready (broker or database away?)"
  sleep 2
done

remaining=$((deadline - $(date +%s)))
[ "$remaining" -gt 60 ] || { log "no time left for the measurements (budget ${BENCH_TIME_BUDGET_SECONDS:-590} s)"; exit 1; }
log "measuring (log: bench/results/runner.log)"
status=0
env BENCH_AMQP_URI="$AMQP_URI" BENCH_API_URL="http://127.0.0.1:$API_PORT" BENCH_EMULATOR_URL="http://127.0.0.1:$EMULATOR_PORT" BENCH_WORKER_URL="http://127.0.0.1:$WORKER_PORT" \
  BENCH_API_KEY="$API_KEY" BENCH_API_PID="$API_PID" BENCH_WORKER_PID="$WORKER_PID" BENCH_EMULATOR_PID="$EMULATOR_PID" BENCH_RUN_ID="$RUN_ID" \
  BENCH_DEADLINE_UNIX=$((deadline - 10)) BENCH_RESULTS_DIR="$RESULTS" BENCH_WRK_SCRIPT="$ROOT/bench/wrk/submit-contact.lua" \
  BENCH_TEN_SECONDLY="$TEN_SECONDLY" BENCH_SEARCH_PER_SECOND="$SEARCH_PER_SECOND" BENCH_HUBSPOT_LATENCY_MS="$LATENCY_MS" \
  BENCH_GIT_COMMIT="$commit" BENCH_GIT_DIRTY="$dirty" BENCH_SOURCE="${BENCH_SOURCE:-worktree}" BENCH_DB_POOL_SIZE="$DB_POOL_SIZE" \
  BENCH_WORKER_LOG="$RESULTS/worker.log" BENCH_API_LOG="$RESULTS/api.log" \
  BENCH_WEBHOOK_PORT="$WEBHOOK_PORT" BENCH_WEBHOOK_SECRET="$WEBHOOK_SECRET" BENCH_WEBHOOK_API_KEY="$WEBHOOK_API_KEY" \
  BENCH_EXTRA_WORKER_PIDS="$WORKER2_PID,$WORKER3_PID" \
  BENCH_EXTRA_WORKER_URLS="http://127.0.0.1:$WORKER2_PORT,http://127.0.0.1:$WORKER3_PORT" \
  BENCH_CLUSTER_WORKER_PIDS="$(IFS=,; echo "${CLUSTER_WORKER_PIDS[*]}")" BENCH_CLUSTER_WORKER_URLS="$(IFS=,; echo "${CLUSTER_WORKER_URLS[*]}")" \
  BENCH_CLUSTER_SCRIPT="$ROOT/scripts/rabbitmq/cluster.sh" BENCH_CLUSTER_VHOST="$VHOST" \
  timeout --signal=TERM --kill-after=5 $((remaining - 5)) \
  dotnet "$ROOT/artifacts/bin/Bench.Runner/release/Bench.Runner.dll" 2>&1 | tee "$RESULTS/runner.log" || status=$?
exit "$status"
