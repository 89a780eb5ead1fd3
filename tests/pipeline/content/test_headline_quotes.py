"""A quote that heads a document's entry or stands alone under "Why now" stands on its own: one
pointing back at what it does not name ("that", "those", "them", "the online one") gives way
to one that names what it speaks of, and is shown with the sentence it leans on where its turn
holds it.

Why: a one-pager and a use case were headed "We never moved to the online one." and the
one-pager's "Why now" was "We got a complaint about that in the summer.", each cut from the
sentence saying what "one" and "that" were."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (a worry pointing back at what it does not name, one of the same theme naming what it is)
CASES = [
    (
        "We got a complaint about that from the harbour master.",
        "Our berth holders won't pay online, they post cheques to the office.",
    ),
    (
        "We never moved to the online one.",
        "Our bookkeeper still runs the desktop accounts package on one office PC.",
    ),
    (
        "The technicians would never do that between callouts.",
        "Our pest technicians won't fill in a form on a phone between callouts.",
    ),
    (
        "We'd have to train them all over again before lambing.",
        "Our farm hands have never used an app for the flock records.",
    ),
    (
        "That's a fair bit more than the agency pays now.",
        "Forty pounds a developer a month is more than our agency can carry.",
    ),
    (
        "The trustees will ask about those at the next meeting.",
        "The trustees want every donor record kept in the UK.",
    ),
    (
        "Is that included for the second surgery?",
        "Our second clinic has its own diary and its own reception team.",
    ),
    (
        "The kennel staff all went back to the old one.",
        "The kennel staff gave up on the last booking app within a month.",
    ),
    (
        "Those are the two things the head teacher will ask.",
        "The head teacher wants parents to book clubs without an account.",
    ),
    (
        "Honestly that one is a deal breaker for the dairy.",
        "The dairy needs the milk records to sync with the co-op's system.",
    ),
]


def _page(db: Session, ws: Workspace, doc_type: str, ids: list[int], **kw: Any) -> dict[str, Any]:
    document = generate_document(
        db, ws.settings, doc_type=doc_type, cluster_ids=ids, use_llm=False, **kw
    )
    content: dict[str, Any] = document.structured["content"]
    return content


def _worry(db: Session, n: int, text: str, theme_id: int, confidence: float) -> None:
    """A buyer's worry, its call's only turn, filed under the theme."""
    _, [turn] = _call(db, n, f"Account {n}", "open", "2026-05-04", [("Pat", "buyer", text)])
    mention = Mention(
        utterance_id=turn.id, call_id=turn.call_id, kind="objection", category="adoption",
        text=text, char_start=0, char_end=len(text), cluster_id=theme_id, confidence=confidence,
    )  # fmt: skip
    db.add(mention)


@pytest.mark.parametrize(("leaning", "standing"), CASES)
def test_an_entry_is_headed_by_a_quote_that_stands_on_its_own(
    ws: Workspace, leaning: str, standing: str
) -> None:
    with ws.session() as db:
        theme = add_theme(db, "Staff won't use it", "staff")
        _worry(db, 1, leaning, theme.id, 0.95)  # the surer, read first
        _worry(db, 2, standing, theme.id, 0.7)
        db.flush()
        pager = _page(db, ws, "one-pager", [theme.id])
    assert [o["objection"] for o in pager["objections"]] == [standing]


def test_a_theme_whose_every_quote_leans_still_has_its_entry(ws: Workspace) -> None:
    """Nothing standing alone to take its place: the worry is quoted as said, as before."""
    with ws.session() as db:
        theme = add_theme(db, "Staff won't use it", "staff")
        _worry(db, 1, CASES[0][0], theme.id, 0.95)
        _worry(db, 2, CASES[3][0], theme.id, 0.7)
        db.flush()
        pager = _page(db, ws, "one-pager", [theme.id])
    assert [o["objection"] for o in pager["objections"]] == [CASES[0][0]]


# (the sentence a worry leans on, the worry): the turn holds both, the quote shows both.
IN_ITS_TURN = [
    ("Does it work with the Sage desktop version?", "We never moved to the cloud one."),
    (
        "Right now the berth price list lives in a Word doc on the office PC.",
        "We got a complaint about that in the summer.",
    ),
    ("Our vets still use the paper day sheets.", "We'd have to train them all over again."),
]


@pytest.mark.parametrize(("before", "worry"), IN_ITS_TURN)
def test_a_leaning_worry_is_quoted_with_the_sentence_it_leans_on(
    ws: Workspace, before: str, worry: str
) -> None:
    with ws.session() as db:
        theme = add_theme(db, "Our accounts package", "accounts")
        _, [turn] = _call(
            db, 1, "Acme", "won", "2026-05-04", [("Pat", "buyer", f"{before} {worry}")]
        )
        start = turn.text.index(worry)
        db.add(
            Mention(
                utterance_id=turn.id, call_id=turn.call_id, kind="objection",
                category="integrations", text=worry, char_start=start,
                char_end=start + len(worry), cluster_id=theme.id, confidence=0.9,
            )
        )  # fmt: skip
        db.flush()
        pager = _page(db, ws, "one-pager", [theme.id])
    assert pager["objections"][0]["objection"] == f"{before} {worry}"


WHY_NOW_LEANING = [
    "We got a fine for that from the council last spring.",
    "The inspector flagged those again at the March visit.",
    "The auditors asked about them twice this year already.",
]
WHY_NOW_STANDING = "The inspector flagged our paper logs again at the March visit."


def test_why_now_lists_only_reasons_that_stand_on_their_own(ws: Workspace) -> None:
    with ws.session() as db:
        theme = add_theme(db, "Too expensive", "price")
        turns = [("Pat", "buyer", "It's too expensive for a practice our size.")]
        turns += [("Pat", "buyer", text) for text in [*WHY_NOW_LEANING, WHY_NOW_STANDING]]
        _, said = _call(db, 1, "Acme", "open", "2026-05-04", turns)
        _mention(db, said[0], "objection", "price", theme).confidence = 0.9
        for turn in said[1:]:
            _mention(db, turn, "why_now", "deadline", None).confidence = 0.9
        db.flush()
        pager = _page(db, ws, "one-pager", [theme.id])
    shown = " ".join(p["text"] for p in pager["why_now"])
    assert WHY_NOW_STANDING in shown, shown
    assert not any(text in shown for text in WHY_NOW_LEANING), shown
