"""HTTP downloads with size limits, timeouts and messages a caller can act on."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from .errors import InputError
from .schema import is_http_url, redact_url

CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RemoteIdentity:
    """What the server says about the object behind a URL, without sending its body."""

    validator: str  # ETag, else Last-Modified, else "" when the server gives neither
    size: int | None


@dataclass(frozen=True)
class Downloaded:
    path: Path
    size: int
    sha256: str
    identity: RemoteIdentity


def _identity(resp: requests.Response) -> RemoteIdentity:
    validator = resp.headers.get("ETag") or resp.headers.get("Last-Modified") or ""
    size: int | None = None
    content_range = resp.headers.get("Content-Range", "")
    m = re.match(r"bytes \d+-\d+/(\d+)$", content_range.strip())
    if m:
        size = int(m.group(1))
    elif resp.status_code == 200 and resp.headers.get("Content-Length", "").isdigit():
        size = int(resp.headers["Content-Length"])
    return RemoteIdentity(validator=validator.strip(), size=size)


def _fail(what: str, url: str, detail: str) -> InputError:
    return InputError(f"Could not download {what} from {redact_url(url)}: {detail}")


def _get(session: requests.Session, url: str, what: str, **kwargs: object) -> requests.Response:
    if not is_http_url(url):
        raise InputError(f"{what} must be an http(s) URL (got {redact_url(url)})")
    try:
        resp = session.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S), **kwargs)  # type: ignore[arg-type]
    except requests.exceptions.Timeout:
        raise _fail(what, url, "the server did not answer in time") from None
    except requests.exceptions.RequestException as e:
        raise _fail(what, url, f"the server is unreachable ({type(e).__name__})") from None
    if resp.status_code >= 400:
        resp.close()
        hint = {
            400: " (a signed URL that has expired?)",
            403: " (a signed URL that has expired or was altered?)",
            404: " (no such file)",
        }.get(resp.status_code, "")
        raise _fail(what, url, f"HTTP {resp.status_code}{hint}")
    return resp


def probe(session: requests.Session, url: str, what: str) -> RemoteIdentity:
    """Asks for the first byte only: proves the (signed) URL is still valid and reads the object's
    validator and size, so a cached copy can be reused without downloading it again. A server that
    ignores Range answers 200; its body is then never read."""
    resp = _get(session, url, what, headers={"Range": "bytes=0-0"})
    try:
        return _identity(resp)
    finally:
        resp.close()


def download(session: requests.Session, url: str, dest: Path, *, max_bytes: int, what: str) -> Downloaded:
    """Streams ``url`` to ``dest`` (atomically: a partial download never appears under ``dest``)."""
    resp = _get(session, url, what)
    identity = _identity(resp)
    if identity.size is not None and identity.size > max_bytes:
        resp.close()
        raise _fail(what, url, f"it is {identity.size} bytes, over the {max_bytes}-byte limit")
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
    try:
        with resp, os.fdopen(fd, "wb") as out:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _fail(what, url, f"it is over the {max_bytes}-byte limit")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise _fail(what, url, "the file is empty")
        if identity.size is not None and size != identity.size:
            raise _fail(what, url, f"the transfer was cut short ({size} of {identity.size} bytes)")
        os.replace(tmp_name, dest)
    except requests.exceptions.RequestException as e:
        Path(tmp_name).unlink(missing_ok=True)
        raise _fail(what, url, f"the transfer failed ({type(e).__name__})") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return Downloaded(path=dest, size=size, sha256=digest.hexdigest(), identity=identity)
