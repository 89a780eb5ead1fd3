"""A document names a theme by a stand-in where the theme's own name names someone ("Tom
Price", a buyer, is headed "Price and budget"): its out-of-date note says "(now …)" only when
the theme was renamed since, not for the stand-in (the demo's dashboard had said “Price and
budget” (now “Price”) of a theme called "Price" when the document was written)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pipeline.cluster.edits import rename_cluster
from pipeline.content.generate import generate_document
from pipeline.content.staleness import staleness
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace

REP = "Sam Hale"
# (account, industry, buyer, what they said of the price): a salon owner called Price.
CALLS = [
    ("Glow Studio", "Salons", "Tom Price",
     "Forty pounds a chair each month is more than our booking app costs."),
    ("Riverbend Vets", "Veterinary", "Ama Boateng",
     "Nine pounds a vet is more than our whole phone bill, honestly."),
    ("Kestrel Storage", "Warehousing", "Lee Wong",
     "Paying per picker gets silly when we hire forty temps for the peak."),
]  # fmt: skip
LATER = [
    "The monthly fee is a lot for a practice with two vets.",
    "Per-seat pricing punishes us for every seasonal picker we take on.",
    "We'd pay that for the whole salon, not per stylist.",
]


def _call(db: Session, n: int, account: str, industry: str, buyer: str, said: str) -> Utterance:
    call = Call(
        content_hash=f"price-{n}", filename=f"call{n}.txt", format="txt", title=account,
        raw_text=f"{REP}: What would stop you?\n{buyer}: {said}", account=account,
        industry=industry, outcome="open", call_date=dt.date(2026, 5, n + 1),
        our_speakers=[REP],
    )  # fmt: skip
    db.add(call)
    db.flush()
    asked = Utterance(call_id=call.id, seq=0, speaker=REP, role="rep", text="What would stop you?")
    answer = Utterance(call_id=call.id, seq=1, speaker=buyer, role="buyer", text=said)
    db.add_all([asked, answer])
    db.flush()
    return answer


def _price_worry(db: Session, theme: Cluster, said: Utterance) -> None:
    db.add(
        Mention(
            utterance_id=said.id, call_id=said.call_id, kind="objection", category="price",
            text=said.text, char_start=0, char_end=len(said.text), cluster_id=theme.id,
            confidence=0.9,
        )
    )  # fmt: skip
    db.flush()


def test_a_theme_named_by_a_stand_in_is_not_said_renamed(ws: Workspace) -> None:
    with ws.session() as db:
        # A chat's misread named the theme after its buyer (the demo's had been "Price" alone,
        # which reads as the word now: ``word_names.surname_stands_for_a_thing``).
        theme = Cluster(kind="objection", name="Tom Price", keywords=["price", "pounds"])
        db.add(theme)
        db.flush()
        for n, (account, industry, buyer, said) in enumerate(CALLS):
            _price_worry(db, theme, _call(db, n, account, industry, buyer, said))
        document = generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False)
        [cited] = document.structured["evidence"]["clusters"]
        assert cited["name"] != "Tom Price", cited  # it names a buyer: a stand-in heads it
        for n, said in enumerate(LATER, start=len(CALLS)):
            _price_worry(db, theme, _call(db, n, f"Later {n}", "Veterinary", "Jo Reid", said))
        grown = staleness(db, document).changes
        assert grown and grown[0].startswith("3 new quotes in “"), grown
        assert not any("(now" in change or "renamed" in change for change in grown), grown
        rename_cluster(db, theme.id, "Cost per seat")
        renamed = staleness(db, document).changes
        assert "“Tom Price” was renamed “Cost per seat”" in renamed, renamed
        assert any(f"“{cited['name']}” (now “Cost per seat”)" in c for c in renamed), renamed
