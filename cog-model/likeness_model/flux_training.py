"""LoRA fine-tuning of the FLUX transformer on one customer's photos (torch, diffusers, peft).

Rectified-flow objective as FLUX was trained with: x_t = (1 - t)·x0 + t·noise, the transformer
predicts the velocity noise - x0, timesteps drawn logit-normally (most weight on mid-noise levels).
Captions and images are encoded once up front, so each step runs the transformer only; the text
encoders and VAE never see a gradient. LoRA sits on every attention projection of the double- and
single-stream blocks; the trained file loads with FluxPipeline.load_lora_weights.

Optional class-prior regularisation (``class_prior_weight`` > 0) needs no class images: on each
step the LoRA model's prediction for the class sentence without the trigger ("a photo of a man") is
pulled towards the frozen base model's prediction for the same noisy latent, so the LoRA learns the
customer's face for the trigger without redrawing every man the base model knows.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .dataset import TrainingSet, class_prior_caption

ADAPTER = "likeness_train"
EVAL_CASES = 8
LORA_FILE = "lora.safetensors"
# Attention projections of FluxTransformerBlock (to_*, add_*_proj, to_add_out) and of
# FluxSingleTransformerBlock (to_q/k/v; its attention output goes through proj_out with the MLP).
TARGET_MODULES = ("to_q", "to_k", "to_v", "to_out.0", "add_q_proj", "add_k_proj", "add_v_proj", "to_add_out")


@dataclass(frozen=True)
class TrainConfig:
    steps: int
    rank: int
    learning_rate: float
    seed: int
    subject_class: str
    class_prior_weight: float = 0.0
    guidance: float = 1.0  # FLUX.1-dev's distilled guidance input during training (ignored by schnell)
    warmup_steps: int = 50
    max_grad_norm: float = 1.0
    weight_decay: float = 1e-4
    gradient_checkpointing: bool = True
    # Regional torch.compile of the transformer blocks (LIKENESS_TRAIN_COMPILE=1): unmeasured on H100.
    compile: bool = False
    max_sequence_length: int = 512
    target_modules: tuple[str, ...] = TARGET_MODULES


@dataclass
class TrainResult:
    lora_path: Path
    steps: int
    initial_loss: float  # mean running loss of the first steps
    final_loss: float  # … and of the last steps
    eval_loss_before: float  # fixed probe (same images, noise, levels) before training
    eval_loss_after: float  # … and after
    losses: list[float] = field(repr=False)
    step_seconds: list[float] = field(repr=False)
    seconds: float
    setup_seconds: float
    seconds_per_step: float
    peak_memory_gib: float | None

    def report(self) -> dict[str, Any]:
        out = asdict(self)
        out["lora_path"] = str(self.lora_path)
        del out["step_seconds"]
        out["median_step_seconds"] = (
            sorted(self.step_seconds)[len(self.step_seconds) // 2] if self.step_seconds else None
        )
        # A readable curve: the mean loss of each tenth of the run.
        n = max(1, len(self.losses) // 10)
        out["losses"] = [
            round(sum(self.losses[i : i + n]) / len(self.losses[i : i + n]), 5)
            for i in range(0, len(self.losses), n)
        ]
        return out


def _window_mean(values: list[float], first: bool) -> float:
    n = max(1, min(len(values) // 10, 50))
    part = values[:n] if first else values[-n:]
    return sum(part) / len(part)


def _encode_captions(
    pipe: Any, captions: list[str], device: Any, max_len: int
) -> dict[str, tuple[Any, Any, Any]]:
    import torch

    out = {}
    with torch.no_grad():
        for caption in captions:
            embeds, pooled, text_ids = pipe.encode_prompt(
                prompt=caption, prompt_2=caption, device=device, max_sequence_length=max_len
            )
            out[caption] = (embeds, pooled, text_ids)
    return out


def _encode_images(pipe: Any, dataset: TrainingSet, device: Any, dtype: Any) -> list[tuple[Any, Any]]:
    """Mean and std of each image's latent distribution; a fresh sample is drawn at every step."""
    import numpy as np
    import torch

    latents = []
    with torch.no_grad():
        for ex in dataset.examples:
            pixels = torch.from_numpy(np.asarray(ex.image, dtype=np.float32) / 127.5 - 1.0)
            pixels = pixels.permute(2, 0, 1).unsqueeze(0).to(device=device, dtype=pipe.vae.dtype)
            dist = pipe.vae.encode(pixels).latent_dist
            latents.append((dist.mean.to(dtype=torch.float32), dist.std.to(dtype=torch.float32)))
    return latents


