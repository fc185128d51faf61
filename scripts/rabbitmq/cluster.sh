#!/usr/bin/env bash
# A 3-node RabbitMQ cluster on this machine, beside the machine's own node (rabbit@<host> on 5672/15672, epmd 4369),
# which it never touches: for the cluster tests and the benchmark. Debian's RabbitMQ 3.10 with the management and
# shovel plugins; guest/guest over loopback.
#
#   cluster.sh start       starts the three nodes, clusters them and prints their AMQP addresses (host:port,...)
#   cluster.sh stop        stops them and deletes the cluster's folder: the next start is a fresh cluster
#   cluster.sh kill N      SIGKILLs node N's Erlang VM: a crash, not a clean stop
#   cluster.sh restart N   starts node N again from its data folder and waits until the cluster has 3 running nodes
#   cluster.sh status      the cluster's status (rabbitmqctl cluster_status)
#   cluster.sh nodes       the nodes' AMQP addresses (host:port,...), whether or not they run: for RabbitMq:Nodes
#   cluster.sh management  node 1's management API (http://host:port/api)
#
# Node N (1-3) is hubspot-N@localhost with AMQP on 127.0.0.1:570N, management on 1570N and Erlang distribution on
# 2570N; the three share an epmd of their own on 4371 and an Erlang cookie of their own. Everything listens on
# 127.0.0.1 only. Data, logs and configuration live in $RABBITMQ_CLUSTER_DIR (default /tmp/hubspotcrm-rabbitmq-cluster).
# Run as root, the nodes run as the rabbitmq user, as the machine's node does. Progress goes to stderr; stdout has only
# what a caller reads (the node list, the status).

set -euo pipefail

BASE="${RABBITMQ_CLUSTER_DIR:-/tmp/hubspotcrm-rabbitmq-cluster}"
EPMD_PORT="${RABBITMQ_CLUSTER_EPMD_PORT:-4371}"
# Debian's /usr/sbin/rabbitmq-* are wrappers that switch to the rabbitmq user with its HOME, hence the machine node's
# cookie: the cluster calls the scripts behind them, with an environment of its own.
SCRIPTS="${RABBITMQ_SCRIPTS_DIR:-/usr/lib/rabbitmq/bin}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE_COUNT=3
START_TIMEOUT=180
# Every process the cluster starts (nodes, their epmd, CLI calls) carries this variable: stop finds the leftovers by it.
MARKER="HUBSPOTCRM_RABBITMQ_CLUSTER=$BASE"

