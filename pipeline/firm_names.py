"""Firms named after their partners ("Morrow Baptiste LLP", "Boisvert Gagnon avocats", "Okafor
Dental"): an account, not a person. A call's title often names one where no account was given;
redaction had hidden the buyer's surname inside it ("[name] Baptiste LLP"), half a name that
hid no one and still named the firm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.lazy_regex import lazy_compile
from pipeline.store.models import Call

# A company's legal form, which one call writes and the next leaves out ("Hartwell & Pike LLP").
LEGAL_FORMS = frozenset(
    "llp llc lllp pllc lp inc incorporated ltd limited plc pc pa co corp corporation company "
    "gmbh ag sa sarl srl bv nv pty oy ab as".split()
)
# What a practice named after people calls itself after their names, in the trades that do so
# (law, notaries, accounting, dentistry, architecture, engineering, family businesses).
_TRADE_WORDS = frozenset(
    """law legal lawyers attorneys solicitors barristers advocates avocats avocat notaires
    notaire notaries abogados associates associés partners dental dentistry orthodontics
    architects architectes architecture accounting accountants cpas comptables engineering
    engineers ingénieurs surveyors sons brothers""".split()
)
# French trades write theirs in lower case ("Boisvert Gagnon avocats"); the rest are capitalised
# ("Okafor Dental", "Reyes & Co."), a two-letter form in capitals ("Fisk AS"): "Dana Reyes as
# well" names no firm.
_LOWER_TRADES = ("avocats", "avocat", "notaires", "notaire", "associés", "comptables")
_FORMS = sorted(
    {w.upper() for w in LEGAL_FORMS | _TRADE_WORDS}
    | {w.capitalize() for w in LEGAL_FORMS | _TRADE_WORDS if len(w) > 2}
    | {*_LOWER_TRADES, "Co", "CPAs"},
    key=len,
    reverse=True,
)
_FIRM_WORD = rf"(?:{'|'.join(map(re.escape, _FORMS))})\.?(?![\w'’-])"
_NAME_WORD = rf"(?!{_FIRM_WORD})[A-ZÀ-ÖØ-Þ][\w'’-]*"
# Capitalised names, joined by "&" or "and", then the firm's words ("& Co.", "LLP").
_FIRM_RE = lazy_compile(
    rf"(?<![\w&])(?P<names>{_NAME_WORD}(?:(?:\s+(?:&|and))?\s+{_NAME_WORD}){{0,3}})"
    rf"(?P<firm>(?:,?\s+(?:&\s+)?{_FIRM_WORD}){{1,2}})"
)


def is_legal_form(word: str) -> bool:
    """Whether one word is a company's legal form ("Ltd.", "Inc")."""
    return word.casefold().replace(".", "").strip(",; ") in LEGAL_FORMS


def firm_names(text: str) -> list[str]:
    """The firms ``text`` names by a name and a legal or trade word ("Boisvert Gagnon
    avocats", "Nguyen & Associates", "Reyes & Co."), each with the name alone when two or more
    words are left ("Boisvert Gagnon"): how a buyer may say it."""
    found: list[str] = []
    for match in _FIRM_RE.finditer(text or ""):
        found.append(match.group(0).strip(" ,"))
        names = re.split(r"[\s,]+", match.group("names").strip(" ,"))
        if len([w for w in names if w not in ("&", "and")]) > 1:
            found.append(match.group("names").strip(" ,"))
    return list(dict.fromkeys(found))


def call_accounts(session: Session, call_ids: Iterable[int] | None = None) -> set[str]:
    """The accounts of these calls (of every call for None) and the firms their titles name:
    what internal text keeps whole and a published page blanks."""
    query = select(Call.account, Call.title)
    if call_ids is not None:
        query = query.where(Call.id.in_(sorted(set(call_ids))))
    found: set[str] = set()
    for account, title in session.execute(query):
        found |= {account.strip()} if account and account.strip() else set()
        found |= set(firm_names(title or ""))
    return found
