"""A password written unencoded with an '@', '/' or a conninfo 'password=' reaches psycopg and redis-py
only through the library API (the config, open_store and open_bus refuse such URLs); even then no
piece of it shows in the error, its traceback or the log (libpq takes the first '@' as the end of
the password and names the rest as a host; urllib takes a '/' as the end of the host and names the
rest as a port)."""

from __future__ import annotations

import logging
import traceback

import pytest
import trio

from ecoboard import BusError, StoreError
from ecoboard.bus import RedisBus
from ecoboard.store._postgres import PostgresStore

PIECES = ("PWx", "leak9", "leak12", "Abcd", "PWleak18")
SLASH_IN_PASSWORD = "redis://:Abcd/leak12@127.0.0.1:6379/0"
AT_IN_PASSWORD = "redis://:PWx@leak9@127.0.0.1:1/0"


def _everything(exc: BaseException, caplog: pytest.LogCaptureFixture) -> str:
    """The error's traceback (chained causes too; the test's own lines name URLs by variable) and the log."""
    return "".join(traceback.format_exception(exc)) + caplog.text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://u:PWx@leak9@127.0.0.1:5432/test",
            "postgresql store postgresql://***@127.0.0.1:5432/test: cannot connect: failed to resolve host "
            "'***@127.0.0.1': [Errno -2] Name or service not known",
        ),
        (
            "host=127.0.0.1 port=1 password=PWleak18 dbname=test",
            "postgresql store host=127.0.0.1 port=1 password=*** dbname=test: cannot connect: connection failed: "
            'connection to server at "127.0.0.1", port 1 failed: Connection refused',
        ),
        (  # a piece too short to replace ("o") shows in the message: it is not shown at all
            "postgresql://u:o@leak9@127.0.0.1:5432/test",
            "postgresql store postgresql://***@127.0.0.1:5432/test: cannot connect: "
            "(the message is not shown: it may quote the password or a part of it)",
        ),
    ],
)
def test_psycopg_messages_show_no_piece_of_the_password(
    url: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreError) as err:
        PostgresStore(url)
    assert str(err.value) == message
    for piece in PIECES:
        assert piece not in _everything(err.value, caplog)


def test_redis_py_messages_show_no_piece_of_the_password(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BusError) as err:
        RedisBus(SLASH_IN_PASSWORD)
    assert str(err.value) == (
        "redis bus redis://***@127.0.0.1:6379/0: invalid URL: Port could not be cast to integer value as '***'"
    )
    for piece in PIECES:
        assert piece not in _everything(err.value, caplog)

    async def publish() -> None:
        bus = RedisBus(AT_IN_PASSWORD)
        try:
            await bus.publish("update", {"kind": "mlb", "version": 1})
        finally:
            await bus.aclose()

    with pytest.raises(BusError) as err:
        trio.run(publish)
    assert str(err.value) == (
        "redis bus redis://***@127.0.0.1:1/0: publish on update failed: Error 111 connecting to 127.0.0.1:1. "
        "Connection refused."
    )
    for piece in PIECES:
        assert piece not in _everything(err.value, caplog)
