"""Forwarded and quoted email chains: every quoted or forwarded block is a message of its own.

Why: an Outlook "FW:" of a buyer's reply had kept the rep's earlier email under its second
"-----Original Message-----", with both signatures (one with a phone number), as the buyer's
words; the rep's "Happy to set up a call..." then joined an objection theme. Each block (Outlook's
"-----Original Message-----" and rule of underscores, Gmail's "On ... wrote:" and "Forwarded
message", Apple Mail's "Begin forwarded message:") now opens its own message, its writer from its
From line: a buyer's words are theirs, at every level; one of ours quoted in a forward is left out;
a signature is nobody's words at any level."""

from __future__ import annotations

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall


def _call(text: str, ours: str = "Tillwise") -> ParsedCall:
    [call] = parse_file(text.encode(), "mail.txt", our_companies=[ours])
    return call


def _said(call: ParsedCall) -> list[tuple[str | None, str, str]]:
    return [(u.speaker, u.role, u.text) for u in call.utterances]


def _everything(call: ParsedCall) -> str:
    return " ".join(u.text for u in call.utterances)


OUTLOOK_FORWARD = """From: Corinne Baptiste <corinne.baptiste@tillwise.example>
Sent: Friday, April 10, 2026 9:14 AM
To: Hugo Lind <hugo.lind@tillwise.example>
Subject: FW: Harbour Street Dental - next steps

Hugo - they went another way, see below.

Corinne

-----Original Message-----
From: Nell Okafor <nell@harbourstreetdental.example>
Sent: Thursday, April 9, 2026 4:31 PM
To: Corinne Baptiste <corinne.baptiste@tillwise.example>
Subject: RE: Harbour Street Dental - next steps

Hi Corinne,

We are staying with our current booking system until the lease renewal in October.

The per-chair fee was more than the partners wanted to pay this year.

Nell Okafor
Practice Manager, Harbour Street Dental
(020) 7946 0812

-----Original Message-----
From: Corinne Baptiste <corinne.baptiste@tillwise.example>
Sent: Monday, April 6, 2026 11:02 AM
To: Nell Okafor <nell@harbourstreetdental.example>
Subject: Harbour Street Dental - next steps

Hi Nell,

Happy to set up a call with our onboarding lead on the reminder texts.

Corinne Baptiste
Account Executive | Tillwise
"""


def test_an_outlook_forward_keeps_only_the_buyers_words_of_the_chain() -> None:
    call = _call(OUTLOOK_FORWARD)
    assert _said(call) == [
        ("Nell Okafor", "buyer", "We are staying with our current booking system until the "
         "lease renewal in October."),
        ("Nell Okafor", "buyer", "The per-chair fee was more than the partners wanted to pay "
         "this year."),
    ]  # fmt: skip
    assert call.extra["forward_note"] == ["Hugo - they went another way, see below.", "Corinne"]


OUTLOOK_RULES = """From: Ines Marlow <ines@fieldcrew.example>
Sent: Tuesday, March 3, 2026 8:40 AM
To: Pipeline <crm@fieldcrew.example>
Subject: FW: RE: Quote for Oakline HVAC

For the file.

________________________________
From: Tariq Bell <tariq.bell@oaklinehvac.example>
Sent: Monday, March 2, 2026 6:15 PM
To: Ines Marlow <ines@fieldcrew.example>
Subject: RE: Quote for Oakline HVAC

Ines,

Our techs won't carry a second phone, so the app has to run on the ones they have.

Sent from my iPhone

________________________________
From: Ines Marlow <ines@fieldcrew.example>
Sent: Monday, March 2, 2026 10:03 AM
To: Tariq Bell <tariq.bell@oaklinehvac.example>
Subject: RE: Quote for Oakline HVAC

Tariq, the quote covers all eighteen vans. Would a trial month help?

Ines Marlow
Account Manager
FieldCrew

________________________________
From: Tariq Bell <tariq.bell@oaklinehvac.example>
Sent: Friday, February 27, 2026 2:47 PM
To: Ines Marlow <ines@fieldcrew.example>
Subject: Quote for Oakline HVAC

Hi Ines,

Dispatch still runs on a whiteboard and we double-book a van most weeks.

Thanks,
Tariq
"""


