"""Query parameters: one strict reading of whole numbers for every route.

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


def int_param(name: str, default: int, low: int, high: int) -> int:
    """The query parameter ``name`` as a whole number from ``low`` to ``high`` (``default`` when it is
    absent); :class:`QueryError` naming the parameter and the value otherwise."""
    text = request.args.get(name)
    if text is None:
        return default
    value = whole_number(text)
    if value is None or not low <= value <= high:
        raise QueryError(f"{name}: expected a whole number from {low} to {high}, got {text!r}")
    return value
