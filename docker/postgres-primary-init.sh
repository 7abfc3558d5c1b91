#!/bin/sh
# First start of the primary (docker-entrypoint-initdb.d): a role for the standby's pg_basebackup and streaming,
# and the pg_hba line that lets it connect for replication (the image's own lines cover databases only).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
