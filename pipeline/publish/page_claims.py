"""A published page's opening made true of what the page still holds.

Why: a published objection FAQ opened "The 8 concerns buyers raised most, …, with the answers
that worked in deals we won." over the three entries left once its writer's notes and our reps'
words were taken out (``public_copy``), and a use case still said "one of the four has an answer
that won a deal" with that answer gone. Published, the count says how many of them are shown,
and no claim is made for the reps' replies the page no longer quotes. The phrases are the
offline drafts' own (``content_templates/_draft_copy.j2``); other wording is left as written.
"""

from __future__ import annotations

import re
from functools import partial

# The reps' winning replies a draft's opening promises ("faq_intro", "one_pager_headline",
# "uc_summary"): published, the page quotes none of them.
_REPLIES_CLAIMED = re.compile(
    r",? with the (?:answers|replies) that worked in deals we won(?=[.*])"
    r"|; (?:each has an answer that won a deal|one of the \w+ has an answer that won a deal"
    r"|\w+ of the \w+ have answers that won deals)(?=[.*])"
    # The FAQ's count of entries still to write ("faq_answered"): published, none is left.
    r"| (?:\w+ of them (?:has|have) an answer from our product facts; \w+ (?:is|are)"
    r"|None has an answer on file yet; all are) still to write\."
)
# "The 8 concerns buyers raised most" (FAQ: one "### " entry each), "The 4 objections heard
# most" (one-pager: one "- **" entry each).
_COUNTED = (
    (re.compile(r"\bThe (\d+) (concerns (?:buyers raised most|chosen for this page))"), "### "),
    (re.compile(r"\bThe (\d+) (objections (?:heard most|chosen for this page))"), "- **"),
)


def honest_opening(body: str) -> str:
    """``body`` (a published page without its sources) with its opening's count of entries
    made "3 of the 8 …" where fewer are left, and its claim of the reps' replies taken out."""
    body = _REPLIES_CLAIMED.sub("", body)
    for pattern, entry in _COUNTED:
        left = sum(1 for line in body.split("\n") if line.startswith(entry))
        body = pattern.sub(partial(_shown_of, left=left), body, count=1)
    return body


def _shown_of(found: re.Match[str], left: int) -> str:
    """ "The 8 concerns …" as "3 of the 8 concerns …" where ``left`` entries are shown."""
    counted = int(found.group(1))
    return found.group(0) if left >= counted else f"{left} of the {counted} {found.group(2)}"
