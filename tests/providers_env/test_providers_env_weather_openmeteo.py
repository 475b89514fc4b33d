"""Open-Meteo weather: the recorded forecasts transform to exact values and validate (C02, C14, C21)."""

from __future__ import annotations

import copy
from functools import partial

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import get_provider
from ecoboard.fetchers.providers import weather_openmeteo as om

from ._support import FIXTURES, context, fixture, transformed

PENZA = "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
ATLANTIC = "open-meteo/forecast-atlantic-1n-1e-thunderstorm-code95-current-hourly6-daily-2025-02-05.json"
BERLIN_CODES_ONLY = "open-meteo/forecast-berlin-current-minutely15-hourly-daily-weathercode-2023-11-13.json"
FULL_FORECASTS = sorted(
    str(p.relative_to(FIXTURES)) for p in (FIXTURES / "open-meteo").glob("forecast-*.json")
    if p.name != BERLIN_CODES_ONLY.split("/")[1]
)


run = partial(transformed, om)


def test_registered_under_weather():
    provider = get_provider("weather", "open-meteo")
    assert provider.transform is om.transform
    assert provider.needs_api_key is False


def test_request_asks_for_48_hours_8_days_in_the_config_zone():
    ctx = context("weather", location={"lat": 53.2007, "lon": 45.0046}, timezone="Europe/Moscow")
    [spec] = om.requests(ctx)
    assert spec.url == "https://api.open-meteo.com/v1/forecast"
    assert spec.params["latitude"] == "53.2007"
    assert spec.params["longitude"] == "45.0046"
    assert spec.params["timezone"] == "Europe/Moscow"
    assert spec.params["forecast_hours"] == "48"
    assert spec.params["forecast_days"] == "8"
    assert spec.params["wind_speed_unit"] == "ms"
    assert "temperature_2m" in spec.params["current"].split(",")
    assert "weather_code" in spec.params["hourly"].split(",")
    assert "sunrise" in spec.params["daily"].split(",")
    assert spec.secret_params == {}


def test_base_url_is_configuration():
    ctx = context("weather", providers={"weather": {"provider": "open-meteo", "base_url": "http://om.local:8080/"}})
    assert om.requests(ctx)[0].url == "http://om.local:8080/v1/forecast"


@pytest.mark.parametrize("name", FULL_FORECASTS)
def test_every_full_forecast_transforms_and_validates(name):
    data = run(fixture(name))
    assert data["current"]["temperature"] == fixture(name)["current"]["temperature_2m"]
    assert 1 <= len(data["hourly"]) <= 48
    assert 1 <= len(data["daily"]) <= 8


def test_penza_current_exact_values():
    data = run(fixture(PENZA))
    assert data["location"] == {"lat": 53.1875, "lon": 45.0, "timezone": "Europe/Moscow"}
    current = data["current"]
    assert current["time"] == "2023-11-11T11:15:00+00:00"  # 14:15 MSK (+03:00)
    assert current["temperature"] == 3.5
    assert current["feels_like"] == 0.9
    assert current["wind_speed"] == 1.72  # 6.2 km/h / 3.6
    assert current["wind_direction"] == 216
    assert current["precipitation"] == 0.0
    assert current["condition"] == "cloudy"
    assert current["description"] == "Overcast"
    assert current["code"] == 3
    assert current["is_day"] is True
    # not requested in this recording: hidden cells, not errors
    assert current["humidity"] is None
    assert current["pressure"] is None
    assert current["wind_gust"] is None


def test_penza_hourly_from_the_current_hour_48_entries():
    hourly = run(fixture(PENZA))["hourly"]
    assert len(hourly) == 48
    assert hourly[0] == {
        "time": "2023-11-11T11:00:00+00:00", "temperature": 3.4, "feels_like": None,
        "precipitation_probability": None, "precipitation": None, "wind_speed": None,
        "condition": "cloudy", "is_day": True, "code": 3,
    }
    assert hourly[-1]["time"] == "2023-11-13T10:00:00+00:00"  # 2023-11-13T13:00 MSK
    assert hourly[-1]["temperature"] == 8.0


