"""A call's analysis state on the real pipeline: pending -> analysed, or failed with its error;
a failing neighbour costs the others nothing; what is left pending is picked up again; the
progress a job reports moves through the stages with real fractions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pipeline.analysis import flow as analysis
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace
from tests.samples import transcript

pytestmark = pytest.mark.postgres

POISON = "this line makes detection fail"


def states(workspace: Workspace) -> dict[int, tuple[str, str | None]]:
    with workspace.session() as db:
        rows = db.execute(select(Call.id, Call.analysis_state, Call.analysis_error)).all()
    return {int(r[0]): (str(r[1]), r[2]) for r in rows}


def mentions_of(workspace: Workspace, call_id: int) -> int:
    with workspace.session() as db:
        return int(
            db.scalar(select(func.count()).select_from(Mention).where(Mention.call_id == call_id))
            or 0
        )


@pytest.fixture
def poisoned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection raises on any batch holding the poison line (a fake for the error path only)."""
    real = RuleEmbeddingDetector.detect_utterances

    def detect(self: RuleEmbeddingDetector, utterances: Sequence[Any], **kwargs: Any) -> Any:
        if any(POISON in u.text for u in utterances):
            raise RuntimeError("detector crashed")
        return real(self, utterances, **kwargs)

    monkeypatch.setattr(RuleEmbeddingDetector, "detect_utterances", detect)


def poisoned_call(tag: str) -> bytes:
    return transcript(tag) + f"Dana Ruiz: {POISON}.\n".encode()


def test_stored_calls_are_pending_until_analysed(workspace: Workspace) -> None:
    [stored] = ingest_bytes(workspace, transcript("pending"), "p.txt", analyse=False)
    assert states(workspace)[stored.call_id or 0] == ("pending", None)
    assert analysis.pending_call_ids(workspace) == [stored.call_id]
    summary = analysis.analyse_pending(workspace)
    assert summary["calls"] == 1 and summary["mentions"] >= 1
    assert states(workspace)[stored.call_id or 0] == ("analysed", None)
    assert analysis.pending_call_ids(workspace) == []


def test_a_failing_call_costs_its_batch_neighbours_nothing(
    client: TestClient, workspace: Workspace, poisoned: None
) -> None:
    response = client.post(
        "/api/calls",
        files=[
            ("files", ("good.txt", transcript("good"))),
            ("files", ("bad.txt", poisoned_call("bad"))),
        ],
    )
    assert response.status_code == 201, response.text
    good, bad = (r["call_id"] for r in response.json()["results"])
    assert response.json()["analysis"]["failed"] == 1
    found = states(workspace)
    assert found[good] == ("analysed", None)
    assert found[bad] == ("failed", "RuntimeError: detector crashed")
    assert mentions_of(workspace, good) >= 1
    assert client.get(f"/api/calls/{bad}").json()["analysis_error"] == (
        "RuntimeError: detector crashed"
    )


def test_reuploading_a_call_that_was_never_analysed_analyses_it(
    client: TestClient, workspace: Workspace
) -> None:
    [stored] = ingest_bytes(workspace, transcript("crashed"), "c.txt", analyse=False)
    response = client.post("/api/calls", files={"files": ("c.txt", transcript("crashed"))})
    assert response.status_code == 201
    body = response.json()
    assert (body["created"], body["resumed"], body["duplicates"]) == (0, 1, 0)
    assert body["results"][0] == {
        **body["results"][0],
        "status": "resumed",
        "call_id": stored.call_id,
    }
    assert states(workspace)[stored.call_id or 0] == ("analysed", None)
    assert mentions_of(workspace, stored.call_id or 0) >= 1
    again = client.post("/api/calls", files={"files": ("c.txt", transcript("crashed"))})
    assert (again.status_code, again.json()["results"][0]["status"]) == (200, "duplicate")


def test_the_next_upload_picks_up_calls_left_pending(
    client: TestClient, workspace: Workspace
) -> None:
    left = [
        ingest_bytes(workspace, transcript(f"left-{i}"), f"l{i}.txt", analyse=False)[0].call_id
        for i in range(2)
    ]
    response = client.post("/api/calls", files={"files": ("n.txt", transcript("next"))})
    assert response.status_code == 201
    assert all(states(workspace)[i or 0][0] == "analysed" for i in left)
    recover = client.get("/api/jobs", params={"kind": "recover"}).json()["items"]
    assert recover and recover[0]["status"] == "done" and recover[0]["result"]["calls"] == 2


def test_a_failed_call_is_analysed_again_when_uploaded_again(
    client: TestClient, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = RuleEmbeddingDetector.detect_utterances
    calls = 0

    def fails_once(self: RuleEmbeddingDetector, utterances: Sequence[Any], **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls <= 2:  # the batch, then the call on its own
            raise RuntimeError("a passing fault")
        return real(self, utterances, **kwargs)

    monkeypatch.setattr(RuleEmbeddingDetector, "detect_utterances", fails_once)
    first = client.post("/api/calls", files={"files": ("f.txt", transcript("flaky"))}).json()
    call_id = first["results"][0]["call_id"]
    assert states(workspace)[call_id][0] == "failed"
    again = client.post("/api/calls", files={"files": ("f.txt", transcript("flaky"))}).json()
    assert again["results"][0]["status"] == "resumed"
    assert states(workspace)[call_id] == ("analysed", None)


def test_progress_moves_through_the_stages(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        ingest_bytes(workspace, transcript(f"progress-{i}"), f"p{i}.txt", analyse=False)[0].call_id
        for i in range(6)
    ]
    monkeypatch.setattr(workspace.settings, "analysis_batch_utterances", 5)  # a call a batch
    seen: list[tuple[float, str]] = []
    analysis.analyse_calls(
        workspace, [i or 0 for i in ids], progress=lambda f, m: seen.append((f, m))
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    detect = [(f, m) for f, m in seen if m.startswith("detect:")]
    assert len(detect) == 6 and len({f for f, _ in detect}) == 6
    assert detect[3][1] == "detect: 15 of 30 utterances in 6 calls"
    assert any(m.startswith("cluster:") for _, m in seen)  # the first calls are clustered
    assert 0.0 < detect[1][0] < detect[-1][0] < analysis.DETECT_SHARE


def test_the_calls_page_shows_what_is_not_analysed(
    client: TestClient, workspace: Workspace, poisoned: None
) -> None:
    client.post("/api/calls", files={"files": ("bad.txt", poisoned_call("page"))})
    ingest_bytes(workspace, transcript("waiting"), "w.txt", analyse=False)
    page = client.get("/calls").text
    assert 'class="badge badge-failed" title="RuntimeError: detector crashed">failed<' in page
    assert 'class="badge badge-pending" title="waiting for analysis">pending<' in page
