"""The shared headshot predictor: one model version for every customer.

The base model stays resident; each request names a customer's LoRA by URL. LoRA files are cached on
local disk and loaded adapters in the pipeline, both least-recently-used, so a warm instance serves a
returning customer with neither a download nor a load (likeness_model/lora_cache.py).

Inputs mirror packages/core's PredictorInput (schema/predictor-input.json); tests/test_schema_parity.py
keeps the two in step.
"""

import os
import secrets
import tempfile
import time
from pathlib import Path as FsPath
from typing import List, Optional

from cog import BaseRunner, Input, Path

from likeness_model.image_output import save_images
from likeness_model.lora_cache import LoraDiskCache
from likeness_model.schema import PREDICTOR_SCHEMA_FILE, output_size, redact_url, validate_input

GIB = 1024**3


def lora_cache_from_env() -> LoraDiskCache:
    return LoraDiskCache(
        FsPath(os.environ.get("LIKENESS_LORA_CACHE_DIR", "/tmp/likeness-lora-cache")),
        max_total_bytes=int(float(os.environ.get("LIKENESS_LORA_CACHE_GIB", "20")) * GIB),
        max_file_bytes=int(float(os.environ.get("LIKENESS_LORA_MAX_GIB", "2")) * GIB),
    )


class Runner(BaseRunner):
    def setup(self) -> None:
        from likeness_model.flux_inference import FluxGenerator, InferenceSettings
        from likeness_model.safety import SafetyChecker, safety_settings
        from likeness_model.weights import base_model_config, default_cache_dir, ensure_base_weights

        started = time.perf_counter()
        config = base_model_config()
        print(f"Base model: {config.name} — licence: {config.licence}", flush=True)
        folder = ensure_base_weights(config, default_cache_dir())
        self.generator = FluxGenerator.from_pretrained(folder, InferenceSettings.from_env())
        # With compile on, every served size and batch is compiled here, before the first customer.
        self.generator.warm_up()
        self.safety = SafetyChecker.from_settings(
            safety_settings(), default_cache_dir(), self.generator.settings.device
        )
        self.loras = lora_cache_from_env()
        print(f"Setup done in {time.perf_counter() - started:.1f} s", flush=True)

    def run(
        self,
        prompt: str = Input(
            description="Headshot prompt from core's prompt builder; "
            "names the trigger right before the class (e.g. 'ohwx woman').",
            min_length=1,
            max_length=2000,
        ),
        lora_weights: str = Input(
            description="URL of the customer's LoRA (.safetensors, or a tar/zip holding one). "
            "Signed URLs welcome: the cache keys on the path.",
        ),
        lora_scale: float = Input(description="Strength of the LoRA.", default=1.0, ge=0.0, le=2.0),
        num_outputs: int = Input(description="Images to make (one batch).", default=4, ge=1, le=4),
        seed: Optional[int] = Input(
            description="Image i uses seed + i (mod 2^32). Random when omitted.",
            default=None,
            ge=0,
            le=4294967295,
        ),
        aspect_ratio: str = Input(
            description="Width:height of the images.",
            default="4:5",
            choices=["1:1", "4:5", "3:4", "2:3", "16:9", "9:16"],
        ),
        megapixels_long_side: int = Input(
            description="Long side in pixels; the short side follows the aspect ratio, rounded to a multiple of 16.",
            default=1024,
            ge=256,
            le=1536,
        ),
        num_inference_steps: int = Input(description="Denoising steps.", default=28, ge=1, le=50),
        guidance: float = Input(description="FLUX distilled guidance.", default=3.5, ge=0.0, le=10.0),
        output_format: str = Input(
            description="Image file format.", default="webp", choices=["webp", "jpg", "png"]
        ),
        output_quality: int = Input(
            description="Quality for webp/jpg (png is lossless).", default=90, ge=1, le=100
        ),
    ) -> List[Path]:
        args = validate_input(
            PREDICTOR_SCHEMA_FILE,
            dict(
                prompt=prompt,
                lora_weights=lora_weights,
                lora_scale=lora_scale,
                num_outputs=num_outputs,
                seed=seed,
                aspect_ratio=aspect_ratio,
                megapixels_long_side=megapixels_long_side,
                num_inference_steps=num_inference_steps,
                guidance=guidance,
                output_format=output_format,
                output_quality=output_quality,
            ),
        )
        width, height = output_size(args["aspect_ratio"], args["megapixels_long_side"])
        used_seed = args["seed"] if args["seed"] is not None else secrets.randbelow(2**32)

        t0 = time.perf_counter()
        lora = self.loras.get(args["lora_weights"])
        fetch_s = time.perf_counter() - t0
        images, timings = self.generator.generate(
            prompt=args["prompt"],
            lora=lora,
            lora_scale=args["lora_scale"],
            num_outputs=args["num_outputs"],
            seed=used_seed,
            width=width,
            height=height,
            steps=args["num_inference_steps"],
            guidance=args["guidance"],
        )
        blocked = self.safety.blocked(images) if self.safety is not None else [False] * len(images)
        if any(blocked):
            from likeness_model.safety import placeholder

            # Replaced, not dropped: the order gets the count it asked for and sees which were blocked.
            images = [placeholder(im) if b else im for im, b in zip(images, blocked)]
            print(f"safety: blocked image(s) {[i for i, b in enumerate(blocked) if b]}", flush=True)
        out_dir = FsPath(tempfile.mkdtemp(prefix="likeness-out-"))
        paths = save_images(images, out_dir, args["output_format"], args["output_quality"], blocked)
        print(
            f"seed={used_seed} size={width}x{height} lora={redact_url(args['lora_weights'])} "
            f"lora_fetch={'download' if lora.downloaded else 'cache'} fetch_s={fetch_s:.2f} "
            + " ".join(f"{k}={v:.2f}" for k, v in timings.items()),
            flush=True,
        )
        return [Path(p) for p in paths]
