"""``--now`` of ``snapshot`` and ``transform``: an instant outside the years 1900 to 8999 (where date
arithmetic would overflow) is one line on stderr and exit status 2, never a traceback or a picture."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ._support import DEMO, ROOT, ecoboard

OPENING_DAY = ROOT / "tests" / "fixtures" / "mlb-statsapi" / "schedule-2022-04-07-opening-day-finals-2-postponed.json"
OUTSIDE = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+00:00",
    "9999-06-01T00:00:00Z",
    "8999-12-31T23:00:00-12:00",
    "1900-01-01T00:00:00+14:00",
]


def _refused(proc: subprocess.CompletedProcess[str], command: str, now: str) -> None:
    assert (proc.returncode, proc.stdout) == (2, "")
    assert (
        proc.stderr == f"ecoboard {command}: error: --now: expected an instant in the years 1900 to 8999, got {now!r}\n"
    )


@pytest.mark.parametrize("now", OUTSIDE)
@pytest.mark.parametrize("replay", [False, True])
def test_snapshot_refuses_an_instant_outside_the_supported_years(tmp_path: Path, now: str, replay: bool) -> None:
    out = tmp_path / "x.png"
    page = "weather" if now.startswith("9") else "clock"
    proc = ecoboard(
        "snapshot",
        "--page",
        page,
        "--out",
        str(out),
        "--now",
        now,
        *(["--replay", str(DEMO)] if replay else []),
        cwd=tmp_path,
    )
    _refused(proc, "snapshot", now)
    assert not out.exists()


@pytest.mark.parametrize("now", OUTSIDE)
def test_transform_refuses_an_instant_outside_the_supported_years(tmp_path: Path, now: str) -> None:
    proc = ecoboard("transform", "mlb", "--provider", "mlb-statsapi", "--now", now, str(OPENING_DAY), cwd=tmp_path)
    _refused(proc, "transform", now)


def test_a_malformed_now_is_one_line_for_both_commands(tmp_path: Path) -> None:
    for args in (
        ("snapshot", "--page", "clock", "--out", str(tmp_path / "x.png")),
        ("transform", "mlb", "--provider", "mlb-statsapi", str(OPENING_DAY)),
    ):
        proc = ecoboard(*args, "--now", "2024-04-28T20:10:00", cwd=tmp_path)
        assert (proc.returncode, proc.stdout) == (2, "")
        assert proc.stderr == (
            f"ecoboard {args[0]}: error: --now: expected an ISO-8601 instant with an offset, got '2024-04-28T20:10:00' "
            "(expected an aware instant with a UTC offset, got naive 2024-04-28T20:10:00)\n"
        )


def _other_day(asked: str, answered: str) -> str:
    """The warning of an MLB answer about another day than the one asked for."""
    return (
        f"WARNING ecoboard.fetchers.providers._sports_common: mlb (mlb-statsapi): asked for the games of {asked}, "
        f"the answer holds those of {answered}: the record keeps them as they are (a cached answer, or the "
        "recorded demo) and they do not set the live polling cadence"
    )


@pytest.mark.parametrize("now", ["1900-01-01T00:00:00Z", "8999-12-31T23:59:59Z"])
def test_the_first_and_last_supported_instants_work(tmp_path: Path, now: str) -> None:
    proc = ecoboard("transform", "mlb", "--provider", "mlb-statsapi", "--now", now, str(OPENING_DAY), cwd=tmp_path)
    asked = "1899-12-31" if now.startswith("1900") else "8999-12-31"  # the scoreboard day in New York
    assert proc.returncode == 0
    # the one line: the recording is of 2022-04-07, not of the scoreboard day at ``now`` (M3)
    assert [line.split(" ", 2)[2] for line in proc.stderr.splitlines()] == [_other_day(asked, "2022-04-07")]
    record = json.loads(proc.stdout)
    assert record["fetched_at"] == now.replace("Z", "+00:00")
    assert record["data"]["date"] == "2022-04-07"
    games = [(g["away"]["abbreviation"], g["home"]["abbreviation"], g["status"]) for g in record["data"]["games"]]
    assert games[:3] == [("BOS", "NYY", "postponed"), ("MIL", "CHC", "final"), ("SEA", "MIN", "postponed")]
    out = tmp_path / "mlb.png"
    proc = ecoboard("snapshot", "--page", "mlb", "--out", str(out), "--now", now, "--replay", str(DEMO), cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == f"wrote {out}: page mlb, records: mlb\n"
    warnings = [line.split(" ", 2)[2] for line in proc.stderr.splitlines() if " WARNING " in line]
    assert warnings == [_other_day(asked, "2024-04-28")] and "ERROR" not in proc.stderr  # the demo's MLB day
    assert out.read_bytes().startswith(b"\x89PNG")
