"""Placeholder for the MLB page: the sports-pages helper replaces this whole file."""

from __future__ import annotations

from .._canvas import Canvas
from .._context import PageContext
from .._registry import register_page
from .._widgets import draw_waiting, record_data


@register_page("mlb", kinds=("mlb",))
def mlb_page(canvas: Canvas, ctx: PageContext) -> None:
    """Placeholder: shows the first-refresh state until the real page lands."""
    if record_data(ctx, "mlb") is None:
        draw_waiting(canvas, "mlb")
        return
    draw_waiting(canvas, "mlb", "page not built yet")
