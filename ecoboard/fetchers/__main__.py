"""``python -m ecoboard.fetchers KIND [--once] ...``: the Kubernetes Job entry point, the same as
``ecoboard fetch KIND ...`` (without loading the other subcommands)."""

import sys

from ..cli._cmd_fetch import job_main

sys.exit(job_main())
