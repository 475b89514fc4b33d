"""Entry points of the fetcher framework: one fetch (``--once``, Kubernetes Job), one long-running
fetcher per kind, and all enabled kinds side by side (C24, C30: no kind waits for another)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import httpx
import trio

from .._errors import ConfigError
from .._record import Record
from ..bus import Bus
from ..config import Config
from ..store import AsyncStore
from ._coordinator import Coordinator, wall_clock
from ._limiter import Limiters
from ._options import option_errors
from ._provider import Provider
from .providers import get_provider


def provider_for(kind: str, config: Config) -> Provider:
    """The provider configured for ``kind`` (``providers.<kind>.provider``); a :class:`ConfigError` when
    that provider is unknown or does not read ``providers.<kind>.options`` as written."""
    settings = config.providers.get(kind)
    if settings is None:
        known = ", ".join(sorted(config.providers))
        raise ConfigError(f"providers.{kind}: no such kind is configured (configured: {known})")
    provider = get_provider(kind, settings.provider)
    errors = option_errors(kind, settings, provider)
    if errors:
        raise ConfigError("; ".join(errors))
    return provider


def make_coordinator(
    kind: str,
    config: Config,
    *,
    client: httpx.AsyncClient,
    store: AsyncStore,
    bus: Bus | None,
    limiters: Limiters | None = None,
    api_key: str | None = None,
    clock: Callable[[], datetime] = wall_clock,
    rng: random.Random | None = None,
) -> Coordinator:
    """A :class:`Coordinator` for ``kind`` with its configured provider and that provider's shared limiter."""
    provider = provider_for(kind, config)
    limiter = (limiters or Limiters()).for_provider(provider.name)
    return Coordinator(
        provider, config, client=client, store=store, bus=bus, limiter=limiter, api_key=api_key, clock=clock, rng=rng
    )


async def fetch_once(kind: str, config: Config, **deps: Any) -> Record:
    """Fetch ``kind`` once, write and publish it; return the record or raise (nothing written).

    ``deps`` are :func:`make_coordinator`'s keyword arguments (``client``, ``store``, ``bus``, ...).
    The failure is raised, not logged: the caller reports it (the CLI prints one line).
    """
    return await make_coordinator(kind, config, **deps).refresh(log_failure=False)


async def run_fetcher(
    kind: str,
    config: Config,
    *,
    task_status: trio.TaskStatus[Coordinator] = trio.TASK_STATUS_IGNORED,
    **deps: Any,
) -> None:
    """Fetch ``kind`` forever at the provider's pace. Never returns unless cancelled.

    ``deps`` are :func:`make_coordinator`'s keyword arguments. ``task_status.started(coordinator)``
    is called after the first attempt, successful or not, so the caller can read
    :meth:`Coordinator.status`. Every fetch error is absorbed (logged on the edge, retried with
    backoff); a :class:`ConfigError` for an unknown kind or provider is raised before the loop starts.
    """
    await make_coordinator(kind, config, **deps).run(task_status=task_status)


async def run_fetchers(
    kinds: Iterable[str],
    config: Config,
    *,
    client: httpx.AsyncClient,
    store: AsyncStore,
    bus: Bus | None,
    api_keys: dict[str, str | None] | None = None,
    clock: Callable[[], datetime] = wall_clock,
    task_status: trio.TaskStatus[dict[str, Coordinator]] = trio.TASK_STATUS_IGNORED,
) -> None:
    """Run one :func:`run_fetcher` per kind in one nursery. Never returns unless cancelled.

    Each kind starts and polls on its own, so a slow or unreachable provider delays only its own
    kind (C24, C30). ``task_status.started`` receives the coordinators by kind as soon as every
    task exists (before any first attempt finishes). Providers are looked up before anything
    starts, so a configuration error is raised at once.
    """
    limiters = Limiters()
    keys = api_keys or {}
    coordinators = {
        kind: make_coordinator(
            kind, config, client=client, store=store, bus=bus, limiters=limiters, api_key=keys.get(kind), clock=clock
        )
        for kind in kinds
    }
    async with trio.open_nursery() as nursery:
        for coordinator in coordinators.values():
            nursery.start_soon(coordinator.run)
        task_status.started(coordinators)
