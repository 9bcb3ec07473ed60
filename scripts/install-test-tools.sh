#!/usr/bin/env bash
# Installs what the tests need beyond the build tools: Debian's chromium and chromium-driver, and the npm
# packages of the end-to-end tests (pinned in e2e/package-lock.json). Idempotent and quick when present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver
fi

# Major versions must match, or the driver refuses the browser.
browser_major=$(chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
driver_major=$(chromedriver --version | grep -oE '[0-9]+' | head -1)
if [ "$browser_major" != "$driver_major" ]; then
  echo "chromium $browser_major and chromedriver $driver_major differ: run apt-get install --only-upgrade chromium chromium-driver" >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install (a copy of it marks the install).
if [ ! -d e2e/node_modules/playwright-core ] || ! cmp -s e2e/package-lock.json e2e/node_modules/.installed-from-lock; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-from-lock)
fi
