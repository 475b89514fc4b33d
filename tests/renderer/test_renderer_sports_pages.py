"""The MLB and NFL pages: golden images of every state, and the widest real values fitting their fields.

Golden PNGs live in ``tests/renderer/golden/`` (``mlb_*.png``, ``nfl_*.png``). After an intended change
of the drawing, regenerate them with ``ECOBOARD_REGEN_GOLDEN=1 .venv/bin/pytest tests/renderer`` and look
at them at 8x before committing.
"""

from __future__ import annotations

import ast
import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ecoboard.renderer._canvas import Canvas, TextBox
from ecoboard.renderer._context import PageContext
from ecoboard.renderer._frame import FrameRenderer
from ecoboard.renderer._layout import get_layout
from ecoboard.renderer._registry import PAGES
from ecoboard.renderer.pages import _mlb
from ecoboard.renderer.pages._sports_view import NEUTRAL_BAND

from ._sports_records import NFL_WEEK1, T_ESPN_MLB, T_NFL, Scene, data_of, fixture, record, scenes

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("ECOBOARD_REGEN_GOLDEN") == "1"
SCENE_NAMES = (
    "mlb_live",
    "mlb_live_stale",
    "mlb_scheduled",
    "mlb_doubleheader_g2",
    "mlb_final",
    "mlb_final_extras",
    "mlb_postponed",
    "mlb_delayed",
    "mlb_no_games",
    "mlb_suspended",
    "nfl_live",
    "nfl_scheduled",
    "nfl_final_ot_tie",
    "nfl_bye",
    "nfl_postseason",
    "nfl_final",
    "nfl_divisional_final",
    "nfl_conference_scheduled",
    "nfl_super_bowl_scheduled",
)


def _scenes() -> dict[str, Scene]:
    return scenes()


def draw(scene: Scene, frame_index: int = 0) -> Canvas:
    canvas = Canvas()
    ctx = PageContext(
        records={scene.record.kind: scene.record},
        now=scene.now,
        config=scene.cfg,
        options=scene.options,
        page_elapsed=scene.elapsed,
        frame_index=frame_index,
    )
    PAGES[scene.page](canvas, ctx)
    return canvas


def graphics(page: str, canvas: Canvas) -> list[TextBox]:
    """Boxes of the page's non-text marks (arrow, bases, outs, football) as ``TextBox`` for overlap checks."""
    layout = get_layout(page)
    boxes = []
    if page == "mlb":
        arrow = layout.el("arrow")
        boxes.append(TextBox(arrow.x, arrow.y, arrow.x + (arrow.w or 0), arrow.y + 4, "arrow"))
        for name in ("base_first", "base_second", "base_third"):
            el = layout.el(name)
            boxes.append(TextBox(el.x - el.size, el.y - el.size, el.x + el.size + 1, el.y + el.size + 1, name))
        outs = layout.el("outs")
        for i in range(outs.count):
            x = outs.x + i * outs.step
            boxes.append(TextBox(x, outs.y, x + outs.size, outs.y + outs.size, f"out{i}"))
    else:
        ball = layout.el("possession")
        for row in range(2):
            y = ball.y + row * ball.step
            boxes.append(TextBox(ball.x, y, ball.x + 9, y + 5, f"football{row}"))
    return boxes


def corners(page: str) -> list[TextBox]:
    """The corners where the renderer draws its stale and paused glyphs over the page."""
    boxes = []
    for name in ("marker_corner", "pause_corner"):
        el = get_layout(page).el(name)
        boxes.append(TextBox(el.x, el.y, el.x + (el.w or 0), el.y + (el.h or 0), name))
    return boxes


def assert_fields_fit(page: str, canvas: Canvas, *, live: bool) -> None:
    """Every text lies on the panel and overlaps no other text, nor the marks of a live game's screen."""
    texts = canvas.text_boxes
    assert texts, "nothing was drawn"
    for box in texts:
        assert box.inside(), f"{box.text!r} leaves the panel: {box}"
    for i, box in enumerate(texts):
        for other in texts[i + 1 :] + (graphics(page, canvas) if live else []) + corners(page):
            assert not box.overlaps(other), f"{box.text!r} {box} overlaps {other.text!r} {other}"


