"""Overlay markers drawn over every page: a stale glyph per kind (C25) and the paused glyph.

Each goes in a corner its page leaves empty. By default the stale glyphs sit at the bottom right (right
to left, one per stale kind) and the paused glyph at the top right; a page's layout moves them with the
elements ``marker_corner`` (the stale glyphs end at its right and bottom edges) and ``pause_corner``
(the paused glyph's top-left). :func:`marker_boxes` says where they land, so tests can prove that no
page draws there.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ._canvas import HEIGHT, WIDTH, Canvas
from ._fonts import get_font
from ._layout import DEFAULT_SIZE, LAYOUT_DIR, get_layout

STALE_COLOR = (255, 160, 0)
PAUSED_COLOR = (255, 255, 255)

Box = tuple[int, int, int, int]
"""``(x0, y0, x1, y1)`` in panel pixels, x1 and y1 excluded."""

_HOURGLASS = np.array(
    [[c == "#" for c in row] for row in ("#####", ".###.", "..#..", "..#..", ".#.#.", "#####")], dtype=bool
)
_HOURGLASS.setflags(write=False)
_KIND_LETTER = {"weather": "W", "aqi": "A", "mlb": "M", "nfl": "N", "sun_moon": "S"}
_LETTER_FONT = "4x6"
_STALE_STEP = _HOURGLASS.shape[1] + 1 + 4 + 1  # hourglass, gap, letter (4x6: 4 wide), gap
_STALE_HEIGHT = _HOURGLASS.shape[0] + 1  # the glyphs and one row of black backing above them
PAUSE_SIZE = (8, 9)
"""Width and height of the paused glyph with its black backing."""


@cache
def marker_corners(page: str, width: int = WIDTH, height: int = HEIGHT) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where ``page``'s markers go: the stale glyphs' bottom-right ``(x, y)`` (excluded) and the paused
    glyph's top-left, from the page's layout when it names them, else the panel's corners."""
    stale, pause = (width, height), (width - PAUSE_SIZE[0], 0)
    if (LAYOUT_DIR / DEFAULT_SIZE / f"{page}.json").is_file():
        elements = get_layout(page).elements
        if (corner := elements.get("marker_corner")) is not None:
            stale = (corner.x + (corner.w or 0), corner.y + (corner.h or 0))
        if (corner := elements.get("pause_corner")) is not None:
            pause = (corner.x, corner.y)
    return stale, pause


def marker_boxes(page: str, stale_count: int) -> dict[str, Box]:
    """The boxes ``page``'s markers cover: ``stale`` (for ``stale_count`` kinds, when any) and ``paused``."""
    (right, bottom), (px, py) = marker_corners(page)
    boxes = {"paused": (px, py, px + PAUSE_SIZE[0], py + PAUSE_SIZE[1])}
    if stale_count:
        boxes["stale"] = (right - _STALE_STEP * stale_count - 1, bottom - _STALE_HEIGHT, right, bottom)
    return boxes


def draw_markers(canvas: Canvas, page: str, stale: tuple[str, ...], paused: bool) -> None:
    """The stale glyphs of ``stale`` kinds and, when ``paused``, the paused glyph, in ``page``'s corners."""
    if not stale and not paused:
        return
    stale_corner, pause_corner = marker_corners(page, canvas.width, canvas.height)
    if stale:
        draw_stale(canvas, stale, stale_corner)
    if paused:
        draw_paused(canvas, pause_corner)


def draw_stale(canvas: Canvas, kinds: tuple[str, ...] | list[str], corner: tuple[int, int] | None = None) -> None:
    """Right to left from ``corner`` (default the bottom right): an amber hourglass and the kind's letter
    for each stale kind, on a black backing."""
    font = get_font(_LETTER_FONT)
    x, bottom = corner if corner is not None else (canvas.width, canvas.height)
    y = bottom - font.height
    for kind in kinds:
        letter = _KIND_LETTER.get(kind, kind[:1].upper() or "?")
        width = _HOURGLASS.shape[1] + 1 + font.measure(letter)
        x -= width + 1
        canvas.fill_rect(x - 1, y - 1, x + width - 1, bottom - 1, (0, 0, 0))
        canvas.blit_mask(_HOURGLASS, x, y, STALE_COLOR)
        canvas.blit_mask(font.raster(letter), x + _HOURGLASS.shape[1] + 1, y, STALE_COLOR)


def draw_paused(canvas: Canvas, corner: tuple[int, int] | None = None) -> None:
    """Two white 2x7 bars on a black backing, its top-left at ``corner`` (default the top right)."""
    x, y = corner if corner is not None else (canvas.width - PAUSE_SIZE[0], 0)
    canvas.fill_rect(x, y, x + PAUSE_SIZE[0] - 1, y + PAUSE_SIZE[1] - 1, (0, 0, 0))
    canvas.fill_rect(x + 1, y + 1, x + 2, y + 7, PAUSED_COLOR)
    canvas.fill_rect(x + 4, y + 1, x + 5, y + 7, PAUSED_COLOR)
