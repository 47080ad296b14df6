#!/usr/bin/env bash
# Downloads into cog-model/.whl the Python 3.12 wheels that the GPU test machine lacks (it has torch,
# transformers, accelerate, safetensors, pillow, numpy, requests, pyyaml, but no diffusers, Cog SDK
# or jsonschema, and no network). Versions are those of requirements.txt / requirements-cpu-test.txt,
# except torchao: the GPU machine's torch is 2.11 (CUDA 13), not the image's 2.10, so it gets the
# torchao release that was pinned for 2.11.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/.whl"
rm -rf "$dest" && mkdir -p "$dest"
platforms=(--platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_24_x86_64
  --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64)
python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  "${platforms[@]}" -d "$dest" \
  diffusers==0.42.1 peft==0.21.2 importlib_metadata==10.2.0 lazy-importer==0.1.0 \
  cog==0.23.1 coglet==0.23.1 structlog==26.1.0 \
  jsonschema==4.26.0 jsonschema-specifications==2025.9.1 referencing==0.37.0 rpds-py==2026.9.1 attrs==26.1.0 \
  torchao==0.18.0
du -sh "$dest"
