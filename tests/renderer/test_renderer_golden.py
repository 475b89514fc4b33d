"""Golden images: every page of the renderer core, drawn from recorded responses at a fixed instant.

Each scene of :mod:`bench.scenes` (records built by the providers' transforms from ``tests/fixtures``)
is rendered and compared pixel for pixel with ``tests/renderer/golden/<scene>.png``. After an intended
change of the drawing, regenerate them with ``ECOBOARD_REGEN_GOLDEN=1 .venv/bin/pytest tests/renderer``
and look at the new PNGs (and ``python -m bench.contact_sheet``) before committing them.
The MLB and NFL pages have their own golden images (``mlb_*.png``, ``nfl_*.png``) in
``test_renderer_sports_pages.py``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bench.scenes import scenes
from ecoboard.renderer import PAGES, FrameRenderer, png_bytes
from ecoboard.renderer._canvas import TextBox

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("ECOBOARD_REGEN_GOLDEN") == "1"
CORE_PAGES = ("clock", "weather", "hourly", "daily", "sun_moon", "status")
SPORTS = ("mlb", "nfl")  # golden images in test_renderer_sports_pages.py (events, wifi, reminder: ..._extras.py)
CORE_SCENES = sorted(name for name, scene in scenes().items() if scene.page in CORE_PAGES)


def render(name: str) -> np.ndarray:
    scene = scenes()[name]
    renderer = FrameRenderer()
    renderer.render(scene.page, scene.context())
    return renderer.composed.copy()


@pytest.mark.parametrize("name", CORE_SCENES)
def test_golden_image(name: str) -> None:
    frame = render(name)
    path = GOLDEN / f"{name}.png"
    if REGENERATE:
        path.write_bytes(png_bytes(frame))
    expected = np.asarray(Image.open(path).convert("RGB"))
    assert expected.shape == (64, 128, 3)
    differ = int(np.any(frame != expected, axis=2).sum())
    assert differ == 0, f"{name}: {differ} pixels differ from {path.name} (ECOBOARD_REGEN_GOLDEN=1 to accept)"


def test_every_core_and_sports_page_has_a_golden_image() -> None:
    names = {p.stem for p in GOLDEN.glob("*.png")}
    pages = {scene.page for scene in scenes().values()}
    assert pages <= set(PAGES)
    for page in pages:
        assert any(n == page or n.startswith(f"{page}_") for n in names), f"no golden image for page {page!r}"


def test_golden_frames_are_not_blank() -> None:
    for name in CORE_SCENES:
        assert np.count_nonzero(render(name)) > 300, name


def test_weather_scene_shows_the_recorded_values() -> None:
    """The West-Kazakhstan recording: -7.4 °C, feels -13.0, 81 %, wind 4.33 m/s from 75°, gusts 6.89 m/s."""
    scene = scenes()["weather"]
    renderer = FrameRenderer()
    canvas = renderer.draw(scene.page, scene.context())
    texts = [box.text for box in canvas.text_boxes]
    assert texts[:2] == ["19°", "Overcast"]
    assert texts[2:12] == ["FEEL", "9°", "HUM", "81%", "WIND", "10 E", "mph", "GUST", "15", "mph"]
    assert texts[12:] == ["41", "US AQI", "Good"]


def test_metric_weather_scene_uses_the_european_index_and_kmh() -> None:
    scene = scenes()["weather_metric"]
    canvas = FrameRenderer().draw(scene.page, scene.context())
    texts = [box.text for box in canvas.text_boxes]
    assert texts[:2] == ["28°", "T-storm"]  # "Thunderstorm" does not fit its 38 px: the short word
    assert texts[6:9] == ["WIND", "14 SW", "km/h"]  # 3.89 m/s = 14 km/h, from 215° = SW
    assert texts[-4:] == ["33", "EAQI", "Fair", "O3"]  # the recording's only index, ozone dominant


def test_status_names_a_recorded_source_without_its_prefix_in_the_replayed_colour() -> None:
    """``replay:open-meteo`` would be cut to ``replay:open-m``: the provider is named, coloured as recorded."""
    scene = scenes()["status"]
    records = {
        kind: dataclasses.replace(record, source=f"replay:{record.source}") for kind, record in scene.records.items()
    }
    recorded = dataclasses.replace(scene, records=records, health={})
    canvas = FrameRenderer().draw(recorded.page, recorded.context())
    def colours(box: TextBox) -> set[tuple[int, ...]]:
        ink = canvas.pixels[box.y0 : box.y1, box.x0 : box.x1].reshape(-1, 3)
        return {tuple(int(c) for c in px) for px in ink if px.any()}

    wanted = ("open-meteo", "mlb-statsapi", "met-norway", "no data")
    sources = [(box.text, colours(box)) for box in canvas.text_boxes if box.text in wanted]
    blue, grey = {(0x5A, 0x8C, 0xDC)}, {(0x8C, 0x8C, 0xA0)}
    assert sources == [
        ("open-meteo", blue), ("open-meteo", blue), ("mlb-statsapi", blue), ("no data", grey), ("met-norway", blue)
    ]
