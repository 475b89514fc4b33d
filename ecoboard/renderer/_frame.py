"""Double-buffered frames: pages draw into the back buffer, one swap per frame makes it current.

The swap passes the composed frame through a 256-entry lookup table (brightness x gamma), so the front
buffer always holds display-ready bytes and the live buffer is never cleared or drawn into (C27).

Pages are pure functions of their context; a page that declares a frame key (``register_page(key=)``)
is drawn only when its inputs change, into a kept drawing. Every frame is then composed from the kept
drawing, its scrolling text (:class:`~ecoboard.renderer._canvas.Ticker`) at the frame's offset, and the
markers (which follow the clock). A buffer that already holds the frame's composition is not touched;
one that holds the same drawing and markers with its text scrolled elsewhere gets only the tickers'
windows rewritten (when each lies over a backdrop of one colour per row); and the swap looks up only
the rows that differ from what the front buffer was made from.
"""

from __future__ import annotations

import logging

import numpy as np

from ._canvas import HEIGHT, WIDTH, Canvas, TextBox, Ticker
from ._context import PageContext
from ._fonts import get_font
from ._markers import draw_markers
from ._registry import PAGE_KEYS, PAGE_KINDS, PAGES, PageFn

log = logging.getLogger(__name__)

Composition = tuple[int, tuple[int, ...], tuple[str, ...], bool]
"""What a composed buffer holds: kept drawing serial, ticker offsets, stale kinds, paused."""


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


class _KeptDrawing:
    """A keyed page's last drawing without its tickers and markers, and what it was drawn from."""

    __slots__ = ("boxes", "inputs", "key", "pixels", "serial", "strips", "ticker_rows", "tickers", "windows_whole")

    def __init__(self, height: int, width: int) -> None:
        self.key: tuple[object, ...] | None = None
        self.inputs: tuple[object, ...] = ()
        self.pixels = np.zeros((height, width, 3), dtype=np.uint8)
        self.boxes: list[TextBox] = []
        self.tickers: tuple[Ticker, ...] = ()
        self.strips: tuple[np.ndarray | None, ...] = ()  # each ticker's backdrop strip over this drawing
        self.windows_whole = False  # every ticker has a strip: drawing one rewrites its whole window
        self.ticker_rows = (0, 0)  # the rows [top, bottom) the tickers may change
        self.serial = 0

    def matches(self, key: tuple[object, ...], inputs: tuple[object, ...]) -> bool:
        """True when the page's key and inputs are those this drawing was made from."""
        return key == self.key and inputs == self.inputs  # tuple equality tries identity first

    def keep(self, canvas: Canvas, key: tuple[object, ...], inputs: tuple[object, ...]) -> None:
        """Take ``canvas`` (just drawn, tickers deferred) as the new kept drawing."""
        np.copyto(self.pixels, canvas.pixels)
        self.boxes = list(canvas.text_boxes)
        self.tickers = tuple(canvas.tickers or ())
        windows = [ticker.window for ticker in self.tickers]
        apart = not any(_overlap(a, b) for i, a in enumerate(windows) for b in windows[i + 1 :])
        self.strips = tuple(ticker.backdrop_strip(self.pixels) if apart else None for ticker in self.tickers)
        self.windows_whole = all(strip is not None for strip in self.strips)
        tops, bottoms = zip(*(ticker.rows() for ticker in self.tickers), strict=True) if self.tickers else ((0,), (0,))
        self.ticker_rows = (max(min(tops), 0), max(*bottoms, 0))
        self.key, self.inputs = key, inputs
        self.serial += 1

    def forget(self) -> None:
        """Keep nothing (the next keyed frame draws afresh)."""
        self.key = None


