"""Small sample inputs and helpers several test modules share (the fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.detect import RuleEmbeddingDetector
from pipeline.store.models import Call, Cluster, Mention, Utterance
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


@dataclass(frozen=True)
class Said:
    """A turn as the detector reads it (``UtteranceLike``), spoken by a named speaker."""

    id: int
    role: str
    text: str
    speaker: str | None = None
    call_id: int = 1


def aside_then_worry(rep: str, aside: str, worry: str, asked: str) -> list[Said]:
    """A rep's line, the buyer's aside to it, the rep's ``asked`` and the buyer's real worry."""
    turns = [("rep", rep), ("buyer", aside), ("rep", asked), ("buyer", worry)]
    return [Said(i, role, text) for i, (role, text) in enumerate(turns)]


def kinds_found(detector: RuleEmbeddingDetector, call: list[Said]) -> dict[str, str]:
    """Each sentence the detector found in ``call``, with its kind."""
    return {d.text: d.kind for ds in detector.detect_utterances(call).values() for d in ds}


def half_the_examples(folder: Path) -> list[Path]:
    """Every other example call, and the first of each format that leaves out: every format is
    still read and there are calls enough for several themes, at half the analysis."""
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name != "manifest.csv"]
    picked = files[::2]
    missing = {p.suffix for p in files} - {p.suffix for p in picked}
    return picked + [next(p for p in files if p.suffix == suffix) for suffix in sorted(missing)]


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


@dataclass(frozen=True)
class MixedThemes:
    """Objection themes ``seed_mixed_themes`` stored: two with a confident mention and the
    largest one made only of uncertain ones (a won deal's praise read as an objection)."""

    price: int
    setup: int
    unsure: int


# Three calls (account, outcome, date) and each theme's mentions: (call, words, confidence).
_MIXED_CALLS = (
    ("Fernhill Bakery", "lost", "2026-03-02"),
    ("Quarry Lane Vets", "won", "2026-03-09"),
    ("Marsh Street Dental", "lost", "2026-02-10"),
)
_MIXED_THEMES = {
    "The monthly price is too steep": (
        (0, "The monthly price is too steep for one shop.", 0.9),
        (2, "That price is more than we pay for the phones.", 0.8),
        (1, "Price was a question, I suppose.", 0.3),
    ),
    "Setting it up takes too long": (
        (0, "Six weeks to set it up is too long for us.", 0.9),
        (2, "We can't spare a nurse to set things up.", 0.35),
    ),
    "The reminders are why we picked you": (
        (1, "The text reminders are why we picked you.", 0.2),
        (1, "Our clients like the reminders a lot.", 0.3),
        (0, "The reminders looked nice in the demo.", 0.25),
        (2, "Reminders might help with no-shows.", 0.4),
    ),
}


def seed_mixed_themes(session: Session) -> MixedThemes:
    """Calls, buyer sentences and objection themes as analysis stores them (the analysis
    itself would need the model): see :class:`MixedThemes`."""
    calls = []
    for account, outcome, day in _MIXED_CALLS:
        call = Call(
            content_hash=f"mixed-{account}", filename=f"{account}.txt", format="txt",
            title=account, raw_text="", call_date=dt.date.fromisoformat(day), account=account,
            outcome=outcome, analysis_state="analysed",
        )  # fmt: skip
        session.add(call)
        calls.append(call)
    session.flush()
    ids = []
    for name, mentions in _MIXED_THEMES.items():
        theme = Cluster(kind="objection", name=name, auto_name=name, status="active")
        session.add(theme)
        session.flush()
        ids.append(theme.id)
        for seq, (on, text, confidence) in enumerate(mentions, start=theme.id * 10):
            said = Utterance(call_id=calls[on].id, seq=seq, speaker=None, role="buyer", text=text)
            session.add(said)
            session.flush()
            mention = Mention(
                utterance_id=said.id, call_id=said.call_id, kind="objection", category="price",
                text=text, char_end=len(text), cluster_id=theme.id, confidence=confidence,
            )  # fmt: skip
            session.add(mention)
    session.flush()
    return MixedThemes(*ids)
