"""Every URL the fetch path shows (errors, log lines, replay answers, CLI output) hides its secrets: the
password of ``user:password@`` (a ``base_url`` may carry one) and the value of every secret-like query
parameter are ``***``, as the store and bus URLs are."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from ecoboard import ProviderError, TransportError
from ecoboard.cli import main
from ecoboard.config import parse_config
from ecoboard.fetchers import ReplayTransport, RequestSpec, make_client, make_coordinator
from ecoboard.fetchers._extract import extract, public_url
from ecoboard.store import AsyncStore, open_store

from .helpers import TEST_PROVIDER

NOW = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
PASSWORD = "hunter2"
TOKEN = "tok-SECRET-42"
SECRET_URL = f"http://user:{PASSWORD}@statsapi.test/api/v1/schedule"
SHOWN_URL = "http://user:***@statsapi.test/api/v1/schedule?sportId=1&access_token=***"
SPEC = RequestSpec("schedule", SECRET_URL, params={"sportId": "1", "access_token": TOKEN})
"""A request whose URL has a password and a secret-like query parameter (not declared secret)."""


def _no_secret(text: str) -> bool:
    return PASSWORD not in text and TOKEN not in text


async def _extract_with(handler) -> str:
    async with make_client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises((ProviderError, TransportError)) as caught:
            await extract(TEST_PROVIDER, [SPEC], client, request_timeout=10.0, now=NOW)
    return str(caught.value)


async def test_an_answer_echoing_the_url_shows_it_masked() -> None:
    message = await _extract_with(lambda request: httpx.Response(500, text=f"no route to {request.url}"))
    assert message == f"test-statsapi: {SHOWN_URL}: HTTP 500 Internal Server Error: no route to {SHOWN_URL}"


async def test_a_network_error_naming_the_url_shows_it_masked() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot reach {request.url} (password {PASSWORD})", request=request)

    message = await _extract_with(handler)
    assert message == f"test-statsapi: {SHOWN_URL}: ConnectError: cannot reach {SHOWN_URL} (password ***)"


async def test_the_replay_404_body_shows_the_url_masked(tmp_path: Path) -> None:
    async with make_client(transport=ReplayTransport(tmp_path)) as client:
        response = await client.get(SECRET_URL, params=SPEC.params)
    assert response.status_code == 404
    assert response.text == (f"replay: create {tmp_path}/statsapi.test/api/v1/schedule.json (or an index.yaml entry) "
                             "to answer GET http://user:***@statsapi.test/api/v1/schedule")


BASE_URL = f"http://user:{PASSWORD}@example.com/x"


async def test_a_password_in_base_url_is_in_no_error_and_no_log_line(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    config = parse_config({"providers": {"weather": {"base_url": BASE_URL}}}, environ={})
    transport = ReplayTransport(tmp_path)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        async with make_client(transport=transport) as client:
            coordinator = make_coordinator("weather", config, client=client, store=AsyncStore(store), bus=None,
                                           clock=lambda: NOW)
            await coordinator.attempt()
            await coordinator.attempt()  # the second failure is logged at DEBUG
    finally:
        store.close()
    error = coordinator.status().last_error or ""
    assert error.startswith("open-meteo: http://user:***@example.com/x/v1/forecast?latitude=42.3467&")
    assert error.endswith(": HTTP 404 Not Found: replay: create "
                          f"{tmp_path}/example.com/x/v1/forecast.json (or an index.yaml entry) to answer GET "
                          "http://user:***@example.com/x/v1/forecast")
    lines = [record.getMessage() for record in caplog.records]
    assert f"weather from open-meteo failing (no good record yet): {error}" in lines
    assert f"weather: still failing (2): {error}" in lines
    assert all(PASSWORD not in line for line in lines)
    assert [url.password for url in transport.requests] == [PASSWORD, PASSWORD]  # it is still sent


def test_fetch_once_prints_the_base_url_masked(tmp_path: Path, capsys) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"providers: {{weather: {{base_url: '{BASE_URL}'}}}}\n"
                      f"store: {{url: 'sqlite:///{tmp_path}/store.sqlite3'}}\n", "utf-8")
    (tmp_path / "replay").mkdir()
    code = main(["fetch", "weather", "--once", "--replay", str(tmp_path / "replay"), "--config", str(config)])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("ecoboard fetch: error: open-meteo: http://user:***@example.com/x/v1/forecast?")
    assert _no_secret(out + err)


def test_public_url_masks_declared_and_secret_like_parameters() -> None:
    spec = replace(SPEC, secret_params={"appid": "k-123"})
    assert public_url(spec) == f"{SHOWN_URL}&appid=***"
