"""The call service: store uploaded files as calls, list, read, update and delete them.

Shared by the API and the CLI; every function takes the workspace or a session explicitly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline import analysis, jobs
from pipeline.errors import BadInput, CallmineError, NotFound, TooLarge
from pipeline.ingest import parse_file, safe_filename
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.values import split_list
from pipeline.store import Call, Mention, Utterance
from pipeline.utterances import assign_roles
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

Outcome = Literal["won", "lost", "open", "unknown"]
Role = Literal["buyer", "rep", "unknown", "rep_note"]
IngestStatus = Literal["created", "duplicate", "rejected"]
READ_CHUNK_BYTES = 64 * 1024


def split_names(value: str | Sequence[str] | None) -> list[str]:
    """``"Ana; Bo, Cy"`` or a list -> ``["Ana", "Bo", "Cy"]`` (blank and repeated names dropped)."""
    return split_list(value if value is None or isinstance(value, str) else list(value))


class CallMetadata(BaseModel):
    """Metadata given with an upload; a field left unset falls back to the file's own value."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "date": "2026-03-14",
                    "account": "Brightside Dental",
                    "outcome": "lost",
                    "deal_id": "D-1042",
                    "deal_stage": "Proposal",
                    "our_speakers": ["Maya Chen"],
                    "competitors": ["ShiftLy"],
                }
            ]
        }
    )

    date: dt.date | None = None
    account: str | None = None
    outcome: Outcome | None = None
    deal_id: str | None = None
    deal_stage: str | None = None
    our_speakers: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    title: str | None = None

    @field_validator("our_speakers", "competitors", mode="before")
    @classmethod
    def _split(cls, value: Any) -> list[str]:
        return split_names(value)


class CallUpdate(BaseModel):
    """A PATCH: only the fields sent change; ``speaker_roles`` re-labels every turn of a speaker."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"outcome": "won", "speaker_roles": {"Dana Ruiz": "buyer", "Maya Chen": "rep"}}
            ]
        }
    )

    date: dt.date | None = None
    account: str | None = None
    outcome: Outcome | None = None
    deal_id: str | None = None
    deal_stage: str | None = None
    our_speakers: list[str] | None = None
    competitors: list[str] | None = None
    title: str | None = None
    speaker_roles: dict[str, Role] = Field(default_factory=dict)

    @field_validator("our_speakers", "competitors", mode="before")
    @classmethod
    def _split(cls, value: Any) -> list[str] | None:
        return None if value is None else split_names(value)


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
                    "kinds": ["objection"],
                    "categories": ["contract_length"],
                    "competitors": [],
                    "cluster_ids": [2],
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
    kinds: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    cluster_ids: list[int] = Field(default_factory=list)


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
                    "outcome": "lost",
                    "our_speakers": ["Maya Chen"],
                    "competitors": ["ShiftLy"],
                    "speakers": ["Maya Chen", "Dana Ruiz"],
                    "utterance_count": 42,
                    "created_at": "2026-03-15T09:12:00",
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
    outcome: str
    our_speakers: list[str]
    competitors: list[str]
    speakers: list[str]
    utterance_count: int
    created_at: dt.datetime


class CallDetail(CallRead):
    raw_text: str
    extra: dict[str, Any]
    utterances: list[UtteranceRead]


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


class IngestResult(BaseModel):
    """What happened to one call of one file; a file with many calls (CSV) gives many results."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"filename": "a.vtt", "status": "created", "call_id": 7, "utterances": 38},
                {"filename": "a-copy.vtt", "status": "duplicate", "call_id": 7, "utterances": 38},
                {
                    "filename": "logo.txt",
                    "status": "rejected",
                    "status_code": 422,
                    "reason": "binary file (PNG image), not a transcript",
                },
            ]
        }
    )

    filename: str
    status: IngestStatus
    call_id: int | None = Field(None, description="New id, or the existing id for a duplicate.")
    index: int | None = Field(
        None, description="Position of the call in a file with many (CSV rows)."
    )
    format: str | None = None
    utterances: int = 0
    reason: str | None = None
    status_code: int | None = Field(None, description="HTTP-style code of a rejection.")


