"""The options of the sports providers (``providers.<kind>.options``): each bad value and each unknown key is
one exact line at start-up, the fetch reads the same value the same way, and good options take effect."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from ecoboard import ConfigError
from ecoboard.config import Config, parse_config
from ecoboard.fetchers import FetchContext, check_provider_options
from ecoboard.fetchers.providers import get_provider

from ._support import by_id, fixture, transform

FIELDS = "abbreviation, name, short_name, full_name, color, alt_color"
LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"
ESPN_DAY = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
NFL_WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"

MLB_PROVIDERS = ("mlb-statsapi", "espn")

BAD_NEXT_GAME_DAYS = [
    ("ten", "expected a whole number from 1 to 60, got 'ten'"),
    ("10", "expected a whole number from 1 to 60, got '10'"),
    (0, "expected a whole number from 1 to 60, got 0"),
    (61, "expected a whole number from 1 to 60, got 61"),
    (2.5, "expected a whole number from 1 to 60, got 2.5"),
    (True, "expected a whole number from 1 to 60, got True"),
    (None, "expected a whole number from 1 to 60, got None"),
]

BAD_TEAM_OVERRIDES = [
    (["BOS"], ": expected a mapping of team id or abbreviation to fields, got ['BOS']"),
    ("BOS", ": expected a mapping of team id or abbreviation to fields, got 'BOS'"),
    ({"BOS": "red"}, f".BOS: expected a mapping with fields from {FIELDS}, got 'red'"),
    ({"BOS": {"logo": "x.png"}}, f".BOS.logo: unknown field of a team override; expected one of {FIELDS}"),
    ({"BOS": {"color": "red"}}, ".BOS.color: expected a colour \"#rrggbb\" (in quotes), got 'red'"),
    ({"133": {"alt_color": "#12345"}}, ".133.alt_color: expected a colour \"#rrggbb\" (in quotes), got '#12345'"),
    ({"NYY": {"color": 123456}}, '.NYY.color: expected a colour "#rrggbb" (in quotes), got 123456'),
    ({"BOS": {"name": None}}, ".BOS.name: expected a text, got None"),
    ({"BOS": {"short_name": ["Sox"]}}, ".BOS.short_name: expected a text, got ['Sox']"),
    ({"BOS": {"abbreviation": False}}, ".BOS.abbreviation: expected a text, got False"),
]


def configured(kind: str, provider: str, options: dict[str, Any]) -> Config:
    """The config an ``ecoboard.yaml`` naming ``provider`` for ``kind`` with ``options`` loads into."""
    return parse_config({"providers": {kind: {"provider": provider, "options": options}}}, environ={})


def refusal(kind: str, provider: str, options: dict[str, Any]) -> str:
    """The start-up check's message for these options (it must refuse them)."""
    with pytest.raises(ConfigError) as caught:
        check_provider_options(configured(kind, provider, options), "ecoboard.yaml")
    return str(caught.value)


def context(config: Config, kind: str, now: str) -> FetchContext:
    return FetchContext(now=datetime.fromisoformat(now), config=config, settings=config.providers[kind])


@pytest.mark.parametrize("provider", MLB_PROVIDERS)
@pytest.mark.parametrize(("value", "expected"), BAD_NEXT_GAME_DAYS)
def test_bad_next_game_days_is_one_line(provider: str, value: Any, expected: str) -> None:
    assert refusal("mlb", provider, {"next_game_days": value}) == (
        f"ecoboard.yaml: providers.mlb.options.next_game_days: {expected}"
    )


@pytest.mark.parametrize(("value", "expected"), BAD_NEXT_GAME_DAYS[:2])
def test_the_fetch_reads_next_game_days_with_the_same_reader(value: Any, expected: str) -> None:
    ctx = context(configured("mlb", "mlb-statsapi", {"next_game_days": value}), "mlb", "2024-10-27T16:00:00+00:00")
    with pytest.raises(ConfigError) as caught:
        get_provider("mlb", "mlb-statsapi").follow_up({"schedule": fixture(EMPTY)}, ctx)
    assert str(caught.value) == f"providers.mlb.options.next_game_days: {expected}"


@pytest.mark.parametrize(("kind", "provider"), [("mlb", "mlb-statsapi"), ("mlb", "espn"), ("nfl", "espn")])
@pytest.mark.parametrize(("value", "expected"), BAD_TEAM_OVERRIDES)
def test_bad_team_overrides_is_one_line(kind: str, provider: str, value: Any, expected: str) -> None:
    assert refusal(kind, provider, {"team_overrides": value}) == (
        f"ecoboard.yaml: providers.{kind}.options.team_overrides{expected}"
    )


