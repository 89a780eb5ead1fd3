"""A mention that cannot stand alone ("That was a nightmare.", "Which cost us twice.") is grouped
by its lead-in and its words: it joins the theme of what was said before it, not a theme of
other fragments of the same tone about something else; its quote stays its own words."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis.flow import _store, run_clustering
from pipeline.cluster.queries import list_clusters
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace

# Per trade, two problems: sentences that say each one, then what a buyer said before a
# fragment of it (the fragments are the same words for every problem).
TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "vet insurance claims": (
        [
            "Every pet insurance claim is typed up by hand.",
            "Our nurses spend hours on insurance claim forms.",
            "Insurers send our claims back for a missing field.",
        ],
        ["The insurer rejected three of our claims for a missing microchip number."],
    ),
    "vet kennel bookings": (
        [
            "Kennel bookings double up every bank holiday.",
            "Two dogs were booked into the same kennel run.",
            "The boarding diary is a paper book at reception.",
        ],
        ["At Easter we booked two families' dogs into one kennel run."],
    ),
    "warehouse mis-picks": (
        [
            "Pickers grab the wrong pallet from the racking.",
            "Mis-picks go out on the lorry and come back as returns.",
            "Orders ship with the wrong SKU every week.",
        ],
        ["Last week a picker sent a whole pallet of the wrong SKU to our biggest customer."],
    ),
    "warehouse forklift checks": (
        [
            "Forklift safety checks are ticked on paper.",
            "Nobody knows when a forklift was last serviced.",
            "The forklift inspection sheets get lost in the cab.",
        ],
        ["The forklift inspection log was missing when the safety auditor came round."],
    ),
    "salon no-shows": (
        [
            "Clients don't turn up for their colour appointments.",
            "No-shows leave our stylists' chairs empty on Saturdays.",
            "We had twelve no-shows at the salon last month.",
        ],
        ["Saturday we had four clients not turn up for their colour appointments."],
    ),
    "salon product stock": (
        [
            "We run out of hair dye mid-week.",
            "Nobody tracks the shampoo and colour stock in the back room.",
            "Stylists take product off the shelf without writing it down.",
        ],
        ["We ran out of the blonde hair dye on a Friday with six colour clients booked."],
    ),
}
FRAGMENTS = ("That was a nightmare.", "Which cost us twice.")


def _call(
    session: Session, number: int, turns: list[tuple[str, str]]
) -> tuple[Call, list[Utterance]]:
    call = Call(
        content_hash=f"lead{number:04d}".ljust(64, "0"),
        filename=f"lead{number}.txt",
        format="txt",
        raw_text="\n".join(text for _, text in turns),
        account=f"Account {number}",
        outcome="open",
        our_speakers=["Rep"],
        competitors=[],
    )
    session.add(call)
    session.flush()
    said = [
        Utterance(call_id=call.id, seq=seq, speaker=role.title(), role=role, text=text)
        for seq, (role, text) in enumerate(turns)
    ]
    session.add_all(said)
    session.flush()
    return call, said


def _pain(call: Call, turn: Utterance, sentence: str) -> Mention:
    start = turn.text.index(sentence)
    return Mention(
        utterance_id=turn.id,
        call_id=call.id,
        kind="pain",
        text=sentence,
        char_start=start,
        char_end=start + len(sentence),
        confidence=0.9,
    )


def add_calls(ws: Workspace) -> dict[int, str]:
    """A call per topical sentence, and per problem two calls where a fragment follows what it
    is about: in the same turn (the sentence before it no pain), and opening the buyer's turn
    after the rep's question. Returns each fragment mention's id -> its problem."""
    fragments: dict[int, str] = {}
    number = 0
    with ws.session() as session:
        for problem, (said, leads) in TOPICS.items():
            for sentence in said:
                number += 1
                call, [turn] = _call(session, number, [("buyer", sentence)])
                session.add(_pain(call, turn, sentence))
            for lead, fragment in zip(leads * 2, FRAGMENTS, strict=True):
                number += 1
                if fragment == FRAGMENTS[0]:  # the lead-in in its own turn
                    call, [turn] = _call(session, number, [("buyer", f"{lead} {fragment}")])
                else:  # it opens the turn after the rep's question that says the topic
                    question = f"So what happened there? {lead.rstrip('.')}?"
                    call, [_, turn] = _call(
                        session, number, [("rep", question), ("buyer", f"{fragment} Honestly.")]
                    )
                mention = _pain(call, turn, fragment)
                session.add(mention)
                session.flush()
                fragments[mention.id] = problem
    return fragments


def test_a_fragment_joins_the_theme_of_what_was_said_before_it(workspace: Workspace) -> None:
    fragments = add_calls(workspace)
    run_clustering(workspace, rebuild=True, kinds=["pain"])
    with workspace.session() as session:
        rows = session.execute(
            select(Mention.id, Mention.text, Mention.cluster_id).where(Mention.kind == "pain")
        ).all()
    themes_of = {
        problem: {c for _, t, c in rows if t in said} for problem, (said, _) in TOPICS.items()
    }
    wrong = [
        (fragments[mid], text)
        for mid, text, cluster in rows
        if mid in fragments and cluster not in themes_of[fragments[mid]]
    ]
    assert not wrong, wrong  # each shares a theme with its problem's sentences
    mixed = Counter(cluster for mid, _, cluster in rows if mid in fragments)
    problems = {c: {fragments[m] for m, _, k in rows if m in fragments and k == c} for c in mixed}
    # Alone, the six "That was a nightmare." had been one theme of their own.
    assert all(len(held) == 1 for held in problems.values()), problems
    # Each quote is its own words, not its lead-in.
    assert {text for mid, text, _ in rows if mid in fragments} == set(FRAGMENTS)


def test_a_new_fragment_joins_the_theme_of_what_was_said_before_it(workspace: Workspace) -> None:
    add_calls(workspace)
    run_clustering(workspace, rebuild=True, kinds=["pain"])
    with workspace.session() as session:
        rows = session.execute(select(Mention.text, Mention.cluster_id)).all()
    checked = 0
    for problem, (said, _) in TOPICS.items():
        home = {cluster for text, cluster in rows if text in said}
        lead = {
            "vet insurance claims": "The insurer bounced our claim for a dog's cruciate surgery.",
            "warehouse forklift checks": "The forklift's brake check was never signed off.",
            "salon product stock": "The shampoo and hair dye shelves were empty by Wednesday.",
        }.get(problem)
        if lead is None:
            continue
        with workspace.session() as session:
            number = 100 + checked
            call, [turn] = _call(session, number, [("buyer", f"{lead} Which cost us twice.")])
            start = turn.text.index("Which cost us twice.")
            row = {
                "utterance_id": turn.id,
                "call_id": call.id,
                "kind": "pain",
                "text": "Which cost us twice.",
                "char_start": start,
                "char_end": start + len("Which cost us twice."),
                "confidence": 0.9,
            }
            call_id = call.id
        _store(workspace, [call_id], [row])
        with workspace.session() as session:
            joined = session.scalar(select(Mention.cluster_id).where(Mention.call_id == call_id))
        assert joined in home, (problem, joined, home)
        checked += 1
    assert checked == 3


def test_a_themes_list_quote_stands_alone_when_one_does(workspace: Workspace) -> None:
    """A buyer's sure "It's the only thing that matters to me." had fronted Integrations over
    the rep's notes that said what; with nothing before it said, no list can show why."""
    with workspace.session() as session:
        theme = Cluster(kind="objection", name="Integrations", status="active")
        session.add(theme)
        session.flush()
        lines = [
            ("buyer", "It's the only thing that matters to me.", 0.95),
            ("rep_note", "They use Xero for payroll, so a CSV export only for now.", 0.9),
            ("buyer", "That's a big deal for us.", 0.9),
        ]
        for number, (role, text, sure) in enumerate(lines):
            call, [turn] = _call(session, 300 + number, [(role, text)])
            mention = _pain(call, turn, text)
            mention.kind, mention.confidence, mention.cluster_id = "objection", sure, theme.id
            session.add(mention)
    with workspace.session() as session:
        [summary] = list_clusters(session, kind="objection")
    assert summary["quote"] == "They use Xero for payroll, so a CSV export only for now."
