"""The public faces of the store, bus and fetchers packages: re-exports only, each name once."""

from __future__ import annotations

import importlib
import types

import pytest


@pytest.mark.parametrize("package", ["ecoboard.store", "ecoboard.bus", "ecoboard.fetchers"])
def test_every_public_name_is_exported_exactly_once(package: str) -> None:
    module = importlib.import_module(package)
    exported = module.__all__
    assert len(exported) == len(set(exported))
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), n))
    for name in exported:  # classes and functions live in the package's private modules
        obj = getattr(module, name)
        if isinstance(obj, type | types.FunctionType):
            assert obj.__module__.startswith(f"{package}._"), name
    public = {n for n, v in vars(module).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert public - {"annotations"} == set(exported)
