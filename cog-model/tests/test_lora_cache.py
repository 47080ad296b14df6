"""LoRA disk cache (download once, revalidate cheaply, LRU by bytes) and loaded-adapter cache
(LRU by count, exactly one active adapter, no leftovers after a failure)."""

from __future__ import annotations

import hashlib
import io
import socket
import tarfile

import pytest

from helpers import lora_bytes
from likeness_model.errors import InputError
from likeness_model.lora_cache import AdapterCache, CachedLora, LoraDiskCache, adapter_name, cache_key

MB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        self.t += 1
        return self.t


def new_cache(tmp_path, **kw) -> LoraDiskCache:
    args = dict(max_total_bytes=100 * MB, max_file_bytes=10 * MB, clock=Clock())
    args.update(kw)
    return LoraDiskCache(tmp_path / "cache", **args)


def test_second_request_with_a_freshly_signed_url_is_a_cache_hit(tmp_path, file_server):
    file_server.put("users/u1/lora.safetensors", lora_bytes(seed=1))
    cache = new_cache(tmp_path)
    first = cache.get(file_server.url("users/u1/lora.safetensors", exp="100"))
    second = cache.get(file_server.url("users/u1/lora.safetensors", exp="200"))
    assert first.downloaded and not second.downloaded
    assert first.path == second.path and first.sha256 == second.sha256
    assert first.sha256 == hashlib.sha256(lora_bytes(seed=1)).hexdigest()
    assert first.rank == 4
    assert file_server.full_gets("users/u1/lora.safetensors") == 1
    assert file_server.log[-1][2] == "bytes=0-0", "the hit was revalidated with a one-byte range request"


def test_changed_object_is_downloaded_again(tmp_path, file_server):
    file_server.put("l.safetensors", lora_bytes(seed=1))
    cache = new_cache(tmp_path)
    a = cache.get(file_server.url("l.safetensors"))
    file_server.put("l.safetensors", lora_bytes(seed=2))
    b = cache.get(file_server.url("l.safetensors"))
    assert b.downloaded and a.sha256 != b.sha256
    assert adapter_name(a) != adapter_name(b), "new weights never reuse the old adapter's name"


def test_server_ignoring_range_still_revalidates_without_reading_the_body(tmp_path, file_server):
    file_server.put("l.safetensors", lora_bytes(seed=1))
    file_server.honour_range = False
    cache = new_cache(tmp_path)
    cache.get(file_server.url("l.safetensors"))
    assert not cache.get(file_server.url("l.safetensors")).downloaded


def test_expired_signature_fails_even_when_cached_and_hides_the_query(tmp_path, file_server):
    file_server.put("l.safetensors", lora_bytes())
    cache = new_cache(tmp_path)
    cache.get(file_server.url("l.safetensors"))
    with pytest.raises(InputError) as err:
        cache.get(file_server.url("l.safetensors", sig="expired-secret"))
    assert "HTTP 403" in str(err.value) and "expired-secret" not in str(err.value)


