"""``ecoboard run``: the appliance (render loop, fetchers or cluster sync, API, systemd notifications).

With no arguments on a fresh clone: local mode, SQLite at ``var/ecoboard.sqlite3``, the in-process
bus, the emulator or headless sink, the API on :8080, and live providers when they answer within
about a second, else the recorded real responses shipped in ``ecoboard/demo/replay`` (only in this
zero-configuration case: see :func:`demo_fallback_allowed`).

Test hook: ``ECOBOARD_DEBUG_HANG_RENDER_AFTER=N`` makes the render loop hang after N frames (the
watchdog pings stop; the rest of the process keeps running). Never set it in production.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import trio

from .._errors import ConfigError, EcoboardError
from ..appliance import (
    Appliance,
    ApplianceOptions,
    RenderHooks,
    local_kinds,
    network_reachable,
    provider_hosts,
    run_appliance,
)
from ..config import Config, config_problems, configured_keys, load_config
from ..fetchers import check_provider_options, missing_key_problem, provider_for
from ..renderer import page_spec_errors, prepare_wifi_pages, sink_problem
from ..secrets import SecretValues, load_secrets
from ._cmd_api import _config_file, _connections  # the same config lookup, secret URLs and token as `ecoboard api`
from ._demo import DEMO_REPLAY, demo_config, is_demo
from ._exit import arm_exit_deadline
from ._listen import bind_probe, check_host
from ._signals import STOP_SIGNALS, EarlyStop

log = logging.getLogger("ecoboard.run")

HANG_HOOK = "ECOBOARD_DEBUG_HANG_RENDER_AFTER"
NETWORK_CHECK_SECONDS = 1.0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``run`` subcommand."""
    parser = subparsers.add_parser(
        "run", help="run the appliance (LED board, fetchers, API)", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)",
    )
    parser.add_argument(
        "--replay",
        metavar="DIR",
        nargs="?",
        const=str(DEMO_REPLAY),
        help="answer provider requests from recorded responses (default DIR: the shipped demo)",
    )
    parser.add_argument("--port", type=int, metavar="N", help="API and dashboard port (default: api.port, 8080)")
    parser.set_defaults(handler=run, keeps_stop_signals=True)


def _resolve_secrets(config: Config) -> tuple[Config, str | None, SecretValues]:
    """The secrets (read once), the config with ``store.url_secret`` / ``bus.url_secret`` resolved,
    and the control token."""
    secrets = load_secrets(config)
    store_url, bus_url, token = _connections(config, secrets)
    config = dataclasses.replace(
        config, store=dataclasses.replace(config.store, url=store_url), bus=dataclasses.replace(config.bus, url=bus_url)
    )
    return config, token, secrets


def _check_pages(config: Config, source: str | None) -> None:
    """Refuse a page cycle naming a page the renderer cannot draw, or an option its page does not take
    as written (one line, before anything starts)."""
    errors = [
        error
        for index, spec in enumerate(config.display.pages)
        for error in page_spec_errors(spec, f"display.pages[{index}]")
    ]
    if errors:
        raise config_problems(errors, source)


def _check_start(config: Config, source: str | None) -> None:
    """Refuse, in one line naming the file, a board that cannot start as configured: a locally fetched
    kind whose provider needs an API key and names no secret for it, or a display sink whose module is
    not installed. (A named key that cannot be read at run time only leaves that kind out.)"""
    problems = [missing_key_problem(config, provider_for(kind, config)) for kind in local_kinds(config)]
    problems.append(sink_problem(config.display))
    errors = [problem for problem in problems if problem is not None]
    if errors:
        raise config_problems(errors, source)


def _warn_if_os_zone_differs(config: Config) -> None:
    """C03: say so at start-up when the machine's zone is not the configured one (times follow the config)."""
    now = datetime.now(UTC)
    system = now.astimezone().utcoffset()
    configured = now.astimezone(ZoneInfo(config.timezone)).utcoffset()
    if system != configured:
        log.warning(
            "the system time zone (%s) differs from the configured timezone %s: the board shows %s time",
            now.astimezone().tzname(),
            config.timezone,
            config.timezone,
        )


def _hang_after() -> int | None:
    text = os.environ.get(HANG_HOOK, "")
    if not text:
        return None
    if not text.isdigit():
        raise ConfigError(f"{HANG_HOOK}: expected a frame count, got {text!r}")
    return int(text)


def demo_fallback_allowed(config: Config, source: str | None) -> bool:
    """True only for the zero-configuration demo: no configuration file, local mode, a SQLite store and
    the in-process bus. Only then may an unreachable network switch ``run`` to the recorded demo; every
    other board keeps fetching live (the coordinators back off), and recordings never reach a
    PostgreSQL store or Redis unless asked for with ``--replay`` or ``replay_dir``."""
    return (
        source is None
        and config.mode == "local"
        and config.store.url.startswith("sqlite:")
        and config.bus.url == "memory://"
    )


async def _replay_dir(args: argparse.Namespace, config: Config, source: str | None) -> Path | None:
    if args.replay is not None:
        log.info("replaying recorded provider responses from %s (--replay)", args.replay)
        return Path(args.replay)
    if config.replay_dir:
        log.info("replaying recorded provider responses from %s (replay_dir in the config)", config.replay_dir)
        return Path(config.replay_dir)
    hosts = provider_hosts(config)
    if not hosts or not demo_fallback_allowed(config, source):
        return None
    reachable = False
    with trio.move_on_after(NETWORK_CHECK_SECONDS):
        reachable = await network_reachable(hosts)
    if reachable:
        return None
    log.info(
        "network unreachable (no provider answered in %.0f s): zero-configuration demo, showing the recorded "
        "real responses in %s (records marked replay:<provider>; with a config file it keeps fetching live)",
        NETWORK_CHECK_SECONDS,
        DEMO_REPLAY,
    )
    return DEMO_REPLAY


