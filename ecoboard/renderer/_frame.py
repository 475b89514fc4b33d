"""Double-buffered frames: pages draw into the back buffer, one swap per frame makes it current.

The swap passes the composed frame through a 256-entry lookup table (brightness x gamma), so the front
buffer always holds display-ready bytes and the live buffer is never cleared or drawn into (C27).

Pages are pure functions of their context; a page that declares a frame key (``register_page(key=)``)
is drawn only when its inputs change, and the frames in between copy its last drawing (the markers,
which follow the clock, are always drawn fresh).
"""

from __future__ import annotations

import logging

import numpy as np

from ._canvas import HEIGHT, WIDTH, Canvas, TextBox
from ._context import PageContext
from ._fonts import get_font
from ._markers import draw_paused, draw_stale
from ._registry import PAGE_KEYS, PAGE_KINDS, PAGES, PageFn

log = logging.getLogger(__name__)


def brightness_lut(brightness: float, gamma: float = 1.0) -> np.ndarray:
    """The uint8 table mapping a composed channel value to the value sent to the panel."""
    levels = np.arange(256, dtype=np.float64) / 255.0
    scaled = 255.0 * np.power(levels, gamma) * (min(max(brightness, 0.0), 100.0) / 100.0)
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def _pair_lut(lut: np.ndarray) -> np.ndarray:
    """The same table for two bytes at once (65536 uint16 entries): half the lookups per frame.

    Byte order does not matter: each byte of the 16-bit index maps to the same byte of the result.
    """
    index = np.arange(65536, dtype=np.uint32)
    return (lut[index & 0xFF].astype(np.uint16) | (lut[index >> 8].astype(np.uint16) << 8)).astype(np.uint16)


