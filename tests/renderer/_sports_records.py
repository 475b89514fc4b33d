"""Records for the sports page tests, built by the real providers' transforms from recorded responses.

Each scene is one screen the MLB or NFL page can show: the record, the instant and the page options.
Where no recording shows a state (extra innings, a rain delay, a bye, a postseason week), a recorded
payload is changed in the provider's own format (one field, named in the scene) and transformed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from ecoboard import Record
from ecoboard.config import Config
from ecoboard.fetchers import FetchContext
from ecoboard.fetchers.providers import get_provider

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

MLB_ESPN = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
MLB_OPENING_DAY = "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
MLB_LIVE_2024 = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
MLB_HYDRATED = "mlb-statsapi/schedule-2024-07-01-hydrate-team-1game.json"
MLB_LINESCORE = "mlb-statsapi/linescore-744914-2024-07-01-final-9inn.json"
MLB_EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"
NFL_WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"


@cache
def _load(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text("utf-8"))


def fixture(relative: str) -> Any:
    """A fresh, modifiable copy of a recorded response under tests/fixtures/."""
    return copy.deepcopy(_load(relative))


def config(**changes: Any) -> Config:
    """The default config (America/New_York) with ``changes``."""
    return replace(Config(), **changes)


def data_of(kind: str, provider: str, payload: Any, now: datetime, cfg: Config | None = None) -> dict[str, Any]:
    """The provider's transform of one recorded (or changed) payload at ``now``."""
    cfg = cfg or config()
    chosen = get_provider(kind, provider)
    name = chosen.requests(FetchContext(now=now, config=cfg, settings=cfg.providers[kind]))[0].name
    return chosen.transform({name: payload}, FetchContext(now=now, config=cfg, settings=cfg.providers[kind]))


def record(kind: str, source: str, data: dict[str, Any], fetched_at: datetime) -> Record:
    """A record of ``data`` fetched at ``fetched_at``, valid for 15 minutes."""
    return Record(kind, 1, fetched_at, fetched_at + timedelta(minutes=15), source, data)


def statsapi_game(payload: dict[str, Any], game_pk: int) -> dict[str, Any]:
    """The raw game ``game_pk`` inside a statsapi schedule (to change it in place)."""
    return next(g for day in payload["dates"] for g in day["games"] if g["gamePk"] == game_pk)


def espn_event(payload: dict[str, Any], short_name: str) -> dict[str, Any]:
    """The raw ESPN event named ``short_name`` (``"IND @ HOU"``)."""
    return next(e for e in payload["events"] if e["shortName"] == short_name)


@dataclass(frozen=True)
class Scene:
    """One screen: the page, its record, the instant, the page options and the seconds into the page."""

    page: str
    record: Record
    now: datetime
    options: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    cfg: Config = field(default_factory=config)


T_ESPN_MLB = datetime(2022, 9, 17, 20, 58, tzinfo=UTC)
T_OPENING = datetime(2022, 4, 7, 20, 0, tzinfo=UTC)
T_NFL = datetime(2022, 9, 11, 19, 55, tzinfo=UTC)


def _espn_mlb(now: datetime = T_ESPN_MLB) -> Record:
    return record("mlb", "espn", data_of("mlb", "espn", fixture(MLB_ESPN), now), now)


def _extras() -> Record:
    """HOU @ TOR 744914 as hydrated with its recorded linescore, but over after 10 innings."""
    payload = fixture(MLB_HYDRATED)
    game = statsapi_game(payload, 744914)
    linescore = fixture(MLB_LINESCORE)
    linescore["currentInning"] = 10
    linescore["currentInningOrdinal"] = "10th"
    game["linescore"] = linescore
    now = datetime(2024, 7, 2, 2, 0, tzinfo=UTC)
    return record("mlb", "mlb-statsapi", data_of("mlb", "mlb-statsapi", payload, now), now)


def _delayed() -> Record:
    """CLE @ ATL 747125 (live in the recording) in a rain delay in the top of the 5th."""
    payload = fixture(MLB_LIVE_2024)
    game = statsapi_game(payload, 747125)
    game["status"].update({"detailedState": "Delayed: Rain", "statusCode": "IR", "abstractGameState": "Live"})
    game["linescore"] = {"currentInning": 5, "inningHalf": "Top", "inningState": "Top", "scheduledInnings": 9}
    now = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
    return record("mlb", "mlb-statsapi", data_of("mlb", "mlb-statsapi", payload, now), now)


def _suspended() -> Record:
    """CLE @ ATL 747125 (live in the recording) suspended by rain in the bottom of the 7th, to resume next day."""
    payload = fixture(MLB_LIVE_2024)
    game = statsapi_game(payload, 747125)
    game["status"].update(
        {"detailedState": "Suspended: Rain", "codedGameState": "U", "statusCode": "UR", "abstractGameState": "Live"}
    )
    game["linescore"] = {
        "currentInning": 7, "inningHalf": "Bottom", "inningState": "Bottom", "outs": 1, "scheduledInnings": 9
    }
    game["rescheduleDate"] = "2024-04-29T16:10:00Z"
    now = datetime(2024, 4, 28, 22, 40, tzinfo=UTC)
    return record("mlb", "mlb-statsapi", data_of("mlb", "mlb-statsapi", payload, now), now)


