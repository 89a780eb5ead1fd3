"""Which of a page's calls are written notes (a CRM row, a rep's notes with the buyer's words
quoted in them), not spoken calls: a page says "on 6 sales calls and in 8 CRM notes".

Why: an FAQ said "heard on 14 sales calls" where 8 of the 14 were single CRM rows, some of them
notes of deals already on a transcript; a marketer would have published "14 sales calls".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.deals import IN_CHUNK
from pipeline.store.models import Utterance

# A side that speaks: a call with a rep's or an unknown speaker's turn was spoken, whatever
# notes ride along with it (a transcript's summary kept as notes).
_SPOKEN = frozenset({"rep", "unknown"})
# A count a page states (``heard_on`` in the draft copy): "on 6 sales calls", "on 6 sales calls
# and in 8 CRM notes", "in 8 CRM notes".
_STATED = re.compile(
    r"\bon (\d+) sales calls?(?: and in (\d+) CRM notes?)?\b|\bin (\d+) CRM notes?\b"
)


def written_notes(session: Session, call_ids: Iterable[int]) -> frozenset[int]:
    """Of ``call_ids``, the calls that are the rep's notes and nothing spoken: a rep's note
    and perhaps the buyer's words quoted in it, no turn of ours or of an unknown speaker."""
    wanted = sorted(set(call_ids))
    roles: dict[int, set[str]] = {}
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[start : start + IN_CHUNK]
        rows = session.execute(
            select(Utterance.call_id, Utterance.role).where(Utterance.call_id.in_(chunk)).distinct()
        )
        for call_id, role in rows:
            roles.setdefault(int(call_id), set()).add(str(role))
    return frozenset(c for c, said in roles.items() if "rep_note" in said and not said & _SPOKEN)


def stated_counts(text: str) -> list[int]:
    """The counts of calls ``text`` states, a count's calls and notes together: what the
    quality check and the staleness check hold against the themes' calls."""
    return [sum(int(n or 0) for n in found) for found in _STATED.findall(text)]
