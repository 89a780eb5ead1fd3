"""One theme's evidence on a page (its counts, calls, quotes and how near each profile fact is)
and the reach of a set of themes: the parts of ``Evidence`` each theme carries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ClusterEvidence:
    id: int
    name: str
    kind: str
    category: str | None
    size: int
    calls: int
    call_ids: list[int]
    accounts: int
    outcomes: dict[str, int]
    keywords: list[str]
    quote_ids: list[int]
    answer_ids: list[int]
    first_seen: dt.date | None
    last_seen: dt.date | None
    competitor: str | None = None  # the competitor its buyers name most, if any
    competitors: list[str] = field(default_factory=list)  # every competitor its buyers name
    # Profile fact id -> cosine to the theme's centroid, where the facts have vectors.
    fact_closeness: dict[int, float] = field(default_factory=dict, repr=False)
    # Profile fact id -> cosine to the mean of its quoted buyer words.
    said_closeness: dict[int, float] = field(default_factory=dict, repr=False)
    markets: frozenset[str] = frozenset()  # the markets most of its calls name (``audience``)
    industries: frozenset[str] = frozenset()  # its calls' industries
    # The calls its buyers said it on with confidence (a pain's: the market's problem only,
    # ``market_pains``): rep notes, guesses and our customers' complaints raise no problem.
    buyer_calls: int = 0
    buyer_call_ids: list[int] = field(default_factory=list)  # those calls (``Evidence.notes_in``)
    # Lines of speakers whose side is unknown (a speakerless subtitle file's), where its buyers'
    # fall short: for the writer's brief and the LLM, named so; never a page's buyer quote.
    unknown_ids: list[int] = field(default_factory=list)
    # The theme's own name when the document was built, where ``name`` (the page's wording)
    # may stand in for it (``theme_names``): staleness tells a rename from the stand-in.
    own_name: str | None = None

    @property
    def lost_share(self) -> float:
        decided = self.outcomes.get("won", 0) + self.outcomes.get("lost", 0)
        return self.outcomes.get("lost", 0) / decided if decided else 0.0


@dataclass(frozen=True)
class Reach:
    mentions: int
    calls: int  # spoken calls and written notes together
    accounts: int
    notes: int = 0  # of ``calls``, the rep's written notes (a CRM row): "in 8 CRM notes"