def rejected(filename: str, error: CallmineError) -> IngestResult:
    return IngestResult(
        filename=filename, status="rejected", reason=error.detail, status_code=error.status_code
    )


def too_large(limit: int, filename: str) -> TooLarge:
    return TooLarge(
        f"file is larger than the {limit:,}-byte upload limit (CALLMINE_MAX_UPLOAD_BYTES)",
        filename=filename,
    )


def read_limited(stream: BinaryIO, limit: int, filename: str) -> bytes:
    """Read in chunks; raise ``TooLarge`` as soon as more than ``limit`` bytes arrive."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise too_large(limit, filename)
        chunks.append(chunk)
    return b"".join(chunks)


def upload_name(name: str) -> str:
    """The name to store for an uploaded file, refusing names that try to escape or hide.

    A plain folder prefix (``calls/a.txt`` from a browser folder upload) is dropped; ``..``,
    absolute paths and NUL/control characters are errors, because no honest client sends them.
    """
    shown = display_name(name)
    if any(not ch.isprintable() for ch in name):
        raise BadInput("unsafe file name: contains NUL or control characters", filename=shown)
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        raise BadInput("unsafe file name: contains '..' (path traversal)", filename=shown)
    if name.startswith(("/", "\\")) or (len(name) > 2 and name[1] == ":" and name[2] in "/\\"):
        raise BadInput("unsafe file name: absolute path", filename=shown)
    safe: str = safe_filename(name)
    return safe


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


def _merge_metadata(parsed: ParsedCall, metadata: CallMetadata) -> None:
    """Explicit field > the file's own value > unknown, written into ``parsed``."""
    parsed.call_date = metadata.date or parsed.call_date
    parsed.account = metadata.account or parsed.account
    parsed.outcome = metadata.outcome or parsed.outcome or "unknown"
    if parsed.outcome not in ("won", "lost", "open", "unknown"):
        parsed.outcome = "unknown"
    parsed.deal_id = metadata.deal_id or parsed.deal_id
    parsed.deal_stage = metadata.deal_stage or parsed.deal_stage
    parsed.our_speakers = metadata.our_speakers or parsed.our_speakers
    parsed.competitors = metadata.competitors or parsed.competitors
    parsed.title = metadata.title or parsed.title


