#!/usr/bin/env bash
# docker-entrypoint.sh of the postgres:15 stand-in (scripts/compose-smoke.sh): the official entrypoint's main path.
# `postgres …` (or flags only) started as root gives PGDATA and /var/run/postgresql to the postgres user and runs as
# that user (setpriv instead of gosu). On an empty PGDATA it runs initdb with POSTGRES_USER (default postgres) as the
# superuser and POSTGRES_PASSWORD as its password (required unless POSTGRES_HOST_AUTH_METHOD=trust), adds
# "host all all all <scram-sha-256 or POSTGRES_HOST_AUTH_METHOD>" to pg_hba.conf, creates POSTGRES_DB (default:
# POSTGRES_USER) and runs /docker-entrypoint-initdb.d/*.sql and *.sh on a socket-only server at PGPORT (default
# 5432). Not implemented: the *_FILE variants, POSTGRES_INITDB_WALDIR, *.sql.gz/.xz/.zst, running as an arbitrary uid.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
	exec "$@"
fi

export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
: "${POSTGRES_HOST_AUTH_METHOD:=}"

if [ "$(id -u)" = '0' ]; then
	mkdir -p "$PGDATA" /var/run/postgresql
	chmod 00700 "$PGDATA"
	chmod 03775 /var/run/postgresql
	find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
	if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != 'trust' ]; then
		echo >&2 'Error: Database is uninitialized and superuser password is not specified.'
		echo >&2 '       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser.'
		exit 1
	fi
	# shellcheck disable=SC2086
	initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") $POSTGRES_INITDB_ARGS
	auth="${POSTGRES_HOST_AUTH_METHOD:-$(postgres -C password_encryption -D "$PGDATA")}"
	printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"

	# A server on the socket only, with the command's own options (e.g. -c settings) for the set-up.
	options=''
	if [ "$#" -gt 1 ]; then options="$(printf '%q ' "${@:2}")"; fi
	export PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}"
	pg_ctl -D "$PGDATA" -o "$options -c listen_addresses='' -p ${PGPORT:-5432}" -w start
	psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
	if [ "$POSTGRES_DB" != 'postgres' ]; then
		"${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;'
	fi
	for f in /docker-entrypoint-initdb.d/*; do
		case "$f" in
			*.sh) if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
			*.sql) "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
			*) [ ! -e "$f" ] || echo "$0: ignoring $f" ;;
		esac
	done
	pg_ctl -D "$PGDATA" -m fast -w stop
	unset PGPASSWORD
	echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@"
