"""predict.py on a tiny random FLUX pipeline fetched by URL, with customers' LoRAs fetched by URL
through the production cache: requested count and size, the trained LoRA served, no cross-talk
between customers in any LoRA mode, the base restored bit for bit from merge mode, and a compiled
predictor that is warm before its first customer."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import predict
from likeness_model.flux_training import lora_target_modules


def random_lora(pipeline_dir: Path, seed: int, rank: int = 4, targets: str = "all-linear") -> bytes:
    """A LoRA with random A and B (init_lora_weights=False), saved as the trainer saves LoRAs. B is
    scaled up ×10: on a random tiny model an unscaled one moves pixels too little to tell customers
    apart with a margin."""
    from diffusers import FluxPipeline, FluxTransformer2DModel
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    torch.manual_seed(seed)
    t = FluxTransformer2DModel.from_pretrained(str(pipeline_dir / "transformer"))
    t.add_adapter(
        LoraConfig(
            r=rank, lora_alpha=rank, init_lora_weights=False, target_modules=lora_target_modules(t, targets)
        )
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


@pytest.fixture
def urls(file_server, loras) -> dict[str, str]:
    for who, data in loras.items():
        file_server.put(f"{who}.safetensors", data)
    return {who: file_server.url(f"{who}.safetensors") for who in loras}


def make_runner(with_env, **env: str) -> predict.Runner:
    with_env(**env)
    runner = predict.Runner()
    runner.setup()
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


def base_image(runner) -> np.ndarray:
    images, _ = runner.generator.generate(
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
    return np.asarray(images[0].convert("RGB"), dtype=np.float32)


def diff(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two images, in 0–255 steps."""
    return float(np.abs(a - b).mean())


# Same request, same weights: identical up to kernel nondeterminism. Different weights: far apart.
SAME = 0.5
DIFFERENT = 5.0


