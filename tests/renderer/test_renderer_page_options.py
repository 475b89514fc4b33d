"""Page options are declared where each page is registered and checked when a page cycle is loaded.

``page_option_errors`` names the entry, the option and what was expected; the events and reminder checks
go through the pages' own parsers, so the check and the drawing never disagree.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.scenes import scenes
from ecoboard.config import PageSpec, parse_config
from ecoboard.renderer import PAGE_OPTIONS, PAGES, page_option_errors, prepare_wifi_pages
from ecoboard.renderer.pages import _events

from .test_renderer_extras import SHOTS

ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = ROOT / "ecoboard" / "renderer" / "pages"
EXAMPLE = ROOT / "ecoboard.example.yaml"

DECLARED = {
    "clock": set(),
    "weather": set(),
    "daily": set(),
    "sun_moon": set(),
    "hourly": {"step"},
    "status": {"kinds"},
    "mlb": {"mode", "rotate_seconds", "teams"},
    "nfl": {"mode", "rotate_seconds", "teams"},
    "events": {"events"},
    "wifi": {"ssid", "security", "hidden", "password_secret", "password"},
    "reminder": {"weekday", "start", "end", "text", "color"},
}


def errors(page: str, options: dict[str, Any], index: int = 4) -> list[str]:
    return page_option_errors(PageSpec(page, 10, options), f"display.pages[{index}]")


def test_every_page_declares_the_options_it_takes() -> None:
    shipped = {name for name, fn in PAGES.items() if fn.__module__.startswith("ecoboard.renderer.pages.")}
    assert {page: set(PAGE_OPTIONS[page]) for page in shipped} == DECLARED


def test_the_declared_options_are_the_ones_the_page_modules_read() -> None:
    read: set[str] = set()
    for path in PAGES_DIR.glob("*.py"):
        source = path.read_text("utf-8")
        read |= set(re.findall(r"options\.get\(\"(\w+)\"", source))
        read |= set(re.findall(r"number_option\(ctx\.options, \"(\w+)\"", source))
    assert read == set().union(*DECLARED.values())


TEAMS = "a team abbreviation of 2 to 4 letters (such as BOS) or a provider's numeric team id"

BAD = [
    # The message after "display.pages[4].options.":
    ("mlb", {"rotate_seconds": "abc"}, "rotate_seconds: expected a number of at least 1, got 'abc'"),
    ("nfl", {"rotate_seconds": 0.5}, "rotate_seconds: expected a number of at least 1, got 0.5"),
    ("mlb", {"rotate_seconds": True}, "rotate_seconds: expected a number of at least 1, got True"),
    (
        "mlb",
        {"mode": "cycle_everything"},
        "mode: expected one of cycle_all, cycle_active, cycle_favorite, got 'cycle_everything'",
    ),
    (
        "nfl",
        {"teams": {"NE": 1}},
        "teams: expected a list of teams or one comma-separated text, each "
        f"{TEAMS}, got {{'NE': 1}}",
    ),
    (
        "mlb",
        {"teams": "NYY,,BOS"},
        "teams: expected a list of teams or one comma-separated text, each "
        f"{TEAMS}, got 'NYY,,BOS' (entry 2: '')",
    ),
    (
        "mlb",
        {"teams": ["NYY", "x y"]},
        "teams: expected a list of teams or one comma-separated text, each "
        f"{TEAMS}, got ['NYY', 'x y'] (entry 2: 'x y')",
    ),
    (
        "nfl",
        {"teams": "XXXXX"},
        "teams: expected a list of teams or one comma-separated text, each "
        f"{TEAMS}, got 'XXXXX'",
    ),
    ("mlb", {"rotate_secs": 8}, "rotate_secs: unknown option of page mlb; expected one of mode, rotate_seconds, teams"),
    ("hourly", {"step": 0}, "step: expected a whole number of at least 1, got 0"),
    ("hourly", {"step": 2.5}, "step: expected a whole number of at least 1, got 2.5"),
    ("status", {"kinds": "mlb"}, "kinds: expected a list of kinds from weather, aqi, mlb, nfl, sun_moon, got 'mlb'"),
    (
        "status",
        {"kinds": ["mlb", "nhl"]},
        "kinds: expected a list of kinds from weather, aqi, mlb, nfl, sun_moon, got ['mlb', 'nhl']",
    ),
    (
        "events",
        {"events": [{"name": "Ann", "date": "1986-03-14"}, {"name": "Bob", "date": "1986-13-01"}]},
        "events[1].date: expected a date YYYY-MM-DD, got '1986-13-01'",
    ),
    ("events", {"events": [{"name": "", "date": "1990-01-01"}]}, "events[0].name: expected a name, got ''"),
    (
        "events",
        {"events": [{"name": "Ann", "when": "1986-03-14"}]},
        "events[0].when: unknown field of an event; expected one of name, event, date",
    ),
    (
        "events",
        {"events": ["Ann 1986-03-14"]},
        "events[0]: expected a mapping {name, event, date}, got 'Ann 1986-03-14'",
    ),
    ("events", {"events": "Ann"}, "events: expected a list of {name, event, date}, got 'Ann'"),
    (
        "wifi",
        {"ssid": "HomeNet", "security": "WPA9"},
        "security: expected one of wpa, wpa2, wpa3, wep, nopass, open, none (any case), got 'WPA9'",
    ),
    ("wifi", {"ssid": "HomeNet", "hidden": "yes"}, "hidden: expected true or false, got 'yes'"),
    ("wifi", {"ssid": ["Home", "Net"]}, "ssid: expected a text, got ['Home', 'Net']"),
    ("reminder", {"start": "25:00"}, "start: expected a time \"HH:MM\" from 00:00 to 23:59, got '25:00'"),
    (
        "reminder",
        {"end": 1080},
        'end: expected a time "HH:MM" from 00:00 to 23:59, got 1080 '
        '(YAML reads an unquoted 18:00 as 1080; write "18:00" in quotes)',
    ),
    (
        "reminder",
        {"weekday": "tu"},
        "weekday: expected a weekday, monday to sunday or its first three letters, got 'tu'",
    ),
    ("reminder", {"color": "red"}, "color: expected a colour \"#rrggbb\", got 'red'"),
    ("clock", {"format": "24h"}, "format: unknown option of page clock; it takes no options"),
]


@pytest.mark.parametrize(("page", "options", "message"), BAD, ids=[f"{p}-{m.split(':')[0]}" for p, _, m in BAD])
def test_a_bad_option_is_named_with_what_was_expected(page: str, options: dict[str, Any], message: str) -> None:
    assert errors(page, options) == [f"display.pages[4].options.{message}"]


def test_every_problem_of_an_entry_is_listed_in_the_order_written() -> None:
    assert errors("mlb", {"mode": "all", "rotate_secs": 5, "teams": "BOS"}, index=2) == [
        "display.pages[2].options.mode: expected one of cycle_all, cycle_active, cycle_favorite, got 'all'",
        "display.pages[2].options.rotate_secs: unknown option of page mlb; expected one of mode, rotate_seconds, teams",
    ]


def test_an_unregistered_page_has_no_option_errors_here() -> None:
    """The page name check (``ecoboard run``) or the page cycle (a stored cycle) names the page itself."""
    assert errors("garmin", {"anything": 1}) == []


GOOD = [
    ("mlb", {"mode": "cycle_favorite", "rotate_seconds": 8, "teams": ["NYY", 147]}),
    ("nfl", {"mode": "cycle_active", "rotate_seconds": 2.5, "teams": "NE,BUF"}),
    ("hourly", {"step": 3}),
    ("hourly", {"step": 2.0}),
    ("status", {"kinds": ["mlb", "nfl"]}),
    ("status", {"kinds": []}),
    (
        "events",
        {
            "events": [
                {"name": "Ann", "event": "birthday", "date": date(1986, 3, 14)},
                {"name": "Kid", "date": "2026-04-01"},
            ]
        },
    ),
    ("events", {"events": []}),
    ("wifi", {"ssid": 1234, "security": "open", "hidden": False}),
    ("wifi", {"ssid": "HomeNet", "security": "wpa2", "password_secret": "wifi_password"}),
    ("reminder", {"weekday": "Sun", "start": "21:30", "end": "06:15", "text": "RECYCLING", "color": "#00c850"}),
    ("clock", {}),
]


@pytest.mark.parametrize(("page", "options"), GOOD, ids=[p for p, _ in GOOD])
def test_options_the_page_reads_as_written_pass(page: str, options: dict[str, Any]) -> None:
    assert errors(page, options) == []


def test_a_resolved_password_passes_and_a_bad_one_is_named_without_its_value() -> None:
    [spec] = prepare_wifi_pages(
        [PageSpec("wifi", 20, {"ssid": "HomeNet", "password_secret": "psk"})], {"psk": "hunter2"}
    )
    assert page_option_errors(spec, "display.pages[0]") == []
    assert errors("wifi", {"ssid": "HomeNet", "password": ["hunter2"]}) == [
        "display.pages[4].options.password: expected a text, got a list"
    ]


def test_the_events_check_refuses_exactly_the_entries_the_page_skips() -> None:
    entries = [
        {"name": "Ann", "event": "birthday", "date": "1986-03-14"},
        {"name": "", "event": "birthday", "date": "1990-01-01"},
        {"name": "Bad", "event": "birthday", "date": "14/03/1986"},
        {"name": "Gus", "date": "1970-02-30"},
    ]
    kept = [e for e in entries if errors("events", {"events": [e]}) == []]
    assert kept == [entries[0]]
    assert _events.events_from_options({"events": entries}) == _events.events_from_options({"events": kept})


def _example_pages() -> list[dict[str, Any]]:
    """The example's page cycle with its commented extra pages uncommented, plus the inline mlb example."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("  pages:") + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("    "))
    block = []
    for line in lines[start:end]:
        if not line.startswith("    # "):
            block.append(line)
        elif line[len("    # ") :][:1] in ("-", " "):  # commented YAML, not prose
            block.append(line.replace("    # ", "    ", 1))
    pages = yaml.safe_load("\n".join(block))
    inline = next(line for line in lines if line.startswith("  # e.g. {page: mlb"))
    pages.append(yaml.safe_load(inline[len("  # e.g. ") :].rstrip(".")))
    return pages


def test_the_example_page_cycle_and_its_commented_examples_pass() -> None:
    pages = _example_pages()
    assert [p["page"] for p in pages] == [
        "clock",
        "weather",
        "hourly",
        "daily",
        "mlb",
        "nfl",
        "status",
        "wifi",
        "events",
        "reminder",
        "mlb",
    ]
    config = parse_config({"display": {"pages": pages}}, environ={})
    assert [e for i, s in enumerate(config.display.pages) for e in page_option_errors(s, f"display.pages[{i}]")] == []


def test_the_default_cycle_and_the_bench_and_test_scenes_pass() -> None:
    for i, spec in enumerate(parse_config({}, environ={}).display.pages):
        assert page_option_errors(spec, f"display.pages[{i}]") == []
    for name, scene in scenes().items():
        assert page_option_errors(PageSpec(scene.page, 10, dict(scene.options)), name) == []
    checked = {
        name: page_option_errors(PageSpec(shot.page, 10, dict(shot.options)), name) for name, shot in SHOTS.items()
    }
    assert {name: found for name, found in checked.items() if found} == {
        "reminder_bad_option": [
            "reminder_bad_option.options.weekday: expected a weekday, monday to sunday or its "
            "first three letters, got 'funday'"
        ]
    }
