"""Output safety check: every generated image goes through an NSFW image classifier before it is
returned, as in Replicate's own FLUX predictor (replicate/cog-flux runs Falconsai's ViT classifier,
Apache-2.0, as its deciding stage). A blocked image is not dropped: it is replaced by a plain grey
image of the same size, written as ``blocked-<i>.<format>`` in its place, and the prediction's log
says which, so the order still gets as many files as it asked for and can tell which were blocked.

The classifier is fetched once per machine like the base weights (weights.py), from
base_model.json's ``safety_checker`` entry or LIKENESS_SAFETY_MODEL_URL (a tar of a transformers
image-classification folder, or a local folder). LIKENESS_SAFETY=off disables the check (tests that
do not need it, or an operator who checks elsewhere).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from PIL import Image

from .schema import redact_url
from .weights import CONFIG_FILE, BaseModelConfig, ensure_base_weights

# Labels of the classifier that block an image (Falconsai/nsfw_image_detection: "normal", "nsfw").
BLOCKED_LABELS = frozenset({"nsfw"})
PLACEHOLDER_RGB = (128, 128, 128)


@dataclass(frozen=True)
class SafetySettings:
    enabled: bool
    model: BaseModelConfig | None


def safety_settings(env: Mapping[str, str] = os.environ) -> SafetySettings:
    if env.get("LIKENESS_SAFETY", "on") == "off":
        return SafetySettings(False, None)
    committed = json.loads(CONFIG_FILE.read_text(encoding="utf-8"))["safety_checker"]
    url = env.get("LIKENESS_SAFETY_MODEL_URL") or committed["url"]
    overridden = bool(env.get("LIKENESS_SAFETY_MODEL_URL"))
    # As for the base model (weights.base_model_config): an unnamed override is logged by its URL
    # without the query, where a signed URL carries its credential.
    name = env.get("LIKENESS_SAFETY_MODEL_NAME") or (committed["name"] if not overridden else redact_url(url))
    licence = env.get("LIKENESS_SAFETY_MODEL_LICENCE") or (
        committed["licence"] if not overridden else "see the model card"
    )
    return SafetySettings(True, BaseModelConfig(name=name, url=url, licence=licence))


def find_classifier_dir(root: Path) -> Path:
    for candidate in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        if (candidate / "config.json").is_file():
            return candidate
    raise RuntimeError(f"no config.json in {root} or its direct subfolders: not a transformers model folder")


class SafetyChecker:
    def __init__(self, model: Any, processor: Any, device: str) -> None:
        self.model = model
        self.processor = processor
        self.device = device

    @classmethod
    def from_folder(cls, folder: Path, device: str) -> "SafetyChecker":
        from transformers import AutoModelForImageClassification, ViTImageProcessorPil

        model = AutoModelForImageClassification.from_pretrained(str(folder)).to(device).eval()
        # The checker is a ViT; transformers' default image processors need torchvision, which the
        # image does not have, so its PIL implementation reads the same preprocessor_config.json.
        processor = ViTImageProcessorPil.from_pretrained(str(folder))
        return cls(model, processor, device)

    @classmethod
    def from_settings(cls, settings: SafetySettings, cache_dir: Path, device: str) -> "SafetyChecker | None":
        if not settings.enabled or settings.model is None:
            return None
        print(f"Safety checker: {settings.model.name} — licence: {settings.model.licence}", flush=True)
        fetched = ensure_base_weights(settings.model, cache_dir, find_dir=find_classifier_dir)
        return cls.from_folder(fetched, device)

    def blocked(self, images: Sequence[Image.Image]) -> list[bool]:
        import torch

        with torch.inference_mode():
            inputs = self.processor(images=[im.convert("RGB") for im in images], return_tensors="pt")
            logits = self.model(pixel_values=inputs["pixel_values"].to(self.device, self.model.dtype)).logits
        labels = self.model.config.id2label
        return [labels[int(i)].lower() in BLOCKED_LABELS for i in logits.argmax(-1)]


def placeholder(like: Image.Image) -> Image.Image:
    return Image.new("RGB", like.size, PLACEHOLDER_RGB)
