"""Phone chat exports (WhatsApp on iPhone and Android, iMessage/SMS) are read as chats: one
utterance per message with its sender, timed from the first message, the app's own lines left
out. They had been stored as a few notes of glued messages, every role unknown or rep_note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.embed import Embedder
from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.chat import chat_export
from pipeline.ingest.chat_dates import DateOrder, date_order
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.pipeline.ingest.conftest import turns

LRM, NNBSP = "\u200e", "\u202f"  # WhatsApp's mark before its own lines; the space before "AM"


def _read(text: str, name: str, **kwargs: list[str]) -> ParsedCall:
    [call] = parse_file(text.encode(), name, **kwargs)
    return call


def test_whatsapp_iphone_day_first() -> None:
    """A first number over 12 makes the whole file day-first; a message goes on over lines."""
    text = (
        "[14/03/2026, 09:58:10] Dana Ruiz: Hi Tom, quick question before Friday\n"
        f"{LRM}[14/03/2026, 09:58:40] Dana Ruiz: {LRM}image omitted\n"
        "[14/03/2026, 10:01:05] Tom Okafor: Morning Dana! Happy to help.\n"
        "What's on your mind?\n"
        "[15/03/2026, 08:00:00] Dana Ruiz: Honestly the price is the problem\n"
    )
    call = _read(text, "WhatsApp Chat with Dana Ruiz.txt", our_speakers=["Tom Okafor"])
    assert turns(call) == [
        ("Dana Ruiz", "buyer", 0.0, "Hi Tom, quick question before Friday"),
        ("Tom Okafor", "rep", 175.0, "Morning Dana! Happy to help. What's on your mind?"),
        ("Dana Ruiz", "buyer", 79310.0, "Honestly the price is the problem"),
    ]
    assert call.call_date == dt.date(2026, 3, 14)
    assert call.extra["chat_export"] == "WhatsApp"
    assert (call.extra["date_order"], call.extra["date_order_assumed"]) == ("day-first", False)


def test_whatsapp_iphone_twelve_hour_with_system_lines_and_ambiguous_dates() -> None:
    """Every date reads either way: the project's rule for slashed dates (month-first) is
    assumed and said so; the chat's own lines under its name are no speaker."""
    chat = "Harbor Plumbing x Dispatchly"
    text = (
        f"{LRM}[3/9/26, 9:59:02{NNBSP}AM] {chat}: {LRM}Messages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
        f"{LRM}[3/9/26, 9:59:02{NNBSP}AM] {chat}: {LRM}Maria Chen created this group\n"
        f"{LRM}[3/9/26, 9:59:03{NNBSP}AM] {chat}: {LRM}Maria Chen added Priya Nair\n"
        f"[3/9/26, 10:15:32{NNBSP}AM] Maria Chen: Hi Priya, thanks for the call earlier\n"
        f"[3/9/26, 10:17:04{NNBSP}AM] Priya Nair: We mostly want QuickBooks {LRM}<This message "
        "was edited>\n"
        f"{LRM}[3/9/26, 10:17:30{NNBSP}AM] Priya Nair: {LRM}image omitted\n"
        f"{LRM}[3/9/26, 10:18:00{NNBSP}AM] Maria Chen: {LRM}Missed voice call\n"
        f"[3/9/26, 12:02:00{NNBSP}PM] Priya Nair: Also, 4 dollars a head adds up fast\n"
        f"[3/9/26, 1:00:00{NNBSP}PM] Maria Chen: Understood, I'll send a flat price\n"
    )
    call = _read(text, "WhatsApp Chat - Harbor.txt", our_speakers=["Maria Chen"])
    assert turns(call) == [
        ("Maria Chen", "rep", 0.0, "Hi Priya, thanks for the call earlier"),
        ("Priya Nair", "buyer", 92.0, "We mostly want QuickBooks"),
        ("Priya Nair", "buyer", 6388.0, "Also, 4 dollars a head adds up fast"),
        ("Maria Chen", "rep", 9868.0, "Understood, I'll send a flat price"),
    ]
    assert call.call_date == dt.date(2026, 3, 9)
    assert (call.extra["date_order"], call.extra["date_order_assumed"]) == ("month-first", True)


