"""The call schemas the API, web pages and CLI read and send: a call, its utterances, a PATCH."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pipeline.ingest.schemas import MAX_NAMES, NameList
from pipeline.store.models import AnalysisState, Outcome, Role
from pipeline.types import IsoDate, ShortText


class CallUpdate(BaseModel):
    """A PATCH: only the fields sent change; ``speaker_roles`` re-labels every turn of a speaker,
    ``speaker_names`` renames one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"outcome": "won", "speaker_roles": {"Dana Ruiz": "buyer", "Maria Chen": "rep"}},
                {"speaker_names": {"Dana Ruiz": "Dana Ruiz-Whitfield"}},
            ]
        }
    )

    date: IsoDate | None = None
    account: ShortText | None = None
    outcome: Outcome | None = None
    deal_id: ShortText | None = None
    deal_stage: ShortText | None = None
    industry: ShortText | None = None
    our_speakers: NameList | None = None
    competitors: NameList | None = None
    title: ShortText | None = None
    speaker_roles: dict[ShortText, Role] = Field(default_factory=dict, max_length=MAX_NAMES)
    speaker_names: dict[ShortText, ShortText] = Field(
        default_factory=dict,
        max_length=MAX_NAMES,
        description='A speaker\'s new name by their name now ({"Speaker 2": "Ruth Okafor"}): on '
        "every turn, in our_speakers, in extra's people and speaker_ids; their side is kept. "
        "speaker_roles in the same request name speakers as they were before it. A name that "
        "is not a speaker of the call, an empty new name, or one another speaker has is a 422 "
        "(two speakers are never merged; swapping two names is allowed).",
    )


class SentenceRead(BaseModel):
    """One sentence of a turn with the kind detection gave it. Why: a turn's ``kinds`` are a
    set over all its sentences; measuring or correcting the detector needs them per sentence."""

    text: str
    start: int  # character offsets in the turn's text
    end: int
    kind: str  # objection, pain, question, current_setup or other
    category: str | None = None
    confidence: float
    competitor: str | None = None  # a rival the sentence names
    source: str  # model, llm or user (a verdict)
    cluster_id: int | None = None


class UtteranceRead(BaseModel):
    """One turn, plus what detection found in it once the insight stages have run."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 17,
                    "call_id": 3,
                    "seq": 4,
                    "speaker": "Dana Ruiz",
                    "role": "buyer",
                    "start": 62.0,
                    "text": "Honestly the annual contract is what scares me.",
                    "note_kind": None,
                    "note_category": None,
                    "kinds": ["objection"],
                    "categories": ["contract_length"],
                    "competitors": [],
                    "cluster_ids": [2],
                    "sentences": [
                        {
                            "text": "Honestly the annual contract is what scares me.",
                            "start": 0,
                            "end": 48,
                            "kind": "objection",
                            "category": "contract_length",
                            "confidence": 0.91,
                            "competitor": None,
                            "source": "model",
                            "cluster_id": 2,
                        }
                    ],
                }
            ]
        }
    )

    id: int
    call_id: int
    seq: int
    speaker: str | None
    role: str
    start: float | None
    text: str
    note_kind: str | None = Field(
        default=None,
        description="The kind a rep's own label in a note gave the text, the label taken out of "
        'it ("Pain: front desk double-books" -> pain): objection, pain, current_setup, '
        "question, plan, record or why_now; null without one.",
    )
    note_category: str | None = Field(
        default=None,
        description='The objection category that label named ("Price objection:" -> price), '
        "for an objection or a question; null without one.",
    )
    kinds: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    cluster_ids: list[int] = Field(default_factory=list)
    sentences: list[SentenceRead] = Field(default_factory=list)
    lead_in: bool = Field(
        default=False,
        description='A note\'s words that only say who speaks the quote right after it ("Lucy:", '
        '"Their GM said"): kept in its place, shown with that quote and never as a note of its '
        "own; no kinds.",
    )


class CallRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 3,
                    "filename": "brightside-discovery.vtt",
                    "format": "vtt",
                    "title": "Brightside discovery call",
                    "date": "2026-03-14",
                    "account": "Brightside Dental",
                    "deal_id": "D-1042",
                    "deal_stage": "Proposal",
                    "industry": "Dental clinic",
                    "outcome": "lost",
                    "our_speakers": ["Maria Chen"],
                    "competitors": ["ShiftLy"],
                    "speakers": ["Maria Chen", "Dana Ruiz"],
                    "utterance_count": 42,
                    "created_at": "2026-03-15T09:12:00Z",
                    "analysis_state": "analysed",
                    "analysis_error": None,
                }
            ]
        }
    )

    id: int
    filename: str
    format: str
    title: str | None
    date: dt.date | None
    account: str | None
    deal_id: str | None
    deal_stage: str | None
    industry: str | None = None
    outcome: str
    our_speakers: list[str]
    competitors: list[str]
    speakers: list[str]
    utterance_count: int
    created_at: dt.datetime
    analysis_state: AnalysisState = Field(
        description="pending until its analysis is written; failed keeps analysis_error."
    )
    analysis_error: str | None = None


class CallDetail(CallRead):
    """One call; ``utterances`` is one page of its turns (``utterances_offset`` onwards, of
    ``utterance_count``), so a 50,000-cue call is never one response."""

    raw_text: str
    extra: dict[str, Any]
    utterances: list[UtteranceRead]
    utterances_offset: int = 0


class CallPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": CallRead.model_json_schema()["examples"],
                    "total": 1,
                    "page": 1,
                    "page_size": 50,
                }
            ]
        }
    )

    items: list[CallRead]
    total: int
    page: int
    page_size: int
