#!/usr/bin/env bash
# What the shipped wasm weighs (raw, gzip -9, brotli 11) and what it holds by crate (twiggy, before
# wasm-opt). Builds the release app (trunk) first. Usage: bash bench/wasm-bytes.sh [saved-twiggy.json]
# (a saved listing of another build to show beside this one).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || cargo install --locked twiggy --version 0.8.0
TRUNK_SKIP_VERSION_CHECK=true trunk build --release >/dev/null
target="${CARGO_TARGET_DIR:-target}"
node -e '
const fs = require("fs"), zlib = require("zlib");
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  const gz = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f.split("/").pop()}: ${b.length} B raw, ${gz} B gzip -9, ${br} B brotli 11`);
}' dist/*.wasm dist/*.js dist/*.css dist/l0.q.json dist/stories/umarov-tajikistan-2021.json
python3 bench/wasm_by_crate.py "$@" "$target/wasm32-unknown-unknown/release/article-map.wasm"
