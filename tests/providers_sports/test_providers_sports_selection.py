"""ecoboard.sports: scoreboard day, selection, labels, polling and byes on small inputs built from fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

import ecoboard.sports as sports
from ecoboard.fetchers.providers import get_provider
from ecoboard.sports import (
    day_bounds,
    doubleheader_label,
    featured_game,
    inning_label,
    next_poll_seconds,
    ordinal,
    period_label,
    scoreboard_day,
    select_games,
    week_label,
    week_short,
)

from ._support import SCHEMAS, by_id, ctx, fixture, game_of, transform

FINALS = "mlb-statsapi/schedule-2024-07-01-finals-3games.json"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2024-03-10T07:59:00+00:00", date(2024, 3, 9)),  # 03:59 EDT, after the spring-forward gap
        ("2024-03-10T08:00:00+00:00", date(2024, 3, 10)),  # 04:00 EDT
        ("2024-11-03T08:59:00+00:00", date(2024, 11, 2)),  # 03:59 EST, after the fall-back fold
        ("2024-11-03T09:00:00+00:00", date(2024, 11, 3)),  # 04:00 EST
        ("2024-07-02T04:30:00+00:00", date(2024, 7, 1)),  # 00:30 EDT: still yesterday's board (C01)
    ],
)
def test_scoreboard_day_on_dst_days_c02(now, expected):
    assert scoreboard_day(at(now), "America/New_York") == expected


def test_dst_days_are_23_and_25_hours_long_c02():
    # With the 04:00 rollover the clock change at 02:00 falls inside the board of the day before.
    spring_start, spring_end = day_bounds(date(2024, 3, 9), "America/New_York")
    fall_start, fall_end = day_bounds(date(2024, 11, 2), "America/New_York")
    assert (spring_start.isoformat(), spring_end.isoformat()) == (
        "2024-03-09T09:00:00+00:00",
        "2024-03-10T08:00:00+00:00",
    )
    assert (fall_start.isoformat(), fall_end.isoformat()) == ("2024-11-02T08:00:00+00:00", "2024-11-03T09:00:00+00:00")
    assert spring_end - spring_start == timedelta(hours=23)
    assert fall_end - fall_start == timedelta(hours=25)
    assert scoreboard_day(at("2024-03-10T08:30:00+00:00"), "Europe/Berlin", "00:00") == date(2024, 3, 10)


def test_game_past_midnight_stays_live_and_first_c01():
    payload = fixture(FINALS)
    late = game_of(payload, 746535)  # MIL @ COL, first pitch 00:40Z July 2nd
    late["status"] = {
        "abstractGameState": "Live",
        "codedGameState": "I",
        "detailedState": "In Progress",
        "statusCode": "I",
    }
    late["linescore"] = {"currentInning": 10, "inningState": "Top", "teams": {"away": {"runs": 7}, "home": {"runs": 7}}}
    now = "2024-07-02T04:30:00+00:00"  # 00:30 EDT
    (spec,) = get_provider("mlb", "mlb-statsapi").requests(ctx("mlb", now))
    assert spec.params["date"] == "2024-07-01"
    data = transform("mlb", "mlb-statsapi", "schedule", payload, ctx("mlb", now))
    assert data["date"] == "2024-07-01"
    ordered = select_games(data["games"], [], at(now))
    assert [g["id"] for g in ordered] == ["746535", "744840", "744914"]  # live, then latest final first
    assert inning_label(ordered[0]) == "Top 10"
    assert [g["id"] for g in select_games(data["games"], ["nym"], at(now))][:2] == ["744840", "746535"]
    assert featured_game(data["games"], ["115"], at(now))["id"] == "746535"
    assert featured_game(data["games"], ["BOS"], at(now)) is None


def test_selection_prefers_live_then_next_then_latest_final_for_a_team_c04():
    base = {"away": {"id": 111, "abbreviation": "BOS"}, "home": {"id": 147, "abbreviation": "NYY"}}
    games = [
        {**base, "id": "1", "status": "final", "start": "2024-07-01T17:05:00+00:00", "doubleheader": 1},
        {**base, "id": "2", "status": "scheduled", "start": "2024-07-01T23:05:00+00:00", "doubleheader": 2},
        {**base, "id": "3", "status": "postponed", "start": "2024-07-01T20:05:00+00:00"},
    ]
    now = at("2024-07-01T21:00:00+00:00")
    assert [g["id"] for g in select_games(games, [111], now)] == ["2", "1", "3"]
    games[1]["status"] = "live"
    games[0]["status"] = "delayed"  # a rain delay before its first pitch ranks as upcoming
    assert [g["id"] for g in select_games(games, ["bos"], now)] == ["2", "1", "3"]
    assert [doubleheader_label(g) for g in games] == ["G1", "G2", None]


def test_followed_abbreviations_match_across_providers():
    white_sox = {"id": 145, "abbreviation": "CWS"}
    assert sports.team_matches(white_sox, ["chw"]) and sports.team_matches(white_sox, [145])
    assert sports.team_matches({"id": 4, "abbreviation": "CHW"}, ["CWS"])
    assert sports.team_matches({"id": 133, "abbreviation": "ATH"}, ["OAK"])
    assert not sports.team_matches(white_sox, ["CHC", "146"])


def test_labels():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
    ]  # fmt: skip
    assert [period_label(p) for p in (0, 1, 4, 5, 6, 7)] == [None, "1st", "4th", "OT", "2OT", "3OT"]
    assert inning_label({"inning": 19, "inning_half": "middle"}) == "Mid 19"
    assert inning_label({"inning": None}) is None
    assert week_label("regular", 5) == "Week 5"
    assert week_label("postseason", 5) == "Super Bowl"
    assert [week_short("postseason", n) for n in (1, 2, 3, 5)] == ["WC", "DIV", "CONF", "SB"]
    assert week_short("preseason", 1, "Hall of Fame Weekend") == "HOF"
    assert week_short("regular", 17, "Week 17") == "WK 17"


def _game(status: str, start: str) -> dict:
    return {"id": "1", "status": status, "start": start}


@pytest.mark.parametrize(
    ("games", "expected"),
    [
        ([], 3600.0),  # no games today: idle
        ([_game("final", "2024-07-01T17:00:00+00:00")], 3600.0),  # all done: idle
        ([_game("scheduled", "2024-07-01T23:00:00+00:00")], 3600.0),  # 3 h away: idle cap
        ([_game("scheduled", "2024-07-01T21:00:00+00:00")], 1200.0),  # 30 min away: until 10 min before
        ([_game("scheduled", "2024-07-01T20:50:00+00:00")], 900.0),  # 10 min wait, but at least period
        ([_game("pregame", "2024-07-01T20:35:00+00:00")], 30.0),  # within 10 min: live cadence
        ([_game("scheduled", "2024-07-01T20:00:00+00:00")], 30.0),  # past its start, not live yet
        ([_game("delayed", "2024-07-01T18:00:00+00:00")], 30.0),  # rain delay keeps the live cadence (C07)
        ([_game("live", "2024-07-01T18:00:00+00:00"), _game("final", "2024-07-01T17:00:00+00:00")], 30.0),
        ([_game("postponed", "2024-07-01T20:35:00+00:00")], 3600.0),
    ],
)
def test_next_poll_seconds_c29(games, expected):
    now = at("2024-07-01T20:30:00+00:00")
    assert next_poll_seconds(games, now, period=900, period_live=30, period_idle=3600) == expected


def test_mlb_next_poll_uses_the_provider_settings_c29():
    payload = fixture(FINALS)
    game_of(payload, 746535)["status"] = {"abstractGameState": "Preview", "codedGameState": "S", "statusCode": "S"}
    now = "2024-07-02T00:00:00+00:00"  # 40 min before MIL @ COL
    context = ctx("mlb", now, period=120, period_live=15, period_idle=7200)
    data = transform("mlb", "mlb-statsapi", "schedule", payload, context)
    assert by_id(data)["746535"]["status"] == "scheduled"
    assert get_provider("mlb", "mlb-statsapi").next_poll(data, context) == 30 * 60


def test_schemas_share_game_and_side():
    mlb = json.loads((SCHEMAS / "mlb.schema.json").read_text("utf-8"))
    nfl = json.loads((SCHEMAS / "nfl.schema.json").read_text("utf-8"))
    assert mlb["$defs"] == nfl["$defs"]
    assert mlb["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_public_names_exported_once_and_sports_is_pure():
    assert len(sports.__all__) == len(set(sports.__all__))
    assert all(hasattr(sports, name) for name in sports.__all__)
    code = "import sys, ecoboard.sports; print([m for m in ('httpx', 'redis', 'psycopg') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
