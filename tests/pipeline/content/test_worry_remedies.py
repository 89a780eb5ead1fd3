"""A worry is answered by a fact that removes what the buyer objects to, never by one stating it
again, on every page built from worries, with the real embedder and SQLite, in three trades.

Why: a van-tracking walk's FAQ answered "Are we locked into a long contract?" with "... on a
24-month term", its timeline met "we can't screw boxes into hired vans" with "Tracker fitting
takes about 20 minutes a van" beside "Phone-only tracking (no hardware)", and left "We can't
have vans off the road in December" to write beside "evenings or weekends"; the FAQPage
JSON-LD published the first."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.remedies import confirms_worry, removes_worry
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.workspace import Workspace
from tests.plugins.documents import facts_answering, objection_themes


@dataclass(frozen=True)
class Worry:
    category: str
    said: tuple[str, str]  # two buyers' lines objecting to the same condition
    remedy: str  # the profile fact removing it
    confirms: str  # the profile fact stating it again


@dataclass(frozen=True)
class Trade:
    industry: str
    profile: ProductProfile
    worries: tuple[Worry, ...]


WAREHOUSE_LEASE = "£45 per handheld scanner a month, all year round, on a 36-month lease."
WAREHOUSE_MONTHLY = "Scanner licences are billed month to month and can be cancelled any time."
WAREHOUSE_PAUSE = "Licences can be switched off in quiet months and back on for peak."
WAREHOUSE_NIGHT = "Go-live is done overnight on a Sunday, so no shift loses picking time."
WAREHOUSE_SETUP = "Setup takes two days on site, and your shift leads are trained the same week."
WAREHOUSING = Trade(
    "Warehousing",
    ProductProfile(
        name="PickRight",
        pricing=[WAREHOUSE_LEASE],
        plans=[WAREHOUSE_MONTHLY, WAREHOUSE_PAUSE],
        features=["Pick lists are sorted by aisle and bin."],
        onboarding=[WAREHOUSE_SETUP, WAREHOUSE_NIGHT],
    ),
    (
        Worry(
            "contract",
            (
                "We got burned on a five-year lease with the last vendor, I won't commit to that.",
                "Three years is too long to be tied to a scanner supplier.",
            ),
            WAREHOUSE_MONTHLY,
            WAREHOUSE_LEASE,
        ),
        Worry(
            "price",
            (
                "I'm not paying for forty licences all year when half the pickers are seasonal.",
                "Most of those scanners sit in a drawer from February to October.",
            ),
            WAREHOUSE_PAUSE,
            WAREHOUSE_LEASE,
        ),
        Worry(
            "setup_time",
            (
                "We can't stop the line in peak season to switch systems.",
                "If the pickers are off the floor for a day we miss our carrier cut-offs.",
            ),
            WAREHOUSE_NIGHT,
            WAREHOUSE_SETUP,
        ),
    ),
)

VET_ANNUAL = "£120 a month per vet, on an annual contract."
VET_NOTICE = "Practices can leave with a month's notice."
VET_WIRED = "Card terminals are wall-mounted and wired in by our engineer."
VET_READERS = "Payments run on the card readers you already have, with no new hardware."
VET_OPTIONAL = "Location sharing on house calls is optional and switches off at the end of a shift."
VETS = Trade(
    "Veterinary practices",
    ProductProfile(
        name="PawChart",
        pricing=[VET_ANNUAL],
        plans=[VET_NOTICE],
        features=["Vaccination reminders go out by text.", VET_OPTIONAL],
        onboarding=[VET_WIRED, VET_READERS],
    ),
    (
        Worry(
            "contract",
            (
                "Are we locked in for a year? The partners hate annual contracts.",
                "We signed a three-year deal for the X-ray software and regretted it.",
            ),
            VET_NOTICE,
            VET_ANNUAL,
        ),
        Worry(
            "setup_time",
            (
                "The landlord won't let us drill into the walls for new terminals.",
                "We rent the building, so nothing can be screwed to the reception desk.",
            ),
            VET_READERS,
            VET_WIRED,
        ),
        Worry(
            "adoption",
            (
                "Our locums won't want to be tracked on house calls.",
                "The vets will say it's big brother if the app follows them home.",
            ),
            VET_OPTIONAL,
            "",
        ),
    ),
)

SALON_YEARLY = "£35 per chair per month, billed yearly."
SALON_PAUSE = "You can pause a stylist's seat during quiet months."
SALON_NIGHT = "Your diary is moved across after the last client leaves."
SALON_SETUP = "Setting up takes about a day of your salon manager's time."
SALONS = Trade(
    "Hair salons",
    ProductProfile(
        name="ChairTime",
        pricing=[SALON_YEARLY],
        plans=[SALON_PAUSE],
        features=["Clients rebook from a text link."],
        onboarding=[SALON_SETUP, SALON_NIGHT],
    ),
    (
        Worry(
            "price",
            (
                "Thirty-five a chair is a lot when half our chairs sit empty in January.",
                "We don't want to pay for chairs nobody rents for half the year, it's seasonal.",
            ),
            SALON_PAUSE,
            SALON_YEARLY,
        ),
        Worry(
            "setup_time",
            (
                "We can't close the salon for a day to switch over, Saturdays are our busiest.",
                "If we shut for a morning we lose the regulars to the place down the road.",
            ),
            SALON_NIGHT,
            SALON_SETUP,
        ),
    ),
)
TRADES = [WAREHOUSING, VETS, SALONS]


@pytest.mark.parametrize(
    ("worry", "fact", "category", "confirms", "removes"),
    [
        # A long term to a lock-in worry confirms it; month to month removes it.
        ("Are we locked into a long contract?", "£18 a van on a 24-month term.", "contract",
         True, False),
        ("Three years is too long to be tied in.", "Cancel any time on a rolling monthly plan.",
         "contract", False, True),
        # Fitting hardware to "no boxes in hired vans"; phone-only removes it.
        ("The hire company won't let us screw boxes into their vans.",
         "Tracker fitting takes about 20 minutes a van.", "setup_time", True, False),
        ("The hire company won't let us screw boxes into their vans.",
         "Phone-only tracking (no hardware) is included.", "setup_time", False, True),
        # Out of hours removes downtime; a fact on another condition says nothing of it.
        ("We can't have vans off the road in December.",
         "Fitting is done in the evenings or at weekends.", "setup_time", False, True),
        ("We can't take the kennels off the floor in spring.",
         "Tracker fitting takes about 20 minutes.", "setup_time", False, False),
        # Paying for idle units all year: a price "all year round" confirms it, a pause removes it.
        ("We pay for twelve mowers all year and half sit in the shed till March.",
         "£9 per mower a month, all year round.", "price", True, False),
        ("Half our chairs sit empty in January and we still pay for them.",
         "Chairs can be paused in quiet months.", "price", False, True),
        # A word of a condition in another kind of worry is no worry about it.
        ("From my side it ticks the boxes, but I can't sign this.", "Tracker fitting, 20 minutes.",
         "authority_timing", False, False),
    ],
)  # fmt: skip
def test_a_fact_removes_or_confirms_the_condition_a_worry_objects_to(
    worry: str, fact: str, category: str, confirms: bool, removes: bool
) -> None:
    assert confirms_worry(fact, [worry], category) is confirms
    assert removes_worry(fact, [worry], category) is removes


def _themes(ws: Workspace, embedder: Embedder, trade: Trade) -> dict[str, int]:
    """One objection theme per worry of the trade: category -> theme id."""
    with ws.session() as db:
        set_profile(db, trade.profile)
        said = {w.category: list(w.said) for w in trade.worries}
        ids = objection_themes(db, embedder, trade.industry, said)
    return dict(zip(said, ids, strict=True))


PAGES = {
    "objection-faq": None,
    "one-pager": None,
    "implementation-timeline": {"setup_time"},
    "pricing-explainer": {"price"},
}


@pytest.mark.parametrize("doc_type", PAGES)
@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_each_worry_is_answered_by_its_remedy_never_by_its_condition(
    ws: Workspace, embedder: Embedder, trade: Trade, doc_type: str
) -> None:
    wanted = PAGES[doc_type]
    worries = [w for w in trade.worries if wanted is None or w.category in wanted]
    if not worries:
        pytest.skip(f"no {doc_type} worry in {trade.industry}")
    themes = _themes(ws, embedder, trade)
    answers = facts_answering(ws, embedder, doc_type, [themes[w.category] for w in worries])
    shown = [w for w in worries if any(line in answers for line in w.said)]
    assert shown, answers
    for worry in shown:
        facts = [f for line in worry.said for f in answers.get(line, [])]
        assert worry.remedy in facts, (worry.said, facts)
        assert not worry.confirms or worry.confirms not in facts, (worry.said, facts)
    # One fact answers one worry on a page where each has a remedy of its own.
    firsts = [answers[line][0] for line in answers if answers[line]]
    assert len(firsts) == len(set(firsts)), answers


def test_a_worry_nothing_removes_stays_to_write_and_out_of_the_faq_schema(
    ws: Workspace, embedder: Embedder
) -> None:
    """A profile holding only the condition (three trades' lock-in worries, a long term): the
    entry is "To write", and the FAQPage publishes neither it nor the term."""
    profile = ProductProfile(
        name="Ledgerline",
        pricing=["£60 a month per firm on a 24-month contract."],
        features=["Client documents are requested and chased by text."],
    )
    said = [
        "An accountancy practice our size can't commit to two years with a new supplier.",
        "The kennels got stuck in a three-year contract last time, never again.",
        "We don't want to be locked in, the warehouse lease is up next year.",
    ]
    with ws.session() as db:
        set_profile(db, profile)
        ids = objection_themes(db, embedder, "Accounting firms", {"contract": said})
        doc = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=ids,
        )  # fmt: skip
        [item] = doc.structured["content"]["items"]
        schema = json.loads(export_document(db, ws.settings, doc.id, "jsonld").content)
    assert item["profile"] == [] and item["answer"].startswith("To write"), item
    assert schema["@type"] == "FAQPage" and schema["mainEntity"] == [], schema
