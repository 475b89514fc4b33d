"""Frame-rate benchmark of the renderer against a naive Pillow redraw (``python -m bench.render [--json]``).

Every scene of :mod:`bench.scenes` (each page in its states, drawn from recorded provider responses) is
run over ``FRAMES`` consecutive frames of a 60 fps loop: ``frame_index`` counts up and the clock moves
1/60 s per frame, so clocks tick, text scrolls, reminders blink and games rotate as on the panel. Four
loops run in the same process over the same page contexts:

- **loop** (the headline): ``FrameRenderer.render`` as the appliance's render loop calls it. A page
  runs when its inputs change (its frame key: the second for the clock, the rotation slot for sports,
  the blink phase...); the frames in between are composed from its kept drawing, its scrolling text
  drawn at the frame's offset, and the markers, and the swap looks up only what changed. ``drawn``
  says on how many of the frames the page itself ran;
- **redraw**: the same renderer with the kept drawing off: every frame clears the back buffer, runs the
  page, draws with numpy, draws the markers and swaps through the whole brightness/gamma table.
  String rasters stay cached by ``(font, text)``;
- **uncached**: redraw with the text cache emptied before every frame, so every string is rebuilt
  from glyph masks and placed anew, and every scrolling strip made again;
- **Pillow baseline**, how LED scoreboards usually draw: per frame a new ``Image``, the *same page
  function* drawing through :class:`bench.pillow_canvas.PillowCanvas` (``ImageDraw`` rectangles and
  bitmaps, ``ImageDraw.text`` with the same BDF fonts compiled once to Pillow bitmap fonts, icon
  pastes), the same markers, then ``tobytes()``. Both sides pay the same page logic and draw the same
  pixels. The baseline applies no brightness table (ecoboard's figures include it).

The loop's kept drawing is a cache, so the two uncached figures are printed beside it. Each loop is
timed ``--repeat`` times (interleaved, at least ``--seconds`` of this process's CPU time each,
``time.process_time``, so other jobs on a shared machine disturb less) and the best is kept. A page's
row is its slowest scene by the headline ratio. Prints a table (fps, ms/frame, ratios = ecoboard fps /
Pillow fps) or, with ``--json``, one JSON object with an entry per page: ``ratio`` is the headline
(named by ``ratio_is``), ``ratio_redraw`` and ``ratio_uncached`` the others, ``scenes`` every scene's
figures. Always exits 0.
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

from .pillow_canvas import load_pillow_fonts, pillow_frame
from .scenes import Scene, scenes

FRAMES = 600  # consecutive contexts per scene: 10 s of a 60 fps loop (a sports page rotates once)
HEADLINE = "loop"
"""Which figure ``ratio`` is: the renderer as the render loop runs it."""
LOOPS = ("loop", "redraw", "uncached", "pillow")
RATIOS = LOOPS[:3]
RENDERER = {"brightness": 80, "gamma": 2.2}


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


def scene_loops(scene: Scene) -> dict[str, Callable[[int], object]]:
    """The four per-frame steps of ``scene``, keyed as :data:`LOOPS` (step ``i`` draws frame ``i % FRAMES``)."""
    contexts = _contexts(scene)
    name = scene.page
    loop = FrameRenderer(**RENDERER)
    redraw = FrameRenderer(**RENDERER)
    redraw.memoize = False
    fonts = load_pillow_fonts([*available_fonts(), *(f"{f}@2" for f in available_fonts())])
    images: dict[int, Any] = {}

    def uncached(i: int) -> None:
        clear_text_cache()
        redraw.render(name, contexts[i % FRAMES])

    return {
        "loop": lambda i: loop.render(name, contexts[i % FRAMES]),
        "redraw": lambda i: redraw.render(name, contexts[i % FRAMES]),
        "uncached": uncached,
        "pillow": lambda i: pillow_frame(name, contexts[i % FRAMES], fonts, images),
    }


def drawn_share(scene: Scene) -> float:
    """On what share of ``FRAMES`` consecutive frames the render loop runs the page function."""
    renderer = FrameRenderer(**RENDERER)
    for ctx in _contexts(scene):
        renderer.render(scene.page, ctx)
    return renderer.pages_drawn / FRAMES


def bench_scene(scene: Scene, min_seconds: float, repeat: int = 3) -> dict[str, float]:
    """The four loops of one scene, each the best of ``repeat`` timings; fps, ms per frame and ratios."""
    loops = scene_loops(scene)
    best = dict.fromkeys(LOOPS, float("inf"))
    for _ in range(max(repeat, 1)):
        for loop in LOOPS:
            best[loop] = min(best[loop], _rate(loops[loop], min_seconds))
    result: dict[str, float] = {}
    for loop in LOOPS:
        result[f"{loop}_fps"] = 1 / best[loop]
        result[f"{loop}_ms"] = best[loop] * 1000
    for loop in RATIOS:
        result[f"ratio_{loop}"] = best["pillow"] / best[loop]
    result["ratio"] = result[f"ratio_{HEADLINE}"]
    result["drawn"] = drawn_share(scene)
    return result


def page_scene_sets() -> dict[str, dict[str, Scene]]:
    """Every registered page's scenes by name; a page without one is drawn in its first-refresh state."""
    every = scenes()
    any_scene = next(iter(every.values()))
    sets: dict[str, dict[str, Scene]] = {name: {} for name in sorted(PAGES)}
    for scene_name, scene in every.items():
        sets.setdefault(scene.page, {})[scene_name] = scene
    for name, found in sets.items():
        if not found:
            found[name] = Scene(name, {}, any_scene.now)
    return sets


