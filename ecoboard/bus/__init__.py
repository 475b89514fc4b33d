"""The update bus: ``update`` and ``control`` messages, in-process or over Redis pub/sub."""

from ._base import CHANNELS, Bus, BusMessage, BusState, Channel
from ._mailbox import Mailbox
from ._memory import MemoryBus
from ._open import open_bus
from ._redis import RedisBus

__all__ = ["CHANNELS", "Bus", "BusMessage", "BusState", "Channel", "Mailbox", "MemoryBus", "RedisBus", "open_bus"]
