"""``python -m ecoboard.fetchers KIND [--once] ...``: the Kubernetes Job entry point, the same as
``ecoboard fetch KIND ...``."""

import sys

from ..cli import main

sys.exit(main(["fetch", *sys.argv[1:]]))
