"""The page registry: page name -> page function, the record kinds each page reads, its frame key and the
options it takes (each with a checker, so a page cycle is checked when it is loaded, not when drawn)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ..config import PageSpec
from ._canvas import Canvas
from ._context import PageContext

PageFn = Callable[[Canvas, PageContext], None]
"""A page: draws one frame from the context into the canvas; never does I/O, never raises on bad data."""

PAGES: dict[str, PageFn] = {}
"""Every registered page by name (filled when ``ecoboard.renderer.pages`` is imported)."""

PAGE_KINDS: dict[str, tuple[str, ...]] = {}
"""The record kinds each page reads (their stale markers are drawn over the page)."""

FrameKey = Callable[[PageContext], Hashable]
"""Everything a page's drawing depends on besides ``records[kinds]``, ``config``, ``options`` and ``health``
(for example the current minute, or ``frame_index`` for a page that scrolls)."""

PAGE_KEYS: dict[str, FrameKey] = {}
"""Pages that declared a frame key: :class:`FrameRenderer` reuses their last drawing while it is unchanged."""

OptionCheck = Callable[[Any], str | None]
"""A page option's checker: ``None`` when the page reads the value as written, else ``"expected ..., got ..."``.
A message starting with ``[`` or ``.`` continues the key path (``"[1].date: expected ..."`` for a list entry)."""

PAGE_OPTIONS: dict[str, Mapping[str, OptionCheck]] = {}
"""The options each page takes (``PageSpec.options``), by name, with their checkers."""


def register_page(
    name: str,
    kinds: tuple[str, ...] = (),
    key: FrameKey | None = None,
    options: Mapping[str, OptionCheck] | None = None,
) -> Callable[[PageFn], PageFn]:
    """Decorator: register ``fn`` as page ``name`` reading ``kinds``; a later registration replaces it.

    ``key(ctx)`` (optional) makes the page memoizable: two frames with equal keys, the same records of
    ``kinds`` (by version), the same config object, options and health draw the same pixels, so the
    renderer copies the previous drawing instead of drawing again. A page without a key is drawn every
    frame. ``options`` maps each option the page reads to its checker (see :func:`page_option_errors`);
    a page that declares none takes no options.
    """

    def decorate(fn: PageFn) -> PageFn:
        PAGES[name] = fn
        PAGE_KINDS[name] = tuple(kinds)
        PAGE_OPTIONS[name] = dict(options or {})
        if key is None:
            PAGE_KEYS.pop(name, None)
        else:
            PAGE_KEYS[name] = key
        return fn

    return decorate


def page_option_errors(spec: PageSpec, path: str) -> list[str]:
    """The problems of ``spec.options``, one line each: ``<path>.options.<name>: expected ..., got ...``.

    ``path`` names the entry, e.g. ``display.pages[4]``. An option the page does not declare is named
    with the ones it takes. A page that is not registered has no declared options, so nothing is
    reported for it here (the page name check names it).
    """
    declared = PAGE_OPTIONS.get(spec.page)
    if declared is None:
        return []
    errors = []
    for name, value in spec.options.items():
        check = declared.get(name)
        if check is None:
            takes = f"expected one of {', '.join(sorted(declared))}" if declared else "it takes no options"
            errors.append(f"{path}.options.{name}: unknown option of page {spec.page}; {takes}")
        elif (problem := check(value)) is not None:
            errors.append(f"{path}.options.{name}{'' if problem.startswith(('[', '.')) else ': '}{problem}")
    return errors


def page_spec_errors(spec: PageSpec, path: str) -> list[str]:
    """The problems of one page cycle entry, one line each: a page the renderer cannot draw
    (``<path>.page: expected one of ..., got ...``), else its options (:func:`page_option_errors`)."""
    if spec.page not in PAGES:
        return [f"{path}.page: expected one of {', '.join(sorted(PAGES))}, got {spec.page!r}"]
    return page_option_errors(spec, path)


def number_at_least(minimum: float, *, whole: bool = False) -> OptionCheck:
    """Checker of a finite number (an integer when ``whole``) of at least ``minimum``; not a boolean."""
    expected = f"expected a {'whole ' if whole else ''}number of at least {minimum:g}"

    def check(value: Any) -> str | None:
        number = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
        if number and value >= minimum and (not whole or float(value).is_integer()):
            return None
        return f"{expected}, got {value!r}"

    return check


def one_of(*choices: str) -> OptionCheck:
    """Checker of a text that is one of ``choices`` exactly."""

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in choices:
            return None
        return f"expected one of {', '.join(choices)}, got {value!r}"

    return check


def text_or_number(value: Any) -> str | None:
    """Checker of a text; a number is read as its digits (``ssid: 1234`` in YAML)."""
    if isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return None
    return f"expected a text, got {value!r}"


def boolean(value: Any) -> str | None:
    """Checker of ``true`` or ``false``."""
    return None if isinstance(value, bool) else f"expected true or false, got {value!r}"


def every_second(ctx: PageContext) -> Hashable:
    """Frame key of a page that changes at most once a second."""
    return int(ctx.now.timestamp())


def every_minute(ctx: PageContext) -> Hashable:
    """Frame key of a page that changes at most once a minute."""
    return int(ctx.now.timestamp()) // 60


def records_only(ctx: PageContext) -> Hashable:
    """Frame key of a page drawn from its records alone (no clock)."""
    return None
