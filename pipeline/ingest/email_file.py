"""An email as a rep's notes: a saved ``.eml`` (or a message pasted with its headers), a
forwarded recap, and the buyer's own words quoted under it.

Why: a forwarded recap (``FW: Recap - Quarry Street Legal demo``) had become three notes: the
MIME header line, the forwarder's "fwd for the CRM" and the forward marker; the recap itself was
cut as a quoted reply, and the buyer's "we're not looking to spend more than $300 a month"
quoted under it was lost. Now the message is decoded (MIME, encodings, HTML), a forward is
unwrapped to the message it carries (its subject, date and people are the call's; the cover
note is the forwarder's, kept aside), and lines quoted from someone outside the writer's email
domain ("On ... Owen Quarry <owen@quarrystreetlegal.com> wrote:") are that buyer's words. A
reply chain that is not forwarded is read message by message (``email_thread``).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.email_parts import (
    MAIL_KEYS,
    address_domains,
    addresses,
    domain,
    email_date,
    header_block,
    split_signature,
    without_signature,
    without_signed_name,
    writer_name,
)
from pipeline.ingest.email_thread import (
    Message,
    says_something,
    signature_company,
    split_chain,
    split_thread,
    thread_turns,
)
from pipeline.ingest.mail_languages import LOCAL_KEYS, MESSAGE_MARK, is_original_mark
from pipeline.ingest.notes import is_greeting
from pipeline.ingest.values import html_to_text

_FORWARD = re.compile(rf"^\s*(?:{MESSAGE_MARK})\s*$", re.IGNORECASE)
# "RE: ...", "AW: ...": a reply, where Outlook's "-----Original Message-----" opens the message
# answered, not one passed on.
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|rif|r)\s*:", re.IGNORECASE)
# "FW: ...", "Fwd: ...", "WG: ...": a forward, where Outlook's rule of underscores opens the
# message passed on.
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|wg|tr|rv|doorst|i|enc)\s*:", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{5,}\s*$")
_HEAD_LINES = 12  # a message's headers are at its top


@dataclass
class Mail:
    """What an email says of the call: its header lines (as ``Key: value`` text lines the
    notes reader takes as fields), the body lines, and the buyer's quoted or threaded words."""

    headers: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    buyer_lines: list[ParsedUtterance] = field(default_factory=list)
    cover_note: list[str] = field(default_factory=list)
    # A thread's messages, each its writer's, and the writers ("from", "speaker", "company"),
    # newest first: whose side each is, ``settle_thread`` says once our team is known.
    thread: list[ParsedUtterance] = field(default_factory=list)
    writers: list[dict[str, str]] = field(default_factory=list)
    # A single message's writer ("Name <address>"): whose notes they are, ``settle_sender``
    # says once our team and company are known.
    sender: dict[str, str] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return [*self.headers, "", *self.body]


def looks_like_email(text: str) -> bool:
    """A message with its headers: two or more of From, To, Subject, Date at its top."""
    top = text.lstrip("\ufeff").split("\n")[: _HEAD_LINES * 3]
    found, _end = header_block(top)
    if len(MAIL_KEYS & found.keys()) >= 2 and "from" in found:
        return True
    # Pasted from a German or French mail app ("Von: / Gesendet: / An: / Betreff:"): its sent
    # time and subject too, as "Van:" and "An:" may be two people's turns.
    found, _end = header_block(top, localized=True)
    return {"from", "subject"} <= found.keys() and bool({"sent", "date"} & found.keys())


def _body_text(message: EmailMessage) -> str:
    """The message's readable body: its plain text part, else its HTML as text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    encoding = str(part.get("content-transfer-encoding", "")).strip().casefold()
    raw = part.get_payload()
    if encoding in ("", "7bit", "8bit") and isinstance(raw, str):
        # The file's text is already decoded, charset or none: "£118" had become "�118", read
        # back as ASCII (a pasted message; a mailbox's 8bit UTF-8 message).
        text = raw
        return html_to_text(text) if part.get_content_type() == "text/html" else text
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = str(content)
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _headers_as_lines(headers: dict[str, str], writers: Sequence[dict[str, str]] = ()) -> list[str]:
    """The call's fields from the headers; a thread's people are its writers (with the
    company their signature names) and everyone it was sent or copied to."""
    lines = [f"Subject: {headers['subject']}"] if headers.get("subject") else []
    when = email_date(headers.get("date") or headers.get("sent") or "")
    if when:
        lines.append(f"Date: {when}")
    named: dict[str, str] = {}
    for writer in writers:
        named[writer["speaker"]] = named.get(writer["speaker"]) or writer["company"]
    fields = ("to", "cc") if writers else ("to",)
    addressed = addresses([headers.get(key, "") for key in fields])
    for name, mail in addressed:
        named.setdefault(name or mail, "")
    # ";" between people: a company after one name is never carried to the one before it.
    people = [f"{name} ({company})" if company else name for name, company in named.items() if name]
    if people:
        lines.append("Attendees: " + ("; " if writers else ", ").join(people))
    return lines


def _forward_at(body: list[str], subject: str) -> int | None:
    """Where a forwarded message starts; in a reply ("RE: ..."), Outlook's "-----Original
    Message-----" opens the message answered, read as the thread's next message."""
    for index, line in enumerate(body):
        if _FORWARD.match(line) and not (_REPLY_SUBJECT.match(subject) and is_original_mark(line)):
            return index
        if _RULE.match(line) and _FORWARD_SUBJECT.match(subject):
            return index
    return None


