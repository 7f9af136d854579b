#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's chromium for the browser tests
# (never a test tool's own browser download). Runs before `npm install` (it needs no node_modules).
# Idempotent; quiet when everything is there.
set -euo pipefail

# A CJK font too: without one the Chinese pages (and their screenshots) render as empty boxes.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk' || need+=(fonts-wqy-microhei)
# SQLite's headers: scripts/install.sh then links the sqlite3 package against the system SQLite instead of
# compiling the bundled copy (about 60 s less on every fresh install).
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
# Redis for the cluster tests (server/cluster), when the machine has none.
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing Debian packages for the tests: ${need[*]}…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: `npm test` runs its second pass there (vitest.config.ts) and skips it with a warning when
# it is unreachable. Start the local cluster if it is installed but stopped, and create the `test`
# database the throwaway test databases are created from.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start 2>/dev/null || true
  for _ in $(seq 1 20); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 0.5; done
fi
if command -v psql >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  psql -h 127.0.0.1 -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test' || true
fi

# Redis: the cluster tests (server/cluster) run two servers and a plan worker through it, and skip
# with a warning when it is unreachable. Start the local server if it is installed but stopped.
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
fi