def _utterance_row(call_id: int, seq: int, utterance: ParsedUtterance) -> dict[str, object]:
    return {
        "call_id": call_id,
        "seq": seq,
        "speaker": utterance.speaker,
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
        outcome=parsed.outcome or "unknown",
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


def _existing_id(session: Session, digest: str) -> int | None:
    return session.scalar(select(Call.id).where(Call.content_hash == digest))


def _ingest_parsed(
    workspace: Workspace, parsed: ParsedCall, digest: str, filename: str, index: int | None
) -> IngestResult:
    """Store one parsed call in its own transaction: all of it or nothing."""
    result = IngestResult(
        filename=filename,
        status="created",
        index=index,
        format=parsed.format,
        utterances=len(parsed.utterances),
    )
    if not parsed.utterances:
        where = f" in call {index + 1} of the file" if index is not None else ""
        raise BadInput(f"no utterances found{where}", filename=filename)
    try:
        with workspace.session() as session:  # one session: the duplicate check, then the call
            existing = _existing_id(session, digest)
            if existing is not None:
                return result.model_copy(update={"status": "duplicate", "call_id": existing})
            call_id = _store_call(session, parsed, filename, digest).id
    except IntegrityError:
        # A concurrent upload of the same content won the unique hash: that is a duplicate.
        with workspace.session() as session:
            existing = _existing_id(session, digest)
        if existing is None:
            raise
        return result.model_copy(update={"status": "duplicate", "call_id": existing})
    return result.model_copy(update={"call_id": call_id})


def ingest_bytes(
    workspace: Workspace,
    data: bytes,
    filename: str,
    metadata: CallMetadata | None = None,
    *,
    column_map: dict[str, str] | None = None,
    analyse: bool = True,
) -> list[IngestResult]:
    """Parse one file and store each call in it; a bad file gives one ``rejected`` result.

    With ``analyse`` the new calls go through the insight stages after they are committed; the
    API and CLI pass ``False`` and analyse a whole batch at once.
    """
    metadata = metadata or CallMetadata()
    try:
        name = upload_name(filename)
        if len(data) > workspace.settings.max_upload_bytes:
            raise too_large(workspace.settings.max_upload_bytes, name)
        if not data.strip():
            raise BadInput("file is empty", filename=name)
        parsed_calls = parse_file(
            data, name, column_map=column_map, our_speakers=tuple(metadata.our_speakers)
        )
        if not parsed_calls:
            raise BadInput("no calls found in the file", filename=name)
    except CallmineError as exc:
        return [rejected(exc.filename or display_name(filename), exc)]
    many = len(parsed_calls) > 1
    results: list[IngestResult] = []
    for index, parsed in enumerate(parsed_calls):
        results.append(_ingest_one(workspace, parsed, name, metadata, index if many else None))
    if analyse and (created := created_ids(results)):
        analysis.analyse_calls(workspace, created)
    return results


def created_ids(results: Sequence[IngestResult]) -> list[int]:
    return [r.call_id for r in results if r.status == "created" and r.call_id is not None]


def ingest_stream(
    workspace: Workspace,
    stream: BinaryIO,
    filename: str,
    metadata: CallMetadata,
    *,
    column_map: dict[str, str] | None = None,
) -> tuple[list[IngestResult], int]:
    """Read an upload in chunks up to the size limit, then store it (not analysed yet).

    Returns the results and the bytes read, which decide whether analysis runs in the background.
    """
    limit = workspace.settings.max_upload_bytes
    shown = display_name(filename)
    try:
        data = read_limited(stream, limit, shown)
    except CallmineError as exc:
        return [rejected(shown, exc)], limit
    results = ingest_bytes(
        workspace, data, filename, metadata, column_map=column_map, analyse=False
    )
    return results, len(data)


def analyse_new_calls(
    workspace: Workspace,
    results: Sequence[IngestResult],
    total_bytes: int,
    schedule: Callable[..., Any],
) -> tuple[str | None, dict[str, Any] | None]:
    """Analyse the calls just created: inline for small uploads, else as a job given to
    ``schedule`` (e.g. ``BackgroundTasks.add_task``). Returns (job id, inline summary)."""
    ids = created_ids(results)
    if not ids:
        return None, None
    if total_bytes <= workspace.settings.background_ingest_bytes:
        return None, dict(analysis.analyse_calls(workspace, ids))

    def work(progress: jobs.ProgressCallback) -> dict[str, Any]:
        return dict(analysis.analyse_calls(workspace, ids, progress=progress))

    message = f"analysing {len(ids)} new calls"
    return jobs.submit(workspace, "analyse", message, work, schedule), None


def parse_column_map(raw: str | None) -> dict[str, str] | None:
    """``'{"text": "Note Body"}'`` -> a CSV column mapping; blank -> None."""
    if not raw or not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadInput(f"column_map is not valid JSON: {exc.msg}") from exc
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise BadInput('column_map must be a JSON object of strings, e.g. {"text": "Note Body"}')
    return value


def _ingest_one(
    workspace: Workspace,
    parsed: ParsedCall,
    filename: str,
    metadata: CallMetadata,
    index: int | None,
) -> IngestResult:
    """Merge metadata, assign roles and store; any failure rejects this call only."""
    try:
        digest = content_hash(parsed)  # before the metadata merge: only the file's content counts
        _merge_metadata(parsed, metadata)
        assign_roles(parsed, parsed.our_speakers)
        return _ingest_parsed(workspace, parsed, digest, filename, index)
    except CallmineError as exc:
        return rejected(filename, exc).model_copy(update={"index": index})
    except Exception as exc:  # noqa: BLE001 - reported per file so the other files are kept
        log.exception("storing %s failed", filename)
        error = CallmineError(
            f"internal error while storing, nothing saved ({type(exc).__name__}: {exc})",
            filename=filename,
        )
        return rejected(filename, error).model_copy(update={"index": index})


def display_name(filename: str) -> str:
    """A file name safe to print or return in an error (no NUL or control characters)."""
    cleaned = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in filename)
    return cleaned[:255] or "(unnamed)"


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


