#!/usr/bin/env bash
# The performance benchmark in one command, on a fresh machine: installs what it needs (build tools, Debian's
# chromium and the end-to-end tests' npm packages, the benchmark's npm packages), builds the release app, then
# runs bench/run.mjs, which writes bench/results.json and bench/RESULTS.md, and bench/memory.mjs (150 pan/zoom
# cycles), which appends its table to bench/RESULTS.md. Arguments go to run.mjs (see bench/README.md).
#   bash bench/run.sh
#   bash bench/run.sh --runs 5 --throttle
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-serve-tools.sh
bash scripts/install-test-tools.sh

# The peers' libraries (leaflet 1.9.4, maplibre-gl 6.20.0, ol 10.11.0) and playwright-core, exactly as
# bench/package-lock.json locks them; only when the lock changed since the last install.
if [ ! -d bench/node_modules/leaflet ] || ! cmp -s bench/package-lock.json bench/node_modules/.installed-from-lock; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-from-lock)
fi

PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true trunk build --release

node bench/run.mjs "$@"
node bench/memory.mjs 150
