"""Review workflow on real SQLite: states, edits as versions, comments, accuracy, diffs."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document, get_document
from pipeline.errors import BadInput, Conflict, NotFound
from pipeline.publish.review import (
    add_comment,
    edit_document,
    mark_accuracy,
    set_state,
    version_diff,
)
from pipeline.workspace import Workspace
from tests.plugins.documents import seed_clusters, write_the_gaps, written


@pytest.fixture
def document_id(ws: Workspace) -> int:
    with ws.session() as session:
        seed_clusters(session)
        return generate_document(session, ws.settings, doc_type="one-pager").id


def test_full_review_cycle_with_versions_and_who_when(ws: Workspace, document_id: int) -> None:
    with ws.session() as s:
        assert set_state(s, document_id, "in_review", reviewer="mia").state == "in_review"
        doc = set_state(
            s, document_id, "changes_requested", reviewer="mia", comment="Shorter headline"
        )
        assert doc.state == "changes_requested"
        body = written(doc.body_markdown).replace(
            "# What buyers push back on", "# Short headline: what buyers push back on"
        )
        doc = edit_document(s, document_id, body, author="lee", note="shorter headline")
        assert doc.state == "draft" and doc.current_version == 2
        set_state(s, document_id, "in_review", reviewer="lee")
        mark_accuracy(
            s, document_id, "accurate", comment="Quotes check out", reviewer="sam (sales)"
        )
        doc = set_state(s, document_id, "approved", reviewer="mia", comment="Ship it")
        assert doc.state == "approved" and doc.accuracy == "accurate"
        moves = [(c.author, c.from_state, c.to_state) for c in doc.comments if c.kind == "review"]
        assert moves == [
            ("mia", "draft", "in_review"),
            ("mia", "in_review", "changes_requested"),
            ("lee", "changes_requested", "draft"),
            ("lee", "draft", "in_review"),
            ("mia", "in_review", "approved"),
        ]
        assert [(v.version, v.author) for v in doc.versions] == [(1, "system"), (2, "lee")]
        assert all(c.created_at is not None for c in doc.comments)
        diff = version_diff(s, document_id, 1, 2)
        assert (
            "-# What buyers push back on" in diff
            and "+# Short headline: what buyers push back on" in diff
        )
        assert diff.startswith("--- v1 (system, ")


def test_edit_after_approval_goes_back_to_draft_and_clears_accuracy(
    ws: Workspace, document_id: int
) -> None:
    with ws.session() as s:
        write_the_gaps(s, document_id)
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        doc = set_state(s, document_id, "approved")
        doc = edit_document(s, document_id, doc.body_markdown + "\nOne more line.\n", author="lee")
        assert doc.state == "draft" and doc.accuracy is None


def test_invalid_transitions_are_conflicts(ws: Workspace, document_id: int) -> None:
    with ws.session() as s:
        with pytest.raises(Conflict, match="cannot go to approved"):
            set_state(s, document_id, "approved")
        with pytest.raises(BadInput, match="unknown state"):
            set_state(s, document_id, "published")
        set_state(s, document_id, "in_review")
        with pytest.raises(BadInput, match="comment is required"):
            set_state(s, document_id, "changes_requested")


def test_needs_fix_blocks_approval_until_edited(ws: Workspace, document_id: int) -> None:
    with ws.session() as s:
        set_state(s, document_id, "in_review")
        with pytest.raises(BadInput, match="comment is required"):
            mark_accuracy(s, document_id, "needs-fix")
        doc = mark_accuracy(
            s, document_id, "needs-fix", comment="Reminder stat is from 2022", reviewer="sam"
        )
        assert doc.accuracy == "needs_fix"
        assert doc.comments[-1].kind == "accuracy" and "2022" in doc.comments[-1].body
        with pytest.raises(Conflict, match="needing a fix"):
            set_state(s, document_id, "approved")
        edit_document(
            s, document_id, written(doc.body_markdown) + "\n\nThe reminder figure is from 2025.\n"
        )
        set_state(s, document_id, "in_review")
        with pytest.raises(Conflict, match="mark it accurate before approving"):
            set_state(s, document_id, "approved")  # the fix needs checking again
        mark_accuracy(s, document_id, "accurate", reviewer="sam")
        assert set_state(s, document_id, "approved").state == "approved"


def test_a_document_with_gaps_to_write_is_not_approved(ws: Workspace, document_id: int) -> None:
    """An approved export had said "To write: our answer." in every row of its table."""
    with ws.session() as s:
        gaps = get_document(s, document_id).body_markdown.count("To write")
        assert gaps
        set_state(s, document_id, "in_review")
        with pytest.raises(Conflict, match=f"{gaps} passages? still says? “To write”"):
            set_state(s, document_id, "approved")
        write_the_gaps(s, document_id)
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        assert set_state(s, document_id, "approved").state == "approved"


def test_a_citation_of_no_source_is_not_approved(ws: Workspace, document_id: int) -> None:
    """A reviewer's edit added "Docketly is 40% cheaper than Clio [Q77]": a warning only, and
    the approval went through."""
    with ws.session() as s:
        body = written(get_document(s, document_id).body_markdown)
        edit_document(s, document_id, body + "\n\nWe are 40% cheaper than Clio [Q77].\n")
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        with pytest.raises(Conflict, match=r"\[Q77\] cites no source of this document"):
            set_state(s, document_id, "approved")
        edit_document(s, document_id, body + "\n\nWe are cheaper than most.\n")
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        assert set_state(s, document_id, "approved").state == "approved"


def test_a_quotation_that_is_no_quote_is_not_approved(ws: Workspace, document_id: int) -> None:
    """An edit added “PawDesk paid for itself in the first month.” [Q2], citing a real quote
    that says nothing of the kind, and the page was approved."""
    with ws.session() as s:
        body = written(get_document(s, document_id).body_markdown)
        made_up = "As one owner said: “We made the money back in the first month.” [Q2]"
        edited = edit_document(s, document_id, body + "\n\n" + made_up + "\n")
        assert any("no quote's words verbatim" in w for w in edited.structured["warnings"])
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        with pytest.raises(Conflict, match="is no buyer's, rep's or profile's words verbatim"):
            set_state(s, document_id, "approved")
        edit_document(s, document_id, body + "\n\nOne owner made the money back quickly. [Q2]\n")
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        assert set_state(s, document_id, "approved").state == "approved"


def test_needs_fix_after_approval_withdraws_it(ws: Workspace, document_id: int) -> None:
    with ws.session() as s:
        write_the_gaps(s, document_id)
        set_state(s, document_id, "in_review")
        mark_accuracy(s, document_id, "accurate")
        set_state(s, document_id, "approved")
        doc = mark_accuracy(s, document_id, "needs_fix", comment="Old price", reviewer="sam")
        assert doc.state == "changes_requested"
        last = [c for c in doc.comments if c.kind == "review"][-1]
        assert (last.author, last.from_state, last.to_state) == (
            "sam",
            "approved",
            "changes_requested",
        )


def test_an_edit_citing_no_source_is_flagged(ws: Workspace, document_id: int) -> None:
    """ "[Q77] [P99]" typed into an edit had been saved with no warning and shown as dead labels."""
    from pipeline.content.documents import detail

    with ws.session() as s:
        body = get_document(s, document_id).body_markdown
        edit_document(s, document_id, body + "\n\nSee [Q77] and [P99, Q1].\n", author="lee")
        warnings = detail(get_document(s, document_id)).warnings
        assert [w for w in warnings if w.startswith("edited text")] == [
            "edited text: [Q77], [P99] cite no source of this document; remove or correct them"
        ]
        edit_document(s, document_id, body + "\n\nSee [Q1].\n", author="lee")
        warnings = detail(get_document(s, document_id)).warnings
        assert not [w for w in warnings if w.startswith("edited text")]


def test_comments_and_empty_edits(ws: Workspace, document_id: int) -> None:
    with ws.session() as s:
        comment = add_comment(s, document_id, "Can we add the Harbor Yoga quote?", author="mia")
        assert comment.kind == "comment" and comment.author == "mia"
        with pytest.raises(BadInput, match="empty"):
            add_comment(s, document_id, "   ")
        doc = edit_document(s, document_id, "# New\n", author="x")
        with pytest.raises(BadInput, match="nothing changed"):
            edit_document(s, document_id, doc.body_markdown, author="x")
        with pytest.raises(NotFound, match="no version 9"):
            version_diff(s, document_id, 1, 9)
