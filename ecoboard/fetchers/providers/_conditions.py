"""Provider weather codes -> ecoboard's closed condition set (docs/records.md), as tables.

WMO codes (Open-Meteo's ``weather_code``, WMO 4677 subset) and OpenWeatherMap condition ids map to
one condition each; an unknown code maps to ``unknown`` and never raises (C14).
"""

from __future__ import annotations

from ..._record import CONDITIONS as ALL_CONDITIONS

CONDITIONS: frozenset[str] = frozenset(ALL_CONDITIONS)

UNKNOWN = ("unknown", "Unknown")

# WMO code -> (condition, our description)
_WMO: dict[int, tuple[str, str]] = {
    0: ("clear", "Clear sky"),
    1: ("mostly_clear", "Mainly clear"),
    2: ("partly_cloudy", "Partly cloudy"),
    3: ("cloudy", "Overcast"),
    45: ("fog", "Fog"),
    48: ("fog", "Rime fog"),
    51: ("drizzle", "Light drizzle"),
    53: ("drizzle", "Drizzle"),
    55: ("drizzle", "Dense drizzle"),
    56: ("freezing_drizzle", "Light freezing drizzle"),
    57: ("freezing_drizzle", "Freezing drizzle"),
    61: ("rain", "Light rain"),
    63: ("rain", "Rain"),
    65: ("heavy_rain", "Heavy rain"),
    66: ("freezing_rain", "Light freezing rain"),
    67: ("freezing_rain", "Freezing rain"),
    71: ("snow", "Light snow"),
    73: ("snow", "Snow"),
    75: ("heavy_snow", "Heavy snow"),
    77: ("snow_grains", "Snow grains"),
    80: ("rain_showers", "Light showers"),
    81: ("rain_showers", "Showers"),
    82: ("rain_showers", "Violent showers"),
    85: ("snow_showers", "Snow showers"),
    86: ("snow_showers", "Heavy snow showers"),
    95: ("thunderstorm", "Thunderstorm"),
    96: ("thunderstorm_hail", "Thunderstorm with hail"),
    99: ("thunderstorm_hail", "Thunderstorm with heavy hail"),
}

# OpenWeatherMap id -> condition, for the ids whose group default below does not fit
_OWM_EXACT: dict[int, str] = {
    500: "rain",
    501: "rain",
    502: "heavy_rain",
    503: "heavy_rain",
    504: "heavy_rain",
    511: "freezing_rain",
    600: "snow",
    601: "snow",
    602: "heavy_snow",
    611: "freezing_rain",
    612: "freezing_rain",
    613: "freezing_rain",
    615: "snow",
    616: "snow",
    620: "snow_showers",
    621: "snow_showers",
    622: "snow_showers",
    701: "fog",
    711: "dust",
    721: "fog",
    731: "dust",
    741: "fog",
    751: "dust",
    761: "dust",
    762: "dust",
    771: "thunderstorm",
    781: "thunderstorm",
    800: "clear",
    801: "mostly_clear",
    802: "partly_cloudy",
    803: "cloudy",
    804: "cloudy",
}

# OpenWeatherMap id // 100 -> condition for ids in that group not listed above
_OWM_GROUP: dict[int, str] = {2: "thunderstorm", 3: "drizzle", 5: "rain_showers"}

# Our words for an OWM condition when the provider sends no description
_OWM_WORDS: dict[str, str] = {
    "clear": "Clear sky",
    "mostly_clear": "Few clouds",
    "partly_cloudy": "Scattered clouds",
    "cloudy": "Cloudy",
    "fog": "Fog",
    "drizzle": "Drizzle",
    "rain": "Rain",
    "heavy_rain": "Heavy rain",
    "freezing_rain": "Freezing rain",
    "snow": "Snow",
    "heavy_snow": "Heavy snow",
    "rain_showers": "Showers",
    "snow_showers": "Snow showers",
    "thunderstorm": "Thunderstorm",
    "dust": "Dust",
    "unknown": "Unknown",
}


def wmo_condition(code: int | None) -> tuple[str, str]:
    """``(condition, description)`` for a WMO weather code; ``("unknown", "Unknown")`` when unknown."""
    if code is None:
        return UNKNOWN
    return _WMO.get(code, UNKNOWN)


def owm_condition(code: int | None) -> str:
    """The condition for an OpenWeatherMap condition id; ``unknown`` when the id is unknown."""
    if code is None:
        return "unknown"
    if code in _OWM_EXACT:
        return _OWM_EXACT[code]
    if 200 <= code < 600:
        return _OWM_GROUP.get(code // 100, "unknown")
    return "unknown"


def owm_words(condition: str) -> str:
    """Our description of a condition, used when OWM sends no description text."""
    return _OWM_WORDS.get(condition, "Unknown")
