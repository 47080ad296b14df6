#!/usr/bin/env bash
# CPU tests of the model package, as CI runs them on a fresh machine. Exits non-zero on the first
# failure.
#
# 1. A virtualenv with the image's exact pins (requirements.txt: torch, diffusers, peft, …) plus the
#    test tools (requirements-cpu-test.txt), kept OUTSIDE the checkout under
#    ${XDG_CACHE_HOME:-~/.cache}/likeness/cog-venv-<hash of the pins and the Python version>: ~5 GB,
#    made once per machine and reused by every later run and checkout until a pin changes.
# 2. pget, built from its Go module at the version cog.yaml installs, cached beside it, so the
#    base-weights fetch is tested against the real binary (tests/test_weights_pget.py).
# 3. The schema export check against packages/core.
# 4. tests/ (no torch: validation, datasets, caches, the pget path), then model_tests/ on the CPU:
#    train(), Predictor.setup() + predict(), merged LoRAs, compiled warm-up, on a tiny FLUX.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/likeness"
python="${LIKENESS_TEST_PYTHON:-python3}"
mkdir -p "$cache"

key="$({ "$python" -c 'import sys; print(sys.version)'; cat "$here/requirements.txt" "$here/requirements-cpu-test.txt"; } | sha256sum | cut -c1-16)"
venv="$cache/cog-venv-$key"
(
  # Two runs on one machine (two checkouts) must not build the same virtualenv at once.
  flock 9
  if [ ! -f "$venv/.complete" ]; then
    started=$(date +%s)
    rm -rf "$venv"
    "$python" -m venv "$venv"
    # --no-cache-dir: the virtualenv is the cache; a pip cache would hold the same 5 GB again.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-cache-dir \
      -r "$here/requirements.txt" -r "$here/requirements-cpu-test.txt"
    "$venv/bin/python" -m pip check
    touch "$venv/.complete"
    echo "cog-model: virtualenv $venv ready in $(($(date +%s) - started)) s"
    # Virtualenvs of older pins are 5 GB each and nothing uses them any more.
    find "$cache" -maxdepth 1 -name 'cog-venv-*' ! -path "$venv" -exec rm -rf {} +
  fi
) 9>"$cache/cog-venv.lock"

# The real pget, at the version cog.yaml downloads into the image.
pget_version="$(sed -n 's#.*replicate/pget/releases/download/\(v[0-9][0-9.]*\)/.*#\1#p' "$here/cog.yaml")"
if [ -z "$pget_version" ]; then
  echo "cog-model: cannot read the pget version from cog.yaml" >&2
  exit 1
fi
pget_dir="$cache/pget-$pget_version"
pget_refused="$pget_dir/refused.log"
go="$(command -v go || echo /usr/local/go/bin/go)"
if [ ! -x "$pget_dir/pget" ] && [ -x "$go" ] &&
  { [ ! -f "$pget_refused" ] || [ -n "$(find "$pget_refused" -mmin +1440)" ]; }; then
  mkdir -p "$pget_dir"
  # A refusal is remembered for a day so that every run does not ask the module proxy again.
  if GOBIN="$pget_dir" GOFLAGS=-buildvcs=false "$go" install "github.com/replicate/pget@$pget_version" \
    2>"$pget_refused"; then
    rm -f "$pget_refused"
  fi
fi
if [ -x "$pget_dir/pget" ]; then
  export LIKENESS_TEST_PGET="$pget_dir/pget"
else
  echo "cog-model: pget $pget_version could not be built ($(tail -n 2 "$pget_refused" 2>/dev/null | tr '\n' ' ' || echo 'no Go toolchain')); its tests are skipped, the stand-in's still run" >&2
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
# One thread: CI machines have two cores shared with other suites, and a second OpenMP thread that
# waits for a busy core made torch 10× slower here (model_tests/conftest.py).
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests
LIKENESS_TEST_DEVICE=cpu exec "$venv/bin/python" -m pytest -q -p no:cacheprovider model_tests
