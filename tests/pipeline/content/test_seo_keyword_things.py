"""An SEO brief's keywords name things a searcher looks for: a noun phrase of the page's domain,
never a remark opened by an adverb, a clause with its subject cut, a date or a phrase about
something the page is not about.

Why: a van-tracking brief's secondary keywords had been "realistically nothing happens", "night
before valentine's" and "uses commercial vehicle" (of "Ours uses commercial vehicle routing"), a
scheduling brief's "works fine" and "use another app" (of "staff won't use another app")."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from pipeline.content.evidence import Evidence, Phrase
from pipeline.content.keyword_things import names_a_thing
from pipeline.content.profile import ProfileFact
from pipeline.content.seo_brief import keywords
from tests.pipeline.content.one_theme import one_theme_evidence


class Product(NamedTuple):
    category: str  # what a searcher calls it
    facts: tuple[str, ...]  # the profile
    theme: tuple[str, str]  # a theme's name and category
    said: tuple[str, ...]  # its buyers' lines, each on a call of its own
    phrases: tuple[str, ...]  # the phrases its buyers repeat
    bad: tuple[str, ...]  # no keyword
    good: tuple[str, ...]  # keywords


PRODUCTS = {
    "vets": Product(
        "vet practice software",
        ("Vaccine reminder texts go out two weeks before a booster is due.",),
        ("Staff adoption", "adoption"),
        (
            "Frankly nothing changes until the new partner starts.",
            "The paper diary runs fine for the nurses.",
            "Our nurses won't learn another system.",
            "We send vaccine reminder texts by hand every Friday.",
        ),
        ("frankly nothing changes", "runs fine", "learn another system", "vaccine reminder texts"),
        ("frankly nothing changes", "runs fine", "learn another system"),
        ("vaccine reminder texts",),
    ),
    "warehousing": Product(
        "warehouse management software",
        ("Cycle count reports by aisle, emailed every morning.",),
        ("Setup time", "setup_time"),
        (
            "Ours handles pallet labels already.",
            "We can't change anything the week before peak.",
            "Admittedly nobody checks the cycle count reports.",
        ),
        (
            "handles pallet labels",
            "week before peak",
            "admittedly nobody checks",
            "cycle count reports",
        ),
        ("handles pallet labels", "week before peak", "admittedly nobody checks"),
        ("cycle count reports",),
    ),
    "salons": Product(
        "salon booking software",
        ("Online booking takes a deposit for colour appointments.",),
        ("Staff adoption", "adoption"),
        (
            "Half our clients won't download anything.",
            "The stylists are flat out the night before prom.",
            "Deposits for colour appointments would save us.",
        ),
        ("clients won't download", "night before prom", "colour appointments"),
        ("clients won't download", "night before prom"),
        ("colour appointments",),
    ),
    "accounting": Product(
        "accounting practice software",
        ("Receipt capture from the client app straight into the ledger.",),
        ("Integrations", "integrations"),
        (
            "Dave gets the receipts in a carrier bag every quarter.",
            "Ideally everything syncs overnight.",
            "Receipt capture on the phone would be the big win.",
        ),
        ("gets the receipts", "ideally everything syncs", "receipt capture"),
        ("gets the receipts", "ideally everything syncs"),
        ("receipt capture",),
    ),
}


def _evidence(product: Product) -> Evidence:
    evidence, _ = one_theme_evidence(*product.theme, product.said)
    evidence.phrases = [Phrase(text, 2) for text in product.phrases]
    evidence.profile = [ProfileFact(n, "features", t) for n, t in enumerate(product.facts, start=1)]
    evidence.product_category = product.category
    return evidence


@pytest.mark.parametrize("trade", PRODUCTS)
def test_keywords_name_things_not_remarks_clauses_or_dates(trade: str) -> None:
    product = PRODUCTS[trade]
    found = keywords(_evidence(product))
    assert found[0].startswith(product.category), found
    assert not set(product.bad) & set(found), found
    assert set(product.good) <= set(found), found


@pytest.mark.parametrize(
    "phrase",
    [
        "realistically nothing happens",  # an adverb's remark, its subject and verb
        "honestly bookings drop",
        "works fine",  # a verdict: no thing at its end
        "uses commercial vehicle",  # a light verb's tense: its subject was cut
        "needs a rota",
        "dog was limping",  # a tense inside
        "staff won't log",
    ],
)
def test_a_remark_or_a_clause_names_nothing(phrase: str) -> None:
    domain = frozenset("vehicle rota dog staff bookings works".split())
    assert not names_a_thing(phrase, [], domain)


def test_a_phrase_after_its_subject_where_said_is_a_clause() -> None:
    """ "use another app" of "They won't use another app": the verb's subject is cut."""
    domain = frozenset(["app", "kennel", "pallet"])
    said = ["They won't use another app.", "Ours cleans every kennel twice a day."]
    assert not names_a_thing("use another app", said, domain)
    assert not names_a_thing("cleans every kennel", said, domain)
    assert names_a_thing("pallet labels", ["We print pallet labels by hand."], domain)


def test_a_phrase_of_another_domain_is_no_keyword() -> None:
    """A florist's "school run" on a van-tracking page names nothing its searchers look for;
    a word of the same stem counts ("routing" for "route"), as does a worry's topic word."""
    domain = frozenset(["route", "van", "tracking"])
    assert not names_a_thing("school run", [], domain)
    assert names_a_thing("delivery routing", [], domain)
    assert names_a_thing("twelve month contract", [], domain)  # a contract: the detector's
    assert names_a_thing("monthly van hire", [], domain)  # "monthly" says how often
