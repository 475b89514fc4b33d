"""Validate a kind's normalized ``data`` against ``schemas/<kind>.schema.json`` (when the file exists)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from .._errors import PayloadError

_MESSAGE = 160


@cache
def _validator(kind: str) -> Any:
    resource = resources.files(__package__).joinpath("schemas", f"{kind}.schema.json")
    if not resource.is_file():
        return None
    schema = json.loads(resource.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def has_schema(kind: str) -> bool:
    """True when ``schemas/<kind>.schema.json`` exists."""
    return _validator(kind) is not None


def validate_data(kind: str, data: Any, *, provider: str = "") -> None:
    """Raise :class:`PayloadError` naming the JSON path of the first mismatch; no-op without a schema."""
    validator = _validator(kind)
    if validator is None:
        return
    error = best_match(validator.iter_errors(data))
    if error is None:
        return
    message = error.message if len(error.message) <= _MESSAGE else error.message[:_MESSAGE] + "…"
    who = f"{provider}: " if provider else ""
    raise PayloadError(f"{who}{kind} data does not match {kind}.schema.json at {error.json_path}: {message}",
                       provider=provider)
