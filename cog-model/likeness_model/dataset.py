"""Turns the training archive (QC's normalised crops, optional caption files) into training examples.

Each image is decoded from memory, turned upright by its EXIF orientation, converted to RGB and
cropped to its resolution bucket: the aspect ratio of those the predictor renders nearest the
photo's own (likeness_model/buckets.py), or a square when only the square is allowed. Each caption
names the trigger token right before the subject class (``a photo of ohwx woman``), which is what binds the customer's identity to the
token the prompt builder in packages/core puts in every headshot prompt.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .buckets import SQUARE, bucket_size, crop_box, nearest_aspect_ratio
from .errors import InputError
from .safe_archive import DEFAULT_LIMITS, ArchiveLimits, iter_archive
from .schema import SUBJECT_CLASSES, check_trigger

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
CAPTION_SUFFIX = ".txt"
# Fewer photos than this cannot pin down a face; the product's own gate asks for 10 accepted ones.
MIN_TRAINING_IMAGES = 4
MAX_TRAINING_IMAGES = 200
MAX_CAPTION_CHARS = 1000
# A selfie is 12-50 MP; anything far beyond is a decompression bomb rather than a photo.
MAX_IMAGE_PIXELS = 80_000_000


@dataclass(frozen=True)
class TrainingExample:
    name: str
    image: Image.Image  # RGB, its bucket's size at the full resolution (long side = resolution)
    caption: str
    source_size: tuple[int, int]  # after EXIF rotation, before cropping
    upscaled: bool
    aspect_ratio: str = "1:1"  # its bucket


@dataclass
class TrainingSet:
    examples: list[TrainingExample]
    resolution: int
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (entry name, reason)

    def summary(self) -> dict[str, object]:
        return {
            "images": len(self.examples),
            "resolution": self.resolution,
            "upscaled": sum(1 for e in self.examples if e.upscaled),
            "aspect_ratios": dict(sorted(Counter(e.aspect_ratio for e in self.examples).items())),
            "skipped": [{"name": n, "reason": r} for n, r in self.skipped],
            "captions": sorted({e.caption for e in self.examples}),
        }

def base_caption(trigger: str, subject_class: str) -> str:
    return f"a photo of {trigger} {subject_class}"


def class_prior_caption(subject_class: str) -> str:
    """The same sentence without the trigger: what the base model already knows about the class."""
    article = "an" if subject_class[:1] in "aeiou" else "a"
    return f"a photo of {article} {subject_class}"


def caption_for(trigger: str, subject_class: str, user_caption: str | None, autocaption: bool) -> str | None:
    """The training caption of one image, or None when autocaption is off and the image has none.

    A caption from the archive is kept as written when it already names the trigger (its author
    placed it); otherwise it is appended to the template so the trigger still precedes the class.
    """
    base = base_caption(trigger, subject_class)
    text = re.sub(r"\s+", " ", user_caption or "").strip()[:MAX_CAPTION_CHARS]
    if text:
        if re.search(rf"\b{re.escape(trigger)}\b", text):
            return text
        return f"{base}, {text}"
    return base if autocaption else None


def square_crop_box(width: int, height: int) -> tuple[int, int, int, int]:
    """The largest square, placed as ``crop_box`` places any bucket's box."""
    return crop_box(width, height, "1:1")


