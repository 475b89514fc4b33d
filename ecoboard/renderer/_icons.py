"""Weather icons drawn for ecoboard: one per condition (docs/records.md) by day and night, 16 and 24 px.

Icons are composed from a few vector shapes (sun, moon, cloud, drops, flakes, bolt, bars) evaluated on
the pixel grid of the requested size, so both sizes come from the same drawing. Each icon is an RGBA
``uint8`` array (alpha 0 = transparent), built on first use and then kept for the process.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

import numpy as np

from .._record import CONDITIONS
from ._fonts import get_font

ICON_SIZES = (16, 24)

SUN = (255, 196, 0)
MOON = (226, 226, 190)
CLOUD = (205, 210, 220)
DARK_CLOUD = (120, 124, 140)
RAIN = (60, 140, 255)
ICE = (150, 235, 255)
SNOW = (255, 255, 255)
BOLT = (255, 230, 40)
FOG = (160, 160, 170)
DUST = (196, 150, 90)

_lock = threading.Lock()
_icons: dict[tuple[str, bool, int], np.ndarray] = {}
_build_count = 0


class _Pad:
    """An RGBA drawing surface; shapes are given in unit coordinates (0..1 across the icon)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.rgba = np.zeros((size, size, 4), dtype=np.uint8)
        centres = (np.arange(size) + 0.5) / size
        self.x = centres[np.newaxis, :]
        self.y = centres[:, np.newaxis]
        self.px = 1.0 / size  # one pixel in unit coordinates

    def paint(self, mask: np.ndarray, color: tuple[int, int, int]) -> None:
        self.rgba[mask] = (*color, 255)

    def erase(self, mask: np.ndarray) -> None:
        self.rgba[mask] = 0

    def disc(self, cx: float, cy: float, r: float) -> np.ndarray:
        return (self.x - cx) ** 2 + (self.y - cy) ** 2 <= r * r

    def segment(self, x0: float, y0: float, x1: float, y1: float, width_px: float = 1.0) -> np.ndarray:
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((self.x - x0) * dx + (self.y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
        dist = np.hypot(self.x - (x0 + t * dx), self.y - (y0 + t * dy))
        return dist <= width_px * self.px * 0.55

    def sun(self, cx: float, cy: float, r: float) -> None:
        self.paint(self.disc(cx, cy, r), SUN)
        for k in range(8):
            angle = k * np.pi / 4
            c, s = np.cos(angle), np.sin(angle)
            self.paint(self.segment(cx + c * r * 1.45, cy + s * r * 1.45, cx + c * r * 1.85, cy + s * r * 1.85), SUN)

    def moon(self, cx: float, cy: float, r: float) -> None:
        crescent = self.disc(cx, cy, r) & ~self.disc(cx + r * 0.55, cy - r * 0.35, r * 0.85)
        self.paint(crescent, MOON)

    def cloud(self, cx: float, cy: float, scale: float, color: tuple[int, int, int]) -> None:
        parts = (
            self.disc(cx - 0.2 * scale, cy + 0.02 * scale, 0.17 * scale)
            | self.disc(cx + 0.02 * scale, cy - 0.08 * scale, 0.23 * scale)
            | self.disc(cx + 0.24 * scale, cy + 0.04 * scale, 0.15 * scale)
        )
        base = (self.y <= cy + 0.19 * scale) & (self.x >= cx - 0.37 * scale) & (self.x <= cx + 0.39 * scale)
        body = (self.y >= cy + 0.02 * scale) & base
        shape = (parts & base) | body
        self.erase(self.dilate(shape))  # a dark rim so a cloud in front of a sun stays readable
        self.paint(shape, color)

    def dilate(self, mask: np.ndarray) -> np.ndarray:
        grown = mask.copy()
        grown[1:, :] |= mask[:-1, :]
        grown[:-1, :] |= mask[1:, :]
        grown[:, 1:] |= mask[:, :-1]
        grown[:, :-1] |= mask[:, 1:]
        return grown

    def drops(self, xs: tuple[float, ...], y: float, length: float, color: tuple[int, int, int]) -> None:
        for x in xs:
            self.paint(self.segment(x, y, x - length * 0.35, y + length), color)

    def dots(self, points: tuple[tuple[float, float], ...], color: tuple[int, int, int]) -> None:
        for x, y in points:
            col, row = min(int(x * self.size), self.size - 1), min(int(y * self.size), self.size - 1)
            self.rgba[row, col] = (*color, 255)

    def flakes(self, points: tuple[tuple[float, float], ...], color: tuple[int, int, int]) -> None:
        for x, y in points:
            col, row = min(int(x * self.size), self.size - 2), min(int(y * self.size), self.size - 2)
            self.rgba[row, max(col - 1, 0) : col + 2] = (*color, 255)
            self.rgba[max(row - 1, 0) : row + 2, col] = (*color, 255)

    def bars(self, ys: tuple[float, ...], x0: float, x1: float, color: tuple[int, int, int]) -> None:
        for y in ys:
            self.paint(self.segment(x0, y, x1, y), color)

    def bolt(self, x: float, y: float, h: float) -> None:
        points = ((x + 0.08, y), (x - 0.06, y + h * 0.5), (x + 0.06, y + h * 0.5), (x - 0.08, y + h))
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            self.paint(self.segment(ax, ay, bx, by, 1.3), BOLT)


def _celestial(pad: _Pad, day: bool, cx: float, cy: float, r: float) -> None:
    if day:
        pad.sun(cx, cy, r)
    else:
        pad.moon(cx, cy, r * 1.35)


def _draw(pad: _Pad, condition: str, day: bool) -> None:
    low = (0.2, 0.45, 0.7)
    high = ((0.2, 0.78), (0.5, 0.9), (0.75, 0.76), (0.38, 0.66), (0.62, 0.66))
    steps: dict[str, Callable[[], None]] = {
        "clear": lambda: _celestial(pad, day, 0.5, 0.5, 0.22),
        "mostly_clear": lambda: (_celestial(pad, day, 0.42, 0.42, 0.2), pad.cloud(0.68, 0.74, 0.55, CLOUD)),
        "partly_cloudy": lambda: (_celestial(pad, day, 0.36, 0.34, 0.18), pad.cloud(0.56, 0.62, 0.95, CLOUD)),
        "cloudy": lambda: (pad.cloud(0.64, 0.3, 0.7, DARK_CLOUD), pad.cloud(0.42, 0.62, 0.85, CLOUD)),
        "fog": lambda: (pad.cloud(0.5, 0.34, 0.85, FOG), pad.bars((0.62, 0.76, 0.9), 0.12, 0.88, FOG)),
        "drizzle": lambda: (pad.cloud(0.5, 0.36, 0.95, CLOUD), pad.dots(high[:3], RAIN)),
        "freezing_drizzle": lambda: (pad.cloud(0.5, 0.36, 0.95, CLOUD), pad.dots(high, ICE)),
        "rain": lambda: (pad.cloud(0.5, 0.34, 0.95, CLOUD), pad.drops(low, 0.66, 0.2, RAIN)),
        "heavy_rain": lambda: (
            pad.cloud(0.5, 0.34, 0.95, DARK_CLOUD),
            pad.drops((0.14, 0.33, 0.52, 0.71, 0.9), 0.64, 0.3, RAIN),
        ),
        "freezing_rain": lambda: (
            pad.cloud(0.5, 0.34, 0.95, CLOUD),
            pad.drops((0.25, 0.65), 0.66, 0.2, RAIN),
            pad.flakes(((0.46, 0.78),), ICE),
        ),
        "snow": lambda: (pad.cloud(0.5, 0.34, 0.95, CLOUD), pad.flakes(((0.25, 0.75), (0.72, 0.75)), SNOW)),
        "heavy_snow": lambda: (
            pad.cloud(0.5, 0.34, 0.95, DARK_CLOUD),
            pad.flakes(((0.2, 0.72), (0.5, 0.86), (0.8, 0.72)), SNOW),
        ),
        "snow_grains": lambda: (pad.cloud(0.5, 0.36, 0.95, CLOUD), pad.dots(high, SNOW)),
        "rain_showers": lambda: (
            _celestial(pad, day, 0.3, 0.28, 0.15),
            pad.cloud(0.56, 0.5, 0.85, CLOUD),
            pad.drops((0.4, 0.62), 0.76, 0.16, RAIN),
        ),
        "snow_showers": lambda: (
            _celestial(pad, day, 0.3, 0.28, 0.15),
            pad.cloud(0.56, 0.5, 0.85, CLOUD),
            pad.flakes(((0.45, 0.84),), SNOW),
        ),
        "thunderstorm": lambda: (pad.cloud(0.5, 0.32, 0.95, DARK_CLOUD), pad.bolt(0.5, 0.52, 0.44)),
        "thunderstorm_hail": lambda: (
            pad.cloud(0.5, 0.32, 0.95, DARK_CLOUD),
            pad.bolt(0.44, 0.52, 0.44),
            pad.dots(((0.2, 0.7), (0.75, 0.66), (0.7, 0.88)), SNOW),
        ),
        "dust": lambda: (
            _celestial(pad, day, 0.5, 0.3, 0.14),
            pad.bars((0.58, 0.86), 0.1, 0.7, DUST),
            pad.bars((0.72,), 0.3, 0.9, DUST),
        ),
    }
    step = steps.get(condition)
    if step is None:  # unknown: a dim cloud with a question mark
        pad.cloud(0.5, 0.42, 0.95, DARK_CLOUD)
        mark = get_font("6x10" if pad.size < 24 else "9x15B").glyph("?")
        top, left = (pad.size - mark.shape[0]) // 2 + pad.size // 10, (pad.size - mark.shape[1]) // 2
        pad.rgba[top : top + mark.shape[0], left : left + mark.shape[1]][mark] = (*SNOW, 255)
    else:
        step()


def get_icon(condition: str, is_day: bool | None = True, size: int = 16) -> np.ndarray:
    """The RGBA icon of ``condition`` (unknown names -> ``unknown``) by day or night, ``size`` in ICON_SIZES."""
    if size not in ICON_SIZES:
        raise ValueError(f"icon size must be one of {ICON_SIZES}, got {size}")
    if condition not in CONDITIONS:
        condition = "unknown"
    key = (condition, is_day is not False, size)
    icon = _icons.get(key)
    if icon is None:
        with _lock:
            icon = _icons.get(key)
            if icon is None:
                icon = _build(*key)
                _icons[key] = icon
    return icon


def _build(condition: str, day: bool, size: int) -> np.ndarray:
    global _build_count
    _build_count += 1
    pad = _Pad(size)
    _draw(pad, condition, day)
    pad.rgba.setflags(write=False)
    return pad.rgba


def icon_build_count() -> int:
    """How many icons this process has drawn (tests check each is drawn once)."""
    return _build_count
