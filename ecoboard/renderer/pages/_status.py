"""The status page: each kind's data age and health, as the fetchers and sync task report it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from ..._record import KINDS
from .._canvas import Canvas, Color
from .._context import KindHealth, PageContext
from .._layout import Layout, get_layout
from .._registry import register_page
from .._units import clock_text, local_time
from .._views import per_record
from .._widgets import age_text, disc_mask


def health_color(layout: Layout, ctx: PageContext, kind: str) -> Color:
    """Green ok, amber stale, red failing, grey before the first record."""
    health = ctx.health.get(kind)
    if health is not None and not health.ok and health.consecutive_failures:
        return layout.color("failing")
    if ctx.records.get(kind) is None:
        return layout.color("missing")
    return layout.color("stale") if ctx.is_stale(kind) else layout.color("ok")


REPLAY_PREFIX = "replay:"
"""How a record made from recordings names its source (``replay:open-meteo``)."""


def _detail(layout: Layout, health: KindHealth | None, source: str) -> tuple[str, Color]:
    """The row's middle column and its colour: the failure count, else the provider; a provider
    answered from recordings is named without ``replay:`` (it would not fit) in the colour ``replayed``."""
    if health is not None and health.consecutive_failures:
        return f"fail x{health.consecutive_failures}", layout.color("failing")
    if source.startswith(REPLAY_PREFIX):
        return source.removeprefix(REPLAY_PREFIX), layout.color("replayed")
    return source, layout.el("source").color


def _status_key(ctx: PageContext) -> Hashable:
    """The second, and every record's version (the page reads all kinds but marks none stale)."""
    versions = tuple((kind, r.version, r.fetched_at) for kind, r in sorted(ctx.records.items()))
    return (int(ctx.now.timestamp()), versions)


def kinds_problem(value: Any) -> str | None:
    """Checker of the page option ``kinds``: a list of record kinds, listed in that order."""
    if isinstance(value, list | tuple) and all(kind in KINDS for kind in value):
        return None
    return f"expected a list of kinds from {', '.join(KINDS)}, got {value!r}"


@dataclass(frozen=True)
class StatusRow:
    """One kind's row: health colour (dot and age), name, source or failures and its colour, age."""

    color: Color
    kind: str
    detail: str
    detail_color: Color
    age: str


def status_rows(ctx: PageContext) -> tuple[str, tuple[StatusRow, ...]]:
    """The clock text and the rows (built once per second, records, health, config and options)."""
    layout = get_layout("status")
    rows = []
    for kind in tuple(ctx.options.get("kinds", KINDS))[: layout.el("rows").count]:
        record = ctx.records.get(kind)
        health = ctx.health.get(kind)
        detail, detail_color = _detail(layout, health, record.source if record else "no data")
        rows.append(
            StatusRow(
                color=health_color(layout, ctx, kind),
                kind=kind.replace("_", "/"),
                detail=detail,
                detail_color=detail_color,
                age=age_text(record.age_seconds(ctx.now)) if record else "--",
            )
        )
    return clock_text(local_time(ctx.now, ctx.config), ctx.config, ampm=True), tuple(rows)


@register_page("status", kinds=(), key=_status_key, options={"kinds": kinds_problem})
def status_page(canvas: Canvas, ctx: PageContext) -> None:
    """One row per kind: a health dot, the kind, its source (or failure count) and the record's age."""
    key = (int(ctx.now.timestamp()), tuple(ctx.records.values()), ctx.health, ctx.config, ctx.options)
    clock_line, rows = per_record("status", None, key, lambda: status_rows(ctx))
    layout = get_layout("status")
    title, clock = layout.el("title"), layout.el("time")
    assert title.font and clock.font
    canvas.text(title.font, title.x, title.y, "STATUS", title.color)
    canvas.text(clock.font, clock.x, clock.y, clock_line, clock.color, align="right")
    block, dot, kind_el, source_el, age_el = (layout.el(n) for n in ("rows", "dot", "kind", "source", "age"))
    assert kind_el.font and source_el.font and age_el.font
    disc = disc_mask(dot.size // 2)
    for i, row in enumerate(rows):
        y = block.y + i * block.step
        canvas.blit_mask(disc, block.x + dot.x, y + dot.y, row.color)
        canvas.text(kind_el.font, block.x + kind_el.x, y + kind_el.y, row.kind, kind_el.color, max_width=kind_el.w)
        canvas.text(
            source_el.font, block.x + source_el.x, y + source_el.y, row.detail, row.detail_color, max_width=source_el.w
        )
        canvas.text(
            age_el.font, block.x + age_el.x, y + age_el.y, row.age, row.color, align="right", max_width=age_el.w
        )
