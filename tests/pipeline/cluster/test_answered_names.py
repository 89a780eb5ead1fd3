"""A theme of answers that do not read alone ("Three weeks.", "A full week.") is named from the
question they answer, the rep's turn before them: such a theme had stayed "Problems buyers
raise" on the demo, eleven fragments answering "How long does payroll take you now?". Grouped
with their lead-ins, the demo's answers now make a wider theme of time spent on admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.answered import asked_about, asked_name
from pipeline.cluster.held_names import held_name
from pipeline.cluster.label import name_clusters
from pipeline.cluster.topic_names import spent_time_name
from pipeline.embed import Embedder
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import examples_copy, make_settings

CLINIC = (
    "How long does a new patient wait for a first appointment?",
    ["Three weeks.", "About a month.", "Six weeks.", "Two months, easily.", "A fortnight."],
)
WAREHOUSE = (
    "And how often does the stock count go wrong?",
    ["Every week.", "Twice a month.", "Most Fridays.", "Every single cycle.", "Constantly."],
)
ACCOUNTING = (
    "Right, how long do your month-end closes take now?",
    ["Ten days.", "A full week.", "Two weeks.", "Eight days, minimum.", "Nine days."],
)


def _centrality(texts: list[str]) -> list[float]:
    return [1.0 - 0.05 * j for j in range(len(texts))]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How long does payroll take you now?", "How long payroll takes"),
        (CLINIC[0], "How long a new patient waits for a first appointment"),
        (WAREHOUSE[0], "How often the stock count goes wrong"),
        (ACCOUNTING[0], "How long your month-end closes take"),
        ("Do you use a spreadsheet?", None),
    ],
)
def test_a_question_reads_as_what_it_asks_about(question: str, name: str | None) -> None:
    assert asked_about(question) == name


@pytest.mark.parametrize("trade", [CLINIC, WAREHOUSE, ACCOUNTING])
def test_fragments_answering_one_question_are_named_from_it(trade: tuple[str, list[str]]) -> None:
    question, texts = trade
    [name] = name_clusters([texts], [_centrality(texts)], answered=[[question] * len(texts)])
    assert name == asked_about(question)
    [before] = name_clusters([texts], [_centrality(texts)])
    assert before != name  # what the old code gave, for contrast


def test_fragments_answering_unrelated_questions_keep_todays_name() -> None:
    texts = CLINIC[1]
    asked = [
        "Who does your billing?",
        "What do you use for reminders?",
        "Where are the records kept?",
        "When did you open?",
        "Which software runs the front desk?",
    ]
    with_questions = name_clusters([texts], [_centrality(texts)], answered=[asked])
    assert with_questions == name_clusters([texts], [_centrality(texts)])


def test_quotes_that_read_alone_keep_todays_name() -> None:
    texts = [
        "Our new patients wait three weeks for a first appointment.",
        "The waiting list for new patients is over a month long.",
        "New patients are waiting six weeks to get seen by anyone.",
    ]
    answered = [[CLINIC[0]] * len(texts)]
    assert name_clusters([texts], [_centrality(texts)], answered=answered) == name_clusters(
        [texts], [_centrality(texts)]
    )


def test_a_name_from_the_question_holds_while_its_quotes_still_answer_it() -> None:
    question, texts = ACCOUNTING
    name = asked_name(texts, _centrality(texts), [question] * len(texts))
    assert name
    theme = Cluster(id=7, kind="pain", name=name, status="active")
    members = {7: set(range(len(texts)))}
    now = set(range(len(texts)))
    weights = _centrality(texts)

    def held(questions: list[str]) -> str | None:
        return held_name(
            theme, members, now, texts, weights, [], None, kind="pain", questions=questions
        )

    assert held([question] * len(texts)) == name
    assert held(["What do you use for reminders?"] * len(texts)) is None


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _pain_names(ws: Workspace) -> list[str]:
    with ws.session() as db:
        return [
            c.name
            for c in db.scalars(
                select(Cluster).where(Cluster.status == "active", Cluster.kind == "pain")
            )
        ]


def test_a_seeded_theme_of_answers_is_named_from_the_reps_question(workspace: Workspace) -> None:
    question, texts = WAREHOUSE
    with workspace.session() as db:
        for n, text in enumerate(texts):
            call = Call(
                content_hash=f"h{n}", filename=f"c{n}.txt", format="txt", raw_text=text,
                call_date=dt.date(2026, 1, 1 + n),
            )  # fmt: skip
            db.add(call)
            db.flush()
            db.add(Utterance(call_id=call.id, seq=0, speaker="Rep", role="rep", text=question))
            said = Utterance(call_id=call.id, seq=1, speaker="Buyer", role="buyer", text=text)
            db.add(said)
            db.flush()
            db.add(
                Mention(
                    utterance_id=said.id, call_id=call.id, kind="pain", text=text,
                    char_end=len(text), confidence=0.9,
                )
            )  # fmt: skip
    run_clustering(workspace, rebuild=True)
    assert _pain_names(workspace) == ["How often the stock count goes wrong"]
    run_clustering(workspace, rebuild=True)  # the name holds on the next re-cluster
    assert _pain_names(workspace) == ["How often the stock count goes wrong"]


def test_the_demo_names_its_time_spent_answers_by_what_most_of_them_say(
    analysed_examples_dir: Path, tmp_path: Path, embedder: Embedder
) -> None:
    """Grouped with their lead-ins, the demo's answers "Three hours." (to "How long does the
    Sunday take?", the scheduling), "Six hours. Every payday." and the rota's and payroll's
    hours of another call make one theme of time spent on admin, no longer the answers to
    "How long does payroll take you now?" (those sit with that call's payroll errors): its
    name says what most of its quotes say, never one quote's "It doesn't do the rota".
    The demo as ``callmine ingest`` left it is the session's (built once per run)."""
    workspace = examples_copy(analysed_examples_dir, tmp_path / "data", embedder)
    try:
        run_clustering(workspace, rebuild=False)
        with workspace.session() as db:
            [theme] = db.execute(
                select(Cluster.id, Cluster.name)
                .join(Mention, Mention.cluster_id == Cluster.id)
                .where(Mention.text.startswith("Three hours"))
            ).all()
            quotes = list(db.scalars(select(Mention.text).where(Mention.cluster_id == theme.id)))
    finally:
        workspace.close()
    assert theme.name == "Time spent"
    assert spent_time_name(quotes, [])  # most of its quotes say how long
