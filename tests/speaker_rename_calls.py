"""Invented calls from four trades whose speakers are only labels a recorder gave ("Speaker B",
``SPEAKER_01``, a UUID) or a first name ("Janet"): stored through the real ingest, detection,
embedding and clustering, for the tests that rename a speaker once a user knows who spoke
(shared by the API, CLI and web tests). The rep greets no one by name: a numbered speaker greeted
by name is named so at ingest."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest.paths import ingest_paths
from pipeline.workspace import Workspace

# The rep's and the buyer's label in each call, as the file gives them.
VET_REP, VET_BUYER = "8c1d4e2f-5a6b-4c7d-9e0f-1a2b3c4d5e6f", "3f2a9c1e-8b7d-4e0f-a1b2-c3d4e5f60718"
LABELS = {
    "vets.json": ("Speaker 1", "Speaker 2"),  # what the ids are shown as
    "warehouse.txt": ("SPEAKER_00", "SPEAKER_01"),
    "salon.txt": ("Speaker A", "Speaker B"),
    "accountants.json": ("Sam Reyes", "Janet"),  # a participants list names them so
}
TURNS = {
    "vets.json": [
        "Thanks for making time, Ruth. How did the trial go at the clinic?",
        "The nurses liked the booking screen. The monthly price per vet is far more than our "
        "budget allows.",
        "What would make it work for you?",
        "Setting up the lab codes took our front desk three full weeks, which was too long.",
    ],
    "warehouse.txt": [
        "Hi there, how are things at the depot?",
        "The scanner app was slow on the night shift and the price is too high for a depot our "
        "size.",
        "What about the setup?",
        "Getting the pickers onto it took weeks, the onboarding dragged on far too long.",
    ],
    "salon.txt": [
        "Hi there, how is the salon doing?",
        "Busy. The monthly price is more than our booking system and card reader together.",
        "And the setup?",
        "Importing the client cards took my receptionist two weeks, far too long for us.",
    ],
    "accountants.json": [
        "Thanks for the time today, Janet.",
        "Per-seat pricing is too expensive once the tax season temps join.",
        "Where did the trial stall?",
        "Re-keying the client files took our bookkeeper two weeks, the setup was far too slow.",
    ],
}
RECORDS = {
    "vets.json": "2026-05-04,Oakfield Vets,lost,Healthcare",
    "warehouse.txt": "2026-05-06,Becker Logistics,lost,Logistics",
    "salon.txt": "2026-05-08,Mia Hair Studio,lost,Beauty",
    "accountants.json": "2026-05-11,Hale & Ross Accountants,lost,Professional services",
}


def _file(name: str) -> str:
    rep, buyer = (VET_REP, VET_BUYER) if name == "vets.json" else LABELS[name]
    turns = [
        {"speaker": rep if n % 2 == 0 else buyer, "start": 8.0 * n, "text": said}
        for n, said in enumerate(TURNS[name])
    ]
    if name == "vets.json":  # a recorder's export: speakers only by id
        return json.dumps({"transcript": turns})
    if name.endswith(".json"):  # a meeting tool's: its participants, by side
        sides = [
            {"name": rep, "affiliation": "internal"},
            {"name": buyer, "affiliation": "external"},
        ]
        return json.dumps({"participants": sides, "transcript": turns})
    return "".join(
        f"{rep if n % 2 == 0 else buyer}: {said}\n" for n, said in enumerate(TURNS[name])
    )


def ingest_rename_calls(workspace: Workspace, folder: Path) -> dict[str, int]:
    """Write the calls and a manifest (each call's rep named by its label, the vets' by id) to
    ``folder``, ingest them as ``callmine ingest`` does; each file's call id."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,date,account,outcome,industry,our_speakers"]
    for name, record in RECORDS.items():
        (folder / name).write_text(_file(name))
        date, account, outcome, industry = record.split(",")
        rep = VET_REP if name == "vets.json" else LABELS[name][0]
        rows.append(f'{name},{date},"{account}",{outcome},{industry},{rep}')
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n")
    batch = ingest_paths(workspace, [folder], manifest=folder / "manifest.csv")
    return {r.filename: int(r.call_id) for r in batch.results if r.call_id is not None}
