"""Store parsed calls: a call is stored whole or not at all, duplicates found by content.

Many calls go in one transaction (``store_calls``: a CRM export's 100k rows would otherwise
pay a commit each); if that transaction fails, each call is stored in its own
(``store_parsed``), so one bad call never costs its neighbours.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.claims import claim_columns, claim_live, take_over
from pipeline.errors import BadInput
from pipeline.ingest.account_industries import share_industries
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.csv_columns import unplaced_notice
from pipeline.ingest.readable import understood
from pipeline.ingest.record_ids import account_key_of, record_id_notice
from pipeline.ingest.refresh import with_changes
from pipeline.ingest.remap import claim_earlier
from pipeline.ingest.schemas import IngestResult
from pipeline.ingest.speaker_ids import speaker_ids_notice
from pipeline.ingest.spellings import known_spellings
from pipeline.ingest.values import account_key
from pipeline.store.busy import database_locked
from pipeline.store.models import AnalysisState, Call, Outcome, Utterance
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StorableCall:
    """A parsed call checked and ready to store, with its content hash and place in the file."""

    parsed: ParsedCall
    digest: str
    filename: str
    index: int | None
    # The hashes this row had when imported without some of its date/account/deal columns
    # (``remap``): a stored call with one of them is this row, updated, not a new call.
    earlier: tuple[str, ...] = ()


HASHED_FIELDS = ("date", "account", "deal_id")


def _normalise(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", (text or "").replace("\ufeff", "")).split())


def content_hash(parsed: ParsedCall, without: Collection[str] = ()) -> str:
    """sha256 of the normalised call content: whitespace, encoding or BOM changes are duplicates.

    The file's own date/account/deal are part of the content: two CRM rows with the same short
    note for different deals are different calls. ``without``: those of ``HASHED_FIELDS`` taken
    as absent (the hash an import that lacked their columns stored).
    """
    payload = {
        "utterances": [
            [_normalise(_as_read(parsed, u.speaker)), u.start_seconds, _normalise(u.text)]
            for u in parsed.utterances
        ],
        "date": parsed.call_date.isoformat() if parsed.call_date else None,
        "account": _normalise(account_key_of(parsed)),
        "deal_id": _normalise(parsed.deal_id),
    }
    for field in without:
        payload[field] = None if field == "date" else ""
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _as_read(parsed: ParsedCall, speaker: str | None) -> str | None:
    """The speaker as the file named them: a file stored before its ids were numbered
    (``speaker_ids``) is still the same content."""
    return parsed.read_speakers.get(speaker, speaker) if speaker else speaker


def earlier_hashes(parsed: ParsedCall) -> tuple[str, ...]:
    """This call's hash as an import lacking some of its date/account/deal columns stored it:
    one per set of the fields it has, the fewest left out first."""
    values = (parsed.call_date, _normalise(account_key_of(parsed)), _normalise(parsed.deal_id))
    present = [field for field, value in zip(HASHED_FIELDS, values, strict=True) if value]
    return tuple(
        content_hash(parsed, without)
        for size in range(1, len(present) + 1)
        for without in itertools.combinations(present, size)
    )


def _utterance_row(call_id: int, seq: int, utterance: ParsedUtterance) -> dict[str, object]:
    return {
        "call_id": call_id,
        "seq": seq,
        "speaker": utterance.speaker[:255] if utterance.speaker else utterance.speaker,
        "role": utterance.role,
        "start_seconds": utterance.start_seconds,
        "text": utterance.text,
        "note_kind": utterance.note_kind,
        "note_category": utterance.note_category,
    }


def _account(parsed: ParsedCall, spellings: dict[str, str]) -> str | None:
    """The account as already spelt for an earlier call: "Hartwell & Pike" and "Hartwell & Pike
    LLP" had been two accounts, each with half the calls."""
    if not parsed.account:
        return parsed.account
    return spellings.setdefault(account_key(parsed.account), parsed.account)


def _call_row(
    parsed: ParsedCall, filename: str, digest: str, spellings: dict[str, str]
) -> dict[str, object]:
    return {
        "content_hash": digest,
        "filename": filename[:255],
        "format": parsed.format,
        "title": parsed.title,
        "raw_text": parsed.raw_text,
        "call_date": parsed.call_date,
        "account": _account(parsed, spellings),
        "deal_id": parsed.deal_id,
        "deal_stage": parsed.deal_stage,
        "industry": parsed.industry[:255] if parsed.industry else None,
        "outcome": parsed.outcome or Outcome.unknown,
        "our_speakers": list(parsed.our_speakers),
        "competitors": list(parsed.competitors),
        "extra": dict(parsed.extra),
        **claim_columns(),  # this process owns its analysis, from the same transaction on
    }


