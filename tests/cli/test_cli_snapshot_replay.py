"""``ecoboard snapshot --replay DIR`` with a recording that cannot give a record: one line naming the
recorded file and what was wrong, exit status 2, and no picture."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ._support import DEMO, ecoboard

NOW = "2024-04-28T20:10:00Z"
SCHEDULE = Path("statsapi.mlb.com/api/v1/schedule.json")
SCOREBOARD = Path("site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard.json")
SUN = Path("api.met.no/weatherapi/sunrise/3.0/sun.json")
MOON = Path("api.met.no/weatherapi/sunrise/3.0/moon.json")


def _snapshot(page: str, out: Path, replay: Path) -> subprocess.CompletedProcess[str]:
    return ecoboard(
        "snapshot", "--page", page, "--out", str(out), "--now", NOW, "--replay", str(replay), cwd=out.parent
    )


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:22])


@pytest.mark.parametrize(
    ("page", "spoil", "files", "problem"),
    [
        (
            "mlb",
            lambda dir: _truncate(dir / SCHEDULE),
            [SCHEDULE],
            "mlb-statsapi: https://statsapi.mlb.com/api/v1/schedule?sportId=1&date=2024-04-28&hydrate=linescore%2Cteam"
            ": "
            "not valid JSON: Unterminated string starting at (line 1, column 14 of a body of 22 bytes)",
        ),
        (
            "nfl",
            lambda dir: (dir / SCOREBOARD).write_text("<!doctype html><html><body>maintenance</body></html>"),
            [SCOREBOARD],
            "espn: https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard: "
            "got an HTML page instead of JSON",
        ),
        (  # the transform names no URL: both files of the fetch are named
            "sun_moon",
            lambda dir: (dir / SUN).write_text('{"type": "Feature"}'),
            [SUN, MOON],
            "met-norway: sun_moon: sun.properties: expected an object, got nothing",
        ),
    ],
)
def test_a_corrupt_recording_is_named_and_no_picture_is_written(
    tmp_path: Path, page: str, spoil: Callable[[Path], None], files: list[Path], problem: str
) -> None:
    replay = tmp_path / "replay"
    shutil.copytree(DEMO, replay)
    spoil(replay)
    out = tmp_path / f"{page}.png"
    proc = _snapshot(page, out, replay)
    named = ", ".join(str(replay / f) for f in files)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"ecoboard snapshot: error: --replay: {page} from {named}: {problem}\n"
    assert not out.exists()


def test_intact_recordings_still_draw_and_a_kind_without_any_is_left_out(tmp_path: Path) -> None:
    replay = tmp_path / "replay"
    shutil.copytree(DEMO, replay)
    (replay / SCOREBOARD).unlink()
    out = tmp_path / "status.png"
    proc = _snapshot("status", out, replay)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"wrote {out}: page status, records: aqi, mlb, sun_moon, weather\n"
    assert "WARNING ecoboard.snapshot: nfl: not fetched from the recordings: " in proc.stderr
    assert f"replay: create {replay / SCOREBOARD} (or an index.yaml entry)" in proc.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