def train_lora(
    pipe: Any,
    dataset: TrainingSet,
    config: TrainConfig,
    out_dir: Path,
    *,
    log: Callable[[str], None] = print,
    encoded_captions: dict[str, tuple[Any, Any, Any]] | None = None,
) -> TrainResult:
    """Trains, saves ``out_dir/lora.safetensors`` and leaves ``pipe`` as it found it.
    ``encoded_captions`` (caption → prompt embeds, pooled embeds, text ids) skips the text encoders;
    the benchmark uses it, having no text encoder weights."""
    import torch
    import torch.nn.functional as F
    from diffusers import FluxPipeline
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    started = time.perf_counter()
    transformer = pipe.transformer
    device = transformer.device
    weight_dtype = transformer.dtype
    if device.type == "cuda":
        # cuDNN's fused attention backward fails on the FLUX transformer with the torch 2.11 / CUDA
        # 13 stack (illegal memory access); the flash / memory-efficient kernels are fine.
        torch.backends.cuda.enable_cudnn_sdp(False)
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.cuda.reset_peak_memory_stats(device)

    random.seed(config.seed)
    torch.manual_seed(config.seed)
    gen = torch.Generator(device=device).manual_seed(config.seed)

    prior_caption = class_prior_caption(config.subject_class)
    captions = sorted(
        {ex.caption for ex in dataset.examples}
        | ({prior_caption} if config.class_prior_weight > 0 else set())
    )
    text = encoded_captions or _encode_captions(pipe, captions, device, config.max_sequence_length)
    latent_dists = _encode_images(pipe, dataset, device, weight_dtype)
    shift = pipe.vae.config.shift_factor or 0.0
    scale = pipe.vae.config.scaling_factor
    res = dataset.resolution
    lat_h, lat_w = latent_dists[0][0].shape[-2:]
    img_ids = FluxPipeline._prepare_latent_image_ids(1, lat_h // 2, lat_w // 2, device, weight_dtype)
    guidance = (
        torch.full((1,), config.guidance, device=device, dtype=torch.float32)
        if transformer.config.guidance_embeds
        else None
    )

    transformer.requires_grad_(False)
    transformer.add_adapter(
        LoraConfig(
            r=config.rank,
            lora_alpha=config.rank,
            init_lora_weights="gaussian",
            target_modules=list(config.target_modules),
        ),
        adapter_name=ADAPTER,
    )
    transformer.set_adapter(ADAPTER)
    params = [p for p in transformer.parameters() if p.requires_grad]
    for p in params:
        # Trainable LoRA weights in fp32 (Adam's updates underflow in bf16); the base stays bf16.
        p.data = p.data.to(torch.float32)
    if config.gradient_checkpointing:
        transformer.enable_gradient_checkpointing()
    if config.compile:
        transformer.compile_repeated_blocks(fullgraph=True)
    transformer.train()

    optimizer = torch.optim.AdamW(
        params,
        lr=config.learning_rate,
        betas=(0.9, 0.999),
        weight_decay=config.weight_decay,
        eps=1e-8,
        fused=device.type == "cuda",
    )
    warmup = min(config.warmup_steps, max(1, config.steps // 10))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / warmup))

    def predict(noisy: Any, sigma: Any, caption: str) -> Any:
        embeds, pooled, text_ids = text[caption]
        packed = FluxPipeline._pack_latents(noisy.to(weight_dtype), 1, noisy.shape[1], lat_h, lat_w)
        out = transformer(
            hidden_states=packed,
            timestep=sigma.to(weight_dtype),
            guidance=guidance,
            pooled_projections=pooled,
            encoder_hidden_states=embeds,
            txt_ids=text_ids,
            img_ids=img_ids,
            return_dict=False,
        )[0]
        return FluxPipeline._unpack_latents(out, res, res, pipe.vae_scale_factor)

    # A fixed probe of the objective: the same images, noise and noise levels before and after
    # training. The running loss is dominated by which noise level each step happened to draw; this
    # one is not, so it shows whether the LoRA learnt the photos.
    probe_gen = torch.Generator(device=device).manual_seed(config.seed + 1)
    probe_cases = []
    for k in range(EVAL_CASES):
        mean, _ = latent_dists[k % len(latent_dists)]
        x0 = (mean - shift) * scale
        noise = torch.randn(x0.shape, generator=probe_gen, device=device)
        probe_cases.append(
            (k % len(latent_dists), x0, noise, torch.tensor([(k + 0.5) / EVAL_CASES], device=device))
        )

    def probe_loss() -> float:
        total = 0.0
        with torch.no_grad():
            for i, x0, noise, sigma in probe_cases:
                noisy = (1.0 - sigma) * x0 + sigma * noise
                pred = predict(noisy, sigma, dataset.examples[i].caption)
                total += float(F.mse_loss(pred.float(), (noise - x0).float()))
        return total / len(probe_cases)

    eval_before = probe_loss()
    setup_seconds = time.perf_counter() - started
    loop_started = time.perf_counter()
    losses: list[float] = []
    step_seconds: list[float] = []
    order: list[int] = []
    try:
        for step in range(config.steps):
            step_started = time.perf_counter()
            if not order:
                order = list(range(len(dataset.examples)))
                random.shuffle(order)
            i = order.pop()
            mean, std = latent_dists[i]
            x0 = (mean + std * torch.randn(mean.shape, generator=gen, device=device) - shift) * scale
            noise = torch.randn(x0.shape, generator=gen, device=device)
            sigma = torch.sigmoid(torch.randn((1,), generator=gen, device=device))
            noisy = (1.0 - sigma) * x0 + sigma * noise
            pred = predict(noisy, sigma, dataset.examples[i].caption)
            loss = F.mse_loss(pred.float(), (noise - x0).float())
            if config.class_prior_weight > 0:
                with torch.no_grad():
                    transformer.disable_adapters()
                    base = predict(noisy, sigma, prior_caption).float()
                    transformer.enable_adapters()
                    transformer.set_adapter(ADAPTER)
                loss = loss + config.class_prior_weight * F.mse_loss(
                    predict(noisy, sigma, prior_caption).float(), base
                )
            value = float(loss.detach())
            if not math.isfinite(value):
                raise RuntimeError(
                    f"training diverged at step {step + 1} (loss {value}); lower learning_rate and retry"
                )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, config.max_grad_norm)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(value)
            step_seconds.append(time.perf_counter() - step_started)  # float(loss) above synchronised
            if (step + 1) % max(1, config.steps // 10) == 0 or step + 1 == config.steps:
                log(f"step {step + 1}/{config.steps} loss {_window_mean(losses, first=False):.4f}")
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        loop_seconds = time.perf_counter() - loop_started
        eval_after = probe_loss()
        log(f"fixed-probe loss {eval_before:.4f} → {eval_after:.4f}")

        out_dir.mkdir(parents=True, exist_ok=True)
        state = {
            k: v.detach().to(torch.bfloat16).contiguous()
            for k, v in get_peft_model_state_dict(transformer, adapter_name=ADAPTER).items()
        }
        peft_meta = transformer.peft_config[ADAPTER].to_dict()
        FluxPipeline.save_lora_weights(
            str(out_dir),
            transformer_lora_layers=state,
            weight_name=LORA_FILE,
            transformer_lora_adapter_metadata=peft_meta,
        )
    finally:
        # The pipeline stays resident for the next training: leave it exactly as it was.
        transformer.eval()
        if config.gradient_checkpointing:
            transformer.disable_gradient_checkpointing()
        if ADAPTER in getattr(transformer, "peft_config", {}):
            transformer.delete_adapters(ADAPTER)
        del optimizer
        if device.type == "cuda":
            torch.cuda.empty_cache()

    peak = torch.cuda.max_memory_allocated(device) / 2**30 if device.type == "cuda" else None
    return TrainResult(
        lora_path=out_dir / LORA_FILE,
        steps=config.steps,
        initial_loss=_window_mean(losses, first=True),
        final_loss=_window_mean(losses, first=False),
        eval_loss_before=eval_before,
        eval_loss_after=eval_after,
        losses=losses,
        step_seconds=step_seconds,
        seconds=time.perf_counter() - started,
        setup_seconds=setup_seconds,
        seconds_per_step=loop_seconds / max(1, config.steps),
        peak_memory_gib=peak,
    )
