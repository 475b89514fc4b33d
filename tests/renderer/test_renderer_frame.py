"""FrameRenderer: back-buffer drawing, one swap per frame through the brightness/gamma table, markers, memo."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest

from bench.scenes import scenes
from ecoboard.renderer import (
    PAGE_KINDS,
    PAGES,
    Canvas,
    FrameRenderer,
    KindHealth,
    PageContext,
    brightness_lut,
    clear_text_cache,
    get_font,
    register_page,
)
from ecoboard.renderer._markers import _HOURGLASS, PAUSED_COLOR, STALE_COLOR, draw_markers


def test_lut_brightness_and_gamma() -> None:
    assert np.array_equal(brightness_lut(100, 1.0), np.arange(256, dtype=np.uint8))
    lut = brightness_lut(50, 2.2)
    assert (lut[0], lut[128], lut[255]) == (0, 28, 128)  # 255 * (128/255)^2.2 * 0.5 = 27.6
    assert not brightness_lut(0, 2.2).any()


def test_front_is_display_ready_and_never_the_drawing_buffer() -> None:
    scene = scenes()["weather"]
    renderer = FrameRenderer(brightness=60, gamma=2.2)
    front = renderer.render(scene.page, scene.context())
    assert front is renderer.front
    assert np.array_equal(front, brightness_lut(60, 2.2)[renderer.composed])
    drawing = renderer.back
    assert drawing.pixels is not renderer.composed and drawing.pixels is not front
    renderer.draw(scene.page, scene.context(1))
    assert np.array_equal(front, brightness_lut(60, 2.2)[renderer.composed])  # untouched until the swap
    renderer.swap()
    assert renderer.composed is drawing.pixels


def test_set_brightness_takes_effect_at_the_next_swap() -> None:
    scene = scenes()["clock"]
    renderer = FrameRenderer()
    first = renderer.render(scene.page, scene.context()).copy()
    renderer.set_brightness(25, gamma=1.0)
    assert np.array_equal(renderer.front, first)
    second = renderer.render(scene.page, scene.context())
    assert np.array_equal(second, brightness_lut(25, 1.0)[renderer.composed]) and second.max() == 64


def test_stale_glyph_per_kind_and_paused_glyph() -> None:
    scene = scenes()["weather"]
    fresh = FrameRenderer().draw(scene.page, scene.context()).pixels.copy()
    assert not np.all(fresh == STALE_COLOR, axis=2).any()
    later = replace(scene, now=scene.now + timedelta(hours=2), paused=True)  # both records past valid_until
    canvas = FrameRenderer().draw(later.page, later.context())
    stale = np.all(canvas.pixels == STALE_COLOR, axis=2)
    assert stale[58:64].any() and not stale[:56].any()  # bottom row, nothing above
    assert np.array_equal(stale[58:64, 117:122], _HOURGLASS)  # weather: hourglass + "W" at the right
    assert np.array_equal(stale[58:64, 106:111], _HOURGLASS)  # then aqi: hourglass + "A"
    assert np.array_equal(stale[58:64, 112:116], get_font("4x6").glyph("A"))
    paused = np.all(canvas.pixels[1:8, 121:126] == PAUSED_COLOR, axis=2)
    assert paused.sum() == 2 * 2 * 7


def test_health_stale_flag_draws_the_marker_before_valid_until() -> None:
    scene = scenes()["sun_moon"]
    ctx = replace(scene, health={"sun_moon": KindHealth(ok=False, stale=True, consecutive_failures=2)}).context()
    pixels = FrameRenderer().draw(scene.page, ctx).pixels
    assert np.all(pixels == STALE_COLOR, axis=2).any()


@pytest.mark.parametrize("name", sorted(scenes()))
def test_memoized_frames_equal_redrawn_frames(name: str) -> None:
    scene = scenes()[name]
    memo, redraw = FrameRenderer(brightness=70, gamma=2.2), FrameRenderer(brightness=70, gamma=2.2)
    redraw.memoize = False
    for frame in (0, 1, 2, 59, 60, 61, 130, 3600):
        ctx = scene.context(frame)
        assert np.array_equal(memo.render(scene.page, ctx), redraw.render(scene.page, ctx)), frame
        assert np.array_equal(memo.composed, redraw.composed)


@pytest.mark.parametrize("name", sorted(scenes()))
def test_kept_byte_indices_draw_what_plain_numpy_slices_draw(name: str) -> None:
    """Drawn again and again (strings, masks, icons and rectangles then set by kept byte indices), and
    again after the text cache is emptied, every scene gives the frame plain numpy slices give."""
    scene = scenes()[name]
    renderer = FrameRenderer(brightness=70, gamma=2.2)
    renderer.memoize = False
    for frame in (0, 150):
        ctx = scene.context(frame)
        plain = Canvas(np.zeros((64, 128, 4), dtype=np.uint8)[:, :, :3])  # not contiguous: slices only
        PAGES[scene.page](plain, ctx)
        stale = tuple(kind for kind in PAGE_KINDS.get(scene.page, ()) if ctx.is_stale(kind))
        draw_markers(plain, scene.page, stale, ctx.paused)
        for _ in range(4):
            front = renderer.render(scene.page, ctx)
            assert np.array_equal(renderer.composed, plain.pixels), frame
            assert np.array_equal(front, brightness_lut(70, 2.2)[plain.pixels]), frame
        clear_text_cache()
        assert np.array_equal(renderer.render(scene.page, ctx), front)


def test_memo_redraws_when_a_record_changes() -> None:
    scene = scenes()["weather"]
    renderer = FrameRenderer()
    renderer.render(scene.page, scene.context())
    before = renderer.composed.copy()
    record = scene.records["weather"]
    data = {**record.data, "current": {**record.data["current"], "temperature": 30.0}}
    newer = replace(record, version=2, data=data)
    renderer.render(scene.page, replace(scene, records={**scene.records, "weather": newer}).context())
    assert not np.array_equal(before, renderer.composed)


def test_a_failing_page_draws_an_error_frame_and_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    calls = []

    @register_page("test_broken")
    def broken(canvas: Canvas, ctx: PageContext) -> None:
        calls.append(ctx.frame_index)
        raise KeyError("current")

    try:
        renderer = FrameRenderer()
        scene = scenes()["clock"]
        with caplog.at_level(logging.ERROR, logger="ecoboard.renderer._frame"):
            for i in range(3):
                canvas = renderer.draw("test_broken", scene.context(i))
        assert calls == [0, 1, 2]
        assert [b.text for b in canvas.text_boxes] == ["test_broken: error"]
        assert len([r for r in caplog.records if "test_broken" in r.getMessage()]) == 1
    finally:
        PAGES.pop("test_broken")


def test_an_unknown_page_name_draws_a_message() -> None:
    canvas = FrameRenderer().draw("nope", scenes()["clock"].context())
    assert [b.text for b in canvas.text_boxes] == ["no page nope"]


def test_waiting_for_the_first_record() -> None:
    scene = scenes()["clock"]
    for page, kind in (("weather", "weather"), ("hourly", "weather"), ("daily", "weather"), ("sun_moon", "sun/moon")):
        ctx = PageContext(records={}, now=scene.now)
        assert [b.text for b in FrameRenderer().draw(page, ctx).text_boxes] == ["waiting for", kind], page


def test_scrolling_text_moves_over_the_kept_drawing_without_drawing_the_page_again() -> None:
    """A keyed page runs once per change of its inputs; its scrolling text is drawn over the kept drawing on
    every frame. Frame for frame the result is the full redraw's, and the front buffer (looked up only
    where the scroll moved) is the lookup table of the composed frame, across a pause, a stale kind and
    a brightness change."""
    font = get_font("5x8")
    calls: list[int] = []
    counting = [False]

    @register_page("test_ticker", kinds=("weather",), key=lambda ctx: None)
    def ticker_page(canvas: Canvas, ctx: PageContext) -> None:
        if counting[0]:
            calls.append(ctx.frame_index)
        canvas.fill_rect(0, 0, 127, 63, (0, 0, 90))
        canvas.text(font, 2, 2, "STILL", (255, 255, 255))
        line = "a line far too long for a forty pixel window"
        canvas.scroll_text(font, 10, 40, line, (255, 200, 0), width=40, frame_index=ctx.frame_index)

    try:
        memo, plain = FrameRenderer(brightness=70, gamma=2.2), FrameRenderer(brightness=70, gamma=2.2)
        plain.memoize = False
        base = scenes()["clock"]
        windows = []
        for frame in range(400):
            health = {"weather": KindHealth(stale=frame >= 300)}
            ctx = PageContext(records={}, now=base.now, health=health, frame_index=frame, paused=200 <= frame < 250)
            if frame == 150:
                memo.set_brightness(40)
                plain.set_brightness(40)
            counting[0] = True
            front = memo.render("test_ticker", ctx)
            counting[0] = False
            plain.render("test_ticker", ctx)
            assert np.array_equal(memo.composed, plain.composed), frame
            assert np.array_equal(front, brightness_lut(memo.brightness, 2.2)[memo.composed]), frame
            windows.append(memo.composed.copy())
        assert calls == [0, 300]  # drawn at the start and when the stale flag changed the inputs
        assert not np.array_equal(windows[60][40:48], windows[100][40:48])  # the line scrolls...
        assert np.array_equal(windows[60][:40], windows[100][:40])  # ... and nothing else moves
        assert np.array_equal(windows[0], windows[59])  # still for the first second
    finally:
        PAGES.pop("test_ticker")
        PAGE_KINDS.pop("test_ticker")


def test_scrolled_windows_under_markers_and_over_a_patterned_backdrop_match_the_full_redraw() -> None:
    """Two tickers: one over a solid band, its window under the stale and paused markers (each frame
    rewrites that window whole, so the markers must come back over it); one over a striped backdrop
    (no pre-composed strip: the kept drawing is copied and the text drawn over it). Frame for frame
    the kept drawing gives the full redraw's frame."""
    font = get_font("5x8")

    @register_page("test_two_tickers", kinds=("weather",), key=lambda ctx: None)
    def two_tickers(canvas: Canvas, ctx: PageContext) -> None:
        canvas.fill_rect(0, 56, 127, 63, (0, 60, 0))  # the band under the bottom-right stale marker
        line = "a long line that scrolls under the stale marker in the corner"
        canvas.scroll_text(font, 60, 56, line, (255, 255, 255), width=68, frame_index=ctx.frame_index)
        canvas.scroll_text(
            font, 90, 0, "text under the paused bars", (0, 200, 255), width=38, frame_index=ctx.frame_index
        )
        for x in range(0, 128, 2):
            canvas.vline(x, 20, 27, (90, 0, 90))  # stripes: no row of this window is one colour
        canvas.scroll_text(
            font, 8, 20, "over stripes, too long to fit", (255, 200, 0), width=50, frame_index=ctx.frame_index
        )

    try:
        memo, plain = FrameRenderer(brightness=70, gamma=2.2), FrameRenderer(brightness=70, gamma=2.2)
        plain.memoize = False
        base = scenes()["clock"]
        for frame in range(0, 420):
            health = {"weather": KindHealth(stale=100 <= frame < 300)}
            ctx = PageContext(records={}, now=base.now, health=health, frame_index=frame, paused=frame >= 200)
            front = memo.render("test_two_tickers", ctx)
            plain.render("test_two_tickers", ctx)
            assert np.array_equal(memo.composed, plain.composed), frame
            assert np.array_equal(front, plain.front), frame
        assert memo.pages_drawn == 3  # at the start, when the stale flag came and when it went
        assert [strip is not None for strip in memo._kept.strips] == [True, True, False]
    finally:
        PAGES.pop("test_two_tickers")
        PAGE_KINDS.pop("test_two_tickers")
