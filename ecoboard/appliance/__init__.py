"""The appliance: one trio supervisor running the render loop, fetchers or cluster sync, the API, systemd."""

from ._cycle import COMMANDS, Command, CycleView, PageCycle, parse_command
from ._night import Brightness, followed_game_live, is_night, scheduled_brightness
from ._state import DisplayState, FrameStats, Snapshot
from ._systemd import Notifier, watchdog_interval

__all__ = [
    "COMMANDS",
    "Brightness",
    "Command",
    "CycleView",
    "DisplayState",
    "FrameStats",
    "Notifier",
    "PageCycle",
    "Snapshot",
    "followed_game_live",
    "is_night",
    "parse_command",
    "scheduled_brightness",
    "watchdog_interval",
]
