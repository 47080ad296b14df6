"""Headshot generation on a resident FluxPipeline with per-request customer LoRAs (torch, diffusers).

Three ways to hold LoRAs, chosen at start-up (``InferenceSettings.lora_mode``):

- ``adapters`` (``PeftAdapters``, the default without compile): several customers' adapters stay
  loaded side by side; each request activates exactly one with ``set_adapters`` and leaves the
  pipeline with LoRA disabled. Every step pays the LoRA's extra matmuls.
- ``merge`` (``MergedAdapters``, the default with compile): the customer's LoRA is added into the
  base weights for the request, so a step costs what the base model's does, and the touched weights
  are restored afterwards by copying back clones taken before the first merge. Not by subtracting
  the LoRA again: in bf16, (W + ΔW) - ΔW is not W, and the error would grow with every customer.
  The copies are in place, so a compiled graph sees new values in the same tensors and is reused.
- ``hotswap`` (``HotswapAdapters``): one PEFT adapter slot, reserved at the highest expected rank
  with ``enable_lora_hotswap`` before compiling; a switch copies the new weights into the slot
  (``load_lora_weights(..., hotswap=True)``). Pays the per-step LoRA cost, padded to that rank.

With compile on, ``FluxGenerator.warm_up`` (called by predict.py's setup) runs every image size and
batch the product serves once, with dynamic shapes, so no customer's request compiles anything.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .lora_cache import AdapterBackend, AdapterCache, CachedLora

HOTSWAP_SLOT = "likeness"
LORA_MODES = ("adapters", "merge", "hotswap")
# What the product asks for: its styles' aspect ratios at core's default long side, one to four
# images a request (functions/src/generation). Every pair is warmed up; override with
# LIKENESS_WARMUP_ASPECT_RATIOS / _LONG_SIDES / _BATCHES when the product's set changes.
SERVED_ASPECT_RATIOS = ("1:1", "4:5", "3:4", "2:3", "16:9", "9:16")
SERVED_LONG_SIDES = (1024,)
SERVED_BATCHES = (1, 2, 3, 4)


def _csv(value: str | None, cast, default: tuple) -> tuple:
    return tuple(cast(v.strip()) for v in value.split(",") if v.strip()) if value else default


@dataclass(frozen=True)
class InferenceSettings:
    device: str = "cuda"
    dtype: str = "bfloat16"
    adapter_slots: int = 8
    compile: bool = False
    lora_mode: str = "adapters"
    # Where merge mode keeps its clones of the base weights: "device" restores fastest; "cpu" saves
    # the GPU memory of every LoRA-touched weight (most of the transformer for all-linear LoRAs).
    merge_clones_on: str = "device"
    compile_backend: str = "inductor"
    # Compile with symbolic sizes: one graph serves every image size (batch 1 and >1 still differ).
    compile_dynamic: bool = True
    warmup_aspect_ratios: tuple[str, ...] = SERVED_ASPECT_RATIOS
    warmup_long_sides: tuple[int, ...] = SERVED_LONG_SIDES
    warmup_batches: tuple[int, ...] = SERVED_BATCHES
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
        compile_on = e.get("LIKENESS_COMPILE", "0") == "1"
        mode = e.get("LIKENESS_LORA_MODE") or ("merge" if compile_on else "adapters")
        if mode not in LORA_MODES:
            raise ValueError(f"LIKENESS_LORA_MODE must be one of {', '.join(LORA_MODES)} (got {mode!r})")
        if compile_on and mode == "adapters":
            raise ValueError("LIKENESS_COMPILE=1 needs LIKENESS_LORA_MODE merge or hotswap")
        return cls(
            device=e.get("LIKENESS_DEVICE", "cuda"),
            dtype=e.get("LIKENESS_DTYPE", "bfloat16"),
            adapter_slots=int(e.get("LIKENESS_ADAPTER_SLOTS", "8")),
            compile=compile_on,
            lora_mode=mode,
            merge_clones_on=e.get("LIKENESS_MERGE_CLONES_ON", "device"),
            compile_backend=e.get("LIKENESS_COMPILE_BACKEND", "inductor"),
            compile_dynamic=e.get("LIKENESS_COMPILE_DYNAMIC", "1") == "1",
            warmup_aspect_ratios=_csv(e.get("LIKENESS_WARMUP_ASPECT_RATIOS"), str, SERVED_ASPECT_RATIOS),
            warmup_long_sides=_csv(e.get("LIKENESS_WARMUP_LONG_SIDES"), int, SERVED_LONG_SIDES),
            warmup_batches=_csv(e.get("LIKENESS_WARMUP_BATCHES"), int, SERVED_BATCHES),
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


@dataclass(frozen=True)
class _MergeTerm:
    module: str  # e.g. "transformer_blocks.0.attn.to_q"
    down: Any  # lora_A, (rank, in_features), on the CPU
    up: Any  # lora_B, (out_features, rank), on the CPU
    scaling: float  # alpha / rank (or / sqrt(rank) for rsLoRA)


def _pattern_value(patterns: dict[str, Any], module: str) -> Any:
    """PEFT's rank_pattern / alpha_pattern: a key matches a module name ending with it (regex)."""
    import re

    for key, value in (patterns or {}).items():
        if re.match(rf"(.*\.)?{key}$", module):
            return value
    return None


