"""NWS weather (provider ``nws``) through the real fetch path: the replay transport answers the points
request, the station's observation and the two forecast follow-ups the points answer names, and the
written record holds exact values read from the recordings.

The pairing is arranged: the points answer, the 2019-10-13 day-and-night forecast, the 2019-10-14
hourly forecast and KFLL's 2022-03-02 observation were never one fetch (tests/fixtures/PROVENANCE.md).
Each body is real and unchanged unless a test says which field it changes; the fetch instant is
chosen so the forecast periods a test reads lie ahead of it.
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ecoboard import ConfigError, PayloadError, ProviderError
from ecoboard.cli import main
from ecoboard.config import parse_config
from ecoboard.fetchers import FetchContext, RequestSpec, check_provider_options
from ecoboard.fetchers.providers import get_provider
from ecoboard.fetchers.providers import weather_nws as nws

from ._nws_replay import (
    FORECAST,
    FORECAST_URL,
    HOURLY,
    HOURLY_URL,
    OBSERVATION,
    OBSERVATION_URL,
    POINTS,
    POINTS_URL,
    Board,
    nws_config,
    replay_dir,
)
from ._support import FIXTURES, fixture, validate

EVENING = datetime(2019, 10, 13, 23, 0, tzinfo=UTC)
"""19:00 EDT on 2019-10-13: in the forecast's "Tonight"; both hourly periods are ahead."""
HOUR = datetime(2019, 10, 15, 0, 30, tzinfo=UTC)
"""20:30 EDT on 2019-10-14: inside the first hourly period; the day-and-night forecast is behind."""

HOURLY_ENTRIES = [
    {
        "time": "2019-10-15T00:00:00+00:00",
        "temperature": 25.56,  # 78 °F, 20:00 EDT
        "feels_like": None,
        "precipitation_probability": 20,
        "precipitation": None,
        "wind_speed": 0.0,  # "0 mph"
        "condition": "partly_cloudy",  # icons/land/night/sct
        "is_day": False,
        "code": None,
    },
    {
        "time": "2019-10-15T01:00:00+00:00",
        "temperature": 25.0,  # 77 °F
        "feels_like": None,
        "precipitation_probability": 20,
        "precipitation": None,
        "wind_speed": 0.0,
        "condition": "partly_cloudy",
        "is_day": False,
        "code": None,
    },
]


def board(tmp_path: Path, **replay) -> Board:
    return Board(tmp_path, replay_dir(tmp_path / "replay", **replay))


def test_registered_keyless_with_follow_ups_and_the_station_option() -> None:
    provider = get_provider("weather", "nws")
    assert provider.needs_api_key is False
    assert provider.follow_up is nws.follow_up
    assert provider.explain_status is nws.explain_status
    assert provider.default_base_url == "https://api.weather.gov"
    assert dict(provider.options) == {"station": nws.read_station}


@pytest.mark.parametrize(
    ("lat", "lon", "path"),
    [
        (30.0, -85.0, "/points/30,-85"),
        (42.3467, -71.0972, "/points/42.3467,-71.0972"),
        (39.74561, -97.08921, "/points/39.7456,-97.0892"),
    ],
)
def test_points_url_writes_the_point_as_nws_does(lat, lon, path) -> None:
    config = nws_config(lat=lat, lon=lon)
    ctx = FetchContext(now=EVENING, config=config, settings=config.providers["weather"])
    assert [(s.name, s.url) for s in nws.requests(ctx)] == [("points", "https://api.weather.gov" + path)]


