"""A small provider defined for the framework tests, and recorded-fixture helpers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecoboard import PayloadError
from ecoboard.fetchers import FetchContext, Provider, RequestSpec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIVE_SCHEDULE = FIXTURES / "mlb-statsapi" / "schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
API_KEY = "sekret-KEY-0123456789"
URL = "https://statsapi.test/api/v1/schedule"


def fixture_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _requests(ctx: FetchContext) -> list[RequestSpec]:
    return [RequestSpec("schedule", URL, params={"sportId": "1", "date": "2024-04-28"},
                        secret_params={"apikey": ctx.api_key or ""})]


def _transform(answers: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    schedule = answers["schedule"]
    if not isinstance(schedule, dict) or "dates" not in schedule:
        raise PayloadError("schedule: missing 'dates'")
    dates = schedule["dates"]
    games = [g for d in dates for g in d.get("games", [])]
    return {
        "date": dates[0]["date"] if dates else ctx.now.date().isoformat(),
        "games": [],
        "game_count": len(games),
        "in_progress": schedule.get("totalGamesInProgress"),
    }


TEST_PROVIDER = Provider(
    kind="mlb",
    name="test-statsapi",
    requests=_requests,
    transform=_transform,
    next_poll=lambda data, ctx: 42.0,
    default_base_url="https://statsapi.test",
)


def wrong_types(path: Path) -> bytes:
    """The recorded schedule with its date turned into a number (fails the mlb schema at $.date)."""
    doc = json.loads(path.read_bytes())
    doc["dates"][0]["date"] = 20240428
    return json.dumps(doc).encode()
