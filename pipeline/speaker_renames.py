"""The record, in a stored call's ``extra``, of the speakers a user renamed on it ("Speaker 2" is
Ruth Okafor) and when. Why: a document quoting the call was written with the old names (a rep's
reply is sourced to "rep Speaker 2", and a buyer's new name is one the redactor only now
hides), so it is out of date from the rename on (``pipeline.content.staleness``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import Call

SPEAKERS_RENAMED = "speakers_renamed"  # extra key: [{"from": old, "to": new, "at": ISO time}]


def with_renames(
    extra: Mapping[str, Any], renames: Mapping[str, str], at: dt.datetime
) -> dict[str, Any]:
    """``extra`` with these renames (old -> new) recorded at ``at``: a new dict, so the JSON
    column sees the change."""
    done = [{"from": old, "to": new, "at": at.isoformat()} for old, new in renames.items()]
    kept = extra.get(SPEAKERS_RENAMED)
    return {**extra, SPEAKERS_RENAMED: [*(kept if isinstance(kept, list) else []), *done]}


def renamed_since(session: Session, call_ids: Iterable[int], since: dt.datetime) -> list[int]:
    """The calls among ``call_ids`` on which a speaker was renamed at ``since`` or later."""
    ids = sorted(set(call_ids))
    if not ids:
        return []
    found = []
    for call_id, extra in session.execute(select(Call.id, Call.extra).where(Call.id.in_(ids))):
        if any(_at(entry) >= since for entry in _entries(extra)):
            found.append(int(call_id))
    return sorted(found)


def _entries(extra: object) -> list[Mapping[str, Any]]:
    kept = extra.get(SPEAKERS_RENAMED) if isinstance(extra, dict) else None
    return [entry for entry in kept or [] if isinstance(entry, dict)]


def _at(entry: Mapping[str, Any]) -> dt.datetime:
    """When the rename was made, in UTC; the earliest time for an entry that says none."""
    try:
        at = dt.datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)
