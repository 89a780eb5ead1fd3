"""The out-of-date check is computed once per revision of what it reads, not per request: the
list of 8 documents over 23k calls took 3 s a request while nothing changed."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.content import staleness as staleness_module
from pipeline.content.generate import generate_document
from pipeline.store.models import Document
from pipeline.workspace import Workspace
from tests.pipeline.content.test_staleness import _more_calls
from tests.plugins.documents import Seeded


def test_the_document_lists_check_staleness_only_when_the_data_moved(
    ws: Workspace, seeded: Seeded, api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ws.session() as db:
        faq = generate_document(db, ws.settings, doc_type="objection-faq").id
        brief = generate_document(db, ws.settings, doc_type="seo-brief").id
    checked: Counter[int] = Counter()
    check = staleness_module.staleness

    def counted(session: Any, document: Document) -> staleness_module.Staleness:
        checked[document.id] += 1
        return check(session, document)

    monkeypatch.setattr(staleness_module, "staleness", counted)
    for _ in range(3):
        assert api.get("/api/documents").status_code == 200
        assert api.get("/documents").status_code == 200
        assert api.get(f"/documents/{faq}").status_code == 200
    assert checked == {faq: 1, brief: 1}  # once each, then served as computed
    assert all(not d["out_of_date"] for d in api.get("/api/documents").json())

    _more_calls(ws, seeded)  # later calls: the check runs again and says what moved
    marks = {d["id"]: d["out_of_date"] for d in api.get("/api/documents").json()}
    assert marks[faq] and checked[faq] == 2
    api.get("/api/documents")
    assert checked[faq] == 2
