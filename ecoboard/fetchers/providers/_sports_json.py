"""Tolerant reading of sports provider JSON (C14): optional fields default, required ones raise once.

A missing or mistyped optional field becomes ``None`` (one hidden cell); :func:`obj` and :func:`items`
read optional containers only. A required field (a game id, a team, a status block, the list of
games) that is missing or of the wrong type raises :class:`~ecoboard.PayloadError` naming its JSON
path (``require_*``, :func:`need_obj`), so the fetch writes nothing and the last good record stays
current: a malformed list of games is never read as a day without games.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..._errors import PayloadError

EMPTY: Mapping[str, Any] = {}


def obj(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else EMPTY


def items(value: Any) -> list[Any]:
    """``value`` when it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []


_MAX_DIGITS = 18
"""Longer numeric strings are no score, count or id (and beyond 4300 digits ``int()`` refuses them)."""


def opt_int(value: Any) -> int | None:
    """An integer from a JSON number or numeric string (``"20"``); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    digits = value.strip().removeprefix("-") if isinstance(value, str) else ""
    # ASCII digits only ("²" is a digit to str.isdigit but not to int) and no more than an id holds
    if digits.isascii() and digits.isdigit() and len(digits) <= _MAX_DIGITS:
        return int(value.strip())
    return None


def opt_count(value: Any, maximum: int | None = None) -> int | None:
    """A count (score, inning, balls...) in ``0..maximum``; anything else, or out of range, is None."""
    found = opt_int(value)
    if found is None or found < 0 or (maximum is not None and found > maximum):
        return None
    return found


def opt_str(value: Any) -> str | None:
    """A non-empty string, else None."""
    return value if isinstance(value, str) and value else None


def opt_bool(value: Any) -> bool | None:
    """A JSON boolean, else None."""
    return value if isinstance(value, bool) else None


def require(container: Any, key: str, path: str, provider: str) -> Any:
    """``container[key]``, or a :class:`PayloadError` naming ``path`` when it is absent or null."""
    value = container.get(key) if isinstance(container, Mapping) else None
    if value is None:
        raise PayloadError(f"required field {path} is missing", provider=provider)
    return value


def require_list(container: Any, key: str, path: str, provider: str) -> list[Any]:
    """``container[key]`` as a list, or a :class:`PayloadError` when it is absent or not an array."""
    value = require(container, key, path, provider)
    if not isinstance(value, list):
        raise PayloadError(f"{path} is not an array", provider=provider)
    return value


def need_obj(value: Any, path: str, provider: str) -> Mapping[str, Any]:
    """``value`` (found at ``path``), which must be a JSON object, else a :class:`PayloadError`."""
    if not isinstance(value, Mapping):
        raise PayloadError(f"{path} is not an object", provider=provider)
    return value


def require_obj(container: Any, key: str, path: str, provider: str) -> Mapping[str, Any]:
    """``container[key]`` as a JSON object, or a :class:`PayloadError` when it is absent or not an object."""
    return need_obj(require(container, key, path, provider), path, provider)


def require_int(container: Any, key: str, path: str, provider: str) -> int:
    """``container[key]`` as an integer id, or a :class:`PayloadError`."""
    value = opt_int(require(container, key, path, provider))
    if value is None:
        raise PayloadError(f"{path} is not an integer id", provider=provider)
    return value
