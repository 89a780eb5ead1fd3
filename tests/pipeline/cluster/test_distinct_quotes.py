"""A cluster page never prints the same words twice: a short sentence is quoted with the one
it leads to, and when that one is a mention of the same theme it is not quoted again."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call

TURN = "So not today. That's a problem, ninety percent of our lab work is still on paper."


def test_two_mentions_of_one_turn_are_quoted_once(ws: Workspace) -> None:
    call_id = add_call(ws, [TURN, "We would need all of the paper records scanned first."], key="q")
    with ws.session() as session:
        cluster = Cluster(kind="objection", name="Paper records")
        session.add(cluster)
        session.flush()
        for utterance in session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ):
            cut = utterance.text.find(". ") + 1 if utterance.text == TURN else len(utterance.text)
            spans = (
                [(0, cut), (cut + 1, len(utterance.text))]
                if cut < len(utterance.text)
                else [(0, cut)]
            )
            for start, end in spans:
                session.add(
                    Mention(
                        utterance_id=utterance.id, call_id=call_id, kind="objection",
                        category="migration", text=utterance.text[start:end], char_start=start,
                        char_end=end, confidence=0.9, cluster_id=cluster.id,
                    )
                )  # fmt: skip
        session.commit()
        quotes = [quote["text"] for quote in get_cluster(session, cluster.id)["quotes"]]
    assert len(quotes) == 2, quotes
    assert len(set(quotes)) == len(quotes)
    assert any("lab work is still on paper" in quote for quote in quotes)


def _mention(
    session: Session, utterance: Utterance, call_id: int, start: int, end: int, cluster_id: int
) -> None:
    session.add(
        Mention(
            utterance_id=utterance.id, call_id=call_id, kind="objection", category="setup_time",
            text=utterance.text[start:end], char_start=start, char_end=end, confidence=0.9,
            cluster_id=cluster_id,
        )
    )  # fmt: skip


LEADS = "Three weeks is a long time for us, March is our busiest month."
# It points back to the sentence before ("that"): a quote of it shows that one too (an "And"
# starting a point of its own is quoted alone, see tests/pipeline/detect/test_quote_openers.py).
GOES_ON = "And that means the IT company that looks after our servers charges us for every change."


def _two_sentence_turn(ws: Workspace, key: str, same_theme: bool) -> tuple[int, int]:
    call_id = add_call(ws, [f"{LEADS} {GOES_ON}"], key=key)
    with ws.session() as session:
        first, second = (
            Cluster(kind="objection", name="Timing"),
            Cluster(kind="objection", name="Switching"),
        )
        session.add_all([first, second])
        session.flush()
        utterance = session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ).one()
        _mention(session, utterance, call_id, 0, len(LEADS), first.id)
        home = first.id if same_theme else second.id
        _mention(session, utterance, call_id, len(LEADS) + 1, len(utterance.text), home)
        session.commit()
        return first.id, second.id


def test_a_mention_shown_as_another_ones_context_is_quoted_once(ws: Workspace) -> None:
    first, _ = _two_sentence_turn(ws, "ctx", same_theme=True)
    with ws.session() as session:
        quotes = [quote["text"] for quote in get_cluster(session, first)["quotes"]]
    assert quotes == [f"{LEADS} {GOES_ON}"]


def test_another_themes_sentence_is_never_a_quotes_context(ws: Workspace) -> None:
    first, second = _two_sentence_turn(ws, "two", same_theme=False)
    with ws.session() as session:
        timing = [quote["text"] for quote in get_cluster(session, first)["quotes"]]
        switching = [quote["text"] for quote in get_cluster(session, second)["quotes"]]
    assert timing == [LEADS]
    assert switching == [GOES_ON]


OBJECTS = "They're not going to tap a screen with gloves on."
PAINS = "And the tablets we tried got greasy within a day next to the fryer."
TURNS_TO = "Every Friday I retype forty timesheets by hand. But we're locked into our payroll firm."


def _kinds_turn(ws: Workspace, key: str, text: str, kinds: list[str]) -> dict[str, int]:
    """One buyer turn of two sentences, each a mention of its kind in a theme of that kind."""
    call_id = add_call(ws, [text], key=key)
    cut = text.find(". ") + 1
    with ws.session() as session:
        utterance = session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ).one()
        themes = {}
        for kind, (start, end) in zip(kinds, [(0, cut), (cut + 1, len(text))], strict=True):
            theme = Cluster(kind=kind, name=f"{kind} theme")
            session.add(theme)
            session.flush()
            themes[kind] = theme.id
            session.add(
                Mention(
                    utterance_id=utterance.id, call_id=call_id, kind=kind, category=None,
                    text=text[start:end], char_start=start, char_end=end, confidence=0.9,
                    cluster_id=theme.id,
                )
            )  # fmt: skip
        session.commit()
        return themes


def test_a_pain_is_never_quoted_with_the_objection_it_follows(ws: Workspace) -> None:
    themes = _kinds_turn(ws, "op", f"{OBJECTS} {PAINS}", ["objection", "pain"])
    with ws.session() as session:
        pains = [quote["text"] for quote in get_cluster(session, themes["pain"])["quotes"]]
        objections = [q["text"] for q in get_cluster(session, themes["objection"])["quotes"]]
    assert pains == [PAINS]
    assert objections == [OBJECTS]


def test_an_objection_turned_to_is_not_a_pains_context(ws: Workspace) -> None:
    themes = _kinds_turn(ws, "po", TURNS_TO, ["pain", "objection"])
    with ws.session() as session:
        pains = [quote["text"] for quote in get_cluster(session, themes["pain"])["quotes"]]
    assert pains == ["Every Friday I retype forty timesheets by hand."]


# A worry or a problem, then the question it leads to (review 27 item 3): the question's theme
# shows the question as asked, not the whole turn.
QUESTION_AFTER = {
    "vet lab": (
        "If we ever lost a sample, that's the end of us.",
        "So does your tracking cover the lab itself, or just the desk?",
    ),
    "pest control": (
        "Our last system double-booked techs all through June.",
        "So does yours stop two jobs landing on one van?",
    ),
    "marina": (
        "We lost a boat off a trailer last winter and it was a nightmare.",
        "So can your app log which boats sit on which cradle?",
    ),
    "software agency": (
        "Half our invoices go out late because hours are missing.",
        "So does it remind people to log their hours on Fridays?",
    ),
    "dairy farm": (
        "The tanker missed us twice last month.",
        "So can it send the collection times straight to my phone?",
    ),
    "charity": (
        "We lost a whole quarter of gift aid when the volunteer left.",
        "So does it keep the donor declarations itself?",
    ),
    "clinic": (
        "Patients ring twice a day chasing their prescriptions.",
        "So can they see where their prescription is online?",
    ),
    "school": (
        "Parents miss the bus changes every single week.",
        "So does it text the parents whenever the rota changes?",
    ),
    "brewery": (
        "We lose kegs every year and nobody knows where.",
        "So can it scan the kegs in and out of the pubs?",
    ),
    "law firm": (
        "We nearly took on a conflicted matter in March.",
        "So does it run the conflict check before we open a file?",
    ),
    "hvac": (
        "The parts van runs dry by Wednesday most weeks.",
        "So does it tell us what to restock each night?",
    ),
}


@pytest.mark.parametrize("industry", sorted(QUESTION_AFTER))
def test_a_question_is_quoted_as_asked_not_with_the_worry_before_it(
    ws: Workspace, industry: str
) -> None:
    concern, question = QUESTION_AFTER[industry]
    kind = "pain" if len(industry) % 2 else "objection"
    key = "qa" + industry.replace(" ", "")[:8]
    themes = _kinds_turn(ws, key, f"{concern} {question}", [kind, "question"])
    with ws.session() as session:
        shown = [q["text"] for q in get_cluster(session, themes["question"])["quotes"]]
        listed = list_clusters(session, kind="question")
    assert shown == [question]
    assert [c["quote"] for c in listed if c["id"] == themes["question"]] == [question]


def test_a_question_keeps_the_set_up_it_points_back_to(ws: Workspace) -> None:
    """ "Does it sync with that?" asks of the sentence before it, a set-up, not a worry."""
    text = "We're on Xero for the books. Does it sync with that?"
    themes = _kinds_turn(ws, "qsetup", text, ["current_setup", "question"])
    with ws.session() as session:
        shown = [q["text"] for q in get_cluster(session, themes["question"])["quotes"]]
    assert shown == [text]
