"""The local fetchers: one coordinator per locally fetched kind, side by side (C24, C30).

Each kind polls on its own schedule, writes to the store and announces on the in-process bus; the
local :class:`~ecoboard.appliance._sync.Syncer` reads what it announces into the render snapshot, the
same path a cluster update takes. A kind whose API key cannot be read is left out (logged once);
the others start anyway.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from functools import partial
from pathlib import Path

import trio

from .._errors import ConfigError, SecretError
from ..bus import Bus
from ..config import Config
from ..fetchers import Coordinator, make_client, provider_for, resolve_api_key, run_fetchers
from ..renderer import KindHealth
from ..store import AsyncStore

log = logging.getLogger(__name__)


def local_kinds(config: Config) -> list[str]:
    """The enabled kinds this board fetches itself, in config order."""
    return [kind for kind, settings in config.providers.items() if settings.enabled and config.is_local(kind)]


class LocalFetchers:
    """Runs :func:`ecoboard.fetchers.run_fetchers` for :func:`local_kinds` with one shared client."""

    def __init__(self, config: Config, *, store: AsyncStore, bus: Bus, replay_dir: Path | None) -> None:
        self.config = config
        self.store = store
        self.bus = bus
        self.replay_dir = replay_dir
        self.kinds: tuple[str, ...] = tuple(local_kinds(config))
        self.coordinators: dict[str, Coordinator] = {}
        self.not_fetched: dict[str, str] = {}
        """Local kinds left out, with the reason (their API key could not be read)."""

    def covers(self, kind: str) -> bool:
        """Whether ``kind`` is this board's to fetch (fetched, or left out for a reason)."""
        return kind in self.kinds or kind in self.not_fetched

    async def _api_keys(self) -> dict[str, str | None]:
        keys: dict[str, str | None] = {}
        for kind in self.kinds:
            try:
                provider = provider_for(kind, self.config)
                keys[kind] = await trio.to_thread.run_sync(resolve_api_key, self.config, provider)
            except (ConfigError, SecretError) as exc:
                log.error("%s: not fetched: %s", kind, exc)
                self.not_fetched[kind] = str(exc)
        return keys

    async def run(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Fetch every local kind until cancelled; never returns otherwise.

        ``task_status.started()`` once every coordinator exists (before any fetch finishes). Fetch,
        store and bus errors are absorbed by the coordinators (logged on the edges, retried with
        backoff); cancellation closes the shared HTTP client.
        """
        keys = await self._api_keys()
        self.kinds = tuple(kind for kind in self.kinds if kind in keys)
        config = self.config
        if self.replay_dir is not None:
            log.info("local fetchers answer from the recorded responses in %s", self.replay_dir)
            config = dataclasses.replace(config, replay_dir=str(self.replay_dir))  # records say replay:<provider>
        async with make_client(replay_dir=self.replay_dir) as client, trio.open_nursery() as nursery:
            self.coordinators = await nursery.start(
                partial(run_fetchers, self.kinds, config, client=client, store=self.store, bus=self.bus, api_keys=keys)
            )
            task_status.started()

    def health(self, kind: str, now: datetime) -> KindHealth:
        """The fetcher's status of ``kind`` as the renderer's :class:`KindHealth` (stale: past ``valid_until``)."""
        coordinator = self.coordinators.get(kind)
        if coordinator is None:
            reason = self.not_fetched.get(kind)
            return KindHealth(ok=False, last_error=f"not fetched: {reason}" if reason else "not fetched")
        status = coordinator.status()
        return KindHealth(
            ok=status.state in ("starting", "ok"),
            stale=status.valid_until is not None and now > status.valid_until,
            last_success_at=status.last_success_at,
            last_error=status.last_error,
            consecutive_failures=status.consecutive_failures,
        )
