"""One shared rate limiter per provider (C29): a minimum interval between calls and a daily count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import trio

DEFAULT_MIN_INTERVAL = 1.0
"""Seconds between two calls to one provider, whatever kind they are for."""


class RateLimiter:
    """Spaces calls to one provider at least ``min_interval`` seconds apart and counts calls per day.

    ``wait()`` is shared by every kind that uses the provider (weather and aqi both call Open-Meteo).
    The day is the UTC date of ``today()`` (injectable for tests).
    """

    def __init__(self, min_interval: float = DEFAULT_MIN_INTERVAL, *,
                 today: Callable[[], date] | None = None) -> None:
        self.min_interval = min_interval
        self._today = today or (lambda: datetime.now(UTC).date())
        self._lock = trio.Lock()
        self._last: float | None = None
        self._day: date | None = None
        self._calls = 0

    async def wait(self) -> None:
        """Wait for this provider's turn, then count one call."""
        async with self._lock:
            if self._last is not None:
                # never more than one interval, even if _last came from another trio run's clock
                wait = min(self._last + self.min_interval - trio.current_time(), self.min_interval)
                await trio.sleep(max(wait, 0.0))
            self._last = trio.current_time()
            self._count()

    def _count(self) -> None:
        day = self._today()
        if day != self._day:
            self._day, self._calls = day, 0
        self._calls += 1

    def calls_today(self) -> int:
        """Calls made so far on the current day."""
        return self._calls if self._day == self._today() else 0


class Limiters:
    """The rate limiters of one process, one per provider name, created on first use."""

    def __init__(self, min_interval: float = DEFAULT_MIN_INTERVAL) -> None:
        self.min_interval = min_interval
        self._by_provider: dict[str, RateLimiter] = {}

    def for_provider(self, name: str) -> RateLimiter:
        """The limiter shared by every kind fetched from provider ``name``."""
        if name not in self._by_provider:
            self._by_provider[name] = RateLimiter(self.min_interval)
        return self._by_provider[name]

    def calls_today(self) -> dict[str, int]:
        """Calls per provider on the current day."""
        return {name: limiter.calls_today() for name, limiter in sorted(self._by_provider.items())}
