"""A second redactor over the same calls (the next export, review or draft of a document) reads
none of their turns again for the names tied to a person by a role, and hides the same names."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import pipeline.redact as redact
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.name_parts import tied_people
from pipeline.redact import NAME, redactor_for
from pipeline.store.models import Call
from pipeline.workspace import Workspace

CALLS = {  # three trades, each naming the person who signs off by a role
    "haulage.txt": "Rep: How do you plan routes today?\n"
    "Buyer: I'd need Oisín to sign that off, he's our transport manager.\n",
    "dental.txt": "Rep: Who looks after the recalls?\n"
    "Buyer: Eilidh, our practice manager, decides on the booking software.\n",
    "bakery.txt": "Rep: What would stop you moving?\n"
    "Buyer: We'd ask Tavita, she runs the wholesale orders.\n",
}


def test_a_second_redactor_reads_no_turn_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in CALLS.items():
        ingest_bytes(workspace, text.encode(), name, CallMetadata(), analyse=False)
    read: list[str] = []

    def spied(text: str, common: frozenset[str] = frozenset()) -> list[str]:
        read.append(text)
        return tied_people(text, common)

    monkeypatch.setattr(redact, "tied_people", spied)
    with workspace.session() as db:
        ids = list(db.scalars(select(Call.id)))
        first = redactor_for(db, ids)
        turns = len(read)
        second = redactor_for(db, ids)
    assert turns >= len(CALLS) and len(read) == turns
    for said in ("A summary for Oisín.", "Send Eilidh the quote.", "Tavita wants a trial."):
        assert NAME in first.redact(said)
        assert second.redact(said) == first.redact(said)
