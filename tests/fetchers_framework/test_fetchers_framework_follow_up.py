"""Follow-up requests (``Provider.follow_up``): asked one by one after the first answers, only when the
provider says so. A failed required one fails the fetch like a failed first request; a failed optional
one is left out, and the other follow-ups' answers stay.

The answers are real recordings (tests/fixtures/mlb-statsapi) served by the replay transport; which
body answers which request is arranged here: the recorded empty day (2024-10-27) answers the day's
request and the 2024-04-28 schedule answers the follow-ups.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ecoboard import ProviderError
from ecoboard.fetchers import Coordinator, FetchContext, Provider, ReplayTransport, RequestSpec, make_client

from .helpers import FIXTURES, LIVE_SCHEDULE

EMPTY_DAY = FIXTURES / "mlb-statsapi" / "schedule-2024-10-27-no-games-empty-dates.json"
URL = "https://statsapi.test/api/v1/schedule"
NOW = datetime(2024, 10, 27, 16, 0, tzinfo=UTC)
LATER = RequestSpec("later", URL, params={"startDate": "2024-10-28"}, required=False)
WEEK = RequestSpec("week", URL, params={"startDate": "2024-11-04"}, required=False)
NEEDED = RequestSpec("needed", URL, params={"startDate": "2024-11-04"})


def _requests(ctx: FetchContext) -> list[RequestSpec]:
    return [RequestSpec("day", URL, params={"date": ctx.now.date().isoformat()})]


def provider(*follow_ups: RequestSpec) -> Provider:
    """A provider asking ``follow_ups`` after an empty day; the record counts the games of every answer."""

    def follow_up(answers: Mapping[str, Any], ctx: FetchContext) -> list[RequestSpec]:
        return [] if answers["day"]["dates"] else list(follow_ups)

    def transform(answers: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
        counts = {f"{spec.name}_games": (answers.get(spec.name) or {}).get("totalGames") for spec in follow_ups}
        return {"date": ctx.now.date().isoformat(), "games": [], "day_games": answers["day"]["totalGames"], **counts}

    return Provider(
        kind="mlb",
        name="test-follow-up",
        requests=_requests,
        transform=transform,
        next_poll=lambda data, ctx: 600.0,
        default_base_url="https://statsapi.test",
        follow_up=follow_up,
    )


def replay_dir(root: Path, day: Path, answers: Mapping[str, dict[str, Any]]) -> Path:
    """A replay directory answering the day's request with ``day`` and each follow-up by its ``startDate``.

    ``answers`` maps a ``startDate`` to its index entry; ``later.json`` is the recorded 2024-04-28 schedule.
    """
    root.mkdir()
    shutil.copy(day, root / "day.json")
    shutil.copy(LIVE_SCHEDULE, root / "later.json")
    entries = [{"url": URL, "params": {"startDate": start}, **entry} for start, entry in answers.items()]
    entries.append({"url": URL, "file": "day.json"})
    (root / "index.yaml").write_text(json.dumps(entries), "utf-8")  # JSON is YAML
    return root


def coordinator(
    config, astore, replay: Path, *follow_ups: RequestSpec, rng: random.Random | None = None
) -> tuple[Coordinator, ReplayTransport]:
    transport = ReplayTransport(replay)
    coord = Coordinator(
        provider(*follow_ups), config, client=make_client(transport=transport), store=astore, clock=lambda: NOW, rng=rng
    )
    return coord, transport


ANSWERED = {"file": "later.json"}
BROKEN = {"body": "upstream broke", "status": 500}


async def test_follow_up_answer_joins_the_first_answers(config, astore, tmp_path) -> None:
    replay = replay_dir(tmp_path / "r", EMPTY_DAY, {"2024-10-28": ANSWERED})
    coord, transport = coordinator(config, astore, replay, LATER)
    record = await coord.refresh()
    assert [str(u) for u in transport.requests] == [f"{URL}?date=2024-10-27", f"{URL}?startDate=2024-10-28"]
    assert (record.data["day_games"], record.data["later_games"]) == (0, 15)
    assert coord.follow_up_error is None


async def test_no_follow_up_when_the_provider_asks_none(config, astore, tmp_path) -> None:
    replay = replay_dir(tmp_path / "r", LIVE_SCHEDULE, {"2024-10-28": ANSWERED})
    coord, transport = coordinator(config, astore, replay, LATER)
    record = await coord.refresh()
    assert [str(u) for u in transport.requests] == [f"{URL}?date=2024-10-27"]
    assert (record.data["day_games"], record.data["later_games"]) == (15, None)


@pytest.mark.parametrize(
    "later",
    [BROKEN, {"body": "<html><title>Down</title></html>", "status": 200}],
    ids=["500", "html"],
)
async def test_failed_optional_follow_up_writes_the_record_without_it_and_logs_once(
    config, astore, tmp_path, caplog, later
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    coord, _ = coordinator(config, astore, replay_dir(tmp_path / "r", EMPTY_DAY, {"2024-10-28": later}), LATER)
    first = await coord.refresh()
    second = await coord.refresh()
    assert (first.version, second.version) == (1, 2)
    assert (second.data["day_games"], second.data["later_games"]) == (0, None)
    assert coord.status().state == "ok" and coord.status().consecutive_failures == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith("mlb: follow-up request failed, the record is written without it: test-follow-up: ")
    assert "startDate=2024-10-28" in warnings[0]

    answered, _ = coordinator(config, astore, replay_dir(tmp_path / "ok", EMPTY_DAY, {"2024-10-28": ANSWERED}), LATER)
    coord.client = answered.client
    third = await coord.refresh()
    assert third.data["later_games"] == 15
    assert "mlb: follow-up requests answered again" in [r.getMessage() for r in caplog.records]
    assert coord.follow_up_error is None


async def test_a_failed_optional_follow_up_keeps_the_other_answers(config, astore, tmp_path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    replay = replay_dir(tmp_path / "r", EMPTY_DAY, {"2024-10-28": BROKEN, "2024-11-04": ANSWERED})
    coord, transport = coordinator(config, astore, replay, LATER, WEEK)
    record = await coord.refresh()
    assert [str(u) for u in transport.requests] == [
        f"{URL}?date=2024-10-27",
        f"{URL}?startDate=2024-10-28",
        f"{URL}?startDate=2024-11-04",
    ]
    assert (record.data["day_games"], record.data["later_games"], record.data["week_games"]) == (0, None, 15)
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning == (
        "mlb: follow-up request failed, the record is written without it: test-follow-up: "
        f"{URL}?startDate=2024-10-28: HTTP 500 Internal Server Error: upstream broke"
    )


async def test_a_failed_required_follow_up_fails_the_fetch_like_a_first_request(
    config, astore, tmp_path, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    good, _ = coordinator(config, astore, replay_dir(tmp_path / "ok", EMPTY_DAY, {"2024-11-04": ANSWERED}), NEEDED)
    kept = await good.refresh()
    assert kept.data["needed_games"] == 15

    replay = replay_dir(tmp_path / "r", EMPTY_DAY, {"2024-10-28": ANSWERED, "2024-11-04": BROKEN})
    coord, transport = coordinator(config, astore, replay, LATER, NEEDED, rng=random.Random(7))
    await coord.load_last_good()
    delays = [await coord.attempt(), await coord.attempt()]
    assert [str(u) for u in transport.requests][-2:] == [f"{URL}?startDate=2024-10-28", f"{URL}?startDate=2024-11-04"]
    message = f"test-follow-up: {URL}?startDate=2024-11-04: HTTP 500 Internal Server Error: upstream broke"
    assert coord.last_error == message
    status = coord.status()
    assert (status.state, status.consecutive_failures, status.version) == ("failing", 2, kept.version)
    assert await astore.latest("mlb") == kept  # nothing written
    lines = [(r.levelno, r.getMessage()) for r in caplog.records if r.levelno >= logging.WARNING]
    assert lines == [(logging.ERROR, f"mlb from test-follow-up failing (serving version {kept.version}): {message}")]

    # the same backoff as when the first request fails
    first_fails = replay_dir(tmp_path / "first", EMPTY_DAY, {"2024-10-28": ANSWERED})
    (first_fails / "index.yaml").write_text(json.dumps([{"url": URL, **BROKEN}]), "utf-8")
    other, _ = coordinator(config, astore, first_fails, LATER, NEEDED, rng=random.Random(7))
    assert [await other.attempt(), await other.attempt()] == delays
    with pytest.raises(ProviderError) as caught:
        await coord.refresh(log_failure=False)
    assert (str(caught.value), caught.value.status_code) == (message, 500)