@pytest.mark.parametrize("name", SCENE_NAMES)
def test_golden_image(name: str) -> None:
    canvas = draw(_scenes()[name])
    path = GOLDEN / f"{name}.png"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        Image.fromarray(canvas.pixels).save(path)
    expected = np.asarray(Image.open(path).convert("RGB"))
    differ = int(np.any(expected != canvas.pixels, axis=2).sum())
    assert differ == 0, f"{name}: {differ} pixels differ from {path.name} (ECOBOARD_REGEN_GOLDEN=1 to accept)"


@pytest.mark.parametrize("name", SCENE_NAMES)
def test_every_state_fits_its_fields(name: str) -> None:
    scene = _scenes()[name]
    assert_fields_fit(
        scene.page, draw(scene), live=name in ("mlb_live", "mlb_live_stale", "nfl_live", "nfl_postseason")
    )


def test_golden_texts_are_the_expected_fields() -> None:
    texts = {name: [b.text for b in draw(_scenes()[name]).text_boxes] for name in SCENE_NAMES}
    assert texts["mlb_live"] == ["3", "BAL", "6", "TOR", "9", "0-1", "Pitch 1 : Strike 1", "Swinging"]
    assert texts["mlb_live_stale"][6] == "3m old"
    assert texts["mlb_doubleheader_g2"][-2:] == ["7:10 PM", "G2"]
    assert texts["mlb_final"][-2:] == ["F", "G1"]
    assert texts["mlb_final_extras"][-1] == "F/10"
    assert texts["mlb_postponed"][-2:] == ["PPD", "to 4/8  Inclement Weather"]
    assert texts["mlb_delayed"][-2:] == ["DELAYED", "Top 5  Rain"]
    assert texts["mlb_no_games"] == ["Sun Oct 27", "No MLB today", "Next game", "CHC @ BOS", "3/27 4:10 PM"]
    assert texts["nfl_live"][:9] == ["20", "IND", "20", "HOU", "4th", "1:01", "1st & 10", "IND 23", "WK 1"]
    assert texts["nfl_final_ot_tie"][-2:] == ["F/OT", "WK 1  TIE"]
    assert texts["nfl_bye"] == ["NE", "Patriots", "BYE", "Week 1"]
    assert texts["nfl_postseason"][8] == "WC"
    assert "Week" not in " ".join(texts["nfl_postseason"])
    assert texts["mlb_suspended"][-2:] == ["SUSP", "Bot 7  to 4/29  Rain"]
    assert texts["nfl_final"][-2:] == ["F", "WK 1"]
    assert texts["nfl_divisional_final"][-2:] == ["F", "Divisional Round"]  # a card names the round in full
    assert texts["nfl_conference_scheduled"][-2:] == ["Sun 4:25 PM", "Conference Championship"]  # scrolls
    assert texts["nfl_super_bowl_scheduled"][-2:] == ["Mon 8:15 PM", "Super Bowl"]


def test_possession_marker_is_next_to_the_team_with_the_ball() -> None:
    canvas = draw(_scenes()["nfl_live"])  # IND (away) has the ball
    ball = get_layout("nfl").el("possession")
    brown = np.array(get_layout("nfl").color("football"))
    away = canvas.pixels[ball.y : ball.y + 5, ball.x : ball.x + 9]
    home = canvas.pixels[ball.y + ball.step : ball.y + ball.step + 5, ball.x : ball.x + 9]
    assert np.all(away == brown, axis=2).sum() > 20
    assert not np.any(home)


def test_runner_on_first_fills_only_first_base() -> None:
    canvas = draw(_scenes()["mlb_live"])  # BAL @ TOR: runner on first
    layout = get_layout("mlb")
    yellow = layout.color("base_on")
    for name, occupied in (("base_first", True), ("base_second", False), ("base_third", False)):
        el = layout.el(name)
        assert (tuple(canvas.pixels[el.y, el.x]) == yellow) is occupied, name


def test_games_rotate_with_page_time() -> None:
    scene = _scenes()["mlb_doubleheader_g2"]
    texts = [[b.text for b in draw(replace(scene, elapsed=t)).text_boxes] for t in (0.0, 5.0, 10.0)]
    assert texts[0][-1] == "G2" and texts[1][-1] == "G1"
    assert texts[2][:4] == ["3", "BAL", "6", "TOR"]  # then the live games
    slow = [
        b.text for b in draw(replace(scene, elapsed=5.0, options={"teams": ["MIN"], "rotate_seconds": 8})).text_boxes
    ]
    assert slow[-1] == "G2"


