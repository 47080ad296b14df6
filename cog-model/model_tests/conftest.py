"""Fixtures for the GPU tests: a tiny randomly initialised FLUX pipeline built in code and saved as a
diffusers folder (so train.py and predict.py load it through their real set-up path), synthetic
training photos, and a local HTTP server for LoRA URLs. No downloads.

These need torch, diffusers, peft and transformers, and a CUDA device; set LIKENESS_TEST_DEVICE=cpu
to run them on a CPU (slow, but it exercises the same code)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import FileServer, make_zip, serve_files  # noqa: E402

# These tests are the GPU proof: a run that cannot do them must fail, not pass with everything skipped.
import diffusers  # noqa: E402,F401
import peft  # noqa: E402,F401
import torch  # noqa: E402

DEVICE = os.environ.get("LIKENESS_TEST_DEVICE", "cuda")
if DEVICE == "cuda" and not torch.cuda.is_available():
    pytest.exit("no CUDA device (set LIKENESS_TEST_DEVICE=cpu to run on a CPU)", returncode=2)


@pytest.fixture(scope="session")
def device() -> str:
    return DEVICE


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory) -> Path:
    from likeness_model.tiny_flux import build_tiny_pipeline

    folder = tmp_path_factory.mktemp("tiny-flux")
    build_tiny_pipeline(seed=0).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_env(tiny_pipeline_dir, tmp_path_factory) -> Iterator[dict[str, str]]:
    """Environment that points train.py / predict.py at the tiny pipeline and this device."""
    env = {
        "LIKENESS_BASE_MODEL_URL": str(tiny_pipeline_dir),
        "LIKENESS_BASE_MODEL_NAME": "tiny-random-flux",
        "LIKENESS_DEVICE": DEVICE,
        # bf16 matmuls are emulated (slow) on most CPUs; the CUDA run uses the production bf16.
        "LIKENESS_DTYPE": "bfloat16" if DEVICE == "cuda" else "float32",
        "LIKENESS_LORA_CACHE_DIR": str(tmp_path_factory.mktemp("lora-cache")),
        "LIKENESS_WEIGHTS_DIR": str(tmp_path_factory.mktemp("weights")),
    }
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield env
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def face(seed: int, size: int = 96) -> bytes:
    """A distinct synthetic 'face' per customer: skin tone, eye spacing and hair colour vary."""
    import io
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    img = Image.new(
        "RGB", (size, size), (rnd.randrange(40, 200), rnd.randrange(40, 200), rnd.randrange(40, 200))
    )
    d = ImageDraw.Draw(img)
    skin = (rnd.randrange(150, 240), rnd.randrange(100, 200), rnd.randrange(80, 170))
    d.ellipse((size * 0.25, size * 0.15, size * 0.75, size * 0.8), fill=skin)
    d.rectangle((size * 0.25, size * 0.1, size * 0.75, size * 0.25), fill=(rnd.randrange(0, 90),) * 3)
    gap = rnd.uniform(0.08, 0.16) * size
    for x in (size / 2 - gap, size / 2 + gap):
        d.ellipse((x - 4, size * 0.4, x + 4, size * 0.46), fill=(20, 20, 20))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=95)
    return buf.getvalue()


@pytest.fixture
def customer_zip(tmp_path):
    def make(seed: int, n: int = 6) -> Path:
        return make_zip(
            tmp_path / f"customer-{seed}.zip", {f"crops/{i}.jpg": face(seed * 100 + i % 2) for i in range(n)}
        )

    return make


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    with serve_files() as server:
        yield server
