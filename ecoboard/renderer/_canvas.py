"""The canvas: drawing primitives on one ``(64, 128, 3)`` uint8 frame, all numpy slices, clipped to the panel.

Rectangles are inclusive of both corners, as on the original boards: ``fill_rect(0, 0, 31, 15, c)``
covers 32 x 16 pixels. Every string drawn is recorded in :attr:`Canvas.text_boxes` (unclipped), so
tests can prove that no text leaves the panel or overlaps another field.

Read-only masks and RGBA images (glyph and string rasters, icons) are immutable, so the bytes they set
at a given place and colour are computed once and kept (:func:`_placed`); drawing one that lies wholly
on the panel is then a single fancy-index assignment into the frame's bytes. The same holds for a
string drawn again in the same font, place and colour (its box, width and bytes are kept with the text
cache, so :func:`clear_text_cache` forgets them). A rectangle is one byte row of its colour broadcast
down a ``(height, width * 3)`` view of the frame (contiguous copies, several times faster than
broadcasting a 3-byte colour).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np

from ._fonts import SCROLL_GAP, Font, scroll_offset, text_cache

WIDTH = 128
HEIGHT = 64

Color = tuple[int, int, int]
Align = Literal["left", "center", "right"]


def rgb(value: str | Color) -> Color:
    """A colour from ``"#rrggbb"`` text or an ``(r, g, b)`` tuple."""
    if isinstance(value, str):
        text = value.lstrip("#")
        if len(text) != 6:
            raise ValueError(f"expected a colour like '#rrggbb', got {value!r}")
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    return (int(value[0]), int(value[1]), int(value[2]))


class TextBox(NamedTuple):
    """Where one string was drawn: ``[x0, x1) x [y0, y1)`` in panel pixels, before clipping (immutable)."""

    x0: int
    y0: int
    x1: int
    y1: int
    text: str

    def overlaps(self, other: TextBox) -> bool:
        """True when the two boxes share at least one pixel."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, width: int = WIDTH, height: int = HEIGHT) -> bool:
        """True when the box lies entirely on the panel."""
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


