"""The extra pages' arithmetic: ordinals, days until an event (year end, DST, Feb 29), the reminder's
window, the Wi-Fi payload text and its secret handling. Every expected value is written out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import numpy as np
import pytest

from ecoboard import Record
from ecoboard.config import Config, PageSpec
from ecoboard.renderer import Canvas, FrameRenderer, PageContext, local_time
from ecoboard.renderer.pages._events import (
    FamilyEvent,
    anniversary,
    event_lines,
    events_from_options,
    next_occurrence,
    ordinal,
    upcoming,
)
from ecoboard.renderer.pages._reminder import Reminder, next_text, parse_reminder, reminder_lines
from ecoboard.renderer.pages._wifi import (
    SecretText,
    escape_wifi,
    prepare_wifi_pages,
    qr_mask,
    security_type,
    wifi_page,
    wifi_payload,
    wifi_view,
)

NEW_YORK = Config()  # America/New_York, imperial
BERLIN = replace(Config(), timezone="Europe/Berlin", units="metric")


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (40, "40th"),
    ],
)
def test_ordinals(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_feb_29_falls_on_feb_28_in_common_years_only() -> None:
    leap_day = date(2000, 2, 29)
    assert anniversary(leap_day, 2027) == date(2027, 2, 28)
    assert anniversary(leap_day, 2028) == date(2028, 2, 29)
    assert next_occurrence(leap_day, date(2027, 2, 28)) == date(2027, 2, 28)
    assert next_occurrence(leap_day, date(2027, 3, 1)) == date(2028, 2, 29)
    [item] = upcoming([FamilyEvent("Leap", "birthday", leap_day)], date(2026, 12, 1))
    assert (item.on, item.days, item.nth) == (date(2027, 2, 28), 89, 27)
    assert event_lines(item) == ("Leap's", "27th birthday", "in 89 days", "SUN 28 FEB 2027")


def test_days_until_across_the_year_end() -> None:
    events = [FamilyEvent("Ann", "birthday", date(1986, 1, 2)), FamilyEvent("Bob", "anniversary", date(2001, 12, 31))]
    found = upcoming(events, date(2026, 12, 31))
    assert [(u.event.name, u.on, u.days, u.nth) for u in found] == [
        ("Bob", date(2026, 12, 31), 0, 25),
        ("Ann", date(2027, 1, 2), 2, 41),
    ]
    assert event_lines(found[0]) == ("Bob's", "25th anniversary", "is TODAY!", "THU 31 DEC 2026")
    assert event_lines(found[1])[1:3] == ("41st birthday", "in 2 days")


def _today(now: datetime, config: Config) -> date:
    return local_time(now, config).date()


def test_days_until_counts_local_dates_across_a_dst_change() -> None:
    """2026-03-08 is the US spring-forward day: 23:30 EST on the 7th is 04:30Z on the 8th."""
    event = [FamilyEvent("Cy", "birthday", date(2010, 3, 9))]
    evening = datetime(2026, 3, 8, 4, 30, tzinfo=UTC)  # Sat 7 Mar 23:30 EST
    assert _today(evening, NEW_YORK) == date(2026, 3, 7)
    assert upcoming(event, _today(evening, NEW_YORK))[0].days == 2
    after = datetime(2026, 3, 9, 3, 59, tzinfo=UTC)  # Sun 8 Mar 23:59 EDT (the 23-hour day)
    assert upcoming(event, _today(after, NEW_YORK))[0].days == 1
    # The autumn change in Berlin (25 October 2026, a 25-hour day): still whole days.
    late = datetime(2026, 10, 25, 22, 59, tzinfo=UTC)  # 23:59 CET on the 25th
    assert upcoming([FamilyEvent("Di", "birthday", date(1999, 10, 26))], _today(late, BERLIN))[0].days == 1


def test_an_event_still_ahead_has_no_ordinal() -> None:
    [item] = upcoming([FamilyEvent("Eve", "wedding", date(2027, 6, 5))], date(2026, 12, 1))
    assert (item.days, item.nth) == (186, 0)
    assert event_lines(item) == ("Eve's", "wedding", "in 186 days", "SAT 5 JUN 2027")
    [one] = upcoming([FamilyEvent("Fay", "birthday", date(2020, 12, 2))], date(2026, 12, 1))
    assert event_lines(one)[2] == "in 1 day"


def test_a_countdown_beyond_a_year_reads_in_over_a_year() -> None:
    """Only a first date can be more than a year ahead; its date is on the line below the countdown."""
    today = date(2026, 12, 4)
    lines = [
        event_lines(u)
        for u in upcoming(
            [
                FamilyEvent("Max", "wedding", date(2027, 12, 4)),
                FamilyEvent("Lou", "wedding", date(2027, 12, 5)),
                FamilyEvent("Zed", "", date(9999, 12, 31)),
            ],
            today,
        )
    ]
    assert lines == [
        ("Max's", "wedding", "in 365 days", "SAT 4 DEC 2027"),
        ("Lou's", "wedding", "in over a year", "SUN 5 DEC 2027"),
        ("Zed's", "big day", "in over a year", "FRI 31 DEC 9999"),
    ]
    # an anniversary is always within 365 days (the longest: the day after, a Feb 29 ahead): never "over a year"
    [longest] = upcoming([FamilyEvent("Mo", "birthday", date(1990, 3, 1))], date(2027, 3, 2))
    assert event_lines(longest)[1:] == ("38th birthday", "in 365 days", "WED 1 MAR 2028")


def test_yaml_dates_and_missing_event_words() -> None:
    events = events_from_options(
        {"events": [{"name": "Ann", "date": date(1986, 3, 14)}, {"name": "Kid", "date": "2026-04-01"}]}
    )
    assert events == (FamilyEvent("Ann", "", date(1986, 3, 14)), FamilyEvent("Kid", "", date(2026, 4, 1)))
    assert [event_lines(u)[:3] for u in upcoming(events, date(2026, 3, 10))] == [
        ("Ann's", "40th", "in 4 days"),
        ("Kid's", "big day", "in 22 days"),
    ]
    # the ordinal alone, however many years: a date of year 1 is the 2026th
    [first] = upcoming(events_from_options({"events": [{"name": "A", "date": "0001-01-01"}]}), date(2026, 12, 4))
    assert event_lines(first) == ("A's", "2026th", "in 28 days", "FRI 1 JAN 2027")


def test_unusable_events_are_skipped() -> None:
    options = {
        "events": [
            {"name": "Ann", "event": "birthday", "date": "1986-03-14"},
            {"name": "", "event": "birthday", "date": "1990-01-01"},
            {"name": "Bad", "event": "birthday", "date": "14/03/1986"},
            "not a mapping",
            {"name": "Gus", "date": "1970-02-30"},
        ]
    }
    assert events_from_options(options) == (FamilyEvent("Ann", "birthday", date(1986, 3, 14)),)
    assert events_from_options({"events": "Ann"}) == ()
    assert events_from_options({}) == ()


def _ctx(config: Config = NEW_YORK) -> PageContext:
    return PageContext(records={}, now=datetime(2026, 3, 3, tzinfo=UTC), config=config)


def test_reminder_window_defaults_to_tuesday_evening_until_midnight() -> None:
    reminder = parse_reminder("tuesday", "18:00", "00:00", "GARBAGE NIGHT", "")
    assert reminder == Reminder(1, time(18, 0), time(0, 0), "GARBAGE NIGHT", (255, 0, 0))
    assert isinstance(reminder, Reminder)
    assert reminder.active_until(datetime(2026, 3, 3, 17, 59)) is None
    assert reminder.active_until(datetime(2026, 3, 3, 18, 0)) == datetime(2026, 3, 4, 0, 0)
    assert reminder.active_until(datetime(2026, 3, 3, 23, 59)) == datetime(2026, 3, 4, 0, 0)
    assert reminder.active_until(datetime(2026, 3, 4, 0, 0)) is None
    assert reminder.next_start(datetime(2026, 3, 3, 17, 59)) == datetime(2026, 3, 3, 18, 0)
    assert reminder.next_start(datetime(2026, 3, 4, 0, 0)) == datetime(2026, 3, 10, 18, 0)
    assert next_text(reminder, datetime(2026, 3, 3, 9, 0), _ctx()) == "next: today 6:00 PM"
    assert next_text(reminder, datetime(2026, 3, 2, 9, 0), _ctx(BERLIN)) == "next: tomorrow 18:00"
    assert next_text(reminder, datetime(2026, 3, 4, 9, 0), _ctx()) == "next: TUE 6:00 PM"


def test_reminder_window_past_midnight_and_option_errors() -> None:
    late = parse_reminder("sun", "21:30", "06:15", "Bins out", "#00ff00")
    assert isinstance(late, Reminder)
    assert (late.weekday, late.color) == (6, (0, 255, 0))
    assert late.active_until(datetime(2026, 3, 9, 6, 14)) == datetime(2026, 3, 9, 6, 15)  # Monday morning
    assert late.active_until(datetime(2026, 3, 9, 6, 15)) is None
    assert late.active_until(datetime(2026, 3, 8, 21, 29)) is None
    assert parse_reminder("tu", "18:00", "00:00", "x", "") == "weekday"
    assert parse_reminder("funday", "18:00", "00:00", "x", "") == "weekday"
    assert parse_reminder("friday", "25:00", "00:00", "x", "") == "start"
    assert parse_reminder("friday", "18:00", "6pm", "x", "") == "end"
    assert parse_reminder("friday", "18:00", "00:00", "x", "red") == "color"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("plain", "plain"), ('a;b,c:d"e\\f', 'a\\;b\\,c\\:d\\"e\\\\f'), ("Café 🙂", "Café 🙂"), ('"\\', '\\"\\\\')],
)
def test_wifi_escaping(text: str, escaped: str) -> None:
    assert escape_wifi(text) == escaped


def test_wifi_payloads() -> None:
    assert wifi_payload("HomeNet", "WPA", "correct horse") == "WIFI:S:HomeNet;T:WPA;P:correct horse;;"
    assert wifi_payload("My;Net", "WEP", 'p:w"d') == 'WIFI:S:My\\;Net;T:WEP;P:p\\:w\\"d;;'
    assert wifi_payload("Cafe", "nopass", "ignored") == "WIFI:S:Cafe;T:nopass;;"
    assert wifi_payload("Hidden", "WPA", "pw", hidden=True) == "WIFI:S:Hidden;T:WPA;P:pw;H:true;;"
    assert [security_type(v, True) for v in ("WPA2", "wpa3", "wep", "open", "", None, "enterprise")] == [
        "WPA",
        "WPA",
        "WEP",
        "nopass",
        "WPA",
        "WPA",
        "WPA",
    ]
    assert [security_type(v, False) for v in (None, "enterprise", "WPA")] == ["nopass", "nopass", "WPA"]


def test_password_secret_is_resolved_at_load_and_hidden_from_repr() -> None:
    pages = (
        PageSpec("clock", 8),
        PageSpec("wifi", 20, {"ssid": "HomeNet", "password_secret": "wifi_psk"}),
        PageSpec("wifi", 20, {"ssid": "Guest", "password_secret": "absent"}),
    )
    clock, home, guest = prepare_wifi_pages(pages, {"wifi_psk": "hunter2"})
    assert clock is pages[0]
    assert home.options == {"ssid": "HomeNet", "password": "hunter2"}
    assert isinstance(home.options["password"], SecretText)
    assert "hunter2" not in repr(home) and "'<secret>'" in repr(home)
    assert guest.options == {"ssid": "Guest", "password_secret": "absent"}  # still asks for it: no open network
    assert wifi_view(guest.options).payload is None
    assert pages[1].options == {"ssid": "HomeNet", "password_secret": "wifi_psk"}  # the input is untouched


def test_preparing_the_pages_encodes_the_qr_code_before_the_first_frame() -> None:
    pages = prepare_wifi_pages(
        (PageSpec("wifi", 20, {"ssid": "Prepared", "password_secret": "psk"}),), {"psk": "s3cret"}
    )
    misses = qr_mask.cache_info().misses
    canvas = Canvas()
    wifi_page(canvas, PageContext(records={}, now=datetime(2026, 3, 3, tzinfo=UTC), options=pages[0].options))
    assert qr_mask.cache_info().misses == misses
    assert [b.text for b in canvas.text_boxes] == ["Prepared", "WPA/WPA2", "scan to join"]


def test_a_missing_password_secret_is_logged_once_and_the_panel_says_password_missing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A guest network whose secret is not set must not become an open network's QR code (T:nopass)."""
    spec = PageSpec("wifi", 20, {"ssid": "HomeNet-missing", "password_secret": "nope"})
    for _ in range(2):  # the cycle is prepared at boot and again when the stored cycle is read
        [prepared] = prepare_wifi_pages((spec,), {"other": "x"})
    assert [r.getMessage() for r in caplog.records] == [
        "wifi page: the secret 'nope' named by password_secret is not set; the panel shows 'password missing' "
        "instead of a QR code"
    ]
    canvas = Canvas()
    wifi_page(canvas, PageContext(records={}, now=datetime(2026, 3, 3, tzinfo=UTC), options=prepared.options))
    assert [b.text for b in canvas.text_boxes] == ["HomeNet-missing", "WPA/WPA2", "password", "missing"]


