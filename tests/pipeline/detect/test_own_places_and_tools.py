"""A guessed name the buyer says as one of their own places, or as a tool they sign in with or
wire to what they buy, is no rival; a configured rival is named whatever is said around it.

Why: a marina group's own site ("A boat gets moved from Pelican Cut to Mangrove Point", "a pilot
at Pelican Cut first") and its identity provider ("We're on Microsoft Entra and I'm not managing
another set of passwords") had been competitors on the dashboard, the filters and the theme
pages. The variants are other trades' calls, with invented names.
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.embed import Embedder

RIVALS = ["Kestrel", "TillTrack"]  # configured in every case below: none of them is said


def names(sentence: str, *, around: str = "", call: str = "") -> list[str]:
    """The names found; ``call`` only when given (the negatives read as they did before it)."""
    more = {"call": call} if call else {}
    return [h.name for h in find_competitors(sentence, RIVALS, around=around, **more)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a thing moved between two of the buyer's places
        "A van gets moved from Northgate Depot to Eastfield for the week and both invoice it.",
        "Patients are moved from Riverside Clinic to Hillcrest when the ward fills.",
        "Stock was moved from Oakley Barn to Long Meadow and nobody updated the count.",
        "The hearse was moved over from Ashby Chapel to Greenlaw and we booked it twice.",
        "Kit gets moved from Harbour Lane to Westgate Studio every Monday.",
        # a sentence about signing in: the name is the identity provider
        "We use Bitwarden Teams and nobody wants another password.",
        "Calves get moved from Top Field to Lower Barn in October.",
        "We use Okta Verify and the board wants SSO on everything.",
        "We're on JumpCloud, so single sign-on is a must.",
        "We've been on Azure Entra for years and MFA is mandatory for the vets.",
        "We use Duo Mobile and two-factor is non-negotiable.",
        # a tool kept for a back-office job
        "We use GoCardless for online payments and it works.",
        "We use Fastmail for staff e-mail.",
        "We use Rippling for logins and payroll.",
    ],
)
def test_a_place_of_theirs_or_a_tool_of_another_kind_is_no_rival(sentence: str) -> None:
    assert names(sentence) == []


# Guessed in one sentence; the call says it elsewhere as their place or their wired tool.
SAID_ELSEWHERE = [
    ("We moved from Pelham Yard last spring.", "So the pilot at Pelham Yard first, please."),
    ("We left Caister Road in May.", "Our Caister Road branch has the old printer."),
    ("We're on Broadmere now.", "Everything is based at Broadmere, the farm shop too."),
    ("We tried Linwood Grange for the spring.", "Down at Linwood Grange the signal's bad."),
    ("We use Parkside every day.", "Our second site, Parkside, has twelve rooms."),
    ("We're on FreeAgent and it's fine.", "It has to sync with FreeAgent or the bookkeeper quits."),
    ("We pay Gusto about forty a month.", "Can you push the hours into Gusto?"),
    ("We use Xero and the accountant likes it.", "Does the Xero integration post the fees?"),
    ("We're on Okta for now.", "Staff sign in with Okta on every device."),
    ("We use SumUp at the counter.", "We'd want it to connect straight to SumUp."),
]


@pytest.mark.parametrize(("sentence", "elsewhere"), SAID_ELSEWHERE)
def test_a_guess_the_call_says_as_their_own_is_no_rival(sentence: str, elsewhere: str) -> None:
    assert names(sentence, call=elsewhere) == []
    assert names(sentence, around=elsewhere) == []


@pytest.mark.parametrize(
    ("sentence", "elsewhere", "rival"),
    [
        # products they run, left or weigh: still guessed rivals
        ("We moved from Jobber to ServiceTitan last year.", "", "Jobber"),
        ("We moved everything off PestPac in March.", "The techs hated PestPac.", "PestPac"),
        ("We use Passare, the directors like it.", "Over at Passare they charge more.", "Passare"),
        ("We're on Cliniko and it's slow.", "We'd import our notes from Cliniko.", "Cliniko"),
        ("We looked at Harvest last year.", "We talked to Harvest about their pricing.", "Harvest"),
        ("We've been trialling Herdwatch.", "We'd export everything to Herdwatch.", "Herdwatch"),
        ("Our Beacon contract ends in May.", "Beacon's site is down again.", "Beacon"),
    ],
)  # fmt: skip
def test_a_product_they_run_or_weigh_is_still_a_rival(
    sentence: str, elsewhere: str, rival: str
) -> None:
    assert names(sentence, around=elsewhere) == [rival]


@pytest.mark.parametrize(
    "sentence",
    [
        "We're on Kestrel and nobody wants another password.",
        "A van gets moved from Kestrel to TillTrack every week.",
    ],
)
def test_a_configured_rival_is_named_whatever_is_said_around_it(sentence: str) -> None:
    around = "Our Kestrel site is small. It has to sync with TillTrack."
    assert set(names(sentence, around=around)) <= set(RIVALS) and names(sentence, around=around)


def test_the_detector_reads_the_whole_call_for_a_guess(embedder: Embedder) -> None:
    """ "We moved from Pelham Yard" names no rival once the call says "our Pelham Yard site"."""
    detector = RuleEmbeddingDetector(embedder)
    found = detector.detect_utterances(
        [
            _Turn(1, "buyer", "We moved from Pelham Yard last spring and the invoices broke."),
            _Turn(2, "rep", "Right, and how many boats?"),
            _Turn(3, "buyer", "About forty at our Pelham Yard site, sixty at the main one."),
        ]
    )
    assert not [d.competitor for items in found.values() for d in items if d.competitor]


class _Turn:
    def __init__(self, id: int, role: str, text: str) -> None:
        self.id, self.role, self.text, self.call_id = id, role, text, 1
