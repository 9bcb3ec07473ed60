#!/usr/bin/env bash
# Installs what building and serving the app needs, from the package registries only.
# Idempotent: each step checks the installed version first, so a second run takes about a second.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
cd "$(dirname "$0")/.."

# wasm-bindgen-cli must be exactly the wasm-bindgen crate version that Cargo.toml pins.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "Cargo.toml must pin wasm-bindgen = \"=X.Y.Z\"" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# Without --locked: the registry mirror lacks one of the CLI's locked dependency versions.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt from npm binaryen: Debian's binaryen (108) cannot parse the reference-types wasm that Rust 1.95 emits.
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi
