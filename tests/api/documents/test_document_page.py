"""The document page as each role reads it: review controls for the moves the user may make,
a request for changes without its note answered by the note field, fact citations that link
to the facts they cite, and a documents list that tells same-titled documents apart."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from pipeline.store.models import Document
from tests.plugins.auth import Authed
from tests.plugins.documents import Seeded

NEEDS_NOTE = "(required to request changes)"


def _document(authed: Authed, seeded: Seeded) -> str:
    admin = TestClient(authed.app, headers=authed.bearer("alice"))
    created = admin.post(
        "/api/documents",
        json={"type": "one-pager", "cluster_ids": [seeded.price], "use_llm": "false"},
    )
    assert created.status_code == 201, created.text
    return f"/documents/{created.json()['id']}"


def test_review_controls_follow_the_role(authed: Authed, seeded: Seeded) -> None:
    document = _document(authed, seeded)
    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    draft = mark.client.get(document).text
    assert "Send for review" in draft and NEEDS_NOTE not in draft  # a note only sales need
    assert "Only marketing can move it on from here" in sam.client.get(document).text
    mark.client.post(f"{document}/state", data={"state": "in_review", "csrf_token": mark.csrf})
    assert NEEDS_NOTE in sam.client.get(document).text
    assert NEEDS_NOTE not in mark.client.get(document).text


def test_request_changes_without_a_note_says_so_by_the_note(authed: Authed, seeded: Seeded) -> None:
    document = _document(authed, seeded)
    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    mark.client.post(f"{document}/state", data={"state": "in_review", "csrf_token": mark.csrf})
    unsaid = sam.client.post(
        f"{document}/state", data={"state": "changes_requested", "csrf_token": sam.csrf}
    )
    assert str(unsaid.url).endswith(f"{document}?note=missing#review")
    field = re.search(r'<input type="text" id="review-comment"[^>]*>', unsaid.text)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert re.search(r'id="review-comment-error" role="alert">Nothing was sent', unsaid.text)
    assert 'id="doc-state">In review<' in unsaid.text
    said = sam.client.post(
        f"{document}/state",
        data={"state": "changes_requested", "comment": "Cite the price", "csrf_token": sam.csrf},
    )
    assert 'id="doc-state">Changes requested<' in said.text
    assert "Nothing was sent" not in said.text


def test_fact_citations_link_to_the_facts_they_cite(authed: Authed, seeded: Seeded) -> None:
    document = _document(authed, seeded)
    with authed.workspace.session() as session:
        doc = session.get(Document, int(document.rsplit("/", 1)[1]))
        assert doc is not None
        evidence = dict(doc.structured["evidence"])
        evidence["profile"] = [
            {"id": 1, "label": "P1", "section": "proof_points", "text": "Rotas in ten minutes."}
        ]
        doc.structured = {**doc.structured, "evidence": evidence}
        doc.body_markdown += "\n\nRotas take minutes [P1][P9], see [Q1, P1].\n"
    page = authed.sign_in("mark").client.get(document).text
    preview = page.split('aria-label="Preview"', 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r'<a class="cite" href="#p1"[^>]*>P1</a>', preview)) == 2
    assert '<span class="cite">P9</span>' in preview  # no such fact: plain, not a dead link
    assert re.search(r'<a class="cite" href="/calls/\d+#u\d+"[^>]*>Q1</a><a class="cite"', preview)
    assert re.search(r'<div id="p1"><dt><strong>P1</strong> about us · proof points', page)


def test_the_documents_list_tells_same_titled_documents_apart(
    authed: Authed, seeded: Seeded
) -> None:
    first, second = _document(authed, seeded), _document(authed, seeded)
    listed = authed.sign_in("sam").client.get("/documents").text
    for document in (first, second):
        row = listed.split(f'href="{document}"', 1)[1].split("</tr>", 1)[0]
        updated = r"updated <time[^>]*>\d{4}-\d\d-\d\d \d\d:\d\d<"
        assert re.search(r"version 1 · offline draft · " + updated, row)
        assert "Sales one-pager" in row
