"""sd_notify: ``READY=1``, ``WATCHDOG=1``, ``STATUS=...`` and ``STOPPING=1`` to systemd's socket.

A few lines over a non-blocking ``AF_UNIX`` datagram socket instead of the ``sdnotify`` package: that
package's socket is blocking (a full receive queue would stall the render loop, which sends the
watchdog pings) and it hides every error behind a bare ``except``. Without ``NOTIFY_SOCKET`` (not
started by systemd) every call is a no-op. A datagram that cannot be sent right now is dropped and
logged once: the next ping follows within half the watchdog period.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def watchdog_interval(environ: Mapping[str, str] = os.environ) -> float | None:
    """Seconds between ``WATCHDOG=1`` pings: half of ``WATCHDOG_USEC``, or ``None`` when unset.

    ``WATCHDOG_PID``, when set, must name this process (systemd sets it for the main process).
    """
    usec = environ.get("WATCHDOG_USEC", "")
    pid = environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and pid.isdigit() and int(pid) != os.getpid():
        return None
    return int(usec) / 1_000_000 / 2


class Notifier:
    """Sends sd_notify datagrams to ``$NOTIFY_SOCKET`` (an abstract ``@name`` or a path)."""

    def __init__(self, environ: Mapping[str, str] = os.environ) -> None:
        address = environ.get("NOTIFY_SOCKET", "")
        self._sock: socket.socket | None = None
        self._address = "\0" + address[1:] if address.startswith("@") else address
        self._warned = False
        if address:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.setblocking(False)

    @property
    def enabled(self) -> bool:
        """True when started with a notification socket."""
        return self._sock is not None

    def notify(self, *lines: str) -> None:
        """Send one datagram with ``lines`` (``KEY=value``); drop it if the socket is unavailable."""
        if self._sock is None:
            return
        try:
            self._sock.sendto("\n".join(lines).encode(), self._address)
        except OSError as exc:
            if not self._warned:
                log.warning("sd_notify to %s failed (%s); dropping notifications until it works",
                            self._address.lstrip("\0"), exc.strerror or exc)
                self._warned = True
        else:
            self._warned = False

    def close(self) -> None:
        """Close the socket."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
