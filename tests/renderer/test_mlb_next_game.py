"""The MLB page on a day without games whose record carries the next game found by the provider (C18).

The record is made by the mlb-statsapi transform from two real recordings paired here: the recorded
empty day (2024-10-27) answers the day's request and the 2024-04-28 schedule answers the request for
the days after it, with the scoreboard day set to 2024-04-27 so that the pairing is coherent. The
followed team (the default, BOS) plays CHC at Fenway Park at 23:10Z: Sunday 7:10 PM in New York.

Golden PNG: ``golden/mlb_next_game_range.png``; regenerate with ``ECOBOARD_REGEN_GOLDEN=1`` and look
at it at 8x before committing.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from PIL import Image

from ecoboard.config import Config
from ecoboard.fetchers import FetchContext
from ecoboard.fetchers.providers import get_provider
from ecoboard.renderer._canvas import Canvas
from ecoboard.renderer._context import PageContext
from ecoboard.renderer._registry import PAGES

from ._sports_records import MLB_EMPTY, MLB_LIVE_2024, fixture, record

GOLDEN = Path(__file__).resolve().parent / "golden" / "mlb_next_game_range.png"
REGENERATE = os.environ.get("ECOBOARD_REGEN_GOLDEN") == "1"
NOW = datetime(2024, 4, 27, 16, 0, tzinfo=UTC)


def draw() -> Canvas:
    config = Config()
    fetch = FetchContext(now=NOW, config=config, settings=config.providers["mlb"])
    answers = {"schedule": fixture(MLB_EMPTY), "range": fixture(MLB_LIVE_2024)}
    data = get_provider("mlb", "mlb-statsapi").transform(answers, fetch)
    canvas = Canvas()
    PAGES["mlb"](canvas, PageContext(records={"mlb": record("mlb", "mlb-statsapi", data, NOW)}, now=NOW, config=config))
    return canvas


def test_golden_image() -> None:
    canvas = draw()
    if REGENERATE:
        Image.fromarray(canvas.pixels).save(GOLDEN)
    expected = np.asarray(Image.open(GOLDEN).convert("RGB"))
    differ = int(np.any(expected != canvas.pixels, axis=2).sum())
    assert differ == 0, f"{differ} pixels differ from {GOLDEN.name} (ECOBOARD_REGEN_GOLDEN=1 to accept)"


def test_texts_name_the_day_and_the_next_game_and_fit_the_panel() -> None:
    boxes = draw().text_boxes
    assert [box.text for box in boxes] == ["Sat Apr 27", "No MLB today", "Next game", "CHC @ BOS", "Sun 7:10 PM"]
    for i, box in enumerate(boxes):
        assert box.inside(), f"{box.text!r} leaves the panel: {box}"
        for other in boxes[i + 1 :]:
            assert not box.overlaps(other), f"{box.text!r} {box} overlaps {other.text!r} {other}"
