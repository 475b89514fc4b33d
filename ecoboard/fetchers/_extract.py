"""EXTRACT: perform a provider's GETs and translate every failure into the ecoboard error tree.

    httpx error / no answer in time   -> TransportError
    HTTP 403 or 429                   -> RateLimitedError (``retry_after`` from Retry-After)
    other non-2xx                     -> ProviderError (``status_code``)
    empty body, HTML page, bad JSON   -> PayloadError

Messages name the provider and the URL, or, for an HTTP status the provider explains
(``Provider.explain_status``), the provider and its explanation. Secrets never appear in a message or
a log line: the values of ``secret_params`` (API keys), the password of a ``user:password@`` in the
URL (a ``base_url`` may carry one) and the value of every secret-like query parameter are replaced
by ``***`` wherever they could show up, every URL shown as :func:`ecoboard._urls.redact_url` shows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import trio

from .._errors import PayloadError, ProviderError, RateLimitedError, TransportError
from .._urls import MASK, redact_url, redact_urls_in, url_secrets
from ._provider import Provider, RequestSpec

_EXCERPT = 300
_URL_MAX = 100
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class Redactor:
    """Shows a text without the secrets of some requests, and every URL in it as :func:`redact_url` shows it."""

    def __init__(self, specs: Iterable[RequestSpec]) -> None:
        """The redactor of one fetch: the secret parameters' values and the secrets in each request's URL."""
        found = {text for spec in specs for text in (*spec.secret_params.values(), *url_secrets(spec.url)) if text}
        self._secrets = sorted(found, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return redact_urls_in(text)


def public_url(spec: RequestSpec) -> str:
    """The URL asked for as shown in messages: its password, secret params and secret-like query values
    as ``***``, at most ~100 characters."""
    params = dict(spec.params) | dict.fromkeys(spec.secret_params, MASK)
    url = redact_url(str(httpx.URL(spec.url, params=params)).replace("%2A%2A%2A", MASK))
    return url if len(url) <= _URL_MAX else url[:_URL_MAX] + "…"  # long query strings would bury the error


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); ``None`` if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def decode_json(provider: str, url: str, response: httpx.Response) -> Any:
    """The parsed JSON body, or a PayloadError saying what came instead."""
    body = response.content
    if not body.strip():
        raise PayloadError(f"{provider}: {url}: empty body (HTTP {response.status_code})", provider=provider)
    content_type = response.headers.get("content-type", "").lower()
    if "html" in content_type or body.lstrip()[:1] == b"<":
        title = _TITLE.search(body[:4096])
        what = f" titled {title.group(1).decode(errors='replace').strip()[:_EXCERPT]!r}" if title else ""
        raise PayloadError(f"{provider}: {url}: got an HTML page{what} instead of JSON", provider=provider)
    try:
        return json.loads(body)
    except UnicodeDecodeError as exc:
        raise PayloadError(f"{provider}: {url}: body is not UTF-8 JSON ({exc.reason})", provider=provider) from None
    except json.JSONDecodeError as exc:
        raise PayloadError(
            f"{provider}: {url}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno} "
            f"of a body of {len(body)} bytes)",
            provider=provider,
        ) from None
    except RecursionError:
        raise PayloadError(f"{provider}: {url}: JSON nested too deeply to read", provider=provider) from None
    except ValueError:  # an integer literal longer than Python's digit limit (sys.get_int_max_str_digits)
        raise PayloadError(
            f"{provider}: {url}: JSON holds a number with too many digits to read", provider=provider
        ) from None


def _status_message(provider: Provider, spec: RequestSpec, response: httpx.Response, redact: Redactor) -> str:
    """``<provider>: <explanation>`` when the provider explains the status, else the URL, status and body excerpt."""
    status = response.status_code
    explanation = provider.explain_status(spec, status) if provider.explain_status else None
    if explanation:
        return f"{provider.name}: {redact(explanation)}"
    excerpt = ""
    if "json" in response.headers.get("content-type", "") or "text/plain" in response.headers.get("content-type", ""):
        text = response.text.strip().replace("\n", " ")
        excerpt = f": {redact(text[:_EXCERPT])}" if text else ""
    return f"{provider.name}: {public_url(spec)}: HTTP {status} {response.reason_phrase}{excerpt}"


def _status_error(
    provider: Provider, spec: RequestSpec, response: httpx.Response, now: datetime, redact: Redactor
) -> Exception:
    status = response.status_code
    message = _status_message(provider, spec, response, redact)
    if status in (403, 429):
        retry_after = parse_retry_after(response.headers.get("retry-after"), now)
        hint = f"; retry after {retry_after:.0f} s" if retry_after is not None else ""
        return RateLimitedError(message + hint, provider=provider.name, status_code=status, retry_after=retry_after)
    return ProviderError(message, provider=provider.name, status_code=status)


async def extract(
    provider: Provider,
    specs: list[RequestSpec],
    client: httpx.AsyncClient,
    *,
    request_timeout: float,
    now: datetime,
    before_request: Callable[[], Awaitable[None]] | None = None,
) -> dict[str, Any]:
    """GET every request of one fetch (in order) and return the parsed JSON answers by request name.

    Each request runs under its own ``trio.fail_after(request_timeout)``. ``before_request`` is awaited
    before each GET (the provider's shared rate limiter). Raises a :class:`FetchError` subclass.
    """
    redact = Redactor(specs)
    answers: dict[str, Any] = {}
    for spec in specs:
        url = public_url(spec)
        if before_request is not None:
            await before_request()
        try:
            with trio.fail_after(request_timeout):
                response = await client.get(
                    spec.url, params=dict(spec.params) | dict(spec.secret_params), headers=dict(spec.headers)
                )
        except trio.TooSlowError:
            message = f"{provider.name}: {url}: no answer within {request_timeout:g} s"
            raise TransportError(message, provider=provider.name) from None
        except httpx.HTTPError as exc:
            detail = redact(str(exc)) or type(exc).__name__
            raise TransportError(
                f"{provider.name}: {url}: {type(exc).__name__}: {detail}", provider=provider.name
            ) from None
        if not response.is_success:
            raise _status_error(provider, spec, response, now, redact)
        answers[spec.name] = await trio.to_thread.run_sync(decode_json, provider.name, url, response)
    return answers