async def _deadline_after_stop(app: Appliance) -> None:
    """Once the appliance starts stopping, bound the stop (see :mod:`ecoboard.cli._exit`)."""
    await app.stopping.wait()
    arm_exit_deadline()


class _Announce:
    """``task_status`` for :func:`run_appliance`: print the dashboard URL once everything runs.

    A plain object rather than ``nursery.start``: a SIGTERM during start-up ends the appliance
    cleanly before it ever reports started, and that must still exit 0.
    """

    def started(self, app: Appliance) -> None:
        trio.lowlevel.spawn_system_task(_deadline_after_stop, app)
        host = app.config.api.host
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        print(
            f"ecoboard {app.config.mode} mode: dashboard at http://{shown}:{app.api_port}/  (Ctrl-C to stop)",
            flush=True,
        )


async def _stop_on_signal(signals: AsyncIterator[int], cancel: trio.CancelScope) -> None:
    """Cancel the start-up on the first stop signal (the appliance, once running, takes over signals)."""
    async for signum in signals:
        log.info("%s received: stopping", signal.Signals(signum).name)
        arm_exit_deadline()
        cancel.cancel()
        return


async def _main(args: argparse.Namespace, config: Config, source: str | None, early: EarlyStop) -> None:
    """Start and run the appliance; a stop signal at any step before it runs cancels the start."""
    with trio.open_signal_receiver(*STOP_SIGNALS) as signals:
        if early.requested():  # came between the start of ``run`` and the receiver
            return
        async with trio.open_nursery() as nursery:
            nursery.start_soon(_stop_on_signal, signals, nursery.cancel_scope)
            config, token, secrets = await trio.to_thread.run_sync(_resolve_secrets, config)
            replay_dir = await _replay_dir(args, config, source)
            if is_demo(replay_dir):  # the demo's place and zone, or a line saying so; only then the file is re-read
                configured = await trio.to_thread.run_sync(configured_keys, source)
                config = demo_config(config, replay_dir, configured)
            _warn_if_os_zone_differs(config)
            options = ApplianceOptions(
                prepare_pages=partial(prepare_wifi_pages, secrets=secrets),
                config=config,
                replay_dir=replay_dir,
                api_port=args.port,
                hooks=RenderHooks(hang_after_frames=_hang_after()),
                environ=dict(os.environ),
                control_token=token,
            )
            await run_appliance(options, task_status=_Announce())
            nursery.cancel_scope.cancel()  # the appliance stopped on a signal of its own receiver


def _port_error(port: int, exc: OSError) -> ConfigError:
    return ConfigError(
        f"cannot listen on port {port}: {exc.strerror or exc} "
        "(choose another with --port N, api.port or ECOBOARD__API__PORT=N; make run PORT=N)"
    )


def _check_port_free(host: str, port: int) -> None:
    """Refuse a taken API port before anything starts: the API binds it only after the first frame, and a
    second board must not open the display (the LED matrix) that the first one drives. Port 0 picks a
    free port and needs no check."""
    if port == 0:
        return
    try:
        bind_probe(host, port, reuse=True)
    except OSError as exc:
        raise _port_error(port, exc) from None


def _single_error(group: BaseExceptionGroup, port: int) -> BaseException:
    """The one ecoboard error (or port already taken) inside single-member groups, else the group."""
    leaf: BaseException = group
    while isinstance(leaf, BaseExceptionGroup) and len(leaf.exceptions) == 1:
        leaf = leaf.exceptions[0]
    if isinstance(leaf, OSError):
        return _port_error(port, leaf)
    return leaf if isinstance(leaf, EcoboardError) else group


def run(args: argparse.Namespace) -> int:
    """Run the appliance until SIGTERM or SIGINT, then end the process with status 0 (no return).

    A stop signal at any moment from here on, start-up included, ends it the same way.
    """
    early: EarlyStop = args.early_stop
    if args.port is not None and not 0 <= args.port <= 65535:
        raise ConfigError(f"--port: expected a TCP port from 0 to 65535, got {args.port}")
    if args.replay is not None and not Path(args.replay).is_dir():
        raise ConfigError(f"--replay: {args.replay} is not a directory of recorded responses")
    source = _config_file(args.config)
    config = load_config(source)
    _check_pages(config, source)
    check_provider_options(config, source)
    _check_start(config, source)
    port = config.api.port if args.port is None else args.port
    check_host(config.api.host, "api.host")
    _check_port_free(config.api.host, port)
    if not args.verbose:
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is too chatty for a board
    if not early.requested():
        try:
            trio.run(_main, args, config, source, early)
        except ExceptionGroup as group:
            raise _single_error(group, port) from None
    log.info("stopped")
    # Every resource is closed by now (store, sockets, the panel: the sink was released with the
    # supervisor). Skip the interpreter's module teardown, which takes 0.5-2 s with this many libraries
    # on a Pi or a loaded machine, so systemd sees the exit well within the 2-second stop budget.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
