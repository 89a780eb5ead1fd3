"""A request in an email's body that gives a number or address is the writer's words.

Why: a buyer's "If you could call me on 07700 900314 this week that would be easiest.", the
last paragraph above the sign-off, was cut as a signature because it held a phone number; the
request vanished from the call. Only the signature goes; redaction then hides the number."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.notes import without_contact_block
from pipeline.redact import Redactor, contact_spans

# Three trades, each a buyer asking to be called or written to, then signing off.
REQUESTS = [
    (
        "harbourdental",
        "Our front desk loses the recall list every month.",
        "If you could ring me on 01632 960 118 on Thursday that would suit best.",
        "Nell Okafor\nPractice Manager\nT: 01632 960 118",
    ),
    (
        "brightpath",
        "Month-end close takes our team four days.",
        "Could you send the contract to accounts@brightpath.example before Friday?",
        "Gwen Harlow\nFinance Director\ngwen@brightpath.example | (417) 555-0192",
    ),
    (
        "copperkettle",
        "We lose two tables a night to no-shows.",
        "Best to call me on +44 7700 900 221 after the lunch service.",
        "Wren Maddox\nGeneral Manager\nM: +44 7700 900 221",
    ),
]


def _email(domain: str, body: str, asked: str, signature: str) -> str:
    return (
        f"From: Buyer <buyer@{domain}.example>\nTo: Abe Lund <abe@tillwise.example>\n"
        f"Subject: Next steps\nDate: Tue, 17 Mar 2026 12:00:00 +0000\n\nHi Abe,\n\n"
        f"{body}\n\n{asked}\n\nKind regards,\n\n{signature}\n"
    )


@pytest.mark.parametrize(("domain", "body", "asked", "signature"), REQUESTS)
def test_a_request_with_a_number_above_the_sign_off_stays(
    domain: str, body: str, asked: str, signature: str
) -> None:
    [call] = parse_file(
        _email(domain, body, asked, signature).encode(), "mail.txt", our_companies=["Tillwise"]
    )
    said = [u.text for u in call.utterances]
    assert said == [body, asked]
    assert all(line not in " ".join(said) for line in signature.splitlines()[1:])
    contacts = [asked[start:end] for start, end in contact_spans(asked)]
    redacted = Redactor().redact(asked)
    assert contacts and not any(contact in redacted for contact in contacts)


@pytest.mark.parametrize(
    "block",
    [
        ["Dale Kowalski", "Operations Manager | Ridgeline Freight", "(417) 555-0123"],
        ["Jenny Walsh", "T: 0118 496 0732 | M: 07700 900314", "jenny.walsh@thamesbank.example"],
        ["Tess", "Mobile: 07700 900555.", "www.crateco.example."],
    ],
)
def test_a_signature_with_no_sign_off_still_goes(block: list[str]) -> None:
    """A contact line is no sentence: the block under the last paragraph is still cut."""
    lines = ["We retype every job sheet.", "", *block]
    assert without_contact_block(lines) == ["We retype every job sheet.", ""]


def test_a_last_paragraph_that_asks_to_be_called_is_not_cut() -> None:
    """No sign-off at all: the request is the last paragraph, and it is kept."""
    lines = ["The yard opens at six.", "", "Ring the yard on 01632 960 555 before 8am please."]
    assert without_contact_block(lines) == lines
