"""MET Norway Sunrise 3.0: the recorded Oslo sun and moon answers, phases, polar night, C02/C03 dates."""

from __future__ import annotations

import copy

import pytest

from ecoboard import PayloadError
from ecoboard.fetchers.providers import get_provider
from ecoboard.fetchers.providers import sun_moon_metnorway as met

from ._support import context, fixture, validate

SUN = "met-norway/sunrise3-sun-oslo-2022-12-18.json"
MOON = "met-norway/sunrise3-moon-oslo-2022-12-18.json"
OSLO = {"timezone": "Europe/Oslo", "location": {"lat": 59.933333, "lon": 10.716667}}


def run(sun: dict, moon: dict, now: str = "2022-12-18T10:00:00+00:00") -> dict:
    data = met.transform({"sun": sun, "moon": moon}, context("sun_moon", now, **OSLO))
    validate("sun_moon", data)
    return data


def test_registered_under_sun_moon():
    assert get_provider("sun_moon", "met-norway").next_poll is met.next_poll


def test_requests_sun_and_moon_for_the_local_date_and_offset():
    specs = met.requests(context("sun_moon", "2022-12-18T10:00:00+00:00", **OSLO))
    assert [s.url for s in specs] == ["https://api.met.no/weatherapi/sunrise/3.0/sun",
                                      "https://api.met.no/weatherapi/sunrise/3.0/moon"]
    for spec in specs:
        assert spec.params == {"lat": "59.9333", "lon": "10.7167", "date": "2022-12-18", "offset": "+01:00"}


def test_oslo_exact_values():
    assert run(fixture(SUN), fixture(MOON)) == {
        "date": "2022-12-18",
        "sunrise": "2022-12-18T08:16:00+00:00",     # 09:16+01:00
        "sunset": "2022-12-18T14:10:00+00:00",      # 15:10+01:00
        "solar_noon": "2022-12-18T11:13:00+00:00",  # 12:13+01:00
        "moonrise": "2022-12-18T01:01:00+00:00",    # 02:01+01:00
        "moonset": "2022-12-18T12:01:00+00:00",     # 13:01+01:00
        "moon_phase_degrees": 288.54,
        "moon_phase": "waning_crescent",
        "moon_illumination": 0.34,                  # (1 - cos 288.54°) / 2 = 0.3409
    }


def test_polar_night_hides_sunrise_and_sunset_only():
    sun = copy.deepcopy(fixture(SUN))
    sun["properties"]["sunrise"] = {"time": None, "azimuth": None}
    del sun["properties"]["sunset"]
    moon = copy.deepcopy(fixture(MOON))
    moon["properties"]["moonrise"]["time"] = None
    data = run(sun, moon)
    assert (data["sunrise"], data["sunset"], data["moonrise"]) == (None, None, None)
    assert data["solar_noon"] == "2022-12-18T11:13:00+00:00"
    assert data["date"] == "2022-12-18"
    assert data["moon_phase"] == "waning_crescent"


def test_missing_moon_phase_is_a_payload_error():
    moon = copy.deepcopy(fixture(MOON))
    del moon["properties"]["moonphase"]
    with pytest.raises(PayloadError, match=r"moon\.properties\.moonphase\.value"):
        met.transform({"sun": fixture(SUN), "moon": moon}, context("sun_moon"))
    with pytest.raises(PayloadError, match=r"sun\.properties"):
        met.transform({"sun": {"type": "Feature"}, "moon": fixture(MOON)}, context("sun_moon"))


@pytest.mark.parametrize(("degrees", "name"), [
    (0, "new"), (5.9, "new"), (6.5, "waxing_crescent"), (45, "waxing_crescent"), (84, "first_quarter"),
    (90, "first_quarter"), (96.5, "waxing_gibbous"), (175, "full"), (180, "full"), (200, "waning_gibbous"),
    (265, "last_quarter"), (276.5, "waning_crescent"), (288.54, "waning_crescent"), (355, "new"), (360, "new"),
])
def test_phase_names(degrees, name):
    assert met.phase_name(degrees) == name


@pytest.mark.parametrize(("degrees", "lit"), [(0, 0.0), (90, 0.5), (180, 1.0), (270, 0.5), (288.54, 0.34)])
def test_illumination(degrees, lit):
    assert met.illumination(degrees) == lit


@pytest.mark.parametrize(("now", "date", "offset"), [
    ("2024-03-10T06:30:00+00:00", "2024-03-10", "-05:00"),  # 01:30 EST, before the change
    ("2024-03-10T12:00:00+00:00", "2024-03-10", "-04:00"),  # 08:00 EDT, after it
    ("2024-11-03T05:30:00+00:00", "2024-11-03", "-04:00"),  # the first 01:30 (EDT)
    ("2024-11-03T06:30:00+00:00", "2024-11-03", "-05:00"),  # the second 01:30 (EST)
    ("2024-11-04T03:30:00+00:00", "2024-11-03", "-05:00"),  # C03: already the 4th in UTC, still the 3rd here
])
def test_c02_c03_request_date_and_offset_in_the_config_zone(now, date, offset):
    spec = met.requests(context("sun_moon", now, timezone="America/New_York"))[0]
    assert (spec.params["date"], spec.params["offset"]) == (date, offset)


def test_next_poll_stops_at_the_next_local_midnight():
    ctx = context("sun_moon", "2024-11-04T04:30:00+00:00", timezone="America/New_York")  # 23:30 EST
    assert met.next_poll({}, ctx) == 31 * 60.0
    assert met.next_poll({}, context("sun_moon", "2024-11-03T14:00:00+00:00", timezone="America/New_York")) == 21600.0


@pytest.mark.parametrize(("value", "degrees", "name"), [
    (359.996, 0.0, "new"), (-3.0, 357.0, "new"), (-10.0, 350.0, "waning_crescent"), (450.0, 90.0, "first_quarter"),
])
def test_phase_angle_is_kept_in_0_to_360(value, degrees, name):
    moon = copy.deepcopy(fixture(MOON))
    moon["properties"]["moonphase"]["value"] = value
    data = run(fixture(SUN), moon)
    assert (data["moon_phase_degrees"], data["moon_phase"]) == (degrees, name)
