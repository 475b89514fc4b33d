"""The renderer draws an NWS record: the record fetched through the replay transport (see _nws_replay for
how the real recordings are paired: arranged, each body real) feeds the weather, hourly and daily pages,
and their texts carry its values in the configured units."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from ecoboard.renderer import FrameRenderer, PageContext

from ._nws_replay import Board, nws_config, replay_dir

EVENING = datetime(2019, 10, 13, 23, 0, tzinfo=UTC)  # 19:00 EDT: the forecast's "Tonight", the hourly periods ahead

TEXTS = {
    ("imperial", "weather"): ["73°", "Cloudy", "FEEL", "74°", "HUM", "76%", "WIND", "5 N", "mph", "AQI", "waiting"],
    ("imperial", "hourly"): ["8PM", "78°", "20%", "0mph", "9PM", "77°", "20%", "0mph"],
    ("imperial", "daily"): ["SUN", "41°", "68°", "20%"],
    ("metric", "weather"): ["23°", "Cloudy", "FEEL", "23°", "HUM", "76%", "WIND", "8 N", "km/h", "AQI", "waiting"],
    ("metric", "hourly"): ["20h", "26°", "20%", "0kmh", "21h", "25°", "20%", "0kmh"],
    ("metric", "daily"): ["SUN", "5°", "20°", "20%"],
}
"""22.8 °C observed (73 °F; "Mostly Cloudy" is too wide, so the short word), feels 23.11 °C, 2.1 m/s from 20°;
hourly 78 / 77 °F at 8 and 9 PM EDT on 2019-10-14; Sunday 2019-10-13: 41 °F by day, 68 °F at night."""


@pytest.mark.parametrize(("units", "page"), sorted(TEXTS))
async def test_pages_draw_the_nws_record(tmp_path, autojump_clock, units, page) -> None:
    config = nws_config(station="KFLL")
    record = await Board(tmp_path, replay_dir(tmp_path / "replay")).fetch(config, EVENING)
    ctx = PageContext(records={"weather": record}, now=EVENING, config=replace(config, units=units))
    assert [box.text for box in FrameRenderer().draw(page, ctx).text_boxes] == TEXTS[(units, page)]
