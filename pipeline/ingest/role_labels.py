"""Speaker labels that name a side rather than a person: ``REP:``, ``PROSPECT_2:``, ``Agent:``."""

from __future__ import annotations

import re

# Role words -> role. Short acronyms count only in capitals ("AE:"), words in any case
# ("Customer:", "CUSTOMER:"); a trailing number tells several people of one side apart.
_REP_WORDS = {
    "rep", "sales rep", "sales representative", "representative", "salesperson", "seller",
    "account executive", "agent", "sales agent", "support agent", "advisor", "consultant",
}  # fmt: skip
_BUYER_WORDS = {"prospect", "customer", "client", "buyer", "caller"}
# Who a phone number stands for when a call tool labels the other party with it (Aircall,
# Dialpad): the number itself is never kept as a name.
PHONE_SPEAKER = "Caller"
# A number whose side the file leaves open (two numbers talk, neither known to be ours).
UNSIDED_PHONE = "Phone"
_REP_ACRONYMS = {"AE", "SDR", "BDR", "AM", "CSM", "SE"}
# Words that are a side only as a capitalised label ("SALES:", "LEAD:"); "Lead: inbound" and
# "Sales: 40 units" are a note's fields, and a JSON "role": "lead" may be a meeting's host.
_CAPITAL_LABELS = {"SALES": "rep", "LEAD": "buyer"}
_NUMBERED = re.compile(r"^(?P<base>.*?)[\s_\-#]*\d{0,3}$")


def role_of_label(label: str) -> str | None:
    """``"REP"`` -> ``rep``, ``"PROSPECT_2"`` -> ``buyer``, ``"Maria Chen"`` -> ``None``."""
    match = _NUMBERED.match(label.strip())
    base = match.group("base") if match else label.strip()
    if base in _REP_ACRONYMS:
        return "rep"
    if base in _CAPITAL_LABELS:
        return _CAPITAL_LABELS[base]
    if not (base.isupper() or base.istitle()):
        return None
    words = " ".join(base.replace("_", " ").casefold().split())
    if words in _REP_WORDS:
        return "rep"
    if words in _BUYER_WORDS:
        return "buyer"
    return None


def bracket_side(role: str | None, company: str | None) -> tuple[str | None, str | None]:
    """The role and company of a label with a bracket: "Dana (Buyer)", "Sam (Sales Rep)" and
    "Lee (AE)" state a side, no company (both speakers had been of no side, a rep's lines
    detected as a buyer's); "Dana (Harbour Freight)" is a company."""
    side = role_of_label(company) if company and role is None else None
    return (side, None) if side else (role, company)


# Labels a tool gives when it does not know the person: "Speaker 1", "SPEAKER_00", "Unknown
# Speaker", "Participant 3", "Guest". The same label on another call is someone else.
_ANONYMOUS = re.compile(
    r"^(?:unknown(?:[\s_-]+speaker)?|speaker|spk|participant|guest|person|voice|attendee"
    r"|caller|phone|channel|talker)(?:[\s_\-#]*(?:\d{1,3}|[a-z]))?$",
    re.IGNORECASE,
)


def is_anonymous(label: str) -> bool:
    """A label that names no one: ``Speaker 1`` on one call is not ``Speaker 1`` on the next."""
    return bool(_ANONYMOUS.match(" ".join(label.split())))


def is_unsided_phone(speaker: str) -> bool:
    """``Phone 2``: a number that talked on a call whose file left its side open."""
    return re.fullmatch(rf"{UNSIDED_PHONE} \d+", speaker) is not None


def is_role_word(key: str) -> bool:
    """Is this ``label_key`` (lower-cased) a role word, whatever its case in the file?"""
    return key in _REP_WORDS or key in _BUYER_WORDS or key.upper() in _REP_ACRONYMS


def role_of_word(value: object) -> str | None:
    """A role a JSON field states in words (``speaker_role: "agent"``, ``"Caller"``)."""
    words = " ".join(str(value).replace("_", " ").casefold().split())
    if words in _REP_WORDS or words.upper() in _REP_ACRONYMS:
        return "rep"
    if words in _BUYER_WORDS:
        return "buyer"
    return None
