"""The pieces of an email any reader of one needs: its header block, the line that opens a
quoted reply ("On ... Name <address> wrote:"), the writer's name and domain, its date, and
where the signature starts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from pipeline.ingest.mail_languages import LOCAL_KEYS, english_date
from pipeline.ingest.names import LAST_FIRST, first_last, name_matches
from pipeline.ingest.notes import SIGN_OFFS, without_contact_block
from pipeline.ingest.values import parse_date

# "Key: value"; French puts a space before the colon ("De : ...", "À : ..."), Spanish Outlook
# writes "Enviado el:".
_HEADER = re.compile(
    r"^(?P<key>[^\W\d_][\w-]{0,40}(?: el)?)[ \t\u00a0]?:[ \t\u00a0]*(?P<value>.*)$"
)
MAIL_KEYS = frozenset({"from", "to", "subject", "date", "sent", "cc"})
_TRANSPORT_KEYS = frozenset(
    {"mime-version", "content-type", "content-transfer-encoding", "message-id", "received",
     "return-path", "delivered-to", "reply-to", "in-reply-to", "references", "x-mailer",
     "dkim-signature", "authentication-results", "received-spf", "thread-topic", "thread-index",
     "content-language", "accept-language", "importance", "user-agent"}
)  # fmt: skip
# A mail service's own headers (Gmail's ``X-GM-THRID``, ``X-Gmail-Labels``, ``ARC-Seal``) above
# the message's: a Takeout message opens with them.
_SERVICE_PREFIXES = ("x-", "arc-")
WROTE = re.compile(r"^\s*On\s.{4,200}?\s(?P<who>[^,]*?<[^>]+@[^>]+>|\S+@\S+)\s*wrote:\s*$")
# Where a signature starts: a sign-off alone on its line, or the "-- " delimiter.
_SIGN_OFF = re.compile(rf"^\s*(?:(?:{SIGN_OFFS})[,.!]?|--)\s*$", re.IGNORECASE)
_NOT_NAME = frozenset({"am", "pm", "at", "on", "utc", "gmt"})
# A signature's lines under the writer's name: title, company, a few of them, none a sentence.
_SIGNED_LINES = 5
_SIGNED_LINE_CHARS = 80
_ADDRESS_HEADER = re.compile(
    r"^\s*(?:from|to|cc|von|an|de|à|van|aan|para|da|a)\s*:(?P<who>.*)$", re.IGNORECASE
)


def header_block(
    lines: list[str], start: int = 0, *, localized: bool = False
) -> tuple[dict[str, str], int]:
    """The ``Key: value`` lines from ``start`` (folded lines joined) and where they end;
    ``localized`` also reads a mail app's header names in other languages ("Von:", "Objet :")
    under their English keys: asked for where a message is known to be, as "An:" or "Van:"
    may be a person's name in a transcript."""
    found: dict[str, str] = {}
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    last = None
    while index < len(lines):
        line = lines[index]
        match = _HEADER.match(line)
        key = match.group("key").casefold() if match else ""
        key = LOCAL_KEYS.get(key, key) if localized else key
        if match and (key in MAIL_KEYS | _TRANSPORT_KEYS or key.startswith(_SERVICE_PREFIXES)):
            last = key
            found.setdefault(last, match.group("value").strip())
        elif last and line[:1] in (" ", "\t") and line.strip():
            found[last] += " " + line.strip()
        else:
            break
        index += 1
    return found, index


# Outlook's "Last, First <address>" unquoted: one person, not "Wendt" and "Tobias <...>".
_UNQUOTED_LAST_FIRST = re.compile(rf"(^|[,;]\s*)({LAST_FIRST})(\s*<[^<>@\s]+@)")


_LAST_FIRST_WRITER = re.compile(rf'^\s*"?(?P<name>{LAST_FIRST})"?\s*(?:<|$)')


