"""Turns the training archive (QC's normalised crops, optional caption files) into training examples.

Each image is decoded from memory, turned upright by its EXIF orientation, converted to RGB and
cropped to a square at the training resolution. Each caption names the trigger token right before
the subject class (``a photo of ohwx woman``), which is what binds the customer's identity to the
token the prompt builder in packages/core puts in every headshot prompt.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

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
    image: Image.Image  # RGB, resolution × resolution
    caption: str
    source_size: tuple[int, int]  # after EXIF rotation, before cropping
    upscaled: bool


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
    """The largest square; centred across, and in a portrait frame placed a third of the way down
    the slack, because faces sit in the upper part of portrait photos."""
    side = min(width, height)
    left = (width - side) // 2
    top = (height - side) // 3 if height > width else (height - side) // 2
    return left, top, left + side, top + side


def load_training_image(data: bytes, resolution: int) -> tuple[Image.Image, tuple[int, int], bool]:
    """Decodes, applies EXIF orientation, crops square, resizes. Raises ValueError with a reason."""
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
    cropped = img.crop(square_crop_box(*img.size))
    upscaled = cropped.width < resolution
    if cropped.size != (resolution, resolution):
        cropped = cropped.resize((resolution, resolution), Image.Resampling.LANCZOS)
    return cropped, source_size, upscaled


def prepare_training_set(
    archive: Path,
    *,
    trigger: str,
    subject_class: str,
    resolution: int,
    autocaption: bool,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> TrainingSet:
    check_trigger(trigger)
    if subject_class not in SUBJECT_CLASSES:
        raise InputError(f"subject_class must be one of {', '.join(SUBJECT_CLASSES)}")
    if resolution % 16 != 0:
        # The VAE halves 8×, packing halves again: odd sizes would be cropped silently downstream.
        raise InputError(f"resolution must be a multiple of 16 (got {resolution})")

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
            image, source_size, upscaled = load_training_image(images[name], resolution)
        except ValueError as e:
            skipped.append((name, str(e)))
            continue
        caption = caption_for(trigger, subject_class, captions.get(posixpath.splitext(name)[0]), autocaption)
        if caption is None:
            uncaptioned.append(name)
            continue
        examples.append(TrainingExample(name, image, caption, source_size, upscaled))

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
