"""C14 for the containers a sports answer needs: a list of games, a game, a team or a status block
that is missing or of the wrong type is one PayloadError naming its JSON path, never "no games".

The answers are the recorded schedules and scoreboards (tests/fixtures) with one container damaged;
through a fetch with the replay transport the last good record (15 games) stays current.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ecoboard import PayloadError
from ecoboard.cli import main
from ecoboard.config import Config
from ecoboard.fetchers import ReplayTransport, fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES, fixture, transform
from ._support import ctx as context

LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
LIVE_NOW = "2024-04-28T20:10:00+00:00"
EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"
MLB_BOARD = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
NFL_BOARD = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"

Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    """An edit giving the value at ``path`` (keys and indexes) a new value."""

    def edit(doc: dict[str, Any]) -> None:
        node = doc
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return edit


def _drop(path: tuple[Any, ...]) -> Edit:
    """An edit removing the key at ``path``."""

    def edit(doc: dict[str, Any]) -> None:
        node = doc
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return edit


STATSAPI_DAMAGE = {
    "games not a list": (_set(("dates", 0, "games"), "not a list"), "dates[0].games is not an array"),
    "games a number": (_set(("dates", 0, "games"), 5), "dates[0].games is not an array"),
    "a day is a number": (_set(("dates", 0), 5), "dates[0] is not an object"),
    "a day without games": (_set(("dates", 0), {}), "required field dates[0].games is missing"),
    "games removed": (_drop(("dates", 0, "games")), "required field dates[0].games is missing"),
    "a game is a string": (_set(("dates", 0, "games", 3), "x"), "dates[0].games[3] is not an object"),
    "status a string": (_set(("dates", 0, "games", 0, "status"), "x"), "dates[0].games[0].status is not an object"),
    "teams a list": (_set(("dates", 0, "games", 1, "teams"), []), "dates[0].games[1].teams is not an object"),
    "home side a number": (
        _set(("dates", 0, "games", 2, "teams", "home"), 7),
        "dates[0].games[2].teams.home is not an object",
    ),
    "away team a string": (
        _set(("dates", 0, "games", 14, "teams", "away", "team"), "NYY"),
        "dates[0].games[14].teams.away.team is not an object",
    ),
}


@pytest.mark.parametrize("case", sorted(STATSAPI_DAMAGE))
def test_a_malformed_statsapi_container_is_a_payload_error_naming_its_path(case: str) -> None:
    edit, message = STATSAPI_DAMAGE[case]
    payload = fixture(LIVE)
    edit(payload)
    with pytest.raises(PayloadError) as caught:
        transform("mlb", "mlb-statsapi", "schedule", payload, context("mlb", LIVE_NOW))
    assert (str(caught.value), caught.value.provider) == (message, "mlb-statsapi")


def test_the_recorded_empty_day_is_still_a_normal_day_c18() -> None:
    payload = fixture(EMPTY)
    assert payload["dates"] == []
    data = transform("mlb", "mlb-statsapi", "schedule", payload, context("mlb", "2024-10-27T16:00:00+00:00"))
    assert data == {"date": "2024-10-27", "games": [], "next_game": None}


def _first_event(edit: Callable[[dict[str, Any]], None]) -> Edit:
    """An edit of the first event of a scoreboard."""
    return lambda doc: edit(doc["events"][0])


def _no_status(event: dict[str, Any]) -> None:
    del event["status"]
    del event["competitions"][0]["status"]


def _away_team(event: dict[str, Any]) -> None:
    away = next(c for c in event["competitions"][0]["competitors"] if c["homeAway"] == "away")
    away["team"] = "NYY"


ESPN_DAMAGE = {
    "an event is a number": (_set(("events", 2), 4), "events[2] is not an object"),
    "competitions holds a string": (_set(("events", 0, "competitions"), ["x"]),
                                    "events[0].competitions[0] is not an object"),
    "competitors not a list": (_set(("events", 0, "competitions", 0, "competitors"), "x"),
                               "events[0].competitions[0].competitors is not an array"),
    "a team is a string": (_first_event(_away_team),
                           "events[0].competitions[0].competitors[away].team is not an object"),
    "no status block": (_first_event(_no_status), "required field events[0].status is missing"),
}


@pytest.mark.parametrize("case", sorted(ESPN_DAMAGE))
@pytest.mark.parametrize(("kind", "board", "now"), [
    ("mlb", MLB_BOARD, "2022-09-17T21:00:00+00:00"),
    ("nfl", NFL_BOARD, "2022-09-11T20:05:00+00:00"),
])
def test_a_malformed_espn_container_is_a_payload_error_naming_its_path(case: str, kind: str, board: str,
                                                                       now: str) -> None:
    edit, message = ESPN_DAMAGE[case]
    payload = fixture(board)
    edit(payload)
    with pytest.raises(PayloadError) as caught:
        transform(kind, "espn", "scoreboard", payload, context(kind, now))
    assert (str(caught.value), caught.value.provider) == (message, "espn")


def test_the_cli_transform_refuses_a_malformed_schedule(capsys, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"dates": [{"games": "not a list"}]}), "utf-8")
    code = main(["transform", "mlb", "--provider", "mlb-statsapi", "--now", "2024-04-28T20:10:00Z", str(path),
                 "--config", "/dev/null"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == "ecoboard transform: error: mlb-statsapi: mlb: dates[0].games is not an array\n"


SCHEDULE_URL = "https://statsapi.mlb.com/api/v1/schedule?sportId=1&date=2024-04-28&hydrate=linescore%2Cteam"


@pytest.mark.parametrize("case", ["games not a list", "a day is a number", "a day without games"])
async def test_a_malformed_schedule_keeps_the_last_good_record(tmp_path: Path, case: str) -> None:
    edit, message = STATSAPI_DAMAGE[case]
    answer = tmp_path / "replay" / "statsapi.mlb.com" / "api" / "v1" / "schedule.json"
    answer.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / LIVE, answer)
    config = Config()
    assert config.providers["mlb"].provider == "mlb-statsapi"
    instant = datetime.fromisoformat(LIVE_NOW)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        async with make_client(transport=ReplayTransport(tmp_path / "replay")) as client:
            good = await fetch_once("mlb", config, client=client, store=AsyncStore(store), bus=None,
                                    clock=lambda: instant)
        assert (good.version, len(good.data["games"])) == (1, 15)

        damaged = fixture(LIVE)
        edit(damaged)
        answer.write_text(json.dumps(damaged), "utf-8")
        transport = ReplayTransport(tmp_path / "replay")
        async with make_client(transport=transport) as client:
            with pytest.raises(PayloadError) as caught:
                await fetch_once("mlb", config, client=client, store=AsyncStore(store), bus=None,
                                 clock=lambda: instant)
        assert str(caught.value) == f"mlb-statsapi: mlb: {message}"
        assert [str(url) for url in transport.requests] == [SCHEDULE_URL]  # no next-game search either
        assert store.latest("mlb") == good
        assert len(store.latest("mlb").data["games"]) == 15
    finally:
        store.close()