@pytest.mark.parametrize(("value", "expected"), BAD_TEAM_OVERRIDES[2:4])
def test_the_fetch_reads_team_overrides_with_the_same_reader(value: Any, expected: str) -> None:
    ctx = context(configured("nfl", "espn", {"team_overrides": value}), "nfl", "2022-09-11T20:05:00+00:00")
    with pytest.raises(ConfigError) as caught:
        get_provider("nfl", "espn").transform({"scoreboard": fixture(NFL_WEEK1)}, ctx)
    assert str(caught.value) == f"providers.nfl.options.team_overrides{expected}"


@pytest.mark.parametrize("provider", MLB_PROVIDERS)
def test_unknown_mlb_option_names_the_ones_it_takes(provider: str) -> None:
    assert refusal("mlb", provider, {"next_gme_days": 10}) == (
        f"ecoboard.yaml: providers.mlb.options.next_gme_days: unknown option of provider {provider}; "
        "expected one of next_game_days, team_overrides"
    )


def test_nfl_takes_no_next_game_days() -> None:
    assert refusal("nfl", "espn", {"next_game_days": 10}) == (
        "ecoboard.yaml: providers.nfl.options.next_game_days: unknown option of provider espn; "
        "expected one of team_overrides"
    )


def test_every_problem_of_a_provider_is_named_on_the_one_line() -> None:
    options = {"next_gme_days": 3, "next_game_days": "ten", "team_overrides": {"BOS": {"logo": "x.png"}}}
    assert refusal("mlb", "mlb-statsapi", options) == (
        "ecoboard.yaml: providers.mlb.options.next_gme_days: unknown option of provider mlb-statsapi; "
        "expected one of next_game_days, team_overrides; "
        "providers.mlb.options.next_game_days: expected a whole number from 1 to 60, got 'ten'; "
        f"providers.mlb.options.team_overrides.BOS.logo: unknown field of a team override; expected one of {FIELDS}"
    )


def test_good_statsapi_options_pass_and_take_effect() -> None:
    overrides = {133: {"abbreviation": "OAK", "color": "003831"}, "nyy": {"short_name": "Bronx"}}
    config = configured("mlb", "mlb-statsapi", {"next_game_days": 3, "team_overrides": overrides})
    check_provider_options(config, "ecoboard.yaml")
    provider = get_provider("mlb", "mlb-statsapi")
    (spec,) = provider.follow_up({"schedule": fixture(EMPTY)}, context(config, "mlb", "2024-10-27T16:00:00+00:00"))
    assert (spec.params["startDate"], spec.params["endDate"]) == ("2024-10-28", "2024-10-30")
    games = by_id(
        transform("mlb", "mlb-statsapi", "schedule", fixture(LIVE), context(config, "mlb", "2024-04-28T20:10:00+00:00"))
    )
    athletics = games["747045"]["away"]
    assert (athletics["id"], athletics["abbreviation"], athletics["color"]) == (133, "OAK", "#003831")
    assert (games["746001"]["away"]["abbreviation"], games["746001"]["away"]["short_name"]) == ("NYY", "Bronx")


def test_good_espn_options_pass_and_take_effect() -> None:
    mlb = configured("mlb", "espn", {"next_game_days": 60, "team_overrides": {"11": {"full_name": "Athletics"}}})
    nfl = configured("nfl", "espn", {"team_overrides": {"NE": {"color": "#C60C30", "name": 1960}}})
    for config in (mlb, nfl):
        check_provider_options(config, "ecoboard.yaml")
    (spec,) = get_provider("mlb", "espn").follow_up(
        {"scoreboard": {"events": []}}, context(mlb, "mlb", "2022-09-17T21:00:00+00:00")
    )
    assert spec.params["dates"] == "20220918-20221116"
    oakland = by_id(
        transform("mlb", "espn", "scoreboard", fixture(ESPN_DAY), context(mlb, "mlb", "2022-09-17T21:00:00+00:00"))
    )["401356379"]["away"]
    assert (oakland["id"], oakland["abbreviation"], oakland["full_name"]) == (11, "OAK", "Athletics")
    patriots = by_id(
        transform("nfl", "espn", "scoreboard", fixture(NFL_WEEK1), context(nfl, "nfl", "2022-09-11T20:05:00+00:00"))
    )["401437630"]["away"]
    assert (patriots["abbreviation"], patriots["color"], patriots["name"]) == ("NE", "#c60c30", "1960")


def test_null_team_overrides_is_none() -> None:
    config = configured("nfl", "espn", {"team_overrides": None})
    check_provider_options(config, "ecoboard.yaml")
    patriots = by_id(
        transform("nfl", "espn", "scoreboard", fixture(NFL_WEEK1), context(config, "nfl", "2022-09-11T20:05:00+00:00"))
    )["401437630"]["away"]
    assert (patriots["abbreviation"], patriots["color"]) == ("NE", "#02244a")
