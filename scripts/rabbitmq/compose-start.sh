#!/bin/sh
# Start of docker-compose.yml's rabbitmq service (mounted read-only with the template beside it): fills in
# definitions.template.json from the environment (the administrator RABBITMQ_USER of the management UI, and the users of
# the Api, the Worker and outside publishers, each with only its own permissions), has RabbitMQ load the result at every
# start (load_definitions: the users, their passwords and permissions are set again from .env each time), limits
# messages to 1 MiB (max-message-size.conf), enables the shovel plugins behind "Move messages", and starts the server as
# the image does. With load_definitions RabbitMQ creates no default user: the administrator is the template's.
# Passwords are letters and digits only (.env.example), so they go into the template as they are.
set -eu

here=$(dirname "$0")
definitions=/etc/rabbitmq/hubspot-crm-definitions.json

for name in BROKER_ADMIN_USER BROKER_ADMIN_PASSWORD BROKER_API_USER BROKER_API_PASSWORD BROKER_WORKER_USER \
    BROKER_WORKER_PASSWORD BROKER_PUBLISHER_USER BROKER_PUBLISHER_PASSWORD; do
  eval "value=\${$name:-}"
  case "$value" in
    "") echo "compose-start.sh: $name is empty (docker-compose.yml sets it from .env)" >&2; exit 78 ;;
    *[!A-Za-z0-9_-]*) echo "compose-start.sh: $name may hold letters, digits, '-' and '_' only" >&2; exit 78 ;;
  esac
done

# A publisher's own queues are "<its user>.<anything>": named hubspot or amq it would own the service's names or amq.default.
case "$BROKER_PUBLISHER_USER" in
  hubspot|amq) echo "compose-start.sh: RABBITMQ_PUBLISHER_USER may not be $BROKER_PUBLISHER_USER" >&2; exit 78 ;;
esac

umask 077
sed -e "s|@VHOST@|/|g" \
    -e "s|@ADMIN_USER@|$BROKER_ADMIN_USER|g" -e "s|@ADMIN_PASSWORD@|$BROKER_ADMIN_PASSWORD|g" \
    -e "s|@API_USER@|$BROKER_API_USER|g" -e "s|@API_PASSWORD@|$BROKER_API_PASSWORD|g" \
    -e "s|@WORKER_USER@|$BROKER_WORKER_USER|g" -e "s|@WORKER_PASSWORD@|$BROKER_WORKER_PASSWORD|g" \
    -e "s|@PUBLISHER_USER@|$BROKER_PUBLISHER_USER|g" -e "s|@PUBLISHER_PASSWORD@|$BROKER_PUBLISHER_PASSWORD|g" \
    "$here/definitions.template.json" > "$definitions"
chown rabbitmq:rabbitmq "$definitions"
umask 022
printf 'load_definitions = %s\n' "$definitions" > /etc/rabbitmq/conf.d/90-hubspot-crm-definitions.conf
# The largest command is 1 MiB (README): the broker refuses a larger message at publish, before it is stored.
cp "$here/max-message-size.conf" /etc/rabbitmq/conf.d/90-hubspot-crm-max-message-size.conf

rabbitmq-plugins enable --offline rabbitmq_shovel rabbitmq_shovel_management
exec docker-entrypoint.sh rabbitmq-server
