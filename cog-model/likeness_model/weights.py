"""Base model weights: fetched once per machine from a configurable URL into a cache folder.

Never baked into the image (24 GB, and the licence is the operator's choice) and never fetched per
request: the predictor fetches them in setup(), the trainer on its first training in a container;
both skip the download when the cache folder already holds a complete copy from the same URL.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

import requests

from .fetch import CONNECT_TIMEOUT_S, READ_TIMEOUT_S
from .schema import redact_url

CONFIG_FILE = Path(__file__).resolve().parent.parent / "base_model.json"
MARKER = ".likeness-complete.json"


@dataclass(frozen=True)
class BaseModelConfig:
    name: str
    url: str  # tar of a diffusers FluxPipeline folder (http/https), or a local folder
    licence: str


def base_model_config(env: Mapping[str, str] = os.environ) -> BaseModelConfig:
    """base_model.json, overridden by LIKENESS_BASE_MODEL_URL (and _NAME / _LICENCE)."""
    with open(CONFIG_FILE, encoding="utf-8") as f:
        committed = json.load(f)
    url = env.get("LIKENESS_BASE_MODEL_URL") or committed["url"]
    overridden = bool(env.get("LIKENESS_BASE_MODEL_URL"))
    return BaseModelConfig(
        name=env.get("LIKENESS_BASE_MODEL_NAME") or (committed["name"] if not overridden else url),
        url=url,
        licence=env.get("LIKENESS_BASE_MODEL_LICENCE")
        or (committed["licence"] if not overridden else "see the model card"),
    )


def default_cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get("LIKENESS_WEIGHTS_DIR", "/src/.weights-cache"))


def find_pipeline_dir(root: Path) -> Path:
    """The folder holding model_index.json (tars often wrap it in one top-level folder)."""
    for candidate in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        if (candidate / "model_index.json").is_file():
            return candidate
    raise RuntimeError(
        f"no model_index.json in {root} or its direct subfolders: not a diffusers pipeline folder"
    )


def _local_path(url: str) -> Path | None:
    if url.startswith("file://"):
        return Path(urlsplit(url).path)
    if "://" not in url:
        return Path(url)
    return None


def _extract_stream(url: str, dest: Path) -> None:
    with requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) as resp:
        resp.raise_for_status()
        resp.raw.decode_content = True
        with tarfile.open(fileobj=resp.raw, mode="r|*") as tf:
            # The 'data' filter refuses absolute paths, '..', links out of dest and device files.
            tf.extractall(dest, filter="data")


def _fetch_into(url: str, dest: Path) -> None:
    pget = shutil.which("pget")
    if pget:
        # pget downloads in parallel chunks (several times faster than one stream on 24 GB).
        subprocess.run([pget, "-x", url, str(dest)], check=True)
    else:
        _extract_stream(url, dest)


def ensure_base_weights(config: BaseModelConfig, cache_dir: Path) -> Path:
    """Path of the diffusers pipeline folder, downloading it first if this machine has no copy."""
    local = _local_path(config.url)
    if local is not None:
        return find_pipeline_dir(local)
    cache_dir.mkdir(parents=True, exist_ok=True)
    slot = cache_dir / hashlib.sha256(config.url.encode()).hexdigest()[:16]
    with open(cache_dir / f"{slot.name}.lock", "w") as lock:
        # The trainer and the predictor may share a machine (local runs): one download at a time.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (slot / MARKER).is_file():
            return find_pipeline_dir(slot)
        staging = cache_dir / f"{slot.name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(slot, ignore_errors=True)
        staging.mkdir(parents=True)
        started = time.monotonic()
        print(f"Fetching base weights {config.name} from {redact_url(config.url)} …", flush=True)
        try:
            _fetch_into(config.url, staging)
            find_pipeline_dir(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        (staging / MARKER).write_text(
            json.dumps(
                {"url": redact_url(config.url), "name": config.name, "fetched_s": time.monotonic() - started}
            )
        )
        os.replace(staging, slot)
        print(f"Base weights ready in {time.monotonic() - started:.0f} s", flush=True)
        return find_pipeline_dir(slot)
