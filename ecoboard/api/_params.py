"""Query parameters: one strict reading for every route.

A parameter given more than once (``?limit=1&limit=2``) is refused, not read as its first value.
Python's ``str.isdigit`` and ``int`` also take other scripts' digits (``"٣"``, fullwidth ``"３"``),
and ``isdigit`` takes superscripts that ``int`` then refuses; a number in a URL is ASCII digits only.
"""

from __future__ import annotations

from quart import request

MAX_DIGITS = 18
"""Significant digits a whole number may have (``int`` refuses very long texts with a ValueError)."""


class QueryError(Exception):
    """A query parameter the route cannot read; the app answers 422 with this message."""


def whole_number(text: str) -> int | None:
    """``text`` as an ``int`` when it is ASCII digits only (no sign, no space, at most
    :data:`MAX_DIGITS` significant digits), else ``None``."""
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > MAX_DIGITS:
        return None
    return int(text)


def text_param(name: str) -> str | None:
    """The query parameter ``name`` as given (``None`` when it is absent); :class:`QueryError` when
    it is given more than once."""
    values = request.args.getlist(name)
    if len(values) > 1:
        raise QueryError(f"{name}: expected it at most once, got it {len(values)} times")
    return values[0] if values else None


def int_param(name: str, default: int, low: int, high: int) -> int:
    """The query parameter ``name`` as a whole number from ``low`` to ``high`` (``default`` when it is
    absent); :class:`QueryError` naming the parameter and the value otherwise."""
    text = text_param(name)
    if text is None:
        return default
    value = whole_number(text)
    if value is None or not low <= value <= high:
        raise QueryError(f"{name}: expected a whole number from {low} to {high}, got {text!r}")
    return value


def choice_param(name: str, default: str, choices: tuple[str, ...]) -> str:
    """The query parameter ``name`` when it is one of ``choices`` (``default`` when it is absent);
    :class:`QueryError` naming the parameter and the value otherwise."""
    text = text_param(name)
    if text is None:
        return default
    if text not in choices:
        expected = ", ".join(choices[:-1]) + f" or {choices[-1]}"
        raise QueryError(f"{name}: expected {expected}, got {text!r}")
    return text
