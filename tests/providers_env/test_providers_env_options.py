"""The options of the environment providers (``providers.<kind>.options``): aqi's ``index`` is checked at
start-up and read the same way at fetch time; weather, sun_moon and AirNow take no options."""

from __future__ import annotations

from typing import Any

import pytest

from ecoboard import ConfigError
from ecoboard.config import parse_config
from ecoboard.fetchers import check_provider_options
from ecoboard.fetchers.providers import aqi_openmeteo, aqi_openweathermap

from ._support import fixture, transformed

BERLIN = "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"
SAN_SALVADOR = "openweathermap/air-pollution-san-salvador-aqi3-2023-11-19.json"

INDEX_PROVIDERS = ("open-meteo", "openweathermap")


def providers(kind: str, provider: str, options: dict[str, Any]) -> dict[str, Any]:
    return {kind: {"provider": provider, "options": options}}


def refusal(kind: str, provider: str, options: dict[str, Any]) -> str:
    config = parse_config({"providers": providers(kind, provider, options)}, environ={})
    with pytest.raises(ConfigError) as caught:
        check_provider_options(config, "ecoboard.yaml")
    return str(caught.value)


@pytest.mark.parametrize("provider", INDEX_PROVIDERS)
@pytest.mark.parametrize(
    ("value", "shown"), [("epa", "'epa'"), ("EAQI", "'EAQI'"), ("", "''"), (1, "1"), (["eaqi"], "['eaqi']")]
)
def test_bad_index_is_one_line(provider: str, value: Any, shown: str) -> None:
    assert refusal("aqi", provider, {"index": value}) == (
        f"ecoboard.yaml: providers.aqi.options.index: expected one of us_epa, eaqi, owm, got {shown}"
    )


def test_the_fetch_reads_index_with_the_same_reader() -> None:
    with pytest.raises(ConfigError) as caught:
        transformed(aqi_openmeteo, fixture(BERLIN), providers=providers("aqi", "open-meteo", {"index": "epa"}))
    assert str(caught.value) == "providers.aqi.options.index: expected one of us_epa, eaqi, owm, got 'epa'"


@pytest.mark.parametrize("provider", INDEX_PROVIDERS)
def test_unknown_aqi_option_names_index(provider: str) -> None:
    assert refusal("aqi", provider, {"scale": "eaqi"}) == (
        f"ecoboard.yaml: providers.aqi.options.scale: unknown option of provider {provider}; expected one of index"
    )


@pytest.mark.parametrize(
    ("kind", "provider", "option"),
    [
        ("aqi", "airnow", "index"),
        ("weather", "open-meteo", "units"),
        ("weather", "openweathermap", "lang"),
        ("sun_moon", "met-norway", "altitude"),
    ],
)
def test_providers_without_options_refuse_any(kind: str, provider: str, option: str) -> None:
    assert refusal(kind, provider, {option: "x"}) == (
        f"ecoboard.yaml: providers.{kind}.options.{option}: unknown option of provider {provider}; it takes no options"
    )


@pytest.mark.parametrize(
    ("index", "order"),
    [("us_epa", ["us_epa", "eaqi", "owm"]), ("owm", ["owm", "us_epa", "eaqi"]), (None, ["eaqi", "us_epa", "owm"])],
)
def test_good_index_passes_and_comes_first(index: str | None, order: list[str]) -> None:
    chosen = providers("aqi", "openweathermap", {"index": index})
    check_provider_options(parse_config({"providers": chosen}, environ={}), "ecoboard.yaml")
    indices = transformed(aqi_openweathermap, fixture(SAN_SALVADOR), units="metric", providers=chosen)["indices"]
    assert [i["index"] for i in indices] == order  # null: chosen by units (metric: eaqi)
    assert {i["index"]: (i["value"], i["category"]) for i in indices}["eaqi"] == (58, "moderate")


def test_index_unset_follows_units() -> None:
    chosen = providers("aqi", "open-meteo", {})
    check_provider_options(parse_config({"providers": chosen, "units": "imperial"}, environ={}), "ecoboard.yaml")
    indices = transformed(aqi_openmeteo, fixture(BERLIN), units="imperial", providers=chosen)["indices"]
    assert [i["index"] for i in indices] == ["us_epa", "eaqi"]
