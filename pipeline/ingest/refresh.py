"""A file uploaded again with new metadata: the stored call takes what the user now says of it
(a deal since won, a corrected date), instead of the upload answering "duplicate" and dropping
it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from pipeline.ingest.names import name_matches
from pipeline.ingest.redating import mark_set_by_hand
from pipeline.ingest.schemas import CallMetadata, IngestResult
from pipeline.ingest.spellings import spelt_as_stored
from pipeline.ingest.values import account_key, industry_name
from pipeline.store.models import Call

# Upload field -> call column; the fields a user gives of a call, not of its content.
_COLUMNS = {
    "date": "call_date",
    "account": "account",
    "outcome": "outcome",
    "deal_id": "deal_id",
    "deal_stage": "deal_stage",
    "industry": "industry",
    "competitors": "competitors",
}


def _given(metadata: CallMetadata) -> dict[str, Any]:
    values = {field: getattr(metadata, field) for field in _COLUMNS}
    if values["industry"] is not None:
        values["industry"] = industry_name(values["industry"])
    return {field: value for field, value in values.items() if value not in (None, "", [])}


def shown_value(value: object) -> str:
    """A call's field as a change says it ("outcome: open → won"): none for blank."""
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return "none" if value in (None, "") else str(value)


def changes_stored_calls(metadata: CallMetadata) -> bool:
    """Whether this metadata, given with an upload, is taken by the calls it finds stored."""
    return bool(_given(metadata) or metadata.our_speakers)


def refresh_metadata(
    session: Session, results: Sequence[IngestResult], metadata: CallMetadata
) -> list[IngestResult]:
    """Each already-stored call of ``results`` updated with the metadata given now; its result
    says what changed ("already stored; outcome: open → won")."""
    if not changes_stored_calls(metadata):
        return list(results)
    given = _given(metadata)
    out: list[IngestResult] = []
    for result in results:
        stored = result.status in ("duplicate", "resumed") and result.call_id is not None
        call = session.get(Call, result.call_id) if stored else None
        if call is None:
            out.append(result)
            continue
        changed = take_fields(session, call, given)
        if "date" in given:
            call.extra = mark_set_by_hand(call.extra)
        if any(change.startswith("competitors:") for change in changed):
            call.analysis_state = "pending"  # detection looks for the deal's named rivals
        if metadata.our_speakers and _our_speakers_changed(call, metadata.our_speakers):
            changed.append(f"our speakers: {shown_value(call.our_speakers)} → "
                           f"{shown_value(metadata.our_speakers)}")  # fmt: skip
            _take_our_speakers(call, metadata.our_speakers)
        out.append(with_changes(result, changed))
    session.flush()
    return out


def take_fields(session: Session, call: Call, given: dict[str, Any]) -> list[str]:
    """Set the stored call's fields to ``given`` (upload field -> value); what changed, as
    "outcome: open → won"."""
    changed = []
    for field, value in given.items():
        column = _COLUMNS[field]
        before = getattr(call, column)
        if field == "account" and account_key(before or "") == account_key(value):
            continue  # the same account spelt another way ("… LLP")
        if field == "account":
            value = spelt_as_stored(session, value, call.id)
        if before != value:
            setattr(call, column, value)
            changed.append(f"{field}: {shown_value(before)} → {shown_value(value)}")
    return changed


def with_changes(result: IngestResult, changed: Sequence[str]) -> IngestResult:
    """The result saying what changed, after what an earlier step said it updated."""
    if not changed:
        return result
    said = result.reason or "already stored; updated"
    joiner = "; " if result.reason else " "
    return result.model_copy(update={"reason": said + joiner + "; ".join(changed)})


def _our_speakers_changed(call: Call, names: Sequence[str]) -> bool:
    return sorted(n.casefold() for n in call.our_speakers or []) != sorted(
        n.casefold() for n in names
    )


def _take_our_speakers(call: Call, names: Sequence[str]) -> None:
    """Our people named now: the speakers they match are reps, every other speaker the buyer
    (as when they are named at the first upload); the call is analysed again (pending).

    A manifest's ``our_speakers`` on a re-upload had updated the account and outcome but not
    who the rep was, without a word."""
    call.our_speakers = list(names)
    for utterance in call.utterances:
        if utterance.speaker is None or utterance.role == "rep_note":
            continue
        ours = any(name_matches(utterance.speaker, name) for name in names)
        utterance.role = "rep" if ours else "buyer"
    call.analysis_state = "pending"
