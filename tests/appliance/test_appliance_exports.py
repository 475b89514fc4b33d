"""The public face of ``ecoboard.appliance``: re-exports only, every name once; the render path imports no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import ecoboard.appliance as appliance

PACKAGE = Path(appliance.__file__).parent


def test_every_public_name_is_exported_exactly_once() -> None:
    names = appliance.__all__
    assert len(names) == len(set(names))
    assert all(hasattr(appliance, name) for name in names)
    public = {n for n in vars(appliance) if not n.startswith("_")}
    assert public - set(names) == set(), "public names missing from __all__"


def test_the_package_init_only_re_exports() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    assert {type(node).__name__ for node in tree.body} <= {"Expr", "ImportFrom", "Assign"}


def test_render_loop_modules_do_no_io() -> None:
    """The render loop and what it calls never import the store, the bus, httpx, redis or psycopg."""
    forbidden = {"httpx", "redis", "psycopg", "sqlite3", "ecoboard.store", "ecoboard.bus"}
    for module in ("_render_loop.py", "_cycle.py", "_night.py", "_state.py", "_systemd.py"):
        tree = ast.parse((PACKAGE / module).read_text("utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = "ecoboard." + (node.module or "").lstrip(".") if node.level else node.module or ""
                imported.add(base)
        assert not {i for i in imported if any(i == f or i.startswith(f + ".") for f in forbidden)}, module
