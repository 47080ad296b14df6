"""Resolution buckets: which aspect ratio and sizes a photo trains at, and batches of one bucket."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from likeness_model.buckets import BucketBatches, bucket_size, crop_box, long_sides, nearest_aspect_ratio
from likeness_model.schema import ASPECT_RATIOS, output_size
from train import BUCKET_ASPECT_RATIOS as SQUARE_FIRST


def test_the_trainer_buckets_by_every_served_ratio_square_first():
    assert SQUARE_FIRST[0] == "1:1" and sorted(SQUARE_FIRST) == sorted(ASPECT_RATIOS)


@pytest.mark.parametrize(
    "size, expected",
    [
        ((100, 100), "1:1"),
        ((800, 1000), "4:5"),
        ((600, 800), "3:4"),
        ((3000, 4500), "2:3"),
        ((1920, 1080), "16:9"),
        ((1080, 1920), "9:16"),
        # No landscape 3:2 is rendered: it is nearer 16:9 than the square.
        ((1500, 1000), "16:9"),
        ((1000, 1050), "1:1"),
    ],
)
def test_a_photo_goes_to_the_served_ratio_nearest_its_own(size, expected):
    assert nearest_aspect_ratio(*size, SQUARE_FIRST) == expected


def test_a_tie_goes_to_the_first_choice_and_square_only_means_square():
    # 4:3 sits exactly between 1:1 and 16:9 on a log scale (4/3 = sqrt(16/9)).
    assert nearest_aspect_ratio(1200, 900, SQUARE_FIRST) == "1:1"
    assert nearest_aspect_ratio(1920, 1080, ("1:1",)) == "1:1"
    with pytest.raises(ValueError, match="positive"):
        nearest_aspect_ratio(0, 10, SQUARE_FIRST)


def test_crop_box_is_the_largest_box_of_the_ratio_with_the_face_third_kept():
    # Portrait frame, square box: centred across, a third of the vertical slack above.
    assert crop_box(100, 160, "1:1") == (0, 20, 100, 120)
    # Landscape frame, square box: centred across, no vertical slack.
    assert crop_box(160, 100, "1:1") == (30, 0, 130, 100)
    # A frame of the box's own ratio is kept whole.
    assert crop_box(800, 1000, "4:5") == (0, 0, 800, 1000)
    # Wider than 4:5: full height, trimmed at the sides.
    assert crop_box(1000, 1000, "4:5") == (100, 0, 900, 1000)
    # Taller than 16:9: full width, trimmed top and bottom (a third of the slack above).
    assert crop_box(1600, 1000, "16:9") == (0, 33, 1600, 933)


def test_sizes_are_what_the_predictor_renders_at_each_scale():
    assert long_sides(1024, (0.5, 0.75, 1.0)) == [512, 768, 1024]
    assert long_sides(256, (0.5, 0.75, 1.0)) == [128, 192, 256]
    assert long_sides(256, (0.1,)) == [64], "no bucket below 64 px"
    for aspect in ASPECT_RATIOS:
        for long in (512, 768, 1024):
            w, h = bucket_size(aspect, long)
            assert (w, h) == output_size(aspect, long)
            assert max(w, h) == long and w % 16 == 0 and h % 16 == 0


def test_each_batch_holds_one_bucket_and_an_epoch_sees_every_photo_once():
    keys = ["1:1"] * 5 + ["4:5"] * 3 + ["16:9"] * 2
    batches = BucketBatches(keys, batch_size=2, rng=random.Random(0))
    # Per epoch: 1:1 → 2+2+1, 4:5 → 2+1, 16:9 → 2: six batches.
    for _epoch in range(3):
        epoch = [batches.next() for _ in range(6)]
        for batch in epoch:
            assert 1 <= len(batch) <= 2
            assert len({keys[i] for i in batch}) == 1, f"mixed buckets in {batch}"
        assert Counter(i for batch in epoch for i in batch) == Counter(range(len(keys)))
        assert sorted(len(b) for b in epoch) == [1, 1, 2, 2, 2, 2]


def test_batches_are_shuffled_across_buckets_and_repeat_with_the_seed():
    keys = ["1:1"] * 8 + ["4:5"] * 8

    def draw(seed: int) -> list[list[int]]:
        batches = BucketBatches(keys, 2, random.Random(seed))
        return [batches.next() for _ in range(8)]

    order = [keys[batch[0]] for batch in draw(3)]
    assert order != sorted(order) and order != sorted(order, reverse=True), "buckets interleave"
    assert draw(3) == draw(3), "seeded"
    assert draw(3) != draw(4)


def test_bad_batch_settings_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        BucketBatches(["1:1"], 0, random.Random(0))
    with pytest.raises(ValueError, match="no examples"):
        BucketBatches([], 1, random.Random(0))
