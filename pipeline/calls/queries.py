"""Read calls and utterances: filtered, paged lists and one call in full."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.calls.schemas import CallDetail, CallPage, CallRead, SentenceRead, UtteranceRead
from pipeline.detect.classify import KINDS
from pipeline.errors import BadInput, NotFound
from pipeline.ingest.titles import readable_title
from pipeline.store.database import row_offset
from pipeline.store.models import Call, Mention, Utterance
from pipeline.wording import introduces_a_quote, opens_a_quote


def get_stored_call(db: Session, call_id: int) -> Call:
    call = db.get(Call, call_id)
    if call is None:
        raise NotFound(f"call {call_id} not found")
    return call


def _speakers(session: Session, call_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(Utterance.call_id, Utterance.speaker, func.min(Utterance.seq))
        .where(Utterance.call_id.in_(call_ids), Utterance.speaker.is_not(None))
        .group_by(Utterance.call_id, Utterance.speaker)
        .order_by(Utterance.call_id, func.min(Utterance.seq))
    )
    speakers: dict[int, list[str]] = {}
    for call_id, speaker, _first in rows:
        speakers.setdefault(call_id, []).append(str(speaker))
    return speakers


def call_reads(session: Session, calls: Sequence[Call]) -> list[CallRead]:
    ids = [c.id for c in calls]
    counts = dict(
        session.execute(
            select(Utterance.call_id, func.count())
            .where(Utterance.call_id.in_(ids))
            .group_by(Utterance.call_id)
        ).all()
    )
    speakers = _speakers(session, ids)
    return [
        CallRead(
            id=c.id,
            filename=c.filename,
            format=c.format,
            title=readable_title(c.title) if c.title else c.title,  # stored before it was tidied
            date=c.call_date,
            account=c.account,
            deal_id=c.deal_id,
            deal_stage=c.deal_stage,
            industry=c.industry,
            outcome=c.outcome,
            our_speakers=list(c.our_speakers or []),
            competitors=list(c.competitors or []),
            speakers=speakers.get(c.id, []),
            utterance_count=int(counts.get(c.id, 0)),
            created_at=c.created_at,
            analysis_state=c.analysis_state,
            analysis_error=c.analysis_error,
        )
        for c in calls
    ]


def list_calls(
    db: Session,
    *,
    outcome: str | None = None,
    account: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page: int = 1,
    page_size: int = 50,
) -> CallPage:
    """Calls newest first; ``account`` matches case-insensitively anywhere in the name."""
    if page < 1 or not 1 <= page_size <= 500:
        raise BadInput("page must be >= 1 and page_size between 1 and 500")
    query = select(Call)
    if outcome:
        query = query.where(Call.outcome == outcome)
    if account:
        query = query.where(func.lower(Call.account).contains(account.lower()))
    if date_from:
        query = query.where(Call.call_date >= date_from)
    if date_to:
        query = query.where(Call.call_date <= date_to)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    calls = db.scalars(
        query.order_by(Call.call_date.desc().nulls_last(), Call.id.desc())
        .offset(row_offset((page - 1) * page_size))
        .limit(page_size)
    ).all()
    return CallPage(items=call_reads(db, calls), total=total, page=page, page_size=page_size)


# Turns per page of one call: the API's default and the most it returns at once.
CALL_TURNS_PAGE = 1000
MAX_CALL_TURNS_PAGE = 10_000


def get_call(
    db: Session, call_id: int, *, limit: int = CALL_TURNS_PAGE, offset: int = 0
) -> CallDetail:
    """The call with ``limit`` of its turns from ``offset`` (all of a call of ordinary length)."""
    call = get_stored_call(db, call_id)
    summary = call_reads(db, [call])[0]
    return CallDetail(
        **summary.model_dump(),
        raw_text=call.raw_text,
        extra=dict(call.extra or {}),
        utterances=list_utterances(db, call_id=call_id, limit=limit, offset=offset),
        utterances_offset=offset,
    )


def speaker_roles(db: Session, call_id: int) -> dict[str, str]:
    """Each named speaker of the call with the role of their first turn, in order of speaking."""
    roles: dict[str, str] = {}
    for speaker, role in db.execute(
        select(Utterance.speaker, Utterance.role)
        .where(Utterance.call_id == call_id, Utterance.speaker.is_not(None))
        .order_by(Utterance.seq)
    ):
        roles.setdefault(str(speaker), role)
    return roles


def list_utterances(
    db: Session,
    *,
    call_id: int | None = None,
    role: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[UtteranceRead]:
    """Utterances in call order, each with the kinds/categories/clusters of its kept mentions."""
    query = select(Utterance).order_by(Utterance.call_id, Utterance.seq)
    if call_id is not None:
        query = query.where(Utterance.call_id == call_id)
    if role:
        query = query.where(Utterance.role == role)
    query = query.offset(row_offset(offset))
    if limit is not None:
        query = query.limit(limit)
    utterances = db.scalars(query).all()
    mentions: dict[int, list[Mention]] = {}
    ids = [u.id for u in utterances]
    for start in range(0, len(ids), 500):
        rows = db.scalars(
            select(Mention)
            .where(Mention.utterance_id.in_(ids[start : start + 500]), Mention.excluded.is_(False))
            .order_by(Mention.id)
        )
        for mention in rows:
            mentions.setdefault(mention.utterance_id, []).append(mention)
    return _marked_lead_ins([_utterance_read(u, mentions.get(u.id, [])) for u in utterances])


def _marked_lead_ins(reads: list[UtteranceRead]) -> list[UtteranceRead]:
    """``reads`` with each quote's lead-in marked: a note that only names who speaks the quote
    stored right after it (``Lucy: "…"`` keeps "Lucy:" in its place, so every later sentence
    keeps its address). It had been listed as a rep's note of its own, kind "other"."""
    for read, after in zip(reads, reads[1:], strict=False):
        if (
            read.role == "rep_note"
            and (after.call_id, after.seq) == (read.call_id, read.seq + 1)
            and after.role != "rep_note"
            and (introduces_a_quote(read.text) or opens_a_quote(read.text) is not None)
        ):
            read.lead_in = True
            read.kinds, read.categories, read.sentences = [], [], []
    return reads


