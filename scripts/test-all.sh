#!/usr/bin/env bash
# The whole suite as CI runs it (`npm run test:all`): the web build first (the browser tests serve it),
# then the typecheck beside the tests. tsc spends most of its minute on one core while the suite's
# first files wait on servers and sockets, so together they take about as long as the tests alone.
# Fails when either fails; the typecheck's errors are printed after the tests' report.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent build:web || exit 1
tsc_log=$(mktemp)
npm run --silent typecheck >"$tsc_log" 2>&1 &
tsc=$!
npm test
tests=$?
wait "$tsc"
typecheck=$?
if [ "$typecheck" -ne 0 ]; then echo "typecheck failed:"; cat "$tsc_log"; fi
rm -f "$tsc_log"
[ "$tests" -eq 0 ] && [ "$typecheck" -eq 0 ]
