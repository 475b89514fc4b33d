"""The sync task: bus messages in, records from the store into the snapshot, control to the render loop.

One :class:`Syncer` per bus. Local mode has one on the in-process bus (fed by the local fetchers
and the embedded API); cluster mode adds one on Redis (fed by the cluster's fetchers and
``ecoboard api``); hybrid splits the kinds between the two. Both use the same path: an ``update``
names a kind and version, the record is read from the store in a worker thread, and the snapshot is
replaced. After every ``connected`` (first subscribe and every reconnect) every kind in scope is
re-read, because pub/sub loses what was published while away (C26).

The bus is not needed to show what the store holds: every kind in scope is read from the store at
once when the syncer starts, and again every :data:`STORE_POLL_SECONDS` for as long as the bus is
away (before its first ``connected``, and from a ``disconnected`` until the next ``connected``: the
Redis bus finds a stalled server itself). A board that boots during a Redis outage shows the last
records, and keeps them fresh, instead of its "waiting" pages.

Every full re-read replaces what the snapshot holds by what the store says, even an older version (a
store reset or restored from a backup); an update announcing a version older than the one held
starts one, so a reset store's new records reach the panel with their first update.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

import trio

from .._backoff import Backoff
from .._errors import StoreError
from .._record import Record
from ..bus import Bus, BusMessage, BusState
from ..config import Config, PageSpec
from ..renderer import KindHealth, page_spec_errors
from ..store import AsyncStore
from ._cycle import parse_command
from ._render_loop import Instruction
from ._state import Snapshot

log = logging.getLogger(__name__)

STORE_POLL_SECONDS = 3.0
"""While the bus is away, every kind in scope is re-read from the store this often."""


class Syncer:
    """Keeps :class:`Snapshot` at the store's latest version of every kind accepted by ``kinds``.

    ``republish`` (optional) is another bus on which each newly read record is announced as an
    ``update``: the Redis syncer uses it to forward cluster updates to the in-process bus, which the
    embedded API's SSE stream follows. ``prepare_pages`` readies a page cycle read from the store
    (see :class:`~ecoboard.appliance.ApplianceOptions`).
    """

    def __init__(
        self,
        *,
        name: str,
        config: Config,
        store: AsyncStore,
        snapshot: Snapshot,
        instructions: trio.MemorySendChannel[Instruction],
        kinds: Callable[[str], bool],
        republish: Bus | None = None,
        prepare_pages: Callable[[Sequence[PageSpec]], tuple[PageSpec, ...]] = tuple,
    ) -> None:
        self.name = name
        self.config = config
        self.store = store
        self.snapshot = snapshot
        self.instructions = instructions
        self.kinds = kinds
        self.republish = republish
        self.prepare_pages = prepare_pages
        self.bus_state: BusState = "connecting"
        self.last_error: str | None = None
        self.failures = 0
        self._resync = trio.Event()

    @property
    def connected(self) -> bool:
        """Whether the bus confirmed the subscription and has not lost it since."""
        return self.bus_state == "connected"

    # -- reading the store ------------------------------------------------------------------

    async def _accept(self, records: list[Record], *, reread_from: int | None = None) -> None:
        changed = self.snapshot.offer(records, now=trio.current_time(), reread_from=reread_from)
        if self.republish is not None:
            for kind in changed:
                await self.republish.publish("update", {"kind": kind, "version": self.snapshot.records[kind].version})

    def _failed(self, what: str, exc: StoreError) -> None:
        if self.last_error is None:
            log.warning("%s sync: %s failed (%s); retrying with backoff", self.name, what, exc)
        self.last_error = str(exc)
        self.failures += 1
        self._resync.set()

    def _recovered(self) -> None:
        if self.last_error is not None:
            log.info("%s sync: store reachable again after %d failures", self.name, self.failures)
        self.last_error = None
        self.failures = 0

    async def resync(self) -> bool:
        """Read the latest record of every kind in scope and keep what the store says (see the module
        docstring); False (and a retry scheduled) on a store error."""
        since = self.snapshot.mark()
        try:
            latest = await self.store.latest_all()
        except StoreError as exc:
            self._failed("re-reading every kind", exc)
            return False
        self._recovered()
        await self._accept([r for k, r in latest.items() if self.kinds(k)], reread_from=since)
        return True

    async def _read(self, kind: str, version: int) -> None:
        held = self.snapshot.records.get(kind)
        if held is not None and version < held.version:  # the store was reset or restored, or a late message
            await self.resync()
            return
        if held is not None and held.version == version:
            return
        try:
            record = await self.store.latest(kind)
        except StoreError as exc:
            self._failed(f"reading {kind} v{version}", exc)
            return
        self._recovered()
        if record is not None:
            await self._accept([record])

    # -- tasks -------------------------------------------------------------------------------

    async def retry_loop(self) -> None:
        """Re-read everything after a store error, with capped backoff, until it succeeds; repeat.

        Never returns unless cancelled; store errors are absorbed (logged on the edges).
        """
        backoff = Backoff(base=0.5, cap=30.0)
        while True:
            await self._resync.wait()
            self._resync = trio.Event()
            while not await self.resync():
                self._resync = trio.Event()
                await trio.sleep(backoff.next_delay())
            backoff.reset()

    async def poll_while_away(self) -> None:
        """Read the store at once, then every :data:`STORE_POLL_SECONDS` while the bus is away (no
        ``connected`` yet, or ``disconnected`` since). Never returns unless cancelled; store errors are
        absorbed.
        """
        while True:
            if not self.connected:
                await self.resync()
            await trio.sleep(STORE_POLL_SECONDS)

    async def run(self, bus: Bus, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Follow ``bus`` until cancelled; never returns otherwise.

        ``task_status.started()`` once subscribed. Bus reconnects happen inside the subscription
        (each one yields ``connected``); while the bus is away the store is polled
        (:meth:`poll_while_away`); store errors are absorbed and retried by :meth:`retry_loop`;
        malformed messages are logged and skipped. Nothing here blocks the render loop.
        """
        async with trio.open_nursery() as nursery:
            nursery.start_soon(self.retry_loop)
            nursery.start_soon(self.poll_while_away)
            async with bus.subscribe() as messages:
                task_status.started()
                async for message in messages:
                    await self._handle(message)

    async def _handle(self, message: BusMessage) -> None:
        if message.channel == "connected":
            self.bus_state = "connected"
            await self.resync()
        elif message.channel == "disconnected":  # the bus logged it; poll the store until it is back
            self.bus_state = "away"
        elif message.channel == "update":
            kind, version = message.payload.get("kind"), message.payload.get("version")
            if not isinstance(kind, str) or isinstance(version, bool) or not isinstance(version, int):
                log.warning("%s sync: ignoring malformed update %r", self.name, message.payload)
            elif self.kinds(kind):
                await self._read(kind, version)
        elif message.channel == "control":
            command = parse_command(message.payload)
            if command is None:
                return
            if command.name == "reload":
                pages = await self.reload_pages()
                if pages is not None:
                    self._send(pages)
            else:
                self._send(command)

    async def reload_pages(self) -> tuple[PageSpec, ...] | None:
        """The page cycle from the store's display config, else the config file's; ``None`` (the current
        pages stay) when the store cannot give it (unreachable, or a row it cannot read) or a stored
        row names a page the renderer cannot draw or an option its page does not take.

        Every such refusal is one ERROR line in one wording, named by the board's mode (local, cluster
        or hybrid), whichever bus the reload came over."""
        try:
            stored = await self.store.display_config()
        except StoreError as exc:
            self._refuse_pages(str(exc))
            return None
        errors = [
            error
            for row, spec in enumerate(stored or ())
            for error in page_spec_errors(spec, f"display_config: row [{row}]")
        ]
        if errors:
            self._refuse_pages("; ".join(errors))
            return None
        return await trio.to_thread.run_sync(self.prepare_pages, stored or self.config.display.pages)

    def _refuse_pages(self, reason: str) -> None:
        log.error(
            "%s mode: the page cycle is not reloaded from the store, keeping the current pages: %s",
            self.config.mode,
            reason,
        )

    def _send(self, instruction: Instruction) -> None:
        try:
            self.instructions.send_nowait(instruction)
        except trio.WouldBlock:
            log.warning("%s sync: render loop is not taking control commands; dropping one", self.name)

    def health(self, kind: str, now: datetime) -> KindHealth:
        """How ``kind`` looks from this syncer (cluster kinds: the fetch status is not visible here)."""
        record = self.snapshot.records.get(kind)
        return KindHealth(
            ok=self.last_error is None,
            stale=record is not None and record.is_stale(now),
            last_success_at=None if record is None else record.fetched_at,
            last_error=self.last_error,
            consecutive_failures=self.failures,
        )
