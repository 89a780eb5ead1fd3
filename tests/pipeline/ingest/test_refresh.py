"""A file uploaded again with new metadata updates its stored call (a deal since won), where the
upload had answered "duplicate" and dropped what the user said."""

from __future__ import annotations

import datetime as dt

from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_data
from pipeline.store.models import Call
from pipeline.workspace import Workspace

NOTE = b"Rep: Maria\n\nMaria: It is forty a month.\nDana: That is too much for us right now.\n"


def test_a_duplicate_upload_updates_the_calls_metadata(ws: Workspace) -> None:
    [first] = ingest_data(ws, NOTE, "call.txt", CallMetadata(outcome="open"))
    later = CallMetadata(outcome="won", account="Brightside Dental", date=dt.date(2026, 3, 2))
    [again] = ingest_data(ws, NOTE, "call-copy.txt", later)
    # "resumed": stored, not analysed yet (ingest_data does not analyse)
    assert (again.status, again.call_id) == ("resumed", first.call_id)
    assert again.reason == (
        "already stored; updated date: none → 2026-03-02; account: none → Brightside Dental; "
        "outcome: open → won"
    )
    with ws.session() as session:
        call = session.get(Call, first.call_id)
        assert call is not None
        assert (call.outcome, call.account, call.call_date) == (
            "won",
            "Brightside Dental",
            dt.date(2026, 3, 2),
        )
    [same] = ingest_data(ws, NOTE, "call.txt", later)  # nothing new to say: a plain duplicate
    assert (same.status, same.reason) == ("resumed", None)
    [bare] = ingest_data(ws, NOTE, "call.txt", CallMetadata())  # no metadata changes nothing
    assert bare.reason is None
    with ws.session() as session:
        call = session.get(Call, first.call_id)
        assert call is not None and call.outcome == "won"