def message_parts(text: str) -> tuple[dict[str, str], list[str]]:
    """A message's headers (keys case-folded, the first of each) and its decoded body lines."""
    message = email.message_from_string(text.lstrip("\ufeff"), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    headers: dict[str, str] = {}
    for key, value in message.items():
        headers.setdefault(key.casefold(), str(value))
    for key, value in list(headers.items()):  # pasted from a German mail app: "Von:", "An:"
        headers.setdefault(LOCAL_KEYS.get(key, key), value)
    return headers, _body_text(message).replace("\r\n", "\n").split("\n")


def thread_mail(messages: Sequence[tuple[dict[str, str], list[str]]]) -> Mail:
    """Messages of one thread (headers and body lines, oldest first) as one mail: each
    message's own words its writer's turn, what it quotes of the others dropped (they are in
    the thread already); the subject and date are the first message's."""
    own: list[Message] = []
    for headers, body in messages:
        writer = headers.get("from", "")
        found = split_thread(body, writer)
        if found and found[0].writer == writer:  # its own words, not only a quote
            own.append(found[0])
    mail = Mail()
    mail.thread, mail.writers = thread_turns(own[::-1])  # newest first, as a reply chain
    first = messages[0][0] if messages else {}
    every_to = ", ".join(h.get("to", "") for h, _body in messages if h.get("to"))
    headers = {**{k: v for k, v in first.items() if k in MAIL_KEYS}, "to": every_to}
    mail.headers = _headers_as_lines(headers, mail.writers)
    return mail


def read_email(text: str) -> Mail:
    """The email in ``text`` (``looks_like_email``): decoded, a forward unwrapped to the
    message it carries, a reply chain read as its messages (``email_thread``)."""
    every, body = message_parts(text)
    headers = {key: value for key, value in every.items() if key in MAIL_KEYS}
    mail = Mail()
    forward = _forward_at(body, headers.get("subject", ""))
    inner, end = header_block(body, forward + 1, localized=True) if forward is not None else ({}, 0)
    if "from" not in inner:  # not forwarded: one message, or a thread of replies
        messages = split_thread(body, headers.get("from", ""))
        if len(messages) > 1:
            mail.thread, mail.writers = thread_turns(messages)
            mail.headers = _headers_as_lines(headers, mail.writers)
            return mail
        mail.headers = _headers_as_lines(headers)  # which side wrote it, the file does not say
        writer = headers.get("from", "")
        unsigned = without_signed_name(split_signature(body)[0], writer_name(writer))
        mail.body, signature = unsigned, body[len(unsigned) :]
        company = signature_company(signature, writer) or ""
        mail.sender = {"from": writer, "speaker": writer_name(writer) or "", "company": company}
        return mail
    # Forwarded by one of ours (the seller keeps these files): the forwarder's domain is ours.
    ours = domain(headers.get("from", ""))
    mail.cover_note = [line for line in body[:forward] if line.strip()]
    headers = {**headers, **inner}
    if "date" not in inner and "sent" in inner:
        headers["date"] = inner["sent"]
    mail.headers = _headers_as_lines(headers)
    writer = inner["from"]
    own, older = split_chain(body[end:], writer)
    known = address_domains([*(f"{key}: {every.get(key, '')}" for key in MAIL_KEYS), *body])
    theirs = [m for m in older[::-1] if _buyers(m.writer, ours, known)]  # oldest first
    mail.buyer_lines = [line for m in theirs for line in _paragraphs(m.lines, m.writer)]
    if _buyers(writer, ours, known):  # a buyer's email, passed on: all its own words theirs
        mail.buyer_lines += _paragraphs(own, writer)
        return mail
    mail.headers.append(f"Rep: {writer_name(writer)}")
    mail.body = without_signed_name(without_signature(own), writer_name(writer))
    return mail


def _buyers(writer: str, ours: str, known: dict[str, str]) -> bool:
    """Written by the buyer: from a domain other than ours (the forwarder's), by address or by
    the address the chain gives the writer's name elsewhere. A message quoted from our side is
    left out, as in any note, and so is one whose side the chain does not say."""
    found = domain(writer) or known.get(" ".join((writer_name(writer) or "").casefold().split()))
    return bool(ours) and bool(found) and found != ours


def _paragraphs(lines: list[str], writer: str) -> list[ParsedUtterance]:
    """A buyer's written lines as utterances, one per paragraph, as they wrote them; their
    signature, a greeting ("Jordan,", "Hi Dana,") and "Sent from my iPhone" say nothing of the
    call."""
    speaker = writer_name(writer)
    paragraphs: list[list[str]] = [[]]
    for line in without_signed_name(without_signature(lines), speaker):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = [" ".join(p) for p in paragraphs if p]
    return [
        ParsedUtterance(text, speaker, None, "buyer", None, True)
        for text in texts
        if not is_greeting(text) and says_something(text, speaker)
    ]
