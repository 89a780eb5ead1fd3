"""Each quoted worry is answered by the fact naming what it names (its tools, its device, its
payment words), a fact chosen for the theme or of another topic only where none does.

Why: a review's marina FAQ answered "We're on QuickBooks Desktop" and "if it doesn't post into
Sage 200" with GoCardless and single sign-on while the accounting integrations fact named both;
a PCI audit's "where a card number goes" with hosting and SOC 2, not the card fact; "it has to
work on a shared device" with training, not the shared devices fact; and a board's sign-off
with the Australian price."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, ProfileFact, set_profile
from pipeline.content.restating import restates
from pipeline.content.worry_facts import Asked, names_its_worry, naming_fact, per_worry
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import objection_themes

LEDGERS = (
    "Two-way sync with Xero and QuickBooks Online; an import file (CSV) for QuickBooks "
    "Desktop, Sage 50, Sage 200, MYOB and other ledgers."
)
LOGINS = (
    "GoCardless Direct Debit, Paxton access control, Microsoft 365 single sign-on (group plan)."
)
CARDS = "Card numbers go straight to Stripe and are never seen or stored by us (PCI DSS SAQ A)."
HOSTED = "UK customers are hosted in London, US customers in Virginia; data stays in its region."
AUDITS = "SOC 2 Type II report shared under NDA; Cyber Essentials Plus certified."
SHARED = "Staff apps work on shared devices, each person signing in with their own account."
TRAINING = "Two training sessions, the first in person on request, with a named onboarding lead."


@pytest.mark.parametrize(
    ("fact", "section", "said", "names"),
    [
        (LEDGERS, "integrations", "Finance are on Sage 200, it has to post into Sage 200.", True),
        (LEDGERS, "integrations", "We're on QuickBooks Desktop, we're not moving off it.", True),
        (CARDS, "security", "We had a PCI audit: where does a card number go when a parent pays?",
         True),
        (SHARED, "features", "The stylists share one iPad, so it has to work on a shared device.",
         True),
        ("Cases sync both ways with Exocad and 3Shape.", "integrations",
         "Our designers live in Exocad all day.", True),
        ("Everything ends up in MYOB at month end.", "integrations",
         "Our books are in MYOB, the accountant won't move.", True),
        ("Inventory syncs with Ekos every hour.", "integrations",
         "Ekos is where our brewhouse stock lives.", True),
        # One word shared is chance; a market or a rival says where or whom, not what.
        ("Microsoft 365 single sign-on on every plan.", "integrations",
         "The board only signs off new systems in March.", False),
        ("We migrate your data from spreadsheets for free.", "onboarding",
         "We'd still need the spreadsheet for that.", False),
        ("Australia: A$279 a month per school.", "pricing",
         "They'll want to see another school in Australia using it first.", False),
        ("Clio", "integrations", "We're on a two year Clio contract.", False),  # a bare name
        (TRAINING, "onboarding", "He's been here thirty years, doesn't own a smartphone.", False),
        ("Xero sync for invoices.", "features", "Our books are in Xero, we'd need that.", True),
        # A tool named by a fact about something else than connecting to it.
        ("Reports laid out like Xero's.", "features", "Our books are in Xero.", False),
    ],
)  # fmt: skip
def test_a_fact_names_what_a_worry_names(fact: str, section: str, said: str, names: bool) -> None:
    assert names_its_worry(ProfileFact(1, section, fact), said) is names


@pytest.mark.parametrize(
    ("fact", "said", "restated"),
    [
        (LEDGERS, "If it doesn't post into Sage 200 they won't look at it.", False),  # a name
        ("Microsoft 365 single sign-on on every plan.", "We're all on Microsoft 365.", False),
        ("$3.50 per endpoint, minimum 25.", "The 25 endpoint minimum means three seats.", True),
    ],
)
def test_a_figure_in_a_name_is_no_term_restated(fact: str, said: str, restated: bool) -> None:
    assert restates(fact, said) is restated


def test_each_worry_gets_its_naming_fact_and_the_theme_fills_the_rest() -> None:
    ledgers, logins = (
        ProfileFact(1, "integrations", LEDGERS),
        ProfileFact(2, "integrations", LOGINS),
    )
    training, shared = ProfileFact(3, "onboarding", TRAINING), ProfileFact(4, "features", SHARED)
    asked = Asked({}, (), frozenset({"features", "onboarding", "integrations"}))
    tools = ["We're on QuickBooks Desktop.", "Finance are on Sage 200, it must post there."]
    # Every worry named: its facts only, never the theme's other choice.
    assert per_worry(tools, [logins, ledgers], [ledgers, logins], asked) == [ledgers]
    staff = [
        "He doesn't own a smartphone.",
        "It has to work on a shared device, people signing in.",
    ]
    assert per_worry(staff, [training], [training, shared], asked) == [shared, training]
    assert naming_fact(staff[0], [training, shared], asked) is None


@dataclass(frozen=True)
class Trade:
    industry: str
    tools: tuple[str, str]  # two worries naming the accounting tools they are on
    cards: str  # a worry about card numbers
    device: str  # a worry about a shared device
    other: str  # the other line of the adoption theme


TRADES = [
    Trade("Dental labs",
          ("Our accounts are on Sage 50 and the accountant won't change.",
           "If the invoices don't land in Sage 50 the practice managers won't pay."),
          "Dentists pay by card on the portal, so where does a card number go? PCI matters.",
          "Our technicians share two tablets, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "Our older technicians won't use a new app."),
    Trade("Breweries",
          ("We're on QuickBooks Desktop and we're not moving off it.",
           "Our bookkeeper only works in QuickBooks Desktop."),
          "The taproom takes cards; after our PCI audit I need to know where a card number goes.",
          "Bar staff share one iPad, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "Half the bar staff won't bother with another app."),
    Trade("Schools",
          ("Finance are on Sage 200 and if it doesn't post into Sage 200 they won't look at it.",
           "The trust's ledger is Sage 200, nothing else."),
          "Parents pay trip money by card, so the PCI question is where a card number goes.",
          "The office staff share two PCs, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "Teachers won't use another app this year."),
    Trade("Logistics",
          ("Our books are in MYOB and the accountant won't hear of moving.",
           "Everything has to end up in MYOB for the month end."),
          "Drivers pay fuel by card, and our PCI auditor asks where each card number goes.",
          "Drivers share the cab tablets, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "Some drivers won't use an app at all."),
    Trade("Salons",
          ("We're on Xero and QuickBooks Online across the two salons.",
           "Our accountant works in Xero only."),
          "Clients pay by card at the desk; after a PCI audit, where does a card number go?",
          "Our stylists share one iPad, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "The juniors won't use an app they have to log into."),
    Trade("Clinics",
          ("The practice accounts are in QuickBooks Desktop and Sage 50.",
           "Our accountant only takes Sage 50 exports."),
          "Patients pay by card online, so for PCI where does a card number go?",
          "Reception staff share one PC, not their own phones:"
          " the app has to work on a shared device, people signing in.",
          "The physios won't use another app."),
]  # fmt: skip


def _profile() -> ProductProfile:
    return ProductProfile(
        name="Tideway",
        pricing=["UK: £99 a month per site.", "Australia: A$179 a month per site."],
        plans=["Groups can pilot one site for up to 60 days, free if the group does not go ahead."],
        features=["Bookings and invoices in one place.", SHARED],
        integrations=[LOGINS, LEDGERS, "Imports history from any register that exports CSV."],
        security=[HOSTED, AUDITS, CARDS],
        onboarding=["Set-up takes about three weeks, with your data moved for free.", TRAINING],
    )


def _answers(ws: Workspace, embedder: Embedder, trade: Trade) -> dict[str, list[str]]:
    """Each quoted worry of the FAQ -> the facts its entry states."""
    themes = {
        "integrations": list(trade.tools),
        "security": [trade.cards, "Where is our data stored, and who can see it?"],
        "adoption": [trade.other, trade.device],
    }
    with ws.session() as db:
        set_profile(db, _profile())
        ids = objection_themes(db, embedder, trade.industry, themes)
        page = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=ids,
        )  # fmt: skip
        text = {p["id"]: p["text"] for p in page.structured["evidence"]["profile"]}
        quotes = {q["id"]: q["text"] for q in page.structured["evidence"]["quotes"]}
        items = page.structured["content"]["items"]
    return {
        quotes[c]: [text[i] for i in item["profile"]]
        for item in items
        for c in item["citations"]
        if c in quotes
    }


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_each_quoted_worry_gets_the_fact_naming_it(
    ws: Workspace, embedder: Embedder, trade: Trade
) -> None:
    answers = _answers(ws, embedder, trade)
    for tools in trade.tools:
        if tools in answers:
            assert answers[tools] == [LEDGERS], (tools, answers[tools])  # not GoCardless or SSO
    assert any(tools in answers for tools in trade.tools), answers
    assert CARDS in answers[trade.cards], answers[trade.cards]
    assert answers[trade.device][:1] == [SHARED], answers[trade.device]
