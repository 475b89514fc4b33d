"""The Wi-Fi page: a QR code guests scan to join the network, with the network's name beside it.

Options (``PageSpec.options``): ``ssid``, ``security`` (``WPA`` | ``WEP`` | ``nopass``; ``WPA2``/``WPA3``
read as ``WPA``, ``open``/``none`` as ``nopass``), ``hidden`` (bool) and the password. The password
should not be written in ``ecoboard.yaml``: name a secret with ``password_secret`` and let the appliance
put its value into ``password`` once, when it loads the page cycle (:func:`prepare_wifi_pages`); the
value is then held as :class:`SecretText`, whose ``repr`` hides it. A plain ``password`` option also
works, for boards without a secrets source.

The QR code encodes ``WIFI:S:<ssid>;T:<type>;P:<password>;;`` (the format phones read from a camera),
error correction M or better (segno raises it where that costs no modules), one panel pixel per
module, inside a lit quiet zone of up to 4 modules, centred on the left half. Modules and the drawn
mask are computed once per distinct payload (:func:`qr_mask`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
import segno

from ..._errors import SecretError
from ...config import PageSpec
from .._canvas import Canvas
from .._context import PageContext
from .._fonts import fit_text
from .._layout import Element, Layout, get_layout
from .._registry import OptionCheck, boolean, records_only, register_page, text_or_number
from .._views import per_record
from .._widgets import wrap_words

log = logging.getLogger(__name__)

QUIET_ZONE = 4
"""Light modules around the code that the QR standard asks for (shrunk only when the code would not fit)."""

_SECURITY = {"wpa": "WPA", "wpa2": "WPA", "wpa3": "WPA", "wep": "WEP", "nopass": "nopass", "open": "nopass",
             "none": "nopass"}
_SECURITY_WORDS = {"WPA": "WPA/WPA2", "WEP": "WEP", "nopass": "open network"}
_ESCAPED = '\\;,:"'


class SecretText(str):
    """A secret string (a Wi-Fi password) whose ``repr`` does not show it, so logged options stay clean."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<secret>'"


def escape_wifi(text: str) -> str:
    r"""``text`` with ``\ ; , : "`` escaped by a backslash, as the ``WIFI:`` format asks."""
    return "".join(f"\\{c}" if c in _ESCAPED else c for c in text)


def _security_code(value: object) -> str | None:
    """The ``T:`` value the option ``security`` names (any case), or ``None``."""
    return None if value is None else _SECURITY.get(str(value).strip().lower())


def security_type(value: object, has_password: bool) -> str:
    """The ``T:`` value: ``WPA``, ``WEP`` or ``nopass``; unset or unknown: ``WPA`` when a password is given
    (or named by ``password_secret``), else ``nopass``."""
    known = _security_code(value)
    if known is not None:
        return known
    return "WPA" if has_password else "nopass"


def _security_problem(value: Any) -> str | None:
    if isinstance(value, str) and _security_code(value) is not None:
        return None
    return f"expected one of {', '.join(_SECURITY)} (any case), got {value!r}"


def _password_problem(value: Any) -> str | None:
    """The password's checker never shows the value, only its type."""
    if text_or_number(value) is None:
        return None
    return f"expected a text, got {'nothing' if value is None else 'a ' + type(value).__name__}"


WIFI_OPTIONS: Mapping[str, OptionCheck] = {
    "ssid": text_or_number,
    "security": _security_problem,
    "hidden": boolean,
    "password_secret": text_or_number,
    "password": _password_problem,
}
"""The options of the Wi-Fi page (``password`` is what :func:`prepare_wifi_pages` fills in)."""


def wifi_payload(ssid: str, security: str, password: str | None, *, hidden: bool = False) -> str:
    """The ``WIFI:S:<ssid>;T:<type>;P:<password>;;`` text (no ``P:`` for an open network)."""
    parts = [f"WIFI:S:{escape_wifi(ssid)};T:{security};"]
    if security != "nopass" and password:
        parts.append(f"P:{escape_wifi(password)};")
    if hidden:
        parts.append("H:true;")
    return "".join(parts) + ";"


