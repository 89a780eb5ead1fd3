"""An email thread saved as text: each message is its writer's turn (oldest first), the side
from the roster, our company and the email domains, the account from the buyer's signature or
the subject.

Why: an Outlook thread of three messages had kept only the top one, stored as the rep's notes
though the buyer wrote it, with no account; the buyer's first email (its migration and price
worries) and the rep's reply were gone."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.titles import title_account

OUTLOOK = """From: Nadia Brooks <nadia.brooks@harbourvets.co.uk>
Sent: Thursday, May 7, 2026 3:02 PM
To: Owen Pike <owen@clinicly.io>
Cc: Raj Patel <raj@harbourvets.co.uk>
Subject: RE: Clinicly rollout for Harbour Vets

Owen,

Thanks. The import helps, but we're tied to VetBase until August and I won't pay for two systems.

Nadia

Nadia Brooks | Practice Manager
Harbour Vets
01632 960 123

________________________________
From: Owen Pike <owen@clinicly.io>
Sent: Wednesday, May 6, 2026 11:20 AM
To: Nadia Brooks <nadia.brooks@harbourvets.co.uk>
Subject: RE: Clinicly rollout for Harbour Vets

Hi Nadia,

We import your VetBase records, and billing can start when your contract ends.

Best,
Owen Pike
Account Executive | Clinicly
owen@clinicly.io | 01632 960 456

This email and any attachments are confidential and intended solely for the addressee.

-----Original Message-----
From: Nadia Brooks <nadia.brooks@harbourvets.co.uk>
Sent: Tuesday, May 5, 2026 9:41 AM
To: Owen Pike <owen@clinicly.io>
Subject: Clinicly rollout for Harbour Vets

Hi Owen,

1. We have ten years of records in VetBase. If they can't come over, the vets will refuse.
2. Your price per seat is higher than what we pay now.

Nadia
"""

GMAIL = """From: Tess Moreau <tess@lumenlegal.example>
To: Ana Ruiz <ana@docketly.example>
Subject: Re: Docketly pilot
Date: Mon, 4 May 2026 10:00:00 +0000

Ana, that works. Send the order form.

On Fri, May 1, 2026 at 4:10 PM Ana Ruiz <ana@docketly.example> wrote:
> Tess, we can start monthly.
>
> On Thu, Apr 30, 2026 at 9:14 AM Tess Moreau <tess@lumenlegal.example> wrote:
>> An annual contract is a non-starter for our partners.
>> Tess
"""


def _call(text: str, *, ours: Sequence[str] = (), roster: Sequence[str] = ()) -> ParsedCall:
    [call] = parse_file(text.encode(), "thread.txt", our_speakers=roster, our_companies=ours)
    return call


def _said(call: ParsedCall) -> list[tuple[str | None, str, str]]:
    return [(u.speaker, u.role, u.text) for u in call.utterances]


def test_an_outlook_thread_is_every_message_by_its_writer() -> None:
    call = _call(OUTLOOK, ours=["Clinicly"])
    said = _said(call)
    assert said == [
        ("Nadia Brooks", "buyer", "We have ten years of records in VetBase. If they can't come "
         "over, the vets will refuse."),
        ("Nadia Brooks", "buyer", "Your price per seat is higher than what we pay now."),
        ("Owen Pike", "rep", "We import your VetBase records, and billing can start when your "
         "contract ends."),
        ("Nadia Brooks", "buyer", "Thanks. The import helps, but we're tied to VetBase until "
         "August and I won't pay for two systems."),
    ]  # fmt: skip
    assert call.account == "Harbour Vets"
    assert str(call.call_date) == "2026-05-07"
    assert {p.name for p in call.people} == {"Nadia Brooks", "Owen Pike", "Raj Patel"}


def test_the_roster_tells_our_writer_when_the_company_is_not_set() -> None:
    call = _call(OUTLOOK, roster=["Owen Pike"])
    assert {(s, r) for s, r, _ in _said(call)} == {("Nadia Brooks", "buyer"), ("Owen Pike", "rep")}


def test_a_gmail_chain_reads_each_quoted_level_as_a_message() -> None:
    call = _call(GMAIL, ours=["Docketly"])
    assert _said(call) == [
        ("Tess Moreau", "buyer", "An annual contract is a non-starter for our partners."),
        ("Ana Ruiz", "rep", "Tess, we can start monthly."),
        ("Tess Moreau", "buyer", "Ana, that works. Send the order form."),
    ]


def test_with_no_side_known_no_writer_is_called_a_buyer() -> None:
    call = _call(OUTLOOK)
    assert {u.role for u in call.utterances} == {"unknown"}
    assert "Nadia Brooks" in {u.speaker for u in call.utterances}


def test_a_subject_naming_our_company_first_names_the_account() -> None:
    assert title_account("RE: Clinicly proposal for Harbour Vets", ["Clinicly"]) == "Harbour Vets"
