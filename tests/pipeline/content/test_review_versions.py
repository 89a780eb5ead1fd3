"""A review, an accuracy check or an edit applies to the version it was made on; a new version
is always an unchecked draft, whatever landed on the one before while it was written (review
22k: an approval of v2 had landed on a regenerated v3 that still said "To write")."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document, get_document, regenerate_document
from pipeline.errors import Conflict
from pipeline.publish.review import edit_document, mark_accuracy, set_state
from pipeline.store.models import DocumentComment
from pipeline.workspace import Workspace
from tests.plugins.documents import seed_clusters, write_the_gaps


@pytest.fixture
def checked(ws: Workspace) -> int:
    """A one-pager with its gaps written, in review and marked accurate: ready to approve."""
    with ws.session() as session:
        seed_clusters(session)
        document_id = generate_document(session, ws.settings, doc_type="one-pager").id
    with ws.session() as session:
        write_the_gaps(session, document_id)
        set_state(session, document_id, "in_review")
        mark_accuracy(session, document_id, "accurate")
    return document_id


def test_an_approval_read_before_a_regeneration_does_not_land_on_the_new_version(
    ws: Workspace, checked: int
) -> None:
    with ws.session() as approving:
        # The approver's copy, held as a request holds it: v2, in review, accurate.
        seen = get_document(approving, checked)
        assert (seen.state, seen.accuracy, seen.current_version) == ("in_review", "accurate", 2)
        with ws.session() as regenerating:
            regenerate_document(regenerating, ws.settings, checked)
        with pytest.raises(Conflict):
            set_state(approving, checked, "approved", reviewer="sal")
    with ws.session() as session:
        document = get_document(session, checked)
        assert (document.state, document.accuracy, document.current_version) == ("draft", None, 3)


@pytest.mark.parametrize(
    "verdict",
    [
        lambda s, d: set_state(s, d, "in_review", reviewer="mo"),
        lambda s, d: mark_accuracy(s, d, "accurate", reviewer="sal"),
    ],
    ids=["in_review", "accurate"],
)
def test_a_regeneration_read_before_a_verdict_still_starts_over_as_a_draft(
    ws: Workspace, verdict: object
) -> None:
    with ws.session() as session:
        seed_clusters(session)
        document_id = generate_document(session, ws.settings, doc_type="objection-faq").id
    with ws.session() as regenerating:
        started = get_document(regenerating, document_id)  # regeneration started on v1
        assert (started.state, started.current_version) == ("draft", 1)
        with ws.session() as judging:
            verdict(judging, document_id)  # type: ignore[operator]
        regenerate_document(regenerating, ws.settings, document_id)
    with ws.session() as session:
        document = get_document(session, document_id)
        assert (document.state, document.accuracy, document.current_version) == ("draft", None, 2)


def test_a_regeneration_takes_an_approval_back_and_says_so(ws: Workspace, checked: int) -> None:
    with ws.session() as session:
        set_state(session, checked, "approved", reviewer="sal", version=2)
    with ws.session() as session:
        regenerate_document(session, ws.settings, checked, author="mo")
    with ws.session() as session:
        document = get_document(session, checked)
        assert (document.state, document.accuracy) == ("draft", None)
        last = session.query(DocumentComment).order_by(DocumentComment.id.desc()).first()
        assert last is not None and (last.from_state, last.to_state) == ("approved", "draft")
        assert "version 3" in last.body


@pytest.mark.parametrize(
    "act",
    [
        lambda s, d, v: set_state(s, d, "approved", reviewer="sal", version=v),
        lambda s, d, v: set_state(s, d, "changes_requested", comment="tone", version=v),
        lambda s, d, v: mark_accuracy(s, d, "accurate", version=v),
        lambda s, d, v: mark_accuracy(s, d, "needs_fix", comment="wrong price", version=v),
        lambda s, d, v: edit_document(s, d, "# Mine\n\nOur own text.\n", version=v),
    ],
    ids=["approve", "changes", "accurate", "needs_fix", "edit"],
)
def test_a_verdict_or_edit_on_a_superseded_version_is_a_conflict(
    ws: Workspace, checked: int, act: object
) -> None:
    with ws.session() as session:
        regenerate_document(session, ws.settings, checked)
    with ws.session() as session, pytest.raises(Conflict, match="you saw version 2.*version 3"):
        act(session, checked, 2)  # type: ignore[operator]
    with ws.session() as session:
        document = get_document(session, checked)
        assert (document.state, document.accuracy, document.current_version) == ("draft", None, 3)


def test_a_verdict_on_the_version_seen_applies(ws: Workspace, checked: int) -> None:
    with ws.session() as session:
        assert set_state(session, checked, "approved", version=2).state == "approved"
