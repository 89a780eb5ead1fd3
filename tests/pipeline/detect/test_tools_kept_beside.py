"""A guessed name the buyer says as a tool they keep beside whatever they buy (payments, the
books, the gates, e-mail), or as a place, is no rival; one they chose, were quoted by or weigh
is, and a rival the call's record or the settings list is one however it is said.

Why: a marina buyer's review: "We're with GoCardless already for the annual berth fees", Xero,
QuickBooks Desktop, Sage 200, Paxton (the gates) and a town ("the yard over at Cedar Key") were
counted among "Competitors named", their sentences filled "We went with a competitor" and each
could be given a comparison page. The variants are other trades' calls, with invented names.
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors

RIVALS = ["Kestrel", "TillTrack"]  # configured in every case below: none of them is said


def names(sentence: str, *, call: str = "", known: list[str] = RIVALS) -> list[str]:
    return [h.name for h in find_competitors(sentence, known, call=call)]


@pytest.mark.parametrize(
    "sentence",
    [
        # money in and out: direct debits, payouts, card machines, tax
        "We're with Debitly already for the annual membership fees, most pay monthly.",
        "We're with Remitto for the driver payouts.",
        "We use Remitto to pay the drivers every Friday.",
        "We're with Cardwell for the card machines at the farm shop.",
        "We're on Ledgerline 365 for e-mail and the shared calendars.",
        # the books, kept by the accountant or finance
        "We're on Tallybook Desktop and the accountant won't budge.",
        "We're on Sumwise 200 and finance won't change.",
        "We use Booksmith and the bookkeeper swears by it.",
        # the gates and doors
        "We use Gatewise on the pontoon gates.",
        "We're on Gatewise for the doors and the barrier.",
        "Our Entrix gate hardware is ten years old.",
        # a system ours would sit beside or sync with
        "We're on Kegworth already, so whatever you do has to sit beside it.",
        "We're on Arbor MIS, and the new app has to sync with it.",
        "We use LabLink today, and yours would have to talk to it.",
        # a place: "over at X" after a noun, a place places.toml lists
        "My cousin runs the yard over at Cedar Key on it.",
        "We're still on paper over at Port Douglas.",
        "The lab over at Maple Ridge has the same problem.",
        "Honestly it's busier than Denver here in July.",
    ],
)
def test_a_tool_kept_beside_ours_or_a_place_is_no_rival(sentence: str) -> None:
    assert names(sentence) == []


# Guessed in one sentence; the call says it elsewhere as wired to theirs, paid or sent through,
# or as a place.
SAID_ELSEWHERE = [
    ("Good, we're on Ledgerly already.", "Receipts are tax invoices; it all posts to Ledgerly."),
    ("We're with Trioscan for the scans.", "We send the impressions through Trioscan."),
    ("We use Payvault and it's fine.", "The wages are paid via Payvault on Thursdays."),
    ("We looked at Port Douglas first.", "Our other marina in Port Douglas has forty berths."),
    ("We tried Hollins Bay in May.", "The brewery in Hollins Bay is the older one."),
    ("We're on Tallybook Desktop.", "And your app syncs with Desktop directly?"),
    ("We use Stockly and it's fine.", "Does your system work with Stockly?"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "elsewhere"), SAID_ELSEWHERE)
def test_a_guess_the_call_says_as_kept_or_a_place_is_no_rival(
    sentence: str, elsewhere: str
) -> None:
    assert names(sentence, call=elsewhere) == []


@pytest.mark.parametrize(
    ("sentence", "elsewhere", "rival"),
    [
        ("We went with Dockhand in the end.", "", "Dockhand"),
        ("Harbour Assist quoted us half that.", "", "Harbour Assist"),
        ("Over at Jobber they charge per tech.", "", "Jobber"),
        ("We use Slipway today and it's fine.", "Everything posts to Xero.", "Slipway"),
        ("We switched from Yardly because my accountant won't hear of it.", "", "Yardly"),
        ("Our Verizon Connect contract runs to March, so yours would have to run alongside it.",
         "", "Verizon Connect"),
        ("We moved everything off Lettbase Desktop in the autumn.", "", "Lettbase Desktop"),
        ("We use MailMagpie for the newsletter, too.", "", "MailMagpie"),
    ],
)  # fmt: skip
def test_a_rival_they_chose_weigh_or_run_is_still_guessed(
    sentence: str, elsewhere: str, rival: str
) -> None:
    assert names(sentence, call=elsewhere) == [rival]


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [
        ("We're on Kegworth already, so whatever you do has to sit beside it.", "Kegworth"),
        ("We use Gatewise on the pontoon gates.", "Gatewise"),
        ("We're with Remitto for the driver payouts.", "Remitto"),
        ("We're on Tallybook Desktop and the accountant won't budge.", "Tallybook"),
        ("My cousin runs the yard over at Cedar Key on it.", "Cedar Key"),
    ],
)
def test_a_listed_rival_is_one_however_it_is_said(sentence: str, listed: str) -> None:
    assert listed in names(sentence, call="It all posts to " + listed, known=[listed])
