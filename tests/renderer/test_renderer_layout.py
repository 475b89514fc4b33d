"""Layouts are data, validated against the schema when loaded; errors name the file and the key path."""

from __future__ import annotations

import copy
import json

import pytest

from ecoboard import ConfigError
from ecoboard.renderer import get_font, get_layout
from ecoboard.renderer._layout import LAYOUT_DIR, parse_layout

CORE = ("clock", "weather", "hourly", "daily", "sun_moon", "status")


def raw(page: str) -> dict:
    return json.loads((LAYOUT_DIR / "w128h64" / f"{page}.json").read_text("utf-8"))


@pytest.mark.parametrize("page", CORE)
def test_every_core_layout_is_valid_and_read_once(page: str) -> None:
    layout = get_layout(page)
    assert layout is get_layout(page)
    assert layout.page == page and layout.elements


def test_layout_values_become_fonts_and_colours() -> None:
    temp = get_layout("weather").el("temp")
    assert (temp.x, temp.y, temp.w, temp.font, temp.color, temp.align) == (
        26,
        1,
        38,
        get_font("9x15B"),
        (255, 255, 255),
        "left",
    )
    assert get_layout("status").color("failing") == (255, 48, 48)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["elements"]["temp"].update(x="26"),
            r"layout bad\.json: elements/temp/x: '26' is not of type 'integer'",
        ),
        (lambda d: d["elements"]["temp"].update(font="helvR10"), r"layout bad\.json: elements/temp/font: unknown font"),
        (lambda d: d["elements"]["temp"].update(color="white"), r"elements/temp/color: 'white' does not match"),
        (lambda d: d["elements"]["temp"].update(align="middle"), r"elements/temp/align: 'middle' is not one of"),
        (lambda d: d["elements"]["temp"].update(colour="#ffffff"), r"elements/temp: Additional properties"),
        (lambda d: d.pop("elements"), r"layout bad\.json: \(top level\): 'elements' is a required property"),
        (lambda d: d.update(format=2), r"layout bad\.json: format: 1 was expected"),
    ],
)
def test_a_bad_layout_names_the_key_path(change, message: str) -> None:
    data = copy.deepcopy(raw("weather"))
    change(data)
    with pytest.raises(ConfigError, match=message):
        parse_layout(data, "bad.json")


def test_a_missing_element_is_reported_with_the_layout() -> None:
    with pytest.raises(ConfigError, match="layout 'clock' has no element 'moon'"):
        get_layout("clock").el("moon")
