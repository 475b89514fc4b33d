"""A small reader for BDF 2.1 bitmap fonts: each glyph becomes a boolean numpy mask of one full cell.

Only what the renderer needs is read: the font ascent/descent, and per glyph its encoding, advance
(``DWIDTH``), bounding box (``BBX``) and bitmap rows. Every glyph is placed into a cell
``ascent + descent`` pixels high and ``DWIDTH`` pixels wide, with the baseline ``ascent`` pixels below
the top, so a line of text is a horizontal concatenation of cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .._errors import ConfigError


@dataclass(frozen=True)
class BdfFont:
    """The parsed content of one BDF file."""

    name: str
    ascent: int
    descent: int
    glyphs: dict[int, np.ndarray]
    """Code point -> read-only bool mask of shape ``(ascent + descent, advance)``."""


def _cell(ascent: int, height: int, advance: int, bbx: tuple[int, int, int, int], rows: list[str]) -> np.ndarray:
    width, box_h, x_off, y_off = bbx
    cell = np.zeros((height, max(advance, 0)), dtype=bool)
    if width and box_h and rows:
        row_bytes = (width + 7) // 8
        hex_rows = "".join(r[: row_bytes * 2].ljust(row_bytes * 2, "0") for r in rows)
        raw = np.frombuffer(bytes.fromhex(hex_rows), np.uint8)
        bits = np.unpackbits(raw.reshape(len(rows), row_bytes), axis=1)[:, :width].astype(bool)
        top = ascent - (y_off + box_h)
        # Clip the glyph box into the cell.
        y0, x0 = max(top, 0), max(x_off, 0)
        y1, x1 = min(top + len(rows), height), min(x_off + width, cell.shape[1])
        if y1 > y0 and x1 > x0:
            cell[y0:y1, x0:x1] = bits[y0 - top : y1 - top, x0 - x_off : x1 - x_off]
    cell.setflags(write=False)
    return cell


def parse_bdf(path: Path) -> BdfFont:
    """Parse the BDF file at ``path``; raises :class:`ConfigError` naming the file and line when malformed."""
    lines = path.read_text(encoding="latin-1").splitlines()
    ascent = descent = None
    glyphs: dict[int, np.ndarray] = {}
    i = 0
    try:
        while i < len(lines):
            key, _, rest = lines[i].partition(" ")
            if key == "FONT_ASCENT":
                ascent = int(rest)
            elif key == "FONT_DESCENT":
                descent = int(rest)
            elif key == "STARTCHAR":
                if ascent is None or descent is None:
                    raise ValueError("STARTCHAR before FONT_ASCENT/FONT_DESCENT")
                encoding, advance, bbx = -1, 0, (0, 0, 0, 0)
                i += 1
                while not lines[i].startswith("BITMAP"):
                    key, _, rest = lines[i].partition(" ")
                    if key == "ENCODING":
                        encoding = int(rest.split()[0])
                    elif key == "DWIDTH":
                        advance = int(rest.split()[0])
                    elif key == "BBX":
                        w, h, xo, yo = (int(v) for v in rest.split())
                        bbx = (w, h, xo, yo)
                    i += 1
                i += 1
                rows: list[str] = []
                while lines[i] != "ENDCHAR":
                    rows.append(lines[i].strip())
                    i += 1
                if encoding >= 0:
                    glyphs[encoding] = _cell(ascent, ascent + descent, advance, bbx, rows)
            i += 1
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"font {path.name}: malformed BDF near line {i + 1}: {exc}") from exc
    if ascent is None or descent is None or not glyphs:
        raise ConfigError(f"font {path.name}: no FONT_ASCENT/FONT_DESCENT or no glyphs")
    return BdfFont(name=path.stem, ascent=ascent, descent=descent, glyphs=glyphs)