class Canvas:
    """A frame being drawn. ``pixels`` is the ``(height, width, 3)`` uint8 array, ``[y, x, rgb]``."""

    __slots__ = ("_flat", "_rows", "frame_index", "height", "pixels", "text_boxes", "tickers", "width")

    def __init__(self, pixels: np.ndarray | None = None) -> None:
        if pixels is None:
            pixels = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
        if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] != 3:
            raise ValueError(f"expected a (height, width, 3) uint8 array, got {pixels.dtype} {pixels.shape}")
        self.pixels = pixels
        self.height, self.width = pixels.shape[0], pixels.shape[1]
        self.text_boxes: list[TextBox] = []
        self.tickers: list[Ticker] | None = None
        """Where scrolling text goes instead of the pixels while a kept drawing is made (else None)."""
        self.frame_index = 0
        """The page's frame being drawn (what :class:`Ticker` lags are measured from)."""
        self._flat = pixels.reshape(-1) if pixels.flags.c_contiguous else None
        self._rows = None if self._flat is None else self._flat.reshape(self.height, self.width * 3)

    def clear(self) -> None:
        """Black frame, no recorded text."""
        self.pixels.fill(0)
        self.text_boxes.clear()

    def fill(self, color: Color) -> None:
        """Paint the whole frame."""
        self.pixels[:, :] = color

    def fill_rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """Paint the rectangle with corners ``(x0, y0)`` and ``(x1, y1)``, both included."""
        xa, xb = max(min(x0, x1), 0), min(max(x0, x1) + 1, self.width)
        ya, yb = max(min(y0, y1), 0), min(max(y0, y1) + 1, self.height)
        if xa < xb and ya < yb:
            if self._rows is not None:  # one contiguous byte row broadcast down the rectangle
                self._rows[ya:yb, xa * 3 : xb * 3] = _color_row(color, xb - xa)
            else:
                self.pixels[ya:yb, xa:xb] = color

    def hline(self, x0: int, x1: int, y: int, color: Color) -> None:
        """A horizontal line from ``x0`` to ``x1`` (included) on row ``y``."""
        self.fill_rect(x0, y, x1, y, color)

    def vline(self, x: int, y0: int, y1: int, color: Color) -> None:
        """A vertical line from ``y0`` to ``y1`` (included) in column ``x``."""
        self.fill_rect(x, y0, x, y1, color)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """The 1-pixel outline of a rectangle (corners included)."""
        self.hline(x0, x1, y0, color)
        self.hline(x0, x1, y1, color)
        self.vline(x0, y0, y1, color)
        self.vline(x1, y0, y1, color)

    def _inside(self, x: int, y: int, h: int, w: int) -> bool:
        return x >= 0 and y >= 0 and x + w <= self.width and y + h <= self.height

    def _clip(self, x: int, y: int, h: int, w: int, clip: tuple[int, int, int, int] | None) -> tuple[int, ...] | None:
        cx0, cy0, cx1, cy1 = clip if clip is not None else (0, 0, self.width, self.height)
        cx0, cy0, cx1, cy1 = max(cx0, 0), max(cy0, 0), min(cx1, self.width), min(cy1, self.height)
        xa, ya, xb, yb = max(x, cx0), max(y, cy0), min(x + w, cx1), min(y + h, cy1)
        if xa >= xb or ya >= yb:
            return None
        return xa, ya, xb, yb

    def blit_mask(
        self, mask: np.ndarray, x: int, y: int, color: Color, *, clip: tuple[int, int, int, int] | None = None
    ) -> None:
        """Paint ``color`` where the bool ``mask`` is set, its top-left at ``(x, y)``.

        ``clip`` is an optional ``(x0, y0, x1, y1)`` window (x1, y1 excluded) inside the panel.
        """
        h, w = mask.shape
        if clip is None and self._flat is not None and not mask.flags.writeable and self._inside(x, y, h, w):
            placed = _placed(mask, x, y, color, self.width)
            if placed is not None:
                self._flat[placed[0]] = placed[1]
                return
        box = self._clip(x, y, h, w, clip)
        if box is None:
            return
        xa, ya, xb, yb = box
        self.pixels[ya:yb, xa:xb][mask[ya - y : yb - y, xa - x : xb - x]] = color

    def blit_rgb(self, icon: np.ndarray, x: int, y: int) -> None:
        """Copy an ``(h, w, 3)`` RGB or ``(h, w, 4)`` RGBA image (alpha 0 = transparent) to ``(x, y)``."""
        h, w = icon.shape[0], icon.shape[1]
        if icon.shape[2] == 4 and self._flat is not None and not icon.flags.writeable and self._inside(x, y, h, w):
            placed = _placed(icon, x, y, None, self.width)
            if placed is not None:
                self._flat[placed[0]] = placed[1]
                return
        box = self._clip(x, y, h, w, None)
        if box is None:
            return
        xa, ya, xb, yb = box
        src = icon[ya - y : yb - y, xa - x : xb - x]
        dst = self.pixels[ya:yb, xa:xb]
        if icon.shape[2] == 4:
            opaque = src[:, :, 3] > 0
            dst[opaque] = src[:, :, :3][opaque]
        else:
            dst[:] = src

    def text(
        self,
        font: Font,
        x: int,
        y: int,
        text: str,
        color: Color,
        *,
        align: Align = "left",
        max_width: int | None = None,
    ) -> int:
        """Draw ``text`` with its cell's top at ``y``; returns the drawn width in pixels.

        ``align`` says what ``x`` is: the left edge, the centre, or the right edge (excluded: ``x = 128``
        ends the text at the panel's last column) of the text.
        Text wider than ``max_width`` is cut to the longest prefix that fits.
        """
        key = (font, text, x, y, color if type(color) is tuple else tuple(color), align, max_width, self.width)
        hit = _texts.get(key) if self._flat is not None else None
        if hit is not None:  # drawn here before in this colour: the same box, width and bytes
            box, width, index, values = hit
            self.text_boxes.append(box)
            self._flat[index] = values  # type: ignore[index]
            return width
        mask = font.raster(text)
        if max_width is not None and mask.shape[1] > max_width:
            text = font.truncate(text, max_width)
            mask = font.raster(text)
        width = mask.shape[1]
        if align == "center":
            x -= width // 2
        elif align == "right":
            x -= width
        if width:
            box = TextBox(x, y, x + width, y + font.height, text)
            self.text_boxes.append(box)
            h = mask.shape[0]
            if self._flat is None or not self._inside(x, y, h, width):
                self.blit_mask(mask, x, y, color)
                return width
            placed = _placed(mask, x, y, color, self.width)
            if placed is None:  # first sighting: a plain slice write
                self.pixels[y : y + h, x : x + width][mask] = color
            else:
                _remember(_texts, key, (box, width, *placed))
                self._flat[placed[0]] = placed[1]
        return width

    def scroll_text(self, font: Font, x: int, y: int, text: str, color: Color, *, width: int, frame_index: int) -> int:
        """Draw ``text`` in the window ``[x, x + width)``, scrolling it when it does not fit; returns its width.

        While :attr:`tickers` is a list (a kept drawing being made), text that moves is not drawn but
        added there as a :class:`Ticker`, to be drawn over the kept drawing on every frame.
        """
        mask = font.raster(text)
        if not mask.shape[1]:
            return 0
        self.text_boxes.append(TextBox(x, y, x + min(width, mask.shape[1]), y + font.height, text))
        if mask.shape[1] <= width:
            self.blit_mask(mask, x, y, color)
            return mask.shape[1]
        lag, panel = frame_index - self.frame_index, (self.width, self.height)
        ticker = _ticker(mask, x, y, width=width, color=color, lag=lag, panel=panel)
        if self.tickers is not None:
            self.tickers.append(ticker)
        else:
            ticker.draw(self, self.frame_index)
        return mask.shape[1]


