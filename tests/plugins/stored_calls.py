"""Files uploaded unanalysed into a workspace, and the stored calls read back detached: the
fixture that export and parser tests share to check speakers, sides and accounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.ingest import team
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Utterance
from pipeline.workspace import Workspace


def store_all(
    workspace: Workspace, files: Mapping[str, bytes], team_of: Sequence[str] = ()
) -> dict[str, Call]:
    """Each file uploaded (after ``team_of`` joins the roster), and the stored calls by file,
    with their utterances; the workspace is closed afterwards."""
    company = workspace.settings.our_company
    try:
        with workspace.session() as db:
            for member in team_of:
                team.add_member(db, member, company=company)
        for name, data in files.items():
            [result] = ingest_bytes(workspace, data, name, analyse=False)
            assert result.status == "created", (name, result.reason)
        with workspace.session() as db:
            calls = db.scalars(select(Call).options(selectinload(Call.utterances))).all()
            for call in calls:
                db.expunge(call)
    finally:
        workspace.close()
    return {call.filename: call for call in calls}


def read_files(folder: Path, names: Sequence[str]) -> dict[str, bytes]:
    """The named files of ``folder``, by name."""
    return {name: (folder / name).read_bytes() for name in names}


def buyer_calls(session: Session, lines: Sequence[str], calls: int = 2) -> None:
    """``calls`` calls each of which has the buyer say ``lines`` in turn (phrases count only
    what more than one call says); committed."""
    for index in range(calls):
        call = Call(filename=f"{index}.txt", format="txt", raw_text="", content_hash=str(index))
        session.add(call)
        session.flush()
        for position, text in enumerate(lines):
            session.add(Utterance(call_id=call.id, seq=position, role="buyer", text=text))
    session.commit()
