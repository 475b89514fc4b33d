"""The ``ecoboard`` command line. Each subcommand lives in its own ``_cmd_<name>.py`` module, which
defines ``register(subparsers)`` and sets ``handler`` on its parser; this module only dispatches.
"""

from ._main import main

__all__ = ["main"]
