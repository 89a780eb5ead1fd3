"""A comparison's rows: our side is the profile fact nearest the buyer's words, when one stands
out (else a gap for the writer), cited in our column; a sentence quoted once.

Why: on a law-firm reviewer's page "A one-year term at Clio's price" was answered with "Firms
that switched from spreadsheets stopped re-keying time entries", "Clio came in at forty-nine"
with "Invoice templates are fully customizable", the [P] labels sat in Clio's column, and "I
doubt you can do that." (shown with the sentence before it) repeated a row above it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

TERM = "Annual contracts are one year; there is no multi-year requirement."
PROFILE = ProductProfile(
    name="Docketly",
    pricing=["$65 per user per month on monthly billing."],
    plans=[TERM],
    features=["Invoice templates are fully customizable to match the firm's letterhead."],
    integrations=["Two-way sync with Outlook and Google calendars."],
    security=["Hosted in AWS US regions, encrypted at rest and in transit."],
    onboarding=["We migrate matters and trust ledgers from Clio before go-live."],
    proof_points=["Firms that switched from spreadsheets stopped re-keying time entries."],
)
ONE_YEAR = "We want a one-year contract term, not a multi-year one like Clio offered."
AROUND = "Clio has been around forever."
DOUBT = "I doubt you can do that."


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def test_our_side_of_a_row_is_the_fact_nearest_the_buyers_words(workspace: Workspace) -> None:
    with workspace.session() as db:
        theme = add_theme(db, "Clio's terms", "clio")
        _, turns = _call(
            db, 1, "Greenway Law", "lost", "2026-02-19",
            turns=[("Aaron", "buyer", f"{ONE_YEAR} {DOUBT}"), ("Beth", "buyer", AROUND)],
        )  # fmt: skip
        first = _mention(db, turns[0], "objection", "competitor", theme, competitor="Clio")
        first.text, first.char_end = ONE_YEAR, len(ONE_YEAR)
        second = _mention(db, turns[0], "objection", "competitor", theme, competitor="Clio")
        second.text = DOUBT
        second.char_start, second.char_end = len(ONE_YEAR) + 1, len(turns[0].text)
        _mention(db, turns[1], "objection", "competitor", theme, competitor="Clio")
        set_profile(db, PROFILE)
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="comparison", competitor="Clio",
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
        body = document.body_markdown
    rows = [line for line in body.splitlines() if line.startswith("| **")]
    by_quote = {next(t for t in (ONE_YEAR, AROUND) if t in row): row for row in rows}
    # "I doubt you can do that." shows ONE_YEAR again, and "Clio has been around forever."
    # names nothing buyers compared (``comparison._compared``): no row of their own.
    assert len(rows) == 1, rows
    us = by_quote[ONE_YEAR].split(" | ")[1]
    assert TERM in us and "[P" in us  # the fact, cited in our column
    assert by_quote[ONE_YEAR].startswith("| **Plans and terms (a deal we lost)**")  # its topic
    assert "[P" not in by_quote[ONE_YEAR].split(" | ")[2]
    assert AROUND not in by_quote


def test_two_quotes_sharing_a_sentence_are_one(workspace: Workspace) -> None:
    """ "...The results flow straight into Cornerstone." and "The results flow straight into
    Cornerstone. What's your lab integration story?" had been two rows of one sentence."""
    first = "We're on Cornerstone with the in-house analyzers. The results flow straight into it."
    second = "The results flow straight into it. What's your lab integration story?"
    with workspace.session() as db:
        theme = add_theme(db, "Lab results", "lab")
        _, turns = _call(
            db, 2, "Pine Ridge", "open", "2026-03-02",
            turns=[("Dana", "buyer", first), ("Dana", "buyer", second)],
        )  # fmt: skip
        for turn in turns:
            _mention(db, turn, "objection", "competitor", theme, competitor="Cornerstone")
        quoted = _comparison_quotes(db, workspace, "Cornerstone")
    assert sum("The results flow straight into it." in text for text in quoted) == 1, quoted


