"""End to end on the example calls: real ingest, detection, embedding, clustering, then every
content type drafted offline, its citations traced back to stored mentions, and exported."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.cluster.queries import list_clusters
from pipeline.content.documents import import_facts
from pipeline.content.generate import generate_document
from pipeline.content.profile import read_profile_file, set_profile
from pipeline.content.quality import review_document
from pipeline.content.types import CONTENT_TYPES
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import ROOT, examples_copy
from tests.plugins.documents import assert_citations_resolve

pytestmark = pytest.mark.slow


@pytest.fixture
def examples_ws(
    analysed_examples_dir: Path, tmp_path: Path, embedder: Embedder
) -> Iterator[Workspace]:
    """The example calls as ``callmine ingest`` left them (a copy of the session's)."""
    workspace = examples_copy(analysed_examples_dir, tmp_path / "data", embedder)
    yield workspace
    workspace.close()


def test_example_calls_to_cited_documents(examples_ws: Workspace) -> None:
    workspace = examples_ws
    with workspace.session() as session:
        import_facts(session, ROOT / "examples" / "competitor_facts.toml")
        set_profile(session, read_profile_file(ROOT / "examples" / "product_profile.toml"))
        objections = list_clusters(session, kind="objection", sort="size")
        assert objections, "clustering produced no objection clusters"
        for doc_type in CONTENT_TYPES:
            competitor = "RotaPro" if doc_type == "comparison" else None
            document = generate_document(
                session, workspace.settings, doc_type=doc_type, competitor=competitor
            )
            assert document.state == "draft" and document.generator == "offline"
            assert_citations_resolve(document.structured, document.body_markdown)
            exports = {
                fmt: export_document(session, workspace.settings, document.id, fmt).content.decode()
                for fmt in ("md", "html", "jsonld", "brief")
            }
            report = review_document(session, document, exports)
            assert not report.failed, (doc_type, report.problems)
            for quote in document.structured["evidence"]["quotes"]:
                utterance = session.get(Utterance, quote["utterance_id"])
                assert utterance is not None and utterance.call_id == quote["call_id"]
                if quote["mention_id"] is not None:
                    mention = session.get(Mention, quote["mention_id"])
                    assert mention is not None and mention.utterance_id == utterance.id
                else:
                    assert utterance.role == "rep" and quote["outcome"] == "won"
            if doc_type == "comparison":
                assert "[F1]" in document.body_markdown
            if doc_type in ("objection-faq", "one-pager", "pricing-explainer"):
                assert "From our product profile:" in document.body_markdown
                assert re.search(r"\[P\d+\]", document.body_markdown)
            if doc_type == "one-pager":
                pdf = export_document(session, workspace.settings, document.id, "pdf")
                assert pdf.pages == 1
