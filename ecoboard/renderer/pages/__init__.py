"""The pages. Importing this package registers every page module of the fixed list below in ``PAGES``.

Each module registers its pages with ``@register_page(name, kinds=...)``. The list is agreed by file
name so page authors add files without editing this one.
"""

import importlib

PAGE_MODULES = ("_clock", "_weather", "_hourly", "_daily", "_sun_moon", "_status", "_mlb", "_nfl")

for _module in PAGE_MODULES:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["PAGE_MODULES"]
