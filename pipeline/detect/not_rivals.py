"""What makes a name guessed from a product's frame ("we use X", "the X contract") no rival: a
trade term ("their MSP pricing"), an edition's word ("moving off Desktop"), a tool kept for
other work ("X for payroll"), a plan of ours, an organisation of another kind beside it ("our
insurer X", "X council", "the X agency", "the X portal"), or an insurer spoken of by its premium.

Split from ``competitors`` (the frames) because these are the checks after a frame matched.
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from pipeline.detect.kept_tools import kept_beside
from pipeline.lazy_regex import lazy_compile

_FLAGS = re.IGNORECASE

# What a tool kept beside whatever they buy is for: "we use LedgerLeaf for payroll", "we use
# PACE financing", "we pay for Nearmap imagery", "we're with X for the annual berth fees", "X on
# the gates". Back-office work (money in and out, the books) and the doors no sales tool
# replaces; not a newsletter ("We use MailMagpie for the newsletter" names a school app's rival).
_SUPPORT_WORK = (
    r"payroll|accounting|bookkeeping|invoicing|financing|finance|loans?|lending|insurance"
    r"|banking|imagery|aerial imagery|point of sale|fees|dues|direct debits?|payouts?|wages"
    r"|salar(?:y|ies)|expenses|mandates|transfers|foreign exchange|fx|vat|gst|tax(?:es)?"
    r"|ledgers?|gates?|doors?|barriers?|fobs?"
    r"|access(?: control)?|door entry|cctv|alarms?|card (?:machines?|readers?|terminals?)"
)
_PARTNER_TAIL = lazy_compile(
    r"^\s*(?:\d+\s+)?(?:(?:already|still|currently|also|now|too),?\s+)?"
    r"(?:(?:for|to do|to run|to handle)\s+(?:our\s+|the\s+|their\s+|all\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?:pay|accounts|books|invoices|tills?|pos|hr|e-?mails?|messages|texts|payments|sso"
    rf"|single sign-?on|sign-?ins?|log-?ins?|identity|{_SUPPORT_WORK})"
    rf"|(?:on|at)\s+(?:the|our|all|every)\s+(?:[a-z]+\s+)?(?:gates?|doors?|barriers?|tills?)"
    rf"|to\s+(?:pay|collect|bank|transfer|take\s+(?:card\s+)?payments)|{_SUPPORT_WORK})\b",
    _FLAGS,
)
_BACK_OFFICE = lazy_compile(rf"\b(?:{_SUPPORT_WORK}|accounts|books)\b", _FLAGS)
# A sentence about signing in: "We're on Microsoft Entra and I'm not managing another set of
# passwords" names the identity provider their staff sign in with, which sits beside any
# product they buy (it had been a guessed rival).
_SIGNING_IN = lazy_compile(
    r"\b(?:SSO|single sign-?on|sign-?on|identity provider|IdP|active directory|MFA|2FA"
    r"|two-factor|passwords?)\b",
    _FLAGS,
)
# A thing moved between two of the buyer's own places: "A boat gets moved from Pelican Cut to
# Mangrove Point" (a vehicle, a patient, stock); "we moved from X to Y" still names products.
_MOVED_THING = lazy_compile(
    r"\b(?:gets?|got|getting|is|are|was|were|be|been|being)\s+(?:moved|transferred|shifted|sent"
    r"|taken|driven|towed|relocated|transported|shipped|hauled)\s+(?:back\s+|over\s+)?from\s+$",
    _FLAGS,
)
_TO_A_PLACE = lazy_compile(r"^\s+(?:over\s+|across\s+)?to\s+(?:our\s+|the\s+)?[A-Z]")
# A price list's rung, not a vendor: "4 seats on Team plan" names our own plan.
_PLAN_TAIL = lazy_compile(r"^\s+(?:plan|tier|edition|package|bundle|level)s?\b", _FLAGS)

# What says a name is an organisation of another kind, beside it: "our GMB rep", "Unite the
# union", "the union, Unite", "Allstar fuel cards", "our bank, Barclays", "Stockport council",
# "the Workforce Solutions portal", "our cyber insurer, Coalition", "our landlord, Harbour
# Homes", "Paxton fobs". A trade union, a fuel card, a council, a subsidy agency and the gates'
# access hardware had been guessed rivals on the dashboard and in the FAQ's "other tools" answer.
_OTHER_KIND = (
    r"unions?|reps?|representatives?|shop stewards?|cards?|banks?|building societ(?:y|ies)"
    r"|councils?|regulators?|insurers?|insurance|underwriters?|brokers?|lenders?|landlords?"
    r"|letting agents?|agenc(?:y|ies)|authorit(?:y|ies)|departments?|ministry|government"
    r"|accountants?|solicitors?|lawyers?|auditors?|frameworks?|(?:key\s?)?fobs?|locks?|barriers?"
    r"|intercoms?|access control|door entry|gate (?:hardware|systems?|controllers?)"
)
_KIND_AFTER = lazy_compile(rf"^(?:'s)?,?\s+(?:the\s+)?(?-i:[a-z]+\s+)?(?:{_OTHER_KIND})\b", _FLAGS)
_KIND_BEFORE = lazy_compile(
    rf"\b(?:{_OTHER_KIND})\s*(?:[,:(]\s*|\s+(?:is|was|called)\s+)?$", _FLAGS
)
# An organisation named for its role: "We're with Harbour Savings", "We pay Harwell Lending".
_ROLE_IN_NAME = lazy_compile(
    rf"\b(?:{_OTHER_KIND}|lending|loans|savings|finance|mutual|estates|lettings)$", _FLAGS
)
# "The X portal" is where a body takes data in (a council's, an agency's, a network's), not a
# product a buyer weighs against ours; "TaxDome's portal for clients" is a product's part.
_THE_BEFORE = lazy_compile(r"\bthe\s+$", _FLAGS)
_PORTAL_AFTER = lazy_compile(r"^\s+portals?\b", _FLAGS)
# An insurer spoken of by what it charges or asks: "our renewal with Hiscox came back ... the
# premium went up by 40%". Only for a name the sentence merely mentions: "we switched from
# Samsara because our insurer wanted cameras" still names a product they ran.
_INSURED = lazy_compile(
    r"\b(?:premiums?(?!\s+(?:tier|plan|version|edition|package|features?|support|add-?on))"
    r"|insurers?|insurance|underwrit\w+|(?:cyber|liability)\s+(?:cover|policy))\b",
    _FLAGS,
)


# A product's edition or a kind of software, no vendor: "moving off Desktop" after "QuickBooks
# Online" is QuickBooks Desktop; "we're on Cloud", "the Mobile app". A guess made only of these
# words names no one (it had been a rival on the dashboard, filters and theme pages).
_EDITION_WORDS = frozenset(
    "desktop online cloud portal mobile app apps web pro plus premium premier enterprise"
    " essentials basic standard advanced professional business server hosted classic legacy"
    " express lite starter payroll edition version on-prem on-premise on-premises".split()
)


def only_edition_words(name: str) -> bool:
    """Whether a guessed name is only an edition or software word ("Desktop", "Online Pro")."""
    return all(word in _EDITION_WORDS for word in name.casefold().split())


@functools.cache
def _trade_terms() -> frozenset[str]:
    """Capitalised trade terms and currency codes, from ``pipeline/data/trade_terms.toml``
    (case-folded: a sentence-case guess of three letters is no name anyway)."""
    text = resources.files("pipeline").joinpath("data", "trade_terms.toml").read_text("utf-8")
    lists = tomllib.loads(text)
    return frozenset(term.casefold() for term in [*lists["terms"], *lists["currencies"]])


def is_trade_term(name: str) -> bool:
    """A kind of tool, trade, document, tax, public body or currency in capitals ("MSP",
    "X-ray", "GST", "HMRC", "AUD"), no vendor."""
    return " ".join(name.casefold().split()) in _trade_terms()


def back_office(work: str) -> bool:
    """Whether ``work`` names back-office work or a door no sales tool replaces ("payroll",
    "the books' VAT", "card machines")."""
    return _BACK_OFFICE.search(work) is not None


def no_rival_here(text: str, name: str, start: int, relation: str) -> bool:
    """Whether the guessed ``name`` said at ``start`` of ``text`` is no rival: a trade term, an
    edition's word, a tool kept for other work, to sign in with or beside ours (``kept_tools``),
    a plan's name, another kind of organisation, a place, or an insurer."""
    rest = text[start + len(name) :]
    if is_trade_term(name) or only_edition_words(name) or _ROLE_IN_NAME.search(name):
        return True
    if _PARTNER_TAIL.match(rest) or _PLAN_TAIL.match(rest):
        return True
    before = text[max(0, start - 40) : start]
    if _KIND_AFTER.match(rest) or _KIND_BEFORE.search(before):
        return True
    if _THE_BEFORE.search(before) and _PORTAL_AFTER.match(rest):
        return True
    if _SIGNING_IN.search(text) or (_MOVED_THING.search(before) and _TO_A_PLACE.match(rest)):
        return True
    if kept_beside(text, name, start, relation):
        return True
    return relation == "mention" and _INSURED.search(text) is not None
