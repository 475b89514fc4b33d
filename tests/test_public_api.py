"""The public face: each package's ``__init__`` re-exports a checked ``__all__``, and every public
object is exported by exactly one package."""

from __future__ import annotations

import importlib
from collections import defaultdict

PACKAGES = ("ecoboard", "ecoboard.config", "ecoboard.store", "ecoboard.bus", "ecoboard.fetchers",
            "ecoboard.fetchers.providers", "ecoboard.sports", "ecoboard.renderer", "ecoboard.api",
            "ecoboard.appliance", "ecoboard.secrets", "ecoboard.cli")


def test_every_all_is_complete_and_without_repeats() -> None:
    for name in PACKAGES:
        module = importlib.import_module(name)
        exported = module.__all__
        assert len(exported) == len(set(exported)), (name, sorted(n for n in exported if exported.count(n) > 1))
        missing = [n for n in exported if not hasattr(module, n)]
        assert not missing, (name, missing)


def test_each_public_object_is_exported_by_one_package() -> None:
    owners: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for name in PACKAGES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if isinstance(obj, (str, int, float, tuple, frozenset, dict)) or type(obj).__name__ == "module":
                continue  # constants and subpackages may be named in several places
            owners[id(obj)].append(f"{name}.{attr}")
            names[id(obj)] = attr
    repeated = {names[k]: v for k, v in owners.items() if len(v) > 1}
    assert not repeated, repeated
