"""Settings that would misbehave or do nothing are refused at load, with one line naming where the
value came from, its key path, what was expected and, where YAML changed it, why."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecoboard import ConfigError
from ecoboard.config import load_config, parse_config

ORIGIN = (
    "an origin http(s)://host[:port] exactly as a browser sends it (lower case, no default port, no path or "
    'trailing slash; "*" is not accepted: list each origin)'
)


def _error(data: dict | None = None, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as err:
        parse_config(data or {}, environ=env or {})
    return str(err.value)


def _file_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "board.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path, environ={})
    return str(err.value).removeprefix(f"{path}: ")


@pytest.mark.parametrize("value", [0, -1, 0.001, 301, float("inf"), float("nan")])
def test_the_sse_heartbeat_is_bounded(value: float) -> None:  # 0 sent ~8,800 keep-alives a second per client
    assert _error({"api": {"heartbeat_seconds": value}}) == (
        f"ecoboard.yaml: api.heartbeat_seconds: expected seconds from 1 to 300, got {value!r}"
    )


def test_the_heartbeat_bounds_are_inclusive() -> None:
    assert parse_config({"api": {"heartbeat_seconds": 1}}, environ={}).api.heartbeat_seconds == 1.0
    assert parse_config({"api": {"heartbeat_seconds": 300}}, environ={}).api.heartbeat_seconds == 300.0


def test_other_periods_and_ages_are_bounded_too() -> None:
    assert (
        _error({"providers": {"weather": {"period": float("inf")}}})
        == "ecoboard.yaml: providers.weather.period: expected seconds from 10 to 86400, got inf"
    )
    assert (
        _error({"providers": {"mlb": {"period_live": 3601}}})
        == "ecoboard.yaml: providers.mlb.period_live: expected seconds from 5 to 3600, got 3601"
    )
    assert (
        _error({"providers": {"nfl": {"period_idle": 1e9}}})
        == "ecoboard.yaml: providers.nfl.period_idle: expected seconds from 60 to 86400, got 1000000000.0"
    )
    assert (
        _error({"display": {"stale_live_score_seconds": -5}})
        == "ecoboard.yaml: display.stale_live_score_seconds: expected seconds from 1 to 86400, got -5"
    )


def test_an_unquoted_time_explains_yaml_base_60(tmp_path: Path) -> None:
    assert _file_error(tmp_path, "scoreboard_rollover: 4:00\n") == (
        "scoreboard_rollover: expected a time HH:MM, got 240 (YAML reads an unquoted 4:00 as 240; "
        'write "04:00" in quotes)'
    )
    assert _file_error(tmp_path, "display: {night: {start: 22:00}}\n") == (
        "display.night.start: expected a time HH:MM, got 1320 (YAML reads an unquoted 22:00 as 1320; "
        'write "22:00" in quotes)'
    )
    assert _file_error(tmp_path, "display: {night: {end: 7}}\n") == "display.night.end: expected a time HH:MM, got 7"
    assert _error(env={"ECOBOARD__SCOREBOARD_ROLLOVER": "5:30"}) == (
        "environment variable ECOBOARD__SCOREBOARD_ROLLOVER: scoreboard_rollover: expected a time HH:MM, got 330 "
        '(YAML reads an unquoted 5:30 as 330; write "05:30" in quotes)'
    )
    assert load_config(_write(tmp_path, 'scoreboard_rollover: "4:00"\n'), environ={}).scoreboard_rollover == "4:00"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ok.yaml"
    path.write_text(text)
    return path


def test_a_page_cycle_given_as_one_name_asks_for_a_list(tmp_path: Path) -> None:
    expected = "display.pages: expected a list of one or more {page, seconds, options}, got 'clock'"
    assert _file_error(tmp_path, "display: {pages: clock}\n") == expected
    assert (
        _error(env={"ECOBOARD__DISPLAY__PAGES": "clock"})
        == f"environment variable ECOBOARD__DISPLAY__PAGES: {expected}"
    )
    assert _file_error(tmp_path, "display: {pages: [clock]}\n") == "display.pages[0]: expected a mapping, got 'clock'"


def test_an_unknown_top_level_key_from_the_environment_names_the_variable() -> None:
    assert _error(env={"ECOBOARD__BOGUS__X": "1"}) == (
        "environment variable ECOBOARD__BOGUS__X: bogus: expected one of the keys location, timezone, units, mode, "
        "cluster_kinds, scoreboard_rollover, teams, providers, store, bus, display, api, secrets, replay_dir, "
        "got an unknown key"
    )
    assert _error({"bogus": 1}, env={"ECOBOARD__LOCATION__LAT": "1"}).startswith("ecoboard.yaml: bogus: expected")


def test_cors_origins_are_browser_origins(tmp_path: Path) -> None:
    for bad in (
        "*",
        "foo",
        "http://x.example/",
        "http://x.example/app",
        "http://X.example",
        "http://x.example:80",
        "https://x.example:443",
        "ftp://x.example",
        "http://x.example?a=1",
        "http://u@x.example",
        "http://x.example:0",
        "http://x.example:65536",
        "http://x.example:08080",
        "http://x .example",
    ):
        assert _error({"api": {"cors_origins": ["http://ok.example", bad]}}) == (
            f"ecoboard.yaml: api.cors_origins[1]: expected {ORIGIN}, got {bad!r}"
        ), bad
    good = ("http://tablet.local:5173", "https://board.example", "http://192.168.1.20:8080", "http://[::1]:5173")
    assert parse_config({"api": {"cors_origins": list(good)}}, environ={}).api.cors_origins == good


def test_cors_origins_in_the_file_are_a_list_and_in_the_environment_comma_separated(tmp_path: Path) -> None:
    assert _file_error(tmp_path, 'api: {cors_origins: "*"}\n') == (
        "api.cors_origins: expected a list of origins such as [\"http://192.168.1.20:8080\"], got '*'"
    )
    assert _file_error(tmp_path, "api: {cors_origins: http://tablet.local:5173}\n") == (
        'api.cors_origins: expected a list of origins such as ["http://192.168.1.20:8080"], '
        "got 'http://tablet.local:5173'"
    )
    env = {"ECOBOARD__API__CORS_ORIGINS": "http://a.example,https://b.example:8443"}
    assert parse_config({}, environ=env).api.cors_origins == ("http://a.example", "https://b.example:8443")
    assert _error(env={"ECOBOARD__API__CORS_ORIGINS": "*"}) == (
        f"environment variable ECOBOARD__API__CORS_ORIGINS: api.cors_origins[0]: expected {ORIGIN}, got '*'"
    )


def test_cluster_kinds_only_in_hybrid_mode_and_never_empty_there() -> None:
    cluster = {"store": {"url": "postgresql://db/eco"}, "bus": {"url": "redis://r:6379/0"}}
    assert _error({"cluster_kinds": ["mlb"]}) == (
        "ecoboard.yaml: cluster_kinds: expected [] in local mode (this board "
        "fetches every kind; only hybrid mode reads it), got ['mlb']"
    )
    assert _error({"mode": "cluster", "cluster_kinds": ["mlb"], **cluster}) == (
        "ecoboard.yaml: cluster_kinds: expected [] in cluster mode (every kind comes from the cluster; only hybrid "
        "mode reads it), got ['mlb']"
    )
    assert _error({"mode": "hybrid", **cluster}) == (
        "ecoboard.yaml: cluster_kinds: expected at least one kind in hybrid mode (with none, use mode: local), got []"
    )
    assert _error({"mode": "hybrid", **cluster}, env={"ECOBOARD__CLUSTER_KINDS": ""}).startswith(
        "environment variable ECOBOARD__CLUSTER_KINDS: cluster_kinds: expected at least one kind in hybrid mode"
    )
    config = parse_config({"mode": "hybrid", "cluster_kinds": ["mlb"], **cluster}, environ={})
    assert (config.is_local("weather"), config.is_local("mlb")) == (True, False)
