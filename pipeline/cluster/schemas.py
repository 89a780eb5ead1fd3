"""What the cluster services return, as the API documents it: a cluster with its figures, one
cluster with its quotes, the result of an edit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pipeline.cluster.stats import ClusterFigures

QUOTE_EXAMPLE: dict[str, Any] = {
    "mention_id": 12,
    "text": "Honestly the price is too high for our budget this year.",
    "call_id": 3,
    "utterance_id": 41,
    "speaker": "Dana (Acme)",
    "role": "buyer",
    "start_seconds": 312.0,
    "date": "2026-03-02",
    "account": "Acme",
    "title": "Acme - pricing call",
    "outcome": "lost",
    "cluster_id": 4,
}


class Quote(BaseModel):
    """A buyer quote with its call context (``similarity`` only in search results)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**QUOTE_EXAMPLE, "similarity": 0.71}]}
    )

    mention_id: int
    text: str
    call_id: int
    utterance_id: int
    speaker: str | None
    role: str = Field(
        "buyer", description="buyer, or rep_note: a rep's note about the buyer, not their words"
    )
    start_seconds: float | None
    date: str | None
    account: str | None
    title: str | None = Field(
        None, description="its call's title, which names the call where no account does"
    )
    outcome: str
    cluster_id: int | None
    lead_in: str = Field(
        "",
        description="the words said just before it in the same turn, shown apart before a quote "
        'that cannot stand alone ("And then the price."); empty when it reads alone',
    )
    similarity: float | None = None


class ClusterSummary(ClusterFigures):
    """One theme with figures over the mentions that pass the filters."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 4,
                    "kind": "objection",
                    "name": "price / budget / expensive",
                    "auto_name": "price / budget / expensive",
                    "name_locked": False,
                    "status": "active",
                    "keywords": ["price", "budget", "expensive"],
                    "size": 14,
                    "calls": 9,
                    "accounts": 7,
                    "first_seen": "2026-01-12",
                    "last_seen": "2026-03-02",
                    "weekly": [{"week": "2026-03-02", "count": 3}],
                    "trend": 1.5,
                    "outcomes": {"won": 0.36, "lost": 0.64},
                    "outcome_counts": {"lost": 9, "won": 5},
                    "competitors": [{"name": "Gong", "count": 3}],
                    "competitors_on_calls": [{"name": "Gong", "count": 4}],
                    "why_now": [{"name": "deadline", "count": 2}],
                    "uncertain": 3,
                    "uncertain_only": False,
                    "one_call": False,
                    "quote": QUOTE_EXAMPLE["text"],
                }
            ]
        }
    )

    id: int
    kind: str
    name: str
    auto_name: str
    name_locked: bool
    status: str
    keywords: list[str]
    uncertain: int = Field(
        0,
        description="Of its mentions (``size``), those the detector read below "
        "CALLMINE_CONFIDENT_AT; the rest are confident.",
    )
    uncertain_only: bool = Field(
        False,
        description="No mention reaches CALLMINE_CONFIDENT_AT: it may be no theme of its kind at "
        "all. Listed after every theme with a confident mention.",
    )
    one_call: bool = Field(
        False,
        description="All its mentions (``size``) come from one call (``calls`` is 1): heard "
        "there, not recurring. Listed after the themes heard on more calls.",
    )
    quote: str | None


class ClusterDetail(ClusterSummary):
    """A cluster with representative quotes (central and diverse) and every member mention."""

    quotes: list[Quote]
    mentions: list[Quote]


class EditResult(BaseModel):
    id: int
    name: str | None = None
    status: str | None = None
    merged: list[int] | None = None
    children: list[int] | None = None
    restored: list[int] | None = None
    retired: list[int] | None = None


class GrainInfo(BaseModel):
    """The grain of one kind's themes: ``scale`` times the automatic number (1 = automatic)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "objection",
                    "scale": 0.6667,
                    "automatic": False,
                    "themes": 9,
                    "automatic_themes": 14,
                    "walled": True,
                    "can_coarsen": True,
                    "can_refine": True,
                }
            ]
        }
    )

    kind: str
    scale: float
    automatic: bool
    themes: int
    automatic_themes: int
    # The detector's categories part the themes (objections): never fewer than one a category.
    walled: bool = True
    can_coarsen: bool
    can_refine: bool
