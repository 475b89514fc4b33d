"""The pages. Importing this package imports every module in it, and each registers its pages in ``PAGES``.

A page module calls ``@register_page(name, kinds=..., key=...)`` at import time; helper modules that
register nothing are imported too, harmlessly. Page authors add a file here without editing this one.
"""

import importlib
import pkgutil

PAGE_MODULES = tuple(sorted(info.name for info in pkgutil.iter_modules(__path__)))

for _module in PAGE_MODULES:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["PAGE_MODULES"]
