"""``ecoboard run`` and ``ecoboard snapshot`` refuse a page option its page does not take, before anything starts:
one line naming the file, the key path and what was expected, exit status 2."""

from __future__ import annotations

from pathlib import Path

from .test_cli_errors import _ecoboard

BAD_CYCLE = """\
display:
  pages:
    - {page: clock, seconds: 5}
    - {page: mlb, seconds: 15, options: {rotate_seconds: abc}}
"""


def _last_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    return stderr.strip().splitlines()[-1]


def test_run_refuses_a_bad_option_value(tmp_path: Path) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text(BAD_CYCLE)
    proc = _ecoboard("run", "--config", str(config), "--port", "0", cwd=tmp_path)
    assert proc.returncode == 2
    assert _last_line(proc.stderr) == (
        f"ecoboard run: error: {config}: display.pages[1].options.rotate_seconds: "
        "expected a number of at least 1, got 'abc'"
    )
    assert not (tmp_path / "var").exists()  # refused before the store was opened


def test_run_names_every_bad_option_on_one_line(tmp_path: Path) -> None:
    config = tmp_path / "board.yaml"
    config.write_text(
        "display:\n  pages:\n"
        "    - {page: mlb, seconds: 15, options: {rotate_secs: 8}}\n"
        "    - {page: hourly, seconds: 10, options: {step: 0}}\n"
        "    - {page: reminder, seconds: 8, options: {start: '25:00'}}\n"
    )
    proc = _ecoboard("run", "--config", str(config), "--port", "0", cwd=tmp_path)
    assert proc.returncode == 2
    assert _last_line(proc.stderr) == (
        f"ecoboard run: error: {config}: "
        "display.pages[0].options.rotate_secs: unknown option of page mlb; expected one of mode, rotate_seconds, "
        "teams; display.pages[1].options.step: expected a whole number of at least 1, got 0; "
        "display.pages[2].options.start: expected a time \"HH:MM\" from 00:00 to 23:59, got '25:00'"
    )


def test_snapshot_refuses_a_bad_option_of_the_page_it_draws(tmp_path: Path) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text(
        "display:\n  pages:\n    - {page: events, seconds: 10, options: {events: [{name: Ann, date: '14/03/1986'}]}}\n"
    )
    out = tmp_path / "events.png"
    proc = _ecoboard("snapshot", "--page", "events", "--out", str(out), "--config", str(config), cwd=tmp_path)
    assert proc.returncode == 2
    assert _last_line(proc.stderr) == (
        f"ecoboard snapshot: error: {config}: display.pages[0].options.events[0].date: "
        "expected a date YYYY-MM-DD, got '14/03/1986'"
    )
    assert not out.exists()


def test_snapshot_draws_with_good_options(tmp_path: Path) -> None:
    config = tmp_path / "ecoboard.yaml"
    config.write_text(
        "display:\n  pages:\n    - {page: clock, seconds: 5, options: {}}\n"
        "    - {page: events, seconds: 10, options: {events: [{name: Ann, event: birthday, date: 1986-03-14}]}}\n"
    )
    out = tmp_path / "events.png"
    proc = _ecoboard(
        "snapshot",
        "--page",
        "events",
        "--out",
        str(out),
        "--config",
        str(config),
        "--now",
        "2026-03-10T16:00:00+00:00",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}: page events, records: none"
    assert out.stat().st_size > 0
