"""A published page's opening is true of what it still shows: "3 of the 8 concerns buyers raised
most" where the writer's notes left five entries out, and no claim of the reps' winning replies
the published copy no longer quotes (the draft keeps both as they were)."""

from __future__ import annotations

import pytest

from pipeline.publish.page_claims import honest_opening
from pipeline.publish.public_copy import publishable, rep_quotes

WON = "What worked in a deal we won"
SOURCES = "## Sources\n\nWhat buyers and reps said on sales calls (personal data redacted):\n"

VET_FAQ = "\n".join(
    [
        "# Buyer questions, answered from real sales calls",
        "",
        "The 3 concerns buyers raised most, heard on 12 sales calls with 11 accounts, "
        "with the answers that worked in deals we won.",
        "",
        "## Questions",
        "",
        "### Is it worth the price for a clinic our size?",
        "",
        "To write, from what a rep said in a deal we won: "
        "“Most two-vet practices pay under $90 a month.” [Q1][Q2]",
        "",
        "### Will the nurses actually use it?",
        "",
        "Nurses get their rota by text, no app needed. [Q3] [P2]",
        "",
        "### How long does it take to get up and running?",
        "",
        "To write: no rep answer from a won deal in the calls yet "
        "(raised 4 times on 3 sales calls). [Q4]",
        "",
        SOURCES,
        "- **[Q1]** “We can't justify another subscription for two vets.” — buyer, Acre Vets, "
        "call 1, 2026-05-01, lost",
        "- **[Q2]** “Most two-vet practices pay under $90 a month.” — rep Sam Cole, Acre Vets, "
        "call 1, 2026-05-01, won",
        "- **[Q3]** “The nurses won't download anything.” — buyer, Fern Vets, call 2, "
        "2026-05-03, open",
        "- **[Q4]** “We can't stop the clinic for a week of setup.” — buyer, Oak Vets, call 3, "
        "2026-05-04, lost",
        "",
        "From our product profile:",
        "",
        "- **[P2]** Nurses get their rota by text, no app needed.",
        "",
    ]
)

WAREHOUSE_ONE_PAGER = "\n".join(
    [
        "# What buyers push back on, and what wins the deal",
        "",
        "**The 2 objections heard most on 9 sales calls with 9 accounts, in the buyer's words, "
        "with the replies that worked in deals we won.**",
        "",
        "## What buyers push back on",
        "",
        f"- **The pickers won't learn another handheld app** {WON}: "
        "“We run on the scanners you already have.” [Q1][Q2]",
        "- **Per-user pricing doesn't work with seasonal staff** To write: no rep answer from "
        "a won deal in the calls yet. [Q3]",
        "",
        SOURCES,
        "- **[Q1]** “The pickers won't learn another handheld app.” — buyer, Dock 9, call 1, "
        "2026-03-01, lost",
        "- **[Q2]** “We run on the scanners you already have.” — rep Ana Ruiz, Dock 9, call 1, "
        "2026-03-01, won",
        "- **[Q3]** “Per-user pricing doesn't work with seasonal staff.” — buyer, Bay Freight, "
        "call 2, 2026-03-02, open",
        "",
    ]
)


def _published(markdown: str) -> str:
    return publishable(markdown, rep_quotes(markdown)).partition("\n## Sources")[0]


def test_a_published_faq_says_how_many_of_its_concerns_are_shown() -> None:
    body = _published(VET_FAQ)
    assert body.count("\n### ") == 1
    assert "1 of the 3 concerns buyers raised most, heard on 12 sales calls" in body
    assert "deals we won" not in body


def test_a_published_one_pager_keeps_its_count_where_every_entry_stays() -> None:
    body = _published(WAREHOUSE_ONE_PAGER)
    assert (
        "**The 2 objections heard most on 9 sales calls with 9 accounts, in the buyer's words.**"
        in body
    )
    assert "replies that worked" not in body


RAISED = "the worries below were raised on {} sales calls with {} accounts"


@pytest.mark.parametrize(
    ("opening", "published"),
    [
        (RAISED.format(5, 5) + "; one of the four has an answer that won a deal.",
         RAISED.format(5, 5) + "."),
        (RAISED.format(8, 7) + "; two of the three have answers that won deals.",
         RAISED.format(8, 7) + "."),
        (RAISED.format(2, 2) + "; each has an answer that won a deal.", RAISED.format(2, 2) + "."),
    ],
)  # fmt: skip
def test_a_published_use_case_claims_no_winning_answer(opening: str, published: str) -> None:
    assert honest_opening(f"**What buyers live with, in their own words: {opening}**") == (
        f"**What buyers live with, in their own words: {published}**"
    )


def test_wording_of_its_own_is_left_as_written() -> None:
    text = "The 5 worries our team picked, with the answers that won deals last spring."
    assert honest_opening(text) == text


FAQ_OPENING = "The 7 concerns buyers raised most, heard on 9 sales calls with 8 accounts."


@pytest.mark.parametrize(
    "count",
    [
        "Three of them have an answer from our product facts; four are still to write.",
        "One of them has an answer from our product facts; six are still to write.",
        "None has an answer on file yet; all are still to write.",
    ],
)
def test_a_published_faq_drops_its_count_still_to_write(count: str) -> None:
    """The draft says how many entries are still to write; published, none of them is left,
    and the opening says how many are shown."""
    entries = "\n### Does it work offline?\n\nYes. [P1]\n"
    assert honest_opening(f"{FAQ_OPENING} {count}\n{entries}") == (
        f"{FAQ_OPENING.replace('The 7', '1 of the 7')}\n{entries}"
    )
