"""OpenWeatherMap One Call 3.0 weather: the recorded London answer (Kelvin), key handling, C02/C14/C21."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from functools import partial

import pytest

from ecoboard import ConfigError, PayloadError
from ecoboard.fetchers import resolve_api_key
from ecoboard.fetchers.providers import get_provider
from ecoboard.fetchers.providers import weather_openweathermap as owm

from ._support import context, fixture, transformed

LONDON = "openweathermap/onecall3-london-2024-10-25-full.json"
TIMEMACHINE = "openweathermap/onecall3-timemachine-wuppertal-2024-07-30-lang-de.json"
KEY = "0123456789abcdef-not-a-real-key"


run = partial(transformed, owm)


def unix(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def test_registered_and_needs_a_key():
    provider = get_provider("weather", "openweathermap")
    assert provider.needs_api_key is True
    assert provider.transform is owm.transform


def test_request_keeps_the_key_in_secret_params_only():
    [spec] = owm.requests(context("weather", api_key=KEY, location={"lat": 51.4769, "lon": -0.0005}))
    assert spec.url == "https://api.openweathermap.org/data/3.0/onecall"
    assert spec.params == {"lat": "51.4769", "lon": "-0.0005", "units": "standard", "exclude": "minutely,alerts",
                           "lang": "en"}
    assert spec.secret_params == {"appid": KEY}
    assert KEY not in repr(spec)


def test_without_a_key_requests_stay_computable_and_the_framework_refuses_to_fetch():
    # `ecoboard transform` lists request names without a key; fetching needs one (resolve_api_key)
    ctx = context("weather", providers={"weather": {"provider": "openweathermap"}})
    assert [s.name for s in owm.requests(ctx)] == ["onecall"]
    assert owm.requests(ctx)[0].secret_params == {}
    with pytest.raises(ConfigError, match=r"providers\.weather\.api_key_secret"):
        resolve_api_key(ctx.config, get_provider("weather", "openweathermap"))


def test_london_current_kelvin_to_celsius():
    data = run(fixture(LONDON))
    assert data["location"] == {"lat": 51.4769, "lon": -0.0005, "timezone": "Europe/London"}
    assert data["current"] == {
        "time": "2024-10-25T15:59:18+00:00",  # dt 1729871958
        "temperature": 14.74,                 # 287.89 K
        "feels_like": 14.62,                  # 287.77 K
        "humidity": 90,
        "pressure": 1014.0,
        "wind_speed": 4.12,
        "wind_gust": None,                    # not sent for current: hidden (C21)
        "wind_direction": 220,
        "precipitation": 0.29,                # rain.1h
        "cloud_cover": 100,
        "visibility": 7000.0,
        "uv_index": 0.02,
        "condition": "rain",
        "is_day": True,                       # icon 10d
        "description": "Light rain",
        "code": 500,
    }


def test_london_48_hourly_from_the_current_hour():
    hourly = run(fixture(LONDON))["hourly"]
    assert len(hourly) == 48
    assert hourly[0] == {"time": "2024-10-25T15:00:00+00:00", "temperature": 15.2, "feels_like": 15.07,
                         "precipitation_probability": 0, "precipitation": 0.0, "wind_speed": 2.88,
                         "condition": "cloudy", "is_day": True, "code": 804}
    assert hourly[1]["precipitation"] == 0.32  # the 2 hours with rain.1h
    assert hourly[20]["precipitation"] == 0.25
    assert hourly[1]["precipitation_probability"] == 20
    assert hourly[-1]["time"] == "2024-10-27T14:00:00+00:00"


def test_london_8_daily_local_dates_across_the_october_dst_change():
    daily = run(fixture(LONDON))["daily"]
    assert [d["date"] for d in daily] == ["2024-10-25", "2024-10-26", "2024-10-27", "2024-10-28", "2024-10-29",
                                          "2024-10-30", "2024-10-31", "2024-11-01"]
    assert daily[0] == {
        "date": "2024-10-25", "temperature_max": 17.09, "temperature_min": 12.57,  # 290.24 K / 285.72 K
        "feels_like_max": 16.45, "feels_like_min": 12.42,  # the day's largest / smallest of morn..night
        "precipitation_sum": 0.54, "precipitation_probability": 20, "wind_speed_max": 3.6,
        "sunrise": "2024-10-25T06:41:32+00:00", "sunset": "2024-10-25T16:46:17+00:00",
        "condition": "rain", "code": 500,
    }


def test_timemachine_answer_is_not_a_onecall_answer():
    # /onecall/timemachine has data[] and no current block: this adapter never requests it, and fed to
    # the One Call transform it is one typed error naming the missing block.
    with pytest.raises(PayloadError, match=r"^current: expected an object"):
        owm.transform({"onecall": fixture(TIMEMACHINE)}, context("weather"))


def test_c21_null_rain_hides_precipitation_only():
    answer = copy.deepcopy(fixture(LONDON))
    answer["current"]["rain"] = {"1h": None}
    answer["hourly"][1]["rain"] = {"1h": "a lot"}
    data = run(answer)
    assert data["current"]["precipitation"] is None
    assert data["current"]["temperature"] == 14.74
    assert data["hourly"][1]["precipitation"] is None
    assert data["hourly"][1]["temperature"] == 14.74


def test_c14_removed_fields():
    answer = copy.deepcopy(fixture(LONDON))
    del answer["current"]["feels_like"]
    del answer["current"]["weather"]
    del answer["daily"][0]["feels_like"]
    data = run(answer)
    assert data["current"]["feels_like"] is None
    assert (data["current"]["condition"], data["current"]["description"], data["current"]["code"]) == (
        "unknown", "Unknown", None)
    assert data["current"]["is_day"] is None
    assert (data["daily"][0]["feels_like_max"], data["daily"][0]["feels_like_min"]) == (None, None)
    assert data["daily"][0]["temperature_max"] == 17.09


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda a: a["current"].pop("temp"), r"current\.temp: expected a number"),
    (lambda a: a["current"].update(dt="yesterday"), r"current\.dt"),
    (lambda a: a.update(hourly={"not": "a list"}), r"hourly: expected an array"),
    (lambda a: a["daily"][3].pop("dt"), r"daily\[3\]\.dt"),
])
def test_c14_missing_required_field_raises(mutate, field):
    answer = copy.deepcopy(fixture(LONDON))
    mutate(answer)
    with pytest.raises(PayloadError, match=field):
        owm.transform({"onecall": answer}, context("weather"))


def test_unknown_owm_code_maps_to_unknown_and_keeps_the_text():
    answer = copy.deepcopy(fixture(LONDON))
    answer["current"]["weather"][0].update(id=999, description="purple haze")
    current = run(answer)["current"]
    assert (current["condition"], current["code"], current["description"]) == ("unknown", 999, "Purple haze")


def _ny_answer(offset: int, current: str, days: list[str]) -> dict:
    answer = copy.deepcopy(fixture(LONDON))
    answer.update(timezone="America/New_York", timezone_offset=offset, hourly=[])
    answer["current"]["dt"] = unix(current)
    answer["daily"] = [dict(answer["daily"][0], dt=unix(day)) for day in days]
    return answer


def test_c02_fall_back_daily_dates_use_the_iana_zone():
    # dt at 23:30 local each day; the request's fixed offset (EDT, -4 h) would put the 3rd and 4th a day late
    days = ["2024-11-02T23:30-04:00", "2024-11-03T23:30-05:00", "2024-11-04T23:30-05:00"]
    data = run(_ny_answer(-14400, "2024-11-02T12:00-04:00", days))
    assert [d["date"] for d in data["daily"]] == ["2024-11-02", "2024-11-03", "2024-11-04"]


def test_c02_spring_forward_daily_dates_use_the_iana_zone():
    # dt at 00:30 local; the request's fixed offset (EST, -5 h) would put the 11th on the 10th
    days = ["2024-03-09T00:30-05:00", "2024-03-10T00:30-05:00", "2024-03-11T00:30-04:00"]
    data = run(_ny_answer(-18000, "2024-03-09T12:00-05:00", days))
    assert [d["date"] for d in data["daily"]] == ["2024-03-09", "2024-03-10", "2024-03-11"]
    assert data["current"]["time"] == datetime(2024, 3, 9, 17, tzinfo=UTC).isoformat()


def test_unknown_zone_name_falls_back_to_the_fixed_offset():
    answer = _ny_answer(-14400, "2024-11-02T12:00-04:00", ["2024-11-02T12:00-04:00"])
    answer["timezone"] = "Mars/Olympus_Mons"
    data = run(answer)
    assert data["location"]["timezone"] is None
    assert [d["date"] for d in data["daily"]] == ["2024-11-02"]
