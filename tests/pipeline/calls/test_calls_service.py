"""The call service on real SQLite: ingest, duplicates, metadata, rollback, CRUD, jobs."""

from __future__ import annotations

import datetime as dt
import io
import time
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import pipeline.ingest.store as calls_service
from pipeline.calls.edits import delete_call, update_call
from pipeline.calls.queries import count_rows, get_call, list_calls, list_utterances
from pipeline.calls.schemas import CallUpdate
from pipeline.errors import BadInput, NotFound, TooLarge
from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.schemas import CallMetadata, split_names
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.uploads import READ_CHUNK_BYTES, read_limited
from pipeline.jobs import runs as jobs
from pipeline.store.models import Call, Job, Mention, Utterance
from pipeline.workspace import Workspace
from tests.samples import TRANSCRIPT, add_mention, transcript

pytestmark = [pytest.mark.usefixtures("no_analysis"), pytest.mark.postgres]


def test_split_names_accepts_commas_semicolons_and_lists() -> None:
    assert split_names("Ana; Bo, Cy ,, Ana") == ["Ana", "Bo", "Cy"]
    assert split_names(["Ana;Bo", "Cy"]) == ["Ana", "Bo", "Cy"]
    assert split_names(None) == []


def test_ingest_stores_call_utterances_and_roles(workspace: Workspace) -> None:
    [result] = ingest_bytes(
        workspace,
        TRANSCRIPT,
        "dana.txt",
        CallMetadata(account="Brightside Dental", our_speakers="Maya Chen"),  # type: ignore[arg-type]
    )
    assert result.status == "created" and result.filename == "dana.txt"
    assert result.utterances == 4
    with workspace.session() as db:
        detail = get_call(db, result.call_id or 0)
    assert detail.account == "Brightside Dental"
    assert detail.outcome == "unknown"
    assert detail.our_speakers == ["Maya Chen"]
    assert detail.speakers == ["Maya Chen", "Dana Ruiz"]
    assert [(u.speaker, u.role) for u in detail.utterances] == [
        ("Maya Chen", "rep"),
        ("Dana Ruiz", "buyer"),
        ("Maya Chen", "rep"),
        ("Dana Ruiz", "buyer"),
    ]
    assert detail.utterances[3].text == "The annual contract is what scares me, to be honest."
    assert detail.raw_text.startswith("Maya Chen: Thanks")


def test_same_content_is_a_duplicate_with_the_same_id(workspace: Workspace) -> None:
    [first] = ingest_bytes(workspace, TRANSCRIPT, "a.txt")
    [again] = ingest_bytes(workspace, TRANSCRIPT, "a.txt")
    # Same content with different line endings and a BOM is still the same call.
    variant = b"\xef\xbb\xbf" + TRANSCRIPT.replace(b"\n", b"\r\n")
    [renamed] = ingest_bytes(workspace, variant, "copy-of-a.txt", CallMetadata(outcome="won"))
    assert first.status == "created"
    assert (again.status, again.call_id) == ("duplicate", first.call_id)
    assert (renamed.status, renamed.call_id) == ("duplicate", first.call_id)
    assert renamed.reason == "already stored; updated outcome: unknown → won"
    with workspace.session() as db:
        assert count_rows(db) == (1, 4)  # no second call, no new utterances
        # what the user says of the call now is kept (a deal since won); its content is not
        assert get_call(db, first.call_id or 0).outcome == "won"


