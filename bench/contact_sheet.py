"""Draw every renderer scene into one contact sheet PNG (``python -m bench.contact_sheet [--out FILE]``).

Each scene of :mod:`bench.scenes` is rendered, scaled with square pixels, and labelled with its name;
the committed sheet is ``docs/contact-sheet.png``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ecoboard.renderer import Canvas, FrameRenderer, get_font
from ecoboard.renderer._sinks import scaled_image

from .scenes import scenes

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "contact-sheet.png"
GAP = 4  # panel pixels between tiles
LABEL = 9  # panel pixels of label above each tile


def contact_sheet(columns: int = 3) -> np.ndarray:
    """All scenes as one ``uint8`` RGB array, in panel pixels (scale it for viewing)."""
    renderer = FrameRenderer()
    tiles = []
    for name, scene in scenes().items():
        renderer.render(scene.page, scene.context())
        tile = Canvas(np.zeros((64 + LABEL, 128, 3), dtype=np.uint8))
        tile.fill((24, 24, 32))
        tile.text(get_font("5x8"), 1, 0, name, (200, 200, 120), max_width=126)
        tile.pixels[LABEL:] = renderer.composed
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
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="PNG to write (default docs/contact-sheet.png)")
    parser.add_argument("--scale", type=int, default=4, help="pixels per panel pixel (default 4)")
    parser.add_argument("--columns", type=int, default=3)
    args = parser.parse_args(argv)
    scaled_image(contact_sheet(args.columns), args.scale).save(args.out, optimize=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
