"""C22: index bands and US EPA / EAQI sub-indices computed from concentrations."""

from __future__ import annotations

import pytest

from ecoboard.fetchers.providers import _aqi_scales as scales

from ._support import context


@pytest.mark.parametrize(("value", "category"), [
    (0, "good"), (50, "good"), (51, "moderate"), (100, "moderate"), (101, "unhealthy_sensitive"),
    (151, "unhealthy"), (201, "very_unhealthy"), (300, "very_unhealthy"), (301, "hazardous"), (500, "hazardous"),
    (501, "hazardous"), (9999, "hazardous"),
])
def test_us_epa_bands_above_top_is_hazardous(value, category):
    assert scales.band("us_epa", value).category == category


@pytest.mark.parametrize(("value", "category"), [
    (0, "good"), (20, "good"), (21, "fair"), (40, "fair"), (41, "moderate"), (61, "poor"), (81, "very_poor"),
    (100, "very_poor"), (101, "extremely_poor"), (450, "extremely_poor"),
])
def test_eaqi_bands_are_separate_from_us_epa(value, category):
    assert scales.band("eaqi", value).category == category


def test_same_number_means_different_bands_on_different_indices():
    us, eu = scales.entry("us_epa", 45), scales.entry("eaqi", 45)
    assert (us["index"], us["category"], us["label"], us["color"]) == ("us_epa", "good", "Good", "#00e400")
    assert (eu["index"], eu["category"], eu["label"], eu["color"]) == ("eaqi", "moderate", "Moderate", "#f0e641")


@pytest.mark.parametrize(("pollutant", "micrograms", "expected"), [
    ("pm2_5", 9.05, 50),     # truncated to 9.0: the top of "good"
    ("pm2_5", 9.1, 51),
    ("pm2_5", 35.49, 100),   # truncated to 35.4
    ("pm2_5", 55.5, 151),
    ("pm2_5", 325.4, 500),
    ("pm2_5", 425.4, 699),   # beyond the AQI, the top slope continues: 301 + 199/99.9 * 199.9 = 699.2
    ("pm10", 54.9, 50),      # truncated to 54
    ("pm10", 155, 101),
    ("so2", 0, 0),
    # 0.070 ppm O3 = 70 ppb = 70 * 48.00 / 24.45 µg/m³
    ("o3", 70 * 48.00 / 24.45, 100),
    # 0.150 ppm: 8-h table 201 + 99/0.094 * 0.044 = 247.3; 1-h table 101 + 49/0.039 * 0.025 = 132.4
    ("o3", 150 * 48.00 / 24.45, 247),
    # 0.300 ppm: only the 1-h table applies: 201 + 99/0.199 * 0.095 = 248.3
    ("o3", 300 * 48.00 / 24.45, 248),
])
def test_us_epa_subindex_with_truncation(pollutant, micrograms, expected):
    assert scales.us_epa_subindex(pollutant, micrograms) == expected


def test_unknown_pollutant_has_no_subindex():
    assert scales.us_epa_subindex("nh3", 2.44) is None
    assert scales.eaqi_subindex("co", 340.46) is None


def test_from_concentrations_names_the_dominant_pollutant():
    found = scales.from_concentrations("us_epa", {"pm2_5": 60.0, "pm10": 20.0, "o3": None})
    # 60.0 µg/m³ PM2.5: 151 + 49/69.9 * 4.5 = 154.2
    assert found == {"index": "us_epa", "value": 154, "category": "unhealthy", "label": "Unhealthy",
                     "color": "#ff0000", "dominant_pollutant": "pm2_5"}
    assert scales.from_concentrations("eaqi", {"pm2_5": None}) is None


def test_preferred_index_follows_units_unless_configured():
    assert scales.preferred_index(context("aqi", units="imperial")) == "us_epa"
    assert scales.preferred_index(context("aqi", units="metric")) == "eaqi"
    configured = {"aqi": {"provider": "open-meteo", "options": {"index": "owm"}}}
    chosen = context("aqi", units="imperial", providers=configured)
    assert scales.preferred_index(chosen) == "owm"
