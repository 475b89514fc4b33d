"""The Pi image scripts cannot run here (no Pi, no ARM chroot): check they parse and wire the right files."""

from __future__ import annotations

import subprocess
from pathlib import Path

IMAGE = Path(__file__).resolve().parents[2] / "image"
SCRIPTS = [IMAGE / "install-on-pi.sh", IMAGE / "stage-ecoboard" / "prerun.sh",
           IMAGE / "stage-ecoboard" / "00-install" / "01-run.sh"]


def test_scripts_are_executable_bash_that_parses() -> None:
    for script in SCRIPTS:
        assert script.stat().st_mode & 0o111, f"{script} is not executable"
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_installer_builds_the_matrix_binding_and_enables_the_unit() -> None:
    text = (IMAGE / "install-on-pi.sh").read_text()
    assert "bindings/python\" build-python" in text
    assert '-c "import rgbmatrix"' in text
    assert "systemd/ecoboard.service\" /etc/systemd/system/ecoboard.service" in text
    assert "systemctl enable ecoboard.service" in text
    assert (IMAGE / "stage-ecoboard" / "EXPORT_IMAGE").exists()
