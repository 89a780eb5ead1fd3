"""The record, in a stored call's ``extra``, of a user's changes to its speakers and when: a
speaker renamed ("Speaker 2" is Ruth Okafor) or moved to another side ("Speaker 2" was the
buyer, not unknown). Why: a document built on the call was written before the change (a rep's
reply sourced to "rep Speaker 2", a buyer's new name one the redactor only now hides; a line
quoted as a buyer's that is now a rep's, a buyer's line left out as a speaker unknown's), so
it is out of date from the change on (``pipeline.content.staleness``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import Call

SPEAKERS_RENAMED = "speakers_renamed"  # extra key: [{"from": old, "to": new, "at": ISO time}]
# extra key: [{"speaker": name, "from": old side, "to": new side, "at": ISO time}]
SIDES_CHANGED = "speaker_sides_changed"


def with_renames(
    extra: Mapping[str, Any], renames: Mapping[str, str], at: dt.datetime
) -> dict[str, Any]:
    """``extra`` with these renames (old -> new) recorded at ``at``: a new dict, so the JSON
    column sees the change."""
    done = [{"from": old, "to": new, "at": at.isoformat()} for old, new in renames.items()]
    return _with(extra, SPEAKERS_RENAMED, done)


def with_side_changes(
    extra: Mapping[str, Any], sides: Mapping[str, tuple[str, str]], at: dt.datetime
) -> dict[str, Any]:
    """``extra`` with these side changes (speaker -> (old side, new side)) recorded at ``at``:
    a new dict, so the JSON column sees the change."""
    done = [
        {"speaker": speaker, "from": old, "to": new, "at": at.isoformat()}
        for speaker, (old, new) in sides.items()
    ]
    return _with(extra, SIDES_CHANGED, done)


def renamed_since(session: Session, call_ids: Iterable[int], since: dt.datetime) -> list[int]:
    """The calls among ``call_ids`` on which a speaker was renamed at ``since`` or later."""
    return _changed_since(session, call_ids, since, SPEAKERS_RENAMED)


def sides_changed_since(session: Session, call_ids: Iterable[int], since: dt.datetime) -> list[int]:
    """The calls among ``call_ids`` on which a speaker's side changed at ``since`` or later."""
    return _changed_since(session, call_ids, since, SIDES_CHANGED)


def _with(extra: Mapping[str, Any], key: str, done: list[dict[str, str]]) -> dict[str, Any]:
    kept = extra.get(key)
    return {**extra, key: [*(kept if isinstance(kept, list) else []), *done]}


def _changed_since(
    session: Session, call_ids: Iterable[int], since: dt.datetime, key: str
) -> list[int]:
    ids = sorted(set(call_ids))
    if not ids:
        return []
    found = []
    for call_id, extra in session.execute(select(Call.id, Call.extra).where(Call.id.in_(ids))):
        if any(_at(entry) >= since for entry in _entries(extra, key)):
            found.append(int(call_id))
    return sorted(found)


def _entries(extra: object, key: str) -> list[Mapping[str, Any]]:
    kept = extra.get(key) if isinstance(extra, dict) else None
    return [entry for entry in kept or [] if isinstance(entry, dict)]


def _at(entry: Mapping[str, Any]) -> dt.datetime:
    """When the change was made, in UTC; the earliest time for an entry that says none."""
    try:
        at = dt.datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)
