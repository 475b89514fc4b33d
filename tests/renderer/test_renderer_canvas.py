"""Canvas primitives: numpy slices, inclusive rectangles, clipping at the panel edges, text boxes."""

from __future__ import annotations

import numpy as np
import pytest

from ecoboard.renderer import Canvas, get_font, rgb

RED, GREEN, WHITE = (255, 0, 0), (0, 255, 0), (255, 255, 255)


def lit(canvas: Canvas) -> int:
    return int(np.any(canvas.pixels != 0, axis=2).sum())


def test_fill_rect_is_inclusive_and_clipped() -> None:
    canvas = Canvas()
    canvas.fill_rect(0, 0, 31, 15, RED)
    assert lit(canvas) == 32 * 16 and tuple(canvas.pixels[15, 31]) == RED and tuple(canvas.pixels[16, 31]) == (0, 0, 0)
    canvas.clear()
    canvas.fill_rect(120, 60, 140, 80, GREEN)  # runs off the bottom-right corner
    canvas.fill_rect(-10, -10, -1, -1, GREEN)  # wholly off the panel
    assert lit(canvas) == 8 * 4


def test_lines_and_outline() -> None:
    canvas = Canvas()
    canvas.hline(0, 127, 0, WHITE)
    canvas.vline(0, 0, 63, WHITE)
    assert lit(canvas) == 128 + 63
    canvas.clear()
    canvas.rect(10, 10, 19, 14, WHITE)
    assert lit(canvas) == 2 * 10 + 2 * 3


def test_blit_mask_clips_and_read_only_masks_draw_the_same() -> None:
    mask = np.zeros((4, 6), dtype=bool)
    mask[::2, ::2] = True  # 6 set pixels
    frozen = mask.copy()
    frozen.setflags(write=False)
    for x, y, visible in ((10, 10, 6), (125, 62, 2), (-4, -2, 1), (200, 10, 0)):
        a, b = Canvas(), Canvas()
        a.blit_mask(mask, x, y, RED)
        b.blit_mask(frozen, x, y, RED)
        assert lit(a) == visible and np.array_equal(a.pixels, b.pixels), (x, y)


def test_colours_may_be_lists_or_arrays() -> None:
    mask = np.ones((2, 2), dtype=bool)
    mask.setflags(write=False)
    canvas = Canvas()
    for _ in range(2):  # the second drawing takes the kept byte indices
        canvas.blit_mask(mask, 0, 0, [1, 2, 3])
        canvas.blit_mask(mask, 4, 0, np.array([4, 5, 6], dtype=np.uint8))
    assert tuple(canvas.pixels[1, 1]) == (1, 2, 3) and tuple(canvas.pixels[1, 5]) == (4, 5, 6)


def test_blit_rgba_skips_transparent_pixels() -> None:
    icon = np.zeros((2, 2, 4), dtype=np.uint8)
    icon[0, 0] = (1, 2, 3, 255)
    icon[1, 1] = (4, 5, 6, 255)
    canvas = Canvas()
    canvas.fill(GREEN)
    canvas.blit_rgb(icon, 0, 0)
    assert tuple(canvas.pixels[0, 0]) == (1, 2, 3) and tuple(canvas.pixels[0, 1]) == GREEN
    icon.setflags(write=False)
    canvas.blit_rgb(icon, 127, 63)  # only its top-left pixel is on the panel
    assert tuple(canvas.pixels[63, 127]) == (1, 2, 3)


def test_text_alignment_budget_and_recorded_boxes() -> None:
    canvas = Canvas()
    font = get_font("6x10")
    assert canvas.text(font, 10, 2, "Sox", WHITE) == 18
    assert canvas.text(font, 64, 20, "ab", WHITE, align="center") == 12
    assert canvas.text(font, 128, 40, "xyz", WHITE, align="right") == 18
    assert canvas.text(font, 0, 52, "Diamondbacks", WHITE, max_width=40) == 36
    boxes = [(b.x0, b.y0, b.x1, b.y1, b.text) for b in canvas.text_boxes]
    assert boxes == [
        (10, 2, 28, 12, "Sox"),
        (58, 20, 70, 30, "ab"),
        (110, 40, 128, 50, "xyz"),
        (0, 52, 36, 62, "Diamon"),
    ]
    assert all(b.inside() for b in canvas.text_boxes)
    canvas.clear()
    assert canvas.text_boxes == [] and lit(canvas) == 0


def test_text_pixels_are_the_glyphs() -> None:
    canvas = Canvas()
    canvas.text(get_font("6x10"), 3, 4, "A", RED)
    drawn = np.all(canvas.pixels == RED, axis=2)
    assert np.array_equal(drawn[4:14, 3:9], get_font("6x10").glyph("A"))
    assert drawn.sum() == get_font("6x10").glyph("A").sum()


def test_rgb_parses_hex() -> None:
    assert rgb("#00e400") == (0, 228, 0) and rgb((1, 2, 3)) == (1, 2, 3)
    with pytest.raises(ValueError, match="#rrggbb"):
        rgb("#fff")


def test_canvas_rejects_a_wrong_array() -> None:
    with pytest.raises(ValueError, match="uint8"):
        Canvas(np.zeros((64, 128, 3), dtype=np.float32))
