"""train.py and predict.py refuse bad requests before any GPU work, and predict's plumbing (LoRA
cache, sizes, formats, seeds) around the generator. The generator here paints flat images of the
requested size; the real one runs in gpu_tests/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image

import predict
import train
from helpers import lora_bytes, make_zip, photo
from likeness_model.errors import InputError
from likeness_model.image_output import save_images
from likeness_model.lora_cache import AdapterCache, LoraDiskCache


def train_args(archive: Path, **kw):
    args = dict(
        input_images=archive,
        trigger_word="ohwx",
        subject_class="man",
        steps=1000,
        lora_rank=16,
        learning_rate=4e-4,
        resolution=1024,
        seed=42,
        autocaption=True,
        class_prior_weight=0.0,
        class_images=0,
        caption_dropout=0.05,
        lora_targets="all-linear",
        multi_resolution=True,
    )
    args.update(kw)
    return args


def test_train_refuses_bad_archives_before_loading_any_model(tmp_path):
    junk = tmp_path / "upload"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(InputError, match="not a zip or tar"):
        train.train(**train_args(junk))
    empty = make_zip(tmp_path / "e.zip", {"a.txt": b"hi"})
    with pytest.raises(InputError, match="no images"):
        train.train(**train_args(empty))
    assert "torch" not in sys.modules and "pipe" not in train._RESIDENT


def test_train_refuses_absurd_recipes(tmp_path):
    ok = make_zip(tmp_path / "d.zip", {f"{i}.jpg": photo() for i in range(4)})
    with pytest.raises(InputError, match="steps must be at most 6000"):
        train.train(**train_args(ok, steps=60000))
    with pytest.raises(InputError, match="learning_rate must be greater than 0"):
        train.train(**train_args(ok, learning_rate=0.0))
    with pytest.raises(InputError, match="resolution must be at least 256"):
        train.train(**train_args(ok, resolution=64))


class FlatGenerator:
    """Paints one flat colour per image, derived from the seed and the active LoRA."""

    def __init__(self, adapters: AdapterCache) -> None:
        self.adapters = adapters
        self.calls: list[dict] = []

    def generate(self, *, prompt, lora, lora_scale, num_outputs, seed, width, height, steps, guidance):
        self.calls.append(dict(lora=lora, seed=seed, width=width, height=height, steps=steps))
        use = self.adapters.use(lora, lora_scale)
        self.adapters.release()
        shade = int(lora.sha256[:2], 16)
        images = [Image.new("RGB", (width, height), (shade, (seed + i) % 256, 0)) for i in range(num_outputs)]
        return images, {"lora_s": 0.0, "lora_newly_loaded": float(use.loaded), "generate_s": 0.0}


class CountingBackend:
    def __init__(self) -> None:
        self.loads = 0

    def load(self, name, lora):
        self.loads += 1

    def unload(self, name):
        pass

    def activate(self, name, scale):
        pass

    def deactivate(self):
        pass


@pytest.fixture
def runner(tmp_path):
    r = predict.Runner()
    r.loras = LoraDiskCache(tmp_path / "loras", max_total_bytes=10**8, max_file_bytes=10**7)
    r.backend = CountingBackend()
    r.generator = FlatGenerator(AdapterCache(r.backend, capacity=4))
    r.safety = None
    return r


def predict_args(url: str, **kw):
    args = dict(
        prompt="professional headshot of ohwx woman",
        lora_weights=url,
        lora_scale=1.0,
        num_outputs=4,
        seed=7,
        aspect_ratio="4:5",
        megapixels_long_side=1024,
        num_inference_steps=28,
        guidance=3.5,
        output_format="webp",
        output_quality=90,
    )
    args.update(kw)
    return args


def test_predict_returns_the_requested_images(runner, file_server):
    file_server.put("a.safetensors", lora_bytes(seed=1))
    paths = runner.run(**predict_args(file_server.url("a.safetensors"), num_outputs=3, output_format="jpg"))
    assert len(paths) == 3
    for p in paths:
        with Image.open(p) as img:
            assert img.format == "JPEG" and img.size == (816, 1024)
    assert runner.generator.calls[-1]["steps"] == 28


def test_second_request_for_the_same_customer_downloads_and_loads_nothing(runner, file_server):
    file_server.put("a.safetensors", lora_bytes(seed=1))
    runner.run(**predict_args(file_server.url("a.safetensors", exp="1"), num_outputs=1))
    runner.run(**predict_args(file_server.url("a.safetensors", exp="2"), num_outputs=1))
    assert file_server.full_gets("a.safetensors") == 1
    assert runner.backend.loads == 1


def test_predict_fails_clearly_on_unreachable_lora_and_bad_inputs(runner, file_server):
    with pytest.raises(InputError, match="HTTP 404"):
        runner.run(**predict_args(file_server.url("missing.safetensors")))
    with pytest.raises(InputError, match="num_outputs must be at most 4"):
        runner.run(**predict_args(file_server.url("missing.safetensors"), num_outputs=8))
    assert runner.generator.calls == []


def test_random_seed_when_omitted(runner, file_server):
    file_server.put("a.safetensors", lora_bytes(seed=1))
    runner.run(**predict_args(file_server.url("a.safetensors"), seed=None, num_outputs=1))
    runner.run(**predict_args(file_server.url("a.safetensors"), seed=None, num_outputs=1))
    seeds = [c["seed"] for c in runner.generator.calls]
    assert all(0 <= s < 2**32 for s in seeds) and seeds[0] != seeds[1]


@pytest.mark.parametrize("fmt,pil_format", [("webp", "WEBP"), ("jpg", "JPEG"), ("png", "PNG")])
def test_output_formats(tmp_path, fmt, pil_format):
    img = Image.effect_noise((64, 48), 60).convert("RGB")
    (path,) = save_images([img], tmp_path, fmt, 80)
    assert path.suffix == f".{fmt}"
    with Image.open(path) as back:
        assert back.format == pil_format and back.size == (64, 48)


def test_quality_changes_lossy_file_size(tmp_path):
    img = Image.effect_noise((128, 128), 80).convert("RGB")
    (low,) = save_images([img], tmp_path / "low", "jpg", 10)
    (high,) = save_images([img], tmp_path / "high", "jpg", 95)
    assert low.stat().st_size < high.stat().st_size


class BlockSecond:
    """A safety checker whose verdict is fixed: the second image of every request is blocked."""

    def blocked(self, images):
        return [i == 1 for i in range(len(images))]


def test_a_blocked_image_is_replaced_and_named_not_dropped(runner, file_server, capsys):
    file_server.put("a.safetensors", lora_bytes(seed=1))
    runner.safety = BlockSecond()
    paths = runner.run(**predict_args(file_server.url("a.safetensors"), num_outputs=3, output_format="png"))
    assert [p.name for p in paths] == ["out-0.png", "blocked-1.png", "out-2.png"]
    with Image.open(paths[1]) as img:
        assert img.size == (816, 1024) and img.getcolors() == [(816 * 1024, (128, 128, 128))]
    with Image.open(paths[0]) as img:
        assert img.getpixel((0, 0)) != (128, 128, 128)
    assert "safety: blocked image(s) [1]" in capsys.readouterr().out
