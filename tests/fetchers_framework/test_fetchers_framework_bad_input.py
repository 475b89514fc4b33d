"""Odd provider input is a payload or argument error (exit 2, one line), never "this is a bug" (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecoboard import PayloadError
from ecoboard.cli import main
from ecoboard.fetchers import validate_data

from .helpers import FIXTURES

PENZA = FIXTURES / "open-meteo" / "forecast-penza-current-hourly-daily-2023-11-11.json"
PENZA_NOW = "2023-11-11T11:15:00Z"
ESPN = FIXTURES / "espn"
MLB_BOARD = ESPN / "mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
NFL_BOARD = ESPN / "nfl-scoreboard-2022-week1-sunday-live-mixed.json"
POSTPONED = FIXTURES / "mlb-statsapi" / "schedule-2022-04-07-opening-day-finals-2-postponed.json"
STANDINGS = FIXTURES / "mlb-statsapi" / "standings-2025-regular-season-final.json"


def transform(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["transform", *args, "--config", "/dev/null"])
    out, err = capsys.readouterr()
    return code, out, err


def edited_penza(tmp_path: Path, edit) -> Path:
    answer = json.loads(PENZA.read_text(encoding="utf-8"))
    edit(answer)
    path = tmp_path / "penza.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    return path


def test_deeply_nested_json_is_a_payload_error(capsys, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="ascii")
    code, out, err = transform(capsys, "weather", "--provider", "open-meteo", "--now", PENZA_NOW, str(deep))
    assert (code, out) == (2, "")
    assert err == f"ecoboard transform: error: open-meteo: {deep}: JSON nested too deeply to read\n"


def test_an_integer_beyond_the_digit_limit_is_a_payload_error(capsys, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    huge = '"temperature_2m": 1' + "0" * 5000 + ', "x":'
    path.write_text(PENZA.read_text(encoding="utf-8").replace('"temperature_2m":', huge, 1), encoding="utf-8")
    code, out, err = transform(capsys, "weather", "--provider", "open-meteo", "--now", PENZA_NOW, str(path))
    assert (code, out) == (2, "")
    assert err == f"ecoboard transform: error: open-meteo: {path}: JSON holds a number with too many digits to read\n"


def test_a_number_too_large_for_a_float_is_a_payload_error(capsys, tmp_path: Path) -> None:
    def edit(answer: dict) -> None:
        answer["current"]["temperature_2m"] = 10**400

    code, out, err = transform(capsys, "weather", "--provider", "open-meteo", "--now", PENZA_NOW,
                               str(edited_penza(tmp_path, edit)))
    assert (code, out) == (2, "")
    assert err == ("ecoboard transform: error: open-meteo: weather: a number in the answer is out of range "
                   "(int too large to convert to float)\n")


@pytest.mark.parametrize("now", ["9999-12-31T23:59:00Z", "0001-01-01T00:00:00Z"])
def test_now_near_the_ends_of_the_calendar_is_an_argument_error(capsys, now: str) -> None:
    code, out, err = transform(capsys, "weather", "--provider", "open-meteo", "--now", now, str(PENZA))
    assert (code, out) == (2, "")
    assert err == f"ecoboard transform: error: --now: expected an instant in the years 1900 to 8999, got {now!r}\n"


def test_the_provider_is_named_once_in_a_transform_error(capsys) -> None:
    code, out, err = transform(capsys, "mlb", "--provider", "mlb-statsapi", "--now", "2024-07-02T03:00:00Z",
                               str(STANDINGS))
    assert (code, out) == (2, "")
    assert err == "ecoboard transform: error: mlb-statsapi: mlb: required field dates is missing\n"


@pytest.mark.parametrize(("kind", "board", "expected", "got"), [
    ("nfl", MLB_BOARD, "NFL", "MLB"),
    ("mlb", NFL_BOARD, "MLB", "NFL"),
])
def test_an_espn_scoreboard_of_another_league_is_refused(capsys, kind: str, board: Path, expected: str,
                                                         got: str) -> None:
    code, out, err = transform(capsys, kind, "--provider", "espn", "--now", "2022-09-11T20:00:00Z", str(board))
    assert (code, out) == (2, "")
    assert err == (f"ecoboard transform: error: espn: {kind}: leagues[0]: expected a {expected} scoreboard, "
                   f"got one for {got!r}\n")


@pytest.mark.parametrize("zone", ["Nope/Nope", "America", "../etc/passwd", "Europe/Moscow/"])
def test_an_unusable_time_zone_is_never_stored(capsys, tmp_path: Path, zone: str) -> None:
    def edit(answer: dict) -> None:
        answer["timezone"] = zone

    code, out, err = transform(capsys, "weather", "--provider", "open-meteo", "--now", PENZA_NOW,
                               str(edited_penza(tmp_path, edit)))
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["data"]["location"] == {"lat": 53.1875, "lon": 45.0, "timezone": None}
    assert record["data"]["current"]["time"] == "2023-11-11T11:15:00+00:00"


def test_the_weather_schema_refuses_an_unusable_zone_from_any_provider(capsys) -> None:
    code, out, _ = transform(capsys, "weather", "--provider", "open-meteo", "--now", PENZA_NOW, str(PENZA))
    data = json.loads(out)["data"]
    assert (code, data["location"]["timezone"]) == (0, "Europe/Moscow")
    validate_data("weather", data, provider="test")
    data["location"]["timezone"] = "Nope/Nope"
    with pytest.raises(PayloadError) as caught:
        validate_data("weather", data, provider="test")
    assert str(caught.value) == ("test: weather data does not match weather.schema.json at $.location.timezone: "
                                 "'Nope/Nope' is not a 'iana-time-zone'")


@pytest.mark.parametrize("game_pk", ["9" * 5000, "²", "--3"])
def test_an_id_that_int_cannot_read_is_a_payload_error(capsys, tmp_path: Path, game_pk: str) -> None:
    answer = json.loads(POSTPONED.read_text(encoding="utf-8"))
    answer["dates"][0]["games"][0]["gamePk"] = game_pk
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    code, out, err = transform(capsys, "mlb", "--provider", "mlb-statsapi", "--now", "2022-04-07T20:00:00Z", str(path))
    assert (code, out) == (2, "")
    assert err == "ecoboard transform: error: mlb-statsapi: mlb: dates[0].games[0].gamePk is not an integer id\n"
