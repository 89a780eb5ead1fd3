"""Our side from a meeting export's email addresses: the domain the host or organiser shares,
or the one named like our company, is ours when the other invitees are on another; speakers
on it are reps, speakers on another domain the buyer's.

Why: a Fireflies export with ``host_email``, ``organizer_email`` and ``participants`` on the
seller's domain had left all four speakers ``unknown``, and the rep's "We're Cyber Essentials
Plus" had been quoted as a buyer's security objection. Addresses are read, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall, Person
from pipeline.ingest.domain_account import ATTENDEE_DOMAINS, domain_label, folded, readable
from pipeline.ingest.names import name_matches, norm_name

HOST_DOMAINS = "host_domains"  # extra key: the host's and organiser's domains, not stored
_LOCAL_SEPARATORS = re.compile(r"[._+-]+|\d+")


def address_names(local: str, speaker: str) -> bool:
    """Whether an address's name part ("keiko.sato", "j.okoro", "rkapoor") or a listed name
    is the speaker's ("Keiko Sato", "Joy Okoro", "Ravi Kapoor")."""
    if name_matches(speaker, local):
        return True
    words = norm_name(speaker).split()
    parts = [p for p in _LOCAL_SEPARATORS.split(local.casefold()) if p]
    if len(words) < 2 or not parts:
        return False
    first, last = words[0], words[-1]
    if len(parts) == 2:  # "j.okoro", "okoro.j"
        return (parts[0] == first[0] and parts[1] == last) or parts == [last, first]
    whole = parts[0] if len(parts) == 1 else ""
    return whole in {first + last, first[0] + last, first + last[0], first + "." + last}


def our_domain(pairs: Sequence[Sequence[str]], hosts: Sequence[str], ours: Sequence[str]) -> str:
    """The domain label that is ours: the one spelling our company or product, else the one
    host or organiser's, when another company's domain is also invited; "" when unsure."""
    labels = {domain_label(domain) for _name, domain in pairs} - {""}
    keys = {folded(name) for name in ours if len(folded(name)) >= 3}
    named = {label for label in labels if folded(label) in keys}
    if len(named) == 1:
        return named.pop()
    hosted = {domain_label(domain) for domain in hosts} - {""}
    if len(hosted) == 1 and labels - hosted:
        return hosted.pop()
    return ""


def settle_email_sides(parsed: ParsedCall, ours: Sequence[str]) -> str | None:
    """Give each speaker the side their address's domain is on, as a person the file lists
    (the roster and ``our_speakers`` still win in ``assign_roles``); our company's name as
    the domain or the title spells it ("Haulbase"), or None when the addresses do not say."""
    hosts = parsed.extra.pop(HOST_DOMAINS, None) or []
    pairs = [(n, d) for n, d in parsed.extra.get(ATTENDEE_DOMAINS) or [] if domain_label(d)]
    mine = our_domain(pairs, hosts, ours)
    if not mine:
        return None
    speakers = list(dict.fromkeys(u.speaker for u in parsed.utterances if u.speaker))
    for speaker in speakers:
        labels = {domain_label(d) for name, d in pairs if address_names(name, speaker)}
        if len(labels) == 1:
            _take_side(parsed, speaker, "rep" if labels == {mine} else "buyer")
    return readable(mine, [parsed.title or ""])


def _take_side(parsed: ParsedCall, speaker: str, side: str) -> None:
    """The person the speaker is, listed with ``side`` unless the file gave them one."""
    found = [p for p in parsed.people if name_matches(speaker, p.name)]
    if len(found) > 1:
        return
    if not found:
        parsed.people.append(Person(speaker, None, side))
    elif found[0].role is None:
        found[0].role = side
