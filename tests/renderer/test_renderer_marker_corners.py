"""The stale and paused markers cover nothing a page draws, on every page in every state (C25).

The renderer draws its markers over the page (:mod:`ecoboard.renderer._markers`): the stale glyphs of
every kind the page shows, at once, and the paused glyph. Every scene the other renderer tests draw
(golden states and the widest real values) is drawn here without markers, and the boxes the markers
would take must hold no text and no lit pixel.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest
from PIL import Image

from bench.scenes import scenes
from ecoboard.renderer import PAGE_KINDS, PAGES, Canvas, FrameRenderer, KindHealth, PageContext, TextBox, png_bytes
from ecoboard.renderer._markers import marker_boxes

from . import _sports_records
from .test_renderer_extras import SHOTS
from .test_renderer_fit import CASES
from .test_renderer_golden import GOLDEN, REGENERATE
from .test_renderer_sports_pages import WIDEST_PLAY, _widest_mlb


def _sports_context(scene: _sports_records.Scene) -> PageContext:
    return PageContext(
        records={scene.record.kind: scene.record},
        now=scene.now,
        config=scene.cfg,
        options=scene.options,
        page_elapsed=scene.elapsed,
    )


def _widest_mlb_contexts() -> dict[str, tuple[str, PageContext]]:
    now = _sports_records.T_ESPN_MLB
    found = {}
    for status in ("live", "final", "suspended", "delayed"):
        for runs in ((10, 10), (100, 99)):
            game = dict(_widest_mlb("middle", runs, WIDEST_PLAY), status=status, reason="Rain")
            data = {"date": "2022-09-17", "games": [game], "next_game": None}
            stale = _sports_records.record("mlb", "espn", data, now - timedelta(hours=23, minutes=59))
            found[f"mlb-widest-{status}-{runs[0]}"] = ("mlb", PageContext(records={"mlb": stale}, now=now))
    return found


def _every_state() -> dict[str, tuple[str, PageContext]]:
    states = {name: (scene.page, scene.context()) for name, scene in scenes().items()}
    hourly = scenes()["hourly"]
    for hours in range(1, 8):  # the widest hour labels (10AM, 11AM, 12PM) in the last column
        later = replace(hourly, now=hourly.now + timedelta(hours=hours))
        states[f"hourly-{hours}h-later"] = ("hourly", later.context())
    states |= {name: (scene.page, scene.context()) for name, scene in CASES.items()}
    states |= {name: (s.page, _sports_context(s)) for name, s in _sports_records.scenes().items()}
    states |= _widest_mlb_contexts()
    states |= {name: (shot.page, shot.context()) for name, shot in SHOTS.items()}
    return states


STATES = _every_state()


def test_every_page_is_drawn_here() -> None:
    assert {page for page, _ in STATES.values()} == set(PAGES)


@pytest.mark.parametrize("name", sorted(STATES))
def test_markers_cover_nothing_the_page_draws(name: str) -> None:
    page, ctx = STATES[name]
    canvas = Canvas()
    PAGES[page](canvas, ctx)
    for marker, (x0, y0, x1, y1) in marker_boxes(page, len(PAGE_KINDS.get(page, ()))).items():
        corner = TextBox(x0, y0, x1, y1, marker)
        for box in canvas.text_boxes:
            assert not box.overlaps(corner), f"{name}: {box.text!r} {box} lies under the {marker} marker {corner}"
        lit = np.argwhere(canvas.pixels[y0:y1, x0:x1].any(axis=2))
        assert not len(lit), f"{name}: lit pixel at (x, y) {(x0 + lit[0][1], y0 + lit[0][0])} under the {marker} marker"


MARKED = {
    "clock": scenes()["clock"],
    "weather": scenes()["weather"],
    "hourly": scenes()["hourly"],
    "daily": scenes()["daily"],
    "sun_moon": scenes()["sun_moon"],
    "status": scenes()["status"],
    "mlb": _sports_records.scenes()["mlb_live"],
    "nfl": _sports_records.scenes()["nfl_live"],
}
"""A state of each page drawn with every kind it shows stale and the panel paused (``markers_<page>.png``)."""


def _marked_frame(page: str) -> np.ndarray:
    scene = MARKED[page]
    ctx = _sports_context(scene) if isinstance(scene, _sports_records.Scene) else scene.context()
    stale = {kind: KindHealth(ok=False, stale=True, consecutive_failures=3) for kind in PAGE_KINDS[page]}
    renderer = FrameRenderer()
    renderer.render(page, replace(ctx, health={**ctx.health, **stale}, paused=True))
    return renderer.composed.copy()


@pytest.mark.parametrize("page", sorted(MARKED))
def test_golden_image_with_every_marker(page: str) -> None:
    frame = _marked_frame(page)
    path = GOLDEN / f"markers_{page}.png"
    if REGENERATE:
        path.write_bytes(png_bytes(frame))
    expected = np.asarray(Image.open(path).convert("RGB"))
    differ = int(np.any(frame != expected, axis=2).sum())
    assert differ == 0, f"{page}: {differ} pixels differ from {path.name} (ECOBOARD_REGEN_GOLDEN=1 to accept)"
    for marker, (x0, y0, x1, y1) in marker_boxes(page, len(PAGE_KINDS[page])).items():
        assert frame[y0:y1, x0:x1].any(), f"{page}: no {marker} marker drawn at {(x0, y0, x1, y1)}"
