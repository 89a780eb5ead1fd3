"""Who is the buyer and who the rep on a parsed call, decided once, after the metadata merge.

Evidence, strongest first: what the file states (JSON ``role``, an Internal/External affiliation,
``speaker_role``, rep notes and the buyers quoted in them), role labels (``REP:``,
``PROSPECT_2:``), our people (the team roster, ``our_speakers``, ``Agent:``/``Rep:`` header
lines), companies (``Name (Company)``, ``Attendees: ... (Company)``, JSON affiliations) against
our company and the account, a lone speaker saying they are from another company (a buyer's own
recording), and last a phrase heuristic that leaves ``unknown`` when unsure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.calendar_words import HOLIDAYS, MONTHS, WEEKDAYS
from pipeline.first_names import is_first_name
from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.names import name_matches
from pipeline.ingest.names import norm_name as _norm
from pipeline.ingest.rep_memory import remembered_rep
from pipeline.ingest.role_heuristic import (
    company_named_to_them,
    heuristic_roles,
    introduced_company,
    lone_outsider,
    self_introduced,
)
from pipeline.ingest.role_labels import role_of_label
from pipeline.ingest.role_relations import (
    agree_with_relations,
    named_in_account,
    relations,
    settle_sides,
)
from pipeline.ingest.side_labels import name_side_labels
from pipeline.market_evidence import names_a_place

__all__ = ["assign_roles", "fill_account", "name_matches"]


def assign_roles(
    call: ParsedCall,
    our_speakers: Sequence[str],
    *,
    our_company: str | None = None,
    our_companies: Iterable[str] = (),
    account_hint: str | None = None,
    remembered: Sequence[str] = (),
) -> None:
    """Set ``role`` on every utterance of ``call`` in place; stated roles are kept.
    ``account_hint``: the account its title names, when the call names none; ``remembered``:
    reps other calls' files stated, ours here unless this file says otherwise.

    Idempotent: inferred roles are recomputed each time, so calling it again with better
    ``our_speakers`` improves the result.
    """
    name_side_labels(call, our_speakers)  # "Me"/"Them" turns first: they state their sides
    ours = {_norm(c) for c in (our_company, call.extra.get("our_company"), *our_companies) if c}
    speakers = list(dict.fromkeys(u.speaker for u in call.utterances if u.speaker))
    roles: dict[str, str] = {}
    for utterance in call.utterances:
        if utterance.role_from_source and utterance.speaker is not None:
            roles.setdefault(utterance.speaker, utterance.role)
    for speaker in speakers:
        if (label := role_of_label(speaker)) is not None:
            roles.setdefault(speaker, label)
    matched = [s for s in speakers if any(name_matches(s, name) for name in our_speakers)]
    for speaker in matched:
        roles.setdefault(speaker, "rep")
    for speaker in speakers:
        person = _person(speaker, call.people)
        if person is not None and person.role in ("rep", "buyer"):
            roles.setdefault(speaker, person.role)
    companies = _companies(call.utterances, speakers, call.people)
    ours |= _our_side(companies, roles, call.people)
    _roles_from_companies(roles, speakers, companies, call.account, ours)
    for speaker in speakers:  # after the file's own word, before any guess from the talk
        if speaker not in roles and remembered_rep(speaker, remembered):
            roles[speaker] = "rep"
    unresolved = [s for s in speakers if s not in roles]
    roles.update(self_introduced(call.utterances, unresolved, our_speakers, sorted(ours)))
    unresolved = [s for s in speakers if s not in roles]
    account = call.account or account_hint
    roles.update(dict.fromkeys(named_in_account(unresolved, account, ours), "buyer"))
    unresolved = [s for s in speakers if s not in roles]
    roles.update(lone_outsider(call.utterances, unresolved, account, ours, call.competitors))
    said = relations(call.utterances, speakers)
    found, groups = settle_sides(roles, speakers, *said)
    roles.update(found)
    unresolved = [s for s in speakers if s not in roles]
    listed = _listed_buyers(unresolved, call.people, our_speakers, ours, account)
    roles.update(dict.fromkeys(listed, "buyer"))
    unresolved = [s for s in speakers if s not in roles]
    if unresolved and "rep" in roles.values() and not any(s in companies for s in unresolved):
        # We know who the sellers are; everybody else on the call is the buyer side.
        roles.update(dict.fromkeys(unresolved, "buyer"))
    elif unresolved:
        sides = {**groups, **companies}  # linked speakers are judged as one side
        firm = dict(roles)
        guessed = heuristic_roles(call.utterances, unresolved, sides, roles)
        roles.update(guessed)
        roles.update(agree_with_relations(guessed, firm, *said))
        roles.update(settle_sides(roles, speakers, *said)[0])  # "hi Marisa" from a rep found so
    for utterance in call.utterances:
        if utterance.role_from_source:
            continue
        utterance.role = roles.get(utterance.speaker, "unknown") if utterance.speaker else "unknown"


def _person(speaker: str, people: Sequence[Person]) -> Person | None:
    """The one person of the header a speaker label names (``Maria`` ~ ``Maria Chen``)."""
    found = [p for p in people if name_matches(speaker, p.name)]
    return found[0] if len(found) == 1 else None


def _listed_buyers(
    speakers: Sequence[str],
    people: Sequence[Person],
    our_speakers: Sequence[str],
    ours: set[str],
    account: str | None,
) -> list[str]:
    """Speakers the header lists with no company of their own, when it also lists one of ours
    and the call names the account: the buyer side though none of ours speaks (a rep's recap
    of "**Karen:**" with the rep only an attendee had left Karen ``unknown``). A listed
    person of another firm ("Raj Patel (Deloitte)") may be a third party and is not judged so."""
    if not account or _norm(account) in ours:
        return []
    ourselves = [p for p in people if _is_ours(p, our_speakers, ours)]
    if not ourselves:
        return []
    listed = [(s, _person(s, people)) for s in speakers]
    return [s for s, p in listed if p is not None and not p.company and p not in ourselves]


def _is_ours(person: Person, our_speakers: Sequence[str], ours: set[str]) -> bool:
    """A header's person on our side: one of ``our_speakers``, of our company, or so labelled."""
    if any(name_matches(person.name, name) for name in our_speakers):
        return True
    return _side(person) == "rep" or bool(person.company and _norm(person.company) in ours)


