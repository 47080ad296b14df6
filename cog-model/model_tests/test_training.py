"""train.py end to end on a tiny random FLUX pipeline fetched by URL: the loss falls, the LoRA loads
into a FluxPipeline and changes its output, each recipe switch does what it says, and the resident
pipeline is left exactly as it was."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import train
from helpers import make_zip, photo
from likeness_model.flux_training import LORA_FILE
from likeness_model.lora_file import inspect_lora
from training_args import TRAIN_STEPS, train_args

# Tiny model: 2 double blocks × 14 linear layers + 2 single blocks × 6; attention only: 2 × 8 + 2 × 3.
ALL_LINEAR_LAYERS = 2 * 14 + 2 * 6
ATTENTION_LAYERS = 2 * 8 + 2 * 3


def base_image(pipe, seed: int = 3, guidance: float = 3.5) -> np.ndarray:
    with torch.inference_mode():
        out = pipe(
            prompt="a photo of ohwx man",
            width=256,
            height=256,
            num_inference_steps=2,
            guidance_scale=guidance,
            max_sequence_length=32,
            generator=torch.Generator(device=pipe.device).manual_seed(seed),
            output_type="np",
        )
    return out.images[0]


def test_training_runs_end_to_end_and_the_loss_falls(trained, tiny_pipeline_dir, device):
    from diffusers import FluxPipeline

    out, report = trained
    keys = ("eval_loss_before", "eval_loss_after", "initial_loss", "final_loss", "seconds", "seconds_per_step")
    print("training report:", {k: report[k] for k in keys})
    assert report["steps"] == TRAIN_STEPS
    # The fixed probe (same images, noise and noise levels before and after) must drop clearly; the
    # running loss only has to fall, as it also swings with the noise level each step drew.
    assert report["eval_loss_after"] < 0.9 * report["eval_loss_before"], report
    assert report["final_loss"] < report["initial_loss"], report["losses"]
    assert report["dataset"]["captions"] == ["a photo of ohwx man"]
    assert report["base_model"] == "tiny-random-flux"
    assert out.weights.name == LORA_FILE

    # The recipe's defaults: every linear layer of the blocks, three buckets, some empty captions.
    assert report["recipe"]["lora_targets"] == "all-linear"
    assert report["lora_modules"] == ALL_LINEAR_LAYERS
    assert report["resolutions"] == [128, 192, 256]
    assert all(n > 0 for n in report["steps_per_resolution"].values()), report["steps_per_resolution"]
    # Square photos (as QC crops them) stay in the square bucket, one photo a step by default.
    assert report["dataset"]["aspect_ratios"] == {"1:1": 6}
    assert set(report["steps_per_bucket"]) == {"128x128", "192x192", "256x256"}
    assert report["batch_size"] == 1
    assert 0 < report["captions_dropped"] < TRAIN_STEPS * 0.2, report["captions_dropped"]

    info = inspect_lora(out.weights)
    assert info.rank == 8
    assert info.tensors == ALL_LINEAR_LAYERS * 2  # an A and a B matrix each

    pipe = FluxPipeline.from_pretrained(str(tiny_pipeline_dir), dtype=torch.float32).to(device)
    pipe.set_progress_bar_config(disable=True)
    before = base_image(pipe)
    pipe.load_lora_weights(str(out.weights), adapter_name="customer")
    after = base_image(pipe)
    assert np.abs(after - before).mean() > 1e-3, "the trained LoRA changes the pipeline's output"


def test_recipe_switches_and_the_resident_pipeline_is_unchanged(tiny_env, customer_zip, with_env):
    """Attention-only targets, one resolution, no caption dropout, and both regularisers on
    (DreamBooth class images and the class-prior term): each shows in the file or the report, and
    the resident pipeline is bit-for-bit what it was before the training."""
    with_env(LIKENESS_TRAIN_CLASS_IMAGE_STEPS="2")  # production draws them with 20
    pipe, _ = train._pipeline()
    before = base_image(pipe)
    params_before = {k: v.detach().clone() for k, v in pipe.transformer.state_dict().items()}
    out = train.train(
        **train_args(
            customer_zip(2),
            subject_class="woman",
            steps=10,
            lora_rank=4,
            seed=2,
            class_prior_weight=0.5,
            class_images=2,
            caption_dropout=0.0,
            lora_targets="attention",
            multi_resolution=False,
        )
    )
    report = json.loads(out.training_report.read_text())
    assert inspect_lora(out.weights).tensors == ATTENTION_LAYERS * 2
    assert report["lora_modules"] == ATTENTION_LAYERS
    assert report["resolutions"] == [256] and report["captions_dropped"] == 0
    assert report["class_images"] == 2 and report["recipe"]["class_images"] == 2

    assert not getattr(pipe.transformer, "peft_config", None), "the training adapter was removed"
    after = pipe.transformer.state_dict()
    assert set(after) == set(params_before)
    assert all(torch.equal(after[k], v) for k, v in params_before.items()), "base weights unchanged"
    np.testing.assert_array_equal(base_image(pipe), before)


def test_photos_of_different_shapes_train_in_batches_of_one_bucket(tiny_env, tmp_path, with_env):
    """Multi-resolution buckets: square, 4:5 and 16:9 photos each keep their ratio and train at the
    predictor's sizes for it; with a batch of two, every training forward pass holds two photos of
    one size, and the DreamBooth class images (drawn square) come fitted to that size."""
    from likeness_model.schema import output_size

    with_env(LIKENESS_TRAIN_BATCH_SIZE="2", LIKENESS_TRAIN_CLASS_IMAGE_STEPS="2")
    shapes = {"square": (96, 96), "portrait": (160, 200), "wide": (192, 108)}
    archive = make_zip(
        tmp_path / "shapes.zip",
        {
            f"{name}-{k}.jpg": photo(size, colour=(120 + 40 * k, 100, 90))
            for name, size in shapes.items()
            for k in range(2)
        },
    )
    pipe, _ = train._pipeline()
    # Training forward passes (the only ones with gradients on): their batch and token counts.
    seen: list[tuple[int, int]] = []
    hook = pipe.transformer.register_forward_hook(
        lambda _m, _args, kwargs, _out: seen.append(tuple(kwargs["hidden_states"].shape[:2]))
        if torch.is_grad_enabled()
        else None,
        with_kwargs=True,
    )
    try:
        # 3 buckets × 2 photos at batch 2: three batches an epoch, so 12 steps visit each 4 times.
        out = train.train(
            **train_args(archive, steps=12, lora_rank=4, seed=3, class_images=2, caption_dropout=0.0)
        )
    finally:
        hook.remove()
    report = json.loads(out.training_report.read_text())

    assert report["dataset"]["aspect_ratios"] == {"16:9": 2, "1:1": 2, "4:5": 2}
    assert report["batch_size"] == 2 and report["recipe"]["batch_size"] == 2
    aspect_of = {output_size(a, side): a for a in ("1:1", "4:5", "16:9") for side in (128, 192, 256)}
    sizes = [tuple(map(int, key.split("x"))) for key in report["steps_per_bucket"]]
    assert all(size in aspect_of for size in sizes), sizes
    assert {aspect_of[size] for size in sizes} == {"1:1", "4:5", "16:9"}
    assert sum(report["steps_per_bucket"].values()) == 12

    # Each step: the photos' pass and the class images' pass, both two images of the step's size.
    assert len(seen) == 2 * 12
    tokens = {(w // 16) * (h // 16) for w, h in sizes}
    assert all(batch == 2 for batch, _ in seen), seen
    assert {n for _, n in seen} == tokens
    for step in range(12):
        assert seen[2 * step][1] == seen[2 * step + 1][1], "class batch has the photo batch's size"
    assert inspect_lora(out.weights).tensors == ALL_LINEAR_LAYERS * 2


def test_class_images_are_the_base_models_class_sentence(tiny_env):
    """DreamBooth's anchor: the class images are what the frozen base model draws for 'a photo of
    a man', seeded per image, so they differ from each other and repeat across trainings."""
    from likeness_model.flux_training import TrainConfig, _draw_class_images

    pipe, _ = train._pipeline()
    config = TrainConfig(steps=1, rank=1, learning_rate=1e-3, seed=7, subject_class="man", class_images=2, class_image_steps=2)
    first = _draw_class_images(pipe, config, "a photo of a man", 128, pipe.device)
    again = _draw_class_images(pipe, config, "a photo of a man", 128, pipe.device)
    other = _draw_class_images(pipe, config, "a photo of a woman", 128, pipe.device)
    arr = [np.asarray(im, dtype=np.float32) for im in first + again + other]
    assert all(im.shape == (128, 128, 3) for im in arr)
    assert np.array_equal(arr[0], arr[2]) and np.array_equal(arr[1], arr[3]), "seeded: same images again"
    assert np.abs(arr[0] - arr[1]).mean() > 0.5, "one seed per image"
    # The tiny random model's text conditioning is weak, but the sentence does reach it.
    assert not np.array_equal(arr[0], arr[4]), "the sentence matters"


