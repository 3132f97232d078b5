#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on loopback for the test suite.
# `start` installs Debian's postgresql if it is missing, creates a cluster under /tmp,
# and prints `export MAJLIS_TEST_PG_URL=...` for the caller to eval. Messages go to stderr.
set -euo pipefail
PORT=${MAJLIS_TEST_PG_PORT:-55439}
DIR=${MAJLIS_TEST_PG_DIR:-/tmp/majlis-test-pg}
log() { echo "test-postgres: $*" >&2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_pg() {  # initdb refuses to run as root: use the postgres user when we are root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if ! PGBIN=$(find_bin); then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing postgresql (apt-get)"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        PGBIN=$(find_bin)
      else
        log "PostgreSQL is not installed and cannot be installed here; PostgreSQL tests will be skipped"
        exit 0
      fi
    fi
    if [ -f "$DIR/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    as_pg "$PGBIN/initdb" -D "$DIR/data" -U majlis -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U majlis -d postgres -qc "create database majlis_test" >/dev/null
    log "PostgreSQL running on 127.0.0.1:$PORT"
    echo "export MAJLIS_TEST_PG_URL=postgresql+psycopg://majlis@127.0.0.1:$PORT/majlis_test"
    ;;
  stop)
    PGBIN=$(find_bin) || exit 0
    [ -d "$DIR/data" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    ;;
esac
