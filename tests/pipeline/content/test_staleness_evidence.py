"""A document goes out of date when the evidence it cites moves, said per cause in words a
marketer acts on: new quotes in a theme it cites ("3 new quotes in “Card fees” since v1"), a
quote that moved to another theme (named), a renamed theme, a changed profile fact, more calls
naming a comparison's rival. A theme it does not cite growing leaves it alone (review 23n,
item 3: after two later calls grew "Card fees" from 7 to 10 mentions only 1 of 7 documents was
flagged, and that one with "a quote it cites no longer stands in its theme")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.edits import rename_cluster
from pipeline.content.citations import page_order
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.staleness import staleness, what_changed
from pipeline.content.types import CONTENT_TYPES
from pipeline.store.models import Call, Cluster, Document, Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

RIVAL, INDUSTRY = "Calendly", "Health & fitness"  # the seeded calls' rival and industry


def _later_call(
    db: Session, n: int, worries: Sequence[tuple[int | None, str]], rival: str | None = None
) -> None:
    """A call uploaded after the documents: each worry a buyer's sentence in theme ``cluster``."""
    call = Call(
        content_hash=f"later-{n}", filename=f"later{n}.txt", format="txt", title=f"Later {n}",
        raw_text="\n".join(text for _, text in worries), account=f"Later Studio {n}",
        industry=INDUSTRY, outcome="open", our_speakers=["Sam Rivera"],
    )  # fmt: skip
    db.add(call)
    db.flush()
    for seq, (cluster_id, text) in enumerate(worries):
        said = Utterance(call_id=call.id, seq=seq, speaker="Robin Vale", role="buyer", text=text)
        db.add(said)
        db.flush()
        db.add(
            Mention(
                utterance_id=said.id, call_id=call.id, kind="objection", category="price",
                text=text, char_start=0, char_end=len(text), cluster_id=cluster_id,
                competitor=rival,
            )
        )  # fmt: skip
    db.flush()


def _cited_themes(document: Document) -> dict[int, dict[str, Any]]:
    return {int(c["id"]): c for c in document.structured["evidence"]["clusters"]}


def test_every_content_type_is_flagged_by_new_quotes_in_a_theme_it_cites(
    ws: Workspace, seeded: Seeded
) -> None:
    with ws.session() as db:
        documents = [
            generate_document(
                db,
                ws.settings,
                doc_type=doc_type,
                use_llm=False,
                competitor=RIVAL if doc_type == "comparison" else None,
                industry=INDUSTRY if doc_type == "use-case" else None,
            )
            for doc_type in sorted(CONTENT_TYPES)
        ]
        assert len(documents) == 7
        assert all(staleness(db, d).changes == [] for d in documents)
        themes = {cid: c for d in documents for cid, c in _cited_themes(d).items()}
        for n, cid in enumerate(sorted(themes)):
            worry = [(cid, f"Later worry {n}.{k}: this is too much for us.") for k in range(2)]
            _later_call(db, n, worry)
        for document in documents:
            changes = what_changed(db, document)
            for cited in _cited_themes(document).values():
                was = int(cited["size"])
                said = (
                    f"2 new quotes in “{cited['name']}” since v1 ({was + 2} now, {was} when "
                    f"written; heard on {int(cited['calls']) + 1} calls now, {cited['calls']} "
                    "when written)"
                )
                assert said in changes, (document.doc_type, changes)
            assert staleness(db, document).heading == "Later calls changed what this was built on"


def test_a_theme_the_document_does_not_cite_growing_leaves_it_up_to_date(
    ws: Workspace, seeded: Seeded
) -> None:
    with ws.session() as db:
        pricing = generate_document(
            db, ws.settings, doc_type="objection-faq", cluster_ids=[seeded.price]
        )
        setup = generate_document(
            db, ws.settings, doc_type="objection-faq", cluster_ids=[seeded.setup]
        )
        assert set(_cited_themes(pricing)) == {seeded.price}
        _later_call(db, 1, [(seeded.setup, "Three weeks of setup is three weeks we don't have.")])
        assert what_changed(db, pricing) == []
        assert what_changed(db, setup) and what_changed(db, setup)[0].startswith(
            "1 new quote in “setup takes too long” since v1"
        )


def test_a_quote_that_moved_to_another_theme_names_the_theme(ws: Workspace, seeded: Seeded) -> None:
    """Re-clustering had moved an unchanged quote into another theme, and the page said only
    "a quote it cites no longer stands in its theme"."""
    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False)
        cited = set(page_order(document.body_markdown))
        quote = next(
            q
            for q in document.structured["evidence"]["quotes"]
            if q["id"] in cited and q["cluster_id"] == seeded.price and q["kind"] == "objection"
        )
        phones = Cluster(kind="objection", name="Wrong orders from phone calls", keywords=["phone"])
        db.add(phones)
        db.flush()
        for mention in db.scalars(
            select(Mention).where(Mention.utterance_id == quote["utterance_id"])
        ):
            mention.cluster_id = (
                phones.id if mention.cluster_id == seeded.price else mention.cluster_id
            )
        db.flush()
        moved = [c for c in what_changed(db, document) if c.startswith("a quote")]
        assert moved == [
            f"a quote it cites moved to the theme “Wrong orders from phone calls”: "
            f"“{quote['text'][:80]}” [Q{quote['id']}]"
        ]


def test_a_renamed_theme_and_more_calls_naming_the_rival_are_said(
    ws: Workspace, seeded: Seeded
) -> None:
    with ws.session() as db:
        faq = generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False)
        comparison = generate_document(
            db, ws.settings, doc_type="comparison", competitor=RIVAL, use_llm=False
        )
        named = int(comparison.structured["evidence"]["rival_calls"])
        rename_cluster(db, seeded.setup, "Setup eats our weeks")
        found = staleness(db, faq)
        assert "“setup takes too long” was renamed “Setup eats our weeks”" in found.changes
        assert found.heading == "Theme edits changed what this was built on"
        _later_call(db, 1, [(None, f"{RIVAL} offered us a free month.")], rival=RIVAL)
        assert (
            f"buyers named {RIVAL} on {named + 1} calls now, {named} when written"
            in what_changed(db, comparison)
        )


def _profile(price: str) -> ProductProfile:
    empty: list[str] = []
    return ProductProfile(
        name="Bookly", pricing=[price, "Volume rate from 50 seats"], plans=empty,
        features=empty, integrations=empty, security=empty, onboarding=empty,
        proof_points=empty,
    )  # fmt: skip


def test_a_cited_product_fact_changed_is_said(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as db:
        set_profile(db, _profile("$79 per seat per month"))
        document = generate_document(db, ws.settings, doc_type="pricing-explainer", use_llm=False)
        assert "[P1]" in document.body_markdown and what_changed(db, document) == []
        set_profile(db, _profile("$89 per seat per month"))
        found = staleness(db, document)
        assert found.changes == [
            "a product fact it cites was changed or removed: “$79 per seat per month” [P1]"
        ]
        assert found.heading == "Product profile edits changed what this was built on"
