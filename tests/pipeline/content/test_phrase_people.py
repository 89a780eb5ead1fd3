"""A brief's buyer phrases name no one: "jake miller" (our rep, from a notes tool's action
items) had been listed as a buyer phrase to reuse."""

from __future__ import annotations

from pipeline.content.evidence import Phrase
from pipeline.content.theme_names import without_people
from pipeline.redact import Redactor


def test_people_of_the_calls_are_no_buyer_phrase() -> None:
    redactor = Redactor(["Lisa Moreno", "Mark Ochoa"], ours=["Owen Pike", "Jake Miller"])
    phrases = [
        Phrase("jake miller", 3),
        Phrase("migration plan", 2),
        Phrase("send jake the", 2),
        Phrase("lisa moreno said", 2),
        Phrase("mark up the quote", 2),  # "mark" is a word as well as a name
        Phrase("price per seat", 2),
    ]
    kept = [p.text for p in without_people(phrases, redactor)]
    assert kept == ["migration plan", "mark up the quote", "price per seat"]
