"""Checks that a downloaded file is a LoRA before it goes anywhere near the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from safetensors import SafetensorError, safe_open

from .errors import InputError


@dataclass(frozen=True)
class LoraInfo:
    tensors: int
    rank: int  # highest rank among the file's LoRA pairs (what hotswapping must reserve)
    metadata: dict[str, str]


def inspect_lora(path: Path) -> LoraInfo:
    """Reads only the safetensors header (no tensor data)."""
    try:
        with safe_open(str(path), framework="numpy") as f:
            keys = list(f.keys())
            metadata = dict(f.metadata() or {})
            ranks = [
                f.get_slice(k).get_shape()[0]
                for k in keys
                if ("lora_A" in k or "lora_down" in k) and k.endswith("weight")
            ]
    except (SafetensorError, OSError, ValueError) as e:
        raise InputError(f"lora_weights is not a readable .safetensors file ({e})") from None
    if not any("lora" in k for k in keys):
        raise InputError("lora_weights contains no LoRA tensors (no tensor name contains 'lora')")
    if not ranks:
        raise InputError("lora_weights has LoRA tensors but no down-projection (lora_A) weights")
    return LoraInfo(tensors=len(keys), rank=max(int(r) for r in ranks), metadata=metadata)
