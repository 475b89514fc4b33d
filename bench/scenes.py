"""Fixed scenes for the renderer: each page drawn from recorded provider responses at a fixed instant.

Records are built by the real providers' transforms (``get_provider(kind, name).transform``) from the
responses recorded under ``tests/fixtures/``. The golden-image tests, ``python -m bench.render`` and
``python -m bench.contact_sheet`` all draw these scenes, so the benchmark measures the pages users see.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from ecoboard import Record
from ecoboard.config import Config, Location
from ecoboard.fetchers import FetchContext
from ecoboard.fetchers.providers import get_provider
from ecoboard.renderer import KindHealth, PageContext

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

KAZAKHSTAN = "open-meteo/forecast-west-kazakhstan-overcast-minus7c-code3-current-hourly6-daily-2025-02-05.json"
ATLANTIC = "open-meteo/forecast-atlantic-1n-1e-thunderstorm-code95-current-hourly6-daily-2025-02-05.json"
PENZA = "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
AQI_BERLIN = "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"
AQI_BERLIN_OZONE = "open-meteo/air-quality-berlin-current-uv-ozone-2021-11-24.json"
OSLO_SUN = "met-norway/sunrise3-sun-oslo-2022-12-18.json"
OSLO_MOON = "met-norway/sunrise3-moon-oslo-2022-12-18.json"
MLB_LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
MLB_OPENING_DAY = "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
NFL_WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"

T_FEB = datetime(2025, 2, 5, 20, 20, 9, tzinfo=UTC)
T_PENZA = datetime(2023, 11, 11, 11, 20, tzinfo=UTC)
T_OSLO = datetime(2022, 12, 18, 11, 0, tzinfo=UTC)
T_MLB = datetime(2024, 4, 28, 19, 0, tzinfo=UTC)
T_OPENING = datetime(2022, 4, 7, 20, 0, tzinfo=UTC)
T_NFL = datetime(2022, 9, 11, 19, 55, tzinfo=UTC)
T_EXTRAS = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)  # Tuesday noon in New York
FAMILY_EVENTS = (
    {"name": "Ann", "event": "birthday", "date": "1986-03-14"},
    {"name": "Bob & Cy", "event": "anniversary", "date": "2001-06-30"},
)

IMPERIAL = Config()
METRIC_BERLIN = replace(
    Config(), units="metric", timezone="Europe/Berlin", location=Location(lat=52.52, lon=13.41, name="Zürich-Höngg")
)
LONG_PLACE = replace(Config(), location=Location(lat=53.22, lon=-4.2, name="Llanfairpwllgwyngyll"))
"""A place name wider than the clock's field: it scrolls."""
METRIC_OSLO = replace(
    Config(), units="metric", timezone="Europe/Oslo", location=Location(lat=59.93, lon=10.72, name="Oslo")
)


@cache
def _payload(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text("utf-8"))


def record(
    kind: str,
    provider: str,
    responses: Mapping[str, str],
    now: datetime,
    cfg: Config = IMPERIAL,
    *,
    valid_for: timedelta = timedelta(minutes=30),
) -> Record:
    """The record ``provider`` makes of the recorded ``responses`` (request name -> fixture path) at ``now``."""
    chosen = get_provider(kind, provider)
    ctx = FetchContext(now=now, config=cfg, settings=cfg.providers[kind])
    data = chosen.transform({name: _payload(path) for name, path in responses.items()}, ctx)
    return Record(kind, 1, now - timedelta(minutes=4), now + valid_for, provider, data)


def weather(path: str, now: datetime, cfg: Config = IMPERIAL) -> Record:
    """An open-meteo ``weather`` record of one recorded forecast."""
    return record("weather", "open-meteo", {"forecast": path}, now, cfg)


def aqi(path: str, now: datetime, cfg: Config = IMPERIAL) -> Record:
    """An open-meteo ``aqi`` record of one recorded air-quality answer."""
    return record("aqi", "open-meteo", {"air_quality": path}, now, cfg)


@dataclass(frozen=True)
class Scene:
    """One screen: a page, the records it sees, the instant, the config, options and health."""

    page: str
    records: Mapping[str, Record]
    now: datetime
    config: Config = IMPERIAL
    options: Mapping[str, Any] = field(default_factory=dict)
    health: Mapping[str, KindHealth] = field(default_factory=dict)
    paused: bool = False

    def context(self, frame_index: int = 0) -> PageContext:
        """The page context of this scene, ``frame_index`` frames into the page (1/60 s each)."""
        return PageContext(
            records=self.records,
            now=self.now + timedelta(seconds=frame_index / 60),
            config=self.config,
            options=self.options,
            health=self.health,
            frame_index=frame_index,
            page_elapsed=frame_index / 60,
            paused=self.paused,
        )


