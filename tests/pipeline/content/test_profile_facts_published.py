"""A proof point typed into our own product profile is published as written: a reviewer's
"[Restaurants] Tony's Pizza Co cut phone-order mistakes in its first two weeks" showed on the
document page but exported as "[account] cut phone-order mistakes...". A buyer-side name in a
buyer's quote is still hidden, even where the same name is in a proof point."""

from __future__ import annotations

import json

from pipeline.content.generate import generate_document, get_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.profile_text import outside_facts
from pipeline.content.quality import review_document
from pipeline.publish.export import export_document
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

ACCOUNT = "Oakridge Animal Hospital"
PROOF = f"{ACCOUNT} cut missed appointments by a third in its first month"
WORRY = f"I told Dana Whitfield that {ACCOUNT} won't sign a two year contract."


def _profile() -> ProductProfile:
    return ProductProfile(
        name="PawBook", pricing=["$49 per vet per month"],
        plans=["Month-to-month, no minimum term"], features=[], integrations=[], security=[],
        onboarding=[],
        proof_points=[f"[Veterinary] {PROOF}"],
    )  # fmt: skip


def _one_pager(ws: Workspace) -> int:
    with ws.session() as db:
        set_profile(db, _profile())
        theme = add_theme(db, "Long contracts", "contract")
        for n, speaker in enumerate(("Dana Whitfield", "Lee Okafor"), start=1):
            _, turns = _call(db, n, ACCOUNT, "lost", f"2026-04-0{n}",
                             [(speaker, "buyer", WORRY)], "Veterinary")  # fmt: skip
            _mention(db, turns[0], "objection", "contract", theme).confidence = 0.9
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type="one-pager", use_llm=False, cluster_ids=[theme.id]
        )
        db.commit()
        return document.id


def test_a_proof_point_is_exported_as_written_and_a_quote_stays_redacted(ws: Workspace) -> None:
    document_id = _one_pager(ws)
    with ws.session() as db:
        for fmt in ("md", "html"):
            text = export_document(db, ws.settings, document_id, fmt).content.decode()
            assert text.count(PROOF) == 2, fmt  # the Proof section and its source line
            # The buyer's quote: its account blanked, the person named in it hidden.
            assert "[account] won't sign a two year contract" in text, fmt
            assert "Dana Whitfield" not in text and "Whitfield" not in text, fmt
        data = json.loads(export_document(db, ws.settings, document_id, "jsonld").content)
        assert ACCOUNT not in json.dumps(data["headline"])
        # The sales check's look for personal data leaves our own fact alone.
        md = export_document(db, ws.settings, document_id, "md").content.decode()
        report = review_document(db, get_document(db, document_id), {"md": md})
        assert report.failed["no buyer-side personal data"] == 0, report.problems


def test_only_a_fact_cited_in_its_own_words_is_set_aside() -> None:
    facts = {"P3": "Birch Dental cut no-shows"}
    text = (
        "- Birch Dental cut no-shows [Q2] [P3]\n"
        "- **[Q2]** “Birch Dental cut no-shows? Not at Birch Dental.” — buyer\n"
        "- **[P3]** Birch Dental cut no-shows\n"
    )
    blanked = outside_facts(text, facts, lambda t: t.replace("Birch Dental", "[account]"))
    assert blanked.splitlines() == [
        "- Birch Dental cut no-shows [Q2] [P3]",
        "- **[Q2]** “[account] cut no-shows? Not at [account].” — buyer",
        "- **[P3]** Birch Dental cut no-shows",
    ]