class MergedAdapters(AdapterBackend):
    """``load`` reads and checks the LoRA (kept on the CPU); ``activate`` merges it into the base
    weights; ``deactivate`` copies the base weights back from clones taken before the first merge
    touched them. Consecutive requests of one customer at one scale keep the merge in place."""

    def __init__(self, pipe: Any, clones_on: str = "device") -> None:
        self.pipe = pipe
        self.transformer = pipe.transformer
        self.clones_on = clones_on
        self.known: dict[str, list[_MergeTerm]] = {}
        self.originals: dict[str, Any] = {}  # module name → clone of its base weight
        self.current: tuple[str, float] | None = None

    def load(self, name: str, lora: CachedLora) -> None:
        import torch

        try:
            state, alphas, meta = self.pipe.lora_state_dict(
                str(lora.path), return_alphas=True, return_lora_metadata=True
            )
        except (ValueError, KeyError, RuntimeError, OSError) as e:
            raise InputError(f"lora_weights is not a FLUX LoRA this predictor can read: {e}") from None
        meta = meta or {}
        if any("lora_magnitude_vector" in k or k.endswith("lora_B.bias") for k in state):
            raise InputError("lora_weights uses DoRA or LoRA biases, which merge mode does not apply")
        modules = dict(self.transformer.named_modules())
        terms = []
        for key, down in state.items():
            if not key.endswith(".lora_A.weight"):
                continue
            module = key[: -len(".lora_A.weight")].removeprefix("transformer.")
            up = state.get(key.replace(".lora_A.", ".lora_B."))
            target = modules.get(module)
            if (
                up is None
                or not isinstance(target, torch.nn.Linear)
                or down.ndim != 2
                or up.ndim != 2
                or tuple(up.shape[1:]) != tuple(down.shape[:1])
                or (up.shape[0], down.shape[1]) != tuple(target.weight.shape)
            ):
                raise InputError(f"lora_weights does not fit this FLUX model (layer {module})")
            rank = down.shape[0]
            alpha = (
                _pattern_value(meta.get("transformer.alpha_pattern"), module)
                or (alphas or {}).get(f"transformer.{module}.alpha")
                or meta.get("transformer.lora_alpha")
                or rank
            )
            alpha = float(alpha.item() if hasattr(alpha, "item") else alpha)
            denominator = math.sqrt(rank) if meta.get("transformer.use_rslora") else rank
            terms.append(_MergeTerm(module, down.float().cpu(), up.float().cpu(), alpha / denominator))
        if not terms:
            raise InputError("lora_weights holds no LoRA layers for the FLUX transformer")
        self.known[name] = terms

    def unload(self, name: str) -> None:
        self.known.pop(name, None)

    def _restore(self) -> None:
        import torch

        modules = dict(self.transformer.named_modules())
        with torch.no_grad():
            for module, original in self.originals.items():
                modules[module].weight.copy_(original)
        self.current = None

    def activate(self, name: str, scale: float) -> None:
        import torch

        if self.current == (name, scale):
            return
        if self.current is not None:
            self._restore()
        modules = dict(self.transformer.named_modules())
        try:
            with torch.no_grad():
                for term in self.known[name]:
                    weight = modules[term.module].weight
                    if term.module not in self.originals:
                        where = "cpu" if self.clones_on == "cpu" else weight.device
                        self.originals[term.module] = weight.detach().to(where, copy=True)
                    # The product in fp32, added once, rounded once to the weight's dtype.
                    delta = (term.up.to(weight.device) @ term.down.to(weight.device)) * (term.scaling * scale)
                    weight.copy_((weight.float() + delta).to(weight.dtype))
        except BaseException:
            self._restore()
            raise
        self.current = (name, scale)

    def deactivate(self) -> None:
        if self.current is not None:
            self._restore()

    @property
    def keeps_merge_between_requests(self) -> bool:
        return True


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
        if settings.lora_mode == "hotswap":
            backend = HotswapAdapters(pipe, settings.hotswap_rank)
        elif settings.lora_mode == "merge":
            backend = MergedAdapters(pipe, settings.merge_clones_on)
        else:
            backend = PeftAdapters(pipe)
        self.adapters = AdapterCache(backend, capacity=max(settings.adapter_slots, 1))
        # A merged LoRA stays in the weights until another customer (or the base model) needs them.
        self.release_after_request = not getattr(backend, "keeps_merge_between_requests", False)
        self.warmed_up: list[tuple[int, int, int]] = []
        if settings.compile:
            import torch._dynamo

            # Static fallbacks (batch 1 vs more, a size dynamo specialises on) each count against
            # this limit; past it dynamo would silently run the block eagerly.
            torch._dynamo.config.recompile_limit = max(torch._dynamo.config.recompile_limit, 64)
            options = dict(fullgraph=True, backend=settings.compile_backend, dynamic=settings.compile_dynamic)
            if settings.compile_backend == "inductor":
                options["mode"] = settings.compile_mode
            if settings.compile_scope == "full":
                pipe.transformer.compile(**options)
            else:
                pipe.transformer.compile_repeated_blocks(**options)

    @classmethod
    def from_pretrained(cls, folder: Path, settings: InferenceSettings) -> "FluxGenerator":
        from diffusers import FluxPipeline

        pipe = FluxPipeline.from_pretrained(str(folder), dtype=torch_dtype(settings.dtype))
        pipe.to(settings.device)
        pipe.set_progress_bar_config(disable=True)
        return cls(pipe, settings)

    def served_shapes(self) -> list[tuple[int, int, int]]:
        """(width, height, batch) of every request the product makes, by the warm-up settings."""
        from .schema import output_size

        sizes = sorted(
            {output_size(a, side) for a in self.settings.warmup_aspect_ratios for side in self.settings.warmup_long_sides}
        )
        return [(w, h, b) for w, h in sizes for b in sorted(set(self.settings.warmup_batches))]

    def warm_up(self) -> float:
        """With compile on: one denoising step at every served size and batch, so every graph (and
        every dynamic-shape specialisation) is built here, in setup, not in a customer's request.
        Runs on the base weights; merge and hot-swap change weight values, not graphs."""
        import torch

        if not self.settings.compile:
            return 0.0
        if self.settings.lora_mode == "hotswap":
            # The hot-swap slot must hold a LoRA before its graph is traced; without a customer's
            # LoRA at setup the first request compiles. Merge mode has no such slot.
            print("warm-up skipped: hot-swap mode compiles on its first request", flush=True)
            return 0.0
        started = time.perf_counter()
        self.adapters.release()
        with torch.inference_mode():
            for width, height, batch in self.served_shapes():
                self.pipe(
                    prompt="warm-up",
                    width=width,
                    height=height,
                    num_inference_steps=1,
                    guidance_scale=3.5,
                    num_images_per_prompt=batch,
                    generator=torch.Generator(device=self.device).manual_seed(0),
                    max_sequence_length=self.settings.max_sequence_length,
                    output_type="latent",
                )
                self.warmed_up.append((width, height, batch))
        if self.device.type == "cuda":
            torch.cuda.synchronize()
        seconds = time.perf_counter() - started
        print(f"compiled and warmed up {len(self.warmed_up)} size/batch pairs in {seconds:.1f} s", flush=True)
        return seconds

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

        if lora is None and self.settings.lora_mode == "hotswap":
            # The hot-swap slot cannot be switched off without recompiling (see HotswapAdapters).
            raise ValueError("a hot-swap generator always runs with a customer's LoRA")
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        try:
            if lora is not None:
                use = self.adapters.use(lora, lora_scale)
                # Load, merge or hot-swap time; ~0 when the adapter was already in place.
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
        except BaseException:
            self.adapters.release()
            raise
        if self.release_after_request:
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
