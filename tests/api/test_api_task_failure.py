"""The SSE fan-out dying of an unexpected error stops the server (one ERROR with its traceback, then
``ServerTaskFailed``) instead of leaving it serving frozen streams while /readyz says ready."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
import trio

from ecoboard.api import ApiDeps, create_app, serve_api
from ecoboard.api._failure import ServerTaskFailed
from ecoboard.bus import RedisBus
from ecoboard.config import parse_config
from ecoboard.store import AsyncStore, open_store


async def test_a_fan_out_that_dies_stops_the_server(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = AsyncStore(open_store(f"sqlite:///{tmp_path / 'records.sqlite3'}"))
    # open_bus refuses this URL; built directly, redis-py hands 'prefx' to its connection: a TypeError
    bus = RedisBus("redis://127.0.0.1:6379/0?prefx=board1")
    app = create_app(ApiDeps(store=store, bus=bus, config=parse_config({}, environ={}), control_token=None))
    answers: list[int] = []
    failed: list[ServerTaskFailed] = []

    async def serve(task_status: trio.TaskStatus[int] = trio.TASK_STATUS_IGNORED) -> None:
        try:
            await serve_api(app, host="127.0.0.1", port=0, shutdown_trigger=trio.sleep_forever, task_status=task_status)
        except ServerTaskFailed as error:
            failed.append(error)

    try:
        with trio.fail_after(20):
            async with trio.open_nursery() as nursery:
                port = await nursery.start(serve)
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                    while True:  # until the server has stopped listening
                        try:
                            answers.append((await client.get("/readyz")).status_code)
                        except httpx.TransportError:
                            break
                        await trio.sleep(0.05)
    finally:
        await bus.aclose()
        await store.aclose()
    assert [str(error) for error in failed] == [
        "the SSE fan-out stopped on an unexpected error (TypeError: AbstractConnection.__init__() got an "
        "unexpected keyword argument 'prefx'); the server stopped with it"
    ]
    assert 200 not in answers[1:]  # never ready again after the failure
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == ["the SSE fan-out stopped on an unexpected error; stopping the server"]
    assert errors[0].exc_info is not None
