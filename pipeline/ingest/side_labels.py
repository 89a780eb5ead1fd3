"""Speaker labels that stand for a side, not a person: the recording's owner ("Me", "You") and
everyone else ("Them", "Other"). Note-takers that record from the owner's computer write them
(Granola's "Me"/"Them"): the owner is whoever uploads, in a sales tool our rep, and the others
are the buyer. Named where the upload or the file says who they are, so that a buyer's quote
reads "Lucia Quintero", not "Them"."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.names import name_matches

_OWNER = {"me", "you", "myself"}
_OTHERS = {"them", "other", "others", "other speaker", "other speakers", "other party"}


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


def _the_one(names: Sequence[str]) -> str | None:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else None


def name_side_labels(call: ParsedCall, our_speakers: Sequence[str]) -> None:
    """ "Me" turns are the rep's, "Them" turns the buyer's; "Me" takes the one name the upload
    (``--our-speakers``) or the file gives our side, "Them" the one other person the file names
    (``our_speakers``: the upload's and the roster's names, which are never "Them")."""
    labels = {u.speaker for u in call.utterances if u.speaker}
    owner = next((label for label in labels if _key(label) in _OWNER), None)
    others = next((label for label in labels if _key(label) in _OTHERS), None)
    if owner is None and others is None:
        return
    named = [p for p in call.people if p.name and _key(p.name) not in _OWNER | _OTHERS]
    ours = [p.name for p in named if any(name_matches(p.name, n) for n in our_speakers)]
    me = (
        _the_one(call.our_speakers)
        or _the_one([p.name for p in named if p.role == "rep"])
        or _the_one(ours)
    )
    them = _the_one(
        [
            p.name
            for p in named
            if p.role != "rep" and p.name not in ours and not (me and name_matches(p.name, me))
        ]
    )
    for utterance in call.utterances:
        if owner is not None and utterance.speaker == owner:
            utterance.speaker, utterance.role = me or owner, "rep"
            utterance.role_from_source = True
        elif others is not None and utterance.speaker == others:
            utterance.speaker, utterance.role = them or others, "buyer"
            utterance.role_from_source = True
