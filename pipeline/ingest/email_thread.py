"""An email thread: every message of the reply chain is its writer's turn, and the writer's
side (ours or the buyer's) is settled once the team and our company are known.

Why: an Outlook thread saved as text (three messages, each under "From: / Sent: / To: /
Subject:") had kept only its top message, filed as the rep's notes although the buyer wrote
it; the rep's reply and the buyer's first email, with its migration and price worries, were
gone. Outlook's header blocks, Gmail's "On ... Name <address> wrote:" with its ``>`` quote
(nested ones too) each open the next, older message; signatures, disclaimers, greetings and
separator lines are nobody's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.firm_names import is_legal_form
from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.email_parts import (
    WROTE,
    domain,
    header_block,
    quoted_below,
    split_signature,
    without_signed_name,
    writer_name,
)
from pipeline.ingest.mail_languages import MESSAGE_MARK
from pipeline.ingest.names import name_matches
from pipeline.ingest.notes import parse_notes

_QUOTED = re.compile(r"^\s*>\s?(?P<text>.*)$")
# What separates a chain's messages: a rule of underscores or dashes, Outlook's "-----Original
# Message-----", Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
# message:" (``MESSAGE_MARK``, in other languages too); the header block under it opens the
# next message.
_SEPARATOR = re.compile(rf"^\s*(?:[_-]{{5,}}|{MESSAGE_MARK})\s*$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:confidentiality notice|disclaimer|privileged (?:&|and) confidential"
    r"|sent from my \w+|get outlook for \w+"
    r"|this (?:e-?mail|message|communication)\b.{0,120}\b(?:confidential|privileged|intended))",
    re.IGNORECASE,
)
_NAME_CHARS = re.compile(r"[^a-z0-9]")


@dataclass
class Message:
    """One message of a thread: its writer ("Name <address>") and its own lines."""

    writer: str
    lines: list[str] = field(default_factory=list)


def _opens_message(lines: list[str], index: int) -> dict[str, str] | None:
    """Outlook's "From: ... / Sent: ... / To: ... / Subject: ..." block starting here."""
    found, _end = header_block(lines[index : index + 1], localized=True)
    if "from" not in found:  # "From:", or the mail app's word for it ("Von:", "De :")
        return None
    found, _end = header_block(lines, index, localized=True)
    return found if "from" in found and ({"sent", "date"} & found.keys()) else None


def split_thread(lines: list[str], writer: str) -> list[Message]:
    """The messages in ``lines``, newest (``writer``'s) first: each reply header opens the
    next one; a ``>`` quote is read as a thread of its own."""
    return [message for message in _levels(lines, writer) if _has_text(message)]


def split_chain(lines: list[str], writer: str) -> tuple[list[str], list[Message]]:
    """``writer``'s own lines, above the first reply or forward header, and the older messages
    quoted or forwarded under them, newest first, at every level."""
    own, *older = _levels(lines, writer)
    return own.lines, [message for message in older if _has_text(message)]


def _has_text(message: Message) -> bool:
    return any(line.strip() for line in message.lines)


def _levels(lines: list[str], writer: str) -> list[Message]:
    """``writer``'s message and each one under it, newest first, empty ones kept."""
    messages = [Message(writer)]
    index = 0
    while index < len(lines):
        line = lines[index]
        wrote = WROTE.match(line)
        if wrote is not None:
            quoted = quoted_below(lines[index + 1 :], _QUOTED)
            messages.extend(_levels(quoted, wrote.group("who")))
            break
        if (headers := _opens_message(lines, index)) is not None:
            messages.append(Message(headers["from"]))
            index = header_block(lines, index, localized=True)[1]
            continue
        if not _SEPARATOR.match(line):
            messages[-1].lines.append(line)
        index += 1
    return messages


def signature_company(signature: list[str], address: str) -> str | None:
    """The company a signature names where it matches the writer's email domain ("Sunbelt
    Renewables" above glawson@sunbeltrenewables.com, "Kessler Campus GmbH" above
    t.wendt@kessler-campus.de)."""
    labels = [_NAME_CHARS.sub("", label) for label in domain(address).split(".")[:-1]]
    labels = [label for label in labels if len(label) >= 4]
    for line in signature:
        for part in re.split(r"\s*[|·,•]\s*|\s+[-–—]\s+", line.strip()):
            words = part.split()
            bare = words[:-1] if len(words) > 1 and is_legal_form(words[-1]) else words
            key = _NAME_CHARS.sub("", " ".join(bare).casefold())
            if len(key) >= 4 and any(key == label or label.startswith(key) for label in labels):
                return part.strip()
    return None


