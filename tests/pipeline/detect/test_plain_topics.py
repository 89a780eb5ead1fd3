"""Words that settle an objection's category after the model: sums that don't work and what
can't be afforded are price, an approver above the buyer is authority, in any trade; the same
words about something else leave the model's category alone."""

from __future__ import annotations

import pytest

from pipeline.detect.topics import plain_topic

SUMS_THAT_DONT_WORK = [
    "Then the numbers just don't work for us this year.",
    "We've got fit-outs that are done in three weeks, so paying for a full month on those doesn't"
    " add up.",
    "Honestly the maths doesn't stack up for a clinic our size.",
    "The sums don't work once you add the second location.",
    "For twelve vans the economics just don't make sense.",
    "Spending that on a tool we'd use twice a week doesn't add up.",
    "We can't afford another subscription right now.",
    "I couldn't justify the cost to the partners with the margins we run on.",
    "It's not worth the money for a team of four.",
    "That puts it well outside our budget for the year.",
    "The ROI just isn't there for a farm shop.",
    "Paying per location when two of them are tiny kiosks never makes sense.",
    "Four hundred a month for the bakery doesn't pay for itself.",
]

APPROVERS = [
    "I'd need sign-off from our CFO for anything over $10k a year.",
    "Anything like this needs approval from the board first.",
    "The managing director would have to sign it off.",
    "I'll have to run it past my boss before we commit.",
    "Honestly it's not my call, the owners decide on software.",
    "We can't move without the trustees' approval.",
    "The finance director has the final say on new vendors.",
    "That's above my pay grade, I'm afraid.",
    "I'm not the decision maker here, that's our head of operations.",
    "Our CEO will want to approve anything that touches the clinic diary.",
    "I need the green light from head office before I sign.",
    "We'd have to take it to the committee in June.",
    "Procurement has to sign off on any new supplier.",
]


@pytest.mark.parametrize("sentence", SUMS_THAT_DONT_WORK)
@pytest.mark.parametrize("category", ["setup_time", "authority_timing", "contract"])
def test_sums_that_dont_work_are_price(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "price"


@pytest.mark.parametrize("sentence", APPROVERS)
@pytest.mark.parametrize("category", ["contract", "price", "status_quo"])
def test_an_approver_above_the_buyer_is_authority(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "authority_timing"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The numbers in your reports don't match our payroll.", "integrations"),
        ("The board wants SSO before anything else.", "security"),
        ("We can't afford the downtime of moving the whole team mid-season.", "switching"),
        ("The dates in the rollout plan don't add up for a May opening.", "setup_time"),
        ("Our CFO hated how the last tool's reports looked.", "adoption"),
        ("The toolbox talk sign-off sheets would still be on paper.", "integrations"),
        ("Moving everything over just isn't worth the hassle this year.", "switching"),
        ("The MD wants a three year fixed price before he signs.", "contract"),
        ("Okay, so most of our partners are still on the old system.", "status_quo"),
        ("RotaPro is cheaper and the numbers work for them.", "competitor"),
        ("The contract is too expensive for us, we can't commit to twelve months.", "contract"),
    ],
)
def test_the_same_words_about_something_else_keep_their_category(
    sentence: str, category: str
) -> None:
    assert plain_topic(sentence, category) == category
