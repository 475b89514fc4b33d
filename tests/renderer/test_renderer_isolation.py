"""The render path stays pure: no network, bus or store imports; no file written; assets loaded once."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import ecoboard.renderer as renderer_pkg
from bench.scenes import scenes
from ecoboard.renderer import FrameRenderer, font_load_count, layout_load_count
from ecoboard.renderer._icons import icon_build_count

RENDERER = Path(renderer_pkg.__file__).resolve().parent
FORBIDDEN = ("httpx", "redis", "psycopg", "ecoboard.store", "ecoboard.bus", "ecoboard.fetchers")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    package = "ecoboard.renderer" + "".join(f".{p}" for p in path.relative_to(RENDERER).parent.parts)
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.add(f"{base}.{node.module}" if node.module else base)
            else:
                names.add(node.module or "")
    return names


@pytest.mark.parametrize("path", sorted(RENDERER.rglob("*.py")), ids=lambda p: str(p.relative_to(RENDERER)))
def test_no_renderer_module_imports_network_bus_or_store(path: Path) -> None:
    for name in _imports(path):
        assert not any(name == f or name.startswith(f"{f}.") for f in FORBIDDEN), f"{path.name} imports {name}"


def test_importing_the_renderer_loads_none_of_them() -> None:
    code = f"import sys, ecoboard.renderer; print(' '.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _render_all(renderer: FrameRenderer, frames: int = 3) -> None:
    for scene in scenes().values():
        for i in range(frames):
            renderer.render(scene.page, scene.context(i * 61))


def test_fonts_layouts_and_icons_are_loaded_once() -> None:
    renderer = FrameRenderer()
    _render_all(renderer)
    fonts, layouts, icons = font_load_count(), layout_load_count(), icon_build_count()
    assert fonts >= 4 and layouts >= 6 and icons >= 10
    _render_all(FrameRenderer())
    _render_all(renderer)
    assert (font_load_count(), layout_load_count(), icon_build_count()) == (fonts, layouts, icons)
    assert fonts <= 5  # one parse per committed BDF file at most (NAME@2 reuses NAME's glyphs)


class _WriteAudit:
    """Counts every ``open`` for writing while armed (audit hooks cannot be removed, so it is switched)."""

    def __init__(self) -> None:
        self.armed = False
        self.writes: list[str] = []

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        if not self.armed:
            return
        if event == "open":
            path, mode = args[0], args[1]
            flags = args[2] if len(args) > 2 else 0
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & 0o3 and mode is None
            ):
                self.writes.append(str(path))
        elif event in ("os.rename", "os.remove", "os.mkdir", "shutil.copyfile"):
            self.writes.append(f"{event} {args[0]}")


_AUDIT = _WriteAudit()
sys.addaudithook(_AUDIT)


def test_rendering_frames_writes_no_file() -> None:
    renderer = FrameRenderer(brightness=60, gamma=2.2)
    _render_all(renderer, frames=1)  # warm: the first frames may read fonts, layouts (reads only)
    _AUDIT.armed = True
    try:
        _render_all(renderer, frames=5)
        _render_all(FrameRenderer(), frames=2)
    finally:
        _AUDIT.armed = False
    assert _AUDIT.writes == []


def test_the_audit_sees_a_write() -> None:
    _AUDIT.armed = True
    try:
        with open("/dev/null", "w") as sink:
            sink.write("x")
    finally:
        _AUDIT.armed = False
    assert _AUDIT.writes == ["/dev/null"]
    _AUDIT.writes.clear()