def load_training_image(
    data: bytes, resolution: int, aspect_ratios: tuple[str, ...] = SQUARE
) -> tuple[Image.Image, tuple[int, int], bool, str]:
    """Decodes, applies EXIF orientation, crops to the nearest of ``aspect_ratios`` and resizes to
    that bucket at ``resolution``. Returns the image, its upright source size, whether it was
    enlarged, and its bucket. Raises ValueError with a reason."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            img = Image.open(io.BytesIO(data))
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise ValueError(f"image is {img.width}×{img.height}, larger than {MAX_IMAGE_PIXELS} pixels")
            img = ImageOps.exif_transpose(img)  # rotates the pixels and drops the orientation tag
            img.load()
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise ValueError(f"not a readable image ({type(e).__name__})") from None
        except (OSError, SyntaxError) as e:
            raise ValueError(f"corrupt image ({e})") from None
    if img.mode != "RGB":
        # Flatten transparency onto white rather than the black an RGBA→RGB convert gives.
        if img.mode in ("RGBA", "LA", "P"):
            img = img.convert("RGBA")
            bg = Image.new("RGB", img.size, (255, 255, 255))
            bg.paste(img, mask=img.getchannel("A"))
            img = bg
        else:
            img = img.convert("RGB")
    source_size = img.size
    aspect = nearest_aspect_ratio(*img.size, aspect_ratios)
    size = bucket_size(aspect, resolution)
    cropped = img.crop(crop_box(*img.size, aspect))
    upscaled = cropped.width < size[0]
    if cropped.size != size:
        cropped = cropped.resize(size, Image.Resampling.LANCZOS)
    return cropped, source_size, upscaled, aspect


def prepare_training_set(
    archive: Path,
    *,
    trigger: str,
    subject_class: str,
    resolution: int,
    autocaption: bool,
    aspect_ratios: tuple[str, ...] = SQUARE,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> TrainingSet:
    """``aspect_ratios``: the buckets a photo may go to (the nearest wins); the square alone crops
    every photo square, as production's QC crops already are."""
    check_trigger(trigger)
    if subject_class not in SUBJECT_CLASSES:
        raise InputError(f"subject_class must be one of {', '.join(SUBJECT_CLASSES)}")
    if resolution % 16 != 0:
        # The VAE halves 8×, packing halves again: odd sizes would be cropped silently downstream.
        raise InputError(f"resolution must be a multiple of 16 (got {resolution})")
    if not aspect_ratios:
        raise ValueError("aspect_ratios needs at least one bucket")
    for aspect in aspect_ratios:
        bucket_size(aspect, resolution)  # an unknown ratio fails here, before any image is read

    images: dict[str, bytes] = {}
    captions: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    for member in iter_archive(archive, limits):
        stem, suffix = posixpath.splitext(member.name)
        suffix = suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            images[member.name] = member.data
        elif suffix == CAPTION_SUFFIX:
            try:
                captions[stem] = member.data.decode("utf-8")
            except UnicodeDecodeError:
                skipped.append((member.name, "caption is not UTF-8 text"))
        else:
            skipped.append((member.name, "not an image or caption file"))

    if not images:
        raise InputError(
            "input_images contains no images (expected .jpg, .jpeg, .png or .webp files"
            + (f"; found {', '.join(n for n, _ in skipped[:5])}" if skipped else "")
            + ")"
        )

    examples: list[TrainingExample] = []
    uncaptioned: list[str] = []
    for name in sorted(images):
        try:
            image, source_size, upscaled, aspect = load_training_image(images[name], resolution, aspect_ratios)
        except ValueError as e:
            skipped.append((name, str(e)))
            continue
        caption = caption_for(trigger, subject_class, captions.get(posixpath.splitext(name)[0]), autocaption)
        if caption is None:
            uncaptioned.append(name)
            continue
        examples.append(TrainingExample(name, image, caption, source_size, upscaled, aspect))

    if uncaptioned:
        raise InputError(
            f"autocaption is off but {len(uncaptioned)} image(s) have no caption file "
            f"(e.g. {uncaptioned[0]}; add a .txt with the same name, or turn autocaption on)"
        )
    if len(examples) < MIN_TRAINING_IMAGES:
        reasons = "; ".join(f"{n}: {r}" for n, r in skipped[:5])
        raise InputError(
            f"input_images has {len(examples)} usable image(s); at least {MIN_TRAINING_IMAGES} are needed"
            + (f" (skipped {reasons})" if reasons else "")
        )
    if len(examples) > MAX_TRAINING_IMAGES:
        raise InputError(
            f"input_images has {len(examples)} images; at most {MAX_TRAINING_IMAGES} are accepted"
        )
    return TrainingSet(examples=examples, resolution=resolution, skipped=skipped)
