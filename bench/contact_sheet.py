"""Draw every renderer scene into one contact sheet PNG (``python -m bench.contact_sheet [--golden] [--out FILE]``).

Each scene of :mod:`bench.scenes` is rendered, scaled with square pixels, and labelled with its name;
the committed sheet is ``docs/contact-sheet.png``. With ``--golden`` the tiles are the committed golden
images instead (``tests/renderer/golden/*.png``: every page in every state the tests draw), written to
``docs/golden-sheet.png``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from ecoboard.renderer import Canvas, FrameRenderer, get_font
from ecoboard.renderer._sinks import scaled_image

from .scenes import scenes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "contact-sheet.png"
GOLDEN_OUT = ROOT / "docs" / "golden-sheet.png"
GOLDEN_DIR = ROOT / "tests" / "renderer" / "golden"
GAP = 4  # panel pixels between tiles
LABEL = 9  # panel pixels of label above each tile


def scene_frames() -> dict[str, np.ndarray]:
    """Every scene of :mod:`bench.scenes` as drawn by the renderer, by name."""
    renderer = FrameRenderer()
    frames = {}
    for name, scene in scenes().items():
        renderer.render(scene.page, scene.context())
        frames[name] = renderer.composed.copy()
    return frames


def golden_frames() -> dict[str, np.ndarray]:
    """Every committed golden image, by name."""
    frames = {}
    for path in sorted(GOLDEN_DIR.glob("*.png")):
        with Image.open(path) as image:
            frames[path.stem] = np.asarray(image.convert("RGB"))
    return frames


def contact_sheet(frames: dict[str, np.ndarray], columns: int = 3) -> np.ndarray:
    """``frames`` as one labelled ``uint8`` RGB array, in panel pixels (scale it for viewing)."""
    tiles = []
    for name, frame in frames.items():
        tile = Canvas(np.zeros((64 + LABEL, 128, 3), dtype=np.uint8))
        tile.fill((24, 24, 32))
        tile.text(get_font("5x8"), 1, 0, name, (200, 200, 120), max_width=126)
        tile.pixels[LABEL:] = frame
        tiles.append(tile.pixels)
    rows = (len(tiles) + columns - 1) // columns
    height, width = 64 + LABEL, 128
    sheet = np.full((rows * (height + GAP) + GAP, columns * (width + GAP) + GAP, 3), 48, dtype=np.uint8)
    for i, tile in enumerate(tiles):
        y, x = GAP + (i // columns) * (height + GAP), GAP + (i % columns) * (width + GAP)
        sheet[y : y + height, x : x + width] = tile
    return sheet


def main(argv: Sequence[str] | None = None) -> int:
    """Write the contact sheet; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bench.contact_sheet", description=__doc__.splitlines()[0])
    parser.add_argument("--golden", action="store_true", help="tile the committed golden images instead")
    parser.add_argument("--out", type=Path, help="PNG to write (default docs/contact-sheet.png, or golden-sheet.png)")
    parser.add_argument("--scale", type=int, default=4, help="pixels per panel pixel (default 4)")
    parser.add_argument("--columns", type=int)
    args = parser.parse_args(argv)
    frames = golden_frames() if args.golden else scene_frames()
    out = args.out or (GOLDEN_OUT if args.golden else DEFAULT_OUT)
    columns = args.columns or (4 if args.golden else 3)
    scaled_image(contact_sheet(frames, columns), args.scale).save(out, optimize=True)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
