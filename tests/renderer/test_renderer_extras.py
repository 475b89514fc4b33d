"""The extra pages (wifi, events, reminder): golden images of every state, and text that stays on the panel.

Golden PNGs live in ``tests/renderer/golden/`` (``wifi_*.png``, ``events_*.png``, ``reminder_*.png``).
After an intended change of the drawing, regenerate them with
``ECOBOARD_REGEN_GOLDEN=1 .venv/bin/pytest tests/renderer`` and look at them at 8x before committing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from PIL import Image

from ecoboard import Record
from ecoboard.config import Config, parse_config
from ecoboard.renderer import FrameRenderer, PageContext, TextBox, get_layout, png_bytes
from ecoboard.renderer.pages._wifi import prepare_wifi_pages, wifi_glyph

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("ECOBOARD_REGEN_GOLDEN") == "1"
PAUSE_CORNER = TextBox(120, 0, 128, 9, "pause corner")
"""Where the renderer draws its paused glyph over any page (``_markers.draw_paused``): no text goes there."""
METRIC = replace(Config(), timezone="Europe/Berlin", units="metric")


@dataclass(frozen=True)
class Shot:
    """One state of one extra page: options, instant, config, and how far into the page it is."""

    page: str
    options: Mapping[str, Any]
    now: datetime
    config: Config = field(default_factory=Config)
    frame_index: int = 0
    page_elapsed: float = 0.0
    records: Mapping[str, Record] = field(default_factory=dict)

    def context(self) -> PageContext:
        return PageContext(
            records=self.records,
            now=self.now,
            config=self.config,
            options=self.options,
            frame_index=self.frame_index,
            page_elapsed=self.page_elapsed,
        )


NOON = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)  # Tue 10 Mar 2026, 12:00 EDT


def reminder_mark(done_at: str | None, version: int = 1) -> dict[str, Record]:
    """The snapshot's ``reminder`` record as ``POST /api/v1/reminder/done`` writes it."""
    at = datetime(2026, 3, 11, 1, 12, tzinfo=UTC)
    record = Record("reminder", version, at, datetime(2026, 3, 18, 1, 12, tzinfo=UTC), "api", {"done_at": done_at})
    return {"reminder": record}


FAMILY = [
    {"name": "Ann", "event": "birthday", "date": "1986-03-14"},
    {"name": "Bob & Cy", "event": "anniversary", "date": "2001-06-30"},
]
SHOTS: dict[str, Shot] = {
    "wifi_wpa": Shot("wifi", {"ssid": "HomeNet", "security": "WPA", "password": "correct horse battery"}, NOON),
    "wifi_open": Shot("wifi", {"ssid": "Cafe Guest", "security": "nopass"}, NOON),
    "wifi_long_ssid": Shot(
        "wifi",
        {
            "ssid": "The Long Family Network 5G Ext",
            "security": "WPA2",
            "password": 'p;a,s:s"w\\rd-with-all-escapes-0123456789',
            "hidden": True,
        },
        NOON,
    ),
    "wifi_not_configured": Shot("wifi", {}, NOON),
    "wifi_no_password": Shot("wifi", {"ssid": "HomeNet", "password_secret": "wifi_psk"}, NOON),
    "events_upcoming": Shot("events", {"events": FAMILY}, NOON),
    "events_today": Shot(
        "events",
        {"events": [{"name": "Margaret & Christopher", "event": "wedding anniversary", "date": "1915-03-14"}]},
        datetime(2026, 3, 14, 23, 0, tzinfo=UTC),
    ),
    "events_tied_second": Shot(
        "events",
        {"events": [*FAMILY, {"name": "Dee", "event": "birthday", "date": "2016-03-14"}]},
        NOON,
        page_elapsed=4.0,
        frame_index=240,
    ),
    "events_none": Shot("events", {"events": []}, NOON),
    "events_far_future": Shot("events", {"events": [{"name": "Zed", "date": "9999-12-31"}]}, NOON),
    "reminder_active": Shot("reminder", {}, datetime(2026, 3, 11, 1, 0, tzinfo=UTC)),  # Tue 21:00 EDT
    "reminder_active_blink_off": Shot("reminder", {}, datetime(2026, 3, 11, 1, 0, tzinfo=UTC), frame_index=30),
    "reminder_calm": Shot("reminder", {}, NOON),
    "reminder_custom_metric": Shot(
        "reminder",
        {"weekday": "sunday", "start": "21:30", "end": "06:15", "text": "RECYCLING", "color": "#00c850"},
        datetime(2026, 3, 9, 4, 0, tzinfo=UTC),
        METRIC,
    ),  # Mon 05:00 CET
    "reminder_bad_option": Shot("reminder", {"weekday": "funday"}, NOON),
    "reminder_done": Shot(
        "reminder",
        {},
        datetime(2026, 3, 11, 1, 30, tzinfo=UTC),  # Tue 21:30 EDT, marked done at 21:12
        records=reminder_mark("2026-03-11T01:12:00+00:00"),
    ),
}