async def test_with_a_station_the_record_holds_the_observation_and_both_forecasts(tmp_path, autojump_clock) -> None:
    here = board(tmp_path)
    record = await here.fetch(nws_config(station="kfll"), EVENING)
    assert here.sent == [POINTS_URL, OBSERVATION_URL, FORECAST_URL, HOURLY_URL]
    assert (record.source, record.kind) == ("nws", "weather")
    data = record.to_json()["data"]
    validate("weather", data)
    assert data["location"] == {"lat": 30.0, "lon": -85.0, "timezone": "America/New_York"}
    assert data["current"] == {
        "time": "2022-03-02T23:53:00+00:00",
        "temperature": 22.8,  # wmoUnit:degC 22.8
        "feels_like": 23.11,  # heatIndex 23.114...; windChill is null
        "humidity": 76,  # 75.77 %
        "pressure": 1018.7,  # seaLevelPressure 101870 Pa
        "wind_speed": 2.1,  # 7.56 km_h-1
        "wind_gust": None,  # null in the observation (C21)
        "wind_direction": 20,
        "precipitation": None,  # precipitationLastHour null
        "cloud_cover": None,
        "visibility": 16090.0,  # wmoUnit:m
        "uv_index": None,
        "condition": "cloudy",  # icons/land/night/bkn
        "is_day": False,
        "description": "Mostly Cloudy",
        "code": None,
    }
    assert data["hourly"] == HOURLY_ENTRIES
    assert data["daily"] == [
        {
            "date": "2019-10-13",
            "temperature_max": 5.0,  # "This Afternoon" 41 °F
            "temperature_min": 20.0,  # "Tonight" 68 °F (the recording's own figures)
            "feels_like_max": None,
            "feels_like_min": None,
            "precipitation_sum": None,
            "precipitation_probability": 20,  # 20 by day, null at night
            "wind_speed_max": 4.47,  # "10 mph" by day, "0 to 5 mph" at night
            "sunrise": None,
            "sunset": None,
            "condition": "thunderstorm",  # the day's icon: land/day/tsra,40/ovc
            "code": None,
        }
    ]


async def test_without_a_station_current_is_the_hourly_period_holding_the_fetch(tmp_path, autojump_clock) -> None:
    here = board(tmp_path)
    record = await here.fetch(nws_config(), HOUR)
    assert here.sent == [POINTS_URL, FORECAST_URL, HOURLY_URL]
    data = record.to_json()["data"]
    validate("weather", data)
    assert data["current"] == {
        "time": "2019-10-15T00:00:00+00:00",
        "temperature": 25.56,
        "feels_like": None,
        "humidity": 63,
        "pressure": None,
        "wind_speed": 0.0,
        "wind_gust": None,
        "wind_direction": 180,  # "S"
        "precipitation": None,
        "cloud_cover": None,
        "visibility": None,
        "uv_index": None,
        "condition": "partly_cloudy",
        "is_day": False,
        "description": "Partly Cloudy",
        "code": None,
    }
    assert data["hourly"] == HOURLY_ENTRIES
    assert data["daily"] == []  # the forecast's only day, 2019-10-13, is before today (2019-10-14 in New York)


async def test_an_observation_without_temperature_gives_way_to_the_hourly_forecast(tmp_path, autojump_clock) -> None:
    # changed: the observation's temperature value is null, as NWS sends when quality control rejects it
    observation = copy.deepcopy(fixture(OBSERVATION))
    observation["properties"]["temperature"]["value"] = None
    here = board(tmp_path, changed={"api.weather.gov/stations/KFLL/observations/latest.json": observation})
    data = (await here.fetch(nws_config(station="KFLL"), HOUR)).to_json()["data"]
    current = data["current"]
    expected = {"time": "2019-10-15T00:00:00+00:00", "temperature": 25.56, "description": "Partly Cloudy"}
    assert {k: current[k] for k in expected} == expected


def test_nulls_and_unknown_units_in_the_observation_stay_null() -> None:
    observation = copy.deepcopy(fixture(OBSERVATION))
    # changed: the pressure in a unit NWS does not use, the wind speed null
    observation["properties"]["seaLevelPressure"]["unitCode"] = "wmoUnit:psi"
    observation["properties"]["windSpeed"]["value"] = None
    config = nws_config(station="KFLL")
    answers = {
        "points": fixture("nws/points.json"),
        "observation": observation,
        "forecast": fixture(FORECAST),
        "forecast_hourly": fixture(HOURLY),
    }
    data = nws.transform(answers, FetchContext(now=EVENING, config=config, settings=config.providers["weather"]))
    validate("weather", data)
    current = data["current"]
    assert [current[k] for k in ("pressure", "wind_speed", "wind_gust", "precipitation")] == [None] * 4
    assert (current["temperature"], current["visibility"]) == (22.8, 16090.0)


