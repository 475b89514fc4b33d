"""Validate a kind's normalized ``data`` against ``schemas/<kind>.schema.json`` and run the TRANSFORM step."""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from .._errors import PayloadError
from ._provider import FetchContext, Provider

_MESSAGE = 160


def _is_zone(value: object) -> bool:
    """A zone name consumers can load (``ZoneInfo(name)``): an unusable zone is never stored."""
    if not isinstance(value, str):
        return True  # the type is the schema's "type" keyword's business
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@cache
def _validator(kind: str) -> Any:
    resource = resources.files(__package__).joinpath("schemas", f"{kind}.schema.json")
    if not resource.is_file():
        return None
    schema = json.loads(resource.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    formats = jsonschema.FormatChecker(formats=())
    formats.checkers = {**cls.FORMAT_CHECKER.checkers, "iana-time-zone": (_is_zone, ())}
    return cls(schema, format_checker=formats)


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


def transform_answers(provider: Provider, kind: str, answers: Mapping[str, Any],
                      ctx: FetchContext) -> tuple[dict[str, Any], float]:
    """TRANSFORM and validate (blocking, pure): the record's data and the delay to the next fetch.

    The one place a transform's :class:`PayloadError` gets its ``<provider>: <kind>:`` prefix
    (providers and their helpers never add it). Answers no plain reader survives are bad payloads
    too, never bugs: nesting deeper than the interpreter's recursion limit, numbers out of range.
    """
    name = provider.name
    try:
        data = provider.transform(answers, ctx)
        delay = float(provider.next_poll(data, ctx))
    except PayloadError as exc:
        raise PayloadError(f"{name}: {kind}: {exc}", provider=name) from exc
    except RecursionError:
        raise PayloadError(f"{name}: {kind}: the answer is nested too deeply to read", provider=name) from None
    except OverflowError as exc:
        raise PayloadError(f"{name}: {kind}: a number in the answer is out of range ({exc})",
                           provider=name) from None
    validate_data(kind, data, provider=name)
    return data, delay
