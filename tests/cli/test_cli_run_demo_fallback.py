"""``ecoboard run`` switches to the recorded demo only in the zero-configuration case (no configuration
file, local mode, SQLite, the in-process bus) when no provider answers; every other board stays live."""

from __future__ import annotations

import argparse
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecoboard._record import KINDS
from ecoboard.cli._cmd_run import DEMO_REPLAY, _replay_dir, demo_fallback_allowed
from ecoboard.config import Config, parse_config

HYBRID = {
    "mode": "hybrid",
    "cluster_kinds": ["mlb", "nfl"],
    "store": {"url": "postgresql://postgres@127.0.0.1/test"},
    "bus": {"url": "redis://127.0.0.1:6379/0"},
}
NO_RUN_ARGS = argparse.Namespace(replay=None)
FALLBACK_LINE = "network unreachable (no provider answered in 1 s): zero-configuration demo"


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A local port that refuses connections (bound, never listening)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def unreachable(raw: dict, port: int) -> Config:
    """``raw`` with every provider pointed at ``port``, which refuses: the start-up probe fails at once."""
    providers = {kind: {"base_url": f"http://127.0.0.1:{port}/"} for kind in KINDS}
    return parse_config({**raw, "providers": providers}, environ={})


@pytest.mark.parametrize(
    ("raw", "source", "allowed"),
    [
        ({}, None, True),
        ({"display": {"sink": "none"}, "api": {"port": 9000}}, None, True),  # ECOBOARD__ overrides without a file
        ({}, "ecoboard.yaml", False),  # a configuration file: a real board, not the demo
        ({}, "/etc/ecoboard/ecoboard.yaml", False),
        (HYBRID, None, False),  # the tester's hybrid board from ECOBOARD__ variables alone
        ({"store": {"url": "postgresql://postgres@127.0.0.1/test"}}, None, False),
        ({"bus": {"url": "redis://127.0.0.1:6379/0"}}, None, False),
    ],
    ids=["defaults", "env-overrides", "config-file", "etc-config", "hybrid", "local-postgresql", "local-redis"],
)
def test_only_the_zero_configuration_demo_may_fall_back(raw: dict, source: str | None, allowed: bool) -> None:
    assert demo_fallback_allowed(parse_config(raw, environ={}), source) is allowed


async def test_zero_configuration_falls_back_to_the_demo_when_no_provider_answers(
    refused_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "ecoboard.run")
    assert await _replay_dir(NO_RUN_ARGS, unreachable({}, refused_port), None) == DEMO_REPLAY
    assert [r.getMessage()[: len(FALLBACK_LINE)] for r in caplog.records] == [FALLBACK_LINE]


@pytest.mark.parametrize(("raw", "source"), [({}, "ecoboard.yaml"), (HYBRID, None)], ids=["config-file", "hybrid"])
async def test_any_other_board_keeps_fetching_live(
    raw: dict, source: str | None, refused_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "ecoboard.run")
    assert await _replay_dir(NO_RUN_ARGS, unreachable(raw, refused_port), source) is None
    assert caplog.records == []


async def test_an_explicit_replay_is_kept_whatever_the_configuration(tmp_path: Path) -> None:
    config = parse_config(HYBRID, environ={})
    assert await _replay_dir(argparse.Namespace(replay=str(tmp_path)), config, "ecoboard.yaml") == tmp_path
