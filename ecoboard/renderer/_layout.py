"""Layouts as data: ``layouts/w128h64/<page>.json``, validated against ``layouts/layout.schema.json`` at load.

A layout names the elements a page draws (position, width budget, font, colour, alignment). It is
read and validated once per process; an invalid file raises :class:`ConfigError` naming the file and the
offending key path (``elements/temp/font``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import jsonschema

from .._errors import ConfigError
from ._canvas import Align, Color, rgb
from ._fonts import Font, get_font

LAYOUT_DIR = Path(__file__).parent / "layouts"
DEFAULT_SIZE = "w128h64"

_lock = threading.Lock()
_layouts: dict[tuple[str, str], Layout] = {}
_validator: jsonschema.Draft202012Validator | None = None
_load_count = 0


@dataclass(frozen=True)
class Element:
    """One placed field of a layout."""

    name: str
    x: int
    y: int
    w: int | None = None
    h: int | None = None
    font: Font | None = None
    color: Color = (255, 255, 255)
    align: Align = "left"
    step: int = 0
    count: int = 0
    size: int = 0


@dataclass(frozen=True)
class Layout:
    """A validated layout: its elements by name and its named colours."""

    page: str
    elements: Mapping[str, Element]
    colors: Mapping[str, Color]

    def el(self, name: str) -> Element:
        """The element ``name``; a missing one is a programming error reported with the layout's name."""
        try:
            return self.elements[name]
        except KeyError:
            raise ConfigError(f"layout {self.page!r} has no element {name!r}") from None

    def color(self, name: str) -> Color:
        """The named colour ``name`` of this layout."""
        try:
            return self.colors[name]
        except KeyError:
            raise ConfigError(f"layout {self.page!r} has no colour {name!r}") from None


def _schema_validator() -> jsonschema.Draft202012Validator:
    global _validator
    if _validator is None:
        schema = json.loads((LAYOUT_DIR / "layout.schema.json").read_text(encoding="utf-8"))
        _validator = jsonschema.Draft202012Validator(schema)
    return _validator


def parse_layout(raw: object, source: str) -> Layout:
    """Validate ``raw`` (parsed JSON) and build the :class:`Layout`; errors name ``source`` and the key path."""
    errors = sorted(_schema_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        path = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ConfigError(f"layout {source}: {path}: {first.message}")
    assert isinstance(raw, dict)
    elements: dict[str, Element] = {}
    for name, spec in raw["elements"].items():
        font = None
        if "font" in spec:
            try:
                font = get_font(spec["font"])
            except ConfigError as exc:
                raise ConfigError(f"layout {source}: elements/{name}/font: {exc}") from exc
        elements[name] = Element(
            name=name,
            x=spec["x"],
            y=spec["y"],
            w=spec.get("w"),
            h=spec.get("h"),
            font=font,
            color=rgb(spec.get("color", "#ffffff")),
            align=spec.get("align", "left"),
            step=spec.get("step", 0),
            count=spec.get("count", 0),
            size=spec.get("size", 0),
        )
    colors = {name: rgb(value) for name, value in raw.get("colors", {}).items()}
    return Layout(page=raw["page"], elements=MappingProxyType(elements), colors=MappingProxyType(colors))


def load_layout_file(path: Path) -> Layout:
    """Read and validate one layout file."""
    global _load_count
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"layout {path.name}: cannot read: {exc}") from exc
    _load_count += 1
    return parse_layout(raw, path.name)


def get_layout(page: str, size: str = DEFAULT_SIZE) -> Layout:
    """The layout of ``page`` for panel ``size``, read on first use only."""
    key = (page, size)
    layout = _layouts.get(key)
    if layout is None:
        with _lock:
            layout = _layouts.get(key)
            if layout is None:
                layout = _layouts[key] = load_layout_file(LAYOUT_DIR / size / f"{page}.json")
    return layout


def layout_load_count() -> int:
    """How many layout files this process has read (tests check each is read once)."""
    return _load_count
