"""Parse JSON or YAML secret documents, with errors that name the input but never echo its text.

A document of secrets is a mapping of names to values. A file that is something else (a password
file, a ``.env`` file read as YAML...) can still parse as a mapping whose keys are whole lines, so
every entry is checked: a malformed one is reported by its line number only, never by its content.
YAML is read with the configuration's strict loader (:mod:`ecoboard.config._yaml`): a key named
twice is refused rather than "the last one wins", and only ``true``/``false`` are booleans (a
password ``no`` stays text). JSON names a key twice as rarely on purpose: that is refused too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .._errors import SecretError
from ..config._yaml import DuplicateKeyError, StrictLoader, error_position, load_yaml

FORMATS = ("JSON", "YAML")

SECRET_NAME = re.compile(r"[A-Za-z0-9_.-]{1,253}")
"""A secret's name: the rule of a Kubernetes Secret key (letters, digits, ``-``, ``_``, ``.``)."""

ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
"""An environment variable's name (POSIX: letters, digits and ``_``, not starting with a digit)."""

NOT_SHOWN = "the line is not shown: it may hold a secret"

TWICE = f"a key named twice in one mapping ({NOT_SHOWN})"


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),  # before int: a bool is an int
    ((int, float), "a number"),
    (str, "text"),
    (dict, "a mapping"),
    (list, "a list"),
)


def kind_of(value: Any) -> str:
    """What ``value`` is, in words, without its content: ``null``, ``a mapping``, ``a number``..."""
    if value is None:
        return "null"
    return next((word for types, word in _KINDS if isinstance(value, types)), "an object")


def parse_document(text: str, fmt: str, what: str) -> Any:
    """Parse ``text`` as ``fmt`` (JSON or YAML); ``what`` names the input in errors."""
    fmt = str(fmt).upper()
    if fmt not in FORMATS:
        raise SecretError(f"{what}: expected a format JSON or YAML, got {fmt!r}")
    try:
        if fmt == "JSON":
            return json.loads(text)
        return load_yaml(text)
    except json.JSONDecodeError as exc:
        raise SecretError(f"{what}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise SecretError(f"{what}: line {line}: {TWICE}") from None
    except yaml.YAMLError as exc:
        position = error_position(exc, text)
        where = f" (line {position[0]}, column {position[1]})" if position else ""
        raise SecretError(f"{what}: not valid YAML{where}") from None


def read_text(path: str | Path, what: str) -> str:
    """The text of ``path``, or a SecretError naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SecretError(f"{what}: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SecretError(
            f"{what}: expected UTF-8 text in {path}, found a byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
        ) from None


def as_mapping(value: Any, what: str) -> dict[str, Any]:
    """``value`` as a dict with string keys, or a SecretError saying a mapping was expected."""
    if not isinstance(value, dict):
        raise SecretError(f"{what}: expected a mapping of secret names to values, got {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def _json_entries(text: str) -> list[tuple[str, Any, int]]:
    """``(key, value, line)`` of each member of the JSON object ``text`` (already known to parse as one)."""
    decoder, blank = json.JSONDecoder(), re.compile(r"[ \t\n\r]*")
    pos = blank.match(text, blank.match(text).end() + 1).end()  # past the opening brace
    entries: list[tuple[str, Any, int]] = []
    while text[pos] != "}":
        key, after = json.decoder.scanstring(text, pos + 1)
        line = text.count("\n", 0, pos) + 1
        value, pos = decoder.raw_decode(text, blank.match(text, blank.match(text, after).end() + 1).end())
        entries.append((key, value, line))
        pos = blank.match(text, pos).end()
        if text[pos] == ",":
            pos = blank.match(text, pos + 1).end()
    return entries


def _yaml_entries(text: str) -> list[tuple[Any, Any, int]]:
    """``(key, value, line)`` of each entry of the YAML mapping ``text`` (already known to parse as one)."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        loader.flatten_mapping(node)
        return [
            (loader.construct_object(k, deep=True), loader.construct_object(v, deep=True), k.start_mark.line + 1)
            for k, v in node.value
        ]
    finally:
        loader.dispose()


def secret_entries(text: str, fmt: str, what: str) -> list[tuple[str, Any, int]]:
    """``(name, value, line)`` of each entry of the document of secrets ``text``, each checked: a
    name (:data:`SECRET_NAME`) and a value. A bad entry is a :class:`SecretError` naming ``what`` and
    its line, never its text."""
    as_mapping(parse_document(text, fmt, what), what)
    is_json = str(fmt).upper() == "JSON"
    found = _json_entries(text) if is_json else _yaml_entries(text)
    seen: set[object] = set()
    for key, value, line in found:
        if not isinstance(key, str) or not SECRET_NAME.fullmatch(key) or value is None:
            raise SecretError(
                f"{what}: line {line}: expected a name of letters, digits, '-', '_' or '.' with a value ({NOT_SHOWN})"
            )
        if is_json and key in seen:  # YAML: refused by the loader (a key may override one merged in by <<)
            raise SecretError(f"{what}: line {line}: {TWICE}")
        seen.add(key)
    return [(str(key), value, line) for key, value, line in found]


def parse_secrets(text: str, fmt: str, what: str) -> dict[str, Any]:
    """The document of secrets ``text`` as a dict, every entry checked by :func:`secret_entries`."""
    return {name: value for name, value, _line in secret_entries(text, fmt, what)}


def check_text_values(values: dict[str, Any], what: str) -> None:
    """A SecretError naming the first key of ``values`` whose value is not text (never the value)."""
    for name, value in values.items():
        if not isinstance(value, str):
            raise SecretError(f"{what}: key {name!r}: expected text, got {kind_of(value)}")
