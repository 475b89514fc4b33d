"""Checks of single configuration values that need more than a comparison: browser origins, the times
YAML turns into numbers, the place name and followed teams."""

from __future__ import annotations

import re
from typing import Any

_ORIGIN = re.compile(
    r"(?P<scheme>https?)://"
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])"
    r"(?::(?P<port>[0-9]{1,5}))?"
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TEAM = re.compile(r"[A-Za-z]{2,4}|[0-9]{1,10}")

PLACE_NAME_MAX = 64
"""The longest ``location.name``; the clock page scrolls a name wider than the panel."""
PLACE_NAME_EXPECTED = f"a place name of 1 to {PLACE_NAME_MAX} characters on one line"
TEAM_EXPECTED = "a team abbreviation of 2 to 4 letters (such as BOS) or a provider's numeric team id"

ORIGIN_EXPECTED = (
    "an origin http(s)://host[:port] exactly as a browser sends it (lower case, no default port, no path "
    'or trailing slash; "*" is not accepted: list each origin)'
)
ORIGINS_EXPECTED = 'a list of origins such as ["http://192.168.1.20:8080"]'


def is_origin(text: str) -> bool:
    """True when ``text`` is a browser ``Origin`` exactly as sent: ``http(s)://host[:port]`` in lower case,
    the port only when it is not the scheme's default, and no path, query or trailing slash (an entry
    written otherwise would never equal the header, and the setting would silently do nothing)."""
    match = _ORIGIN.fullmatch(text)
    if match is None:
        return False
    port = match["port"]
    return port is None or (0 < int(port) <= 65535 and int(port) != _DEFAULT_PORTS[match["scheme"]] and port[0] != "0")


def unquoted_time_note(value: Any) -> str | None:
    """Why a time of day arrived as a number: YAML 1.1 reads an unquoted ``18:00`` as 1080 (base 60).
    ``None`` for anything that cannot be such a time."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 60:
        return None
    hours, minutes = divmod(value, 60)
    return f'YAML reads an unquoted {hours}:{minutes:02d} as {value}; write "{hours:02d}:{minutes:02d}" in quotes'


def is_place_name(text: str) -> bool:
    """True when ``text`` has a visible character, at most :data:`PLACE_NAME_MAX` characters, and no line
    break or other control character."""
    return bool(text.strip()) and len(text) <= PLACE_NAME_MAX and text.isprintable()


def is_team(text: str) -> bool:
    """True when ``text`` can name a team: 2 to 4 ASCII letters (any case, as the providers' abbreviations
    are matched) or a numeric id of up to 10 digits. Whether a provider knows the team is not checked."""
    return _TEAM.fullmatch(text) is not None