@contextmanager
def _kept_if_stored(spellings: dict[str, str]) -> Iterator[None]:
    """The spellings a failed transaction added taken back out: its calls were never stored."""
    size = len(spellings)
    try:
        yield
    except BaseException:
        for key in list(itertools.islice(reversed(spellings), len(spellings) - size)):
            del spellings[key]
        raise


def _store_call(
    session: Session,
    parsed: ParsedCall,
    filename: str,
    digest: str,
    spellings: dict[str, str] | None = None,
) -> Call:
    """``spellings``: ``known_spellings`` kept by the caller (reading it again per call read
    every stored account: a big file's rows stored alone slowed to 3 a second)."""
    known = known_spellings(session) if spellings is None else spellings
    [row] = share_industries(session, [_call_row(parsed, filename, digest, known)])
    call = Call(**row)
    session.add(call)
    session.flush()
    rows = [_utterance_row(call.id, seq, u) for seq, u in enumerate(parsed.utterances)]
    if rows:  # one executemany, not one ORM object per line: a long call stores in one go
        session.execute(insert(Utterance), rows)
    return call


class _Stored(NamedTuple):
    """The call already stored with an upload's content: its id, its analysis state, and
    whether it has a date (a manifest's or an edit's, where the upload's file gives none)."""

    id: int
    state: str
    dated: bool


def _existing(session: Session, digest: str) -> _Stored | None:
    """The call already stored with this content, if any."""
    row = session.execute(
        select(Call.id, Call.analysis_state, Call.call_date).where(Call.content_hash == digest)
    ).first()
    return None if row is None else _Stored(int(row[0]), str(row[1]), row[2] is not None)


def _already_stored(
    workspace: Workspace, session: Session, call: StorableCall, existing: _Stored
) -> IngestResult:
    """A duplicate; ``resumed`` when its analysis never finished and nobody is about to
    analyse it (its owner died, or it failed): this process takes the call over and analyses
    it now. Only an unanalysed call's claim is read (by id): an analysed one costs nothing."""
    call_id, state, dated = existing
    result = _created(call, dated=dated)
    status = "duplicate"
    if state != AnalysisState.analysed:
        owner, since = session.execute(
            select(Call.claimed_by, Call.claimed_at).where(Call.id == call_id)
        ).one()
        live = state == AnalysisState.pending and claim_live(
            workspace.calls_in_flight, call_id, owner, since
        )
        if not live and take_over(session, call_id, owner, since):
            status = "resumed"
            workspace.calls_in_flight.hold([call_id])  # ours now: a third upload is a duplicate
    return result.model_copy(update={"status": status, "call_id": call_id})


def storable(
    parsed: ParsedCall,
    digest: str,
    filename: str,
    index: int | None,
    earlier: tuple[str, ...] = (),
) -> StorableCall:
    """The call ready to store; BadInput when there is nothing in it to store."""
    if not parsed.utterances:
        where = f" in call {index + 1} of the file" if index is not None else ""
        raise BadInput(f"no utterances found{where}", filename=filename)
    return StorableCall(parsed, digest, filename, index, earlier)


def _created(call: StorableCall, *, dated: bool = False) -> IngestResult:
    """What the upload read; ``dated``: the call stored before with this content has a date,
    so the upload's own lack of one is no news (a re-upload of a call dated by a manifest had
    been told it "counts in no trend or date filter")."""
    return IngestResult(
        filename=call.filename,
        status="created",
        index=call.index,
        format=call.parsed.format,
        utterances=len(call.parsed.utterances),
        understood="; ".join(
            part
            for part in (
                understood(call.parsed.utterances).describe(),
                call.parsed.notice,
                unplaced_notice(call.parsed),
                record_id_notice(call.parsed),
                speaker_ids_notice(call.parsed),
                None if dated else undated_notice(call.parsed),
            )
            if part
        ),
    )


# How a call stored with no date gets one: every notice of undated calls ends with it.
GIVE_A_DATE = "the upload's date, a manifest row, or an edit of the call"


def undated_notice(call: ParsedCall) -> str | None:
    """What to tell the user of a call stored with no date (a Zoom .vtt, an Otter .txt): it
    counts in no trend nor date filter, and nothing had said so; None where a date is known or
    a CSV's unplaced-columns notice already asks for one."""
    if call.call_date is not None or (call.unplaced and "date" in call.unplaced.fields):
        return None
    return (
        "no date found: the call counts in no trend or date filter until it has one "
        f"({GIVE_A_DATE})"
    )


