"""A hard deadline for a clean stop: systemd (and a user's Ctrl-C) expect the process gone in 2 s.

hypercorn writes each response chunk inside a shielded cancel scope, so a dashboard that stopped
reading (a phone that left the Wi-Fi with a stream open) can hold one write, and with it the
shutdown, for as long as the kernel keeps the connection. Everything that matters is already safe by
then (each store write is one committed transaction), so after ``seconds`` the process ends with
status 0 instead of waiting.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger("ecoboard.stop")

STOP_DEADLINE_SECONDS = 1.5
"""From the stop signal to the forced exit: inside the 2-second budget with room to spare."""


def _force_exit() -> None:
    log.warning("stop took longer than %.1f s (a client that stopped reading holds a write); exiting now",
                STOP_DEADLINE_SECONDS)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def arm_exit_deadline(seconds: float = STOP_DEADLINE_SECONDS) -> None:
    """Start a daemon timer that ends the process with status 0 after ``seconds`` (call on the stop signal)."""
    timer = threading.Timer(seconds, _force_exit)
    timer.daemon = True
    timer.start()
