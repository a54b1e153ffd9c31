#!/usr/bin/env bash
# Sourced by .ci/run: install and start a throwaway PostgreSQL on loopback for the
# postgres-marked tests, and export ZXDESK_TEST_PG_URL for them.
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGROOT=$(mktemp -d /tmp/zxdesk-pg.XXXXXX)
PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
mkdir -p "$PGROOT/data"
chown -R postgres "$PGROOT"
su postgres -c "$PGBIN/initdb -D $PGROOT/data -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/log -w -t 30 -o '-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off' start" >/dev/null
export ZXDESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL started for tests: $ZXDESK_TEST_PG_URL"
