"""A deal stage written as a path ends where its last step does, and a note's "Closed lost to X
- reason" line marks the call lost with the rival that won, in every notes layout.

Why (review 23m item 6): a Markdown note with "**Stage:** Negotiation → Closed Lost" and
"Closed lost to <rival> - cheaper per endpoint…" stayed open with no competitor: the stage read
as open (its first step), and an open stage kept the note's loss from counting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.deal_stages import stage_steps
from pipeline.detect.deal_news import news_in_sentence
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.values import outcome_from_stage
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

OURS = ["Brightpour"]
RIVALS = ["Kegwise", "TapTrack"]  # configured; "Barflow", "Cellarly", "Stockroom HQ" are not


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [
        ("Negotiation → Closed Lost", "lost"),
        ("Proposal -> Closed Won", "won"),
        ("Discovery > Demo > Lost", "lost"),
        ("Contract sent => Won", "won"),
        ("Negotiation to Closed Lost", "lost"),
        ("Qualified --> Proposal --> Closed-Won", "won"),
        ("Closed Lost", "lost"),
        # where the path ends is what counts
        ("Closed Lost → Reopened", "open"),
        ("Closed Won -> Negotiation", "open"),
        ("Closed Lost to Reopened", "open"),
    ],
)
def test_a_stage_path_ends_in_its_last_step(stage: str, outcome: str) -> None:
    assert outcome_from_stage(stage) == outcome


@pytest.mark.parametrize(
    "text", ["Closed lost to Kegwise", "margin > 20%", "Lost to Cellarly", "Proposal"]
)
def test_text_that_is_no_path_is_one_step(text: str) -> None:
    assert stage_steps(text) == [text]


@pytest.mark.parametrize(
    ("sentence", "outcome", "rival"),
    [
        # a stage line in a note, any arrow
        ("Stage: Negotiation → Closed Lost", "lost", None),
        ("Deal stage: Proposal -> Closed Won", "won", None),
        ("Moved Demo > Closed Lost today.", "lost", None),
        ("Stage moved from Negotiation to Closed Won.", "won", None),
        ("Stage: Evaluation → Closed Lost (went with Barflow)", "lost", "Barflow"),
        # "Closed lost to X - reason", "Lost to X (reason)", "Closed-lost: went with X"
        ("Closed lost to Kegwise - cheaper per tap at chain volume.", "lost", "Kegwise"),
        ("Closed lost to Cellarly - they couldn't wait for the POS link.", "lost", "Cellarly"),
        ("Lost to TapTrack (their distributor bundles it).", "lost", "TapTrack"),
        ("Lost to Stockroom HQ (wouldn't pay for two tools).", "lost", "Stockroom HQ"),
        ("Closed-lost: went with Barflow.", "lost", "Barflow"),
        ("Closed lost: chose Kegwise, one app for stock and ordering.", "lost", "Kegwise"),
        ("Closed lost — staying with Cellarly until renewal.", "lost", "Cellarly"),
        ("Closed won - 12 sites, annual.", "won", None),
        # a stage that was left again, a denial, a hedge, a report's name, us
        ("Stage: Closed Lost → Reopened", None, None),
        ("Closed Lost to Reopened after the new GM started.", None, None),
        ("Not closed lost yet, she wants one more demo.", None, None),
        ("Hoping to get it closed won by Friday.", None, None),
        ("We lost the Closed Won report when the CRM migrated.", None, None),
        ("Pulled our closed lost deals for the quarterly review.", None, None),
        ("Closed-lost: went with Brightpour's older plan.", "lost", None),
    ],
)  # fmt: skip
def test_a_notes_stage_or_loss_line_is_the_outcome_and_the_rival(
    sentence: str, outcome: str | None, rival: str | None
) -> None:
    news = news_in_sentence(sentence, OURS, RIVALS)
    assert (news.outcome if news else None, news.rival if news else None) == (outcome, rival)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    settings = make_settings(tmp_path / "data", our_company="Brightpour", competitors=RIVALS)
    return Workspace(settings)


def _only_call(workspace: Workspace) -> tuple[str, list[str]]:
    with workspace.session() as db:
        call = db.scalars(select(Call)).one()
        return str(call.outcome), list(call.competitors or [])


def _markdown(stage: str, line: str) -> bytes:
    return (
        "# Harbour Tap Rooms - pricing follow-up (Mar 3, 2026)\n\n"
        "**Rep:** Lena Marsh\n"
        "**Attendees:** Tomas Reyes (ops manager)\n"
        f"**Stage:** {stage}\n\n"
        "## Notes\n\n"
        "- Sent the multi-site pricing on Friday.\n"
        "- Tomas worried about counting kegs across four sites.\n"
        f"- {line}\n"
    ).encode()


def _plain(stage: str, line: str) -> bytes:
    return (
        "Call notes - Harbour Tap Rooms\n"
        "Date: 2026-03-03\n"
        f"Stage: {stage}\n\n"
        "Spoke with Tomas Reyes, ops manager. He worried about counting kegs across sites.\n"
        f"{line}\n"
    ).encode()


def _csv(stage: str, line: str, outcome: str = "") -> bytes:
    return (
        "Record ID,Activity date,Activity assigned to,Note body,Associated Company,Deal Stage,"
        "Outcome\n"
        f'7001,2026-03-03 10:00,Lena Marsh,"Spoke with Tomas Reyes (ops). {line}",'
        f"Harbour Tap Rooms,{stage},{outcome}\n"
    ).encode()


_LAYOUTS = {"notes.md": _markdown, "notes.txt": _plain, "hubspot.csv": _csv}


@pytest.mark.parametrize("name", list(_LAYOUTS))
@pytest.mark.parametrize(
    ("stage", "line", "outcome", "rivals"),
    [
        ("Negotiation → Closed Lost", "Closed lost to Kegwise - cheaper per tap.", "lost",
         ["Kegwise"]),
        ("Proposal -> Closed Lost", "Lost to Barflow (their distributor bundles it).", "lost",
         ["Barflow"]),
        ("Negotiation > Closed Lost", "Closed-lost: went with Cellarly.", "lost", ["Cellarly"]),
        ("Proposal -> Closed Won", "Signed the annual plan for four sites.", "won", []),
        ("Closed Lost → Reopened", "New GM wants another look after Easter.", "open", []),
    ],
)  # fmt: skip
def test_a_stage_path_and_a_loss_line_in_every_notes_layout(
    workspace: Workspace, name: str, stage: str, line: str, outcome: str, rivals: list[str]
) -> None:
    meta = CallMetadata(our_speakers=["Lena Marsh"], account="Harbour Tap Rooms")
    ingest_bytes(workspace, _LAYOUTS[name](stage, line), name, meta, analyse=False)
    assert _only_call(workspace) == (outcome, rivals)
    workspace.close()


def test_a_loss_line_marks_a_call_with_no_stage_lost(workspace: Workspace) -> None:
    data = _plain("", "Closed lost to Stockroom HQ - one app for stock and staff rotas.")
    ingest_bytes(workspace, data.replace(b"Stage: \n", b""), "notes.txt", analyse=False)
    assert _only_call(workspace) == ("lost", ["Stockroom HQ"])
    workspace.close()


@pytest.mark.parametrize(
    ("data", "name", "given"),
    [
        (_csv("Negotiation → Closed Lost", "Closed lost to Kegwise - price.", "Open"),
         "hubspot.csv", None),
        (_markdown("Negotiation → Closed Lost", "Closed lost to Kegwise - price."), "notes.md",
         "open"),
        (_plain("Proposal -> Closed Lost", "Lost to Barflow (price)."), "notes.txt", "open"),
    ],
)  # fmt: skip
def test_an_outcome_the_user_gives_wins(
    workspace: Workspace, data: bytes, name: str, given: str | None
) -> None:
    meta = CallMetadata(outcome=given, account="Harbour Tap Rooms")
    ingest_bytes(workspace, data, name, meta, analyse=False)
    assert _only_call(workspace)[0] == "open"
    workspace.close()
