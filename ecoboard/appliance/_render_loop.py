"""The render loop: one frame per budget, drawn from the record snapshot, swapped, shown, timed.

It never awaits the network or the database: records come from :class:`Snapshot` (replaced
atomically by the sync task), control commands and new page lists from a bounded channel read
with ``receive_nowait``. Its only awaits are the frame pacer's ``trio.sleep_until``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import trio

from ..config import Config, PageSpec
from ..renderer import FrameRenderer, KindHealth, PageContext, Sink
from ._cycle import Command, PageCycle
from ._night import Brightness
from ._state import DisplayState, Snapshot
from ._systemd import Notifier

log = logging.getLogger(__name__)

Instruction = Command | tuple[PageSpec, ...]
"""What reaches the render loop: a control command, or a new page list (after ``reload``)."""

_SLOW_EVERY = 1.0  # seconds between brightness / health refreshes
_STATUS_EVERY = 5.0  # seconds between STATUS= lines (also sent on every page change)
_PING_EARLY = 0.5
"""Pings go out every half of :attr:`RenderLoop.watchdog_interval` (WatchdogSec/4): the other half is margin,
so a slow frame or a start-up stall of a few hundred milliseconds never stretches a gap past WatchdogSec/2,
while a loop hung for WatchdogSec still gets the service restarted."""


@dataclass
class RenderHooks:
    """Injection points: the wall clock (tests pin it) and the debug hang (``ECOBOARD_DEBUG_HANG_RENDER_AFTER``)."""

    wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    hang_after_frames: int | None = None


class RenderLoop:
    """Owns the page cycle, the brightness and the frame pacer; see :meth:`run`."""

    def __init__(
        self,
        *,
        config: Config,
        cycle: PageCycle,
        snapshot: Snapshot,
        renderer: FrameRenderer,
        sink: Sink,
        display: DisplayState,
        instructions: trio.MemoryReceiveChannel[Instruction],
        health: Callable[[], Mapping[str, KindHealth]],
        notifier: Notifier,
        watchdog_interval: float | None,
        hooks: RenderHooks | None = None,
    ) -> None:
        self.config = config
        self.cycle = cycle
        self.snapshot = snapshot
        self.renderer = renderer
        self.sink = sink
        self.display = display
        self.instructions = instructions
        self.health_fn = health
        self.notifier = notifier
        self.watchdog_interval = watchdog_interval
        self.hooks = hooks or RenderHooks()
        self.brightness = Brightness(config)
        self.budget = 1.0 / config.display.fps

    def _drain_instructions(self, now: float) -> None:
        while True:
            try:
                item = self.instructions.receive_nowait()
            except (trio.WouldBlock, trio.EndOfChannel):
                return
            if isinstance(item, tuple):  # logged by page name only: page options can hold a password
                self.cycle.set_pages(item, now=now)
                self.display.pages = tuple(p.page for p in self.cycle.pages)
                log.info("page cycle reloaded: %s", ", ".join(self.display.pages))
                continue
            if item.name == "brightness" and item.value is not None:
                self.brightness.set_manual(item.value)
                self._next_slow = now
            else:
                self.cycle.apply(item, now=now)
            log.info("control: %s%s", item.name, "" if item.value is None else f" {item.value}")

    def _set_brightness(self, level: int) -> None:
        if level != self.display.brightness:
            self.renderer.set_brightness(level, self.config.display.gamma)  # the one place it is applied
            self.display.brightness = level

    def _status_line(self) -> str:
        stats = self.display.stats
        stale = sorted(k for k, h in self._health.items() if h.stale)
        paused = " (paused)" if self.display.paused else ""
        return (
            f"STATUS=page {self.display.page}{paused}, {stats.fps:.1f} fps, "
            f"stale: {', '.join(stale) if stale else 'none'}"
        )

    async def run(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Render frames until cancelled; never returns otherwise.

        ``task_status.started()`` and ``READY=1`` follow the first frame shown. ``WATCHDOG=1`` is sent
        from this loop every ``watchdog_interval`` seconds, so a hung loop stops the pings and systemd
        restarts the service. A failing page is absorbed by the renderer (error frame); a failing
        sink or any other exception propagates and ends the appliance (systemd restarts it).
        """
        stats = self.display.stats
        self._health: Mapping[str, KindHealth] = {}
        now = trio.current_time()
        self._next_slow = now
        next_status = now + _STATUS_EVERY
        next_ping = now
        deadline = now
        current_page: tuple[int, str] | None = None
        frame_index = 0
        window_start, window_frames = now, 0
        while True:
            now = trio.current_time()
            self._drain_instructions(now)
            view = self.cycle.tick(now)
            if (view.index, view.page.page) != current_page:
                current_page = (view.index, view.page.page)
                frame_index = 0
                self.display.page, self.display.page_index = view.page.page, view.index
                self.display.pages = tuple(p.page for p in self.cycle.pages)
                next_status = now
            self.display.paused = view.paused
            records = self.snapshot.records
            wall = self.hooks.wall_clock()
            if now >= self._next_slow:
                self._health = self.health_fn()
                self._set_brightness(self.brightness.level(wall, records))
                self._next_slow = now + _SLOW_EVERY
            ctx = PageContext(
                records=records,
                now=wall,
                config=self.config,
                options=view.page.options,
                health=self._health,
                frame_index=frame_index,
                page_elapsed=view.elapsed,
                paused=view.paused,
            )
            front = self.renderer.render(view.page.page, ctx)
            self.sink.show(front)
            swapped = trio.current_time()
            self.display.set_frame(self.renderer.composed, wall)
            for kind, record in records.items():
                if stats.shown.get(kind, (0, 0.0))[0] != record.version:
                    stats.shown[kind] = (record.version, swapped)
            stats.frames += 1
            stats.last_swap = swapped
            frame_index += 1
            stats.frame_time_ms = 0.9 * stats.frame_time_ms + 0.1 * (swapped - now) * 1000
            window_frames += 1
            if swapped - window_start >= 1.0:
                stats.fps = window_frames / (swapped - window_start)
                window_start, window_frames = swapped, 0
            if stats.frames == 1:
                self.notifier.notify("READY=1", self._status_line())
                log.info("first frame shown (page %s)", view.page.page)
                task_status.started()
            if self.watchdog_interval is not None and swapped >= next_ping:
                self.notifier.notify("WATCHDOG=1")
                next_ping = swapped + self.watchdog_interval * _PING_EARLY
            if swapped >= next_status:
                self.notifier.notify(self._status_line())
                next_status = swapped + _STATUS_EVERY
            if self.hooks.hang_after_frames is not None and stats.frames >= self.hooks.hang_after_frames:
                log.warning("debug hook: render loop hangs after %d frames", stats.frames)
                await trio.sleep_forever()
            deadline = self._pace(deadline, swapped)
            await trio.sleep_until(deadline)

    def _pace(self, deadline: float, now: float) -> float:
        """The next frame's deadline; frames whose slot has already passed are counted as missed."""
        deadline += self.budget
        stats = self.display.stats
        if now > deadline:
            missed = math.floor((now - deadline) / self.budget) + 1
            stats.missed_frames += missed
            stats.max_consecutive_missed = max(stats.max_consecutive_missed, missed)
            deadline += missed * self.budget
        return deadline
