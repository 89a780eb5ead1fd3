"""Chats saved as text.

A meeting's chat (Zoom's ``meeting_saved_chat.txt``): each message a "09:03:40 From Sam Okafor
(Harbor Dental Group) to Everyone:" line and its text, indented, on the lines after (older exports
put the text on the same line); rewritten as labelled turns for the transcript reader.

A phone chat export, where small businesses talk to buyers: WhatsApp (iPhone
``[03/09/2026, 10:15:32] Name: text``, Android ``03/09/2026, 10:15 - Name: text``) and iMessage or
SMS (a date line, the sender or "Me", the text; messages apart by blank lines). Each message is one
utterance of its sender, timed from the chat's first; the app's own lines (encryption notices,
"X added Y", attachments, deleted messages, tapbacks, read receipts) are not speech.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.chat_dates import date_order, message_time
from pipeline.ingest.names import bracket_company
from pipeline.ingest.preamble import Metadata, read_lines
from pipeline.ingest.turns import person_like

_MESSAGE = re.compile(
    r"^(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+From\s+(?P<name>.+?)\s+(?:to|To|TO)\s+"
    r"(?P<to>[^:]+?)\s*:\s*(?P<text>.*)$"
)
_MIN_MESSAGES = 2


def chat_as_turns(lines: list[str]) -> list[str] | None:
    """The chat's messages as labelled lines, or None when the text is no saved chat."""
    messages: list[tuple[str, str, list[str]]] = []
    for line in lines:
        found = _MESSAGE.match(line.strip())
        if found:
            text = found.group("text").strip()
            messages.append((found.group("time"), found.group("name").strip(), [text]))
        elif messages and line.strip().startswith("Reacted to "):  # an emoji reaction
            messages.pop()
        elif messages and line.strip():
            messages[-1][2].append(line.strip())
        elif not messages and line.strip():
            return None  # text before the first message: not a saved chat
    if len(messages) < _MIN_MESSAGES:
        return None
    return [f"[{time}] {name}: {' '.join(p for p in parts if p)}" for time, name, parts in messages]


# --- phone chat exports --------------------------------------------------------------------

_MARKS = "\u200e\u200f\ufeff"  # WhatsApp puts a left-to-right mark before its own lines
_MERIDIEM = r"(?:\s*(?P<meridiem>[AaPp]\.?\s?[Mm]\.?))?"
_CLOCK = rf"(?P<clock>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?){_MERIDIEM}"
_NUMERIC_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_WHATSAPP = (
    re.compile(rf"^\[(?P<date>{_NUMERIC_DATE}),?\s+{_CLOCK}\]\s(?P<rest>.*)$"),  # iPhone
    re.compile(rf"^(?P<date>{_NUMERIC_DATE}),?\s+{_CLOCK}\s+[-–]\s(?P<rest>.*)$"),  # Android
)
# "Sep 28, 2026  4:02:11 PM (Read by you after 1 minute)" on a line of its own; text after the
# time is the exporter's note of an event ("You renamed the conversation to ...").
_IMESSAGE = re.compile(
    r"^(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_NUMERIC_DATE}),?\s+{_CLOCK}(?:\s+\([^()]*\))?(?P<rest>.*)$"
)
_SENDER = re.compile(r"^(?P<name>[^:\n]{1,80}?):(?:\s(?P<text>.*))?$")
_FROM = re.compile(r"^From:\s*", re.IGNORECASE)
_WITH_COMPANY = re.compile(r"^(?P<name>.+?)\s*\((?P<company>[^()]{1,80})\)$")
_HANDLE = re.compile(r"^(?:\+?[\d\s().-]{7,20}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")
_OWNER = "Me"  # the exporter's owner: in a sales tool, the seller
_MAX_HEADER_LINES = 5  # an exporter's title block above the first message