def test_whatsapp_iphone_copied_without_its_marks() -> None:
    """Marks lost in a copy: the notice is still no speech, and a group's name that wrote
    "created group" is no speaker; in a one-to-one chat "I left ..." is the contact's words."""
    group = (
        "[14/03/2026, 09:00:00] Willow x Shiftwise: Messages and calls are end-to-end encrypted.\n"
        '[14/03/2026, 09:00:00] Willow x Shiftwise: Maria Chen created group "Willow x Shiftwise"\n'
        "[14/03/2026, 09:00:01] Willow x Shiftwise: Maria Chen added Grace Whitfield\n"
        "[14/03/2026, 09:01:00] Maria Chen: Welcome Grace\n"
        "[14/03/2026, 09:02:00] Grace Whitfield: Thanks, I left the trial notes with Tom\n"
    )
    one_to_one = (
        "[14/03/2026, 09:00:00] Grace Whitfield: Messages and calls are end-to-end encrypted.\n"
        "[14/03/2026, 09:01:00] Maria Chen: Welcome Grace\n"
        "[14/03/2026, 09:02:00] Grace Whitfield: I left the trial notes with Tom\n"
    )
    for text, said in ((group, "Thanks, I left the trial notes with Tom"), (one_to_one, None)):
        call = _read(text, "chat.txt", our_speakers=["Maria Chen"])
        assert turns(call) == [
            ("Maria Chen", "rep", 0.0, "Welcome Grace"),
            ("Grace Whitfield", "buyer", 60.0, said or "I left the trial notes with Tom"),
        ]


def test_whatsapp_android_month_first_with_system_lines() -> None:
    """A second number over 12: month-first. Lines with no sender are WhatsApp's; media,
    deleted messages and "X left" are not speech; "(Shiftwise)" is the sender's company."""
    text = (
        "03/14/2026, 09:02 - Messages and calls are end-to-end encrypted. No one outside of this "
        "chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        '03/14/2026, 09:02 - Maria Chen (Shiftwise) created group "Willow x Shiftwise"\n'
        "03/14/2026, 09:02 - Maria Chen (Shiftwise) added Grace Whitfield\n"
        "03/14/2026, 09:03 - Maria Chen (Shiftwise): Morning Grace! How did the trial go?\n"
        "03/14/2026, 09:40 - Grace Whitfield: Mixed. The rota view is great\n"
        "but the app logs people out every day\n"
        "03/14/2026, 09:41 - Grace Whitfield: <Media omitted>\n"
        "03/14/2026, 09:42 - Grace Whitfield: This message was deleted\n"
        "03/14/2026, 09:43 - Tom Okafor (Shiftwise) left\n"
        "03/15/2026, 10:00 - Grace Whitfield: We're going with RotaPro, sorry\n"
    )
    call = _read(text, "WhatsApp Chat with Willow.txt", our_companies=["Shiftwise"])
    assert turns(call) == [
        ("Maria Chen", "rep", 0.0, "Morning Grace! How did the trial go?"),
        (
            "Grace Whitfield",
            "buyer",
            2220.0,
            "Mixed. The rota view is great but the app logs people out every day",
        ),
        ("Grace Whitfield", "buyer", 89820.0, "We're going with RotaPro, sorry"),
    ]
    assert call.utterances[0].company == "Shiftwise"
    assert call.call_date == dt.date(2026, 3, 14)
    assert (call.extra["date_order"], call.extra["date_order_assumed"]) == ("month-first", False)


def test_whatsapp_android_twelve_hour_attachment_with_caption() -> None:
    """An attachment line alone is dropped, the caption under it kept; a sender may be a
    phone number; "am"/"pm" in lower case."""
    text = (
        "20/9/26, 10:15 am - Maria Chen: Here's the pricing sheet\n"
        "20/9/26, 10:15 am - Maria Chen: pricing.pdf (file attached)\n"
        "Per location, not per head\n"
        "20/9/26, 1:05 pm - +44 7700 900461: Thanks, will read tonight\n"
    )
    call = _read(text, "WhatsApp Chat with +44 7700 900461.txt", our_speakers=["Maria Chen"])
    assert turns(call) == [
        ("Maria Chen", "rep", 0.0, "Here's the pricing sheet"),
        ("Maria Chen", "rep", 0.0, "Per location, not per head"),
        ("+44 7700 900461", "buyer", 10200.0, "Thanks, will read tonight"),
    ]
    assert call.call_date == dt.date(2026, 9, 20)


