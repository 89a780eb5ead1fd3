"""Invented calls from four trades whose buyers say a point that cannot stand alone after the
sentence it leans on ("...three full weeks. And then the price."): stored through the real
ingest, detection, embedding and clustering (shared by the lead-in tests)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.ingest.paths import ingest_paths
from pipeline.workspace import Workspace

REP = "Sam Reyes"
CALLS = {
    "vets.txt": (
        "2026-05-04,Oakfield Vets,lost,Healthcare",
        [
            (REP, "Thanks for making time. How did the trial go at the clinic?"),
            ("Priya Patel", "It went okay. The vet nurses liked the booking screen, honestly."),
            (REP, "Good to hear. What held you back?"),
            (
                "Priya Patel",
                "Setting up the X-ray & lab codes took our front desk three full weeks. "
                "And then the price.",
            ),
            (REP, "Tell me more about the price side."),
            (
                "Priya Patel",
                "Ninety a month per vet is more than we pay for the whole practice system.",
            ),
        ],
    ),
    "warehouse.txt": (
        "2026-05-06,Becker Logistics,lost,Logistics",
        [
            (REP, "Hi Tom, thanks for jumping on. How are things at the depot?"),
            ("Tom Becker", "Busy, the peak season starts next week."),
            (REP, "Where did you land on the proposal?"),
            (
                "Tom Becker",
                "The pickers found the scanner app slow on the night shift. Plus the contract.",
            ),
            (REP, "What about the contract bothers you?"),
            ("Tom Becker", "Twelve months is too long a commitment for a warehouse our size."),
        ],
    ),
    "salon.txt": (
        "2026-05-08,Mia Hair Studio,lost,Beauty",
        [
            (REP, "Hi Mia, how is the salon doing?"),
            ("Mia Lopez", "Good, we're fully booked most Saturdays now."),
            (REP, "Great. What did you think of the pricing I sent?"),
            ("Mia Lopez", "Exactly what I expected. Those are the main things."),
            (REP, "Is it the monthly amount?"),
            (
                "Mia Lopez",
                "Yes, the monthly price is more than our booking system and card reader together.",
            ),
        ],
    ),
    "accountants.txt": (
        "2026-05-11,Hale & Ross Accountants,lost,Professional services",
        [
            (REP, "Thanks for the time today. Where are you with the decision?"),
            (
                "Ruth Hale",
                "Our bookkeeper Janet Morris spent two weeks re-keying client files in the trial. "
                "Also the annual contract.",
            ),
            (REP, "What worries you about the contract?"),
            (
                "Ruth Hale",
                "A twelve month term is a big commitment for a practice of six people.",
            ),
            (REP, "And the fees?"),
            ("Ruth Hale", "Per-seat pricing is too expensive once the tax season temps join."),
        ],
    ),
}


def ingest_lead_in_calls(workspace: Workspace, folder: Path) -> None:
    """Write the calls and a manifest to ``folder`` and ingest them as ``callmine ingest`` does."""
    ingest_manifest_calls(workspace, folder, CALLS, REP)


def ingest_manifest_calls(
    workspace: Workspace,
    folder: Path,
    calls: Mapping[str, tuple[str, Sequence[tuple[str, str]]]],
    rep: str,
) -> None:
    """Write ``calls`` (file name: "date,account,outcome,industry" and its turns) and a
    manifest naming ``rep`` our speaker to ``folder``, and ingest them as ``callmine ingest``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,date,account,outcome,industry,our_speakers"]
    for name, (record, turns) in calls.items():
        (folder / name).write_text("".join(f"{who}: {said}\n" for who, said in turns))
        date, account, outcome, industry = record.split(",")
        rows.append(f'{name},{date},"{account}",{outcome},{industry},{rep}')
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n")
    ingest_paths(workspace, [folder], manifest=folder / "manifest.csv")
