"""C14 across the whole payload: any field of one game removed or given a wrong type yields either valid
data or one PayloadError, never another exception (and never data that fails the kind's schema)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers import validate_data
from ecoboard.fetchers.providers import get_provider

from ._support import ctx, fixture

REMOVED = object()
REPLACEMENTS = (REMOVED, "x", -7, {})


def _paths(node: Any, prefix: tuple = ()) -> Iterator[tuple]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):  # the first two items show every shape
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


@contextmanager
def _mutated(payload: Any, path: tuple, value: Any) -> Iterator[Any]:
    """``payload`` with the value at ``path`` removed or replaced, restored afterwards (no copies: fast)."""
    parent = _get(payload, path[:-1])
    key = path[-1]
    old = parent[key]
    if value is REMOVED:
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
    else:
        parent[key] = value
    try:
        yield payload
    finally:
        if value is REMOVED and isinstance(parent, list):
            parent.insert(key, old)
        else:
            parent[key] = old


def _keep(node: dict, keys: set[str]) -> dict:
    """Only the keys a transform reads: mutating the others proves nothing and costs time."""
    return {key: value for key, value in node.items() if key in keys}


def _one_game_statsapi() -> tuple[Any, tuple]:
    payload = fixture("mlb-statsapi/schedule-2024-07-01-hydrate-team-1game.json")
    linescore = fixture("mlb-statsapi/linescore-744914-2024-07-01-final-9inn.json")
    linescore = _keep(
        linescore, {"currentInning", "inningState", "scheduledInnings", "teams", "balls", "strikes", "outs"}
    )
    linescore["offense"] = {"first": {"id": 1}}
    game = payload["dates"][0]["games"][0]
    game["linescore"] = linescore
    for side in game["teams"].values():
        side["team"] = _keep(side["team"], {"id", "name", "abbreviation", "teamName", "shortName"})
    return payload, ("dates", 0, "games", 0)


_TEAM = {"id", "abbreviation", "name", "location", "displayName", "shortDisplayName", "color", "alternateColor"}
_COMPETITOR = {"homeAway", "team", "score", "hits", "errors", "winner", "records", "linescores"}
_SITUATION = {"balls", "strikes", "outs", "onFirst", "onSecond", "onThird", "possession", "shortDownDistanceText"}
_SITUATION |= {"possessionText", "isRedZone"}


def _one_event(recording: str, event_id: str) -> tuple[Any, tuple]:
    payload = fixture(recording)
    event = _keep(next(e for e in payload["events"] if e["id"] == event_id), {"id", "date", "season", "competitions"})
    contest = _keep(
        event["competitions"][0], {"id", "date", "competitors", "notes", "status", "venue", "situation", "format"}
    )
    contest["competitors"] = [_keep(c, _COMPETITOR) for c in contest["competitors"]]
    for competitor in contest["competitors"]:
        competitor["team"] = _keep(competitor["team"], _TEAM)
    if "situation" in contest:
        situation = _keep(contest["situation"], _SITUATION)
        situation["lastPlay"] = {"text": contest["situation"]["lastPlay"]["text"]}
        contest["situation"] = situation
    event["competitions"] = [contest]
    payload["events"] = [event]
    return payload, ("events", 0)


CASES = {
    "mlb-statsapi": ("mlb", "mlb-statsapi", "schedule", "2024-07-01T23:00:00+00:00", _one_game_statsapi),
    "mlb-espn": (
        "mlb",
        "espn",
        "scoreboard",
        "2022-09-17T21:00:00+00:00",
        lambda: _one_event("espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json", "401356370"),
    ),
    "nfl-espn": (
        "nfl",
        "espn",
        "scoreboard",
        "2022-09-11T20:05:00+00:00",
        lambda: _one_event("espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json", "401437637"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_field_removed_or_mistyped_is_null_or_one_payload_error_c14(case):
    kind, provider, name, now, build = CASES[case]
    payload, game_root = build()
    context = ctx(kind, now)
    paths = [game_root + p for p in _paths(_get(payload, game_root))] + [("leagues",), ("week",), ("season",)]
    outcomes = {"ok": 0, "payload_error": 0}
    seen: set[str] = set()
    for path in paths:
        if not _exists(payload, path):
            continue
        for value in REPLACEMENTS:
            try:
                with _mutated(payload, path, value) as changed:
                    data = get_provider(kind, provider).transform({name: changed}, context)
            except PayloadError:
                outcomes["payload_error"] += 1
                continue
            outcomes["ok"] += 1
            text = json.dumps(data, sort_keys=True)
            if text not in seen:  # validating each distinct answer once keeps this test fast
                seen.add(text)
                validate_data(kind, data)
    assert outcomes["ok"] > 100 and outcomes["payload_error"] > 5, outcomes


def _get(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


def _exists(node: Any, path: tuple) -> bool:
    try:
        _get(node, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True
