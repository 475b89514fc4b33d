"""``POST /api/v1/reminder/done`` on the real server: token rules, the record it writes and announces,
its 422s, a store or bus that fails, and the ``reminder`` kind in the record routes and the SSE stream."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trio

from ecoboard import KINDS
from tests.store.backends import temp_store_url

from ._support import redis_url, running_api, sse, store_url_sqlite
from .test_api_display import TOKEN

DONE = "/api/v1/reminder/done"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXPECTED = 'reminder: expected no body or a JSON body {"done": true|false}, got '
BACKENDS = ["memory+sqlite", "redis+postgresql"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_marking_done_needs_a_configured_token_and_the_right_bearer(tmp_path: Path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.post(DONE, headers=AUTH)
        assert response.status_code == 503
        assert response.json() == {"error": "control is disabled: no control token is configured"}
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            response = await api.client.post(DONE, headers=headers, json={"done": True})
            assert response.status_code == 401
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json() == {"error": "a valid 'Authorization: Bearer <token>' header is required"}
        assert await api.store.latest("reminder") is None  # nothing was written
        asked = await api.client.get(DONE)
        assert asked.status_code == 405
        assert asked.json() == {"error": "GET is not allowed on /api/v1/reminder/done", "allowed": ["OPTIONS", "POST"]}


@pytest.mark.parametrize("backend", BACKENDS)
async def test_done_writes_the_reminder_record_and_announces_it_on_the_update_channel(backend, tmp_path: Path):
    with temp_store_url(backend.split("+")[1], tmp_path) as store_url:
        bus_url = "memory://" if backend.startswith("memory") else redis_url()
        async with (
            running_api(store_url, bus_url, token=TOKEN) as api,
            api.bus.subscribe(("update",)) as messages,
        ):
            assert (await messages.__anext__()).channel == "connected"
            missing = await api.client.get("/api/v1/records/reminder")
            assert missing.status_code == 404
            assert missing.json() == {"error": "no record yet", "kind": "reminder"}

            before = datetime.now(UTC)
            response = await api.client.post(DONE, headers=AUTH)  # no body: done
            after = datetime.now(UTC)
            assert response.status_code == 200
            body = response.json()
            fetched_at = _instant(body["fetched_at"])
            assert before <= fetched_at <= after
            assert body == {
                "kind": "reminder",
                "version": 1,
                "fetched_at": fetched_at.isoformat(),
                "valid_until": (fetched_at + timedelta(days=7)).isoformat(),
                "source": "api",
                "data": {"done_at": fetched_at.isoformat()},
                "stale": False,
            }
            assert body["fetched_at"].endswith("+00:00")
            assert (await api.client.get("/api/v1/records/reminder")).json() == body
            with trio.fail_after(5):
                update = await messages.__anext__()
            assert (update.channel, update.payload) == ("update", {"kind": "reminder", "version": 1})

            undone = await api.client.post(DONE, headers=AUTH, json={"done": False})
            assert undone.status_code == 200
            assert undone.json()["version"] == 2
            assert undone.json()["data"] == {"done_at": None}
            assert (await api.client.get("/api/v1/records/reminder")).json() == undone.json()
            with trio.fail_after(5):
                update = await messages.__anext__()
            assert (update.channel, update.payload) == ("update", {"kind": "reminder", "version": 2})

            again = await api.client.post(DONE, headers=AUTH, json={"done": True})
            assert (again.status_code, again.json()["version"]) == (200, 3)
            assert again.json()["data"] == {"done_at": again.json()["fetched_at"]}
            history = (await api.client.get("/api/v1/records/reminder/history")).json()
            assert [(r["version"], r["data"]["done_at"] is None) for r in history["records"]] == [
                (3, False),
                (2, True),
                (1, False),
            ]


async def test_a_body_other_than_none_or_done_true_false_is_a_422_saying_what_it_got(tmp_path: Path):
    refused: list[tuple[dict[str, Any], str]] = [
        ({"json": {"done": "yes"}}, '"yes"'),
        ({"json": {"done": 1}}, "1"),
        ({"json": {"done": None}}, "null"),
        ({"json": {"done": "x" * 100}}, '"' + "x" * 36 + "..."),
        ({"json": {}}, "the body {}"),
        ({"json": {"done": True, "at": "now"}}, 'the body {"done": true, "at": "now"}'),
        ({"json": [True]}, "the body [true]"),
        ({"json": True}, "the body true"),
        ({"content": b"null"}, "the body null"),
        ({"content": b"done"}, "a body that is not JSON"),
        ({"content": b" "}, "a body that is not JSON"),
        ({"content": b'{"done": NaN}'}, "a body that is not JSON"),
        ({"content": b"\xff\xfe"}, "a body that is not JSON"),
        ({"content": b'{"done": true, "done": false}'}, 'a body naming the key "done" twice'),
        ({"content": b"[" * 100_000 + b"]" * 100_000}, "a body that is not JSON"),
    ]
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        for kwargs, got in refused:
            response = await api.client.post(DONE, headers=AUTH, **kwargs)
            assert response.status_code == 422, kwargs
            assert response.json() == {"error": EXPECTED + got}
        assert await api.store.latest("reminder") is None


async def test_a_store_that_fails_records_nothing_and_answers_503(tmp_path: Path, caplog):
    caplog.set_level(logging.INFO, logger="ecoboard")
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        await api.store.aclose()  # from now on every store call fails
        response = await api.client.post(DONE, headers=AUTH)
        assert response.status_code == 503
        assert response.json() == {"error": "the store is unavailable; nothing was recorded"}
    assert "POST /api/v1/reminder/done: the record store failed" in caplog.text


async def test_a_bus_that_fails_after_the_write_still_answers_200_and_logs_the_outage(tmp_path: Path, caplog):
    caplog.set_level(logging.INFO, logger="ecoboard")
    bus = f"redis://127.0.0.1:{_closed_port()}/0"
    async with running_api(store_url_sqlite(tmp_path), bus, token=TOKEN) as api:
        response = await api.client.post(DONE, headers=AUTH)
        assert response.status_code == 200
        assert response.json()["version"] == 1
        stored = await api.store.latest("reminder")
        assert stored is not None and {**stored.to_json(), "stale": False} == response.json()
    warnings = [r.getMessage() for r in caplog.records if r.name == "ecoboard.api._outage"]
    assert len(warnings) == 1
    assert warnings[0].startswith("POST /api/v1/reminder/done: the update bus failed (redis bus redis://127.0.0.1:")


async def test_the_reminder_kind_is_in_the_record_routes_and_the_sse_stream_and_resumable(tmp_path: Path):
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        weather = await api.write("weather")
        unknown = await api.client.get("/api/v1/records/hockey")
        assert unknown.json() == {"error": "unknown kind 'hockey'", "kinds": [*KINDS, "reminder"]}
        async with sse(api.client) as reader:
            [first] = await reader.events(1)
            assert first.id == "weather.1"
            with trio.fail_after(10):
                marked = (await api.client.post(DONE, headers=AUTH)).json()
                event = await reader.next_event()
            assert (event.event, event.id) == ("record", "weather.1-reminder.1")
            assert event.json() == marked
            last_id = reader.last_id
        assert list((await api.client.get("/api/v1/records")).json()) == ["weather", "reminder"]

        undone = (await api.client.post(DONE, headers=AUTH, json={"done": False})).json()
        # the client had reminder.1: only the newer reminder comes, not weather again
        async with sse(api.client, last_event_id=last_id) as reader:
            with trio.fail_after(10):
                event = await reader.next_event()
            assert (event.id, event.json()) == ("weather.1-reminder.2", undone)
            with trio.fail_after(10):
                await api.write("aqi")
                after = await reader.next_event()
            assert (after.id, after.json()["kind"]) == ("weather.1-aqi.1-reminder.2", "aqi")
        async with sse(api.client, last_event_id="weather.1-reminder.2") as reader:
            with trio.fail_after(10):
                event = await reader.next_event()
            assert (event.id, event.json()["kind"]) == ("weather.1-aqi.1-reminder.2", "aqi")
    assert weather.version == 1
