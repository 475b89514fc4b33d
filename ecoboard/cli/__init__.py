"""The ``ecoboard`` command line. Each subcommand lives in its own ``_cmd_<name>.py`` module, which
defines ``register(subparsers)`` and sets ``handler`` on its parser; this module only dispatches.

It imports nothing but :mod:`._signals` (and ``signal``): :func:`main` catches SIGTERM and SIGINT
before the rest of the command line, logging and argparse are loaded, so that a stop signal a few
tens of milliseconds after start already stops ``ecoboard run`` with its log lines and status 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._signals import EarlyStop

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status (see :func:`ecoboard.cli._main.main`)."""
    early = EarlyStop()
    from ._main import main as run  # only once the stop signals are caught

    return run(argv, early=early)
