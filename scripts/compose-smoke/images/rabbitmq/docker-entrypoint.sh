#!/usr/bin/env bash
# docker-entrypoint.sh of the rabbitmq:3.13-management stand-in (scripts/compose-smoke.sh), doing what the official
# one does: a `rabbitmq*` command started as root gives /var/lib/rabbitmq to the rabbitmq user and runs as that user
# (setpriv instead of gosu); the variables the official image refuses as deprecated are refused; anything else is
# exec'd as it is. One addition: the Erlang cookie is created (as the rabbitmq user) before anything else runs, so a
# CLI started as root early (the health check) cannot create it as root's and keep the node from reading it.
# RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS / RABBITMQ_DEFAULT_VHOST need no code here: RabbitMQ
# itself (3.10 too) creates that user, an administrator with all permissions, when it starts on an empty data folder.
set -euo pipefail

cookie=/var/lib/rabbitmq/.erlang.cookie
if [ "$(id -u)" = '0' ] && [ ! -e "$cookie" ]; then
	setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
		sh -c 'umask 077 && tr -dc A-Z < /dev/urandom | head -c 20 > "$1"' sh "$cookie"
fi

if [[ "${1:-}" == rabbitmq* ]] && [ "$(id -u)" = '0' ]; then
	if [ "$1" = 'rabbitmq-server' ]; then
		find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
	fi
	exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$BASH_SOURCE" "$@"
fi

deprecatedEnvVars=(
	RABBITMQ_DEFAULT_PASS_FILE RABBITMQ_DEFAULT_USER_FILE
	RABBITMQ_MANAGEMENT_SSL_CACERTFILE RABBITMQ_MANAGEMENT_SSL_CERTFILE RABBITMQ_MANAGEMENT_SSL_DEPTH
	RABBITMQ_MANAGEMENT_SSL_FAIL_IF_NO_PEER_CERT RABBITMQ_MANAGEMENT_SSL_KEYFILE RABBITMQ_MANAGEMENT_SSL_VERIFY
	RABBITMQ_SSL_CACERTFILE RABBITMQ_SSL_CERTFILE RABBITMQ_SSL_DEPTH RABBITMQ_SSL_FAIL_IF_NO_PEER_CERT
	RABBITMQ_SSL_KEYFILE RABBITMQ_SSL_VERIFY RABBITMQ_VM_MEMORY_HIGH_WATERMARK
)
hasOldEnv=
for old in "${deprecatedEnvVars[@]}"; do
	if [ -n "${!old:-}" ]; then
		echo >&2 "error: $old is set but deprecated"
		hasOldEnv=1
	fi
done
if [ -n "$hasOldEnv" ]; then
	echo >&2 'error: deprecated environment variables detected'
	echo >&2 'Please use a configuration file instead; visit https://www.rabbitmq.com/configure.html to learn more'
	exit 1
fi

exec "$@"
