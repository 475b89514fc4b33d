"""Running the real command line in a subprocess, as a user does, away from any ecoboard.yaml or
ECOBOARD_* variable of the test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "ecoboard" / "demo" / "replay"


def _env(cwd: Path, tz: str | None = None) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(cwd), **({"TZ": tz} if tz else {})}


def ecoboard(*args: str, cwd: Path, tz: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m ecoboard ARGS`` run in ``cwd`` with a minimal environment (``TZ`` set when ``tz`` is)."""
    return subprocess.run(
        [sys.executable, "-m", "ecoboard", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=_env(cwd, tz),
    )


def start_run(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """``python -m ecoboard run ARGS`` started in ``cwd`` with the same environment, unbuffered, output piped
    (the caller stops it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "ecoboard", "run", *args],
        cwd=cwd,
        env=_env(cwd) | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
