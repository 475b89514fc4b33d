"""``ecoboard fetch KIND --once`` and its bus: a password Redis refuses is a configuration error found
before anything is written; an in-process bus (``memory://``) is said to reach no other process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..bus.redis_server import RedisServer
from ._support import DEMO, ecoboard

WARNING = (
    "WARNING ecoboard.fetch: bus.url is memory:// (in-process): no other process hears this update. A board or "
    "API on the same store serves the record from /api/v1/records at once, but its panel and live stream (SSE) "
    "move on only at the board's own next weather fetch or its restart; a redis:// bus.url announces it"
)


def _versions(db: Path) -> list[int]:
    if not db.is_file():
        return []
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT version FROM records WHERE kind = 'weather'")]


def test_a_wrong_or_missing_redis_password_exits_2_before_writing(tmp_path: Path) -> None:
    server = RedisServer(tmp_path, password="realpass123")
    server.start()
    try:
        for userinfo, problem in [
            (
                ":PWleak41@",
                "Redis refused the password in the bus URL (a wrong password, or a disabled user: invalid "
                "username-password pair or user is disabled)",
            ),
            ("", "Redis requires a password and the bus URL gives none"),
        ]:
            (tmp_path / "board.yaml").write_text(
                "store: {url: 'sqlite:///records.sqlite3'}\n"
                f"bus: {{url: 'redis://{userinfo}127.0.0.1:{server.port}/0'}}\n"
            )
            done = ecoboard("fetch", "weather", "--once", "--replay", str(DEMO), "--config", "board.yaml", cwd=tmp_path)
            shown = f"redis://{':***@' if userinfo else ''}127.0.0.1:{server.port}/0"
            assert (done.returncode, done.stdout) == (2, "")
            assert done.stderr.splitlines()[-1] == (
                f"ecoboard fetch: error: bus.url: redis bus {shown}: {problem}; nothing was written"
            )
            assert "PWleak" not in done.stderr and "Traceback" not in done.stderr
            assert _versions(tmp_path / "records.sqlite3") == []
    finally:
        server.stop()


def test_an_in_process_bus_warns_that_no_other_process_hears_the_update(tmp_path: Path) -> None:
    done = ecoboard("fetch", "weather", "--once", "--replay", str(DEMO), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    lines = [line.split(" ", 2)[2] for line in done.stderr.splitlines()]
    assert [line for line in lines if line.startswith("WARNING")] == [WARNING]
    assert lines[-1].startswith("INFO ecoboard.fetch: weather version 1 from replay:open-meteo written (valid until ")
    assert _versions(tmp_path / "var" / "ecoboard.sqlite3") == [1]
