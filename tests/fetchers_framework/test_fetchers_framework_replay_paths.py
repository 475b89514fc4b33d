"""The replay transport reads only files inside its directory: an ``index.yaml`` ``file`` that leads
outside (``..``, an absolute path, a symbolic link) is refused, and so is a plain-layout symbolic link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecoboard import ConfigError
from ecoboard.cli._main import main
from ecoboard.fetchers import ReplayTransport, make_client

from .helpers import LIVE_SCHEDULE

SCHEDULE = "https://statsapi.mlb.com/api/v1/schedule"
GAME = "https://statsapi.mlb.com/api/v1/game"
NFL = "https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A recorded schedule that lies outside the replay directory."""
    path = tmp_path / "elsewhere" / "schedule.json"
    path.parent.mkdir()
    shutil.copy(LIVE_SCHEDULE, path)
    return path


@pytest.fixture
def replay(tmp_path: Path) -> Path:
    root = tmp_path / "replay"
    (root / "statsapi.mlb.com" / "api" / "v1").mkdir(parents=True)
    return root


def _index(root: Path, file: str, url: str = SCHEDULE) -> None:
    """An ``index.yaml`` whose entry [1] answers ``url`` from ``file`` (entry [0] is an inline body)."""
    (root / "index.yaml").write_text(f"- {{url: {NFL}, status: 429, body: slow down}}\n- url: {url}\n  file: {file}\n")


@pytest.mark.parametrize(
    "file",
    ["../elsewhere/schedule.json", "../../../../../../../etc/passwd", "statsapi.mlb.com/../../elsewhere/schedule.json"],
)
def test_an_index_entry_leading_out_of_the_directory_is_refused(replay: Path, outside: Path, file: str) -> None:
    _index(replay, file)
    with pytest.raises(ConfigError) as err:
        ReplayTransport(replay)
    assert str(err.value) == (
        f"{replay / 'index.yaml'}: [1].file: expected a path inside {replay} (symbolic links followed), got {file!r}"
    )


def test_an_absolute_index_entry_outside_is_refused(replay: Path, outside: Path) -> None:
    _index(replay, str(outside))
    with pytest.raises(ConfigError) as err:
        ReplayTransport(replay)
    assert str(err.value) == (
        f"{replay / 'index.yaml'}: [1].file: expected a path inside {replay} (symbolic links followed), "
        f"got {str(outside)!r}"
    )


def test_an_index_entry_that_is_a_symbolic_link_out_is_refused(replay: Path, outside: Path) -> None:
    (replay / "linked.json").symlink_to(outside)
    _index(replay, "linked.json")
    with pytest.raises(ConfigError) as err:
        ReplayTransport(replay)
    assert str(err.value) == (
        f"{replay / 'index.yaml'}: [1].file: expected a path inside {replay} (symbolic links followed), "
        "got 'linked.json'"
    )


async def test_paths_and_links_that_stay_inside_are_served(replay: Path) -> None:
    shutil.copy(LIVE_SCHEDULE, replay / "statsapi.mlb.com" / "live.json")
    (replay / "statsapi.mlb.com" / "api" / "v1" / "schedule.json").symlink_to(replay / "statsapi.mlb.com" / "live.json")
    _index(replay, "statsapi.mlb.com/api/../live.json", url=GAME)
    async with make_client(transport=ReplayTransport(replay)) as client:
        by_index = await client.get(GAME)
        by_layout = await client.get(SCHEDULE, params={"date": "2024-04-28"})
    assert by_index.status_code == by_layout.status_code == 200
    assert by_index.json()["totalGamesInProgress"] == by_layout.json()["totalGamesInProgress"] == 12


async def test_a_plain_layout_link_out_of_the_directory_is_not_read(replay: Path, outside: Path) -> None:
    linked = replay / "statsapi.mlb.com" / "api" / "v1" / "schedule.json"
    linked.symlink_to(outside)
    async with make_client(replay_dir=replay) as client:
        response = await client.get(SCHEDULE, params={"sportId": "1"})
    assert response.status_code == 404
    assert (
        response.text == f"replay: {linked} leads outside {replay}; expected a file inside it to answer GET {SCHEDULE}"
    )


def test_fetch_refuses_the_index_in_one_line(
    replay: Path, outside: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ECOBOARD_CONFIG", raising=False)
    _index(replay, "../../../../../../../etc/passwd")
    assert main(["fetch", "mlb", "--once", "--replay", str(replay)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"ecoboard fetch: error: {replay / 'index.yaml'}: [1].file: expected a path inside {replay} "
        "(symbolic links followed), got '../../../../../../../etc/passwd'\n"
    )