def test_a_password_secret_that_is_not_text_is_named_by_what_it_is_and_never_shown(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A secret document can hold a mapping under the name; its parts must not become the QR code."""
    spec = PageSpec("wifi", 20, {"ssid": "HomeNet-mapping", "password_secret": "psk"})
    [prepared] = prepare_wifi_pages((spec,), {"psk": {"wpa": "PWleak31"}})
    assert [r.getMessage() for r in caplog.records] == [
        "wifi page: password_secret: the secret 'psk': expected text, got a mapping; the panel shows "
        "'password missing' instead of a QR code"
    ]
    assert prepared.options == {"ssid": "HomeNet-mapping", "password_secret": "psk"}
    assert "PWleak31" not in caplog.text
    [numeric] = prepare_wifi_pages((replace(spec, options={"ssid": "Digits", "password_secret": "pin"}),),
                                   {"pin": 12345678})
    assert numeric.options == {"ssid": "Digits", "password": "12345678"}  # YAML reads an all-digit PSK as a number


def test_a_password_written_in_the_options_is_warned_about_without_its_value(caplog: pytest.LogCaptureFixture) -> None:
    spec = PageSpec("wifi", 20, {"ssid": "HomeNet-plain", "password": "plaintext-pw"})
    assert prepare_wifi_pages((spec,), {}) == (spec,)
    assert [r.getMessage() for r in caplog.records] == [
        "wifi page: the password is written in the page options; name a secret with password_secret instead"
    ]
    assert "plaintext-pw" not in caplog.text


def _marked(done_at: str | None, version: int = 1, valid_until: datetime | None = None) -> dict[str, Record]:
    """The snapshot's ``reminder`` record as ``POST /api/v1/reminder/done`` writes it."""
    fetched = datetime(2026, 3, 3, 1, 12, tzinfo=UTC)
    until = valid_until or datetime(2026, 3, 31, tzinfo=UTC)
    return {"reminder": Record("reminder", version, fetched, until, "api", {"done_at": done_at})}


def _said(now: datetime, records: dict[str, Record], config: Config = NEW_YORK, **options: str) -> list[Any]:
    """What the reminder page says at ``now``: the ``!!!`` line (or None) and each line's text and colour."""
    bang, lines = reminder_lines(PageContext(records=records, now=now, config=config, options=options))
    return [None if bang is None else bang[1], [(text, color) for _, text, color in lines]]


TUESDAY_2130 = datetime(2026, 3, 11, 1, 30, tzinfo=UTC)  # Tue 10 Mar 2026 21:30 EDT, in the window 18:00-00:00
GREEN, GREY, RED = (40, 200, 80), (200, 200, 208), (255, 0, 0)
ALARM = ["!!!", [("GARBAGE NIGHT", RED), ("until midnight", GREY)]]


def test_a_done_mark_inside_the_current_window_calms_the_reminder() -> None:
    assert _said(TUESDAY_2130, _marked("2026-03-11T01:12:00+00:00")) == [
        None,
        [("GARBAGE NIGHT", GREEN), ("done 9:12 PM", GREY)],
    ]
    assert _said(TUESDAY_2130, _marked("2026-03-11T01:12:00Z")) == [
        None,
        [("GARBAGE NIGHT", GREEN), ("done 9:12 PM", GREY)],
    ]
    # the window's first minute counts, the minute before it does not
    assert _said(TUESDAY_2130, _marked("2026-03-10T22:00:00+00:00"))[1][1] == ("done 6:00 PM", GREY)
    assert _said(TUESDAY_2130, _marked("2026-03-10T21:59:59+00:00")) == ALARM
    # a 24 h board in Berlin: Tue 10 Mar 21:12 CET, seen at 21:30
    berlin = _said(datetime(2026, 3, 10, 20, 30, tzinfo=UTC), _marked("2026-03-10T20:12:00+00:00"), BERLIN)
    assert berlin == [None, [("GARBAGE NIGHT", GREEN), ("done 21:12", GREY)]]


def test_a_mark_from_last_week_undone_or_unreadable_leaves_the_alarm() -> None:
    assert _said(TUESDAY_2130, {}) == ALARM  # no record: as before the feature
    assert _said(TUESDAY_2130, _marked("2026-03-04T01:12:00+00:00")) == ALARM  # last Tuesday 20:12 EST
    assert _said(TUESDAY_2130, _marked(None, version=2)) == ALARM  # undone
    for unreadable in ("yesterday", "2026-03-11T01:12:00", ""):  # not an instant, or naive
        assert _said(TUESDAY_2130, _marked(unreadable)) == ALARM, unreadable
    # after the window the calm "next" line, whatever the mark
    calm = ["GARBAGE NIGHT", "next: TUE 6:00 PM"]
    after = datetime(2026, 3, 11, 4, 30, tzinfo=UTC)
    assert [text for text, _ in _said(after, _marked("2026-03-11T01:12:00+00:00"))[1]] == calm


def test_the_window_and_the_mark_are_compared_as_instants_across_a_dst_change() -> None:
    """Sunday 1 Nov 2026 New York falls back at 02:00 EDT: a window from 01:20 (EDT) to 03:00 (EST).
    Done at 01:10 EST is 50 minutes after the window began, though its wall time is earlier."""
    now = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # 02:30 EST
    options = {"weekday": "sunday", "start": "01:20", "end": "03:00"}
    assert _said(now, _marked("2026-11-01T06:10:00+00:00"), **options)[1][1] == ("done 1:10 AM", GREY)
    assert _said(now, _marked("2026-11-01T05:10:00+00:00"), **options)[0] == "!!!"  # 01:10 EDT: before


def test_the_page_redraws_on_a_new_mark_and_shows_no_marker_for_the_reminder_kind() -> None:
    renderer = FrameRenderer()

    def texts(now: datetime, records: dict[str, Record]) -> list[str]:
        canvas = renderer.draw("reminder", PageContext(records=records, now=now, config=NEW_YORK))
        return [box.text for box in canvas.text_boxes]

    assert texts(TUESDAY_2130, {}) == ["!!!", "GARBAGE NIGHT", "until midnight"]
    assert texts(TUESDAY_2130, _marked("2026-03-11T01:12:00+00:00")) == ["GARBAGE NIGHT", "done 9:12 PM"]
    assert texts(TUESDAY_2130, _marked(None, version=2)) == ["!!!", "GARBAGE NIGHT", "until midnight"]
    # a mark past its valid_until draws no stale marker: the page looks exactly as without it
    noon = datetime(2026, 4, 7, 16, 0, tzinfo=UTC)
    old = _marked("2026-03-11T01:12:00+00:00", valid_until=datetime(2026, 3, 18, tzinfo=UTC))
    renderer.render("reminder", PageContext(records=old, now=noon, config=NEW_YORK))
    with_old = renderer.composed.copy()
    plain = FrameRenderer()
    plain.render("reminder", PageContext(records={}, now=noon, config=NEW_YORK))
    assert np.array_equal(with_old, plain.composed)
