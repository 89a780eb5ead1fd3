"""Whether a buyer's line is content with how they work today: it praises the tool or the habit
they have ("it's never once lost us a penny", "the paper diary has never let us down") or dares
us to give a reason to change ("so you've got to give me a reason"). Such a line is a status-quo
worry whatever kind it was stored as; stored as a pain, it had been a use case's "The problem".
Where the line turns ("It does the job, but it crashes every Monday"), its last clause says which
way it points."""

from __future__ import annotations

import re

from pipeline.content.rival_claims import clauses, content_with, finds_fault

# A tool or a habit praised as it is: it never failed them, they have had no trouble with it.
_PRAISE = re.compile(
    r"\bnever (?:once |ever |really |yet )?(?:lost|let (?:us|me|them) down|failed|crashed"
    r"|missed a|dropped a|gone down|went down|broke|broken|skipped a beat|caused (?:us|me) "
    r"|given (?:us|me) (?:any )?(?:trouble|grief|problems?|issues?)"
    r"|gave (?:us|me) (?:any )?(?:trouble|grief|problems?|issues?))"
    r"|\b(?:no|never had any|never had a|not had any|haven'?t had any) "
    r"(?:complaints?|problems?|issues?|trouble|dramas?) (?:with|from|on)\b"
    r"|\bno complaints\b|\brock[- ]solid\b|\bbullet-?proof\b"
    r"|\b(?:isn'?t|ain'?t|is not|not) broke(?:n)?\b"
    r"|\b(?:served|done|treated) (?:us|me) (?:well|fine|proud)\b",
    re.IGNORECASE,
)
# A dare to give them a reason to change: the buyer has none of their own.
_DARE = re.compile(
    r"\b(?:give|show|tell) (?:me|us) (?:a|one|the|some|any) (?:\w+ )?reasons?\b"
    r"|\bconvince (?:me|us|them)\b|\b(?:tell|show) (?:me|us) why (?:i|we) (?:should|would)\b"
    r"|\bwhy (?:would|should) (?:i|we|they) (?:\w+ )?(?:change|switch|move|bother|leave|replace)"
    r"|\bwhat['’]?s in it for (?:me|us)\b"
    r"|\byou(?:['’]ve got to|['’]ll have to| have to| would have to|['’]d have to| need to) "
    r"(?:\w+ )?(?:prove|convince|persuade|give (?:me|us) a reason|show (?:me|us) why)\b",
    re.IGNORECASE,
)


def praises_today(text: str) -> bool:
    """Whether the line, where it ends up, is content with what the buyer has or dares us to
    give a reason: no problem of theirs, whatever it was stored as."""
    last = (clauses(text) or [text])[-1]
    if finds_fault(last):
        return False
    return content_with(last) or bool(_PRAISE.search(last) or _DARE.search(last))