def test_penza_daily_local_dates_today_first():
    daily = run(fixture(PENZA))["daily"]
    assert [d["date"] for d in daily] == [f"2023-11-{day}" for day in range(11, 18)]
    assert daily[0]["code"] == 45
    assert daily[0]["condition"] == "fog"
    assert daily[0]["temperature_max"] == 3.8
    assert daily[0]["temperature_min"] == 0.3
    assert daily[0]["precipitation_sum"] == 0.0
    assert daily[0]["wind_speed_max"] == 2.17  # 7.8 km/h
    assert daily[1]["condition"] == "rain"  # code 61
    assert daily[1]["wind_speed_max"] == 6.03  # 21.7 km/h


def test_atlantic_thunderstorm_at_night():
    data = run(fixture(ATLANTIC))
    current = data["current"]
    assert current["code"] == 95
    assert current["condition"] == "thunderstorm"
    assert current["is_day"] is False
    assert current["time"] == "2025-02-05T20:15:00+00:00"  # 21:15 at +01:00
    assert current["temperature"] == 28.0
    assert current["feels_like"] == 32.5
    assert current["humidity"] == 83
    assert current["pressure"] == 1010.1
    assert current["cloud_cover"] == 100
    assert current["wind_speed"] == 3.89  # 14.0 km/h
    assert current["wind_gust"] == 6.61  # 23.8 km/h
    assert current["precipitation"] == 0.3
    assert [h["code"] for h in data["hourly"]] == [95, 80, 80, 80, 95, 95]
    assert [h["condition"] for h in data["hourly"]][:2] == ["thunderstorm", "rain_showers"]
    assert [h["precipitation_probability"] for h in data["hourly"]] == [45, 43, 38, 40, 45, 48]
    assert data["daily"][0]["condition"] == "thunderstorm_hail"  # code 96
    assert data["daily"][0]["precipitation_sum"] == 12.3


def test_c14_recorded_answer_without_temperature_is_a_payload_error():
    # A real answer to a weather_code-only request: the headline value is missing, so the fetch fails
    # with one typed error naming the field and the last good record stays current.
    with pytest.raises(PayloadError, match=r"current\.temperature_2m"):
        om.transform({"forecast": fixture(BERLIN_CODES_ONLY)}, context("weather"))


def test_c21_null_precipitation_and_gust_hide_only_those_cells():
    answer = fixture(ATLANTIC)
    answer["current"]["precipitation"] = None
    answer["current"]["wind_gusts_10m"] = None
    answer["hourly"]["precipitation_probability"][2] = None
    data = run(answer)
    expected = run(fixture(ATLANTIC))
    expected["current"]["precipitation"] = None
    expected["current"]["wind_gust"] = None
    expected["hourly"][2]["precipitation_probability"] = None
    assert data == expected


@pytest.mark.parametrize("field", ["apparent_temperature", "wind_speed_10m", "is_day", "weather_code"])
def test_c14_removed_optional_field_becomes_null(field):
    answer = fixture(ATLANTIC)
    del answer["current"][field]
    current = run(answer)["current"]
    key = {"apparent_temperature": "feels_like", "wind_speed_10m": "wind_speed", "is_day": "is_day",
           "weather_code": "code"}[field]
    assert current[key] is None
    assert current["temperature"] == 28.0
    if field == "weather_code":
        assert (current["condition"], current["description"]) == ("unknown", "Unknown")


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda a: a.pop("current"), r"current: expected an object"),
    (lambda a: a["current"].update(temperature_2m="warm"), r"current\.temperature_2m: expected a number"),
    (lambda a: a["current"].update(time=None), r"current\.time"),
    (lambda a: a["hourly"].pop("time"), r"hourly\.time"),
    (lambda a: a.update(hourly=5), r"^hourly: expected an object, got int$"),
    (lambda a: a.update(daily=["2024-08-01"]), r"^daily: expected an object, got list$"),
    (lambda a: a["current_units"].update(temperature_2m="°R"), r"current_units\.temperature_2m"),
])
def test_c14_missing_required_field_raises_payload_error(mutate, field):
    answer = fixture(ATLANTIC)
    mutate(answer)
    with pytest.raises(PayloadError, match=field) as caught:
        om.transform({"forecast": answer}, context("weather"))
    assert caught.value.provider == "open-meteo"