def render(shot: Shot) -> tuple[np.ndarray, list[TextBox]]:
    renderer = FrameRenderer()
    canvas = renderer.draw(shot.page, shot.context())
    boxes = list(canvas.text_boxes)
    renderer.swap()
    return renderer.composed.copy(), boxes


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_golden_image(name: str) -> None:
    frame, _ = render(SHOTS[name])
    path = GOLDEN / f"{name}.png"
    if REGENERATE:
        path.write_bytes(png_bytes(frame))
    with Image.open(path) as image:
        expected = np.asarray(image.convert("RGB"))
    wrong = np.argwhere(np.any(frame != expected, axis=2)) if expected.shape == frame.shape else [(-1, -1)]
    assert len(wrong) == 0, f"{name}: {len(wrong)} pixels differ from {path.name}, first at (y, x) {tuple(wrong[0])}"


def _graphics(shot: Shot, frame: np.ndarray) -> list[TextBox]:
    """The wifi page's non-text marks: the lit QR square and the Wi-Fi sign."""
    if shot.page != "wifi":
        return []
    glyph_el = get_layout("wifi").el("glyph" if shot.options.get("ssid") else "unset_glyph")
    glyph = wifi_glyph(glyph_el.size)
    x = glyph_el.x - glyph.shape[1] // 2
    boxes = [TextBox(x, glyph_el.y, x + glyph.shape[1], glyph_el.y + glyph.shape[0], "glyph")]
    lit = np.all(frame[:, :64] == 255, axis=2)
    if lit.any():
        rows, cols = np.flatnonzero(lit.any(axis=1)), np.flatnonzero(lit.any(axis=0))
        boxes.append(TextBox(int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1, "qr"))
    return boxes


def _assert_fits(name: str, shot: Shot) -> None:
    frame, boxes = render(shot)
    assert boxes, name
    for box in boxes:
        assert box.inside(), f"{name}: {box} leaves the panel"
    marks = boxes + _graphics(shot, frame) + [PAUSE_CORNER]
    for i, a in enumerate(marks):
        for b in marks[i + 1 :]:
            assert not a.overlaps(b), f"{name}: {a} overlaps {b}"


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_text_stays_on_the_panel_and_apart(name: str) -> None:
    _assert_fits(name, SHOTS[name])


WIDE = "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"  # 32 of the widest letter: the longest SSID
EXTREMES: dict[str, Shot] = {
    "wifi_32_wide": Shot("wifi", {"ssid": WIDE, "password": "x" * 63}, NOON),
    "wifi_32_one_word_escaped": Shot("wifi", {"ssid": ";" * 32, "password": '"' * 63}, NOON),
    "wifi_accents": Shot("wifi", {"ssid": "Café Ñandú Zürich", "password": "pw"}, NOON),
    "events_long": Shot(
        "events",
        {
            "events": [
                {
                    "name": "Wolfeschlegelsteinhausenbergerdorff & Maximiliana",
                    "event": "wonderful wedding anniversary celebration",
                    "date": "1915-03-14",
                }
            ]
        },
        NOON,
    ),
    "events_accents": Shot("events", {"events": [{"name": "Peña", "event": "cumpleaños", "date": "1999-03-12"}]}, NOON),
    "reminder_long_text": Shot(
        "reminder", {"text": "REMEMBER THE GREEN BIN AND THE BLUE ONE"}, datetime(2026, 3, 11, 1, 0, tzinfo=UTC)
    ),
    "reminder_long_calm_metric": Shot(
        "reminder",
        {"weekday": "wednesday", "start": "23:59", "end": "00:00", "text": "REMEMBER THE GREEN BIN AND THE BLUE ONE"},
        datetime(2026, 3, 10, 11, 0, tzinfo=UTC),
        METRIC,
    ),
}


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_widest_values_stay_on_the_panel_and_apart(name: str) -> None:
    _assert_fits(name, EXTREMES[name])


def test_what_the_pages_say() -> None:
    texts = {name: [b.text for b in render(shot)[1]] for name, shot in SHOTS.items()}
    assert texts["wifi_wpa"] == ["HomeNet", "WPA/WPA2", "scan to join"]
    assert texts["wifi_open"] == ["Cafe Guest", "open network", "scan to join"]
    assert texts["wifi_long_ssid"] == ["The Long Family", "Network 5G Ext", "WPA/WPA2", "scan to join"]
    assert texts["wifi_not_configured"] == ["Wi-Fi not configured"]
    assert texts["wifi_no_password"] == ["HomeNet", "WPA/WPA2", "password", "missing"]
    assert texts["events_upcoming"] == ["Ann's", "40th birthday", "in 4 days", "SAT 14 MAR 2026"]
    assert texts["events_today"] == [
        "Margaret & Christopher's",
        "111th wedding anniversary",
        "is TODAY!",
        "SAT 14 MAR 2026",
    ]
    assert texts["events_tied_second"] == ["Dee's", "10th birthday", "in 4 days", "SAT 14 MAR 2026"]
    assert texts["events_none"] == ["No upcoming", "events"]
    assert texts["events_far_future"] == ["Zed's", "big day", "in over a year", "FRI 31 DEC 9999"]
    assert texts["reminder_active"] == ["!!!", "GARBAGE NIGHT", "until midnight"]
    assert texts["reminder_active_blink_off"] == ["GARBAGE NIGHT", "until midnight"]
    assert texts["reminder_calm"] == ["GARBAGE NIGHT", "next: today 6:00 PM"]
    assert texts["reminder_custom_metric"] == ["!!!", "RECYCLING", "until 06:15"]
    assert texts["reminder_bad_option"] == ["reminder:", "check weekday"]
    assert texts["reminder_done"] == ["GARBAGE NIGHT", "done 9:12 PM"]


