"""The command line turns bad input into one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _ecoboard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecoboard", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_snapshot_to_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.png"
    proc = _ecoboard("snapshot", "--page", "clock", "--out", str(out), "--now", "2024-04-28T20:10:00Z", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"ecoboard snapshot: error: {out}: No such file or directory"
    assert "Traceback" not in proc.stderr


def test_run_refuses_an_unknown_page(tmp_path: Path) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text("display:\n  pages:\n    - {page: clock, seconds: 5}\n    - {page: nope, seconds: 5}\n")
    proc = _ecoboard("run", "--config", str(config), "--port", "0", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .startswith(f"ecoboard run: error: {config}: display.pages[1].page: expected one of clock, daily, events, ")
    )
    assert proc.stderr.strip().endswith("got 'nope'")


def test_snapshot_refuses_an_out_file_that_is_not_png(tmp_path: Path) -> None:
    for name in ("x.jpg", "x.png.gif", "x"):
        out = tmp_path / name
        proc = _ecoboard(
            "snapshot", "--page", "clock", "--out", str(out), "--now", "2024-04-28T20:10:00Z", cwd=tmp_path
        )
        assert proc.returncode == 2
        assert proc.stderr.strip().splitlines() == [
            f"ecoboard snapshot: error: --out: expected a file name ending in .png (snapshot writes PNG only), "
            f"got {str(out)!r}"
        ]
        assert not out.exists()
    out = tmp_path / "X.PNG"  # the suffix in any case
    proc = _ecoboard("snapshot", "--page", "clock", "--out", str(out), "--now", "2024-04-28T20:10:00Z", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_run_refuses_a_keyed_provider_without_its_api_key_secret(tmp_path: Path) -> None:
    """A provider that needs a key and names no secret for it stops the start (a named secret that
    cannot be read only leaves that kind out: tests/appliance/test_appliance_api.py)."""
    (tmp_path / "ecoboard.yaml").write_text("providers: {weather: {provider: openweathermap}}\n")
    proc = _ecoboard("run", "--config", "ecoboard.yaml", "--port", "0", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.strip().splitlines() == [
        "ecoboard run: error: ecoboard.yaml: providers.weather.api_key_secret: expected the name of the secret "
        "holding the openweathermap API key, got nothing"
    ]


def test_run_refuses_the_matrix_sink_without_rgbmatrix_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "ecoboard.yaml").write_text("display: {sink: matrix}\n")
    proc = _ecoboard("run", "--config", "ecoboard.yaml", "--port", "0", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.strip().splitlines() == [
        "ecoboard run: error: ecoboard.yaml: display.sink: 'matrix' but the rgbmatrix module is not installed"
    ]