def test_day_month_order_from_the_dates_themselves() -> None:
    """Over 12 decides; else the one order that keeps the chat in time order; else the
    project's rule for numeric dates (slashes month-first, dots day-first), marked assumed."""
    assert date_order(["03/09/2026", "13/09/2026"]) == DateOrder(day_first=True, assumed=False)
    assert date_order(["09/03/2026", "09/13/2026"]) == DateOrder(day_first=False, assumed=False)
    # 12 September then 1 October, or 9 December then 10 January of the same year
    assert date_order(["12/09/2026", "01/10/2026"]) == DateOrder(day_first=True, assumed=False)
    assert date_order(["03/09/2026", "04/09/2026"]) == DateOrder(day_first=False, assumed=True)
    assert date_order(["03.09.26", "03.09.26"]) == DateOrder(day_first=True, assumed=True)
    assert date_order(["Sep 28, 2026"]) is None


def test_imessage_exporter_layout() -> None:
    """imessage-exporter's txt: a date line (with a read receipt), the sender or "Me" (the
    owner: our rep), the text. Tapbacks, reactions, attachments, renames and deletion notes
    are no one's words."""
    text = (
        "May 17, 2026  5:29:42 PM\n"
        "Me\n"
        "Hi Marcus, it's Jenna from Tutorly. Still keen on a demo?\n"
        "\n"
        "May 17, 2026  5:31:02 PM (Read by you after 4 minutes, 2 seconds)\n"
        "Marcus Reed\n"
        "Yes, but we're locked into Jackrabbit until January\n"
        "Reactions:\n"
        "Loved by Me\n"
        "\n"
        "May 17, 2026  5:32:00 PM\n"
        "Marcus Reed\n"
        'Liked "Hi Marcus, it\'s Jenna from Tutorly. Still keen on a demo?"\n'
        "\n"
        "May 17, 2026  5:33:10 PM You renamed the conversation to Sunny Days\n"
        "\n"
        "May 17, 2026  5:35:15 PM\n"
        "Me\n"
        "We can migrate from Jackrabbit for you.\n"
        "/Users/jenna/Library/Messages/Attachments/ab/11/IMG_0042.jpeg\n"
        "\n"
        "May 17, 2026  5:40:00 PM\n"
        "Marcus Reed\n"
        "This message was deleted from the conversation!\n"
        "Send me the price for 3 sites\n"
    )
    call = _read(text, "Marcus Reed.txt", our_companies=["Tutorly"])
    assert turns(call) == [
        ("Me", "rep", 0.0, "Hi Marcus, it's Jenna from Tutorly. Still keen on a demo?"),
        ("Marcus Reed", "buyer", 80.0, "Yes, but we're locked into Jackrabbit until January"),
        ("Me", "rep", 333.0, "We can migrate from Jackrabbit for you."),
        ("Marcus Reed", "buyer", 618.0, "Send me the price for 3 sites"),
    ]
    assert call.call_date == dt.date(2026, 5, 17)
    assert call.extra["chat_export"] == "iMessage"


def test_imessage_message_quoting_a_date_line() -> None:
    """A date written alone in a message, with no sender under it, is part of that message."""
    text = (
        "Sep 28, 2026 4:02:11 PM\nMe\nWhen suits you? I have:\n"
        "Oct 1, 2026 10:00 AM\nor any time Friday\n\n"
        "Sep 28, 2026 4:03:00 PM\nMarcus Reed\nFriday works\n"
    )
    call = _read(text, "sms.txt")
    assert turns(call) == [
        ("Me", "rep", 0.0, "When suits you? I have: Oct 1, 2026 10:00 AM or any time Friday"),
        ("Marcus Reed", "buyer", 49.0, "Friday works"),
    ]