@lru_cache(maxsize=16)
def qr_modules(payload: str) -> np.ndarray:
    """The QR symbol of ``payload`` (ECC M, UTF-8) as a read-only bool array, ``True`` = dark module."""
    code = segno.make_qr(payload, error="m", encoding="utf-8")
    modules = np.array([list(row) for row in code.matrix], dtype=bool)
    modules.setflags(write=False)
    return modules


@lru_cache(maxsize=16)
def qr_mask(payload: str, space: int) -> np.ndarray | None:
    """The pixels to light for ``payload`` in a ``space`` x ``space`` box: light modules plus the quiet zone.

    The quiet zone is ``QUIET_ZONE`` modules, less when the code would not fit otherwise (never under 1);
    ``None`` when even that does not fit.
    """
    modules = qr_modules(payload)
    size = modules.shape[0]
    border = min(QUIET_ZONE, (space - size) // 2)
    if border < 1:
        return None
    mask = np.pad(~modules, border, constant_values=True)
    mask.setflags(write=False)
    return mask


@lru_cache(maxsize=4)
def wifi_glyph(size: int) -> np.ndarray:
    """A Wi-Fi sign (a dot and three arcs in a 90° fan), ``size`` px high, as a read-only bool mask."""
    width = 2 * size - 1
    ys, xs = np.mgrid[0:size, 0:width]
    dx, dy = xs - (size - 1), (size - 1) - ys
    radius = np.hypot(dx, dy)
    fan = np.abs(dx) <= dy
    step = size / 4.0
    ring = np.floor(radius / step)
    inner = (radius - ring * step) < step * 0.55
    mask = fan & (((ring >= 1) & inner) | (radius <= step * 0.45))
    mask &= radius < size
    cols = np.flatnonzero(mask.any(axis=0))
    mask = mask[:, cols[0] : cols[-1] + 1].copy()
    mask.setflags(write=False)
    return mask


def _password(options: Mapping[str, Any]) -> str | None:
    value = options.get("password")
    return str(value) if value else None


def _draw_lines(canvas: Canvas, el: Element, lines: Sequence[str]) -> None:
    assert el.font
    top = el.y + (el.count - len(lines)) * el.step // 2
    for i, line in enumerate(lines[: el.count]):
        canvas.text(el.font, el.x, top + i * el.step, line, el.color, align="center", max_width=el.w)


def _message(canvas: Canvas, el: Element, text: str) -> None:
    assert el.font
    font, budget = el.font, el.w or canvas.width
    lines = wrap_words(text, lambda s: font.measure(s) <= budget, el.count) or [text]
    _draw_lines(canvas, el, lines)


def _draw_ssid(canvas: Canvas, layout: Layout, ssid: str) -> None:
    """The SSID in 6x10 when it fits, else in 4x6 on up to two lines, else cut."""
    big, small = layout.el("ssid"), layout.el("ssid_small")
    assert big.font and small.font
    budget = big.w or canvas.width // 2
    if big.font.measure(ssid) <= budget:
        canvas.text(big.font, big.x, big.y, ssid, big.color, align="center")
        return
    font = small.font
    lines = wrap_words(ssid, lambda s: font.measure(s) <= budget, small.count)
    if lines is None:
        first = font.truncate(ssid, budget)
        lines = [first, fit_text(font, [ssid[len(first) :]], budget)]
    _draw_lines(canvas, small, lines)


def _glyph(canvas: Canvas, el: Element) -> None:
    mask = wifi_glyph(el.size)
    canvas.blit_mask(mask, el.x - mask.shape[1] // 2, el.y, el.color)


@dataclass(frozen=True)
class WifiView:
    """What the page shows for one set of options: the SSID, the ``T:`` type and the payload (``None``: no code)."""

    ssid: str
    security: str
    payload: str | None


def wifi_view(options: Mapping[str, Any]) -> WifiView:
    """The page's view of its options; ``payload`` is ``None`` when a password is wanted but missing."""
    ssid = str(options.get("ssid") or "").strip()
    password = _password(options)
    security = security_type(options.get("security"), bool(password or options.get("password_secret")))
    if not ssid or (security != "nopass" and not password):
        return WifiView(ssid, security, None)
    return WifiView(ssid, security, wifi_payload(ssid, security, password, hidden=bool(options.get("hidden"))))


def _qr_space(layout: Layout) -> int:
    box = layout.el("qr")
    return min(box.w or 64, box.h or 64)


@register_page("wifi", kinds=(), key=records_only, options=WIFI_OPTIONS)
def wifi_page(canvas: Canvas, ctx: PageContext) -> None:
    """The QR code on the left; the Wi-Fi sign, SSID, security and a "scan to join" hint on the right."""
    layout = get_layout("wifi")
    view = per_record("wifi", None, ctx.options, lambda: wifi_view(ctx.options))
    if not view.ssid:
        _glyph(canvas, layout.el("unset_glyph"))
        _message(canvas, layout.el("unset"), "Wi-Fi not configured")
        return
    _glyph(canvas, layout.el("glyph"))
    _draw_ssid(canvas, layout, view.ssid)
    words = layout.el("security")
    assert words.font
    canvas.text(words.font, words.x, words.y, _SECURITY_WORDS[view.security], words.color, align="center",
                max_width=words.w)
    if view.payload is None:
        _message(canvas, layout.el("message"), "password missing")
        return
    space = _qr_space(layout)
    mask = qr_mask(view.payload, space)
    if mask is None:
        _message(canvas, layout.el("message"), "Wi-Fi data too long")
        return
    box = layout.el("qr")
    offset = (space - mask.shape[0]) // 2
    canvas.blit_mask(mask, box.x + offset, box.y + offset, layout.color("light"))
    hint = layout.el("hint")
    assert hint.font
    canvas.text(hint.font, hint.x, hint.y, "scan to join", hint.color, align="center", max_width=hint.w)


def prepare_wifi_pages(pages: Sequence[PageSpec], secrets: Mapping[str, Any]) -> tuple[PageSpec, ...]:
    """The page cycle made ready for the render loop: secrets resolved, QR codes encoded.

    Each ``wifi`` page's ``password_secret`` is replaced by ``password`` (a :class:`SecretText`) from
    ``secrets`` (the values of :func:`ecoboard.secrets.load_secrets`); a named secret that is missing
    is logged (once) and leaves the page asking for it ("password missing"), never an open network's
    code. Then each wifi page's QR code is computed into the cache, so the first frame of the page
    does not pay for the encoding (tens of milliseconds). Call it once whenever the page cycle is
    loaded (``ecoboard.yaml`` or the store's display config), outside the render loop. Never write the
    result back to the store: it holds the password.
    """
    prepared = tuple(_resolved(spec, secrets) for spec in pages)
    space = _qr_space(get_layout("wifi"))
    for spec in prepared:
        if spec.page == "wifi" and (payload := wifi_view(spec.options).payload) is not None:
            qr_mask(payload, space)
    return prepared


_warned: set[tuple[str, str]] = set()


def _warn_once(ssid: object, message: str) -> None:
    """Log ``message`` once per network and message (the cycle is prepared at boot and on each reload)."""
    if (marker := (str(ssid), message)) not in _warned:
        _warned.add(marker)
        log.warning(message)


def _resolved(spec: PageSpec, secrets: Mapping[str, Any]) -> PageSpec:
    key = spec.options.get("password_secret") if spec.page == "wifi" else None
    if not key:
        plain = spec.options.get("password") if spec.page == "wifi" else None
        if plain and not isinstance(plain, SecretText):
            _warn_once(spec.options.get("ssid"), "wifi page: the password is written in the page options; "
                       "name a secret with password_secret instead")
        return spec
    from ...secrets import secret_text

    missing = "the panel shows 'password missing' instead of a QR code"
    without_password = replace(spec, options={k: v for k, v in spec.options.items() if k != "password"})
    # keep password_secret: the page says "password missing" rather than offer an open network
    try:
        value = secret_text(secrets, str(key), "wifi page: password_secret")
    except SecretError as exc:
        _warn_once(spec.options.get("ssid"), f"{exc}; {missing}")
        return without_password
    if value is None:
        _warn_once(spec.options.get("ssid"), f"wifi page: the secret {str(key)!r} named by password_secret is "
                   f"not set; {missing}")
        return without_password
    options = {k: v for k, v in spec.options.items() if k not in ("password_secret", "password")}
    options["password"] = SecretText(value)
    return replace(spec, options=options)
