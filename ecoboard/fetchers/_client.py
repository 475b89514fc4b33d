"""The one shared ``httpx.AsyncClient`` every fetcher uses (fetchers never build their own)."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx

from .._version import USER_AGENT

# httpx logs every request URL, query string included, at INFO: that would put API keys sent as
# query parameters (``RequestSpec.secret_params``) into the logs. Our own messages redact them.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
"""Per-request socket timeouts; each request is also wrapped in a trio ``fail_after`` (the kind's timeout)."""

DEFAULT_LIMITS = httpx.Limits(max_connections=10, max_keepalive_connections=5, keepalive_expiry=30.0)


def make_client(
    *,
    replay_dir: str | Path | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
) -> httpx.AsyncClient:
    """An ``AsyncClient`` with ecoboard's User-Agent, default timeouts and connection limits.

    ``replay_dir`` answers every request from recorded responses (:class:`ReplayTransport`);
    ``transport`` plugs in any other transport (tests use ``httpx.MockTransport``). Give at most one.
    """
    if replay_dir is not None and transport is not None:
        raise ValueError("make_client: give replay_dir or transport, not both")
    if replay_dir is not None:
        from ._replay import ReplayTransport

        transport = ReplayTransport(replay_dir)
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        limits=DEFAULT_LIMITS,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        follow_redirects=True,
    )