def test_a_concurrent_insert_of_the_same_content_is_a_duplicate(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two uploads of one file racing: the loser hits the unique hash and reports a duplicate."""
    [first] = ingest_bytes(workspace, TRANSCRIPT, "a.txt")
    real_lookup = calls_service._existing
    lookups: list[str] = []

    def stale_then_real(session: Session, digest: str) -> tuple[int, str] | None:
        lookups.append(digest)
        return None if len(lookups) == 1 else real_lookup(session, digest)  # pre-check misses

    monkeypatch.setattr(calls_service, "_existing", stale_then_real)
    [second] = ingest_bytes(workspace, TRANSCRIPT, "a.txt")
    assert (second.status, second.call_id) == ("duplicate", first.call_id)
    assert len(lookups) == 2
    with workspace.session() as db:
        assert count_rows(db) == (1, 4)


def test_explicit_metadata_wins_over_unknown(workspace: Workspace) -> None:
    metadata = CallMetadata(
        date=dt.date(2026, 3, 14),
        outcome="lost",
        deal_id="D-1",
        deal_stage="Proposal",
        competitors="ShiftLy; Rotaboard",  # type: ignore[arg-type]
    )
    [result] = ingest_bytes(workspace, transcript("metadata"), "m.txt", metadata)
    with workspace.session() as db:
        detail = get_call(db, result.call_id or 0)
    assert (detail.date, detail.outcome, detail.deal_id, detail.deal_stage) == (
        dt.date(2026, 3, 14),
        "lost",
        "D-1",
        "Proposal",
    )
    assert detail.competitors == ["ShiftLy", "Rotaboard"]
    assert detail.account is None


def test_analysis_runs_once_with_the_new_ids(
    workspace: Workspace, no_analysis: list[list[int]]
) -> None:
    seen = no_analysis
    [created] = ingest_bytes(workspace, transcript("analysis"), "x.txt")
    ingest_bytes(workspace, transcript("analysis"), "x.txt")  # duplicate: nothing to analyse
    ingest_bytes(workspace, transcript("skipped"), "y.txt", analyse=False)
    assert seen == [[created.call_id]]


@pytest.mark.parametrize("error", [BadInput("text field failed validation"), RuntimeError("disk")])
def test_failure_half_way_rolls_back_the_whole_call(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    [kept] = ingest_bytes(workspace, transcript("kept"), "kept.txt")
    real_row = calls_service._utterance_row

    def failing_row(call_id: int, seq: int, utterance: ParsedUtterance) -> Utterance:
        if seq == 2:
            raise error  # the call row and two utterances are already flushed by now
        return real_row(call_id, seq, utterance)

    monkeypatch.setattr(calls_service, "_utterance_row", failing_row)
    with workspace.session() as db:
        before = count_rows(db)
    [result] = ingest_bytes(workspace, transcript("half"), "half.txt")
    assert result.status == "rejected" and result.filename == "half.txt"
    assert result.status_code == (422 if isinstance(error, BadInput) else 500)
    assert result.reason and ("validation" in result.reason or "disk" in result.reason)
    with workspace.session() as db:
        assert count_rows(db) == before
        assert db.scalars(select(Call.filename)).all() == ["kept.txt"]
    monkeypatch.setattr(calls_service, "_utterance_row", real_row)
    [retry] = ingest_bytes(workspace, transcript("half"), "half.txt")
    assert retry.status == "created" and retry.call_id != kept.call_id


class EndlessStream(io.RawIOBase):
    """A stream that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 1 << 20 if size is None or size < 0 else size
        self.consumed += size
        return b"a" * size


def test_read_limited_stops_as_soon_as_the_limit_is_passed() -> None:
    stream = EndlessStream()
    with pytest.raises(TooLarge) as raised:
        read_limited(stream, 100_000, "big.txt")  # type: ignore[arg-type]
    assert raised.value.filename == "big.txt" and raised.value.status_code == 413
    assert stream.consumed <= 100_000 + READ_CHUNK_BYTES
    assert read_limited(io.BytesIO(b"x" * 10), 10, "ok.txt") == b"x" * 10


def _seed(workspace: Workspace) -> list[int]:
    rows = [
        ("a.txt", dt.date(2026, 1, 5), "Acme Dental", "won"),
        ("b.txt", dt.date(2026, 2, 9), "Brightside Dental", "lost"),
        ("c.txt", dt.date(2026, 3, 1), "Corner Cafe", "lost"),
        ("d.txt", None, None, None),
    ]
    ids = []
    for name, date, account, outcome in rows:
        metadata = CallMetadata(date=date, account=account, outcome=outcome)  # type: ignore[arg-type]
        [result] = ingest_bytes(workspace, transcript(name), name, metadata)
        ids.append(result.call_id or 0)
    return ids


def test_list_calls_filters_and_pages(workspace: Workspace) -> None:
    ids = _seed(workspace)
    with workspace.session() as db:
        everything = list_calls(db)
        assert everything.total == 4
        assert [c.filename for c in everything.items] == ["c.txt", "b.txt", "a.txt", "d.txt"]
        assert [c.id for c in list_calls(db, outcome="lost").items] == [ids[2], ids[1]]
        assert [c.account for c in list_calls(db, account="dental").items] == [
            "Brightside Dental",
            "Acme Dental",
        ]
        ranged = list_calls(db, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28))
        assert [c.filename for c in ranged.items] == ["b.txt"]
        page2 = list_calls(db, page=2, page_size=3)
        assert (page2.total, [c.filename for c in page2.items]) == (4, ["d.txt"])
        assert everything.items[0].utterance_count == 5
        with pytest.raises(BadInput):
            list_calls(db, page=0)


