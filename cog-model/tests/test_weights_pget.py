"""The base-weights fetch through pget, the downloader the Cog image uses, against a local HTTP
server serving small pipeline tars.

Each case runs twice: with the real pget at the version cog.yaml installs (scripts/test-cpu.sh builds
it from its Go module and passes its path in LIKENESS_TEST_PGET; skipped where it could not be
built) and with tests/pget_standin.py, which keeps the behaviour weights.py relies on. The other
weights tests (test_weights.py) take the Python fallback, with pget off the PATH.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from likeness_model.weights import MARKER, BaseModelConfig, ensure_base_weights

HERE = Path(__file__).resolve().parent
PIPELINE = {
    "model_index.json": b'{"_class_name": "FluxPipeline"}',
    "transformer/config.json": b"{}",
    "transformer/diffusion_pytorch_model.safetensors": os.urandom(300_000),
}


def pipeline_tar(entries: dict[str, bytes], root: str = "FLUX.1-dev", links: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in entries.items():
            info = tarfile.TarInfo(f"{root}/{name}")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(f"{root}/{name}")
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tf.addfile(info)
    return buf.getvalue()


@pytest.fixture(params=["pget", "stand-in"])
def pget(request, tmp_path, monkeypatch) -> Path:
    """A `pget` first on the PATH, as /usr/local/bin/pget is in the image."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "pget"
    if request.param == "pget":
        real = os.environ.get("LIKENESS_TEST_PGET")
        if not real:
            pytest.skip("the real pget was not built here (scripts/test-cpu.sh says why)")
        exe.symlink_to(real)
    else:
        exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{HERE / "pget_standin.py"}" "$@"\n')
        exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    # pget holds a lock on a PID file, by default /run/pget.pid; a test run may not own /run.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    return exe


def gets(server, name: str) -> int:
    return sum(1 for method, path, _ in server.log if method == "GET" and path == f"/{name}")


def test_pget_refuses_an_existing_destination(pget, tmp_path, file_server):
    """The behaviour that broke both entry points on their first start: weights.py created the
    staging folder, then asked pget to extract into it."""
    file_server.put("files.tar", pipeline_tar(PIPELINE))
    existing = tmp_path / "existing"
    existing.mkdir()
    refused = subprocess.run([str(pget), "-x", file_server.url("files.tar"), str(existing)], capture_output=True, text=True)
    assert refused.returncode != 0 and "already exists" in refused.stderr + refused.stdout
    assert list(existing.iterdir()) == []

    fresh = tmp_path / "fresh"
    ok = subprocess.run([str(pget), "-x", file_server.url("files.tar"), str(fresh)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert (fresh / "FLUX.1-dev" / "model_index.json").read_bytes() == PIPELINE["model_index.json"]


def test_first_start_fetches_and_a_second_start_uses_the_cache(pget, tmp_path, file_server):
    file_server.put("files.tar", pipeline_tar(PIPELINE))
    cfg = BaseModelConfig("FLUX.1-dev", file_server.url("files.tar", exp="1"), "test")
    first = ensure_base_weights(cfg, tmp_path / "cache")
    assert first.name == "FLUX.1-dev"
    weights = first / "transformer" / "diffusion_pytorch_model.safetensors"
    assert weights.read_bytes() == PIPELINE["transformer/diffusion_pytorch_model.safetensors"]
    assert (first.parent / MARKER).is_file()
    fetched = gets(file_server, "files.tar")
    assert fetched >= 1

    second = ensure_base_weights(cfg, tmp_path / "cache")
    assert second == first
    assert gets(file_server, "files.tar") == fetched, "the second start downloads nothing"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir() if p.is_dir()) == [first.parent.name]


def test_a_killed_fetch_leaves_nothing_that_blocks_the_next(pget, tmp_path, file_server):
    """A container killed mid-download leaves the staging folder behind, with part of the tree."""
    file_server.put("files.tar", pipeline_tar(PIPELINE))
    cfg = BaseModelConfig("FLUX.1-dev", file_server.url("files.tar"), "test")
    cache = tmp_path / "cache"
    first = ensure_base_weights(cfg, cache)
    slot = first.parent
    # Simulate the kill: back to a staging folder with a stale half-written file, no cache entry.
    staging = cache / f"{slot.name}.partial"
    slot.rename(staging)
    (staging / MARKER).unlink()
    (staging / "FLUX.1-dev" / "stale.bin").write_bytes(b"half")

    again = ensure_base_weights(cfg, cache)
    assert (again / "model_index.json").is_file()
    assert not (again / "stale.bin").exists() and not staging.exists()


@pytest.mark.parametrize(
    "body,why",
    [
        (pipeline_tar(PIPELINE)[:150_000], "a tar cut short (an interrupted upload of the weights)"),
        (b"this is not a tar. " * 1000, "bytes that are no tar at all"),
    ],
    ids=["truncated", "corrupt"],
)
def test_a_bad_download_leaves_no_cache_entry_and_the_next_start_retries(pget, tmp_path, file_server, body, why):
    file_server.put("files.tar", body)
    cfg = BaseModelConfig("FLUX.1-dev", file_server.url("files.tar", exp="secret-expiry"), "test")
    cache = tmp_path / "cache"
    with pytest.raises(RuntimeError) as err:
        ensure_base_weights(cfg, cache)
    assert "pget could not fetch" in str(err.value), why
    assert "secret-expiry" not in str(err.value) and "sig=ok" not in str(err.value), "no signed query in errors"
    assert [p for p in cache.iterdir() if p.is_dir()] == [], "no cache entry and no staging folder"

    file_server.put("files.tar", pipeline_tar(PIPELINE))
    assert (ensure_base_weights(cfg, cache) / "model_index.json").is_file()


def test_an_http_error_is_reported_without_the_signed_query(pget, tmp_path, file_server):
    cfg = BaseModelConfig("FLUX.1-dev", file_server.url("files.tar", sig="bad-signature"), "test")
    with pytest.raises(RuntimeError) as err:
        ensure_base_weights(cfg, tmp_path / "cache")
    assert "403" in str(err.value)
    assert "bad-signature" not in str(err.value)


def test_links_out_of_the_folder_are_refused(pget, tmp_path, file_server):
    """pget creates the archive's symlinks as they are; weights.py checks the tree before using it."""
    file_server.put("files.tar", pipeline_tar(PIPELINE, links={"transformer/escape": "/etc"}))
    cache = tmp_path / "cache"
    with pytest.raises(RuntimeError, match="outside its folder"):
        ensure_base_weights(BaseModelConfig("x", file_server.url("files.tar"), "t"), cache)
    assert [p for p in cache.iterdir() if p.is_dir()] == []

    file_server.put("inside.tar", pipeline_tar(PIPELINE, links={"transformer/same": "config.json"}))
    got = ensure_base_weights(BaseModelConfig("x", file_server.url("inside.tar"), "t"), cache)
    assert (got / "transformer" / "same").read_bytes() == b"{}"
