"""The dashboard's total of objections is the themes' own count, whatever else is stored."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import list_clusters
from pipeline.cluster.views import cluster_cards_json
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.dashboard import competitor_mentions, dashboard, dashboard_view
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


def _said(session: Session, call_id: int, seq: int, role: str, text: str) -> Utterance:
    said = Utterance(call_id=call_id, seq=seq, speaker=None, role=role, text=text)
    session.add(said)
    session.flush()
    return said


def _objection(said: Utterance, cluster_id: int | None, *, excluded: bool = False) -> Mention:
    return Mention(
        utterance_id=said.id, call_id=said.call_id, kind="objection", category="price",
        text=said.text, char_end=len(said.text), cluster_id=cluster_id, excluded=excluded,
    )  # fmt: skip


def test_the_objections_total_is_what_the_themes_count(ws: Workspace, seeded: Seeded) -> None:
    """A "Hmm." no theme holds, a new objection no theme has taken yet and one of a retired
    theme had counted on the dashboard, so its total was more than its themes held; a rep's
    note of the buyer's words counts in a theme, and so on the dashboard too."""
    first, second = seeded.calls[:2]
    with ws.session() as session:
        retired = Cluster(kind="objection", name="old pricing theme", status="retired")
        session.add(retired)
        session.flush()
        session.add_all(
            [
                _objection(_said(session, first, 20, "buyer", "Hmm."), None),
                _objection(_said(session, second, 21, "buyer", "No wifi in the aisles."), None),
                _objection(_said(session, first, 22, "buyer", "Pricey, like before."), retired.id),
                _objection(
                    _said(session, second, 23, "buyer", "Too dear."), seeded.price, excluded=True
                ),
                _objection(
                    _said(session, second, 24, "rep_note", "Says $79 is steep."), seeded.price
                ),
            ]
        )
        session.flush()
        for industry in (None, "Trades", "health & FITNESS"):
            themes = list_clusters(session, kind="objection", industry=industry)
            board = dashboard(session, industry=industry)
            assert board.totals.objections == sum(theme["size"] for theme in themes), industry
        stored = select(Mention).where(Mention.kind == "objection", Mention.excluded.is_(False))
        assert len(session.scalars(stored).all()) > dashboard(session).totals.objections


def _tag(said: Utterance, name: str, confidence: float) -> Mention:
    return Mention(
        utterance_id=said.id, call_id=said.call_id, kind="competitor", category="competitor",
        text=said.text, char_end=len(said.text), competitor=name, confidence=confidence,
    )  # fmt: skip


def test_guessed_rivals_are_marked_and_come_after_configured_ones(
    ws: Workspace, seeded: Seeded
) -> None:
    """A union named in "Our Keystone rep said no" three times had ranked above the configured
    rival named once, unmarked, on the dashboard of a user who had configured six rivals."""
    first, second = seeded.calls[:2]
    with ws.session() as session:
        for seq, call in enumerate((first, second, first)):
            said = _said(session, call, 40 + seq, "buyer", "Our Keystone people said no.")
            session.add(_tag(said, "Keystone", 0.7))
        said = _said(session, second, 50, "buyer", "We use Ploughshare for rotas.")
        session.add(_tag(said, "Ploughshare", 1.0))
        session.flush()
        rows = {r.name: r for r in competitor_mentions(session)}
        order = [r.name for r in competitor_mentions(session)]
    assert rows["Keystone"].guessed and not rows["Ploughshare"].guessed
    assert order.index("Ploughshare") < order.index("Keystone")


def _call(session: Session, account: str, outcome: str, day: str) -> int:
    call = Call(
        content_hash=f"hash-{account}", filename=f"{account}.txt", format="txt", title=account,
        raw_text="", call_date=dt.date.fromisoformat(day), account=account, outcome=outcome,
    )  # fmt: skip
    session.add(call)
    session.flush()
    return call.id


def _read_at(session: Session, call_id: int, seq: int, text: str, theme: int, sure: float) -> None:
    said = _said(session, call_id, seq, "buyer", text)
    mention = _objection(said, theme)
    mention.confidence = sure
    session.add(mention)


