"""WMO and OpenWeatherMap codes map into the one closed condition set; unknown codes are `unknown`."""

from __future__ import annotations

import json

import pytest

from ecoboard.fetchers.providers import _conditions as cond

from ._support import SCHEMAS


def test_condition_set_is_the_schema_enum():
    schema = json.loads((SCHEMAS / "weather.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["condition"]["enum"]) == cond.CONDITIONS


@pytest.mark.parametrize(("code", "condition"), [
    (0, "clear"), (1, "mostly_clear"), (2, "partly_cloudy"), (3, "cloudy"), (45, "fog"), (48, "fog"),
    (53, "drizzle"), (57, "freezing_drizzle"), (63, "rain"), (65, "heavy_rain"), (67, "freezing_rain"),
    (73, "snow"), (75, "heavy_snow"), (77, "snow_grains"), (81, "rain_showers"), (86, "snow_showers"),
    (95, "thunderstorm"), (96, "thunderstorm_hail"), (99, "thunderstorm_hail"),
    (4, "unknown"), (100, "unknown"), (-1, "unknown"), (None, "unknown"),
])
def test_wmo_codes(code, condition):
    assert cond.wmo_condition(code)[0] == condition


def test_every_wmo_code_has_words_and_a_known_condition():
    for code in range(-5, 120):
        condition, words = cond.wmo_condition(code)
        assert condition in cond.CONDITIONS
        assert words


@pytest.mark.parametrize(("code", "condition"), [
    (200, "thunderstorm"), (232, "thunderstorm"), (300, "drizzle"), (321, "drizzle"), (500, "rain"),
    (502, "heavy_rain"), (511, "freezing_rain"), (520, "rain_showers"), (531, "rain_showers"), (600, "snow"),
    (602, "heavy_snow"), (611, "freezing_rain"), (616, "snow"), (622, "snow_showers"), (701, "fog"),
    (741, "fog"), (761, "dust"), (781, "thunderstorm"), (800, "clear"), (801, "mostly_clear"),
    (802, "partly_cloudy"), (803, "cloudy"), (804, "cloudy"),
    (299, "thunderstorm"), (450, "unknown"), (650, "unknown"), (805, "unknown"), (999, "unknown"), (None, "unknown"),
])
def test_owm_ids(code, condition):
    assert cond.owm_condition(code) == condition
    assert cond.owm_words(condition)
