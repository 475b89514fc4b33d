"""The benchmark's baseline: the Canvas API drawn with Pillow, as LED scoreboards usually draw.

:class:`PillowCanvas` takes the place of :class:`ecoboard.renderer.Canvas` under the very same page
functions, so a baseline frame runs the same page logic (records to strings, unit and time formatting,
layout lookups, fitting) and differs only in how pixels are made: ``ImageDraw`` rectangles and
bitmaps, ``ImageDraw.text`` with Pillow fonts, ``Image.paste`` for icons. :func:`pillow_frame` is one
frame: a new ``Image``, the page, the stale and paused markers, ``tobytes()``.

Naive but not stupid: the fonts are the same X11 BDF files compiled once into Pillow bitmap fonts
(``BdfFontFile``, what the original boards did with their ``.pil`` fonts; a doubled font ``NAME@2``
is drawn in its base font and scaled up with ``Image.resize``), and every numpy mask or icon is
converted to a Pillow image once and kept. The baseline draws the same pixels as ecoboard (a test
checks every scene).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import BdfFontFile, Image, ImageDraw, ImageFont

from ecoboard.renderer import HEIGHT, PAGE_KINDS, PAGES, WIDTH, Font, PageContext, scroll_offset
from ecoboard.renderer._fonts import FONT_DIR, SCROLL_GAP
from ecoboard.renderer._markers import draw_markers

PilFont = tuple[ImageFont.ImageFont, int]
"""A Pillow bitmap font and the factor its text is scaled by."""


def load_pillow_fonts(names: list[str]) -> dict[str, PilFont]:
    """Pillow fonts for ecoboard font names (``NAME`` or ``NAME@N``): each BDF file compiled once."""
    bitmaps: dict[str, ImageFont.ImageFont] = {}
    fonts: dict[str, PilFont] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            base, _, factor = name.partition("@")
            if base not in bitmaps:
                with (FONT_DIR / f"{base}.bdf").open("rb") as fp:
                    compiled = BdfFontFile.BdfFontFile(fp)
                compiled.save(str(Path(tmp) / base))
                bitmaps[base] = ImageFont.load(str(Path(tmp) / f"{base}.pil"))
            fonts[name] = (bitmaps[base], int(factor or 1))
    return fonts


class PillowCanvas:
    """The :class:`ecoboard.renderer.Canvas` drawing API on a Pillow ``RGB`` image."""

    def __init__(self, image: Image.Image, fonts: Mapping[str, PilFont], images: dict[int, Any]) -> None:
        self.image = image
        self.pen = ImageDraw.Draw(image)
        self.width, self.height = image.size
        self._fonts = fonts
        self._images = images  # id(numpy array) -> (array, Pillow image), shared across frames

    def _pil(self, array: np.ndarray) -> Image.Image:
        hit = self._images.get(id(array))
        if hit is None or hit[0] is not array:
            if array.ndim == 2:
                converted = Image.fromarray(array.astype(np.uint8) * 255, "L")
            else:
                converted = Image.fromarray(np.ascontiguousarray(array), "RGBA" if array.shape[2] == 4 else "RGB")
            hit = self._images[id(array)] = (array, converted)
        return hit[1]

    def fill(self, color: Any) -> None:
        self.pen.rectangle((0, 0, self.width - 1, self.height - 1), fill=tuple(color))

    def fill_rect(self, x0: int, y0: int, x1: int, y1: int, color: Any) -> None:
        self.pen.rectangle((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), fill=tuple(color))

    def hline(self, x0: int, x1: int, y: int, color: Any) -> None:
        self.fill_rect(x0, y, x1, y, color)

    def vline(self, x: int, y0: int, y1: int, color: Any) -> None:
        self.fill_rect(x, y0, x, y1, color)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Any) -> None:
        self.pen.rectangle((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), outline=tuple(color))

    def blit_mask(self, mask: np.ndarray, x: int, y: int, color: Any, *, clip: Any = None) -> None:
        self.pen.bitmap((x, y), self._pil(mask), fill=tuple(color))

    def blit_rgb(self, icon: np.ndarray, x: int, y: int) -> None:
        image = self._pil(icon)
        self.image.paste(image, (x, y), image if image.mode == "RGBA" else None)

    def _measure(self, font: PilFont, text: str) -> int:
        return int(font[0].getlength(text)) * font[1]

    def _draw_text(self, font: PilFont, x: int, y: int, text: str, color: Any) -> None:
        pil, scale = font
        if scale == 1:
            self.pen.text((x, y), text, font=pil, fill=tuple(color))
            return
        small = Image.new("1", pil.getbbox(text)[2:])
        ImageDraw.Draw(small).text((0, 0), text, font=pil, fill=1)
        big = small.resize((small.width * scale, small.height * scale), Image.Resampling.NEAREST)
        self.pen.bitmap((x, y), big, fill=tuple(color))

    def text(self, font: Font, x: int, y: int, text: str, color: Any, *, align: str = "left",
             max_width: int | None = None) -> int:
        pil = self._fonts[font.name]
        width = self._measure(pil, text)
        if max_width is not None and width > max_width:
            while text and width > max_width:
                text = text[:-1]
                width = self._measure(pil, text)
        if align == "center":
            x -= width // 2
        elif align == "right":
            x -= width
        if width:
            self._draw_text(pil, x, y, text, color)
        return width

    def scroll_text(self, font: Font, x: int, y: int, text: str, color: Any, *, width: int, frame_index: int) -> int:
        pil = self._fonts[font.name]
        text_width = self._measure(pil, text)
        if text_width <= width:
            self._draw_text(pil, x, y, text, color)
            return text_width
        offset = scroll_offset(text_width, width, frame_index)
        window = Image.new("1", (width, font.height))  # text wider than its window is clipped to it
        pen = ImageDraw.Draw(window)
        pen.text((offset, 0), text, font=pil[0], fill=1)
        if offset:
            pen.text((offset + text_width + SCROLL_GAP, 0), text, font=pil[0], fill=1)
        self.pen.bitmap((x, y), window, fill=tuple(color))
        return text_width


def pillow_frame(name: str, ctx: PageContext, fonts: Mapping[str, PilFont], images: dict[int, Any]) -> bytes:
    """One baseline frame of page ``name``: a new image, the page and its markers drawn with Pillow, the RGB bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    canvas = PillowCanvas(image, fonts, images)
    PAGES[name](canvas, ctx)  # type: ignore[arg-type]
    stale = tuple(kind for kind in page_kinds(name) if ctx.is_stale(kind))
    draw_markers(canvas, name, stale, ctx.paused)  # type: ignore[arg-type]
    return image.tobytes()


def page_kinds(name: str) -> tuple[str, ...]:
    """The record kinds whose stale markers are drawn over page ``name``."""
    return PAGE_KINDS.get(name, ())
