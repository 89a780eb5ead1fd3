"""The account an invitee's email domain gives, the last resort: a meeting export (tl;dv's
invitees) may name the buyer's company nowhere but in their addresses
("ma.belanger@transportsbelanger.example"), and that call had no account at all."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.names import name_matches
from pipeline.rival_names import squashed

ATTENDEE_DOMAINS = "attendee_domains"  # extra key: [name, domain] pairs, read once, not stored
# Addresses anyone can have: they name no company.
_WEBMAIL = frozenset(
    "gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton protonmail "
    "gmx mail zoho yandex btinternet sky virginmedia shaw rogers sympatico videotron bell"
    .split()
)  # fmt: skip
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc", "qc", "on"})


def _label(domain: str) -> str:
    """The name part of a domain: "transportsbelanger" of "transportsbelanger.example",
    "acme-freight" of "mail.acme-freight.co.uk"."""
    parts = domain.casefold().split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def folded(text: str) -> str:
    """No accents, case, spaces or punctuation: "Transports Bélanger" is "transportsbelanger"."""
    plain = unicodedata.normalize("NFKD", text)
    return squashed("".join(c for c in plain if not unicodedata.combining(c)))


def readable(label: str, texts: Sequence[str]) -> str:
    """The words of the title that spell the domain ("Transports Bélanger"), else the domain's
    name with its hyphens as spaces ("Acme Freight")."""
    for text in texts:
        words = text.split()
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + 6) + 1):
                if folded(" ".join(words[start:end])) == squashed(label):
                    return " ".join(words[start:end]).strip(",.;:|/-–—()")
    return " ".join(part.capitalize() for part in label.replace("_", "-").split("-") if part)


def domain_account(parsed: ParsedCall, ours: Sequence[str]) -> str | None:
    """The one domain of the call's invitees that is neither ours (our company's name, or the
    domain of someone who speaks as our rep) nor a webmail's, as a readable name; None when
    none or several are left. The pairs are taken out of ``extra``: addresses are not kept."""
    pairs = parsed.extra.pop(ATTENDEE_DOMAINS, None) or []
    roles = {u.speaker: u.role for u in parsed.utterances if u.speaker}
    our_keys = {folded(name) for name in ours if name.strip()}
    mine: set[str] = set()
    theirs: set[str] = set()
    for name, domain in pairs:
        label = _label(domain)
        if not label or label in _WEBMAIL:
            continue
        spoken = {role for speaker, role in roles.items() if name_matches(speaker, name)}
        if "rep" in spoken or folded(label) in our_keys:
            mine.add(label)
        else:
            theirs.add(label)
    left = theirs - mine
    if len(left) != 1:
        return None
    return readable(left.pop(), [parsed.title or ""])


def domain_label(domain: str) -> str:
    """The company part of an address's domain; "" for a webmail's ("gmail"), which names none."""
    label = _label(domain)
    return "" if label in _WEBMAIL else label
