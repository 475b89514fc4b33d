"""Values the config refuses at load, as a user sees them: one line naming the file and the key, exit
status 2, before anything starts (a bus URL option that redis-py would refuse only at the first
connection, a place name, a team entry, a YAML error at the end of the file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import ecoboard

CLUSTER = 'mode: cluster\nstore: {url: "postgresql://postgres:PWleak7@127.0.0.1:5432/test"}\n'
TEAM = "a team abbreviation of 2 to 4 letters (such as BOS) or a provider's numeric team id"
CASES = {
    "ssl-cert-reqs": (
        CLUSTER + 'bus: {url: "rediss://:PWleak8@127.0.0.1:6379/0?ssl_cert_reqs=bogus"}\n',
        "bus.url: expected memory:// or a redis:// URL, got 'rediss://:***@127.0.0.1:6379/0?ssl_cert_reqs=bogus' "
        "(query parameter 'ssl_cert_reqs': expected none, optional or required)",
    ),
    "max-connections": (
        CLUSTER + 'bus: {url: "redis://127.0.0.1:6379/0?max_connections=-5"}\n',
        "bus.url: expected memory:// or a redis:// URL, got 'redis://127.0.0.1:6379/0?max_connections=-5' "
        "(query parameter 'max_connections': expected a positive whole number)",
    ),
    "place-name": (
        'location: {name: ""}\n',
        "location.name: expected a place name of 1 to 64 characters on one line, got ''",
    ),
    "team": (
        "teams: {mlb: 'NYY,,BOS, x y'}\n",
        f"teams.mlb[1]: expected {TEAM}, got ''",
    ),
    "unclosed-list": ("key: [unclosed\n", "not valid YAML at line 1, column 15"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_refused_value_is_one_line_with_exit_2(case: str, tmp_path: Path) -> None:
    text, message = CASES[case]
    (tmp_path / "board.yaml").write_text(text)
    done = ecoboard("snapshot", "--page", "clock", "--out", "o.png", "--config", "board.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [f"ecoboard snapshot: error: board.yaml: {message}"]
    assert not (tmp_path / "o.png").exists()
    assert "PWleak" not in done.stderr
