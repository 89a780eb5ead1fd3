"""A theme's name holds for a share of its quotes (review 27, items 1 and 4): no pair two quotes
of many say ("Answering service" of ten pains), no one quote's clause ("The crem fee" of ten
mixed pains, a split half's "Nothing's changing before the new year"), no canned category phrase
its quotes do not bear out ("Happy with a competitor" of quotes naming no rival). When nothing
holds, the theme takes its category's label if free, else its most representative quote read
whole ("The fuel dock closes early"), never a numbered generic one ("Problems buyers raise (2)")."""

from __future__ import annotations

import re

import pytest

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.topic_names import unnamed_theme
from pipeline.wording import capitalised
from tests.pipeline.cluster.name_checks import (
    a_central_quote_read_whole,
    held_by_a_share,
    weights,
)

# Per industry: the pair two quotes say, then eight pains, the first two saying it.
MIXED_PAINS: dict[str, tuple[str, list[str]]] = {
    "pest control": (
        "callback line",
        [
            "The callback line rings all night and nobody picks up.",
            "When the callback line goes to voicemail we lose the job.",
            "Our techs keep the bait station logs on paper clipboards.",
            "Chemical stock counts are always wrong by Friday.",
            "Invoices go out two weeks late most months.",
            "Routing the vans is a guessing game every morning.",
            "Customers ring to ask when we're arriving and we don't know.",
            "Renewal reminders for the annual plans get missed.",
        ],
    ),
    "marina": (
        "fuel dock",
        [
            "The fuel dock closes early and boats queue out to the channel.",
            "Nobody logs who used the fuel dock after hours.",
            "Berth holders pay late and I chase them by email.",
            "The waiting list lives in a spreadsheet nobody trusts.",
            "Winter storage bookings clash with the crane schedule.",
            "Visitors turn up without booking and we double-assign slips.",
            "Gate fobs get shared and we can't tell who's on site.",
            "The chandlery till doesn't talk to our accounts.",
        ],
    ),
    "software agency": (
        "client portal",
        [
            "The client portal shows last month's hours, not this month's.",
            "Half our clients never log into the client portal anyway.",
            "Timesheets come in on Tuesday and payroll is Monday.",
            "Scope creep eats our margin on fixed-price builds.",
            "Developers book leave without telling the project leads.",
            "Invoices for retainers go out by hand.",
            "Nobody knows which server a staging site lives on.",
            "Estimates are copied from old proposals and drift.",
        ],
    ),
    "dairy farm": (
        "milk tanker",
        [
            "The milk tanker comes at odd hours and nobody signs the docket.",
            "If the milk tanker misses us the whole collection is wasted.",
            "Calving records are in a notebook in the parlour.",
            "Feed orders get doubled when two of us ring the merchant.",
            "The vet's visit notes never reach the herd records.",
            "Field spraying dates are kept on a calendar in the kitchen.",
            "Casual staff hours are tallied on the back of envelopes.",
            "Subsidy forms take me three evenings every spring.",
        ],
    ),
    "charity": (
        "gift aid",
        [
            "Gift aid claims sit for months because the declarations are on paper.",
            "We lost a quarter's gift aid when the volunteer left.",
            "Volunteer shifts are arranged over a group chat.",
            "Donor addresses are duplicated across three lists.",
            "Event takings are counted in a biscuit tin.",
            "Trustees want reports we spend a week building.",
            "Shop stock from donations is never priced consistently.",
            "Grant deadlines slip because nobody owns the calendar.",
        ],
    ),
    "clinic": (
        "repeat prescriptions",
        [
            "Repeat prescriptions pile up on the reception desk.",
            "Patients phone twice a day chasing repeat prescriptions.",
            "Appointment reminders go out by hand from a spreadsheet.",
            "Locum cover is arranged by text the night before.",
            "Referral letters are scanned and then lost in the shared drive.",
            "Blood test results arrive by fax.",
            "The waiting room screen shows the wrong clinician.",
            "Our nurses chart on paper and type it up after hours.",
        ],
    ),
    "school": (
        "bus rota",
        [
            "The bus rota changes every week and parents miss it.",
            "When a driver is off the bus rota falls apart.",
            "Lunch money is still collected in envelopes.",
            "Trip consent forms come back crumpled or not at all.",
            "Supply teachers get the timetable on the morning.",
            "Detentions are logged in three different places.",
            "The office rings home for every absence by hand.",
            "Report cards take the whole of half term to assemble.",
        ],
    ),
    "brewery": (
        "keg returns",
        [
            "Keg returns are tracked on a whiteboard in the cellar.",
            "We lose kegs every year because keg returns aren't logged.",
            "Duty forms for the tax office take days.",
            "The taproom till and the stock sheet never agree.",
            "Pub orders come in by text, email and phone.",
            "Brew sheets are on clipboards that get wet.",
            "Delivery drivers don't know which pubs have paid.",
            "Cask ullage is guessed, not measured.",
        ],
    ),
    "law firm": (
        "conflict checks",
        [
            "Conflict checks are a search in an old spreadsheet.",
            "We nearly took a matter because conflict checks were skipped.",
            "Time recording happens at the end of the month from memory.",
            "Client money reconciliations take a partner a full day.",
            "Engagement letters are edited from past files and carry errors.",
            "Court dates live in one paralegal's diary.",
            "Bills go out without the disbursements on them.",
            "File reviews for the insurer are a scramble.",
        ],
    ),
    "hvac": (
        "parts van",
        [
            "Nobody knows what's in the parts van until the tech opens it.",
            "The parts van runs out of filters mid-week.",
            "Service agreements renew without anyone checking the price.",
            "Job sheets come back illegible.",
            "Customers get no warning when the engineer is late.",
            "Warranty claims to the manufacturer are paper forms.",
            "Quotes for installs take three days to write.",
            "The on-call phone gets passed around in a carrier bag.",
        ],
    ),
}