def addresses(values: Sequence[str]) -> list[tuple[str, str]]:
    """``(name, address)`` of everyone in address headers; "Wendt, Tobias <t.wendt@...>", quoted
    or not, is Tobias Wendt."""
    quoted = [_UNQUOTED_LAST_FIRST.sub(r'\1"\2"\3', value) for value in values]
    return [(first_last(name), mail) for name, mail in getaddresses(quoted)]


def writer_name(who: str) -> str | None:
    """The name in "... 3:12 PM Owen Quarry <owen@...>": the capitalised words before it;
    Outlook's "Wendt, Tobias <...>" read as "Tobias Wendt" (it had been "Tobias")."""
    flipped = _LAST_FIRST_WRITER.match(who)
    if flipped:
        return first_last(flipped.group("name"))
    name, mail = parseaddr(who)
    before = who.split("<", 1)[0] if "<" in who or "@" not in who else name
    words: list[str] = []
    for word in reversed(before.replace('"', " ").split()):
        if not word[:1].isupper() or not word.isalpha() or word.casefold() in _NOT_NAME:
            break
        words.insert(0, word)
    return " ".join(words) or name.strip() or mail or None


def split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines before the writer's sign-off ("Best,", then their name, title and phone),
    and the signature itself."""
    for index in range(len(lines) - 1, -1, -1):
        if _SIGN_OFF.match(lines[index]):
            return lines[:index], lines[index:]
    kept = without_contact_block(lines)
    return kept, lines[len(kept) :]


def without_signature(lines: list[str]) -> list[str]:
    return split_signature(lines)[0]


def without_signed_name(lines: list[str], name: str | None) -> list[str]:
    """The lines without the writer's name signed at their end and the title and company lines
    under it ("Tess"; "Dana Whitlock / Account Executive | Crate Co", a signature with no phone
    or sign-off to mark it had been stored as the writer's words)."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while name and start and end - start < _SIGNED_LINES:
        text = lines[start - 1].strip()
        if not text or len(text) > _SIGNED_LINE_CHARS or text.endswith((".", "?", "!")):
            break
        start -= 1
        if name_matches(text.strip(" ,.-"), name):
            return lines[:start]
    return lines[:end]


def address_domains(lines: Sequence[str]) -> dict[str, str]:
    """Each person a chain's ``From:``/``To:``/``Cc:`` lines give an address for, by name
    (case-folded), and their email domain: who a quoted "From: Brian Kowalski" with no address
    is."""
    found: dict[str, str] = {}
    for line in lines:
        header = _ADDRESS_HEADER.match(line)
        for name, mail in addresses([header.group("who")]) if header else []:
            if name and "@" in mail:
                found.setdefault(" ".join(name.casefold().split()), domain(mail))
    return found


def domain(address: str) -> str:
    """The address's domain; none for a name alone ("From: Nell Okafor" in an Outlook chain)."""
    mail = next((mail for _name, mail in addresses([address]) if "@" in mail), "")
    return mail.rpartition("@")[2].casefold() if "@" in mail else ""


def email_date(value: str) -> str | None:
    """An email's date as ``YYYY-MM-DD``: RFC 5322 ("Thu, 19 Mar 2026 16:05:11 -0400"), a
    forward's ("Wed, Mar 18, 2026 at 5:47 PM") or one in the mail app's language ("Montag, 9.
    März 2026 17:04")."""
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    text = english_date(value) or value
    found = parse_date(re.sub(r"\s+at\s+\d{1,2}:\d{2}.*$", "", text.strip()))
    return found.isoformat() if found else (value.strip() or None)


def quoted_below(lines: Sequence[str], quoted: re.Pattern[str]) -> list[str]:
    """The quoted lines ``lines`` open with (blank lines among them kept), without their
    ``>`` marks: the reply under an "On ... wrote:" line."""
    out: list[str] = []
    for after in lines:
        match = quoted.match(after)
        if match is None and after.strip():
            break
        out.append(match.group("text") if match else "")
    return out
