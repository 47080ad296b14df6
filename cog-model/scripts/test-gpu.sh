#!/usr/bin/env bash
# On the GPU machine, from the repository root, with cog-model/.whl carried along
# (scripts/fetch-gpu-wheels.sh makes it):
#   bash cog-model/scripts/test-gpu.sh tests                       # model_tests/ on CUDA (~minutes)
#   bash cog-model/scripts/test-gpu.sh bench [bench_flux.py args]  # e.g. --only inference --modes eager,compile
# Installs the carried wheels into /tmp/site first. Logs and bench.json go to $OUT when it is set.
# Each device command has a 10-minute limit: run the benchmark in parts (README, "Speed plan").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-/tmp/likeness-gpu}"
what="${1:-tests}"
shift || true
mkdir -p "$out"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site "$here"/.whl/*.whl
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$out/gpu.txt"
python3 -c 'import torch, diffusers, peft, transformers; print("torch", torch.__version__, "diffusers", diffusers.__version__, "peft", peft.__version__, "transformers", transformers.__version__)' | tee -a "$out/gpu.txt"
cd "$here"
case "$what" in
  tests) python3 -m pytest -p no:cacheprovider -q -rA -s model_tests 2>&1 | tee "$out/gpu-tests.log" ;;
  bench) python3 bench/bench_flux.py --out "$out/bench.json" "$@" 2>&1 | tee "$out/bench.log" ;;
  *) echo "usage: test-gpu.sh tests | bench [args]" >&2; exit 2 ;;
esac
