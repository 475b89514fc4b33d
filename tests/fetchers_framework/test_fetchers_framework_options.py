"""Provider options are refused before anything starts, on every start-up path of the fetchers:
``ecoboard fetch``, ``python -m ecoboard.fetchers`` (the Kubernetes Job), the appliance's local
fetchers (``ecoboard run``); good options still fetch, and the shipped configurations pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ecoboard import ConfigError
from ecoboard.appliance import ApplianceOptions, run_appliance
from ecoboard.cli import main
from ecoboard.config import Config, load_config, parse_config
from ecoboard.fetchers import check_provider_options, provider_for
from ecoboard.renderer import NullSink
from ecoboard.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "ecoboard" / "demo" / "replay"
TEN = "providers.mlb.options.next_game_days: expected a whole number from 1 to 60, got 'ten'"
TYPO = (
    "providers.mlb.options.next_gme_days: unknown option of provider mlb-statsapi; "
    "expected one of next_game_days, team_overrides"
)


def board_config(tmp_path: Path, options: str) -> tuple[Path, Path]:
    """An ``ecoboard.yaml`` in ``tmp_path`` with a SQLite store there and ``options`` for mlb: (file, store)."""
    db = tmp_path / "board.sqlite3"
    file = tmp_path / "ecoboard.yaml"
    file.write_text(f"store:\n  url: sqlite:///{db}\nproviders:\n  mlb:\n    options: {options}\n", encoding="utf-8")
    return file, db


def test_shipped_configurations_pass() -> None:
    check_provider_options(Config())
    check_provider_options(load_config(ROOT / "ecoboard.example.yaml", environ={}), "ecoboard.example.yaml")
    check_provider_options(load_config(ROOT / "k8s" / "ecoboard.yaml", environ={}), "k8s/ecoboard.yaml")


def test_the_line_names_the_file_and_every_problem(tmp_path: Path) -> None:
    file, _ = board_config(tmp_path, "{next_game_days: ten, next_gme_days: 3}")
    with pytest.raises(ConfigError) as caught:
        check_provider_options(load_config(file, environ={}), str(file))
    assert str(caught.value) == f"{file}: {TEN}; {TYPO}"


def test_a_disabled_kind_is_checked_and_an_unknown_provider_is_left_to_provider_for() -> None:
    disabled = parse_config({"providers": {"nfl": {"enabled": False, "options": {"index": "eaqi"}}}}, environ={})
    with pytest.raises(ConfigError) as caught:
        check_provider_options(disabled, "ecoboard.yaml")
    assert str(caught.value) == (
        "ecoboard.yaml: providers.nfl.options.index: unknown option of provider espn; expected one of team_overrides"
    )
    unknown = parse_config({"providers": {"mlb": {"provider": "nope", "options": {"x": 1}}}}, environ={})
    check_provider_options(unknown, "ecoboard.yaml")
    with pytest.raises(ConfigError) as caught:
        provider_for("mlb", unknown)
    assert str(caught.value) == "providers.mlb.provider: expected one of espn, mlb-statsapi, got 'nope'"


def test_provider_for_refuses_the_options_of_its_kind_only() -> None:
    config = parse_config(
        {"providers": {"mlb": {"options": {"next_game_days": "ten", "next_gme_days": 3}}}}, environ={}
    )
    with pytest.raises(ConfigError) as caught:
        provider_for("mlb", config)
    assert str(caught.value) == f"{TEN}; {TYPO}"
    assert provider_for("nfl", config).name == "espn"


def test_an_environment_override_is_read_as_yaml_and_checked() -> None:
    good = load_config(None, environ={"ECOBOARD__PROVIDERS__MLB__OPTIONS__NEXT_GAME_DAYS": "20"})
    assert good.providers["mlb"].options == {"next_game_days": 20}
    check_provider_options(good)
    bad = load_config(None, environ={"ECOBOARD__PROVIDERS__MLB__OPTIONS__NEXT_GAME_DAYS": "ten"})
    with pytest.raises(ConfigError) as caught:
        check_provider_options(bad)
    assert str(caught.value) == f"(defaults): {TEN}"


@pytest.mark.parametrize(
    ("kind", "options", "line"),
    [("mlb", "{next_game_days: ten}", TEN), ("nfl", "{next_gme_days: 3}", TYPO)],
    ids=["bad-value", "unknown-option-of-another-kind"],
)
def test_fetch_once_with_a_bad_option_exits_2_with_one_line_and_writes_nothing(
    capsys, tmp_path: Path, kind: str, options: str, line: str
) -> None:
    file, db = board_config(tmp_path, options)
    capsys.readouterr()
    assert main(["fetch", kind, "--once", "--replay", str(DEMO), "--config", str(file)]) == 2
    assert capsys.readouterr().err == f"ecoboard fetch: error: {file}: {line}\n"
    assert not db.exists()


def test_fetch_once_with_good_options_writes_them_into_the_record(capsys, tmp_path: Path) -> None:
    file, db = board_config(tmp_path, '{next_game_days: 3, team_overrides: {BOS: {color: "#123456", short_name: Sox}}}')
    assert main(["fetch", "mlb", "--once", "--replay", str(DEMO), "--config", str(file)]) == 0
    record = open_store(f"sqlite:///{db}").latest("mlb")
    assert (record.version, record.source, len(record.data["games"])) == (1, "replay:mlb-statsapi", 15)
    boston = {g["id"]: g for g in record.data["games"]}["746967"]["home"]
    assert (boston["abbreviation"], boston["color"], boston["short_name"], boston["full_name"]) == (
        "BOS",
        "#123456",
        "Sox",
        "Boston Red Sox",
    )


def test_the_kubernetes_job_entry_refuses_a_bad_option(tmp_path: Path) -> None:
    file, db = board_config(tmp_path, "{next_game_days: ten}")
    done = subprocess.run(
        [sys.executable, "-m", "ecoboard.fetchers", "mlb", "--once", "--replay", str(DEMO), "--config", str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"ecoboard fetch: error: {file}: {TEN}\n")
    assert not db.exists()


async def test_the_appliance_refuses_before_anything_starts(tmp_path: Path) -> None:
    file, db = board_config(tmp_path, "{next_game_days: ten}")
    options = ApplianceOptions(config=load_config(file, environ={}), serve_api=False, sink=NullSink())
    with pytest.raises(ConfigError) as caught:
        await run_appliance(options)
    assert str(caught.value) == TEN
    assert not db.exists()


def test_ecoboard_run_refuses_a_bad_option(tmp_path: Path) -> None:
    file, db = board_config(tmp_path, "{next_game_days: ten}")
    done = subprocess.run(
        [sys.executable, "-m", "ecoboard", "run", "--replay", str(DEMO), "--port", "0", "--config", str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout) == (2, "")
    error = done.stderr.splitlines()[-1]
    assert error.startswith("ecoboard run: error: ") and error.endswith(TEN)
    assert not db.exists()