def test_not_an_object_is_a_payload_error():
    with pytest.raises(PayloadError, match="forecast"):
        om.transform({"forecast": ["not", "a", "forecast"]}, context("weather"))


def test_unknown_wmo_code_maps_to_unknown():
    answer = fixture(ATLANTIC)
    answer["current"]["weather_code"] = 42
    answer["hourly"]["weather_code"][0] = 1000
    data = run(answer)
    assert data["current"]["condition"] == "unknown"
    assert data["current"]["code"] == 42
    assert data["hourly"][0]["condition"] == "unknown"


def test_units_follow_the_units_block():
    answer = fixture(ATLANTIC)
    answer["current_units"].update(temperature_2m="°F", apparent_temperature="°F", wind_speed_10m="mph",
                                   precipitation="inch")
    answer["current"].update(temperature_2m=82.4, apparent_temperature=32.0, wind_speed_10m=10.0, precipitation=0.1)
    del answer["current_units"]["wind_gusts_10m"]  # no label: the unit we asked for (m/s)
    current = run(answer)["current"]
    assert current["temperature"] == 28.0
    assert current["feels_like"] == 0.0
    assert current["wind_speed"] == 4.47
    assert current["precipitation"] == 2.54
    assert current["wind_gust"] == 23.8


def _dst_answer(offset: int, current: str, hours: list[str], days: list[str]) -> dict:
    """A small forecast built from the Atlantic recording, re-labelled as Open-Meteo writes New York."""
    answer = copy.deepcopy(fixture(ATLANTIC))
    answer.update(timezone="America/New_York", utc_offset_seconds=offset)
    answer["current"]["time"] = current
    answer["hourly"] = {"time": hours, "temperature_2m": [1.0 * i for i in range(len(hours))]}
    answer["daily"] = {"time": days, "weather_code": [0] * len(days),
                       "sunrise": [f"{d}T06:30" for d in days]}
    return answer


def test_c02_spring_forward_instants_use_the_answer_offset():
    # Requested on 2024-03-09 in EST: Open-Meteo labels every time at -05:00, even after the change at
    # 02:00 on 2024-03-10 (so "02:00", which New York clocks skip, is present and means 07:00Z).
    hours = ["2024-03-09T23:00", "2024-03-10T00:00", "2024-03-10T01:00", "2024-03-10T02:00", "2024-03-10T03:00"]
    answer = _dst_answer(-18000, "2024-03-09T23:40", hours, ["2024-03-09", "2024-03-10", "2024-03-11"])
    data = run(answer)
    assert [h["time"][:16] for h in data["hourly"]] == [
        "2024-03-10T04:00", "2024-03-10T05:00", "2024-03-10T06:00", "2024-03-10T07:00", "2024-03-10T08:00"]
    assert data["current"]["time"] == "2024-03-10T04:40:00+00:00"
    assert [d["date"] for d in data["daily"]] == ["2024-03-09", "2024-03-10", "2024-03-11"]
    assert data["daily"][2]["sunrise"] == "2024-03-11T11:30:00+00:00"


def test_c02_fall_back_hours_stay_distinct_and_today_is_the_local_date():
    # Requested late on 2024-11-02 in EDT (-04:00); New York repeats 01:00 on 2024-11-03.
    hours = ["2024-11-02T23:00", "2024-11-03T00:00", "2024-11-03T01:00", "2024-11-03T02:00", "2024-11-03T03:00"]
    days = ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"]
    data = run(_dst_answer(-14400, "2024-11-02T23:59", hours, days))
    times = [h["time"][:16] for h in data["hourly"]]
    assert times == ["2024-11-03T03:00", "2024-11-03T04:00", "2024-11-03T05:00", "2024-11-03T06:00",
                     "2024-11-03T07:00"]
    assert [d["date"] for d in data["daily"]] == ["2024-11-02", "2024-11-03", "2024-11-04"]
    assert data["daily"][0]["condition"] == "clear"


def test_next_poll_is_the_configured_period():
    ctx = context("weather", providers={"weather": {"provider": "open-meteo", "period": 600}})
    assert om.PROVIDERS[0].next_poll({}, ctx) == 600.0
