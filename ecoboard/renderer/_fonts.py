"""Bitmap fonts: loaded once per process, measured, rasterized to cached numpy masks, fitted to a budget.

``get_font(name)`` returns the one :class:`Font` for a committed BDF file (``fonts/NAME.bdf``) or a
pixel-doubled variant (``NAME@2``). A character the font lacks falls back per character (C13): first
to its NFKD base letters (``ñ`` -> ``n``, ``²`` -> ``2``), then to ``?`` -- never to a blank box.
Rasters and widths of whole strings are cached by ``(font, text)`` in bounded caches
(:func:`clear_text_cache` empties them and the canvas's text placements, for the benchmark's uncached
figures).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from .._errors import ConfigError
from ._bdf import BdfFont, parse_bdf

FONT_DIR = Path(__file__).parent / "fonts"
_TEXT_CACHE_LIMIT = 4096
_REPLACEMENT = "?"
SCROLL_GAP = 16
"""Blank pixels between the end of a scrolling text and its next repetition."""

_lock = threading.RLock()
_fonts: dict[str, Font] = {}
_text_cache: dict[tuple[str, str], np.ndarray] = {}
_width_cache: dict[tuple[str, str], int] = {}
_text_cache_users: list[dict[Any, Any]] = [_text_cache, _width_cache]
"""Every cache derived from strings: emptied together by :func:`clear_text_cache`."""
_load_count = 0


class Font:
    """One bitmap font: fixed cell height, per-glyph advance, glyph masks with per-character fallback."""

    def __init__(self, name: str, bdf: BdfFont, scale: int = 1) -> None:
        self.name = name
        self.scale = scale
        self.ascent = bdf.ascent * scale
        self.descent = bdf.descent * scale
        self.height = self.ascent + self.descent
        self._bdf = bdf
        self._glyphs: dict[str, np.ndarray] = {}

    def __repr__(self) -> str:
        return f"Font({self.name!r}, height={self.height})"

    def has_glyph(self, char: str) -> bool:
        """True when the font has its own glyph for ``char`` (no fallback needed)."""
        return ord(char) in self._bdf.glyphs

    def substitute(self, char: str) -> str:
        """The characters actually drawn for ``char``: itself, its NFKD base letters, or ``?``."""
        if self.has_glyph(char):
            return char
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and base != char and all(self.has_glyph(c) for c in base):
            return base
        return _REPLACEMENT

    def displayed(self, text: str) -> str:
        """``text`` as it will be drawn, after per-character fallback."""
        return "".join(self.substitute(c) for c in text)

    def glyph(self, char: str) -> np.ndarray:
        """The cell mask for one character (after fallback), shape ``(height, advance)``."""
        mask = self._glyphs.get(char)
        if mask is None:
            sub = self.substitute(char)
            parts = [self._scaled(ord(c)) for c in sub]
            mask = parts[0] if len(parts) == 1 else np.hstack(parts)
            mask.setflags(write=False)
            self._glyphs[char] = mask
        return mask

    def _scaled(self, code: int) -> np.ndarray:
        cell = self._bdf.glyphs[code]
        if self.scale == 1:
            return cell
        return cell.repeat(self.scale, axis=0).repeat(self.scale, axis=1)

    def measure(self, text: str) -> int:
        """Width in pixels of ``text`` drawn in this font (kept with the text cache)."""
        key = (self.name, text)
        width = _width_cache.get(key)
        if width is None:
            mask = _text_cache.get(key)
            width = mask.shape[1] if mask is not None else sum(self.glyph(c).shape[1] for c in text)
            if len(_width_cache) >= _TEXT_CACHE_LIMIT:
                _width_cache.clear()
            _width_cache[key] = width
        return width

    def raster(self, text: str) -> np.ndarray:
        """A read-only bool mask ``(height, measure(text))`` of ``text``; cached by ``(font, text)``."""
        key = (self.name, text)
        mask = _text_cache.get(key)
        if mask is None:
            mask = self.rasterize(text)
            if len(_text_cache) >= _TEXT_CACHE_LIMIT:
                _text_cache.clear()
            _text_cache[key] = mask
        return mask

    def rasterize(self, text: str) -> np.ndarray:
        """Like :meth:`raster` but always builds the mask (no cache)."""
        mask = np.hstack([self.glyph(c) for c in text]) if text else np.zeros((self.height, 0), dtype=bool)
        mask.setflags(write=False)
        return mask

    def truncate(self, text: str, max_width: int) -> str:
        """The longest prefix of ``text`` whose width is at most ``max_width``."""
        width = 0
        for i, char in enumerate(text):
            width += self.glyph(char).shape[1]
            if width > max_width:
                return text[:i]
        return text


def _load(name: str) -> Font:
    global _load_count
    base, _, factor = name.partition("@")
    path = FONT_DIR / f"{base}.bdf"
    if not path.is_file() or (factor and not factor.isdigit()):
        available = ", ".join(sorted(available_fonts()))
        raise ConfigError(f"unknown font {name!r} (available: {available}; append @2 to double a font)")
    if factor:
        return Font(name, get_font(base)._bdf, scale=int(factor))
    _load_count += 1
    return Font(name, parse_bdf(path))


def get_font(name: str) -> Font:
    """The font ``name`` (``"6x10"``, ``"9x15B"``, ``"7x13B@2"``...), parsed on first use only."""
    font = _fonts.get(name)
    if font is None:
        with _lock:
            font = _fonts.get(name)
            if font is None:
                font = _fonts[name] = _load(name)
    return font


def available_fonts() -> list[str]:
    """Names of the committed BDF fonts."""
    return sorted(p.stem for p in FONT_DIR.glob("*.bdf"))


def font_load_count() -> int:
    """How many BDF files this process has parsed (tests check that each is parsed once)."""
    return _load_count


def clear_text_cache() -> None:
    """Forget every cached string raster, width and placement (glyph masks stay)."""
    for cache in _text_cache_users:
        cache.clear()


def text_cache(cache: dict[Any, Any]) -> dict[Any, Any]:
    """Register ``cache`` (derived from strings) to be emptied with the text cache; returns it."""
    _text_cache_users.append(cache)
    return cache


def fit_text(font: Font, candidates: Iterable[str | None], max_width: int) -> str:
    """The first candidate (full -> short -> abbreviation) that fits ``max_width``, else the last one truncated.

    Empty and ``None`` candidates are skipped (an optional name the provider did not send).
    """
    last = ""
    for text in candidates:
        if not text:
            continue
        if font.measure(text) <= max_width:
            return text
        last = text
    return font.truncate(last, max_width)


def scroll_offset(
    text_width: int,
    box_width: int,
    frame_index: int,
    *,
    frames_per_pixel: int = 2,
    hold_frames: int = 60,
    gap: int = SCROLL_GAP,
) -> int:
    """Horizontal offset (<= 0) for text wider than its box, scrolling left from ``frame_index``.

    The text holds still for ``hold_frames``, then moves one pixel every ``frames_per_pixel`` frames and
    wraps around after a ``gap``; text that fits never moves.
    """
    if text_width <= box_width:
        return 0
    moving = max(frame_index - hold_frames, 0) // max(frames_per_pixel, 1)
    return -(moving % (text_width + gap))
