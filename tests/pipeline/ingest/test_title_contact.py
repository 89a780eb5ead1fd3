"""A call's title without the buyer's phone number or email address.

Why: a dialler's "Call with Karen Holt · +1 (830) 555-0172" and "Outbound call · Marcus Reed →
+1 (602) 555-0188 (Sunnyside Pet Hospital)" were listed as such in `callmine calls`, `call-show`
and the call pages: noise, and a buyer's personal data."""

from __future__ import annotations

import pytest

from pipeline.calls.queries import get_call
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.titles import readable_title
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


@pytest.mark.parametrize(
    ("title", "readable"),
    [
        ("Call with Lena Brandt · +1 (512) 555-0143", "Call with Lena Brandt"),
        ("Outbound call · Sam Rivera → +1 (415) 555-0199 (Hollow Oak Dental)",
         "Outbound call · Sam Rivera → Hollow Oak Dental"),
        ("+44 7700 900123 - Call with Ivo Marsh", "Call with Ivo Marsh"),
        ("Demo with Jo Park (jo.park@acme-roofing.com)", "Demo with Jo Park"),
        ("Acme Roofing | jo@acme-roofing.com | 2026-03-05", "Acme Roofing | 2026-03-05"),
        # dates and plain titles as written
        ("Call – 03-05-2026 – Acme Roofing", "Call – 03-05-2026 – Acme Roofing"),
        ("Discovery call - Kite Yoga (Oct 20, 2026)", "Discovery call - Kite Yoga (Oct 20, 2026)"),
        # a bracketed date and time (Google Meet) is the call's date: out whole, never cut
        # ("2026-02-24 13" had been taken for a phone number, leaving "(:02 GMT-8)")
        ("Kite Yoga / Dispatchly intro (2026-02-24 13:02 GMT-8) - Transcript",
         "Kite Yoga / Dispatchly intro - Transcript"),
        ("Kite Yoga sync (24/02/2026 09:15)", "Kite Yoga sync"),
        ("Kite Yoga (Feb 24, 2026 1:02 PM PST) review", "Kite Yoga review"),
        ("Kite Yoga sync 2026-02-24 13:02", "Kite Yoga sync 2026-02-24 13:02"),
        ("Standup (10:30)", "Standup (10:30)"),
    ],
)  # fmt: skip
def test_a_titles_phone_numbers_and_emails_are_dropped(title: str, readable: str) -> None:
    assert readable_title(title) == readable


def test_an_ingested_title_keeps_no_number(ws: Workspace) -> None:
    text = (
        "Call with Lena Brandt · +1 (512) 555-0143\n\n"
        "Sam Rivera: Thanks for calling Hollow Oak, this is Sam.\n"
        "Lena Brandt: Hi, the price is too high for us right now.\n"
    )
    [result] = ingest_bytes(ws, text.encode(), "call_notes.txt", analyse=False)
    assert result.status == "created", result.reason
    with ws.session() as db:
        call = db.get(Call, result.call_id)
        assert call is not None and call.title is not None
        assert "555" not in call.title


def test_a_meet_title_loses_its_date_time_and_gives_the_date(ws: Workspace) -> None:
    text = (
        "Kite Yoga / Dispatchly intro (2026-02-24 13:02 GMT-8) - Transcript\n"
        "Attendees\nAna Ruiz, Jo Park\nTranscript\n00:00:00\n\n"
        "Ana Ruiz: Thanks for the time, Jo.\n"
        "Jo Park: Sure. We book the studio rooms on paper today.\n"
    )
    [result] = ingest_bytes(ws, text.encode(), "meet.txt", analyse=False)
    with ws.session() as db:
        call = db.get(Call, result.call_id)
        assert call is not None
        assert call.title == "Kite Yoga / Dispatchly intro - Transcript"
        assert str(call.call_date) == "2026-02-24"


def test_a_stored_title_is_read_without_its_number(ws: Workspace, seeded: Seeded) -> None:
    """Calls stored before: listed, shown and served without the number."""
    with ws.session() as db:
        call = db.get(Call, seeded.calls[0])
        assert call is not None
        call.title = "Call with Lena Brandt · +1 (512) 555-0143"
        db.flush()
        assert get_call(db, call.id).title == "Call with Lena Brandt"
