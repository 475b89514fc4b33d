"""A quick start-up check: can this machine reach any of the configured providers?

Used once by ``ecoboard run`` to choose between live providers and the shipped recorded responses
(the offline demo). It resolves and connects (TCP) to each enabled local kind's provider host at
the same time; the first success answers ``True``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import trio

from ..config import Config
from ..fetchers.providers import get_provider

log = logging.getLogger(__name__)


def provider_hosts(config: Config) -> list[tuple[str, int]]:
    """``(host, port)`` of every enabled, locally fetched kind's provider, without duplicates."""
    hosts: list[tuple[str, int]] = []
    for kind, settings in config.providers.items():
        if not settings.enabled or not config.is_local(kind):
            continue
        base = settings.base_url or get_provider(kind, settings.provider).default_base_url
        parts = urlsplit(base)
        if parts.hostname is None:
            continue
        entry = (parts.hostname, parts.port or (80 if parts.scheme == "http" else 443))
        if entry not in hosts:
            hosts.append(entry)
    return hosts


async def _reachable(host: str, port: int) -> bool:
    try:
        stream = await trio.open_tcp_stream(host, port)
    except OSError:
        return False
    await stream.aclose()
    return True


async def network_reachable(hosts: list[tuple[str, int]]) -> bool:
    """True as soon as one of ``hosts`` accepts a TCP connection; False when every one failed.

    Probes run concurrently; wrap the call in ``trio.move_on_after`` to bound it (``ecoboard run``
    gives it about a second: a machine whose DNS or route takes longer is treated as offline).
    """
    found = False
    async with trio.open_nursery() as nursery:

        async def probe(host: str, port: int) -> None:
            nonlocal found
            if await _reachable(host, port):
                found = True
                nursery.cancel_scope.cancel()

        for host, port in hosts:
            nursery.start_soon(probe, host, port)
    log.debug("network check: %s reachable=%s", hosts, found)
    return found
