"""Overlay markers drawn over every page: a stale glyph per kind (C25) and the paused glyph."""

from __future__ import annotations

import numpy as np

from ._canvas import Canvas
from ._fonts import get_font

STALE_COLOR = (255, 160, 0)
PAUSED_COLOR = (255, 255, 255)

_HOURGLASS = np.array(
    [[c == "#" for c in row] for row in ("#####", ".###.", "..#..", "..#..", ".#.#.", "#####")], dtype=bool
)
_HOURGLASS.setflags(write=False)
_KIND_LETTER = {"weather": "W", "aqi": "A", "mlb": "M", "nfl": "N", "sun_moon": "S"}


def draw_stale(canvas: Canvas, kinds: list[str]) -> None:
    """Bottom-right, right to left: an amber hourglass plus the kind's letter for each stale kind."""
    font = get_font("4x6")
    x = canvas.width
    y = canvas.height - font.height
    for kind in kinds:
        letter = _KIND_LETTER.get(kind, kind[:1].upper() or "?")
        width = _HOURGLASS.shape[1] + 1 + font.measure(letter)
        x -= width + 1
        canvas.fill_rect(x - 1, y - 1, x + width - 1, canvas.height - 1, (0, 0, 0))
        canvas.blit_mask(_HOURGLASS, x, y, STALE_COLOR)
        canvas.blit_mask(font.raster(letter), x + _HOURGLASS.shape[1] + 1, y, STALE_COLOR)


def draw_paused(canvas: Canvas) -> None:
    """Top-right: two white 2x6 bars on a black backing."""
    x = canvas.width - 7
    canvas.fill_rect(x - 1, 0, canvas.width - 1, 8, (0, 0, 0))
    canvas.fill_rect(x, 1, x + 1, 7, PAUSED_COLOR)
    canvas.fill_rect(x + 3, 1, x + 4, 7, PAUSED_COLOR)
