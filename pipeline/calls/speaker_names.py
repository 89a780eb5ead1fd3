"""Rename a speaker of a stored call ("Speaker 2" is Ruth Okafor): a user who knows who spoke
names them once, and every turn, quote and page shows the name. The side a speaker is on is
not touched: a rename is who, never which side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from pipeline.errors import BadInput
from pipeline.ingest.speaker_ids import SPEAKER_IDS
from pipeline.speaker_changes import with_renames
from pipeline.store.models import Call, Utterance, utcnow
from pipeline.types import MAX_SHORT_TEXT

FIELD = "speaker_names"


def tidy_name(name: str) -> str:
    """A new name as stored: its spaces, tabs and line breaks made single spaces, ends trimmed."""
    return " ".join(name.split())


def said_renames(names: Mapping[str, str]) -> list[str]:
    """ "Speaker 2 → Ruth Okafor" for each rename that changes a name: what a surface tells."""
    return [f"{old} → {tidy_name(new)}" for old, new in names.items() if tidy_name(new) != old]


def _key(name: str) -> str:
    # "ruth okafor" and "Ruth  Okafor" are one person to a reader: two speakers may not share it.
    return " ".join(name.casefold().split())


def checked_renames(
    speakers: Iterable[str], names: Mapping[str, str], call_id: int
) -> dict[str, str]:
    """The renames (old -> tidied new) that change a name; ``BadInput`` for an old name no
    speaker of the call has, a new name that is empty or too long, or one another speaker keeps
    or takes (two speakers are never merged by a rename; swapping two names is allowed)."""
    present = list(dict.fromkeys(speakers))
    unknown = [old for old in names if old not in present]
    if unknown:
        listed = ", ".join(map(repr, unknown))
        raise BadInput(f"no speaker named {listed} in call {call_id}", field=FIELD)
    renames: dict[str, str] = {}
    for old, new in names.items():
        tidy = tidy_name(new)
        if not tidy:
            raise BadInput(f"the new name for {old!r} is empty", field=FIELD)
        if len(tidy) > MAX_SHORT_TEXT:
            raise BadInput(
                f"the new name for {old!r} is longer than {MAX_SHORT_TEXT} characters", field=FIELD
            )
        if tidy != old:
            renames[old] = tidy
    after: dict[str, list[str]] = {}
    for speaker in present:
        after.setdefault(_key(renames.get(speaker, speaker)), []).append(speaker)
    for old, new in renames.items():
        others = [speaker for speaker in after[_key(new)] if speaker != old]
        if others:
            other = others[0]
            whose = f"the new name of {other!r}" if other in renames else f"the name of {other!r}"
            raise BadInput(
                f"{old!r} cannot be renamed {new!r}: that is {whose} in call "
                f"{call_id}, and a rename never merges two speakers (give another name, or "
                "rename both)",
                field=FIELD,
            )
    return renames


def rename_speakers(db: Session, call: Call, names: Mapping[str, str]) -> dict[str, str]:
    """Each speaker in ``names`` (old -> new) called by the new name on every turn, in
    ``our_speakers``, the call's people and its speaker ids (the id follows the name); the
    renames recorded with their time. Returns the renames done (an unchanged name left out)."""
    speakers = db.scalars(
        select(Utterance.speaker)
        .where(Utterance.call_id == call.id, Utterance.speaker.is_not(None))
        .distinct()
    )
    renames = checked_renames((str(s) for s in speakers), names, call.id)
    if not renames:
        return {}
    db.execute(  # one statement: a swap ("Speaker 1" <-> "Speaker 2") is never half done
        update(Utterance)
        .where(Utterance.call_id == call.id, Utterance.speaker.in_(list(renames)))
        .values(speaker=case(renames, value=Utterance.speaker)),
        execution_options={"synchronize_session": "fetch"},
    )
    by_key = {_key(old): new for old, new in renames.items()}
    call.our_speakers = _renamed_list(call.our_speakers or [], by_key)
    call.extra = with_renames(
        _renamed_extra(dict(call.extra or {}), renames, by_key), renames, utcnow()
    )
    return renames


def _renamed_list(names: list[str], by_key: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(by_key.get(_key(name), name) for name in names))


def _renamed_extra(
    extra: dict[str, Any], renames: Mapping[str, str], by_key: Mapping[str, str]
) -> dict[str, Any]:
    """The people list (attendees, participants, contacts), the speaker ids and a ticket's
    requester under the new names; a person listed twice once renamed is listed once."""
    people = extra.get("people")
    if isinstance(people, list):
        renamed: dict[str, Any] = {}
        for person in people:
            if isinstance(person, dict) and isinstance(person.get("name"), str):
                person = {**person, "name": by_key.get(_key(person["name"]), person["name"])}
                renamed.setdefault(_key(person["name"]), person)
            else:
                renamed.setdefault(repr(person), person)
        extra["people"] = list(renamed.values())
    ids = extra.get(SPEAKER_IDS)
    if isinstance(ids, dict):
        extra[SPEAKER_IDS] = {renames.get(label, label): found for label, found in ids.items()}
    requester = extra.get("requester")
    if isinstance(requester, str):
        extra["requester"] = by_key.get(_key(requester), requester)
    return extra
