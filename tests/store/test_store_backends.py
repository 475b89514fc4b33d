"""Backend-specific behaviour: SQLite URLs and WAL, PostgreSQL schemas, errors and reconnects."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from ecoboard import StoreError
from ecoboard.store import open_store

from .backends import PG_BASE, temp_store_url

T0 = datetime(2022, 4, 7, 17, 5, tzinfo=UTC)


def test_sqlite_relative_url_creates_parent_dirs_and_uses_wal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store("sqlite:///var/lib/ecoboard.sqlite3")
    assert (tmp_path / "var" / "lib" / "ecoboard.sqlite3").is_file()
    assert store.journal_mode() == "wal"
    store.close()


def test_sqlite_absolute_url(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.sqlite3"
    store = open_store(f"sqlite:///{path}")
    assert str(path).startswith("/") and path.is_file()
    store.write("nfl", fetched_at=T0, valid_until=T0, source="espn", data={})
    store.close()
    assert open_store(f"sqlite:///{path}").latest("nfl").version == 1


def test_sqlite_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="expected sqlite:///relative/path or sqlite:////absolute/path"):
        open_store("sqlite:relative.db")


def test_sqlite_unwritable_dir_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{blocker}/sub/db.sqlite3")


def test_pg_timestamps_are_timestamptz_and_data_is_jsonb(tmp_path: Path) -> None:
    with temp_store_url("postgresql", tmp_path) as url:
        store = open_store(url)
        store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"games": []})
        schema = url.rsplit("schema=", 1)[1]
        with psycopg.connect(PG_BASE) as conn:
            types = dict(conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = 'records'", (schema,)).fetchall())
        assert types["fetched_at"] == "timestamp with time zone"
        assert types["valid_until"] == "timestamp with time zone"
        assert types["data"] == "jsonb"
        store.close()


def test_pg_search_path_option_isolates_like_schema(tmp_path: Path) -> None:
    with temp_store_url("postgresql", tmp_path) as url:
        schema = url.rsplit("schema=", 1)[1]
        open_store(url).close()  # creates the schema
        store = open_store(f"{PG_BASE}?options=-csearch_path%3D{schema}")
        store.write("aqi", fetched_at=T0, valid_until=T0, source="open-meteo", data={"x": 1})
        assert open_store(url).latest("aqi").data["x"] == 1
        store.close()


def test_pg_unreachable_is_a_store_error_without_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://postgres:hunter2secret@127.0.0.1:1/test?connect_timeout=2")
    assert "hunter2secret" not in str(info.value)
    assert "postgresql store postgresql://postgres:***@127.0.0.1:1/test" in str(info.value)


def test_pg_bad_schema_name_is_refused() -> None:
    with pytest.raises(StoreError, match="schema: expected an SQL identifier"):
        open_store(f"{PG_BASE}?schema=x;drop")


def test_pg_lost_connection_fails_one_call_then_reconnects(tmp_path: Path) -> None:
    with temp_store_url("postgresql", tmp_path) as url:
        store = open_store(url)
        store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={})
        pid = store._conn.info.backend_pid
        with psycopg.connect(PG_BASE, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="reading mlb failed"):
            store.latest("mlb")
        assert store.latest("mlb").version == 1  # the next call reconnected
        assert store._conn.info.backend_pid != pid
        store.close()



@pytest.mark.parametrize("url", ["sqlite://", "sqlite:", "sqlite:///", "sqlite:///:memory:", "sqlite://?x=1"])
def test_sqlite_url_without_a_file_is_refused_naming_store_url(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert str(caught.value) == (
        f"store.url: {url!r} names no database file (an in-memory database would lose every record); "
        "use sqlite:///relative/path or sqlite:////absolute/path"
    )
