"""OpenWeatherMap air pollution: US EPA AQI and EAQI computed from the recorded San Salvador answer (C22)."""

from __future__ import annotations

import copy
from functools import partial

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import aqi_openweathermap as owm
from ecoboard.fetchers.providers import get_provider

from ._support import context, fixture, transformed

SAN_SALVADOR = "openweathermap/air-pollution-san-salvador-aqi3-2023-11-19.json"


run = partial(transformed, owm)


def test_registered_and_needs_a_key():
    assert get_provider("aqi", "openweathermap").needs_api_key is True


def test_request_keeps_the_key_secret():
    [spec] = owm.requests(context("aqi", api_key="k3y", location={"lat": 13.699, "lon": -89.1914}))
    assert spec.url == "https://api.openweathermap.org/data/2.5/air_pollution"
    assert spec.params == {"lat": "13.6990", "lon": "-89.1914"}
    assert spec.secret_params == {"appid": "k3y"}
    assert owm.requests(context("aqi"))[0].secret_params == {}


def test_san_salvador_us_epa_computed_by_hand():
    # Sub-indices (EPA breakpoints; gases to ppb = µg/m³ * 24.45 / molecular weight; then truncated):
    #   O3   127.32 µg/m³ * 24.45 / 48.00 = 64.85 ppb = 0.064 ppm -> 51 + 49/0.015 * 0.009 = 80.4 -> 80
    #   PM2.5 12.71 -> 12.7 µg/m³           -> 51 + 49/26.3 * 3.6 = 57.7 -> 58
    #   PM10  15.34 -> 15 µg/m³             -> 50/54 * 15 = 13.9 -> 14
    #   SO2   16.69 * 24.45 / 64.07 = 6.37 -> 6 ppb -> 50/35 * 6 = 8.6 -> 9
    #   NO2    4.63 * 24.45 / 46.01 = 2.46 -> 2 ppb -> 50/53 * 2 = 1.9 -> 2
    #   CO   340.46 * 24.45 / 28.01 = 297 ppb = 0.2 ppm -> 50/4.4 * 0.2 = 2.3 -> 2
    # AQI = the largest = 80 (Moderate), dominant pollutant ozone.
    data = run(fixture(SAN_SALVADOR), units="imperial")
    assert data["time"] == "2023-11-19T20:19:56+00:00"  # dt 1700425196
    assert data["indices"][0] == {"index": "us_epa", "value": 80, "category": "moderate", "label": "Moderate",
                                  "color": "#ffff00", "dominant_pollutant": "o3"}
    assert data["pollutants"] == {"pm2_5": 12.71, "pm10": 15.34, "o3": 127.32, "no2": 4.63, "so2": 16.69,
                                  "co": 340.46}


def test_san_salvador_eaqi_and_owm_index_are_separate_entries():
    # EAQI: O3 127.32 in 100-130 µg/m³ (index 40-60): 40 + 20 * 27.32 / 30 = 58.2 -> 58 "moderate";
    # PM2.5 12.71 in 10-20 (20-40): 25.4. OWM's own main.aqi 3 is "moderate" on its 1-5 scale.
    indices = run(fixture(SAN_SALVADOR), units="metric")["indices"]
    assert [i["index"] for i in indices] == ["eaqi", "us_epa", "owm"]
    assert indices[0] == {"index": "eaqi", "value": 58, "category": "moderate", "label": "Moderate",
                          "color": "#f0e641", "dominant_pollutant": "o3"}
    assert indices[2] == {"index": "owm", "value": 3, "category": "moderate", "label": "Moderate",
                          "color": "#f0e641", "dominant_pollutant": None}


def test_c22_concentration_above_the_top_breakpoint_is_hazardous():
    # PM2.5 400 µg/m³ is above the top EPA breakpoint (325.4): 301 + 199/99.9 * (400 - 225.5) = 648.6
    answer = copy.deepcopy(fixture(SAN_SALVADOR))
    answer["list"][0]["components"]["pm2_5"] = 400.0
    answer["list"][0]["main"]["aqi"] = 7  # out of OWM's scale: the worst band, never "good"
    us, eu, own = run(answer, units="imperial")["indices"]
    assert (us["value"], us["category"], us["label"], us["dominant_pollutant"]) == (649, "hazardous", "Hazardous",
                                                                                     "pm2_5")
    # EAQI: 400 in 75-800 (100+): 100 + 20 * 325 / 725 = 109.0
    assert (eu["value"], eu["category"]) == (109, "extremely_poor")
    assert (own["value"], own["category"]) == (7, "very_poor")


def test_c14_removed_pollutant_and_index():
    answer = copy.deepcopy(fixture(SAN_SALVADOR))
    del answer["list"][0]["components"]["o3"]
    del answer["list"][0]["main"]
    data = run(answer, units="imperial")
    assert data["pollutants"]["o3"] is None
    assert [i["index"] for i in data["indices"]] == ["us_epa", "eaqi"]
    assert (data["indices"][0]["value"], data["indices"][0]["dominant_pollutant"]) == (58, "pm2_5")


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda a: a.update(list=[]), r"list\[0\]: expected an object"),
    (lambda a: a.pop("list"), r"list: expected an array"),
    (lambda a: a["list"][0].pop("dt"), r"list\[0\]\.dt"),
    (lambda a: a["list"][0].update(main=None, components={}), r"list\[0\]: expected main\.aqi"),
])
def test_c14_missing_required_field_raises(mutate, field):
    answer = copy.deepcopy(fixture(SAN_SALVADOR))
    mutate(answer)
    with pytest.raises(PayloadError, match=field):
        owm.transform({"air_pollution": answer}, context("aqi"))