def _unique(values: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))


def _utterance_read(utterance: Utterance, mentions: Sequence[Mention]) -> UtteranceRead:
    return UtteranceRead(
        id=utterance.id,
        call_id=utterance.call_id,
        seq=utterance.seq,
        speaker=utterance.speaker,
        role=utterance.role,
        start=utterance.start_seconds,
        text=utterance.text,
        note_kind=utterance.note_kind,
        note_category=utterance.note_category,
        kinds=_unique([m.kind for m in mentions]),
        categories=_unique([m.category for m in mentions]),
        competitors=_unique([m.competitor for m in mentions]),
        cluster_ids=_unique([m.cluster_id for m in mentions]),
        sentences=_sentences(mentions),
    )


def _sentences(mentions: Sequence[Mention]) -> list[SentenceRead]:
    """Each sentence's kind row, in order, with the rival a tag on it names."""
    rivals = {m.char_start: m.competitor for m in mentions if m.kind == "competitor"}
    return [
        SentenceRead(
            text=m.text,
            start=m.char_start,
            end=m.char_end,
            kind=m.kind,
            category=m.category,
            confidence=round(float(m.confidence), 3),
            competitor=m.competitor or rivals.get(m.char_start),
            source=m.source,
            cluster_id=m.cluster_id,
        )
        for m in sorted(mentions, key=lambda m: (m.char_start, m.id))
        if m.kind in KINDS
    ]


def count_rows(db: Session) -> tuple[int, int]:
    """(calls, utterances): what the bad-input checks compare before and after."""
    calls = db.scalar(select(func.count()).select_from(Call)) or 0
    utterances = db.scalar(select(func.count()).select_from(Utterance)) or 0
    return calls, utterances


def has_calls(db: Session) -> bool:
    return db.scalar(select(Call.id).limit(1)) is not None


def known_accounts(db: Session) -> list[str]:
    """Every account named on a call, for filters."""
    rows = db.scalars(select(Call.account).where(Call.account.is_not(None)).distinct())
    return sorted({a for a in rows if a}, key=str.lower)


def kept_mentions(db: Session, call_id: int) -> dict[int, list[Mention]]:
    """The call's kept detections per utterance id (for highlighting them in the transcript)."""
    found: dict[int, list[Mention]] = {}
    rows = db.scalars(
        select(Mention).where(Mention.call_id == call_id, Mention.excluded.is_(False))
    )
    for mention in rows:
        found.setdefault(mention.utterance_id, []).append(mention)
    return found
