"""predict.py on a tiny random FLUX pipeline: requested count and size, LoRA cache hits, and no
cross-talk between customers' LoRAs (eager multi-adapter mode and, on CUDA, compiled hotswap)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import predict
from likeness_model.flux_training import TARGET_MODULES


def random_lora(pipeline_dir: Path, seed: int, rank: int = 4) -> bytes:
    """A LoRA with random A and B (init_lora_weights=False), saved as FluxPipeline saves LoRAs. B is
    scaled up ×10: on a random tiny model an unscaled one moves pixels by under 1/255 on average,
    too little to tell customers apart with a margin; ×10 moves them by ~15/255."""
    from diffusers import FluxPipeline, FluxTransformer2DModel
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    torch.manual_seed(seed)
    t = FluxTransformer2DModel.from_pretrained(str(pipeline_dir / "transformer"))
    t.add_adapter(
        LoraConfig(r=rank, lora_alpha=rank, init_lora_weights=False, target_modules=list(TARGET_MODULES))
    )
    out = Path(tempfile.mkdtemp())
    state = {k: v * 10 if "lora_B" in k else v for k, v in get_peft_model_state_dict(t).items()}
    FluxPipeline.save_lora_weights(
        str(out),
        transformer_lora_layers=state,
        weight_name="lora.safetensors",
        transformer_lora_adapter_metadata=t.peft_config["default"].to_dict(),
    )
    return (out / "lora.safetensors").read_bytes()


@pytest.fixture(scope="module")
def loras(tiny_pipeline_dir) -> dict[str, bytes]:
    return {"alice": random_lora(tiny_pipeline_dir, 11), "bob": random_lora(tiny_pipeline_dir, 22)}


def make_runner(tiny_env, **env) -> predict.Runner:
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        runner = predict.Runner()
        runner.setup()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return runner


def run(runner, url: str, **kw) -> list[np.ndarray]:
    args = dict(
        prompt="professional headshot of ohwx woman",
        lora_weights=url,
        lora_scale=1.0,
        num_outputs=1,
        seed=5,
        aspect_ratio="1:1",
        megapixels_long_side=256,
        num_inference_steps=3,
        guidance=3.5,
        output_format="png",
        output_quality=90,
    )
    args.update(kw)
    out = []
    for p in runner.run(**args):
        with Image.open(p) as img:
            out.append(np.asarray(img.convert("RGB"), dtype=np.float32))
    return out


def diff(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two images, in 0–255 steps."""
    return float(np.abs(a - b).mean())


# Same request, same weights: identical up to kernel nondeterminism. Different weights: far apart
# (two customers measured ~17 apart on this tiny model; the base ~15 from either).
SAME = 0.5
DIFFERENT = 5.0


def test_returns_the_requested_number_of_images_of_the_requested_size(tiny_env, file_server, loras):
    file_server.put("alice.safetensors", loras["alice"])
    runner = make_runner(tiny_env)
    paths = runner.run(
        prompt="professional headshot of ohwx woman",
        lora_weights=file_server.url("alice.safetensors"),
        lora_scale=1.0,
        num_outputs=3,
        seed=1,
        aspect_ratio="4:5",
        megapixels_long_side=320,
        num_inference_steps=2,
        guidance=3.5,
        output_format="webp",
        output_quality=80,
    )
    assert len(paths) == 3
    for p in paths:
        with Image.open(p) as img:
            assert img.format == "WEBP" and img.size == (256, 320)