class Ticker:
    """A string wider than its window ``[x, x + width)`` scrolling through it (immutable once made, but
    for the memo of its last :meth:`backdrop_strip`).

    The text is kept twice with the scroll gap between (``[text | gap | text]``) as a per-byte mask and
    a strip of its colour, rows of ``width * 3`` bytes, so the window at any offset is one slice of
    each, drawn with one ``np.copyto(..., where=)`` on byte rows (masks expanded to the three bytes:
    several times faster than broadcasting a colour under a pixel mask). Over a backdrop whose rows
    are each one colour (:meth:`backdrop_strip`) the window is a plain copy of a pre-composed strip.
    ``lag`` is the scroll's frame minus the page's frame when it was made (0 when the page scrolls
    with its own ``frame_index``), so the ticker keeps its pace when drawn on later frames.
    """

    __slots__ = ("_backdrop", "_ink", "_where", "height", "lag", "mask", "text_width", "width", "window", "x", "y")

    def __init__(
        self, mask: np.ndarray, x: int, y: int, *, width: int, color: Color, lag: int, panel: tuple[int, int]
    ) -> None:
        self.mask = mask
        self.height, self.text_width = mask.shape
        self.x, self.y, self.width, self.lag = x, y, width, lag
        self._backdrop: tuple[bytes, np.ndarray] | None = None  # the last backdrop_strip: its colours, itself
        gap = np.zeros((self.height, SCROLL_GAP), dtype=bool)
        strip = np.concatenate((mask, gap, mask), axis=1)
        self._where = np.repeat(strip, 3, axis=1)  # (height, strip width * 3): one flag per byte
        self._ink = np.tile(np.asarray(color, dtype=np.uint8), strip.shape).reshape(self._where.shape)
        xa, xb = max(x, 0), min(x + width, panel[0])
        ya, yb = max(y, 0), min(y + self.height, panel[1])
        self.window = (xa, ya, xb, yb) if xa < xb and ya < yb else None
        """The window's part on the panel, ``(x0, y0, x1, y1)`` with x1, y1 excluded; None when off it."""

    def offset(self, frame_index: int) -> int:
        """How far (<= 0) the text has scrolled on the page's frame ``frame_index``."""
        return scroll_offset(self.text_width, self.width, frame_index + self.lag)

    def rows(self) -> tuple[int, int]:
        """The panel rows ``[top, bottom)`` the ticker may change."""
        return self.y, self.y + self.height

    def backdrop_strip(self, pixels: np.ndarray) -> np.ndarray | None:
        """The strip composed over ``pixels``' window when each of its rows there is one colour, else None.

        With it, :meth:`draw_at` writes the whole window (text and backdrop) in one copy, whatever the
        buffer held there before.
        """
        if self.window is None:
            return None
        xa, ya, xb, yb = self.window
        backdrop = pixels[ya:yb, xa:xb]
        if not (backdrop == backdrop[:, :1]).all():
            return None
        colors = backdrop[:, 0].tobytes()
        if self._backdrop is not None and self._backdrop[0] == colors:
            return self._backdrop[1]
        rows = slice(ya - self.y, yb - self.y)
        fill = np.repeat(backdrop[:, :1], self._where.shape[1] // 3, axis=1).reshape(yb - ya, -1)
        strip = np.where(self._where[rows], self._ink[rows], fill)
        strip.setflags(write=False)
        self._backdrop = (colors, strip)
        return strip

    def draw(self, canvas: Canvas, frame_index: int) -> None:
        """Draw the text as it stands on the page's frame ``frame_index``, clipped to its window."""
        self.draw_at(canvas, self.offset(frame_index))

    def draw_at(self, canvas: Canvas, offset: int, strip: np.ndarray | None = None) -> None:
        """Draw the text scrolled by ``offset`` (see :meth:`offset`), clipped to its window.

        ``strip`` is :meth:`backdrop_strip` of the drawing under the window: the window is then copied
        from it, backdrop included.
        """
        if self.window is None:
            return
        xa, ya, xb, yb = self.window
        start = (xa - self.x - offset) * 3
        cols = slice(start, start + (xb - xa) * 3)
        rows = slice(ya - self.y, yb - self.y)
        if canvas._rows is None:  # a frame that is a view into a larger array: pixel-shaped slices
            dst = canvas.pixels[ya:yb, xa:xb]
            source = self._ink[rows, cols] if strip is None else strip[:, cols]
            where = True if strip is not None else self._where[rows, cols].reshape(dst.shape)
            np.copyto(dst, source.reshape(dst.shape), where=where)
            return
        dst = canvas._rows[ya:yb, xa * 3 : xb * 3]
        if strip is not None:
            dst[:] = strip[:, cols]
        else:
            np.copyto(dst, self._ink[rows, cols], where=self._where[rows, cols])


_placed_cache: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
_first_sight: dict[tuple[object, ...], np.ndarray] = {}
_PLACED_LIMIT = 4096
_CHANNELS = np.arange(3, dtype=np.intp)


def _placed(
    image: np.ndarray, x: int, y: int, color: Color | None, panel_width: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """``(byte indices, byte values)`` that draw a read-only mask (in ``color``) or RGBA image at ``(x, y)``.

    Computed the second time the same array object is drawn at the same place in the same colour (a
    one-off drawing gets ``None`` and takes the plain path), then kept; the caches hold the array, so
    its ``id`` cannot be reused by another array while an entry exists.
    """
    key = (id(image), x, y, None if color is None else tuple(color), panel_width)
    hit = _placed_cache.get(key)
    if hit is not None and hit[0] is image:
        return hit[1], hit[2]
    if _first_sight.get(key) is not image:
        if len(_first_sight) >= _PLACED_LIMIT:
            _first_sight.clear()
        _first_sight[key] = image
        return None
    _first_sight.pop(key, None)
    if image.ndim == 2:
        rows, cols = np.nonzero(image)
        values = np.tile(np.asarray(color, dtype=np.uint8), len(rows))
    else:
        rows, cols = np.nonzero(image[:, :, 3])
        values = np.ascontiguousarray(image[rows, cols, :3]).reshape(-1)
    pixels = (rows.astype(np.intp) + y) * panel_width + (cols + x)
    index = (pixels[:, np.newaxis] * 3 + _CHANNELS).reshape(-1)
    if len(_placed_cache) >= _PLACED_LIMIT:
        _placed_cache.clear()
    _placed_cache[key] = (image, index, values)
    return index, values


_color_rows: dict[tuple[object, ...], np.ndarray] = {}
_tickers: dict[tuple[object, ...], Ticker] = text_cache({})
"""Tickers by string raster, place, window, colour and lag (emptied with the text cache)."""


def _ticker(mask: np.ndarray, x: int, y: int, *, width: int, color: Color, lag: int, panel: tuple[int, int]) -> Ticker:
    """The :class:`Ticker` of a string raster scrolling at ``(x, y)``: made once per read-only raster."""
    key = (id(mask), x, y, width, color if type(color) is tuple else tuple(color), lag, panel)
    ticker = _tickers.get(key)
    if ticker is None or ticker.mask is not mask:
        ticker = Ticker(mask, x, y, width=width, color=color, lag=lag, panel=panel)
        if not mask.flags.writeable:
            _remember(_tickers, key, ticker)
    return ticker


_texts: dict[tuple[object, ...], tuple[TextBox, int, np.ndarray, np.ndarray]] = text_cache({})
"""A string drawn in a font, place and colour: its box, width and bytes (emptied with the text cache)."""


def _remember(cache: dict[tuple[object, ...], object], key: tuple[object, ...], value: object) -> None:
    if len(cache) >= _PLACED_LIMIT:
        cache.clear()
    cache[key] = value


def _color_row(color: Color, count: int) -> np.ndarray:
    """``count`` pixels of ``color`` as one read-only byte row (kept per colour and length)."""
    key = (color if type(color) is tuple else tuple(color), count)
    row = _color_rows.get(key)
    if row is None:
        row = np.tile(np.asarray(color, dtype=np.uint8), count)
        row.setflags(write=False)
        _remember(_color_rows, key, row)
    return row