def _no_games() -> Record:
    """The recorded empty day, with the next game (CHC @ BOS of the 2024-04-28 recording, moved to opening day 2025)."""
    now = datetime(2024, 10, 27, 16, 0, tzinfo=UTC)
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_EMPTY), now)
    later = fixture(MLB_LIVE_2024)
    statsapi_game(later, 746967)["gameDate"] = "2025-03-27T20:10:00Z"
    upcoming = data_of("mlb", "mlb-statsapi", later, now)
    data["next_game"] = next(g for g in upcoming["games"] if g["id"] == "746967")
    return record("mlb", "mlb-statsapi", data, now)


def _nfl(payload: Any | None = None, now: datetime = T_NFL) -> Record:
    return record("nfl", "espn", data_of("nfl", "espn", payload or fixture(NFL_WEEK1), now), now)


def _nfl_ot_tie() -> Record:
    """IND @ HOU as it ended: 20-20 after overtime (the recording is from 1:01 left in the 4th)."""
    payload = fixture(NFL_WEEK1)
    event = espn_event(payload, "IND @ HOU")
    status = event["competitions"][0]["status"]
    status["period"] = 5
    status["displayClock"] = "0:00"
    status["type"].update(
        {"name": "STATUS_FINAL", "state": "post", "completed": True, "detail": "Final/OT", "shortDetail": "Final/OT"}
    )
    event["status"] = status
    return _nfl(payload, T_NFL + timedelta(hours=2))


def _nfl_bye() -> Record:
    """Week 1 as recorded, with New England on bye instead of playing at Miami."""
    payload = fixture(NFL_WEEK1)
    event = espn_event(payload, "NE @ MIA")
    team = next(c["team"] for c in event["competitions"][0]["competitors"] if c["team"]["abbreviation"] == "NE")
    payload["events"].remove(event)
    payload["week"]["teamsOnBye"] = [team]
    return _nfl(payload)


def _nfl_postseason() -> Record:
    """The recorded scoreboard relabelled as postseason week 1 (ESPN's calendar names it Wild Card)."""
    payload = fixture(NFL_WEEK1)
    payload["season"]["type"] = 3
    for event in payload["events"]:
        event["season"]["type"] = 3
    return _nfl(payload)


def _nfl_round(week: int) -> Record:
    """The recorded scoreboard relabelled as postseason week ``week`` (ESPN's calendar names the round)."""
    payload = fixture(NFL_WEEK1)
    payload["season"]["type"] = 3
    payload["week"]["number"] = week
    for event in payload["events"]:
        event["season"]["type"] = 3
    return _nfl(payload)


@cache
def scenes() -> dict[str, Scene]:
    """Every golden scene by name (the PNG is ``golden/<name>.png``); built once (records are immutable)."""
    espn = _espn_mlb()
    opening = record(
        "mlb", "mlb-statsapi", data_of("mlb", "mlb-statsapi", fixture(MLB_OPENING_DAY), T_OPENING), T_OPENING
    )
    nfl = _nfl()
    return {
        "mlb_live": Scene("mlb", espn, T_ESPN_MLB, {"teams": ["TOR"]}),
        "mlb_live_stale": Scene("mlb", espn, T_ESPN_MLB + timedelta(minutes=3), {"teams": ["WSH"]}),
        "mlb_scheduled": Scene("mlb", espn, T_ESPN_MLB, {"teams": ["NYY"]}),
        "mlb_doubleheader_g2": Scene("mlb", espn, T_ESPN_MLB, {"teams": ["MIN"]}),
        "mlb_final": Scene("mlb", espn, T_ESPN_MLB, {"teams": ["MIN"]}, elapsed=5.0),
        "mlb_final_extras": Scene("mlb", _extras(), datetime(2024, 7, 2, 2, 0, tzinfo=UTC), {"teams": ["TOR"]}),
        "mlb_postponed": Scene("mlb", opening, T_OPENING),
        "mlb_delayed": Scene("mlb", _delayed(), datetime(2024, 4, 28, 20, 10, tzinfo=UTC), {"teams": ["ATL"]}),
        "mlb_no_games": Scene("mlb", _no_games(), datetime(2024, 10, 27, 16, 0, tzinfo=UTC)),
        "mlb_suspended": Scene("mlb", _suspended(), datetime(2024, 4, 28, 22, 40, tzinfo=UTC), {"teams": ["ATL"]}),
        "nfl_live": Scene("nfl", nfl, T_NFL, {"teams": ["HOU"]}),
        "nfl_scheduled": Scene("nfl", nfl, T_NFL, {"teams": ["NYG"]}),
        "nfl_final_ot_tie": Scene("nfl", _nfl_ot_tie(), T_NFL + timedelta(hours=2), {"teams": ["HOU"]}),
        "nfl_bye": Scene("nfl", _nfl_bye(), T_NFL),
        "nfl_postseason": Scene("nfl", _nfl_postseason(), T_NFL, {"teams": ["HOU"]}),
        "nfl_final": Scene("nfl", nfl, T_NFL, {"teams": ["MIA"]}),
        "nfl_divisional_final": Scene("nfl", _nfl_round(2), T_NFL, {"teams": ["LAR"]}),
        "nfl_conference_scheduled": Scene("nfl", _nfl_round(3), T_NFL, {"teams": ["NYG"]}),
        "nfl_super_bowl_scheduled": Scene("nfl", _nfl_round(5), T_NFL, {"teams": ["DEN"]}),
    }
