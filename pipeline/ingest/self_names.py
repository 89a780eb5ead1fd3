"""A nameless speaker's name from their own introduction: a phone tool's ``Agent`` or
``Speaker 1`` who says "Hi, it's Tom from SiteSure" is the roster's Tom Galloway, and a
``Caller`` who says "it's Gemma from Mercer Yard" is Gemma. Quotes and themes then say who
spoke; the label alone said only a side."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.greeted_names import greeted_name
from pipeline.ingest.names import name_matches
from pipeline.ingest.names import norm_name as _norm
from pipeline.ingest.role_heuristic import COMPANY_WORDS, PERSON_WORDS
from pipeline.ingest.role_labels import is_anonymous, role_of_label
from pipeline.ingest.speaker_ids import follow_renames
from pipeline.person_positions import said_lowercase

_INTRO_TURNS = 3  # an introduction comes in a speaker's first few turns
# Words that open a greeting, never a name ("Hi Tom, Jenna Pellow at ...": Jenna, not Hi Tom).
_NOT_A_NAME = (
    r"(?!(?i:hi|hello|hey|morning|afternoon|evening|thanks|thank|yes|yeah|yep|okay|ok|sure"
    r"|right|so|well|good|great|sorry|honestly|and|but|it|this|that|we|our|my)\b)"
)
_NAME = rf"(?P<name>{_NOT_A_NAME}{PERSON_WORDS})(?<!'s)(?!'s\b)"  # "Tom's" names someone else
_WHERE_FROM = (
    rf"(?:(?i:calling|ringing|phoning|dialling|dialing)\s+)?"  # "It's Priya calling from X"
    rf"(?i:from|with|at|over at|here at)\s+(?P<company>{COMPANY_WORDS})"
)
_SAYS_WHO = r"(?i:this is|it'?s|i'?m|i am|my name is|my name'?s)"
# "it's Tom from SiteSure", "this is Priya at SiteSure", "my name's Dev": a company or the
# sentence's end after the name ("It's Tom who handles that" names someone else); "Tom Galloway
# here from SiteSure", "Hi Tom, Jenna Pellow at Pellow and Daughters." "Tom from SiteSure?" asks.
_INTROS = (
    re.compile(
        rf"(?<!\bis )\b{_SAYS_WHO}\s+{_NAME}(?:,?\s+{_WHERE_FROM}|,?\s+(?i:here|speaking)\b"
        rf"|\s*(?:[,.!;]|$))(?!\s*\?)"
    ),
    re.compile(rf"(?:^|[,.!]\s+){_NAME},?\s+(?:(?i:here|speaking)\b|{_WHERE_FROM})(?!\s*\?)"),
)
# With several nameless people on the buyer's side, only "I'm Mel" or "my name's Mel" says who
# speaks: "this is Tash" there introduces a colleague as often as oneself.
_FIRST_PERSON = (
    re.compile(
        rf"\b(?i:i'?m|i am|my name is|my name'?s)\s+{_NAME}(?:,?\s+{_WHERE_FROM}"
        rf"|,?\s+(?i:here|speaking)\b|\s*(?:[,.!;]|$))(?!\s*\?)"
    ),
)


def _said_names(
    texts: Sequence[str], intros: Sequence[re.Pattern[str]] = _INTROS
) -> list[tuple[int, str, str | None]]:
    """(turn, name, company) for each self-introduction in a speaker's turns."""
    found: list[tuple[int, str, str | None]] = []
    for turn, text in enumerate(texts):
        for intro in intros:
            for match in intro.finditer(text.replace("’", "'")):
                company = match.group("company")
                found.append((turn, " ".join(match.group("name").split()), company))
    return found


def _nameless(label: str) -> bool:
    return role_of_label(label) is not None or is_anonymous(label)


