"""Small sample inputs and helpers several test modules share (the fixtures are in conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

TRANSCRIPT = (
    b"Maya Chen: Thanks for making the time, Dana. How's the season going?\n"
    b"Dana Ruiz: Busy, honestly. We're still doing the rota in a spreadsheet.\n"
    b"Maya Chen: Got it. What made you look at tools now?\n"
    b"Dana Ruiz: The annual contract is what scares me, to be honest.\n"
)

CRM_CSV = (
    b"Gist,Practice,When,Deal Stage\n"
    b'"Owner worried about the annual contract, wants monthly.",Harbourview Dental,2026-04-02,'
    b"Negotiation\n"
    b'"Asked whether it syncs with Xero.\nAlso: who else uses it?",Corner Books,2026-04-03,Demo\n'
)


def dead_pid() -> int:
    """The pid of a process that has exited (a job owner that is gone)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def transcript(tag: str) -> bytes:
    """A small distinct transcript, so each test call has its own content hash."""
    return TRANSCRIPT + f"Maya Chen: I will send a note about {tag}.\n".encode()


def add_mention(workspace: Workspace, call_id: int, kind: str = "objection") -> None:
    with workspace.session() as db:
        utterance = db.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ).first()
        assert utterance is not None
        db.add(
            Mention(
                utterance_id=utterance.id,
                call_id=call_id,
                kind=kind,
                category="contract_length",
                text=utterance.text,
                char_end=len(utterance.text),
                competitor="ShiftLy" if kind == "competitor" else None,
            )
        )


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