class FrameRenderer:
    """Owns the two composed buffers and the display-ready front buffer.

    ``render(page, ctx)`` = ``draw`` into the back buffer + ``swap``. ``composed`` is the last swapped
    frame before the lookup table (what PNG snapshots and the API show); ``front`` is what the panel gets.
    """

    def __init__(self, *, brightness: float = 100.0, gamma: float = 1.0, width: int = WIDTH, height: int = HEIGHT):
        self._buffers = (Canvas(np.zeros((height, width, 3), np.uint8)), Canvas(np.zeros((height, width, 3), np.uint8)))
        self._back = 0
        self.front = np.zeros((height, width, 3), dtype=np.uint8)
        self._gamma = gamma
        self._brightness = brightness
        self._lut = brightness_lut(brightness, gamma)
        self._lut2 = _pair_lut(self._lut)
        self._front16 = self.front.reshape(-1).view(np.uint16)
        self._back16 = tuple(canvas.pixels.reshape(-1).view(np.uint16) for canvas in self._buffers)
        self._drawn: tuple[object, ...] | None = None  # what the back buffer holds, when known
        self._shown: tuple[object, ...] | None = None  # what the front buffer was made from
        self._failed_pages: set[str] = set()
        self._memo_key: tuple[object, ...] | None = None
        self._memo_inputs: tuple[object, ...] = ()
        self._memo_pixels = np.zeros((height, width, 3), dtype=np.uint8)
        self._memo_boxes: list[TextBox] = []
        self._memo_serial = 0
        self.memoize = True
        """Reuse a keyed page's last drawing while its inputs are unchanged (off: draw every frame)."""

    @property
    def back(self) -> Canvas:
        """The canvas the next frame is drawn into."""
        return self._buffers[self._back]

    @property
    def composed(self) -> np.ndarray:
        """The last swapped frame as composed (before brightness and gamma)."""
        return self._buffers[self._back ^ 1].pixels

    @property
    def brightness(self) -> float:
        """Brightness in percent applied at the swap."""
        return self._brightness

    def set_brightness(self, pct: float, gamma: float | None = None) -> None:
        """Change brightness (0-100 %) and optionally gamma; takes effect at the next swap."""
        self._brightness = pct
        if gamma is not None:
            self._gamma = gamma
        self._lut = brightness_lut(self._brightness, self._gamma)
        self._lut2 = _pair_lut(self._lut)
        self._shown = None

    def draw(self, page: str | PageFn, ctx: PageContext, *, kinds: tuple[str, ...] | None = None) -> Canvas:
        """Clear the back buffer, draw ``page`` and its markers into it; returns the back canvas.

        A page that raises is logged once and replaced by a one-line error frame: a bad page never
        stops the render loop.
        """
        canvas = self.back
        canvas.clear()
        self._drawn = None
        name = page if isinstance(page, str) else getattr(page, "__name__", "page")
        fn = PAGES.get(page) if isinstance(page, str) else page
        if kinds is None:
            kinds = PAGE_KINDS.get(name, ())
        if fn is None:
            _error_frame(canvas, f"no page {name}")
        elif not self._reuse(name, fn, ctx, kinds, canvas):
            self._draw_page(name, fn, ctx, canvas)
        stale = [kind for kind in kinds if ctx.is_stale(kind)]
        if stale:
            draw_stale(canvas, stale)
        if ctx.paused:
            draw_paused(canvas)
        if self._drawn is not None:
            self._drawn = (*self._drawn, tuple(stale), ctx.paused)
        return canvas

    def _reuse(self, name: str, fn: PageFn, ctx: PageContext, kinds: tuple[str, ...], canvas: Canvas) -> bool:
        """Copy the memo into ``canvas`` when the page's inputs are those of the memo; else draw and keep it."""
        key_fn = PAGE_KEYS.get(name) if self.memoize else None
        if key_fn is None:
            self._memo_key = None
            return False
        try:
            page_key = key_fn(ctx)
        except Exception:
            if name not in self._failed_pages:
                self._failed_pages.add(name)
                log.exception("frame key of page %s failed; drawing every frame instead", name)
            self._memo_key = None
            return False
        versions = tuple((r.version, r.fetched_at) if (r := ctx.records.get(k)) else None for k in kinds)
        key = (name, fn, page_key, versions)
        inputs = (ctx.config, ctx.options, ctx.health)
        if key == self._memo_key and all(a is b or a == b for a, b in zip(inputs, self._memo_inputs, strict=True)):
            np.copyto(canvas.pixels, self._memo_pixels)
            canvas.text_boxes.extend(self._memo_boxes)
            self._drawn = (self._memo_serial,)
            return True
        self._draw_page(name, fn, ctx, canvas)
        np.copyto(self._memo_pixels, canvas.pixels)
        self._memo_boxes = list(canvas.text_boxes)
        self._memo_key, self._memo_inputs = key, inputs
        self._memo_serial += 1
        self._drawn = (self._memo_serial,)
        return True

    def _draw_page(self, name: str, fn: PageFn, ctx: PageContext, canvas: Canvas) -> None:
        try:
            fn(canvas, ctx)
        except Exception:
            if name not in self._failed_pages:
                self._failed_pages.add(name)
                log.exception("page %s failed; drawing an error frame instead", name)
            canvas.clear()
            _error_frame(canvas, f"{name}: error")
        else:
            self._failed_pages.discard(name)

    def swap(self) -> np.ndarray:
        """Make the back buffer current: ``front = lut[back]``, then the buffers change roles.

        When the back buffer holds exactly what the front was last made from (a memoized page with the
        same markers) the lookup is skipped: the front already holds those bytes.
        """
        if self._drawn is None or self._drawn != self._shown:
            self._lut2.take(self._back16[self._back], out=self._front16, mode="clip")
            self._shown = self._drawn
        self._drawn = None
        self._back ^= 1
        return self.front

    def render(self, page: str | PageFn, ctx: PageContext, *, kinds: tuple[str, ...] | None = None) -> np.ndarray:
        """Draw ``page`` into the back buffer and swap; returns the display-ready front buffer."""
        self.draw(page, ctx, kinds=kinds)
        return self.swap()


def _error_frame(canvas: Canvas, message: str) -> None:
    font = get_font("5x8")
    canvas.text(
        font,
        canvas.width // 2,
        (canvas.height - font.height) // 2,
        message,
        (255, 64, 64),
        align="center",
        max_width=canvas.width,
    )
