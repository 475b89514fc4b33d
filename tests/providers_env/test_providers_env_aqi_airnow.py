"""AirNow current observations: the recorded Los Angeles answer, both field spellings, C14 and C22."""

from __future__ import annotations

import copy
from functools import partial

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import aqi_airnow as airnow
from ecoboard.fetchers.providers import get_provider

from ._support import context, fixture, transformed

LOS_ANGELES = "airnow/observation-latlong-los-angeles-2020-12-20.json"


run = partial(transformed, airnow)


def test_registered_and_needs_a_key():
    assert get_provider("aqi", "airnow").needs_api_key is True


def test_request_keeps_the_key_secret():
    [spec] = airnow.requests(context("aqi", api_key="AIRNOW-KEY", location={"lat": 34.0664, "lon": -118.2267}))
    assert spec.url == "https://www.airnowapi.org/aq/observation/latLong/current/"
    assert spec.params == {"format": "application/json", "latitude": "34.0664", "longitude": "-118.2267",
                           "distance": "25"}
    assert spec.secret_params == {"API_KEY": "AIRNOW-KEY"}
    assert airnow.requests(context("aqi"))[0].secret_params == {}  # names stay computable without a key


def test_los_angeles_largest_aqi_is_the_index_ozone_dominant():
    # OZONE 44, PM2.5 37, PM10 11, observed 2020-12-20 15:00 PST (-08:00) = 23:00Z
    assert run(fixture(LOS_ANGELES)) == {
        "time": "2020-12-20T23:00:00+00:00",
        "indices": [{"index": "us_epa", "value": 44, "category": "good", "label": "Good", "color": "#00e400",
                     "dominant_pollutant": "o3"}],
        "pollutants": {"pm2_5": None, "pm10": None, "o3": None, "no2": None, "so2": None, "co": None},
    }


def test_documented_spelling_is_read_too():
    answer = [
        {"DateObserved": "2020-12-20 ", "HourObserved": 15, "LocalTimeZone": "PST", "ParameterName": "O3",
         "AQI": 44, "Category": {"Number": 1, "Name": "Good"}},
        {"DateObserved": "2020-12-20 ", "HourObserved": 15, "LocalTimeZone": "PST", "ParameterName": "PM2.5",
         "AQI": 57, "Category": {"Number": 2, "Name": "Moderate"}},
    ]
    data = run(answer)
    assert data["time"] == "2020-12-20T23:00:00+00:00"
    assert (data["indices"][0]["value"], data["indices"][0]["category"]) == (57, "moderate")
    assert data["indices"][0]["dominant_pollutant"] == "pm2_5"


def test_c22_above_500_is_hazardous_whatever_the_provider_says():
    answer = copy.deepcopy(fixture(LOS_ANGELES))
    answer[1].update(nowcastAQI=612, aqiCategoryName="Good")
    index = run(answer)["indices"][0]
    assert (index["value"], index["category"], index["label"], index["color"]) == (612, "hazardous", "Hazardous",
                                                                                   "#7e0023")
    assert index["dominant_pollutant"] == "pm2_5"


def test_c14_no_reading_and_unknown_zone_abbreviation():
    answer = copy.deepcopy(fixture(LOS_ANGELES))
    answer[0]["nowcastAQI"] = -1  # AirNow's "no reading"
    for obs in answer:
        obs["localTimeZone"] = "XYZ"  # unknown: read in the configured zone (America/Los_Angeles, PST)
    data = run(answer, timezone="America/Los_Angeles")
    assert (data["indices"][0]["value"], data["indices"][0]["dominant_pollutant"]) == (37, "pm2_5")
    assert data["time"] == "2020-12-20T23:00:00+00:00"


@pytest.mark.parametrize(("answer", "field"), [
    ([], r"observations: expected at least one observation"),
    ({"error": "bad key"}, r"observations: expected an array"),
    ([{"parameterName": "OZONE", "nowcastAQI": -1}], r"expected at least one observation with an AQI"),
    ([{"parameterName": "OZONE", "nowcastAQI": 40}], r"DateObserved/HourObserved"),
])
def test_c14_unusable_answers_raise(answer, field):
    with pytest.raises(PayloadError, match=field):
        airnow.transform({"observations": answer}, context("aqi"))