def test_schnell_shaped_base_trains_and_its_lora_loads(base_urls, tiny_env, tiny_schnell_dir, customer_zip, with_env, device):
    """FLUX.1-schnell (Apache-2.0) has no guidance input; training and loading must not need one."""
    from diffusers import FluxPipeline

    with_env(LIKENESS_BASE_MODEL_URL=base_urls["schnell"], LIKENESS_BASE_MODEL_NAME="tiny-schnell")
    resident = dict(train._RESIDENT)
    train._RESIDENT.clear()
    try:
        out = train.train(**train_args(customer_zip(3), steps=10, lora_rank=4, multi_resolution=False))
        pipe, base = train._pipeline()
        assert base.name == "tiny-schnell" and not pipe.transformer.config.guidance_embeds
    finally:
        train._RESIDENT.clear()
        train._RESIDENT.update(resident)
    report = json.loads(out.training_report.read_text())
    assert report["base_model"] == "tiny-schnell" and report["steps"] == 10

    schnell = FluxPipeline.from_pretrained(str(tiny_schnell_dir), dtype=torch.float32).to(device)
    schnell.set_progress_bar_config(disable=True)
    before = base_image(schnell, guidance=0.0)
    schnell.load_lora_weights(str(out.weights), adapter_name="customer")
    assert np.abs(base_image(schnell, guidance=0.0) - before).mean() > 1e-4
