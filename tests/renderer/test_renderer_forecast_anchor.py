"""A forecast that is all in the past (the shipped demo's 2023 recording shown in 2026, or a record
kept through a long outage) is shown as it stood, from its own observation time, never as an empty page."""

from __future__ import annotations

from datetime import UTC, datetime

from ecoboard.renderer import FrameRenderer, KindHealth, PageContext

from ._sports_records import config, data_of, fixture, record

PENZA = "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
OBSERVED = datetime(2023, 11, 11, 11, 15, tzinfo=UTC)
MUCH_LATER = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)


def _context(page: str, now: datetime) -> PageContext:
    cfg = config(timezone="Europe/Moscow", units="metric")
    weather = record("weather", "open-meteo", data_of("weather", "open-meteo", fixture(PENZA), OBSERVED, cfg), now)
    return PageContext(records={"weather": weather}, now=now, config=cfg, options={},
                       health={"weather": KindHealth(ok=True, stale=False, last_success_at=now, last_error=None,
                                                     consecutive_failures=0)},
                       frame_index=0, page_elapsed=0.0, paused=False)


def _texts(page: str, now: datetime) -> list[str]:
    return [box.text for box in FrameRenderer().draw(page, _context(page, now)).text_boxes]


def test_hourly_of_an_old_recording_starts_at_its_observation() -> None:
    at_observation = _texts("hourly", OBSERVED)
    assert "14h" in at_observation  # 11:15 UTC is 14:15 in Moscow: the first column is 14h
    assert _texts("hourly", MUCH_LATER) == at_observation
    assert "no hourly forecast" not in " ".join(_texts("hourly", MUCH_LATER))


def test_daily_of_an_old_recording_starts_at_its_day() -> None:
    at_observation = _texts("daily", OBSERVED)
    assert at_observation[0] == "SAT"  # 2023-11-11 was a Saturday
    assert _texts("daily", MUCH_LATER) == at_observation


def test_a_bad_page_option_falls_back_instead_of_breaking_the_page(caplog) -> None:
    from dataclasses import replace

    ctx = replace(_context("hourly", OBSERVED), options={"step": "zero"})
    texts = [box.text for box in FrameRenderer().draw("hourly", ctx).text_boxes]
    assert texts == _texts("hourly", OBSERVED)  # the default step of 1 hour
    assert "page option step: expected a number, got 'zero'; using 1" in caplog.text
