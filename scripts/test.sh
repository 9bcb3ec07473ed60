#!/usr/bin/env bash
# Installs what the tests need (once), then runs every test:
#   0. cargo fmt --check and cargo clippy -D warnings
#   1. native cargo tests (domain logic, embedded data figures, doctests)
#   2. browser tests (wasm-bindgen-test in headless Chromium)
#   3. the release build (trunk build --release, with wasm-opt)
#   4. end-to-end tests driving the built app in headless Chromium (e2e/, node --test + playwright-core)
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-serve-tools.sh
bash scripts/install-test-tools.sh
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n== %s\n' "$*"; }

step "format and lints (cargo fmt --check, cargo clippy)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings

step "native tests (cargo test)"
cargo test --locked

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
  cargo test --locked --target wasm32-unknown-unknown --tests

step "release build (trunk build --release)"
trunk build --release

step "end-to-end tests (headless Chromium on the release build)"
(cd e2e && node --test --test-concurrency=1 tests/)
