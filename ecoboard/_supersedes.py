"""Which record of a kind to keep: the rule shared by the appliance's snapshot and the API's SSE hub."""

from __future__ import annotations

from ._record import Record


def supersedes(record: Record, held: Record | None, *, full_read: bool = False) -> bool:
    """Whether ``record`` takes the place of ``held``, the record kept of its kind.

    A newer version always does. In a full re-read of the store (``full_read``) any other record of
    the kind does too, even an older version: the store says what is current, and one that was
    reset or restored from a backup numbers its versions lower than what was held.
    """
    if held is None or record.version > held.version:
        return True
    return full_read and (record.version, record.fetched_at) != (held.version, held.fetched_at)
