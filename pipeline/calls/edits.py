"""Correct and delete stored calls; a change of speaker roles (``speaker_sides``) re-runs
detection on the call, a speaker's new name (``speaker_names``) only renames."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pipeline.analysis import flow as analysis
from pipeline.calls.queries import get_call, get_stored_call
from pipeline.calls.schemas import CallDetail, CallUpdate
from pipeline.calls.speaker_names import rename_speakers, said_renames
from pipeline.calls.speaker_sides import move_speakers
from pipeline.ingest.redating import mark_set_by_hand
from pipeline.ingest.refresh import shown_value
from pipeline.ingest.spellings import spelt_as_stored
from pipeline.ingest.values import industry_name
from pipeline.workspace import Workspace


def update_call(db: Session, call_id: int, update: CallUpdate) -> CallDetail:
    """Apply the fields sent, then the roles and then the new names of speakers (both name the
    speakers as they were before); an unknown speaker in either is a ``BadInput``."""
    call = get_stored_call(db, call_id)
    fields = update.model_dump(exclude_unset=True, exclude={"speaker_roles", "speaker_names"})
    columns = {"date": "call_date"}
    for name, value in fields.items():
        if name == "outcome" and value is None:
            value = "unknown"
        if name in ("our_speakers", "competitors") and value is None:
            value = []
        if name == "industry":
            value = industry_name(value)
        if name == "account" and value:
            value = spelt_as_stored(db, value, call_id)
        setattr(call, columns.get(name, name), value)
    if "date" in fields:  # never read again by pipeline.ingest.redating
        call.extra = mark_set_by_hand(call.extra)
    if update.speaker_roles:
        move_speakers(call, update.speaker_roles)
    if update.speaker_names:
        rename_speakers(db, call, update.speaker_names)
    db.flush()
    return get_call(db, call_id)


def correct_call(workspace: Workspace, call_id: int, update: CallUpdate) -> CallDetail:
    """``update_call`` committed, then re-analysed when roles or competitors changed (the
    competitors named for a deal are names detection looks for; idempotent per call)."""
    with workspace.session() as db:
        detail = update_call(db, call_id, update)
    if not update.speaker_roles and update.competitors is None:
        return detail
    analysis.analyse_calls(workspace, [call_id])
    with workspace.session() as db:
        return get_call(db, call_id)


def correct_details(workspace: Workspace, call_id: int, update: CallUpdate) -> list[str]:
    """``correct_call`` with only the fields sent that differ from the stored call's (a form
    sends them all; an unchanged rival list re-runs no detection): the changes, said as
    "outcome: won → lost"; none when nothing differed."""
    with workspace.session() as db:
        before = get_call(db, call_id, limit=1)
    sent = update.model_dump(exclude_unset=True, exclude={"speaker_roles", "speaker_names"})
    changed = {name: value for name, value in sent.items() if getattr(before, name) != value}
    renamed = said_renames(update.speaker_names)
    if not changed and not renamed:
        return []
    values = {**changed, "speaker_names": update.speaker_names}
    after = correct_call(workspace, call_id, CallUpdate.model_validate(values))
    return [
        f"{name}: {shown_value(getattr(before, name))} → {shown_value(getattr(after, name))}"
        for name in changed
    ] + [f"speaker: {said}" for said in renamed]


def delete_call(db: Session, call_id: int) -> None:
    """Delete a call; its utterances and mentions go with it (foreign-key cascade)."""
    db.delete(get_stored_call(db, call_id))
    db.flush()
