"""A quote too long for its line is cut where a sentence or a clause ends, never inside a bracket
or a quotation it leaves open, nor on a word that leaves its clause hanging; a draft line
quoting it keeps its own words whole and puts quote marks around the whole quote only.

Why: a comparison printed `“…this time.” “The main thing…”” (a deal with no…` (the line cut in
the deal's outcome, the note's own marks doubled) and `…this time.‘ ’The main thing…`."""

from __future__ import annotations

import re

import pytest

from pipeline.content.drafts import say, say_quoting
from pipeline.content.quote_text import clip

LONG = [
    # pest control
    "We had the rats back in the grain store three weeks after the last visit, and the farmer "
    "rang me, not the contractor, because the contract is in my name. The bait stations were "
    "empty and nobody had logged the visit (the technician says he did) so I had nothing to "
    "show the insurer when they asked.",
    # funeral home
    "When a family rings at two in the morning the answering service takes a message on paper; "
    "by the time the director gets it the hospital has already called twice. We lost a family "
    "to the firm across town last month over exactly that, and they told us so at the door.",
    # software agency
    "Our clients see the sprint board and panic when a ticket slips, so we end up writing a "
    "weekly status email by hand for every retainer (eleven of them at the moment) and it eats "
    "most of Friday afternoon for two project managers who should be doing actual planning.",
    # farm
    "The milk buyer wants temperature logs for every collection; we write them on a clipboard "
    "in the parlour and half of them are unreadable by the end of the week because of the "
    "water, and the auditor marked us down for it in March, which cost us the quality bonus.",
    # charity
    "Gift Aid claims take a week every quarter because the declarations are on paper forms in "
    "a filing cabinet at the shop, and two of the trustees have to sign each batch by hand "
    "before the treasurer can submit anything to the tax office, which is in another town.",
    # clinic
    "Patients no-show on Mondays more than any other day: reminders go out by post on the "
    "Thursday before and half of them arrive after the appointment, so the physio sits there "
    "for an hour with nobody in the room and we still pay her for the full session.",
    # dental lab
    "The dentists send impressions with a handwritten docket and we re-key every one into the "
    "job system — the lab manager does it at seven in the morning before the technicians start — "
    "and if she is off sick nothing gets logged until she is back.",
    # school
    "Parents book the clubs on a paper slip that comes back in the book bag, crumpled, and the "
    "office spends Monday matching slips to payments (some pay by cheque, some by bank "
    "transfer with the wrong reference) before anyone knows who is actually coming on Tuesday.",
    # builder
    '"We are not renewing the estimating tool at that price." "The main thing is the '
    "variations, we are running them off a spreadsheet and the site managers overwrite each "
    'other every single week without fail, and the client disputes half of them at the end."',
    # vet
    "Owners ask for the vaccination card at the kennel door on a Saturday and the practice is "
    "closed; the kennel turns them away, they ring the emergency line (which costs us ninety "
    "pounds an hour for the locum) and shout at whoever answers about a card we emailed twice.",
    # haulier
    "Drivers hand in the paper defect sheets at the end of the week, not the end of the day, so "
    "a cracked mirror on Monday is a Friday problem, and the traffic commissioner asked us in "
    "the last audit why a lorry went out four days running with a defect written on the sheet.",
]
_HANGING = {"a", "an", "the", "and", "or", "of", "to", "with", "no", "for", "in", "on", "by"}


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "([“"
        depth -= ch in ")]”"
        if depth < 0:
            return False
    return depth == 0 and text.count('"') % 2 == 0


@pytest.mark.parametrize("text", LONG)
@pytest.mark.parametrize("limit", [160, 240, 320])
def test_a_long_quote_is_cut_at_a_sentence_or_clause_end(text: str, limit: int) -> None:
    cut = clip(text, limit)
    assert len(cut) <= limit
    assert _balanced(cut), cut
    kept = re.sub(r"\s?…[\"”)\]]*$", "", cut)  # and any mark it left open, closed after
    # What it keeps ends a sentence, a clause or a bracket of the text, as said.
    following = text[len(kept) :].lstrip('"')
    ends = kept.rstrip('"”')[-1] in ".!?)"
    assert ends or following[:2].strip()[:1] in {",", ";", ":", "—", "(", ""}, cut


@pytest.mark.parametrize("text", LONG)
@pytest.mark.parametrize("limit", [60, 80, 100])
def test_a_cut_never_leaves_a_mark_open_nor_its_clause_hanging(text: str, limit: int) -> None:
    cut = clip(text, limit)
    assert len(cut) <= limit and cut.rstrip('")').endswith("…")
    assert _balanced(cut), cut
    last = re.findall(r"[\w']+", cut)[-1].casefold()
    assert last not in _HANGING, cut


@pytest.mark.parametrize(
    "text",
    [
        "Too dear for a two-man pest control outfit.",
        "We bury on Saturdays too (the council allows it).",
        "It's fine, it fills the rooms, but they take eight percent of every booking.",
    ],
)
def test_a_quote_that_fits_is_not_cut(text: str) -> None:
    assert clip(text, 240) == text


@pytest.mark.parametrize("text", LONG)
def test_a_draft_line_keeps_its_own_words_whole_around_a_cut_quote(text: str) -> None:
    line = say_quoting("rival_said", 240, text=text, outcome=None)
    assert len(line) <= 240
    assert line.endswith("” (a deal with no outcome on file)"), line
    assert line.startswith("“") and line.count("“") == 1 and line.count("”") == 1, line
    lost = say_quoting("lost_to", 200, name="Rival", text=text, won=True)
    assert lost.startswith("Buyers we lost to Rival said: “") and lost.endswith("”"), lost
    assert len(lost) <= 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"The spray smells for days." "Tenants complain to the landlord."',
            "“The spray smells for days. Tenants complain to the landlord.”",
        ),
        (
            '"Families ring us at 2am." "Nobody answers."',
            "“Families ring us at 2am. Nobody answers.”",
        ),
        ("Per month?", "“Per month?”"),
    ],
)
def test_a_draft_line_puts_marks_around_the_whole_quote(text: str, expected: str) -> None:
    assert say("quoted", text=text) == expected
    assert say_quoting("quoted", 240, text=text) == expected
