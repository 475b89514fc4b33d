"""The appliance supervisor: one trio nursery running the render loop, fetchers or sync, the API, signals.

Start order (each step only after the one before is running):

1. signal handling (SIGTERM/SIGINT → ``STOPPING=1`` and cancel everything);
2. the render loop, on the config file's page cycle and an empty snapshot: ``READY=1`` follows the
   first frame, so the panel lights up even when the store or network is not there yet (C23, C30);
3. the store and the API: SQLite opens at once (or the boot fails), then the API starts; with
   PostgreSQL the API starts first (``/healthz`` answers at once; until the store opens, ``/readyz``
   says 503 with the reason and the record routes answer 503), then the store is retried with capped
   backoff until it answers while the panel shows its "waiting" pages; then the startup record and
   the stored page cycle;
4. the syncers (in-process bus always; Redis in cluster and hybrid mode) and the local fetchers (one
   task per locally fetched kind). Each syncer reads its kinds from the store at once, whether or not
   its bus answers, and keeps reading them every few seconds while the bus is away (Redis down at
   boot or later), so the panel shows what the store holds.

Hybrid mode: the board fetches its local kinds itself and writes them to the configured store (so
the cluster API sees them too), announcing them on the in-process bus; the cluster kinds arrive over
Redis. The Redis syncer forwards what it reads to the in-process bus, which the embedded API follows.
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import trio

from .._errors import StoreError
from .._record import KINDS, REMINDER_KIND
from .._version import __version__
from ..api import ApiDeps, create_app, serve_api
from ..bus import Bus, BusState, MemoryBus, open_bus
from ..config import Config, PageSpec
from ..fetchers import provider_for
from ..renderer import PAGES, FrameRenderer, KindHealth, Sink, open_sink
from ..store import AsyncStore, Startup, open_when_reachable
from ._cycle import PageCycle
from ._local import LocalFetchers, local_kinds
from ._render_loop import Instruction, RenderHooks, RenderLoop
from ._state import DisplayState, Snapshot
from ._sync import Syncer
from ._systemd import Notifier, watchdog_interval

log = logging.getLogger(__name__)

INSTRUCTION_QUEUE = 16
"""Control commands waiting for the render loop; when full, new ones are dropped (and logged)."""


@dataclass(frozen=True)
class ApplianceOptions:
    """How to run: the config, the replay directory (``None`` = live providers), the API port.

    ``api_port`` ``None`` uses ``config.api.port``; ``serve_api=False`` runs without the API (bench).
    ``sink`` replaces ``open_sink(config.display)`` (tests and the bench pass a ``NullSink``).
    ``prepare_pages`` readies every page cycle (the config file's or the store's) before the render
    loop sees it: ``ecoboard run`` resolves the wifi page's password secret and encodes its QR code.
    """

    config: Config
    replay_dir: Path | None = None
    api_port: int | None = None
    serve_api: bool = True
    sink: Sink | None = None
    hooks: RenderHooks = field(default_factory=RenderHooks)
    environ: Mapping[str, str] = field(default_factory=dict)
    control_token: str | None = field(default=None, repr=False)
    prepare_pages: Callable[[Sequence[PageSpec]], tuple[PageSpec, ...]] = tuple


@dataclass
class Appliance:
    """What a running appliance holds; handed to ``task_status.started`` for tests and the bench."""

    config: Config
    snapshot: Snapshot
    display: DisplayState
    local_bus: MemoryBus
    cluster_bus: Bus | None = None
    """The cluster's Redis bus (cluster and hybrid mode): its syncer reads from it, and the embedded
    API announces the records it writes itself (the reminder mark) on it too."""
    syncers: list[Syncer] = field(default_factory=list)
    store: AsyncStore | None = None
    fetchers: LocalFetchers | None = None
    api_port: int | None = None
    stopping: trio.Event = field(default_factory=trio.Event)

    def health(self) -> dict[str, KindHealth]:
        """Per-kind health: the local fetchers' status, else the syncer's view of the cluster kind."""
        now = datetime.now(UTC)
        out: dict[str, KindHealth] = {}
        for kind in KINDS:
            if self.fetchers is not None and self.fetchers.covers(kind):
                out[kind] = self.fetchers.health(kind, now)
            elif self.syncers:
                out[kind] = self.syncers[-1].health(kind, now)
        return out

    def cluster_bus_state(self) -> BusState:
        """The Redis syncer's update subscription (cluster and hybrid mode): what ``/readyz`` reports,
        since the embedded API's SSE fan-out follows the in-process bus, to which that syncer forwards."""
        remote = [syncer for syncer in self.syncers if syncer.name == "cluster"]
        return remote[0].bus_state if remote else "connecting"

    def health_json(self) -> dict[str, dict[str, Any]]:
        """:meth:`health` as plain dicts (the API's ``HealthFn``)."""
        return {kind: dataclasses.asdict(h) for kind, h in self.health().items()}


async def _record_startup(store: AsyncStore) -> None:
    try:
        await store.record_startup(Startup("appliance", socket.gethostname(), __version__, datetime.now(UTC)))
    except StoreError as exc:
        log.warning("could not write the startup record: %s", exc)


async def _signals(app: Appliance, notifier: Notifier, cancel: trio.CancelScope) -> None:
    """Wait for SIGTERM or SIGINT, then send ``STOPPING=1`` and cancel the supervisor. Returns after that."""
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for signum in signals:
            log.info("%s received: stopping", signal.Signals(signum).name)
            notifier.notify("STOPPING=1")
            app.stopping.set()
            cancel.cancel()
            return


