"""Frame-rate benchmark of the renderer against a naive Pillow redraw (``python -m bench.render [--json]``).

For every page in ``PAGES`` (drawn from its scene in :mod:`bench.scenes`) four loops run in the same
process, each over the same page contexts (one per frame, ``frame_index`` counting up):

- **redraw** (the headline): ``FrameRenderer.render`` with frame reuse off = clear the back buffer,
  run the page function (records to strings, formatting, layout) drawing with numpy, markers, swap
  through the brightness/gamma lookup table. String rasters are cached by ``(font, text)``;
- **uncached**: redraw with the text raster cache emptied before every frame, so every string is
  rebuilt from glyph masks and placed anew;
- **reuse**: ``render`` as the render loop runs it: a page whose inputs (frame key, records,
  config, options, health) are unchanged copies its last drawing instead of running again;
- **Pillow baseline**, how LED scoreboards usually draw: per frame a new ``Image``, the *same page
  function* drawing through :class:`bench.pillow_canvas.PillowCanvas` (``ImageDraw`` rectangles and
  bitmaps, ``ImageDraw.text`` with the same BDF fonts compiled once to Pillow bitmap fonts, icon
  pastes), the same markers, then ``tobytes()``. Both sides pay the same page logic and draw the same
  pixels; they differ in the drawing backend and the frame handling. The baseline applies no
  brightness table (ecoboard's figures include it).

Each loop is timed ``--repeat`` times (interleaved, at least ``--seconds`` of this process's CPU time
each, ``time.process_time``, so other jobs on a shared machine disturb less) and the best is kept.
Prints a table (fps, ms/frame, ratios = ecoboard fps / Pillow fps) or, with ``--json``, one JSON object
with an entry per page: ``ratio`` is the headline (= ``ratio_redraw``, named by ``ratio_is``),
``ratio_uncached`` and ``ratio_reuse`` the other two. Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from ecoboard.renderer import PAGES, FrameRenderer, PageContext, available_fonts, clear_text_cache

from .pillow_canvas import load_pillow_fonts, page_kinds, pillow_frame
from .scenes import Scene, page_scenes, scenes

FRAMES = 240  # distinct contexts per page (4 s of a 60 fps loop), cycled through by every loop
HEADLINE = "redraw"
"""Which figure ``ratio`` is: the page drawn every frame (no frame reuse), text rasters cached."""
LOOPS = ("redraw", "uncached", "reuse", "pillow")


def _contexts(scene: Scene) -> list[PageContext]:
    return [scene.context(i) for i in range(FRAMES)]


def _rate(step: Callable[[int], object], min_seconds: float) -> float:
    """CPU seconds per call of ``step(i)``, timed over at least ``min_seconds`` (after a short warm-up)."""
    for i in range(10):
        step(i)
    calls, start = 0, time.process_time()
    while True:
        for _ in range(50):
            step(calls)
            calls += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return elapsed / calls


def page_loops(name: str, scene: Scene) -> dict[str, Callable[[int], object]]:
    """The four per-frame steps of page ``name``, keyed as :data:`LOOPS`."""
    contexts = _contexts(scene)
    reuse = FrameRenderer(brightness=80, gamma=2.2)
    redraw = FrameRenderer(brightness=80, gamma=2.2)
    redraw.memoize = False
    page, kinds = PAGES[name], page_kinds(name)
    fonts = load_pillow_fonts([*available_fonts(), *(f"{f}@2" for f in available_fonts())])
    images: dict[int, Any] = {}

    def uncached(i: int) -> None:
        clear_text_cache()
        redraw.render(name, contexts[i % FRAMES])

    return {
        "redraw": lambda i: redraw.render(name, contexts[i % FRAMES]),
        "uncached": uncached,
        "reuse": lambda i: reuse.render(name, contexts[i % FRAMES]),
        "pillow": lambda i: pillow_frame(page, kinds, contexts[i % FRAMES], fonts, images),
    }


def bench_page(name: str, scene: Scene, min_seconds: float, repeat: int = 3) -> dict[str, float]:
    """The four loops for one page, each the best of ``repeat`` timings; fps, ms per frame and ratios."""
    loops = page_loops(name, scene)
    best = dict.fromkeys(LOOPS, float("inf"))
    for _ in range(max(repeat, 1)):
        for loop in LOOPS:
            best[loop] = min(best[loop], _rate(loops[loop], min_seconds))
    result: dict[str, float] = {}
    for loop in LOOPS:
        result[f"{loop}_fps"] = 1 / best[loop]
        result[f"{loop}_ms"] = best[loop] * 1000
    for loop in LOOPS[:3]:
        result[f"ratio_{loop}"] = best["pillow"] / best[loop]
    result["ratio"] = result[f"ratio_{HEADLINE}"]
    return result


def run(min_seconds: float = 0.3, repeat: int = 3) -> dict[str, dict[str, float]]:
    """Benchmark every registered page; a page without a scene is drawn in its first-refresh state."""
    chosen = page_scenes()
    any_scene = next(iter(scenes().values()))
    results = {}
    for name in sorted(PAGES):
        scene = chosen.get(name) or Scene(name, {}, any_scene.now)
        results[name] = bench_page(name, scene, min_seconds, repeat)
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    """The results as a fixed-width text table."""
    labels = {"redraw": "redraw", "uncached": "uncached", "reuse": "reuse", "pillow": "Pillow"}
    header = f"{'page':<9}" + "".join(f" {labels[loop] + ' fps':>13} {'ms':>6}" for loop in LOOPS)
    header += f" {'RATIO':>7} {'uncach.':>7} {'reuse':>7}"
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        row = f"{name:<9}" + "".join(f" {r[loop + '_fps']:>13.0f} {r[loop + '_ms']:>6.3f}" for loop in LOOPS)
        row += f" {r['ratio']:>6.1f}x {r['ratio_uncached']:>6.1f}x {r['ratio_reuse']:>6.1f}x"
        lines.append(row)
    lines.append("Pillow = the same page functions drawn with ImageDraw (bench/pillow_canvas.py), same pixels.")
    lines.append(
        "RATIO (headline) = redraw fps / Pillow fps: both run the page every frame, text rasters cached;"
    )
    lines.append("uncach. = text raster cache emptied every frame; reuse = ecoboard copying a page's last drawing")
    lines.append("while its inputs are unchanged, against the Pillow redraw (a cache hit, not the headline).")
    lines.append(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end of the run")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print it; always returns 0."""
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object (an entry per page)")
    parser.add_argument("--seconds", type=float, default=0.3, help="minimum timing per loop (default 0.3)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per loop, the best is kept (default 3)")
    args = parser.parse_args(argv)
    results = run(args.seconds, args.repeat)
    if args.json:
        entries = {k: {"ratio_is": HEADLINE, **{m: round(v, 4) for m, v in r.items()}} for k, r in results.items()}
        print(json.dumps(entries, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