def test_update_call_changes_metadata_and_roles(workspace: Workspace) -> None:
    [result] = ingest_bytes(workspace, TRANSCRIPT, "r.txt", CallMetadata(outcome="open"))
    call_id = result.call_id or 0
    with workspace.session() as db:
        update = CallUpdate(account="Brightside", speaker_roles={"Maya Chen": "rep"})
        detail = update_call(db, call_id, update)
    assert detail.account == "Brightside" and detail.outcome == "open"  # unsent fields unchanged
    assert {u.speaker: u.role for u in detail.utterances}["Maya Chen"] == "rep"
    with workspace.session() as db:
        assert get_call(db, call_id).account == "Brightside"  # committed
        with pytest.raises(BadInput, match="Nobody"):
            update_call(db, call_id, CallUpdate(speaker_roles={"Nobody": "buyer"}))
        detail = update_call(db, call_id, CallUpdate.model_validate({"outcome": None}))
    assert detail.outcome == "unknown"


def test_delete_call_cascades_utterances_and_mentions(workspace: Workspace) -> None:
    ids = _seed(workspace)
    add_mention(workspace, ids[0])
    with workspace.session() as db:
        delete_call(db, ids[0])
    with workspace.session() as db:
        assert count_rows(db) == (3, 15)
        assert db.scalar(select(func.count()).select_from(Mention)) == 0
        with pytest.raises(NotFound):
            get_call(db, ids[0])
        with pytest.raises(NotFound):
            delete_call(db, ids[0])


def test_list_utterances_filters_and_carries_detections(workspace: Workspace) -> None:
    [result] = ingest_bytes(
        workspace, TRANSCRIPT, "u.txt", CallMetadata(our_speakers=["Maya Chen"])
    )
    call_id = result.call_id or 0
    add_mention(workspace, call_id, "objection")
    add_mention(workspace, call_id, "competitor")
    ingest_bytes(workspace, transcript("other"), "other.txt")
    with workspace.session() as db:
        buyers = list_utterances(db, call_id=call_id, role="buyer")
        assert [u.speaker for u in buyers] == ["Dana Ruiz", "Dana Ruiz"]
        first = buyers[0]
        assert first.kinds == ["objection", "competitor"]
        assert first.categories == ["contract_length"]
        assert first.competitors == ["ShiftLy"]
        assert buyers[1].kinds == []
        assert len(list_utterances(db)) == 9
        assert len(list_utterances(db, limit=2, offset=8)) == 1


def test_job_lifecycle(workspace: Workspace) -> None:
    job_id = jobs.create_job(workspace, "analyse")
    assert jobs.get_job(workspace, job_id).status == "queued"
    jobs.update_progress(workspace, job_id, 1.7, "embedding")
    job = jobs.get_job(workspace, job_id)
    assert (job.status, job.progress, job.message) == ("running", 1.0, "embedding")
    jobs.finish(workspace, job_id, {"calls": 2})
    job = jobs.get_job(workspace, job_id)
    assert (job.status, job.result) == ("done", {"calls": 2})
    with pytest.raises(NotFound):
        jobs.get_job(workspace, "missing")


def test_progress_is_skipped_not_blocked_while_another_writer_holds_the_lock(
    workspace: Workspace, engine: str
) -> None:
    job_id = jobs.create_job(workspace, "analyse")
    with workspace.session() as writer:
        writer.add(Job(id="holder", kind="x"))
        writer.flush()  # on SQLite this transaction now holds the one write lock
        started = time.monotonic()
        # PostgreSQL locks rows, not the database: the progress is written at once.
        written = jobs.report_progress(workspace, job_id, 0.5, "busy")
        assert written is (engine == "postgresql")
        assert time.monotonic() - started < 2
    assert jobs.report_progress(workspace, job_id, 0.6, "free") is True
    assert jobs.get_job(workspace, job_id).message == "free"


def test_run_job_records_progress_result_and_failure(workspace: Workspace) -> None:
    messages: list[str] = []

    def work(progress: jobs.ProgressCallback) -> dict[str, Any]:
        progress(0.5, "half way")
        messages.append(jobs.get_job(workspace, ok).message)
        return {"mentions": 3}

    ok = jobs.create_job(workspace, "analyse")
    jobs.run_job(workspace, ok, work)
    assert messages == ["half way"]
    assert jobs.get_job(workspace, ok).result == {"mentions": 3}

    def broken(_progress: jobs.ProgressCallback) -> dict[str, Any]:
        raise ValueError("model missing")

    bad = jobs.create_job(workspace, "analyse")
    jobs.run_job(workspace, bad, broken)
    job = jobs.get_job(workspace, bad)
    assert (job.status, job.message) == ("failed", "ValueError: model missing")