def run(min_seconds: float = 0.2, repeat: int = 3) -> dict[str, dict[str, Any]]:
    """Benchmark every scene of every registered page; each page's entry is its slowest scene's figures
    (by the headline ratio) with ``scene`` naming it and ``scenes`` holding every scene's figures."""
    results: dict[str, dict[str, Any]] = {}
    for name, found in page_scene_sets().items():
        figures = {scene_name: bench_scene(scene, min_seconds, repeat) for scene_name, scene in found.items()}
        worst = min(figures, key=lambda s: figures[s]["ratio"])
        results[name] = {**figures[worst], "scene": worst, "scenes": figures}
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    """The results as a fixed-width text table, one row per page (its slowest scene)."""
    labels = {"loop": "loop", "redraw": "redraw", "uncached": "uncached", "pillow": "Pillow"}
    header = f"{'page':<9}" + "".join(f" {labels[loop] + ' fps':>13} {'ms':>6}" for loop in LOOPS)
    header += f" {'RATIO':>7} {'redraw':>7} {'uncach.':>7} {'drawn':>6}  slowest scene"
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        row = f"{name:<9}" + "".join(f" {r[loop + '_fps']:>13.0f} {r[loop + '_ms']:>6.3f}" for loop in LOOPS)
        row += f" {r['ratio']:>6.1f}x {r['ratio_redraw']:>6.1f}x {r['ratio_uncached']:>6.1f}x"
        row += f" {r['drawn']:>6.1%}  {r['scene']} (of {len(r['scenes'])})"
        lines.append(row)
    lines += [
        "Pillow = the same page functions drawn with ImageDraw (bench/pillow_canvas.py), same pixels, every frame.",
        "RATIO (headline) = loop fps / Pillow fps: ecoboard as the render loop runs it, the page drawn when its",
        "inputs change (on 'drawn' of the frames), other frames composed from its kept drawing, scrolling text",
        "and markers. redraw = the page drawn every frame; uncach. = also the text raster cache emptied.",
        f"{FRAMES} consecutive 60 fps frames per scene; each page's slowest scene by RATIO.",
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end of the run",
    ]
    return "\n".join(lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print it; always returns 0."""
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object (an entry per page)")
    parser.add_argument("--seconds", type=float, default=0.2, help="minimum timing per loop (default 0.2)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per loop, the best is kept (default 3)")
    args = parser.parse_args(argv)
    results = run(args.seconds, args.repeat)
    if args.json:
        print(json.dumps({k: {"ratio_is": HEADLINE, **_rounded(r)} for k, r in results.items()}, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
