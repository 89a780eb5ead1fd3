"""Who a process is ("host:pid") and whether one named so is gone: jobs and stored calls
record their owner this way, so work a dead process left is picked up by another."""

from __future__ import annotations

import os
import socket


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def process_gone(owner: str | None) -> bool:
    """The owner ran on this machine and that pid is no longer alive, or it is this very
    process (whose callers know what it still runs); another machine's work is its own."""
    if not owner or ":" not in owner:
        return True
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid <= 0 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
