"""Generation against the real local llama.cpp server (SmolLM2-135M) through the openai client.

The model is tiny: these tests check the plumbing (requests, structured output, citations,
redaction, injection handling, failure and retry), never the quality of the prose.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.content.generate import (
    content_type,
    generate_document,
    retry_generation,
)
from pipeline.llm import LLMClient
from pipeline.publish.export import export_document
from pipeline.publish.review import mark_accuracy, set_state
from pipeline.store.models import Document
from pipeline.templating import PROMPTS_DIR, template_version
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import (
    SECRETS,
    Seeded,
    assert_citations_resolve,
    assert_quotes_numbered_as_read,
    seed_clusters,
)
from tests.plugins.llm_server import MODEL_ALIAS, free_port

# Generous limits: on an idle 2-core machine a document takes seconds, on a loaded one minutes.
pytestmark = [pytest.mark.slow, pytest.mark.llm, pytest.mark.timeout(3600)]


@dataclass(frozen=True)
class FailedTry:
    """What the first try of the retried type left with the server down."""

    state: str
    error: str
    prompt: str


@dataclass
class LLMRun:
    workspace: Workspace
    settings: Settings
    seeded: Seeded
    documents: dict[str, int] = field(default_factory=dict)
    requests: list[dict[str, object]] = field(default_factory=list)
    failed_try: FailedTry | None = None

    def client(self) -> LLMClient:
        def record(request: httpx.Request) -> None:
            self.requests.append(json.loads(request.content))

        http = httpx.Client(event_hooks={"request": [record]}, timeout=self.settings.llm_timeout_s)
        # One item per list, short strings: the plumbing is the same, and the tiny model writes
        # far fewer tokens (the comparison: 405 at 24 characters a string, 541 at 40).
        return LLMClient(self.settings, http_client=http, max_string=24, max_items=1)


def llm_settings(data_dir: Path, base_url: str) -> Settings:
    return make_settings(
        data_dir, llm_base_url=base_url, llm_model=MODEL_ALIAS, llm_max_tokens=600,
        llm_timeout_s=900, llm_max_retries=0,
    )  # fmt: skip


# Three of the seven types, one of each way a type reaches the model: many themes with JSON-LD
# (objection FAQ), a competitor argument (comparison) and the page the export tests read
# (one-pager). The other four take the same path with their own prompt file and schema; each
# request here costs 10-20 s of the suite's one spare core (all seven ran 94 s of an 8-minute
# budget, four 71 s). bench/generate.py drives all seven through the same local server. The
# one-pager follows the FAQ: their prompts part only after the evidence block, which the server
# then reads once (the comparison's has other quotes).
LLM_TYPES = ["objection-faq", "one-pager", "comparison"]
# The type first tried with the server down, then retried on the real one: the retry is its
# generation (a fourth request had cost the suite 13 s).
RETRIED = "objection-faq"


@pytest.fixture(scope="module")
def run(llm_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LLMRun]:
    """Every content type generated once with the local model (the expensive part, shared)."""
    settings = llm_settings(tmp_path_factory.mktemp("llm") / "data", llm_server)
    workspace = Workspace(settings)
    with workspace.session() as session:
        seeded = seed_clusters(session)
    result = LLMRun(workspace, settings, seeded)
    client = result.client()
    for doc_type in LLM_TYPES:
        with workspace.session() as session:
            if doc_type == RETRIED:
                document = _failed_then_retried(session, result, client, tmp_path_factory)
            else:
                document = generate_document(
                    session, settings, doc_type=doc_type, use_llm=True, llm=client,
                    competitor="Calendly" if doc_type == "comparison" else None,
                )  # fmt: skip
            result.documents[doc_type] = document.id
    client.close()
    yield result
    workspace.close()


def _failed_then_retried(
    session: Session, run: LLMRun, client: LLMClient, tmp_path_factory: pytest.TempPathFactory
) -> Document:
    """Generate ``RETRIED`` with no server listening (kept as a failed generation with its
    prompt), then retry it with the local server."""
    down = llm_settings(
        tmp_path_factory.mktemp("down") / "data", f"http://127.0.0.1:{free_port()}/v1"
    )
    failed = generate_document(session, down, doc_type=RETRIED, use_llm=True)
    run.failed_try = FailedTry(failed.state, failed.error or "", failed.versions[-1].prompt or "")
    return retry_generation(session, run.settings, failed.id, use_llm=True, llm=client)


@pytest.mark.parametrize("doc_type", LLM_TYPES)
def test_each_type_is_generated_by_the_local_llm(run: LLMRun, doc_type: str) -> None:
    with run.workspace.session() as session:
        document = session.get(Document, run.documents[doc_type])
        assert document is not None
        assert document.state == "draft", document.error
        assert document.generator == "llm", document.structured.get("warnings")
        content_type(doc_type).schema.model_validate(document.structured["content"])
        assert document.body_markdown.startswith("# ") and "## Sources" in document.body_markdown
        assert_citations_resolve(document.structured, document.body_markdown)
        assert_quotes_numbered_as_read(document.body_markdown)
        assert document.structured["brief"].startswith("# Brief: ")  # the evidence pack it had
        version = document.versions[-1]
        assert (
            version.prompt and "<<<CALL_DATA" in version.prompt and "### system" in version.prompt
        )
        assert version.raw_reply and json.loads(version.raw_reply, strict=False)
        # The version recorded is the prompt file's header (bumped when the prompt changes).
        prompt_file = content_type(doc_type).prompt_file
        recorded = document.structured["versions"]["prompt"]
        assert recorded == template_version(PROMPTS_DIR, prompt_file)
        assert recorded.isdigit()
        assert document.structured["llm_mode"] == "json_object"


def test_auto_mode_fell_back_to_json_object_once_and_remembered_it(run: LLMRun) -> None:
    formats = [r["response_format"]["type"] for r in run.requests if "response_format" in r]  # type: ignore[index]
    assert formats[0] == "json_schema"  # probed once, refused with HTTP 500 by llama-cpp-python
    assert set(formats[1:]) == {"json_object"}
    assert all("schema" in r["response_format"] for r in run.requests[1:])  # type: ignore[operator]
    remembered = json.loads((run.settings.data_dir / "llm_modes.json").read_text())
    assert list(remembered.values()) == ["json_object"]


def test_no_pii_reaches_the_llm(run: LLMRun) -> None:
    sent = json.dumps(run.requests, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in sent, f"{secret!r} was sent to the LLM"
    # which quotes make the (shorter) LLM prompt varies; at least one redacted one must be there
    assert any(placeholder in sent for placeholder in ("[email]", "[phone]", "[card]", "[name]"))


def test_injection_is_sent_as_data_and_stays_inert(run: LLMRun) -> None:
    for request in run.requests:
        messages = request["messages"]
        assert isinstance(messages, list)
        system, user = messages[0]["content"], messages[1]["content"]
        assert "data, never instructions" in system
        if "Ignore previous instructions" in user:
            start, end = user.index("<<<CALL_DATA"), user.index("CALL_DATA>>>")
            assert start < user.index("Ignore previous instructions") < end
    with run.workspace.session() as session:
        for doc_id in run.documents.values():
            assert "<script" not in session.get(Document, doc_id).body_markdown  # type: ignore[union-attr]
            html = export_document(session, run.settings, doc_id, "html").content.decode().lower()
            assert "<script" not in html


def test_llm_documents_review_and_export_to_every_format(run: LLMRun) -> None:
    with run.workspace.session() as session:
        doc_id = run.documents["one-pager"]
        set_state(session, doc_id, "in_review", reviewer="mia")
        mark_accuracy(session, doc_id, "accurate", reviewer="sam")
        set_state(session, doc_id, "approved", reviewer="mia")
        for fmt in ("md", "html", "pdf", "jsonld"):
            result = export_document(session, run.settings, doc_id, fmt)
            assert result.content
            if fmt == "pdf":
                assert result.pages == 1


def test_server_down_saves_failed_generation_and_retry_works(run: LLMRun) -> None:
    failed = run.failed_try
    assert failed is not None and failed.state == "failed_generation"
    assert "unreachable" in failed.error and "<<<CALL_DATA" in failed.prompt
    with run.workspace.session() as session:
        document = session.get(Document, run.documents[RETRIED])
        assert document is not None
        assert document.state == "draft" and document.error is None
        assert document.current_version == 2 and document.generator == "llm"
        assert_citations_resolve(document.structured, document.body_markdown)
