"""A small workspace's pains are a theme per problem: a fresh workspace of one trade, a handful
of problems each told on two or three calls, had every pain in one theme (nine pains, under the
size a split was scored from) or in a few that each mixed two or three problems, named after one
quote, and the one-pager's "The problem" read that lump."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.analysis.flow import run_clustering
from pipeline.workspace import Workspace
from tests.pipeline.cluster.test_pain_problems import Problems, add_pains, one_liners, themes_of

# A bakery: four problems, each told by two buyers in one sentence (eight pains).
BAKERY: Problems = one_liners(
    {
        "flour prices": [
            "Our flour costs went up forty percent this year.",
            "The mill keeps putting the price of flour up every quarter.",
        ],
        "wholesale orders": [
            "Cafe orders come in by text at five in the morning and we miss half of them.",
            "Wholesale customers ring their orders through at dawn and we scribble them on a pad.",
        ],
        "unsold bread": [
            "We bin trays of unsold loaves every evening.",
            "At closing time we throw away a third of what we baked.",
        ],
        "early shifts": [
            "Nobody wants to work the four a.m. baking shift.",
            "I can't find bakers willing to start before dawn.",
        ],
    }
)
# A plumbing firm: five problems, each told on three calls (fifteen pains).
PLUMBING: Problems = one_liners(
    {
        "late payment": [
            "Landlords take two months to pay our invoices.",
            "We're owed thousands by letting agents who sit on our bills.",
            "Chasing unpaid invoices eats half my week.",
        ],
        "emergency call-outs": [
            "Emergency leaks blow the whole day's schedule apart.",
            "A burst pipe at nine means every booked job after it runs late.",
            "Our planned jobs keep getting bumped for urgent call-outs.",
        ],
        "parts runs": [
            "We drive to the merchant three times a day for parts we're missing.",
            "We never know which van has the spare parts on it.",
            "Half the job goes on fetching parts we should have had in the van.",
        ],
        "certificate paperwork": [
            "Writing up gas safety certificates takes every evening.",
            "Our gas safety certificates are still filled in on paper and posted.",
            "I spend Sundays typing up boiler service paperwork.",
        ],
        "hiring engineers": [
            "We can't find qualified gas engineers to hire.",
            "Every engineer we train leaves us for a bigger firm.",
            "We turned work away because we're two engineers short.",
        ],
    }
)
# A physio clinic: six problems told on two calls each, some over two sentences of one turn.
PHYSIO: Problems = {
    "late cancellations": [
        ["Patients cancel an hour before.", "The slot just goes unsold."],
        ["Late cancellations leave our physios with empty hours."],
    ],
    "insurer approval": [
        ["Getting pre-authorisation from the insurer delays treatment by a week."],
        ["We wait days for insurers to approve a block of sessions."],
    ],
    "home exercises": [
        ["Patients lose the exercise sheets we print for them."],
        ["Nobody does their home exercises.", "The handout ends up in a drawer."],
    ],
    "session notes": [
        ["Clinical notes get written up after hours."],
        ["My physios stay late typing up their session notes."],
    ],
    "online booking": [
        ["People can't book online, they have to ring us."],
        ["New patients want to pick a slot on our website and can't."],
    ],
    "gym room clashes": [
        ["Two physios end up wanting the rehab gym at the same time."],
        ["The gym room is double-booked most mornings."],
    ],
}


# A florist: five problems told on two or three calls each, written before any rule was tried on
# it, so a fix is checked on a trade it was not tuned on.
FLORIST: Problems = one_liners(
    {
        "wilted stock": [
            "We throw out buckets of roses that wilt before we sell them.",
            "Flowers die in the cooler faster than we can use them.",
        ],
        "wedding changes": [
            "Brides change the whole bouquet order a week before the wedding.",
            "Couples keep swapping colours right up to the big day.",
        ],
        "delivery drivers": [
            "Our van driver quit and deliveries are late all of February.",
            "We can't get anyone to drive the Valentine's deliveries.",
            "Orders sit in the shop because there's nobody to deliver them.",
        ],
        "wire service fees": [
            "The wire service takes a quarter of every order it sends us.",
            "Relay orders pay us almost nothing after the network's commission.",
        ],
        "phone orders": [
            "Half our orders come by phone and we write them on scraps of paper.",
            "Orders taken over the phone get lost or written down wrong.",
        ],
    }
)


@pytest.mark.xfail(
    strict=True,
    reason="pain themes mix problems on small data (issue 16/grain: no rule yet passes all four)",
)
@pytest.mark.parametrize(
    "problems",
    [BAKERY, PLUMBING, PHYSIO, FLORIST],
    ids=["bakery", "plumbing", "physio", "florist"],
)
def test_a_small_workspaces_problems_of_one_trade_are_a_theme_each(
    workspace: Workspace, problems: Problems
) -> None:
    truth = add_pains(workspace, problems)
    run_clustering(workspace, rebuild=True, kinds=["pain"])
    themes = [Counter(truth[text] for text in theme) for theme in themes_of(workspace)]
    shown = "\n".join(" | ".join(t) for t in themes_of(workspace))
    assert all(len(theme) == 1 for theme in themes), shown  # no theme mixes two problems
    # ... and none is cut into its tellings: a pain no other retells may stand alone (heard on
    # one call), but each problem's largest theme holds at least half of its pains.
    told = Counter(truth.values())
    for problem, pains in told.items():
        assert max(theme[problem] for theme in themes) >= pains / 2, shown
