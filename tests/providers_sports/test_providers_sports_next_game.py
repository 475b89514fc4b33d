"""The next game after a day without MLB games (C18), from both MLB providers.

Every body here is a real recording (tests/fixtures/PROVENANCE.md); their pairing is arranged. No
recorded range answer follows the recorded empty day (2024-10-27), so the recorded empty day answers
the day's request and a recorded schedule of a later day answers the range request, with the
scoreboard day set to the day before that recording: 2024-04-27 for the 2024-04-28 schedule,
2024-06-30 for the 2024-07-01 finals, 2022-04-06 for opening day 2022. ESPN has no recorded empty
day: its 2022-09-17 scoreboard with the events removed stands for one, and the same scoreboard
answers the range (scoreboard day 2022-09-16).
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ecoboard import ConfigError
from ecoboard.cli import main
from ecoboard.config import Config, Teams
from ecoboard.fetchers import FetchContext, ReplayTransport, fetch_once, make_client
from ecoboard.fetchers.providers import get_provider
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES, fixture

EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"
LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
FINALS = "mlb-statsapi/schedule-2024-07-01-finals-3games.json"
OPENING = "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
STANDINGS = "mlb-statsapi/standings-2025-regular-season-final.json"
ESPN_DAY = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"

SCHEDULE_URL = "https://statsapi.mlb.com/api/v1/schedule"
DAY_URL = f"{SCHEDULE_URL}?sportId=1&date=2024-04-27&hydrate=linescore%2Cteam"
RANGE_URL = f"{SCHEDULE_URL}?sportId=1&startDate=2024-04-28&endDate=2024-05-07&hydrate=team"
BEFORE_LIVE = "2024-04-27T16:00:00+00:00"


def context(
    now: str, *, provider: str = "mlb-statsapi", teams: tuple[str, ...] = ("BOS",), **changes: Any
) -> FetchContext:
    """A fetch context at ``now`` (America/New_York) following ``teams``, with ``changes`` to the config."""
    config = replace(Config(), teams=Teams(mlb=teams), **changes)
    settings = replace(config.providers["mlb"], provider=provider)
    return FetchContext(now=datetime.fromisoformat(now), config=config, settings=settings)


def statsapi(day: Any, later: Any, ctx: FetchContext) -> dict[str, Any]:
    answers = {"schedule": day} if later is None else {"schedule": day, "range": later}
    return get_provider("mlb", "mlb-statsapi").transform(answers, ctx)


def espn_empty_day() -> dict[str, Any]:
    """The recorded 2022-09-17 ESPN scoreboard with its events removed (ESPN's shape of a day without games)."""
    board = fixture(ESPN_DAY)
    board["events"] = []
    return board


def test_empty_day_asks_for_the_ten_following_days():
    provider = get_provider("mlb", "mlb-statsapi")
    ctx = context(BEFORE_LIVE)
    (spec,) = provider.follow_up({"schedule": fixture(EMPTY)}, ctx)
    assert (spec.name, spec.url) == ("range", SCHEDULE_URL)
    assert dict(spec.params) == {"sportId": "1", "startDate": "2024-04-28", "endDate": "2024-05-07", "hydrate": "team"}


def test_a_day_with_games_asks_for_nothing_more():
    provider = get_provider("mlb", "mlb-statsapi")
    assert provider.follow_up({"schedule": fixture(LIVE)}, context("2024-04-28T20:10:00+00:00")) == []
    assert provider.follow_up({"schedule": fixture(STANDINGS)}, context(BEFORE_LIVE)) == []  # no dates: transform fails


def test_next_game_days_option_sets_the_range_and_is_checked():
    provider = get_provider("mlb", "mlb-statsapi")
    ctx = context(BEFORE_LIVE)
    ctx = replace(ctx, settings=replace(ctx.settings, options={"next_game_days": 3}))
    (spec,) = provider.follow_up({"schedule": fixture(EMPTY)}, ctx)
    assert (spec.params["startDate"], spec.params["endDate"]) == ("2024-04-28", "2024-04-30")
    for bad in (0, 61, "10", True):
        ctx = replace(ctx, settings=replace(ctx.settings, options={"next_game_days": bad}))
        with pytest.raises(ConfigError, match=r"providers\.mlb\.options\.next_game_days: expected a whole number"):
            provider.follow_up({"schedule": fixture(EMPTY)}, ctx)


def test_next_game_is_the_followed_teams_next_game():
    data = statsapi(fixture(EMPTY), fixture(LIVE), context(BEFORE_LIVE))
    assert (data["date"], data["games"]) == ("2024-04-27", [])
    game = data["next_game"]
    assert (game["id"], game["start"], game["status"], game["detail"]) == (
        "746967",
        "2024-04-28T23:10:00+00:00",
        "pregame",
        "Pre-Game",
    )
    away, home = game["away"], game["home"]
    assert (away["id"], away["abbreviation"], away["full_name"]) == (112, "CHC", "Chicago Cubs")
    assert (home["id"], home["abbreviation"], home["full_name"]) == (111, "BOS", "Boston Red Sox")
    assert (game["away"]["record"], game["home"]["record"], game["venue"]) == ("17-10", "15-13", "Fenway Park")
    assert (game["away"]["score"], game["home"]["score"], game["inning"]) == (None, None, None)


def test_without_followed_teams_the_leagues_first_game_not_yet_started():
    data = statsapi(fixture(EMPTY), fixture(LIVE), context(BEFORE_LIVE, teams=()))
    game = data["next_game"]
    # the 12 live and 2 final games of the recording are skipped; two warm-ups at 20:10Z, lower id first
    assert (game["id"], game["start"], game["status"]) == ("745265", "2024-04-28T20:10:00+00:00", "warmup")
    assert (game["away"]["abbreviation"], game["home"]["abbreviation"], game["venue"]) == ("AZ", "SEA", "T-Mobile Park")


def test_games_whose_start_has_passed_are_skipped():
    # rolling over at 20:00, 2024-04-28 20:30Z (16:30 in New York) is still the scoreboard day 2024-04-27
    ctx = context("2024-04-28T20:30:00+00:00", teams=(), scoreboard_rollover="20:00")
    data = statsapi(fixture(EMPTY), fixture(LIVE), ctx)
    assert data["date"] == "2024-04-27"
    assert (data["next_game"]["id"], data["next_game"]["start"]) == ("746967", "2024-04-28T23:10:00+00:00")


@pytest.mark.parametrize(
    ("later", "now"),
    [(FINALS, "2024-06-30T16:00:00+00:00"), (OPENING, "2022-04-06T16:00:00+00:00"), (EMPTY, BEFORE_LIVE)],
    ids=["all-final", "final-and-postponed", "empty-range"],
)
def test_no_next_game_when_the_range_has_none_to_come(later, now):
    data = statsapi(fixture(EMPTY), fixture(later), context(now))
    assert data["games"] == [] and data["next_game"] is None


def test_no_range_answer_leaves_next_game_null():
    assert statsapi(fixture(EMPTY), None, context(BEFORE_LIVE))["next_game"] is None


def test_a_day_with_games_never_reads_a_range_answer():
    data = statsapi(fixture(LIVE), fixture(LIVE), context("2024-04-28T20:10:00+00:00"))
    assert len(data["games"]) == 15 and data["next_game"] is None


def test_unreadable_range_answer_leaves_next_game_null_and_is_logged_once(caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    for _ in range(2):  # a standings answer has no dates
        data = statsapi(fixture(EMPTY), fixture(STANDINGS), context(BEFORE_LIVE))
        assert (data["date"], data["games"], data["next_game"]) == ("2024-04-27", [], None)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "mlb-statsapi: the answer for the next game cannot be read, next_game stays null: "
        "required field dates is missing"
    ]


def test_espn_empty_day_asks_for_the_range_scoreboard():
    provider = get_provider("mlb", "espn")
    ctx = context("2022-09-16T16:00:00+00:00", provider="espn")
    (spec,) = provider.follow_up({"scoreboard": espn_empty_day()}, ctx)
    assert (spec.name, spec.url) == ("range", "https://site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard")
    assert dict(spec.params) == {"dates": "20220917-20220926", "limit": "1000"}
    assert provider.follow_up({"scoreboard": fixture(ESPN_DAY)}, ctx) == []


@pytest.mark.parametrize(
    ("teams", "expected"),
    [
        (("NYY",), ("401356378", "2022-09-17T23:10:00+00:00", "NYY", "MIL")),
        # Boston's game that day is live: no followed game to come, so the league's first game to come
        (("BOS",), ("401356371", "2022-09-17T22:10:00+00:00", "CHW", "DET")),
    ],
)
def test_espn_next_game(teams, expected):
    ctx = context("2022-09-16T16:00:00+00:00", provider="espn", teams=teams)
    answers = {"scoreboard": espn_empty_day(), "range": fixture(ESPN_DAY)}
    data = get_provider("mlb", "espn").transform(answers, ctx)
    game = data["next_game"]
    assert (data["date"], data["games"]) == ("2022-09-16", [])
    assert (game["id"], game["start"], game["away"]["abbreviation"], game["home"]["abbreviation"]) == expected
    assert game["status"] == "scheduled" and game["away"]["score"] is None


def replay(root: Path, range_entry: dict[str, Any]) -> Path:
    """Replay answers: the recorded empty day for 2024-04-27, ``range_entry`` for the days after it."""
    root.mkdir()
    shutil.copy(FIXTURES / EMPTY, root / "empty.json")
    shutil.copy(FIXTURES / LIVE, root / "later.json")
    entries = [
        {"url": SCHEDULE_URL, "params": {"date": "2024-04-27"}, "file": "empty.json"},
        {"url": SCHEDULE_URL, "params": {"startDate": "2024-04-28", "endDate": "2024-05-07"}, **range_entry},
    ]
    (root / "index.yaml").write_text(json.dumps(entries), "utf-8")  # JSON is YAML
    return root


async def fetch(tmp_path: Path, range_entry: dict[str, Any]):
    transport = ReplayTransport(replay(tmp_path / "replay", range_entry))
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    now = datetime.fromisoformat(BEFORE_LIVE)
    try:
        async with make_client(transport=transport) as client:
            record = await fetch_once(
                "mlb", Config(), client=client, store=AsyncStore(store), bus=None, clock=lambda: now
            )
        assert store.latest("mlb") == record
    finally:
        store.close()
    return record, [str(u) for u in transport.requests]


async def test_fetch_of_an_empty_day_writes_the_next_game(tmp_path):
    record, urls = await fetch(tmp_path, {"file": "later.json"})
    assert urls == [DAY_URL, RANGE_URL]
    assert (record.version, record.data["date"], record.data["games"]) == (1, "2024-04-27", ())
    assert record.data["next_game"]["id"] == "746967"


async def test_range_request_failing_still_writes_the_day(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    record, urls = await fetch(tmp_path, {"body": "Internal Server Error", "status": 500})
    assert urls == [DAY_URL, RANGE_URL]
    assert (record.version, record.to_json()["data"]) == (1, {"date": "2024-04-27", "games": [], "next_game": None})
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith("mlb: follow-up request failed, the record is written without it: mlb-statsapi: ")
    assert "HTTP 500 Internal Server Error" in warning


def test_transform_cli_takes_the_range_answer(capsys):
    args = ["transform", "mlb", "--provider", "mlb-statsapi", "--now", BEFORE_LIVE, "--config", "/dev/null"]
    assert main([*args, str(FIXTURES / EMPTY), "--file", f"range={FIXTURES / LIVE}"]) == 0
    assert json.loads(capsys.readouterr().out)["data"]["next_game"]["id"] == "746967"
    assert main([*args, str(FIXTURES / EMPTY)]) == 0  # without it: the record of a failed range request
    assert json.loads(capsys.readouterr().out)["data"]["next_game"] is None
    assert main([*args, str(FIXTURES / LIVE), "--file", f"range={FIXTURES / LIVE}"]) == 2  # a day with games asks none
    assert capsys.readouterr().err == (
        "ecoboard transform: error: --file: 'range' is not a request of this provider for these answers "
        "(its requests: schedule)\n"
    )
