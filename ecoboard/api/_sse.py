"""Server-Sent Events for record updates: the event id (a version vector) and the stream.

The ``id:`` of each event encodes what the client has seen so far, every kind's version:
``weather.12-aqi.5-mlb.40`` (kinds in display order, then any other kind, such as ``reminder``, by name). A browser
sends the last id back as ``Last-Event-ID`` when it reconnects, so the server can send exactly the
kinds whose latest version is newer than the one in the id, and nothing the client already has.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

import trio

from .._record import KINDS, REMINDER_KIND, Record
from ._hub import RecordHub
from ._json import utc_now
from ._params import whole_number

STREAMED_KINDS: tuple[str, ...] = (*KINDS, REMINDER_KIND)
"""The kinds an event id may name: the fetched kinds and the reminder acknowledgement."""

RETRY_MS = 3000
"""How long a browser waits before it reconnects (the stream's ``retry:`` field)."""


def _order(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind), "") if kind in KINDS else (len(KINDS), kind)


def encode_event_id(seen: Mapping[str, int]) -> str:
    """The event id for a client that has seen ``seen`` (kind → version)."""
    return "-".join(f"{kind}.{seen[kind]}" for kind in sorted(seen, key=_order))


def decode_event_id(text: str | None) -> dict[str, int]:
    """The versions a ``Last-Event-ID`` says the client has; malformed parts and kinds ecoboard does
    not know are ignored (a client with an unreadable id gets every current record again, never less,
    and a made-up id is never echoed back)."""
    seen: dict[str, int] = {}
    for part in (text or "").strip().split("-")[: 4 * len(STREAMED_KINDS)]:
        kind, _, text = part.rpartition(".")
        version = whole_number(text)
        if kind in STREAMED_KINDS and version is not None:
            seen[kind] = version
    return seen


def format_event(event: str, data: str, event_id: str | None = None) -> bytes:
    """One SSE event; every line of ``data`` becomes its own ``data:`` field."""
    lines = [f"id: {event_id}"] if event_id is not None else []
    lines.append(f"event: {event}")
    lines.extend(f"data: {line}" for line in data.splitlines() or [""])
    return ("\n".join(lines) + "\n\n").encode()


HEARTBEAT = b": keep-alive\n\n"


async def record_events(hub: RecordHub, seen: Mapping[str, int], heartbeat: float) -> AsyncIterator[bytes]:
    """The body of one ``/api/v1/events`` response.

    Starts with ``retry:``, then every record newer than ``seen``, then one ``record`` event per
    update. Sends a heartbeat comment after ``heartbeat`` seconds without an event. Returns when the
    server shuts down (:meth:`RecordHub.close`); cancelled when the client goes away. Always
    unregisters the client from the hub.
    """
    queue = hub.connect(seen)
    versions = dict(seen)
    try:
        yield f"retry: {RETRY_MS}\n\n".encode()
        while True:
            with trio.move_on_after(heartbeat):
                await queue.wait()
            if queue.closed:
                return
            records = queue.take()
            if not records:
                yield HEARTBEAT
                continue
            chunk = _events(hub, records, versions)
            if chunk:
                yield chunk
    finally:
        hub.disconnect(queue)


def _events(hub: RecordHub, records: list[Record], versions: dict[str, int]) -> bytes:
    now = utc_now()
    out = []
    for record in records:
        if record.version == versions.get(record.kind):  # the client has exactly this one
            continue
        versions[record.kind] = record.version
        out.append(format_event("record", hub.record_text(record, now), encode_event_id(versions)))
    return b"".join(out)