@pytest.mark.parametrize("industry", sorted(MIXED_PAINS))
def test_a_pair_or_a_clause_few_pains_say_never_names_their_theme(industry: str) -> None:
    """The pair alone ("Fuel dock") never names ten mixed pains; with nothing held, their most
    central quote read whole does ("The fuel dock closes early"), no neutral name."""
    pair, quotes = MIXED_PAINS[industry]
    [name] = name_clusters([quotes], [weights(quotes)], kind="pain")
    assert name.lower() != pair, name
    assert held_by_a_share(name, quotes) or a_central_quote_read_whole(name, quotes), name
    assert name != unnamed_theme("pain"), name


@pytest.mark.parametrize("industry", sorted(MIXED_PAINS))
def test_a_pair_a_share_of_pains_say_still_names_their_theme(industry: str) -> None:
    """Two of five is a share: the pair (or its words) still name the theme."""
    pair, quotes = MIXED_PAINS[industry]
    [name] = name_clusters([quotes[:5]], [weights(quotes[:5])], kind="pain")
    assert set(pair.split()) & set(name.lower().replace(" and ", " ").split()), name


@pytest.mark.parametrize("industry", sorted(MIXED_PAINS))
def test_two_words_always_said_side_by_side_name_a_theme_as_their_pair(industry: str) -> None:
    """ "Fuel dock", not "Dock and fuel": the two words are one thing, named as said (a lone
    word of them, which names no problem, gives way to a central quote's words about it)."""
    pair, quotes = MIXED_PAINS[industry]
    [name] = name_clusters([quotes[:5]], [weights(quotes[:5])], kind="pain")
    assert " and " not in name and pair in name.lower(), name


@pytest.mark.parametrize("industry", sorted(MIXED_PAINS))
def test_a_name_few_quotes_say_no_longer_holds_across_re_clusters(industry: str) -> None:
    """An old name of one buyer's words is named anew; one a share say still holds."""
    pair, quotes = MIXED_PAINS[industry]
    assert not still_fits(pair.capitalize(), quotes, [])
    assert not still_fits(capitalised(quote_clause(quotes[2])), quotes, [])
    [name] = name_clusters([quotes[:5]], [weights(quotes[:5])], kind="pain")
    assert still_fits(name, quotes[:5], [], kind="pain"), name


def test_two_themes_nothing_holds_for_are_told_apart_by_their_quotes() -> None:
    """Not "Problems buyers raise" and "Problems buyers raise (2)": each its central quote."""
    groups = [MIXED_PAINS["marina"][1], MIXED_PAINS["clinic"][1]]
    names = name_clusters(groups, [weights(g) for g in groups], kind="pain")
    assert len(set(names)) == 2, names
    assert all(a_central_quote_read_whole(n, g) for n, g in zip(names, groups, strict=True))


