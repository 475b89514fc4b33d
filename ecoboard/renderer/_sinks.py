"""Frame sinks that need no hardware: files on request, the in-memory latest frame, and nothing.

Every sink takes display-ready ``(64, 128, 3)`` uint8 frames in :meth:`show`. File sinks write only
when a user asked for a file (``ecoboard snapshot``, a GIF recording) -- never per frame on the Pi (C28).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image


class Sink(Protocol):
    """Where frames go."""

    def show(self, frame: np.ndarray) -> None:
        """Display (or keep) one frame."""

    def set_brightness(self, pct: float) -> None:
        """Panel brightness in percent, for sinks with their own brightness control."""

    def close(self) -> None:
        """Release the output; further frames are ignored."""


def scaled_image(frame: np.ndarray, scale: int = 1) -> Image.Image:
    """An RGB Pillow image of ``frame`` with each pixel blown up to a ``scale`` x ``scale`` square."""
    if scale > 1:
        frame = frame.repeat(scale, axis=0).repeat(scale, axis=1)
    return Image.fromarray(np.ascontiguousarray(frame), "RGB")


def png_bytes(frame: np.ndarray, scale: int = 1) -> bytes:
    """``frame`` encoded as PNG, square pixels of ``scale`` x ``scale``."""
    buffer = io.BytesIO()
    scaled_image(frame, scale).save(buffer, format="PNG")
    return buffer.getvalue()


class NullSink:
    """Drops every frame (headless runs, tests)."""

    def __init__(self) -> None:
        self.brightness = 100.0
        self.frames_shown = 0

    def show(self, frame: np.ndarray) -> None:
        """Count the frame, keep nothing."""
        self.frames_shown += 1

    def set_brightness(self, pct: float) -> None:
        """Remember the value."""
        self.brightness = pct

    def close(self) -> None:
        """Nothing to release."""


class LatestFrame:
    """The most recent frame, kept in memory for the API (thread-safe); no file is ever written."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self.version = 0
        self.brightness = 100.0

    def show(self, frame: np.ndarray) -> None:
        """Keep a copy of ``frame`` as the latest one."""
        copy = frame.copy()
        with self._lock:
            self._frame = copy
            self.version += 1

    def frame(self) -> np.ndarray | None:
        """A copy of the latest frame, or ``None`` before the first one."""
        with self._lock:
            return None if self._frame is None else self._frame.copy()

    def png(self, scale: int = 4) -> bytes | None:
        """The latest frame as PNG bytes with square ``scale`` x ``scale`` pixels, or ``None`` before the first."""
        frame = self.frame()
        return None if frame is None else png_bytes(frame, scale)

    def set_brightness(self, pct: float) -> None:
        """Remember the value (the API reports it)."""
        self.brightness = pct

    def close(self) -> None:
        """Forget the frame."""
        with self._lock:
            self._frame = None


class PngSink:
    """Writes each shown frame to one PNG file (a snapshot the user asked for)."""

    def __init__(self, path: str | Path, scale: int = 1) -> None:
        self.path = Path(path)
        self.scale = scale

    def show(self, frame: np.ndarray) -> None:
        """Overwrite the file with ``frame``."""
        self.path.write_bytes(png_bytes(frame, self.scale))

    def set_brightness(self, pct: float) -> None:
        """Files have no brightness; ignored."""

    def close(self) -> None:
        """Nothing open between frames."""


class GifSink:
    """Collects frames in memory and writes one animated GIF at :meth:`close` (a recording on request)."""

    def __init__(self, path: str | Path, *, fps: float = 10.0, scale: int = 1, max_frames: int = 600) -> None:
        self.path = Path(path)
        self.fps = fps
        self.scale = scale
        self.max_frames = max_frames
        self._frames: list[np.ndarray] = []

    def show(self, frame: np.ndarray) -> None:
        """Keep a copy of ``frame`` (up to ``max_frames``; later frames are dropped)."""
        if len(self._frames) < self.max_frames:
            self._frames.append(frame.copy())

    def set_brightness(self, pct: float) -> None:
        """Files have no brightness; ignored."""

    def close(self) -> None:
        """Write the GIF (if any frame was shown) and forget the frames."""
        if self._frames:
            images = [scaled_image(f, self.scale) for f in self._frames]
            images[0].save(
                self.path,
                format="GIF",
                save_all=True,
                append_images=images[1:],
                duration=max(int(1000 / self.fps), 20),
                loop=0,
            )
        self._frames = []
