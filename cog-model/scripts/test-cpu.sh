#!/usr/bin/env bash
# CPU tests of the model package, as CI runs them on a fresh machine: a virtualenv in cog-model/.venv
# with the exact pins of requirements-cpu-test.txt (no torch, no diffusers), the schema export check
# against packages/core, then pytest. Exits non-zero on the first failure.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$here/.venv"
reqs="$here/requirements-cpu-test.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$reqs" | cut -d' ' -f1)"

if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  started=$(date +%s)
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$reqs"
  echo "$want" >"$stamp"
  echo "cog-model: virtualenv ready in $(($(date +%s) - started)) s"
fi

# The committed cog-model/schema/*.json must equal a fresh export of core's zod schemas.
core_dist="$repo/packages/core/dist/index.js"
if [ ! -f "$core_dist" ]; then
  if [ -x "$repo/node_modules/.bin/tsc" ]; then
    (cd "$repo/packages/core" && "$repo/node_modules/.bin/tsc" -b)
  else
    echo "cog-model: packages/core is not built and no TypeScript compiler is installed (run pnpm install)" >&2
    exit 1
  fi
fi
node "$repo/packages/core/scripts/export-model-schema.mjs" --check

cd "$here"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider
