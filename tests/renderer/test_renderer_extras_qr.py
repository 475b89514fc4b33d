"""The wifi page's QR code decodes back to its ``WIFI:`` text, read from the drawn panel pixels.

No QR decoder library is a project dependency, so this file carries a small reader for what the page
draws: an upright, undamaged symbol at one pixel per module. It locates the symbol inside its lit quiet
zone, reads the format information (ECC level and mask), unmasks the data modules, walks them in the
standard zigzag order, de-interleaves the blocks and parses numeric, alphanumeric and byte segments.
It does not correct errors (there are none to correct), so any misplaced module makes the decoded text
wrong. The symbol is also compared module for module with segno's own matrix for the same text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import segno
from PIL import Image

from ecoboard.cli._main import main
from ecoboard.renderer import Canvas, PageContext
from ecoboard.renderer.pages._wifi import QUIET_ZONE, qr_modules, wifi_page, wifi_payload

# Per version 1..11: error-correction codewords per block, and number of blocks (ISO/IEC 18004 table 9).
_ECC_PER_BLOCK = {
    "L": (7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20),
    "M": (10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30),
    "Q": (13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28),
    "H": (17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24),
}
_BLOCKS = {
    "L": (1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4),
    "M": (1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5),
    "Q": (1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8),
    "H": (1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11),
}
_LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_MASKS = (
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
)


def _format_word(level: str, mask: int) -> int:
    """The 15-bit format information: 5 data bits, a BCH(15,5) remainder, XOR 0x5412."""
    data = _LEVEL_BITS[level] << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    return (data << 10 | (rem & 0x3FF)) ^ 0x5412


def _read_format(m: np.ndarray) -> tuple[str, int]:
    """ECC level and mask from the copy beside the top-left finder (bit 0 at row 0, column 8)."""
    cells = [(i, 8) for i in range(6)] + [(7, 8), (8, 8), (8, 7)] + [(8, 14 - i) for i in range(9, 15)]
    word = sum(int(m[r, c]) << i for i, (r, c) in enumerate(cells))
    for level in _LEVEL_BITS:
        for mask in range(8):
            if _format_word(level, mask) == word:
                return level, mask
    raise AssertionError(f"no valid format information: {word:015b}")


def _alignment_centres(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    size = 17 + 4 * version
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6, *sorted(size - 7 - i * step for i in range(count - 1))]


def _function_modules(version: int) -> np.ndarray:
    """Where finders, separators, timing, alignment, format and version information sit (not data)."""
    size = 17 + 4 * version
    used = np.zeros((size, size), dtype=bool)
    used[:9, :9] = used[:9, size - 8 :] = used[size - 8 :, :9] = True  # finders, separators, format, dark module
    used[6, :] = used[:, 6] = True  # timing patterns
    centres = _alignment_centres(version)
    for r in centres:
        for c in centres:
            if (r, c) not in ((6, 6), (6, centres[-1]), (centres[-1], 6)):  # not where a finder is
                used[r - 2 : r + 3, c - 2 : c + 3] = True
    if version >= 7:
        used[: 6, size - 11 : size - 8] = used[size - 11 : size - 8, : 6] = True
    return used


def _data_modules_in_order(size: int, used: np.ndarray) -> list[tuple[int, int]]:
    """Data module positions in reading order: column pairs from the right, up then down, skipping column 6."""
    order = []
    right = size - 1
    upward = True
    while right > 0:
        if right == 6:
            right = 5
        rows = range(size - 1, -1, -1) if upward else range(size)
        for r in rows:
            for c in (right, right - 1):
                if not used[r, c]:
                    order.append((r, c))
        upward = not upward
        right -= 2
    return order


def _data_codewords(codewords: list[int], version: int, level: str) -> list[int]:
    """Undo the block interleaving and keep each block's data codewords (the ECC codewords follow them)."""
    blocks, ecc = _BLOCKS[level][version - 1], _ECC_PER_BLOCK[level][version - 1]
    total = len(codewords)
    short = total // blocks
    n_short = blocks - total % blocks
    data_len = [short - ecc + (0 if b < n_short else 1) for b in range(blocks)]
    data: list[list[int]] = [[] for _ in range(blocks)]
    pos = 0
    for i in range(max(data_len)):
        for b in range(blocks):
            if i < data_len[b]:
                data[b].append(codewords[pos])
                pos += 1
    return [cw for block in data for cw in block]


class _Bits:
    def __init__(self, codewords: list[int]) -> None:
        self.bits = [(cw >> (7 - i)) & 1 for cw in codewords for i in range(8)]
        self.pos = 0

    def take(self, n: int) -> int:
        value = 0
        for bit in self.bits[self.pos : self.pos + n]:
            value = value << 1 | bit
        self.pos += n
        return value

    def left(self) -> int:
        return len(self.bits) - self.pos


def _parse_segments(codewords: list[int], version: int) -> bytes:
    """Concatenate the numeric (0001), alphanumeric (0010) and byte (0100) segments up to the terminator."""
    bits, out = _Bits(codewords), bytearray()
    wide = version >= 10
    while bits.left() >= 4:
        mode = bits.take(4)
        if mode == 0:
            break
        if mode == 0b0100:
            out += bytes(bits.take(8) for _ in range(bits.take(16 if wide else 8)))
        elif mode == 0b0010:
            count = bits.take(11 if wide else 9)
            for _ in range(count // 2):
                pair = bits.take(11)
                out += (_ALPHANUMERIC[pair // 45] + _ALPHANUMERIC[pair % 45]).encode()
            if count % 2:
                out += _ALPHANUMERIC[bits.take(6)].encode()
        elif mode == 0b0001:
            count = bits.take(12 if wide else 10)
            for start in range(0, count, 3):
                digits = min(3, count - start)
                out += str(bits.take((4, 7, 10)[digits - 1])).zfill(digits).encode()
        else:
            raise AssertionError(f"unexpected segment mode {mode:04b}")
    return bytes(out)


def decode(modules: np.ndarray) -> str:
    """The text of an upright QR symbol given as a bool matrix (True = dark), read without error correction."""
    size = modules.shape[0]
    version = (size - 17) // 4
    assert size == 17 + 4 * version and 1 <= version <= 11, size
    level, mask = _read_format(modules)
    used = _function_modules(version)
    order = _data_modules_in_order(size, used)
    bits = [int(modules[r, c]) ^ int(_MASKS[mask](r, c)) for r, c in order]
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)]
    return _parse_segments(_data_codewords(codewords, version, level), version).decode("utf-8")


def symbol_from_pixels(pixels: np.ndarray) -> np.ndarray:
    """The dark/light modules inside the lit quiet-zone square on the panel's left half."""
    lit = np.all(pixels[:, :64] == 255, axis=2)
    rows, cols = np.flatnonzero(lit.any(axis=1)), np.flatnonzero(lit.any(axis=0))
    square = lit[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    dark_rows = np.flatnonzero((~square).any(axis=1))
    border = int(dark_rows[0])
    return ~square[border : square.shape[0] - border, border : square.shape[1] - border]


PAYLOAD_CASES = {
    "plain": {"ssid": "HomeNet", "security": "WPA", "password": "correct horse battery"},
    "escapes": {"ssid": 'My;Net,"x":\\', "security": "WPA", "password": 'p;a,s:s"w\\rd'},
    "open": {"ssid": "Cafe Guest", "security": "nopass"},
    "wep_hidden": {"ssid": "OLDNET", "security": "WEP", "password": "0123456789", "hidden": True},
    "accents": {"ssid": "Café Ñandú", "security": "WPA", "password": "pässwörd€"},
    "version_7_plus": {"ssid": "The Long Family Network 5G Ext", "password": "x" * 63},
    "version_10": {"ssid": ";" * 32, "password": '"' * 63},
}
NOW = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)


def _expected_payload(options: dict[str, object]) -> str:
    security = {"WPA": "WPA", "WEP": "WEP", "nopass": "nopass"}.get(str(options.get("security")), "WPA")
    password = options.get("password")
    return wifi_payload(str(options["ssid"]), security, str(password) if password else None,
                        hidden=bool(options.get("hidden")))


@pytest.mark.parametrize("case", sorted(PAYLOAD_CASES))
def test_the_drawn_qr_code_decodes_to_the_wifi_text(case: str) -> None:
    options = PAYLOAD_CASES[case]
    canvas = Canvas()
    wifi_page(canvas, PageContext(records={}, now=NOW, options=options))
    symbol = symbol_from_pixels(canvas.pixels)
    payload = _expected_payload(options)
    assert decode(symbol) == payload
    reference = segno.make_qr(payload, error="m", encoding="utf-8")
    assert np.array_equal(symbol, np.array([list(row) for row in reference.matrix], dtype=bool))
    assert np.array_equal(symbol, qr_modules(payload))


def test_known_payloads_decode_exactly() -> None:
    assert decode(qr_modules("WIFI:S:HomeNet;T:WPA;P:correct horse battery;;")) == (
        "WIFI:S:HomeNet;T:WPA;P:correct horse battery;;")
    assert decode(qr_modules('WIFI:S:My\\;Net;T:WEP;P:p\\:w\\"d;;')) == 'WIFI:S:My\\;Net;T:WEP;P:p\\:w\\"d;;'


def test_one_wrong_module_changes_the_reading() -> None:
    """The reader corrects nothing: flipping one data module of the 6th character turns S (0x53) into C (0x43)."""
    payload = "WIFI:S:A;T:nopass;;"
    modules = qr_modules(payload).copy()
    assert modules.shape == (25, 25)  # version 2: one block, so the bit order is the codeword order
    r, c = _data_modules_in_order(25, _function_modules(2))[4 + 8 + 8 * 5 + 3]
    modules[r, c] = not modules[r, c]
    assert decode(modules) == "WIFI:C:A;T:nopass;;"


def test_the_reader_reads_segnos_numeric_and_alphanumeric_segments() -> None:
    for text, mode in (("0123456789012", "numeric"), ("HELLO WORLD 42", "alphanumeric")):
        code = segno.make_qr(text, error="q")
        assert code.mode == mode
        assert decode(np.array([list(row) for row in code.matrix], dtype=bool)) == text


def test_the_quiet_zone_is_four_modules_and_shrinks_only_for_the_largest_codes() -> None:
    sizes = {}
    for case in ("plain", "version_7_plus", "version_10"):
        canvas = Canvas()
        wifi_page(canvas, PageContext(records={}, now=NOW, options=PAYLOAD_CASES[case]))
        lit = np.all(canvas.pixels[:, :64] == 255, axis=2)
        rows, cols = np.flatnonzero(lit.any(axis=1)), np.flatnonzero(lit.any(axis=0))
        modules = qr_modules(_expected_payload(PAYLOAD_CASES[case])).shape[0]
        sizes[case] = (int(rows[-1] - rows[0] + 1), int(cols[0]), modules)
    assert sizes["plain"] == (33 + 2 * QUIET_ZONE, 11, 33)  # version 4, centred in the left half
    assert sizes["version_7_plus"] == (45 + 2 * QUIET_ZONE, 5, 45)  # version 7 (with version information)
    assert sizes["version_10"] == (57 + 2 * 3, 0, 57)  # version 10: a 3-module quiet zone fills the half


def test_a_snapshot_of_the_wifi_page_encodes_the_password_from_the_secrets(tmp_path: Path) -> None:
    secrets_file = tmp_path / "secrets.yaml"
    secrets_file.write_text("wifi_psk: s3cr3t;pa:ss\n")
    secrets_file.chmod(0o600)
    config = tmp_path / "ecoboard.yaml"
    config.write_text(
        f"secrets: {{file: {secrets_file}}}\n"
        "display:\n  pages:\n    - {page: wifi, seconds: 5, options: {ssid: HomeNet, password_secret: wifi_psk}}\n"
    )
    out = tmp_path / "wifi.png"
    assert main(["snapshot", "--page", "wifi", "--out", str(out), "--scale", "1", "--config", str(config)]) == 0
    pixels = np.asarray(Image.open(out).convert("RGB"))
    assert decode(symbol_from_pixels(pixels)) == "WIFI:S:HomeNet;T:WPA;P:s3cr3t\\;pa\\:ss;;"
