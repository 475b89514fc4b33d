"""Frame-rate benchmark of the renderer against a naive Pillow redraw (``python -m bench.render [--json]``).

For every page in ``PAGES`` (drawn from its scene in :mod:`bench.scenes`) three loops run in the same
process, each over the same page contexts (one per frame, ``frame_index`` counting up):

- **ecoboard**: ``FrameRenderer.render`` = clear the back buffer, draw the page (or copy its last
  drawing while the page's frame key and records are unchanged), markers, swap through the
  brightness/gamma lookup table -- the real per-frame work of the render loop;
- **ecoboard redraw**: the same with the frame memo off, so the page is drawn with numpy every frame
  (string rasters and glyph masks cached);
- **ecoboard uncached**: redraw with the ``(font, text)`` raster cache also emptied before every frame,
  so every string is rebuilt from glyph masks;
- **Pillow baseline**: how LED scoreboards usually draw -- per frame a new ``Image``, ``ImageDraw``
  text (FreeType, ``ImageFont.load_default`` at each font's pixel size), rectangles, icon pastes and
  mask bitmaps for the very same drawing operations the page made, then ``tobytes()``. Icons, masks
  and fonts are converted once before timing, as a sensible scoreboard would.

Prints a table (fps, ms/frame, ratio = ecoboard fps / Pillow fps) or, with ``--json``, one JSON object
with an entry per page. Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ecoboard.renderer import PAGES, Canvas, Font, FrameRenderer, PageContext, clear_text_cache

from .scenes import Scene, page_scenes, scenes

FRAMES = 240  # distinct contexts per page (4 s of a 60 fps loop), cycled through by every loop


class RecordingCanvas(Canvas):
    """A canvas that also keeps the list of drawing operations (for the Pillow replay)."""

    __slots__ = ("_in_text", "_last_color", "ops")

    def __init__(self) -> None:
        super().__init__()
        self.ops: list[tuple[Any, ...]] = []
        self._in_text = False
        self._last_color: tuple[int, ...] = (0, 0, 0)

    def fill_rect(self, x0: int, y0: int, x1: int, y1: int, color: Any) -> None:
        self.ops.append(("rect", (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), tuple(color)))
        super().fill_rect(x0, y0, x1, y1, color)

    def blit_mask(self, mask: np.ndarray, x: int, y: int, color: Any, *, clip: Any = None) -> None:
        if not self._in_text:
            self.ops.append(("mask", Image.fromarray(mask.astype(np.uint8) * 255, "L"), (x, y), tuple(color)))
        super().blit_mask(mask, x, y, color, clip=clip)

    def blit_rgb(self, icon: np.ndarray, x: int, y: int) -> None:
        mode = "RGBA" if icon.shape[2] == 4 else "RGB"
        self.ops.append(("icon", Image.fromarray(np.ascontiguousarray(icon), mode), (x, y)))
        super().blit_rgb(icon, x, y)

    def _text_op(self, font: Font, draw: Callable[[], int]) -> int:
        before = len(self.text_boxes)
        self._in_text = True
        try:
            width = draw()
        finally:
            self._in_text = False
        for box in self.text_boxes[before:]:
            self.ops.append(("text", (box.x0, box.y0), box.text, font.height, self._last_color))
        return width

    def text(self, font: Font, x: int, y: int, text: str, color: Any, **kwargs: Any) -> int:
        self._last_color = tuple(color)
        return self._text_op(font, lambda: super(RecordingCanvas, self).text(font, x, y, text, color, **kwargs))

    def scroll_text(self, font: Font, x: int, y: int, text: str, color: Any, **kwargs: Any) -> int:
        self._last_color = tuple(color)
        return self._text_op(font, lambda: super(RecordingCanvas, self).scroll_text(font, x, y, text, color, **kwargs))


@dataclass
class PillowFrame:
    """The drawing operations of one frame, ready to be replayed with Pillow."""

    ops: list[tuple[Any, ...]]

    def draw(self, fonts: dict[int, ImageFont.FreeTypeFont]) -> bytes:
        image = Image.new("RGB", (128, 64))
        pen = ImageDraw.Draw(image)
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                pen.text(op[1], op[2], font=fonts[op[3]], fill=op[4])
            elif kind == "rect":
                pen.rectangle(op[1], fill=op[2])
            elif kind == "mask":
                pen.bitmap(op[2], op[1], fill=op[3])
            else:
                icon = op[1]
                image.paste(icon, op[2], icon if icon.mode == "RGBA" else None)
        return image.tobytes()


def _contexts(scene: Scene) -> list[PageContext]:
    return [scene.context(i) for i in range(FRAMES)]


def _rate(step: Callable[[int], object], min_seconds: float) -> float:
    """Seconds per call of ``step(i)``, timed over at least ``min_seconds`` (after one warm-up pass)."""
    for i in range(10):
        step(i)
    calls, start = 0, time.perf_counter()
    while True:
        for _ in range(50):
            step(calls)
            calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls


def bench_page(name: str, scene: Scene, min_seconds: float) -> dict[str, float]:
    """The three loops for one page; figures in frames per second and milliseconds per frame."""
    contexts = _contexts(scene)
    renderer = FrameRenderer(brightness=80, gamma=2.2)
    cached = _rate(lambda i: renderer.render(name, contexts[i % FRAMES]), min_seconds)
    renderer.memoize = False
    redraw = _rate(lambda i: renderer.render(name, contexts[i % FRAMES]), min_seconds)

    def uncached_frame(i: int) -> None:
        clear_text_cache()
        renderer.render(name, contexts[i % FRAMES])

    uncached = _rate(uncached_frame, min_seconds)

    frames = []
    for ctx in contexts:
        canvas = RecordingCanvas()
        PAGES[name](canvas, ctx)
        frames.append(PillowFrame(canvas.ops))
    sizes = {op[3] for frame in frames for op in frame.ops if op[0] == "text"}
    fonts = {size: ImageFont.load_default(size=size) for size in sizes}
    pillow = _rate(lambda i: frames[i % FRAMES].draw(fonts), min_seconds)
    return {
        "ecoboard_fps": 1 / cached,
        "ecoboard_ms": cached * 1000,
        "redraw_fps": 1 / redraw,
        "redraw_ms": redraw * 1000,
        "uncached_fps": 1 / uncached,
        "uncached_ms": uncached * 1000,
        "pillow_fps": 1 / pillow,
        "pillow_ms": pillow * 1000,
        "ratio": pillow / cached,
        "ratio_redraw": pillow / redraw,
        "ratio_uncached": pillow / uncached,
    }


def run(min_seconds: float = 0.5) -> dict[str, dict[str, float]]:
    """Benchmark every registered page; a page without a scene is drawn in its first-refresh state."""
    chosen = page_scenes()
    any_scene = next(iter(scenes().values()))
    results = {}
    for name in sorted(PAGES):
        scene = chosen.get(name) or Scene(name, {}, any_scene.now)
        results[name] = bench_page(name, scene, min_seconds)
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    """The results as a fixed-width text table."""
    groups = (("ecoboard", "ecoboard"), ("redraw", "redraw"), ("uncached", "uncached"), ("pillow", "Pillow"))
    header = f"{'page':<9}" + "".join(f" {label + ' fps':>13} {'ms':>7}" for _, label in groups)
    header += f" {'ratio':>7} {'redraw':>7} {'uncach.':>7}"
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        row = f"{name:<9}" + "".join(f" {r[key + '_fps']:>13.0f} {r[key + '_ms']:>7.3f}" for key, _ in groups)
        row += f" {r['ratio']:>6.1f}x {r['ratio_redraw']:>6.1f}x {r['ratio_uncached']:>6.1f}x"
        lines.append(row)
    lines.append("ratio = ecoboard fps / Pillow fps (redraw: memo off; uncached: memo off, text cache emptied)")
    lines.append(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end of the run")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print it; always returns 0."""
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object (an entry per page)")
    parser.add_argument("--seconds", type=float, default=0.5, help="minimum timing per loop and page (default 0.5)")
    args = parser.parse_args(argv)
    results = run(args.seconds)
    if args.json:
        print(json.dumps({k: {m: round(v, 4) for m, v in r.items()} for k, r in results.items()}, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
