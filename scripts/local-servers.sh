#!/usr/bin/env bash
# Starts the servers the service needs on this machine, without Docker (Debian/Ubuntu):
# RabbitMQ with the management and shovel plugins, and PostgreSQL with the role and database of .env.example.
# Installs them with apt-get when missing (as root). Safe to run again: every step checks first.
# Used by ./run.sh, ./test.sh and bench/run.sh.

set -euo pipefail

PG_ROLE="${PG_ROLE:-app}"
PG_PASSWORD="${PG_PASSWORD:-app}"
PG_DATABASE="${PG_DATABASE:-hubspotcrm}"

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
  ensure_postgres
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_local_servers
fi
