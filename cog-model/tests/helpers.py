"""Test helpers shared by tests/ and gpu_tests/: a local HTTP file server that behaves like a
signed-URL store, and builders for photos, archives and LoRA files. No torch, no network."""

from __future__ import annotations

import hashlib
import io
import tarfile
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import numpy as np
from PIL import Image, ImageDraw
from safetensors.numpy import save as save_safetensors


@dataclass
class StoredObject:
    data: bytes
    etag: str
    content_type: str = "application/octet-stream"


@dataclass
class FileServer:
    """Serves ``objects`` at http://127.0.0.1:<port>/<path>. Like a signed-URL store, it refuses a
    request whose ``sig`` query parameter is not ``ok`` (403), honours single-range requests (206 +
    Content-Range) and sends an ETag. Every request is logged as (method, path, Range header)."""

    base: str = ""
    objects: dict[str, StoredObject] = field(default_factory=dict)
    log: list[tuple[str, str, str | None]] = field(default_factory=list)
    honour_range: bool = True

    def put(self, path: str, data: bytes) -> None:
        self.objects[path] = StoredObject(data, f'"{hashlib.md5(data).hexdigest()}"')

    def url(self, path: str, sig: str = "ok", exp: str = "1") -> str:
        return f"{self.base}/{path}?exp={exp}&sig={sig}"

    def full_gets(self, path: str) -> int:
        return sum(1 for m, p, r in self.log if m == "GET" and p == f"/{path}" and r is None)


def _handler(server: FileServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            parts = urlsplit(self.path)
            rng = self.headers.get("Range")
            server.log.append(("GET", parts.path, rng))
            if parse_qs(parts.query).get("sig") != ["ok"]:
                self.send_response(403)
                self.end_headers()
                self.wfile.write(b"SignatureDoesNotMatch")
                return
            obj = server.objects.get(parts.path.lstrip("/"))
            if obj is None:
                self.send_response(404)
                self.end_headers()
                return
            body, status, extra = obj.data, 200, {}
            if rng and server.honour_range and rng.startswith("bytes="):
                start_s, end_s = rng[len("bytes=") :].split("-")
                start, end = int(start_s), min(int(end_s), len(obj.data) - 1)
                body, status = obj.data[start : end + 1], 206
                extra["Content-Range"] = f"bytes {start}-{end}/{len(obj.data)}"
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", obj.content_type)
            self.send_header("ETag", obj.etag)
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve_files() -> Iterator[FileServer]:
    state = FileServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def photo(
    size: tuple[int, int] = (96, 128),
    colour: tuple[int, int, int] = (180, 120, 90),
    fmt: str = "JPEG",
    **save,
) -> bytes:
    """A synthetic 'selfie': a face-coloured ellipse on a backdrop."""
    img = Image.new("RGB", size, colour)
    w, h = size
    ImageDraw.Draw(img).ellipse((w // 4, h // 6, 3 * w // 4, h // 2), fill=(235, 200, 170))
    buf = io.BytesIO()
    img.save(buf, format=fmt, **save)
    return buf.getvalue()


def make_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def make_tar(path: Path, entries: dict[str, bytes], mode: str = "w") -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def lora_bytes(rank: int = 4, seed: int = 0, dim: int = 32) -> bytes:
    """A LoRA in the layout FluxPipeline.save_lora_weights writes (transformer.<module>.lora_A/B)."""
    rng = np.random.default_rng(seed)
    tensors = {}
    for module in ("transformer_blocks.0.attn.to_q", "transformer_blocks.0.attn.to_k"):
        tensors[f"transformer.{module}.lora_A.weight"] = rng.standard_normal((rank, dim)).astype(np.float32)
        tensors[f"transformer.{module}.lora_B.weight"] = rng.standard_normal((dim, rank)).astype(np.float32)
    return save_safetensors(tensors, metadata={"format": "pt"})


def face(seed: int, size: int = 96) -> bytes:
    """A distinct synthetic 'face' per customer: skin tone, eye spacing and hair colour vary."""
    import random

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


def customer_photos_zip(path: Path, seed: int, n: int = 6) -> Path:
    """One customer's training set: n photos alternating between two 'faces' of theirs."""
    return make_zip(path, {f"crops/{i}.jpg": face(seed * 100 + i % 2) for i in range(n)})