def _call_reads(session: Session, calls: Sequence[Call]) -> list[CallRead]:
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
            title=c.title,
            date=c.call_date,
            account=c.account,
            deal_id=c.deal_id,
            deal_stage=c.deal_stage,
            outcome=c.outcome,
            our_speakers=list(c.our_speakers or []),
            competitors=list(c.competitors or []),
            speakers=speakers.get(c.id, []),
            utterance_count=int(counts.get(c.id, 0)),
            created_at=c.created_at,
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
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return CallPage(items=_call_reads(db, calls), total=total, page=page, page_size=page_size)


def _get(db: Session, call_id: int) -> Call:
    call = db.get(Call, call_id)
    if call is None:
        raise NotFound(f"call {call_id} not found")
    return call


def get_call(db: Session, call_id: int) -> CallDetail:
    call = _get(db, call_id)
    summary = _call_reads(db, [call])[0]
    return CallDetail(
        **summary.model_dump(),
        raw_text=call.raw_text,
        extra=dict(call.extra or {}),
        utterances=list_utterances(db, call_id=call_id),
    )


def update_call(db: Session, call_id: int, update: CallUpdate) -> CallDetail:
    """Apply the fields sent; an unknown speaker in ``speaker_roles`` is a ``BadInput``."""
    call = _get(db, call_id)
    fields = update.model_dump(exclude_unset=True, exclude={"speaker_roles"})
    columns = {"date": "call_date"}
    for name, value in fields.items():
        if name == "outcome" and value is None:
            value = "unknown"
        if name in ("our_speakers", "competitors") and value is None:
            value = []
        setattr(call, columns.get(name, name), value)
    if update.speaker_roles:
        speakers = {u.speaker for u in call.utterances}
        unknown = sorted(set(update.speaker_roles) - speakers)
        if unknown:
            raise BadInput(f"no speaker named {', '.join(map(repr, unknown))} in call {call_id}")
        for utterance in call.utterances:
            if utterance.speaker in update.speaker_roles:
                utterance.role = update.speaker_roles[utterance.speaker]
    db.flush()
    return get_call(db, call_id)


def correct_call(workspace: Workspace, call_id: int, update: CallUpdate) -> CallDetail:
    """``update_call`` committed, then re-analysed when roles changed (idempotent per call)."""
    with workspace.session() as db:
        detail = update_call(db, call_id, update)
    if not update.speaker_roles:
        return detail
    analysis.analyse_calls(workspace, [call_id])
    with workspace.session() as db:
        return get_call(db, call_id)


def delete_call(db: Session, call_id: int) -> None:
    """Delete a call; its utterances and mentions go with it (foreign-key cascade)."""
    db.delete(_get(db, call_id))
    db.flush()


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
    query = query.offset(offset)
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
    return [_utterance_read(u, mentions.get(u.id, [])) for u in utterances]


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
        kinds=_unique([m.kind for m in mentions]),
        categories=_unique([m.category for m in mentions]),
        competitors=_unique([m.competitor for m in mentions]),
        cluster_ids=_unique([m.cluster_id for m in mentions]),
    )


def count_rows(db: Session) -> tuple[int, int]:
    """(calls, utterances): what the bad-input checks compare before and after."""
    calls = db.scalar(select(func.count()).select_from(Call)) or 0
    utterances = db.scalar(select(func.count()).select_from(Utterance)) or 0
    return calls, utterances