def store_parsed(
    workspace: Workspace,
    parsed: ParsedCall,
    digest: str,
    filename: str,
    index: int | None,
    earlier: tuple[str, ...] = (),
    spellings: dict[str, str] | None = None,
) -> IngestResult:
    """Store one parsed call in its own transaction: all of it or nothing. ``earlier``:
    ``earlier_hashes``, for a table row imported before with fewer columns (``remap``);
    ``spellings``: the upload's ``known_spellings``, kept up to date (else read now)."""
    call = storable(parsed, digest, filename, index)
    result = _created(call)
    try:
        # One session: the duplicate check, then the call.
        with (
            _kept_if_stored(spellings if spellings is not None else {}),  # outermost: the commit
            workspace.calls_in_flight.holding() as hold,
            workspace.session() as session,
        ):
            existing = _existing(session, digest)
            if existing is not None:
                return _already_stored(workspace, session, call, existing)
            claimed = claim_earlier(session, [(digest, earlier, parsed)])
            if digest in claimed:
                call_id, state, changed = claimed[digest]
                claim = _Stored(call_id, state, False)  # it took the row's date, if any
                stored = _already_stored(workspace, session, call, claim)
                return with_changes(stored, changed)
            call_id = _store_call(session, parsed, filename, digest, spellings).id
            hold([call_id])
    except IntegrityError:
        # A concurrent upload of the same content won the unique hash: that is a duplicate.
        with workspace.session() as session:
            existing = _existing(session, digest)
            if existing is None:
                raise
            return _already_stored(workspace, session, call, existing)
    return result.model_copy(update={"call_id": call_id})


def _store_together(
    workspace: Workspace, calls: Sequence[StorableCall], spellings: dict[str, str]
) -> list[IngestResult]:
    """One transaction: the duplicate check of every digest, one insert of the new calls, one
    read back of their ids, one insert of all their utterances."""
    results = [_created(call) for call in calls]
    with workspace.calls_in_flight.holding() as hold, workspace.session() as session:
        digests = sorted({call.digest for call in calls})
        known: dict[str, _Stored] = {
            str(digest): _Stored(int(call_id), str(state), date is not None)
            for call_id, state, date, digest in session.execute(
                select(Call.id, Call.analysis_state, Call.call_date, Call.content_hash).where(
                    Call.content_hash.in_(digests)
                )
            )
        }
        changes: dict[str, list[str]] = {}
        unknown = [(c.digest, c.earlier, c.parsed) for c in calls if c.digest not in known]
        # A claimed call took the row's date: the row's own notice holds (``dated`` False).
        for digest, (call_id, state, changed) in claim_earlier(session, unknown).items():
            known[digest], changes[digest] = _Stored(call_id, state, False), changed
        new: dict[str, StorableCall] = {}
        ids: dict[str, int] = {}
        for call in calls:
            if call.digest not in known:
                new.setdefault(call.digest, call)  # a repeat within the file: stored once
        if new:
            rows = [_call_row(c.parsed, c.filename, c.digest, spellings) for c in new.values()]
            session.execute(insert(Call), share_industries(session, rows))
            found = select(Call.content_hash, Call.id).where(Call.content_hash.in_(list(new)))
            ids = {str(digest): int(call_id) for digest, call_id in session.execute(found)}
            hold(ids.values())
            session.execute(
                insert(Utterance),
                [
                    _utterance_row(ids[digest], seq, utterance)
                    for digest, call in new.items()
                    for seq, utterance in enumerate(call.parsed.utterances)
                ],
            )
        firsts: set[str] = set()
        for position, call in enumerate(calls):
            if call.digest in known:  # the update is told once, by the first of its rows
                stored = _already_stored(workspace, session, call, known[call.digest])
                results[position] = with_changes(stored, changes.pop(call.digest, []))
            elif call.digest in firsts:  # the same content earlier in this batch: stored now
                results[position] = results[position].model_copy(
                    update={"status": "duplicate", "call_id": ids[call.digest]}
                )
            else:
                firsts.add(call.digest)
                results[position] = results[position].model_copy(
                    update={"call_id": ids[call.digest]}
                )
    return results


def store_calls(
    workspace: Workspace,
    calls: Sequence[StorableCall],
    store_alone: Callable[[StorableCall], IngestResult],
    spellings: dict[str, str],
) -> list[IngestResult]:
    """Store these calls in one transaction, waiting its turn while another writer holds the
    database (``Workspace.in_turn``); if it fails otherwise (a call the database refuses, a
    concurrent upload of the same content), ``store_alone`` stores each in its own, so only
    the call at fault is rejected. ``spellings``: ``known_spellings``, kept up to date."""

    def together() -> list[IngestResult]:
        with _kept_if_stored(spellings):  # each try's own: a try the lock failed adds none
            return _store_together(workspace, calls, spellings)

    if len(calls) > 1:
        try:
            return workspace.in_turn(together)
        except Exception as exc:  # noqa: BLE001 - every call is tried again on its own below
            if database_locked(exc):
                raise  # still locked after its turn: no call's fault, none is refused for it
            log.info(
                "storing %d calls together failed (%s: %s); storing each alone",
                len(calls),
                type(exc).__name__,
                str(exc).splitlines()[0] if str(exc) else "",
            )
    return [store_alone(call) for call in calls]
