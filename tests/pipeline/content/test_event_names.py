"""A first name standing for a storm, an event or a place stays ("since Katrina", "before
Harvey hit", "based in Charlotte"); wherever the text treats it as a person, it is hidden."""

from __future__ import annotations

import pytest

from pipeline.event_names import stands_for_an_event_or_place
from pipeline.redact import NAME, Redactor


@pytest.mark.parametrize(
    "said",
    [
        "We've been on paper for everything since, gosh, since Katrina, really.",
        "The marina lost half its slips after Sandy.",
        "Before Harvey hit, we had two trucks on the road every day.",
        "During Katrina we were closed for a month and the clinic flooded.",
        "Ever since Ian, our flood insurance on the barns has doubled.",
        "Since Hugo the dock fees have been a sore point with members.",
        "After Ike came through we rebuilt the kennels from scratch.",
        "We haven't had a server outage since Irene.",
        "Our crop insurance went up after Helene, and again after Milton.",
        "Until Dorian, the charity never had a flood plan.",
        "We're based in Charlotte.",
        "Most of our clients are up in Jackson, and the rest are local.",
        "The school relocated to Adelaide, and the roll doubled.",
    ],
)
def test_a_storm_or_a_place_stays(said: str) -> None:
    assert Redactor().redact(said) == said


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Since Katrina joined, the front desk runs itself.", f"Since {NAME} joined,"),
        ("I'll call after Sandy gets back from the yard.", f"after {NAME} gets back"),
        ("Katrina said to wait. Since Katrina, nothing moved.", f"Since {NAME}, nothing"),
        ("Since Katrina, our office manager, left we've struggled.", f"Since {NAME}, our"),
        ("Ever since Harvey, he's been doing the rota himself.", f"since {NAME}, he's"),
        ("Let's loop in Katrina before the board meets.", f"loop in {NAME} before"),
        ("We have a real champion in Sandy.", f"champion in {NAME}."),
        ("Send the quote to Adelaide by Monday.", f"to {NAME} by"),
        ("After Harvey hit his target we paid the bonus.", f"After {NAME} hit his"),
        ("Before Ian and Ruth sign, we need the pricing.", f"Before {NAME} and"),
        ("Until Katrina's back, the vet can't approve it.", f"Until {NAME}'s back"),
        ("Talk to Ian after the demo, before Hugo leaves.", f"before {NAME} leaves"),
    ],
)
def test_a_name_the_text_treats_as_a_person_is_hidden(said: str, shown: str) -> None:
    assert shown in Redactor().redact(said)


def test_a_listed_buyer_is_hidden_even_where_a_storm_would_stand() -> None:
    """The calls list a Katrina: under-redaction is the worse mistake, so she stays hidden."""
    redactor = Redactor(["Katrina Diaz"])
    assert redactor.redact("Nothing's changed since Katrina.") == f"Nothing's changed since {NAME}."


def test_only_a_time_or_a_place_word_makes_an_event() -> None:
    text = "We spoke to Katrina."
    start = text.index("Katrina")
    assert not stands_for_an_event_or_place(text, start, start + len("Katrina"))