def test_a_long_detail_scrolls_instead_of_being_cut() -> None:
    scene = _scenes()["mlb_postponed"]
    first, later = draw(scene, 0), draw(scene, 200)
    assert not np.array_equal(first.pixels[53:61], later.pixels[53:61])
    assert np.array_equal(first.pixels[:52], later.pixels[:52])


def test_waiting_before_the_first_record() -> None:
    for page in ("mlb", "nfl"):
        canvas = Canvas()
        PAGES[page](canvas, PageContext(records={}, now=T_NFL))
        assert [b.text for b in canvas.text_boxes][:2] == ["waiting for", page]


def _widest_mlb(half: str, runs: tuple[int, int], play: str) -> dict:
    def side(team_id: int, abbr: str, name: str, short: str, full: str, score: int) -> dict:
        return {
            "id": team_id, "abbreviation": abbr, "name": name, "short_name": short, "full_name": full,
            "record": "100-62", "color": "#a71930", "alt_color": "#e3d4ad", "score": score, "hits": 19,
            "errors": 10, "winner": None,
        }  # fmt: skip

    game = {
        "id": "1", "start": "2022-09-17T23:10:00+00:00", "status": "live", "detail": "Top 19th", "reason": None,
        "reschedule_date": None, "season_type": "regular", "venue": None, "description": None, "last_play": play,
        "away": side(109, "ARI", "Diamondbacks", "Arizona", "Arizona Diamondbacks", runs[0]),
        "home": side(144, "ATL", "Braves", "Atlanta", "Atlanta Braves", runs[1]),
        "doubleheader": 2, "scheduled_innings": 9, "inning": 19, "inning_half": half, "balls": 3, "strikes": 2,
        "outs": 2, "runners": {"first": True, "second": True, "third": True},
    }  # fmt: skip
    return game


WIDEST_PLAY = "Ronald Acuña Jr. homers (41) on a fly ball to left center field. Peña and Rodríguez score."


@pytest.mark.parametrize("runs", [(10, 10), (100, 99)])
@pytest.mark.parametrize("status", ["live", "final", "suspended", "delayed"])
def test_widest_mlb_values_fit(runs: tuple[int, int], status: str) -> None:
    game = dict(_widest_mlb("middle", runs, WIDEST_PLAY), status=status, reason="Rain", reschedule_date="2022-12-31")
    data = {"date": "2022-09-17", "games": [game], "next_game": None}
    stale = record("mlb", "espn", data, T_ESPN_MLB - timedelta(hours=23, minutes=59))
    scene = Scene("mlb", stale, T_ESPN_MLB)
    canvas = draw(scene)
    assert_fields_fit("mlb", canvas, live=status == "live")
    shown = [b.text for b in canvas.text_boxes]
    if status == "live":
        assert {"19", "G2", "23h old", "Ronald Acuña Jr. homers"} <= set(shown)
    if status == "final":
        assert {"F/19", "Diamondbacks", "H 19  E 10"} <= set(shown)


def test_widest_mlb_names_fall_back_for_all_star_teams() -> None:
    game = _widest_mlb("top", (10, 10), "")
    game = dict(game, status="scheduled")
    game["away"] = dict(game["away"], abbreviation="AL", name="All-Stars", short_name="American",
                        full_name="American League All-Stars")  # fmt: skip
    game["home"] = dict(game["home"], abbreviation="NL", name="All-Stars", short_name="National",
                        full_name="National League All-Stars")  # fmt: skip
    canvas = draw(Scene("mlb", record("mlb", "espn", {"date": "2022-09-17", "games": [game]}, T_ESPN_MLB), T_ESPN_MLB))
    assert_fields_fit("mlb", canvas, live=False)
    assert [b.text for b in canvas.text_boxes][2:6:2] == ["All-Stars", "All-Stars"]


def test_unknown_opponent_shows_its_code_on_a_neutral_band() -> None:
    scene = _scenes()["mlb_scheduled"]
    data = {**scene.record.data}
    game = next(g for g in data["games"] if g["id"] == "401356378")
    stranger = {"id": 999001, "abbreviation": "UNIVTAMPA", "name": None, "short_name": None, "full_name": None}
    data["games"] = [{**game, "away": stranger}]
    canvas = draw(replace(scene, record=record("mlb", "espn", data, scene.now)))
    assert_fields_fit("mlb", canvas, live=False)
    assert [b.text for b in canvas.text_boxes][:3] == ["UNIV", "MIL", "UNIV"]
    assert tuple(canvas.pixels[1, 1]) == NEUTRAL_BAND


