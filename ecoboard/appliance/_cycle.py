"""The page cycle and the control state machine (pure: time is passed in, nothing here does I/O).

The render loop owns one :class:`PageCycle`. Every frame it calls :meth:`PageCycle.tick` with the
trio clock; control commands (from the API or the bus ``control`` channel) are applied with
:meth:`PageCycle.apply`. ``reload`` is not handled here: the supervisor re-reads the display config
from the store and hands the new pages to :meth:`PageCycle.set_pages`.

Semantics:

- ``pause`` freezes the current page and its elapsed time; ``play`` resumes it where it stopped.
- ``next`` / ``prev`` step one page (wrapping) and restart its timer; they keep the pause state.
- ``brightness`` is a manual level 0–100 handled by :class:`~ecoboard.appliance.Brightness`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..config import PageSpec

log = logging.getLogger(__name__)

COMMANDS: tuple[str, ...] = ("pause", "play", "next", "prev", "brightness", "reload")


@dataclass(frozen=True)
class Command:
    """One validated control command; ``value`` is the brightness percentage for ``brightness``."""

    name: str
    value: int | None = None


def parse_command(payload: Mapping[str, Any]) -> Command | None:
    """Validate a bus ``control`` payload; ``None`` (and one log line) for anything unusable."""
    name = payload.get("command")
    if name not in COMMANDS:
        log.warning("ignoring unknown control command %r", name)
        return None
    if name != "brightness":
        return Command(str(name))
    value = payload.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        log.warning("ignoring brightness command with value %r (expected 0-100)", value)
        return None
    return Command("brightness", round(value))


@dataclass(frozen=True)
class CycleView:
    """What the render loop needs for one frame."""

    page: PageSpec
    index: int
    elapsed: float
    paused: bool


class PageCycle:
    """Which page is showing, since when, and whether the cycle is paused.

    ``known`` is the set of page names the renderer can draw: unknown entries of a page list are
    dropped (logged once per list). An empty usable list falls back to ``fallback``.
    """

    def __init__(self, pages: Sequence[PageSpec], *, now: float, known: Collection[str] | None = None,
                 fallback: Sequence[PageSpec] = ()) -> None:
        self._known = None if known is None else frozenset(known)
        self._fallback = tuple(fallback)
        self._pages: tuple[PageSpec, ...] = ()
        self._index = 0
        self._started = now
        self._paused_elapsed: float | None = None
        self.set_pages(pages, now=now)

    @property
    def pages(self) -> tuple[PageSpec, ...]:
        """The current page list."""
        return self._pages

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_elapsed is not None

    def _usable(self, pages: Sequence[PageSpec]) -> tuple[PageSpec, ...]:
        if self._known is None:
            return tuple(pages)
        usable = tuple(p for p in pages if p.page in self._known)
        dropped = sorted({p.page for p in pages} - {p.page for p in usable})
        if dropped:
            log.warning("page cycle: skipping pages the renderer does not know: %s", ", ".join(dropped))
        return usable

    def set_pages(self, pages: Sequence[PageSpec], *, now: float) -> None:
        """Replace the page list; stay on the same page name when it is still there, else start over."""
        usable = self._usable(pages) or self._usable(self._fallback)
        if not usable:
            raise ValueError("page cycle: no usable page in the list or the fallback")
        current = self._pages[self._index].page if self._pages else None
        names = [p.page for p in usable]
        self._pages = usable
        self._index = names.index(current) if current in names else 0
        self._restart(now)

    def _restart(self, now: float) -> None:
        self._started = now
        if self._paused_elapsed is not None:
            self._paused_elapsed = 0.0

    def tick(self, now: float) -> CycleView:
        """Advance past every page whose time is up (when playing) and describe the current one."""
        if self._paused_elapsed is None:
            while now - self._started >= self._pages[self._index].seconds:
                self._started += self._pages[self._index].seconds
                self._index = (self._index + 1) % len(self._pages)
                if now - self._started > 3600:  # after a long stall, do not replay every missed page
                    self._started = now
        elapsed = self._paused_elapsed if self._paused_elapsed is not None else now - self._started
        return CycleView(self._pages[self._index], self._index, elapsed, self.paused)

    def apply(self, command: Command, *, now: float) -> bool:
        """Apply ``pause``/``play``/``next``/``prev``; return False for commands handled elsewhere."""
        if command.name == "pause":
            if self._paused_elapsed is None:
                self._paused_elapsed = now - self._started
        elif command.name == "play":
            if self._paused_elapsed is not None:
                self._started = now - self._paused_elapsed
                self._paused_elapsed = None
        elif command.name in ("next", "prev"):
            step = 1 if command.name == "next" else -1
            self._index = (self._index + step) % len(self._pages)
            self._restart(now)
        else:
            return False
        return True
