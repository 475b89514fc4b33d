"""The page cycle and control state machine, driven with explicit times."""

from __future__ import annotations

import pytest

from ecoboard.appliance import Command, PageCycle, parse_command
from ecoboard.config import Config, PageSpec

PAGES = (PageSpec("clock", 8), PageSpec("weather", 12), PageSpec("mlb", 15))


def names(cycle: PageCycle, now: float) -> tuple[str, float, bool]:
    view = cycle.tick(now)
    return view.page.page, round(view.elapsed, 3), view.paused


def test_cycle_advances_by_each_page_seconds_and_wraps() -> None:
    cycle = PageCycle(PAGES, now=100.0)
    assert names(cycle, 100.0) == ("clock", 0.0, False)
    assert names(cycle, 107.9) == ("clock", 7.9, False)
    assert names(cycle, 108.0) == ("weather", 0.0, False)
    assert names(cycle, 119.5) == ("weather", 11.5, False)
    assert names(cycle, 120.0) == ("mlb", 0.0, False)
    assert names(cycle, 135.0) == ("clock", 0.0, False)
    # a frame arriving late skips exactly the pages whose time is up: 135 + 8 + 12 = 155
    assert names(cycle, 156.0) == ("mlb", 1.0, False)


def test_pause_freezes_page_and_elapsed_play_resumes_where_it_stopped() -> None:
    cycle = PageCycle(PAGES, now=0.0)
    assert cycle.apply(Command("pause"), now=5.0)
    assert names(cycle, 500.0) == ("clock", 5.0, True)
    cycle.apply(Command("play"), now=500.0)
    assert names(cycle, 502.9) == ("clock", 7.9, False)
    assert names(cycle, 503.0) == ("weather", 0.0, False)


def test_next_and_prev_step_wrap_restart_the_timer_and_keep_pause_state() -> None:
    cycle = PageCycle(PAGES, now=0.0)
    cycle.apply(Command("prev"), now=3.0)
    assert names(cycle, 3.0) == ("mlb", 0.0, False)
    cycle.apply(Command("next"), now=4.0)
    assert names(cycle, 4.0) == ("clock", 0.0, False)
    cycle.apply(Command("pause"), now=6.0)
    cycle.apply(Command("next"), now=7.0)
    assert names(cycle, 60.0) == ("weather", 0.0, True)
    cycle.apply(Command("play"), now=60.0)
    assert names(cycle, 72.0) == ("mlb", 0.0, False)


def test_brightness_and_reload_are_left_to_the_caller() -> None:
    cycle = PageCycle(PAGES, now=0.0)
    assert cycle.apply(Command("brightness", 30), now=1.0) is False
    assert cycle.apply(Command("reload"), now=1.0) is False
    assert names(cycle, 1.0) == ("clock", 1.0, False)


def test_set_pages_keeps_the_current_page_by_name_else_starts_over() -> None:
    cycle = PageCycle(PAGES, now=0.0)
    assert names(cycle, 9.0) == ("weather", 1.0, False)
    cycle.set_pages((PageSpec("nfl", 5), PageSpec("weather", 20)), now=9.0)
    assert names(cycle, 9.0) == ("weather", 0.0, False)
    assert names(cycle, 29.0) == ("nfl", 0.0, False)
    cycle.set_pages((PageSpec("clock", 5),), now=30.0)
    assert names(cycle, 30.0) == ("clock", 0.0, False)


def test_unknown_pages_are_dropped_and_an_empty_list_falls_back() -> None:
    fallback = Config().display.pages
    cycle = PageCycle((PageSpec("clock", 5), PageSpec("garmin", 5)), now=0.0,
                      known={"clock", "weather", "mlb"}, fallback=fallback)
    assert [p.page for p in cycle.pages] == ["clock"]
    cycle.set_pages((PageSpec("garmin", 5),), now=1.0)
    assert [p.page for p in cycle.pages] == ["clock", "weather", "mlb"]
    with pytest.raises(ValueError, match="no usable page"):
        PageCycle((PageSpec("garmin", 5),), now=0.0, known={"clock"})


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"command": "pause"}, Command("pause")),
        ({"command": "next", "value": 3}, Command("next")),
        ({"command": "brightness", "value": 42}, Command("brightness", 42)),
        ({"command": "brightness", "value": 42.6}, Command("brightness", 43)),
        ({"command": "brightness", "value": 101}, None),
        ({"command": "brightness", "value": True}, None),
        ({"command": "brightness"}, None),
        ({"command": "fwd"}, None),
        ({}, None),
    ],
)
def test_parse_command(payload: dict, expected: Command | None) -> None:
    assert parse_command(payload) == expected