@pytest.mark.parametrize("period", [(6, "2OT", "15:00"), (2, "Half", "0:00"), (4, "4th", "10:00")])
@pytest.mark.parametrize("score", [(100, 99), (10, 10)])
def test_widest_nfl_values_fit(period: tuple[int, str, str], score: tuple[int, int]) -> None:
    scene = _scenes()["nfl_live"]
    data = {**scene.record.data}
    games = []
    for original in data["games"]:
        game = original
        if game["id"] == "401437637":
            game = {
                **game,
                "period": period[0],
                "period_label": period[1],
                "clock": period[2],
                "down_distance": "3rd & Goal",
                "yard_line": "OPP 50",
                "red_zone": True,
                "last_play": "(15:00) Peña pass deep middle to Acuña for 99 yards, TOUCHDOWN, Rodríguez kick good.",
                "possession": game["home"]["id"],
                "away": {**game["away"], "score": score[0]},
                "home": {**game["home"], "score": score[1]},
            }
        games.append(game)
    data["games"] = games
    stale = record("nfl", "espn", data, T_NFL - timedelta(minutes=59))
    canvas = draw(replace(scene, record=stale))
    assert_fields_fit("nfl", canvas, live=True)
    shown = [b.text for b in canvas.text_boxes]
    assert period[1] in shown and "3rd & Goal" in shown and "59m old" in shown
    ball = next(b for b in canvas.text_boxes if b.text == "OPP 50")
    red = np.array(get_layout("nfl").color("red_zone"))
    assert np.all(canvas.pixels[ball.y0 : ball.y1, ball.x0 : ball.x1] == red, axis=2).any()  # red zone


def test_sports_pages_import_no_io_libraries() -> None:
    folder = Path(_mlb.__file__).parent
    for path in sorted([folder / "_mlb.py", folder / "_nfl.py", *folder.glob("_sports_*.py")]):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        banned = {
            m for m in names if m.split(".")[0] in ("httpx", "redis", "psycopg") or "store" in m or "fetchers" in m
        }
        assert not banned, f"{path.name} imports {banned}"


@pytest.mark.parametrize("name", ["mlb_postponed", "mlb_doubleheader_g2", "mlb_live_stale", "nfl_live", "nfl_bye"])
def test_frame_memo_draws_what_a_full_redraw_draws(name: str) -> None:
    """The pages' frame key covers rotation, scrolling and the age label: memo on and off give equal frames."""
    scene = _scenes()[name]
    memo, redraw = FrameRenderer(), FrameRenderer()
    redraw.memoize = False
    for frame in range(0, 1300, 13):  # 21.7 s at 60 fps (several rotations, a scroll); the clock runs 60x
        ctx = PageContext(
            records={scene.record.kind: scene.record},
            now=scene.now + timedelta(seconds=frame),
            config=scene.cfg,
            options=scene.options,
            page_elapsed=frame / 60,
            frame_index=frame,
        )
        expected = redraw.draw(scene.page, ctx).pixels.copy()
        assert np.array_equal(memo.draw(scene.page, ctx).pixels, expected), f"frame {frame}"


def test_a_week_without_games_names_the_week_within_its_width() -> None:
    payload = fixture(NFL_WEEK1)
    payload["events"] = []
    payload["season"]["type"] = 3
    payload["week"]["number"] = 3
    scene = Scene("nfl", record("nfl", "espn", data_of("nfl", "espn", payload, T_NFL), T_NFL), T_NFL)
    canvas = draw(scene)
    assert [b.text for b in canvas.text_boxes] == ["CONF", "No NFL games"]
    assert_fields_fit("nfl", canvas, live=False)


def test_bye_is_derived_when_the_provider_lists_none() -> None:
    """Week 1 without NE @ MIA and without ``teamsOnBye``: NE, followed, has no game in a regular week."""
    payload = fixture(NFL_WEEK1)
    payload["events"] = [e for e in payload["events"] if e["shortName"] != "NE @ MIA"]
    scene = Scene("nfl", record("nfl", "espn", data_of("nfl", "espn", payload, T_NFL), T_NFL), T_NFL)
    canvas = draw(scene)
    assert [b.text for b in canvas.text_boxes] == ["NE", "BYE", "Week 1"]
    assert_fields_fit("nfl", canvas, live=False)