def test_the_reminder_blinks_every_half_second_of_frames() -> None:
    shot = SHOTS["reminder_active"]
    renderer = FrameRenderer()
    shown = []
    for frame_index in (0, 29, 30, 59, 60):
        canvas = renderer.draw("reminder", replace(shot, frame_index=frame_index).context())
        shown.append("!!!" in [b.text for b in canvas.text_boxes])
    assert shown == [True, True, False, False, True]
    slow = replace(shot, config=replace(Config(), display=replace(Config().display, fps=10)), frame_index=5)
    assert "!!!" not in [b.text for b in renderer.draw("reminder", slow.context()).text_boxes]


def test_tied_events_take_turns() -> None:
    shot = SHOTS["events_tied_second"]
    firsts = [render(replace(shot, page_elapsed=t))[1][0].text for t in (0.0, 3.9, 4.0, 8.0, 12.0)]
    assert firsts == ["Ann's", "Ann's", "Dee's", "Ann's", "Dee's"]


def test_drawing_is_the_same_with_and_without_the_frame_memo() -> None:
    memo, plain = FrameRenderer(), FrameRenderer()
    plain.memoize = False
    for shot in SHOTS.values():
        for step in range(0, 90, 15):
            ctx = replace(shot, frame_index=shot.frame_index + step, page_elapsed=shot.page_elapsed + step / 60)
            memo.render(shot.page, ctx.context())
            plain.render(shot.page, ctx.context())
            assert np.array_equal(memo.composed, plain.composed), (shot.page, step)


EXAMPLE = Path(__file__).resolve().parents[2] / "ecoboard.example.yaml"


def test_the_commented_examples_in_ecoboard_example_yaml_load_and_draw() -> None:
    """Uncommented, the example's extra pages parse as a page cycle and draw with a secret resolved at load."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    # - {page: wifi"))
    last = next(i for i, line in enumerate(lines) if line.startswith("    # - {page: reminder"))
    block = "\n".join(line.replace("    # ", "    ", 1) for line in lines[first : last + 1])
    config = parse_config(yaml.safe_load(f"display:\n  pages:\n{block}\n"), environ={})
    pages = prepare_wifi_pages(config.display.pages, {"wifi_password": "hunter2"})
    assert [p.page for p in pages] == ["wifi", "events", "reminder"]
    texts = {}
    for spec in pages:
        canvas = FrameRenderer().draw(spec.page, replace(SHOTS["events_upcoming"], options=spec.options).context())
        texts[spec.page] = [b.text for b in canvas.text_boxes]
    assert texts == {
        "wifi": ["HomeNet", "WPA/WPA2", "scan to join"],
        "events": ["Ann's", "40th birthday", "in 4 days", "SAT 14 MAR 2026"],
        "reminder": ["GARBAGE NIGHT", "next: today 6:00 PM"],
    }


def test_a_line_too_wide_even_in_the_smallest_font_scrolls_whole() -> None:
    """A name or text wider than its row in the smallest font is never cut mid-word: it scrolls through the
    row (events and reminder alike), and only the scrolling rows move."""
    cases = {
        "events_long": [
            "Wolfeschlegelsteinhausenbergerdorff & Maximiliana's",
            "111th wonderful wedding anniversary celebration",
        ],
        "reminder_long_text": ["REMEMBER THE GREEN BIN AND THE BLUE ONE"],
    }
    for name, scrolling in cases.items():
        shot = EXTREMES[name]
        frames = []
        for frame_index in (0, 120):  # still for 60 frames, then one pixel every 2; the "!!!" shows on both
            canvas = FrameRenderer().draw(shot.page, replace(shot, frame_index=frame_index).context())
            frames.append(canvas.pixels.copy())
        boxes = [b for b in canvas.text_boxes if b.text in scrolling]
        assert [b.text for b in boxes] == scrolling, name
        moved = set(np.flatnonzero((frames[0] != frames[1]).any(axis=(1, 2))).tolist())
        assert moved and moved <= {y for b in boxes for y in range(b.y0, b.y1)}, name
