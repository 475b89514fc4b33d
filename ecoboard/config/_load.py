"""Load ``ecoboard.yaml``: defaults, then the file, then ``ECOBOARD__SECTION__KEY`` environment overrides,
converted into the frozen model with every value checked.

Errors name the file, the key path and what was expected, for example
``ecoboard.yaml: location.lat: expected a number between -90 and 90, got 'abc'``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from .._errors import ConfigError
from .._urls import redact_urls_in
from ._model import Config
from ._yaml import DuplicateKeyError, error_position, load_yaml

ENV_PREFIX = "ECOBOARD__"


_UNSHOWN = object()
"""Stands for a value an error must not echo (the value of an unknown key may be anything, a password too)."""


def _without_url_secrets(value: Any) -> Any:
    """``value`` with every URL in its texts shown by :func:`~ecoboard._urls.redact_url`."""
    if isinstance(value, str):
        return redact_urls_in(value)
    if isinstance(value, Mapping):
        return {k: _without_url_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_url_secrets(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_without_url_secrets(v) for v in value)
    return value


def shown(value: Any) -> str:
    """``value`` as an error shows it: passwords and secret query parameters of URLs masked, long values
    shortened."""
    if value is _UNSHOWN:
        return "an unknown key"
    text = repr(_without_url_secrets(value))
    return text if len(text) <= 80 else text[:77] + "..."


class _Invalid(Exception):
    def __init__(self, path: str, expectation: str, value: Any, note: str | None = None) -> None:
        super().__init__(path)
        self.path, self.expectation, self.value, self.note = path, expectation, value, note


class _EnvText(str):
    """A text that came from an environment variable, where a list is written as comma-separated text."""


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _convert(tp: Any, value: Any, path: str) -> Any:
    if isinstance(value, _EnvText):
        value = str(value)  # the model holds plain texts
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
        if isinstance(value, str) and not dataclasses.is_dataclass(args[0]):
            value = [v.strip() for v in value.split(",")] if value.strip() else []  # "a,,b": an empty entry
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
    unknown = sorted(str(k) for k in set(value) - set(fields))
    if unknown:
        raise _Invalid(_join(path, unknown[0]), "one of the keys " + ", ".join(fields), _UNSHOWN)
    kwargs = {}
    for name, fld in fields.items():
        if name not in value:
            continue
        check = fld.metadata.get("check")
        allowed_keys = fld.metadata.get("keys")
        if allowed_keys and isinstance(value[name], Mapping):
            for key in value[name]:
                if key not in allowed_keys:
                    raise _Invalid(_join(_join(path, name), str(key)), "one of " + ", ".join(allowed_keys), _UNSHOWN)
        raw = value[name]
        if "list_only" in fld.metadata and isinstance(raw, str) and not isinstance(raw, _EnvText):
            raise _Invalid(_join(path, name), fld.metadata["list_only"], raw)
        if fld.metadata.get("text_only") and check and not isinstance(raw, str):
            raise _Invalid(_join(path, name), check[1], raw)
        try:
            converted = _convert(hints[name], raw, _join(path, name))
        except _Invalid as bad:
            if check and bad.path == _join(path, name):
                raise _Invalid(bad.path, check[1], bad.value) from None
            raise
        if check and converted is not None and not check[0](converted):
            note = fld.metadata.get("note")
            raise _Invalid(_join(path, name), check[1], raw, note(raw) if note else None)
        _check_each(fld.metadata.get("each"), converted, _join(path, name))
        kwargs[name] = converted
    try:
        return cls(**kwargs)
    except TypeError as exc:
        missing = [
            n
            for n, f in fields.items()
            if n not in value and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        raise _Invalid(_join(path, missing[0] if missing else ""), "a value (required)", None) from exc


def _check_each(check: tuple[Any, str] | None, items: Any, path: str) -> None:
    """Refuse the first entry of the list ``items`` that fails ``check`` (``None``: no check)."""
    for index, item in enumerate(items if check else ()):
        if not check[0](item):
            raise _Invalid(f"{path}[{index}]", check[1], item)


def _check_mode(config: Config) -> None:
    """Cluster and hybrid boards share records through PostgreSQL and Redis: an embedded SQLite store
    or in-process bus would leave the board waiting forever for records nobody can send it."""
    if config.mode == "local":
        return
    if not config.store.url_secret and config.store.url.startswith("sqlite:"):
        raise _Invalid(
            "store.url", f"a postgresql:// URL (or store.url_secret) in {config.mode} mode", config.store.url
        )
    if not config.bus.url_secret and config.bus.url.startswith("memory:"):
        raise _Invalid("bus.url", f"a redis:// URL (or bus.url_secret) in {config.mode} mode", config.bus.url)


def _check_cluster_kinds(config: Config) -> None:
    """``cluster_kinds`` means something in hybrid mode only, and there it must name a kind."""
    kinds = list(config.cluster_kinds)
    if config.mode == "hybrid" and not kinds:
        raise _Invalid("cluster_kinds", "at least one kind in hybrid mode (with none, use mode: local)", kinds)
    if config.mode != "hybrid" and kinds:
        whole = "every kind comes from the cluster" if config.mode == "cluster" else "this board fetches every kind"
        raise _Invalid("cluster_kinds", f"[] in {config.mode} mode ({whole}; only hybrid mode reads it)", kinds)


def _merge(base: dict[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, val in overlay.items():
        if isinstance(val, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], val)
        else:
            out[key] = val
    return out


def _env_value(text: str) -> Any:
    """An environment value: a YAML scalar or list when it reads as one (``42``, ``true``, ``[a, b]``),
    else the text itself (``sqlite:///:memory:``, ``[unclosed``, ``a: b``)."""
    if not text.strip():
        return ""
    try:
        value = load_yaml(text)
    except yaml.YAMLError:
        return _EnvText(text)
    if isinstance(value, dict):
        return _EnvText(text)
    return _EnvText(value) if isinstance(value, str) else value


def _env_overlay(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The overrides as nested data, and which variable set each key path."""
    overlay: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for name, text in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        keys = [k.lower() for k in name[len(ENV_PREFIX) :].split("__") if k]
        if not keys:
            continue
        node = overlay
        for key in keys[:-1]:
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                raise ConfigError(
                    f"environment variable {name}: {'.'.join(keys[:-1])} is set as a value "
                    "by another variable, so it has no keys"
                )
            node = child
        node[keys[-1]] = _env_value(text)
        origins[".".join(keys)] = name
    return overlay, origins


def _origin(path: str, origins: Mapping[str, str], source: str) -> str:
    """Name the environment variable behind ``path`` (or its parent, or else the first of its children: an
    unknown key set as ``ECOBOARD__BOGUS__X``), else the file."""
    candidate = path
    while candidate:
        if candidate in origins:
            return f"environment variable {origins[candidate]}"
        candidate = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", candidate) if ("." in candidate or "[" in candidate) else ""
    children = sorted(key for key in origins if key.startswith(f"{path}."))
    return f"environment variable {origins[children[0]]}" if children else source


def config_problems(
    problems: list[str], source: str | None, *, environ: Mapping[str, str] | None = None
) -> ConfigError:
    """One :class:`ConfigError` line for checks made after loading (page options, provider options).

    Each problem starts with its key path (``providers.mlb.options.x: expected ...``) and is named by
    where that key was set: the environment variable that set it or one of its parents, else ``source``
    (the file; ``None``: the built-in defaults). Problems with the same origin share one prefix:
    ``ecoboard.yaml: a; b; environment variable ECOBOARD__X: c``.
    """
    _, origins = _env_overlay(os.environ if environ is None else environ)
    parts: list[str] = []
    last = None
    for problem in problems:
        where = _origin(problem.split(": ", 1)[0], origins, source or "(defaults)")
        parts.append(problem if where == last else f"{where}: {problem}")
        last = where
    return ConfigError("; ".join(parts))


def _as_plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _as_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {k: _as_plain(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        return [_as_plain(v) for v in obj]
    return obj


def parse_config(
    data: Mapping[str, Any] | None, *, source: str = "ecoboard.yaml", environ: Mapping[str, str] | None = None
) -> Config:
    """Build a :class:`Config` from already-parsed YAML data plus environment overrides."""
    merged = _as_plain(Config())
    overlay, origins = _env_overlay(os.environ if environ is None else environ)
    try:  # lists (the page cycle, teams) replace the default as a whole; mappings merge key by key
        merged = _merge(merged, data or {})
        merged = _merge(merged, overlay)
        config = _build(Config, merged, "")
        _check_mode(config)
        _check_cluster_kinds(config)
        return config
    except _Invalid as bad:
        where = _origin(bad.path, origins, source)
        note = f" ({bad.note})" if bad.note else ""
        raise ConfigError(f"{where}: {bad.path}: expected {bad.expectation}, got {shown(bad.value)}{note}") from None


def load_config(path: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None) -> Config:
    """Load the configuration file at ``path`` (or only defaults and environment when ``None``)."""
    if path is None:
        return parse_config({}, source="(defaults)", environ=environ)
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the configuration file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{file}: expected UTF-8 text, found byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
        ) from None
    try:
        data = load_yaml(text)
    except DuplicateKeyError as exc:
        raise ConfigError(f"{file}: {exc}") from None
    except yaml.YAMLError as exc:
        position = error_position(exc, text)
        where = f" at line {position[0]}, column {position[1]}" if position else ""
        raise ConfigError(f"{file}: not valid YAML{where}") from None
    if data is not None and not isinstance(data, Mapping):
        raise ConfigError(f"{file}: (top level): expected a mapping, got {type(data).__name__}")
    return parse_config(data, source=str(file), environ=environ)


def configured_keys(
    path: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None
) -> frozenset[str]:
    """The top-level keys (``location``, ``timezone``...) that the file at ``path`` or an
    ``ECOBOARD__*`` variable sets, whatever their values: what the user chose, as opposed to a
    default. Call it after :func:`load_config` accepted the same file (it is read again)."""
    keys = set(_env_overlay(os.environ if environ is None else environ)[0])
    if path is not None:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, Mapping):
            keys |= {str(key) for key in data}
    return frozenset(keys)
