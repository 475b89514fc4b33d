"""Open-Meteo air quality: both recorded answers, index order, dominant pollutant, C14 and C22."""

from __future__ import annotations

from functools import partial

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import aqi_openmeteo as om
from ecoboard.fetchers.providers import get_provider

from ._support import context, fixture, transformed

BERLIN = "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"
OZONE_ONLY = "open-meteo/air-quality-berlin-current-uv-ozone-2021-11-24.json"


run = partial(transformed, om)


def test_registered_under_aqi():
    assert get_provider("aqi", "open-meteo").transform is om.transform


def test_request_names_only_existing_variables():
    [spec] = om.requests(context("aqi", timezone="Europe/Berlin", location={"lat": 52.52, "lon": 13.41}))
    assert spec.url == "https://air-quality-api.open-meteo.com/v1/air-quality"
    assert spec.params["latitude"] == "52.5200"
    assert spec.params["timezone"] == "Europe/Berlin"
    current = spec.params["current"].split(",")
    assert {"us_aqi", "european_aqi", "pm2_5", "pm10", "ozone", "nitrogen_dioxide", "sulphur_dioxide",
            "carbon_monoxide", "us_aqi_pm2_5", "european_aqi_ozone"} <= set(current)
    assert "european_aqi_carbon_monoxide" not in current  # the EAQI has no CO sub-index


def test_berlin_both_indices_us_first_for_imperial():
    data = run(fixture(BERLIN), units="imperial")
    assert data["time"] == "2024-02-21T15:00:00+00:00"  # 16:00 CET
    assert data["indices"] == [
        {"index": "us_epa", "value": 41, "category": "good", "label": "Good", "color": "#00e400",
         "dominant_pollutant": None},
        {"index": "eaqi", "value": 22, "category": "fair", "label": "Fair", "color": "#50ccaa",
         "dominant_pollutant": None},
    ]
    assert data["pollutants"] == {"pm2_5": 8.8, "pm10": 9.7, "o3": 54.0, "no2": 17.7, "so2": 1.3, "co": 220.0}


def test_berlin_eaqi_first_for_metric_or_when_configured():
    assert [i["index"] for i in run(fixture(BERLIN), units="metric")["indices"]] == ["eaqi", "us_epa"]
    configured = {"aqi": {"provider": "open-meteo", "options": {"index": "eaqi"}}}
    assert [i["index"] for i in run(fixture(BERLIN), providers=configured)["indices"]] == ["eaqi", "us_epa"]


def test_dominant_pollutant_from_the_sub_indices():
    answer = fixture(BERLIN)
    answer["current"].update(us_aqi_pm2_5=41, us_aqi_ozone=29, us_aqi_pm10=9, european_aqi_pm2_5=17,
                             european_aqi_nitrogen_dioxide=22)
    us, eu = run(answer)["indices"]
    assert us["dominant_pollutant"] == "pm2_5"
    assert eu["dominant_pollutant"] == "no2"


def test_ozone_only_answer_gets_an_eaqi_computed_from_ozone():
    # 82 µg/m³ O3 is in the "fair" band 50-100 µg/m³ (index 20-40): 20 + 20 * (82 - 50) / 50 = 32.8 -> 33
    data = run(fixture(OZONE_ONLY), units="imperial")
    assert data["time"] == "2021-11-24T23:00:00+00:00"
    assert data["indices"] == [{"index": "eaqi", "value": 33, "category": "fair", "label": "Fair",
                                "color": "#50ccaa", "dominant_pollutant": "o3"}]
    assert data["pollutants"] == {"pm2_5": None, "pm10": None, "o3": 82.0, "no2": None, "so2": None, "co": None}


def test_c22_values_above_the_top_breakpoint_are_the_worst_band():
    answer = fixture(BERLIN)
    answer["current"].update(us_aqi=612, european_aqi=131)
    us, eu = run(answer)["indices"]
    assert (us["value"], us["category"], us["label"]) == (612, "hazardous", "Hazardous")
    assert (eu["value"], eu["category"], eu["label"]) == (131, "extremely_poor", "Extremely poor")


def test_c14_removed_optional_fields_become_null():
    answer = fixture(BERLIN)
    del answer["current"]["us_aqi"]
    answer["current"]["pm2_5"] = None
    answer["current_units"]["ozone"] = "ppm"  # a unit we do not store: hide that one value
    data = run(answer, units="imperial")
    assert [i["index"] for i in data["indices"]] == ["eaqi"]
    assert data["pollutants"]["pm2_5"] is None
    assert data["pollutants"]["o3"] is None
    assert data["pollutants"]["pm10"] == 9.7


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda a: a.pop("current"), r"current: expected an object"),
    (lambda a: a["current"].pop("time"), r"current\.time"),
    (lambda a: a.update(current={"time": "2024-02-21T16:00", "interval": 3600}), r"current: expected us_aqi"),
])
def test_c14_missing_required_field_raises_payload_error(mutate, field):
    answer = fixture(BERLIN)
    mutate(answer)
    with pytest.raises(PayloadError, match=field):
        om.transform({"air_quality": answer}, context("aqi"))
