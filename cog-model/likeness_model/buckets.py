"""Resolution buckets for training: which shape each photo trains at, and batches of one shape.

A photo is not forced into a square: it goes to the aspect-ratio bucket nearest its own shape, taken
from the ratios the predictor renders (core's AspectRatio), and trains at exactly the sizes the
predictor renders for that ratio (``output_size``), at a few scales of the training resolution. A
batch holds photos of one bucket only, so every tensor in a step has one shape and no photo is
padded or squashed to fit another's.

Pure Python (no torch), so the tests without torch cover it.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Hashable, Sequence

from .schema import output_size

SQUARE = ("1:1",)
MIN_LONG_SIDE = 64  # 4×4 packed latent tokens; smaller scales teach nothing about a face


def ratio(aspect_ratio: str) -> float:
    w, h = (int(p) for p in aspect_ratio.split(":"))
    return w / h


def nearest_aspect_ratio(width: int, height: int, choices: Sequence[str]) -> str:
    """The choice closest to width/height on a log scale (2:1 and 1:2 are equally far from 1:1);
    ties go to the earlier choice, so list the preferred ratio (the square) first."""
    if width <= 0 or height <= 0:
        raise ValueError(f"image size must be positive (got {width}×{height})")
    target = math.log(width / height)
    return min(choices, key=lambda c: abs(math.log(ratio(c)) - target))


def crop_box(width: int, height: int, aspect_ratio: str) -> tuple[int, int, int, int]:
    """The largest box of ``aspect_ratio`` inside the frame; centred across, and where the frame is
    taller than the box, placed a third of the way down the slack, because faces sit in the upper
    part of portrait photos."""
    r = ratio(aspect_ratio)
    if width / height > r:
        box_w, box_h = max(1, round(height * r)), height
    else:
        box_w, box_h = width, max(1, round(width / r))
    left = (width - box_w) // 2
    top = (height - box_h) // 3
    return left, top, left + box_w, top + box_h


def long_sides(resolution: int, scales: Sequence[float]) -> list[int]:
    """The long sides trained at: ``resolution`` times each scale, multiples of 16 (the packed
    latent stride)."""
    sides = {max(MIN_LONG_SIDE, int(math.floor(resolution * s / 16 + 0.5)) * 16) for s in scales}
    return sorted(sides or {resolution})


def bucket_size(aspect_ratio: str, long_side: int) -> tuple[int, int]:
    """(width, height) of a bucket: what the predictor renders for this ratio and long side."""
    return output_size(aspect_ratio, long_side)


class BucketBatches:
    """Batches of example indices, each batch from one bucket.

    An epoch shuffles each bucket, cuts it into batches of ``batch_size`` (a bucket's last batch
    may be smaller: repeating a photo would weight it twice), and shuffles the batches of all
    buckets together, so every photo is seen once per epoch and large buckets do not run first.
    """

    def __init__(self, keys: Sequence[Hashable], batch_size: int, rng: random.Random) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
        if not keys:
            raise ValueError("no examples to batch")
        self._members: dict[Hashable, list[int]] = defaultdict(list)
        for i, key in enumerate(keys):
            self._members[key].append(i)
        self.batch_size = batch_size
        self._rng = rng
        self._queue: list[list[int]] = []

    def _refill(self) -> None:
        batches = []
        for key in sorted(self._members, key=str):
            members = list(self._members[key])
            self._rng.shuffle(members)
            batches += [members[i : i + self.batch_size] for i in range(0, len(members), self.batch_size)]
        self._rng.shuffle(batches)
        self._queue = batches

    def next(self) -> list[int]:
        if not self._queue:
            self._refill()
        return self._queue.pop()
