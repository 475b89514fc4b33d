"""Edge-triggered logs of a backend (the record store, the bus) failing the API's requests.

While PostgreSQL or Redis is down every request that needs it answers 503; logging each of them
would fill the journal of a Pi polled by a few phones. One :class:`OutageLog` per backend and app
logs one warning when the first request fails and one info line when a request succeeds again.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class OutageLog:
    """Whether ``backend`` (``"the record store"``, ``"the update bus"``) is failing requests, logged on changes."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.down = False

    def failed(self, request: str, error: Exception) -> None:
        """A request (``"GET /api/v1/records"``) failed on the backend: a warning if it answered until now."""
        if not self.down:
            log.warning(
                "%s: %s failed (%s); requests that need it answer 503 until it answers again",
                request,
                self.backend,
                error,
            )
        self.down = True

    def answered(self) -> None:
        """A request got its answer from the backend: an info line if it was failing until now."""
        if self.down:
            log.info("%s answers API requests again", self.backend)
        self.down = False
