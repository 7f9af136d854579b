#!/usr/bin/env bash
# `npm install` for the demo and the test suite. sqlite3 has no prebuilt binary this machine can fetch, so
# it compiles on install; compiling its bundled SQLite (one 9 MB C file) takes about 80 s on one core. When
# the system's SQLite headers are there (Debian: libsqlite3-dev, which scripts/setup-test-env.sh installs),
# sqlite3 links against the system library instead and builds in about 20 s. Without them it falls back to
# the bundled copy, so a plain machine still installs. npm_config_sqlite set by the caller wins.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${npm_config_sqlite:-}" ] && [ -f /usr/include/sqlite3.h ]; then
  export npm_config_sqlite=/usr
fi
npm install --no-audit --no-fund