def _status_scene() -> Scene:
    now = T_FEB
    records = {
        "weather": weather(KAZAKHSTAN, now),
        "aqi": replace(aqi(AQI_BERLIN, now), fetched_at=now - timedelta(hours=3), valid_until=now - timedelta(hours=2)),
        "mlb": replace(
            record("mlb", "mlb-statsapi", {"schedule": MLB_LIVE}, T_MLB), fetched_at=now - timedelta(days=2)
        ),
        "sun_moon": replace(
            record("sun_moon", "met-norway", {"sun": OSLO_SUN, "moon": OSLO_MOON}, T_OSLO),
            fetched_at=now - timedelta(minutes=47),
        ),
    }
    health = {
        "weather": KindHealth(ok=True, last_success_at=now - timedelta(minutes=4)),
        "aqi": KindHealth(ok=True, stale=True, last_success_at=now - timedelta(hours=3)),
        "mlb": KindHealth(ok=False, stale=True, last_error="TransportError: DNS", consecutive_failures=3),
        "nfl": KindHealth(ok=False, last_error="TransportError: DNS", consecutive_failures=12),
    }
    return Scene("status", records, now, health=health)


@cache
def scenes() -> dict[str, Scene]:
    """Every scene by name (built once per process)."""
    feb_imperial = {"weather": weather(KAZAKHSTAN, T_FEB), "aqi": aqi(AQI_BERLIN, T_FEB)}
    storm_metric = {
        "weather": weather(ATLANTIC, T_FEB, METRIC_BERLIN),
        "aqi": aqi(AQI_BERLIN_OZONE, T_FEB, METRIC_BERLIN),
    }
    sun_moon = record("sun_moon", "met-norway", {"sun": OSLO_SUN, "moon": OSLO_MOON}, T_OSLO, METRIC_OSLO)
    return {
        "clock": Scene("clock", feb_imperial, T_FEB),
        "clock_metric": Scene("clock", storm_metric, T_FEB, METRIC_BERLIN),
        "clock_long_place": Scene("clock", feb_imperial, T_FEB, LONG_PLACE),
        "weather": Scene("weather", feb_imperial, T_FEB),
        "weather_metric": Scene("weather", storm_metric, T_FEB, METRIC_BERLIN),
        "weather_missing_fields": Scene("weather", {"weather": weather(PENZA, T_PENZA)}, T_PENZA),
        "weather_waiting": Scene("weather", {}, T_FEB),
        "hourly": Scene("hourly", {"weather": weather(PENZA, T_PENZA)}, T_PENZA),
        "hourly_metric": Scene("hourly", storm_metric, T_FEB, METRIC_BERLIN),
        "daily": Scene("daily", feb_imperial, T_FEB),
        "daily_metric": Scene("daily", storm_metric, T_FEB, METRIC_BERLIN),
        "sun_moon": Scene("sun_moon", {"sun_moon": sun_moon}, T_OSLO, METRIC_OSLO),
        "sun_moon_stale_paused": Scene(
            "sun_moon", {"sun_moon": sun_moon}, T_OSLO + timedelta(hours=2), METRIC_OSLO, paused=True
        ),
        "status": _status_scene(),
        "mlb": Scene("mlb", {"mlb": record("mlb", "mlb-statsapi", {"schedule": MLB_LIVE}, T_MLB)}, T_MLB),
        "mlb_postponed": Scene(  # the first card's detail line scrolls
            "mlb", {"mlb": record("mlb", "mlb-statsapi", {"schedule": MLB_OPENING_DAY}, T_OPENING)}, T_OPENING
        ),
        "nfl": Scene("nfl", {"nfl": record("nfl", "espn", {"scoreboard": NFL_WEEK1}, T_NFL)}, T_NFL),
        # The option-driven pages (no records): their own golden images are in test_renderer_extras.py.
        "events": Scene("events", {}, T_EXTRAS, options={"events": FAMILY_EVENTS}),
        "wifi": Scene("wifi", {}, T_EXTRAS, options={"ssid": "Cafe Guest", "security": "nopass"}),
        "reminder": Scene("reminder", {}, T_EXTRAS + timedelta(hours=9)),  # Tuesday 21:00 New York time
    }


def page_scenes() -> dict[str, Scene]:
    """One representative scene per registered page (the benchmark's set)."""
    chosen: dict[str, Scene] = {}
    for scene in scenes().values():
        chosen.setdefault(scene.page, scene)
    return chosen
