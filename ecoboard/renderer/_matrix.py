"""LED matrix sinks: rpi-rgb-led-matrix on a Pi, RGBMatrixEmulator elsewhere, chosen by ``display.sink``.

Both keep one offscreen canvas from ``CreateFrameCanvas``: each frame is copied into it and
``SwapOnVSync`` returns the next offscreen canvas, so the panel never shows a half-drawn frame.
The emulator reads the config shipped in ``emulator/emulator_config.json`` (``raw`` adapter: no window,
no port); RGBMatrixEmulator reads and even creates ``emulator_config.json`` in the working directory
while it is imported, so it is imported from the shipped directory.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from .._errors import ConfigError
from ..config import DisplaySettings, MatrixSettings
from ._sinks import NullSink, Sink

log = logging.getLogger(__name__)

EMULATOR_CONFIG_DIR = Path(__file__).parent / "emulator"
_import_lock = threading.Lock()


def matrix_options(options: Any, settings: MatrixSettings, brightness: float) -> Any:
    """Copy every :class:`MatrixSettings` field onto an ``RGBMatrixOptions`` object; returns it."""
    options.rows = settings.rows
    options.cols = settings.cols
    options.chain_length = settings.chain_length
    options.parallel = settings.parallel
    options.pixel_mapper_config = settings.pixel_mapper
    options.hardware_mapping = settings.hardware_mapping
    options.gpio_slowdown = settings.gpio_slowdown
    options.pwm_bits = settings.pwm_bits
    options.pwm_lsb_nanoseconds = settings.pwm_lsb_nanoseconds
    options.limit_refresh_rate_hz = settings.limit_refresh_rate_hz
    options.scan_mode = settings.scan_mode
    options.row_address_type = settings.row_address_type
    options.multiplexing = settings.multiplexing
    options.led_rgb_sequence = settings.led_rgb_sequence
    options.disable_hardware_pulsing = settings.disable_hardware_pulsing
    options.drop_privileges = settings.drop_privileges
    options.brightness = round(brightness)
    return options


class MatrixSink:
    """Frames to an ``RGBMatrix`` (the real one or the emulator's) through an offscreen canvas."""

    def __init__(self, module: Any, settings: MatrixSettings, brightness: float = 100.0) -> None:
        options = matrix_options(module.RGBMatrixOptions(), settings, brightness)
        try:
            self._matrix = module.RGBMatrix(options=options)
        except (OSError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot open the LED matrix: {exc}") from exc
        self._offscreen = self._matrix.CreateFrameCanvas()
        self._closed = False

    def show(self, frame: np.ndarray) -> None:
        """Copy ``frame`` into the offscreen canvas and swap it in on the next vertical sync."""
        if self._closed:
            return
        height, width = frame.shape[0], frame.shape[1]
        image = Image.frombuffer("RGB", (width, height), np.ascontiguousarray(frame), "raw", "RGB", 0, 1)
        self._offscreen.SetImage(image, 0, 0)
        self._offscreen = self._matrix.SwapOnVSync(self._offscreen)

    def set_brightness(self, pct: float) -> None:
        """The panel's own (PWM) brightness, 0-100 %."""
        self._matrix.brightness = round(min(max(pct, 0), 100))

    def close(self) -> None:
        """Blank the panel; later frames are ignored."""
        if not self._closed:
            self._closed = True
            self._matrix.Clear()


def hardware_available() -> bool:
    """True when the rpi-rgb-led-matrix Python binding (``rgbmatrix``) can be imported."""
    return importlib.util.find_spec("rgbmatrix") is not None


def emulator_available() -> bool:
    """True when RGBMatrixEmulator is installed."""
    return importlib.util.find_spec("RGBMatrixEmulator") is not None


def open_emulator(
    settings: MatrixSettings, brightness: float = 100.0, config_dir: Path = EMULATOR_CONFIG_DIR
) -> MatrixSink:
    """A :class:`MatrixSink` on RGBMatrixEmulator configured by ``config_dir/emulator_config.json``."""
    if not (config_dir / "emulator_config.json").is_file():
        raise ConfigError(f"no emulator_config.json in {config_dir}")
    with _import_lock, contextlib.chdir(config_dir):
        module = importlib.import_module("RGBMatrixEmulator")
        return MatrixSink(module, settings, brightness)


def open_sink(display: DisplaySettings) -> Sink:
    """The sink ``display.sink`` asks for; ``auto`` = matrix if importable, else emulator, else none.

    Matrix sinks open at 100 % panel brightness: ``display.brightness`` and ``display.gamma`` are applied
    once, by :class:`FrameRenderer`'s lookup table. ``Sink.set_brightness`` is for a caller that prefers
    the panel's PWM brightness instead (it then keeps the renderer at 100 %).
    """
    problem = sink_problem(display)
    if problem is not None:
        raise ConfigError(problem)
    choice = display.sink
    if choice == "auto":
        choice = "matrix" if hardware_available() else "emulator" if emulator_available() else "none"
        log.info("display sink: auto chose %s", choice)
    if choice == "matrix":
        return MatrixSink(importlib.import_module("rgbmatrix"), display.matrix)
    if choice == "emulator":
        return open_emulator(display.matrix)
    return NullSink()


def sink_problem(display: DisplaySettings) -> str | None:
    """Why ``display.sink`` cannot be opened here (its module is not installed), as a problem line
    starting with the key path; ``None`` when it can."""
    if display.sink == "matrix" and not hardware_available():
        return "display.sink: 'matrix' but the rgbmatrix module is not installed"
    if display.sink == "emulator" and not emulator_available():
        return "display.sink: 'emulator' but RGBMatrixEmulator is not installed"
    return None
