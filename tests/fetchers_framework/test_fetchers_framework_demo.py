"""The shipped demo replay data: identical to the recorded fixtures, and every default provider
fetches from it through the real code path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecoboard.config import load_config
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

from .helpers import FIXTURES

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"


def provenance_rows() -> list[tuple[str, str]]:
    text = (DEMO / "PROVENANCE.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", text, flags=re.MULTILINE)


def test_every_demo_file_is_a_documented_copy_of_a_fixture() -> None:
    rows = provenance_rows()
    served = sorted(str(p.relative_to(DEMO)) for p in DEMO.rglob("*.json"))
    assert sorted(r[0] for r in rows) == served
    assert len(served) == 6
    for target, source in rows:
        assert (DEMO / target).read_bytes() == (FIXTURES / source).read_bytes(), target


@pytest.mark.parametrize("kind", ["weather", "aqi", "mlb", "nfl", "sun_moon"])
async def test_every_default_provider_fetches_from_the_demo(kind: str, tmp_path: Path) -> None:
    config = load_config(None, environ={})
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    async with make_client(replay_dir=DEMO) as client:
        record = await fetch_once(kind, config, client=client, store=AsyncStore(store), bus=None)
    store.close()
    data = record.data
    if kind == "weather":
        assert (data["current"]["temperature"], data["current"]["feels_like"]) == (3.5, 0.9)
        assert data["current"]["wind_speed"] == 1.72
    elif kind == "aqi":
        indices = {i["index"]: i["value"] for i in data["indices"]}
        assert (indices["us_epa"], indices["eaqi"]) == (41, 22)
    elif kind == "mlb":
        assert len(data["games"]) == 15
    elif kind == "nfl":
        assert len(data["games"]) == 16
        assert data["week"]["number"] == 1
    else:
        assert (data["moon_phase_degrees"], data["moon_phase"]) == (288.54, "waning_crescent")
