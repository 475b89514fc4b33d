"""``ecoboard snapshot``: a page to PNG from the store, or from recorded responses; ``python -m bench.render``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFont

from bench import render as bench_render
from bench.scenes import KAZAKHSTAN, T_FEB, scenes, weather
from ecoboard.cli._main import main
from ecoboard.renderer import PAGES, FrameRenderer, PageContext
from ecoboard.store import open_store

REPLAY = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"


def test_snapshot_from_recorded_responses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "weather.png"
    code = main(
        [
            "snapshot",
            "--page",
            "weather",
            "--out",
            str(out),
            "--scale",
            "3",
            "--replay",
            str(REPLAY),
            "--now",
            "2024-02-21T15:10:00+00:00",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}: page weather, records: aqi, weather"
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape == (192, 384, 3)
    assert np.array_equal(image[1::3, 1::3], image[::3, ::3])  # square 3x3 pixels
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weather.png"]  # the temporary store is gone


def test_snapshot_from_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'board.sqlite3'}"
    store = open_store(url)
    source = weather(KAZAKHSTAN, T_FEB)
    store.write(
        "weather",
        fetched_at=source.fetched_at,
        valid_until=source.valid_until + timedelta(days=1),
        source=source.source,
        data=source.data,
    )
    store.close()
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: {url}\n", encoding="utf-8")
    out = tmp_path / "clock.png"
    code = main(
        [
            "snapshot",
            "--page",
            "clock",
            "--out",
            str(out),
            "--scale",
            "1",
            "--config",
            str(config),
            "--now",
            T_FEB.isoformat(),
        ]
    )
    assert code == 0 and "records: weather" in capsys.readouterr().out
    ctx = PageContext(records={"weather": source}, now=T_FEB)
    renderer = FrameRenderer()
    renderer.render("clock", ctx)
    assert np.array_equal(np.asarray(Image.open(out).convert("RGB")), renderer.composed)


def test_snapshot_rejects_an_unknown_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", "--page", "garmin", "--out", str(tmp_path / "x.png")]) == 2
    assert "--page: expected one of" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_bench_render_json_has_an_entry_per_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_render, "FRAMES", 12)
    assert bench_render.main(["--json", "--seconds", "0.002"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert set(results) == set(PAGES)
    for entry in results.values():
        assert set(entry) >= {"ecoboard_fps", "ecoboard_ms", "pillow_fps", "pillow_ms", "ratio", "ratio_uncached"}
        assert entry["ratio"] > 0


def test_bench_pillow_replay_draws_the_same_operations() -> None:
    scene = scenes()["weather"]
    canvas = bench_render.RecordingCanvas()
    PAGES["weather"](canvas, scene.context())
    kinds = [op[0] for op in canvas.ops]
    assert kinds.count("text") == len(canvas.text_boxes) == 15 and kinds.count("icon") == 1
    fonts = {height: ImageFont.load_default(size=height) for height in (6, 8, 13, 15)}
    image = Image.frombytes("RGB", (128, 64), bench_render.PillowFrame(canvas.ops).draw(fonts))
    assert np.count_nonzero(np.asarray(image)) > 500
