"""End to end (real embedder, SQLite): in a speakerless subtitle file, whose every line's side is
unknown, the lines that speak as the seller (an offer, what the price covers, a contract to
send, a discovery question about today) leave no objection, pain or question; the buyer's own
lines still count.

Why (walk s31 #1): a bakery chain's SRT had "It's a couple of hours to load the shops and
routes, and we do that for you." as a set-up-time objection and "How do you handle deliveries
to the shops today?" as a buyer question theme. A dental practice's call, invented, here."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.detect.seller_voice import speaks_as_seller
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

_LINES = [
    "Hi Nadia, thanks for jumping back on.",
    "No problem, the last patient cancelled so I've got half an hour.",
    "So last time you mentioned the recalls never go out on time.",
    "They don't, and every missed recall is an empty chair and lost income for us.",
    "How do you handle recall reminders at the moment?",
    "Our receptionist prints a list on Mondays and phones people, when she has time.",
    "We move your recall list across and set up the reminders for you.",
    "My worry is the price, we're a small practice with three dentists.",
    "The text reminders are included in the per-chair price.",
    "I can't sign anything over a year, the partners won't have it.",
    "You could start with one surgery and add the others in spring.",
    "I'll send you the contract and the case study tonight.",
]
SRT = "\n".join(
    f"{i}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},500\n{text}\n"
    for i, text in enumerate(_LINES, start=1)
).encode()
SELLERS = {_LINES[i] for i in (2, 4, 6, 8, 10, 11)}
BUYERS_COUNTED = {_LINES[3], _LINES[7], _LINES[9]}


def test_the_sellers_lines_of_a_speakerless_call_are_not_counted(workspace: Workspace) -> None:
    [result] = ingest_bytes(workspace, SRT, "brightsmile_dental.srt")
    assert result.status == "created", result.reason
    with workspace.session() as db:
        rows = db.execute(
            select(Utterance.text, Utterance.role, Mention.kind).join(
                Mention, Mention.utterance_id == Utterance.id
            )
        ).all()
    counted = {text for text, _role, kind in rows if kind in ("objection", "pain", "question")}
    assert {role for _text, role, _kind in rows} == {"unknown"}
    assert not counted & SELLERS
    assert counted >= BUYERS_COUNTED


@pytest.mark.parametrize(
    ("line", "seller"),
    [
        ("It's a couple of hours to load the shops and routes, and we do that for you.", True),
        ("Our pricing is per van, billed monthly.", True),
        ("How do you handle deliveries to the shops today?", True),
        ("With Haulbase each shop gets a live ETA on their tablet.", True),
        ("No, the phone tracking is included in the per-van price.", True),
        # A buyer's own "we", and a buyer asking the vendor about the product.
        ("We already pay for Trakkio on two vans until next year.", False),
        ("How do you handle patient data, is it kept in the UK?", False),
        ("Is the phone app included in the price?", False),
        ("Haulbase would have to be cheaper than that.", False),
        ("You said last time it was eighteen a van.", False),
    ],
)
def test_a_sentence_speaks_as_the_seller_only_in_the_sellers_words(line: str, seller: bool) -> None:
    assert speaks_as_seller(line, ["Haulbase"]) is seller
