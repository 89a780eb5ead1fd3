"""A question theme of reported questions is named by the first one put directly: "She asked
whether it can warn when a room falls below the ratio (yes, coverage rules per room), ..." names
it "Can it warn when a room falls below the ratio?".

Why: such a note's rep answers in brackets, and the demo's theme had been named from one ("Swaps
are checked against the coverage rule"); dropping the brackets named it "Decision authority:
agency cover". A question's name is a question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "She asked whether", "Asked if", "They wanted to know whether", "The owner also asked if".
_REPORTED = re.compile(
    r"^(?:[-*•]\s*)?(?:(?:she|he|they|the\s+\w+|\w+)\s+)?(?:also\s+|then\s+)?"
    r"(?:asked(?:\s+us)?|wanted\s+to\s+know|wants\s+to\s+know|wondered)\s+(?:whether|if)\s+",
    re.IGNORECASE,
)
_AUX = r"can|could|will|would|should|does|do|did|is|are|was|were|has|have"
# "whether <who> <aux> <the rest>": who is one to three words before the auxiliary.
_CLAUSE = re.compile(
    rf"^(?P<who>(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+)\s+(?P<aux>{_AUX})\s+(?P<rest>.+)$"
)
# Where the first reported question ends: a bracketed answer, the next clause, the sentence.
_END = re.compile(r"\s*(?:\(|[,;:.?!]|\s[-–—]\s|\s+and\s+(?:whether|if)\b)")
_YOURS = {"we": "you", "our": "your", "us": "you", "ours": "yours"}
# A rep's note says the buyer in the third person: "whether we can import their history" is
# the buyer's "our history" (never "their", a rep's wording in a buyer's question).
_THEIRS = {"they": "we", "their": "our", "them": "us", "theirs": "ours"}
_PRONOUNS = frozenset({"i", "we", "you", "it", "they"})
_DO = frozenset({"do", "does", "did"})
_WHO_NOT = {"there", "that", "this", "which", "who", "what"}


def direct_question(text: str) -> str | None:
    """The first question ``text`` reports, put directly ("Asked whether we can import
    payroll" reads "Can you import payroll?"); None when it reports none or it will not read
    as one (no auxiliary to put first: "whether it works offline"); the buyer put in their
    own words ("their history" reads "our history")."""
    reported = _REPORTED.match(text.strip())
    if reported is None:
        return None
    asked = _END.split(text.strip()[reported.end() :], maxsplit=1)[0]
    clause = _CLAUSE.match(asked)
    if clause is None or clause["who"].casefold() in _WHO_NOT:
        return None
    # "whether the engineers can see their jobs": "their" is the engineers', kept.
    buyers = _YOURS | _THEIRS if clause["who"].casefold() in _PRONOUNS else _YOURS
    # Reported speech puts no "do" before a verb ("asked if we integrate"): "asked if we do
    # casual passes" says the verb "do", kept after the subject ("Do you do casual passes?").
    done = " do" if clause["aux"].casefold() in _DO else ""
    said = f"{clause['who']}{done} {clause['rest']}"
    words = [buyers.get(w.casefold(), w) for w in said.split()]
    return f"{clause['aux'].capitalize()} {' '.join(words)}?"


def reported_question_name(by_centrality: Sequence[str]) -> str | None:
    """The name of a question theme half or more of whose quotes report questions: the most
    central one's first question, put directly; None for any other theme."""
    direct = [direct_question(text) for text in by_centrality]
    if 2 * sum(d is not None for d in direct) < len(direct):
        return None
    return next((d for d in direct if d), None)
