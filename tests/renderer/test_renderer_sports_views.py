"""The sports view models: exact strings and colours from records built by the real providers' transforms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ecoboard.renderer._context import PageContext
from ecoboard.renderer._views import per_record
from ecoboard.renderer.pages._mlb import screen as mlb_screen
from ecoboard.renderer.pages._sports_rotation import followed_teams, games_to_show, rotation_index
from ecoboard.renderer.pages._sports_view import (
    NEUTRAL_BAND,
    PHASE_CARD,
    PHASE_LIVE,
    age_label,
    band_color,
    mlb_view,
    name_candidates,
    nfl_view,
    stale_label,
    start_text,
    team_view,
    text_on,
    wrap_words,
)

from ._sports_records import (
    MLB_ESPN,
    MLB_LIVE_2024,
    MLB_OPENING_DAY,
    NFL_WEEK1,
    T_ESPN_MLB,
    T_NFL,
    T_OPENING,
    data_of,
    fixture,
    record,
    scenes,
)

NY = ZoneInfo("America/New_York")


def _espn_mlb() -> dict:
    return data_of("mlb", "espn", fixture(MLB_ESPN), T_ESPN_MLB)


def _game(data: dict, game_id: str) -> dict:
    return next(g for g in data["games"] if g["id"] == game_id)


def test_mlb_live_view_from_espn_recording() -> None:
    data = _espn_mlb()
    view = mlb_view(_game(data, "401356370"), NY, data["date"])  # BAL @ TOR, Top 9th
    assert view.phase == PHASE_LIVE
    assert (view.away.abbreviation, view.away.score, view.home.abbreviation, view.home.score) == (
        "BAL",
        "3",
        "TOR",
        "6",
    )
    assert (view.headline, view.inning, view.half, view.count, view.outs) == ("Top 9", "9", "top", "0-1", 2)
    assert view.runners == (True, False, False)
    assert view.last_play == "Pitch 1 : Strike 1 Swinging"
    assert view.scores is True


def test_mlb_live_bottom_half_with_two_runners() -> None:
    data = _espn_mlb()
    view = mlb_view(_game(data, "401356376"), NY, data["date"])  # MIA @ WSH, Bot 5th
    assert (view.headline, view.half, view.runners) == ("Bot 5", "bottom", (True, True, False))


def test_mlb_scheduled_shows_local_start_and_records() -> None:
    data = _espn_mlb()
    view = mlb_view(_game(data, "401356378"), NY, data["date"])  # NYY @ MIL, 23:10Z
    assert view.phase == PHASE_CARD
    assert view.headline == "7:10 PM"
    assert view.lines == ("87-57", "77-67")
    assert view.scores is False
    assert view.color == (238, 232, 67)


def test_mlb_start_time_follows_the_configured_zone() -> None:
    data = _espn_mlb()
    game = _game(data, "401356378")
    assert mlb_view(game, ZoneInfo("America/Los_Angeles"), data["date"]).headline == "4:10 PM"
    # In Berlin the first pitch is on the next calendar day: the day is named.
    assert mlb_view(game, ZoneInfo("Europe/Berlin"), data["date"]).headline == "Sun 1:10 AM"


def test_doubleheader_games_are_labelled_g1_and_g2() -> None:
    data = _espn_mlb()
    first, second = _game(data, "401423263"), _game(data, "401356377")  # MIN @ CLE
    assert mlb_view(first, NY, data["date"]).tag == "G1"
    assert mlb_view(second, NY, data["date"]).tag == "G2"
    assert mlb_view(_game(data, "401356373"), NY, data["date"]).tag == ""


def test_mlb_final_shows_hits_and_errors() -> None:
    data = _espn_mlb()
    view = mlb_view(_game(data, "401423263"), NY, data["date"])  # MIN 1 @ CLE 5
    assert (view.headline, view.away.score, view.home.score) == ("F", "1", "5")
    assert view.lines == ("H  4  E 2", "H 14  E 1")  # the E of both rows in one column
    assert view.home.winner is True


def test_final_in_extra_innings_reads_f10() -> None:
    extras = scenes()["mlb_final_extras"].record.data
    view = mlb_view(extras["games"][0], NY, extras["date"])
    assert view.headline == "F/10"


def test_postponed_shows_ppd_new_date_and_reason_without_scores() -> None:
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_OPENING_DAY), T_OPENING)
    view = mlb_view(_game(data, "661333"), NY, data["date"])  # BOS @ NYY
    assert (view.headline, view.detail) == ("PPD", "to 4/8  Inclement Weather")
    assert view.scores is False
    assert (view.away.score, view.home.score) == ("", "")
    assert view.color == (235, 70, 60)


def test_rain_delay_mid_game_keeps_the_inning() -> None:
    delayed = scenes()["mlb_delayed"].record.data
    view = mlb_view(_game(delayed, "747125"), NY, delayed["date"])
    assert (view.phase, view.headline, view.detail) == (PHASE_CARD, "DELAYED", "Top 5  Rain")
    assert (view.away.score, view.home.score, view.scores) == ("3", "3", True)


def test_rain_delay_before_first_pitch_replaces_the_start_time() -> None:
    data = _espn_mlb()
    game = dict(_game(data, "401356378"), status="delayed", reason="Rain")
    view = mlb_view(game, NY, data["date"])
    assert (view.headline, view.detail) == ("DELAYED", "Rain")


def test_cancelled_and_suspended_words() -> None:
    data = _espn_mlb()
    game = _game(data, "401356376")
    assert mlb_view(dict(game, status="cancelled"), NY, data["date"]).headline == "CANC"
    suspended = mlb_view(dict(game, status="suspended", reschedule_date="2022-09-18"), NY, data["date"])
    assert (suspended.headline, suspended.detail) == ("SUSP", "Bot 5  to 9/18")


def test_unknown_team_gets_its_abbreviation_truncated_and_a_neutral_band() -> None:
    side = {"id": 999001, "abbreviation": "NATIONAL", "name": None, "color": None}
    view = team_view(side)
    assert (view.abbreviation, view.band, view.ink) == ("NATI", NEUTRAL_BAND, (255, 255, 255))


def test_names_fall_back_full_team_short_abbreviation() -> None:
    side = {
        "abbreviation": "AL",
        "name": "All-Stars",
        "short_name": "American",
        "full_name": "American League All-Stars",
    }
    assert name_candidates(side) == ("American League All-Stars", "All-Stars", "American", "AL")


def test_band_colours_stay_readable_on_leds() -> None:
    assert band_color({"color": "#bd3039"}) == (189, 48, 57)
    assert band_color({"color": "#050c33"}) == (8, 19, 80)  # Brewers navy, brightened
    assert band_color({"color": "#201b1b", "alt_color": "#df4601"}) == (223, 70, 1)  # near black -> alternate
    assert band_color({"color": "#000000", "alt_color": None}) == NEUTRAL_BAND
    assert band_color({"color": "garbage"}) == NEUTRAL_BAND
    assert text_on((255, 255, 255)) == (0, 0, 0)
    assert text_on((0, 36, 80)) == (255, 255, 255)


def test_nfl_live_view_ind_at_hou() -> None:
    data = data_of("nfl", "espn", fixture(NFL_WEEK1), T_NFL)
    view = nfl_view(_game(data, "401437637"), NY, "2022-09-11", "WK 1")
    assert view.phase == PHASE_LIVE
    assert (view.away.score, view.home.score, view.headline, view.clock) == ("20", "20", "4th", "1:01")
    assert (view.down_distance, view.yard_line, view.possession) == ("1st & 10", "IND 23", "away")
    assert view.last_play == "(Shotgun) D.Patmon pass short left to M.Pittman to IND 23 for 12 yards."


def test_nfl_scheduled_shows_local_day_and_time() -> None:
    data = data_of("nfl", "espn", fixture(NFL_WEEK1), T_NFL)
    assert nfl_view(_game(data, "401437640"), NY, "2022-09-11", "WK 1").headline == "Sun 4:25 PM"
    assert nfl_view(_game(data, "401437655"), NY, "2022-09-11", "WK 1").headline == "Mon 8:15 PM"


def test_nfl_final_in_overtime_and_a_tie() -> None:
    data = scenes()["nfl_final_ot_tie"].record.data
    view = nfl_view(_game(data, "401437637"), NY, "2022-09-11", "WK 1")
    assert (view.headline, view.detail, view.away.score, view.home.score) == ("F/OT", "TIE", "20", "20")
    plain = nfl_view(_game(data, "401437630"), NY, "2022-09-11", "WK 1")  # NE 7 @ MIA 20
    assert (plain.headline, plain.detail) == ("F", "")


def test_nfl_quarters_overtime_and_halftime() -> None:
    data = data_of("nfl", "espn", fixture(NFL_WEEK1), T_NFL)
    game = _game(data, "401437637")
    assert nfl_view(dict(game, period=6, period_label="2OT", clock="15:00"), NY, None, "WC").headline == "2OT"
    half = nfl_view(dict(game, period=2, period_label="Half", clock="0:00"), NY, None, "WK 1")
    assert (half.headline, half.clock) == ("Half", "")


def test_stale_live_score_is_labelled_with_its_age() -> None:
    assert stale_label(179, True, 120) == "2m old"
    assert stale_label(100, True, 120) is None
    assert stale_label(3600, False, 120) is None  # nothing live: age does not matter
    assert age_label(45) == "45s old"


def test_selection_followed_first_then_live_next_final() -> None:
    data = _espn_mlb()
    ids = [g["id"] for g in games_to_show(data["games"], ["MIN"], "cycle_all", T_ESPN_MLB)]
    assert ids[:2] == ["401356377", "401423263"]  # MIN's G2 (next) before its G1 (final)
    active = games_to_show(data["games"], ["MIN"], "cycle_active", T_ESPN_MLB)
    assert [g["id"] for g in active] == ["401356370", "401356376", "401356374"]
    favourite = games_to_show(data["games"], ["MIN"], "cycle_favorite", T_ESPN_MLB)
    assert [g["id"] for g in favourite] == ["401356377", "401423263"]
    # A followed team without games today: every game is shown rather than nothing.
    assert len(games_to_show(data["games"], ["999"], "cycle_favorite", T_ESPN_MLB)) == len(data["games"])


def test_live_game_past_midnight_stays_first() -> None:
    data = _espn_mlb()
    late = T_ESPN_MLB + timedelta(hours=8)  # 00:58 local, the next calendar day
    first = games_to_show(data["games"], [], "cycle_all", late)[0]
    assert first["status"] == "live"


def test_rotation_index_by_elapsed_seconds() -> None:
    assert [rotation_index(3, t, 5) for t in (0, 4.9, 5, 10, 15, 31)] == [0, 0, 1, 2, 0, 0]
    assert rotation_index(0, 10, 5) == 0


def test_wrap_words_in_pixel_budget() -> None:
    text = "(Shotgun) D.Patmon pass short left to M.Pittman to IND 23 for 12 yards."
    assert wrap_words(text, (25, 25, 25)) == (
        "(Shotgun) D.Patmon pass",
        "short left to M.Pittman",
        "to IND 23 for 12 yards.",
    )
    assert wrap_words(text, (25, 25)) == ("(Shotgun) D.Patmon pass", "short left to M.Pittman..")
    assert wrap_words(text, (25, 25, 20)) == (
        "(Shotgun) D.Patmon pass",
        "short left to M.Pittman",
        "to IND 23 for 12..",
    )
    assert wrap_words("Supercalifragilistic", (8, 8)) == ("Supercal", "ifragi..")


def test_start_text_beyond_a_week_carries_the_date() -> None:
    game = {"start": datetime(2025, 3, 27, 20, 10, tzinfo=UTC).isoformat()}
    assert start_text(game, NY, "2024-10-27") == "3/27 4:10 PM"
    assert start_text({"start": None}, NY, "2024-10-27") == "TBD"


def test_followed_teams_option_as_list_or_text() -> None:
    assert followed_teams(None, ("BOS",)) == ("BOS",)
    assert followed_teams("NYY, 111", ("BOS",)) == ("NYY", "111")
    assert followed_teams(["TOR", 147], ("BOS",)) == ("TOR", "147")
    assert followed_teams([], ("BOS",)) == ()


def test_views_are_built_once_per_record_and_key() -> None:
    builds: list[str] = []

    def build(tag: str) -> str:
        builds.append(tag)
        return tag

    first, second = object(), object()
    assert per_record("test", first, ("BOS",), lambda: build("a")) == "a"
    assert per_record("test", first, ("BOS",), lambda: build("b")) == "a"  # same record, same key
    assert per_record("test", first, ("NYY",), lambda: build("c")) == "c"  # other teams
    assert per_record("test", second, ("NYY",), lambda: build("d")) == "d"  # a new record
    assert builds == ["a", "c", "d"]


def test_warmup_and_pregame_keep_the_start_time() -> None:
    now = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_LIVE_2024), now)
    warmup = mlb_view(_game(data, "745265"), NY, data["date"])  # AZ @ SEA
    pregame = mlb_view(_game(data, "746967"), NY, data["date"])  # CHC @ BOS
    assert (warmup.headline, warmup.detail) == ("4:10 PM", "Warmup")
    assert (pregame.headline, pregame.detail) == ("7:10 PM", "Pregame")


def test_live_game_without_a_linescore_shows_live_and_the_provider_note() -> None:
    now = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_LIVE_2024), now)
    view = mlb_view(_game(data, "746561"), NY, data["date"])  # HOU @ COL in Mexico City, no hydrate
    assert (view.phase, view.headline, view.inning, view.count, view.outs) == (PHASE_LIVE, "LIVE", "", "", None)
    assert view.last_play == "in Mexico City, MX"


def test_start_times_on_daylight_saving_days() -> None:
    # 2022-11-06: clocks go back at 02:00 in New York; 2022-03-13: forward.
    autumn = {"start": "2022-11-06T18:00:00+00:00"}
    spring = {"start": "2022-03-13T17:00:00+00:00"}
    assert start_text(autumn, NY, "2022-11-06") == "1:00 PM"
    assert start_text(spring, NY, "2022-03-13") == "1:00 PM"
    assert start_text({"start": "2022-11-05T17:00:00+00:00"}, NY, "2022-11-05") == "1:00 PM"


def test_live_game_without_a_play_or_note_names_its_venue() -> None:
    # the Stats API schedule without hydration has no linescore and no last play for CLE @ ATL
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_LIVE_2024), datetime(2024, 4, 28, 20, 10, tzinfo=UTC))
    view = mlb_view(_game(data, "747125"), NY, data["date"])
    assert view.phase == PHASE_LIVE
    assert view.last_play == "at Truist Park"


def test_games_of_a_record_about_another_day_show_their_date() -> None:
    # the recorded 2024-04-28 schedule fetched on 2026-12-04 (a cached answer, the demo): the record keeps 2024-04-28
    now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    data = data_of("mlb", "mlb-statsapi", fixture(MLB_LIVE_2024), now)
    assert data["date"] == "2024-04-28"
    ctx = PageContext(records={"mlb": record("mlb", "mlb-statsapi", data, now)}, now=now, options={"teams": "BOS"})
    pregame = mlb_screen(ctx).view  # BOS, followed, comes first: CHC @ BOS
    assert (pregame.headline, pregame.detail) == ("4/28 7:10 PM", "Pregame")
    same_day = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
    ctx = PageContext(records={"mlb": record("mlb", "mlb-statsapi", data, same_day)}, now=same_day, options=ctx.options)
    assert mlb_screen(ctx).view.headline == "7:10 PM"
