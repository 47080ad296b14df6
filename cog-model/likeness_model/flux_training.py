"""LoRA fine-tuning of the FLUX transformer on one customer's photos (torch, diffusers, peft).

Rectified-flow objective as FLUX was trained with: x_t = (1 - t)·x0 + t·noise, the transformer
predicts the velocity noise - x0, timesteps drawn logit-normally (most weight on mid-noise levels).
Captions and images are encoded once up front, so each step runs the transformer only; the text
encoders and VAE never see a gradient. The trained file loads with FluxPipeline.load_lora_weights.

The recipe follows the public FLUX LoRA trainers (ostris/ai-toolkit behind Replicate's
flux-dev-lora-trainer); each part is a TrainConfig field:

- ``lora_targets``: "all-linear" (default) puts LoRA on every linear layer of the double- and
  single-stream blocks — attention, MLPs and the modulation (norm) projections; "attention" only on
  the attention projections.
- ``caption_dropout``: the share of steps that train on the empty caption, so the face is also learnt
  as the model's default subject and prompts that word things differently still find it.
- resolution buckets: each photo trains at the predictor's size for the aspect ratio it was bucketed
  to (dataset.py, buckets.py), at every ``scales`` fraction of ``resolution`` (long sides 512/768/1024
  for 1024), each step drawing one; a step's batch of ``batch_size`` photos comes from one bucket,
  so it has one shape. The LoRA thus holds at the sizes and shapes the predictor renders.
- ``class_images`` (DreamBooth prior preservation): before training, the frozen base model draws
  that many images for the class sentence ("a photo of a man"); every step then also trains on one
  of them under that sentence, weighted by ``class_loss_weight``, so "a man" stays generic while
  "ohwx man" becomes the customer.
- ``class_prior_weight`` (no images): on each step the LoRA model's prediction for the class
  sentence is pulled towards the frozen base model's for the same noisy latent.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .buckets import BucketBatches, bucket_size, long_sides
from .dataset import TrainingSet, class_prior_caption

ADAPTER = "likeness_train"
EVAL_CASES = 8
LORA_FILE = "lora.safetensors"
# Attention projections of FluxTransformerBlock (to_*, add_*_proj, to_add_out) and of
# FluxSingleTransformerBlock (to_q/k/v; its attention output goes through proj_out with the MLP).
ATTENTION_MODULES = ("to_q", "to_k", "to_v", "to_out.0", "add_q_proj", "add_k_proj", "add_v_proj", "to_add_out")
BLOCK_PREFIXES = ("transformer_blocks.", "single_transformer_blocks.")
LORA_TARGETS = ("all-linear", "attention")
EMPTY_CAPTION = ""


def lora_target_modules(transformer: Any, targets: str) -> list[str]:
    """Names of the transformer's modules that get a LoRA for ``targets``."""
    import torch

    if targets not in LORA_TARGETS:
        raise ValueError(f"lora_targets must be one of {', '.join(LORA_TARGETS)} (got {targets!r})")
    names = []
    for name, module in transformer.named_modules():
        if not isinstance(module, torch.nn.Linear) or not name.startswith(BLOCK_PREFIXES):
            continue
        if targets == "attention" and not any(name.endswith("." + m) for m in ATTENTION_MODULES):
            continue
        names.append(name)
    return names


@dataclass(frozen=True)
class TrainConfig:
    steps: int
    rank: int
    learning_rate: float
    seed: int
    subject_class: str
    class_prior_weight: float = 0.0
    class_images: int = 0
    class_loss_weight: float = 1.0
    class_image_steps: int = 20  # denoising steps of each generated class image
    caption_dropout: float = 0.05
    lora_targets: str = "all-linear"
    scales: tuple[float, ...] = (0.5, 0.75, 1.0)  # long sides trained at, as fractions of resolution
    batch_size: int = 1  # photos per step, all from one resolution bucket
    guidance: float = 1.0  # FLUX.1-dev's distilled guidance input during training (ignored by schnell)
    warmup_steps: int = 50
    max_grad_norm: float = 1.0
    weight_decay: float = 1e-4
    gradient_checkpointing: bool = True
    # Regional torch.compile of the transformer blocks (LIKENESS_TRAIN_COMPILE=1): unmeasured on H100.
    compile: bool = False
    max_sequence_length: int = 512


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
    lora_modules: int = 0  # layers that carry a LoRA
    resolutions: list[int] = field(default_factory=list)  # long sides trained at
    steps_per_resolution: dict[int, int] = field(default_factory=dict)  # by long side
    steps_per_bucket: dict[str, int] = field(default_factory=dict)  # by "<width>x<height>"
    batch_size: int = 1
    captions_dropped: int = 0  # photos (within their steps) trained on the empty caption
    class_images: int = 0  # DreamBooth class images drawn by the base model
    class_image_seconds: float = 0.0

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


