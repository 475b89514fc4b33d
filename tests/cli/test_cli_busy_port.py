"""A second ``ecoboard run`` on a port that is already taken stops with one line and exit 2 before it opens
the display, draws a frame or touches the store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def test_a_taken_port_is_refused_before_the_display_opens(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
    with socket.socket() as taken:  # another board's API, listening on every address
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "ecoboard", "run", "--replay", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            env=env,
        )
    assert proc.returncode == 2, proc.stderr
    assert (
        proc.stderr.strip().splitlines()[-1]
        == f"ecoboard run: error: cannot listen on port {port}: Address already in use "
        "(choose another with --port N, api.port or ECOBOARD__API__PORT=N; make run PORT=N)"
    )
    assert "display sink" not in proc.stderr
    assert "first frame shown" not in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "var").exists()  # the default SQLite store was never opened
