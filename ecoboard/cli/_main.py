"""Parse arguments, dispatch to the subcommand, turn ecoboard errors into one-line messages."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from .._errors import EcoboardError
from .._version import __version__
from ._signals import EarlyStop


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every ``_cmd_*`` module's subcommands registered (sorted by module name)."""
    parser = argparse.ArgumentParser(prog="ecoboard", description="ecoboard LED board and dashboard")
    parser.add_argument("--version", action="version", version=f"ecoboard {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    package = importlib.import_module(__package__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_cmd_"):
            importlib.import_module(f"{__package__}.{info.name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, early: EarlyStop | None = None) -> int:
    """Run the command line; returns the process exit status.

    SIGTERM and SIGINT are caught from the first line on (``early``, installed by
    :func:`ecoboard.cli.main` before this module is imported; else here): one that comes while the
    subcommands are imported (most of a second on a Pi) stops the command before it starts, with
    status 0. A command that handles them itself (``run``: ``keeps_stop_signals``) takes the catcher
    over; the others get the default handling back.
    """
    early = early or EarlyStop()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if early.requested():
        early.log.info("stopped")
        return 0
    if not getattr(args, "keeps_stop_signals", False):
        early.release()
    args.early_stop = early
    try:
        return int(args.handler(args) or 0)
    except EcoboardError as exc:
        print(f"ecoboard {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file named on the command line cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"ecoboard {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