def _syncers(
    app: Appliance,
    store: AsyncStore,
    send: trio.MemorySendChannel[Instruction],
    prepare_pages: Callable[[Sequence[PageSpec]], tuple[PageSpec, ...]],
) -> list[tuple[Syncer, Bus]]:
    """The in-process bus's syncer (local kinds) and, outside local mode, the Redis one (cluster kinds).

    Both take ``reminder``: the embedded API announces a mark on the in-process bus, the cluster's
    ``ecoboard api`` on Redis, and either may be the one the dashboard asked.
    """
    config = app.config
    local = Syncer(
        name="local",
        config=config,
        store=store,
        snapshot=app.snapshot,
        instructions=send,
        kinds=lambda kind: kind == REMINDER_KIND or config.is_local(kind),
        prepare_pages=prepare_pages,
    )
    pairs: list[tuple[Syncer, Bus]] = [(local, app.local_bus)]
    if app.cluster_bus is not None:
        remote = Syncer(
            name="cluster",
            config=config,
            store=store,
            snapshot=app.snapshot,
            instructions=send,
            kinds=lambda kind: kind == REMINDER_KIND or not config.is_local(kind),
            republish=app.local_bus,
            prepare_pages=prepare_pages,
        )
        pairs.append((remote, app.cluster_bus))
    return pairs


async def run_appliance(
    options: ApplianceOptions, *, task_status: trio.TaskStatus[Appliance] = trio.TASK_STATUS_IGNORED
) -> None:
    """Run the appliance until cancelled or signalled; returns normally after SIGTERM/SIGINT.

    ``task_status.started(appliance)`` once everything runs (first frame shown, API listening).
    Fatal errors propagate: the SQLite store cannot be opened, the API port is taken, the sink fails.
    Provider, bus and PostgreSQL failures are absorbed and retried by the tasks that meet them.
    """
    config = options.config
    for kind in local_kinds(config):  # unknown providers fail now, and provider modules load before frames
        provider_for(kind, config)
    notifier = Notifier(options.environ)
    send, receive = trio.open_memory_channel[Instruction](INSTRUCTION_QUEUE)
    app = Appliance(config=config, snapshot=Snapshot(), display=DisplayState(), local_bus=MemoryBus())
    if config.mode != "local":
        app.cluster_bus = open_bus(config.bus.url)  # connects on first use
    sink = options.sink if options.sink is not None else open_sink(config.display)
    renderer = FrameRenderer(brightness=config.display.brightness, gamma=config.display.gamma)
    pages = options.prepare_pages(config.display.pages)
    cycle = PageCycle(pages, now=trio.current_time(), known=PAGES.keys(), fallback=pages)
    loop = RenderLoop(
        config=config,
        cycle=cycle,
        snapshot=app.snapshot,
        renderer=renderer,
        sink=sink,
        display=app.display,
        instructions=receive,
        health=app.health,
        notifier=notifier,
        watchdog_interval=watchdog_interval(options.environ),
        hooks=options.hooks,
    )
    buses: list[Bus] = [app.local_bus] if app.cluster_bus is None else [app.local_bus, app.cluster_bus]
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(_signals, app, notifier, nursery.cancel_scope)
            await nursery.start(loop.run)
            app.store = store = AsyncStore(None)
            sqlite = config.store.url.startswith("sqlite:")
            if sqlite:  # opens at once or fails the boot: the API never sees it unopened
                await open_when_reachable(store, config.store.url, history=config.store.history)
            if options.serve_api:
                app.api_port = await nursery.start(partial(_serve_api, app, store, options))
            if not sqlite:
                await open_when_reachable(store, config.store.url, history=config.store.history)
            nursery.start_soon(_record_startup, store)
            for syncer, bus in _syncers(app, store, send, options.prepare_pages):
                app.syncers.append(syncer)
                await nursery.start(partial(syncer.run, bus))
            stored_pages = await app.syncers[0].reload_pages()
            if stored_pages is not None and stored_pages != pages:
                send.send_nowait(stored_pages)
            app.fetchers = LocalFetchers(config, store=store, bus=app.local_bus, replay_dir=options.replay_dir)
            await nursery.start(app.fetchers.run)
            task_status.started(app)
    finally:
        with trio.CancelScope(shield=True):
            sink.close()
            for bus in buses:
                await bus.aclose()
            if app.store is not None:
                try:
                    await app.store.aclose()
                except StoreError as exc:  # a stalled server at shutdown: nothing left to lose
                    log.warning("closing the store: %s", exc)
    notifier.notify("STATUS=stopped")
    notifier.close()


async def _serve_api(
    app: Appliance,
    store: AsyncStore,
    options: ApplianceOptions,
    *,
    task_status: trio.TaskStatus[int] = trio.TASK_STATUS_IGNORED,
) -> None:
    """Serve the API until cancelled (the supervisor cancels it on stop); reports the bound port."""
    deps = ApiDeps(
        store=store,
        bus=app.local_bus,
        config=app.config,
        control_token=options.control_token,
        display=app.display,
        health=app.health_json,
        bus_state=None if app.cluster_bus is None else app.cluster_bus_state,
        shared_bus=app.cluster_bus,
    )
    port = app.config.api.port if options.api_port is None else options.api_port
    await serve_api(
        create_app(deps),
        host=app.config.api.host,
        port=port,
        shutdown_trigger=app.stopping.wait,
        task_status=task_status,
    )
