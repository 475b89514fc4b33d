"""Secrets in store and bus URLs (``user:password@`` and ``?password=``-like query parameters) never
reach an error, a log line, a traceback or ``/readyz``."""

from __future__ import annotations

import logging
import secrets
import socket
import traceback
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import trio

from ecoboard import BusError, ConfigError, StoreError
from ecoboard._urls import redact_url
from ecoboard.appliance import ApplianceOptions, run_appliance
from ecoboard.bus import open_bus
from ecoboard.cli._main import main
from ecoboard.config import parse_config
from ecoboard.renderer import NullSink
from ecoboard.store import open_store

from .backends import temp_store_url

PG_SECRET = "S3cr3tPg-7781"
REDIS_SECRET = "S3cr3tRd-4412"
DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _shown(exc: BaseException) -> str:
    """Everything a message or a traceback of ``exc`` would print (its chained causes included)."""
    return "".join(traceback.format_exception(exc))


@pytest.fixture(autouse=True)
def _every_log_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: every logger, DEBUG and up


def _no_secret_logged(caplog: pytest.LogCaptureFixture) -> None:
    text = caplog.text + "".join(_shown(r.exc_info[1]) for r in caplog.records if r.exc_info and r.exc_info[1])
    assert PG_SECRET not in text
    assert REDIS_SECRET not in text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            f"postgresql://127.0.0.1:1/test?password={PG_SECRET}&sslmode=disable",
            "postgresql://127.0.0.1:1/test?password=***&sslmode=disable",
        ),
        (f"postgresql://bob:{PG_SECRET}@h/db?PassWord={PG_SECRET}", "postgresql://bob:***@h/db?PassWord=***"),
        (
            f"postgresql://h/db?sslpassword={PG_SECRET}&application_name=board",
            "postgresql://h/db?sslpassword=***&application_name=board",
        ),
        (
            f"redis://127.0.0.1:6379/0?password={REDIS_SECRET}&prefix=b1",
            "redis://127.0.0.1:6379/0?password=***&prefix=b1",
        ),
        (
            f"rediss://h/0?passwd={REDIS_SECRET}&pwd=x&secret=y&token=z",
            "rediss://h/0?passwd=***&pwd=***&secret=***&token=***",
        ),
        (
            f"redis://h/0?api_key={REDIS_SECRET}&apikey=a&key=b&auth=c&db=2",
            "redis://h/0?api_key=***&apikey=***&key=***&auth=***&db=2",
        ),
        (f"postgresql://u:ab#{PG_SECRET}@h/db", "postgresql://u:***@h/db"),  # libpq reads an unencoded # as text
        ("sqlite:///data/ecoboard.sqlite3", "sqlite:///data/ecoboard.sqlite3"),
    ],
)
def test_redact_url_masks_the_password_and_secret_like_query_values(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            f"postgresql://127.0.0.1:1/test?password={PG_SECRET}",
            "postgresql store postgresql://127.0.0.1:1/test?password=***: cannot connect: connection failed: "
            'connection to server at "127.0.0.1", port 1 failed: Connection refused',
        ),
        (  # libpq quotes the token it cannot decode: the password itself
            f"postgresql://bob:{PG_SECRET}%zz@127.0.0.1:1/test",
            "postgresql store postgresql://bob:***@127.0.0.1:1/test: cannot connect: "
            'invalid percent-encoded token: "***"',
        ),
    ],
)
def test_postgresql_connection_errors_hide_the_password(
    url: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert str(err.value) == expected
    assert PG_SECRET not in _shown(err.value)
    _no_secret_logged(caplog)


def test_sqlite_url_errors_hide_the_password() -> None:
    with pytest.raises(StoreError) as err:
        open_store(f"sqlite:data.db?password={PG_SECRET}")
    assert str(err.value) == (
        "store.url: 'sqlite:data.db?password=***': expected sqlite:///relative/path or sqlite:////absolute/path"
    )


async def test_redis_errors_and_log_lines_hide_the_password(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens there
    bus = open_bus(f"redis://127.0.0.1:{port}/0?password={REDIS_SECRET}&prefix=t_{secrets.token_hex(4)}")
    try:
        with pytest.raises(BusError) as err:
            await bus.publish("update", {"kind": "mlb", "version": 1})
        assert str(err.value).startswith(
            f"redis bus redis://127.0.0.1:{port}/0?password=***: publish on update failed: Error 111 connecting to"
        )
        assert REDIS_SECRET not in _shown(err.value)
        with trio.move_on_after(1):
            async with bus.subscribe():
                await trio.sleep_forever()
    finally:
        await bus.aclose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings[0].startswith(f"redis bus redis://127.0.0.1:{port}/0?password=***: cannot subscribe (Error 111")
    _no_secret_logged(caplog)


def test_config_errors_hide_query_passwords() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config({}, source="test", environ={"ECOBOARD__STORE__URL": f"mysql://h/db?password={PG_SECRET}"})
    assert str(err.value) == (
        "environment variable ECOBOARD__STORE__URL: store.url: expected a sqlite: or postgresql: URL, "
        "got 'mysql://h/db?password=***'"
    )
    with pytest.raises(ConfigError) as err:
        parse_config(
            {"mode": "cluster", "store": {"url": f"sqlite:///x.db?token={PG_SECRET}"}}, source="t.yaml", environ={}
        )
    assert "'sqlite:///x.db?token=***'" in str(err.value)
    assert PG_SECRET not in str(err.value)


def _fetch_mlb(config: Path, store_url: str, bus_url: str) -> int:
    """``ecoboard fetch mlb --once`` from the demo recordings, in cluster mode with these URLs."""
    config.write_text(f"mode: cluster\nstore: {{url: '{store_url}'}}\nbus: {{url: '{bus_url}'}}\n")
    return main(["fetch", "mlb", "--once", "--config", str(config), "--replay", str(DEMO)])


def test_fetch_cli_hides_store_and_bus_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    bus_port, pg_port = free_port(), free_port()
    config = tmp_path / "cluster.yaml"
    bus_url = f"redis://127.0.0.1:{bus_port}/0?password={REDIS_SECRET}"
    assert _fetch_mlb(config, f"postgresql://127.0.0.1:{pg_port}/test?password={PG_SECRET}", bus_url) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"ecoboard fetch: error: postgresql store postgresql://127.0.0.1:{pg_port}/test?password=***: cannot connect: "
    )
    with temp_store_url("postgresql", tmp_path) as store_url:  # PostgreSQL answers (trust ignores the password)
        assert _fetch_mlb(config, f"{store_url}&password={PG_SECRET}", bus_url) == 4
    err = capsys.readouterr().err
    assert err.startswith("ecoboard fetch: error: mlb version 1 written but not announced on the bus: redis bus ")
    assert f"redis://127.0.0.1:{bus_port}/0?password=***: publish on update failed" in err
    assert PG_SECRET not in err and REDIS_SECRET not in err
    _no_secret_logged(caplog)


async def _poll(client: httpx.AsyncClient, path: str, done: Callable[[httpx.Response], bool]) -> httpx.Response:
    while True:
        try:
            response = await client.get(path)
        except httpx.ConnectError:
            response = None
        if response is not None and done(response):
            return response
        await trio.sleep(0.05)


async def test_readyz_and_the_appliance_log_hide_the_store_password(caplog: pytest.LogCaptureFixture) -> None:
    api_port, pg_port = free_port(), free_port()
    store_url = f"postgresql://127.0.0.1:{pg_port}/test?password={PG_SECRET}"
    config = parse_config(
        {
            "mode": "cluster",
            "store": {"url": store_url},
            "bus": {"url": f"redis://127.0.0.1:6379/0?password={REDIS_SECRET}&prefix=t_{secrets.token_hex(5)}-"},
            "api": {"host": "127.0.0.1"},
            "display": {"fps": 30, "pages": [{"page": "clock", "seconds": 300}]},
        },
        source="test",
        environ={},
    )
    async with (
        trio.open_nursery() as nursery,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{api_port}", timeout=10) as client,
    ):
        nursery.start_soon(run_appliance, ApplianceOptions(config=config, api_port=api_port, sink=NullSink()))
        with trio.fail_after(15):
            ready = await _poll(client, "/readyz", lambda r: "cannot connect" in " ".join(r.json()["reasons"]))
        nursery.cancel_scope.cancel()
    assert ready.status_code == 503
    assert ready.json()["reasons"][0].startswith(
        "store unreachable: store not reachable yet: postgresql store "
        f"postgresql://127.0.0.1:{pg_port}/test?password=***: cannot connect: "
    )
    assert PG_SECRET not in ready.text and REDIS_SECRET not in ready.text
    assert any(
        r.getMessage().startswith(
            f"store not reachable yet (postgresql store postgresql://127.0.0.1:{pg_port}/test?password=***"
        )
        for r in caplog.records
    )
    _no_secret_logged(caplog)
