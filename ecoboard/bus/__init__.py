"""The update bus: ``update`` and ``control`` messages, in-process or over Redis pub/sub."""

from ._base import CHANNELS, Bus, BusMessage, Channel

__all__ = ["CHANNELS", "Bus", "BusMessage", "Channel"]
