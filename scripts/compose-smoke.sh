#!/usr/bin/env bash
# Smoke test of the project's docker-compose.yml, for CI (run as root on Debian 12, after ./test.sh):
#   scripts/compose-smoke.sh
# It installs docker.io, docker-compose (1.29) and debootstrap when missing, starts a Docker engine of its own that
# never leaves loopback (no bridge, no iptables, a dead proxy so that nothing is ever pulled), builds local stand-ins
# for the base images (no registry is reachable; see scripts/compose-smoke/images/), builds the project's images with
# its own Dockerfiles through compose, and runs the project's compose file on the host network
# (scripts/compose-smoke/docker-compose.host-network.yml) in a few scenarios, printing PASS:/FAIL: lines and, last,
# "N passed, N failed". Exit code 0 only when nothing failed.
#
# Everything listens on 127.0.0.1 and on ports of its own (21xxx), beside the machine's RabbitMQ and PostgreSQL.
# The engine's data (images, build cache) is kept in $COMPOSE_SMOKE_CACHE (default /var/cache/hubspotcrm-compose-smoke)
# for the next run; stand-in images are rebuilt only when their inputs change. Network use: Debian's mirror (debootstrap,
# apt-get in the stand-ins) and NuGet (dotnet restore in the project's Dockerfiles), on a cold cache only.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/scripts/compose-smoke"
OVERRIDE="$HERE/docker-compose.host-network.yml"
CACHE="${COMPOSE_SMOKE_CACHE:-/var/cache/hubspotcrm-compose-smoke}"
RUN_DIR=/run/hubspotcrm-compose-smoke
SOCK="$RUN_DIR/docker.sock"
PROJECT=hubspotcrm-smoke
SUITE=bookworm
BASE_TAG=hubspotcrm-smoke/debian:$SUITE
INPUTS_LABEL=hubspotcrm.smoke.inputs
# The override's ports (all on 127.0.0.1).
API=http://127.0.0.1:21080
WORKER=http://127.0.0.1:21081
EMULATOR=http://127.0.0.1:21082
MANAGEMENT=http://127.0.0.1:21673
SMOKE_PORTS="21080 21081 21082 21369 21432 21672 21673 21674 21692"
DEMO_KEY=demo-api-key-0123456789
# The broker passwords compose requires outside demo mode (the administrator's, then the Api's, Worker's and publishers').
BROKER_PASSWORDS="RABBITMQ_PASSWORD RABBITMQ_API_PASSWORD RABBITMQ_WORKER_PASSWORD RABBITMQ_PUBLISHER_PASSWORD"
HEALTH_TIMEOUT=240

passed=0
failed=0
WORK=""
ENGINE_PID=""
DERIVED=""
REQUEST_IDS=()
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
T_START=$(date +%s%N)

log() { printf '[compose-smoke] %s\n' "$*"; }
pass() { printf 'PASS: %s\n' "$*"; passed=$((passed + 1)); }
fail() { printf 'FAIL: %s\n' "$*"; failed=$((failed + 1)); }
check() { # check "description" command...: PASS or FAIL on the command's status
  local what="$1"; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
phase() { PHASE_NAME="$1"; PHASE_T0=$(now); log "--- $1"; }
phase_done() { log "    $PHASE_NAME took $(secs "$PHASE_T0") s"; }
# Indented tail of a file or of a command's output, for a FAIL's context.
show() { sed -e 's/^/    | /' | tail -n "${1:-25}"; }

# ---------------------------------------------------------------------------------------------------------------
# The engine, the clients, compose
# ---------------------------------------------------------------------------------------------------------------
dock() { DOCKER_HOST="unix://$SOCK" DOCKER_CONFIG="$WORK/docker-config" DOCKER_BUILDKIT=0 docker "$@"; }

# compose ENV_FILE args…: docker-compose 1.29 on the project's compose file (less its ports) and the one override, in
# a clean environment so that nothing from the caller's shell (passwords, COMPOSE_*) changes what the env file says.
compose() {
  local env_file="$1"; shift
  env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 \
    DOCKER_HOST="unix://$SOCK" DOCKER_CONFIG="$WORK/docker-config" DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 \
    COMPOSE_HTTP_TIMEOUT=300 \
    "$COMPOSE" --project-directory "$REPO" -p "$PROJECT" -f "$DERIVED" -f "$OVERRIDE" --env-file "$env_file" "$@"
}

# Proxy settings of the caller, if any, for builds that reach Debian's mirror or NuGet (predefined build args).
BUILD_PROXY_ARGS=()
for v in HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  if [ -n "${!v:-}" ]; then BUILD_PROXY_ARGS+=(--build-arg "$v=${!v}"); fi
done

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /usr/bin/docker-compose ] || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq >"$WORK/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1 ||
      { show <"$WORK/apt.log"; return 1; }
  fi
  COMPOSE=/usr/bin/docker-compose
  command -v docker >/dev/null 2>&1 || { echo "no docker client"; return 1; }
}

