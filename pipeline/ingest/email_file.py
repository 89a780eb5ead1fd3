"""An email as a rep's notes: a saved ``.eml`` (or a message pasted with its headers), a
forwarded recap, and the buyer's own words quoted under it.

Why: a forwarded recap (``FW: Recap - Quarry Street Legal demo``) had become three notes: the
MIME header line, the forwarder's "fwd for the CRM" and the forward marker; the recap itself was
cut as a quoted reply, and the buyer's "we're not looking to spend more than $300 a month"
quoted under it was lost. Now the message is decoded (MIME, encodings, HTML), a forward is
unwrapped to the message it carries (its subject, date and people are the call's; the cover
note is the forwarder's, kept aside), and lines quoted from someone outside the writer's email
domain ("On ... Owen Quarry <owen@quarrystreetlegal.com> wrote:") are that buyer's words.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.names import name_matches
from pipeline.ingest.notes import SIGN_OFFS, is_greeting, without_contact_block
from pipeline.ingest.values import html_to_text, parse_date

_HEADER = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,40}):[ \t]*(?P<value>.*)$")
_MAIL_KEYS = frozenset({"from", "to", "subject", "date", "sent", "cc"})
_TRANSPORT_KEYS = frozenset(
    {"mime-version", "content-type", "content-transfer-encoding", "message-id", "received",
     "return-path", "delivered-to", "reply-to", "in-reply-to", "references", "x-mailer"}
)  # fmt: skip
_FORWARD = re.compile(
    r"^\s*(?:-{3,}\s*Forwarded message\s*-{3,}|Begin forwarded message:"
    r"|-{3,}\s*Original Message\s*-{3,})\s*$",
    re.IGNORECASE,
)
_WROTE = re.compile(r"^\s*On\s.{4,200}?\s(?P<who>[^,]*?<[^>]+@[^>]+>|\S+@\S+)\s*wrote:\s*$")
_QUOTED = re.compile(r"^\s*>(?!>)\s?(?P<text>.*)$")
_HEAD_LINES = 12  # a message's headers are at its top
# Where a signature starts: a sign-off alone on its line, or the "-- " delimiter.
_SIGN_OFF = re.compile(rf"^\s*(?:(?:{SIGN_OFFS})[,.!]?|--)\s*$", re.IGNORECASE)
_NOT_NAME = frozenset({"am", "pm", "at", "on", "utc", "gmt"})


@dataclass
class Mail:
    """What an email says of the call: its header lines (as ``Key: value`` text lines the
    notes reader takes as fields), the body lines, and the buyer's quoted words."""

    headers: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    buyer_lines: list[ParsedUtterance] = field(default_factory=list)
    cover_note: list[str] = field(default_factory=list)
    # A reply's quoted message from another domain: the other side's words, a buyer's once the
    # writer is known to be ours (``settle_reply``): (writer, [{"speaker", "text"}...]).
    reply_to: tuple[str, list[dict[str, str]]] | None = None

    @property
    def lines(self) -> list[str]:
        return [*self.headers, "", *self.body]


def _header_block(lines: list[str], start: int = 0) -> tuple[dict[str, str], int]:
    """The ``Key: value`` lines from ``start`` (folded lines joined) and where they end."""
    found: dict[str, str] = {}
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    last = None
    while index < len(lines):
        line = lines[index]
        match = _HEADER.match(line)
        if match and (match.group("key").casefold() in _MAIL_KEYS | _TRANSPORT_KEYS):
            last = match.group("key").casefold()
            found.setdefault(last, match.group("value").strip())
        elif last and line[:1] in (" ", "\t") and line.strip():
            found[last] += " " + line.strip()
        else:
            break
        index += 1
    return found, index


def looks_like_email(text: str) -> bool:
    """A message with its headers: two or more of From, To, Subject, Date at its top."""
    found, _end = _header_block(text.lstrip("\ufeff").split("\n")[: _HEAD_LINES * 3])
    return len(_MAIL_KEYS & found.keys()) >= 2 and "from" in found


def _body_text(message: EmailMessage) -> str:
    """The message's readable body: its plain text part, else its HTML as text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    encoding = str(part.get("content-transfer-encoding", "")).strip().casefold()
    raw = part.get_payload()
    if (
        part.get_param("charset") is None
        and encoding in ("", "7bit", "8bit")
        and isinstance(raw, str)
    ):
        # A message pasted as text, with no charset: its text is already decoded ("£118" had
        # become "�118", read back as ASCII).
        text = raw
        return html_to_text(text) if part.get_content_type() == "text/html" else text
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = str(content)
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _writer(who: str) -> str | None:
    """The name in "... 3:12 PM Owen Quarry <owen@...>": the capitalised words before it."""
    name, mail = parseaddr(who)
    before = who.split("<", 1)[0] if "<" in who else name
    words: list[str] = []
    for word in reversed(before.replace('"', " ").split()):
        if not word[:1].isupper() or not word.isalpha() or word.casefold() in _NOT_NAME:
            break
        words.insert(0, word)
    return " ".join(words) or name.strip() or mail or None


def _without_signature(lines: list[str]) -> list[str]:
    """The lines before the writer's sign-off ("Best,", then their name, title and phone)."""
    for index in range(len(lines) - 1, -1, -1):
        if _SIGN_OFF.match(lines[index]):
            return lines[:index]
    return without_contact_block(lines)