def test_an_outlook_forward_under_rules_reads_every_level_by_its_writer() -> None:
    """Nested twice, each block under Outlook's rule: the buyer's two messages are theirs,
    oldest first; the rep's reply between them and every signature are left out."""
    call = _call(OUTLOOK_RULES, ours="FieldCrew")
    assert _said(call) == [
        ("Tariq Bell", "buyer", "Dispatch still runs on a whiteboard and we double-book a van "
         "most weeks."),
        ("Tariq Bell", "buyer", "Our techs won't carry a second phone, so the app has to run on "
         "the ones they have."),
    ]  # fmt: skip
    assert str(call.call_date) == "2026-03-02"


GMAIL_FORWARD = """From: Priyanka Rao <priyanka@shelfsense.example>
To: Deal desk <deals@shelfsense.example>
Subject: Fwd: Re: ShelfSense pilot
Date: Wed, 15 Apr 2026 09:00:00 +0000

fyi

---------- Forwarded message ---------
From: Owen Adair <owen.adair@northgrocers.example>
Date: Tue, Apr 14, 2026 at 5:12 PM
Subject: Re: ShelfSense pilot
To: Priyanka Rao <priyanka@shelfsense.example>

Priyanka, the board wants a three-store pilot before any annual contract.

Owen Adair
Head of Operations | North Grocers

On Mon, Apr 13, 2026 at 10:20 AM Priyanka Rao <priyanka@shelfsense.example> wrote:
> Owen, would a pilot help? Happy to set one up.
>
> On Fri, Apr 10, 2026 at 3:05 PM Owen Adair <owen.adair@northgrocers.example> wrote:
>> Our shelf gaps are only found when a customer complains.
>>
>> Sent from my iPhone
"""


def test_a_gmail_forward_reads_each_quoted_level_by_its_writer() -> None:
    call = _call(GMAIL_FORWARD, ours="ShelfSense")
    assert _said(call) == [
        ("Owen Adair", "buyer", "Our shelf gaps are only found when a customer complains."),
        ("Owen Adair", "buyer", "Priyanka, the board wants a three-store pilot before any "
         "annual contract."),
    ]  # fmt: skip


APPLE_FORWARD = """From: Mateo Vidal <mateo@docketly.example>
Subject: Fwd: Contract questions
Date: March 20, 2026 at 11:02:41 AM EDT
To: Legal Ops <legal@docketly.example>

Begin forwarded message:

From: Alma Reyes <areyes@reyeslaw.example>
Subject: Re: Contract questions
Date: March 19, 2026 at 4:44:10 PM EDT
To: Mateo Vidal <mateo@docketly.example>

Mateo,

Three years is too long for a firm our size. We'd sign for one.

Alma Reyes
Managing Partner
Reyes & Cole LLP

On Mar 18, 2026, at 9:30 AM, Mateo Vidal <mateo@docketly.example> wrote:

> Alma, the three-year term locks today's price.
"""


def test_an_apple_mail_forward_drops_a_signature_with_no_phone() -> None:
    """A name, title and company under the message are the signature, phone or not."""
    call = _call(APPLE_FORWARD, ours="Docketly")
    assert _said(call) == [
        ("Alma Reyes", "buyer", "Three years is too long for a firm our size. We'd sign for one."),
    ]


RECAP_FORWARD = """From: Lena Ortiz <lena@rotaly.example>
To: Sam Kerr <sam@rotaly.example>
Subject: FW: Recap - Brookside Care visit
Date: Thu, 5 Mar 2026 17:00:00 +0000

Sam - for the CRM.

-----Original Message-----
From: Lena Ortiz <lena@rotaly.example>
Sent: Thursday, March 5, 2026 4:10 PM
To: Farah Quinn <farah@brooksidecare.example>
Subject: Recap - Brookside Care visit

Thanks for the tour. We covered shift swaps and the agency-staff report.

Lena Ortiz
Account Executive | Rotaly

-----Original Message-----
From: Farah Quinn <farah@brooksidecare.example>
Sent: Wednesday, March 4, 2026 8:12 AM
To: Lena Ortiz <lena@rotaly.example>
Subject: Brookside Care visit

Lena, before you come: our night shifts are filled by text message and it takes hours.

-----Original Message-----
From: Lena Ortiz <lena@rotaly.example>
Sent: Tuesday, March 3, 2026 9:00 AM
To: Farah Quinn <farah@brooksidecare.example>
Subject: Visit

Hi Farah, does Thursday suit for the visit?
"""