# Timing and approval worries that share no words: the second half of a split of a timing theme.
MIXED_TIMING: dict[str, list[str]] = {
    "pest control": [
        "Nothing changes before the spring rush, it's our busiest time.",
        "Anything over two thousand goes to the owners' meeting in March.",
        "I'd want it running before the summer if we can.",
        "Maybe next year when the second depot opens.",
        "Our franchise agreement says head office picks the software.",
    ],
    "marina": [
        "Nothing moves until the boats are lifted out in October.",
        "The harbour board has to approve any new contract.",
        "I'd want it live before the regatta.",
        "Perhaps once the new pontoons are finished.",
        "The owner's abroad until the autumn.",
    ],
    "software agency": [
        "We're mid-launch for a client until the end of the quarter.",
        "The partners sign anything over five thousand.",
        "I'd like it in before our busiest sprint.",
        "Maybe after we hire the new ops lead.",
        "Our finance director decides on tools.",
    ],
    "farm": [
        "Nothing happens during harvest, we're in the fields.",
        "My brother and I both have to agree on it.",
        "I'd want it sorted before lambing.",
        "Maybe once the new shed is built.",
        "The bank manager looks at anything we spend.",
    ],
    "charity": [
        "The trustees only meet quarterly.",
        "Nothing new until the annual appeal is over.",
        "I'd like it in place for the Christmas fair.",
        "Maybe when the grant comes through.",
        "Our chair has the final say on suppliers.",
    ],
    "clinic": [
        "Nothing changes during flu season.",
        "The practice manager and both partners must approve it.",
        "I'd want it live before the inspection.",
        "Maybe once the extension opens.",
        "The health board picks our systems.",
    ],
    "school": [
        "Nothing changes mid-term.",
        "The governors vote on any new spending.",
        "I'd want it ready for September.",
        "Maybe after the Ofsted visit.",
        "The trust's IT team chooses our software.",
    ],
    "brewery": [
        "Nothing new before the summer festivals.",
        "The two founders have to agree.",
        "I'd like it running by the Christmas rush.",
        "Maybe once the canning line is in.",
        "Our investor wants a say on big costs.",
    ],
    "dental practice": [
        "Nothing changes before the new financial year.",
        "The principal dentist signs off on software.",
        "I'd want it before our second surgery opens.",
        "Maybe after the refurbishment.",
        "Our accountant reviews every contract.",
    ],
    "hvac": [
        "Nothing moves during the heating season.",
        "The owner and his son both decide.",
        "I'd want it in before the summer installs.",
        "Maybe when we take on more engineers.",
        "The franchise head office approves tools.",
    ],
}
SETTLED = "Decision authority"


@pytest.mark.parametrize("industry", sorted(MIXED_TIMING))
def test_a_half_nothing_holds_for_takes_its_central_quote_not_a_number(industry: str) -> None:
    """The other half keeps "Decision authority" (``kept``); this one shares no clause, so its
    most central quote names it ("Nothing changes during flu season"), not "... (2)"."""
    quotes = MIXED_TIMING[industry]
    first = ["The owner decides.", "It's the owner's call.", "The owner has to sign it."]
    names = name_clusters(
        [first, quotes], [weights(first), weights(quotes)],
        categories=["authority_timing", "authority_timing"], kind="objection",
        kept=[SETTLED, None],
    )  # fmt: skip
    assert not re.search(r"\(\d+\)$", names[1]), names
    assert a_central_quote_read_whole(names[1], quotes), names


def test_a_half_whose_clause_most_quotes_share_keeps_it() -> None:
    first = ["The owner decides.", "It's the owner's call.", "The owner has to sign it."]
    board = [
        "The board only meets in June.",
        "Nothing gets signed until the board meets in June.",
        "Our board meets in June, so that's when.",
        "We can't do anything before the June board.",
    ]
    names = name_clusters(
        [first, board], [weights(first), weights(board)],
        categories=["authority_timing", "authority_timing"], kind="objection",
        kept=[SETTLED, None],
    )  # fmt: skip
    assert "board" in names[1].lower() or "june" in names[1].lower(), names


@pytest.mark.parametrize(
    "quotes",
    [
        ["That's my whole evening gone, honestly.", "Paper was easier."],
        ["So the berth list lives in two places, that's the whole problem.", "It rains a lot."],
        ["That's half my weekend, every single term.", "Parents ring anyway."],
    ],
)
def test_one_quotes_clause_that_says_nothing_alone_gives_way_to_a_neutral_name(
    quotes: list[str],
) -> None:
    """ "That's my whole job already" (one of two quotes) says nothing alone: no name."""
    [name] = name_clusters([quotes], [[1.0, 0.4]], kind="pain")
    assert name == unnamed_theme("pain") or "that's" not in name.lower(), name
