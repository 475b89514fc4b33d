"""The weather / aqi / sun_moon schemas are tolerant (nulls, extra keys) but not vacuous."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from ecoboard.fetchers.providers import aqi_openmeteo, sun_moon_metnorway, weather_openmeteo

from ._support import context, fixture, transformed, validate

PENZA = "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
BERLIN_AIR = "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"


def _sun_moon() -> dict:
    answers = {"sun": fixture("met-norway/sunrise3-sun-oslo-2022-12-18.json"),
               "moon": fixture("met-norway/sunrise3-moon-oslo-2022-12-18.json")}
    return sun_moon_metnorway.transform(answers, context("sun_moon"))


def _samples() -> dict[str, dict]:
    return {"weather": transformed(weather_openmeteo, fixture(PENZA)),
            "aqi": transformed(aqi_openmeteo, fixture(BERLIN_AIR)), "sun_moon": _sun_moon()}


def test_extra_keys_and_nulls_in_optional_fields_are_accepted():
    samples = _samples()
    samples["weather"]["current"]["dew_point"] = 1.0
    samples["weather"]["current"].update(feels_like=None, wind_speed=None, is_day=None, code=None)
    samples["aqi"]["indices"][0]["dominant_pollutant"] = None
    samples["aqi"]["pollutants"]["nh3"] = 2.44
    samples["sun_moon"].update(sunrise=None, sunset=None, moonrise=None, moonset=None, solar_noon=None)
    for kind, data in samples.items():
        validate(kind, data)


@pytest.mark.parametrize(("kind", "mutate"), [
    ("weather", lambda d: d["current"].pop("temperature")),
    ("weather", lambda d: d["current"].update(temperature=None)),
    ("weather", lambda d: d["current"].update(condition="sunny")),
    ("weather", lambda d: d["current"].update(time="2023-11-11T11:15:00")),  # no offset
    ("weather", lambda d: d["hourly"].extend(d["hourly"][:1])),  # 49 entries
    ("weather", lambda d: d["daily"][0].update(date="11/11/2023")),
    ("aqi", lambda d: d.update(indices=[])),
    ("aqi", lambda d: d["indices"][0].update(category="fair")),  # an EAQI band on the US EPA index
    ("aqi", lambda d: d["indices"][0].update(index="aqhi")),
    ("aqi", lambda d: d["pollutants"].update(pm2_5=-1.0)),
    ("sun_moon", lambda d: d.update(moon_phase="gibbous")),
    ("sun_moon", lambda d: d.update(moon_phase_degrees=360.0)),
    ("sun_moon", lambda d: d.update(moon_illumination=1.5)),
])
def test_contract_violations_are_rejected(kind, mutate):
    data = copy.deepcopy(_samples()[kind])
    mutate(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(kind, data)
