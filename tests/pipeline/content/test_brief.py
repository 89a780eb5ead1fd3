"""Offline, every type comes with a content brief a writer works from; with an LLM the same
brief is the prompt's evidence pack, and what the model writes is checked (issue 20)."""

from __future__ import annotations

import html
import re

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.evidence import Evidence
from pipeline.content.generate import build_messages, content_type, generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.types import CONTENT_TYPES
from pipeline.content.verify import text_warnings
from pipeline.publish.export import export_document
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

PROFILE = ProductProfile(
    name="Shiftwise",
    pricing=["$49 a month base plus $4 per active user."],
    onboarding=["Setup takes about two days with a named onboarding contact."],
)


@pytest.fixture
def profiled(ws: Workspace, seeded: Seeded) -> Seeded:
    with ws.session() as db:
        set_profile(db, PROFILE)
    return seeded


@pytest.mark.parametrize("doc_type", list(CONTENT_TYPES))
def test_every_offline_draft_comes_with_its_brief(
    ws: Workspace, profiled: Seeded, doc_type: str
) -> None:
    with ws.session() as db:
        document = generate_document(
            db,
            ws.settings,
            doc_type=doc_type,
            competitor="Calendly" if doc_type == "comparison" else None,
        )
        # internal: the sources as the sales check reads them (a published one says role,
        # industry and month: tests/pipeline/content/test_published.py)
        brief = export_document(
            db, ws.settings, document.id, "brief", internal=True
        ).content.decode()
        quotes = {q["label"]: q for q in document.structured["evidence"]["quotes"]}
        chosen = set(document.cluster_ids)
    assert f"# Brief: {content_type(doc_type).label}" in brief
    assert "## Themes by weight" in brief and "## Outline" in brief
    heads = re.findall(
        r"^### \d+\. .*$\n\n(\d+) mentions on (\d+) calls? with (\d+) accounts?", brief, re.M
    )
    assert heads and [int(h[0]) for h in heads] == sorted((int(h[0]) for h in heads), reverse=True)
    for text, label in re.findall(r"- Buyer: “(.+)” \[(Q\d+)\]", brief):
        assert quotes[label]["role"] == "buyer"
        assert html.unescape(text).replace("\\", "") == quotes[label]["text"]  # md-escaped
    # the price theme: 5 mentions on 3 calls with 3 accounts; setup: 2 on 2 with 2; a use case
    # counts its industry's calls only (Health & fitness, calls 1 and 3): 2 on 2, 1 on 1
    price, setup = (("2", "2", "2"), ("1", "1", "1"))
    if doc_type != "use-case":
        price, setup = (("5", "3", "3"), ("2", "2", "2"))
    if profiled.price in chosen:
        assert price in heads
        assert "From our product profile: $49 a month base plus $4 per active user. [P1]" in brief
    if profiled.setup in chosen:
        assert setup in heads
        assert "Setup takes about two days with a named onboarding contact. [P2]" in brief
    if doc_type != "comparison":
        assert "What answered it in a won deal:" in brief
    # Every quote the brief names is traced to its call under Sources, numbered as in the draft.
    body, sources = brief.split("\n## Sources\n", 1)
    named = set(re.findall(r"\[(Q\d+)\]", body))
    listed = re.findall(r"^- \*\*\[(Q\d+)\]\*\* .* — (.+)$", sources, re.M)
    assert named and named == {label for label, _ in listed}
    assert all(source.startswith(quotes[label]["speaker"]) for label, source in listed)


def test_the_llm_gets_the_same_brief_as_its_evidence(ws: Workspace, profiled: Seeded) -> None:
    with ws.session() as db:
        evidence = collect_evidence(db, [profiled.setup, profiled.price])
    prompt = build_messages(content_type("objection-faq"), evidence)[1]["content"]
    price = prompt.index(
        '"price too high for a small team" (objection, price): 5 mentions on 3 calls'
    )
    assert price < prompt.index('"setup takes too long"')  # by weight, not as asked
    assert "product facts that answer it P1" in prompt and "P2 (onboarding)" in prompt
    assert "exactly one item per objection theme" in prompt


def test_made_up_quotes_and_questions_without_a_question_mark_are_flagged(
    ws: Workspace, seeded: Seeded
) -> None:
    with ws.session() as db:
        evidence: Evidence = collect_evidence(db, [seeded.price])
    real = evidence.quotes[0].text
    warnings = text_warnings(
        "objection-faq",
        {
            "items": [
                {"question": "Is it too expensive", "answer": f"A buyer said “{real}”."},
                {"question": "Why?", "answer": "A buyer said “we love it, best tool ever made”."},
            ]
        },
        evidence,
    )
    assert warnings == [
        "items[1].answer: “we love it, best tool ever made” is not a verbatim quote, check it",
        "items[0].question is not a question (no “?”)",
    ]
