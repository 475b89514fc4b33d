"""The render loop and the local syncer on trio's virtual clock (no real sleeps)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import trio
import trio.testing

from ecoboard.appliance import Command, DisplayState, Notifier, PageCycle, RenderHooks, RenderLoop, Snapshot, Syncer
from ecoboard.bus import MemoryBus
from ecoboard.config import PageSpec, parse_config
from ecoboard.renderer import PAGES, FrameRenderer, NullSink
from ecoboard.store import AsyncStore, open_store

WALL = datetime(2024, 4, 28, 18, 0, tzinfo=UTC)


class SlowSink(NullSink):
    """A sink whose ``show`` takes ``delay`` virtual seconds on the frames listed in ``slow``."""

    def __init__(self, clock: trio.testing.MockClock, slow: dict[int, float]) -> None:
        super().__init__()
        self.clock, self.slow = clock, slow

    def show(self, frame: np.ndarray) -> None:
        super().show(frame)
        if self.frames_shown in self.slow:
            self.clock.jump(self.slow[self.frames_shown])


def make_loop(sink: NullSink, *, fps: float = 10.0):
    config = parse_config({"display": {"fps": fps, "brightness": 70,
                                       "pages": [{"page": "clock", "seconds": 5}, {"page": "weather", "seconds": 5}]}},
                          environ={})
    send, receive = trio.open_memory_channel(4)
    display = DisplayState()
    loop = RenderLoop(config=config, cycle=PageCycle(config.display.pages, now=trio.current_time(), known=PAGES),
                      snapshot=Snapshot(), renderer=FrameRenderer(brightness=70), sink=sink, display=display,
                      instructions=receive, health=dict, notifier=Notifier({}), watchdog_interval=None,
                      hooks=RenderHooks(wall_clock=lambda: WALL))
    return loop, send, display


async def test_steady_frames_count_misses_and_apply_control(autojump_clock: trio.testing.MockClock) -> None:
    sink = SlowSink(autojump_clock, {20: 0.35})  # frame 20 takes 3.5 budgets
    loop, send, display = make_loop(sink)
    async with trio.open_nursery() as nursery:
        await nursery.start(loop.run)
        await trio.sleep(1.85)  # frames at 0.0, 0.1, ... 1.8
        assert display.stats.frames == 19 and display.stats.missed_frames == 0
        await trio.sleep(1.0)
        assert display.stats.missed_frames == 3
        assert display.stats.max_consecutive_missed == 3
        assert display.page == "clock" and display.brightness == 70
        send.send_nowait(Command("next"))
        send.send_nowait(Command("brightness", 25))
        await trio.sleep(0.1)
        assert (display.page, display.brightness, display.paused) == ("weather", 25, False)
        send.send_nowait(Command("pause"))
        await trio.sleep(10)
        assert (display.page, display.paused) == ("weather", True)
        send.send_nowait((PageSpec("mlb", 30), PageSpec("clock", 5)))
        await trio.sleep(0.1)
        assert display.pages == ("mlb", "clock") and display.page == "mlb"
        frame = display.latest_frame()
        assert frame is not None and frame.shape == (64, 128, 3)
        nursery.cancel_scope.cancel()
    assert sink.frames_shown == display.stats.frames


async def until(predicate) -> None:
    """Wait (real time, store reads run in threads) until ``predicate()`` holds; fail after 5 s."""
    with trio.fail_after(5):
        for _ in range(10_000):
            if predicate():
                return
            await trio.sleep(0.005)


@pytest.fixture
async def store(tmp_path: Path):
    s = AsyncStore(open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    yield s
    await s.aclose()


async def test_syncer_reads_announced_versions_and_reloads_pages(store: AsyncStore) -> None:
    config = parse_config({}, environ={})
    snapshot, bus = Snapshot(), MemoryBus()
    send, receive = trio.open_memory_channel(4)
    syncer = Syncer(name="local", config=config, store=store, snapshot=snapshot, instructions=send,
                    kinds=config.is_local)
    first = await store.write("sun_moon", fetched_at=WALL, valid_until=WALL, source="met-norway",
                              data={"date": "2024-04-28"})
    async with trio.open_nursery() as nursery:
        await nursery.start(syncer.run, bus)
        await until(lambda: snapshot.versions() == {"sun_moon": first.version})  # re-read on "connected"
        second = await store.write("sun_moon", fetched_at=WALL, valid_until=WALL, source="met-norway",
                                   data={"date": "2024-04-29"})
        await bus.publish("update", {"kind": "sun_moon", "version": second.version})
        await until(lambda: snapshot.versions() == {"sun_moon": second.version})
        assert snapshot.records["sun_moon"].data["date"] == "2024-04-29"
        await store.set_display_config([PageSpec("nfl", 20)])
        await bus.publish("control", {"command": "reload"})
        await bus.publish("control", {"command": "brightness", "value": 40})
        await bus.publish("control", {"command": "fwd"})
        assert await receive.receive() == (PageSpec("nfl", 20),)
        await trio.testing.wait_all_tasks_blocked()
        assert receive.receive_nowait() == Command("brightness", 40)
        with pytest.raises(trio.WouldBlock):
            receive.receive_nowait()
        nursery.cancel_scope.cancel()
