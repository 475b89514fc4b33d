"""The Pi image scripts cannot run here (no Pi, no ARM chroot): check they parse and wire the right files."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IMAGE = REPO / "image"
SCRIPTS = [
    IMAGE / "install-on-pi.sh",
    IMAGE / "stage-ecoboard" / "prerun.sh",
    IMAGE / "stage-ecoboard" / "00-install" / "01-run.sh",
]


def test_scripts_are_executable_bash_that_parses() -> None:
    for script in SCRIPTS:
        assert script.stat().st_mode & 0o111, f"{script} is not executable"
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_installer_builds_the_matrix_binding_and_enables_the_unit() -> None:
    text = (IMAGE / "install-on-pi.sh").read_text()
    assert 'bindings/python" build-python' in text
    assert '-c "import rgbmatrix"' in text
    assert 'systemd/ecoboard.service" /etc/systemd/system/ecoboard.service' in text
    assert "systemctl enable ecoboard.service" in text
    assert (IMAGE / "stage-ecoboard" / "EXPORT_IMAGE").exists()


def _installer_default(name: str) -> str:
    line = next(row for row in (IMAGE / "install-on-pi.sh").read_text().splitlines() if row.startswith(f"{name}="))
    return line.split(":-", 1)[1].split("}", 1)[0]


def test_installer_pins_the_matrix_binding_to_a_commit_and_refuses_32_bit() -> None:
    assert re.fullmatch(r"[0-9a-f]{40}", _installer_default("RGBMATRIX_REF"))
    text = (IMAGE / "install-on-pi.sh").read_text()
    assert 'if [ "$arch" != aarch64 ]; then' in text


def test_installer_installs_a_config_the_env_file_names_and_the_dashboard_the_unit_serves() -> None:
    text = (IMAGE / "install-on-pi.sh").read_text()
    assert (
        '[ -e /etc/ecoboard/ecoboard.yaml ] || install -m 0644 "$SRC/systemd/ecoboard.yaml" /etc/ecoboard/ecoboard.yaml'
        in text
    )
    env = (REPO / "systemd" / "ecoboard.env").read_text().splitlines()
    assert "ECOBOARD_CONFIG=/etc/ecoboard/ecoboard.yaml" in env
    assert '[ ! -f "$SRC/web/dist/index.html" ]' in text  # stops before anything when the dashboard is not built
    assert 'cp -r "$SRC/web/dist" "$PREFIX/web/dist"' in text and "PREFIX=/opt/ecoboard" in text
    unit = (REPO / "systemd" / "ecoboard.service").read_text().splitlines()
    assert "Environment=ECOBOARD_WEB_DIST=/opt/ecoboard/web/dist" in unit
