#!/bin/sh
# docker compose only: runs once, when the PostgreSQL volume is new (docker-entrypoint-initdb.d).
# Creates terugkoppel's owner and application roles and its database with deploy/postgres/roles.sql,
# the same file the operator guide runs by hand. The passwords come from the postgres service.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner=terugkoppel_owner -v owner_password="$TERUGKOPPEL_OWNER_PASSWORD" \
    -v app=terugkoppel_app -v app_password="$TERUGKOPPEL_APP_PASSWORD" \
    -v database=terugkoppel \
    -f /terugkoppel/roles.sql
