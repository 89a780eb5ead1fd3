"""PII redaction: emails, phone numbers, card numbers (Luhn-checked) and buyer-side names.

Runs on every text before it reaches an LLM and on exports (``settings.redact_pii``), so a
transcript's personal data never leaves the machine or lands in published content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.brand_names import brand_forms, configured_brands
from pipeline.config import Settings
from pipeline.event_names import stands_for_an_event_or_place
from pipeline.firm_names import call_accounts
from pipeline.first_names import is_also_a_word_name, spoken_names
from pipeline.known_words import known_words
from pipeline.name_parts import hide_people, tied_people
from pipeline.name_variants import name_pattern, surnames_only
from pipeline.peoples import names_a_language_or_nationality
from pipeline.person_positions import NAME as NAME  # the placeholder, for every caller
from pipeline.person_positions import ROLE, SAID_NAME_RE, TITLE
from pipeline.store.models import Call, Mention, ProductProfileVersion, TeamMember, Utterance
from pipeline.text_memo import TEXTS_REMEMBERED
from pipeline.word_names import stands_for_a_thing, surname_stands_for_a_thing

EMAIL = "[email]"
PHONE = "[phone]"
CARD = "[card]"
PLACEHOLDERS = (EMAIL, PHONE, CARD, NAME)

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_CARD_RE = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
# Grouped numbers ("+44 7700 900123", "(555) 123-4567") or "+" and 7-15 digits in one run.
_PHONE_RE = re.compile(
    r"(?<![\w/-])(?:(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,3}"
    r"|\+\d{7,15})(?![\w/])"
)
_NAME_RUN_RE = re.compile(rf"{re.escape(NAME)}(?:[ \t]+{re.escape(NAME)})+")


def has_placeholder(text: str) -> bool:
    """Was something redacted in ``text``? Such a quote is no heading or question of a page:
    "Gareth [name]" reads as a fault wherever a reader's eye lands first."""
    return any(token in text for token in PLACEHOLDERS)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum card numbers carry; keeps order ids and dates out of ``[card]``."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return CARD if 13 <= len(digits) <= 19 and luhn_valid(digits) else match.group(0)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    # Dates (2024-05-01), times and money amounts have too few digits or no separators.
    if len(digits) < 7 or len(digits) > 15 or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    return PHONE


def is_phone_number(text: str) -> bool:
    """Is ``text`` a phone number and nothing more ("+1 (602) 555-0188": the label a call tool
    gives the other party when it has no name for them)?"""
    match = _PHONE_RE.fullmatch(text.strip())
    return match is not None and _phone(match) == PHONE


def gives_contact(text: str) -> bool:
    """Does ``text`` hold an email address or a phone number (a note's contact line, not what
    a buyer said)?"""
    return bool(_EMAIL_RE.search(text)) or any(
        _phone(match) == PHONE for match in _PHONE_RE.finditer(text)
    )


