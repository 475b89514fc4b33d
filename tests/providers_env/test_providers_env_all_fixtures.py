"""Every recorded weather / air-quality / MET answer is covered: it transforms and validates, or (two
answers to requests these adapters never make) fails with one PayloadError naming the missing field."""

from __future__ import annotations

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import (
    aqi_airnow,
    aqi_openmeteo,
    aqi_openweathermap,
    sun_moon_metnorway,
    weather_openmeteo,
    weather_openweathermap,
)

from ._support import FIXTURES, context, fixture, transformed, validate

DIRECTORIES = ("open-meteo", "openweathermap", "met-norway", "airnow")

TRANSFORMS = {
    "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json": aqi_openmeteo,
    "open-meteo/air-quality-berlin-current-uv-ozone-2021-11-24.json": aqi_openmeteo,
    "open-meteo/forecast-atlantic-1n-1e-thunderstorm-code95-current-hourly6-daily-2025-02-05.json": weather_openmeteo,
    "open-meteo/forecast-central-india-partly-cloudy-code2-current-hourly6-daily-2025-02-05.json": weather_openmeteo,
    "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json": weather_openmeteo,
    "open-meteo/forecast-west-kazakhstan-overcast-minus7c-code3-current-hourly6-daily-2025-02-05.json":
        weather_openmeteo,
    "open-meteo/forecast-western-egypt-partly-cloudy-code2-current-hourly6-daily-2025-02-05.json": weather_openmeteo,
    "openweathermap/air-pollution-san-salvador-aqi3-2023-11-19.json": aqi_openweathermap,
    "openweathermap/onecall3-london-2024-10-25-full.json": weather_openweathermap,
    "airnow/observation-latlong-los-angeles-2020-12-20.json": aqi_airnow,
}
# answers to other requests than ours: (module, the field the error must name)
REFUSED = {
    # current=weather_code only (no temperature): the headline value is required
    "open-meteo/forecast-berlin-current-minutely15-hourly-daily-weathercode-2023-11-13.json":
        (weather_openmeteo, r"current\.temperature_2m"),
    # /onecall/timemachine (data[], no current): not the endpoint this adapter calls
    "openweathermap/onecall3-timemachine-wuppertal-2024-07-30-lang-de.json": (weather_openweathermap, r"current"),
}
MET = ("met-norway/sunrise3-sun-oslo-2022-12-18.json", "met-norway/sunrise3-moon-oslo-2022-12-18.json")


def test_every_recorded_environment_answer_is_listed_here():
    recorded = {str(p.relative_to(FIXTURES)) for d in DIRECTORIES for p in (FIXTURES / d).glob("*.json")}
    assert recorded == set(TRANSFORMS) | set(REFUSED) | set(MET)


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_transforms_and_validates(name):
    data = transformed(TRANSFORMS[name], fixture(name))
    assert data  # validated against the kind's schema inside transformed()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_answers_to_other_requests_are_one_payload_error(name):
    module, field = REFUSED[name]
    with pytest.raises(PayloadError, match=field):
        module.transform({module.REQUEST: fixture(name)}, context(module.PROVIDERS[0].kind))


def test_met_norway_pair_transforms_and_validates():
    sun, moon = (fixture(name) for name in MET)
    data = sun_moon_metnorway.transform({"sun": sun, "moon": moon}, context("sun_moon"))
    validate("sun_moon", data)
    assert data["moon_phase"] == "waning_crescent"
