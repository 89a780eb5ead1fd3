"""A CRM's record ids where a name belongs (Salesforce Data Loader's ``AccountId``, ``WhatId``)
are never an account or a rep; the upload says which column held them and what to pass; a
buyer quoted in the notes is the person the notes name. Rows written by hand, people invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.record_ids import is_record_id
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

TASKS = (
    '"Id","WhoId","WhatId","Subject","ActivityDate","OwnerId","Description","AccountId"\n'
    '"00T5g00000AbCdEFA1","0035g00000Xy1ZzAAJ","0065g00000Pq2RsAAJ","Call - discovery",'
    '"2026-04-02","0055g000001AbCdAAK","Spoke with Ines Karlsson (Ops lead).\n'
    'Ines: ""Our drivers share two tablets per depot.""\nSent pricing.","0015g00000Lm3NoAAJ"\n'
    '"00T5g00000AbCdFFA1","0035g00000Xy1ZzAAJ","0065g00000Pq2RsAAJ","Call - follow up",'
    '"2026-04-09","0055g000001AbCdAAK","Sent pricing.","0015g00000Lm3NoAAJ"\n'
    '"00T5g00000AbCdGFA1","0035g00000Xy9ZzAAJ","0065g00000Pq9RsAAJ","Email: Re: Rotaly proposal",'
    '"2026-04-09","0055g000001AbCdAAK","Sent pricing.","0015g00000Zz9NoAAJ"\n'
)


@pytest.mark.parametrize(
    "value",
    ["0015g00000Lm3NoAAJ", "0015g00000Lm3No", "00T5g00000AbCdEFA1", "41828839201",
     "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}"],
)  # fmt: skip
def test_record_ids_are_told_from_names(value: str) -> None:
    assert is_record_id(value)


@pytest.mark.parametrize(
    "value", ["Acme Ltd", "3M", "Northwind Traders", "SiteSafe2026", "Fenwick & Hale", "7-Eleven"]
)
def test_names_are_no_record_ids(value: str) -> None:
    assert not is_record_id(value)


def _ingest(tmp_path: Path, metadata: CallMetadata | None = None) -> tuple[list[str], list[Call]]:
    workspace = Workspace(make_settings(tmp_path / "data", our_company="Rotaly"))
    try:
        results = ingest_bytes(workspace, TASKS.encode(), "extract_Task.csv", metadata,
                               analyse=False)  # fmt: skip
        with workspace.session() as db:
            calls = list(db.query(Call).order_by(Call.id))
            db.expunge_all()
    finally:
        workspace.close()
    return [result.understood or "" for result in results], calls


def test_a_data_loader_export_takes_no_id_for_an_account(tmp_path: Path) -> None:
    understood, calls = _ingest(tmp_path)
    # rows 2 and 3 say the same on two accounts: two calls, as when the id was the name
    assert len(calls) == 3
    assert [call.account for call in calls] == [None, None, None]
    assert "0015g00000Lm3NoAAJ" not in str([call.our_speakers for call in calls])
    assert understood[0].endswith(
        "'AccountId' and 'WhatId' hold record ids, not names, so no account was read; pass "
        '--account, or --column-map \'{"account": "<column of names>"}\''
    )


def test_an_account_given_needs_no_hint(tmp_path: Path) -> None:
    understood, calls = _ingest(tmp_path, CallMetadata(account="Halden Freight"))
    assert {call.account for call in calls} == {"Halden Freight"}
    assert not any("record id" in text for text in understood)


def test_a_quote_in_a_task_is_the_person_the_notes_name() -> None:
    first = parse_file(TASKS.encode(), "extract_Task.csv")[0]
    said = [(u.speaker, u.role, u.text) for u in first.utterances if u.role == "buyer"]
    assert said == [("Ines Karlsson", "buyer", "Our drivers share two tablets per depot.")]


HUBSPOT = (
    '"Record ID","Call notes","Associated Company","Activity assigned to"\n'
    '"51828839201","<p>Spoke to <strong>Rosa Lindqvist</strong> (Fleet Manager).</p><ul><li>'
    'Rosa: ""we lost a week of logs when the old app crashed""</li></ul>","Halden Freight",'
    '"Sam Ruiz"\n'
    '"51828839202","<p>Follow up. Piotr Nowak said they renew in May.</p><p>He said ""the '
    'drivers hate typing on the small screens.""</p>","Halden Freight","Sam Ruiz"\n'
    '"51828839203","<p>Rosa confirmed the order &#127881;</p><p>She said ""the depot '
    'check-in saves us an hour a day""</p>","Halden Freight","Sam Ruiz"\n'
    '"51828839204","<p>Pain Point: ""nobody reads the PDF manuals at all""</p>",'
    '"Halden Freight","Sam Ruiz"\n'
)


def test_a_lead_in_names_whose_quote_it_is() -> None:
    """ "Rosa:", "He said" after "Piotr Nowak said", "She said" after "Rosa confirmed": the
    quote had been a buyer's with no speaker; a lead-in naming no one still names no one."""
    calls = parse_file(HUBSPOT.encode(), "hubspot-calls.csv", our_speakers=["Sam Ruiz"])
    quoted = [[u.speaker for u in call.utterances if u.role == "buyer"] for call in calls]
    assert quoted == [["Rosa Lindqvist"], ["Piotr Nowak"], ["Rosa"], [None]]
