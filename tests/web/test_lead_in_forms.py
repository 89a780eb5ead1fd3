"""A note's bare lead-ins ("Derek:", "Their GM said:") and fillers draw no correction form of
their own on the call page: only sentences the detector reads as something can be labelled."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pipeline.analysis.corrections import correctable_sentences
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace

# Invented: a crematorium's manager and the rep of a bookings product (Urnly).
RECAP = b"""# Call recap: Hollin Vale Crematorium

Date: 12 November 2026
Account: Hollin Vale Crematorium
Rep: Priya Shah
Attendees: Priya Shah (Urnly); Derek Moss (Manager, Hollin Vale Crematorium)

## What they said

- **Derek:** "We can't justify another subscription this year."
- **Derek:** "Our bookings live in a paper diary and the chapel gets double-booked."
"""


@pytest.mark.parametrize(
    "lead_in",
    [
        "Derek:",
        "Sam:",
        "Their GM said:",
        "The practice manager said",
        "Tom worried about GDPR:",
        "Hmm.",
        "Right, okay.",
    ],
)
def test_a_bare_lead_in_or_filler_is_not_correctable(lead_in: str) -> None:
    assert correctable_sentences(lead_in) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hmm. We can't afford it.", ["We can't afford it."]),
        ("The price is too high.", ["The price is too high."]),
        (
            "Does it sync with Xero? We use it for payroll.",
            ["Does it sync with Xero?", "We use it for payroll."],
        ),
        ("Sam said the board meets in March.", ["Sam said the board meets in March."]),
    ],
)
def test_sentences_with_something_to_say_stay_correctable(text: str, kept: list[str]) -> None:
    assert correctable_sentences(text) == kept


def test_the_call_page_offers_forms_on_the_quotes_not_their_lead_ins(
    workspace: Workspace, client: TestClient
) -> None:
    metadata = CallMetadata(our_speakers=["Priya Shah"])
    [stored] = ingest_bytes(workspace, RECAP, "recap.md", metadata)
    page = client.get(f"/calls/{stored.call_id}").text
    assert page.count("Correct the detector") == 2  # one per quote, none per "Derek:"
    assert "We can&#39;t justify another subscription" in page
