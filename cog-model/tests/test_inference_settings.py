"""The compiled predictor's warm-up covers what the product asks for (no torch needed here; the
warm-up itself runs in model_tests/test_predictor.py)."""

from __future__ import annotations

import pytest

from likeness_model.flux_inference import InferenceSettings
from likeness_model.schema import ASPECT_RATIOS, PREDICTOR_SCHEMA_FILE, load_schema


def test_default_warm_up_covers_every_aspect_ratio_and_batch_the_schema_allows():
    props = load_schema(PREDICTOR_SCHEMA_FILE)["properties"]
    s = InferenceSettings.from_env({"LIKENESS_COMPILE": "1"})
    assert set(s.warmup_aspect_ratios) == set(ASPECT_RATIOS)
    assert s.warmup_batches == tuple(range(1, props["num_outputs"]["maximum"] + 1))
    # The functions send the schema's default long side (functions/src/generation/run-prediction.ts).
    assert props["megapixels_long_side"]["default"] in s.warmup_long_sides


def test_lora_modes():
    assert InferenceSettings.from_env({}).lora_mode == "adapters"
    assert InferenceSettings.from_env({"LIKENESS_COMPILE": "1"}).lora_mode == "merge"
    assert InferenceSettings.from_env({"LIKENESS_LORA_MODE": "merge"}).lora_mode == "merge"
    with pytest.raises(ValueError, match="merge or hotswap"):
        InferenceSettings.from_env({"LIKENESS_COMPILE": "1", "LIKENESS_LORA_MODE": "adapters"})
    with pytest.raises(ValueError, match="LIKENESS_LORA_MODE"):
        InferenceSettings.from_env({"LIKENESS_LORA_MODE": "fused"})
    s = InferenceSettings.from_env({"LIKENESS_WARMUP_ASPECT_RATIOS": "1:1, 4:5", "LIKENESS_WARMUP_BATCHES": "1,2"})
    assert s.warmup_aspect_ratios == ("1:1", "4:5") and s.warmup_batches == (1, 2)
