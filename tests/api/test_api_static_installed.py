"""Where the dashboard is looked for when nothing names it: ``web/dist`` of a source checkout only. An
installed package (the Pi's venv, the cluster image) has none beside it and says to set ECOBOARD_WEB_DIST."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecoboard.api import _static
from ecoboard.api._static import DEFAULT_WEB_DIST, checkout_web_dist

from ._support import running_api, store_url_sqlite

REPO = Path(__file__).resolve().parents[2]


def test_a_source_checkout_serves_its_own_web_dist() -> None:
    assert checkout_web_dist(REPO / "ecoboard") == REPO / "web" / "dist"
    assert DEFAULT_WEB_DIST == REPO / "web" / "dist"  # the tests run from this checkout (editable install)


def test_an_installed_package_has_no_web_dist_beside_it(tmp_path: Path) -> None:
    """The package copied into a ``site-packages`` as pip installs it, imported from there."""
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    shutil.copytree(REPO / "ecoboard", site / "ecoboard", ignore=shutil.ignore_patterns("__pycache__"))
    shown = subprocess.run(
        [sys.executable, "-c", "import ecoboard.api._static as s; print(s.__file__, s.DEFAULT_WEB_DIST)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin"},
    )
    assert shown.stdout == f"{site / 'ecoboard' / 'api' / '_static.py'} None\n"


async def test_an_installed_package_without_the_variable_says_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ECOBOARD_WEB_DIST", raising=False)
    monkeypatch.setattr(_static, "DEFAULT_WEB_DIST", checkout_web_dist(tmp_path / "site-packages" / "ecoboard"))
    async with running_api(store_url_sqlite(tmp_path)) as api:
        page = await api.client.get("/")
        assert page.status_code == 200
        assert "looked in <code>$ECOBOARD_WEB_DIST, which is not set</code>" in page.text
        assert "<code>ECOBOARD_WEB_DIST</code>: set it to a built <code>web/dist</code>" in page.text
        assert (await api.client.get("/mlb")).text == page.text
        assert (await api.client.get("/assets/index.js")).status_code == 404