def _encode_images(
    pipe: Any, images: list[Any], sizes: list[list[tuple[int, int]]], device: Any
) -> list[dict[tuple[int, int], tuple[Any, Any]]]:
    """For each image and each of its (width, height) sizes, the mean and std of its latent
    distribution; a fresh sample is drawn at every step. An image is cropped to a size's exact shape
    before resizing (rounding to multiples of 16 moves a ratio a little between scales), not
    stretched."""
    import numpy as np
    import torch
    from PIL import Image, ImageOps

    latents = []
    with torch.no_grad():
        for image, image_sizes in zip(images, sizes):
            per_size = {}
            for size in image_sizes:
                im = (
                    image
                    if image.size == size
                    else ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=(0.5, 1 / 3))
                )
                pixels = torch.from_numpy(np.asarray(im, dtype=np.float32) / 127.5 - 1.0)
                pixels = pixels.permute(2, 0, 1).unsqueeze(0).to(device=device, dtype=pipe.vae.dtype)
                dist = pipe.vae.encode(pixels).latent_dist
                per_size[size] = (dist.mean.to(dtype=torch.float32), dist.std.to(dtype=torch.float32))
            latents.append(per_size)
    return latents


def _draw_class_images(pipe: Any, config: TrainConfig, caption: str, resolution: int, device: Any) -> list[Any]:
    """DreamBooth's class images: what the frozen base model draws for the class sentence."""
    import torch

    images = []
    with torch.inference_mode():
        for k in range(config.class_images):
            out = pipe(
                prompt=caption,
                width=resolution,
                height=resolution,
                num_inference_steps=config.class_image_steps,
                guidance_scale=3.5,
                max_sequence_length=config.max_sequence_length,
                generator=torch.Generator(device=device).manual_seed(config.seed + 1000 + k),
                output_type="pil",
            )
            images.append(out.images[0].convert("RGB"))
    return images


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

    if not 0.0 <= config.caption_dropout < 1.0:
        raise ValueError(f"caption_dropout must be in [0, 1) (got {config.caption_dropout})")
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

    rng = random.Random(config.seed)
    torch.manual_seed(config.seed)
    gen = torch.Generator(device=device).manual_seed(config.seed)

    prior_caption = class_prior_caption(config.subject_class)
    uses_prior_caption = config.class_prior_weight > 0 or config.class_images > 0
    captions = sorted(
        {ex.caption for ex in dataset.examples}
        | ({prior_caption} if uses_prior_caption else set())
        | ({EMPTY_CAPTION} if config.caption_dropout > 0 else set())
    )
    text = encoded_captions or _encode_captions(pipe, captions, device, config.max_sequence_length)
    if config.batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (got {config.batch_size})")
    longs = long_sides(dataset.resolution, config.scales)

    def sizes_of(aspect_ratio: str) -> list[tuple[int, int]]:
        return [bucket_size(aspect_ratio, long) for long in longs]

    class_started = time.perf_counter()
    class_images = (
        _draw_class_images(pipe, config, prior_caption, dataset.resolution, device) if config.class_images else []
    )
    class_image_seconds = time.perf_counter() - class_started
    if class_images:
        log(f"drew {len(class_images)} class images for '{prior_caption}' in {class_image_seconds:.1f} s")
    latent_dists = _encode_images(
        pipe, [ex.image for ex in dataset.examples], [sizes_of(ex.aspect_ratio) for ex in dataset.examples], device
    )
    # The class images are drawn square and fitted to every bucket the photos use, so a step's class
    # batch has the shape of its photo batch.
    used_sizes = sorted({size for ex in dataset.examples for size in sizes_of(ex.aspect_ratio)})
    class_dists = _encode_images(pipe, class_images, [used_sizes] * len(class_images), device)
    shift = pipe.vae.config.shift_factor or 0.0
    scale = pipe.vae.config.scaling_factor
    img_ids_by_size: dict[tuple[int, int], Any] = {}

    def img_ids(lat_h: int, lat_w: int) -> Any:
        if (lat_h, lat_w) not in img_ids_by_size:
            img_ids_by_size[(lat_h, lat_w)] = FluxPipeline._prepare_latent_image_ids(
                1, lat_h // 2, lat_w // 2, device, weight_dtype
            )
        return img_ids_by_size[(lat_h, lat_w)]

    targets = lora_target_modules(transformer, config.lora_targets)
    transformer.requires_grad_(False)
    transformer.add_adapter(
        LoraConfig(r=config.rank, lora_alpha=config.rank, init_lora_weights="gaussian", target_modules=targets),
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

    def predict(noisy: Any, sigma: Any, captions: list[str]) -> Any:
        """The transformer's velocity for a batch of noisy latents of one shape, one caption each."""
        embeds = torch.cat([text[c][0] for c in captions])
        pooled = torch.cat([text[c][1] for c in captions])
        text_ids = text[captions[0]][2]  # positions only: the same for every padded caption
        batch, channels, lat_h, lat_w = noisy.shape
        packed = FluxPipeline._pack_latents(noisy.to(weight_dtype), batch, channels, lat_h, lat_w)
        out = transformer(
            hidden_states=packed,
            timestep=sigma.to(weight_dtype),
            guidance=(
                torch.full((batch,), config.guidance, device=device, dtype=torch.float32)
                if transformer.config.guidance_embeds
                else None
            ),
            pooled_projections=pooled,
            encoder_hidden_states=embeds,
            txt_ids=text_ids,
            img_ids=img_ids(lat_h, lat_w),
            return_dict=False,
        )[0]
        f = pipe.vae_scale_factor
        return FluxPipeline._unpack_latents(out, lat_h * f, lat_w * f, f)

    def flow_loss(dists: list[tuple[Any, Any]], captions: list[str]) -> Any:
        mean = torch.cat([d[0] for d in dists])
        std = torch.cat([d[1] for d in dists])
        x0 = (mean + std * torch.randn(mean.shape, generator=gen, device=device) - shift) * scale
        noise = torch.randn(x0.shape, generator=gen, device=device)
        sigma = torch.sigmoid(torch.randn((x0.shape[0],), generator=gen, device=device))
        s = sigma.view(-1, 1, 1, 1)
        noisy = (1.0 - s) * x0 + s * noise
        return noisy, sigma, F.mse_loss(predict(noisy, sigma, captions).float(), (noise - x0).float())

    # A fixed probe of the objective: the same images, noise and noise levels before and after
    # training, at each photo's full size and with the images' own captions. The running loss is
    # dominated by which noise level each step happened to draw; this one is not, so it shows
    # whether the LoRA learnt the photos.
    probe_gen = torch.Generator(device=device).manual_seed(config.seed + 1)
    probe_cases = []
    for k in range(EVAL_CASES):
        full_size = bucket_size(dataset.examples[k % len(latent_dists)].aspect_ratio, longs[-1])
        mean, _ = latent_dists[k % len(latent_dists)][full_size]
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
                pred = predict(noisy, sigma, [dataset.examples[i].caption])
                total += float(F.mse_loss(pred.float(), (noise - x0).float()))
        return total / len(probe_cases)

    eval_before = probe_loss()
    setup_seconds = time.perf_counter() - started
    loop_started = time.perf_counter()
    losses: list[float] = []
    step_seconds: list[float] = []
    per_long_side = {long: 0 for long in longs}
    per_bucket: dict[str, int] = {}
    dropped = 0
    batches = BucketBatches([ex.aspect_ratio for ex in dataset.examples], config.batch_size, rng)
    class_order: list[int] = []
    try:
        for step in range(config.steps):
            step_started = time.perf_counter()
            batch = batches.next()
            long = rng.choice(longs)
            size = bucket_size(dataset.examples[batch[0]].aspect_ratio, long)
            per_long_side[long] += 1
            per_bucket[f"{size[0]}x{size[1]}"] = per_bucket.get(f"{size[0]}x{size[1]}", 0) + 1
            step_captions = []
            for i in batch:
                if config.caption_dropout > 0 and rng.random() < config.caption_dropout:
                    step_captions.append(EMPTY_CAPTION)
                    dropped += 1
                else:
                    step_captions.append(dataset.examples[i].caption)
            # Every photo of the batch has this size: BucketBatches draws a batch from one bucket.
            noisy, sigma, loss = flow_loss([latent_dists[i][size] for i in batch], step_captions)
            if class_dists:
                picks = []
                for _ in batch:
                    if not class_order:
                        class_order = list(range(len(class_dists)))
                        rng.shuffle(class_order)
                    picks.append(class_order.pop())
                _, _, class_loss = flow_loss([class_dists[k][size] for k in picks], [prior_caption] * len(picks))
                loss = loss + config.class_loss_weight * class_loss
            if config.class_prior_weight > 0:
                prior_captions = [prior_caption] * len(batch)
                with torch.no_grad():
                    transformer.disable_adapters()
                    base = predict(noisy, sigma, prior_captions).float()
                    transformer.enable_adapters()
                    transformer.set_adapter(ADAPTER)
                loss = loss + config.class_prior_weight * F.mse_loss(
                    predict(noisy, sigma, prior_captions).float(), base
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
        if getattr(transformer, "peft_config", None):
            # Removes PEFT's wrapper layers too (delete_adapters leaves them), so the transformer is
            # plain nn.Linear again: the same module names and state dict keys as before.
            transformer.unload_lora()
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
        lora_modules=len(targets),
        resolutions=longs,
        steps_per_resolution=per_long_side,
        steps_per_bucket=dict(sorted(per_bucket.items())),
        batch_size=config.batch_size,
        captions_dropped=dropped,
        class_images=len(class_images),
        class_image_seconds=class_image_seconds,
    )
