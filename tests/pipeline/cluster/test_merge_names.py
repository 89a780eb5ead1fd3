"""A merged theme's automatic name is given anew from all its quotes (a name a user chose or
typed is kept), and a split's halves are named under their theme's own category.

Why: merging "BerthHop brings us the boats" (one buyer's line) with a theme of Slipway worries
had kept the first name over quotes most of which named Slipway, and the FAQ then asked of one
rival while quoting the other.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from pipeline.cluster import edits
from pipeline.cluster.topic_names import short_label
from pipeline.detect.seeds import load_seeds
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention

# (account, the first theme's rival and its one line, the second theme's rival and its lines)
MERGES = {
    "pest control": (
        "Brightside Pest",
        ("GorillaDesk", "GorillaDesk brings us the leads."),
        (
            "PestPac",
            [
                "PestPac quoted us less per tech.",
                "The owner already saw PestPac's demo.",
                "We're far along with PestPac, honestly.",
                "PestPac came in cheaper for twelve vans.",
            ],
        ),
    ),
    "funeral home": (
        "Hollis & Sons Funerals",
        ("Gather", "Gather sends us the online arrangements."),
        (
            "Passare",
            [
                "Passare came in cheaper for two branches.",
                "The directors liked Passare's demo.",
                "Passare already has the crematorium forms.",
                "We're leaning to Passare, I'll be honest.",
            ],
        ),
    ),
    "software agency": (
        "Northloop Studio",
        ("Productive", "Productive does our invoicing already."),
        (
            "Harvest",
            [
                "Harvest already does the timesheets.",
                "The team likes Harvest's app.",
                "Harvest is half the price per seat.",
                "Our accountant asked why we'd leave Harvest.",
            ],
        ),
    ),
    "farm": (
        "Meadowbank Farm",
        ("Farmis", "Farmis brings us the subsidy forms."),
        (
            "Herdwatch",
            [
                "Herdwatch is half the price.",
                "Our vet already uses Herdwatch.",
                "Herdwatch has the medicine records sorted.",
                "The co-op recommends Herdwatch to everyone.",
            ],
        ),
    ),
    "charity": (
        "Riverside Trust",
        ("Donorfy", "Donorfy holds our Gift Aid history."),
        (
            "Beacon",
            [
                "Beacon gave us a charity discount.",
                "The trustees saw Beacon last month.",
                "Beacon's event booking is what we need.",
                "Two other hospices use Beacon.",
            ],
        ),
    ),
    "clinic": (
        "Elm Street Physio",
        ("Jane App", "Jane App brings us the online bookings."),
        (
            "Cliniko",
            [
                "Cliniko quoted us per practitioner.",
                "The other practice swears by Cliniko.",
                "Cliniko already does the SMS reminders.",
                "We trialled Cliniko in the spring.",
            ],
        ),
    ),
}


def _themes(session: Session, industry: str) -> tuple[Cluster, Cluster]:
    """The two themes of ``industry``: the first named by its one line, as a re-cluster would."""
    account, (first_rival, line), (rival, lines) = MERGES[industry]
    said = [(first_rival, line), *((rival, text) for text in lines)]
    _, turns = _call(
        session, 1, account, "lost", "2026-04-01", [("Ada Quinn", "buyer", t) for _, t in said]
    )
    first = Cluster(kind="objection", name=line.rstrip("."), auto_name=line.rstrip("."))
    second = Cluster(kind="objection", name=f"{rival} is cheaper", auto_name=f"{rival} is cheaper")
    session.add_all([first, second])
    session.flush()
    for turn, (named, _) in zip(turns, said, strict=True):
        theme = first if named == first_rival else second
        _mention(session, turn, "objection", "competitor", theme, named).confidence = 0.9
    session.flush()
    return first, second


@pytest.mark.parametrize("industry", sorted(MERGES))
def test_a_merged_themes_automatic_name_is_given_anew(workspace: Workspace, industry: str) -> None:
    _, (first_rival, line), _ = MERGES[industry]
    with workspace.session() as session:
        first, second = _themes(session, industry)
        result = edits.merge_clusters(workspace, session, [first.id, second.id])
        merged = session.get(Cluster, result["id"])
        assert merged is not None and not merged.name_locked
        assert merged.name == merged.auto_name == result["name"]
        assert merged.name != line.rstrip(".") and first_rival not in merged.name, merged.name


@pytest.mark.parametrize("industry", ["pest control", "clinic"])
def test_a_name_the_user_typed_or_chose_survives_the_merge(
    workspace: Workspace, industry: str
) -> None:
    _, (_, line), _ = MERGES[industry]
    with workspace.session() as session:
        first, second = _themes(session, industry)
        edits.rename_cluster(session, first.id, "Tools they already pay for")
        typed = edits.merge_clusters(workspace, session, [first.id, second.id])
        assert typed["name"] == "Tools they already pay for"
        edits.undo_merge(session, first.id)
        chosen = edits.merge_clusters(
            workspace, session, [second.id, first.id], name="Rivals we meet"
        )
        assert chosen["name"] == "Rivals we meet"
        edits.undo_merge(session, second.id)
        kept = edits.merge_clusters(workspace, session, [second.id, first.id], name_of=first.id)
        assert kept["name"] == "Tools they already pay for"
        assert line.rstrip(".") != kept["name"]


TYPED = ("Tools they already pay for", "Rivals we lose to")


@pytest.mark.parametrize("into_second", [False, True])
@pytest.mark.parametrize("industry", sorted(MERGES))
def test_the_first_ids_typed_name_wins_over_the_others(
    workspace: Workspace, industry: str, into_second: bool
) -> None:
    """Review 27 item 5: a user merging into a theme whose name they typed keeps that name."""
    with workspace.session() as session:
        first, second = _themes(session, industry)
        edits.rename_cluster(session, first.id, TYPED[0])
        edits.rename_cluster(session, second.id, TYPED[1])
        ids = [second.id, first.id] if into_second else [first.id, second.id]
        merged = edits.merge_clusters(workspace, session, ids)
    assert merged["name"] == TYPED[into_second]


@pytest.mark.parametrize("industry", sorted(MERGES))
def test_the_merge_preview_says_whose_typed_name_is_kept(
    workspace: Workspace, industry: str
) -> None:
    with workspace.session() as session:
        first, second = _themes(session, industry)
        assert edits.merge_preview(session, first.id, second.id)["kept"] is None
        edits.rename_cluster(session, second.id, TYPED[1])
        assert edits.merge_preview(session, first.id, second.id)["kept"] == "other"
        assert edits.merge_preview(session, second.id, first.id)["kept"] == "this"
        edits.rename_cluster(session, first.id, TYPED[0])
        assert edits.merge_preview(session, first.id, second.id)["kept"] == "this"


# Adoption worries whose halves, read without their category, had been named by another
# category's cue words ("Status quo: clipboard", "Setup time").
ADOPTION = {
    "pest control": [
        "Our techs keep the bait logs on a clipboard and it works fine.",
        "The older lads won't touch an app, they like the clipboard.",
        "Nobody's going to sit through training in the busy season.",
        "Half the crew are on old phones with no data.",
        "The office manager hates new software, she'll refuse.",
        "We tried an app before and nobody used it after a week.",
        "The clipboard has worked for twenty years, honestly.",
        "They'd need it in Spanish for half the crew.",
    ],
    "funeral home": [
        "The arrangers are used to the paper forms and won't change.",
        "Our directors are in their sixties and hate screens.",
        "Nobody here will learn another system this year.",
        "The paper diary works, everyone knows where it is.",
        "Our night staff share one old laptop.",
        "Training would have to happen on a Sunday.",
        "Last time we changed software two people nearly quit.",
        "The embalmers won't use a tablet with gloves on.",
    ],
}


@pytest.mark.parametrize("industry", sorted(ADOPTION))
def test_a_splits_halves_are_named_under_their_own_category(
    workspace: Workspace, industry: str
) -> None:
    others = {short_label(c) for c in load_seeds().labels if c != "adoption"} - {""}
    with workspace.session() as session:
        theme = Cluster(kind="objection", name="Staff adoption", auto_name="Staff adoption")
        session.add(theme)
        session.flush()
        _, turns = _call(
            session, 1, "Acme", "open", "2026-04-01",
            [("Ada Quinn", "buyer", text) for text in ADOPTION[industry]],
        )  # fmt: skip
        for turn in turns:
            _mention(session, turn, "objection", "adoption", theme).confidence = 0.9
        session.flush()
        halves = edits.split_cluster(workspace, session, theme.id)["children"]
        names = [session.get(Cluster, half).name for half in halves]  # type: ignore[union-attr]
    assert not [n for n in names if any(n.startswith(label) for label in others)], names
