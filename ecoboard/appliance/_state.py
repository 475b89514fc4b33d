"""Shared appliance state: the record snapshot the render loop reads and the display state it writes.

Both live on the trio thread. The snapshot is an immutable mapping replaced as a whole by the sync
task (one assignment, no awaits in between), so the render loop always sees a consistent set of
records and never waits for a lock, the store or the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

import numpy as np
import trio

from .._record import Record, iso_utc
from .._supersedes import supersedes


class Snapshot:
    """The latest record per kind, as an immutable mapping replaced atomically.

    ``changed_at`` maps kind -> trio time its current record entered the snapshot.
    """

    def __init__(self) -> None:
        self.records: Mapping[str, Record] = MappingProxyType({})
        self.changed_at: dict[str, float] = {}
        self._accepted = 0  # records accepted so far
        self._accepted_as: dict[str, int] = {}  # kind -> the count when its current record was accepted

    def versions(self) -> dict[str, int]:
        """The version held for every kind."""
        return {kind: record.version for kind, record in self.records.items()}

    def mark(self) -> int:
        """Where the snapshot is now: take it before a full re-read and pass it to :meth:`offer`."""
        return self._accepted

    def offer(self, records: Iterable[Record], *, now: float, reread_from: int | None = None) -> list[str]:
        """Keep each record that is newer than the one held; return the kinds that changed.

        ``reread_from`` (the :meth:`mark` taken before a full re-read of the store began) keeps the
        store's record instead, even an older version (a store reset or restored from a backup),
        except over a record accepted after the re-read began: that one is newer than what it saw.
        """
        merged = dict(self.records)
        changed = []
        for record in records:
            full_read = reread_from is not None and self._accepted_as.get(record.kind, 0) <= reread_from
            if supersedes(record, merged.get(record.kind), full_read=full_read):
                merged[record.kind] = record
                changed.append(record.kind)
                self.changed_at[record.kind] = now
                self._accepted += 1
                self._accepted_as[record.kind] = self._accepted
        if changed:
            self.records = MappingProxyType(merged)
        return changed


@dataclass
class FrameStats:
    """Frame pacing figures, updated by the render loop."""

    frames: int = 0
    missed_frames: int = 0
    max_consecutive_missed: int = 0
    frame_time_ms: float = 0.0
    fps: float = 0.0
    last_swap: float | None = None
    shown: dict[str, tuple[int, float]] = field(default_factory=dict)
    """kind -> (version, trio time of the first swap whose snapshot held that version)."""


class DisplayState:
    """The running display as the API sees it (implements ``ecoboard.api.DisplayView``)."""

    def __init__(self) -> None:
        self.page = ""
        self.page_index = 0
        self.pages: tuple[str, ...] = ()
        self.paused = False
        self.brightness = 0
        self.stats = FrameStats()
        self.last_frame_at: datetime | None = None
        self._frame: np.ndarray | None = None
        self._swapped = trio.Event()

    def set_frame(self, frame: np.ndarray, at: datetime) -> None:
        """Keep a private copy of the frame just shown (the renderer reuses its buffers)."""
        if self._frame is None or self._frame.shape != frame.shape:
            self._frame = np.empty_like(frame)
        np.copyto(self._frame, frame)
        self.last_frame_at = at
        self._swapped.set()
        self._swapped = trio.Event()

    async def next_frame(self) -> None:
        """Wait until the next frame has been shown (tests and the latency bench)."""
        await self._swapped.wait()

    def state(self) -> Mapping[str, Any]:
        """Page, cycle, brightness and frame pacing, JSON-ready."""
        stats = self.stats
        return {
            "page": self.page,
            "page_index": self.page_index,
            "pages": list(self.pages),
            "paused": self.paused,
            "brightness": self.brightness,
            "fps": round(stats.fps, 1),
            "frame_time_ms": round(stats.frame_time_ms, 2),
            "missed_frames": stats.missed_frames,
            "last_frame_at": None if self.last_frame_at is None else iso_utc(self.last_frame_at),
        }

    def latest_frame(self) -> np.ndarray | None:
        """A copy of the last frame shown, or ``None`` before the first one."""
        return None if self._frame is None else self._frame.copy()
