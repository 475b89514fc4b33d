"""Configuration loading: every bad input is one clear line naming where it came from, the key path
and the expectation; no value that may be a secret is echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecoboard import ConfigError
from ecoboard.config import config_problems, load_config, parse_config


def _error(data: dict | None = None, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as err:
        parse_config(data or {}, environ=env or {})
    return str(err.value)


def test_defaults_are_the_embedded_local_board() -> None:
    config = parse_config({}, environ={})
    assert (config.mode, config.store.url, config.bus.url) == ("local", "sqlite:///var/ecoboard.sqlite3", "memory://")
    assert config.timezone == "America/New_York"
    assert [p.page for p in config.display.pages] == ["clock", "weather", "hourly", "daily", "mlb", "nfl", "status"]


def test_values_are_checked_with_path_and_expectation() -> None:
    assert (
        _error({"location": {"lat": "abc"}})
        == "ecoboard.yaml: location.lat: expected a number between -90 and 90, got 'abc'"
    )
    assert (
        _error({"location": {"lon": 181}})
        == "ecoboard.yaml: location.lon: expected a number between -180 and 180, got 181"
    )
    assert (
        _error({"providers": {"mlb": {"period_live": 1}}})
        == "ecoboard.yaml: providers.mlb.period_live: expected seconds from 5 to 3600, got 1"
    )
    assert (
        _error({"display": {"pages": [{"page": "clock", "seconds": 0}]}})
        == "ecoboard.yaml: display.pages[0].seconds: expected seconds from 1 to 3600, got 0"
    )
    assert _error({"mode": "edge"}) == "ecoboard.yaml: mode: expected one of 'local', 'cluster', 'hybrid', got 'edge'"


def test_fixed_offset_zones_are_refused() -> None:  # C02: "EST" is an hour wrong half the year
    for zone in ("EST", "EST5EDT", "Mars/Olympus"):
        assert _error({"timezone": zone}) == (
            f"ecoboard.yaml: timezone: expected an IANA time zone name such as America/New_York, got '{zone}'"
        )
    assert parse_config({"timezone": "UTC"}, environ={}).timezone == "UTC"


def test_unknown_kinds_keys_and_empty_page_cycle() -> None:
    assert (
        _error({"providers": {"hockey": {"provider": "x"}}})
        == "ecoboard.yaml: providers.hockey: expected one of weather, aqi, mlb, nfl, sun_moon, got an unknown key"
    )
    assert (
        _error({"cluster_kinds": ["mlb", "hockey"]})
        == "ecoboard.yaml: cluster_kinds: expected kinds among weather, aqi, mlb, nfl, sun_moon, got ['mlb', 'hockey']"
    )
    assert (
        _error({"display": {"pages": []}})
        == "ecoboard.yaml: display.pages: expected a list of one or more {page, seconds, options}, got []"
    )
    assert _error({"stor": {"url": "x"}}).startswith("ecoboard.yaml: stor: expected one of the keys location, ")


def test_passwords_in_urls_are_never_echoed() -> None:
    assert (
        _error({"store": {"url": "mysql://u:hunter2SECRET@h/db"}})
        == "ecoboard.yaml: store.url: expected a sqlite: or postgresql: URL, got 'mysql://u:***@h/db'"
    )
    assert "hunter2" not in _error({"store": {"urll": "postgresql://u:hunter2@h/db"}})
    assert _error(env={"ECOBOARD__BUS__URL": "amqp://guest:hunter2@h"}) == (
        "environment variable ECOBOARD__BUS__URL: bus.url: expected memory:// or a redis:// URL, "
        "got 'amqp://guest:***@h'"
    )


def test_environment_overrides_and_their_errors() -> None:
    config = parse_config(
        {},
        environ={
            "ECOBOARD__LOCATION__LAT": "40.7",
            "ECOBOARD__TEAMS__MLB": "NYY,BOS",
            "ECOBOARD__DISPLAY__FPS": "30",
            "ECOBOARD__STORE__URL": "sqlite:///:memory:",
            "ECOBOARD__LOCATION__NAME": "[unclosed",
        },
    )
    assert config.location.lat == 40.7
    assert config.teams.mlb == ("NYY", "BOS")
    assert config.display.fps == 30.0
    assert config.store.url == "sqlite:///:memory:"  # a value ending in ':' stays text
    assert config.location.name == "[unclosed"  # text that is not YAML stays text
    assert (
        _error(env={"ECOBOARD__LOCATION__LAT": "abc"})
        == "environment variable ECOBOARD__LOCATION__LAT: location.lat: expected a number between -90 and 90, got 'abc'"
    )


def test_no_is_a_team_not_false(tmp_path: Path) -> None:  # YAML 1.1 would read the Saints as False
    path = tmp_path / "ecoboard.yaml"
    path.write_text("teams: {nfl: [NO, NE], mlb: [ON]}\ndisplay: {night: {enabled: true}}\n")
    config = load_config(path, environ={"ECOBOARD__TEAMS__NFL": "NO"})
    assert config.teams == type(config.teams)(mlb=("ON",), nfl=("NO",))
    assert config.display.night.enabled is True


def test_file_errors(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00bin")
    with pytest.raises(ConfigError) as err:
        load_config(binary, environ={})
    assert str(err.value) == f"{binary}: expected UTF-8 text, found byte 0xff at offset 0"
    dup = tmp_path / "dup.yaml"
    dup.write_text("location:\n  lat: 1\n  lat: 2\n")
    with pytest.raises(ConfigError) as err:
        load_config(dup, environ={})
    assert str(err.value) == f"{dup}: the key 'lat' appears twice at line 3, column 3"
    broken = tmp_path / "broken.yaml"
    broken.write_text("location: {lat: 1\n")
    with pytest.raises(ConfigError) as err:
        load_config(broken, environ={})
    assert str(err.value) == f"{broken}: not valid YAML at line 1, column 18"
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "absent.yaml", environ={})
    absent = tmp_path / "absent.yaml"
    assert str(err.value) == f"{absent}: cannot read the configuration file: No such file or directory"
    listy = tmp_path / "list.yaml"
    listy.write_text("- 1\n")
    with pytest.raises(ConfigError) as err:
        load_config(listy, environ={})
    assert str(err.value) == f"{listy}: (top level): expected a mapping, got list"


def test_cluster_and_hybrid_need_postgresql_and_redis() -> None:
    assert _error({"mode": "cluster"}) == (
        "ecoboard.yaml: store.url: expected a postgresql:// URL (or "
        "store.url_secret) in cluster mode, got 'sqlite:///var/ecoboard.sqlite3'"
    )
    assert (
        _error({"mode": "hybrid", "store": {"url": "postgresql://db/eco"}})
        == "ecoboard.yaml: bus.url: expected a redis:// URL (or bus.url_secret) in hybrid mode, got 'memory://'"
    )
    config = parse_config(
        {"mode": "cluster", "store": {"url_secret": "db_url"}, "bus": {"url": "redis://r:6379/0"}}, environ={}
    )
    assert config.mode == "cluster"


def test_provider_base_url_must_be_http() -> None:
    assert (
        _error({"providers": {"weather": {"base_url": "not a url"}}})
        == "ecoboard.yaml: providers.weather.base_url: expected an http(s) URL, got 'not a url'"
    )
    assert (
        parse_config({"providers": {"weather": {"base_url": "http://127.0.0.1:9000"}}}, environ={})
        .providers["weather"]
        .base_url
        == "http://127.0.0.1:9000"
    )


def test_a_list_set_by_a_variable_names_the_variable_for_its_items() -> None:
    env = {"ECOBOARD__DISPLAY__PAGES": "[{page: clock}, {page: mlb, seconds: 0}]"}
    assert _error(env=env) == (
        "environment variable ECOBOARD__DISPLAY__PAGES: display.pages[1].seconds: expected seconds from 1 to 3600, "
        "got 0"
    )


def test_later_checks_name_the_file_or_the_variable_of_each_problem() -> None:
    """Checks made after loading (page and provider options) name each problem's origin, once per run of
    problems from the same origin."""
    env = {
        "ECOBOARD__DISPLAY__PAGES": "[{page: mlb, options: {rotate_seconds: abc}}]",
        "ECOBOARD__PROVIDERS__MLB__OPTIONS__NEXT_GAME_DAYS": "ten",
    }
    problems = [
        "providers.aqi.options.index: expected us_epa or eaqi, got 'x'",
        "providers.nfl.options.colour: unknown option",
        "providers.mlb.options.next_game_days: expected a whole number from 1 to 60, got 'ten'",
        "display.pages[0].options.rotate_seconds: expected a number of at least 1, got 'abc'",
    ]
    assert str(config_problems(problems, "board.yaml", environ=env)) == (
        "board.yaml: providers.aqi.options.index: expected us_epa or eaqi, got 'x'; "
        "providers.nfl.options.colour: unknown option; "
        "environment variable ECOBOARD__PROVIDERS__MLB__OPTIONS__NEXT_GAME_DAYS: "
        "providers.mlb.options.next_game_days: expected a whole number from 1 to 60, got 'ten'; "
        "environment variable ECOBOARD__DISPLAY__PAGES: "
        "display.pages[0].options.rotate_seconds: expected a number of at least 1, got 'abc'"
    )
    assert str(config_problems(problems[:1], None, environ={})).startswith("(defaults): providers.aqi")
