"""Bitmap fonts: parsed from the committed misc-fixed BDF files, measured, fitted, with per-character fallback."""

from __future__ import annotations

import numpy as np
import pytest

from ecoboard import ConfigError
from ecoboard.renderer import available_fonts, fit_text, get_font, scroll_offset


def rows(mask: np.ndarray) -> list[str]:
    return ["".join("#" if v else "." for v in row) for row in mask]


def test_the_committed_fonts() -> None:
    assert available_fonts() == ["4x6", "5x8", "6x10", "7x13B", "9x15B"]
    heights = {name: get_font(name).height for name in available_fonts()}
    assert heights == {"4x6": 6, "5x8": 8, "6x10": 10, "7x13B": 13, "9x15B": 15}
    assert get_font("6x10") is get_font("6x10")


def test_a_glyph_is_the_bdf_bitmap_in_its_cell() -> None:
    # 6x10 'A' (BDF: BBX 6 10 0 -2, rows 00 20 50 88 88 F8 88 88 00 00)
    assert rows(get_font("6x10").glyph("A")) == [
        "......",
        "..#...",
        ".#.#..",
        "#...#.",
        "#...#.",
        "#####.",
        "#...#.",
        "#...#.",
        "......",
        "......",
    ]


def test_latin1_accents_have_their_own_glyphs() -> None:
    font = get_font("6x10")
    for char in "ñéüçÅß°±²€":
        assert font.has_glyph(char), char
    assert font.displayed("Acuña Peña Rodríguez 21°") == "Acuña Peña Rodríguez 21°"


def test_missing_glyphs_fall_back_per_character() -> None:
    font = get_font("4x6")
    assert not font.has_glyph("ǹ") and font.displayed("ǹ") == "n"  # NFKD base letter
    assert font.displayed("☃x") == "?x"  # nothing to decompose into: a visible '?', never a blank box
    assert np.array_equal(font.glyph("☃"), font.glyph("?"))
    assert font.measure("☃x") == 8


def test_measure_and_scaled_fonts() -> None:
    assert get_font("5x8").measure("Diamondbacks") == 60
    big = get_font("9x15B@2")
    assert big.height == 30 and big.measure("12:59") == 90
    assert np.array_equal(big.glyph("1")[::2, ::2], get_font("9x15B").glyph("1"))


def test_unknown_font_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown font 'helvR10' \(available: 4x6, 5x8, 6x10, 7x13B, 9x15B"):
        get_font("helvR10")


def test_fit_text_full_then_short_then_abbreviation_then_truncation() -> None:
    font = get_font("5x8")
    names = ["American League All-Stars", "AL All-Stars", "AL"]
    assert fit_text(font, names, 200) == "American League All-Stars"
    assert fit_text(font, names, 60) == "AL All-Stars"
    assert fit_text(font, names, 30) == "AL"
    assert fit_text(font, [None, "", "Diamondbacks"], 40) == "Diamondb"  # 8 cells of 5 px
    assert fit_text(font, ["Diamondbacks", "ARI"], 15) == "ARI"


def test_scroll_offset_holds_then_moves_and_wraps() -> None:
    assert scroll_offset(50, 60, 500) == 0  # fits: never moves
    assert [scroll_offset(100, 60, f) for f in (0, 60, 61, 62, 64)] == [0, 0, 0, -1, -2]
    assert scroll_offset(100, 60, 60 + 2 * 116) == 0  # text width + 16 px gap later it is back
