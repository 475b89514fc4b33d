"""Placeholder for the NFL page: the sports-pages helper replaces this whole file."""

from __future__ import annotations

from .._canvas import Canvas
from .._context import PageContext
from .._registry import register_page
from .._widgets import draw_waiting, record_data


@register_page("nfl", kinds=("nfl",))
def nfl_page(canvas: Canvas, ctx: PageContext) -> None:
    """Placeholder: shows the first-refresh state until the real page lands."""
    if record_data(ctx, "nfl") is None:
        draw_waiting(canvas, "nfl")
        return
    draw_waiting(canvas, "nfl", "page not built yet")
