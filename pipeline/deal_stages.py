"""A deal stage as CRMs and notes write it, read as where the deal ended: a path of stages
("Negotiation → Closed Lost", "Proposal -> Closed Won", "Closed Lost to Reopened") ends in its
last step.

Why: "Stage: Negotiation → Closed Lost" in a notes file had read as an open deal (its first
step is an open stage), so a lost deal counted as open and its rival went untagged. Shared by
ingest (stage fields and columns) and detect (a note's stage line).
"""

from __future__ import annotations

import re

# Stages of a deal still being worked (CRMs' defaults: HubSpot's, Salesforce's, Pipedrive's).
OPEN_STAGES = frozenset(
    {
        "open", "in progress", "pending", "active", "negotiation", "proposal", "discovery",
        "reopened", "re-opened", "qualified", "qualification", "prospecting", "demo",
        "evaluation", "proposal sent", "contract sent", "appointment scheduled",
        "presentation scheduled", "needs analysis", "value proposition",
    }
)  # fmt: skip
_VERDICT = r"(?:closed[\s/_-]*)?(?:won|lost)"
_OPEN = "|".join(
    sorted((re.escape(s).replace(r"\ ", r"\s+") for s in OPEN_STAGES), key=len, reverse=True)
)
STAGE_NAME = rf"(?:{_VERDICT}|{_OPEN})"
# "→", "->", "=>", "»", " > " between two stages; "to" only before a stage name ("Closed Lost to
# Reopened"), never before a rival's ("Closed lost to NinjaOne").
_STEP = re.compile(
    rf"\s*(?:[→⟶➔➜⇒»]|-+>|=+>|\s>\s)\s*|\s+to\s+(?=(?:{STAGE_NAME})\b)", re.IGNORECASE
)
_ENDS_IN_A_STAGE = re.compile(rf"\b(?:{STAGE_NAME})\W*$", re.IGNORECASE)


def stage_steps(text: str) -> list[str]:
    """The steps of a stage path, first to last; ``[text]`` when it is no path (a step but the
    last that names no stage: "margin > 20%", "Closed lost to NinjaOne")."""
    steps = [step.strip() for step in _STEP.split(text)]
    if len(steps) < 2 or not all(_ENDS_IN_A_STAGE.search(step) for step in steps[:-1]):
        return [text]
    return steps


def last_step(text: str) -> str:
    """Where a stage path ends ("Negotiation → Closed Lost" -> "Closed Lost"); else the text."""
    return stage_steps(text)[-1]
