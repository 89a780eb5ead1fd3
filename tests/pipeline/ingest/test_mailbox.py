"""A mailbox file (``.mbox``) read as its messages, one call per thread (``mailbox``).

Why: a Gmail Takeout ``.mbox`` (a buyer's email and the rep's reply) had been refused as "only
10 words in one sentence" although each message had its headers and ~80 words.

Fixture: invented people; layout after Gmail Takeout's mbox (``From <id>@xxx <date>`` lines,
``X-GM-THRID``, ``X-Gmail-Labels`` above the message's own headers, 8bit UTF-8 bodies).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall


def _message(
    sep: str, thread: str, when: str, sender: str, to: str, subject: str, body: str
) -> str:
    return (
        f"From {sep}@xxx {when}\n"
        f"X-GM-THRID: {thread}\nX-Gmail-Labels: Inbox,Important\nMIME-Version: 1.0\n"
        f"Date: {when}\nSubject: {subject}\nFrom: {sender}\nTo: {to}\n"
        'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
        f"{body}\n\n"
    )


BUYER = "Noor Castellane <noor@harbourfreight.example>"
REP = "Ines Halloran <ines@vanly.example>"
REPLY = _message(
    "1799", "1788", "Wed, 11 Mar 2026 10:02:00 +0000", REP, BUYER, "Re: Pilot questions",
    "Hi Noor,\n\nA pilot is £300 a month for ten vans.\n>From our notes: offline mode is on.\n\n"
    "On Tue, 10 Mar 2026 at 09:00, Noor Castellane <noor@harbourfreight.example> wrote:\n"
    "> Our drivers share one phone per depot.",
)  # fmt: skip
FIRST = _message(
    "1788", "1788", "Tue, 10 Mar 2026 09:00:00 +0000", BUYER, REP, "Pilot questions",
    "Hi Ines,\n\nOur drivers share one phone per depot, so logins per driver won't work.\n"
    "What does a pilot cost?\n\nThanks,\nNoor",
)  # fmt: skip
OTHER = _message(
    "1801", "1800", "Thu, 12 Mar 2026 15:00:00 +0000", BUYER, REP, "Invoice address",
    "Hi Ines,\n\nPlease send invoices to our Leeds office from now on, not the depot.",
)  # fmt: skip


def _calls(text: str) -> list[ParsedCall]:
    return parse_file(
        text.encode(), "Takeout.mbox", our_companies=["Vanly"], our_speakers=["Ines Halloran"]
    )


def test_each_thread_is_a_call_its_messages_in_date_order_with_their_sides() -> None:
    thread, other = _calls(REPLY + FIRST + OTHER)  # the reply saved above the message it answers
    said = [(u.speaker, u.role, u.text) for u in thread.utterances]
    asked = "Our drivers share one phone per depot, so logins per driver won't work."
    answered = "A pilot is £300 a month for ten vans. From our notes: offline mode is on."
    assert said == [
        ("Noor Castellane", "buyer", f"{asked} What does a pilot cost?"),
        ("Ines Halloran", "rep", answered),
    ]
    assert thread.call_date == dt.date(2026, 3, 10)
    assert thread.title == "Pilot questions"
    assert other.call_date == dt.date(2026, 3, 12)
    assert [u.role for u in other.utterances] == ["buyer"]
    assert not any("@xxx" in u.text or "Gmail" in u.text for u in thread.utterances)


def test_a_mailbox_with_no_message_headers_says_so() -> None:
    with pytest.raises(BadInput) as refused:
        parse_file(
            b"From 1788@xxx Tue Mar 10 09:00:00 +0000 2026\nFrom: a@b.example\n\nhi\n"
            b"\nFrom 1789@xxx Tue Mar 10 09:00:00 +0000 2026\nnot a header\n",
            "Takeout.mbox",
        )
    assert str(refused.value).startswith("mailbox with 2 message(s), none with email headers")


OUTLOOK_REPLY = _message(
    "1903", "1900", "Fri, 13 Mar 2026 08:30:00 +0000", BUYER, REP, "RE: Depot rollout",
    "Ines,\n\nThe depot managers want a week of training before go-live.\n\nNoor Castellane\n"
    "Fleet Manager\nHarbour Freight Co\n\n________________________________\nFrom: Ines Halloran "
    "<ines@vanly.example>\nSent: Thursday, March 12, 2026 4:00 PM\nTo: Noor Castellane "
    "<noor@harbourfreight.example>\nSubject: Depot rollout\n\nNoor, shall we plan the rollout?",
)  # fmt: skip
ROLLOUT = _message(
    "1900", "1900", "Thu, 12 Mar 2026 16:00:00 +0000", REP, BUYER, "Depot rollout",
    "Noor, shall we plan the rollout?\n\nInes Halloran\nAccount Executive | Vanly",
)  # fmt: skip


def test_a_mailbox_reply_in_outlooks_layout_keeps_its_own_words_not_its_signatures() -> None:
    """Outlook's quote of the earlier message is dropped (it is in the thread already), and
    neither writer's name, title and company block is anyone's words."""
    [thread] = _calls(OUTLOOK_REPLY + ROLLOUT)
    assert [(u.speaker, u.role, u.text) for u in thread.utterances] == [
        ("Ines Halloran", "rep", "Noor, shall we plan the rollout?"),
        ("Noor Castellane", "buyer", "The depot managers want a week of training before go-live."),
    ]
