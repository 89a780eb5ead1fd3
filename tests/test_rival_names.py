"""One name per competitor: aliases and spellings (pure)."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.rival_names import RivalNames, squashed


def test_alias_and_spelling_take_the_competitors_name() -> None:
    names = RivalNames.of({" HCP ": "Housecall  Pro", "": "x"}, ["Jobber"])
    assert names.aliases == {"HCP": "Housecall Pro"}
    assert names.canonical("hcp") == "Housecall Pro"
    assert names.canonical("HouseCall-Pro") == "Housecall Pro"
    assert names.canonical("JOBBER") == "Jobber"
    assert names.canonical("ServiceTitan") == "ServiceTitan"
    assert names.canonical("servicetitan", known=["ServiceTitan"]) == "ServiceTitan"
    assert names.canonical_list(["HCP", "Housecall Pro", "Jobber", " "]) == [
        "Housecall Pro",
        "Jobber",
    ]


def test_spellings_are_what_a_sentence_may_name() -> None:
    names = RivalNames.of({"HCP": "Housecall Pro"}, ["Jobber"])
    assert names.spellings(["FieldPulse"]) == ("FieldPulse", "Jobber", "Housecall Pro", "HCP")


@pytest.mark.parametrize(("raw", "key"), [("Housecall Pro", "housecallpro"), ("A&B", "ab")])
def test_squashed(raw: str, key: str) -> None:
    assert squashed(raw) == key


def test_aliases_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLMINE_COMPETITOR_ALIASES", '{"HCP": "Housecall Pro"}')
    assert Settings().rival_names.canonical("HCP") == "Housecall Pro"
