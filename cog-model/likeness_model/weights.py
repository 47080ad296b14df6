"""Base model weights: fetched once per machine from a configurable URL into a cache folder.

Never baked into the image (FLUX.1-dev's diffusers folder is ~34 GB, and the licence is the
operator's choice) and never fetched per request: the predictor fetches them in setup(), the trainer
on its first training in a container; both skip the download when the cache folder already holds a
complete copy from the same URL.

The fetch extracts into a staging folder that must NOT exist beforehand: pget (the downloader
cog.yaml installs) refuses an existing destination unless forced, and forcing it would extract on
top of whatever a killed fetch left there. The staging folder is therefore removed, never created,
before pget runs, and renamed into place only once the tree is complete and checked.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping
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
        # Unnamed, a model is called by its URL in logs: without the query a signed URL carries.
        name=env.get("LIKENESS_BASE_MODEL_NAME") or (committed["name"] if not overridden else redact_url(url)),
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
    dest.mkdir(parents=True)
    with requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) as resp:
        resp.raise_for_status()
        resp.raw.decode_content = True
        with tarfile.open(fileobj=resp.raw, mode="r|*") as tf:
            # The 'data' filter refuses absolute paths, '..', links out of dest and device files.
            tf.extractall(dest, filter="data")


_SIGNED_QUERY = re.compile(r"(https?://[^\s\"'?]+)\?[^\s\"']*")


def _redact_text(text: str) -> str:
    """pget logs the URL it fetches; a signed one must not reach our logs or exceptions."""
    return _SIGNED_QUERY.sub(lambda m: m.group(1) + "?…", text)


def _run_pget(pget: str, url: str, dest: Path) -> None:
    # pget downloads in parallel ranged chunks (several times faster than one stream on 34 GB) and
    # extracts the tar from memory. Its output is captured so the URL's query can be cut out of it.
    proc = subprocess.run([pget, "-x", url, str(dest)], capture_output=True, text=True)
    if proc.returncode != 0:
        tail = _redact_text((proc.stderr + proc.stdout).strip())[-2000:]
        raise RuntimeError(
            f"pget could not fetch the base weights from {redact_url(url)} (exit {proc.returncode}): {tail}"
        )


def _check_tree(root: Path) -> None:
    """pget's extractor refuses '..' names but creates symlinks and hard links as the tar says;
    a link that reaches outside the folder would let the weights tar read or plant files elsewhere."""
    inside = root.resolve()
    in_tree: dict[tuple[int, int], int] = {}
    link_counts: dict[tuple[int, int], int] = {}
    for path in root.rglob("*"):
        if path.is_symlink():
            target = path.resolve()
            if target != inside and inside not in target.parents:
                raise RuntimeError(f"the base weights tar links {path.relative_to(root)} outside its folder")
        elif path.is_file():
            st = path.stat()
            inode = (st.st_dev, st.st_ino)
            in_tree[inode] = in_tree.get(inode, 0) + 1
            link_counts[inode] = st.st_nlink
    # A file with more names than the tree holds has a name outside it: a hard link to a file elsewhere.
    if any(link_counts[inode] > count for inode, count in in_tree.items()):
        raise RuntimeError("the base weights tar hard-links a file outside its folder")


def _fetch_into(url: str, dest: Path) -> None:
    """Extracts the tar at ``url`` into ``dest``, which must not exist yet."""
    pget = shutil.which("pget")
    if pget:
        _run_pget(pget, url, dest)
    else:
        _extract_stream(url, dest)
    _check_tree(dest)


def ensure_base_weights(
    config: BaseModelConfig, cache_dir: Path, find_dir: Callable[[Path], Path] = find_pipeline_dir
) -> Path:
    """Path of the diffusers pipeline folder (or, with ``find_dir``, another model folder such as the
    safety classifier's), downloading it first if this machine has no copy."""
    local = _local_path(config.url)
    if local is not None:
        return find_dir(local)
    cache_dir.mkdir(parents=True, exist_ok=True)
    slot = cache_dir / hashlib.sha256(config.url.encode()).hexdigest()[:16]
    with open(cache_dir / f"{slot.name}.lock", "w") as lock:
        # The trainer and the predictor may share a machine (local runs): one download at a time.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (slot / MARKER).is_file():
            return find_dir(slot)
        staging = cache_dir / f"{slot.name}.partial"
        # Whatever a killed fetch left behind goes; the fetch itself creates the staging folder.
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(slot, ignore_errors=True)
        started = time.monotonic()
        print(f"Fetching weights of {config.name} from {redact_url(config.url)} …", flush=True)
        try:
            _fetch_into(config.url, staging)
            find_dir(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        (staging / MARKER).write_text(
            json.dumps(
                {"url": redact_url(config.url), "name": config.name, "fetched_s": time.monotonic() - started}
            )
        )
        os.replace(staging, slot)
        print(f"Weights of {config.name} ready in {time.monotonic() - started:.0f} s", flush=True)
        return find_dir(slot)
