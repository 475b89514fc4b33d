"""``systemd-analyze verify systemd/ecoboard.service`` passes, with the ExecStart path installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecoboard.cli._cmd_run import demo_fallback_allowed
from ecoboard.config import load_config

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "systemd" / "ecoboard.service"


def _systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:  # the tool is part of Debian's systemd package: install it rather than skip
        subprocess.run(["apt-get", "install", "-y", "-q", "systemd"], check=True, capture_output=True)
        found = shutil.which("systemd-analyze")
    assert found is not None, "systemd-analyze is not available even after apt-get install systemd"
    return found


def _exec_start() -> Path:
    for line in UNIT.read_text().splitlines():
        if line.startswith("ExecStart="):
            return Path(line.removeprefix("ExecStart=").split()[0])
    raise AssertionError("no ExecStart= in the unit")


@pytest.fixture
def installed_entry_point():
    """verify requires ExecStart's binary to exist: link the venv's ``ecoboard`` there if it does not."""
    target = _exec_start()
    created: list[Path] = []
    if not target.exists():
        for parent in reversed(target.parents):
            if not parent.exists():
                created.append(parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(Path(sys.executable).with_name("ecoboard"))
        created.append(target)
    yield target
    for path in reversed(created):
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            path.rmdir()


def test_unit_passes_systemd_analyze_verify(installed_entry_point: Path) -> None:
    result = subprocess.run([_systemd_analyze(), "verify", str(UNIT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_unit_declares_notify_watchdog_restart_and_network_online() -> None:
    lines = {
        line.split("=", 1)[0]: line.split("=", 1)[1]
        for line in UNIT.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert lines["Type"] == "notify"
    assert lines["NotifyAccess"] == "main"
    assert lines["WatchdogSec"] == "10"
    assert lines["Restart"] == "on-failure"
    assert lines["Wants"] == "network-online.target"
    assert "network-online.target" in lines["After"].split()
    assert lines["EnvironmentFile"] == "-/etc/ecoboard/ecoboard.env"
    assert lines["ProtectSystem"] == "strict"
    assert lines["ReadWritePaths"] == "/var/lib/ecoboard"
    assert set(lines["CapabilityBoundingSet"].split()) == {"CAP_SYS_RAWIO", "CAP_SYS_NICE", "CAP_SETUID", "CAP_SETGID"}


ENV_FILE = REPO / "systemd" / "ecoboard.env"
PI_CONFIG = REPO / "systemd" / "ecoboard.yaml"


def _assignments(path: Path) -> dict[str, str]:
    """The ``KEY=value`` lines systemd applies (comments and blank lines left out)."""
    rows = [line.strip() for line in path.read_text().splitlines()]
    return dict(row.split("=", 1) for row in rows if row and not row.startswith("#"))


def test_the_unit_hides_no_config_override_and_names_the_installed_dashboard() -> None:
    environment = [line for line in UNIT.read_text().splitlines() if line.startswith("Environment=")]
    assert environment == ["Environment=ECOBOARD_WEB_DIST=/opt/ecoboard/web/dist"]


def test_the_env_file_names_the_shipped_config_and_overrides_nothing() -> None:
    assert _assignments(ENV_FILE) == {"ECOBOARD_CONFIG": "/etc/ecoboard/ecoboard.yaml"}


def test_the_shipped_pi_config_loads_into_local_mode_with_the_store_in_the_state_directory() -> None:
    config = load_config(str(PI_CONFIG), environ=_assignments(ENV_FILE))
    assert (config.mode, config.store.url, config.bus.url, config.display.sink) == (
        "local",
        "sqlite:////var/lib/ecoboard/ecoboard.sqlite3",
        "memory://",
        "matrix",
    )
    writable = next(line for line in UNIT.read_text().splitlines() if line.startswith("ReadWritePaths="))
    assert config.store.url.removeprefix("sqlite:///").startswith(writable.removeprefix("ReadWritePaths=") + "/")
    assert not demo_fallback_allowed(config, str(PI_CONFIG))  # a real board: never the recorded demo
