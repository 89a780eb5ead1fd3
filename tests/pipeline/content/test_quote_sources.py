"""One source per distinct quote: a sentence tagged twice (a worry, and a line naming the rival)
or quoted alone and with the sentence after it is one ``Q<n>``, showing the longer words; the
same words from another call stay another source.

Why: a comparison's sources listed "And to be fair, the booking side on BerthHop is fine for
us." as Q3 and Q8, another line as Q6 and Q9, and Q7 again inside Q11."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from pipeline.content.collect import collect_evidence
from pipeline.content.quotes import QuoteNumberer
from pipeline.content.won_answers import MentionRow
from pipeline.redact import Redactor
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.pipeline.content.test_comparison_deals import _call, _page, workspace

__all__ = ["workspace"]  # the comparison pages' workspace fixture

# (industry, the rival, a sentence naming it, the sentence after it)
TURNS = [
    ("Pest control", "Bugwise", "To be fair, Bugwise is fine for the routes.",
     "We'd only move for the bait-station logs."),
    ("Funeral homes", "Requiem", "Requiem costs us nothing up front, they take a cut per service.",
     "We're a family firm and the hearse needs replacing next year."),
    ("Software agency", "Sprintly", "I trained eight people on Sprintly's boards last spring.",
     "I'm not doing that again for another tool."),
    ("Farms", "Herdbook", "Herdbook does the milk records well enough for us.",
     "The vet checks are what we can't find."),
    ("Charities", "Givewell", "Givewell already handles our Gift Aid claims.",
     "The trustees like the monthly report it sends."),
    ("Clinics", "Clinio", "Clinio sends the appointment reminders for us.",
     "Patients are used to its texts by now."),
    ("Schools", "Classmate", "We looked at Classmate in the summer.",
     "Their parent app was the one thing the office liked."),
    ("Hauliers", "Fleetbook", "Fleetbook's defect sheets are what the drivers know.",
     "Two of them have used it for ten years."),
    ("Dental labs", "Docketly", "Docketly prints our dockets with a barcode.",
     "The technicians scan them at every bench."),
    ("Vets", "Pawtrack", "Pawtrack charges per vet, which is fine at our size.",
     "We have three vets and no plans for a fourth."),
]  # fmt: skip


def _rows(turn: str, said: list[tuple[int, str, str | None]], call_id: int = 1) -> list[MentionRow]:
    """Mentions (id, kind, rival) of the first sentence of ``turn`` in one call."""
    call = Call(id=call_id, account=f"Account {call_id}", outcome="lost",
                call_date=dt.date(2026, 3, call_id))  # fmt: skip
    utterance = Utterance(id=call_id * 10, call_id=call_id, seq=0, role="buyer", text=turn)
    first = re.split(r"(?<=\.) ", turn)[0]
    return [
        (
            Mention(
                id=n,
                utterance_id=utterance.id,
                call_id=call_id,
                kind=kind,
                text=first,
                char_start=0,
                char_end=len(first),
                competitor=rival,
                confidence=0.9,
            ),
            utterance,
            call,
        )  # fmt: skip
        for n, kind, rival in said
    ]


def _numberer() -> QuoteNumberer:
    return QuoteNumberer(Redactor(enabled=False))


@pytest.mark.parametrize(("industry", "rival", "first", "after"), TURNS)
def test_a_sentence_tagged_twice_is_one_source(
    industry: str, rival: str, first: str, after: str
) -> None:
    worry, tag = _rows(f"{first} {after}", [(1, "objection", None), (2, "competitor", rival)])
    numberer = _numberer()
    assert numberer.mention(worry, 7) == numberer.mention(tag, None, alone=True) == 1
    assert [q.text for q in numberer.quotes] == [first]


@pytest.mark.parametrize(("industry", "rival", "first", "after"), TURNS)
def test_a_quote_held_in_a_longer_one_of_its_turn_is_cited_as_the_longer(
    industry: str, rival: str, first: str, after: str
) -> None:
    for order in ((False, True), (True, False)):
        worry, tag = _rows(f"{first} {after}", [(1, "objection", None), (2, "competitor", rival)])
        numberer = _numberer()
        ids = [
            numberer.mention(row, None, alone=not goes_on, goes_on=goes_on)
            for row, goes_on in zip((worry, tag), order, strict=True)
        ]
        assert ids == [1, 1]
        assert [q.text for q in numberer.quotes] == [f"{first} {after}"]


@pytest.mark.parametrize(("industry", "rival", "first", "after"), TURNS)
def test_the_same_words_from_another_call_or_another_sentence_stay_apart(
    industry: str, rival: str, first: str, after: str
) -> None:
    numberer = _numberer()
    (one,) = _rows(f"{first} {after}", [(1, "objection", None)], call_id=1)
    (two,) = _rows(f"{first} {after}", [(2, "objection", None)], call_id=2)
    assert [numberer.mention(one, None, alone=True), numberer.mention(two, None, alone=True)] == [
        1,
        2,
    ]
    (other,) = _rows(f"{after} {first}", [(3, "objection", None)], call_id=3)
    (same_turn,) = _rows(f"{first} {after}", [(4, "competitor", rival)], call_id=1)
    assert numberer.mention(other, None, alone=True) == 3
    # A clause quoted without the rest of its sentence stays a source of its own.
    clause = first.split(",")[0].split(" for ")[0]
    assert numberer.part(same_turn, clause, None) == 4


def test_a_comparison_cites_each_quote_once(workspace: Workspace) -> None:
    """What buyers said of the rival and why the deals went to it quote the same sentences
    (one mention a worry, one naming the rival): each is one source."""
    with workspace.session() as db:
        _lost_deals(db)
        quotes = collect_evidence(db, [], competitor="Turfly").quotes
        body = _page(db, workspace, "Turfly")
    for quote in quotes:
        same_turn = [q.text for q in quotes if q.utterance_id == quote.utterance_id and q != quote]
        assert not any(quote.text in other for other in same_turn), [q.text for q in quotes]
    listed = body.split("## Sources")[1]
    sources = re.findall(r"^- \*\*\[Q\d+\]\*\* “(.+?)” — (.+)$", listed, re.M)
    assert sources and len(sources) == len(set(sources)), listed
    # One source, still said where it belongs: a lost deal's reason is why buyers stay.
    assert "fine for the routes" in body.split("## Why buyers stay with Turfly")[1], body


def _lost_deals(db: Session) -> None:
    """Lost deals whose buyers name Turfly in sentences tagged as worries and as mentions."""
    for n, (_industry, _rival, first, after) in enumerate(TURNS[:4]):
        said = [(first.replace(_rival, "Turfly"), "objection", "Turfly"), (after, None, None)]
        note = [("Closed lost to Turfly.", "objection", "Turfly")]
        _call(db, f"Account {n}", "lost", f"2026-03-{n + 2:02d}", "Landscaping",
              [("buyer", said), ("rep_note", note)], competitors=("Turfly",))  # fmt: skip
    # As the detector reads them: the line naming the rival for sure, the worry less so and
    # untagged, so the rival's lines and the lost deals' reasons pick different mentions.
    db.execute(update(Mention).where(Mention.kind == "competitor").values(confidence=1.0))
    db.execute(
        update(Mention)
        .where(Mention.kind == "objection", ~Mention.text.like("Closed lost%"))
        .values(confidence=0.8, competitor=None, category="status_quo")
    )
    db.flush()
