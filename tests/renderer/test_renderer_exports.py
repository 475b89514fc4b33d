"""The public face of ``ecoboard.renderer``: every name in ``__all__`` exists, once, and is re-exported."""

from __future__ import annotations

import ast
from pathlib import Path

import ecoboard.renderer as renderer


def test_every_public_name_is_exported_exactly_once() -> None:
    names = renderer.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(renderer, name), name
    public = {n for n in vars(renderer) if not n.startswith("_")}
    assert public - set(names) == set(), "public names missing from __all__"


def test_the_package_init_only_re_exports() -> None:
    tree = ast.parse(Path(renderer.__file__).read_text("utf-8"))
    assert {type(node).__name__ for node in tree.body} <= {"Expr", "ImportFrom", "Assign"}
