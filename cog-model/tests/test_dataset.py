"""Training-set preparation from an untrusted archive: safety, orientation, sizes, captions."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from helpers import make_tar, make_zip, photo
from likeness_model import dataset
from likeness_model.dataset import caption_for, prepare_training_set, square_crop_box
from likeness_model.errors import InputError
from likeness_model.safe_archive import ArchiveLimits, iter_archive, safe_member_name
from train import BUCKET_ASPECT_RATIOS


def prepare(path: Path, **kw):
    args = dict(trigger="ohwx", subject_class="woman", resolution=64, autocaption=True)
    args.update(kw)
    return prepare_training_set(path, **args)


def test_zip_of_photos_becomes_square_rgb_examples_with_trigger_captions(tmp_path, training_photos):
    ts = prepare(make_zip(tmp_path / "d.zip", training_photos))
    assert len(ts.examples) == 5
    for ex in ts.examples:
        assert ex.image.mode == "RGB" and ex.image.size == (64, 64)
        assert ex.caption == "a photo of ohwx woman"
        assert not ex.upscaled
    assert ts.summary()["images"] == 5


def test_tar_gz_works_like_zip(tmp_path, training_photos):
    ts = prepare(make_tar(tmp_path / "d.tar.gz", training_photos, mode="w:gz"))
    assert [e.name for e in ts.examples] == sorted(training_photos)


def test_exif_orientation_is_applied(tmp_path, training_photos):
    # Stored landscape 120×80 with the top-left quarter red; EXIF 6 means "rotate 90° clockwise to view".
    img = Image.new("RGB", (120, 80), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif, quality=95)
    entries = dict(training_photos)
    entries["crops/rotated.jpg"] = buf.getvalue()
    ts = prepare(make_zip(tmp_path / "d.zip", entries), resolution=80)
    ex = next(e for e in ts.examples if e.name == "crops/rotated.jpg")
    assert ex.source_size == (80, 120), "upright: portrait after rotation"
    # After a clockwise turn the red quarter sits top-right of the upright frame; the square crop of a
    # portrait keeps the upper part, so red must be at the top right and blue at the top left.
    r, g, b = ex.image.getpixel((75, 5))
    assert r > 200 and b < 60
    r, g, b = ex.image.getpixel((5, 5))
    assert b > 200 and r < 60


def test_portrait_crop_keeps_the_upper_part_and_landscape_is_centred():
    assert square_crop_box(100, 160) == (0, 20, 100, 120)
    assert square_crop_box(160, 100) == (30, 0, 130, 100)


def test_with_aspect_buckets_each_photo_keeps_the_served_ratio_nearest_its_own(tmp_path):
    entries = {
        "square.jpg": photo((96, 96)),
        "portrait.jpg": photo((160, 200)),  # 4:5
        "tall.jpg": photo((90, 160)),  # 9:16
        "landscape.jpg": photo((300, 200)),  # 3:2: no landscape 3:2 is served, 16:9 is nearest
    }
    ts = prepare(make_zip(tmp_path / "d.zip", entries), resolution=64, aspect_ratios=BUCKET_ASPECT_RATIOS)
    got = {e.name: (e.aspect_ratio, e.image.size) for e in ts.examples}
    # Long side = resolution, short side as the predictor rounds it (core's outputSize).
    assert got == {
        "square.jpg": ("1:1", (64, 64)),
        "portrait.jpg": ("4:5", (48, 64)),
        "tall.jpg": ("9:16", (32, 64)),
        "landscape.jpg": ("16:9", (64, 32)),
    }
    assert ts.summary()["aspect_ratios"] == {"16:9": 1, "1:1": 1, "4:5": 1, "9:16": 1}
    # Without buckets (the default, and multi_resolution off) every photo is a square crop.
    square = prepare(make_zip(tmp_path / "s.zip", entries), resolution=64)
    assert {(e.aspect_ratio, e.image.size) for e in square.examples} == {("1:1", (64, 64))}
    with pytest.raises(InputError, match="aspect_ratio must be one of"):
        prepare(make_zip(tmp_path / "x.zip", entries), resolution=64, aspect_ratios=("5:4",))


def test_small_images_are_upscaled_and_flagged(tmp_path):
    entries = {f"p{i}.png": photo((40, 40), fmt="PNG") for i in range(4)}
    ts = prepare(make_zip(tmp_path / "d.zip", entries), resolution=64)
    assert all(e.upscaled and e.image.size == (64, 64) for e in ts.examples)
    assert ts.summary()["upscaled"] == 4


def test_transparent_png_is_flattened_on_white(tmp_path, training_photos):
    rgba = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    buf = io.BytesIO()
    rgba.save(buf, format="PNG")
    entries = dict(training_photos, **{"clear.png": buf.getvalue()})
    ex = next(e for e in prepare(make_zip(tmp_path / "d.zip", entries)).examples if e.name == "clear.png")
    assert ex.image.getpixel((10, 10)) == (255, 255, 255)


def test_captions_from_text_files(tmp_path, training_photos):
    entries = dict(training_photos)
    entries["crops/p0.txt"] = b"smiling, outdoors"
    entries["crops/p1.txt"] = "ohwx woman wearing glasses".encode()
    ts = prepare(make_zip(tmp_path / "d.zip", entries))
    caps = {e.name: e.caption for e in ts.examples}
    assert caps["crops/p0.jpg"] == "a photo of ohwx woman, smiling, outdoors"
    assert caps["crops/p1.jpg"] == "ohwx woman wearing glasses"
    assert caps["crops/p2.jpg"] == "a photo of ohwx woman"


def test_autocaption_off_requires_a_caption_per_image(tmp_path, training_photos):
    with pytest.raises(InputError, match="autocaption is off but 5 image"):
        prepare(make_zip(tmp_path / "d.zip", training_photos), autocaption=False)
    captioned = dict(training_photos, **{n.replace(".jpg", ".txt"): b"studio light" for n in training_photos})
    ts = prepare(make_zip(tmp_path / "c.zip", captioned), autocaption=False)
    assert {e.caption for e in ts.examples} == {"a photo of ohwx woman, studio light"}


def test_caption_rules():
    assert caption_for("ohwx", "man", None, True) == "a photo of ohwx man"
    assert caption_for("ohwx", "man", None, False) is None
    assert caption_for("ohwx", "man", "  a   ohwx man  ", True) == "a ohwx man"
    # 'ohwxy' is not the trigger: the template is prepended.
    assert caption_for("ohwx", "man", "ohwxy", True) == "a photo of ohwx man, ohwxy"


def test_corrupt_and_non_archive_inputs_fail_clearly(tmp_path, training_photos):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not an archive at all" * 10)
    with pytest.raises(InputError, match="not a zip or tar archive"):
        prepare(junk)
    good = make_zip(tmp_path / "d.zip", training_photos).read_bytes()
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="zip or tar|corrupt"):
        prepare(truncated)


def test_archive_without_images_fails_clearly(tmp_path):
    with pytest.raises(InputError, match="contains no images.*notes.md"):
        prepare(make_zip(tmp_path / "d.zip", {"notes.md": b"hello", "__MACOSX/._p.jpg": b"x"}))


def test_too_few_usable_images_names_the_reasons(tmp_path):
    entries = {"a.jpg": photo(), "b.jpg": photo(), "c.jpg": b"\xff\xd8 not really a jpeg", "d.pdf": b"%PDF"}
    with pytest.raises(InputError, match=r"2 usable image\(s\); at least 4.*c\.jpg"):
        prepare(make_zip(tmp_path / "d.zip", entries))


def test_corrupt_image_is_skipped_with_reason(tmp_path, training_photos):
    entries = dict(training_photos, **{"broken.jpg": photo()[:200]})
    ts = prepare(make_zip(tmp_path / "d.zip", entries))
    assert len(ts.examples) == 5
    assert [n for n, _ in ts.skipped] == ["broken.jpg"]


def test_zip_slip_entries_refuse_the_archive_and_write_nothing(tmp_path, training_photos):
    work = tmp_path / "work"
    work.mkdir()
    entries = dict(training_photos, **{"../evil.jpg": photo()})
    with pytest.raises(InputError, match="points outside the archive"):
        prepare(make_zip(work / "d.zip", entries))
    assert not (tmp_path / "evil.jpg").exists()
    with pytest.raises(InputError, match="absolute path"):
        prepare(make_zip(work / "e.zip", dict(training_photos, **{"/etc/evil.jpg": photo()})))
    for bad in ("a/../../x", "..", "C:/x", "..\\x"):
        with pytest.raises(InputError):
            safe_member_name(bad)
    assert safe_member_name("a/./b/../c.jpg") == "a/c.jpg"


def test_tar_links_and_devices_are_ignored(tmp_path, training_photos):
    path = make_tar(tmp_path / "d.tar", training_photos)
    with tarfile.open(path, "a") as tf:
        link = tarfile.TarInfo("crops/link.jpg")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        hard = tarfile.TarInfo("crops/hard.jpg")
        hard.type, hard.linkname = tarfile.LNKTYPE, "crops/p0.jpg"
        tf.addfile(hard)
    names = [m.name for m in iter_archive(path)]
    assert names == sorted(training_photos)


def test_zip_bomb_is_refused_by_ratio_and_by_bytes_read(tmp_path):
    bomb = make_zip(tmp_path / "bomb.zip", {"big.jpg": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(InputError, match="compression ratio"):
        list(iter_archive(bomb))
    with pytest.raises(InputError, match="larger than 1 MiB"):
        list(iter_archive(bomb, ArchiveLimits(max_member_bytes=1024 * 1024, max_zip_ratio=1e9)))


def test_zip_with_a_lying_size_header_is_caught_on_read(tmp_path):
    # Claim 10 bytes in the headers while the data inflates to 2 MiB: the bounded read notices.
    data = bytes(range(256)) * 8192
    path = make_zip(tmp_path / "liar.zip", {"a.jpg": data})
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("a.jpg")
    size_le = info.file_size.to_bytes(4, "little")
    raw = raw.replace(size_le, (10).to_bytes(4, "little"))
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError):
        list(iter_archive(path, ArchiveLimits(max_member_bytes=1024, max_zip_ratio=1e9)))


def test_member_count_and_total_size_limits(tmp_path):
    many = make_zip(tmp_path / "many.zip", {f"{i}.txt": b"x" for i in range(12)})
    with pytest.raises(InputError, match="more than 10 files"):
        list(iter_archive(many, ArchiveLimits(max_members=10)))
    big = make_tar(tmp_path / "big.tar", {f"{i}.jpg": b"y" * 1000 for i in range(5)})
    with pytest.raises(InputError, match="unpacks to more than"):
        list(iter_archive(big, ArchiveLimits(max_total_bytes=3000)))


def test_pixel_bomb_images_are_skipped(tmp_path, training_photos, monkeypatch):
    monkeypatch.setattr(dataset, "MAX_IMAGE_PIXELS", 150 * 150)
    entries = dict(training_photos, **{"huge.png": photo((200, 200), fmt="PNG")})
    ts = prepare(make_zip(tmp_path / "d.zip", entries))
    assert dict(ts.skipped)["huge.png"].startswith("image is 200×200")


def test_bad_resolution_and_class_are_refused(tmp_path, training_photos):
    path = make_zip(tmp_path / "d.zip", training_photos)
    with pytest.raises(InputError, match="multiple of 16"):
        prepare(path, resolution=100)
    with pytest.raises(InputError, match="subject_class"):
        prepare(path, subject_class="cat")