log() { printf '[cluster] %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }

node_name() { printf 'hubspot-%s@localhost' "$1"; }
amqp_port() { printf '%s' $((5700 + $1)); }
management_port() { printf '%s' $((15700 + $1)); }
dist_port() { printf '%s' $((25700 + $1)); }
node_dir() { printf '%s/node%s' "$BASE" "$1"; }

node_list() {
  local n list=()
  for n in $(seq 1 "$NODE_COUNT"); do list+=("127.0.0.1:$(amqp_port "$n")"); done
  (IFS=,; printf '%s\n' "${list[*]}")
}

# The user the nodes run as: rabbitmq when started by root (the package's files and habits), else the caller.
node_user() {
  if [ "$(id -u)" -eq 0 ] && id -u rabbitmq >/dev/null 2>&1; then echo rabbitmq; else id -un; fi
}

# What every Erlang process of the cluster needs: its cookie (in HOME), its epmd, and no settings of the machine's node
# (rabbitmq-env.conf, /etc/rabbitmq/conf.d).
common_env=(
  "$MARKER"
  "HOME=$BASE/home"
  "ERL_EPMD_PORT=$EPMD_PORT"
  "ERL_EPMD_ADDRESS=127.0.0.1"
  "RABBITMQ_CONF_ENV_FILE=$BASE/rabbitmq-env.conf"
  "RABBITMQ_ENABLED_PLUGINS_FILE=$BASE/enabled_plugins"
)

ctl() { # node command args...: rabbitmqctl against node N, as the caller (root reads the cookie the nodes own)
  local n=$1
  shift
  # The CLI is a distributed Erlang node too: it listens on loopback only, like the nodes.
  env "${common_env[@]}" "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}" \
    "$SCRIPTS/rabbitmqctl" -n "$(node_name "$n")" "$@"
}

# node: the pids of node N's running Erlang VMs (found by their environment, not a pid file), one a line, or nothing.
# One, as a rule: CI once found two at a kill, which the kill's log then describes.
beam_pids() {
  local dir comm want="RABBITMQ_NODENAME=$(node_name "$1")"
  for dir in /proc/[0-9]*; do
    comm=
    read -r comm 2>/dev/null <"$dir/comm" || true
    [ "$comm" = beam.smp ] || continue
    tr '\0' '\n' 2>/dev/null <"$dir/environ" | grep -cxF -e "$MARKER" -e "$want" | grep -qx 2 && echo "${dir#/proc/}"
  done
  return 0
}

is_ours() { # pid
  tr '\0' '\n' 2>/dev/null <"/proc/$1/environ" | grep -qxF "$MARKER"
}

our_processes() {
  local dir pid
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [ "$pid" != $$ ] && is_ours "$pid" && echo "$pid"
  done
  return 0
}

port_owner() { # port: the listener on it, if any
  ss -Hltnp "sport = :$1" 2>/dev/null | head -1
}

write_config() {
  local n dir user cookie
  user=$(node_user)
  mkdir -p "$BASE/home"
  : >"$BASE/rabbitmq-env.conf"
  # The management UI, and the shovel plugins behind its "Move messages", as on the machine's node.
  echo '[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management].' >"$BASE/enabled_plugins"
  cookie=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
  (umask 077 && printf '%s' "$cookie" >"$BASE/home/.erlang.cookie")
  for n in $(seq 1 "$NODE_COUNT"); do
    dir=$(node_dir "$n")
    mkdir -p "$dir/conf.d" "$dir/log" "$dir/mnesia"
    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$(amqp_port "$n")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(management_port "$n")
distribution.listener.interface = 127.0.0.1
distribution.listener.port_range.min = $(dist_port "$n")
distribution.listener.port_range.max = $(dist_port "$n")
EOF
    # Nodes 2 and 3 join node 1 as they boot (peer discovery), not by stop_app, join_cluster and start_app after
    # their boot, which takes 7 s more (stop_app alone waits 5 s). Node 1 finds no peer and starts the cluster. A node with data rejoins its cluster from its data folder, whatever this says.
    if [ "$n" -gt 1 ]; then
      cat >>"$dir/rabbitmq.conf" <<EOF
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = $(node_name 1)
cluster_formation.discovery_retry_limit = $((START_TIMEOUT * 2))
cluster_formation.discovery_retry_interval = 500
EOF
    fi
    # The service's message size limit, as on the machine's node (scripts/local-servers.sh).
    cp "$HERE/max-message-size.conf" "$dir/conf.d/"
  done
  chmod 400 "$BASE/home/.erlang.cookie"
  chown -R "$user:" "$BASE"
}

launch() { # node: starts node N detached (returns at once)
  local n=$1 dir user
  dir=$(node_dir "$n")
  user=$(node_user)
  local node_env=(
    "${common_env[@]}"
    "RABBITMQ_NODENAME=$(node_name "$n")"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$(amqp_port "$n")"
    "RABBITMQ_DIST_PORT=$(dist_port "$n")"
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf"
    "RABBITMQ_CONFIG_FILES=$dir/conf.d/*.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config"
    "RABBITMQ_MNESIA_BASE=$dir/mnesia"
    "RABBITMQ_LOG_BASE=$dir/log"
  )
  if [ "$user" != "$(id -un)" ]; then
    (cd "$BASE" && runuser -u "$user" -- env "${node_env[@]}" "$SCRIPTS/rabbitmq-server" -detached)
  else
    (cd "$BASE" && env "${node_env[@]}" "$SCRIPTS/rabbitmq-server" -detached)
  fi
}

log_tail() { # node
  local file
  file="$(node_dir "$1")/log/$(node_name "$1").log"
  if [ -f "$file" ]; then
    log "last lines of $file:"
    tail -n 30 "$file" >&2
  else
    log "node $1 wrote no log ($file)"
  fi
}

await_node() { # node: until node N, just launched, has booted
  local n=$1 deadline=$((SECONDS + START_TIMEOUT)) launched=$SECONDS
  # Its AMQP listener opens late in the boot. Until then a cheap look at the port, not a CLI call: each rabbitmqctl is
  # an Erlang VM of its own, and it would take CPU from the booting nodes.
  until [ -n "$(port_owner "$(amqp_port "$n")")" ]; do
    if [ $((SECONDS - launched)) -ge 5 ] && [ -z "$(beam_pids "$n")" ]; then
      log "node $n ($(node_name "$n")) ended during its boot"
      log_tail "$n"
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "node $n ($(node_name "$n")) did not boot within $START_TIMEOUT s"
      log_tail "$n"
      return 1
    fi
    sleep 0.2
  done
  ctl "$n" await_startup --timeout "$START_TIMEOUT" >/dev/null || { log_tail "$n"; return 1; }
}

running_count() { # the number of running nodes node 1 (or the given node) sees in the cluster
  ctl "${1:-1}" cluster_status --formatter json 2>/dev/null | jq -r '.running_nodes | length' 2>/dev/null || echo 0
}

await_running() { # count [node]
  local want=$1 via=${2:-1} deadline=$((SECONDS + START_TIMEOUT)) have
  while true; do
    have=$(running_count "$via")
    [ "$have" = "$want" ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      log "the cluster shows ${have:-0} running nodes, not $want, after $START_TIMEOUT s:"
      ctl "$via" cluster_status >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

check_node() { # node
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] && [ "$1" -le "$NODE_COUNT" ] || fail "the node must be 1 to $NODE_COUNT, not '${1:-}'"
}

check_prerequisites() {
  [ -x "$SCRIPTS/rabbitmq-server" ] && [ -x "$SCRIPTS/rabbitmqctl" ] ||
    fail "RabbitMQ's scripts are not in $SCRIPTS (Debian's rabbitmq-server package; scripts/local-servers.sh installs it). Set RABBITMQ_SCRIPTS_DIR elsewhere."
  command -v jq >/dev/null || fail "jq is missing (apt-get install jq)"
  command -v ss >/dev/null || fail "ss is missing (apt-get install iproute2)"
}

check_ports_free() {
  local n port owner busy=0
  for n in $(seq 1 "$NODE_COUNT"); do
    for port in "$(amqp_port "$n")" "$(management_port "$n")" "$(dist_port "$n")"; do
      owner=$(port_owner "$port")
      if [ -n "$owner" ]; then
        log "port $port (node $n) is taken: $owner"
        busy=1
      fi
    done
  done
  [ "$busy" -eq 0 ] || fail "the cluster's ports are in use (another cluster in a different RABBITMQ_CLUSTER_DIR?)"
}

running_nodes() { # the nodes whose VM runs
  local n
  for n in $(seq 1 "$NODE_COUNT"); do [ -n "$(beam_pids "$n")" ] && echo "$n"; done
  return 0
}

cmd_start() {
  check_prerequisites
  local running n pid started=$SECONDS pids=() failed=0
  running=$(running_nodes | wc -l)
  if [ "$running" -eq "$NODE_COUNT" ] && [ "$(running_count)" = "$NODE_COUNT" ]; then
    log "already running in $BASE"
    node_list
    return 0
  fi
  if [ "$running" -gt 0 ]; then
    fail "the cluster in $BASE is partly running (nodes $(running_nodes | tr '\n' ' ')): 'cluster.sh restart N' a killed node, or 'cluster.sh stop' first"
  fi
  remove_leftovers
  check_ports_free
  write_config
  log "starting $NODE_COUNT nodes in $BASE"
  # Node 1 boots alone first: a node that joined it while it was still creating its schema failed its boot with
  # schema_integrity_check_failed (seen once in a few dozen starts). Nodes 2 and 3 then boot side by side.
  launch 1 || fail "could not start node 1"
  await_node 1 || fail "node 1 did not boot ('cluster.sh stop' removes what is left)"
  for n in $(seq 2 "$NODE_COUNT"); do
    launch "$n" || fail "could not start node $n"
  done
  for n in $(seq 2 "$NODE_COUNT"); do
    await_node "$n" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ "$failed" -eq 0 ] || fail "the nodes did not boot ('cluster.sh stop' removes what is left)"
  await_running "$NODE_COUNT" || fail "the nodes did not form one cluster"
  log "cluster of $NODE_COUNT running nodes after $((SECONDS - started)) s; management http://127.0.0.1:$(management_port 1) (guest/guest)"
  node_list
}

# Nodes stopped by stop, and whatever of ours outlived them (the cluster's epmd, a CLI stuck on a dead node).
remove_leftovers() {
  local pids
  mapfile -t pids < <(our_processes)
  if [ "${#pids[@]}" -gt 0 ]; then
    kill -KILL "${pids[@]}" 2>/dev/null || true
    while alive "${pids[@]}"; do sleep 0.1; done
  fi
  rm -rf "$BASE"
}

alive() { # pids...: whether any of them is still one of ours
  local pid
  for pid in "$@"; do is_ours "$pid" && return 0; done
  return 1
}

cmd_stop() {
  local n found beams=() started=$SECONDS deadline
  # SIGTERM is a clean stop to RabbitMQ (rabbitmqctl stop without an Erlang VM for the CLI).
  for n in $(seq 1 "$NODE_COUNT"); do
    mapfile -t found < <(beam_pids "$n")
    [ "${#found[@]}" -gt 0 ] || continue
    beams+=("${found[@]}")
    kill -TERM "${found[@]}"
  done
  deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ] && alive "${beams[@]}"; do sleep 0.2; done
  alive "${beams[@]}" && log "a node did not stop within 30 s; killing it"
  remove_leftovers
  log "stopped in $((SECONDS - started)) s; removed $BASE"
}