# WhatsApp's own events, written with no sender (Android) or by the chat's name (iPhone).
_EVENT = re.compile(
    r"^[^:]{1,100}? (?:created group|created this group|changed the subject|changed this group's"
    r"|changed the group|changed their phone number|joined using|added|removed|left|was added"
    r"|was removed|is now an admin|deleted this group's icon|turned (?:on|off) disappearing)\b"
)
# Lines that stand for no words: an attachment, a deleted or missed thing, the app's notices, and
# what iMessage exporters write around a message. Written by the app, so matched as written.
_NOT_SPEECH = re.compile(
    r"^(?:<Media omitted>|<attached: [^>]*>|.{0,200}\b(?:image|video|audio|sticker|GIF|document"
    r"|Contact card|photo|voice message) omitted|.{1,200}\.\w{1,5} \(file attached\)|null"
    r"|This message was deleted(?: from the conversation!)?\.?|You deleted this message\.?"
    r"|Missed (?:group )?(?:voice|video) call.*|Waiting for this message\..*"
    r"|Messages (?:and calls )?(?:are|to this group are now) (?:end-to-end encrypted|secured).*"
    r"|Your security code with .* changed.*|.{1,100} created group [“\"].*"
    r"|This message responded to an earlier message\.|Attachment missing!|Sticker from .*"
    r"|Sent with (?:Confetti|Echo|Fireworks|Balloons|Heart|Lasers|Shooting Star|Sparkles"
    r"|Spotlight|Slam|Loud|Gentle|Invisible Ink)|SharePlay Message"
    r"|Read(?: by .{1,80}? after .*| at \d.*)?|Delivered(?: at \d.*)?|(?:/|~/)\S+\.\w{1,5})$"
)
# imessage-exporter lists a message's tapbacks under it: "Reactions:", then "Loved by Me".
_REACTIONS = "Reactions:"
_REACTION = re.compile(r"^(?:Loved|Liked|Disliked|Laughed|Emphasized|Questioned|Emoji\(.*\)) by ")
_CREATED_GROUP = re.compile(r"^.{1,100} created group [“\"]")
_EDITED = re.compile(r"[\s\u200e]*<This message was edited>", re.IGNORECASE)
# A tapback sent as text ('Liked "Totally hear you..."'): a reaction to someone else's words.
_TAPBACK = re.compile(
    r"^(?:Liked|Loved|Disliked|Laughed at|Emphasi[sz]ed|Questioned|Removed an? \w+ from"
    r"|Reacted \S{1,12} to)\s+(?:[“\"].*[”\"]|an? (?:image|attachment|video|audio message|GIF"
    r"|sticker|movie))$",
    re.DOTALL,
)


@dataclass
class _Message:
    """One message as written: its sender (None for the app's own lines) and its lines."""

    sender: str | None
    date: str
    clock: str
    meridiem: str | None
    lines: list[str] = field(default_factory=list)


_Reader = Callable[[list[str]], "tuple[list[str], list[_Message]] | None"]


def chat_export(text: str, fmt: str) -> ParsedCall | None:
    """The call a phone chat export holds, or None when the text is no such export."""
    lines = text.split("\n")
    readers: tuple[tuple[str, _Reader], ...] = (("WhatsApp", _whatsapp), ("iMessage", _imessage))
    for app, reader in readers:
        found = reader(lines)
        if found is not None:
            return _as_call(text, fmt, app, *found)
    return None


def _whatsapp(lines: list[str]) -> tuple[list[str], list[_Message]] | None:
    """Header lines and messages of a WhatsApp export, or None; a line with no stamp goes on
    the message before it."""
    header: list[str] = []
    messages: list[_Message] = []
    for line in lines:
        bare = line.lstrip(_MARKS)
        found = next((m for m in (p.match(bare) for p in _WHATSAPP) if m), None)
        if found is None:
            (messages[-1].lines if messages else header).append(line)
            continue
        sender, said = _whatsapp_sender(found.group("rest"))
        messages.append(_Message(sender, *_stamp(found), [said]))
    return _if_chat(header, messages)


def _whatsapp_sender(rest: str) -> tuple[str | None, str]:
    """``Name: text`` -> the name and text; a line with no sender is WhatsApp's own event."""
    found = None if _EVENT.match(rest.lstrip(_MARKS)) else _SENDER.match(rest)
    if found is None:
        return None, rest
    said = found.group("text") or ""
    if said.startswith("\u200e"):
        return None, said  # iPhone: the app's line, under the chat's name
    return found.group("name").strip(_MARKS + " "), said