def test_missing_and_unreachable_urls_fail_clearly(tmp_path, file_server):
    cache = new_cache(tmp_path)
    with pytest.raises(InputError, match="HTTP 404"):
        cache.get(file_server.url("nope.safetensors"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    with pytest.raises(InputError, match="unreachable"):
        cache.get(f"http://127.0.0.1:{closed_port}/l.safetensors")
    with pytest.raises(InputError, match="http"):
        cache.get("file:///etc/passwd")
    assert cache.entries() == {}


def test_files_that_are_not_loras_are_refused_and_not_cached(tmp_path, file_server):
    from safetensors.numpy import save

    import numpy as np

    file_server.put("junk.safetensors", b"GIF89a not a safetensors file")
    file_server.put("model.safetensors", save({"model.weight": np.zeros((2, 2), dtype=np.float32)}))
    cache = new_cache(tmp_path)
    with pytest.raises(InputError, match="not a readable .safetensors"):
        cache.get(file_server.url("junk.safetensors"))
    with pytest.raises(InputError, match="no LoRA tensors"):
        cache.get(file_server.url("model.safetensors"))
    assert cache.entries() == {}
    assert [p.name for p in cache.root.iterdir()] == []


def test_lora_inside_a_tar_is_unpacked(tmp_path, file_server):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        data = lora_bytes(seed=3)
        info = tarfile.TarInfo("output/lora.safetensors")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    file_server.put("trained.tar", buf.getvalue())
    got = new_cache(tmp_path).get(file_server.url("trained.tar"))
    assert got.path.read_bytes() == lora_bytes(seed=3)
    assert got.sha256 == hashlib.sha256(lora_bytes(seed=3)).hexdigest()


def test_oversized_file_is_refused(tmp_path, file_server):
    file_server.put("big.safetensors", lora_bytes(rank=64, dim=512))
    with pytest.raises(InputError, match="over the"):
        new_cache(tmp_path, max_file_bytes=100_000).get(file_server.url("big.safetensors"))


def test_disk_budget_evicts_least_recently_used(tmp_path, file_server):
    for i in range(3):
        file_server.put(f"c{i}.safetensors", lora_bytes(seed=i, rank=8, dim=256))
    size = len(lora_bytes(seed=0, rank=8, dim=256))
    cache = new_cache(tmp_path, max_total_bytes=2 * size + 100)
    c0 = cache.get(file_server.url("c0.safetensors"))
    c1 = cache.get(file_server.url("c1.safetensors"))
    cache.get(file_server.url("c0.safetensors"))  # c0 becomes the most recently used
    c2 = cache.get(file_server.url("c2.safetensors"))
    assert set(cache.entries()) == {c0.key, c2.key}
    assert not c1.path.exists()
    assert cache.total_bytes() <= cache.max_total_bytes


def test_cache_survives_a_restart(tmp_path, file_server):
    file_server.put("l.safetensors", lora_bytes())
    new_cache(tmp_path).get(file_server.url("l.safetensors"))
    assert not new_cache(tmp_path).get(file_server.url("l.safetensors")).downloaded


def test_cache_key_ignores_the_signature_only():
    assert cache_key("https://h.test/a/b?sig=1&exp=2") == cache_key("https://H.TEST/a/b?sig=3")
    assert cache_key("https://h.test/a/b") != cache_key("https://h.test/a/c")


class PipelineAdapters:
    """A stand-in for the pipeline's adapter state that enforces what diffusers would: loading a
    name twice is an error, activating an unknown name is an error, and it records the active set
    at 'generation' time."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.loaded: dict[str, str] = {}
        self.active: set[str] = set()
        self.enabled = True
        self.loads: list[str] = []
        self.fail_on = fail_on

    def load(self, name: str, lora: CachedLora) -> None:
        assert name not in self.loaded, "loaded twice"
        self.loaded[name] = lora.sha256
        self.loads.append(name)
        if self.fail_on == lora.sha256:
            raise InputError("lora_weights does not fit this FLUX model")

    def unload(self, name: str) -> None:
        self.loaded.pop(name, None)
        self.active.discard(name)

    def activate(self, name: str, scale: float) -> None:
        assert name in self.loaded
        self.enabled = True
        self.active = {name}

    def deactivate(self) -> None:
        self.enabled = False

    def weights_in_effect(self) -> set[str]:
        return {self.loaded[n] for n in self.active} if self.enabled else set()


def lora(sha: str) -> CachedLora:
    return CachedLora(key=sha, path=None, sha256=sha * 8, size=1, rank=4, downloaded=False)  # type: ignore[arg-type]


def test_adapter_lru_loads_once_and_evicts_oldest():
    backend = PipelineAdapters()
    cache = AdapterCache(backend, capacity=2)
    assert cache.use(lora("a"), 1.0).loaded
    assert cache.use(lora("b"), 1.0).loaded
    assert not cache.use(lora("a"), 0.8).loaded
    cache.use(lora("c"), 1.0)
    assert cache.resident == [adapter_name(lora("a")), adapter_name(lora("c"))]
    assert set(backend.loaded) == set(cache.resident)
    assert backend.loads.count(adapter_name(lora("a"))) == 1


def test_exactly_one_customer_in_effect_per_request():
    backend = PipelineAdapters()
    cache = AdapterCache(backend, capacity=4)
    for who in ["a", "b", "a", "c", "b"]:
        cache.use(lora(who), 1.0)
        assert backend.weights_in_effect() == {lora(who).sha256}
        cache.release()
        assert backend.weights_in_effect() == set()


def test_failed_load_leaves_nothing_behind():
    backend = PipelineAdapters(fail_on=lora("x").sha256)
    cache = AdapterCache(backend, capacity=2)
    cache.use(lora("a"), 1.0)
    with pytest.raises(InputError):
        cache.use(lora("x"), 1.0)
    assert adapter_name(lora("x")) not in backend.loaded
    assert cache.resident == [adapter_name(lora("a"))]
    cache.release()
    assert backend.weights_in_effect() == set()


def test_reset_unloads_everything():
    backend = PipelineAdapters()
    cache = AdapterCache(backend, capacity=3)
    for who in "abc":
        cache.use(lora(who), 1.0)
    cache.reset()
    assert backend.loaded == {} and cache.resident == [] and backend.weights_in_effect() == set()
