"""The configuration model: frozen dataclasses, one per section of ``ecoboard.yaml``.

Field metadata ``check`` holds ``(predicate, expectation)``: the loader calls the predicate on the
converted value and, when it fails, reports ``expected <expectation>``; ``note``, a function of the
value as written, may add why it is wrong. A list field may have ``each``, the same pair for every
entry, and ``list_only``, the expectation shown when the file gives one text instead of a list (the
environment's comma-separated text stays a list). ``text_only`` refuses a value YAML reads as a number
(``name: 12``) with the field's ``check`` expectation. Defaults are the embedded default: local mode,
SQLite, the in-process bus, keyless providers.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .._record import KINDS
from .._url_checks import BUS_EXPECTATION, STORE_EXPECTATION, bus_url_problem, store_url_problem
from ._values import (
    ORIGIN_EXPECTED,
    ORIGINS_EXPECTED,
    PLACE_NAME_EXPECTED,
    TEAM_EXPECTED,
    is_origin,
    is_place_name,
    is_team,
    unquoted_time_note,
)


def _check(predicate: Any, expectation: str) -> dict[str, Any]:
    return {"check": (predicate, expectation)}


def _time_of_day() -> dict[str, Any]:
    """Metadata of an ``HH:MM`` field; a number gets a note on YAML's base-60 reading of ``18:00``."""
    return _check(_is_hhmm, "a time HH:MM") | {"note": unquoted_time_note}


def _url_check(problem: Callable[[str], str | None], expectation: str) -> dict[str, Any]:
    """Metadata of a store or bus URL: ``problem`` (see :mod:`ecoboard._url_checks`) gives the note."""
    return _check(lambda v: problem(v) is None, expectation) | {"note": lambda raw: problem(str(raw))}


def _is_zone(name: str) -> bool:
    if "/" not in name and name != "UTC":  # "EST", "EST5EDT": fixed offsets, wrong half the year (C02)
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _is_hhmm(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    return bool(sep) and hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60


Mode = Literal["local", "cluster", "hybrid"]
Units = Literal["metric", "imperial"]


@dataclass(frozen=True)
class Location:
    """Where the board is; weather, air quality and sun/moon are fetched for this place."""

    lat: float = field(default=42.3467, metadata=_check(lambda v: -90 <= v <= 90, "a number between -90 and 90"))
    lon: float = field(default=-71.0972, metadata=_check(lambda v: -180 <= v <= 180, "a number between -180 and 180"))
    name: str = field(default="Boston", metadata=_check(is_place_name, PLACE_NAME_EXPECTED) | {"text_only": True})


@dataclass(frozen=True)
class Teams:
    """Followed teams per league, by abbreviation or provider numeric id (as text). Each entry must look
    like one (:func:`is_team`); an empty entry is refused, as in any list."""

    mlb: tuple[str, ...] = field(default=("BOS",), metadata={"each": (is_team, TEAM_EXPECTED)})
    nfl: tuple[str, ...] = field(default=("NE",), metadata={"each": (is_team, TEAM_EXPECTED)})


@dataclass(frozen=True)
class ProviderSettings:
    """One kind's provider choice and polling periods (seconds)."""

    provider: str = ""
    base_url: str | None = field(
        default=None,
        metadata=_check(lambda v: v.startswith(("http://", "https://")) and " " not in v, "an http(s) URL"),
    )
    api_key_secret: str | None = None
    period: float = field(default=900.0, metadata=_check(lambda v: 10 <= v <= 86400, "seconds from 10 to 86400"))
    period_live: float = field(default=30.0, metadata=_check(lambda v: 5 <= v <= 3600, "seconds from 5 to 3600"))
    period_idle: float = field(default=3600.0, metadata=_check(lambda v: 60 <= v <= 86400, "seconds from 60 to 86400"))
    timeout: float = field(default=10.0, metadata=_check(lambda v: 0 < v <= 120, "a timeout in (0, 120] seconds"))
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)


def _default_providers() -> dict[str, ProviderSettings]:
    return {
        "weather": ProviderSettings(provider="open-meteo", period=900),
        "aqi": ProviderSettings(provider="open-meteo", period=1800),
        "mlb": ProviderSettings(provider="mlb-statsapi", period=900, period_live=30),
        "nfl": ProviderSettings(provider="espn", period=900, period_live=60),
        "sun_moon": ProviderSettings(provider="met-norway", period=3600 * 6),
    }


@dataclass(frozen=True)
class StoreSettings:
    """Where records live: ``sqlite:///PATH`` (local) or ``postgresql://...`` (cluster)."""

    url: str = field(
        default="sqlite:///var/ecoboard.sqlite3", metadata=_url_check(store_url_problem, STORE_EXPECTATION)
    )
    url_secret: str | None = None
    history: int = field(default=200, metadata=_check(lambda v: 1 <= v <= 100_000, "a count from 1 to 100000"))


@dataclass(frozen=True)
class BusSettings:
    """How updates are announced: ``memory://`` (in-process) or ``redis://HOST:PORT/DB``."""

    url: str = field(default="memory://", metadata=_url_check(bus_url_problem, BUS_EXPECTATION))
    url_secret: str | None = None


