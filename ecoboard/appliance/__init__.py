"""The appliance: one trio supervisor running the render loop, fetchers or cluster sync, the API, systemd."""

from ._cycle import COMMANDS, Command, CycleView, PageCycle, parse_command
from ._local import LocalFetchers, local_kinds
from ._network import network_reachable, provider_hosts
from ._night import Brightness, followed_game_live, is_night, scheduled_brightness
from ._render_loop import Instruction, RenderHooks, RenderLoop
from ._state import DisplayState, FrameStats, Snapshot
from ._supervisor import Appliance, ApplianceOptions, run_appliance
from ._sync import Syncer
from ._systemd import Notifier, watchdog_interval

__all__ = [
    "COMMANDS",
    "Appliance",
    "ApplianceOptions",
    "Brightness",
    "Command",
    "CycleView",
    "DisplayState",
    "FrameStats",
    "Instruction",
    "LocalFetchers",
    "Notifier",
    "PageCycle",
    "RenderHooks",
    "RenderLoop",
    "Snapshot",
    "Syncer",
    "followed_game_live",
    "is_night",
    "local_kinds",
    "network_reachable",
    "parse_command",
    "provider_hosts",
    "run_appliance",
    "scheduled_brightness",
    "watchdog_interval",
]
