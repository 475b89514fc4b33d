"""Capped exponential backoff with jitter, shared by the fetchers and the bus reconnect loop."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays ``base * 2**n`` capped at ``cap``, each with "equal jitter" (between half and all of it).

    Call :meth:`next_delay` after each failure and :meth:`reset` after a success. ``rng`` is
    injectable so tests can pin the jitter.
    """

    base: float = 1.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random, repr=False)
    failures: int = 0

    def next_delay(self) -> float:
        """The delay before the next attempt; counts one more failure."""
        ceiling = min(self.cap, self.base * 2.0 ** min(self.failures, 62))
        self.failures += 1
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def reset(self) -> None:
        """Forget the failures (after a success)."""
        self.failures = 0
