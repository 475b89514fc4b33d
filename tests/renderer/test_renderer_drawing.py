"""Icons, the moon drawing, units at presentation and the forecast's own dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from bench.scenes import scenes
from ecoboard.config import Config
from ecoboard.renderer import FrameRenderer, compass, format_temp, speed
from ecoboard.renderer._icons import CONDITIONS, ICON_SIZES, get_icon
from ecoboard.renderer.pages._daily import upcoming_days
from ecoboard.renderer.pages._sun_moon import moon_masks

CELESTIAL = ("clear", "mostly_clear", "partly_cloudy", "rain_showers", "snow_showers", "dust")


@pytest.mark.parametrize("size", ICON_SIZES)
def test_every_condition_has_its_own_icon_by_day_and_night(size: int) -> None:
    seen = set()
    for condition in CONDITIONS:
        for day in (True, False):
            icon = get_icon(condition, day, size)
            assert icon.shape == (size, size, 4) and not icon.flags.writeable
            assert (icon[:, :, 3] > 0).sum() > size * size // 8, (condition, day)
            seen.add(icon.tobytes())
        same = np.array_equal(get_icon(condition, True, size), get_icon(condition, False, size))
        assert same == (condition not in CELESTIAL), condition
    assert len(seen) == len(CONDITIONS) + len(CELESTIAL)
    assert get_icon("volcanic_ash", None, size) is get_icon("unknown", True, size)


def test_moon_masks_follow_the_phase() -> None:
    disc, lit = moon_masks(30, 0.0)
    assert disc.sum() > 600 and lit.sum() == 0  # new moon
    assert moon_masks(30, 180.0)[1].sum() == disc.sum()  # full
    first = moon_masks(30, 90.0)[1]
    last = moon_masks(30, 270.0)[1]
    assert first[:, 15:].sum() == first.sum() and last[:, :15].sum() == last.sum()  # right half, left half
    crescent = moon_masks(30, 288.5)[1]
    assert abs(crescent.sum() / disc.sum() - 0.34) < 0.03  # the recording's 0.34 illumination


def test_presentation_units() -> None:
    imperial, metric = Config(), replace(Config(), units="metric")
    assert (format_temp(-40.0, imperial), format_temp(-40.0, metric)) == ("-40°", "-40°")
    assert (format_temp(-7.4, imperial), format_temp(-7.4, metric), format_temp(None, metric)) == ("19°", "-7°", "")
    assert (round(speed(4.33, imperial)), round(speed(4.33, metric))) == (10, 16)
    assert [compass(d) for d in (0, 22.4, 22.5, 75, 215, 337, 359)] == ["N", "N", "NE", "E", "SW", "NW", "N"]


def test_daily_weekdays_come_from_the_forecast_dates_in_its_zone() -> None:
    scene = scenes()["daily"]
    weather = scene.records["weather"].data
    assert weather["location"]["timezone"] == "Europe/Berlin"
    # 23:30 in New York on Feb 5 is already Feb 6 in Berlin: the forecast's "today" is Thursday.
    ctx = replace(scene, now=datetime(2025, 2, 6, 4, 30, tzinfo=UTC)).context()
    assert upcoming_days(weather, ctx, 5)[0]["date"] == "2025-02-06"
    canvas = FrameRenderer().draw("daily", ctx)
    assert [b.text for b in canvas.text_boxes if b.y0 == 0] == ["THU", "FRI", "SAT", "SUN", "MON"]