cmd_kill() {
  check_node "${1:-}"
  local n=$1 pid pids
  mapfile -t pids < <(beam_pids "$n")
  [ "${#pids[@]}" -gt 0 ] || fail "node $n is not running"
  if [ "${#pids[@]}" -gt 1 ]; then
    log "node $n has ${#pids[@]} Erlang VMs; killing each:"
    for pid in "${pids[@]}"; do
      log "  pid $pid, parent $(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null), started $(ps -o lstart= -p "$pid" 2>/dev/null): $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-300)"
    done
  fi
  kill -KILL "${pids[@]}"
  for pid in "${pids[@]}"; do
    while [ -e "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = beam.smp ]; do sleep 0.1; done
  done
  log "killed node $n ($(node_name "$n"), pid ${pids[*]})"
}

cmd_restart() {
  check_node "${1:-}"
  check_prerequisites
  local n=$1 started=$SECONDS
  [ -d "$(node_dir "$n")/mnesia" ] || fail "node $n has no data folder in $BASE: 'cluster.sh start' the cluster first"
  if [ -n "$(beam_pids "$n")" ]; then
    log "node $n is running"
  else
    launch "$n" || fail "could not start node $n"
    await_node "$n" || fail "node $n did not boot again"
  fi
  await_running "$NODE_COUNT" "$n" || fail "node $n runs, but the cluster does not show $NODE_COUNT running nodes"
  log "node $n is back after $((SECONDS - started)) s; $NODE_COUNT nodes running"
}

cmd_status() {
  local n
  for n in $(seq 1 "$NODE_COUNT"); do
    if [ -n "$(beam_pids "$n")" ]; then
      ctl "$n" cluster_status
      return
    fi
  done
  fail "no node of the cluster in $BASE is running"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  kill) cmd_kill "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  status) cmd_status ;;
  nodes) node_list ;;
  management) printf 'http://127.0.0.1:%s/api\n' "$(management_port 1)" ;;
  *)
    echo "usage: $0 start|stop|kill N|restart N|status|nodes|management" >&2
    exit 64
    ;;
esac
