"""The trainer's and predictor's input contract, as exported from packages/core (zod) to schema/*.json.

The JSON files are the single source: Cog's ``Input(...)`` declarations in train.py / predict.py
mirror them (tests/test_schema_parity.py fails on any drift), and every request is validated against
them here as well, which enforces what Cog's declarations cannot express (an exclusive minimum, a
URL format) and gives the same wording whether a value came through Cog or a direct call.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit, urlunsplit

import jsonschema

from .errors import InputError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
TRAINER_SCHEMA_FILE = "trainer-input.json"
PREDICTOR_SCHEMA_FILE = "predictor-input.json"


@lru_cache(maxsize=None)
def load_schema(file_name: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / file_name, encoding="utf-8") as f:
        return json.load(f)


def _enum(file_name: str, prop: str) -> tuple[str, ...]:
    return tuple(load_schema(file_name)["properties"][prop]["enum"])


ASPECT_RATIOS = _enum(PREDICTOR_SCHEMA_FILE, "aspect_ratio")
OUTPUT_FORMATS = _enum(PREDICTOR_SCHEMA_FILE, "output_format")
SUBJECT_CLASSES = _enum(TRAINER_SCHEMA_FILE, "subject_class")
TRIGGER_PATTERN: str = load_schema(TRAINER_SCHEMA_FILE)["properties"]["trigger_word"]["pattern"]


def output_size(aspect_ratio: str, long_side: int) -> tuple[int, int]:
    """(width, height) for an aspect ratio at a long side, both multiples of 16 (the packed latent
    stride). Same arithmetic as core's ``outputSize``; JavaScript's Math.round rounds halves up,
    Python's round() does not, hence floor(x + 0.5)."""
    if aspect_ratio not in ASPECT_RATIOS:
        raise InputError(f"aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}, not {aspect_ratio!r}")
    w, h = (int(p) for p in aspect_ratio.split(":"))

    def round16(n: float) -> int:
        return max(16, int(math.floor(n / 16 + 0.5)) * 16)

    if w >= h:
        return round16(long_side), round16(long_side * h / w)
    return round16(long_side * w / h), round16(long_side)


def redact_url(url: str) -> str:
    """The URL without its query and fragment: signed URLs carry their credential there, and
    messages and logs must not."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    redacted = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return redacted + ("?…" if parts.query else "")


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _describe(error: jsonschema.ValidationError) -> str:
    field = ".".join(str(p) for p in error.absolute_path) or "input"
    if error.validator == "required":
        return str(error.message)
    if error.validator == "additionalProperties":
        return f"unknown input: {error.message}"
    # jsonschema echoes the offending value; a long prompt or a signed URL should not be echoed back.
    value = error.instance
    shown = value if isinstance(value, (int, float, bool)) or value is None else "the given value"
    v = error.validator_value
    rules = {
        "minimum": lambda: f"must be at least {v}",
        "maximum": lambda: f"must be at most {v}",
        "exclusiveMinimum": lambda: f"must be greater than {v}",
        "exclusiveMaximum": lambda: f"must be less than {v}",
        "enum": lambda: f"must be one of {', '.join(map(str, v))}",
        "pattern": lambda: f"must match {v}",
        "minLength": lambda: f"must be at least {v} characters long",
        "maxLength": lambda: f"must be at most {v} characters long",
        "type": lambda: f"must be of type {v}",
    }
    rule = rules[str(error.validator)]() if str(error.validator) in rules else str(error.message)
    return f"{field} {rule} (got {shown})"


def validate_input(
    file_name: str, values: Mapping[str, Any], *, local_paths: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Checks ``values`` against the exported schema and returns them with defaults filled in.

    ``local_paths`` names fields that Cog has already turned from a URL into a downloaded file (the
    trainer's ``input_images``): their URL format was checked before the download, so they are
    checked for presence only.
    """
    schema = load_schema(file_name)
    props: dict[str, Any] = schema["properties"]
    # Cog passes None for an optional input that was not sent; JSON Schema means "absent" by that.
    present = {k: v for k, v in values.items() if v is not None}
    unknown = sorted(set(present) - set(props))
    if unknown:
        raise InputError(f"unknown input(s): {', '.join(unknown)}")
    checked = {k: (str(v) if k in local_paths else v) for k, v in present.items()}
    validator = jsonschema.Draft202012Validator(
        {**schema, "properties": {k: ({} if k in local_paths else p) for k, p in props.items()}}
    )
    errors = sorted(validator.iter_errors(checked), key=lambda e: list(e.absolute_path))
    if errors:
        raise InputError("; ".join(_describe(e) for e in errors))
    # Bools are ints in Python; the schema's "integer"/"number" must not accept True.
    for name, value in checked.items():
        kind = props[name].get("type")
        if kind in ("integer", "number") and isinstance(value, bool):
            raise InputError(f"{name} must be of type {kind} (got {value})")
        if props[name].get("format") == "uri" and name not in local_paths and not is_http_url(value):
            raise InputError(f"{name} must be an http(s) URL (got {redact_url(str(value))})")
    out = {k: p["default"] for k, p in props.items() if "default" in p}
    out.update(present)
    for name in props:
        out.setdefault(name, None)
    return out


def check_trigger(trigger: str) -> None:
    if not re.fullmatch(TRIGGER_PATTERN, trigger):
        raise InputError(f"trigger_word must match {TRIGGER_PATTERN} (a rare lowercase token such as 'ohwx')")
