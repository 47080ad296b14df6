"""Fixtures for the model tests: a tiny randomly initialised FLUX pipeline built in code, served as a
tar of its diffusers folder over a local HTTP server, so train.py and predict.py fetch and load it
through their production set-up path (base-weights URL → cache → FluxPipeline.from_pretrained);
synthetic training photos; and LoRA URLs on the same kind of server. No downloads.

LIKENESS_TEST_DEVICE picks the device: "cpu" in CI (scripts/test-cpu.sh, float32, one thread),
"cuda" on a GPU machine (scripts/test-gpu.sh, bfloat16 as in production). The tests are the same.
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import FileServer, customer_photos_zip, serve_files  # noqa: E402

# These tests are the proof that the model code runs: an environment that cannot import them must
# fail, not pass with everything skipped.
import diffusers  # noqa: E402,F401
import peft  # noqa: E402,F401
import torch  # noqa: E402

DEVICE = os.environ.get("LIKENESS_TEST_DEVICE", "cuda")
if DEVICE == "cuda" and not torch.cuda.is_available():
    pytest.exit("no CUDA device (set LIKENESS_TEST_DEVICE=cpu to run on a CPU)", returncode=2)
if DEVICE == "cpu":
    # One thread: on the two shared cores of a CI machine a second OpenMP thread spin-waits for a
    # busy core and made a training step of the tiny model 10× slower (2.0 s against 0.2 s).
    torch.set_num_threads(1)
# bf16 matmuls are emulated (slow) on most CPUs; the CUDA run uses the production bf16.
DTYPE = "bfloat16" if DEVICE == "cuda" else "float32"


def folder_tar(folder: Path) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        tf.add(str(folder), arcname="tiny-flux")
    return buf.getvalue()


@pytest.fixture(scope="session")
def device() -> str:
    return DEVICE


@pytest.fixture(scope="session")
def weights_server() -> Iterator[FileServer]:
    """The base-weights CDN stand-in, alive for the whole session."""
    with serve_files() as server:
        yield server


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory) -> Path:
    from likeness_model.tiny_flux import build_tiny_pipeline

    folder = tmp_path_factory.mktemp("tiny-flux")
    build_tiny_pipeline(seed=0).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_schnell_dir(tmp_path_factory) -> Path:
    """FLUX.1-schnell's shape: no guidance embedding."""
    from likeness_model.tiny_flux import build_tiny_pipeline

    folder = tmp_path_factory.mktemp("tiny-schnell")
    build_tiny_pipeline(seed=0, guidance_embeds=False).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def base_urls(weights_server, tiny_pipeline_dir, tiny_schnell_dir, tmp_path_factory) -> dict[str, str]:
    from likeness_model.tiny_flux import build_tiny_safety_classifier

    weights_server.put("dev/files.tar", folder_tar(tiny_pipeline_dir))
    weights_server.put("schnell/files.tar", folder_tar(tiny_schnell_dir))
    for name, blocks in (("safe", False), ("blocks-all", True)):
        folder = tmp_path_factory.mktemp(f"classifier-{name}")
        build_tiny_safety_classifier(folder, blocks_everything=blocks)
        weights_server.put(f"safety-{name}/files.tar", folder_tar(folder))
    return {
        "dev": weights_server.url("dev/files.tar"),
        "schnell": weights_server.url("schnell/files.tar"),
        "safety": weights_server.url("safety-safe/files.tar"),
        "safety-blocks-all": weights_server.url("safety-blocks-all/files.tar"),
    }


def _set_env(env: dict[str, str]) -> dict[str, str | None]:
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    return old


def _restore_env(old: dict[str, str | None]) -> None:
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def tiny_env(base_urls, tmp_path_factory) -> Iterator[dict[str, str]]:
    """Environment that points train.py / predict.py at the tiny pipeline's URL and this device."""
    env = {
        "LIKENESS_BASE_MODEL_URL": base_urls["dev"],
        "LIKENESS_BASE_MODEL_NAME": "tiny-random-flux",
        "LIKENESS_BASE_MODEL_LICENCE": "test fixture",
        "LIKENESS_DEVICE": DEVICE,
        "LIKENESS_DTYPE": DTYPE,
        "LIKENESS_LORA_CACHE_DIR": str(tmp_path_factory.mktemp("lora-cache")),
        "LIKENESS_WEIGHTS_DIR": str(tmp_path_factory.mktemp("weights")),
        # The NSFW classifier is a tiny one built in code too, fetched the same way.
        "LIKENESS_SAFETY_MODEL_URL": base_urls["safety"],
    }
    old = _set_env(env)
    try:
        yield env
    finally:
        _restore_env(old)


@pytest.fixture(scope="session")
def trained(tiny_env, tmp_path_factory):
    """One full training through train.py with the production recipe defaults (all-linear LoRA,
    caption dropout, resolution buckets): test_training checks it, test_predictor serves its LoRA."""
    import json

    import train
    from training_args import train_args

    archive = customer_photos_zip(tmp_path_factory.mktemp("customer") / "photos.zip", seed=1)
    out = train.train(**train_args(archive))
    return out, json.loads(out.training_report.read_text())


@pytest.fixture
def with_env():
    """Sets environment variables for one test (on top of tiny_env) and puts them back after."""
    saved: list[dict[str, str | None]] = []

    def apply(**env: str) -> None:
        saved.append(_set_env(env))

    yield apply
    for old in reversed(saved):
        _restore_env(old)


@pytest.fixture
def customer_zip(tmp_path):
    def make(seed: int, n: int = 6) -> Path:
        return customer_photos_zip(tmp_path / f"customer-{seed}.zip", seed, n)

    return make


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    with serve_files() as server:
        yield server
