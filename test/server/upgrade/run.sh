#!/usr/bin/env bash
# Upgrade check: for each old commit, build its server in a clone, fill a fresh database through its
# API as users did then (every status, corrections, tokens, triage, rule config, an import, content
# today's rules refuse), stop it, and run THIS checkout's built server on the same data: login, list,
# get, history, versions, diff, validate, every export, roll-ups, open data, the public page and
# 更正 log, publish and correct, the old session cookie and API token.
#
#   test/server/upgrade/run.sh 81810d7 cdf909c fa58e7a          # SQLite
#   apps/server/scripts/with-postgres.sh test/server/upgrade/run.sh 81810d7   # PostgreSQL (DATABASE_URL)
#
# Build this checkout's server first (npx turbo run build --filter=@nianbao/server). Ports:
# UPGRADE_OLD_PORT (9871) and UPGRADE_NEW_PORT (9875); work in UPGRADE_DIR (a temp dir). Old clones
# share this checkout's node_modules by hard links; if an old lockfile needs others, run npm ci there.
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 <old commit>..." >&2; exit 2; }
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
WORK="${UPGRADE_DIR:-$(mktemp -d /tmp/nianbao-upgrade.XXXXXX)}"
OLD_PORT="${UPGRADE_OLD_PORT:-9871}"
NEW_PORT="${UPGRADE_NEW_PORT:-9875}"
wait_up() { for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "server on $1 did not start" >&2; return 1; }
for rev in "$@"; do
  dir="$WORK/$rev"
  if [ ! -d "$dir" ]; then
    git clone -q "$REPO" "$dir"
    git -C "$dir" checkout -q "$rev"
    cp -al "$REPO/node_modules" "$dir/"
    for w in packages/core packages/render packages/ingest apps/server; do
      [ -d "$dir/$w" ] && [ -d "$REPO/$w/node_modules" ] && cp -al "$REPO/$w/node_modules" "$dir/$w/"
    done
    (cd "$dir" && npx turbo run build --filter=@nianbao/server... --concurrency=1 >"$WORK/build-$rev.log" 2>&1)
  fi
  data="$WORK/data-$rev"; rm -rf "$data"; mkdir -p "$data"
  db=()
  if [ -n "${DATABASE_URL:-}" ]; then
    name="upgrade_$(echo "$rev" | tr -c 'a-zA-Z0-9\n' '_')"
    node -e "const pg=require('$REPO/node_modules/pg');const c=new pg.Client({connectionString:process.env.DATABASE_URL});c.connect().then(()=>c.query('drop database if exists $name')).then(()=>c.query('create database $name')).then(()=>c.end())"
    db=(DATABASE_URL="${DATABASE_URL%/*}/$name")
  fi
  echo "=== $rev: the old server fills its database"
  (cd "$dir" && exec env "${db[@]}" DATA_DIR="$data" PORT="$OLD_PORT" NIANBAO_DEMO_PASSWORD=demo-pass-2024 node apps/server/dist/main.js >"$WORK/old-$rev.log" 2>&1) &
  old=$!
  wait_up "$OLD_PORT"
  node "$HERE/fill-old.mjs" "http://127.0.0.1:$OLD_PORT" "$rev"
  node "$HERE/creds-old.mjs" "http://127.0.0.1:$OLD_PORT" "$WORK/creds-$rev.json"
  kill "$old"; wait "$old" || true
  echo "=== $rev → this checkout's server"
  (exec env "${db[@]}" DATA_DIR="$data" PORT="$NEW_PORT" NIANBAO_SEED=off node "$REPO/apps/server/dist/main.js" >"$WORK/new-$rev.log" 2>&1) &
  new=$!
  wait_up "$NEW_PORT"
  node "$HERE/use-creds.mjs" "http://127.0.0.1:$NEW_PORT" "$WORK/creds-$rev.json"
  node "$HERE/check-upgraded.mjs" "http://127.0.0.1:$NEW_PORT" || true
  kill "$new"; wait "$new" || true
done
echo "work: $WORK"
