"""A store.url or bus.url that cannot be used stops every command with one line and exit status 2,
before anything starts, and no piece of its password is printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ._support import DEMO, ecoboard

REDIS_TAKES = (
    "prefix and redis-py's db, username, password, client_name, socket_timeout, socket_connect_timeout, "
    "socket_keepalive, socket_read_size, retry_on_timeout, health_check_interval, max_connections; rediss:// also "
    "takes the ssl_* options"
)
COMMANDS = {
    "fetch": ["fetch", "weather", "--once", "--replay", str(DEMO)],
    "run": ["run", "--port", "0", "--replay", str(DEMO)],
    "api": ["api", "--port", "0"],
    "snapshot": ["snapshot", "--page", "clock", "--out", "o.png"],
}
CASES = {
    "unknown-parameter": (
        'mode: cluster\nstore: {url: "postgresql://postgres:PWleak5@127.0.0.1:5432/test"}\n'
        'bus: {url: "redis://:PWleak6@127.0.0.1:6379/0?prefx=board1"}\n',
        "bus.url: expected memory:// or a redis:// URL, got 'redis://:***@127.0.0.1:6379/0?prefx=board1' "
        f"(unknown query parameter 'prefx'; a redis:// URL takes {REDIS_TAKES})",
    ),
    "unclosed-bracket": (
        "store: {url: 'postgresql://u:PWleak11@[::1/eco'}\n",
        "store.url: expected a sqlite: or postgresql: URL, got 'postgresql://u:***@[::1/eco' "
        "(invalid IPv6 host: a '[' without its ']')",
    ),
    "at-in-password": (
        "store: {url: 'postgresql://u:PW@leak9@127.0.0.1:5492/eco'}\n",
        "store.url: expected a sqlite: or postgresql: URL, got 'postgresql://***@127.0.0.1:5492/eco' "
        "(an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name or password as "
        "%40, %2F, %3F or %23)",
    ),
    "conninfo": (
        "store: {url: 'host=127.0.0.1 password=PWleak18'}\n",
        "store.url: expected a sqlite: or postgresql: URL, got 'host=127.0.0.1 password=***'",
    ),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_url_is_one_line_with_exit_2(command: str, case: str, tmp_path: Path) -> None:
    text, message = CASES[case]
    (tmp_path / "board.yaml").write_text(text)
    done = ecoboard(*COMMANDS[command], "--config", "board.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == f"ecoboard {command}: error: board.yaml: {message}"
    assert "Traceback" not in done.stderr
    for piece in ("PWleak", "leak9", "PW@"):
        assert piece not in done.stderr


def test_the_environment_variable_is_named(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ECOBOARD__STORE__URL": "postgresql://[::1"}
    done = subprocess.run(
        [sys.executable, "-m", "ecoboard", *COMMANDS["snapshot"]],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (
        "ecoboard snapshot: error: environment variable ECOBOARD__STORE__URL: store.url: expected a sqlite: or "
        "postgresql: URL, got 'postgresql://[::1' (invalid IPv6 host: a '[' without its ']')"
    )


@pytest.mark.parametrize("command", ["fetch", "api", "run"])
def test_a_bad_url_read_from_a_secret_names_the_secret(command: str, tmp_path: Path) -> None:
    (tmp_path / "secrets.yaml").write_text("pg_url: 'postgresql://u:PW@leak9@127.0.0.1:5432/test'\n")
    (tmp_path / "secrets.yaml").chmod(0o600)
    (tmp_path / "board.yaml").write_text(
        "mode: cluster\nsecrets: {file: secrets.yaml}\nstore: {url_secret: pg_url}\n"
        "bus: {url: 'redis://127.0.0.1:6379/0'}\n"
    )
    done = ecoboard(*COMMANDS[command], "--config", "board.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (
        f"ecoboard {command}: error: store.url_secret: the secret 'pg_url': expected a sqlite: or postgresql: URL, "
        "got 'postgresql://***@127.0.0.1:5432/test' (an '@' besides the one after user:password; write an '@', "
        "'/', '?' or '#' in a user name or password as %40, %2F, %3F or %23)"
    )
    assert "leak9" not in done.stderr and "PW@" not in done.stderr


@pytest.mark.parametrize(
    ("command", "board", "message"),
    [
        (
            "fetch",
            "store: {url_secret: shaped}\n",
            "store.url_secret: the secret 'shaped': expected text, got a mapping",
        ),
        ("api", "bus: {url_secret: listed}\n", "bus.url_secret: the secret 'listed': expected text, got a list"),
        ("run", "api: {token_secret: shaped}\n", "api.token_secret: the secret 'shaped': expected text, got a mapping"),
        (
            "fetch",
            "providers: {aqi: {api_key_secret: flag}}\n",
            "providers.aqi.api_key_secret: the secret 'flag': expected text, got a boolean",
        ),
    ],
)
def test_a_secret_that_is_not_text_is_named_by_what_it_is(
    command: str, board: str, message: str, tmp_path: Path
) -> None:
    """A secret document may hold a mapping or list under a name; using it as a URL, token or key
    stops with one line naming the setting, the secret and its kind, never a piece of its content."""
    (tmp_path / "secrets.yaml").write_text(
        "shaped: {url: 'postgresql://u:PWleak21@127.0.0.1/test'}\nlisted: ['redis://:PWleak22@127.0.0.1']\n"
        "flag: true\n"
    )
    (tmp_path / "secrets.yaml").chmod(0o600)
    (tmp_path / "board.yaml").write_text("secrets: {file: secrets.yaml}\n" + board)
    args = ["fetch", "aqi", "--once", "--replay", str(DEMO)] if "aqi" in board else COMMANDS[command]
    done = ecoboard(*args, "--config", "board.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == f"ecoboard {command}: error: {message}"
    assert "PWleak" not in done.stderr and "Traceback" not in done.stderr
