"""The widest real values fit: no text leaves the panel or overlaps another field (C09, C12, C13).

Records come from the recorded responses (via the providers' transforms, :mod:`bench.scenes`), then the
values that make text widest are put in: -40°, 100 %, storm winds, AQI 500 and the longest band words,
long and accented place names, the widest clock times and failure counts. Every page records the text
boxes it draws (``Canvas.text_boxes``), so the test checks bounds and overlaps exactly.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bench.scenes import METRIC_BERLIN, Scene, scenes
from ecoboard import Record, thaw
from ecoboard.config import Config, Location
from ecoboard.renderer import Canvas, FrameRenderer, KindHealth

PLACES = ("Llanfairpwllgwyngyll", "São João del-Rei", "Ağrı", "Žďár nad Sázavou", "Zürich")


def _with(record: Record, change: Any) -> Record:
    data = thaw(record.data)
    change(data)
    return replace(record, data=data)


def _extreme_weather(data: dict[str, Any]) -> None:
    data["current"].update(
        temperature=-40.0,
        feels_like=-40.0,
        humidity=100,
        wind_speed=40.0,
        wind_gust=60.0,
        wind_direction=337,
        condition="thunderstorm_hail",
        description="Thunderstorm with hail",
    )
    for hour in data["hourly"]:
        hour.update(temperature=-40.0, precipitation_probability=100, wind_speed=40.0)
    for day in data["daily"]:
        day.update(temperature_max=-40.0, temperature_min=-40.0, precipitation_probability=100)


def _aqi(index: str, value: int, category: str, label: str, color: str, pollutant: str | None) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["indices"] = [
            {
                "index": index,
                "value": value,
                "category": category,
                "label": label,
                "color": color,
                "dominant_pollutant": pollutant,
            }
        ]

    return change


AQI_CASES = {
    "us_hazardous_500": _aqi("us_epa", 500, "hazardous", "Hazardous", "#7e0023", "pm2_5"),
    "us_sensitive": _aqi("us_epa", 150, "unhealthy_sensitive", "Unhealthy for Sensitive Groups", "#ff7e00", "pm10"),
    "us_very_unhealthy": _aqi("us_epa", 300, "very_unhealthy", "Very Unhealthy", "#8f3f97", "o3"),
    "eaqi_extremely_poor": _aqi("eaqi", 188, "extremely_poor", "Extremely poor", "#7d2181", "no2"),
    "owm_very_poor": _aqi("owm", 5, "very_poor", "Very poor", "#960032", "so2"),
}


def _cases() -> dict[str, Scene]:
    base = scenes()
    cases: dict[str, Scene] = {}
    for units, place in itertools.product(("imperial", "metric"), PLACES):
        tz = "America/New_York" if units == "imperial" else "Europe/Berlin"
        config = replace(Config(), units=units, timezone=tz, location=Location(name=place))
        # 12:59:59 PM and 23:59:59: the widest clock texts of each style.
        now = (
            datetime(2025, 2, 5, 17, 59, 59, tzinfo=UTC)
            if units == "imperial"
            else datetime(2025, 2, 5, 22, 59, 59, tzinfo=UTC)
        )
        for aqi_name, aqi_change in AQI_CASES.items():
            source = base["weather"]
            records = {
                "weather": _with(source.records["weather"], _extreme_weather),
                "aqi": _with(source.records["aqi"], aqi_change),
            }
            for page in ("clock", "weather", "hourly", "daily"):
                cases[f"{page}-{units}-{place}-{aqi_name}"] = Scene(page, records, now, config)
        sun = base["sun_moon"]
        cases[f"sun_moon-{units}-{place}"] = Scene("sun_moon", sun.records, sun.now.replace(hour=4), config)
        status = base["status"]
        health = {
            kind: KindHealth(ok=False, stale=True, consecutive_failures=9999)
            for kind in ("weather", "aqi", "mlb", "nfl", "sun_moon")
        }
        old = {kind: replace(r, fetched_at=status.now - timedelta(days=999)) for kind, r in status.records.items()}
        cases[f"status-{units}-{place}"] = Scene("status", old, status.now, config, health=health)
    return cases


CASES = _cases()


def boxes_of(scene: Scene) -> Canvas:
    return FrameRenderer().draw(scene.page, scene.context())


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_stays_on_the_panel_and_apart(name: str) -> None:
    canvas = boxes_of(CASES[name])
    assert canvas.text_boxes, name
    for box in canvas.text_boxes:
        assert box.inside(), f"{name}: {box} leaves the panel"
    for a, b in itertools.combinations(canvas.text_boxes, 2):
        assert not a.overlaps(b), f"{name}: {a} overlaps {b}"


def test_the_widest_values_are_drawn_whole() -> None:
    texts = {box.text for box in boxes_of(CASES["weather-imperial-Zürich-us_hazardous_500"]).text_boxes}
    assert {"-40°", "100%", "89 NW", "134", "500", "Hazardous", "PM2.5"} <= texts  # 40 m/s = 89 mph
    texts = {box.text for box in boxes_of(CASES["weather-metric-Zürich-us_sensitive"]).text_boxes}
    assert {"144NW", "216", "km/h", "150", "Unhealthy", "(SG)", "PM10"} <= texts  # shortened, wrapped
    texts = [box.text for box in boxes_of(CASES["hourly-metric-Zürich-us_sensitive"]).text_boxes]
    assert texts.count("-40°") == 4 and texts.count("100%") == 4 and texts.count("144kmh") == 4


def test_a_long_place_name_scrolls_inside_its_field_with_its_accents() -> None:
    for units, place in (("imperial", "Llanfairpwllgwyngyll"), ("metric", "São João del-Rei")):
        box = boxes_of(CASES[f"clock-{units}-{place}-us_sensitive"]).text_boxes[-1]
        assert box.text == place
        assert (box.x0, box.x1) == (1, 89)  # the 88 px window; the text moves inside it
    scene = CASES["clock-metric-São João del-Rei-us_sensitive"]
    renderer = FrameRenderer()
    windows = []
    for frame in (0, 60, 100):  # still for 60 frames, then one pixel every 2 frames
        renderer.render(scene.page, scene.context(frame))
        windows.append(renderer.composed[52:62, 1:89].copy())
    assert (windows[0] == windows[1]).all() and not (windows[1] == windows[2]).all()


def test_clock_draws_the_widest_times() -> None:
    texts = [b.text for b in boxes_of(CASES["clock-imperial-Zürich-us_sensitive"]).text_boxes]
    assert texts[:3] == ["12:59", "59", "PM"]
    texts = [b.text for b in boxes_of(CASES["clock-metric-Zürich-us_sensitive"]).text_boxes]
    assert texts[:2] == ["23:59", "59"]


def test_metric_scene_config_is_metric() -> None:
    assert METRIC_BERLIN.units == "metric"


def test_the_band_words_of_a_dark_band_colour_are_brightened_to_read_on_black() -> None:
    canvas = boxes_of(CASES["weather-imperial-Zürich-us_hazardous_500"])
    box = next(b for b in canvas.text_boxes if b.text == "Hazardous")
    ink = {tuple(int(c) for c in p) for p in canvas.pixels[box.y0 : box.y1, box.x0 : box.x1].reshape(-1, 3) if p.any()}
    assert ink == {(242, 0, 67)}  # the EPA's maroon #7e0023, same hue, luma 80 instead of 42
    assert tuple(canvas.pixels[17, 96]) == (0x7E, 0x00, 0x23)  # the disc keeps the band colour itself
