"""Load ``ecoboard.yaml``: defaults, then the file, then ``ECOBOARD__SECTION__KEY`` environment overrides,
converted into the frozen model with every value checked.

Errors name the file, the key path and what was expected, for example
``ecoboard.yaml: location.lat: expected a number between -90 and 90, got 'abc'``.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from .._errors import ConfigError
from ._model import Config

ENV_PREFIX = "ECOBOARD__"


class _Invalid(Exception):
    def __init__(self, path: str, expectation: str, value: Any) -> None:
        super().__init__(path)
        self.path, self.expectation, self.value = path, expectation, value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _convert(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, path)
    if origin is Literal:
        if value not in args:
            raise _Invalid(path, "one of " + ", ".join(repr(a) for a in args), value)
        return value
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, path)
    if origin is tuple:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            raise _Invalid(path, "a list", value)
        return tuple(_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, Mapping):
            raise _Invalid(path, "a mapping", value)
        return {str(k): _convert(args[1], v, _join(path, str(k))) for k, v in value.items()}
    if tp is Any:
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise _Invalid(path, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(path, "a whole number", value)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Invalid(path, "a number", value)
        return float(value)
    if tp is str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise _Invalid(path, "a string", value)
        return str(value)
    raise TypeError(f"config model uses an unsupported type {tp!r} at {path}")


def _build(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, Mapping):
        raise _Invalid(path or "(top level)", "a mapping", value)
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise _Invalid(_join(path, str(unknown[0])), "one of the keys " + ", ".join(fields), value[unknown[0]])
    kwargs = {}
    for name, fld in fields.items():
        if name not in value:
            continue
        check = fld.metadata.get("check")
        try:
            converted = _convert(hints[name], value[name], _join(path, name))
        except _Invalid as bad:
            if check and bad.path == _join(path, name):
                raise _Invalid(bad.path, check[1], bad.value) from None
            raise
        if check and converted is not None and not check[0](converted):
            raise _Invalid(_join(path, name), check[1], value[name])
        kwargs[name] = converted
    try:
        return cls(**kwargs)
    except TypeError as exc:
        missing = [n for n, f in fields.items() if n not in value and f.default is dataclasses.MISSING
                   and f.default_factory is dataclasses.MISSING]
        raise _Invalid(_join(path, missing[0] if missing else ""), "a value (required)", None) from exc


def _merge(base: dict[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, val in overlay.items():
        if isinstance(val, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], val)
        else:
            out[key] = val
    return out


def _env_overlay(environ: Mapping[str, str]) -> dict[str, Any]:
    overlay: dict[str, Any] = {}
    for name, text in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        keys = [k.lower() for k in name[len(ENV_PREFIX):].split("__") if k]
        node = overlay
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = yaml.safe_load(text) if text.strip() else ""
    return overlay


def _as_plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _as_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {k: _as_plain(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        return [_as_plain(v) for v in obj]
    return obj


def parse_config(data: Mapping[str, Any] | None, *, source: str = "ecoboard.yaml",
                 environ: Mapping[str, str] | None = None) -> Config:
    """Build a :class:`Config` from already-parsed YAML data plus environment overrides."""
    merged = _as_plain(Config())
    try:  # lists (the page cycle, teams) replace the default as a whole; mappings merge key by key
        merged = _merge(merged, data or {})
        merged = _merge(merged, _env_overlay(os.environ if environ is None else environ))
        return _build(Config, merged, "")
    except _Invalid as bad:
        raise ConfigError(f"{source}: {bad.path}: expected {bad.expectation}, got {bad.value!r}") from None


def load_config(path: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None) -> Config:
    """Load the configuration file at ``path`` (or only defaults and environment when ``None``)."""
    if path is None:
        return parse_config({}, source="(defaults)", environ=environ)
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the configuration file: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{file}: not valid YAML{where}") from None
    if data is not None and not isinstance(data, Mapping):
        raise ConfigError(f"{file}: (top level): expected a mapping, got {type(data).__name__}")
    return parse_config(data, source=str(file), environ=environ)
