"""``ecoboard.example.yaml`` loads, equals the built-in defaults, and names every key of the model."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import yaml

from ecoboard.config import Config, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "ecoboard.example.yaml"


def model_paths(cls: type, prefix: str = "") -> set[str]:
    """Every key path of the config model; mappings of settings use '*' for their key."""
    paths = set()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        paths.add(path)
        tp = hints[f.name]
        args = typing.get_args(tp)
        if dataclasses.is_dataclass(tp):
            paths |= model_paths(tp, f"{path}.")
        elif typing.get_origin(tp) is dict and dataclasses.is_dataclass(args[1]):
            paths.add(f"{path}.*")
            paths |= model_paths(args[1], f"{path}.*.")
        elif typing.get_origin(tp) is tuple and dataclasses.is_dataclass(args[0]):
            paths |= model_paths(args[0], f"{path}[].")
    return paths


def yaml_paths(node: Any, prefix: str = "", in_settings_map: bool = False) -> set[str]:
    paths = set()
    if isinstance(node, dict):
        for key, value in node.items():
            name = "*" if in_settings_map else key
            path = f"{prefix}{name}"
            paths.add(path)
            if key == "options" or key in ("secretcfg", "secretdef"):
                continue
            paths |= yaml_paths(value, f"{path}.", in_settings_map=(path == "providers"))
    elif isinstance(node, list):
        for item in node:
            paths |= yaml_paths(item, prefix.rstrip(".") + "[].")
    return paths


def test_example_loads_and_equals_the_defaults() -> None:
    loaded = load_config(EXAMPLE, environ={})
    assert loaded == Config()
    assert loaded == load_config(None, environ={})


def test_example_names_every_key_of_the_model() -> None:
    documented = yaml_paths(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    assert model_paths(Config) - documented == set()
    assert documented - model_paths(Config) == set()
