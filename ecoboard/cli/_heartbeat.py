"""``ecoboard fetch KIND --heartbeat FILE``: a liveness file for a poller that runs for good (the k8s
``fetch-mlb``/``fetch-nfl`` Deployments).

FILE holds one number: the Unix time by which the poller must have finished its next attempt, that is
the coordinator's next attempt time plus :data:`ATTEMPT_ALLOWANCE`. It is rewritten (atomically) as
soon as an attempt ends and the next one is scheduled. A liveness probe fails once the clock passes
it (``test "$(date +%s)" -lt "$(cat FILE)"``): the poller is wedged, not merely waiting for its next poll.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import trio

from ..fetchers import Coordinator

ATTEMPT_ALLOWANCE = timedelta(minutes=10)
"""How long after it was due an attempt may take (requests, follow-ups, store, bus) before the poller
counts as wedged. Every request already has its own timeout (``providers.KIND.timeout``, at most 120 s)."""

CHECK_SECONDS = 5.0
"""How often the coordinator's schedule is looked at."""


def write_deadline(path: Path, deadline: datetime) -> None:
    """Write ``deadline`` as whole Unix seconds to ``path``, replacing it in one step."""
    partial = path.with_name(path.name + ".new")
    partial.write_text(f"{int(deadline.timestamp())}\n", encoding="ascii")
    os.replace(partial, path)


async def keep_heartbeat(path: Path, coordinator: Coordinator, clock: Callable[[], datetime]) -> None:
    """Rewrite ``path`` whenever ``coordinator`` schedules its next attempt; never returns."""
    written: datetime | None = None
    while True:
        due = coordinator.next_attempt_at or clock()
        if due != written:
            write_deadline(path, due + ATTEMPT_ALLOWANCE)
            written = due
        await trio.sleep(CHECK_SECONDS)
