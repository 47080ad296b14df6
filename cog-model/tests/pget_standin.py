"""A stand-in for `pget -x URL DEST` (replicate/pget v0.10.2), for machines where the real binary
cannot be built: it keeps the parts of pget's behaviour that weights.py depends on, as read in
pget's source (cmd/root, pkg/cli, pkg/download, pkg/extract), not its code:

- DEST must not exist unless -f is given ("destination … already exists", exit 1): the bug this
  stand-in is here to catch, since the CPU tests used to patch pget out altogether.
- The file is fetched in ranged GETs (first `bytes=0-<chunk-1>`; the size comes from Content-Range,
  or Content-Length on a 200); an HTTP error status fails the run and the log names the full URL.
- With -x the bytes are read as a tar (optionally compressed) and extracted into DEST, created on
  the way; names leaving DEST are refused, but symlinks and hard links are created as the archive
  says, unchecked, as pget does.
- Any failure exits 1 and leaves whatever was extracted so far in DEST.

tests/test_weights_pget.py runs every case against this stand-in and, where it could be built
(scripts/test-cpu.sh), against the real pget too.
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

CHUNK = 125 * 1000 * 1000  # pget's default --chunk-size "125M"


def fail(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr)
    sys.exit(1)


def fetch(url: str) -> bytes:
    parts: list[bytes] = []
    start, size = 0, None
    while size is None or start < size:
        req = urllib.request.Request(url, headers={"Range": f"bytes={start}-{start + CHUNK - 1}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                body = resp.read()
                if size is None:
                    rng = resp.headers.get("Content-Range")
                    size = int(rng.rsplit("/", 1)[1]) if resp.status == 206 and rng else len(body)
        except urllib.error.HTTPError as e:
            fail(f"failed to download {url}: {e.code} {e.reason}")
        except (urllib.error.URLError, OSError) as e:
            fail(f"failed to download {url}: {e}")
        parts.append(body)
        start += len(body)
        if not body:
            break
    data = b"".join(parts)
    if size is not None and len(data) != size:
        fail(f"expected {size} bytes, read {len(data)}")
    return data


def extract(data: bytes, dest: Path) -> None:
    root = dest.resolve()
    links: list[tarfile.TarInfo] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tf:
            for member in tf:
                target = (dest / member.name).resolve()
                if target != root and root not in target.parents:
                    fail("archive (tar) file contains file outside of target directory")
                target.parent.mkdir(parents=True, exist_ok=True)
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                elif member.isfile():
                    src = tf.extractfile(member)
                    assert src is not None
                    target.write_bytes(src.read())
                elif member.issym() or member.islnk():
                    links.append(member)
                else:
                    fail(f"unsupported file type for {member.name}")
    except (tarfile.TarError, EOFError) as e:
        fail(f"error writing file: error extracting file: {e}")
    for member in links:
        new = dest / member.name
        if member.issym():
            os.symlink(member.linkname, new)
        else:
            os.link(dest / member.linkname, new)


def main(argv: list[str]) -> None:
    flags = {a for a in argv if a.startswith("-")}
    args = [a for a in argv if not a.startswith("-")]
    unknown = flags - {"-x", "--extract", "-f", "--force"}
    if unknown or len(args) != 2:
        fail(f"usage: pget [-x] [-f] <url> <dest> (got {' '.join(argv)})")
    url, dest = args[0], Path(args[1])
    force = bool(flags & {"-f", "--force"})
    print(f"INF Initiating url={url} dest={dest}", file=sys.stderr)
    if dest.exists() and not force:
        fail(f"destination {dest} already exists")
    data = fetch(url)
    if flags & {"-x", "--extract"}:
        extract(data, dest)
    else:
        dest.write_bytes(data)


if __name__ == "__main__":
    main(sys.argv[1:])
