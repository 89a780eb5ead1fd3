"""The dashboard's total of objections is the themes' own count, whatever else is stored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import list_clusters
from pipeline.dashboard import competitor_mentions, dashboard
from pipeline.store.models import Cluster, Mention, Utterance
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
