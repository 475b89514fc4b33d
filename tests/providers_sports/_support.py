"""Shared helpers of the sports provider tests: fixtures, contexts, schema validation."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from ecoboard.config import Config
from ecoboard.fetchers import FetchContext
from ecoboard.fetchers.providers import get_provider

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMAS = Path(__file__).resolve().parents[2] / "ecoboard" / "fetchers" / "schemas"


@cache
def _load(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text("utf-8"))


def fixture(relative: str) -> Any:
    """A fresh, modifiable copy of a recorded response under tests/fixtures/."""
    return copy.deepcopy(_load(relative))


def ctx(kind: str, now: str, *, timezone: str = "America/New_York", **settings: Any) -> FetchContext:
    """A fetch context at instant ``now`` with the default config, ``timezone`` and changed settings."""
    config = replace(Config(), timezone=timezone)
    return FetchContext(
        now=datetime.fromisoformat(now), config=config, settings=replace(config.providers[kind], **settings)
    )


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8")))


def transform(kind: str, provider: str, name: str, payload: Any, context: FetchContext) -> dict[str, Any]:
    """Run one provider's transform and check the result against the kind's schema."""
    data = get_provider(kind, provider).transform({name: payload}, context)
    _validator(kind).validate(data)
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The games of ``data`` by game id."""
    return {game["id"]: game for game in data["games"]}


def game_of(payload: dict[str, Any], game_pk: int) -> dict[str, Any]:
    """The raw statsapi game ``game_pk`` inside a schedule payload (to modify it in a test)."""
    return next(g for day in payload["dates"] for g in day["games"] if g["gamePk"] == game_pk)


def espn_event(payload: dict[str, Any], event_id: str) -> dict[str, Any]:
    """The raw ESPN event ``event_id`` inside a scoreboard payload (to modify it in a test)."""
    return next(e for e in payload["events"] if e["id"] == event_id)


def espn_set_status(
    raw_event: dict[str, Any], name: str, *, period: int, short: str, state: str = "in", clock: str = "0:00"
) -> None:
    """Give an ESPN event (and its competition) a new status block."""
    status = {"clock": 0, "displayClock": clock, "period": period}
    status["type"] = {"name": name, "state": state, "description": name, "detail": short, "shortDetail": short}
    raw_event["status"] = status
    raw_event["competitions"][0]["status"] = status