@dataclass(frozen=True)
class PageSpec:
    """One entry of the page cycle."""

    page: str
    seconds: float = field(default=10.0, metadata=_check(lambda v: 1 <= v <= 3600, "seconds from 1 to 3600"))
    options: dict[str, Any] = field(default_factory=dict)


def _default_pages() -> tuple[PageSpec, ...]:
    return (
        PageSpec("clock", 8),
        PageSpec("weather", 12),
        PageSpec("hourly", 10),
        PageSpec("daily", 10),
        PageSpec("mlb", 15),
        PageSpec("nfl", 15),
        PageSpec("status", 6),
    )


@dataclass(frozen=True)
class MatrixSettings:
    """rpi-rgb-led-matrix options (ignored by the other sinks)."""

    rows: int = 32
    cols: int = 64
    chain_length: int = 2
    parallel: int = 2
    pixel_mapper: str = "U-mapper"
    hardware_mapping: str = "regular"
    gpio_slowdown: int = 2
    pwm_bits: int = field(default=11, metadata=_check(lambda v: 1 <= v <= 11, "PWM bits from 1 to 11"))
    pwm_lsb_nanoseconds: int = 130
    limit_refresh_rate_hz: int = 0
    scan_mode: int = 0
    row_address_type: int = 0
    multiplexing: int = 0
    led_rgb_sequence: str = "RGB"
    disable_hardware_pulsing: bool = False
    drop_privileges: bool = True


@dataclass(frozen=True)
class NightSettings:
    """Dim the panel at night: by clock times, or by sunset/sunrise when ``use_sun`` is set."""

    enabled: bool = False
    start: str = field(default="22:00", metadata=_time_of_day())
    end: str = field(default="07:00", metadata=_time_of_day())
    use_sun: bool = False
    brightness: int = field(default=15, metadata=_check(lambda v: 0 <= v <= 100, "a percentage from 0 to 100"))
    bright_during_live_game: bool = True


@dataclass(frozen=True)
class DisplaySettings:
    """The render loop, its page cycle and its output."""

    fps: float = field(default=60.0, metadata=_check(lambda v: 1 <= v <= 240, "frames per second from 1 to 240"))
    brightness: int = field(default=80, metadata=_check(lambda v: 0 <= v <= 100, "a percentage from 0 to 100"))
    gamma: float = field(default=2.2, metadata=_check(lambda v: 0.5 <= v <= 4, "a gamma from 0.5 to 4"))
    sink: Literal["auto", "matrix", "emulator", "none"] = "auto"
    pages: tuple[PageSpec, ...] = field(
        default_factory=_default_pages,
        metadata=_check(lambda v: len(v) > 0, "a list of one or more {page, seconds, options}"),
    )
    matrix: MatrixSettings = field(default_factory=MatrixSettings)
    night: NightSettings = field(default_factory=NightSettings)
    stale_live_score_seconds: float = field(
        default=120.0, metadata=_check(lambda v: 1 <= v <= 86400, "seconds from 1 to 86400")
    )


@dataclass(frozen=True)
class ApiSettings:
    """The HTTP API and dashboard."""

    host: str = "0.0.0.0"
    port: int = field(default=8080, metadata=_check(lambda v: 0 <= v <= 65535, "a TCP port from 0 to 65535"))
    cors_origins: tuple[str, ...] = field(
        default=(), metadata={"each": (is_origin, ORIGIN_EXPECTED), "list_only": ORIGINS_EXPECTED}
    )
    token_secret: str | None = "control_token"
    heartbeat_seconds: float = field(default=15.0, metadata=_check(lambda v: 1 <= v <= 300, "seconds from 1 to 300"))


@dataclass(frozen=True)
class SecretsSettings:
    """Where secrets come from: ``file`` (a JSON or YAML file), or a SecretManager ``secretcfg`` and
    ``secretdef`` as in the original ecosystem (see docs/secrets.md). Empty: no secrets."""

    file: str | None = None
    secretcfg: dict[str, Any] = field(default_factory=dict)
    secretdef: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The whole configuration of one ecoboard."""

    location: Location = field(default_factory=Location)
    timezone: str = field(
        default="America/New_York", metadata=_check(_is_zone, "an IANA time zone name such as America/New_York")
    )
    units: Units = "imperial"
    mode: Mode = "local"
    cluster_kinds: tuple[str, ...] = field(
        default=(), metadata=_check(lambda v: set(v) <= set(KINDS), "kinds among " + ", ".join(KINDS))
    )
    scoreboard_rollover: str = field(default="04:00", metadata=_time_of_day())
    teams: Teams = field(default_factory=Teams)
    providers: dict[str, ProviderSettings] = field(default_factory=_default_providers, metadata={"keys": KINDS})
    store: StoreSettings = field(default_factory=StoreSettings)
    bus: BusSettings = field(default_factory=BusSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    secrets: SecretsSettings = field(default_factory=SecretsSettings)
    replay_dir: str | None = None

    def is_local(self, kind: str) -> bool:
        """True when this board fetches ``kind`` itself (local mode, or hybrid and not synced)."""
        if self.mode == "local":
            return True
        if self.mode == "cluster":
            return False
        return kind not in self.cluster_kinds