def test_imessage_export_with_a_title_block_and_from_lines() -> None:
    """The reviewer's export: a title block, "From: Name (Company)" senders. The buyer's
    'Liked "..."' of a rep's sentence had made that sentence a buyer quote."""
    text = (
        "Messages with Marcus Reed (+1 (512) 555-0143)\n"
        "Exported by iMazing on Oct 2, 2026\n"
        "\n"
        "----------------------------------------------------\n"
        "Sep 28, 2026 4:02:11 PM\n"
        "From: Jenna Alvarez (ClassNest)\n"
        "Hey Marcus, it's Jenna from ClassNest. Still up for a quick look at billing?\n"
        "\n"
        "Sep 28, 2026 4:15:47 PM\n"
        "From: Marcus Reed\n"
        "Hey Jenna! Fair warning we are locked into Jackrabbit Class until January\n"
        "\n"
        "Sep 28, 2026 4:18:02 PM\n"
        "From: Jenna Alvarez (ClassNest)\n"
        "Totally hear you. We do the migration for you, usually under 2 weeks.\n"
        "\n"
        "Sep 28, 2026 4:26:05 PM\n"
        "From: Marcus Reed\n"
        'Liked "Totally hear you. We do the migration for you, usually under 2 weeks."\n'
        "\n"
        "Sep 28, 2026 4:31:12 PM\n"
        "From: Marcus Reed\n"
        "Can you do split billing?\n"
    )
    call = _read(text, "03_iMessage_Marcus_Reed.txt", our_companies=["ClassNest"])
    assert turns(call) == [
        (
            "Jenna Alvarez",
            "rep",
            0.0,
            "Hey Marcus, it's Jenna from ClassNest. Still up for a quick look at billing?",
        ),
        (
            "Marcus Reed",
            "buyer",
            816.0,
            "Hey Jenna! Fair warning we are locked into Jackrabbit Class until January",
        ),
        (
            "Jenna Alvarez",
            "rep",
            951.0,
            "Totally hear you. We do the migration for you, usually under 2 weeks.",
        ),
        ("Marcus Reed", "buyer", 1741.0, "Can you do split billing?"),
    ]
    assert call.call_date == dt.date(2026, 9, 28)  # the first message's, not the export's
    assert call.title == "Messages with Marcus Reed (+1 (512) 555-0143)"
    assert "Exported by iMazing on Oct 2, 2026" in call.extra["header_lines"]


def test_notes_that_mention_times_and_dates_are_no_chat() -> None:
    """A rep's notes with a time, a dated log and dated headings stay notes."""
    notes = [
        "Notes\n10:15 - call with Dana about pricing\nShe said 30 part-timers is too many.\n",
        "03/09/2026, 10:15 - called Dana about the renewal, no answer, will try Friday\n"
        "03/10/2026, 09:00 - left a voicemail about the renewal and the new price list\n",
        "Sep 28, 2026 4:02 PM\nCall with Marcus\nPricing is the worry.\n\n"
        "Oct 2, 2026 10:00 AM\nFollow-up\nSent the deck.\n",
    ]
    for text in notes:
        assert chat_export(text, "txt") is None
        call = _read(text, "notes.txt")
        assert "chat_export" not in call.extra
        assert {u.speaker for u in call.utterances} == {None}


def test_a_chat_is_stored_with_its_timeline_and_date_order(
    tmp_path: Path, embedder: Embedder
) -> None:
    """Through the ingest service with our company set: the stored call keeps each message's
    sender, side and time, the first message's date and the order its dates were read in."""
    text = (
        "04/08/2026, 09:02 - Sophie Turner (ClassNest) added Gareth Lewis\n"
        "04/08/2026, 09:03 - Sophie Turner (ClassNest): Morning Gareth! How did the trial go?\n"
        "04/08/2026, 09:40 - Gareth Lewis: Mixed to be honest\n"
        "04/08/2026, 10:20 - Gareth Lewis: <Media omitted>\n"
        "19/08/2026, 16:12 - Gareth Lewis: The committee went with My Music Staff in the end\n"
    )
    settings = make_settings(tmp_path / "data", our_company="ClassNest")
    workspace = Workspace(settings, embedder=embedder)
    try:
        [result] = ingest_bytes(workspace, text.encode(), "WhatsApp Chat.txt", analyse=False)
        assert result.status == "created", result.reason
        with workspace.session() as db:
            call = db.scalars(select(Call).options(selectinload(Call.utterances))).one()
            stored = [(u.speaker, u.role, u.start_seconds, u.text) for u in call.utterances]
            assert stored == [
                ("Sophie Turner", "rep", 0.0, "Morning Gareth! How did the trial go?"),
                ("Gareth Lewis", "buyer", 2220.0, "Mixed to be honest"),
                (
                    "Gareth Lewis",
                    "buyer",
                    1321740.0,
                    "The committee went with My Music Staff in the end",
                ),
            ]
            assert call.call_date == dt.date(2026, 8, 4)
            assert call.extra["date_order"] == "day-first"
    finally:
        workspace.close()