def test_two_customers_differ_and_do_not_leak(tiny_env, file_server, loras):
    for who, data in loras.items():
        file_server.put(f"{who}.safetensors", data)
    alice, bob = file_server.url("alice.safetensors"), file_server.url("bob.safetensors")

    runner = make_runner(tiny_env)
    a1 = run(runner, alice)[0]
    b1 = run(runner, bob)[0]
    a2 = run(runner, alice, lora_weights=file_server.url("alice.safetensors", exp="later"))[0]
    assert file_server.full_gets("alice.safetensors") == 1, "second request for alice: no download"
    assert len(runner.generator.adapters.resident) == 2

    fresh_bob = run(make_runner(tiny_env), bob)[0]
    base_images, _ = runner.generator.generate(
        prompt="professional headshot of ohwx woman",
        lora=None,
        lora_scale=1.0,
        num_outputs=1,
        seed=5,
        width=256,
        height=256,
        steps=3,
        guidance=3.5,
    )
    base = np.asarray(base_images[0].convert("RGB"), dtype=np.float32)

    print("mean |difference| /255:", {"a-a": diff(a1, a2), "a-b": diff(a1, b1), "base-a": diff(base, a1)})
    assert diff(a1, a2) < SAME, "alice again, after bob: same image"
    assert diff(b1, fresh_bob) < SAME, "bob after alice equals bob on a pipeline that never saw alice"
    assert diff(a1, b1) > DIFFERENT, "different customers, different images"
    assert diff(base, a1) > DIFFERENT and diff(base, b1) > DIFFERENT, "base model output is not a customer's"

    zero = run(runner, alice, lora_scale=0.0)[0]
    assert diff(zero, base) < SAME, "lora_scale 0 is the base model"
    half = run(runner, alice, lora_scale=0.5)[0]
    assert diff(half, a1) > DIFFERENT / 4 and diff(half, base) > DIFFERENT / 4


def test_one_adapter_slot_evicts_without_leaking(tiny_env, file_server, loras):
    for who, data in loras.items():
        file_server.put(f"{who}.safetensors", data)
    runner = make_runner(tiny_env, LIKENESS_ADAPTER_SLOTS="1")
    a1 = run(runner, file_server.url("alice.safetensors"))[0]
    b1 = run(runner, file_server.url("bob.safetensors"))[0]
    assert len(runner.generator.adapters.resident) == 1
    a2 = run(runner, file_server.url("alice.safetensors"))[0]
    assert diff(a1, a2) < SAME and diff(a1, b1) > DIFFERENT
    assert set(runner.generator.pipe.get_list_adapters().get("transformer", [])) == set(
        runner.generator.adapters.resident
    )


@pytest.mark.skipif(
    not torch.cuda.is_available() and os.environ.get("LIKENESS_TEST_COMPILE_ON_CPU") != "1",
    reason="compiled hot-swap runs on CUDA (LIKENESS_TEST_COMPILE_ON_CPU=1 tries Inductor's CPU backend)",
)
def test_compiled_hotswap_switches_customers_without_recompiling(tiny_env, file_server, loras):
    import torch._dynamo

    for who, data in loras.items():
        file_server.put(f"{who}.safetensors", data)
    alice, bob = file_server.url("alice.safetensors"), file_server.url("bob.safetensors")
    eager = make_runner(tiny_env)
    ref_a, ref_b = run(eager, alice)[0], run(eager, bob)[0]

    compiled = make_runner(
        tiny_env, LIKENESS_COMPILE="1", LIKENESS_HOTSWAP_RANK="8", LIKENESS_COMPILE_MODE="default"
    )
    a1 = run(compiled, alice)[0]  # compiles here
    torch._dynamo.config.error_on_recompile = True
    try:
        b1 = run(compiled, bob)[0]
        a2 = run(compiled, alice)[0]
        half = run(compiled, alice, lora_scale=0.5)[0]
    finally:
        torch._dynamo.config.error_on_recompile = False
    assert diff(a1, a2) < SAME
    # Compiled kernels round differently from eager ones; each customer must still be far closer
    # to their own eager image than to the other customer's.
    assert diff(a1, ref_a) < diff(a1, ref_b) / 4 and diff(b1, ref_b) < diff(b1, ref_a) / 4
    assert diff(a1, b1) > DIFFERENT and diff(half, a1) > DIFFERENT / 4
