"""Headshot generation on a resident FluxPipeline with per-request customer LoRAs (torch, diffusers).

Two ways to hold LoRAs, chosen at start-up:

- ``PeftAdapters`` (eager, default): several customers' adapters stay loaded side by side; each
  request activates exactly one with ``set_adapters`` and leaves the pipeline with LoRA disabled.
- ``HotswapAdapters`` (with ``torch.compile``): one adapter slot, reserved at the highest expected
  rank with ``enable_lora_hotswap`` before compiling; a switch copies the new weights into the slot
  (``load_lora_weights(..., hotswap=True)``) so the compiled graph is reused, not recompiled.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .lora_cache import AdapterBackend, AdapterCache, CachedLora

HOTSWAP_SLOT = "likeness"


@dataclass(frozen=True)
class InferenceSettings:
    device: str = "cuda"
    dtype: str = "bfloat16"
    adapter_slots: int = 8
    compile: bool = False
    # "blocks": regional compilation of the repeated transformer blocks (compiles each block class
    # once: tens of seconds instead of minutes of cold-start); "full": the whole transformer.
    compile_scope: str = "blocks"
    compile_mode: str = "max-autotune-no-cudagraphs"
    attention_backend: str | None = None  # diffusers backend name, e.g. "_native_cudnn", "flash"
    hotswap_rank: int = 128  # the schema's highest lora_rank
    fp8: bool = False
    max_sequence_length: int = 512

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "InferenceSettings":
        e = dict(os.environ if env is None else env)
        return cls(
            device=e.get("LIKENESS_DEVICE", "cuda"),
            dtype=e.get("LIKENESS_DTYPE", "bfloat16"),
            adapter_slots=int(e.get("LIKENESS_ADAPTER_SLOTS", "8")),
            compile=e.get("LIKENESS_COMPILE", "0") == "1",
            compile_scope=e.get("LIKENESS_COMPILE_SCOPE", "blocks"),
            compile_mode=e.get("LIKENESS_COMPILE_MODE", "max-autotune-no-cudagraphs"),
            attention_backend=e.get("LIKENESS_ATTENTION") or None,
            hotswap_rank=int(e.get("LIKENESS_HOTSWAP_RANK", "128")),
            fp8=e.get("LIKENESS_FP8", "0") == "1",
        )


def torch_dtype(name: str):
    import torch

    return {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}[name]


class PeftAdapters(AdapterBackend):
    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe

    def _names(self) -> set[str]:
        return set(self.pipe.get_list_adapters().get("transformer", []))

    def load(self, name: str, lora: CachedLora) -> None:
        import torch

        try:
            self.pipe.load_lora_weights(str(lora.path), adapter_name=name)
        except torch.OutOfMemoryError:
            raise
        except (ValueError, KeyError, RuntimeError) as e:
            # Wrong architecture (an SDXL LoRA, another base model's shapes) lands here.
            raise InputError(f"lora_weights does not fit this FLUX model: {e}") from None

    def unload(self, name: str) -> None:
        if name in self._names():
            self.pipe.delete_adapters(name)

    def activate(self, name: str, scale: float) -> None:
        self.pipe.enable_lora()
        self.pipe.set_adapters([name], adapter_weights=[scale])

    def deactivate(self) -> None:
        if self._names():
            self.pipe.disable_lora()


class HotswapAdapters(AdapterBackend):
    """One slot for a compiled transformer. ``load`` only checks the file (it is on local disk
    already); ``activate`` swaps its weights into the slot and applies the scale in place."""

    def __init__(self, pipe: Any, target_rank: int) -> None:
        self.pipe = pipe
        self.target_rank = target_rank
        self.known: dict[str, CachedLora] = {}
        self.current: tuple[str, float] | None = None
        self.slot_filled = False
        # Must precede the first load and compilation: pads the slot to target_rank and turns the
        # LoRA scalings into tensors, so later swaps change data, not graph shapes or constants.
        pipe.enable_lora_hotswap(target_rank=target_rank)

    def load(self, name: str, lora: CachedLora) -> None:
        if lora.rank > self.target_rank:
            raise InputError(
                f"lora_weights has rank {lora.rank}; this predictor reserves rank {self.target_rank} "
                "for hot-swapping (LIKENESS_HOTSWAP_RANK)"
            )
        self.known[name] = lora

    def unload(self, name: str) -> None:
        self.known.pop(name, None)

    def activate(self, name: str, scale: float) -> None:
        import torch

        if self.current == (name, scale):
            return
        lora = self.known[name]
        try:
            self.pipe.load_lora_weights(str(lora.path), adapter_name=HOTSWAP_SLOT, hotswap=self.slot_filled)
        except torch.OutOfMemoryError:
            self.current = None
            raise
        except (ValueError, KeyError, RuntimeError) as e:
            self.current = None
            raise InputError(f"lora_weights does not fit this FLUX model: {e}") from None
        self.slot_filled = True
        if scale != 1.0:
            # Scaling lora_B in place scales the adapter's whole contribution (B·A·x) without touching
            # the compiled graph; set_adapters would replace the scaling tensors and recompile.
            with torch.no_grad():
                for module in self.pipe.transformer.modules():
                    lora_b = getattr(module, "lora_B", None)
                    if lora_b is not None and HOTSWAP_SLOT in lora_b:
                        lora_b[HOTSWAP_SLOT].weight.mul_(scale)
        self.current = (name, scale)

    def deactivate(self) -> None:
        # Toggling adapters off would recompile the graph; the single slot is overwritten by the
        # next request's activate() before anything is generated, so no weights can carry over.
        return None


class FluxGenerator:
    def __init__(self, pipe: Any, settings: InferenceSettings) -> None:
        import torch

        self.pipe = pipe
        self.settings = settings
        self.device = torch.device(settings.device)
        if settings.attention_backend:
            pipe.transformer.set_attention_backend(settings.attention_backend)
        if settings.fp8:
            quantize_fp8(pipe.transformer)
        backend: AdapterBackend
        if settings.compile:
            backend = HotswapAdapters(pipe, settings.hotswap_rank)
            self.adapters = AdapterCache(backend, capacity=max(settings.adapter_slots, 1))
            if settings.compile_scope == "full":
                pipe.transformer.compile(mode=settings.compile_mode, fullgraph=True)
            else:
                pipe.transformer.compile_repeated_blocks(mode=settings.compile_mode, fullgraph=True)
        else:
            backend = PeftAdapters(pipe)
            self.adapters = AdapterCache(backend, capacity=settings.adapter_slots)

    @classmethod
    def from_pretrained(cls, folder: Path, settings: InferenceSettings) -> "FluxGenerator":
        from diffusers import FluxPipeline

        pipe = FluxPipeline.from_pretrained(str(folder), dtype=torch_dtype(settings.dtype))
        pipe.to(settings.device)
        pipe.set_progress_bar_config(disable=True)
        return cls(pipe, settings)

    def generate(
        self,
        *,
        prompt: str,
        lora: CachedLora | None,
        lora_scale: float,
        num_outputs: int,
        seed: int,
        width: int,
        height: int,
        steps: int,
        guidance: float,
    ) -> tuple[list[Any], dict[str, float]]:
        """Images (PIL) and timings. Image i uses seed + i (mod 2^32), so it does not depend on
        num_outputs."""
        import torch

        if lora is None and self.settings.compile:
            # The hot-swap slot cannot be switched off without recompiling (see HotswapAdapters).
            raise ValueError("a compiled generator always runs with a customer's LoRA")
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        try:
            if lora is not None:
                use = self.adapters.use(lora, lora_scale)
                # Load (eager) or hot-swap (compiled) time; ~0 when the adapter was already in place.
                timings["lora_s"] = time.perf_counter() - t0
                timings["lora_newly_loaded"] = float(use.loaded)
            else:
                self.adapters.release()
            generators = [
                torch.Generator(device=self.device).manual_seed((seed + i) % 2**32)
                for i in range(num_outputs)
            ]
            t1 = time.perf_counter()
            with torch.inference_mode():
                out = self.pipe(
                    prompt=prompt,
                    width=width,
                    height=height,
                    num_inference_steps=steps,
                    guidance_scale=guidance,
                    num_images_per_prompt=num_outputs,
                    generator=generators,
                    max_sequence_length=self.settings.max_sequence_length,
                    output_type="pil",
                )
            if self.device.type == "cuda":
                torch.cuda.synchronize()
            timings["generate_s"] = time.perf_counter() - t1
        finally:
            self.adapters.release()
        return list(out.images), timings


def quantize_fp8(transformer: Any) -> None:
    """Row-wise fp8 weights and dynamic fp8 activations for the transformer's linear layers
    (torchao), where the H100's fp8 tensor cores roughly double matmul throughput over bf16."""
    try:
        from torchao.quantization import Float8DynamicActivationFloat8WeightConfig, PerRow, quantize_
    except ImportError as e:
        raise RuntimeError("LIKENESS_FP8=1 needs torchao (see requirements.txt)") from e
    quantize_(transformer, Float8DynamicActivationFloat8WeightConfig(granularity=PerRow()))