class FrameRenderer:
    """Owns the two composed buffers and the display-ready front buffer.

    ``render(page, ctx)`` = ``draw`` into the back buffer + ``swap``. ``composed`` is the last swapped
    frame before the lookup table (what PNG snapshots and the API show); ``front`` is what the panel gets.
    The back canvas belongs to the renderer: draw into it only through pages.
    """

    def __init__(self, *, brightness: float = 100.0, gamma: float = 1.0, width: int = WIDTH, height: int = HEIGHT):
        self._buffers = (Canvas(np.zeros((height, width, 3), np.uint8)), Canvas(np.zeros((height, width, 3), np.uint8)))
        self._back = 0
        self.front = np.zeros((height, width, 3), dtype=np.uint8)
        self._gamma = gamma
        self._brightness = brightness
        self._lut = brightness_lut(brightness, gamma)
        self._lut2 = _pair_lut(self._lut)
        self._row_words = width * 3 // 2  # uint16 words per panel row
        self._front16 = self.front.reshape(-1).view(np.uint16)
        self._back16 = tuple(canvas.pixels.reshape(-1).view(np.uint16) for canvas in self._buffers)
        self._holds: list[Composition | None] = [None, None]  # per buffer, when it holds a composition
        self._shown: Composition | None = None  # what the front buffer was made from
        self._failed_pages: set[str] = set()
        self._kept = _KeptDrawing(height, width)
        self.memoize = True
        """Reuse a keyed page's last drawing while its inputs are unchanged (off: draw every frame)."""
        self.pages_drawn = 0
        """How many times a page function has run (frames composed from a kept drawing do not count)."""

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
        """Compose the frame of ``page`` at ``ctx`` (page, scrolling text, markers) in the back buffer.

        A page that raises is logged once and replaced by a one-line error frame: a bad page never
        stops the render loop. Returns the back canvas.
        """
        canvas = self.back
        name = page if isinstance(page, str) else getattr(page, "__name__", "page")
        fn = PAGES.get(page) if isinstance(page, str) else page
        if kinds is None:
            kinds = PAGE_KINDS.get(name, ())
        serial = None if fn is None else self._keep_current(name, fn, ctx, kinds)
        stale = tuple(kind for kind in kinds if ctx.is_stale(kind)) if kinds else ()
        if serial is None:  # drawn from scratch, every frame
            self._holds[self._back] = None
            canvas.clear()
            canvas.frame_index = ctx.frame_index
            if fn is None:
                _error_frame(canvas, f"no page {name}")
            else:
                self._draw_page(name, fn, ctx, canvas)
        else:
            kept = self._kept
            offsets = tuple(t.offset(ctx.frame_index) for t in kept.tickers) if kept.tickers else ()
            composition = (serial, offsets, stale, ctx.paused)
            if self._holds[self._back] == composition:
                return canvas  # the buffer already holds this very frame
            held = self._holds[self._back]
            self._holds[self._back] = composition
            scrolled_only = held is not None and held[0] == serial and held[2:] == composition[2:]
            if not (scrolled_only and kept.windows_whole):  # else each ticker rewrites its whole window
                if self._holds[self._back ^ 1] == composition:  # the frame on show already is this frame
                    shown = self._buffers[self._back ^ 1]
                    np.copyto(canvas.pixels, shown.pixels)
                    canvas.text_boxes[:] = shown.text_boxes
                    return canvas
                np.copyto(canvas.pixels, kept.pixels)
                canvas.text_boxes[:] = kept.boxes
            for ticker, offset, strip in zip(kept.tickers, offsets, kept.strips, strict=True):
                ticker.draw_at(canvas, offset, strip)
        draw_markers(canvas, name, stale, ctx.paused)
        return canvas

    def _keep_current(self, name: str, fn: PageFn, ctx: PageContext, kinds: tuple[str, ...]) -> int | None:
        """The serial of the kept drawing of ``page`` at ``ctx``, drawing it first when its inputs changed;
        None for a page drawn every frame (no frame key, a failing key, or memoizing off)."""
        key_fn = PAGE_KEYS.get(name) if self.memoize else None
        if key_fn is None:
            self._kept.forget()
            return None
        try:
            page_key = key_fn(ctx)
        except Exception:
            if name not in self._failed_pages:
                self._failed_pages.add(name)
                log.exception("frame key of page %s failed; drawing every frame instead", name)
            self._kept.forget()
            return None
        records = ctx.records
        versions = tuple((r.version, r.fetched_at) if (r := records.get(k)) else None for k in kinds) if kinds else ()
        key = (name, fn, page_key, versions)
        inputs = (ctx.config, ctx.options, ctx.health)
        kept = self._kept
        if not kept.matches(key, inputs):
            canvas = self.back
            canvas.clear()
            canvas.frame_index, canvas.tickers = ctx.frame_index, []
            try:
                self._draw_page(name, fn, ctx, canvas)
                kept.keep(canvas, key, inputs)
            finally:
                canvas.tickers = None
            self._holds[self._back] = None
        return kept.serial

    def _draw_page(self, name: str, fn: PageFn, ctx: PageContext, canvas: Canvas) -> None:
        self.pages_drawn += 1
        try:
            fn(canvas, ctx)
        except Exception:
            if name not in self._failed_pages:
                self._failed_pages.add(name)
                log.exception("page %s failed; drawing an error frame instead", name)
            canvas.clear()
            if canvas.tickers is not None:
                canvas.tickers.clear()
            _error_frame(canvas, f"{name}: error")
        else:
            self._failed_pages.discard(name)

    def swap(self) -> np.ndarray:
        """Make the back buffer current: ``front = lut[back]``, then the buffers change roles.

        Only what differs from the frame the front was last made from is looked up: nothing when the
        back buffer holds that same composition, the tickers' rows when only their offsets moved.
        """
        holds = self._holds[self._back]
        shown = self._shown
        if holds is None or holds != shown:
            back16 = self._back16[self._back]
            if holds is not None and shown is not None and holds[0] == shown[0] and holds[2:] == shown[2:]:
                top, bottom = self._kept.ticker_rows
                words = slice(top * self._row_words, bottom * self._row_words)
                self._lut2.take(back16[words], out=self._front16[words], mode="clip")
            else:
                self._lut2.take(back16, out=self._front16, mode="clip")
            self._shown = holds
        self._back ^= 1
        return self.front

    def render(self, page: str | PageFn, ctx: PageContext, *, kinds: tuple[str, ...] | None = None) -> np.ndarray:
        """Draw ``page`` into the back buffer and swap; returns the display-ready front buffer."""
        self.draw(page, ctx, kinds=kinds)
        return self.swap()


def _overlap(a: tuple[int, int, int, int] | None, b: tuple[int, int, int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