def _imessage(lines: list[str]) -> tuple[list[str], list[_Message]] | None:
    """Header lines and messages of an iMessage/SMS export (a date line, the sender, the text),
    or None."""
    header: list[str] = []
    messages: list[_Message] = []
    dated: tuple[str, re.Match[str]] | None = None  # a date line, its sender not yet read
    for line in lines:
        found = _IMESSAGE.match(line.strip())
        if dated is not None and line.strip():
            if found is not None:
                return None  # a date line with no sender under it: dated notes, not a chat
            written, stamp = dated
            dated, sender = None, _FROM.sub("", line.strip())
            if _sender_like(sender):
                messages.append(_Message(sender, *_stamp(stamp)))
            elif messages:  # a date written in a message: its words
                messages[-1].lines += [written, line]
            else:
                return None  # "Sep 28, 2026 4:02 PM" over "Call with Marcus": dated notes
        elif found is not None and found.group("rest").strip():
            messages.append(_Message(None, *_stamp(found)))  # "You renamed the conversation"
        elif found is not None:
            dated = line, found
        else:
            (messages[-1].lines if messages else header).append(line)
    return _if_chat(header, messages)


def _stamp(found: re.Match[str]) -> tuple[str, str, str | None]:
    return found.group("date"), found.group("clock"), found.group("meridiem")


def _sender_like(sender: str) -> bool:
    """ "Me", a phone number or email address (an unsaved contact), or a person's name."""
    found = _WITH_COMPANY.match(sender)
    name = found.group("name") if found else sender
    return sender == _OWNER or bool(_HANDLE.match(name)) or person_like(name)


def _if_chat(
    header: list[str], messages: list[_Message]
) -> tuple[list[str], list[_Message]] | None:
    """A chat: at least two messages with a sender, under at most a short title block."""
    if sum(message.sender is not None for message in messages) < _MIN_MESSAGES:
        return None
    if sum(bool(line.strip()) for line in header) > _MAX_HEADER_LINES:
        return None
    return header, messages


def _as_call(
    text: str, fmt: str, app: str, header: list[str], messages: list[_Message]
) -> ParsedCall:
    """One utterance per message that has words, timed from the first; the header lines are
    metadata (a title) and the call's date is the first message's."""
    order = date_order([message.date for message in messages])
    chat_names = _chat_names(messages)
    utterances: list[ParsedUtterance] = []
    first: dt.datetime | None = None
    for message in messages:
        said = _speech(message.lines)
        if message.sender is None or not said:
            continue
        if message.sender in chat_names and _EVENT.match(said):
            continue
        when = message_time(message.date, message.clock, message.meridiem, order)
        first = first or when
        start = max(0.0, (when - first).total_seconds()) if when and first else None
        utterances.append(_utterance(message.sender, said, start))
    call = ParsedCall(format=fmt, raw_text=text, utterances=utterances)
    meta = Metadata()
    left = [line.strip() for line in read_lines(header, meta)]
    meta.apply(call)
    if left:  # "Exported by iMazing on Oct 2, 2026": about the file, not the call
        call.extra.setdefault("header_lines", []).extend(left)
    call.call_date = first.date() if first else call.call_date
    call.extra["chat_export"] = app
    if order is not None:
        call.extra.update(order.as_extra())
    return call


def _chat_names(messages: list[_Message]) -> set[str]:
    """Who wrote "X created group": a group's own name on an iPhone export whose marks were
    lost, whose "X added Y" lines are then no one's words (no person's, as in a 1:1 chat)."""
    return {
        message.sender
        for message in messages
        if message.sender
        and message.lines
        and _CREATED_GROUP.match(message.lines[0].lstrip(_MARKS))
    }


def _speech(lines: list[str]) -> str:
    """A message's words: the app's marked lines, attachments, notices and tapbacks left out."""
    kept: list[str] = []
    reactions = False
    for line in lines:
        if line.startswith("\u200e"):  # WhatsApp's own: "‎image omitted", "‎Missed voice call"
            continue
        bare = _EDITED.sub("", line.strip(_MARKS + " \t"))
        reactions = bare == _REACTIONS or (reactions and bool(_REACTION.match(bare)))
        if not reactions and not _NOT_SPEECH.match(bare):
            kept.append(bare)
    said = "\n".join(kept).strip()
    return "" if _TAPBACK.match(said) else said


def _utterance(sender: str, said: str, start: float | None) -> ParsedUtterance:
    """The sender's words; "Sophie Turner (ClassNest)" is Sophie Turner of ClassNest, and "Me",
    the exporter's owner, is the rep."""
    if sender == _OWNER:
        return ParsedUtterance(said, sender, start, role="rep", role_from_source=True)
    found = _WITH_COMPANY.match(sender)
    company = bracket_company(found.group("company")) if found else None
    name = found.group("name") if found and company else sender
    return ParsedUtterance(said, name, start, company=company)
