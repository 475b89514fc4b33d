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


PLACE = "a place name of 1 to 64 characters on one line"
TEAM = "a team abbreviation of 2 to 4 letters (such as BOS) or a provider's numeric team id"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("", "''"),
        ("   ", "'   '"),
        (12, "12"),
        (None, "None"),
        ("x" * 65, "'" + "x" * 65 + "'"),
        ("x" * 5000, "'" + "x" * 76 + "..."),
        ("Boston\nMA", "'Boston\\nMA'"),
    ],
)
def test_the_place_name_is_one_line_of_text(name: object, shown: str) -> None:
    assert _error({"location": {"name": name}}) == f"ecoboard.yaml: location.name: expected {PLACE}, got {shown}"


def test_a_place_name_of_64_characters_or_a_quoted_number_is_kept(tmp_path: Path) -> None:
    assert parse_config({"location": {"name": "x" * 64}}, environ={}).location.name == "x" * 64
    assert parse_config({"location": {"name": "Zürich 8001"}}, environ={}).location.name == "Zürich 8001"
    assert _file_error(tmp_path, "location: {name: 1600}\n") == f"location.name: expected {PLACE}, got 1600"
    path = tmp_path / "quoted.yaml"
    path.write_text('location: {name: "1600"}\n')
    assert load_config(path, environ={}).location.name == "1600"
    assert _error(env={"ECOBOARD__LOCATION__NAME": ""}) == (
        f"environment variable ECOBOARD__LOCATION__NAME: location.name: expected {PLACE}, got ''"
    )


def test_a_team_entry_must_look_like_an_abbreviation_or_an_id() -> None:
    assert _error(env={"ECOBOARD__TEAMS__MLB": "NYY,,BOS, x y"}) == (
        f"environment variable ECOBOARD__TEAMS__MLB: teams.mlb[1]: expected {TEAM}, got ''"
    )
    assert _error(env={"ECOBOARD__TEAMS__MLB": "NYY,BOS, x y"}) == (
        f"environment variable ECOBOARD__TEAMS__MLB: teams.mlb[2]: expected {TEAM}, got 'x y'"
    )
    assert _error(env={"ECOBOARD__TEAMS__NFL": "NE,"}) == (
        f"environment variable ECOBOARD__TEAMS__NFL: teams.nfl[1]: expected {TEAM}, got ''"
    )
    for bad, index, shown in (
        (["NE", ""], 1, "''"),
        (["B"], 0, "'B'"),
        (["BOSTN"], 0, "'BOSTN'"),
        (["N.E."], 0, "'N.E.'"),
        ([1.5], 0, "'1.5'"),
    ):
        assert _error({"teams": {"nfl": bad}}) == f"ecoboard.yaml: teams.nfl[{index}]: expected {TEAM}, got {shown}"


def test_well_formed_teams_are_kept_whether_or_not_a_provider_knows_them() -> None:
    config = parse_config({"teams": {"mlb": ["nyy", "XXXX", 147], "nfl": "NE, KC"}}, environ={})
    assert (config.teams.mlb, config.teams.nfl) == (("nyy", "XXXX", "147"), ("NE", "KC"))
    env = {"ECOBOARD__TEAMS__MLB": " NYY , BOS ", "ECOBOARD__TEAMS__NFL": ""}
    config = parse_config({}, environ=env)
    assert (config.teams.mlb, config.teams.nfl) == (("NYY", "BOS"), ())


def test_an_empty_entry_of_a_comma_separated_list_is_refused() -> None:
    assert _error(env={"ECOBOARD__API__CORS_ORIGINS": "http://a.example,"}) == (
        f"environment variable ECOBOARD__API__CORS_ORIGINS: api.cors_origins[1]: expected {ORIGIN}, got ''"
    )
