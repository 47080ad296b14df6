"""Reads the regular files of an untrusted zip or tar into memory, refusing the classic attacks.

Nothing is ever written to disk under a name taken from the archive, so a zip-slip entry could do no
harm; such an entry is still refused, because an archive that contains one was not made by our
functions and should not be trained on. Sizes are enforced on the bytes actually read, not on what
the archive's headers claim, so a forged header cannot smuggle a decompression bomb past the limits.
"""

from __future__ import annotations

import posixpath
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import InputError


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 1000
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    # Photos barely compress; a member that inflates more than this is a bomb, not a JPEG.
    max_zip_ratio: float = 200.0


@dataclass(frozen=True)
class ArchiveMember:
    name: str  # normalised POSIX path inside the archive
    data: bytes


def _is_noise(name: str) -> bool:
    """macOS and Windows metadata that zips made by hand carry along."""
    parts = name.split("/")
    return (
        "__MACOSX" in parts
        or parts[-1].startswith("._")
        or parts[-1] in (".DS_Store", "Thumbs.db", "desktop.ini")
    )


def safe_member_name(raw: str) -> str:
    """The entry's normalised relative path, or InputError when it would escape the archive."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise InputError(f"archive entry {raw!r} has an absolute path; refusing the archive")
    norm = posixpath.normpath(name)
    if norm == ".." or norm.startswith("../") or "/../" in f"/{norm}/":
        raise InputError(f"archive entry {raw!r} points outside the archive; refusing the archive")
    return norm


def archive_kind(path: Path) -> str:
    """'zip' or 'tar' by content (not by file name: Cog names downloads after the URL)."""
    if zipfile.is_zipfile(path):
        return "zip"
    try:
        if tarfile.is_tarfile(path):
            return "tar"
    except (OSError, tarfile.TarError):
        pass
    raise InputError("input_images is not a zip or tar archive (or it is corrupt)")


def _read_bounded(stream: BinaryIO, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"archive entry {name!r} is larger than {limit // (1024 * 1024)} MiB")
    return data


class _Budget:
    def __init__(self, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.members = 0
        self.total = 0

    def count(self) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise InputError(f"archive has more than {self.limits.max_members} files")

    def spend(self, n: int) -> None:
        self.total += n
        if self.total > self.limits.max_total_bytes:
            raise InputError(
                f"archive unpacks to more than {self.limits.max_total_bytes // (1024 * 1024)} MiB"
            )


def _iter_zip(path: Path, limits: ArchiveLimits) -> Iterator[ArchiveMember]:
    budget = _Budget(limits)
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = safe_member_name(info.filename)
                # Symbolic links in zips are regular entries flagged in the Unix mode bits.
                if (info.external_attr >> 16) & 0o170000 == 0o120000:
                    continue
                budget.count()
                if _is_noise(name):
                    continue
                if info.file_size > limits.max_member_bytes:
                    raise InputError(
                        f"archive entry {name!r} is larger than {limits.max_member_bytes // (1024 * 1024)} MiB"
                    )
                if info.compress_size > 0 and info.file_size / info.compress_size > limits.max_zip_ratio:
                    raise InputError(
                        f"archive entry {name!r} has a suspicious compression ratio; refusing it"
                    )
                with zf.open(info) as f:
                    data = _read_bounded(f, limits.max_member_bytes, name)
                budget.spend(len(data))
                yield ArchiveMember(name, data)
    except zipfile.BadZipFile as e:
        raise InputError(f"input_images is a corrupt zip archive ({e})") from None
    # zipfile raises these for archives it cannot read rather than corrupt ones: NotImplementedError
    # for compression methods it lacks (e.g. deflate64 from Windows Explorer), EOFError for a
    # truncated entry, LargeZipFile for ZIP64 it was told not to use. Each is the customer's input.
    except (zipfile.LargeZipFile, NotImplementedError, EOFError) as e:
        raise InputError(f"input_images zip archive cannot be read ({e})") from None


def _iter_tar(path: Path, limits: ArchiveLimits) -> Iterator[ArchiveMember]:
    budget = _Budget(limits)
    try:
        # Members are read one by one into memory; no extraction API (extract/extractall) is used.
        with tarfile.open(path, mode="r:*") as tf:
            for info in tf:
                if not info.isreg():
                    # Directories, links, devices, FIFOs: nothing to train on, and links are how tar
                    # archives escape their folder.
                    continue
                name = safe_member_name(info.name)
                budget.count()
                if _is_noise(name):
                    continue
                if info.size > limits.max_member_bytes:
                    raise InputError(
                        f"archive entry {name!r} is larger than {limits.max_member_bytes // (1024 * 1024)} MiB"
                    )
                f = tf.extractfile(info)
                if f is None:
                    continue
                data = _read_bounded(f, limits.max_member_bytes, name)
                budget.spend(len(data))
                yield ArchiveMember(name, data)
    except (tarfile.TarError, EOFError, OSError, ValueError) as e:
        raise InputError(f"input_images is a corrupt tar archive ({e})") from None


DEFAULT_LIMITS = ArchiveLimits()


def iter_archive(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> Iterator[ArchiveMember]:
    """Regular files of a zip or tar (gzip/bzip2/xz tars too), in archive order."""
    kind = archive_kind(path)
    return _iter_zip(path, limits) if kind == "zip" else _iter_tar(path, limits)


def read_single_member(path: Path, suffix: str, limits: ArchiveLimits) -> bytes:
    """The one file ending in ``suffix`` inside an archive (e.g. a trainer's lora.safetensors)."""
    found = [m for m in iter_archive(path, limits) if m.name.lower().endswith(suffix)]
    if len(found) != 1:
        raise InputError(f"expected exactly one {suffix} file in the archive, found {len(found)}")
    return found[0].data
