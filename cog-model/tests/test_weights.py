"""Base weights: configurable URL, fetched once into a cache folder, refused when unsafe or wrong."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from likeness_model import weights
from likeness_model.weights import BaseModelConfig, base_model_config, ensure_base_weights


def pipeline_tar(entries: dict[str, bytes], root: str = "FLUX.1-dev") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in entries.items():
            info = tarfile.TarInfo(f"{root}/{name}" if root else name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


PIPELINE = {"model_index.json": b'{"_class_name": "FluxPipeline"}', "transformer/config.json": b"{}"}


@pytest.fixture(autouse=True)
def no_pget(monkeypatch):
    # The Python fallback is what runs here; pget is a binary installed in the Cog image only.
    monkeypatch.setattr(weights.shutil, "which", lambda name: None)


def test_committed_config_is_flux_dev_with_its_licence():
    cfg = base_model_config({})
    assert cfg.name == "FLUX.1-dev"
    assert cfg.url.startswith("https://")
    assert "Non-Commercial" in cfg.licence
    alternatives = json.loads(weights.CONFIG_FILE.read_text())["alternatives"]
    assert alternatives["FLUX.1-schnell"]["licence"] == "Apache-2.0"


def test_env_overrides_the_url():
    cfg = base_model_config(
        {
            "LIKENESS_BASE_MODEL_URL": "https://mirror.test/schnell.tar",
            "LIKENESS_BASE_MODEL_NAME": "FLUX.1-schnell",
        }
    )
    assert (cfg.url, cfg.name) == ("https://mirror.test/schnell.tar", "FLUX.1-schnell")


def test_an_unnamed_override_is_named_without_its_signed_query():
    from likeness_model.safety import safety_settings

    signed = "https://mirror.test/weights/files.tar?X-Goog-Signature=secret"
    base = base_model_config({"LIKENESS_BASE_MODEL_URL": signed})
    checker = safety_settings({"LIKENESS_SAFETY_MODEL_URL": signed}).model
    for cfg in (base, checker):
        assert cfg.url == signed, "the fetch still uses the full URL"
        assert cfg.name == "https://mirror.test/weights/files.tar?…" and "secret" not in cfg.name
        assert cfg.licence == "see the model card"
    named = safety_settings(
        {
            "LIKENESS_SAFETY_MODEL_URL": signed,
            "LIKENESS_SAFETY_MODEL_NAME": "nsfw-vit",
            "LIKENESS_SAFETY_MODEL_LICENCE": "Apache-2.0",
        }
    ).model
    assert (named.name, named.licence) == ("nsfw-vit", "Apache-2.0")
    committed = safety_settings({}).model
    assert (committed.name, committed.licence) == ("Falconsai/nsfw_image_detection", "Apache-2.0")
    assert safety_settings({"LIKENESS_SAFETY": "off"}).enabled is False


def test_fetched_once_then_served_from_the_cache(tmp_path, file_server):
    file_server.put("files.tar", pipeline_tar(PIPELINE))
    cfg = BaseModelConfig("FLUX.1-dev", file_server.url("files.tar"), "test")
    first = ensure_base_weights(cfg, tmp_path / "w")
    second = ensure_base_weights(cfg, tmp_path / "w")
    assert first == second and first.name == "FLUX.1-dev"
    assert (first / "model_index.json").is_file() and (first / "transformer" / "config.json").is_file()
    assert file_server.full_gets("files.tar") == 1


def test_tar_without_a_top_folder_works(tmp_path, file_server):
    file_server.put("flat.tar", pipeline_tar(PIPELINE, root=""))
    got = ensure_base_weights(BaseModelConfig("x", file_server.url("flat.tar"), "t"), tmp_path / "w")
    assert (got / "model_index.json").is_file()


def test_local_folder_is_used_in_place(tmp_path):
    (tmp_path / "flux").mkdir()
    (tmp_path / "flux" / "model_index.json").write_text("{}")
    assert (
        ensure_base_weights(BaseModelConfig("x", str(tmp_path / "flux"), "t"), tmp_path / "w")
        == tmp_path / "flux"
    )


def test_unsafe_or_wrong_archives_leave_no_cache_entry(tmp_path, file_server):
    file_server.put("evil.tar", pipeline_tar({"../../escape.txt": b"x", **PIPELINE}))
    file_server.put("empty.tar", pipeline_tar({"readme.txt": b"x"}))
    cache = tmp_path / "w"
    with pytest.raises(tarfile.TarError):
        ensure_base_weights(BaseModelConfig("x", file_server.url("evil.tar"), "t"), cache)
    assert not (tmp_path / "escape.txt").exists()
    with pytest.raises(RuntimeError, match="model_index.json"):
        ensure_base_weights(BaseModelConfig("x", file_server.url("empty.tar"), "t"), cache)
    assert [p for p in cache.iterdir() if p.is_dir()] == []


def test_http_error_is_raised(tmp_path, file_server):
    with pytest.raises(Exception, match="403"):
        ensure_base_weights(
            BaseModelConfig("x", file_server.url("files.tar", sig="bad"), "t"), tmp_path / "w"
        )