def test_a_theme_with_no_confident_mention_is_no_row(ws: Workspace) -> None:
    """A won deal's "why we picked you" read at 0.17 had its own theme, listed on the
    dashboard's trends and among the lost deals' objections. A theme made only of uncertain
    mentions (its card's "0 confident") is no row; a theme with confident ones counts all its
    mentions, as its card does (a lost deal's uncertain one too), and the total is the themes'."""
    with ws.session() as session:
        price = Cluster(kind="objection", name="The per-seat price is too steep", status="active")
        picked = Cluster(kind="objection", name="The reports are why we picked you")
        setup = Cluster(kind="objection", name="Eight weeks to onboard is too long")
        session.add_all([price, picked, setup])
        session.flush()
        lost = _call(session, "Harrow Fencing", "lost", "2026-03-01")
        won = _call(session, "Tilbury Roofing", "won", "2026-03-05")
        earlier = _call(session, "Ostley Groundworks", "lost", "2026-02-20")
        _read_at(session, lost, 1, "The per-seat price is too steep for us.", price.id, 0.9)
        _read_at(session, earlier, 1, "Price is too high for a crew our size.", price.id, 0.8)
        _read_at(session, earlier, 2, "Maybe the cost, not sure.", price.id, 0.3)
        _read_at(session, won, 1, "The phone reports are why we picked you.", picked.id, 0.17)
        _read_at(session, lost, 2, "Your phone reports were nice though.", picked.id, 0.27)
        _read_at(session, won, 2, "Eight weeks to onboard is too long.", setup.id, 0.9)
        _read_at(session, lost, 3, "We can't spare a foreman for weeks.", setup.id, 0.35)
        session.flush()
        board = dashboard(session)  # at the settings' default, as the cards below
        cards = json.loads(
            cluster_cards_json(ws.views, session, confident_at=DEFAULT_CONFIDENT_AT)
        )["cards"]
        themes = list_clusters(session, kind="objection")
    confident = {c["name"]: (c["size"], c["size"] - c["uncertain"]) for c in cards}
    assert confident == {price.name: (3, 2), picked.name: (2, 0), setup.name: (2, 1)}
    assert [(r.name, r.now) for r in board.trends] == [(price.name, 3), (setup.name, 2)]
    assert [(r.name, r.mentions, r.calls) for r in board.lost] == [
        (price.name, 3, 2),
        (setup.name, 1, 1),
    ]
    assert board.totals.objections == sum(theme["size"] for theme in themes) == 7
    with ws.session() as session:  # the workspace's own ``confident_at``
        lenient = dashboard_view(ws.views, session, confident_at=0.15)
        assert dashboard_view(ws.views, session, confident_at=DEFAULT_CONFIDENT_AT) == board
    assert picked.name in {r.name for r in lenient.trends}


def test_one_stray_date_does_not_move_the_default_window(ws: Workspace) -> None:
    """One call misread as 3 December among calls of February and March had moved the 30-day
    window onto itself: the dashboard's top objections and trends were empty."""
    with ws.session() as session:
        for day in range(1, 25):
            _call(session, f"Account {day}", "open", f"2026-03-{day:02d}")
        _call(session, "Stray Account", "open", "2026-12-03")
        session.flush()
        board = dashboard(session)
    assert board.period is not None and board.period.end == dt.date(2026, 3, 24)


def test_lost_deal_objections_are_ordered_by_their_lost_deal_count_then_name(
    ws: Workspace,
) -> None:
    """A theme raised twice in lost deals, both read below ``confident_at`` (its confident
    mention in a won deal), had been listed below themes raised once: the list had kept the
    filtered list's "uncertain only last" order, not the lost-deal count it shows."""
    with ws.session() as session:
        themes = {
            name: Cluster(kind="objection", name=name, status="active")
            for name in ("Price is too steep", "Contract is too long", "Onboarding takes weeks")
        }
        session.add_all(themes.values())
        session.flush()
        lost = _call(session, "Harrow Fencing", "lost", "2026-03-01")
        other = _call(session, "Ostley Groundworks", "lost", "2026-03-02")
        won = _call(session, "Tilbury Roofing", "won", "2026-03-05")
        _read_at(
            session,
            lost,
            1,
            "The per-seat price is too steep.",
            themes["Price is too steep"].id,
            0.9,
        )
        _read_at(
            session,
            other,
            1,
            "A year is too long a contract.",
            themes["Contract is too long"].id,
            0.9,
        )
        onboarding = themes["Onboarding takes weeks"].id
        _read_at(session, won, 1, "Eight weeks to onboard is too long.", onboarding, 0.9)
        _read_at(session, lost, 2, "We can't spare a foreman for weeks.", onboarding, 0.35)
        _read_at(session, other, 2, "Weeks of training, maybe.", onboarding, 0.3)
        session.flush()
        board = dashboard(session)
    assert [(r.name, r.mentions) for r in board.lost] == [
        ("Onboarding takes weeks", 2),
        ("Contract is too long", 1),
        ("Price is too steep", 1),
    ]
