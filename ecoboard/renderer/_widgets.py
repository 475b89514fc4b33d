"""Small drawing helpers shared by pages: the first-refresh "waiting" frame, record lookup, age text."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ._canvas import Canvas
from ._context import PageContext
from ._fonts import get_font

log = logging.getLogger(__name__)

WAITING_COLOR = (110, 110, 130)


def draw_waiting(canvas: Canvas, kind: str, detail: str | None = None) -> None:
    """The first-refresh state: ``waiting for <kind>`` centred, plus an optional second line."""
    font = get_font("5x8")
    y = canvas.height // 2 - font.height
    canvas.text(font, canvas.width // 2, y, "waiting for", WAITING_COLOR, align="center")
    canvas.text(
        font,
        canvas.width // 2,
        y + font.height + 1,
        kind.replace("_", "/"),
        WAITING_COLOR,
        align="center",
        max_width=canvas.width,
    )
    if detail:
        small = get_font("4x6")
        canvas.text(
            small,
            canvas.width // 2,
            y + 2 * font.height + 4,
            detail,
            WAITING_COLOR,
            align="center",
            max_width=canvas.width,
        )


_warned: set[tuple[str, str]] = set()


def number_option(options: Mapping[str, Any], key: str, default: float, minimum: float) -> float:
    """A numeric page option at least ``minimum``; a value that is not a number falls back to ``default``
    (logged once per key and value).

    The second line of defence: page cycles are checked when loaded (:func:`page_option_errors` in
    ``ecoboard run``, ``ecoboard snapshot`` and the stored cycle), but a :class:`PageContext` built
    without that check (a test, a bench, an embedding program) must still not break the page.
    """
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # noqa: PLR0124 - NaN
        marker = (key, repr(value))
        if marker not in _warned:
            _warned.add(marker)
            log.warning("page option %s: expected a number, got %r; using %s", key, value, default)
        return default
    return max(float(value), minimum)


def record_data(ctx: PageContext, kind: str) -> Mapping[str, Any] | None:
    """The latest ``data`` of ``kind``, or ``None`` before the first successful fetch."""
    record = ctx.records.get(kind)
    return None if record is None else record.data


def age_text(seconds: float) -> str:
    """A short age: ``"45s"``, ``"12m"``, ``"3h"``, ``"2d"``."""
    seconds = max(seconds, 0)
    if seconds < 60:
        return f"{int(seconds)}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def wrap_words(text: str, fits: Callable[[str], bool], max_lines: int) -> list[str] | None:
    """Greedy word wrap of ``text`` into at most ``max_lines`` lines that each ``fits``; ``None`` if impossible."""
    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        elif fits(word) and len(lines) < max_lines:
            lines.append(word)
        else:
            return None
    return lines


def contrast_color(color: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on ``color``."""
    luma = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return (0, 0, 0) if luma > 110 else (255, 255, 255)


def readable_on_black(color: tuple[int, int, int], luma: float = 80.0) -> tuple[int, int, int]:
    """``color`` brightened (same hue) until its luma reaches ``luma`` or a channel reaches 255, so text
    in a dark band colour (the EPA's maroon for hazardous air) stays readable on a black panel."""
    current = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    if current >= luma or max(color) == 0:
        return color
    factor = min(luma / max(current, 1.0), 255 / max(color))
    return (round(color[0] * factor), round(color[1] * factor), round(color[2] * factor))


def disc_mask(radius: int) -> np.ndarray:
    """A filled circle of ``radius`` as a ``(2r+1, 2r+1)`` bool mask (cached)."""
    mask = _discs.get(radius)
    if mask is None:
        span = np.arange(-radius, radius + 1)
        mask = span[np.newaxis, :] ** 2 + span[:, np.newaxis] ** 2 <= radius * radius + radius
        mask.setflags(write=False)
        _discs[radius] = mask
    return mask


_discs: dict[int, np.ndarray] = {}
