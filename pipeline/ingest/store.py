"""Store one parsed call in its own transaction: all of it or nothing, duplicates by content."""

from __future__ import annotations

import hashlib
import json
import unicodedata

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.readable import understood
from pipeline.ingest.schemas import IngestResult
from pipeline.store.models import AnalysisState, Call, Outcome, Utterance
from pipeline.workspace import Workspace


def _normalise(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", (text or "").replace("\ufeff", "")).split())


def content_hash(parsed: ParsedCall) -> str:
    """sha256 of the normalised call content: whitespace, encoding or BOM changes are duplicates.

    The file's own date/account/deal are part of the content: two CRM rows with the same short
    note for different deals are different calls.
    """
    payload = {
        "utterances": [
            [_normalise(u.speaker), u.start_seconds, _normalise(u.text)] for u in parsed.utterances
        ],
        "date": parsed.call_date.isoformat() if parsed.call_date else None,
        "account": _normalise(parsed.account),
        "deal_id": _normalise(parsed.deal_id),
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _utterance_row(call_id: int, seq: int, utterance: ParsedUtterance) -> dict[str, object]:
    return {
        "call_id": call_id,
        "seq": seq,
        "speaker": utterance.speaker[:255] if utterance.speaker else utterance.speaker,
        "role": utterance.role,
        "start_seconds": utterance.start_seconds,
        "text": utterance.text,
    }


def _store_call(session: Session, parsed: ParsedCall, filename: str, digest: str) -> Call:
    call = Call(
        content_hash=digest,
        filename=filename[:255],
        format=parsed.format,
        title=parsed.title,
        raw_text=parsed.raw_text,
        call_date=parsed.call_date,
        account=parsed.account,
        deal_id=parsed.deal_id,
        deal_stage=parsed.deal_stage,
        industry=parsed.industry[:255] if parsed.industry else None,
        outcome=parsed.outcome or Outcome.unknown,
        our_speakers=list(parsed.our_speakers),
        competitors=list(parsed.competitors),
        extra=dict(parsed.extra),
    )
    session.add(call)
    session.flush()
    rows = [_utterance_row(call.id, seq, u) for seq, u in enumerate(parsed.utterances)]
    if rows:  # one executemany, not one ORM object per line: a long call stores in one go
        session.execute(insert(Utterance), rows)
    return call


def _existing(session: Session, digest: str) -> tuple[int, str] | None:
    """The id and analysis state of the call already stored with this content, if any."""
    row = session.execute(
        select(Call.id, Call.analysis_state).where(Call.content_hash == digest)
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def _already_stored(result: IngestResult, existing: tuple[int, str]) -> IngestResult:
    """A duplicate; ``resumed`` when its analysis never finished, so it is analysed now."""
    call_id, state = existing
    status = "duplicate" if state == AnalysisState.analysed else "resumed"
    return result.model_copy(update={"status": status, "call_id": call_id})


def store_parsed(
    workspace: Workspace, parsed: ParsedCall, digest: str, filename: str, index: int | None
) -> IngestResult:
    """Store one parsed call in its own transaction: all of it or nothing."""
    result = IngestResult(
        filename=filename,
        status="created",
        index=index,
        format=parsed.format,
        utterances=len(parsed.utterances),
        understood=understood(parsed.utterances).describe(),
    )
    if not parsed.utterances:
        where = f" in call {index + 1} of the file" if index is not None else ""
        raise BadInput(f"no utterances found{where}", filename=filename)
    try:
        with workspace.session() as session:  # one session: the duplicate check, then the call
            existing = _existing(session, digest)
            if existing is not None:
                return _already_stored(result, existing)
            call_id = _store_call(session, parsed, filename, digest).id
    except IntegrityError:
        # A concurrent upload of the same content won the unique hash: that is a duplicate.
        with workspace.session() as session:
            existing = _existing(session, digest)
        if existing is None:
            raise
        return _already_stored(result, existing)
    return result.model_copy(update={"call_id": call_id})