def contact_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an email address or a phone number, as (start, end) spans."""
    spans = [match.span() for match in _EMAIL_RE.finditer(text)]
    spans += [m.span() for m in _PHONE_RE.finditer(text) if _phone(m) == PHONE]
    return sorted(spans)


@dataclass(frozen=True)
class Redactor:
    """Replaces PII with bracketed placeholders; ``names`` are buyer-side people to hide."""

    names: Sequence[str] = ()
    enabled: bool = True
    keep: Sequence[str] = ()  # our own people's full names: "Priya Nair" stays when "Priya" goes
    ours: Sequence[str] = ()  # our people: kept in what they said, yet people all the same
    common: frozenset[str] = frozenset()  # case-folded words no one is called (brands, accounts)
    _names_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _keep_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _ours_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _surnames: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names_re", name_pattern(self.names))
        object.__setattr__(self, "_ours_re", name_pattern(self.ours))
        object.__setattr__(self, "_surnames", surnames_only(self.names))
        kept = sorted({k.strip() for k in self.keep if k.strip()}, key=len, reverse=True)
        pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, kept)) + r")(?!\w)" if kept else None
        # Any case: an SRT's "LENA ORTIZ" is the "Lena" the speech says.
        keep_re = re.compile(pattern, re.IGNORECASE) if pattern else None
        object.__setattr__(self, "_keep_re", keep_re)

    def redact(self, text: str) -> str:
        if not self.enabled or not text:
            return text
        kept: list[str] = []
        if self._keep_re is not None:  # set aside, so a buyer's first name can't cut into them

            def aside(match: re.Match[str]) -> str:
                kept.append(match.group(0))
                return f"\x00{len(kept) - 1}\x00"

            text = self._keep_re.sub(aside, text.replace("\x00", ""))
        text = _EMAIL_RE.sub(EMAIL, text)
        text = _CARD_RE.sub(_card, text)
        text = _PHONE_RE.sub(_phone, text)
        if self._names_re is not None:
            text = self._names_re.sub(self._person_or_thing, text)
        text = SAID_NAME_RE.sub(_said_name, text)
        text = spoken_names().sub(self._spoken_person, text)
        text = hide_people(text, self.common)
        # One person, one placeholder: "Dr. Maya [name]" had read "Dr. [name] [name]".
        text = _NAME_RUN_RE.sub(NAME, text)
        return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)

    def _person_or_thing(self, match: re.Match[str]) -> str:
        """A name hidden, unless it is also a word and stands for a thing there ("Bill 96")."""
        word, (start, end) = match.group(0), match.span()
        if " " in word or not is_also_a_word_name(word):
            return NAME
        if word.casefold() in self._surnames:  # "Price" of a buyer "Gareth Price"
            thing = surname_stands_for_a_thing(match.string, start, end, self.common)
            return word if thing else NAME
        return word if stands_for_a_thing(match.string, start, end, self.common) else NAME

    def _spoken_person(self, match: re.Match[str]) -> str:
        """A first name the list knows, kept where it stands for a storm or a place ("since
        Katrina"); a buyer the calls list was hidden before, wherever it stands."""
        if stands_for_an_event_or_place(match.string, *match.span()):
            return match.group(0)
        return self._person_or_thing(match)

    def names_someone(self, text: str) -> bool:
        """Does ``text`` name a person, a buyer or one of ours, or hold a placeholder for one?
        Words that stand for a theme (a heading, a question, a link's anchor) name no one: a
        theme called "Gareth Lewis" had headed an SEO brief as "Gareth [name]"."""
        if has_placeholder(text):
            return True
        if self._ours_re is not None and self._ours_re.search(text):
            return True
        probe = self if self.enabled else replace(self, enabled=True)
        return NAME in probe.redact(text)


def _said_name(match: re.Match[str]) -> str:
    return match.group("lead") + NAME


# A person named in the prose of a rep's note or a CRM note: after "with", "w/", "attendees:",
# "contact:", before a role in brackets ("Fiona McLeod (nursery manager)") or with one inside
# them ("Ruth's sister (Lowenna, co-director)", "(Tane Ngata - CFO)").
_PERSON = r"[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+)?"
_PROSE_NAME_RE = re.compile(
    rf"(?:\b(?:[Ww]ith|w/|[Aa]ttendees?:|[Cc]ontacts?:|[Ss]poke to|[Mm]et)\s+(?:{TITLE}\s+)?"
    rf"(?P<after>{_PERSON}))"
    rf"|(?P<before>{_PERSON})\s*\((?:[a-z][a-z ,/&'-]*)\)"
    rf"|\((?P<inside>{_PERSON})\s*[,;–—-]\s*(?:[a-z]+[ -])?{ROLE}\)"
)
_DEAL_WITH = frozenset(
    {"went", "go", "going", "gone", "stayed", "staying", "stuck", "signed", "stay"}
)
_PROSE_NOT_NAMES = frozenset(
    {"the", "our", "their", "his", "her", "them", "him", "you", "we", "us", "a", "an", "and"}
)


# A name's word: "Fiona", "McLeod", "O'Neil", "Smith-Jones"; not "CSV" or "LedgerLeaf" (products).
_NAME_WORD_RE = re.compile(r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")


def prose_names(text: str) -> list[str]:
    """People a note names in its prose ("Spoke with Fiona McLeod", "Olivia Grant (owner)")."""
    found: list[str] = []
    for match in _PROSE_NAME_RE.finditer(text or ""):
        before = (text or "")[: match.start()].split()
        if match.group("after") and before and before[-1].casefold() in _DEAL_WITH:
            continue  # "Went with Vetspire": the deal's rival, not a person met
        name = (
            match.group("after") or match.group("before") or match.group("inside") or ""
        ).strip()
        words = name.split()
        if (
            words
            and words[0].lower() not in _PROSE_NOT_NAMES
            and not names_a_language_or_nationality(words[0])  # "with Spanish speakers"
            and all(_NAME_WORD_RE.fullmatch(word) for word in words)
        ):
            found.append(name)
    return found


def _people(
    session: Session, call_ids: Iterable[int], brands: frozenset[str] = frozenset()
) -> tuple[set[str], set[str], set[str]]:
    """The buyer-side people of the given calls, our own, and those of the first only a note's
    prose names ("Spoke with Dana Ruiz"), as ``buyer_names`` reads them; ``brands`` (case-folded)
    are no people: "contract with Aurora" names a rival."""
    ids = sorted(set(call_ids))
    if not ids:
        return set(), set(), set()
    rows = session.scalars(
        select(Utterance.speaker)
        .where(
            Utterance.call_id.in_(ids), Utterance.role == "buyer", Utterance.speaker.is_not(None)
        )
        .distinct()
    )
    names = {name.strip() for name in rows if name and name.strip()}
    reps = session.scalars(
        select(Utterance.speaker)
        .where(Utterance.call_id.in_(ids), Utterance.role == "rep", Utterance.speaker.is_not(None))
        .distinct()
    )
    ours: set[str] = {name.strip() for name in reps if name and name.strip()}
    ours |= {name.strip() for name in session.scalars(select(TeamMember.name)) if name.strip()}
    for call in session.scalars(select(Call).where(Call.id.in_(ids))):
        ours |= {name.strip() for name in call.our_speakers or [] if name.strip()}
        for person in (call.extra or {}).get("people", []):
            if isinstance(person, dict) and isinstance(person.get("name"), str):
                if person.get("role") == "rep":
                    ours.add(person["name"].strip())
                else:
                    names.add(person["name"].strip())
    notes = session.scalars(
        select(Utterance.text).where(Utterance.call_id.in_(ids), Utterance.role == "rep_note")
    )
    # A note naming one of ours by a part of the name ("Kickoff with Elena 9/2") speaks of our
    # colleague: counted a buyer, it had cost "Elena" her place among the first names kept.
    parts = {part.casefold() for name in ours for part in name.split()}
    prose = {
        n
        for text in notes
        for n in prose_names(text)
        if not _within(n, parts) and n.casefold() not in brands
    }
    return names | prose, ours, prose - names


def _within(name: str, parts: set[str]) -> bool:
    """Is every word of ``name`` a word of our people's names (``parts``, case-folded)?"""
    words = name.split()
    return bool(words) and all(word.casefold() in parts for word in words)


def buyer_names(session: Session, call_ids: Iterable[int], brands: Iterable[str] = ()) -> list[str]:
    """Buyer-side people of the given calls, redacted everywhere: speakers in the buyer role,
    the file's participants, attendees and CRM contacts not on our side, and people the notes
    name in their prose; our own speakers and the ``brands`` (settings' rivals and our
    company: ``configured_brands``) are left out."""
    names, ours, _prose = _people(session, call_ids, _casefolded(_brands(session, brands)))
    return _buyers(names, ours)


def call_people(session: Session, call_ids: Iterable[int], brands: Iterable[str] = ()) -> set[str]:
    """Everyone the calls name as a person, buyers and ours alike (``_people``), and those
    they name by a role ("my nephew Julien": ``_tied_people``): whom a theme's quotes are said
    to or of, never what the theme is about. Without the last, a pain theme had been named
    "Julien found it only" while its quotes hid him."""
    ids = sorted(set(call_ids))
    rivals = _brands(session, brands)
    names, ours, _prose = _people(session, ids, _casefolded(rivals))
    _accounts, known = _named_no_one(session, ids, rivals, ours)
    return names | ours | _tied_people(session, ids, known, ours)


def _named_no_one(
    session: Session, ids: Sequence[int], rivals: set[str], ours: set[str]
) -> tuple[set[str], frozenset[str]]:
    """The calls' accounts, with the firms their titles name (``call_accounts``), and the words
    that name no one in them (``known_words``): brands, accounts, our people and what the calls
    write in lower case."""
    accounts = call_accounts(session, ids)
    return accounts, known_words(session, ids, [*rivals, *accounts, *ours])


def _buyers(names: set[str], ours: set[str]) -> list[str]:
    lowered = {name.lower() for name in ours}
    return sorted(name for name in names if name and name.lower() not in lowered)


def _casefolded(names: Iterable[str]) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


def _brands(session: Session, configured: Iterable[str]) -> set[str]:
    """Every rival (configured, stored on a call, guessed from the calls), our companies and
    our product, with their short forms (``brand_names``): no one's name."""
    named = set(configured)
    named |= {n for n in session.scalars(select(Mention.competitor).distinct()) if n}
    for listed in session.scalars(select(Call.competitors)):  # no DISTINCT: JSON on PostgreSQL
        named |= {n for n in listed or [] if isinstance(n, str)}
    named |= {c for c in session.scalars(select(TeamMember.company).distinct()) if c}
    profile = session.scalars(
        select(ProductProfileVersion.data).order_by(ProductProfileVersion.version.desc()).limit(1)
    ).first()
    if isinstance(profile, dict) and isinstance(profile.get("name"), str):
        named.add(profile["name"])
    return brand_forms(named)


def redactor_for(
    session: Session,
    call_ids: Iterable[int],
    *,
    enabled: bool = True,
    brands: Iterable[str] = (),
    names: Iterable[str] = (),
) -> Redactor:
    """The redactor for text from these calls: their buyer-side people and ``names`` (the
    settings' ``redact_names``) hidden, our own people's full names kept whole (a buyer "Priya
    Shah" had turned our rep "Priya Nair" into "[name] Nair"), and brands (``_brands``;
    ``brands`` are the settings' own) never a name."""
    ids = sorted(set(call_ids))
    rivals = _brands(session, brands)
    found, ours, prose = _people(session, ids, _casefolded(rivals))
    # Accounts stay whole: "Reyes Heating & Air" had become "[name] Heating & Air" (its owner
    # is a Reyes); they have no short form, which may be that surname. So do the firms a title
    # names ("Morrow Baptiste LLP / Ours - demo" had read "[name] Baptiste LLP / Ours - demo").
    accounts, known = _named_no_one(session, ids, rivals, ours)
    found |= _tied_people(session, ids, known, ours)
    buyers = _buyers(found | {n.strip() for n in names if n.strip()}, ours)
    # Our people's first names and a brand's one word ("We're on Aurora" is the rival Aurora
    # Solar), but not a word a buyer of these calls is called: "Aurora Diaz" stays hidden. A
    # guess from a note's prose yields to the brand ("Spoke with Vetspire Jones").
    theirs = {n.split()[0].casefold() for n in buyers if n.split()}
    called = {part.casefold() for n in buyers if n not in prose for part in n.split()}
    firsts = {n.split()[0] for n in ours if len(n.split()) > 1}
    keep = sorted(
        ours
        | {f for f in firsts if f.casefold() not in theirs}
        | {b for b in rivals if len(b.split()) > 1 or b.casefold() not in called}
        | accounts
    )
    common = known - called
    return Redactor(buyers, enabled=enabled, keep=keep, ours=sorted(ours), common=common)


def settings_redactor(session: Session, call_ids: Iterable[int], settings: Settings) -> Redactor:
    """``redactor_for`` as the settings ask (``redact_pii``, their brands, ``redact_names``)."""
    brands, names = configured_brands(settings), settings.redact_names
    return redactor_for(session, call_ids, enabled=settings.redact_pii, brands=brands, names=names)


def _tied_people(
    session: Session, call_ids: Sequence[int], common: frozenset[str], ours: set[str]
) -> set[str]:
    """People the calls name by a role or a pronoun ("I'd need Declan to sign that off, he's
    our MD"), none of ours: a buyer's name whatever word it is, hidden wherever the calls say
    it ("a one-page summary for Declan"). A name on no list had reached a published FAQ."""
    parts = {part.casefold() for name in ours for part in name.split()}
    texts = session.scalars(select(Utterance.text).where(Utterance.call_id.in_(call_ids)))
    return {
        name for text in texts for name in _tied_in(text or "", common) if not _within(name, parts)
    }


@lru_cache(maxsize=TEXTS_REMEMBERED)
def _tied_in(text: str, common: frozenset[str]) -> tuple[str, ...]:
    """``tied_people`` of one turn, remembered: every export, review and draft of a document
    builds its redactor over the same calls: a second one over the 29 example calls takes 26
    ms of CPU, not 77."""
    return tuple(tied_people(text, common))