def _domain(address: str) -> str:
    _name, mail = parseaddr(address)
    return mail.rpartition("@")[2].casefold()


def _date(value: str) -> str | None:
    """An email's date as ``YYYY-MM-DD``: RFC 5322 ("Thu, 19 Mar 2026 16:05:11 -0400") or a
    forward's ("Wed, Mar 18, 2026 at 5:47 PM")."""
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = parse_date(re.sub(r"\s+at\s+\d{1,2}:\d{2}.*$", "", value.strip()))
    return found.isoformat() if found else (value.strip() or None)


def _headers_as_lines(headers: dict[str, str]) -> list[str]:
    lines = [f"Subject: {headers['subject']}"] if headers.get("subject") else []
    when = _date(headers.get("date") or headers.get("sent") or "")
    if when:
        lines.append(f"Date: {when}")
    people = [name or mail for name, mail in getaddresses([headers.get("to", "")]) if name or mail]
    if people:
        lines.append("Attendees: " + ", ".join(people))
    return lines


def read_email(text: str) -> Mail:
    """The email in ``text`` (``looks_like_email``): decoded, a forward unwrapped to the
    message it carries, the buyer's quoted words taken out of the reply it quotes."""
    message = email.message_from_string(text.lstrip("\ufeff"), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    headers = {k.casefold(): str(v) for k, v in message.items() if k.casefold() in _MAIL_KEYS}
    body = _body_text(message).replace("\r\n", "\n").split("\n")
    mail = Mail()
    forward = next((i for i, line in enumerate(body) if _FORWARD.match(line)), None)
    inner, end = _header_block(body, forward + 1) if forward is not None else ({}, 0)
    if "from" not in inner:  # not forwarded: which side wrote it, the file does not say
        mail.headers = _headers_as_lines(headers)
        writer = headers.get("from", "")
        mine = _domain(writer)
        kept, other = _quoted_from(body, lambda domain: bool(mine) and domain != mine)
        if other:
            mail.reply_to = (writer, [{"speaker": u.speaker or "", "text": u.text} for u in other])
            body = kept
        mail.body = body
        return mail
    # Forwarded by one of ours (the seller keeps these files): the forwarder's domain is ours.
    ours = _domain(headers.get("from", ""))
    mail.cover_note = [line for line in body[:forward] if line.strip()]
    headers = {**headers, **inner}
    if "date" not in inner and "sent" in inner:
        headers["date"] = inner["sent"]
    mail.headers = _headers_as_lines(headers)
    body = body[end:]
    writer = inner["from"]
    if ours and _domain(writer) and _domain(writer) != ours:  # a buyer's email, passed on
        kept, _ = _quoted_from(body, lambda _domain: False)  # what it quotes is left out
        mail.buyer_lines = _paragraphs(_without_signature(kept), _writer(writer))
        return mail
    mail.headers.append(f"Rep: {_writer(writer)}")
    kept, mail.buyer_lines = _quoted_from(body, lambda domain: bool(ours) and domain != ours)
    mail.body = _without_signature(kept)
    return mail


def _quoted_from(
    lines: list[str], theirs: Callable[[str], bool]
) -> tuple[list[str], list[ParsedUtterance]]:
    """The lines above a quoted reply ("On ... Name <address> wrote:" and its ``>`` lines),
    and the reply as its writer's utterances when ``theirs(domain)``; a reply from our side
    is left out, as in any note."""
    for index, line in enumerate(lines):
        wrote = _WROTE.match(line)
        if wrote is None:
            continue
        who = wrote.group("who")
        if not theirs(_domain(who)):
            return lines[:index], []
        quoted: list[str] = []
        for after in lines[index + 1 :]:
            match = _QUOTED.match(after)
            if match is None and after.strip():
                break
            quoted.append(match.group("text") if match else "")
        return lines[:index], _paragraphs(_without_signature(quoted), _writer(who))
    return lines, []


def _paragraphs(lines: list[str], speaker: str | None) -> list[ParsedUtterance]:
    """A buyer's written lines as utterances, one per paragraph, as they wrote them; a
    paragraph that is only a greeting ("Jordan,", "Hi Dana,") says nothing of the call."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = [" ".join(p) for p in paragraphs if p and not is_greeting(" ".join(p))]
    return [ParsedUtterance(t, speaker, None, "buyer", None, True) for t in texts]


def settle_reply(
    utterances: list[ParsedUtterance],
    reply: object,
    names: Sequence[str],
    companies: Sequence[str],
) -> None:
    """The quoted reply an email kept aside becomes the buyer's words when the email's writer
    is ours: on the roster (``names``) or writing from our company's domain (``companies``).
    A rep's "Re: next steps" had lost the "£59 per location is steep" it quoted."""
    if not isinstance(reply, dict) or not _ours(str(reply.get("from", "")), names, companies):
        return
    for line in reply.get("lines", []):
        speaker = str(line.get("speaker") or "") or None
        utterances.append(ParsedUtterance(str(line["text"]), speaker, None, "buyer", None, True))


def _ours(writer: str, names: Sequence[str], companies: Sequence[str]) -> bool:
    name = _writer(writer) or ""
    if name and any(name_matches(name, ours) for ours in names):
        return True
    domain = re.sub(r"[^a-z0-9]", "", _domain(writer).rsplit(".", 2)[0])
    keys = [re.sub(r"[^a-z0-9]", "", company.casefold()) for company in companies]
    return bool(domain) and any(len(key) >= 4 and key in domain for key in keys)
