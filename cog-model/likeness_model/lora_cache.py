"""Two LRU caches in front of the shared predictor: LoRA files on local disk, and adapters loaded in
the pipeline. A warm predictor that sees the same customer again pays neither a download nor a load.

Disk cache. Our functions hand the predictor a freshly signed URL for every prediction, so URLs of
the same file differ in their query string only. Entries are therefore keyed by the URL without its
query (scheme, host, path) and, before a hit is used, revalidated with a one-byte ranged GET on the
full URL: that proves the signed URL is still valid (an expired or altered one fails the request
exactly as a download would) and returns the object's ETag / size, which must match what was
downloaded; a changed object is downloaded again. The predictor is a private model called only by
our functions, which only sign paths they own.

Adapter cache. Loaded adapters are named after the SHA-256 of the file's bytes, so the same weights
are never loaded twice and different weights never share a name. Every request activates exactly
one adapter (all others off), and a failed load unloads whatever it half-loaded: one customer's LoRA
cannot bleed into another customer's images.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Protocol
from urllib.parse import urlsplit, urlunsplit

import requests

from .errors import InputError
from .fetch import RemoteIdentity, download, probe
from .lora_file import inspect_lora
from .safe_archive import ArchiveLimits, archive_kind, read_single_member
from .schema import redact_url

WHAT = "the LoRA weights (lora_weights)"


def cache_key(url: str) -> str:
    parts = urlsplit(url)
    stable = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, "", ""))
    return hashlib.sha256(stable.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedLora:
    key: str
    path: Path
    sha256: str
    size: int
    rank: int
    downloaded: bool  # False when served from the disk cache


@dataclass
class _Meta:
    url: str  # redacted, for operators reading the cache folder
    sha256: str
    size: int
    rank: int
    validator: str
    remote_size: int | None
    last_used: float


def _same_object(meta: _Meta, now: RemoteIdentity) -> bool:
    compared = False
    if meta.validator and now.validator:
        if meta.validator != now.validator:
            return False
        compared = True
    if meta.remote_size is not None and now.size is not None:
        if meta.remote_size != now.size:
            return False
        compared = True
    # Neither an ETag/Last-Modified nor a size to compare: cannot tell, so do not trust the copy.
    return compared


class LoraDiskCache:
    def __init__(
        self,
        root: Path,
        *,
        max_total_bytes: int,
        max_file_bytes: int,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.max_total_bytes = max_total_bytes
        self.max_file_bytes = max_file_bytes
        self.session = session or requests.Session()
        self.clock = clock
        self._lock = threading.Lock()

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.root / f"{key}.safetensors", self.root / f"{key}.json"

    def _read_meta(self, key: str) -> _Meta | None:
        weights, meta_path = self._paths(key)
        try:
            meta = _Meta(**json.loads(meta_path.read_text()))
        except (OSError, ValueError, TypeError):
            return None
        if not weights.exists() or weights.stat().st_size != meta.size:
            return None
        return meta

    def _write_meta(self, key: str, meta: _Meta) -> None:
        _, meta_path = self._paths(key)
        tmp = meta_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(asdict(meta)))
        os.replace(tmp, meta_path)

    def _remove(self, key: str) -> None:
        for p in self._paths(key):
            p.unlink(missing_ok=True)

    def entries(self) -> dict[str, _Meta]:
        out = {}
        for meta_path in self.root.glob("*.json"):
            meta = self._read_meta(meta_path.stem)
            if meta is not None:
                out[meta_path.stem] = meta
        return out

    def total_bytes(self) -> int:
        return sum(m.size for m in self.entries().values())

    def _evict(self, keep: str) -> list[str]:
        """Least recently used first, until the budget holds (the entry in use is never evicted)."""
        entries = self.entries()
        total = sum(m.size for m in entries.values())
        evicted = []
        for key, meta in sorted(entries.items(), key=lambda kv: kv[1].last_used):
            if total <= self.max_total_bytes:
                break
            if key == keep:
                continue
            self._remove(key)
            total -= meta.size
            evicted.append(key)
        return evicted

    def get(self, url: str) -> CachedLora:
        key = cache_key(url)
        weights, _ = self._paths(key)
        with self._lock:
            meta = self._read_meta(key)
            if meta is not None:
                if _same_object(meta, probe(self.session, url, WHAT)):
                    meta.last_used = self.clock()
                    self._write_meta(key, meta)
                    return CachedLora(key, weights, meta.sha256, meta.size, meta.rank, downloaded=False)
                self._remove(key)
            return self._fetch(url, key, weights)

    def _fetch(self, url: str, key: str, weights: Path) -> CachedLora:
        raw = self.root / f"{key}.download"
        try:
            got = download(self.session, url, raw, max_bytes=self.max_file_bytes, what=WHAT)
            sha256 = got.sha256
            try:
                kind = archive_kind(raw)
            except InputError:
                kind = None  # not an archive: a bare .safetensors
            if kind is not None:
                # Some trainers ship the LoRA inside a tar/zip; keep only the .safetensors.
                data = read_single_member(
                    raw, ".safetensors", ArchiveLimits(max_member_bytes=self.max_file_bytes)
                )
                sha256 = hashlib.sha256(data).hexdigest()
                raw.write_bytes(data)
            info = inspect_lora(raw)
            os.replace(raw, weights)
        except BaseException:
            raw.unlink(missing_ok=True)
            raise
        meta = _Meta(
            url=redact_url(url),
            sha256=sha256,
            size=weights.stat().st_size,
            rank=info.rank,
            validator=got.identity.validator,
            remote_size=got.identity.size,
            last_used=self.clock(),
        )
        self._write_meta(key, meta)
        self._evict(keep=key)
        return CachedLora(key, weights, sha256, meta.size, info.rank, downloaded=True)


class AdapterBackend(Protocol):
    """What the adapter cache needs from a pipeline (implemented over diffusers in flux_inference)."""

    def load(self, name: str, lora: CachedLora) -> None: ...

    def unload(self, name: str) -> None: ...

    def activate(self, name: str, scale: float) -> None:
        """Make ``name`` the one active adapter, at ``scale``; every other adapter off."""

    def deactivate(self) -> None:
        """No adapter active: the pipeline behaves as the base model."""


@dataclass(frozen=True)
class AdapterUse:
    name: str
    loaded: bool  # False when the adapter was already resident


def adapter_name(lora: CachedLora) -> str:
    return f"lora_{lora.sha256[:24]}"


class AdapterCache:
    def __init__(self, backend: AdapterBackend, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("adapter cache capacity must be at least 1")
        self.backend = backend
        self.capacity = capacity
        self._resident: OrderedDict[str, CachedLora] = OrderedDict()

    @property
    def resident(self) -> list[str]:
        """Loaded adapter names, least recently used first."""
        return list(self._resident)

    def use(self, lora: CachedLora, scale: float) -> AdapterUse:
        name = adapter_name(lora)
        loaded = False
        if name in self._resident:
            self._resident.move_to_end(name)
        else:
            while len(self._resident) >= self.capacity:
                old, _ = self._resident.popitem(last=False)
                self.backend.unload(old)
            try:
                self.backend.load(name, lora)
            except BaseException:
                # A half-loaded adapter must not linger under a name a later request could reuse.
                try:
                    self.backend.unload(name)
                except Exception:
                    pass
                raise
            self._resident[name] = lora
            loaded = True
        self.backend.activate(name, scale)
        return AdapterUse(name, loaded)

    def release(self) -> None:
        """After a request: back to the base model until the next one activates its adapter."""
        self.backend.deactivate()

    def reset(self) -> None:
        """Unload everything (e.g. after a failed generation left the pipeline in doubt)."""
        while self._resident:
            name, _ = self._resident.popitem(last=False)
            try:
                self.backend.unload(name)
            except Exception:
                pass
        self.backend.deactivate()
