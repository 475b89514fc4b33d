"""The ESPN MLB provider on the recorded 2022-09-17 scoreboard with two doubleheaders (tests/fixtures/espn)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import get_provider
from ecoboard.sports import doubleheader_label, final_label, select_games, status_label

from ._support import by_id, ctx, espn_event, espn_set_status, fixture, transform

DAY = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
NOW = "2022-09-17T21:00:00+00:00"


def mlb(payload, now=NOW, **settings):
    return transform("mlb", "espn", "scoreboard", payload, ctx("mlb", now, **settings))


def test_request_is_the_scoreboard_day_and_base_url_c16():
    provider = get_provider("mlb", "espn")
    (spec,) = provider.requests(ctx("mlb", "2022-09-18T03:30:00+00:00"))  # 23:30 EDT
    assert spec.url == "https://site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard"
    assert dict(spec.params) == {"dates": "20220917"}
    (moved,) = provider.requests(ctx("mlb", NOW, base_url="http://proxy.local/espn/mlb/"))
    assert moved.url == "http://proxy.local/espn/mlb/scoreboard"


def test_seventeen_games_three_final_three_live_eleven_scheduled():
    data = mlb(fixture(DAY))
    assert data["date"] == "2022-09-17"
    assert len(data["games"]) == 17
    assert Counter(g["status"] for g in data["games"]) == {"final": 3, "live": 3, "scheduled": 11}
    assert len({g["id"] for g in data["games"]}) == 17


def test_both_doubleheaders_keep_two_games_with_distinct_ids_c04():
    games = by_id(mlb(fixture(DAY)))
    cle_1, cle_2 = games["401423263"], games["401356377"]
    assert (cle_1["doubleheader"], cle_1["status"], cle_1["description"]) == (1, "final", "Doubleheader - Game 1")
    assert (cle_2["doubleheader"], cle_2["status"], cle_2["description"]) == (2, "scheduled", "Doubleheader - Game 2")
    stl_1, stl_2 = games["401463304"], games["401356372"]
    assert (stl_1["doubleheader"], stl_1["description"]) == (1, "Doubleheader - Game 1 - Makeup from July 17")
    assert (stl_2["doubleheader"], stl_2["start"]) == (2, "2022-09-17T23:15:00+00:00")
    for first, second in ((cle_1, cle_2), (stl_1, stl_2)):
        assert (first["away"]["id"], first["home"]["id"]) == (second["away"]["id"], second["home"]["id"])
        assert [doubleheader_label(first), doubleheader_label(second)] == ["G1", "G2"]
    ordered = select_games(list(games.values()), ["CLE"], datetime.fromisoformat(NOW))
    assert [g["id"] for g in ordered[:2]] == ["401356377", "401423263"]  # next game before the final


def test_final_and_live_shapes_c15():
    games = by_id(mlb(fixture(DAY)))
    final = games["401423263"]  # MIN 1 @ CLE 5
    assert (final["away"]["abbreviation"], final["away"]["score"], final["away"]["hits"], final["away"]["errors"]) == (
        "MIN",
        1,
        4,
        2,
    )
    assert (final["home"]["abbreviation"], final["home"]["score"], final["home"]["hits"], final["home"]["errors"]) == (
        "CLE",
        5,
        14,
        1,
    )
    assert (final["home"]["winner"], final["away"]["winner"], final["inning_half"], final["runners"]) == (
        True,
        False,
        None,
        None,
    )
    assert final_label(final) == "F"
    live = games["401356370"]  # BAL 3 @ TOR 6, top 9th
    assert (live["status"], live["detail"], live["inning"], live["inning_half"]) == ("live", "Top 9th", 9, "top")
    assert (live["balls"], live["strikes"], live["outs"]) == (0, 1, 2)
    assert live["runners"] == {"first": True, "second": False, "third": False}
    assert live["last_play"] == "Pitch 1 : Strike 1 Swinging"
    assert (live["away"]["record"], live["home"]["record"], live["home"]["color"]) == ("75-68", "82-63", "#0069ac")
    assert status_label(live, "America/New_York") == "Top 9"
    pre = games["401356378"]  # NYY @ MIL
    assert (pre["status"], pre["away"]["score"], pre["away"]["hits"], pre["inning"], pre["balls"]) == (
        "scheduled",
        None,
        None,
        None,
        None,
    )
    assert status_label(pre, "America/New_York") == "7:10 PM"


def test_home_and_away_by_home_away_not_position():
    payload = fixture(DAY)
    espn_event(payload, "401356370")["competitions"][0]["competitors"].reverse()
    game = by_id(mlb(payload))["401356370"]
    assert (game["away"]["abbreviation"], game["home"]["abbreviation"]) == ("BAL", "TOR")


def test_extra_innings_and_rain_delay_c07_c09():
    payload = fixture(DAY)
    espn_set_status(espn_event(payload, "401356373"), "STATUS_FINAL", period=10, short="Final/10", state="post")
    espn_set_status(espn_event(payload, "401356371"), "STATUS_RAIN_DELAY", period=1, short="Rain Delay", state="pre")
    espn_set_status(espn_event(payload, "401356376"), "STATUS_RAIN_DELAY", period=5, short="Rain Delay", state="in")
    games = by_id(mlb(payload))
    extra = games["401356373"]
    assert (extra["status"], extra["detail"], extra["inning"], final_label(extra)) == ("final", "Final/10", 10, "F/10")
    before = games["401356371"]
    assert (before["status"], before["inning"], before["home"]["score"]) == ("delayed", None, None)
    assert status_label(before, "America/New_York") == "DELAYED"
    during = games["401356376"]
    assert (during["status"], during["inning"], during["away"]["score"], during["home"]["score"]) == (
        "delayed",
        5,
        3,
        5,
    )
    assert get_provider("mlb", "espn").next_poll({"games": [before]}, ctx("mlb", NOW)) == 30.0


def test_team_override_by_espn_id_c10():
    data = mlb(fixture(DAY), options={"team_overrides": {"11": {"abbreviation": "ATH", "full_name": "Athletics"}}})
    oakland = by_id(data)["401356379"]["away"]
    assert (oakland["id"], oakland["abbreviation"], oakland["full_name"]) == (11, "ATH", "Athletics")


def test_missing_team_id_raises_payload_error_c14():
    payload = fixture(DAY)
    del espn_event(payload, "401356370")["competitions"][0]["competitors"][0]["team"]["id"]
    with pytest.raises(PayloadError, match=r"competitors\[home\]\.team\.id"):
        mlb(payload)
