"""The snapshot's rule for which record of a kind it keeps: newer versions from updates, what the
store says from a full re-read (even an older version: a store reset), but never a re-read's older
record over one accepted after that re-read began."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ecoboard import Record
from ecoboard.appliance import Snapshot

AT = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)


def mlb(version: int, minutes: int = 0) -> Record:
    fetched = AT + timedelta(minutes=minutes)
    return Record("mlb", version, fetched, fetched + timedelta(hours=1), "mlb-statsapi", {"games": []})


def test_an_update_keeps_only_newer_versions() -> None:
    snapshot = Snapshot()
    assert snapshot.offer([mlb(2)], now=1.0) == ["mlb"]
    assert snapshot.offer([mlb(1), mlb(2)], now=2.0) == []
    assert snapshot.versions() == {"mlb": 2}
    assert snapshot.changed_at == {"mlb": 1.0}


def test_a_full_re_read_keeps_what_the_store_says_even_an_older_version() -> None:
    snapshot = Snapshot()
    snapshot.offer([mlb(5)], now=1.0)
    since = snapshot.mark()
    assert snapshot.offer([mlb(5)], now=2.0, reread_from=since) == []  # the same record: no change
    assert snapshot.offer([mlb(1, minutes=30)], now=3.0, reread_from=since) == ["mlb"]
    assert snapshot.records["mlb"] == mlb(1, minutes=30)
    assert snapshot.changed_at == {"mlb": 3.0}
    # a reset store that already reached the held version again: another record all the same
    snapshot.offer([mlb(2, minutes=40)], now=4.0)
    assert snapshot.offer([mlb(2, minutes=50)], now=5.0, reread_from=snapshot.mark()) == ["mlb"]
    assert snapshot.records["mlb"] == mlb(2, minutes=50)


def test_a_re_read_never_replaces_a_record_accepted_after_it_began() -> None:
    snapshot = Snapshot()
    snapshot.offer([mlb(6)], now=1.0)
    since = snapshot.mark()  # the re-read starts and reads version 6 ...
    snapshot.offer([mlb(7, minutes=1)], now=2.0)  # ... while an update brings version 7
    assert snapshot.offer([mlb(6)], now=3.0, reread_from=since) == []
    assert snapshot.versions() == {"mlb": 7}
