"""``ecoboard snapshot``: render one page to a PNG file, from the store or from recorded responses.

Without ``--replay`` the page sees the latest record of every kind in the configured store. With
``--replay DIR`` each kind the page reads is fetched once through the fetch framework, answered from
the recorded responses in DIR, into a temporary SQLite store that is removed afterwards. ``--now``
draws the page as at that instant (ISO-8601 with an offset). The PNG is the composed frame (no
brightness or gamma), each panel pixel a ``--scale`` x ``--scale`` square.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import trio

from .._errors import ConfigError, EcoboardError, FetchError
from .._record import KINDS, Record
from ..config import Config, PageSpec, configured_keys, load_config
from ..fetchers import ReplayTransport, connection_urls, fetch_once, make_client, provider_for, resolve_api_key
from ..renderer import PAGE_KINDS, PAGES, FrameRenderer, PageContext, PngSink, page_option_errors, prepare_wifi_pages
from ..secrets import load_secrets
from ..store import AsyncStore, open_store, sqlite_path
from ._cmd_fetch import config_file
from ._demo import demo_config
from ._now import now_or_clock

log = logging.getLogger("ecoboard.snapshot")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``snapshot`` subcommand."""
    parser = subparsers.add_parser(
        "snapshot", help="render one page to a PNG file", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--page", required=True, help="page name: " + ", ".join(sorted(PAGES)))
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE.png", help="PNG file to write (its name ends in .png)"
    )
    parser.add_argument("--scale", type=int, default=4, help="pixels per panel pixel (default 4)")
    parser.add_argument("--now", metavar="ISO", help="draw as at this instant, e.g. 2024-04-28T19:00:00+00:00")
    parser.add_argument("--replay", metavar="DIR", help="fetch the page's kinds from recorded responses in DIR")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)",
    )
    parser.set_defaults(handler=run_snapshot)


def run_snapshot(args: argparse.Namespace) -> int:
    """Handler of ``ecoboard snapshot``."""
    if args.page not in PAGES:
        raise ConfigError(f"--page: expected one of {', '.join(sorted(PAGES))}, got {args.page!r}")
    if not 1 <= args.scale <= 32:
        raise ConfigError(f"--scale: expected 1 to 32, got {args.scale}")
    if args.out.suffix.lower() != ".png":  # never PNG bytes under another format's name
        raise ConfigError(
            f"--out: expected a file name ending in .png (snapshot writes PNG only), got {str(args.out)!r}"
        )
    now = now_or_clock(args.now)
    source = config_file(args.config)
    config = load_config(source)
    options = page_options(config, args.page, source)
    if args.page == "wifi":  # the password comes from the secrets, as on the board
        [prepared] = prepare_wifi_pages((PageSpec("wifi", 1, options),), load_secrets(config))
        options = prepared.options
    kinds = PAGE_KINDS.get(args.page) or KINDS
    if args.replay and not Path(args.replay).is_dir():
        raise ConfigError(f"--replay: {args.replay} is not a directory")
    if args.replay:  # drawn as the board shows the recorded demo: its place and zone under the default location
        config = demo_config(config, Path(args.replay), configured_keys(source))
    records = trio.run(replay_records, Path(args.replay), kinds, config, now) if args.replay else stored_records(config)
    ctx = PageContext(records=records, now=now, config=config, options=options)
    renderer = FrameRenderer()
    renderer.render(args.page, ctx)
    PngSink(args.out, scale=args.scale).show(renderer.composed)
    print(f"wrote {args.out}: page {args.page}, records: {', '.join(sorted(records)) or 'none'}")
    return 0


def page_options(config: Config, page: str, source: str | None) -> Mapping[str, Any]:
    """The options of ``page``'s first entry in the page cycle (none: ``{}``), checked as ``ecoboard run``
    checks them: a bad one is a :class:`ConfigError` naming the file and key path."""
    for index, spec in enumerate(config.display.pages):
        if spec.page == page:
            errors = page_option_errors(spec, f"display.pages[{index}]")
            if errors:
                raise ConfigError(f"{source or '(defaults)'}: {'; '.join(errors)}")
            return spec.options
    return {}


def stored_records(config: Config) -> dict[str, Record]:
    """The latest record of every kind in the configured store. A SQLite store that does not exist yet
    gives no records and a warning: a snapshot never creates one."""
    url = connection_urls(config)[0]
    if url.startswith("sqlite:") and not Path(path := sqlite_path(url)).is_file():
        log.warning(
            "no store at %s yet: drawing without records (run 'ecoboard run' or 'ecoboard fetch KIND' first, "
            "or draw from recordings with --replay DIR)",
            path,
        )
        return {}
    store = open_store(url, history=config.store.history)
    try:
        return store.latest_all()
    finally:
        store.close()


async def replay_records(replay: Path, kinds: tuple[str, ...], config: Config, now: datetime) -> dict[str, Record]:
    """Fetch each of ``kinds`` once from the recordings in ``replay`` (as at ``now``) into a temporary store.

    A recording that cannot give a record (not JSON, not the provider's shape, a recorded error) is a
    :class:`ConfigError` naming the recorded file and what was wrong: no picture is drawn from it. A
    kind with no recording at all is left out (the page shows its first-refresh state), with a warning.
    """
    transport = ReplayTransport(replay)
    with tempfile.TemporaryDirectory(prefix="ecoboard-snapshot-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'snapshot.sqlite3'}", history=config.store.history)
        try:
            async with make_client(transport=transport) as client:
                for kind in kinds:
                    if kind not in config.providers:
                        continue
                    read_before = len(transport.recordings)
                    try:
                        api_key = resolve_api_key(config, provider_for(kind, config))
                        await fetch_once(
                            kind,
                            config,
                            client=client,
                            store=AsyncStore(store),
                            bus=None,
                            api_key=api_key,
                            clock=lambda: now,
                        )
                    except FetchError as exc:
                        files = _files_at_fault(transport.recordings[read_before:], str(exc))
                        if files:
                            raise ConfigError(f"--replay: {kind} from {', '.join(files)}: {exc}") from None
                        log.warning("%s: not fetched from the recordings: %s", kind, exc)
                    except EcoboardError as exc:
                        log.warning("%s: not fetched from the recordings: %s", kind, exc)
            return store.latest_all()
        finally:
            store.close()


def _files_at_fault(recordings: Sequence[tuple[httpx.URL, Path]], message: str) -> list[str]:
    """The recorded files behind a failed fetch: those whose URL ``message`` names, else every file read."""
    read = list(dict.fromkeys((str(url.copy_with(query=None)), str(path)) for url, path in recordings))
    named = [path for url, path in read if any(f"{url}{end}" in message for end in ("?", ":", " "))]
    return list(dict.fromkeys(named or [path for _url, path in read]))
