"""The daily page (being built)."""

from __future__ import annotations

from .._canvas import Canvas
from .._context import PageContext
from .._registry import register_page
from .._widgets import draw_waiting


@register_page("daily", kinds=("weather",))
def daily_page(canvas: Canvas, ctx: PageContext) -> None:
    """Being built."""
    draw_waiting(canvas, "daily")
