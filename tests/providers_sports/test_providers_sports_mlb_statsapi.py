"""The MLB Stats API provider on the recorded schedules (exact values from tests/fixtures/mlb-statsapi)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime

import pytest

from ecoboard import ConfigError, PayloadError
from ecoboard.fetchers.providers import get_provider
from ecoboard.sports import final_label, select_games, status_label

from ._support import by_id, ctx, fixture, game_of, transform

OPENING = "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
FINALS = "mlb-statsapi/schedule-2024-07-01-finals-3games.json"
HYDRATED = "mlb-statsapi/schedule-2024-07-01-hydrate-team-1game.json"
LINESCORE = "mlb-statsapi/linescore-744914-2024-07-01-final-9inn.json"
EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"


def mlb(payload, now="2024-04-28T20:10:00+00:00", **settings):
    return transform("mlb", "mlb-statsapi", "schedule", payload, ctx("mlb", now, **settings))


def test_request_is_the_scoreboard_day_schedule_with_hydrations():
    provider = get_provider("mlb", "mlb-statsapi")
    (spec,) = provider.requests(ctx("mlb", "2022-04-07T23:00:00+00:00"))
    assert spec.url == "https://statsapi.mlb.com/api/v1/schedule"
    assert dict(spec.params) == {"sportId": "1", "date": "2022-04-07", "hydrate": "linescore,team"}


def test_base_url_comes_from_config_c16():
    provider = get_provider("mlb", "mlb-statsapi")
    (spec,) = provider.requests(ctx("mlb", "2022-04-07T23:00:00+00:00", base_url="http://mirror.local/mlb/v1/"))
    assert spec.url == "http://mirror.local/mlb/v1/schedule"


def test_opening_day_nine_games_seven_final_two_postponed():
    data = mlb(fixture(OPENING), now="2022-04-07T23:00:00+00:00")
    assert data["date"] == "2022-04-07"
    assert len(data["games"]) == 9
    assert Counter(g["status"] for g in data["games"]) == {"final": 7, "postponed": 2}
    games = by_id(data)
    for game_id in ("661333", "661750"):
        game = games[game_id]
        assert game["status"] == "postponed"
        assert game["reason"] == "Inclement Weather"
        assert game["reschedule_date"] == "2022-04-08"
        assert game["away"]["score"] is None and game["home"]["score"] is None
        assert game["inning"] is None
    bos_nyy = games["661333"]
    assert (bos_nyy["away"]["abbreviation"], bos_nyy["home"]["abbreviation"]) == ("BOS", "NYY")
    assert bos_nyy["start"] == "2022-04-07T17:05:00+00:00"
    assert bos_nyy["venue"] == "Yankee Stadium"
    assert bos_nyy["description"] == "Yankees home opener"
    assert bos_nyy["away"]["record"] == "0-1"
    cubs = games["663178"]
    assert (cubs["away"]["full_name"], cubs["away"]["score"], cubs["home"]["score"]) == ("Milwaukee Brewers", 4, 5)
    assert (cubs["away"]["winner"], cubs["home"]["winner"]) == (False, True)
    assert cubs["away"]["hits"] is None  # no linescore hydration in this recording
    assert [g["start"] for g in data["games"]] == sorted(g["start"] for g in data["games"])


def test_live_day_fifteen_games_by_status():
    data = mlb(fixture(LIVE))
    assert data["date"] == "2024-04-28"
    assert len(data["games"]) == 15
    assert Counter(g["status"] for g in data["games"]) == {"live": 10, "warmup": 2, "final": 2, "pregame": 1}
    games = by_id(data)
    cle_atl = games["747125"]
    assert (cle_atl["away"]["abbreviation"], cle_atl["away"]["score"]) == ("CLE", 3)
    assert (cle_atl["home"]["abbreviation"], cle_atl["home"]["score"]) == ("ATL", 3)
    nyy_mil = games["746001"]
    assert (nyy_mil["away"]["abbreviation"], nyy_mil["away"]["score"]) == ("NYY", 11)
    assert (nyy_mil["home"]["abbreviation"], nyy_mil["home"]["score"]) == ("MIL", 4)
    hou_col = games["746561"]
    assert (hou_col["away"]["abbreviation"], hou_col["home"]["abbreviation"]) == ("HOU", "COL")
    assert hou_col["description"] == "in Mexico City, MX"
    assert {gid for gid, g in games.items() if g["status"] == "warmup"} == {"745265", "745428"}
    chc_bos = games["746967"]
    assert (chc_bos["status"], chc_bos["detail"], chc_bos["start"]) == (
        "pregame",
        "Pre-Game",
        "2024-04-28T23:10:00+00:00",
    )
    assert chc_bos["home"]["score"] is None  # 0 in the payload, but nothing was played yet
    assert games["744947"]["home"]["winner"] is True and games["744947"]["away"]["winner"] is False


def test_team_code_change_is_keyed_by_id_c10():
    data = mlb(fixture(LIVE))
    athletics = by_id(data)["747045"]["away"]
    assert athletics["id"] == 133
    assert athletics["abbreviation"] == "ATH"  # the 2024 payload still says "Oakland Athletics"
    assert athletics["full_name"] == "Oakland Athletics"
    assert athletics["record"] == "11-17"
    overrides = {"133": {"abbreviation": "OAK", "color": "003831"}, "nyy": {"short_name": "Bronx"}}
    data = mlb(fixture(LIVE), options={"team_overrides": overrides})
    games = by_id(data)
    assert (games["747045"]["away"]["abbreviation"], games["747045"]["away"]["color"]) == ("OAK", "#003831")
    assert games["746001"]["away"]["short_name"] == "Bronx"


def test_finals_and_late_game_on_the_same_scoreboard_day():
    # 23:00 EDT on July 1st: MIL@COL (00:40Z on July 2nd) belongs to the July 1st board.
    data = mlb(fixture(FINALS), now="2024-07-02T03:00:00+00:00")
    assert data["date"] == "2024-07-01"
    assert [g["id"] for g in data["games"]] == ["744914", "744840", "746535"]
    late = by_id(data)["746535"]
    assert (late["away"]["score"], late["home"]["score"], late["home"]["winner"]) == (7, 8, True)
    assert late["start"] == "2024-07-02T00:40:00+00:00"


def test_hydrated_teams_agree_with_the_team_table():
    hydrated = by_id(mlb(fixture(HYDRATED), now="2024-07-01T23:00:00+00:00"))["744914"]
    plain = by_id(mlb(fixture(FINALS), now="2024-07-01T23:00:00+00:00"))["744914"]
    for which in ("away", "home"):
        for field in ("id", "abbreviation", "name", "short_name", "full_name", "color", "score", "record"):
            assert hydrated[which][field] == plain[which][field], (which, field)
    assert (hydrated["away"]["abbreviation"], hydrated["away"]["name"], hydrated["away"]["short_name"]) == (
        "HOU",
        "Astros",
        "Houston",
    )
    assert (hydrated["home"]["abbreviation"], hydrated["home"]["name"]) == ("TOR", "Blue Jays")


def _with_linescore(inning: int | None = None) -> dict:
    payload = fixture(HYDRATED)
    linescore = fixture(LINESCORE)
    if inning is not None:
        linescore["currentInning"] = inning
    game_of(payload, 744914)["linescore"] = linescore
    return payload


def test_linescore_gives_hits_errors_and_inning():
    game = mlb(_with_linescore(), now="2024-07-01T23:00:00+00:00")["games"][0]
    assert (game["away"]["score"], game["away"]["hits"], game["away"]["errors"]) == (3, 4, 0)
    assert (game["home"]["score"], game["home"]["hits"], game["home"]["errors"]) == (1, 4, 0)
    assert (game["inning"], game["scheduled_innings"], game["detail"]) == (9, 9, "Final")
    assert final_label(game) == "F"


def test_extra_innings_final_reads_f10_c09():
    game = mlb(_with_linescore(inning=10), now="2024-07-01T23:00:00+00:00")["games"][0]
    assert (game["status"], game["detail"], game["inning"]) == ("final", "Final/10", 10)
    assert final_label(game) == "F/10"
    assert status_label(game, "America/New_York") == "F/10"


def test_live_linescore_count_and_runners():
    payload = _with_linescore()
    raw = game_of(payload, 744914)
    raw["status"] = {
        "abstractGameState": "Live",
        "codedGameState": "I",
        "detailedState": "In Progress",
        "statusCode": "I",
    }
    raw["linescore"]["offense"]["first"] = {"id": 1}
    raw["linescore"]["outs"] = 2
    game = mlb(payload, now="2024-07-01T21:00:00+00:00")["games"][0]
    assert (game["status"], game["inning"], game["inning_half"]) == ("live", 9, "bottom")
    assert (game["balls"], game["strikes"], game["outs"]) == (1, 1, 2)
    assert game["runners"] == {"first": True, "second": False, "third": False}
    assert (game["away"]["winner"], game["home"]["winner"]) == (None, None)
    assert status_label(game, "America/New_York") == "Bot 9"


def test_empty_day_is_a_normal_state_c18():
    data = mlb(fixture(EMPTY), now="2024-10-27T16:00:00+00:00")
    assert data == {"date": "2024-10-27", "games": [], "next_game": None}
    provider = get_provider("mlb", "mlb-statsapi")
    context = ctx("mlb", "2024-10-27T16:00:00+00:00")
    assert provider.next_poll(data, context) == context.settings.period_idle


def test_cancelled_and_postponed_show_words_c05():
    payload = fixture(OPENING)
    game_of(payload, 661750)["status"] = {
        "abstractGameState": "Final",
        "codedGameState": "C",
        "detailedState": "Cancelled",
        "statusCode": "CR",
        "reason": "Rain",
    }
    games = by_id(mlb(payload, now="2022-04-07T23:00:00+00:00"))
    assert status_label(games["661333"], "America/New_York") == "PPD"
    cancelled = games["661750"]
    assert (cancelled["status"], cancelled["reason"], cancelled["reschedule_date"]) == ("cancelled", "Rain", None)
    assert status_label(cancelled, "America/New_York") == "CANC"


def test_postponed_game_has_one_status_and_no_stale_play_c06():
    # A stale linescore left from before the postponement must not leak an inning or a score.
    payload = fixture(OPENING)
    game_of(payload, 661333)["linescore"] = {"currentInning": 1, "inningState": "Top", "teams": {"away": {"runs": 0}}}
    game = by_id(mlb(payload, now="2022-04-07T23:00:00+00:00"))["661333"]
    assert game["status"] == "postponed"
    assert (game["inning"], game["inning_half"], game["away"]["score"], game["outs"]) == (None, None, None, None)


def test_rain_delay_before_first_pitch_and_mid_game_c07():
    payload = fixture(LIVE)
    game_of(payload, 746967)["status"] = {
        "abstractGameState": "Preview",
        "codedGameState": "P",
        "detailedState": "Delayed Start: Rain",
        "statusCode": "PR",
    }
    mid = game_of(payload, 746001)
    mid["status"] = {
        "abstractGameState": "Live",
        "codedGameState": "I",
        "detailedState": "Delayed: Rain",
        "statusCode": "IR",
    }
    mid["linescore"] = {"currentInning": 6, "inningState": "Top", "teams": {"away": {"runs": 11, "hits": 13}}}
    now = "2024-04-28T23:15:00+00:00"
    data = mlb(payload, now=now)
    games = by_id(data)
    before = games["746967"]
    assert (before["status"], before["reason"], before["inning"], before["home"]["score"]) == (
        "delayed",
        "Rain",
        None,
        None,
    )
    assert status_label(before, "America/New_York") == "DELAYED"
    during = games["746001"]
    assert (during["status"], during["reason"], during["inning"], during["away"]["score"]) == ("delayed", "Rain", 6, 11)
    context = ctx("mlb", now)
    assert get_provider("mlb", "mlb-statsapi").next_poll(data, context) == context.settings.period_live


def test_unknown_status_never_live_and_logged_once_c08(caplog):
    payload = fixture(LIVE)
    status = {
        "abstractGameState": "Live",
        "codedGameState": "Z",
        "detailedState": "Umpire Snack Break",
        "statusCode": "ZZ",
    }
    game_of(payload, 746967)["status"] = dict(status)  # starts 23:10Z
    game_of(payload, 746001)["status"] = dict(status)  # started 18:10Z
    with caplog.at_level(logging.WARNING):
        games = by_id(mlb(payload, now="2024-04-28T20:10:00+00:00"))
        mlb(payload, now="2024-04-28T20:11:00+00:00")
    assert games["746967"]["status"] == "scheduled"
    assert games["746001"]["status"] == "unknown"
    assert games["746001"]["detail"] == "Umpire Snack Break"
    assert [r.getMessage() for r in caplog.records if "Umpire Snack Break" in r.getMessage()] == [
        "mlb-statsapi: unknown game status 'Z/ZZ/Umpire Snack Break': shown by start time, never as live"
    ]


def test_unknown_opponent_gets_name_abbreviation_and_neutral_colour_c11():
    payload = fixture(FINALS)
    game_of(payload, 744840)["teams"]["away"]["team"] = {"id": 4567, "name": "Florida Southern Moccasins"}
    hydrated = fixture(HYDRATED)
    game_of(hydrated, 744914)["teams"]["home"]["team"] = {"id": 4568, "name": "Team Canada", "abbreviation": "CANADA"}
    away = by_id(mlb(payload, now="2024-07-01T23:00:00+00:00"))["744840"]["away"]
    assert (away["id"], away["abbreviation"], away["color"]) == (4567, "FLO", "#808080")
    assert away["full_name"] == "Florida Southern Moccasins"
    home = mlb(hydrated, now="2024-07-01T23:00:00+00:00")["games"][0]["home"]
    assert (home["abbreviation"], home["color"], home["alt_color"]) == ("CANADA", "#808080", None)


def test_long_names_and_accents_are_kept_as_data_c12_c13():
    payload = fixture(HYDRATED)
    team = game_of(payload, 744914)["teams"]["away"]["team"]
    team.update(
        id=159, name="American League All-Stars", abbreviation="AL", teamName="All-Stars", shortName="AL All-Stars"
    )
    game_of(payload, 744914)["teams"]["home"]["team"].update(name="Águilas Cibaeñas", teamName="Águilas")
    game = mlb(payload, now="2024-07-01T23:00:00+00:00")["games"][0]
    assert (game["away"]["full_name"], game["away"]["short_name"], game["away"]["abbreviation"]) == (
        "American League All-Stars",
        "AL All-Stars",
        "AL",
    )
    assert (game["home"]["full_name"], game["home"]["name"]) == ("Águilas Cibaeñas", "Águilas")


def test_removed_optional_fields_become_null_c14():
    payload = fixture(OPENING)
    raw = game_of(payload, 663178)
    for key in ("venue", "description", "scheduledInnings", "gameType", "doubleHeader"):
        del raw[key]
    del raw["teams"]["home"]["leagueRecord"]
    del raw["status"]["detailedState"]
    game = by_id(mlb(payload, now="2022-04-07T23:00:00+00:00"))["663178"]
    assert (game["venue"], game["description"], game["scheduled_innings"], game["doubleheader"]) == (
        None,
        None,
        None,
        None,
    )
    assert (game["season_type"], game["home"]["record"], game["status"]) == ("unknown", None, "final")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("dates",), "dates"),
        (("game", "gamePk"), "gamePk"),
        (("game", "teams", "home", "team", "id"), "teams.home.team.id"),
        (("game", "status"), "status"),
    ],
)
def test_removed_required_field_raises_payload_error_c14(path, message):
    payload = fixture(OPENING)
    target = payload if path[0] == "dates" else game_of(payload, 663178)
    for key in path[1:-1] if path[0] == "game" else ():
        target = target[key]
    del target[path[-1]]
    with pytest.raises(PayloadError, match=message):
        mlb(payload, now="2022-04-07T23:00:00+00:00")


def test_doubleheader_numbers_and_selection_c04():
    payload = fixture(FINALS)
    first, second = game_of(payload, 744914), game_of(payload, 744840)
    for number, raw in ((1, first), (2, second)):
        raw.update(doubleHeader="Y", gameNumber=number)
        raw["teams"]["away"]["team"]["id"] = 117
        raw["teams"]["home"]["team"]["id"] = 141
    second["status"] = {
        "abstractGameState": "Preview",
        "codedGameState": "S",
        "detailedState": "Scheduled",
        "statusCode": "S",
    }
    data = mlb(payload, now="2024-07-01T21:00:00+00:00")
    games = by_id(data)
    assert (games["744914"]["doubleheader"], games["744840"]["doubleheader"]) == (1, 2)
    ordered = select_games(data["games"], ["TOR"], datetime.fromisoformat("2024-07-01T21:00:00+00:00"))
    assert [g["id"] for g in ordered[:2]] == ["744840", "744914"]  # next scheduled before the final


def test_postseason_game_described_by_its_series():
    payload = fixture(FINALS)
    raw = game_of(payload, 744914)
    raw.update(gameType="W", seriesDescription="World Series")
    game = by_id(mlb(payload, now="2024-07-01T23:00:00+00:00"))["744914"]
    assert (game["season_type"], game["description"]) == ("postseason", "World Series")
    assert by_id(mlb(fixture(FINALS), now="2024-07-01T23:00:00+00:00"))["744914"]["description"] is None


@pytest.mark.parametrize("overrides", [["BOS"], {"BOS": "red"}, {"BOS": {"logo": "x.png"}}])
def test_malformed_team_overrides_name_the_key_path(overrides):
    with pytest.raises(ConfigError, match=r"providers\.mlb\.options\.team_overrides"):
        mlb(fixture(FINALS), now="2024-07-01T23:00:00+00:00", options={"team_overrides": overrides})
