#!/usr/bin/env bash
# Starts the servers the service needs on this machine, without Docker (Debian/Ubuntu):
# RabbitMQ with the management and shovel plugins, messages up to 1 MiB and the service's broker users, and PostgreSQL
# with the role and database of .env.example. Installs them with apt-get when missing (as root). Safe to run again: every step checks first.
# Used by ./run.sh, ./test.sh and bench/run.sh.
#
# The broker users are those of scripts/rabbitmq/definitions.template.json (the Api, the Worker and outside publishers,
# each with only its own permissions), on the vhost "/". The node listens on every interface and only guest is limited
# to loopback, so their passwords are not fixed ones: they are made once per machine and kept in $BROKER_USERS_FILE,
# readable by the machine's users (as guest/guest is) and by ./run.sh, never by anyone off the machine. guest stays the
# local administrator: the template's administrator user is for compose and other brokers.

set -euo pipefail

PG_ROLE="${PG_ROLE:-app}"
PG_PASSWORD="${PG_PASSWORD:-app}"
PG_DATABASE="${PG_DATABASE:-hubspotcrm}"
RABBITMQ_API_USER="${RABBITMQ_API_USER:-hubspot-api}"
RABBITMQ_WORKER_USER="${RABBITMQ_WORKER_USER:-hubspot-worker}"
RABBITMQ_PUBLISHER_USER="${RABBITMQ_PUBLISHER_USER:-hubspot-publisher}"
BROKER_USERS_FILE="${BROKER_USERS_FILE:-/var/lib/hubspot-crm/rabbitmq-users.env}"
DEFINITIONS_TEMPLATE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rabbitmq/definitions.template.json"
MAX_MESSAGE_SIZE_CONF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rabbitmq/max-message-size.conf"

log() { printf '[servers] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

rabbitmq_running() { rabbitmq-diagnostics -q check_running >/dev/null 2>&1; }

ensure_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    log "installing rabbitmq-server"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq rabbitmq-server >/dev/null
  fi
  # The management UI shows queues; the shovel plugins power its "Move messages" (redrive from _error queues).
  as_root rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
  if ! as_root rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached
    for _ in $(seq 1 90); do
      as_root rabbitmqctl await_startup --timeout 60 >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  as_root rabbitmq-diagnostics -q check_running >/dev/null || { log "RabbitMQ did not start; see /var/log/rabbitmq"; return 1; }
  # A node started before the plugins were enabled offline picks them up only now.
  as_root rabbitmq-plugins enable rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
  for _ in $(seq 1 30); do
    curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1 && break
    sleep 1
  done
  log "RabbitMQ is running: amqp://127.0.0.1:5672, management http://127.0.0.1:15672 (guest/guest)"
}

