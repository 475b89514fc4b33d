"""Sinks: files only on request, the API's latest frame, the emulator headless, every matrix option mapped."""

from __future__ import annotations

import io
import threading
from dataclasses import fields, replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from ecoboard import ConfigError
from ecoboard.config import DisplaySettings, MatrixSettings
from ecoboard.renderer import GifSink, LatestFrame, MatrixSink, NullSink, PngSink, open_sink, png_bytes
from ecoboard.renderer._matrix import matrix_options, open_emulator

OPTION_NAMES = {"pixel_mapper": "pixel_mapper_config"}  # the binding's name, where it differs


def frame(seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (64, 128, 3), dtype=np.uint8)


def test_png_bytes_have_square_pixels() -> None:
    picture = frame()
    image = Image.open(io.BytesIO(png_bytes(picture, 3)))
    assert image.size == (384, 192)
    scaled = np.asarray(image)
    assert np.array_equal(scaled[::3, ::3], picture) and np.array_equal(scaled[2::3, 2::3], picture)


def test_latest_frame_keeps_a_copy_and_serves_png() -> None:
    latest = LatestFrame()
    assert latest.frame() is None and latest.png() is None
    picture = frame()
    latest.show(picture)
    picture[:] = 0  # the caller reuses its buffer
    assert latest.version == 1 and np.count_nonzero(latest.frame()) > 0
    assert Image.open(io.BytesIO(latest.png(scale=2))).size == (256, 128)


def test_latest_frame_is_safe_across_threads() -> None:
    latest = LatestFrame()
    frames = [np.full((64, 128, 3), i, dtype=np.uint8) for i in range(50)]

    def writer() -> None:
        for f in frames:
            latest.show(f)

    thread = threading.Thread(target=writer)
    thread.start()
    while thread.is_alive():
        seen = latest.frame()
        if seen is not None:
            assert len(np.unique(seen)) == 1  # never half of one frame and half of another
    thread.join()
    assert latest.version == 50


def test_png_and_gif_sinks_write_only_their_file(tmp_path: Path) -> None:
    png = PngSink(tmp_path / "one.png", scale=2)
    png.show(frame())
    assert Image.open(tmp_path / "one.png").size == (256, 128)
    gif = GifSink(tmp_path / "clip.gif", fps=10)
    for i in range(3):
        gif.show(frame(i))
    assert not (tmp_path / "clip.gif").exists()  # nothing written until close
    gif.close()
    clip = Image.open(tmp_path / "clip.gif")
    assert clip.n_frames == 3 and clip.info["duration"] == 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.gif", "one.png"]


def test_every_matrix_setting_reaches_the_options() -> None:
    settings = MatrixSettings(
        rows=64,
        cols=128,
        chain_length=1,
        parallel=1,
        pixel_mapper="Rotate:90",
        hardware_mapping="adafruit-hat-pwm",
        gpio_slowdown=4,
        pwm_bits=9,
        pwm_lsb_nanoseconds=200,
        limit_refresh_rate_hz=120,
        scan_mode=1,
        row_address_type=2,
        multiplexing=3,
        led_rgb_sequence="RBG",
        disable_hardware_pulsing=True,
        drop_privileges=False,
    )
    options = matrix_options(SimpleNamespace(), settings, 55)
    for field in fields(MatrixSettings):
        assert getattr(options, OPTION_NAMES.get(field.name, field.name)) == getattr(settings, field.name), field.name
    assert options.pixel_mapper_config == "Rotate:90" and options.brightness == 55


def test_emulator_sink_is_headless_and_writes_nothing_in_the_working_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sink = open_emulator(MatrixSettings(rows=32, cols=64, chain_length=2, parallel=2, pixel_mapper="U-mapper"))
    assert isinstance(sink, MatrixSink)
    picture = frame()
    sink.show(picture)
    sink.show(picture)
    adapter = sink._offscreen.display_adapter
    assert type(adapter).__name__ == "RawAdapter" and adapter.frame == 2
    sink.set_brightness(40)
    sink.close()
    assert list(tmp_path.iterdir()) == []


def test_open_sink_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert isinstance(open_sink(DisplaySettings(sink="none")), NullSink)
    assert isinstance(open_sink(DisplaySettings(sink="emulator")), MatrixSink)
    assert isinstance(open_sink(DisplaySettings(sink="auto")), MatrixSink)  # no rgbmatrix here: the emulator
    with pytest.raises(ConfigError, match="rgbmatrix module is not installed"):
        open_sink(replace(DisplaySettings(), sink="matrix"))
    assert list(tmp_path.iterdir()) == []


def test_null_sink_counts() -> None:
    sink = NullSink()
    sink.show(frame())
    sink.set_brightness(10)
    assert (sink.frames_shown, sink.brightness) == (1, 10)
