"""The page registry: page name -> page function, plus the record kinds each page draws from."""

from __future__ import annotations

from collections.abc import Callable

from ._canvas import Canvas
from ._context import PageContext

PageFn = Callable[[Canvas, PageContext], None]
"""A page: draws one frame from the context into the canvas; never does I/O, never raises on bad data."""

PAGES: dict[str, PageFn] = {}
"""Every registered page by name (filled when ``ecoboard.renderer.pages`` is imported)."""

PAGE_KINDS: dict[str, tuple[str, ...]] = {}
"""The record kinds each page reads (their stale markers are drawn over the page)."""


def register_page(name: str, kinds: tuple[str, ...] = ()) -> Callable[[PageFn], PageFn]:
    """Decorator: register ``fn`` as page ``name`` reading ``kinds``; a later registration replaces it."""

    def decorate(fn: PageFn) -> PageFn:
        PAGES[name] = fn
        PAGE_KINDS[name] = tuple(kinds)
        return fn

    return decorate
