"""``ecoboard snapshot``: a page to PNG from the store, or from recorded responses; ``python -m bench.render``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bench import render as bench_render
from bench.pillow_canvas import load_pillow_fonts, pillow_frame
from bench.scenes import KAZAKHSTAN, T_FEB, scenes, weather
from ecoboard.cli._main import main
from ecoboard.renderer import PAGES, FrameRenderer, PageContext, available_fonts
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


def test_snapshot_never_creates_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "var" / "none.sqlite3"
    config = tmp_path / "ecoboard.yaml"
    config.write_text(f"store:\n  url: sqlite:///{db}\n", encoding="utf-8")
    out = tmp_path / "weather.png"
    assert main(["snapshot", "--page", "weather", "--out", str(out), "--config", str(config), "--scale", "1"]) == 0
    assert capsys.readouterr().out == f"wrote {out}: page weather, records: none\n"
    assert caplog.messages == [
        f"no store at {db} yet: drawing without records (run 'ecoboard run' or 'ecoboard fetch KIND' first, "
        "or draw from recordings with --replay DIR)"
    ]
    assert not db.exists() and not db.parent.exists()
    renderer = FrameRenderer()
    assert [b.text for b in renderer.draw("weather", PageContext(records={}, now=T_FEB)).text_boxes] == [
        "waiting for", "weather"]
    renderer.swap()
    assert np.array_equal(np.asarray(Image.open(out).convert("RGB")), renderer.composed)  # the waiting page


def test_snapshot_rejects_an_unknown_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", "--page", "garmin", "--out", str(tmp_path / "x.png")]) == 2
    assert "--page: expected one of" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_bench_render_json_has_an_entry_per_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_render, "FRAMES", 12)
    assert bench_render.main(["--json", "--seconds", "0.002", "--repeat", "1"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert set(results) == set(PAGES)
    for page, entry in results.items():
        assert set(entry) >= {"loop_fps", "redraw_fps", "uncached_ms", "pillow_ms", "drawn", "scene", "scenes"}
        assert entry["ratio_is"] == "loop"
        assert entry["ratio"] == entry["ratio_loop"] > 0 and entry["ratio_redraw"] > 0 and entry["ratio_uncached"] > 0
        assert entry["ratio"] == min(s["ratio"] for s in entry["scenes"].values())  # the slowest scene
        assert {scenes()[name].page for name in entry["scenes"] if name in scenes()} <= {page}
    assert set(results["weather"]["scenes"]) == {n for n, s in scenes().items() if s.page == "weather"}


def test_the_render_loop_draws_a_page_only_when_its_inputs_change() -> None:
    """The bench's ``drawn`` share: the clock runs once a second (10 seconds in 600 frames), the weather page
    (records only) once, a sports page on its first frame and at the rotation after 5 s."""
    every = scenes()
    assert bench_render.drawn_share(every["clock"]) == 10 / bench_render.FRAMES  # 20:20:09.0 .. 20:20:18.98
    assert bench_render.drawn_share(every["weather"]) == 1 / bench_render.FRAMES
    assert bench_render.drawn_share(every["mlb"]) == 2 / bench_render.FRAMES  # its "4m old" label stays


@pytest.mark.parametrize("frame_index", [0, 150])
def test_bench_pillow_baseline_draws_the_same_pixels(frame_index: int) -> None:
    """The baseline runs the same page functions through Pillow and gets ecoboard's frame on every scene
    (frame 150: the clock's place name and the sports detail lines have scrolled)."""
    fonts = load_pillow_fonts([*available_fonts(), "9x15B@2", "7x13B@2"])
    images: dict[int, object] = {}
    for name, scene in scenes().items():
        ctx = scene.context(frame_index)
        renderer = FrameRenderer()
        renderer.render(scene.page, ctx)
        drawn = pillow_frame(scene.page, ctx, fonts, images)
        baseline = np.frombuffer(drawn, np.uint8).reshape(64, 128, 3)
        assert np.count_nonzero(baseline) > 300, name
        assert np.array_equal(baseline, renderer.composed), name
