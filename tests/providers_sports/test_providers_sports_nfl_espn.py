"""The ESPN NFL provider on the recorded 2022 week-1 scoreboard (tests/fixtures/espn)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import get_provider
from ecoboard.sports import final_label, followed_byes, start_label, status_label, team_on_bye

from ._support import by_id, ctx, espn_event, espn_set_status, fixture, transform

WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"
NOW = "2022-09-11T20:05:00+00:00"


def nfl(payload, now=NOW, **settings):
    return transform("nfl", "espn", "scoreboard", payload, ctx("nfl", now, **settings))


def test_request_and_base_url_c16():
    provider = get_provider("nfl", "espn")
    (spec,) = provider.requests(ctx("nfl", NOW))
    assert spec.url == "https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard"
    (moved,) = provider.requests(ctx("nfl", NOW, base_url="https://espn.example/v3/nfl"))
    assert moved.url == "https://espn.example/v3/nfl/scoreboard"


def test_week1_sixteen_games_by_status_season_and_week():
    data = nfl(fixture(WEEK1))
    assert data["season"] == {"year": 2022, "type": "regular", "label": "Regular Season"}
    assert data["week"] == {"number": 1, "label": "Week 1", "short": "WK 1", "start": "2022-09-08", "end": "2022-09-13"}
    assert len(data["games"]) == 16
    assert Counter(g["status"] for g in data["games"]) == {"live": 8, "final": 2, "scheduled": 6}
    assert data["byes"] == []
    assert data["games"][0]["id"] == "401437654"  # Thursday's BUF@LAR first: start order
    assert data["games"][-1]["id"] == "401437655"  # Monday night last
    assert all(g["week"] == 1 and g["season_type"] == "regular" for g in data["games"])


def test_ind_at_hou_tied_in_the_fourth_at_1_01():
    game = by_id(nfl(fixture(WEEK1)))["401437637"]
    assert (game["away"]["abbreviation"], game["away"]["score"]) == ("IND", 20)
    assert (game["home"]["abbreviation"], game["home"]["score"]) == ("HOU", 20)
    assert (game["status"], game["detail"], game["period"], game["period_label"], game["clock"]) == (
        "live",
        "1:01 - 4th",
        4,
        "4th",
        "1:01",
    )
    assert (game["possession"], game["down_distance"], game["yard_line"], game["red_zone"]) == (
        11,
        "1st & 10",
        "IND 23",
        False,
    )
    assert game["last_play"] == "(1:01) (Shotgun) D.Patmon pass short left to M.Pittman to IND 23 for 12 yards."
    assert (game["away"]["id"], game["home"]["id"]) == (11, 34)
    assert (game["home"]["color"], game["home"]["alt_color"]) == ("#00133f", "#a71930")
    assert (game["home"]["full_name"], game["home"]["name"], game["home"]["short_name"]) == (
        "Houston Texans",
        "Texans",
        "Houston",
    )
    assert game["venue"] == "NRG Stadium"
    assert (game["away"]["winner"], game["home"]["winner"]) == (None, None)
    assert status_label(game, "America/New_York") == "4th"


def test_shapes_by_state_pre_live_final_c15():
    games = by_id(nfl(fixture(WEEK1)))
    final = games["401437630"]  # NE 7 @ MIA 20
    assert (final["status"], final["detail"], final["clock"], final["possession"]) == ("final", "Final", None, None)
    assert (final["away"]["score"], final["home"]["score"]) == (7, 20)
    assert (final["away"]["winner"], final["home"]["winner"]) == (False, True)
    assert (final["away"]["record"], final["home"]["record"]) == ("0-1", "1-0")
    assert final_label(final) == "Final"
    pre = games["401437655"]  # DEN @ SEA, Monday night
    assert (pre["status"], pre["start"], pre["detail"]) == (
        "scheduled",
        "2022-09-13T00:15:00+00:00",
        "9/12 - 8:15 PM EDT",
    )
    assert (pre["away"]["score"], pre["home"]["score"], pre["period"], pre["clock"], pre["last_play"]) == (None,) * 5
    live = games["401437634"]  # PIT @ CIN in the red zone
    assert (live["red_zone"], live["yard_line"], live["possession"]) == (True, "PIT 12", 4)


def test_colours_are_hash_rrggbb():
    data = nfl(fixture(WEEK1))
    colours = [g[w][c] for g in data["games"] for w in ("away", "home") for c in ("color", "alt_color")]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours)


def test_home_and_away_by_home_away_not_position():
    payload = fixture(WEEK1)
    espn_event(payload, "401437637")["competitions"][0]["competitors"].reverse()
    game = by_id(nfl(payload))["401437637"]
    assert (game["away"]["abbreviation"], game["home"]["abbreviation"]) == ("IND", "HOU")


def test_overtime_tie_and_second_overtime_c09():
    payload = fixture(WEEK1)
    espn_set_status(espn_event(payload, "401437637"), "STATUS_FINAL_OVERTIME", period=5, short="Final/OT", state="post")
    espn_set_status(espn_event(payload, "401437650"), "STATUS_IN_PROGRESS", period=6, short="5:00 - 2OT", clock="5:00")
    espn_set_status(espn_event(payload, "401437648"), "STATUS_HALFTIME", period=2, short="Halftime")
    games = by_id(nfl(payload))
    tie = games["401437637"]
    assert (tie["status"], tie["detail"], tie["period_label"], tie["clock"]) == ("final", "Final/OT", "OT", None)
    assert (tie["away"]["winner"], tie["home"]["winner"]) == (False, False)
    assert final_label(tie) == "Final/OT"
    assert status_label(tie, "America/New_York") == "Final/OT"
    double = games["401437650"]
    assert (double["status"], double["period"], double["period_label"], double["clock"]) == ("live", 6, "2OT", "5:00")
    assert games["401437648"]["period_label"] == "Half"


def test_postponed_cancelled_and_unknown_statuses_c05_c08():
    payload = fixture(WEEK1)
    espn_set_status(espn_event(payload, "401437640"), "STATUS_POSTPONED", period=0, short="Postponed", state="post")
    espn_set_status(espn_event(payload, "401437649"), "STATUS_CANCELED", period=0, short="Canceled", state="post")
    espn_set_status(espn_event(payload, "401437653"), "STATUS_NEW_THING", period=0, short="New Thing", state="pre")
    espn_set_status(espn_event(payload, "401437632"), "STATUS_NEW_THING", period=4, short="New Thing", state="in")
    games = by_id(nfl(payload))
    assert (games["401437640"]["status"], games["401437640"]["home"]["score"]) == ("postponed", None)
    assert status_label(games["401437640"], "America/New_York") == "PPD"
    assert status_label(games["401437649"], "America/New_York") == "CANC"
    assert games["401437653"]["status"] == "scheduled"  # unknown, before its 20:25Z kickoff
    assert games["401437632"]["status"] == "unknown"  # unknown, after kickoff: never live


def test_postseason_weeks_by_name_c20():
    expected = {
        1: ("Wild Card", "WC", "2023-01-12", "2023-01-17"),
        2: ("Divisional Round", "DIV", "2023-01-18", "2023-01-24"),
        3: ("Conference Championship", "CONF", "2023-01-25", "2023-01-31"),
        5: ("Super Bowl", "SB", "2023-02-08", "2023-02-14"),
    }
    for number, (label, short, start, end) in expected.items():
        payload = fixture(WEEK1)
        payload["season"]["type"] = 3
        payload["week"]["number"] = number
        for raw in payload["events"]:
            raw["season"]["type"] = 3
        data = nfl(payload)
        assert data["season"]["type"] == "postseason"
        assert data["week"] == {"number": number, "label": label, "short": short, "start": start, "end": end}
        assert {g["season_type"] for g in data["games"]} == {"postseason"}


def test_postseason_names_without_a_calendar_and_preseason_c20():
    payload = fixture(WEEK1)
    payload["season"]["type"] = 3
    payload["week"]["number"] = 2
    del payload["leagues"]
    week = nfl(payload)["week"]
    assert (week["label"], week["short"], week["start"]) == ("Divisional Round", "DIV", None)
    payload = fixture(WEEK1)
    payload["season"]["type"] = 1
    payload["week"]["number"] = 2
    data = nfl(payload)
    assert data["season"]["type"] == "preseason"
    assert (data["week"]["label"], data["week"]["short"], data["week"]["start"]) == (
        "Preseason Week 1",
        "PRE 1",
        "2022-08-10",
    )
    thursday = payload["events"][0]
    thursday["season"]["type"] = 4  # an off-season event: no season type of a game in records.md
    assert by_id(nfl(payload))[thursday["id"]]["season_type"] == "unknown"


def test_bye_week_from_teams_on_bye_and_from_the_games_c19():
    payload = fixture(WEEK1)
    patriots = espn_event(payload, "401437630")["competitions"][0]["competitors"][1]["team"]
    payload["events"] = [e for e in payload["events"] if e["id"] != "401437630"]
    payload["week"]["teamsOnBye"] = [patriots]
    data = nfl(payload)
    assert [(s["id"], s["abbreviation"], s["full_name"], s["color"]) for s in data["byes"]] == [
        (17, "NE", "New England Patriots", "#02244a")
    ]
    assert "score" not in data["byes"][0]
    assert [s["abbreviation"] for s in followed_byes(data, ["ne", "HOU"])] == ["NE"]
    assert team_on_bye(data, "NE") and not team_on_bye(data, "HOU")
    del payload["week"]["teamsOnBye"]
    derived = nfl(payload)
    assert derived["byes"] == []
    assert team_on_bye(derived, "NE") and team_on_bye(derived, "MIA") and not team_on_bye(derived, 34)


def test_kickoff_in_utc_shown_in_any_zone_c03():
    game = by_id(nfl(fixture(WEEK1)))["401437637"]
    assert game["start"] == "2022-09-11T17:00:00+00:00"
    assert start_label(game, "America/New_York") == "1:00 PM"
    assert start_label(game, "America/Los_Angeles") == "10:00 AM"
    assert start_label(game, "Europe/Berlin", hour24=True) == "19:00"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2022-09-11T20:05:00+00:00", 60.0),  # eight games live
        ("2022-09-12T03:00:00+00:00", 3600.0),  # only Monday night left: idle
    ],
)
def test_next_poll_c29(now, expected):
    payload = fixture(WEEK1)
    if now.startswith("2022-09-12"):
        for raw in payload["events"]:
            if raw["id"] != "401437655":
                espn_set_status(raw, "STATUS_FINAL", period=4, short="Final", state="post")
    context = ctx("nfl", now)
    data = nfl(payload, now=now)
    assert get_provider("nfl", "espn").next_poll(data, context) == expected


def test_after_the_early_window_polls_until_ten_minutes_before_kickoff_c29():
    payload = fixture(WEEK1)
    for raw in payload["events"]:
        if raw["status"]["type"]["name"] == "STATUS_IN_PROGRESS":
            espn_set_status(raw, "STATUS_FINAL", period=4, short="Final", state="post")
    now = "2022-09-11T19:50:00+00:00"  # 35 min before the 20:25Z games
    data = nfl(payload, now=now)
    assert get_provider("nfl", "espn").next_poll(data, ctx("nfl", now)) == 25 * 60


def test_removed_fields_c14():
    payload = fixture(WEEK1)
    contest = espn_event(payload, "401437637")["competitions"][0]
    home_team = contest["competitors"][0]["team"]
    del home_team["abbreviation"], home_team["color"], home_team["alternateColor"]
    del contest["venue"], contest["situation"]["possessionText"]
    game = by_id(nfl(payload))["401437637"]
    assert (game["home"]["abbreviation"], game["home"]["color"], game["home"]["alt_color"]) == ("HOU", "#808080", None)
    assert (game["venue"], game["yard_line"], game["down_distance"]) == (None, None, "1st & 10")


@pytest.mark.parametrize("removed", ["events", "homeAway", "team id", "competitions"])
def test_removed_required_field_raises_payload_error_c14(removed):
    payload = fixture(WEEK1)
    contest = espn_event(payload, "401437637")["competitions"][0]
    if removed == "events":
        del payload["events"]
    elif removed == "homeAway":
        del contest["competitors"][1]["homeAway"]
    elif removed == "team id":
        del contest["competitors"][0]["team"]["id"]
    else:
        del espn_event(payload, "401437637")["competitions"]
    with pytest.raises(PayloadError):
        nfl(payload)
