"""Why now, on our one-pager, is a buyer's reason to buy from us: "We're hiring for the second
shop next year", said when the rep asked whether Staffly's HR side was needed now, had stood
there as our reason."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.content.collect import collect_evidence
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

HIRING = "We're hiring for the second shop next year."
SEASONAL = "We hire a lot of seasonal people."
GROWING = "So, um, we've grown a lot this year."
RENEWAL = "Our RotaPro contract ends in March, so it has to be sorted by then."
PRICE = "It's too expensive for a team our size."
AUDIT = "And is annual a problem if the audit people come back?"


def _seed(ws: Workspace) -> int:
    with ws.session() as db:
        price = add_theme(db, "Too expensive", "expensive")
        call, turns = _call(
            db,
            1,
            "Daily Crumb",
            "lost",
            "2026-07-07",
            turns=[
                ("Beth", "buyer", PRICE),
                (
                    "Sam Rivera",
                    "rep",
                    "Staffly's an HR suite. Is the HR side something you need now?",
                ),
                ("Beth", "buyer", HIRING),
                ("Sam Rivera", "rep", "And what would make you pick Staffly?"),
                ("Beth", "buyer", SEASONAL),
                ("Sam Rivera", "rep", "How has the year been?"),
                ("Beth", "buyer", GROWING),
                ("Sam Rivera", "rep", "When would you need it?"),
                ("Beth", "buyer", RENEWAL),
                ("Sam Rivera", "rep", "Anything else?"),
                ("Beth", "buyer", AUDIT),
            ],
        )
        call.competitors = ["Staffly"]
        _mention(db, turns[0], "objection", "price", price).confidence = 0.9
        for utterance, category in (
            (turns[2], "event"),
            (turns[4], "event"),
            (turns[6], "event"),
            (turns[8], "deadline"),
            (turns[10], "risk"),
        ):
            _mention(db, utterance, "why_now", category, None).confidence = 0.9
        _mention(db, turns[8], "competitor", None, None, competitor="RotaPro")
        return price.id


def test_why_now_leaves_out_a_rivals_reasons_and_keeps_the_buyers_deadline(
    ws: Workspace,
) -> None:
    price = _seed(ws)
    with ws.session() as db:
        evidence = collect_evidence(db, [price])
    said = {q.text for q in evidence.of_kind("why_now")}
    assert GROWING in said
    assert RENEWAL in said  # a deadline names the rival they leave, and is still theirs
    assert not said & {HIRING, SEASONAL, AUDIT}, said
    page = OFFLINE_DRAFTS["one-pager"](evidence)
    shown = " ".join(p.text for p in page.why_now)
    assert "grown a lot" in shown and "second shop" not in shown


def test_a_why_now_fragment_is_no_reason_on_the_page(ws: Workspace) -> None:
    """ "Also audit logs." (a why-now by its words) had stood in a one-pager's Why now."""
    price = _seed(ws)
    with ws.session() as db:
        call_id = db.scalars(select(Mention.call_id)).first()
        turn = Utterance(
            call_id=call_id, seq=50, speaker="Beth", role="buyer", text="Also audit logs."
        )
        db.add(turn)
        db.flush()
        _mention(db, turn, "why_now", "risk", None).confidence = 0.95
        evidence = collect_evidence(db, [price])
    assert "Also audit logs." in {q.text for q in evidence.of_kind("why_now")}
    page = OFFLINE_DRAFTS["one-pager"](evidence)
    assert "audit logs" not in " ".join(p.text for p in page.why_now)
    assert "grown a lot" in " ".join(p.text for p in page.why_now)
