"""Checks of single configuration values that need more than a comparison: browser origins and the
times YAML turns into numbers."""

from __future__ import annotations

import re
from typing import Any

_ORIGIN = re.compile(
    r"(?P<scheme>https?)://"
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])"
    r"(?::(?P<port>[0-9]{1,5}))?"
)
_DEFAULT_PORTS = {"http": 80, "https": 443}

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