def _own_name(
    texts: Sequence[str],
    role: str,
    roster: Sequence[str],
    ours: set[str],
    *,
    first_person: bool = False,
) -> str | None:
    """The name a nameless speaker gives themself: for the rep, the roster member it names
    (with no roster, the name said with our company); for the buyer, the name said with their
    company (never one of ours). ``None`` when they give none early, or two (two people behind
    one label). ``first_person``: only "I'm <name>" counts (``_FIRST_PERSON``)."""
    said = _said_names(texts, _FIRST_PERSON if first_person else _INTROS)
    if not said or said[0][0] >= _INTRO_TURNS:
        return None
    first = said[0][1]
    if any(not name_matches(name, first) and not name_matches(first, name) for _, name, _ in said):
        return None
    said_ours = any(company and _norm(company) in ours for _, _, company in said)
    if role == "rep" and said_ours and not roster:  # "It's Priya calling from LiftLog", no
        return first  # roster to match: her own word (a roster that lacks her is trusted)
    return None if role != "rep" and said_ours else _side_name(first, role, roster)


def _side_name(name: str, role: str, roster: Sequence[str]) -> str | None:
    """A name said of a nameless speaker as their side allows: for the rep, the roster member
    it names; for the buyer, the name itself, never one of ours."""
    if role == "rep":
        members = {_norm(m): m for m in roster if name_matches(name, m)}  # listed twice: one
        return next(iter(members.values())) if len(members) == 1 else None
    return None if any(name_matches(name, member) for member in roster) else name


def _greeted_by_other_side(call: ParsedCall, speaker: str, role: str) -> str | None:
    """The first name the other side's opening turns call a role-labelled speaker ("REP: Hi
    Paul" names the ``PROSPECT``); a numbered one ("Speaker 2") only on a call of two such
    labels, where a greeting can only be meant for the one other speaker."""
    if role_of_label(speaker) is None and not _one_of_two_numbered(call, speaker):
        return None
    other = "buyer" if role == "rep" else "rep"
    texts = [u.text for u in call.utterances if u.role == other and u.speaker != speaker]
    common = said_lowercase(" ".join(u.text for u in call.utterances))
    return greeted_name(texts, re.findall(r"[^\W\d_]+", call.account or ""), common)


def _one_of_two_numbered(call: ParsedCall, speaker: str) -> bool:
    """Is ``speaker`` one of exactly two speakers, both labelled by number only, on opposite
    sides? A third voice on the line may be the one greeted."""
    labels = {u.speaker for u in call.utterances}
    sides = {u.role for u in call.utterances}
    return (
        speaker in labels
        and len(labels) == 2
        and all(label and is_anonymous(label) for label in labels)
        and sides == {"rep", "buyer"}
    )


def name_from_introductions(
    call: ParsedCall, roster: Sequence[str], our_companies: Sequence[str]
) -> None:
    """Rename, in place, each side-labelled speaker who introduces themself, or whom the other
    side greets by name in its first turns: a rep to the roster member named, a buyer to the
    name said (with other nameless speakers on the buyer side, only an "I'm Mel" of their own;
    Rev's "Speaker 2" had kept her label). A name two labels claim, or one another speaker
    already has, is left."""
    role_of = {u.speaker: u.role for u in reversed(call.utterances) if u.speaker}
    speakers = list(role_of)
    nameless = [s for s in speakers if _nameless(s) and role_of[s] in ("rep", "buyer")]
    # Speakers of unknown side may be buyers too: "only one" counts every nameless non-rep.
    not_reps = sum(_nameless(s) and role_of[s] != "rep" for s in speakers)
    ours = {_norm(c) for c in our_companies if c}
    named: dict[str, str] = {}
    for speaker in nameless:
        crowded = role_of[speaker] == "buyer" and not_reps > 1
        texts = [u.text for u in call.utterances if u.speaker == speaker]
        name = _own_name(texts, role_of[speaker], roster, ours, first_person=crowded)
        alone = sum(role_of[s] == role_of[speaker] for s in nameless) == 1
        if name is None and alone and not crowded:
            greeted = _greeted_by_other_side(call, speaker, role_of[speaker])
            name = _side_name(greeted, role_of[speaker], roster) if greeted else None
        others = (s for s in speakers if s != speaker and s not in nameless)
        if name is not None and not any(name_matches(name, other) for other in others):
            named[speaker] = name
    claimed = Counter(_norm(name) for name in named.values())
    named = {label: name for label, name in named.items() if claimed[_norm(name)] == 1}
    for utterance in call.utterances:
        if utterance.speaker in named:
            utterance.speaker = named[utterance.speaker]
    call.our_speakers = [named.get(label, label) for label in call.our_speakers]
    follow_renames(call, named)
