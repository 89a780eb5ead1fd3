"""A call's outcome from what its rep's notes state, when no column or flag gives one.

Why: Copper's "Lost to Karbon." and "Signed!" and Attio's "Decided to go with <us>, closed
won." had left their calls' outcome unknown, and every won/lost split with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.detect.deal_news import news_in_sentence
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

OURS = ["Tillwise"]
RIVALS = ["Karbon", "Canopy"]


@pytest.mark.parametrize(
    ("sentence", "outcome", "rival"),
    [
        ("Lost to Karbon.", "lost", "Karbon"),
        ("Signed!", "won", None),
        ("Contract signed.", "won", None),
        ("Closed won — Fernhill Books", "won", None),
        ("closed lost, budget went elsewhere", "lost", None),
        ("Decided to go with Tillwise, closed won.", "won", None),
        ("They went with Canopy.", "lost", "Canopy"),
        ("They chose Karbon in the end.", "lost", "Karbon"),
        # walk 3: a product no one listed, chosen; a win and the terms it was won on
        ("Went with Joinerly last week.", "lost", "Joinerly"),
        ("Client picked Dentrix Cloud on Tuesday.", "lost", "Dentrix Cloud"),
        ("They signed with Propertyflow.", "lost", "Propertyflow"),
        ("Won - 3 year deal at list", "won", None),
        ("Won: 24 months, monthly billing", "won", None),
        # a loss reason labelled as such, whatever its words, and a bare verdict
        ("Lost.", "lost", None),
        ("Loss reason: they'd rather wait until the spring.", "lost", None),
        ("Closed lost (reason): went with Canopy's bundle", "lost", "Canopy"),
        ("Reason lost: price", "lost", None),
        ("Won reason: price", None, None),
        # questions, negations, hedges, other products and other deals state nothing
        ("Not signed yet.", None, None),
        ("Did they sign?", None, None),
        ("Hoping to get it closed won by Friday.", None, None),
        ("They went with Canopy two years ago.", None, None),
        ("They went with a spreadsheet.", None, None),
        ("Signed up for the trial.", None, None),
        ("We use Karbon for the task lists.", None, None),
        ("Went with the annual plan.", None, None),
        ("Went with Option B.", None, None),
        ("Staying with Joinerly for now.", None, None),  # kept: may be any tool they run
        ("Won over by the demo, decision next week.", None, None),
    ],
)  # fmt: skip
def test_a_notes_clear_statement_is_the_outcome(
    sentence: str, outcome: str | None, rival: str | None
) -> None:
    news = news_in_sentence(sentence, OURS, RIVALS)
    assert (news.outcome if news else None, news.rival if news else None) == (outcome, rival)


# A Copper activities export, in its own columns; invented people and companies.
ACTIVITIES = (
    "Activity ID,Type,Date,User,Details,Related To,Related To Type,Company\n"
    '100,Phone Call,02/02/2026,Rui Santos,"Intro with Ada Lin, 9 staff, on spreadsheets.",'
    "Lin & Co - New Business,Opportunity,Lin & Co\n"
    '101,Phone Call,02/12/2026,Rui Santos,"Spoke with Ada Lin. Karbon came in cheaper. Lost to '
    'Karbon.",Lin & Co - New Business,Opportunity,Lin & Co\n'
    '102,Meeting,03/06/2026,Rui Santos,"Signed! Omar Haddad said the reminders sold it.",'
    "Haddad Tax - New Business,Opportunity,Haddad Tax\n"
    '103,Meeting,03/08/2026,Rui Santos,"Not signed yet. Omar wants a second demo.",'
    "Brook Ledger - New Business,Opportunity,Brook Ledger\n"
    "104,Email,03/09/2026,Rui Santos,\"Lost. Reason: they went with Canopy's e-sign add-on "
    'bundled into their practice suite.",Orchard Books - New Business,Opportunity,Orchard Books\n'
)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    settings = make_settings(tmp_path / "data", our_company="Tillwise", competitors=RIVALS)
    return Workspace(settings)


def _calls(workspace: Workspace) -> dict[str, tuple[str, list[str]]]:
    with workspace.session() as db:
        return {
            f"{c.account} {c.call_date:%m-%d}": (str(c.outcome), list(c.competitors or []))
            for c in db.scalars(select(Call))
        }


def test_crm_notes_set_the_outcome_the_rival_and_the_deals_rows(workspace: Workspace) -> None:
    ingest_bytes(workspace, ACTIVITIES.encode(), "copper.csv", analyse=False)
    assert _calls(workspace) == {
        "Lin & Co 02-02": ("lost", []),  # the deal's other row shares its outcome
        "Lin & Co 02-12": ("lost", ["Karbon"]),
        "Haddad Tax 03-06": ("won", []),
        "Brook Ledger 03-08": ("unknown", []),
        "Orchard Books 03-09": ("lost", ["Canopy"]),  # "Lost. Reason: they went with Canopy's"
    }
    workspace.close()


def test_an_explicit_outcome_wins_over_the_notes(workspace: Workspace) -> None:
    ingest_bytes(
        workspace,
        ACTIVITIES.encode(),
        "copper.csv",
        CallMetadata(outcome="open"),
        analyse=False,
    )
    assert {outcome for outcome, _ in _calls(workspace).values()} == {"open"}
    workspace.close()


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("Closed lost - staying with Karbon, renewal signed through 2027.", "Karbon"),
        ("Closed lost, Canopy renewed for another 3 yrs.", "Canopy"),
        ("Closed/lost: they renewed with Karbon.", "Karbon"),
        ("They're sticking with Canopy.", "Canopy"),
        ("Lost - staying on Karbon.", "Karbon"),
    ],
)
def test_a_closed_lost_note_names_the_rival_the_deal_stays_with(sentence: str, rival: str) -> None:
    """Review 22i: "Closed lost - staying with Smokeball, renewal signed through 2027." had
    stated the loss but no rival, so it counted as no loss reason (other 0.99)."""
    news = news_in_sentence(sentence, OURS, RIVALS)
    assert news is not None and (news.outcome, news.rival) == ("lost", rival)


@pytest.mark.parametrize(
    "sentence",
    [
        "They're stuck with Karbon and hate the task lists.",  # a pain with what they run
        "Staying with Canopy until the contract ends in June.",  # a plan, not the outcome
        "Closed won, they chose us over Karbon.",
    ],
)
def test_no_loss_to_a_rival_the_note_only_mentions(sentence: str) -> None:
    news = news_in_sentence(sentence, OURS, RIVALS)
    assert news is None or news.rival is None


# A HubSpot notes export whose stage says the deal was lost; invented people and companies.
LOST_STAGE = (
    '"Record ID","Activity date","Activity assigned to","Note body","Associated Company",'
    '"Associated Deal","Deal stage"\n'
    '"501","2026-03-04 09:30","Rui Santos","Closed lost - staying with Karbon, renewal signed'
    ' through 2027.","Penhallow Accounts","Penhallow - Tillwise","Closed Lost"\n'
)


def test_a_lost_stage_takes_the_rival_its_note_names(workspace: Workspace) -> None:
    """The stage gave the outcome, so the note's had not been read: the call showed no
    competitor though its only note names the rival the deal stayed with."""
    ingest_bytes(workspace, LOST_STAGE.encode(), "hubspot.csv", analyse=False)
    assert _calls(workspace) == {"Penhallow Accounts 03-04": ("lost", ["Karbon"])}
    workspace.close()


def _transcript(choice: str) -> bytes:
    return (
        "Rui Santos: Thanks for making the time, Ines.\n"
        "Ines Moreau: Sure. We compared a few tools this month.\n"
        f"Rui Santos: Where did you land?\n"
        f"Ines Moreau: {choice}\n"
    ).encode()


@pytest.mark.parametrize(
    ("choice", "given", "outcome", "rivals"),
    [
        ("We've decided to go with Canopy for now, they offered three months free.", None,
         "lost", ["Canopy"]),
        ("Honestly, we're going to stick with Karbon.", None, "lost", ["Karbon"]),
        ("The partners picked Canopy, sorry.", None, "lost", ["Canopy"]),
        # the outcome given stays; a hedge, an old choice or a question states none
        ("We've decided to go with Canopy for now.", "open", "open", []),
        ("We might go with Canopy if the price doesn't move.", None, "unknown", []),
        ("We went with Karbon back in 2019 and it's been fine.", None, "unknown", []),
        ("Would you match it if we went with Canopy?", None, "unknown", []),
    ],
)  # fmt: skip
def test_a_buyer_choosing_a_rival_marks_the_call_lost(
    workspace: Workspace, choice: str, given: str | None, outcome: str, rivals: list[str]
) -> None:
    """Review 22k: "We've decided to go with RouteHub for now" was the call's loss reason, with
    RouteHub tagged, yet the call stayed unknown and listed no competitor."""
    meta = CallMetadata(our_speakers=["Rui Santos"], account="Moreau Legal", outcome=given)
    ingest_bytes(workspace, _transcript(choice), "call.txt", meta, analyse=False)
    with workspace.session() as db:
        call = db.scalars(select(Call)).one()
        assert (str(call.outcome), list(call.competitors or [])) == (outcome, rivals)
    workspace.close()


def _layout(layout: str, choice: str) -> tuple[bytes, str]:
    """One short call, the buyer's last line ``choice``, in a real tool's layout."""
    said = [
        ("Rui Santos", "Thanks for making the time, Ines."),
        ("Ines Moreau", "Sure. Canopy showed us their client portal last week."),
        ("Rui Santos", "Where did you land?"),
        ("Ines Moreau", choice),
    ]
    if layout == "fathom.md":
        link = "https://fathom.video/share/x1?t="
        turns = [
            f"**[00:{10 * i:02d}]({link}{10 * i}) {who}:** {text}"
            for i, (who, text) in enumerate(said, 1)
        ]
        head = "# Moreau Legal - Tillwise demo\n\n**Date:** March 19, 2026\n\n## Transcript\n\n"
        return (head + "\n\n".join(turns) + "\n").encode(), "call.md"
    if layout == "call.vtt":
        cues = [
            f"{i}\n00:00:{10 * i:02d}.000 --> 00:00:{10 * i + 8:02d}.000\n<v {who}>{text}"
            for i, (who, text) in enumerate(said, 1)
        ]
        return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode(), "call.vtt"
    return "".join(f"{who}: {text}\n" for who, text in said).encode(), "call.txt"


@pytest.mark.parametrize("layout", ["fathom.md", "call.vtt", "call.txt"])
@pytest.mark.parametrize(
    ("choice", "outcome", "rivals"),
    [
        ("To be honest Canopy already showed us a portal, so we've decided to go with Canopy.",
         "lost", ["Canopy"]),
        ("We're going with Karbon.", "lost", ["Karbon"]),
        ("We went with Canopy in the end.", "lost", ["Canopy"]),
        ("We've signed with Karbon.", "lost", ["Karbon"]),
        ("We'll stick with Karbon.", "lost", ["Karbon"]),
        # a thought, a near miss, us, an old choice or a question: no outcome
        ("If we went with Canopy we'd lose the history.", "unknown", []),
        ("We almost went with Canopy.", "unknown", []),
        ("We're going with you.", "unknown", []),
        ("We went with Karbon years ago and left.", "unknown", []),
        ("Are most people going with Canopy?", "unknown", []),
    ],
)  # fmt: skip
def test_a_buyers_choice_marks_the_call_lost_in_every_layout(
    workspace: Workspace, layout: str, choice: str, outcome: str, rivals: list[str]
) -> None:
    """Review 23n: a Fathom call ending "ChowNow already showed us a connector, so we've decided
    to go with ChowNow." stayed unknown with no competitor: only the rival's first mention,
    before the choice, had been read."""
    data, name = _layout(layout, choice)
    meta = CallMetadata(our_speakers=["Rui Santos"], account="Moreau Legal")
    ingest_bytes(workspace, data, name, meta, analyse=False)
    with workspace.session() as db:
        call = db.scalars(select(Call)).one()
        assert (str(call.outcome), list(call.competitors or [])) == (outcome, rivals)
    workspace.close()
