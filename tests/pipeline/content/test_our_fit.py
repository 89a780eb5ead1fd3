"""Where we fit better than a rival is said only from a deal its buyer chose us in, by a line
that gives a reason (a fault found with the rival, a pain it caused, a good word on us): never
a bare mention of the rival, never a lost deal's praise; with none, the page says so.

Why: the demo's RotaPro page listed "Buyers who said “We looked at RotaPro as well, just so you
know.” chose us" and "“Your app's nicer.” (a deal we lost)" where we fit better."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings


class Trade(NamedTuple):
    industry: str
    rival: str
    mention: str  # a won deal's buyer naming the rival, giving no reason
    fault: str  # a won deal's buyer finding fault with it
    lost: str  # a lost deal's line on the rival
    praise: str  # then praise of us, in that lost deal


TRADES = [
    Trade(
        "Veterinary", "Vetbook",
        "We looked at Vetbook as well, just so you know.",
        "Vetbook crashed twice during morning surgery last month.",
        "Vetbook came back to me last week, they'll do it cheaper.",
        "Your rota screen's nicer.",
    ),
    Trade(
        "Warehousing", "Pickwell",
        "We're also talking to Pickwell, you should know.",
        "Pickwell is too slow on the scanners and the pickers hate it.",
        "Pickwell matched our old price when I said I was looking.",
        "Honestly your pick screens are cleaner than what Pickwell showed us.",
    ),
    Trade(
        "Hair salons", "Glowdesk",
        "We had a demo of Glowdesk too, as you know.",
        "Glowdesk charged us extra for every text reminder.",
        "Glowdesk knocked a third off for two years.",
        "Your booking page is simpler.",
    ),
]  # fmt: skip
PROFILE = ProductProfile(name="Crewline", features=["Shifts and bookings on one screen."])


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    rivals = [t.rival for t in TRADES]
    ws = Workspace(make_settings(tmp_path / "data", competitors=rivals), embedder=embedder)
    yield ws
    ws.close()


def _call(
    db: Session, n: int, trade: Trade, outcome: str, said: list[tuple[str, str, bool]]
) -> None:
    """A call of one buyer turn whose sentences (text, kind, names the rival) are mentions."""
    text = " ".join(sentence for sentence, _k, _r in said)
    call = Call(
        content_hash=f"hash-{trade.rival}-{n}", filename=f"{n}.txt", format="txt",
        raw_text=text, call_date=dt.date(2026, 5, n), account=f"{trade.industry} {n}",
        industry=trade.industry, outcome=outcome, our_speakers=["Sam Rivera"],
        competitors=[trade.rival],
    )  # fmt: skip
    db.add(call)
    db.flush()
    turn = Utterance(call_id=call.id, seq=0, speaker="Pat Quinn", role="buyer", text=text)
    db.add(turn)
    db.flush()
    for sentence, kind, rival in said:
        start = text.index(sentence)
        for tag in [kind, *(["competitor"] if rival else [])]:
            db.add(
                Mention(
                    utterance_id=turn.id, call_id=call.id, kind=tag,
                    category="competitor" if tag == "objection" and rival else None,
                    text=sentence, char_start=start, char_end=start + len(sentence),
                    competitor=trade.rival if rival else None, confidence=0.9,
                )
            )  # fmt: skip
    db.flush()


def _ours(workspace: Workspace, trade: Trade, fault: bool) -> str:
    with workspace.session() as db:
        set_profile(db, PROFILE)
        _call(db, 1, trade, "won", [(trade.mention, "other", True)])
        _call(
            db, 2, trade, "lost", [(trade.lost, "objection", True), (trade.praise, "other", False)]
        )
        if fault:
            _call(db, 3, trade, "won", [(trade.fault, "objection", True)])
        body = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        ).body_markdown  # fmt: skip
    return body.split("## When we are the better fit", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("trade", TRADES, ids=[t.industry for t in TRADES])
def test_only_a_won_deals_reason_says_where_we_fit_better(
    workspace: Workspace, trade: Trade
) -> None:
    ours = _ours(workspace, trade, fault=True)
    assert trade.fault in ours, ours
    assert trade.mention not in ours, ours
    assert trade.praise not in ours and "a deal we lost" not in ours, ours


@pytest.mark.parametrize("trade", TRADES, ids=[t.industry for t in TRADES])
def test_with_no_reason_from_a_won_deal_the_page_says_so(
    workspace: Workspace, trade: Trade
) -> None:
    ours = _ours(workspace, trade, fault=False)
    assert ours.strip().startswith("- To write: where we fit better"), ours
    assert trade.mention not in ours and trade.praise not in ours, ours
