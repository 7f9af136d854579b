#!/usr/bin/env bash
# The whole suite as CI runs it (`npm run test:all`): install, set up the machine, build the web, typecheck
# and run every test. Fails when any step fails; the typecheck's errors are printed after the tests' report.
#
# Ordered to overlap on two cores: on a clean clone, sqlite3 compiles from source (about 75 s on one core,
# most of it one C file). Only the database tests need it, so the packages are installed without their
# build scripts first, the small ones are built at once, and sqlite3 builds in the background while the
# web is built and tsc typechecks; the tests start once it is built. tsc then no longer competes with
# the tests for a core.
set -uo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts || exit 1
npm rebuild --no-audit --no-fund esbuild msgpackr-extract >/dev/null || exit 1
sqlite_log=$(mktemp)
npm rebuild sqlite3 >"$sqlite_log" 2>&1 &
sqlite=$!
tsc_log=$(mktemp)
npm run --silent typecheck >"$tsc_log" 2>&1 &
tsc=$!
bash scripts/setup-test-env.sh || exit 1
npm run --silent build:web || exit 1
if ! wait "$sqlite"; then echo "building sqlite3 failed:"; cat "$sqlite_log"; exit 1; fi
rm -f "$sqlite_log"
npm test
tests=$?
wait "$tsc"
typecheck=$?
if [ "$typecheck" -ne 0 ]; then echo "typecheck failed:"; cat "$tsc_log"; fi
rm -f "$tsc_log"
[ "$tests" -eq 0 ] && [ "$typecheck" -eq 0 ]
