"""The workspace's memory of our reps: a speaker the file itself places on our side (an
internal flag or host, an address on our domain, our company by their name) is our rep on
later calls too, where only weaker evidence (how they talk, who they greet) speaks for a side.

Why: Dana Whitfield, ours by her address on a Fireflies call, had read as the buyer on a
later Teams call where nothing named her side, and her "Keiko, can you add the probe spec?"
had become a buyer's question theme. Only what a file states is remembered, never a guess
nor a name remembered before (one wrong guess must not spread), and only a full name: a
buyer called "Dana" elsewhere is not our Dana Whitfield.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.names import name_matches, norm_name
from pipeline.ingest.role_labels import is_anonymous
from pipeline.store.models import Call

STATED_REPS = "stated_reps"  # extra key: the call's speakers its file placed on our side


def stated_reps(call: ParsedCall, companies: Sequence[str]) -> list[str]:
    """The call's reps (roles assigned) whose side the file states: a turn's own side, a
    listed person's (internal, host, our domain) or our company by their name."""
    ours = {norm_name(c) for c in (*companies, call.extra.get("our_company")) if c}
    found: dict[str, str] = {}
    for utterance in call.utterances:
        speaker = utterance.speaker
        if not speaker or utterance.role != "rep" or not is_full_name(speaker):
            continue
        people = [p for p in call.people if name_matches(speaker, p.name)]
        listed = people[0] if len(people) == 1 else None
        company = utterance.company or (listed.company if listed else None)
        if (
            utterance.role_from_source
            or (listed is not None and listed.role == "rep")
            or (company is not None and norm_name(company) in ours)
        ):
            found.setdefault(norm_name(speaker), speaker)
    return list(found.values())


def is_full_name(name: str) -> bool:
    """Two words or more and no label naming no one ("Speaker 1", "Agent")."""
    return len(norm_name(name).split()) >= 2 and not is_anonymous(name)


def remembered_rep(speaker: str, remembered: Sequence[str]) -> bool:
    """The speaker is, by full name, one of the reps stored calls stated."""
    key = norm_name(speaker)
    return is_full_name(speaker) and any(key == norm_name(name) for name in remembered)


def learned_on_calls(db: Session, after: int = 0) -> list[str]:
    """The reps stored calls' files placed on our side (``STATED_REPS``); ``after``: only the
    calls stored since that id."""
    query = select(Call.extra)
    if after:
        query = query.where(Call.id > after).order_by(Call.id)
    names: dict[str, str] = {}
    for extra in db.scalars(query):
        listed = extra.get(STATED_REPS) if isinstance(extra, dict) else None
        for name in listed or []:
            if isinstance(name, str) and is_full_name(name):
                names.setdefault(norm_name(name), name)
    return list(names.values())
