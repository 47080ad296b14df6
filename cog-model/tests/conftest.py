"""Fixtures for the CPU tests (no torch, no network)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import FileServer, photo, serve_files  # noqa: E402


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    with serve_files() as server:
        yield server


@pytest.fixture
def training_photos() -> dict[str, bytes]:
    return {f"crops/p{i}.jpg": photo(colour=(150 + 20 * i, 100, 90)) for i in range(5)}
