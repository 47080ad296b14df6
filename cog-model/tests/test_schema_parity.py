"""Cog's view of train.py / predict.py against the JSON Schema exported from packages/core.

The inputs are read with Cog's own inspector (the code `cog build` uses to make the model's OpenAPI
schema), so what is compared is what Replicate will show and enforce."""

from __future__ import annotations

import json
import math

import pytest
from cog import _inspector
from cog._adt import PrimitiveType, Repetition

from likeness_model.errors import InputError
from likeness_model.schema import (
    PREDICTOR_SCHEMA_FILE,
    SCHEMA_DIR,
    TRAINER_SCHEMA_FILE,
    load_schema,
    output_size,
    validate_input,
)

ENTRY_POINTS = {TRAINER_SCHEMA_FILE: ("train", "train"), PREDICTOR_SCHEMA_FILE: ("predict", "Runner")}
JSON_TYPES = {
    "string": PrimitiveType.STRING,
    "integer": PrimitiveType.INTEGER,
    "number": PrimitiveType.FLOAT,
    "boolean": PrimitiveType.BOOL,
}
# JSON Schema keywords this test knows how to compare; a new one in core fails until it is mapped.
KNOWN = {
    "type",
    "format",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
}


def cog_inputs(schema_file: str):
    module, name = ENTRY_POINTS[schema_file]
    return _inspector.create_predictor(module, name).inputs


@pytest.mark.parametrize("schema_file", [TRAINER_SCHEMA_FILE, PREDICTOR_SCHEMA_FILE])
def test_cog_inputs_match_core_schema(schema_file: str) -> None:
    schema = load_schema(schema_file)
    props = schema["properties"]
    required = set(schema.get("required", []))
    inputs = cog_inputs(schema_file)

    assert list(inputs) == list(props), "same inputs, in the same order (Replicate's form follows it)"
    for name, spec in props.items():
        field = inputs[name]
        unknown = set(spec) - KNOWN
        assert not unknown, f"{name}: JSON Schema keywords {unknown} are not mirrored yet"
        assert field.description, f"{name}: Replicate shows the description; write one"

        if spec.get("format") == "uri":
            # A URL Cog downloads (Path) or one the model fetches itself (str, checked in validate_input).
            assert field.type.primitive in (PrimitiveType.PATH, PrimitiveType.STRING), name
        else:
            assert field.type.primitive == JSON_TYPES[spec["type"]], f"{name}: type"

        if "default" in spec:
            assert field.type.repetition == Repetition.REQUIRED, f"{name}: has a default, so not Optional"
            assert field.default == spec["default"], f"{name}: default"
            python_type = {"integer": int, "number": float, "boolean": bool, "string": str}[spec["type"]]
            assert type(field.default) is python_type, f"{name}: default is a {type(field.default).__name__}"
        elif name in required:
            assert field.default is None and field.type.repetition == Repetition.REQUIRED, f"{name}: required"
        else:
            assert field.default is None and field.type.repetition == Repetition.OPTIONAL, f"{name}: optional"

        assert field.ge == spec.get("minimum"), f"{name}: minimum"
        assert field.le == spec.get("maximum"), f"{name}: maximum"
        assert field.min_length == spec.get("minLength"), f"{name}: minLength"
        assert field.max_length == spec.get("maxLength"), f"{name}: maxLength"
        assert field.regex == spec.get("pattern"), f"{name}: pattern"
        assert field.choices == spec.get("enum"), f"{name}: enum"


@pytest.mark.parametrize("schema_file", [TRAINER_SCHEMA_FILE, PREDICTOR_SCHEMA_FILE])
def test_what_cog_cannot_declare_is_enforced_by_validate_input(schema_file: str) -> None:
    schema = load_schema(schema_file)
    base = {"trigger_word": "ohwx", "subject_class": "man", "input_images": "/tmp/x.zip"}
    if schema_file == PREDICTOR_SCHEMA_FILE:
        base = {"prompt": "a photo of ohwx man", "lora_weights": "https://example.test/l.safetensors"}
    local = ("input_images",) if schema_file == TRAINER_SCHEMA_FILE else ()
    for name, spec in schema["properties"].items():
        if "exclusiveMinimum" in spec:
            bound = spec["exclusiveMinimum"]
            with pytest.raises(InputError, match=f"{name} must be greater than"):
                validate_input(schema_file, {**base, name: bound}, local_paths=local)
            ok = validate_input(
                schema_file, {**base, name: math.nextafter(bound, math.inf)}, local_paths=local
            )
            assert ok[name] > bound
        if spec.get("format") == "uri" and name not in local:
            with pytest.raises(InputError, match=f"{name} must be an http"):
                validate_input(schema_file, {**base, name: "ftp://example.test/x"}, local_paths=local)


def test_entry_point_outputs() -> None:
    predictor = _inspector.create_predictor("predict", "Runner")
    assert predictor.output.kind.name == "LIST" and predictor.output.type == PrimitiveType.PATH
    trainer = _inspector.create_predictor("train", "train")
    assert trainer.output.kind.name == "OBJECT"
    assert trainer.output.fields["weights"].primitive == PrimitiveType.PATH


def test_validate_fills_defaults_and_reports_clearly() -> None:
    args = validate_input(
        PREDICTOR_SCHEMA_FILE, {"prompt": "p", "lora_weights": "https://x.test/a?sig=secret"}
    )
    assert args["num_outputs"] == 4 and args["aspect_ratio"] == "4:5" and args["seed"] is None
    with pytest.raises(InputError) as err:
        validate_input(
            PREDICTOR_SCHEMA_FILE,
            {"prompt": "p", "lora_weights": "https://x.test/a", "num_outputs": 9, "aspect_ratio": "5:4"},
        )
    assert "num_outputs must be at most 4 (got 9)" in str(err.value)
    assert "aspect_ratio must be one of 1:1, 4:5" in str(err.value)


def test_absurd_steps_and_bad_trigger_are_refused() -> None:
    base = {"input_images": "/tmp/x.zip", "subject_class": "woman"}
    with pytest.raises(InputError, match="steps must be at most 6000"):
        validate_input(
            TRAINER_SCHEMA_FILE,
            {**base, "trigger_word": "ohwx", "steps": 100000},
            local_paths=("input_images",),
        )
    with pytest.raises(InputError, match="trigger_word must match"):
        validate_input(TRAINER_SCHEMA_FILE, {**base, "trigger_word": "Oh wx"}, local_paths=("input_images",))
    with pytest.raises(InputError, match="steps must be of type integer"):
        validate_input(
            TRAINER_SCHEMA_FILE,
            {**base, "trigger_word": "ohwx", "steps": True},
            local_paths=("input_images",),
        )
    with pytest.raises(InputError, match="unknown input"):
        validate_input(
            TRAINER_SCHEMA_FILE, {**base, "trigger_word": "ohwx", "epochs": 3}, local_paths=("input_images",)
        )


def test_messages_never_echo_a_signed_query() -> None:
    with pytest.raises(InputError) as err:
        validate_input(PREDICTOR_SCHEMA_FILE, {"prompt": "p", "lora_weights": "ftp://x.test/a?sig=topsecret"})
    assert "topsecret" not in str(err.value)


def test_output_size_matches_core() -> None:
    table = json.loads((SCHEMA_DIR / "output-sizes.json").read_text())["sizes"]
    assert table, "the exported table is empty"
    for aspect, by_side in table.items():
        for side, size in by_side.items():
            assert output_size(aspect, int(side)) == (size["width"], size["height"]), (aspect, side)
