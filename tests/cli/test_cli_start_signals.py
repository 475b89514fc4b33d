"""SIGTERM or SIGINT while ``ecoboard run`` is still starting stops it cleanly: status 0, no traceback.

The signal goes out when a given start-up line appears (the first line of all, the display sink being
chosen, the first frame) or a little after the first line, so each start step is hit in turn.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

MOMENTS = [
    ("handler installed", 0.0),  # main's first line ran; the subcommands are still being imported
    ("first line", 0.0),
    ("first line", 0.05),
    ("first line", 0.2),
    ("display sink:", 0.0),
    ("first frame shown", 0.0),
]


def _catches(pid: int, signum: signal.Signals) -> bool:
    """Whether process ``pid`` has a handler of its own for ``signum`` (``SigCgt`` in /proc/PID/status;
    Python catches SIGINT from its start, so only SIGTERM tells that ecoboard's own handlers are in)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(row.split()[1] for row in status.splitlines() if row.startswith("SigCgt:")), 16)
    return bool(caught >> (signum - 1) & 1)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
@pytest.mark.parametrize(("line", "delay"), MOMENTS, ids=[f"{line}+{delay}s" for line, delay in MOMENTS])
def test_a_stop_signal_during_start_up_exits_0(tmp_path: Path, signum: signal.Signals, line: str, delay: float) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecoboard", "run", "--replay", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen: list[str] = []
        while line == "handler installed" and not _catches(proc.pid, signal.SIGTERM):  # SIGINT is caught first
            assert proc.poll() is None, proc.communicate()
        if line == "handler installed":  # caught before the heavy imports (numpy comes with the renderer)
            assert "_multiarray_umath" not in Path(f"/proc/{proc.pid}/maps").read_text()
        while line != "handler installed" and (not seen or (line != "first line" and line not in seen[-1])):
            text = proc.stderr.readline()
            assert text, f"ecoboard run ended before printing {line!r}:\n{''.join(seen)}"
            seen.append(text)
        time.sleep(delay)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = "".join(seen) + err
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert f"{signum.name} received: stopping" in stderr
    assert stderr.rstrip().endswith("INFO ecoboard.run: stopped"), stderr


def test_the_catcher_is_in_before_the_rest_of_the_command_line_is_loaded() -> None:
    """What the console script imports before it calls ``main``: the error classes, the version and the
    catcher, no logging, argparse, json or dataclasses (the record names load on first use), so the
    window in which SIGTERM still has its default action is the interpreter's own start-up."""
    code = (
        "import sys, ecoboard.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('ecoboard')))\n"
        "print([m for m in ('logging', 'argparse', 'json', 'dataclasses', 'trio', 'numpy') if m in sys.modules])\n"
        "import ecoboard\n"
        "print(ecoboard.KINDS, ecoboard.Record.__module__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.splitlines() == [
        "['ecoboard', 'ecoboard._errors', 'ecoboard._version', 'ecoboard.cli', 'ecoboard.cli._signals']",
        "[]",
        "('weather', 'aqi', 'mlb', 'nfl', 'sun_moon') ecoboard._record",
    ]
