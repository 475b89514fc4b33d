"""Parse JSON or YAML secret documents, with errors that name the input but never echo its text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .._errors import SecretError

FORMATS = ("JSON", "YAML")


def parse_document(text: str, fmt: str, what: str) -> Any:
    """Parse ``text`` as ``fmt`` (JSON or YAML); ``what`` names the input in errors."""
    fmt = str(fmt).upper()
    if fmt not in FORMATS:
        raise SecretError(f"{what}: expected a format JSON or YAML, got {fmt!r}")
    try:
        if fmt == "JSON":
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise SecretError(f"{what}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise SecretError(f"{what}: not valid YAML{where}") from None


def read_text(path: str | Path, what: str) -> str:
    """The text of ``path``, or a SecretError naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SecretError(f"{what}: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SecretError(f"{what}: expected UTF-8 text in {path}, found a byte 0x{exc.object[exc.start]:02x} "
                          f"at offset {exc.start}") from None


def as_mapping(value: Any, what: str) -> dict[str, Any]:
    """``value`` as a dict with string keys, or a SecretError saying a mapping was expected."""
    if not isinstance(value, dict):
        raise SecretError(f"{what}: expected a mapping of secret names to values, got {type(value).__name__}")
    return {str(k): v for k, v in value.items()}
