#!/usr/bin/env bash
# Installs what is missing (once), then serves the app with live rebuild at http://127.0.0.1:8089/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-serve-tools.sh
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
exec trunk serve "$@"
