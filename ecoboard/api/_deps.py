"""What the API needs from its host: the store, the bus, the config and, in the appliance, the display.

The appliance builds one :class:`ApiDeps` with its display and fetch health; ``ecoboard api`` (the
cluster deployment) builds one without them, and the display routes answer 503.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..bus import Bus, BusState
from ..config import Config
from ..store import AsyncStore

HealthFn = Callable[[], Mapping[str, Mapping[str, Any]]]
"""Per-kind fetch status: ``{kind: {ok, stale, last_success_at, last_error, consecutive_failures}}``."""


class DisplayView(Protocol):
    """A read-only view of the running display, implemented by the appliance.

    Both methods are called on the trio thread and must return at once (no I/O, no waiting).
    """

    def state(self) -> Mapping[str, Any]:
        """``page``, ``page_index``, ``pages``, ``paused``, ``brightness``, ``fps``, ``frame_time_ms``,
        ``missed_frames``, ``last_frame_at`` (an aware datetime or ISO-8601 text, ``None`` before the
        first frame)."""
        ...

    def latest_frame(self) -> np.ndarray | None:
        """The last frame shown, a ``(64, 128, 3)`` ``uint8`` array, or ``None`` before the first one."""
        ...


@dataclass(frozen=True)
class ApiDeps:
    """The API's dependencies. ``control_token`` is a secret: it is kept out of ``repr``.

    ``web_dist`` overrides where the built dashboard is looked for (else ``$ECOBOARD_WEB_DIST``, else
    ``web/dist`` of the source checkout, see :mod:`ecoboard.api._static`).

    ``bus_state`` reports the update subscription when ``bus`` only relays it: the appliance in cluster
    and hybrid mode gives the state of its Redis syncer, since the SSE fan-out follows the in-process
    bus, which never goes away. Without it, ``/readyz`` reports the fan-out's own subscription.

    ``shared_bus`` is where the records this API writes itself (the reminder mark) are announced as
    well as on ``bus``: the cluster's Redis on a cluster or hybrid board, so that other boards and the
    cluster's ``ecoboard api`` hear a mark made on this board.
    """

    store: AsyncStore
    bus: Bus
    config: Config
    control_token: str | None = field(default=None, repr=False)
    display: DisplayView | None = None
    health: HealthFn | None = None
    web_dist: Path | None = None
    bus_state: Callable[[], BusState] | None = None
    shared_bus: Bus | None = None
