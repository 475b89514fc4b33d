"""Stopping a long-running command the tests started, as a Deployment or systemd stops it."""

from __future__ import annotations

import signal
import subprocess


def stop_with_sigterm(proc: subprocess.Popen[str], signum: signal.Signals = signal.SIGTERM) -> str:
    """SIGTERM ``proc`` (or send ``signum``, once) and wait for it (killed if it outlives 30 s); the rest
    of its stderr."""
    try:
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return err
