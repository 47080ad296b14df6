"""The LoRA trainer: one customer's QC-cropped selfies in, one FLUX LoRA (.safetensors) out.

Inputs mirror packages/core's TrainerInput (schema/trainer-input.json); tests/test_schema_parity.py
keeps the two in step. Cog 0.23 runs a training as a standalone train() function (a class needs a
run() method), so the base pipeline is loaded by the first training on a container and kept in this
module for the trainings that follow; its weights come from the on-disk cache (likeness_model/weights.py).
"""

import json
import os
import tempfile
import time
from pathlib import Path as FsPath
from typing import Any

from cog import BaseModel, Input, Path

from likeness_model.buckets import SQUARE
from likeness_model.dataset import prepare_training_set
from likeness_model.schema import ASPECT_RATIOS, TRAINER_SCHEMA_FILE, validate_input

_RESIDENT: dict[str, Any] = {}
# Resolution buckets: the ratios the predictor renders, the square first so that a photo exactly
# between two ratios stays square.
BUCKET_ASPECT_RATIOS = ("1:1", *(a for a in ASPECT_RATIOS if a != "1:1"))


class TrainingOutput(BaseModel):
    weights: Path  # lora.safetensors, for FluxPipeline.load_lora_weights / the predictor's lora_weights
    training_report: Path  # JSON: recipe, dataset, steps, losses, seconds


def _pipeline() -> tuple[Any, Any]:
    """The base pipeline on the GPU, loaded once per container."""
    if "pipe" not in _RESIDENT:
        import torch
        from diffusers import FluxPipeline

        from likeness_model.weights import base_model_config, default_cache_dir, ensure_base_weights

        config = base_model_config()
        print(f"Base model: {config.name} — licence: {config.licence}", flush=True)
        folder = ensure_base_weights(config, default_cache_dir())
        device = os.environ.get("LIKENESS_DEVICE", "cuda")
        dtype = getattr(torch, os.environ.get("LIKENESS_DTYPE", "bfloat16"))
        pipe = FluxPipeline.from_pretrained(str(folder), dtype=dtype).to(device)
        pipe.set_progress_bar_config(disable=True)
        _RESIDENT["pipe"], _RESIDENT["config"] = pipe, config
    return _RESIDENT["pipe"], _RESIDENT["config"]


def train(
    input_images: Path = Input(
        description="Zip or tar of the training photos (QC's normalised crops). "
        "Optional captions: a .txt next to an image, with the same name."
    ),
    trigger_word: str = Input(
        description="Rare token the LoRA binds to the face, e.g. 'ohwx'.", regex="^[a-z][a-z0-9]{2,15}$"
    ),
    subject_class: str = Input(
        description="Class noun that follows the trigger.", choices=["man", "woman", "person"]
    ),
    steps: int = Input(description="Optimiser steps.", default=1000, ge=10, le=6000),
    lora_rank: int = Input(description="LoRA rank.", default=16, ge=1, le=128),
    learning_rate: float = Input(description="AdamW learning rate (> 0).", default=0.0004, le=0.01),
    resolution: int = Input(
        description="Training resolution (square side, pixels).", default=1024, ge=256, le=1536
    ),
    seed: int = Input(description="Random seed.", default=42, ge=0, le=4294967295),
    autocaption: bool = Input(
        description="Write 'a photo of {trigger} {class}' captions for images without a .txt caption; "
        "when off, every image needs one.",
        default=True,
    ),
    class_prior_weight: float = Input(
        description="Weight of class-prior regularisation (0 = off): keeps the base model's idea of the class.",
        default=0.0,
        ge=0.0,
        le=1.0,
    ),
    class_images: int = Input(
        description="DreamBooth prior preservation: the base model first draws this many "
        "'a photo of a {class}' images, and every step also trains on one of them (0 = off).",
        default=0,
        ge=0,
        le=100,
    ),
    caption_dropout: float = Input(
        description="Share of steps trained on the empty caption.", default=0.05, ge=0.0, le=0.5
    ),
    lora_targets: str = Input(
        description="Which linear layers of the transformer blocks get a LoRA: all of them, or the "
        "attention projections only.",
        default="all-linear",
        choices=["all-linear", "attention"],
    ),
    multi_resolution: bool = Input(
        description="Resolution buckets: each photo keeps the aspect ratio (of those the predictor "
        "renders) nearest its own and trains at 1/2, 3/4 and all of the resolution as its long side, "
        "each batch one size; off: square crops at the resolution alone.",
        default=True,
    ),
) -> TrainingOutput:
    started = time.perf_counter()
    args = validate_input(
        TRAINER_SCHEMA_FILE,
        dict(
            input_images=input_images,
            trigger_word=trigger_word,
            subject_class=subject_class,
            steps=steps,
            lora_rank=lora_rank,
            learning_rate=learning_rate,
            resolution=resolution,
            seed=seed,
            autocaption=autocaption,
            class_prior_weight=class_prior_weight,
            class_images=class_images,
            caption_dropout=caption_dropout,
            lora_targets=lora_targets,
            multi_resolution=multi_resolution,
        ),
        local_paths=("input_images",),
    )
    # Before any GPU work: a bad archive fails in seconds, not after a 34 GB download.
    dataset = prepare_training_set(
        FsPath(input_images),
        trigger=args["trigger_word"],
        subject_class=args["subject_class"],
        resolution=args["resolution"],
        autocaption=args["autocaption"],
        aspect_ratios=BUCKET_ASPECT_RATIOS if args["multi_resolution"] else SQUARE,
    )
    print(
        f"Training set: {len(dataset.examples)} images {dataset.summary()['aspect_ratios']}, "
        f"{len(dataset.skipped)} skipped",
        flush=True,
    )

    from likeness_model.flux_training import TrainConfig, train_lora

    pipe, base = _pipeline()
    config = TrainConfig(
        steps=args["steps"],
        rank=args["lora_rank"],
        learning_rate=args["learning_rate"],
        seed=args["seed"],
        subject_class=args["subject_class"],
        class_prior_weight=args["class_prior_weight"],
        class_images=args["class_images"],
        caption_dropout=args["caption_dropout"],
        lora_targets=args["lora_targets"],
        scales=(0.5, 0.75, 1.0) if args["multi_resolution"] else (1.0,),
        # Operator knob: photos per step (each step's from one resolution bucket); `steps` counts steps.
        batch_size=int(os.environ.get("LIKENESS_TRAIN_BATCH_SIZE", "1")),
        # Operator knob: fewer denoising steps per class image make a cheaper but rougher anchor.
        class_image_steps=int(os.environ.get("LIKENESS_TRAIN_CLASS_IMAGE_STEPS", "20")),
        # Speed switches for the operator (README, "Speed plan"); not part of the public input schema.
        gradient_checkpointing=os.environ.get("LIKENESS_TRAIN_GRAD_CKPT", "1") == "1",
        compile=os.environ.get("LIKENESS_TRAIN_COMPILE", "0") == "1",
    )
    out_dir = FsPath(tempfile.mkdtemp(prefix="likeness-train-"))
    result = train_lora(pipe, dataset, config, out_dir, log=lambda line: print(line, flush=True))
    report = {
        "base_model": base.name,
        "base_model_licence": base.licence,
        "recipe": {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(config).items()}
        | {"resolution": args["resolution"], "trigger_word": args["trigger_word"]},
        "dataset": dataset.summary(),
        **result.report(),
        "total_seconds": time.perf_counter() - started,
    }
    report_path = out_dir / "training.json"
    report_path.write_text(json.dumps(report, indent=2))
    return TrainingOutput(weights=Path(result.lora_path), training_report=Path(report_path))
