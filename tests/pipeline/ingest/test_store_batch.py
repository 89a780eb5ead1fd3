"""Many calls are stored in one transaction, on SQLite and PostgreSQL: each call whole, repeats
found by content, and a call the database refuses rejected alone, its neighbours kept."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import event, func, select

from pipeline.ingest import service
from pipeline.ingest.parse import read_calls
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.store import StorableCall, content_hash, storable, store_calls
from pipeline.store.models import Call, Utterance
from pipeline.workspace import Workspace

pytestmark = pytest.mark.postgres


def notes_csv(rows: list[str]) -> bytes:
    lines = [
        "Notes,Account,Date",
        *(f'"{note}",Account {i},2026-05-0{1 + i % 9}' for i, note in enumerate(rows)),
    ]
    return ("\n".join(lines) + "\n").encode()


def prepared(data: bytes) -> list[StorableCall]:
    calls = read_calls(data, "crm.csv", column_map={"text": "Notes"})
    return [storable(call, content_hash(call), "crm.csv", i) for i, call in enumerate(calls)]


def stored_counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.session() as session:
        calls = session.scalar(select(func.count(Call.id)))
        utterances = session.scalar(select(func.count(Utterance.id)))
    return int(calls or 0), int(utterances or 0)


def test_a_file_of_many_calls_is_stored_with_its_repeats_found(workspace: Workspace) -> None:
    notes = [f"Visit {i}: the price is too high. They use a spreadsheet." for i in range(1203)]
    data = notes_csv(notes)
    commits: list[object] = []
    count = commits.append  # one bound method: the listener removed below is this one
    event.listen(workspace.db.engine, "commit", count)
    results = service.ingest_data(
        workspace, data, "crm.csv", CallMetadata(), column_map={"text": "Notes"}
    )
    assert [r.status for r in results] == ["created"] * len(notes)
    assert len(commits) <= 1 + 3, "the roster's read, then one transaction per 500 calls"
    event.remove(workspace.db.engine, "commit", count)
    assert [r.index for r in results] == list(range(len(notes)))
    assert len({r.call_id for r in results}) == len(notes)
    calls, utterances = stored_counts(workspace)
    assert calls == len(notes) and utterances >= len(notes)
    with workspace.session() as session:  # each id names the call its row made
        first = session.get(Call, results[0].call_id)
        last = session.get(Call, results[-1].call_id)
        assert first is not None and last is not None
        assert first.account == "Account 0" and last.account == f"Account {len(notes) - 1}"
        assert (
            "Visit 1202:"
            in session.scalars(select(Utterance.text).where(Utterance.call_id == last.id)).first()
        )

    again = service.ingest_data(
        workspace, data, "crm.csv", CallMetadata(), column_map={"text": "Notes"}
    )
    assert {r.status for r in again} == {"resumed"}  # stored, not analysed yet: picked up again
    assert [r.call_id for r in again] == [r.call_id for r in results]
    assert stored_counts(workspace) == (calls, utterances)


def test_the_same_row_twice_in_one_file_is_one_call(workspace: Workspace) -> None:
    rows = ["Setup would take too long.", "Setup would take too long.", "Too dear."]
    data = notes_csv(rows).replace(b"Account 1,2026-05-02", b"Account 0,2026-05-01")
    results = service.ingest_data(
        workspace, data, "crm.csv", CallMetadata(), column_map={"text": "Notes"}
    )
    assert [r.status for r in results] == ["created", "duplicate", "created"]
    assert results[1].call_id == results[0].call_id
    assert stored_counts(workspace)[0] == 2


def test_a_call_the_database_refuses_is_rejected_alone(workspace: Workspace) -> None:
    calls = prepared(notes_csv(["Too dear for us.", "We use RotaPro.", "Setup takes too long."]))
    calls[1].parsed.extra["unstorable"] = {1, 2}  # not JSON: the whole batch's insert fails
    results = store_calls(workspace, calls, partial(service._store_alone, workspace), {})
    assert [r.status for r in results] == ["created", "rejected", "created"]
    assert results[1].index == 1 and "internal error while storing" in (results[1].reason or "")
    assert stored_counts(workspace) == (2, 2)  # nothing of the refused call, all of the others
    with workspace.session() as session:
        texts = set(session.scalars(select(Utterance.text)))
    assert texts == {"Too dear for us.", "Setup takes too long."}


def test_one_account_spelt_several_ways_is_stored_as_first_spelt(workspace: Workspace) -> None:
    """Spellings "Hartwell & Pike LLP", "hartwell and pike" and "The Hartwell & Pike" are one
    account, as first stored, in one file and across uploads; "Hartwell & Pike Group" is another."""
    rows = [
        "Notes,Account,Date",
        '"Too dear for a firm our size.","Hartwell & Pike LLP",2026-05-01',
        '"Setup would take too long.","hartwell and pike",2026-05-02',
        '"We already use Clio.","Hartwell & Pike Group",2026-05-03',
    ]
    data = ("\n".join(rows) + "\n").encode()
    service.ingest_data(workspace, data, "crm.csv", CallMetadata(), column_map={"text": "Notes"})
    later = b"Date: 2026-06-01\nAccount: The Hartwell & Pike, LLP\n\n- Still worried about price.\n"
    [result] = service.ingest_data(workspace, later, "note.md", CallMetadata())
    assert result.status == "created"
    with workspace.session() as session:
        accounts = list(session.scalars(select(Call.account).order_by(Call.id)))
    assert accounts == [
        "Hartwell & Pike LLP",
        "Hartwell & Pike LLP",
        "Hartwell & Pike Group",
        "Hartwell & Pike LLP",
    ]
    # Told again with the other spelling, the stored call keeps its account.
    [again] = service.ingest_data(
        workspace, later, "note.md", CallMetadata(account="Hartwell and Pike")
    )
    assert again.status in ("duplicate", "resumed") and "account" not in (again.reason or "")


def test_account_key() -> None:
    from pipeline.ingest.values import account_key

    assert account_key("Hartwell & Pike, L.L.P.") == account_key("hartwell and pike") != ""
    assert account_key("The Pet Clinic") == account_key("Pet Clinic Inc.")
    assert account_key("Acme Co") == "acme" and account_key("Co") == "co"
    assert account_key("Smith Dental Group") != account_key("Smith Dental")
