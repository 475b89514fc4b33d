"""Reading NWS values (ecoboard/fetchers/providers/_nws_values.py): forecast wind text and icon URLs,
with values from the recorded forecast (tests/fixtures/nws) and the icon codes NWS lists."""

from __future__ import annotations

import pytest

from ecoboard._record import CONDITIONS
from ecoboard.fetchers.providers._nws_values import ICONS, forecast_wind, icon_condition

from ._nws_replay import FORECAST
from ._support import fixture


def test_forecast_wind_text_keeps_the_larger_figure() -> None:
    tonight = fixture(FORECAST)["properties"]["periods"][1]
    assert tonight["windSpeed"] == "0 to 5 mph"
    assert forecast_wind(tonight["windSpeed"]) == 2.24  # 5 mph
    assert forecast_wind("15 km/h") == 4.17
    assert forecast_wind("calm") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.weather.gov/icons/land/day/tsra,40/ovc?size=medium", ("thunderstorm", True)),
        ("https://api.weather.gov/icons/land/night/few?size=medium", ("mostly_clear", False)),
        ("https://api.weather.gov/icons/land/night/bkn?size=medium", ("cloudy", False)),
        ("https://api.weather.gov/icons/land/day/skc/rain_showers,60?size=small", ("rain_showers", True)),
        ("https://api.weather.gov/icons/land/day/volcano?size=small", ("unknown", True)),
        (None, ("unknown", None)),
    ],
)
def test_icon_urls_give_condition_and_day(url, expected) -> None:
    assert icon_condition(url) == expected


def test_every_icon_code_maps_into_the_condition_set() -> None:
    assert set(ICONS.values()) <= set(CONDITIONS)
    assert len(ICONS) == 34  # the codes listed at https://api.weather.gov/icons
