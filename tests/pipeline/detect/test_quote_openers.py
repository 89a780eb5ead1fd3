"""A printed quote starts at the sentence that carries its point: a sentence opening on "And"
or "Because" takes the one before it only when it needs it (it is short, points back to it,
or gives the reason for a statement), never a headline fragment of a word or two or an
unrelated request before an "And" that starts a point of its own.

Why: documents printed "Timing. Because of the renewal we can't run both past March…" and
"I'd need to see that on paper. And the commissioners only meet quarterly…"."""

from __future__ import annotations

import pytest

from pipeline.detect.sentences import quote_text

# (the sentence before, the detected sentence): the quote is the detected sentence alone.
STANDS_ALONE = [
    # a headline fragment before a reason that carries the whole point
    (
        "Pricing.",
        "Because we're charged per visit now, a monthly fee for every site would cost us more "
        "in the quiet months.",
    ),
    (
        "Staffing.",
        "Because the directors are on call at night, nobody is going to fill in a form at three "
        "in the morning.",
    ),
    (
        "The contract.",
        "Because our clients sign for six months at a time, we can't commit to a two-year licence.",
    ),
    (
        "Harvest.",
        "So nothing changes on the farm between August and the end of October, the whole team "
        "is in the fields.",
    ),
    (
        "Compliance.",
        "Because the traffic commissioner audits us every spring, we can't have the defect "
        "records moving systems in March.",
    ),
    (
        "Honestly.",
        "Because the site managers overwrite each other's spreadsheets, we lose a variation "
        "every single week.",
    ),
    # an "And" that starts a point of its own after a request on another topic
    (
        "I'd need the trustees to see that in writing.",
        "And the board only meets quarterly, the next one is in March, so nothing gets signed "
        "before then.",
    ),
    (
        "Send me the brochure.",
        "And our practice manager is off until the new year, so nobody can sign anything "
        "before January.",
    ),
    (
        "We liked the demo.",
        "And the lab technicians won't type a docket into a tablet with plaster on their hands.",
    ),
    (
        "Let me think about it.",
        "Or we wait until the new school year, when the budget for the office software resets.",
    ),
    (
        "The price is fine.",
        "And the nurses would still need the paper rota, because the locums never log in to "
        "anything.",
    ),
]

# (the sentence before, the detected sentence): the quote shows both, as it did.
NEEDS_THE_ONE_BEFORE = [
    ("And what am I paying ClockBee now... forty-something.", "So I'm going up a lot."),
    ("We can't move before the spring audit.", "Because the auditors want one system all year."),
    (
        "Funerals run seven days a week here.",
        "So the directors can't stop for a half-day of training in the spring.",
    ),
    (
        "The export from our rostering tool is a CSV.",
        "And it breaks every time the payroll software updates.",
    ),
    (
        "We pay two hundred a month for the booking app.",
        "And we'd be paying you on top of that.",
    ),
    (
        "Our florist invoices weekly.",
        "Which means the bookkeeper matches every line by hand on a Friday afternoon.",
    ),
    ("It took two months to go live.", "And that was with a consultant on site the whole time."),
    ("Twelve hives died.", "And they were the strong ones."),
    ("The exterminator comes monthly.", "Because the insurer wants it logged, and he never does."),
    ("Staffly.", "Because they were cheaper."),
]


def _quoted(before: str, sentence: str) -> str:
    turn = f"Right, okay. {before} {sentence} What else?"
    start = turn.index(sentence)
    return quote_text(turn, sentence, start, start + len(sentence))


@pytest.mark.parametrize(("before", "sentence"), STANDS_ALONE)
def test_a_sentence_carrying_its_own_point_is_quoted_alone(before: str, sentence: str) -> None:
    assert _quoted(before, sentence) == sentence


@pytest.mark.parametrize(("before", "sentence"), NEEDS_THE_ONE_BEFORE)
def test_a_sentence_that_needs_the_one_before_keeps_it(before: str, sentence: str) -> None:
    assert _quoted(before, sentence) == f"{before} {sentence}"
