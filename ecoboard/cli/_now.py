"""``--now INSTANT``: the instant a command works as at (``snapshot``, ``transform``), read in one place."""

from __future__ import annotations

from datetime import UTC, datetime

from .._errors import ConfigError
from .._record import utc_instant

NOW_YEARS = (1900, 8999)
"""The years ``--now`` may name, both as written and in UTC.

Pages and transforms add days, weeks and time-zone offsets to the instant (a week of forecasts,
the next games, a record's validity). Near the ends of Python's calendar (years 1 and 9999) that
arithmetic overflows into a traceback; before 1900 the time-zone database knows only local mean
time. These bounds keep centuries of margin on both sides and still cover any date a board shows.
"""


def parse_now(text: str) -> datetime:
    """``text`` (ISO-8601 with an offset, ``Z`` allowed) as an aware UTC instant within :data:`NOW_YEARS`;
    otherwise a :class:`ConfigError` of one line naming ``--now`` and what it expects (exit status 2)."""
    try:
        written = datetime.fromisoformat(text.replace("Z", "+00:00"))
        instant = utc_instant(written)
    except ValueError as exc:
        raise ConfigError(f"--now: expected an ISO-8601 instant with an offset, got {text!r} ({exc})") from None
    except OverflowError:  # the offset carries it past year 1 or 9999
        instant = None
    first, last = NOW_YEARS
    if instant is None or not all(first <= year <= last for year in (written.year, instant.year)):
        raise ConfigError(f"--now: expected an instant in the years {first} to {last}, got {text!r}")
    return instant


def now_or_clock(text: str | None) -> datetime:
    """:func:`parse_now` of ``text``, or the current instant when ``--now`` was not given."""
    return parse_now(text) if text else datetime.now(UTC)
