"""A won deal's reply is paired with the worry it answers: the rep's turn right after the
buyer's, about that worry. A price worry said in words ("eighteen hundred a year", "two grand",
"quid") is a price worry, so a price reply after it answers it even when the turn also asked
"Per month?"; a reply to a request the buyer went on to after the worry ("And I want the old
system running alongside. Is that alright?" - "We run alongside for one billing month") is no
answer to it.

Why: a pricing page said "no rep answer from a won deal" to "For a club our size that's
eighteen hundred a year" although the rep had answered "If you pay annually it's two months
free, so fifteen hundred", and a timeline paired "Absolutely. We run alongside for one billing
month" with "We can't do it before the 1st of December"."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from pipeline.content.mention_rows import mention_rows
from pipeline.content.won_answers import answers_in_won_deals
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, add_theme

# (industry, the buyer's turn: a price question then the worry in words, the rep's reply)
PRICE_IN_WORDS = [
    ("Pest control", "Per month?", "Across nine sites that's nearly two grand a year.",
     "Billed yearly it's two months free, so you'd pay about sixteen hundred."),
    ("Funeral homes", "A month?", "For a two-hearse firm that's three thousand quid a year.",
     "On the annual plan you pay for ten months, so twenty-five hundred."),
    ("Software agency", "Is that the monthly price?",
     "That's eighteen grand a year across the team.",
     "Agencies on annual billing pay for ten months, so fifteen thousand."),
    ("Farms", "Per cow per month?", "That's a few hundred bucks more than the milk recording.",
     "If you pay annually we take off two months, so it comes in well under that."),
    ("Charities", "Is that the price per user?",
     "For forty volunteers that's a couple of grand a year.",
     "Unpaid helpers are free; you only pay for the three staff logins."),
    ("Clinics", "What would we pay?", "Six hundred quid every month for a three-room clinic.",
     "Pay annually and it's two months free, so five hundred."),
    ("Schools", "What does that cost per pupil?",
     "Two hundred pupils means four grand a year for the office.",
     "You pay per staff login, not per child, so it's about six hundred."),
    ("Hauliers", "Per lorry, per month?", "With thirty lorries that's ten grand a year.",
     "Fleets over twenty pay the flat fleet rate, five hundred a month."),
    ("Vets", "What's the charge per vet?", "Five vets is three thousand quid a year.",
     "Practices pay per site: one flat fee of ninety a month."),
    ("Dental labs", "Per month?", "That's fifteen hundred a year for a two-bench lab.",
     "Small workshops pay the starter rate, a hundred a month."),
    ("Marinas", "Per month?", "For a club our size that's eighteen hundred a year.",
     "If you pay annually it's two months free, so fifteen hundred."),
]  # fmt: skip

# (industry, the worry, the request the buyer went on to, the question after it, the reply)
ANOTHER_REQUEST = [
    ("Farms",
     "We can't start before the end of harvest because the whole team is in the fields.",
     "And I want the old herd records kept readable for the vet audit.", "Is that alright?",
     "Of course. We keep your old herd records readable for as long as you like."),
    ("Funeral homes",
     "We can't switch until the new financial year, the partners won't sign before April.",
     "And we'd need the old guestbooks moved across to the new website.", "Can you do that?",
     "Yes, we bring every guestbook across from the old website."),
    ("Software agency", "Our retainers renew in January, so nothing moves before then.",
     "And the clients would need their own logins to see the board.", "Is that possible?",
     "Yes, clients get free guest logins that only see their own board."),
    ("Clinics", "We can't go live in flu season, the front desk is flat out until March.",
     "And I'd want the paper consent forms scanned in first.", "Would you do that?",
     "Absolutely, our team scans and files the consent forms for you."),
    ("Charities", "The trustees only meet in March, so we can't sign before then.",
     "And we'd want the Gift Aid declarations kept exactly as they are.", "Is that okay?",
     "Sure, the Gift Aid declarations come across exactly as they are."),
    ("Pest control", "Spring is our busiest season, so we can't roll anything out before June.",
     "And the technicians would want to keep their paper route sheets.", "Is that alright?",
     "Of course, you can print route sheets from the app for as long as you like."),
    ("Hauliers", "Our operator licence audit is in May, so nothing changes before that.",
     "And I'd want the drivers to keep the paper defect books as a backup.", "Is that alright?",
     "Yes, drivers can keep the paper defect books alongside the app."),
    ("Vets", "We can't move during the vaccination rush, it's chaos until the end of May.",
     "And I want the old reminder texts to keep going out.", "Can you manage that?",
     "We send the reminder texts from day one, in your wording."),
    ("Schools", "Nothing can change before the summer holidays, the office is too stretched.",
     "And the parents must still be able to hand in cheques.", "Is that possible?",
     "Yes, cheques are recorded against each family as they come in."),
    ("Dental labs", "We can't switch until the new lab opens in September.",
     "And the dentists have to keep sending paper dockets.", "Is that okay?",
     "Yes, paper dockets get a barcode and are scanned at the bench."),
    ("Marinas",
     "We can't do it before the 1st of December because the yard's flat out until then.",
     "And I want the old system running alongside for the December invoices.",
     "Is that alright?", "Absolutely. We run alongside for one billing month as standard."),
]  # fmt: skip


def _replies(db: Session, industry: str, turn: list[str], worry: str, reply: str) -> list[str]:
    """The won-deal replies paired with ``worry`` (a sure objection, one sentence of ``turn``)."""
    theme = add_theme(db, "A worry", "worry")
    text = " ".join(turn)
    _, (said, _rep) = _call(
        db, 1, "Northwind Group", "won", "2026-03-02",
        [("Avery Lund", "buyer", text), ("Sam Rivera", "rep", reply)], industry,
    )  # fmt: skip
    start = text.index(worry)
    db.add(
        Mention(utterance_id=said.id, call_id=said.call_id, kind="objection", category="price",
                text=worry, char_start=start, char_end=start + len(worry), confidence=0.9,
                cluster_id=theme.id)
    )  # fmt: skip
    db.flush()
    rows = mention_rows(db, Mention.cluster_id == theme.id)
    return [a.text for a in answers_in_won_deals(db, rows, 5, confident_at=0.5)]


@pytest.mark.parametrize(("industry", "asked", "worry", "reply"), PRICE_IN_WORDS)
def test_a_price_said_in_words_is_answered_by_the_price_reply_after_it(
    ws: Workspace, industry: str, asked: str, worry: str, reply: str
) -> None:
    with ws.session() as db:
        assert _replies(db, industry, [asked, worry], worry, reply) == [reply]


@pytest.mark.parametrize(("industry", "worry", "went_on", "asked", "reply"), ANOTHER_REQUEST)
def test_a_reply_to_a_request_after_the_worry_is_no_answer_to_it(
    ws: Workspace, industry: str, worry: str, went_on: str, asked: str, reply: str
) -> None:
    with ws.session() as db:
        assert _replies(db, industry, [worry, went_on, asked], worry, reply) == []


@pytest.mark.parametrize(("industry", "worry", "went_on", "asked", "_"), ANOTHER_REQUEST)
def test_a_reply_about_the_worry_stays_its_answer_though_the_turn_goes_on(
    ws: Workspace, industry: str, worry: str, went_on: str, asked: str, _: str
) -> None:
    """The rep answered the worry itself (its words), whatever the buyer asked after it."""
    reply = f"Understood: {worry[0].lower()}{worry[1:]} We plan around that with you."
    with ws.session() as db:
        assert _replies(db, industry, [worry, went_on, asked], worry, reply) == [reply]