closed_port() { # a port nobody listens on, for the dead proxy
  local p
  for p in 9 1 7 19 47 49151; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

start_engine() {
  local dead pid
  mkdir -p "$RUN_DIR/exec" "$CACHE/docker" "$WORK/docker-config" "$WORK/home"
  # A previous run that was killed may have left its engine (recognised by its own socket path) behind.
  if [ -s "$RUN_DIR/docker.pid" ]; then
    pid=$(cat "$RUN_DIR/docker.pid")
    if [ -r "/proc/$pid/cmdline" ] && grep -qF -- "unix://$SOCK" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline")"; then
      log "stopping the engine a previous run left behind (pid $pid)"
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
  rm -f "$SOCK" "$RUN_DIR/docker.pid"
  echo '{}' >"$RUN_DIR/daemon.json"
  dead=$(closed_port) || { echo "no closed port for the dead proxy"; return 1; }
  env -i PATH="$PATH" HOME=/root \
    HTTP_PROXY="http://127.0.0.1:$dead" HTTPS_PROXY="http://127.0.0.1:$dead" NO_PROXY= \
    http_proxy="http://127.0.0.1:$dead" https_proxy="http://127.0.0.1:$dead" no_proxy= \
    setsid dockerd --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
      --data-root "$CACHE/docker" --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/docker.pid" \
      --host "unix://$SOCK" --config-file "$RUN_DIR/daemon.json" >"$WORK/dockerd.log" 2>&1 </dev/null 7>&- 8>&- 9>&- &
  ENGINE_PID=$!
  for _ in $(seq 1 60); do
    if dock version >/dev/null 2>&1; then
      ENGINE_PID=$(cat "$RUN_DIR/docker.pid" 2>/dev/null || echo "$ENGINE_PID")
      log "engine: $(dock version --format 'server {{.Server.Version}}, client {{.Client.Version}}'), data in $CACHE/docker, dead proxy 127.0.0.1:$dead"
      return 0
    fi
    kill -0 "$ENGINE_PID" 2>/dev/null || break
    sleep 0.5
  done
  show <"$WORK/dockerd.log"
  return 1
}

stop_engine() {
  [ -n "$ENGINE_PID" ] || return 0
  kill -TERM "$ENGINE_PID" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$ENGINE_PID" 2>/dev/null
  wait "$ENGINE_PID" 2>/dev/null
  ENGINE_PID=""
  rm -f "$SOCK"
}

# Removes the project's containers and volumes, whatever state a scenario left them in.
project_down() {
  [ -n "$DERIVED" ] || return 0
  compose "$REPO/demo.env" down -v --remove-orphans --timeout 10 >>"$WORK/down.log" 2>&1
  local left
  left=$(dock ps -aq --filter "label=com.docker.compose.project=$PROJECT")
  [ -z "$left" ] || dock rm -f $left >>"$WORK/down.log" 2>&1
  left=$(dock volume ls -q --filter "label=com.docker.compose.project=$PROJECT")
  [ -z "$left" ] || dock volume rm -f $left >>"$WORK/down.log" 2>&1
  return 0
}

FINISHED=""
finish() {
  [ -z "$FINISHED" ] || return 0
  FINISHED=1
  trap - EXIT INT TERM
  # A signal's trap runs inside whatever redirection was active (e.g. a scenario's log): back to the real output.
  exec 1>&8 2>&7
  if [ -n "$ENGINE_PID" ]; then
    phase "clean-up"
    project_down
    # Superseded builds, so that the cache does not grow without end; not the recent ones: the build stages' images
    # are dangling too, and they are the layer cache of the next run.
    dock image prune -f --filter until=168h >/dev/null 2>&1
    stop_engine
    phase_done
  fi
  if [ -n "$WORK" ]; then
    if [ "$failed" -gt 0 ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
  fi
  log "total $(secs "$T_START") s"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
abort() { fail "$1"; finish; }
interrupted() { exec 1>&8 2>&7; fail "interrupted by a signal"; finish; }

# ---------------------------------------------------------------------------------------------------------------
# Stand-in base images
# ---------------------------------------------------------------------------------------------------------------
debian_mirror() {
  local m=""
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
    m=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

# The minimal Debian the stand-ins start from: debootstrap's minbase, with the machine's apt sources and proxy
# settings, a policy-rc.d that exits 101 (packages never start services) and no apt caches.
make_base_rootfs() {
  local rootfs="$1" mirror="$2" f
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" || return 1
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/" && rm -f "$rootfs/etc/apt/sources.list"
  fi
  for f in /etc/apt/apt.conf.d/*; do
    if [ -f "$f" ] && grep -qi 'proxy' "$f"; then cp "$f" "$rootfs/etc/apt/apt.conf.d/"; fi
  done
  printf '#!/bin/sh\n# Packages never start services in this image.\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  printf 'Acquire::Languages "none";\n' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
}

inputs_of() { dock image inspect --format "{{index .Config.Labels \"$INPUTS_LABEL\"}}" "$1" 2>/dev/null; }
image_id() { dock image inspect --format '{{.Id}}' "$1" 2>/dev/null; }

build_base() {
  local mirror hash rootfs
  mirror=$(debian_mirror)
  hash=$({ echo "$SUITE $mirror"; declare -f make_base_rootfs; cat /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null; } | sha256sum | cut -c1-64)
  if [ "$(inputs_of "$BASE_TAG")" = "$hash" ]; then
    log "    $BASE_TAG: cached"
    return 0
  fi
  log "    $BASE_TAG: debootstrap $SUITE from $mirror"
  rootfs="$CACHE/rootfs"
  rm -rf "$rootfs"
  make_base_rootfs "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 || { show <"$WORK/debootstrap.log"; rm -rf "$rootfs"; return 1; }
  tar -C "$rootfs" -c . | dock import --change "LABEL $INPUTS_LABEL=$hash" --change 'CMD ["bash"]' - "$BASE_TAG" >/dev/null
  local rc=$?
  rm -rf "$rootfs"
  return $rc
}

# build_standin NAME TAG PARENT EXTRA [PATH…]: builds images/NAME/Dockerfile as TAG unless an image of that tag was
# built from the same inputs (the stand-in's files, the parent image, EXTRA). The context is images/NAME plus the
# given PATHs of the machine's .NET (under dotnet/) and, for the SDK, its CA certificates (under ca-certificates/).
build_standin() {
  local name="$1" tag="$2" parent="$3" extra="$4"; shift 4
  local dir="$HERE/images/$name" hash t0 parent_id
  parent_id=$(image_id "$parent") || { echo "$name: parent $parent missing"; return 1; }
  hash=$({ cat "$dir"/*; echo "$parent_id"; echo "$extra"; } | sha256sum | cut -c1-64)
  if [ "$(inputs_of "$tag")" = "$hash" ]; then
    log "    $tag: cached"
    return 0
  fi
  t0=$(now)
  local dotnet_parent dotnet_base members=() p
  dotnet_parent=$(dirname "$DOTNET_ROOT"); dotnet_base=$(basename "$DOTNET_ROOT")
  for p in "$@"; do members+=("$dotnet_base/$p"); done
  {
    if [ "$name" = sdk ]; then
      tar -c -C "$dir" . -C "$WORK" ca-certificates -C "$dotnet_parent" --transform "s,^$dotnet_base/,dotnet/," "${members[@]}"
    elif [ "${#members[@]}" -gt 0 ]; then
      tar -c -C "$dir" . -C "$dotnet_parent" --transform "s,^$dotnet_base/,dotnet/," "${members[@]}"
    else
      tar -c -C "$dir" .
    fi
  } | dock build --network host --label "$INPUTS_LABEL=$hash" "${BUILD_PROXY_ARGS[@]}" \
        --build-arg "DOTNET_SDK_VERSION=$SDK_VERSION" -t "$tag" - >"$WORK/build-$name.log" 2>&1
  if [ "${PIPESTATUS[1]}" -ne 0 ]; then
    echo "$tag: build failed (scripts/compose-smoke/images/$name)"
    show <"$WORK/build-$name.log"
    return 1
  fi
  log "    $tag: built in $(secs "$t0") s"
}

find_dotnet() {
  local dotnet
  dotnet=$(command -v dotnet) || { echo "no dotnet on this machine"; return 1; }
  DOTNET_ROOT=$(dirname "$(readlink -f "$dotnet")")
  SDK_VERSION=$(cd "$REPO" && dotnet --version 2>/dev/null)
  [ -d "$DOTNET_ROOT/shared/Microsoft.AspNetCore.App" ] && [ -d "$DOTNET_ROOT/sdk/$SDK_VERSION" ] ||
    { echo "no ASP.NET Core runtime or SDK $SDK_VERSION under $DOTNET_ROOT"; return 1; }
  RUNTIME_PARTS=()
  for p in dotnet host shared LICENSE.txt ThirdPartyNotices.txt; do
    [ -e "$DOTNET_ROOT/$p" ] && RUNTIME_PARTS+=("$p")
  done
  SDK_PARTS=()
  for p in "$DOTNET_ROOT"/*; do
    case "${p##*/}" in dotnet | host | shared | LICENSE.txt | ThirdPartyNotices.txt) ;; *) SDK_PARTS+=("${p##*/}") ;; esac
  done
  RUNTIME_VERSIONS=$(cd "$DOTNET_ROOT" && ls -d shared/*/* host/fxr/* | tr '\n' ' ')
  log "    .NET from $DOTNET_ROOT: SDK $SDK_VERSION, $RUNTIME_VERSIONS"
}

build_standins() {
  find_dotnet || return 1
  mkdir -p "$WORK/ca-certificates"
  if [ -d /usr/local/share/ca-certificates ]; then cp -r /usr/local/share/ca-certificates/. "$WORK/ca-certificates/"; fi
  local certs
  certs=$(cd "$WORK/ca-certificates" && find . -type f -exec sha256sum {} + | sort)
  (
    build_standin aspnet mcr.microsoft.com/dotnet/aspnet:10.0 "$BASE_TAG" "$RUNTIME_VERSIONS" "${RUNTIME_PARTS[@]}" &&
      build_standin sdk mcr.microsoft.com/dotnet/sdk:10.0 mcr.microsoft.com/dotnet/aspnet:10.0 "$SDK_VERSION $(ls "$DOTNET_ROOT/sdk") $certs" "${SDK_PARTS[@]}"
  ) &
  local dotnet_job=$!
  build_standin rabbitmq rabbitmq:3.13-management "$BASE_TAG" "" &
  local rabbitmq_job=$!
  build_standin postgres postgres:15 "$BASE_TAG" "" &
  local postgres_job=$!
  local rc=0
  wait "$dotnet_job" || rc=1
  wait "$rabbitmq_job" || rc=1
  wait "$postgres_job" || rc=1
  return $rc
}

# ---------------------------------------------------------------------------------------------------------------
# The project's compose file on the host network
# ---------------------------------------------------------------------------------------------------------------
# docker-compose 1.29 refuses port bindings with network_mode host and an override cannot remove them: the smoke
# test runs a copy of docker-compose.yml without its `ports:` lists, checked below to differ in nothing else.
STRIP_PORTS='
function indent(line) { match(line, /^ */); return RLENGTH }
skip {
  if ($0 ~ /^[ \t]*(#.*)?$/) next
  i = indent($0)
  if (i > ind || (i == ind && $0 ~ /^ *- /)) next
  skip = 0
}
/^ *ports:/ { ind = indent($0); skip = ($0 ~ /^ *ports:[ \t]*(#.*)?$/); next }
{ print }'

prepare_compose_file() {
  DERIVED="$WORK/docker-compose.yml"
  awk "$STRIP_PORTS" "$REPO/docker-compose.yml" >"$DERIVED"
  local original derived
  original=$(DERIVED="$REPO/docker-compose.yml" compose "$REPO/demo.env" config 2>"$WORK/config-original.err") ||
    { show <"$WORK/config-original.err"; return 1; }
  derived=$(compose "$REPO/demo.env" config 2>"$WORK/config-derived.err") || { show <"$WORK/config-derived.err"; return 1; }
  if [ "$(awk "$STRIP_PORTS" <<<"$original")" != "$derived" ] || grep -q 'ports:' <<<"$derived"; then
    diff <(awk "$STRIP_PORTS" <<<"$original") <(echo "$derived") | show
    return 1
  fi
}

container_of() { dock ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" | head -n 1; }
health_of() { dock inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1" 2>/dev/null; }
exit_code_of() { dock inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$1" 2>/dev/null; }
logs_of() { local c; c=$(container_of "$1"); [ -n "$c" ] && dock logs "$c" 2>&1; }
# says SERVICE TEXT: the service's container printed TEXT (not `logs | grep -q`: with pipefail, grep's early exit fails it).
says() { local out; out=$(logs_of "$1"); grep -qF -- "$2" <<<"$out"; }

# wait_healthy: one PASS/FAIL per service, by its health check (docker inspect .State.Health.Status).
wait_healthy() { # wait_healthy LABEL T0 SERVICE…, T0 being when `up` started
  local label="$1" t0="$2"; shift 2
  local pending=("$@") still svc c status
  local deadline=$(($(date +%s) + HEALTH_TIMEOUT))
  while [ "${#pending[@]}" -gt 0 ]; do
    still=()
    for svc in "${pending[@]}"; do
      c=$(container_of "$svc")
      status=$([ -n "$c" ] && health_of "$c")
      if [ "$status" = healthy ]; then
        pass "$label: $svc turns healthy by its health check ($(secs "$t0") s after up)"
      else
        still+=("$svc")
      fi
    done
    pending=("${still[@]}")
    [ "${#pending[@]}" -gt 0 ] || break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      for svc in "${pending[@]}"; do
        c=$(container_of "$svc")
        status=$( { [ -n "$c" ] && health_of "$c"; } || echo "no container")
        fail "$label: $svc turns healthy by its health check (still ${status:-unknown} after ${HEALTH_TIMEOUT} s)"
        if [ -n "$c" ]; then
          dock inspect --format '{{if .State.Health}}{{range .State.Health.Log}}{{.Output}}{{end}}{{end}}' "$c" 2>/dev/null | show 6
          dock logs "$c" 2>&1 | show 15
        fi
      done
      return 1
    fi
    sleep 2
  done
}

# exited_with SERVICE CODE: the one-shot container ran and exited with CODE.
exited_with() {
  local c; c=$(container_of "$1")
  [ -n "$c" ] && [ "$(exit_code_of "$c")" = "exited $2" ]
}
never_started() { # the service's container does not exist, or was created but never started
  local c; c=$(container_of "$1")
  [ -z "$c" ] || [ "$(dock inspect --format '{{.State.StartedAt}}' "$c")" = "0001-01-01T00:00:00Z" ]
}

# ---------------------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------------------
# json FIELD.PATH < body: one value of a JSON document ("" when absent).
json() {
  python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for k in sys.argv[1].split("."):
    d = d[int(k)] if isinstance(d, list) and k.isdigit() and int(k) < len(d) else d.get(k) if isinstance(d, dict) else None
print("" if d is None else json.dumps(d) if isinstance(d, (dict, list)) else d)' "$1"
}

# http METHOD URL [BODY]: sets CODE and BODY; sends the demo key unless KEY is set (KEY='' sends none).
http() {
  local method="$1" url="$2" data="${3:-}" args=()
  args=(-s -m 40 -o "$WORK/body" -w '%{http_code}' -X "$method")
  if [ -z "${KEY+x}" ]; then args+=(-H "X-Api-Key: $DEMO_KEY"); elif [ -n "$KEY" ]; then args+=(-H "X-Api-Key: $KEY"); fi
  if [ -n "$data" ]; then args+=(-H 'Content-Type: application/json' -H 'Prefer: wait=20' -d "$data"); else args+=(-H 'Prefer: wait=20'); fi
  CODE=$(curl "${args[@]}" "$url" 2>/dev/null) || CODE=000
  BODY=$(cat "$WORK/body" 2>/dev/null)
}

# submit WHAT ROUTE BODY: POSTs a request and waits for its final state; sets REQUEST_ID and RESULT (the JSON result).
submit() {
  local what="$1" route="$2" data="$3" status
  REQUEST_ID=""; RESULT=""
  http POST "$API$route" "$data"
  REQUEST_ID=$(json requestId <<<"$BODY")
  status=$(json status <<<"$BODY")
  if [ -n "$REQUEST_ID" ] && [ "$status" = accepted ]; then
    http GET "$API/api/v1/requests/$REQUEST_ID"
    status=$(json status <<<"$BODY")
  fi
  RESULT=$(json result <<<"$BODY")
  if [ "$status" = succeeded ]; then
    pass "$what ends succeeded ($REQUEST_ID)"
  else
    fail "$what ends succeeded (HTTP $CODE, status '${status}': $(head -c 300 <<<"$BODY"))"
    return 1
  fi
}

request_status() { http GET "$API/api/v1/requests/$1"; json status <<<"$BODY"; }

# ---------------------------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------------------------
up() { # up ENV_FILE LOG args…: `up -d`, its output in LOG; returns up's status, also in UP_RC
  local env_file="$1" out="$2"; shift 2
  compose "$env_file" up -d "$@" >"$out" 2>&1
  UP_RC=$?
  return $UP_RC
}

# broker_env FILE [LEFT_OUT]: an env file outside demo mode with every broker password but LEFT_OUT.
broker_env() {
  local file="$1" left_out="${2:-}" name
  : >"$file"
  for name in $BROKER_PASSWORDS; do
    [ "$name" = "$left_out" ] || printf '%s=smoke%s\n' "$name" "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$file"
  done
}

# The broker's users are the template's (scripts/rabbitmq/definitions.template.json), and the Api and the Worker log in
# as their own: the management API's users and connections, as the administrator.
broker_users_checks() {
  local users connections
  users=$(curl -s -m 10 -u hubspot:demo-rabbitmq-password "$MANAGEMENT/api/users" 2>/dev/null)
  users=$(python3 -c 'import json, sys; print(" ".join(sorted(u["name"] + "=" + ",".join(u["tags"] if isinstance(u["tags"], list) else [t for t in u["tags"].split(",") if t]) for u in json.load(sys.stdin))))' <<<"$users" 2>/dev/null)
  check "demo: the broker has the template's users only, no guest ($users)" \
    [ "$users" = "hubspot-api= hubspot-publisher= hubspot-worker= hubspot=administrator" ]
  connections=$(curl -s -m 10 -u hubspot:demo-rabbitmq-password "$MANAGEMENT/api/connections?columns=user,client_properties" 2>/dev/null)
  # MassTransit's connection and the broker administration's ("HubSpotCrm.Worker administration") alike.
  connections=$(python3 -c 'import json, sys; print("; ".join(sorted({(c.get("client_properties") or {}).get("connection_name", "?") + "=" + c["user"] for c in json.load(sys.stdin)})))' <<<"$connections" 2>/dev/null)
  check "demo: the Api connects as hubspot-api and the Worker as hubspot-worker ($connections)" \
    python3 -c 'import sys; pairs = [p.split("=", 1) for p in sys.argv[1].split("; ") if "=" in p]; users = lambda service: {u for n, u in pairs if n == service or n.startswith(service + " ")}; sys.exit(0 if users("HubSpotCrm.Api") == {"hubspot-api"} and users("HubSpotCrm.Worker") == {"hubspot-worker"} else 1)' "$connections"
  local size
  size=$(dock exec "$(container_of rabbitmq)" rabbitmqctl -q eval 'application:get_env(rabbit, max_message_size).' 2>/dev/null)
  check "demo: the broker refuses messages over 1 MiB (max_message_size: $size)" [ "$size" = "{ok,1048576}" ]
}

# A command published straight to the bus names no client, so only operators see its request: compose makes client
# "default" (API_KEY) one.
operator_check() {
  local id payload status="" _
  id=$(python3 -c 'import uuid; print(uuid.uuid4())')
  payload=$(python3 -c 'import json, sys; print(json.dumps({"routing_key": "", "payload_encoding": "string",
    "properties": {"content_type": "application/json", "delivery_mode": 2},
    "payload": json.dumps({"requestId": sys.argv[1], "email": "bus@example.com", "properties": {"firstname": "Bus"}})}))' "$id")
  curl -s -m 10 -o /dev/null -u hubspot:demo-rabbitmq-password -H 'Content-Type: application/json' -d "$payload" \
    "$MANAGEMENT/api/exchanges/%2F/hubspot.upsert-contact/publish" 2>/dev/null
  for _ in $(seq 1 30); do
    status=$(request_status "$id")
    [ "$status" = succeeded ] && break
    sleep 1
  done
  check "demo: client default (API_KEY) is an operator: it sees a request published straight to the bus (HTTP $CODE, status '${status}')" \
    [ "$status" = succeeded ]
}

scenario_demo() {
  phase "demo mode: up until healthy"
  local t0; t0=$(now)
  if up "$REPO/demo.env" "$WORK/up-demo.log"; then
    pass "demo: docker-compose --env-file demo.env up -d succeeds ($(secs "$t0") s)"
  else
    fail "demo: docker-compose --env-file demo.env up -d succeeds"
    show <"$WORK/up-demo.log"
  fi
  # The emulator has profile "demo": docker-compose 1.29 takes COMPOSE_PROFILES from the --env-file (no --profile here).
  check "demo: COMPOSE_PROFILES=demo from --env-file demo.env starts the emulator (no --profile given)" [ -n "$(container_of emulator)" ]
  wait_healthy demo "$t0" rabbitmq postgres emulator worker api
  check "demo: worker-settings (check-config) exits 0" exited_with worker-settings 0
  check "demo: api-settings (check-config) exits 0" exited_with api-settings 0
  phase_done

  phase "demo mode: requests"
  local contact_id="" contact_req="" deals_req="" tickets_req=""
  if submit "demo: POST /api/v1/hubspot/contact" /api/v1/hubspot/contact \
    '{"email":"ada@example.com","firstname":"Ada","lastname":"Lovelace","phone":"+44 20 7946 0000","company":"Analytical Engines"}'; then
    contact_req=$REQUEST_ID
    contact_id=$(json contactId <<<"$RESULT")
  fi
  if [ -n "$contact_id" ]; then
    submit "demo: POST /api/v1/hubspot/deals (the contact's)" /api/v1/hubspot/deals \
      "{\"contactId\":\"$contact_id\",\"deals\":[{\"dealname\":\"Difference Engine\",\"amount\":1500,\"dealstage\":\"appointmentscheduled\"}]}" &&
      deals_req=$REQUEST_ID
    submit "demo: POST /api/v1/hubspot/tickets (the contact's)" /api/v1/hubspot/tickets \
      "{\"contactId\":\"$contact_id\",\"tickets\":[{\"subject\":\"Gears jam\",\"description\":\"Column 3 sticks\",\"category\":\"technical_issue\",\"pipeline\":\"0\",\"hs_ticket_priority\":\"HIGH\",\"hs_pipeline_stage\":\"1\"}]}" &&
      tickets_req=$REQUEST_ID
  else
    fail "demo: deals and tickets requests (no contactId from the contact request)"
  fi
  REQUEST_IDS=()
  for r in "$contact_req" "$deals_req" "$tickets_req"; do [ -z "$r" ] || REQUEST_IDS+=("$r"); done
  local bad=()
  for r in "${REQUEST_IDS[@]}"; do [ "$(request_status "$r")" = succeeded ] || bad+=("$r"); done
  if [ "${#REQUEST_IDS[@]}" -eq 3 ] && [ "${#bad[@]}" -eq 0 ]; then
    pass "demo: GET /api/v1/requests/{id} answers succeeded for the contact, deals and tickets requests"
  else
    fail "demo: GET /api/v1/requests/{id} answers succeeded for the contact, deals and tickets requests (${#REQUEST_IDS[@]} submitted, not succeeded: ${bad[*]:-none})"
  fi

  local ready
  ready=$(curl -s -m 10 "$WORKER/health/ready")
  if python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(0 if any("emulator" in (c.get("description") or "").lower() for c in d["checks"].values()) else 1)' <<<"$ready" 2>/dev/null; then
    pass "demo: the Worker's /health/ready names the emulator"
  else
    fail "demo: the Worker's /health/ready names the emulator (got: $(head -c 300 <<<"$ready"))"
  fi
  # What a new user tries next (README "Try it").
  local contacts
  contacts=$(curl -s -m 10 "$EMULATOR/_emulator/objects/contacts")
  check "demo: the emulator holds the contact (/_emulator/objects/contacts)" grep -q 'ada@example.com' <<<"$contacts"
  local since
  since=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
  http GET "$API/api/v1/hubspot/new-objects?since=$since&limit=50"
  check "demo: GET /api/v1/hubspot/new-objects lists the contact (HTTP $CODE)" grep -q 'ada@example.com' <<<"$BODY"
  KEY='' http GET "$API/api/v1/requests/${contact_req:-00000000-0000-0000-0000-000000000000}"
  check "demo: a request without X-Api-Key is refused with 401 (got $CODE)" [ "$CODE" = 401 ]
  KEY=wrong-key-0123456789abcdef http GET "$API/api/v1/requests/${contact_req:-00000000-0000-0000-0000-000000000000}"
  check "demo: a request with a wrong X-Api-Key is refused with 401 (got $CODE)" [ "$CODE" = 401 ]
  CODE=$(curl -s -L -m 10 -o /dev/null -w '%{http_code}' "$API/api-docs" 2>/dev/null)
  check "demo: the Api's docs answer without a key at /api-docs (got $CODE)" [ "$CODE" = 200 ]
  CODE=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$API/openapi/v1.json" 2>/dev/null)
  check "demo: the OpenAPI document answers without a key at /openapi/v1.json (got $CODE)" [ "$CODE" = 200 ]
  CODE=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -u hubspot:demo-rabbitmq-password "$MANAGEMENT/api/shovels" 2>/dev/null)
  check "demo: the management API takes RABBITMQ_USER/RABBITMQ_PASSWORD and has the shovel plugins (/api/shovels: $CODE)" [ "$CODE" = 200 ]
  broker_users_checks
  operator_check
  local users=() svc c
  for svc in api worker emulator; do
    c=$(container_of "$svc")
    users+=("$svc=$([ -n "$c" ] && dock exec "$c" id -u 2>/dev/null)")
  done
  check "demo: the Api, Worker and emulator run as the image's app user, uid 1654 (${users[*]})" \
    [ "${users[*]}" = "api=1654 worker=1654 emulator=1654" ]
  phase_done
}

scenario_restart() {
  phase "down (keeping volumes) and up again"
  local t0; t0=$(now)
  if compose "$REPO/demo.env" down --timeout 20 >"$WORK/down-restart.log" 2>&1 && up "$REPO/demo.env" "$WORK/up-restart.log"; then
    pass "restart: docker-compose down (without -v) and up -d succeed ($(secs "$t0") s)"
  else
    fail "restart: docker-compose down (without -v) and up -d succeed"
    show <"$WORK/up-restart.log"
  fi
  wait_healthy restart "$t0" worker api
  local bad=() r
  for r in "${REQUEST_IDS[@]}"; do [ "$(request_status "$r")" = succeeded ] || bad+=("$r"); done
  if [ "${#REQUEST_IDS[@]}" -gt 0 ] && [ "${#bad[@]}" -eq 0 ]; then
    pass "restart: the ${#REQUEST_IDS[@]} earlier requests still answer succeeded"
  else
    fail "restart: the earlier requests still answer succeeded (${#REQUEST_IDS[@]} known, not succeeded: ${bad[*]:-none})"
  fi
  submit "restart: a new POST /api/v1/hubspot/contact" /api/v1/hubspot/contact \
    '{"email":"grace@example.com","firstname":"Grace","lastname":"Hopper","phone":"+1 202 555 0101"}'
  project_down
  phase_done
}

scenario_no_credentials() {
  phase "no demo mode, no HubSpot credentials"
  local env="$WORK/no-credentials.env"
  broker_env "$env"
  printf '%s\n' "POSTGRES_PASSWORD=smoke-postgres-password" "API_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$env"
  if up "$env" "$WORK/up-no-credentials.log"; then
    fail "no credentials: up fails"
  else
    pass "no credentials: up fails (exit $UP_RC: $(grep -m1 'ERROR: for worker ' "$WORK/up-no-credentials.log" | sed 's/^ERROR: //; s/  */ /g' | head -c 120))"
  fi
  check "no credentials: worker-settings exits 78" exited_with worker-settings 78
  if says worker-settings 'No HubSpot credentials are configured'; then
    pass "no credentials: worker-settings prints \"No HubSpot credentials are configured\""
  else
    fail "no credentials: worker-settings prints \"No HubSpot credentials are configured\""
    logs_of worker-settings | show 10
  fi
  check "no credentials: the worker service never starts" never_started worker
  check "no credentials: the emulator does not run outside demo mode" never_started emulator
  project_down
  phase_done
}

scenario_no_broker_password() {
  phase "no broker password"
  local name env t0 took log
  # Each of the four left out alone: up stops at once and names it.
  for name in $BROKER_PASSWORDS; do
    env="$WORK/no-$name.env"; log="$WORK/up-no-$name.log"
    broker_env "$env" "$name"
    printf '%s\n' "POSTGRES_PASSWORD=smoke-postgres-password" "API_KEY=smoke-api-key-0123456789abcdef" >>"$env"
    t0=$(now)
    up "$env" "$log"
    took=$(secs "$t0")
    if [ "$UP_RC" -ne 0 ] && awk -v t="$took" 'BEGIN { exit !(t < 10) }'; then
      pass "no $name: up fails at once (exit $UP_RC after $took s)"
    else
      fail "no $name: up fails at once (exit $UP_RC after $took s)"
    fi
    if grep -q "Set $name " "$log"; then
      pass "no $name: up says \"Set $name …\""
    else
      fail "no $name: up says \"Set $name …\""
      show 5 <"$log"
    fi
    check "no $name: no container was created" [ -z "$(dock ps -aq --filter "label=com.docker.compose.project=$PROJECT")" ]
    project_down
  done
  phase_done
}

scenario_demo_key_outside_demo() {
  phase "the demo key outside demo mode"
  local env="$WORK/demo-key.env"
  broker_env "$env"
  printf '%s\n' "POSTGRES_PASSWORD=smoke-postgres-password" "API_KEY=$DEMO_KEY" >>"$env"
  up "$env" "$WORK/up-demo-key.log" --no-deps api-settings
  local c; c=$(container_of api-settings)
  [ -z "$c" ] || dock wait "$c" >/dev/null 2>&1
  check "demo key outside demo mode: api-settings exits 78" exited_with api-settings 78
  if says api-settings 'published demo key'; then
    pass "demo key outside demo mode: api-settings says the key is the published demo key"
  else
    fail "demo key outside demo mode: api-settings says the key is the published demo key"
    logs_of api-settings | show 10
  fi
  project_down
  phase_done
}

# ---------------------------------------------------------------------------------------------------------------
main() {
  [ "$(id -u)" = 0 ] || { echo "FAIL: run as root (it starts a Docker engine)"; echo "0 passed, 1 failed"; exit 1; }
  WORK=$(mktemp -d /tmp/hubspotcrm-compose-smoke.XXXXXX)
  exec 8>&1 7>&2
  trap finish EXIT
  trap interrupted INT TERM
  mkdir -p "$RUN_DIR" "$CACHE"
  exec 9>"$RUN_DIR/lock"
  flock -n 9 || abort "another compose smoke test is running (lock $RUN_DIR/lock)"

  phase "packages"
  install_packages || abort "install docker.io, docker-compose, debootstrap"
  log "    $("$COMPOSE" version --short 2>/dev/null | sed 's/^/docker-compose /'), $(docker --version)"
  phase_done

  local p busy=()
  for p in $SMOKE_PORTS; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then busy+=("$p"); fi
  done
  [ "${#busy[@]}" -eq 0 ] || abort "the smoke test's ports are free on 127.0.0.1 (in use: ${busy[*]})"

  phase "engine"
  start_engine || abort "start a loopback-only Docker engine"
  phase_done

  phase "stand-in base images"
  build_base || abort "build $BASE_TAG (debootstrap; see $WORK)"
  build_standins || abort "build the stand-in base images (see $WORK)"
  phase_done

  phase "the project's images (docker-compose build)"
  if prepare_compose_file; then
    pass "docker-compose.yml without its ports: lists differs from the original in nothing else (docker-compose config)"
  else
    abort "docker-compose.yml without its ports: lists differs from the original in nothing else (docker-compose config)"
  fi
  project_down
  # worker-settings and api-settings use the images of worker and api.
  if compose "$REPO/demo.env" build --parallel "${BUILD_PROXY_ARGS[@]}" emulator worker api >"$WORK/compose-build.log" 2>&1; then
    pass "docker-compose build builds the emulator, Worker and Api images from the project's Dockerfiles"
  else
    show 40 <"$WORK/compose-build.log"
    abort "docker-compose build builds the emulator, Worker and Api images from the project's Dockerfiles"
  fi
  phase_done

  scenario_demo
  scenario_restart
  scenario_no_credentials
  scenario_no_broker_password
  scenario_demo_key_outside_demo
  finish
}

main "$@"
