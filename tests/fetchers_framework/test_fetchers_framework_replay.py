"""The replay transport: the directory layout, index.yaml variants, and clear 404s."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from ecoboard import ConfigError
from ecoboard.fetchers import ReplayTransport, make_client

from .helpers import FIXTURES, LIVE_SCHEDULE


@pytest.fixture
def replay(tmp_path: Path) -> Path:
    target = tmp_path / "statsapi.mlb.com" / "api" / "v1" / "schedule.json"
    target.parent.mkdir(parents=True)
    shutil.copy(LIVE_SCHEDULE, target)
    return tmp_path


async def test_plain_layout_ignores_the_query(replay: Path) -> None:
    async with make_client(replay_dir=replay) as client:
        response = await client.get("https://statsapi.mlb.com/api/v1/schedule",
                                    params={"sportId": "1", "date": "2099-01-01"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == LIVE_SCHEDULE.read_bytes()
    assert response.json()["totalGamesInProgress"] == 12


async def test_index_yaml_gives_status_headers_and_query_variants(replay: Path) -> None:
    off_day = replay / "statsapi.mlb.com" / "schedule-2024-10-27.json"
    shutil.copy(FIXTURES / "mlb-statsapi" / "schedule-2024-10-27-no-games-empty-dates.json", off_day)
    (replay / "index.yaml").write_text(
        "- url: https://statsapi.mlb.com/api/v1/schedule\n"
        "  params: {date: '2024-10-27'}\n"
        "  file: statsapi.mlb.com/schedule-2024-10-27.json\n"
        "- url: https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard\n"
        "  status: 429\n"
        "  headers: {Retry-After: '90'}\n"
        "  body: slow down\n"
    )
    transport = ReplayTransport(replay)
    async with make_client(transport=transport) as client:
        off = await client.get("https://statsapi.mlb.com/api/v1/schedule", params={"date": "2024-10-27"})
        live = await client.get("https://statsapi.mlb.com/api/v1/schedule", params={"date": "2024-04-28"})
        limited = await client.get("https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard")
    assert off.json()["totalGames"] == 0 and off.json()["dates"] == []
    assert live.json()["totalGamesInProgress"] == 12
    assert (limited.status_code, limited.headers["retry-after"], limited.text) == (429, "90", "slow down")
    assert [str(u.copy_with(query=None)) for u in transport.requests] == [
        "https://statsapi.mlb.com/api/v1/schedule",
        "https://statsapi.mlb.com/api/v1/schedule",
        "https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard",
    ]


async def test_unknown_url_is_a_404_naming_the_file_looked_for(replay: Path) -> None:
    async with make_client(replay_dir=replay) as client:
        response = await client.get("https://api.open-meteo.com/v1/forecast", params={"latitude": "1"})
    assert response.status_code == 404
    assert response.text == (f"replay: create {replay}/api.open-meteo.com/v1/forecast.json (or an index.yaml entry) "
                             "to answer GET https://api.open-meteo.com/v1/forecast")


async def test_paths_cannot_leave_the_directory(replay: Path) -> None:
    (replay.parent / "secret.json").write_text("{}")
    transport = ReplayTransport(replay)
    for sneaky in ("https://statsapi.mlb.com/a/%2E%2E/%2E%2E/secret", "https://statsapi.mlb.com/a/..%2F..%2Fsecret",
                   "https://statsapi.mlb.com/a/..%5Csecret"):
        assert transport.default_file(httpx.URL(sneaky)) is None
    async with make_client(transport=transport) as client:
        response = await client.get("https://statsapi.mlb.com/a/%2E%2E/%2E%2E/secret")
        assert (response.status_code, response.text) == (404, (
            f"replay: https://statsapi.mlb.com/a/%2E%2E/%2E%2E/secret cannot map to a file under {replay}; "
            "add an index.yaml entry for it"))
        assert (await client.post("https://statsapi.mlb.com/api/v1/schedule")).status_code == 405


def test_bad_directory_and_index_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReplayTransport(tmp_path / "nope")
    (tmp_path / "index.yaml").write_text("- url: https://x.test/a\n")
    with pytest.raises(ConfigError, match=r"index.yaml: \[0\]: expected one of file or body"):
        ReplayTransport(tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    (b'- url: https://api.open-meteo.com/v1/forecast\n  body: "{}"\n  status: banana\n',
     "[0].status: expected an HTTP status from 100 to 599, got 'banana'"),
    (b"- {url: https://a.test/b, body: x, status: true}\n",
     "[0].status: expected an HTTP status from 100 to 599, got True"),
    (b"\xff\xfe", "not UTF-8 text (byte 0)"),
    (b"[unclosed", "not valid YAML: expected ',' or ']', but got '<stream end>' (line 1, column 10)"),
    (b"- {url: https://a.test/b\n\n",
     "not valid YAML: expected ',' or '}', but got '<stream end>' (line 1, column 25)"),
    (b"url: https://a.test/b\n", "expected a list of entries, got dict"),
    (b"- 3\n", "[0]: expected a mapping with url and one of file or body, got int"),
    (b"- {url: 5, body: x}\n", "[0].url: expected a URL string"),
    (b"- {url: https://a.test/b}\n", "[0]: expected one of file or body"),
    (b"- {url: https://a.test/b, file: [x]}\n", "[0].file: expected a string, got list"),
    (b"- {url: https://a.test/b, body: x, headers: [1]}\n",
     "[0].headers: expected a mapping of names to strings or numbers"),
    (b"- {url: https://a.test/b, body: x, params: {date: {y: 1}}}\n",
     "[0].params: expected a mapping of names to strings or numbers"),
    (b"- {url: https://a.test/b, body: x, stauts: 200}\n",
     "[0]: unknown key 'stauts' (keys: url, params, file, body, status, headers)"),
])
def test_a_bad_index_yaml_is_one_config_error_naming_the_file_and_key(tmp_path: Path, content: bytes,
                                                                      message: str) -> None:
    (tmp_path / "index.yaml").write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        ReplayTransport(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'index.yaml'}: {message}"


def test_a_replay_path_that_is_a_file_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("x")
    with pytest.raises(ConfigError, match=r"x\.md is not a directory$"):
        ReplayTransport(tmp_path / "x.md")
