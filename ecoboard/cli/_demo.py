"""The shipped offline demo: what its recordings are, and the place and zone the board shows them in.

The recordings in ``ecoboard/demo/replay`` (see its ``PROVENANCE.md``) come from several places and
days; none is for the default location (Boston). Replayed under the default location, Oslo's sun times
read "Sunrise 3:16 AM" in New York time. So a board that replays the demo with the default (embedded)
location and zone shows the demo's own place instead, :data:`DEMO_LOCATION` in :data:`DEMO_TIMEZONE`:
the zone the air quality and sun/moon recordings were made in (+01:00). A location or zone the user
configured (in the file or the environment, even when it equals the default) is never replaced: the
board keeps it and the log says that the data is the recorded demo's.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection
from pathlib import Path

from ..config import Config, Location

log = logging.getLogger("ecoboard.demo")

DEMO_REPLAY = Path(__file__).resolve().parents[1] / "demo" / "replay"

DEMO_LOCATION = Location(lat=52.52, lon=13.41, name="Recorded demo")
"""Shown on the board while it replays the demo: Berlin's coordinates (where the air quality was recorded)."""

DEMO_TIMEZONE = "Europe/Berlin"
"""The zone of the demo's air quality (Berlin) and sun/moon (Oslo, +01:00) recordings."""

RECORDED = (
    "weather recorded in Penza on 2023-11-11, air quality in Berlin on 2024-02-21, sun and moon in Oslo "
    "on 2022-12-18, MLB games of 2024-04-28, NFL week 1 of 2022"
)
"""Where and when the demo's recordings were made (``ecoboard/demo/replay/PROVENANCE.md``)."""


def is_demo(replay_dir: Path | None) -> bool:
    """True when ``replay_dir`` is the shipped demo's directory."""
    return replay_dir is not None and replay_dir.resolve() == DEMO_REPLAY


def demo_config(config: Config, replay_dir: Path | None, configured: Collection[str] = ()) -> Config:
    """``config`` as the board runs it on ``replay_dir``: with the demo's place and zone when that is the
    shipped demo and neither ``location`` nor ``timezone`` is among the ``configured`` keys (those the
    config file or environment sets, :func:`ecoboard.config.configured_keys`: a configured Boston is
    kept too); otherwise ``config`` itself. Either way a board on the demo logs one line saying what it
    replays."""
    if not is_demo(replay_dir):
        return config
    defaults = Config()
    if not {"location", "timezone"} & set(configured):
        log.info(
            "replaying the recorded demo (%s): the board shows it as %r in %s, not the default location %r",
            RECORDED,
            DEMO_LOCATION.name,
            DEMO_TIMEZONE,
            defaults.location.name,
        )
        return dataclasses.replace(config, location=DEMO_LOCATION, timezone=DEMO_TIMEZONE)
    log.warning(
        "replaying the recorded demo (%s): the board keeps the configured location %r and zone %s, "
        "but the data it shows is the recorded demo's, not %r's",
        RECORDED,
        config.location.name,
        config.timezone,
        config.location.name,
    )
    return config
