#!/bin/sh
# The services' databases and roles, made on the first start of the compose PostgreSQL (an empty
# volume) by deploy/postgres-roles.sql: the script local_run.sh runs on its embedded server and an
# operator runs on a server of their own. For a volume made before the roles, run it once by hand:
#   docker compose -f deploy/docker-compose.yml exec postgres sh /docker-entrypoint-initdb.d/10-roles.sh
# (the services' tables, made as the superuser then, become their services').
# No `set -u` and no `exit`: the image's entrypoint sources this file.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v auth_user="$AUTH_POSTGRES_USER" -v auth_password="$AUTH_POSTGRES_PASSWORD" \
  -v catalog_user="$CATALOG_POSTGRES_USER" -v catalog_password="$CATALOG_POSTGRES_PASSWORD" \
  -v recsys_user="$RECSYS_POSTGRES_USER" -v recsys_password="$RECSYS_POSTGRES_PASSWORD" \
  -v training_user="$TRAINING_POSTGRES_USER" -v training_password="$TRAINING_POSTGRES_PASSWORD" \
  -f /etc/cinema/postgres-roles.sql
