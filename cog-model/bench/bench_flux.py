"""Benchmark on an H100: FLUX.1-dev-shaped transformer and VAE with random weights (no downloads).

Measures, each as the median of repeats after warm-up:
  - seconds per denoising step and per 1024×1024 image at the default 28 steps (transformer steps
    + VAE decode; prompt encoding excluded: no T5/CLIP weights here), batch 1 and batch 4, with a
    rank-16 customer LoRA active, for each speed mode (eager bf16; regional torch.compile with LoRA
    hot-swap; fp8 weights+activations (torchao) with compile);
  - LoRA load from local disk, switch between resident adapters, and hot-swap into a compiled model;
  - seconds per LoRA training step at 1024 px (rank 16, with and without gradient checkpointing)
    and the implied 1000-step recipe.

    python bench/bench_flux.py --out $OUT/bench.json          # everything (~15 min with compiles)
    python bench/bench_flux.py --only inference --modes eager  # a part

Prints a Markdown table for the README and writes the raw figures as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from likeness_model.tiny_flux import (  # noqa: E402
    CLIP_POOLED_DIM,
    T5_DIM,
    T5_SEQ_LEN,
    build_full_size_transformer,
    build_full_size_vae,
)

DEVICE = torch.device("cuda")
DTYPE = torch.bfloat16
RESULTS: dict[str, Any] = {}


def timed(fn: Callable[[], Any], repeats: int, warmup: int = 1) -> tuple[float, list[float]]:
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def free() -> None:
    gc.collect()
    torch.cuda.empty_cache()


class Denoiser:
    """The predictor's per-image work without prompt encoding: FluxPipeline's denoising loop
    (transformer + Euler step on the flow-matching schedule) and the VAE decode."""

    def __init__(self, pipe: Any, batch: int, size: int = 1024) -> None:
        from diffusers import FluxPipeline

        self.pipe, self.batch, self.size = pipe, batch, size
        lat = size // 8
        self.lat = lat
        self.embeds = torch.randn(batch, T5_SEQ_LEN, T5_DIM, device=DEVICE, dtype=DTYPE)
        self.pooled = torch.randn(batch, CLIP_POOLED_DIM, device=DEVICE, dtype=DTYPE)
        self.txt_ids = torch.zeros(T5_SEQ_LEN, 3, device=DEVICE, dtype=DTYPE)
        self.img_ids = FluxPipeline._prepare_latent_image_ids(batch, lat // 2, lat // 2, DEVICE, DTYPE)
        self.guidance = torch.full((batch,), 3.5, device=DEVICE, dtype=torch.float32)
        self.x = torch.randn(batch, (lat // 2) ** 2, 64, device=DEVICE, dtype=DTYPE)

    @torch.inference_mode()
    def step(self, sigma: float = 0.5) -> Any:
        t = torch.full((self.batch,), sigma, device=DEVICE, dtype=DTYPE)
        return self.pipe.transformer(
            hidden_states=self.x,
            timestep=t,
            guidance=self.guidance,
            pooled_projections=self.pooled,
            encoder_hidden_states=self.embeds,
            txt_ids=self.txt_ids,
            img_ids=self.img_ids,
            return_dict=False,
        )[0]

    @torch.inference_mode()
    def image(self, steps: int = 28) -> Any:
        from diffusers import FluxPipeline

        sigmas = torch.linspace(1.0, 1.0 / steps, steps).tolist() + [0.0]
        x = self.x.clone()
        for i in range(steps):
            t = torch.full((self.batch,), sigmas[i], device=DEVICE, dtype=DTYPE)
            v = self.pipe.transformer(
                hidden_states=x,
                timestep=t,
                guidance=self.guidance,
                pooled_projections=self.pooled,
                encoder_hidden_states=self.embeds,
                txt_ids=self.txt_ids,
                img_ids=self.img_ids,
                return_dict=False,
            )[0]
            x = x + (sigmas[i + 1] - sigmas[i]) * v
        latents = FluxPipeline._unpack_latents(x, self.size, self.size, 8)
        vae = self.pipe.vae
        latents = latents / vae.config.scaling_factor + vae.config.shift_factor
        return vae.decode(latents.to(vae.dtype), return_dict=False)[0]


def make_pipe(transformer: Any, vae: Any) -> Any:
    from diffusers import FlowMatchEulerDiscreteScheduler, FluxPipeline

    return FluxPipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(),
        vae=vae,
        text_encoder=None,
        tokenizer=None,
        text_encoder_2=None,
        tokenizer_2=None,
        transformer=transformer,
    )


def write_random_lora(transformer: Any, folder: Path, seed: int, rank: int = 16) -> Path:
    """A customer-sized LoRA (rank 16 on every linear layer of the blocks, the trainer's default),
    saved like the trainer saves."""
    from diffusers import FluxPipeline
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    from likeness_model.flux_training import lora_target_modules

    torch.manual_seed(seed)
    name = f"tmp{seed}"
    targets = lora_target_modules(transformer, "all-linear")
    transformer.add_adapter(
        LoraConfig(r=rank, lora_alpha=rank, init_lora_weights="gaussian", target_modules=targets),
        adapter_name=name,
    )
    state = {
        k: (v * 0.01 + 0.001).to(DTYPE)
        for k, v in get_peft_model_state_dict(transformer, adapter_name=name).items()
    }
    meta = transformer.peft_config[name].to_dict()
    transformer.delete_adapters(name)
    folder.mkdir(parents=True, exist_ok=True)
    FluxPipeline.save_lora_weights(
        str(folder),
        transformer_lora_layers=state,
        weight_name=f"lora{seed}.safetensors",
        transformer_lora_adapter_metadata=meta,
    )
    return folder / f"lora{seed}.safetensors"


def bench_inference(modes: list[str], lora_dir: Path) -> None:
    for mode in modes:
        try:
            bench_inference_mode(mode, lora_dir)
        except Exception as e:  # one mode failing (e.g. fp8 kernels missing) must not hide the others
            RESULTS.setdefault("inference", {})[mode] = {"error": f"{type(e).__name__}: {e}"[:500]}
            print(mode, "failed:", e, flush=True)
        torch._dynamo.reset()
        free()


def bench_inference_mode(mode: str, lora_dir: Path) -> None:
    free()
    transformer = build_full_size_transformer(DTYPE, DEVICE)
    vae = build_full_size_vae(DTYPE, DEVICE)
    pipe = make_pipe(transformer, vae)
    lora_a = write_random_lora(transformer, lora_dir, 1)
    lora_b = write_random_lora(transformer, lora_dir, 2)
    row: dict[str, Any] = {}
    if mode.startswith("fp8"):
        from likeness_model.flux_inference import quantize_fp8

        quantize_fp8(transformer)
    if mode == "eager":
        t = time.perf_counter()
        pipe.load_lora_weights(str(lora_a), adapter_name="a")
        row["lora_load_s"] = time.perf_counter() - t
        pipe.load_lora_weights(str(lora_b), adapter_name="b")

        def switch_there_and_back() -> None:
            pipe.set_adapters(["a"], [1.0])
            pipe.set_adapters(["b"], [1.0])

        row["lora_switch_s"] = timed(switch_there_and_back, 5)[0] / 2
        pipe.set_adapters(["a"], [1.0])
    elif mode.startswith("merge"):
        # The customer's LoRA added into the weights; a switch copies the base back from clones.
        from likeness_model.flux_inference import MergedAdapters
        from likeness_model.lora_cache import CachedLora

        merged = MergedAdapters(pipe)
        for name, path in (("a", lora_a), ("b", lora_b)):
            merged.load(name, CachedLora(name, path, name, path.stat().st_size, 16, downloaded=False))
        t = time.perf_counter()
        merged.activate("a", 1.0)
        torch.cuda.synchronize()
        row["lora_merge_s"] = time.perf_counter() - t

        def switch_there_and_back() -> None:
            merged.activate("b", 1.0)
            merged.activate("a", 1.0)
            torch.cuda.synchronize()

        row["lora_switch_s"] = timed(switch_there_and_back, 3)[0] / 2
        if mode == "merge-compile":
            t = time.perf_counter()
            transformer.compile_repeated_blocks(mode="max-autotune-no-cudagraphs", fullgraph=True, dynamic=True)
            Denoiser(pipe, 1).step()
            torch.cuda.synchronize()
            row["compile_s"] = time.perf_counter() - t
    else:
        pipe.enable_lora_hotswap(target_rank=16)
        pipe.load_lora_weights(str(lora_a), adapter_name="slot")
        t = time.perf_counter()
        transformer.compile_repeated_blocks(mode="max-autotune-no-cudagraphs", fullgraph=True)
        Denoiser(pipe, 1).step()
        torch.cuda.synchronize()
        row["compile_s"] = time.perf_counter() - t
    for batch in (1, 4):
        d = Denoiser(pipe, batch)
        row[f"step_s_b{batch}"], _ = timed(d.step, repeats=10, warmup=3)
        img_s, _ = timed(d.image, repeats=3, warmup=1)
        row[f"image_s_b{batch}"] = img_s / batch
        del d
        free()
    if mode not in ("eager",) and not mode.startswith("merge"):
        # Hot-swap customer B into the compiled slot, then time a step: no recompilation expected.
        t = time.perf_counter()
        pipe.load_lora_weights(str(lora_b), adapter_name="slot", hotswap=True)
        torch.cuda.synchronize()
        row["lora_hotswap_s"] = time.perf_counter() - t
        t = time.perf_counter()
        Denoiser(pipe, 1).step()
        torch.cuda.synchronize()
        row["first_step_after_swap_s"] = time.perf_counter() - t
    row["peak_gib"] = torch.cuda.max_memory_allocated() / 2**30
    RESULTS.setdefault("inference", {})[mode] = row
    print(mode, json.dumps(row), flush=True)
    torch.cuda.reset_peak_memory_stats()


def bench_training(steps: int, variants: list[str]) -> None:
    from PIL import Image

    from likeness_model.dataset import TrainingExample, TrainingSet
    from likeness_model.flux_training import TrainConfig, train_lora

    for variant in variants:
        free()
        transformer = build_full_size_transformer(DTYPE, DEVICE)
        vae = build_full_size_vae(DTYPE, DEVICE)
        pipe = make_pipe(transformer, vae)
        images = [Image.effect_noise((1024, 1024), 64).convert("RGB") for _ in range(4)]
        caption = "a photo of ohwx man"
        data = TrainingSet(
            [TrainingExample(f"{i}", im, caption, (1024, 1024), False) for i, im in enumerate(images)], 1024
        )
        encoded = {
            caption: (
                torch.randn(1, T5_SEQ_LEN, T5_DIM, device=DEVICE, dtype=DTYPE),
                torch.randn(1, CLIP_POOLED_DIM, device=DEVICE, dtype=DTYPE),
                torch.zeros(T5_SEQ_LEN, 3, device=DEVICE, dtype=DTYPE),
            )
        }
        config = TrainConfig(
            steps=steps,
            rank=16,
            learning_rate=4e-4,
            seed=0,
            subject_class="man",
            # One resolution and no empty captions: the step time at 1024 px is what is measured.
            caption_dropout=0.0,
            scales=(1.0,),
            gradient_checkpointing="ckpt" in variant,
            compile="compile" in variant,
        )
        torch.cuda.reset_peak_memory_stats()
        try:
            result = train_lora(
                pipe, data, config, Path(tempfile.mkdtemp()), encoded_captions=encoded, log=lambda s: None
            )
            warm = result.step_seconds[min(5, steps // 2) :]
            per_step = statistics.median(warm)
            row = {
                "step_s": per_step,
                "setup_s": result.setup_seconds,
                "first_steps_s": result.step_seconds[:3],
                "recipe_1000_steps_s": result.setup_seconds
                + sum(result.step_seconds[:5])
                + per_step * (1000 - 5),
                "peak_gib": torch.cuda.max_memory_allocated() / 2**30,
            }
        except torch.OutOfMemoryError:
            row = {"error": "out of GPU memory"}
        except Exception as e:
            row = {"error": f"{type(e).__name__}: {e}"[:500]}
        RESULTS.setdefault("training", {})[variant] = row
        print(variant, json.dumps(row), flush=True)
        del pipe, transformer, vae
        torch._dynamo.reset()


def table() -> str:
    lines = [
        "| mode | s/step b1 | s/image b1 (28 steps) | s/image b4 | LoRA load / switch | compile s | peak GiB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode, r in RESULTS.get("inference", {}).items():
        if "error" in r:
            lines.append(f"| {mode} | {r['error'][:80]} | | | | | |")
            continue
        load = (
            f"{r['lora_load_s']:.2f} / {r['lora_switch_s']:.3f}"
            if "lora_load_s" in r
            else f"hotswap {r.get('lora_hotswap_s', float('nan')):.2f}"
        )
        lines.append(
            f"| {mode} | {r['step_s_b1']:.3f} | {r['image_s_b1']:.2f} | {r['image_s_b4']:.2f} | {load} | "
            f"{r.get('compile_s', 0):.0f} | {r['peak_gib']:.1f} |"
        )
    lines += [
        "",
        "| training variant | s/step (1024 px, r16) | 1000-step recipe (s) | peak GiB |",
        "| --- | --- | --- | --- |",
    ]
    for variant, r in RESULTS.get("training", {}).items():
        if "error" in r:
            lines.append(f"| {variant} | {r['error']} | | |")
        else:
            lines.append(
                f"| {variant} | {r['step_s']:.3f} | {r['recipe_1000_steps_s']:.0f} | {r['peak_gib']:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["inference", "training"], default=None)
    ap.add_argument("--modes", default="eager,merge,merge-compile,compile,fp8-compile")
    ap.add_argument("--train-variants", default="ckpt,no-ckpt,no-ckpt-compile")
    ap.add_argument("--train-steps", type=int, default=25)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    if not torch.cuda.is_available():
        sys.exit("bench_flux.py needs a CUDA device")
    torch.backends.cuda.matmul.allow_tf32 = True
    RESULTS["device"] = torch.cuda.get_device_name()
    RESULTS["torch"] = torch.__version__
    started = time.perf_counter()
    if args.only in (None, "inference"):
        bench_inference(args.modes.split(","), Path(tempfile.mkdtemp()))
    if args.only in (None, "training"):
        bench_training(args.train_steps, args.train_variants.split(","))
    RESULTS["wall_s"] = time.perf_counter() - started
    print(table())
    if args.out:
        args.out.write_text(json.dumps(RESULTS, indent=2))


if __name__ == "__main__":
    main()
