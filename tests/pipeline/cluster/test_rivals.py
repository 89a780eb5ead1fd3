"""A theme per rival in the competitor category: "We pay RotaPro less", "Staffly already has
everyone's contracts in it" and "ClockBee is free for us" had shared one theme of 63 mentions,
whose count stood beside a sentence about one rival."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.rivals import rival_of, rival_walls
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call, add_objection

# (call key, the call's listed rivals, the buyer's sentences with the rival each names)
CALLS: list[tuple[str, list[str], list[tuple[str, str | None]]]] = [
    (
        "rotapro-1",
        ["RotaPro"],
        [
            ("We pay RotaPro less than that.", "RotaPro"),
            ("Their room module does everything we need.", None),  # the call's rival
        ],
    ),
    ("rotapro-2", ["RotaPro"], [("RotaPro came back to us, they'll do it cheaper.", "RotaPro")]),
    ("staffly-1", ["Staffly"], [("Staffly already has everyone's contracts in it.", "Staffly")]),
    ("staffly-2", ["Staffly", "RotaPro"], [("Staffly does the HR side as well.", "Staffly")]),
    ("clockbee-1", ["ClockBee"], [("ClockBee is free for us.", "ClockBee")]),
]


def test_which_rival_a_mention_is_about_nearest_evidence_first() -> None:
    assert rival_of("RotaPro", {"staffly"}, {"clockbee"}) == "rotapro"
    assert rival_of(None, {"staffly"}, {"clockbee"}) == "staffly"
    assert rival_of(None, set(), {"clockbee"}) == "clockbee"
    assert rival_of(None, {"staffly", "rotapro"}, {"clockbee"}) == "clockbee"
    assert rival_of(None, set(), {"staffly", "rotapro"}) is None


def test_a_rival_gets_its_own_wall_from_two_calls() -> None:
    walls = rival_walls(
        ["competitor", "competitor", "competitor", "price", "competitor"],
        ["rotapro", "rotapro", "clockbee", None, None],
        [1, 2, 3, 3, 4],
        {"rotapro": "RotaPro"},
    )
    assert walls == [
        "competitor: RotaPro",
        "competitor: RotaPro",
        "competitor",
        "price",
        "competitor",
    ]


def _seed(ws: Workspace) -> dict[str, str | None]:
    """The calls above, their sentences detected as competitor objections; returns each
    sentence's rival as the test reads it."""
    about: dict[str, str | None] = {}
    for key, listed, lines in CALLS:
        call_id = add_call(ws, [text for text, _ in lines], key=key)
        with ws.session() as session:
            session.get(Call, call_id).competitors = listed  # type: ignore[union-attr]
            for text, rival in lines:
                utterance = session.scalars(
                    select(Utterance).where(Utterance.call_id == call_id, Utterance.text == text)
                ).one()
                add_objection(session, utterance, "competitor", competitor=rival)
                about[text] = rival or listed[0]
    return about


def test_competitor_worries_are_themed_by_the_rival_they_are_about(ws: Workspace) -> None:
    about = _seed(ws)
    run_clustering(ws, rebuild=True, kinds=["objection"])
    with ws.session() as session:
        rows = session.execute(
            select(Mention.text, Mention.cluster_id).where(Mention.text.in_(list(about)))
        ).all()
    theme: dict[str, int | None] = {str(r[0]): r[1] for r in rows}
    assert None not in theme.values()
    by_rival: dict[str | None, set[int | None]] = {}
    for text, rival in about.items():
        by_rival.setdefault(rival, set()).add(theme[text])
    # RotaPro's worries, the one that names no rival included, are one theme; Staffly's another.
    assert len(by_rival["RotaPro"]) == 1 and len(by_rival["Staffly"]) == 1
    assert by_rival["RotaPro"] != by_rival["Staffly"]
    # ClockBee, worried about on one call, stays in the category's own theme.
    assert by_rival["ClockBee"].isdisjoint(by_rival["RotaPro"] | by_rival["Staffly"])


def test_a_new_worry_naming_a_rival_joins_that_rivals_theme(ws: Workspace) -> None:
    """ "Staffly quoted us a setup fee of £1,200" had joined the category's mixed theme until the
    next full re-cluster."""
    about = _seed(ws)
    run_clustering(ws, rebuild=True, kinds=["objection"])
    fee = "Staffly quoted us a setup fee of £1,200, if you charge one too it's a no."
    call_id = add_call(ws, [fee], key="staffly-3")
    with ws.session() as session:
        staffly = session.scalars(
            select(Mention.cluster_id).where(
                Mention.text == next(t for t, r in about.items() if r == "Staffly")
            )
        ).one()
        utterance = session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.text == fee)
        ).one()
        mention = add_objection(session, utterance, "competitor", competitor="Staffly")
        session.flush()
        assert assign_incremental(session, [mention], ws.embedder.encode([fee]), threshold=0.0)
        assert mention.cluster_id == staffly
