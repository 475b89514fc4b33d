"""Follow-up requests (``Provider.follow_up``): asked after the first answers, only when the provider
says so, and never the reason a fetch fails.

The answers are real recordings (tests/fixtures/mlb-statsapi) served by the replay transport; which
body answers which request is arranged here: the recorded empty day (2024-10-27) answers the day's
request and the 2024-04-28 schedule answers the follow-up.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ecoboard.fetchers import Coordinator, FetchContext, Provider, ReplayTransport, RequestSpec, make_client

from .helpers import FIXTURES, LIVE_SCHEDULE

EMPTY_DAY = FIXTURES / "mlb-statsapi" / "schedule-2024-10-27-no-games-empty-dates.json"
URL = "https://statsapi.test/api/v1/schedule"
NOW = datetime(2024, 10, 27, 16, 0, tzinfo=UTC)


def _requests(ctx: FetchContext) -> list[RequestSpec]:
    return [RequestSpec("day", URL, params={"date": ctx.now.date().isoformat()})]


def _follow_up(answers: Mapping[str, Any], ctx: FetchContext) -> list[RequestSpec]:
    if answers["day"]["dates"]:
        return []
    return [RequestSpec("later", URL, params={"startDate": "2024-10-28"})]


def _transform(answers: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    later = answers.get("later")
    return {
        "date": ctx.now.date().isoformat(),
        "games": [],
        "day_games": answers["day"]["totalGames"],
        "later_games": None if later is None else later["totalGames"],
    }


PROVIDER = Provider(
    kind="mlb",
    name="test-follow-up",
    requests=_requests,
    transform=_transform,
    next_poll=lambda data, ctx: 600.0,
    default_base_url="https://statsapi.test",
    follow_up=_follow_up,
)


def replay_dir(root: Path, day: Path, later: dict[str, Any]) -> Path:
    """A replay directory answering the day's request with ``day`` and the follow-up with ``later``."""
    root.mkdir()
    shutil.copy(day, root / "day.json")
    shutil.copy(LIVE_SCHEDULE, root / "later.json")
    entries = [
        {"url": URL, "params": {"startDate": "2024-10-28"}, **later},
        {"url": URL, "file": "day.json"},
    ]
    (root / "index.yaml").write_text(json.dumps(entries), "utf-8")  # JSON is YAML
    return root


def coordinator(config, astore, replay: Path) -> tuple[Coordinator, ReplayTransport]:
    transport = ReplayTransport(replay)
    coord = Coordinator(PROVIDER, config, client=make_client(transport=transport), store=astore, clock=lambda: NOW)
    return coord, transport


async def test_follow_up_answer_joins_the_first_answers(config, astore, tmp_path) -> None:
    coord, transport = coordinator(config, astore, replay_dir(tmp_path / "r", EMPTY_DAY, {"file": "later.json"}))
    record = await coord.refresh()
    assert [str(u) for u in transport.requests] == [f"{URL}?date=2024-10-27", f"{URL}?startDate=2024-10-28"]
    assert (record.data["day_games"], record.data["later_games"]) == (0, 15)
    assert coord.follow_up_error is None


async def test_no_follow_up_when_the_provider_asks_none(config, astore, tmp_path) -> None:
    coord, transport = coordinator(config, astore, replay_dir(tmp_path / "r", LIVE_SCHEDULE, {"file": "later.json"}))
    record = await coord.refresh()
    assert [str(u) for u in transport.requests] == [f"{URL}?date=2024-10-27"]
    assert (record.data["day_games"], record.data["later_games"]) == (15, None)


@pytest.mark.parametrize(
    "later",
    [{"body": "upstream broke", "status": 500}, {"body": "<html><title>Down</title></html>", "status": 200}],
    ids=["500", "html"],
)
async def test_failed_follow_up_writes_the_record_without_it_and_logs_once(
    config, astore, tmp_path, caplog, later
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    coord, _ = coordinator(config, astore, replay_dir(tmp_path / "r", EMPTY_DAY, later))
    first = await coord.refresh()
    second = await coord.refresh()
    assert (first.version, second.version) == (1, 2)
    assert (second.data["day_games"], second.data["later_games"]) == (0, None)
    assert coord.status().state == "ok" and coord.status().consecutive_failures == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith("mlb: follow-up request failed, the record is written without it: test-follow-up: ")
    assert "startDate=2024-10-28" in warnings[0]

    answered, _ = coordinator(config, astore, replay_dir(tmp_path / "ok", EMPTY_DAY, {"file": "later.json"}))
    coord.client = answered.client
    third = await coord.refresh()
    assert third.data["later_games"] == 15
    assert "mlb: follow-up requests answered again" in [r.getMessage() for r in caplog.records]
    assert coord.follow_up_error is None
