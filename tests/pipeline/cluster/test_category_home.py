"""A walled kind's new mention of a category a theme holds joins that theme at any similarity
(the category is the wall), and a theme opened for a category no theme holds is named by the
category. A regression walk: "Lost to PharmStock - cheaper per branch" (price, 0.95) waited
outside the demo's only Price theme, so it counted in no theme and no lost-deal panel; two
missing-feature quotes opened a theme named "Switching effort: cd book"."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.topic_names import short_label
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.pipeline.cluster.test_waiting_mentions import assign, store_pains, themes

# Objections of three trades (a joinery, a dental group, a removals firm), two categories.
PRICE = [
    "Honestly the monthly fee is more than we pay for the van lease.",
    "At that price per chair the practice can't justify it.",
    "It's too expensive for a workshop of our size.",
    "The per-crew price puts it out of reach for us this year.",
    "We can't find that kind of money in the budget right now.",
    "Your price is nearly double what we pay at the moment.",
]
CONTRACT = [
    "We won't sign anything longer than twelve months.",
    "A three year term is a non-starter for the partners.",
    "The cancellation fee in your agreement worries me.",
    "I need a rolling monthly contract, not an annual one.",
    "We got burnt by a long contract before and won't do that again.",
    "Can't commit to two years when the lease ends next spring.",
]
# Said far from the Price theme's quotes, in a rep's shorthand: still a price objection.
FAR_PRICE = "Closed lost - went with Joinwise, cheaper per bench."
GAPS = [  # their words cue switching ("the point of switching"): the category names the theme
    "Then honestly that's a deal breaker for me, the CD book is the biggest time sink we have.",
    "If it can't do the controlled drugs register I don't see the point of switching.",
]


def store(ws: Workspace, lines: Sequence[str], key: str, category: str) -> list[int]:
    """A call per line whose buyer says it, stored as an objection of ``category`` in no theme
    (as detection between two full re-clusters leaves it); returns the mention ids."""
    return store_pains(ws, lines, key, kind="objection", category=category)


def test_a_far_mention_of_a_held_category_joins_its_theme(workspace: Workspace) -> None:
    ws = workspace
    price = store(ws, PRICE, "price", "price")
    store(ws, CONTRACT, "contract", "contract")
    assert run_clustering(ws, rebuild=True, kinds=["objection"])["objection"]["full"]
    home = themes(ws)[price[0]]
    assert home is not None
    [far] = store(ws, [FAR_PRICE], "far", "price")
    assert assign(ws, [far])[far] == home


def test_a_theme_opened_for_a_new_category_is_named_by_it(workspace: Workspace) -> None:
    ws = workspace
    store(ws, PRICE, "price", "price")
    store(ws, CONTRACT, "contract", "contract")
    run_clustering(ws, rebuild=True, kinds=["objection"])
    gaps = store(ws, GAPS, "gap", "missing_feature")
    placed = assign(ws, gaps)
    [theme] = {placed[m] for m in gaps}
    assert theme is not None
    with ws.session() as session:
        name = session.get_one(Cluster, theme).name
    assert name.startswith(short_label("missing_feature")), name


# Competitor worries of two rivals, a theme each; then a buyer names a third.
RIVAL_LINES = {
    "Staffly": [
        "Staffly is cheaper per head and the owners like that.",
        "We'll probably stay with Staffly, it does the payroll too.",
        "Staffly already has our holiday records, moving is a pain.",
        "The partners prefer Staffly because the other practice uses it.",
        "Staffly came back with a discount last week.",
    ],
    "Benchmate": [
        "Benchmate quoted us half your price for the workshop.",
        "We're tied into Benchmate until the spring.",
        "Benchmate does the cut lists already, so why change?",
        "The fitters know Benchmate and won't learn another one.",
        "Benchmate threw in the tablets for free.",
    ],
}
NEW_RIVAL = "To be upfront, the board picked Remova on Monday."


def store_rival(ws: Workspace, lines: Sequence[str], key: str, rival: str) -> list[int]:
    """``store`` of competitor worries, each naming ``rival``."""
    ids = store(ws, lines, key, "competitor")
    with ws.session() as session:
        for mention in session.scalars(select(Mention).where(Mention.id.in_(ids))):
            mention.competitor = rival
        session.commit()
    return ids


def test_a_rival_no_theme_holds_gets_its_own(workspace: Workspace) -> None:
    ws = workspace
    held = {r: store_rival(ws, lines, r.lower(), r) for r, lines in RIVAL_LINES.items()}
    run_clustering(ws, rebuild=True, kinds=["objection"])
    before = themes(ws)
    homes = {before[i] for ids in held.values() for i in ids}
    [new] = store_rival(ws, [NEW_RIVAL], "remova", "Remova")
    theme = assign(ws, [new])[new]
    assert theme is not None and theme not in homes
    with ws.session() as session:
        assert "Remova" in session.get_one(Cluster, theme).name