def test_a_forwarded_recap_quotes_the_buyer_from_an_outlook_block() -> None:
    """The recap is the rep's notes (its signature dropped); the buyer's email under it, in
    Outlook's layout rather than Gmail's, is the buyer's words; the rep's earlier email is
    left out."""
    call = _call(RECAP_FORWARD, ours="Rotaly")
    assert _said(call) == [
        (None, "rep_note", "Thanks for the tour. We covered shift swaps and the agency-staff "
         "report."),
        ("Farah Quinn", "buyer", "Lena, before you come: our night shifts are filled by text "
         "message and it takes hours."),
    ]  # fmt: skip
    assert call.our_speakers == ["Lena Ortiz"]


NAMES_ONLY = """From: Corinne Baptiste <corinne.baptiste@tillwise.example>
Sent: Friday, April 10, 2026 9:14 AM
To: Hugo Lind <hugo.lind@tillwise.example>
Subject: FW: Harbour Street Dental

See below.

-----Original Message-----
From: Nell Okafor
Sent: Thursday, April 9, 2026 4:31 PM
To: Corinne Baptiste
Cc: Ravi Shah <ravi@harbourstreetdental.example>
Subject: RE: Harbour Street Dental

We need the reminder texts in Polish for half our patients.

-----Original Message-----
From: Corinne Baptiste
Sent: Monday, April 6, 2026 11:02 AM
To: Nell Okafor <nell@harbourstreetdental.example>
Subject: Harbour Street Dental

Happy to send over the pricing for three chairs.
"""


def test_a_writer_with_no_address_is_known_by_the_address_the_chain_gives_them() -> None:
    """Outlook writes "From: Nell Okafor" with no address inside a chain: her address on a
    To: line elsewhere says she is the buyer, and the rep's name-only block stays out."""
    call = _call(NAMES_ONLY)
    assert _said(call) == [
        ("Nell Okafor", "buyer", "We need the reminder texts in Polish for half our patients."),
    ]


THREAD_SIGNATURE = """From: Gwen Harlow <gwen@brightpath.example>
Sent: Thursday, May 7, 2026 3:02 PM
To: Idris Cole <idris@ledgerlane.example>
Subject: RE: LedgerLane for Brightpath

Idris,

The month-end close takes our team four days.

Gwen Harlow
Finance Director
Brightpath Logistics

________________________________
From: Idris Cole <idris@ledgerlane.example>
Sent: Wednesday, May 6, 2026 11:20 AM
To: Gwen Harlow <gwen@brightpath.example>
Subject: LedgerLane for Brightpath

Hi Gwen, how long does your close take today?

Idris Cole
Account Executive | LedgerLane
"""


def test_a_reply_chain_drops_every_signature_with_no_phone() -> None:
    """Not a forward: each message its writer's turn, neither signature anyone's words."""
    call = _call(THREAD_SIGNATURE, ours="LedgerLane")
    assert _said(call) == [
        ("Idris Cole", "rep", "Hi Gwen, how long does your close take today?"),
        ("Gwen Harlow", "buyer", "The month-end close takes our team four days."),
    ]


PROSE = """From: Dara Finch <dara@millbrookfarms.example>
To: Joel Ames <joel@cropline.example>
Subject: FW: pricing
Date: Mon, 9 Mar 2026 10:00:00 +0000

Joel,

As I said in my original message, the per-acre price is too high for us.

I forwarded your message to our co-op board and they agreed.

From: our side, the blocker is the harvest timing.

Dara
"""


def test_prose_that_mentions_an_original_or_forwarded_message_is_not_a_chain() -> None:
    """A buyer writing "my original message" or "I forwarded your message" opens no block: all
    of it stays in the one message."""
    call = _call(PROSE, ours="Cropline")
    text = _everything(call)
    for said in ("per-acre price is too high", "co-op board", "harvest timing"):
        assert said in text
    assert call.title == "FW: pricing"
    assert "forward_note" not in call.extra


SINGLE = """From: Wren Maddox <wren@copperkettle.example>
To: Abe Lund <abe@tillwise.example>
Subject: Booking app
Date: Tue, 17 Mar 2026 12:00:00 +0000

Abe,

We lose two tables a night to no-shows and nobody calls to confirm.

Wren Maddox
General Manager
Copper Kettle Bistro
"""


def test_a_single_emails_signature_with_no_phone_is_not_its_words() -> None:
    call = _call(SINGLE)
    text = _everything(call)
    assert "two tables a night to no-shows" in text
    assert "General Manager" not in text and "Copper Kettle Bistro" not in text
