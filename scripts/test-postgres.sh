#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, with pg_stat_statements preloaded, on its own port so the machine's
# cluster is left alone. Idempotent: does nothing when it already answers. Prints the URL to use.
#   scripts/test-postgres.sh start|stop|url
set -euo pipefail
PORT="${TEST_PG_PORT:-5433}"
DIR="${TEST_PG_DIR:-/tmp/cinemata-ops-test-pg}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || { echo "test-postgres: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 1; }
  echo "$found"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "${1:-start}" in
  url) echo "$URL" ;;
  start)
    BIN=$(bindir)
    if "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then echo "$URL"; exit 0; fi
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_postgres "'$BIN/initdb' -D '$DIR' -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_postgres "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -t 60 start -o \"-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$DIR' -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=20000 -c pg_stat_statements.track=all -c track_io_timing=on -c fsync=off -c max_connections=100\"" >/dev/null
    echo "$URL"
    ;;
  stop)
    BIN=$(bindir)
    [ -f "$DIR/PG_VERSION" ] && as_postgres "'$BIN/pg_ctl' -D '$DIR' -m fast stop" >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