def test_returns_the_requested_number_of_images_of_the_requested_size(tiny_env, with_env, urls):
    runner = make_runner(with_env)
    paths = runner.run(
        prompt="professional headshot of ohwx woman",
        lora_weights=urls["alice"],
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


def test_every_image_passes_the_safety_check_and_a_blocked_one_is_replaced(tiny_env, with_env, urls, base_urls):
    """The real classifier path (fetched by URL, run on every image): a classifier that passes
    everything changes nothing; one that blocks everything replaces each image, keeping the count."""
    passed = run(make_runner(with_env), urls["alice"], num_outputs=2)
    assert all(diff(im, np.full_like(im, 128.0)) > 1 for im in passed)
    runner = make_runner(with_env, LIKENESS_SAFETY_MODEL_URL=base_urls["safety-blocks-all"])
    paths = runner.run(
        prompt="professional headshot of ohwx woman",
        lora_weights=urls["alice"],
        num_outputs=2,
        seed=5,
        aspect_ratio="1:1",
        megapixels_long_side=256,
        num_inference_steps=2,
        lora_scale=1.0,
        guidance=3.5,
        output_format="png",
        output_quality=90,
    )
    assert [p.name for p in paths] == ["blocked-0.png", "blocked-1.png"]
    for p in paths:
        with Image.open(p) as img:
            assert img.getcolors() == [(256 * 256, (128, 128, 128))]


def test_the_trained_lora_is_served_from_its_url(tiny_env, with_env, trained, file_server):
    """Exactly the file train() wrote, fetched as production fetches it: by a signed URL, into the
    disk cache, loaded once; the second request for it downloads nothing."""
    out, _ = trained
    file_server.put("orders/o1/lora.safetensors", out.weights.read_bytes())
    runner = make_runner(with_env)
    first = run(runner, file_server.url("orders/o1/lora.safetensors", exp="1"))[0]
    again = run(runner, file_server.url("orders/o1/lora.safetensors", exp="2"))[0]
    assert file_server.full_gets("orders/o1/lora.safetensors") == 1
    assert diff(first, again) < SAME
    assert diff(first, base_image(runner)) > 0.05, "the customer's LoRA is applied"


@pytest.mark.parametrize("mode", ["adapters", "merge"])
def test_two_customers_differ_and_do_not_leak(tiny_env, with_env, urls, file_server, mode):
    runner = make_runner(with_env, LIKENESS_LORA_MODE=mode)
    a1 = run(runner, urls["alice"])[0]
    b1 = run(runner, urls["bob"])[0]
    a2 = run(runner, file_server.url("alice.safetensors", exp="later"))[0]
    assert file_server.full_gets("alice.safetensors") == 1, "second request for alice: no download"
    assert len(runner.generator.adapters.resident) == 2

    fresh_bob = run(make_runner(with_env, LIKENESS_LORA_MODE=mode), urls["bob"])[0]
    base = base_image(runner)
    print(mode, "mean |difference| /255:", {"a-a": diff(a1, a2), "a-b": diff(a1, b1), "base-a": diff(base, a1)})
    assert diff(a1, a2) < SAME, "alice again, after bob: same image"
    assert diff(b1, fresh_bob) < SAME, "bob after alice equals bob on a pipeline that never saw alice"
    assert diff(a1, b1) > DIFFERENT, "different customers, different images"
    assert diff(base, a1) > DIFFERENT and diff(base, b1) > DIFFERENT, "base model output is not a customer's"

    zero = run(runner, urls["alice"], lora_scale=0.0)[0]
    assert diff(zero, base) < SAME, "lora_scale 0 is the base model"
    half = run(runner, urls["alice"], lora_scale=0.5)[0]
    assert diff(half, a1) > DIFFERENT / 4 and diff(half, base) > DIFFERENT / 4


def test_merge_mode_matches_adapters_and_restores_the_base_bit_for_bit(tiny_env, with_env, urls):
    adapters = make_runner(with_env, LIKENESS_LORA_MODE="adapters")
    merged = make_runner(with_env, LIKENESS_LORA_MODE="merge")
    transformer = merged.generator.pipe.transformer
    pristine = {k: v.detach().clone() for k, v in transformer.state_dict().items()}

    for who in ("alice", "bob"):
        # Merged weights compute the same function as the unmerged adapter, up to rounding.
        assert diff(run(merged, urls[who])[0], run(adapters, urls[who])[0]) < SAME, who
        assert any(not torch.equal(transformer.state_dict()[k], v) for k, v in pristine.items()), "merged"
    run(merged, urls["alice"], lora_scale=1.7)
    base_after = base_image(merged)  # asks for the base model: the merge must be undone
    restored = transformer.state_dict()
    changed = [k for k, v in pristine.items() if not torch.equal(restored[k], v)]
    assert changed == [], f"{len(changed)} tensors differ from the base after restore, e.g. {changed[:3]}"
    assert diff(base_after, base_image(adapters)) < SAME


def test_a_failed_merge_leaves_the_base(tiny_env, with_env, urls, file_server, tiny_pipeline_dir):
    from likeness_model.errors import InputError

    runner = make_runner(with_env, LIKENESS_LORA_MODE="merge")
    transformer = runner.generator.pipe.transformer
    pristine = {k: v.detach().clone() for k, v in transformer.state_dict().items()}
    run(runner, urls["alice"])
    # A LoRA for another model's shapes (rank-4 matrices of the wrong width) is refused...
    from helpers import lora_bytes

    file_server.put("other.safetensors", lora_bytes(rank=4, dim=48))
    with pytest.raises(InputError, match="does not fit"):
        run(runner, file_server.url("other.safetensors"))
    # ...and the next customer still gets exactly their own image on the exact base.
    runner.generator.adapters.release()
    assert all(torch.equal(transformer.state_dict()[k], v) for k, v in pristine.items())
    assert diff(run(runner, urls["bob"])[0], run(make_runner(with_env, LIKENESS_LORA_MODE="merge"), urls["bob"])[0]) < SAME


def test_a_schnell_shaped_base_serves_a_customer_through_the_predictor(
    tiny_env, with_env, base_urls, tiny_schnell_dir, file_server
):
    """The permissive switch (FLUX.1-schnell, Apache-2.0; README, "Licence"): setup() fetches and
    loads a schnell-shaped base (no guidance input) by URL, and predict() serves a customer's LoRA on
    it with schnell's settings, 4 steps and guidance 0."""
    file_server.put("schnell-customer.safetensors", random_lora(tiny_schnell_dir, 33))
    runner = make_runner(
        with_env, LIKENESS_BASE_MODEL_URL=base_urls["schnell"], LIKENESS_BASE_MODEL_NAME="tiny-schnell"
    )
    assert not runner.generator.pipe.transformer.config.guidance_embeds
    url = file_server.url("schnell-customer.safetensors")
    customer = run(runner, url, num_inference_steps=4, guidance=0.0, num_outputs=2)
    assert [im.shape for im in customer] == [(256, 256, 3)] * 2
    assert diff(customer[0], run(runner, url, num_inference_steps=4, guidance=0.0)[0]) < SAME
    base = run(runner, url, num_inference_steps=4, guidance=0.0, lora_scale=0.0)[0]
    assert diff(customer[0], base) > DIFFERENT, "the customer's LoRA is applied on schnell"


def test_one_adapter_slot_evicts_without_leaking(tiny_env, with_env, urls):
    runner = make_runner(with_env, LIKENESS_ADAPTER_SLOTS="1")
    a1 = run(runner, urls["alice"])[0]
    b1 = run(runner, urls["bob"])[0]
    assert len(runner.generator.adapters.resident) == 1
    a2 = run(runner, urls["alice"])[0]
    assert diff(a1, a2) < SAME and diff(a1, b1) > DIFFERENT
    assert set(runner.generator.pipe.get_list_adapters().get("transformer", [])) == set(
        runner.generator.adapters.resident
    )


# What the compiled predictor below serves: two aspect ratios at two long sides, batches 1 and 2.
WARM = dict(
    LIKENESS_COMPILE="1",
    LIKENESS_LORA_MODE="merge",
    # Recompiles are decided by Dynamo's guards, before any backend sees the graph; the "eager"
    # backend skips Inductor's code generation, which takes minutes on a CPU.
    LIKENESS_COMPILE_BACKEND="eager" if not torch.cuda.is_available() else "inductor",
    LIKENESS_WARMUP_ASPECT_RATIOS="1:1,4:5",
    LIKENESS_WARMUP_LONG_SIDES="256",
)


def test_compiled_predictor_is_warm_before_its_first_customer(tiny_env, with_env, urls):
    """setup() compiles every served size and batch; then no customer's request compiles anything.
    First with batch 2 left out of the warm-up, to show the check catches a request that would."""
    import dataclasses

    import torch._dynamo

    torch._dynamo.reset()
    runner = make_runner(with_env, LIKENESS_WARMUP_BATCHES="1", **WARM)
    assert runner.generator.warmed_up == [(208, 256, 1), (256, 256, 1)]
    torch._dynamo.config.error_on_recompile = True
    try:
        run(runner, urls["alice"])
        run(runner, urls["bob"], aspect_ratio="4:5")
        with pytest.raises(Exception, match="[Rr]ecompil"):
            run(runner, urls["alice"], num_outputs=2)
    finally:
        torch._dynamo.config.error_on_recompile = False

    generator = runner.generator
    generator.settings = dataclasses.replace(generator.settings, warmup_batches=(1, 2))
    generator.warmed_up = []
    generator.warm_up()
    assert generator.warmed_up == [(208, 256, 1), (208, 256, 2), (256, 256, 1), (256, 256, 2)]
    eager = make_runner(with_env, LIKENESS_COMPILE="0", LIKENESS_LORA_MODE="merge")
    torch._dynamo.config.error_on_recompile = True
    try:
        a1 = run(runner, urls["alice"])[0]
        b1 = run(runner, urls["bob"], num_outputs=2)[0]
        run(runner, urls["bob"], aspect_ratio="4:5", lora_scale=0.5)
        a2 = run(runner, urls["alice"], num_outputs=2, aspect_ratio="4:5")[0]
        a3 = run(runner, urls["alice"])[0]
    finally:
        torch._dynamo.config.error_on_recompile = False
    assert a2.shape == (256, 208, 3)
    assert diff(a1, a3) < SAME and diff(a1, b1) > DIFFERENT
    # Compiled kernels may round differently from eager ones; each customer must still get their own
    # image.
    assert diff(a1, run(eager, urls["alice"])[0]) < SAME
