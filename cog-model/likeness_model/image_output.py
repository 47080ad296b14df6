"""Writes generated images in the requested format and quality."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from PIL import Image

from .schema import OUTPUT_FORMATS


def save_images(
    images: Sequence[Image.Image], out_dir: Path, fmt: str, quality: int, blocked: Sequence[bool] = ()
) -> list[Path]:
    """``out-<i>.<fmt>``, or ``blocked-<i>.<fmt>`` for an image the safety check replaced."""
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"output_format must be one of {', '.join(OUTPUT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, image in enumerate(images):
        rgb = image.convert("RGB")
        stem = "blocked" if i < len(blocked) and blocked[i] else "out"
        path = out_dir / f"{stem}-{i}.{fmt}"
        if fmt == "webp":
            rgb.save(path, format="WEBP", quality=quality, method=4)
        elif fmt == "jpg":
            rgb.save(path, format="JPEG", quality=quality, optimize=True, progressive=True)
        else:
            # PNG is lossless: quality has nothing to trade, so it sets nothing.
            rgb.save(path, format="PNG", compress_level=6)
        paths.append(path)
    return paths
