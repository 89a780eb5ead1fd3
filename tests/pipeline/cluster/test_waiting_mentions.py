"""A new mention joins a theme only when it sits as close as the theme's own members do; one that
fits none waits, and waiting ones close to each other become a theme of their own without a full
re-cluster. A regression walk's dog groomers: "We had four no-shows last week" had joined "How
long payroll takes" at the fixed cosine, and `callmine cluster` said "up to date"."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app as cli_app
from pipeline.analysis.flow import run_clustering
from pipeline.cluster import state
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.index import mention_vectors
from pipeline.store.models import AnalysisState, Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call

# Pains of three trades, one problem each, told by six buyers on calls of their own.
TRADES = {
    "warehousing": [
        "Pickers walk the whole warehouse because the bin locations in the system are out of date.",
        "The bin locations in our system are wrong, so pickers go to the wrong shelf.",
        "Stock gets put away in the wrong bin and then the system sends pickers to an empty spot.",
        "Pickers lose hours every shift hunting for pallets because the bin locations are wrong.",
        "The location data for our bins is so out of date that pickers search by eye.",
        "Every stock count finds items in different bins from the locations the system shows.",
    ],
    "accounting": [
        "Clients send their receipts in a shoebox at the end of the quarter and we sort them.",
        "We spend the first week of every month chasing clients for bank statements.",
        "Half our clients email their invoices as blurry phone photos we have to retype.",
        "Getting the paperwork out of clients before the filing deadline is a constant fight.",
        "Our juniors waste days keying in receipts that clients should have uploaded.",
        "Every year end we're still waiting on missing expense receipts from the same clients.",
    ],
    "salons": [
        "When a stylist leaves she takes half her clients' phone numbers with her.",
        "We lost forty regulars when a stylist left and took their phone numbers with her.",
        "Stylists keep client contacts on their own phones, so the clients follow them out.",
        "Every time a stylist quits, her regulars' contact details leave the salon with her.",
        "Our client list lives in the stylists' personal messages, not with the salon.",
        "A stylist who left last spring took her regulars to the salon across the road.",
    ],
}
# A new product's buyers (vets) after the first clustering: a problem none of the themes holds.
NO_SHOWS = (
    "Owners don't turn up for their dog's appointment and the slot is just wasted.",
    "We had five no-shows on Tuesday and every one was a forty-minute consult.",
    "Clients forget their pet's booking and we only find out when the slot is empty.",
    "Missed appointments are our biggest leak, nobody reminds owners the day before.",
)
# The same problems as two themes, in other words: they still join.
PARAPHRASES = {
    "warehousing": "Half the time the system sends our pickers to a bin the stock left weeks ago.",
    "accounting": "Chasing clients for their receipts eats the first fortnight of every quarter.",
}


def store_pains(
    ws: Workspace, lines: Sequence[str], key: str, kind: str = "pain", category: str | None = None
) -> list[int]:
    """A call per line whose buyer tells it, stored as a pain (or ``kind`` of ``category``) in
    no theme (as detection between two full re-clusters leaves it); returns the mention ids."""
    ids = []
    for number, line in enumerate(lines):
        call_id = add_call(ws, [line], key=f"{key}-{number}", account=f"{key} {number}")
        with ws.session() as session:
            session.get_one(Call, call_id).analysis_state = AnalysisState.analysed
            turn = session.scalars(
                select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
            ).one()
            pain = Mention(
                utterance_id=turn.id,
                call_id=call_id,
                kind=kind,
                category=category,
                text=turn.text,
                char_start=0,
                char_end=len(turn.text),
                confidence=0.9,
            )
            session.add(pain)
            session.flush()
            ids.append(pain.id)
    return ids


def assign(ws: Workspace, ids: Sequence[int]) -> dict[int, int | None]:
    """What an upload does with its new mentions (``analysis.flow._store``): each joins its
    nearest theme or waits."""
    with ws.session() as session:
        mentions = list(session.scalars(select(Mention).where(Mention.id.in_(ids))))
        assign_incremental(session, mentions, mention_vectors(ws, session, mentions))
        return {m.id: m.cluster_id for m in mentions}


def themes(ws: Workspace) -> dict[int, int | None]:
    with ws.session() as session:
        rows = session.execute(select(Mention.id, Mention.cluster_id)).all()
        return {int(m): c for m, c in rows}


@pytest.fixture
def past_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """These few pains stand for a kind past ``state.SMALL_KIND`` mentions: a smaller kind
    without walls is re-clustered in full as it grows, and nothing waits."""
    monkeypatch.setattr(state, "SMALL_KIND", 0)


@pytest.mark.usefixtures("past_small")
def test_a_new_problem_waits_then_becomes_its_own_theme(workspace: Workspace) -> None:
    ws = workspace
    trades = {trade: store_pains(ws, lines, trade) for trade, lines in TRADES.items()}
    assert run_clustering(ws, rebuild=True, kinds=["pain"])["pain"]["full"]
    first = themes(ws)
    home = {trade: first[ids[0]] for trade, ids in trades.items()}
    assert all(first[m] == home[trade] for trade, ids in trades.items() for m in ids)
    assert len(set(home.values())) == 3

    # A paraphrase of a theme joins it; a new problem joins none (the fixed 0.35 had let the
    # first no-show into the warehouse's theme).
    paraphrases = store_pains(ws, list(PARAPHRASES.values()), "paraphrase")
    [no_show] = store_pains(ws, NO_SHOWS[:1], "vet")
    placed = assign(ws, [*paraphrases, no_show])
    assert [placed[m] for m in paraphrases] == [home[trade] for trade in PARAPHRASES]
    assert placed[no_show] is None

    # More buyers tell it: none joins an unrelated theme, and together they make a theme of
    # their own, the other themes untouched.
    more = store_pains(ws, NO_SHOWS[1:], "more-vets")
    assert set(assign(ws, more).values()) == {None}
    said = run_clustering(ws, kinds=["pain"])["pain"]
    assert not said["full"] and said["new_themes"] == 1 and said["waiting"] == 0
    after = themes(ws)
    new = {after[m] for m in [no_show, *more]}
    assert len(new) == 1 and new.isdisjoint(home.values()) and None not in new
    assert all(after[m] == c for m, c in first.items())  # no quote of the others moved


@pytest.mark.usefixtures("past_small")
def test_the_cli_says_new_mentions_fit_no_theme(
    workspace: Workspace, point_cli_at: Callable[..., None]
) -> None:
    ws = workspace
    for trade, lines in TRADES.items():
        store_pains(ws, lines, trade)
    run_clustering(ws, rebuild=True, kinds=["pain"])
    assign(ws, store_pains(ws, NO_SHOWS[:2], "vet"))
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    said = CliRunner().invoke(cli_app, ["cluster"], terminal_width=200)
    assert said.exit_code == 0, said.output
    assert "pain: 2 new mentions fit no theme (a theme forms once 2 say one thing" in said.output
    assert "pain: clusters up to date" not in said.output
