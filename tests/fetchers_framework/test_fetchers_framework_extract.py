"""EXTRACT: request shape, error translation, redaction, Retry-After, per-request timeouts."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
import trio

from ecoboard import USER_AGENT, PayloadError, ProviderError, RateLimitedError, TransportError
from ecoboard.fetchers import RequestSpec, make_client, parse_retry_after
from ecoboard.fetchers._extract import extract

from .helpers import API_KEY, LIVE_SCHEDULE, TEST_PROVIDER, URL

NOW = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
SPEC = RequestSpec("schedule", URL, params={"sportId": "1", "date": "2024-04-28"}, secret_params={"apikey": API_KEY})


async def run(handler, seconds: float = 10.0):
    async with make_client(transport=httpx.MockTransport(handler)) as client:
        return await extract(TEST_PROVIDER, [SPEC], client, request_timeout=seconds, now=NOW)


async def test_sends_user_agent_params_and_secret_and_parses_json() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=LIVE_SCHEDULE.read_bytes(), headers={"Content-Type": "application/json"})

    answers = await run(handler)
    assert answers["schedule"]["totalGamesInProgress"] == 12
    assert len(answers["schedule"]["dates"][0]["games"]) == 15
    assert seen[0].headers["User-Agent"] == USER_AGENT == "ecoboard/0.1.0 (+https://github.com/ecoboard/ecoboard)"
    assert dict(seen[0].url.params) == {"sportId": "1", "date": "2024-04-28", "apikey": API_KEY}


@pytest.mark.parametrize(
    ("response", "error", "text"),
    [
        (
            httpx.Response(200, content=LIVE_SCHEDULE.read_bytes()[:5000]),
            PayloadError,
            "test-statsapi: https://statsapi.test/api/v1/schedule?sportId=1&date=2024-04-28&apikey=***: "
            "not valid JSON: Expecting value (line 1, column 4999 of a body of 5000 bytes)",
        ),
        (httpx.Response(200, content=b""), PayloadError, "empty body (HTTP 200)"),
        (httpx.Response(200, content=b"  \n"), PayloadError, "empty body (HTTP 200)"),
        (
            httpx.Response(
                200,
                headers={"Content-Type": "text/html"},
                content=b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
            ),
            PayloadError,
            "got an HTML page titled '502 Bad Gateway' instead of JSON",
        ),
        (
            httpx.Response(500, json={"message": "Internal error"}),
            ProviderError,
            'HTTP 500 Internal Server Error: {"message":"Internal error"}',
        ),
        (httpx.Response(404, text="not here"), ProviderError, "HTTP 404 Not Found: not here"),
        (
            httpx.Response(429, headers={"Retry-After": "120"}),
            RateLimitedError,
            "HTTP 429 Too Many Requests; retry after 120 s",
        ),
        (httpx.Response(403, text="Forbidden"), RateLimitedError, "HTTP 403 Forbidden: Forbidden"),
    ],
    ids=["truncated", "empty", "blank", "html", "500", "404", "429", "403"],
)
async def test_bad_answers_become_clear_errors(response, error, text) -> None:
    with pytest.raises(error) as info:
        await run(lambda request: response)
    assert text in str(info.value)
    assert str(info.value).startswith("test-statsapi: https://statsapi.test/api/v1/schedule?")
    assert info.value.provider == "test-statsapi"
    assert API_KEY not in str(info.value)
    assert type(info.value) is error


async def test_status_codes_and_retry_after_are_kept() -> None:
    with pytest.raises(RateLimitedError) as info:
        await run(lambda r: httpx.Response(429, headers={"Retry-After": "Sun, 28 Apr 2024 20:12:30 GMT"}))
    assert (info.value.status_code, info.value.retry_after) == (429, 150.0)
    with pytest.raises(RateLimitedError) as info:
        await run(lambda r: httpx.Response(403))
    assert (info.value.status_code, info.value.retry_after) == (403, None)
    with pytest.raises(ProviderError) as info:
        await run(lambda r: httpx.Response(503))
    assert info.value.status_code == 503


async def test_secret_echoed_by_provider_is_redacted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": f"invalid key {API_KEY} for {request.url}"})

    with pytest.raises(ProviderError) as info:
        await run(handler)
    assert API_KEY not in str(info.value)
    assert "invalid key ***" in str(info.value)


def _explain(spec: RequestSpec, status: int) -> str | None:
    """Explains 404 and 429 to ``schedule``, echoing the key to show the explanation is redacted too."""
    if status in (404, 429):
        return f"no schedule for key {spec.secret_params['apikey']} (HTTP {status})"
    return None


@pytest.mark.parametrize(
    ("response", "error", "text"),
    [
        (httpx.Response(404, text="not here"), ProviderError, "test-statsapi: no schedule for key *** (HTTP 404)"),
        (
            httpx.Response(429, headers={"Retry-After": "120"}),
            RateLimitedError,
            "test-statsapi: no schedule for key *** (HTTP 429); retry after 120 s",
        ),
        (
            httpx.Response(500, text="broke"),
            ProviderError,
            "test-statsapi: https://statsapi.test/api/v1/schedule?sportId=1&date=2024-04-28&apikey=***: "
            "HTTP 500 Internal Server Error: broke",
        ),
    ],
    ids=["404", "429", "500-not-explained"],
)
async def test_a_status_the_provider_explains_reads_as_its_explanation(response, error, text) -> None:
    provider = replace(TEST_PROVIDER, explain_status=_explain)
    with pytest.raises(error) as info:
        async with make_client(transport=httpx.MockTransport(lambda request: response)) as client:
            await extract(provider, [SPEC], client, request_timeout=10.0, now=NOW)
    assert type(info.value) is error
    assert (str(info.value), info.value.status_code, info.value.provider) == (text, response.status_code, provider.name)


async def test_network_error_is_transport_error_without_secret() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"[Errno -3] name resolution failed for {request.url}", request=request)

    with pytest.raises(TransportError) as info:
        await run(handler)
    assert API_KEY not in str(info.value)
    expected = "ConnectError: [Errno -3] name resolution failed for https://statsapi.test/api/v1/schedule"
    assert expected in str(info.value)


async def test_stalled_request_times_out_at_the_kinds_timeout(autojump_clock) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await trio.sleep(3600)
        return httpx.Response(200, json={})

    start = trio.current_time()
    with pytest.raises(TransportError, match=r"apikey=\*\*\*: no answer within 2.5 s$"):
        await run(handler, seconds=2.5)
    assert trio.current_time() - start == pytest.approx(2.5)


def test_parse_retry_after() -> None:
    assert parse_retry_after("30", NOW) == 30.0
    assert parse_retry_after("Sun, 28 Apr 2024 20:11:00 GMT", NOW) == 60.0
    assert parse_retry_after("Sun, 28 Apr 2024 20:00:00 GMT", NOW) == 0.0  # in the past: now
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


async def test_no_log_line_carries_the_api_key(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    await run(lambda r: httpx.Response(200, json={"ok": True}))
    with pytest.raises(ProviderError):
        await run(lambda r: httpx.Response(500, text=f"bad {r.url}"))
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)  # its "HTTP Request: <URL>" line
    assert all(API_KEY not in r.getMessage() for r in caplog.records)
