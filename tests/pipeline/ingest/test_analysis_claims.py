"""The process that stores a call owns its analysis (``pipeline.claims``): the same content
uploaded by another process meanwhile is a ``duplicate`` left to that owner, a dead owner's
call (its pid gone here, or its claim older than the bound) is taken over once and analysed
(``resumed``), and an analysis that waited for the writer lock skips what another did."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from pipeline.analysis import flow as analysis
from pipeline.analysis.once import analyse_once
from pipeline.claims import CLAIM_STALE_AFTER, take_over
from pipeline.ingest.service import ingest_bytes
from pipeline.processes import this_process
from pipeline.store.models import Call, Mention, utcnow
from pipeline.workspace import Workspace
from tests.samples import transcript

pytestmark = pytest.mark.postgres


@pytest.fixture
def other_process() -> Iterator[subprocess.Popen[bytes]]:
    """A live process on this machine, standing for another callmine."""
    process = subprocess.Popen(["sleep", "120"])
    yield process
    process.kill()
    process.wait(timeout=10)


def stored_by(workspace: Workspace, tag: str, owner: str, since: dt.datetime) -> int:
    """A call stored (not analysed) and claimed by ``owner`` since ``since``."""
    [result] = ingest_bytes(workspace, transcript(tag), f"{tag}.txt", analyse=False)
    assert result.status == "created" and result.call_id is not None
    with workspace.session() as db:
        db.execute(
            update(Call).where(Call.id == result.call_id).values(claimed_by=owner, claimed_at=since)
        )
    return result.call_id


def state_and_owner(workspace: Workspace, call_id: int) -> tuple[str, str | None]:
    with workspace.session() as db:
        row = db.execute(
            select(Call.analysis_state, Call.claimed_by).where(Call.id == call_id)
        ).one()
    return str(row[0]), row[1]


def test_a_call_a_live_process_claimed_is_a_duplicate_until_that_process_dies(
    workspace: Workspace, other_process: subprocess.Popen[bytes]
) -> None:
    owner = f"{socket.gethostname()}:{other_process.pid}"
    call_id = stored_by(workspace, "claimed-here", owner, utcnow())
    [again] = ingest_bytes(workspace, transcript("claimed-here"), "copy.txt")
    assert (again.status, again.call_id) == ("duplicate", call_id)
    # Left to its owner: neither the duplicate nor this ingest's sweep of pending calls took it.
    assert state_and_owner(workspace, call_id) == ("pending", owner)
    assert call_id not in analysis.pending_call_ids(workspace)

    other_process.kill()
    other_process.wait(timeout=10)
    [after] = ingest_bytes(workspace, transcript("claimed-here"), "copy.txt")
    assert (after.status, after.call_id) == ("resumed", call_id)
    assert state_and_owner(workspace, call_id) == ("analysed", this_process())


@pytest.mark.parametrize(
    ("age", "status", "state"),
    [
        (dt.timedelta(minutes=5), "duplicate", "pending"),  # another machine, at work
        (CLAIM_STALE_AFTER + dt.timedelta(minutes=5), "resumed", "analysed"),  # long gone
    ],
)
def test_another_machines_claim_holds_until_it_is_stale(
    workspace: Workspace, age: dt.timedelta, status: str, state: str
) -> None:
    call_id = stored_by(workspace, "elsewhere", "worker-7.example.internal:4242", utcnow() - age)
    [again] = ingest_bytes(workspace, transcript("elsewhere"), "copy.txt")
    assert (again.status, again.call_id) == (status, call_id)
    assert state_and_owner(workspace, call_id)[0] == state


def test_of_two_processes_taking_over_one_dead_claim_one_wins(workspace: Workspace) -> None:
    since = utcnow() - CLAIM_STALE_AFTER * 2
    call_id = stored_by(workspace, "contested", "gone.example.internal:99", since)
    with workspace.session() as db:
        owner, seen = db.execute(
            select(Call.claimed_by, Call.claimed_at).where(Call.id == call_id)
        ).one()
    with workspace.session() as db:
        assert take_over(db, call_id, owner, seen)
    with workspace.session() as db:  # the second read the same claim before the first won
        assert not take_over(db, call_id, owner, seen)


def test_an_analysis_that_waited_leaves_what_another_analysed(workspace: Workspace) -> None:
    [done] = ingest_bytes(workspace, transcript("analysed meanwhile"), "m.txt")
    assert done.status == "created" and done.call_id is not None
    with workspace.session() as db:
        before = sorted(db.scalars(select(Mention.id).where(Mention.call_id == done.call_id)))
    assert before
    assert analyse_once(workspace, [done.call_id]) is None  # not analysed a second time
    with workspace.session() as db:
        after = sorted(db.scalars(select(Mention.id).where(Mention.call_id == done.call_id)))
    assert after == before


def test_a_redetect_analyses_calls_whatever_process_stored_them(
    workspace: Workspace, other_process: subprocess.Popen[bytes]
) -> None:
    call_id = stored_by(
        workspace, "redetected", f"{socket.gethostname()}:{other_process.pid}", utcnow()
    )
    analysis.mark_pending(workspace)
    analysis.analyse_pending(workspace)
    assert state_and_owner(workspace, call_id)[0] == "analysed"
