"""An FAQ question that names a rival cites only quotes that name it: "Why should we pick you
over Slipway?" had cited a buyer staying with BerthHop, from a theme merged of two rivals'.
A theme's other lines still stand for a question that names no rival."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (industry's account, the rival most lines name and their lines, the other rival and its lines)
THEMES = {
    "pest control": (
        "Brightside Pest",
        ("PestPac", ["PestPac quoted us less per tech.", "The board already saw PestPac's demo."]),
        ("GorillaDesk", ["We're going to stay with GorillaDesk for the season."]),
    ),
    "funeral home": (
        "Hollis & Sons Funerals",
        ("Passare", ["Passare came in cheaper.", "We're far along with Passare, honestly."]),
        ("Gather", ["We'll stay on Gather until the contract ends."]),
    ),
    "software agency": (
        "Northloop Studio",
        ("Harvest", ["Harvest already does the timesheets.", "The team likes Harvest's app."]),
        ("Productive", ["We signed with Productive last month."]),
    ),
    "farm": (
        "Meadowbank Farm",
        ("Herdwatch", ["Herdwatch is half the price.", "Our vet already uses Herdwatch."]),
        ("Farmis", ["Farmis brings us the subsidy forms."]),
    ),
    "charity": (
        "Riverside Trust",
        ("Beacon", ["Beacon gave us a charity discount.", "Beacon's Gift Aid export is done."]),
        ("Donorfy", ["We trained everyone on Donorfy last year."]),
    ),
    "clinic": (
        "Elm Street Physio",
        ("Cliniko", ["Cliniko is what the other practice uses.", "Cliniko quoted us per seat."]),
        ("Jane App", ["We're staying with Jane App for now."]),
    ),
}


def _faq_items(ws: Workspace, industry: str) -> tuple[list[dict[str, object]], dict[int, str]]:
    account, (named, theirs), (other, others) = THEMES[industry]
    with ws.session() as db:
        theme = add_theme(db, f"Going with {named}", named.lower())
        said = [*((named, text) for text in theirs), *((other, text) for text in others)]
        _, turns = _call(
            db, 1, account, "lost", "2026-04-01", [("Ada Quinn", "buyer", t) for _, t in said]
        )
        for turn, (rival, _) in zip(turns, said, strict=True):
            # the other rival's line is the surest: quoted first, were it not for the question
            sure = 0.95 if rival == other else 0.9
            _mention(db, turn, "objection", "competitor", theme, rival).confidence = sure
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False, confident_at=0.5)
    items = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    texts = {q.id: q.text for q in evidence.quotes}
    return items, texts


@pytest.mark.parametrize("industry", sorted(THEMES))
def test_a_question_naming_a_rival_cites_only_quotes_naming_it(
    ws: Workspace, industry: str
) -> None:
    _, (named, _), (other, others) = THEMES[industry]
    items, texts = _faq_items(ws, industry)
    [item] = items
    assert named in str(item["question"]), item
    cited = [texts[i] for i in item["citations"] if i in texts]  # type: ignore[attr-defined]
    assert cited and all(named in text for text in cited), cited
    assert not set(cited) & set(others), cited


def test_a_question_naming_no_rival_still_cites_any_of_its_quotes(ws: Workspace) -> None:
    """No rival is named by half the theme's lines: the question asks of every rival, and its
    lines, whichever rival they name, stand for it."""
    said = [
        ("PestPac", "PestPac quoted us less per tech."),
        ("GorillaDesk", "We're going to stay with GorillaDesk for the season."),
        ("Jobber", "Jobber's app is what the techs know."),
    ]
    with ws.session() as db:
        theme = add_theme(db, "Other tools", "tools")
        _, turns = _call(
            db,
            1,
            "Brightside Pest",
            "lost",
            "2026-04-01",
            [("Ada Quinn", "buyer", t) for _, t in said],
        )
        for turn, (rival, _) in zip(turns, said, strict=True):
            _mention(db, turn, "objection", "competitor", theme, rival).confidence = 0.9
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False, confident_at=0.5)
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    assert "other tools" in item["question"]
    assert len(item["citations"]) == 2
