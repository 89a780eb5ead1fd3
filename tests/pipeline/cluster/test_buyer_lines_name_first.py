"""A theme's name comes from its buyers' lines before a rep's: the demo had named a theme of six
buyer quotes "CSV export only for now", a clause of the rep's note "they use PayNest, so CSV
export only for now." A rep's line (a CRM note's paraphrase, a rep's statement) names a theme
only when no buyer's line nor its topic gives a name; a theme of notes alone keeps its notes'."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.buyer_words import a_reps_name, buyers_first
from pipeline.cluster.held_names import held_name
from pipeline.cluster.label import name_clusters
from pipeline.embed import Embedder
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

# Buyers' lines that say little of the topic, beside the rep's notes that say it plainly.
VAGUE = [
    "It's a mess, I'm warning you.",
    "I don't think that's how it works.",
    "I know that's not what you want to hear.",
    "But, um, here's my question.",
    "It's the only thing that matters to me.",
]
# (trade, category, the rep's notes): each note's clause had named the theme
NOTES = [
    (
        "vets",
        "integrations",
        [
            "they use IDEXX, so PDF export only for now.",
            "We don't have a lab integration yet, only the PDF export.",
            'Vet OK with export "as long as it\'s weekly".',
        ],
    ),
    (
        "warehousing",
        "integrations",
        [
            "they ship with DPD, so manifest export only for now.",
            "We don't have a DPD integration yet, only the manifest export.",
            'Depot manager OK with the export "if it\'s one click".',
        ],
    ),
    (
        "salons",
        "integrations",
        [
            "they use Fresha, so no till sync for now.",
            "Till sync not there yet, she'd rekey sales.",
            'Owner OK with a sync "as long as it\'s nightly".',
        ],
    ),
    (
        "accounting",
        "integrations",
        [
            "they file with Sage, so journal export only for now.",
            "We don't have a Sage integration yet, only the journal export.",
            'Priya OK with the export "as long as it balances".',
        ],
    ),
]
ROLES = ["rep_note", "buyer", "buyer", "rep_note", "rep_note", "buyer", "buyer", "buyer"]
WEIGHTS = [0.27, 0.26, 0.25, 0.25, 0.23, 0.22, 0.13, 0.12]  # the first note the most typical


def _theme(notes: list[str]) -> list[str]:
    """The quotes in ``ROLES``'s order: a note first, the buyers' lines among the notes."""
    return [notes[0], *VAGUE[:2], *notes[1:], *VAGUE[2:]]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


def _a_notes(name: str, notes: list[str]) -> bool:
    return any(_words(name) in _words(note) for note in notes)


@pytest.mark.parametrize(("trade", "category", "notes"), NOTES, ids=[n[0] for n in NOTES])
def test_a_reps_note_names_no_theme_of_buyers_lines(
    trade: str, category: str, notes: list[str]
) -> None:
    """The buyers' lines give no name here: the theme's topic names it, not the note."""
    texts = _theme(notes)
    [before] = name_clusters([texts], [WEIGHTS], kind="objection", categories=[category])
    assert _a_notes(before, notes), before  # what the old code gave, for contrast
    [name] = name_clusters(
        [texts], [WEIGHTS], kind="objection", categories=[category], roles=[ROLES]
    )
    assert not _a_notes(name, notes), name


# (trade, a buyer's line that says the worry): it names the theme beside the notes
SAID = {
    "vets": "Our nurses retype every lab result by hand.",
    "warehousing": "Every manifest gets keyed in twice at the depot.",
    "salons": "The girls rekey every sale into the till at close.",
    "accounting": "Our juniors retype every journal into Sage.",
}


@pytest.mark.parametrize(("trade", "category", "notes"), NOTES, ids=[n[0] for n in NOTES])
@pytest.mark.parametrize("kind", ["objection", "pain"])
def test_a_buyers_line_that_names_it_names_it(
    trade: str, category: str, notes: list[str], kind: str
) -> None:
    """A buyer who says the worry names a pain theme (no category to name it), however typical
    the rep's note; an objection theme's topic goes first, as it does before one buyer's words
    most of its quotes do not say."""
    texts = _theme(notes)
    texts[1] = SAID[trade]
    category_of = [category if kind == "objection" else None]
    [name] = name_clusters([texts], [WEIGHTS], kind=kind, categories=category_of, roles=[ROLES])
    assert not _a_notes(name, notes), name
    assert _words(name) in _words(SAID[trade]) or kind == "objection" and name == "Integrations"


def test_a_theme_of_notes_alone_keeps_its_notes_name() -> None:
    _, category, notes = NOTES[1]
    roles = [["rep_note"] * len(notes)]
    weights = [WEIGHTS[: len(notes)]]
    assert name_clusters([notes], weights, categories=[category], roles=roles) == name_clusters(
        [notes], weights, categories=[category]
    )


@pytest.mark.parametrize(
    ("option", "rep"),
    [
        ("PDF export only for now", True),  # the note's words alone
        ("Integrations", False),  # a category's label is no one's line
        ("Lab integration", True),
        ("How it works", False),  # a buyer says it too
    ],
)
def test_a_reps_name_is_said_by_a_rep_only(option: str, rep: bool) -> None:
    _, _, notes = NOTES[0]
    buyers = [*VAGUE, "We need to know how it works with the lab integration."]
    buyers = buyers if option != "Lab integration" else VAGUE
    assert a_reps_name(option, buyers, notes) is rep
    options = ["PDF export only for now", "Integrations"]
    assert list(buyers_first(options, VAGUE, notes)) == ["Integrations", options[0]]


def test_a_reps_name_does_not_hold_beside_buyers_lines() -> None:
    """After an upgrade, a theme a note named is named anew on the next re-cluster."""
    _, category, notes = NOTES[3]
    texts = _theme(notes)
    theme = Cluster(id=3, kind="objection", name="Journal export only for now", status="active")
    members, now = {3: set(range(len(texts)))}, set(range(len(texts)))

    def held(roles: list[str]) -> str | None:
        return held_name(theme, members, now, texts, WEIGHTS, [], category, roles=roles)

    assert held(["buyer"] * len(texts)) == theme.name  # a buyer's words would hold
    assert held(ROLES) is None


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def test_a_reclustered_theme_is_named_from_its_buyers_lines(workspace: Workspace) -> None:
    _, category, notes = NOTES[0]
    sure = {"rep_note": 0.97, "buyer": 0.5}
    with workspace.session() as db:
        for n, (text, role) in enumerate(zip(_theme(notes), ROLES, strict=True)):
            call = Call(
                content_hash=f"h{n}", filename=f"c{n}.txt", format="txt", raw_text=text,
                call_date=dt.date(2026, 2, 1 + n),
            )  # fmt: skip
            db.add(call)
            db.flush()
            speaker = None if role == "rep_note" else "Jo"
            said = Utterance(call_id=call.id, seq=0, speaker=speaker, role=role, text=text)
            db.add(said)
            db.flush()
            db.add(
                Mention(
                    utterance_id=said.id, call_id=call.id, kind="objection", category=category,
                    text=text, char_end=len(text), confidence=sure[role],
                )
            )  # fmt: skip
    run_clustering(workspace, rebuild=True)
    with workspace.session() as db:
        names = [c.name for c in db.scalars(select(Cluster).where(Cluster.status == "active"))]
    assert names and not any(_a_notes(name, notes) for name in names), names
