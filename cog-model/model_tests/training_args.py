"""The trainer's arguments for the model tests (train() is called as Cog calls it: every input given)."""

from __future__ import annotations

import os

from cog import Path

# Enough steps for the fixed probe to move well past noise: it fell 24 % in 100 steps (1.40 → 1.07)
# when this was written, against the 10 % test_training asks; ~0.2 s a step on one CPU thread.
TRAIN_STEPS = int(os.environ.get("LIKENESS_TEST_TRAIN_STEPS", "100"))


def train_args(archive, **kw):
    args = dict(
        input_images=Path(archive),
        trigger_word="ohwx",
        subject_class="man",
        steps=TRAIN_STEPS,
        lora_rank=8,
        learning_rate=1e-3,
        resolution=256,
        seed=1,
        autocaption=True,
        class_prior_weight=0.0,
        class_images=0,
        caption_dropout=0.05,
        lora_targets="all-linear",
        multi_resolution=True,
    )
    args.update(kw)
    return args