async def test_a_point_outside_the_us_fails_and_the_last_good_record_stays(tmp_path, autojump_clock) -> None:
    # No NWS answer for a point outside the US is recorded here: the replay transport's own 404 stands in
    # for the one NWS sends, which is what the fetch reads (the status).
    here = board(tmp_path)
    good = await here.fetch(nws_config(), HOUR)
    with pytest.raises(ProviderError) as caught:
        await here.fetch(nws_config(lat=51.5074, lon=-0.1278), HOUR)
    assert caught.value.status_code == 404
    assert str(caught.value) == (
        "nws: no NWS forecast for 51.5074,-0.1278 (HTTP 404): NWS covers the United States and its territories "
        "only; choose open-meteo or openweathermap"
    )
    assert here.sent[-1] == "https://api.weather.gov/points/51.5074,-0.1278"
    latest = await here.latest()
    assert latest is not None and latest.version == good.version
    assert latest.data["location"]["lat"] == 30.0


@pytest.mark.parametrize(
    ("name", "status"), [("points", 500), ("points", 403), ("forecast", 404), ("observation", 404)]
)
def test_other_statuses_keep_the_generic_error(name, status) -> None:
    assert nws.explain_status(RequestSpec(name, POINTS_URL), status) is None


async def test_a_failed_forecast_fails_the_fetch_with_one_error_line(tmp_path, autojump_clock, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    here = board(tmp_path)
    good = await here.fetch(nws_config(), HOUR)
    here.replay = replay_dir(
        tmp_path / "broken", index=[{"url": FORECAST_URL, "status": 500, "body": "upstream broke"}]
    )
    here.sent.clear()
    coordinator = await here.attempts(nws_config(), HOUR, 2)
    # the forecasts are required follow-ups: the first failing one fails the fetch, the hourly one is not asked
    assert here.sent == [POINTS_URL, FORECAST_URL] * 2
    message = f"nws: {FORECAST_URL}: HTTP 500 Internal Server Error: upstream broke"
    status = coordinator.status()
    assert (status.state, status.last_error, status.consecutive_failures) == ("failing", message, 2)
    assert [(r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("ecoboard")] == [
        (logging.ERROR, f"weather from nws failing (serving version {good.version}): {message}")
    ]
    assert await here.latest() == good  # nothing written


def test_points_without_a_forecast_url_is_one_payload_error() -> None:
    points = copy.deepcopy(fixture("nws/points.json"))
    del points["properties"]["forecastHourly"]  # changed: the hourly forecast's URL removed
    config = nws_config()
    ctx = FetchContext(now=HOUR, config=config, settings=config.providers["weather"])
    assert [s.name for s in nws.follow_up({"points": points}, ctx)] == ["forecast"]
    with pytest.raises(PayloadError, match=r"^points\.properties\.forecastHourly: expected a string, got nothing$"):
        nws.transform({"points": points, "forecast": fixture(FORECAST)}, ctx)


@pytest.mark.parametrize(("value", "shown"), [("K FLL", "'K FLL'"), ("", "''"), (42, "42"), (["KFLL"], "['KFLL']")])
def test_a_bad_station_is_refused_at_start(value, shown) -> None:
    config = parse_config({"providers": {"weather": {"provider": "nws", "options": {"station": value}}}}, environ={})
    with pytest.raises(ConfigError) as caught:
        check_provider_options(config, "ecoboard.yaml")
    assert str(caught.value) == (
        "ecoboard.yaml: providers.weather.options.station: expected an observation station id of 3 to 6 letters or "
        f"digits, such as KFLL, got {shown}"
    )


def test_an_unknown_option_names_station() -> None:
    config = parse_config({"providers": {"weather": {"provider": "nws", "options": {"office": "TAE"}}}}, environ={})
    with pytest.raises(ConfigError) as caught:
        check_provider_options(config, "ecoboard.yaml")
    assert str(caught.value) == (
        "ecoboard.yaml: providers.weather.options.office: unknown option of provider nws; expected one of station"
    )


def test_transform_cli_needs_both_forecast_answers(capsys) -> None:
    # a failed forecast never reaches the transform in a fetch (required follow-ups); by hand it can
    args = ["transform", "weather", "--provider", "nws", "--now", "2019-10-15T00:30:00Z", "--config", "/dev/null"]
    points, forecast, hourly = (str(FIXTURES / name) for name in (POINTS, FORECAST, HOURLY))
    assert main([*args, points, "--file", f"forecast={forecast}"]) == 2
    assert capsys.readouterr().err == (
        "ecoboard transform: error: nws: weather: forecast_hourly: no answer (both forecasts are needed)\n"
    )
    assert main([*args, points, "--file", f"forecast={forecast}", "--file", f"forecast_hourly={hourly}"]) == 0
    assert json.loads(capsys.readouterr().out)["data"]["hourly"] == HOURLY_ENTRIES
