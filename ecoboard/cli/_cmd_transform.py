"""``ecoboard transform KIND --provider P --now INSTANT FILE``: run one provider's TRANSFORM on
recorded answers and print the normalized record as JSON (nothing is fetched, stored or published).

``FILE`` is the answer to the provider's first request. A provider that makes several requests
takes the others as ``--file NAME=PATH`` (names as in its ``requests()``: ``sun_moon`` from
``met-norway`` has ``sun`` and ``moon``). The answer to a follow-up request (``range`` of the MLB
providers after a day without games, ``forecast`` and ``forecast_hourly`` of NWS) is given the same
way; an optional one left out gives the record a failed follow-up gives, a required one left out is an
error naming it. The printed record has ``version`` 0: it was not stored.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from .._errors import ConfigError, EcoboardError, PayloadError
from .._record import Record
from ..config import Config, ProviderSettings, load_config
from ..fetchers import FetchContext, Provider, transform_answers
from ..fetchers._coordinator import stale_after
from ..fetchers._extract import decode_json
from ..fetchers.providers import get_provider
from ._cmd_fetch import config_file
from ._now import parse_now

log = logging.getLogger("ecoboard.transform")

_CONTENT_TYPES = {".json": "application/json", ".html": "text/html", ".htm": "text/html"}


class _IntermixedParser(argparse.ArgumentParser):
    """Lets FILE come after the options (``KIND --provider P --now T FILE``), which plain argparse
    refuses on Python 3.11 when an optional positional precedes the options."""

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self._inside:  # parse_known_intermixed_args calls back into parse_known_args
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``transform`` subcommand."""
    parser = subparsers.add_parser(
        "transform",
        help="print the normalized record for recorded provider answers",
        description=__doc__.split("\n\n")[0],
    )
    parser.__class__ = _IntermixedParser
    parser.add_argument("kind", metavar="KIND")
    parser.add_argument("--provider", required=True, metavar="PROVIDER", help="provider id, e.g. mlb-statsapi")
    parser.add_argument(
        "--now",
        required=True,
        metavar="ISO-INSTANT",
        help="the instant of the fetch, with an offset (e.g. 2024-04-28T20:10:00Z)",
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="the answer to the provider's first request")
    parser.add_argument(
        "--file",
        dest="files",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="the answer to request NAME (repeat for multi-request providers)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)",
    )
    parser.set_defaults(handler=run_transform)


def _context(args: argparse.Namespace, config: Config, provider: Provider) -> FetchContext:
    now = parse_now(args.now)
    settings = config.providers.get(args.kind)
    if settings is None or settings.provider != provider.name:
        settings = ProviderSettings(provider=provider.name)
    return FetchContext(now=now, config=config, settings=settings, api_key=None)


def _paths(args: argparse.Namespace, first: str) -> dict[str, Path]:
    """The answer files by request name: ``FILE`` for request ``first``, then every ``--file NAME=PATH``."""
    paths: dict[str, Path] = {}
    if args.file:
        paths[first] = Path(args.file)
    for item in args.files:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise ConfigError(f"--file: expected NAME=PATH, got {item!r}")
        paths[name] = Path(path)
    return paths


def _answers(args: argparse.Namespace, provider: Provider, ctx: FetchContext) -> dict[str, Any]:
    """The parsed answers of the provider's requests and of those follow-ups that were given."""
    names = [spec.name for spec in provider.requests(ctx)]
    paths = _paths(args, names[0])
    missing = [n for n in names if n not in paths]
    if missing:
        unknown = [repr(n) for n in paths if n not in names]  # a typo of the missing name, most likely
        named = (
            f"; --file {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not among them" if unknown else ""
        )
        raise ConfigError(
            f"no answer given for request {', '.join(missing)}{named} (requests: {', '.join(names)}; "
            "give FILE for the first and --file NAME=PATH for the others)"
        )
    answers = {name: _read(provider, paths[name]) for name in names}
    follow_ups = [spec.name for spec in provider.follow_up(answers, ctx)] if provider.follow_up else []
    for name, path in paths.items():
        if name in follow_ups:
            answers[name] = _read(provider, path)
        elif name not in names:
            asked = ", ".join(names + follow_ups)
            raise ConfigError(
                f"--file: {name!r} is not a request of this provider for these answers (its requests: {asked})"
            )
    return answers


def _read(provider: Provider, path: Path) -> Any:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise PayloadError(f"{path}: cannot read: {exc.strerror}", provider=provider.name) from None
    response = httpx.Response(
        200, content=content, headers={"Content-Type": _CONTENT_TYPES.get(path.suffix, "application/json")}
    )
    return decode_json(provider.name, str(path), response)


def transform_files(args: argparse.Namespace, config: Config) -> Record:
    """The normalized record (version 0) for the files named on the command line."""
    provider = get_provider(args.kind, args.provider)
    ctx = _context(args, config, provider)
    answers = _answers(args, provider, ctx)
    data, delay = transform_answers(provider, args.kind, answers, ctx)
    return Record(args.kind, 0, ctx.now, ctx.now + timedelta(seconds=stale_after(delay)), provider.name, data)


def run_transform(args: argparse.Namespace) -> int:
    """Handler of ``ecoboard transform``: the record on stdout, or one line on stderr."""
    config = load_config(config_file(args.config))
    try:
        record = transform_files(args, config)
    except EcoboardError:
        raise
    except Exception as exc:  # a provider bug on odd input: one line here, the traceback with -v
        log.debug("transform failed", exc_info=True)
        print(
            f"ecoboard transform: error: the {args.provider} transform failed unexpectedly "
            f"({type(exc).__name__}: {exc}); this is a bug",
            file=sys.stderr,
        )
        return 3
    try:
        sys.stdout.write(json.dumps(record.to_json(), indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (| head) went away: not an error of ours; silence the exit flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
