"""Invented calls from three trades whose buyers answer a question with a word or two that say
nothing alone ("Bad.", "Twice.", "Never again."): stored through the real ingest, detection,
embedding and clustering (shared by the tests of what a theme quotes)."""

from __future__ import annotations

from pathlib import Path

from pipeline.workspace import Workspace
from tests.lead_in_calls import ingest_manifest_calls

REP = "Jo Carter"
BARE = ("Bad.", "Twice.", "Never again.", "Really awful.")
CALLS = {
    "kennels.txt": (
        "2026-06-02,Hilltop Kennels,open,Pet care",
        [
            (REP, "How did the bank holiday weekend go at the kennels?"),
            ("Dana Hill", "Bad."),
            (REP, "What went wrong?"),
            ("Dana Hill", "Two families turned up for the same run because the diary was wrong."),
            (REP, "Has that happened before?"),
            ("Dana Hill", "Twice."),
            ("Dana Hill", "And every time I spend the evening ringing owners to apologise."),
        ],
    ),
    "depot.txt": (
        "2026-06-04,Northgate Freight,lost,Logistics",
        [
            (REP, "How was the last stock count at the depot?"),
            ("Omar Shah", "Really awful."),
            ("Omar Shah", "The handheld scanners lost half the counts when the wifi dropped."),
            (REP, "Would you run a count that way again?"),
            ("Omar Shah", "Never again."),
            ("Omar Shah", "We re-counted the whole mezzanine by hand over a weekend."),
        ],
    ),
    "bookkeepers.txt": (
        "2026-06-09,Fenwick Bookkeeping,won,Professional services",
        [
            (REP, "How did the year end go for the practice?"),
            ("Lucy Fenwick", "Bad."),
            ("Lucy Fenwick", "We were re-keying bank statements until midnight for a week."),
            (REP, "How often did clients send the wrong statements?"),
            ("Lucy Fenwick", "Twice."),
            ("Lucy Fenwick", "Every month someone forgets to send the card statement on time."),
        ],
    ),
}


def ingest_bare_mention_calls(workspace: Workspace, folder: Path) -> None:
    """Write the calls and a manifest to ``folder`` and ingest them as ``callmine ingest`` does."""
    ingest_manifest_calls(workspace, folder, CALLS, REP)