def says_something(text: str, name: str | None) -> bool:
    """Not the writer's name alone ("Greg" over a signature), nor a disclaimer or app line."""
    if name and name_matches(text.strip(" ,.-"), name):
        return False
    return not _BOILERPLATE.match(text.strip())


def thread_turns(messages: Sequence[Message]) -> tuple[list[ParsedUtterance], list[dict[str, str]]]:
    """Each message's paragraphs as its writer's utterances, oldest message first, the side
    left ``unknown`` for ``settle_thread``; and the writers as ``{"from", "speaker",
    "company"}``."""
    utterances: list[ParsedUtterance] = []
    writers: list[dict[str, str]] = []
    signed: dict[str, str] = {}  # a writer's company, from any of their signatures
    for message in messages:
        signature = split_signature(message.lines)[1]
        if company := signature_company(signature, message.writer):
            signed.setdefault(domain(message.writer) or message.writer, company)
    for message in reversed(messages):  # as the conversation went: the oldest first
        name = writer_name(message.writer)
        company = signed.get(domain(message.writer) or message.writer)
        writers.append({"from": message.writer, "speaker": name or "", "company": company or ""})
        utterances.extend(message_words(message.lines, name, company))
    return utterances, writers


def message_words(
    lines: list[str], name: str | None, company: str | None = None, role: str = "unknown"
) -> list[ParsedUtterance]:
    """One written message's paragraphs and list items as its writer's utterances: the
    signature, the name signed under it, greetings and disclaimers are nobody's words."""
    body = without_signed_name(split_signature(lines)[0], name)
    _title, notes = parse_notes(body)
    return [
        ParsedUtterance(note.text, name, None, role, company, True)
        for note in notes
        if says_something(note.text, name)
    ]


def ours(writer: str, names: Sequence[str], companies: Sequence[str]) -> bool:
    """Written by our side: on the roster (``names``) or from our company's email domain."""
    name = writer_name(writer) or ""
    if name and any(name_matches(name, our) for our in names):
        return True
    label = _NAME_CHARS.sub("", domain(writer).rsplit(".", 2)[0])
    keys = [_NAME_CHARS.sub("", company.casefold()) for company in companies]
    return bool(label) and any(len(key) >= 4 and key in label for key in keys)


def settle_thread(
    utterances: list[ParsedUtterance],
    writers: object,
    names: Sequence[str],
    companies: Sequence[str],
) -> None:
    """The thread's utterances given their sides: our writers' are the rep's words (the rep's
    notes when no one else wrote), everyone else's the buyer's. When no writer is known to be
    ours, the file does not say which side is which: each stays its writer's, side unknown."""
    if not isinstance(writers, list) or not writers:
        return
    speakers = {str(w.get("speaker") or ""): str(w.get("from") or "") for w in writers}
    mine = {speaker for speaker, writer in speakers.items() if ours(writer, names, companies)}
    theirs = set(speakers) - mine
    for utterance in utterances:
        speaker = utterance.speaker or ""
        if mine and speaker in speakers and utterance.role == "unknown":
            utterance.role = ("rep" if theirs else "rep_note") if speaker in mine else "buyer"


def settle_sender(
    utterances: list[ParsedUtterance],
    sender: object,
    names: Sequence[str],
    companies: Sequence[str],
) -> None:
    """A single email's notes: its writer's words as the buyer's when the writer is neither on
    the roster nor at our company's domain; the rep's notes when ours, or when neither the
    address nor our company is known (the file does not say)."""
    found = sender if isinstance(sender, dict) else {}
    address = str(found.get("from") or "")
    if not domain(address) or not companies or ours(address, names, companies):
        return
    for utterance in utterances:
        if utterance.role == "rep_note" and utterance.speaker is None:
            utterance.role, utterance.speaker = "buyer", writer_name(address)
            utterance.company = utterance.company or str(found.get("company") or "") or None
