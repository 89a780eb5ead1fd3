"""A comparison counts deals, not calls, each with its latest outcome (and the dashboard agrees);
cites what holds a lost deal's buyer to the rival where the rival fits better; cites buyers'
praise of us against the rival where we fit better only from a deal they chose us in (a lost
deal's praise shows no fit of ours: a gap to write instead); and never appends that praise to a
line about the rival's price.

Why: a reviewer's page said "4 deals where buyers named NinjaOne: 0 won, 1 lost, 3 open" of
three deals (a discovery call and the notes that closed it lost were one), left out "Their MSP
already runs NinjaOne on all 40 machines", said "To write: where we fit better" where two
buyers had said our reports were cleaner, and quoted "But I like that you're only doing
patching" under the rival's pricing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.dashboard import competitor_mentions
from pipeline.deals import DealCall, group_deals
from pipeline.embed import Embedder
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

TURFLY, DISPATCHLY = "Turfly", "Dispatchly"
PROFILE = ProductProfile(
    name="Crewline",
    pricing=["$40 per crew per month."],
    features=["Crew schedules and route sheets on the foreman's phone."],
    onboarding=["Set-up takes one afternoon."],
)
QUOTED = (
    "Turfly quoted us last week and their per-crew price has no minimum, so you'd need to "
    "come close to that."
)
LIKE = "But I like that you're only doing scheduling and doing it properly."
LOCKED = (
    "Their contractor already runs Turfly on all twelve crews and they don't want a second "
    "app next to it."
)
NICER = "the load board was nicer on yours"
CLEANER = "Honestly your driver app is much cleaner than what Dispatchly showed us."


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    settings = make_settings(tmp_path / "data", competitors=[TURFLY, DISPATCHLY])
    ws = Workspace(settings, embedder=embedder)
    yield ws
    ws.close()


def _call(
    db: Session,
    account: str,
    outcome: str,
    date: str,
    industry: str,
    turns: list[tuple[str, list[tuple[str, str | None, str | None]]]],
    *,
    deal_id: str | None = None,
    competitors: tuple[str, ...] = (),
) -> None:
    """A call of ``turns`` (role, sentences as (text, kind, rival)), each sentence a mention."""
    call = Call(
        content_hash=f"hash-{account}-{date}",
        filename=f"{account}.txt",
        format="txt",
        raw_text=" ".join(text for _r, said in turns for text, _k, _c in said),
        call_date=dt.date.fromisoformat(date),
        account=account,
        deal_id=deal_id,
        industry=industry,
        outcome=outcome,
        our_speakers=["Sam Rivera"],
        competitors=list(competitors),
    )
    db.add(call)
    db.flush()
    for seq, (role, said) in enumerate(turns):
        text = " ".join(sentence for sentence, _k, _c in said)
        turn = Utterance(call_id=call.id, seq=seq, speaker="Pat Quinn", role=role, text=text)
        db.add(turn)
        db.flush()
        for sentence, kind, rival in said:
            start = text.index(sentence)
            for tag in ([kind] if kind else []) + (["competitor"] if rival else []):
                db.add(
                    Mention(
                        utterance_id=turn.id,
                        call_id=call.id,
                        kind=tag,
                        category="competitor" if tag == "objection" and rival else None,
                        text=sentence,
                        char_start=start,
                        char_end=start + len(sentence),
                        competitor=rival,
                        confidence=0.9,
                    )
                )
    db.flush()


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def _page(db: Session, workspace: Workspace, rival: str) -> str:
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=rival,
        use_llm=False, embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def test_landscaping_deals_lock_in_and_praise_after_the_rival(workspace: Workspace) -> None:
    with workspace.session() as db:
        land = "Landscaping"
        _call(
            db, "Birchwood Grounds", "open", "2026-03-02", land,
            [("buyer", [(QUOTED, "objection", TURFLY), (LIKE, "other", None)])],
            deal_id="0065000000AbCdE",
        )  # fmt: skip
        _call(
            db, "Birchwood Grounds", "lost", "2026-03-20", land,
            [("rep_note", [("Closed lost to Turfly - cheaper per crew and one app for "
                            "everything.", "objection", TURFLY)])],
        )  # fmt: skip
        _call(
            db, "Copse Gardens", "lost", "2026-03-10", land,
            [("rep_note", [(LOCKED, "objection", TURFLY),
                           ("Closed lost - staying with Turfly.", "objection", TURFLY)])],
        )  # fmt: skip
        _call(
            db, "Elm Row Estates", "unknown", "2026-03-25", land,
            [("buyer", [("Turfly sends the foremen a route sheet every morning.",
                         "objection", TURFLY)])],
        )  # fmt: skip
        set_profile(db, PROFILE)
        db.flush()
        body = _page(db, workspace, TURFLY)
        [row] = [r for r in competitor_mentions(db) if r.name == TURFLY]
    assert "3 deals where buyers named Turfly: 0 won, 2 lost, 1 open" in body, body
    assert (row.calls, row.deals, row.won, row.lost) == (4, 3, 0, 2)
    # What holds a lost buyer to them is no strength of theirs; the note's "cheaper per crew
    # and one app for everything" is.
    assert LOCKED not in _section(body, "When Turfly is the better fit"), body
    assert "cheaper per crew" in _section(body, "When Turfly is the better fit"), body
    assert QUOTED in _section(body, "Side by side")
    assert "I like that" not in body.split("## When we are", 1)[0]  # not in the rival's column
    assert "I like that" not in _section(body, "What buyers told us about Turfly's pricing")
    ours = _section(body, "When we are the better fit")
    # The praise came in a deal they lost to Turfly: no evidence of where we fit better.
    assert LIKE not in ours and "To write: where we fit better (no won deal yet)" in ours, ours


def test_freight_praise_of_us_in_won_deals_only_is_where_we_fit_better(
    workspace: Workspace,
) -> None:
    with workspace.session() as db:
        freight = "Freight"
        worry = f"{NICER} but I can't justify paying more for the same tracking"
        _call(
            db, "Ridgeway Freight", "lost", "2026-05-04", freight,
            [("rep_note", [("Lost to Dispatchly - cheaper per truck.", "objection",
                            DISPATCHLY)]),
             ("buyer", [(worry, "objection", None)])],
            deal_id="88120", competitors=(DISPATCHLY,),
        )  # fmt: skip
        _call(
            db, "Tern Haulage", "won", "2026-05-12", freight,
            [("buyer", [("Dispatchly offered us three months free to switch.", "objection",
                         DISPATCHLY)]),
             ("buyer", [(CLEANER, "other", DISPATCHLY)])],
        )  # fmt: skip
        set_profile(db, PROFILE)
        db.flush()
        body = _page(db, workspace, DISPATCHLY)
    ours = _section(body, "When we are the better fit")
    assert ours.count(CLEANER) == 1, ours
    assert NICER not in ours  # said in a deal lost to Dispatchly
    assert "can't justify" not in ours  # the clause after the turn is no praise of us
    assert "no won deal yet" not in ours and "To write" not in ours
    assert "2 deals where buyers named Dispatchly: 1 won, 1 lost, 0 open" in body


def test_a_deal_is_its_deal_id_else_its_account() -> None:
    calls = [
        DealCall(1, "Oak Lane Vets", "D-1", "open", dt.date(2026, 1, 5)),
        DealCall(2, "Oak Lane Vets ", None, "lost", dt.date(2026, 2, 1)),
        DealCall(3, "Pine Row", "D-2", "won", dt.date(2026, 1, 9)),
        DealCall(4, "Pine Row", "D-3", "open", dt.date(2026, 3, 1)),
        DealCall(5, "Pine Row", None, "lost", dt.date(2026, 3, 2)),
        DealCall(6, "Quay Farm", None, "won", dt.date(2026, 1, 1)),
        DealCall(7, "Quay Farm", None, "unknown", dt.date(2026, 4, 1)),
        DealCall(8, None, None, "open", None),
        DealCall(9, None, None, "lost", None),
    ]
    deals = {d.call_ids: d.outcome for d in group_deals(calls)}
    assert deals == {
        (1, 2): "lost",  # one deal id on the account: the notes after it are of that deal
        (3,): "won",
        (4,): "open",
        (5,): "lost",  # two deal ids: a call naming none is not guessed into one
        (6, 7): "won",  # a later call that gives no outcome does not undo one
        (8,): "open",
        (9,): "lost",
    }


@pytest.mark.parametrize(
    ("won_outcome", "gap"),
    [
        ("won", "the deals we won against them left no line on why"),
        ("open", "no won deal yet"),
    ],
)
def test_a_gap_where_we_fit_better_says_whether_a_deal_was_won(
    workspace: Workspace, won_outcome: str, gap: str
) -> None:
    """A deal won against the rival whose calls quote nothing on why had been called "no won
    deal yet" (a marina software page, a pest-control one alike)."""
    with workspace.session() as db:
        pests = "Pest control"
        _call(
            db, "Larkspur Pest Control", "lost", "2026-06-02", pests,
            [("buyer", [(QUOTED, "objection", TURFLY)])],
        )  # fmt: skip
        _call(
            db, "Hawthorn Traps", won_outcome, "2026-06-09", pests,
            [("buyer", [("We start on the first of the month.", "other", None)])],
            competitors=(TURFLY,),
        )  # fmt: skip
        set_profile(db, PROFILE)
        db.flush()
        body = _page(db, workspace, TURFLY)
    ours = _section(body, "When we are the better fit")
    assert "To write: where we fit better" in ours and f"({gap})" in ours, ours