def _companies(
    utterances: Sequence[ParsedUtterance], speakers: Sequence[str], people: Sequence[Person]
) -> dict[str, str]:
    """Speaker -> company: ``Name (Company)`` or JSON affiliation, else the header's attendee."""
    companies: dict[str, str] = {}
    for utterance in utterances:
        if utterance.speaker and utterance.company:
            companies.setdefault(utterance.speaker, utterance.company)
    for speaker in speakers:
        person = _person(speaker, people)
        if speaker not in companies and person is not None and person.company:
            companies[speaker] = person.company
    return companies


def _side(person: Person) -> str | None:
    return person.role or role_of_label(person.name)  # "Sales Rep (Shiftwise)" is our side


def _our_side(
    companies: dict[str, str], roles: dict[str, str], people: Sequence[Person]
) -> set[str]:
    """Companies of people known to be ours: a named rep's company is our company."""
    ours = {_norm(c) for s, c in companies.items() if roles.get(s) == "rep"}
    ours |= {_norm(p.company) for p in people if p.company and _side(p) == "rep"}
    theirs = {_norm(c) for s, c in companies.items() if roles.get(s) == "buyer"}
    theirs |= {_norm(p.company) for p in people if p.company and _side(p) == "buyer"}
    return ours - theirs


def _roles_from_companies(
    roles: dict[str, str],
    speakers: Sequence[str],
    companies: dict[str, str],
    account: str | None,
    ours: set[str],
) -> None:
    """Our company is the seller; the account's, or any other once ours is known, the buyer."""
    theirs = {_norm(account)} - ours if account else set()
    for speaker in speakers:
        company = companies.get(speaker)
        if speaker in roles or company is None:
            continue
        if _norm(company) in ours:
            roles[speaker] = "rep"
        elif _norm(company) in theirs or ours:
            roles[speaker] = "buyer"


def fill_account(
    call: ParsedCall, our_companies: Iterable[str] = (), rivals: Sequence[str] = ()
) -> None:
    """No account given: the buyer side's company, when the file names exactly one; a name
    said in the first turns only when it is no rival (``rivals``: those on file)."""
    if call.account:
        return
    ours = {_norm(c) for c in (*our_companies, call.extra.get("our_company")) if c}
    ours |= {_norm(u.company) for u in call.utterances if u.role == "rep" and u.company}
    ours |= {_norm(p.company) for p in call.people if p.company and _side(p) == "rep"}
    speaker_roles = {u.speaker: u.role for u in call.utterances if u.speaker}
    found: dict[str, str] = {}
    for utterance in call.utterances:
        if utterance.role == "buyer" and utterance.company:
            found.setdefault(_norm(utterance.company), utterance.company)
    for person in call.people:
        if not person.company:
            continue
        spoken = [r for s, r in speaker_roles.items() if s and name_matches(s, person.name)]
        side = _side(person) or (spoken[0] if len(spoken) == 1 else None)
        if side == "buyer" or (side is None and ours and _norm(person.company) not in ours):
            found.setdefault(_norm(person.company), person.company)
    candidates = [name for key, name in found.items() if key not in ours]
    if not found:
        not_theirs = ours | {_norm(name) for name in (*call.competitors, *rivals)}
        for role, read in (("buyer", introduced_company), ("rep", company_named_to_them)):
            for speaker in {u.speaker for u in call.utterances if u.role == role and u.speaker}:
                said = read([u.text for u in call.utterances if u.speaker == speaker])
                if said and _norm(said) not in not_theirs:
                    if role == "buyer" or _may_be_a_company(said, call):
                        candidates.append(said)
            if candidates:
                break
    if len(candidates) == 1:
        call.account = candidates[0]


_NO_ACCOUNT_WORDS = frozenset((*WEEKDAYS, *MONTHS, *HOLIDAYS))


def _may_be_a_company(said: str, call: ParsedCall) -> bool:
    """What the rep names "at" or "for" in a question may be no company: a town ("how do you
    keep stock at Sheffield today?", a place ``places.toml`` lists), a person of the call or a
    first name ("the ordering for Gail?"), a number ("at 3 today") or a date ("at Easter")."""
    people = {_norm(u.speaker) for u in call.utterances if u.speaker}
    people |= {_norm(p.name) for p in call.people}
    return not (
        _norm(said) in people
        or names_a_place(said)
        or said[0].isdigit()
        or said.casefold() in _NO_ACCOUNT_WORDS
        or (" " not in said and is_first_name(said))
    )
