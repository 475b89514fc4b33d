"""Stop signals (SIGTERM, SIGINT) that come before a command has started its own handling of them."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class EarlyStop:
    """Notes SIGTERM and SIGINT from the first line of ``main`` on, while the subcommands are imported
    and until the command takes the signals over (or :meth:`release` gives them back).

    A signal is only noted (no ``KeyboardInterrupt`` traceback in the middle of an import, no death by
    the default SIGTERM action); the caller checks :meth:`requested` and stops cleanly with status 0.
    """

    @property
    def log(self) -> logging.Logger:
        """The ``ecoboard.run`` logger (logging is loaded after the catcher is in, not before)."""
        import logging

        return logging.getLogger("ecoboard.run")

    def __init__(self) -> None:
        self.signum: int | None = None
        for signum in (signal.SIGINT, signal.SIGTERM):  # SIGTERM last: once it is caught, both are
            signal.signal(signum, self._note)

    def _note(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum

    def requested(self) -> bool:
        """Whether a stop signal came; logs it the way the appliance does."""
        if self.signum is not None:
            self.log.info("%s received: stopping", signal.Signals(self.signum).name)
        return self.signum is not None

    def release(self) -> None:
        """Give the signals their default handling back (SIGINT raises ``KeyboardInterrupt`` again)."""
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
