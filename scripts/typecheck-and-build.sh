#!/usr/bin/env bash
# CI's typecheck and web build side by side: tsc waits on one core for most of its minute while vite
# builds on the other, so the two together take about as long as the typecheck alone.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck &
tsc=$!
npm run --silent build:web
wait "$tsc"
