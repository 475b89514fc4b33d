"""The page registry: page name -> page function, the record kinds each page reads, its frame key."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from ._canvas import Canvas
from ._context import PageContext

PageFn = Callable[[Canvas, PageContext], None]
"""A page: draws one frame from the context into the canvas; never does I/O, never raises on bad data."""

PAGES: dict[str, PageFn] = {}
"""Every registered page by name (filled when ``ecoboard.renderer.pages`` is imported)."""

PAGE_KINDS: dict[str, tuple[str, ...]] = {}
"""The record kinds each page reads (their stale markers are drawn over the page)."""

FrameKey = Callable[[PageContext], Hashable]
"""Everything a page's drawing depends on besides ``records[kinds]``, ``config``, ``options`` and ``health``
(for example the current minute, or ``frame_index`` for a page that scrolls)."""

PAGE_KEYS: dict[str, FrameKey] = {}
"""Pages that declared a frame key: :class:`FrameRenderer` reuses their last drawing while it is unchanged."""


def register_page(name: str, kinds: tuple[str, ...] = (), key: FrameKey | None = None) -> Callable[[PageFn], PageFn]:
    """Decorator: register ``fn`` as page ``name`` reading ``kinds``; a later registration replaces it.

    ``key(ctx)`` (optional) makes the page memoizable: two frames with equal keys, the same records of
    ``kinds`` (by version), the same config object, options and health draw the same pixels, so the
    renderer copies the previous drawing instead of drawing again. A page without a key is drawn every
    frame.
    """

    def decorate(fn: PageFn) -> PageFn:
        PAGES[name] = fn
        PAGE_KINDS[name] = tuple(kinds)
        if key is None:
            PAGE_KEYS.pop(name, None)
        else:
            PAGE_KEYS[name] = key
        return fn

    return decorate


def every_second(ctx: PageContext) -> Hashable:
    """Frame key of a page that changes at most once a second."""
    return int(ctx.now.timestamp())


def every_minute(ctx: PageContext) -> Hashable:
    """Frame key of a page that changes at most once a minute."""
    return int(ctx.now.timestamp()) // 60


def records_only(ctx: PageContext) -> Hashable:
    """Frame key of a page drawn from its records alone (no clock)."""
    return None
