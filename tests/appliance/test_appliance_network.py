"""The start-up network check that chooses between live providers and the shipped demo replay."""

from __future__ import annotations

import socket

import trio

from ecoboard.appliance import network_reachable, provider_hosts
from ecoboard.config import parse_config


def test_provider_hosts_of_the_default_config() -> None:
    assert provider_hosts(parse_config({}, environ={})) == [
        ("api.open-meteo.com", 443),
        ("air-quality-api.open-meteo.com", 443),
        ("statsapi.mlb.com", 443),
        ("site.api.espn.com", 443),
        ("api.met.no", 443),
    ]


def test_provider_hosts_skip_disabled_and_cluster_kinds_and_honour_base_url() -> None:
    config = parse_config({"mode": "hybrid", "cluster_kinds": ["mlb", "nfl"],
                           "store": {"url": "postgresql://db/eco"}, "bus": {"url": "redis://r:6379/0"},
                           "providers": {"aqi": {"enabled": False},
                                         "weather": {"base_url": "http://weather.lan:8081/v1"}}}, environ={})
    assert provider_hosts(config) == [("weather.lan", 8081), ("api.met.no", 443)]


async def test_network_reachable_true_when_one_host_accepts() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound but not listening: connections are refused
    try:
        with trio.fail_after(5):
            assert await network_reachable([("127.0.0.1", closed.getsockname()[1]),
                                            ("127.0.0.1", listener.getsockname()[1])])
            assert not await network_reachable([("127.0.0.1", closed.getsockname()[1])])
    finally:
        listener.close()
        closed.close()
