"""Drawing shared by the MLB and NFL pages: team bands, the status card, wrapped text, the empty day.

Coordinates, fonts and colours come from the page's layout (``layouts/w128h64/<page>.json``); the
functions here only place a :class:`~._sports_view.GameView` into those elements. Elements repeated
per team (``band``, ``abbr``, ``score``, ``name``...) use ``step`` as the distance from the away row
(0) to the home row (1). Every text has a width budget, so nothing leaves its field (C12).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .._canvas import Canvas, Color
from .._fonts import Font, fit_text
from .._layout import Element, Layout
from ._sports_view import GameView, TeamView, wrap_words

SIDES = ("away", "home")
_GAP = 2
"""Pixels kept free between the abbreviation and the score in a band."""


def put(canvas: Canvas, el: Element, text: str, *, row: int = 0, color: Color | None = None, dy: int = 0) -> int:
    """Draw ``text`` at element ``el`` (row ``row`` of a repeated element, ``dy`` lower) within its width."""
    assert el.font is not None, f"element {el.name} has no font"
    y = el.y + row * el.step + dy
    return canvas.text(el.font, el.x, y, text, color or el.color, align=el.align, max_width=el.w)


def paired_names(el: Element, *teams: TeamView) -> list[str]:
    """One name per team at the same level (both full, both team names...) when one level fits them all;
    otherwise each team's own first fitting name (C12)."""
    assert el.font is not None and el.w is not None
    font, width = el.font, el.w
    for level in range(len(teams[0].names)):
        names = [team.names[level] for team in teams]
        if all(name and font.measure(name) <= width for name in names):
            return names
    return [fit_text(font, team.names, width) for team in teams]


def draw_band(canvas: Canvas, layout: Layout, row: int, team: TeamView, score: str) -> None:
    """A team-colour band with the abbreviation at its left and ``score`` (if any) at its right."""
    band = layout.el("band")
    top = band.y + row * band.step
    canvas.fill_rect(band.x, top, band.x + (band.w or 0) - 1, top + (band.h or 0) - 1, team.band)
    score_el = layout.el("score")
    used = 0
    if score:
        assert score_el.font is not None
        if score_el.font.measure(score) > (band.w or 0) // 2:
            score_el = layout.el("score_narrow")
        used = put(canvas, score_el, score, row=row, color=team.ink)
    abbr = layout.el("abbr")
    assert abbr.font is not None
    budget = score_el.x - used - _GAP - abbr.x
    canvas.text(abbr.font, abbr.x, abbr.y + row * abbr.step, fit_text(abbr.font, [team.abbreviation], budget), team.ink)


def draw_bands(canvas: Canvas, layout: Layout, view: GameView) -> None:
    """Both team bands (away on top) with scores once the game has started, and the rule under them."""
    for row, team in enumerate((view.away, view.home)):
        draw_band(canvas, layout, row, team, team.score if view.scores else "")
    rule = layout.el("rule")
    canvas.fill_rect(rule.x, rule.y, rule.x + (rule.w or 1) - 1, rule.y + (rule.h or 1) - 1, layout.color("rule"))


def draw_lines(canvas: Canvas, layout: Layout, el: Element, text: str) -> None:
    """``text`` word-wrapped into the element's ``count`` lines, ``step`` pixels apart.

    A line reaching into the layout's ``marker_corner`` (where the renderer draws the stale glyph)
    ends before it.
    """
    if not text:
        return
    assert el.font is not None and el.w is not None
    corner = layout.el("marker_corner")
    widths = tuple(corner.x - el.x if el.y + i * el.step + el.font.height > corner.y else el.w for i in range(el.count))
    for i, line in enumerate(_wrapped(el.font, text, widths)):
        put(canvas, el, line, row=i)


@lru_cache(maxsize=64)
def _wrapped(font: Font, text: str, widths: tuple[int, ...]) -> tuple[str, ...]:
    """:func:`wrap_words` in ``font``, remembered: the same last play is drawn for many frames."""
    return wrap_words(text, widths, font.measure)


def draw_card(canvas: Canvas, layout: Layout, view: GameView, info: str, frame: int = 0) -> None:
    """A game that is not live: bands, names and records (or hits/errors), then the status and detail."""
    draw_bands(canvas, layout, view)
    for row, name in enumerate(paired_names(layout.el("name"), view.away, view.home)):
        put(canvas, layout.el("name"), name, row=row)
        if view.lines[row]:
            put(canvas, layout.el("line2"), view.lines[row], row=row)
    draw_status(canvas, layout, view.headline, view.color, card_detail(view, info), frame=frame)


def card_detail(view: GameView, info: str) -> str:
    """The card's small line: the tag (G2, week), the detail (inning, new date, reason) and ``info`` (age)."""
    return "  ".join(p for p in (view.tag, view.detail, info) if p)


def draw_status(canvas: Canvas, layout: Layout, headline: str, color: Color, detail: str, *, frame: int = 0) -> None:
    """The big status text (a narrower font when it does not fit) and the small detail line under it.

    A detail wider than its element scrolls (``frame`` counts frames since the page showed).
    """
    el = layout.el("headline")
    assert el.font is not None and el.w is not None
    if el.font.measure(headline) > el.w:
        el = layout.el("headline_narrow")
    put(canvas, el, headline, color=color)
    if detail:
        put_or_scroll(canvas, layout.el("detail"), detail, frame)


def put_or_scroll(canvas: Canvas, el: Element, text: str, frame: int) -> None:
    """Draw ``text`` at element ``el`` when it fits its width, else scroll it through that width."""
    assert el.font is not None and el.w is not None
    if el.font.measure(text) <= el.w:
        put(canvas, el, text)
        return
    left = {"left": el.x, "center": el.x - el.w // 2, "right": el.x - el.w}[el.align]
    canvas.scroll_text(el.font, left, el.y, text, el.color, width=el.w, frame_index=frame)


def draw_empty(canvas: Canvas, layout: Layout, date_text: str, message: str, upcoming: Sequence[str]) -> None:
    """A day or week without games: the date, the message, and the next game when known (C18)."""
    put(canvas, layout.el("empty_date"), date_text)
    put(canvas, layout.el("empty_message"), message)
    for name, text in zip(("next_title", "next_teams", "next_when"), upcoming, strict=False):
        put(canvas, layout.el(name), text)


def shape(rows: Sequence[str]) -> np.ndarray:
    """A read-only bool mask from rows of ``#`` (set) and ``.`` (clear)."""
    mask = np.array([[c == "#" for c in row] for row in rows], dtype=bool)
    mask.setflags(write=False)
    return mask
