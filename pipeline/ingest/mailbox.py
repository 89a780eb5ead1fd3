"""A mailbox file (``.mbox``: Gmail Takeout, Thunderbird, Apple Mail): its messages read as
saved ``.eml`` files are, one call per thread, the messages in date order.

Why: a Gmail Takeout ``.mbox`` of a buyer's email and the rep's reply had been read as one text
and refused as "only 10 words in one sentence". Messages are split at the ``From `` lines that
open them (a body's own "From " lines are written ``>From ``, and read back without the ``>``);
a thread is Gmail's ``X-GM-THRID``, else the replies' ``References``/``In-Reply-To``, else the
subject without "Re:"; each message's quote of the ones before it is dropped, those are in the
thread already. Whose side wrote what is settled later, by the roster and our company's email
domain (``email_thread.settle_thread``).
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.email_file import looks_like_email, message_parts, read_email, thread_mail
from pipeline.ingest.email_parts import header_block
from pipeline.ingest.txt import mail_call

# The line that opens a message: "From <sender or id> <date with a time of day>".
_OPENING = re.compile(r"^From \S+\s+.*\b\d{1,2}:\d{2}\b.*$")
_ESCAPED = re.compile(r"^>(>*From )")
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv|antw)\s*:\s*)+", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_NEVER = dt.datetime.max.replace(tzinfo=dt.UTC)

Parts = tuple[dict[str, str], list[str]]
Read = tuple[str, Parts]  # a message's text, and its headers and body lines


def looks_like_mailbox(text: str) -> bool:
    """A ``From `` line first, then header lines (whether they make a readable message,
    ``parse_mailbox`` says)."""
    lines = text.lstrip("\ufeff\r\n").split("\n", 1)
    return (
        len(lines) == 2
        and _OPENING.match(lines[0].rstrip("\r")) is not None
        and bool(header_block(lines[1].replace("\r\n", "\n").split("\n", 40)[:40])[0])
    )


def split_messages(text: str) -> list[str]:
    """Each message's text, ``>From `` lines read back as the ``From `` lines they were."""
    messages: list[list[str]] = []
    before = ""
    for line in text.lstrip("\ufeff").replace("\r\n", "\n").split("\n"):
        if _OPENING.match(line) and not before.strip():
            messages.append([])
        elif messages:
            messages[-1].append(_ESCAPED.sub(r"\1", line))
        before = line
    return ["\n".join(lines) for lines in messages]


def _when(headers: dict[str, str]) -> dt.datetime:
    try:
        found = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        return _NEVER
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)


def _subject_key(headers: dict[str, str]) -> str:
    return " ".join(_REPLY_PREFIX.sub("", headers.get("subject", "")).casefold().split())


def threads(messages: list[Read]) -> list[list[Read]]:
    """The messages grouped into threads, each in date order, threads by their first date."""
    keys: dict[str, int] = {}  # a message id, Gmail thread id or subject -> its thread
    grouped: list[list[Read]] = []
    for read in sorted(messages, key=lambda read: _when(read[1][0])):
        headers = read[1][0]
        own = _MESSAGE_ID.findall(headers.get("message-id", ""))
        refs = _MESSAGE_ID.findall(
            f"{headers.get('references', '')} {headers.get('in-reply-to', '')}"
        )
        gmail = [f"gm:{headers['x-gm-thrid'].strip()}"] if headers.get("x-gm-thrid") else []
        subject = [f"subject:{key}"] if (key := _subject_key(headers)) else []
        found = next((keys[k] for k in (*gmail, *refs, *subject) if k in keys), None)
        if found is None:
            found = len(grouped)
            grouped.append([])
        grouped[found].append(read)
        for key in (*gmail, *own, *refs, *subject):
            keys.setdefault(key, found)
    return grouped


def parse_mailbox(text: str, filename: str) -> list[ParsedCall]:
    """One call per thread of the mailbox; a ``BadInput`` that says why when none is read."""
    texts = split_messages(text)
    readable = [chunk for chunk in texts if looks_like_email(chunk)]
    if not readable:
        raise BadInput(
            f"mailbox with {len(texts)} message(s), none with email headers (From:, Date:, "
            "Subject:) under its 'From ' line; export each message as .eml",
            filename=filename,
        )
    calls: list[ParsedCall] = []
    for thread in threads([(chunk, message_parts(chunk)) for chunk in readable]):
        if len(thread) == 1:  # one message: exactly as its saved .eml is read
            calls.append(mail_call(thread[0][0], read_email(thread[0][0])))
        else:
            raw = "\n".join(chunk for chunk, _parts in thread)
            calls.append(mail_call(raw, thread_mail([parts for _chunk, parts in thread])))
    if not any(call.utterances for call in calls):
        raise BadInput(
            f"mailbox with {len(readable)} message(s) whose bodies hold no text of their own "
            "(only quotes, signatures or attachments)",
            filename=filename,
        )
    return calls
