#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a private, throw-away PostgreSQL cluster.
#
#   apps/server/scripts/with-postgres.sh npm test -w @nianbao/server
#
# Installs nothing: needs PostgreSQL's server binaries (Debian: apt-get install -y postgresql,
# found in /usr/lib/postgresql/<major>/bin, or PG_BIN=...). The cluster lives in a temp dir, listens
# on 127.0.0.1 only (a free port, or PG_PORT), trusts local connections, and is stopped and removed
# when the command ends, whatever its outcome. Run as root, the cluster runs as the `postgres` user
# (initdb refuses root). The command's exit status is the script's.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install -y postgresql, or set PG_BIN)" >&2
  exit 3
fi

PG_PORT="${PG_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
WORK="$(mktemp -d /tmp/nianbao-pg.XXXXXX)"
DATA="$WORK/data"
SOCK="$WORK/sock"
LOG="$WORK/postgres.log"
mkdir -p "$SOCK"

as_pg() {
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres:postgres "$WORK"
    # runuser keeps us free of sudo; cd to a directory postgres may read.
    (cd "$WORK" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

cleanup() {
  local status=$?
  if [ -f "$DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 4; }
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-h 127.0.0.1 -p $PG_PORT -k $SOCK -c fsync=off -c max_connections=200" -w start >/dev/null \
  || { cat "$LOG" >&2; exit 5; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres nianbao

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/nianbao"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($DATABASE_URL)" >&2
set +e
"$@"
status=$?
set -e
exit $status