def test_a_rivals_quote_runs_on_only_to_a_sentence_quoted_nowhere_else(
    workspace: Workspace,
) -> None:
    """What a buyer says of a rival is quoted with the sentence after it: "[name] wasn't willing
    to sign a 24 month agreement… Second, half our drivers already use the Motive app…" was Q2
    of a reviewer's comparison and "Second, half our drivers…" Q4. Each sentence is quoted
    once, the first without the sentence after it."""
    signed = (
        "Frank wasn't willing to sign a 24 month agreement after what happened with "
        "Omnitracs, and Clio let us do 12 months with the hardware included."
    )
    drivers = "Second, half our staff already use the Clio app so there's basically no training."
    with workspace.session() as db:
        _, [turn] = _call(
            db, 5, "Ridgeline Legal", "lost", "2026-06-23",
            turns=[("Dale", "buyer", f"{signed} {drivers}")],
        )  # fmt: skip
        for start, sentence in ((0, signed), (len(signed) + 1, drivers)):
            db.add(
                Mention(
                    utterance_id=turn.id, call_id=turn.call_id, kind="objection",
                    category="competitor", text=sentence, char_start=start,
                    char_end=start + len(sentence), competitor="Clio", cluster_id=None,
                )
            )  # fmt: skip
        quoted = _comparison_quotes(db, workspace, "Clio")
    assert sum("half our staff already use the Clio app" in text for text in quoted) == 1, quoted
    assert sum("wasn't willing to sign a 24 month agreement" in text for text in quoted) == 1


def _comparison_quotes(db: Session, workspace: Workspace, competitor: str) -> list[str]:
    """The quotes of an offline comparison page against ``competitor``, with the profile set."""
    set_profile(db, PROFILE)
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=competitor,
        use_llm=False, embedder=workspace.embedder,
    )  # fmt: skip
    return [q["text"] for q in document.structured["evidence"]["quotes"]]


SLOW_REPLY = (
    "Canopy's support takes a day to reply, so our bookkeepers wait on every portal question."
)
SLOW_AGAIN = "Their support desk is slow, our bookkeepers wait a day for any reply."
OWN_COPY = "Canopy makes each office keep its own copy of the client portal."
ONE_PORTAL = "We set up one client portal for all your offices in the first week."
FAST_REPLY = "Bookkeepers get a reply from our support team within the hour."
LEDGERLY = ProductProfile(
    name="Ledgerly",
    pricing=[],
    plans=[],
    features=[FAST_REPLY],
    integrations=[],
    security=[],
    onboarding=[ONE_PORTAL],
    proof_points=[],
)


def test_our_side_is_chosen_for_all_rows_at_once(workspace: Workspace) -> None:
    """The first row's nearest fact is the only one the second row has: row by row, the first
    took it and the second was left to write; together, each row has an answer."""
    with workspace.session() as db:
        theme = add_theme(db, "Canopy", "canopy")
        said = (
            (1, "Birch & Co", SLOW_REPLY),
            (2, "Oakley Tax", SLOW_AGAIN),
            (3, "Fenn CPA", OWN_COPY),
        )
        for n, account, text in said:
            _, [turn] = _call(
                db, n, account, "open", f"2026-04-0{n}", turns=[("Ola", "buyer", text)]
            )
            _mention(db, turn, "objection", "competitor", theme, competitor="Canopy")
        set_profile(db, LEDGERLY)
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="comparison", competitor="Canopy",
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
        body = document.body_markdown
    rows = [line.split(" | ") for line in body.splitlines() if line.startswith("| **")]
    ours = {next(t for t in (SLOW_REPLY, OWN_COPY) if t in cells[2]): cells[1] for cells in rows}
    assert ONE_PORTAL in ours[OWN_COPY], body
    assert FAST_REPLY in ours[SLOW_REPLY], body
