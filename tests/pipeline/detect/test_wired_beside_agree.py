"""A system of the buyer's that ours must be wired to or sit beside is their set-up, no rival,
whether they say so in the name's own sentence (``kept_tools``) or in the next (``their_systems``):
one rule (``kept_tools.wired_beside_it``) reads both.

Why: "We run PalletMind, can yours push to it?" was the buyer's own system while "We run
PalletMind. Can yours push to it?" counted PalletMind a rival: the two rooms had two lists of
wiring words. The lines are other trades' (a vet group, a warehouse, a salon chain), invented.
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors

WORK = ["Staff rotas, shift swaps and time clocking for clinics, salons and warehouses."]


def _one_sentence(name_said: str, wired: str) -> list[str]:
    sentence = f"{name_said.rstrip('.')}, {wired[0].lower()}{wired[1:]}"
    return [h.name for h in find_competitors(sentence, [], around=sentence, work=WORK)]


def _two_sentences(name_said: str, wired: str) -> list[str]:
    around = f"{name_said} {wired}"
    return [h.name for h in find_competitors(name_said, [], around=around, work=WORK)]


@pytest.mark.parametrize(
    ("name_said", "wired"),
    [
        # a vet group's practice system
        ("We're on VetNexa Cloud.", "Whatever you do has to sit beside it."),
        ("We run VetNexa Cloud.", "Can yours push to it?"),
        # a warehouse's stock system
        ("We use PalletMind.", "Yours would have to post to it."),
        ("We run PalletMind.", "Your app would need to sit alongside it."),
        # a salon chain's till
        ("We use Saloniq at the desk.", "Whatever you pick has to sit on top of it."),
        ("We're on Saloniq.", "Yours would need to talk to it."),
    ],
)
def test_a_system_ours_is_wired_to_is_theirs_in_one_sentence_or_two(
    name_said: str, wired: str
) -> None:
    assert _one_sentence(name_said, wired) == []
    assert _two_sentences(name_said, wired) == []


@pytest.mark.parametrize(
    ("name_said", "wired", "rival"),
    [
        # the incumbent for our own work, kept until its contract ends
        ("We're on Clockrail.", "We're tied into it until June.", "Clockrail"),
        ("We use Rotafox.", "So yours would have to run alongside it till March.", "Rotafox"),
        ("We looked at ShiftPebble.", "Can yours talk to it?", "ShiftPebble"),
    ],
)
def test_a_rival_stays_one_in_one_sentence_or_two(name_said: str, wired: str, rival: str) -> None:
    """Guards: an incumbent tied in or run alongside until renewal, and a rival they weighed."""
    assert _one_sentence(name_said, wired) == [rival]
    assert _two_sentences(name_said, wired) == [rival]
