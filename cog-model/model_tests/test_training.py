"""train.py end to end on a tiny random FLUX pipeline: the loss falls, the LoRA loads into a
FluxPipeline and changes its output, and the resident pipeline is left as it was."""

from __future__ import annotations

import json
import os

import numpy as np
import torch
from cog import Path

import train
from likeness_model.flux_training import LORA_FILE
from likeness_model.lora_file import inspect_lora

# 300 steps take seconds on a GPU; on a CPU (LIKENESS_TEST_DEVICE=cpu) fewer keep the run short.
TRAIN_STEPS = int(os.environ.get("LIKENESS_TEST_TRAIN_STEPS", "300"))


def base_image(pipe, seed: int = 3) -> np.ndarray:
    with torch.inference_mode():
        out = pipe(
            prompt="a photo of ohwx man",
            width=64,
            height=64,
            num_inference_steps=2,
            max_sequence_length=32,
            generator=torch.Generator(device=pipe.device).manual_seed(seed),
            output_type="np",
        )
    return out.images[0]


def test_training_runs_end_to_end_and_the_loss_falls(tiny_env, tiny_pipeline_dir, customer_zip, device):
    from diffusers import FluxPipeline

    out = train.train(
        input_images=Path(customer_zip(1)),
        trigger_word="ohwx",
        subject_class="man",
        steps=TRAIN_STEPS,
        lora_rank=8,
        learning_rate=1e-3,
        resolution=256,
        seed=1,
        autocaption=True,
        class_prior_weight=0.0,
    )
    report = json.loads(out.training_report.read_text())
    keys = (
        "eval_loss_before",
        "eval_loss_after",
        "initial_loss",
        "final_loss",
        "seconds",
        "seconds_per_step",
    )
    print("training report:", {k: report[k] for k in keys})
    assert report["steps"] == TRAIN_STEPS
    # The fixed probe (same images, noise and noise levels before and after) must drop clearly; the
    # running loss only has to fall, as it also swings with the noise level each step drew.
    assert report["eval_loss_after"] < 0.9 * report["eval_loss_before"], report
    assert report["final_loss"] < report["initial_loss"], report["losses"]
    assert report["dataset"]["captions"] == ["a photo of ohwx man"]
    assert out.weights.name == LORA_FILE

    info = inspect_lora(out.weights)
    assert info.rank == 8
    # Two double blocks × 8 projections + two single blocks × 3, each an A and a B matrix.
    assert info.tensors == (2 * 8 + 2 * 3) * 2

    pipe = FluxPipeline.from_pretrained(str(tiny_pipeline_dir), dtype=torch.float32).to(device)
    pipe.set_progress_bar_config(disable=True)
    before = base_image(pipe)
    pipe.load_lora_weights(str(out.weights), adapter_name="customer")
    after = base_image(pipe)
    assert np.abs(after - before).mean() > 1e-3, "the trained LoRA changes the pipeline's output"


def test_resident_pipeline_is_unchanged_by_a_training(tiny_env, customer_zip):
    pipe, _ = train._pipeline()
    before = base_image(pipe)
    train.train(
        input_images=Path(customer_zip(2)),
        trigger_word="ohwx",
        subject_class="woman",
        steps=20,
        lora_rank=4,
        learning_rate=1e-3,
        resolution=256,
        seed=2,
        autocaption=True,
        class_prior_weight=0.5,
    )
    assert not getattr(pipe.transformer, "peft_config", None), "the training adapter was removed"
    np.testing.assert_array_equal(base_image(pipe), before)
