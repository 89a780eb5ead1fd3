"""A buyer asking for a language (of support, of the product, of its documents) is answered by
a fact naming that language, a planned one as planned, and never by a fact its theme happens to
share: "And the help desk, it is in French?" had been answered with the MFA fact while the
roadmap listed a French-language help desk (walk 8, snag 7). Where no fact names the language,
the line is left to write. Three trades: a Quebec bakery's till, a Texas clinic's booking app,
a Swiss freight tool."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.drafts import one_pager
from pipeline.content.evidence import Evidence
from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.spoken_languages import asks_language, names_language_asked
from tests.pipeline.content.one_theme import one_theme_evidence


def _profile(**lists: list[str]) -> ProductProfile:
    empty: dict[str, list[str]] = {
        k: [] for k in ("pricing", "plans", "features", "integrations", "security")
    }
    empty |= {"onboarding": [], "proof_points": [], "roadmap": []}
    return ProductProfile(name="Ours", **(empty | lists))


def _evidence(said: list[str], profile: ProductProfile) -> Evidence:
    evidence, cluster = one_theme_evidence("Staff adoption", "adoption", said)
    return replace(evidence, clusters=[cluster], profile=profile_facts(profile))


# (the adoption worry a shipped fact answers, that fact, the language asked for, the roadmap
# fact naming it, a shipped fact naming another language)
TRADES = [
    ("My counter staff won't sit through a long training on a new till.",
     "Counter staff learn the till in a 15-minute training video.",
     "Half my counter staff only read French, is the till screen in French?",
     "A French till screen and French receipts for Quebec bakeries (planned for Q3 2027).",
     "Allergen labels print in English and Spanish."),
    ("My front desk won't sit through a long training on another booking app.",
     "Front desk staff learn the booking app in one 20-minute training.",
     "Half my front desk is Spanish-speaking, is the booking app in Spanish?",
     "A Spanish version of the booking app and patient reminders (planned, no date yet).",
     "Appointment reminders can be sent in French or English."),
    ("The dispatchers won't sit through a long training on new software.",
     "Dispatchers learn the board in a 30-minute training session.",
     "Our drivers in Basel only read German, are the delivery screens in German?",
     "German delivery screens for the driver app (planned for 2027).",
     "Invoices can be issued in Italian or English."),
]  # fmt: skip


@pytest.mark.parametrize(("worry", "training", "line", "planned", "other"), TRADES)
def test_a_language_asked_for_is_answered_by_the_planned_fact_naming_it(
    worry: str, training: str, line: str, planned: str, other: str
) -> None:
    """Beside a worry a shipped fact answers, the language line gets the roadmap's fact, said
    as planned; the fact shipped for the theme, or for another language, does not answer it."""
    profile = _profile(features=[training, other], roadmap=[planned])
    [item] = objection_faq(_evidence([worry, line], profile)).items
    assert f"Planned, not available yet: {planned}" in item.answer, item.answer
    assert training in item.answer and other not in item.answer, item.answer
    assert item.citations[:2] == [1, 2]


@pytest.mark.parametrize(("worry", "training", "line", "planned", "other"), TRADES)
def test_a_shipped_fact_naming_the_language_answers_before_a_planned_one(
    worry: str, training: str, line: str, planned: str, other: str
) -> None:
    """The language line alone: a fact we have naming its language answers it as we have it."""
    shipped = planned.split(" (planned")[0].replace("A Spanish", "The Spanish") + "."
    profile = _profile(features=[training, shipped, other], roadmap=[planned])
    [item] = objection_faq(_evidence([line], profile)).items
    assert shipped in item.answer and "Planned" not in item.answer, item.answer
    assert training not in item.answer and other not in item.answer, item.answer


@pytest.mark.parametrize(("worry", "training", "line", "planned", "other"), TRADES)
def test_a_language_no_fact_names_is_left_to_write(
    worry: str, training: str, line: str, planned: str, other: str
) -> None:
    """No fact names the language asked for: alone the line is "To write"; beside a worry a
    fact answers, it is not cited under that answer."""
    profile = _profile(features=[training, other])
    [alone] = objection_faq(_evidence([line], profile)).items
    assert alone.answer.startswith("To write") and alone.profile == [], alone.answer
    [mixed] = objection_faq(_evidence([worry, line], profile)).items
    assert mixed.answer.startswith(training) and other not in mixed.answer, mixed.answer
    assert mixed.citations == [1], mixed.citations


@pytest.mark.parametrize(
    "line",
    [
        "Our assistants are not comfortable to explain a problem in English.",
        "Do your support agents speak Portuguese?",
        "We need bilingual menus on the kiosk.",
        "The manuals are English-only, that is a problem for my crew.",
        "Can the dispatch screens show Polish?",
    ],
)
def test_a_line_asking_for_a_language(line: str) -> None:
    assert asks_language(line)


@pytest.mark.parametrize(
    "line",
    [
        "We mostly install French doors and sash windows.",
        "Our French stores close in August.",
        "Most of our customers are in French Canada.",
        "A German shepherd bit our courier last week.",
        "We're a Swiss company, so the contract is under Swiss law.",
    ],
)
def test_a_language_name_that_asks_for_no_language(line: str) -> None:
    assert not asks_language(line)


def test_an_english_only_worry_wants_another_language() -> None:
    said = "Some of the assistants can't explain a problem in English."
    assert names_language_asked("A French-language help desk line (planned).", said)
    assert not names_language_asked("Our help desk answers in English, 24/7.", said)


@pytest.mark.parametrize(("worry", "training", "line", "planned", "other"), TRADES)
def test_a_one_pager_answers_a_language_line_as_planned_or_to_write(
    worry: str, training: str, line: str, planned: str, other: str
) -> None:
    """The one-pager's entry headed by the language line: the roadmap's fact naming it, as
    planned; with none, "To write", never the training fact its theme shares."""
    with_plan = _evidence([line, worry], _profile(features=[training, other], roadmap=[planned]))
    [entry] = one_pager(with_plan).objections
    assert entry.answer == f"Planned, not available yet: {planned}", entry.answer
    without = _evidence([line, worry], _profile(features=[training, other]))
    [entry] = one_pager(without).objections
    assert entry.answer.startswith("To write"), entry.answer


@pytest.mark.parametrize(
    ("fact", "said", "answers"),
    [
        ("Support in English, French and German, 7am to 7pm.", "Is the hotline in German?", True),
        ("Hosted in German data centres (Frankfurt).", "Is the app in German?", False),
        ("Menus and receipts print in English or Spanish.", "Do you do French and Spanish?", True),
        ("Menus and receipts print in English or Spanish.", "Can it print in Portuguese?", False),
        ("Receipts print in French.", "Is your help desk in French?", False),  # another thing
        ("Receipts print in French.", "Do you do French at all?", True),  # no thing asked of
    ],
)
def test_a_fact_names_a_language_as_one_used(fact: str, said: str, answers: bool) -> None:
    """Every language of a list one is used in counts; one only qualifying a place does not."""
    assert names_language_asked(fact, said) is answers


# (the line asking for a language of one thing, a fact naming that language of another thing,
# a fact naming it of the thing asked): a salon's help desk, a courier's driver app, a dental
# practice's patient letters (walk 8, issue 16)
OTHER_THING = [
    ("Does your help desk speak French?",
     "Receipts can be printed in French.",
     "Our help desk answers in English and French, 8am to 8pm."),
    ("Is the driver app in Spanish?",
     "Our support line takes calls in Spanish.",
     "The driver app can be switched to Spanish."),
    ("Can the patient letters go out in Welsh?",
     "The booking screens can be shown in Welsh.",
     "Patient letters and reminders can be sent in Welsh."),
]  # fmt: skip


@pytest.mark.parametrize(("line", "other", "same"), OTHER_THING)
def test_a_language_of_another_thing_leaves_the_line_to_write(
    line: str, other: str, same: str
) -> None:
    """The only fact naming the language is about another thing: "To write", as with none."""
    [item] = objection_faq(_evidence([line], _profile(features=[other]))).items
    assert item.answer.startswith("To write") and item.profile == [], item.answer
    [entry] = one_pager(_evidence([line], _profile(features=[other]))).objections
    assert entry.answer.startswith("To write"), entry.answer


@pytest.mark.parametrize(("line", "other", "same"), OTHER_THING)
def test_the_fact_of_the_thing_asked_answers_the_language_line(
    line: str, other: str, same: str
) -> None:
    """Beside it, the fact naming the language of the thing asked answers, the other does not."""
    [item] = objection_faq(_evidence([line], _profile(features=[other, same]))).items
    assert same in item.answer and other not in item.answer, item.answer