# The broker users of the template on "/", with this machine's passwords (made on the first run). Importing them again
# sets the same passwords and permissions: nothing changes, and guest is never touched.
ensure_broker_users() {
  # A publisher's own queues are "<its user>.<anything>": named hubspot or amq it would own the service's names or amq.default.
  case "$RABBITMQ_PUBLISHER_USER" in
    hubspot|amq) log "RABBITMQ_PUBLISHER_USER may not be $RABBITMQ_PUBLISHER_USER"; return 1 ;;
  esac
  if ! as_root test -s "$BROKER_USERS_FILE"; then
    log "making passwords for the broker users in $BROKER_USERS_FILE"
    as_root mkdir -p "$(dirname "$BROKER_USERS_FILE")"
    local role
    for role in API WORKER PUBLISHER; do
      printf 'RABBITMQ_%s_PASSWORD=%s\n' "$role" "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
    done | as_root sh -c 'umask 022 && cat > "$1"' sh "$BROKER_USERS_FILE"
  fi
  local RABBITMQ_API_PASSWORD RABBITMQ_WORKER_PASSWORD RABBITMQ_PUBLISHER_PASSWORD
  # shellcheck disable=SC1090
  . "$BROKER_USERS_FILE"
  # The administrator's lines go (locally guest is the administrator), and so does the vhost: "/" is always there.
  sed -e '/@ADMIN_USER@/d' -e '/"vhosts"/d' \
      -e 's|@VHOST@|/|g' \
      -e "s|@API_USER@|$RABBITMQ_API_USER|g" -e "s|@API_PASSWORD@|$RABBITMQ_API_PASSWORD|g" \
      -e "s|@WORKER_USER@|$RABBITMQ_WORKER_USER|g" -e "s|@WORKER_PASSWORD@|$RABBITMQ_WORKER_PASSWORD|g" \
      -e "s|@PUBLISHER_USER@|$RABBITMQ_PUBLISHER_USER|g" -e "s|@PUBLISHER_PASSWORD@|$RABBITMQ_PUBLISHER_PASSWORD|g" \
      "$DEFINITIONS_TEMPLATE" | as_root rabbitmqctl -q import_definitions >/dev/null
  log "RabbitMQ users: $RABBITMQ_API_USER, $RABBITMQ_WORKER_USER, $RABBITMQ_PUBLISHER_USER (passwords in $BROKER_USERS_FILE)"
}

# The broker refuses messages over 1 MiB (scripts/rabbitmq/max-message-size.conf, as compose's broker): the file goes into
# conf.d for the next start, and a running node whose value differs gets it at once (channels opened from then on use
# it), so the broker is never restarted for it.
ensure_max_message_size() {
  local conf=/etc/rabbitmq/conf.d/90-hubspot-crm-max-message-size.conf wanted current
  wanted=$(sed -n 's/^max_message_size *= *\([0-9][0-9]*\) *$/\1/p' "$MAX_MESSAGE_SIZE_CONF")
  [ -n "$wanted" ] || { log "no max_message_size in $MAX_MESSAGE_SIZE_CONF"; return 1; }
  if ! as_root cmp -s "$MAX_MESSAGE_SIZE_CONF" "$conf"; then
    as_root mkdir -p "$(dirname "$conf")"
    as_root cp "$MAX_MESSAGE_SIZE_CONF" "$conf"
  fi
  current=$(as_root rabbitmqctl -q eval 'application:get_env(rabbit, max_message_size).')
  if [ "$current" != "{ok,$wanted}" ]; then
    log "RabbitMQ max_message_size: $current -> $wanted"
    as_root rabbitmqctl -q eval "application:set_env(rabbit, max_message_size, $wanted)." >/dev/null
  fi
}

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "installing postgresql"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local cluster
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    log "no PostgreSQL cluster exists; creating one"
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    as_root pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
    log "starting PostgreSQL $cluster"
    as_root pg_ctlcluster $cluster start
  fi
  for _ in $(seq 1 30); do
    as_root runuser -u postgres -- psql -qAtc 'select 1' >/dev/null 2>&1 && break
    sleep 1
  done
  as_root runuser -u postgres -- psql -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_ROLE}') THEN
    CREATE ROLE ${PG_ROLE} LOGIN PASSWORD '${PG_PASSWORD}' CREATEDB;
  ELSE
    ALTER ROLE ${PG_ROLE} LOGIN PASSWORD '${PG_PASSWORD}' CREATEDB;
  END IF;
END \$\$;
SQL
  if ! as_root runuser -u postgres -- psql -qAtc "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'" | grep -q 1; then
    as_root runuser -u postgres -- psql -qc "CREATE DATABASE ${PG_DATABASE} OWNER ${PG_ROLE}" >/dev/null
  fi
  log "PostgreSQL is running: 127.0.0.1:5432, database ${PG_DATABASE}, role ${PG_ROLE}"
}

ensure_local_servers() {
  ensure_rabbitmq
  ensure_max_message_size
  ensure_broker_users
  ensure_postgres
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_local_servers
fi
