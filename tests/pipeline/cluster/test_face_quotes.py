"""A theme's face quote (the ``quote`` its list shows) is one its name describes: "What happens
to four years of history?" had been fronted by "how does time tracking work?"."""

from __future__ import annotations

import pytest

from pipeline.cluster.name_rules import described_by
from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.insights_corpus import add_theme_quote

# Three trades' question themes: the name is the last quote's, the others ask something else.
THEMES = {
    "dental": (
        "Does it send the recall reminders by text?",
        "Can the hygienist see her own list?",
        "Can it move a patient's x-rays over from our old system?",
    ),
    "haulage": (
        "Will the drivers need a new phone?",
        "Does it read the tachograph?",
        "Can we keep our fuel card statements in it?",
    ),
    "landscaping": (
        "Is there a limit on crews?",
        "Does it do invoices as well?",
        "What happens to the photos of last season's jobs?",
    ),
}


def _question_theme(ws: Workspace, trade: str) -> int:
    """A question theme of ``THEMES[trade]``, one call each, named by its last question."""
    questions = THEMES[trade]
    with ws.session() as session:
        cluster = Cluster(kind="question", name=questions[-1])
        session.add(cluster)
        session.flush()
        cluster_id = cluster.id
    for n, question in enumerate(questions):
        add_theme_quote(
            ws, cluster_id, question, kind="question", category=None, confidence=0.9,
            key=f"face{trade}{n}", account=f"{trade} {n}",
        )  # fmt: skip
    return cluster_id


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_themes_face_quote_is_one_its_name_describes(ws: Workspace, trade: str) -> None:
    cluster_id = _question_theme(ws, trade)
    named = THEMES[trade][-1]
    with ws.session() as session:
        listed = [c for c in list_clusters(session, kind="question") if c["id"] == cluster_id]
        shown = get_cluster(session, cluster_id)
    assert [c["quote"] for c in listed] == [named]
    assert shown["quote"] == named


def test_a_name_describes_a_quote_that_says_most_of_its_words() -> None:
    assert described_by("Chasing people for timesheets", "I'm chasing people for timesheets")
    assert described_by("Problems with the tachograph", "The tachograph download fails.")
    assert not described_by("What happens to the photos?", "Does it do invoices as well?")
    assert not described_by("", "Anything at all")
