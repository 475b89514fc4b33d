"""Running the real command line in a subprocess, as a user does, away from any ecoboard.yaml or
ECOBOARD_* variable of the test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "ecoboard" / "demo" / "replay"


def ecoboard(*args: str, cwd: Path, tz: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m ecoboard ARGS`` run in ``cwd`` with a minimal environment (``TZ`` set when ``tz`` is)."""
    return subprocess.run(
        [sys.executable, "-m", "ecoboard", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **({"TZ": tz} if tz else {})},
    )
