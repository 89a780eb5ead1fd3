"""Erasing an account end to end, through the admin API, on the real embedder, faiss and
SQLite: afterwards nothing of it is found by search, in clusters, documents, exports, the faiss
index, the embeddings cache, the labels file or the raw bytes of the data dir."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from pipeline.analysis.corrections import label_mention
from pipeline.analysis.flow import analyse_calls
from pipeline.cluster.index import MentionIndex
from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.cluster.search import search_quotes
from pipeline.content.generate import generate_document
from pipeline.content.scrub import REMOVED
from pipeline.detect.labels import LABELS_FILENAME
from pipeline.embed.cache import text_hash
from pipeline.publish.export import FORMATS, export_document
from pipeline.publish.review import edit_document, mark_accuracy, set_state
from pipeline.store.models import Call, Document, EmbeddingCache, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call
from tests.plugins.auth import add_users
from tests.plugins.documents import written

ACCOUNT = "Zephyr Widgets"
WORD = "Zephyrflux"
LINES = [
    f"Honestly the {WORD} licence fee is far too expensive for our budget this year.",
    f"I'm worried the {WORD} setup will take months and we don't have the time.",
    f"Does {WORD} integrate with Salesforce? That's a blocker if it doesn't.",
]


@pytest.fixture
def site(corpus_ws: Workspace) -> Iterator[tuple[Workspace, TestClient, dict[str, str]]]:
    tokens = add_users(corpus_ws)
    with TestClient(create_app(workspace=corpus_ws)) as client:
        yield corpus_ws, client, tokens


def _mention_of(ws: Workspace, call_id: int, needle: str) -> Mention:
    with ws.session() as db:
        mention = db.scalar(
            select(Mention).where(
                Mention.call_id == call_id,
                Mention.kind == "objection",
                Mention.text.contains(needle),
            )
        )
        assert mention is not None, needle
        return mention


def _everything_said(ws: Workspace) -> str:
    """Every text a user could reach: clusters, quotes, documents, versions and exports."""
    parts: list[str] = []
    with ws.session() as db:
        for kind in ("objection", "question"):
            for summary in list_clusters(db, kind=kind):
                parts.append(json.dumps(summary, default=str))
                detail = get_cluster(db, summary["id"], embedder=ws.embedder, quotes=50)
                parts.append(json.dumps(detail, default=str))
        for document in db.scalars(select(Document)):
            parts += [document.body_markdown, json.dumps(document.structured)]
            for version in document.versions:
                parts += [version.body_markdown, json.dumps(version.structured)]
                parts += [version.prompt or "", version.raw_reply or ""]
            parts += [c.body for c in document.comments]
            for fmt in FORMATS:
                content = export_document(db, ws.settings, document.id, fmt).content
                if fmt != "pdf":
                    parts.append(content.decode("utf-8"))
    return "\n".join(parts)


def test_erasing_an_account_leaves_nothing_of_it(
    site: tuple[Workspace, TestClient, dict[str, str]],
) -> None:
    ws, client, tokens = site
    call_id = add_call(ws, LINES, key="zephyr-call", account=ACCOUNT)
    analyse_calls(ws, [call_id])
    ours = _mention_of(ws, call_id, "licence fee")
    with ws.session() as db:
        other_call = db.scalar(select(Call.id).where(Call.account == "Account 0"))
        assert other_call is not None
    theirs = _mention_of(ws, other_call, "price")
    with ws.session() as db:  # verdicts on both accounts' sentences go to the labels file
        label_mention(ws, db, ours.id, label="objection", category="price")
        label_mention(ws, db, theirs.id, label="objection", category="price")
    with ws.session() as db:
        ours = db.get(Mention, ours.id)
        assert ours is not None and ours.cluster_id is not None
        document = generate_document(
            db, ws.settings, doc_type="one-pager", cluster_ids=[ours.cluster_id], use_llm=False
        )
        quotes = document.structured["evidence"]["quotes"]
        cited = next(q for q in quotes if q["call_id"] == call_id)
        edit_document(  # a hand-written line quoting the account, and one that does not
            db,
            document.id,
            written(document.body_markdown)
            + f"\n\nAs {ACCOUNT} put it: “{cited['text']}” [Q{cited['id']}]\n\nKeep this line.\n",
            author="mark",
        )
        set_state(db, document.id, "in_review")
        mark_accuracy(db, document.id, "accurate")
        set_state(db, document.id, "approved")
        document_id = document.id
    index = MentionIndex.load(ws.settings.data_dir)
    assert index is not None and ours.id in index.ids()  # the index held it before
    assert WORD in _everything_said(ws)
    labels_file = ws.settings.data_dir / LABELS_FILENAME
    assert f"call-{call_id}" in labels_file.read_text()
    vector = ws.embedder.encode([LINES[0]])

    path = f"/api/accounts/{quote(ACCOUNT)}"
    assert (
        client.delete(path, headers={"Authorization": f"Bearer {tokens['mark']}"}).status_code
        == 403
    )
    response = client.delete(path, headers={"Authorization": f"Bearer {tokens['alice']}"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["account"] == ACCOUNT and record["actor"] == "alice"
    counts = record["counts"]
    assert counts["calls"] == 1 and counts["utterances"] == 2 * len(LINES)
    assert counts["mentions"] >= 3 and counts["labels"] == 1 and counts["documents"] == 1
    assert counts["complete"] is True

    # Nothing of it anywhere a user looks.
    said = _everything_said(ws)
    assert WORD not in said, said[max(0, said.find(WORD) - 400) : said.find(WORD) + 100]
    assert ACCOUNT not in _everything_said(ws)
    hits = search_quotes(ws, LINES[0], k=20)
    assert hits and all(WORD not in h["text"] for h in hits)
    with ws.session() as db:
        assert db.scalar(select(Call.id).where(Call.account == ACCOUNT)) is None
        assert db.scalar(select(Mention.id).where(Mention.call_id == call_id)) is None
        for line in LINES:
            assert db.get(EmbeddingCache, (text_hash(line), ws.embedder.name)) is None
        document = db.get(Document, document_id)
        assert document is not None
        assert document.state == "draft"  # the approval covered a text that changed
        assert "Keep this line." in document.body_markdown
        assert f"{REMOVED} " not in document.body_markdown and REMOVED in document.body_markdown
        assert document.structured["erasures"][0]["quotes_removed"] == [cited["id"]]
        assert any("Erasure #" in w for w in document.structured["warnings"])
    # The faiss file on disk was rebuilt without its vectors.
    index = MentionIndex.load(ws.settings.data_dir)
    assert index is not None and ours.id not in index.ids()
    assert all(hit.similarity < 0.99 for hit in index.search(vector, 5))
    # The labels file keeps the other account's verdict only.
    rows = labels_file.read_text()
    assert f"call-{call_id}" not in rows and f"call-{other_call}" in rows
    # Not even in the bytes of the data dir (the SQLite file was vacuumed).
    for file in ws.settings.data_dir.rglob("*"):
        if file.is_file():
            assert WORD.encode() not in file.read_bytes(), file
            assert WORD.encode("utf-16-le") not in file.read_bytes(), file
    # The audit record is there for admins, and only for them.
    assert (
        client.get(
            "/api/erasures", headers={"Authorization": f"Bearer {tokens['sam']}"}
        ).status_code
        == 403
    )
    listed = client.get(
        "/api/erasures", headers={"Authorization": f"Bearer {tokens['alice']}"}
    ).json()
    assert [e["account"] for e in listed] == [ACCOUNT]
    again = client.delete(path, headers={"Authorization": f"Bearer {tokens['alice']}"})
    assert again.status_code == 404
