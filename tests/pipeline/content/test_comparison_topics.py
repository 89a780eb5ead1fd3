"""A comparison row quotes only what buyers said on its topic: a rival's price stated as a figure
heads its price row, the detector's category heads a row only where the line's own words carry
it, and a bare verdict ("They're solid.") names no topic and goes nowhere.

Why: review 26 (marinas) quoted "They're solid." (filed under price by the detector) under
"What buyers told us about <rival>'s pricing" while "<rival> came in at five-fifty flat, and
that included the app." was left off the page, and put a rival's app feature in a "Security"
row."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.rival_polarity import only_a_verdict
from pipeline.content.rival_rows import claim_topic


def _quote(
    text: str, rival: str, category: str | None = "competitor", n: int = 1, outcome: str = "open"
) -> Quote:
    return Quote(
        id=n, text=text, role="buyer", kind="objection", call_id=n, utterance_id=n, mention_id=n,
        call_date=dt.date(2026, 5, n), account=f"Account {n}", outcome=outcome, speaker="Pat",
        cluster_id=None, competitor=rival, category=category,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        ("PestPac", "PestPac came in at twelve hundred for the year, with the app included."),
        ("Passare", "Passare quoted us forty-five a month for each director."),
        ("Harvest", "Harvest came in around 4,200 for the whole agency."),
        ("Agrimaster", "Agrimaster is nineteen ninety-nine a month and that's the lot."),
        ("Blackbaud", "Blackbaud came in under eleven thousand last year."),
        ("Cliniko", "Cliniko works out at ninety quid for the clinic."),
        ("TableTap", "TableTap came in at three-fifty flat."),
        ("Vetstream", "Vetstream quoted 2,800 for the three surgeries."),
        ("Arbor", "Arbor came in at two thousand flat for the school."),
        ("Jobber", "Jobber's sixty a month for the whole crew."),
    ],
)
def test_a_rivals_price_said_as_a_figure_is_a_price_line(rival: str, said: str) -> None:
    assert claim_topic(_quote(said, rival)) == "price"


@pytest.mark.parametrize(
    "said",
    [
        "It's thirty-eight rooms, not a hotel chain.",
        "We have twelve vans on the road.",
        "They quoted us a start date in March.",
        "Harvest took two days to come in.",
    ],
)
def test_a_count_or_a_date_is_no_price(said: str) -> None:
    assert claim_topic(_quote(said, "Harvest")) is None


@pytest.mark.parametrize(
    ("category", "said"),
    [
        ("security", "They've got the technician app with the route map built right in."),
        ("security", "Their families portal has the livestream built in, and directors love it."),
        ("adoption", "Their dashboard shows every sprint on one page."),
        ("price", "They do the herd book and the grain tickets."),
        ("integrations", "Their donor pages look lovely."),
        ("security", "Their booking widget sits on the front page of the clinic website."),
        ("setup_time", "Their menu screen is the first thing the waiters see."),
        ("switching", "Their vaccination reminders go out by text."),
        ("price", "Their matter view has the trust ledger right beside it."),
        ("adoption", "Their timetable shows cover lessons in red."),
    ],
)
def test_a_category_the_words_do_not_carry_heads_no_row(category: str, said: str) -> None:
    assert claim_topic(_quote(said, "Rival", category)) is None


@pytest.mark.parametrize(
    ("category", "said", "topic"),
    [
        ("security", "Their GDPR paperwork took a month to arrive.", "security"),
        ("setup_time", "Their onboarding took three months.", "setup_time"),
        ("price", "They are a lot cheaper per seat.", "price"),
        ("adoption", "We're not unhappy with it.", "status_quo"),
    ],
)
def test_a_category_its_words_carry_still_heads_its_row(
    category: str, said: str, topic: str
) -> None:
    assert claim_topic(_quote(said, "Rival", category)) == topic


@pytest.mark.parametrize(
    "said",
    [
        "They're solid.",
        "It was rubbish.",
        "They were great, honestly.",
        "PestPac is really good.",
        "It's decent.",
        "We liked it.",
        "They were awful.",
        "They work well.",
        "The team love it.",
        "Honestly, they're brilliant.",
    ],
)
def test_a_bare_verdict_names_no_topic(said: str) -> None:
    assert only_a_verdict(said, ("PestPac",))


@pytest.mark.parametrize(
    "said",
    [
        "Their multi-site reporting was decent.",
        "PestPac has been around forever.",
        "PestPac is great for route planning.",
        "They're solid on the chemical logs, I'll give them that.",
        "We liked the technician app.",
    ],
)
def test_a_verdict_on_something_names_it(said: str) -> None:
    assert not only_a_verdict(said, ("PestPac",))


PAGES = [
    (
        "Passare",
        "Passare came in at forty-five a month per director, and that included the livestream.",
        "They've got the families portal with the livestream built right in.",
    ),
    (
        "Agrimaster",
        "Agrimaster quoted us nineteen ninety-nine a month, herd book included.",
        "They've got the herd app with the ear-tag reader built right in.",
    ),
    (
        "Harvest",
        "Harvest came in at 4,200 flat for the agency, and that included the client portal.",
        "They've got the client portal with the sign-off button built right in.",
    ),
]


@pytest.mark.parametrize(("rival", "priced", "feature"), PAGES, ids=[p[0] for p in PAGES])
def test_a_price_row_quotes_the_rivals_price_and_no_bare_verdict(
    rival: str, priced: str, feature: str
) -> None:
    quotes = [
        _quote(f"We did look at {rival} last year.", rival, "competitor", 1),
        _quote("They're solid.", rival, "price", 2),
        _quote(feature, rival, "security", 3, "lost"),
        _quote("Their pricing felt fair for a small outfit.", rival, "price", 5),
        _quote(priced, rival, "competitor", 4, "lost"),
    ]
    page = comparison(
        Evidence(
            clusters=[], quotes=quotes, phrases=[], facts=[], competitor=rival,
            rival_forms=(rival,), rival_said=frozenset({2, 3, 5}), product="Ourapp",
        )
    )  # fmt: skip
    rows = {row.aspect.split(" (")[0]: row for row in page.rows}
    assert rows["Price"].citations[0] == 4, rows  # the rival's price before a word on it
    assert "Security" not in rows, rows
    cited = {i for row in page.rows for i in row.citations}
    listed = [*page.them_better_when, *page.why_they_stay, *page.falls_short, *page.their_pricing]
    assert 2 not in cited | {i for point in listed for i in point.citations}, page
    assert [p.citations for p in page.their_pricing] == [[4], [5]], page.their_pricing
