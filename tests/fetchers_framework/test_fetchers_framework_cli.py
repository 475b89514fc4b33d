"""``ecoboard transform`` and ``ecoboard fetch`` as a user runs them (in-process through ``main``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecoboard.cli import main
from ecoboard.store import open_store

from .helpers import FIXTURES, LIVE_SCHEDULE

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
POSTPONED = FIXTURES / "mlb-statsapi" / "schedule-2022-04-07-opening-day-finals-2-postponed.json"


def transform(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["transform", *args, "--config", "/dev/null"])
    out, err = capsys.readouterr()
    return code, out, err


def test_transform_prints_the_normalized_record(capsys) -> None:
    code, out, err = transform(
        capsys, "mlb", "--provider", "mlb-statsapi", "--now", "2022-04-07T20:00:00Z", str(POSTPONED)
    )
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert (record["kind"], record["version"], record["source"]) == ("mlb", 0, "mlb-statsapi")
    assert record["fetched_at"] == "2022-04-07T20:00:00+00:00"
    games = record["data"]["games"]
    assert len(games) == 9
    postponed = {g["id"]: g for g in games if g["status"] == "postponed"}
    assert sorted(postponed) == ["661333", "661750"]
    assert postponed["661333"]["reason"] == "Inclement Weather"
    assert postponed["661333"]["reschedule_date"] == "2022-04-08"
    assert sum(g["status"] == "final" for g in games) == 7


def test_transform_takes_further_requests_as_name_equals_path(capsys) -> None:
    sun = FIXTURES / "met-norway" / "sunrise3-sun-oslo-2022-12-18.json"
    moon = FIXTURES / "met-norway" / "sunrise3-moon-oslo-2022-12-18.json"
    code, out, err = transform(
        capsys,
        "sun_moon",
        "--provider",
        "met-norway",
        "--now",
        "2022-12-18T12:00:00+01:00",
        str(sun),
        "--file",
        f"moon={moon}",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)["data"]
    assert (data["moon_phase_degrees"], data["moon_phase"]) == (288.54, "waning_crescent")
    code, out, err = transform(
        capsys, "sun_moon", "--provider", "met-norway", "--now", "2022-12-18T12:00:00Z", str(sun)
    )
    assert (code, out) == (2, "")
    assert err == (
        "ecoboard transform: error: no answer given for request moon (requests: sun, moon; "
        "give FILE for the first and --file NAME=PATH for the others)\n"
    )
    # a name that is no request (a typo of the missing one) is named beside the requests there are
    met_norway = ("sun_moon", "--provider", "met-norway", "--now", "2022-12-18T12:00:00Z")
    code, out, err = transform(capsys, *met_norway, str(sun), "--file", f"bogus={moon}")
    assert (code, out) == (2, "")
    assert err == (
        "ecoboard transform: error: no answer given for request moon; --file 'bogus' is not among them "
        "(requests: sun, moon; give FILE for the first and --file NAME=PATH for the others)\n"
    )
    code, out, err = transform(capsys, *met_norway, "--file", f"mon={moon}", "--file", f"sunn={sun}")
    assert (code, out) == (2, "")
    assert err == (
        "ecoboard transform: error: no answer given for request sun, moon; --file 'mon', 'sunn' are not "
        "among them (requests: sun, moon; give FILE for the first and --file NAME=PATH for the others)\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            LIVE_SCHEDULE.read_bytes()[:3000],
            "not valid JSON: Unterminated string starting at (line 1, column 2996 of a body of 3000 bytes)",
        ),
        (b"", "empty body (HTTP 200)"),
        (b"<!doctype html><title>Access Denied</title>", "got an HTML page titled 'Access Denied' instead of JSON"),
        (b'{"dates": "tomorrow"}', "mlb-statsapi: mlb: "),
    ],
    ids=["truncated", "empty", "html", "wrong-type"],
)
def test_transform_of_a_malformed_file_is_one_line(capsys, tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "schedule.json"
    bad.write_bytes(content)
    code, out, err = transform(capsys, "mlb", "--provider", "mlb-statsapi", "--now", "2024-04-28T20:10:00Z", str(bad))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("ecoboard transform: error: mlb-statsapi: ")
    assert message in err


def test_transform_bad_now_and_unknown_provider(capsys) -> None:
    code, _, err = transform(capsys, "mlb", "--provider", "mlb-statsapi", "--now", "yesterday", str(POSTPONED))
    assert code == 2 and err.startswith("ecoboard transform: error: --now: expected an ISO-8601 instant with an offset")
    code, _, err = transform(capsys, "mlb", "--provider", "nope", "--now", "2022-04-07T20:00:00Z", str(POSTPONED))
    assert code == 2
    assert err == "ecoboard transform: error: providers.mlb.provider: expected one of espn, mlb-statsapi, got 'nope'\n"


def test_fetch_once_writes_the_store_named_in_the_config(capsys, tmp_path: Path) -> None:
    db = tmp_path / "board.sqlite3"
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: sqlite:///{db}\n  history: 3\nbus:\n  url: memory://\n")
    for _ in range(4):
        assert main(["fetch", "nfl", "--once", "--replay", str(DEMO), "--config", str(config)]) == 0
    store = open_store(f"sqlite:///{db}")
    record = store.latest("nfl")
    assert (record.version, record.source) == (4, "replay:espn")
    assert len(record.data["games"]) == 16
    assert [r.version for r in store.history("nfl")] == [4, 3, 2]


def fetch_from_an_empty_replay(capsys, tmp_path: Path, kind: str) -> tuple[Path, str]:
    """``fetch KIND --once`` against an empty replay directory: (that directory, stderr); exit 2."""
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: sqlite:///{tmp_path / 'board.sqlite3'}\n")
    empty = tmp_path / "replay"
    empty.mkdir()
    capsys.readouterr()
    assert main(["fetch", kind, "--once", "--replay", str(empty), "--config", str(config)]) == 2
    return empty, capsys.readouterr().err


def test_fetch_once_failure_is_one_line_and_writes_nothing(capsys, tmp_path: Path) -> None:
    db = tmp_path / "board.sqlite3"
    empty, err = fetch_from_an_empty_replay(capsys, tmp_path, "mlb")
    assert err.count("\n") == 1
    assert err.startswith(
        "ecoboard fetch: error: mlb-statsapi: https://statsapi.mlb.com/api/v1/schedule?sportId=1&date="
    )
    assert err.endswith(
        f"HTTP 404 Not Found: replay: create {empty}/statsapi.mlb.com/api/v1/schedule.json "
        "(or an index.yaml entry) to answer GET https://statsapi.mlb.com/api/v1/schedule\n"
    )
    assert open_store(f"sqlite:///{db}").latest_versions() == {}


def test_fetch_unknown_kind_is_a_config_error(capsys) -> None:
    assert main(["fetch", "cricket", "--once", "--config", "/dev/null"]) == 2
    assert capsys.readouterr().err == (
        "ecoboard fetch: error: providers.cricket: no such kind is configured "
        "(configured: aqi, mlb, nfl, sun_moon, weather)\n"
    )


def test_fetch_of_a_disabled_kind_is_refused(capsys, tmp_path: Path) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: sqlite:///{tmp_path / 'db.sqlite3'}\nproviders:\n  nfl:\n    enabled: false\n")
    assert main(["fetch", "nfl", "--once", "--replay", str(DEMO), "--config", str(config)]) == 2
    expected = "ecoboard fetch: error: providers.nfl.enabled is false: this kind is not fetched\n"
    assert capsys.readouterr().err == expected


def test_a_missing_replay_file_is_named_in_full_after_a_short_url(capsys, tmp_path: Path) -> None:
    empty, err = fetch_from_an_empty_replay(capsys, tmp_path, "weather")
    head, _, tail = err.partition(": HTTP 404 Not Found: ")
    # open-meteo's query is ~800 characters: cut at 100 so the file to create is not buried
    assert head.startswith("ecoboard fetch: error: open-meteo: https://api.open-meteo.com/v1/forecast?latitude=")
    assert len(head) == len("ecoboard fetch: error: open-meteo: ") + 101 and head.endswith("…")
    assert tail == (
        f"replay: create {empty}/api.open-meteo.com/v1/forecast.json (or an index.yaml entry) "
        "to answer GET https://api.open-meteo.com/v1/forecast\n"
    )


def test_fetch_once_written_but_not_announced_exits_4_with_one_line(capsys, tmp_path: Path) -> None:
    db = tmp_path / "board.sqlite3"
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: sqlite:///{db}\nbus:\n  url: redis://127.0.0.1:1/0\n")
    capsys.readouterr()
    assert main(["fetch", "mlb", "--once", "--replay", str(DEMO), "--config", str(config)]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("ecoboard fetch: error: mlb version 1 written but not announced on the bus: ")
    assert open_store(f"sqlite:///{db}").latest_versions() == {"mlb": 1}
