"""A listen address the machine cannot use is named as the host's problem (``api.host`` or ``--host``), not
the port's, and the arguments are checked before anything is logged: one line on stderr, exit 2."""

from __future__ import annotations

import subprocess
from functools import partial
from pathlib import Path

import pytest

from ._support import ecoboard

_ecoboard = partial(ecoboard, tz="UTC")  # unlike the board's zone: `run` would log its time-zone warning


def _only_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("host", "port", "reason"),
    [
        ("not a host", "8123", "Name or service not known"),
        ("192.0.2.1", "0", "Cannot assign requested address"),  # TEST-NET-1: no address of this machine
    ],
)
def test_run_names_a_bad_api_host(tmp_path: Path, host: str, port: str, reason: str) -> None:
    config = tmp_path / "board.yaml"
    config.write_text(f"api: {{host: '{host}'}}\n")
    proc = _ecoboard("run", "--config", str(config), "--port", port, "--replay", cwd=tmp_path)
    assert _only_line(proc) == f"ecoboard run: error: api.host: cannot listen on {host!r}: {reason}"
    assert not (tmp_path / "var").exists()  # nothing started


def test_api_names_the_host_option_or_the_setting(tmp_path: Path) -> None:
    proc = _ecoboard("api", "--host", "not a host", "--port", "0", cwd=tmp_path)
    assert _only_line(proc) == "ecoboard api: error: --host: cannot listen on 'not a host': Name or service not known"
    config = tmp_path / "board.yaml"
    config.write_text("api: {host: '192.0.2.1'}\n")
    proc = _ecoboard("api", "--config", str(config), "--port", "0", cwd=tmp_path)
    assert (
        _only_line(proc)
        == "ecoboard api: error: api.host: cannot listen on '192.0.2.1': Cannot assign requested address"
    )


def test_run_checks_its_arguments_before_any_log_line(tmp_path: Path) -> None:
    proc = _ecoboard("run", "--port", "99999", cwd=tmp_path)
    assert _only_line(proc) == "ecoboard run: error: --port: expected a TCP port from 0 to 65535, got 99999"
    proc = _ecoboard("run", "--replay", str(tmp_path / "absent"), cwd=tmp_path)
    assert (
        _only_line(proc)
        == f"ecoboard run: error: --replay: {tmp_path / 'absent'} is not a directory of recorded responses"
    )
