"""What people on a call say about each other: who is on whose side.

Why: the phrase heuristic judges each speaker alone, and a buyer's firm administrator who asked
few questions read as a second rep ("Ken's our firm administrator"), while a buyer asking a
security reviewer's questions ("Will you sign a BAA?") read as the seller. What speakers say of
each other is firmer evidence, and it is how a reader tells the sides apart:
- a speaker named in the account ("Marisol Delgado" of "Delgado & Associates") is the buyer;
- someone introduced as "our" or "my colleague" is on the speaker's side ("Mats is our IT
  consultant");
- someone greeted or asked for ("Hi Aaron, hi Beth.", "am I speaking with Sean?") in a
  speaker's first turn is on the other side.
Sides are settled from the roles already known; a linked group none of whose people is known
is scored by the phrase heuristic as one side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.names import norm_name

_NAME = r"([A-Z][a-z'’-]+)"
# A greeting's names, one after another: "Hi Aaron, hi Beth", "Morning Karin and Mats".
_GREETING = re.compile(
    r"\b(?:(?i:hi|hello|hey|morning|afternoon|evening)[,!]?\s+"
    r"|(?i:speaking (?:with|to)|is that)\s+)" + _NAME
)
_GREETED_TOO = re.compile(r"(?:\s*,\s*(?i:and|hi|hey|hello)\s+|\s+(?i:and)\s+|\s*&\s*)" + _NAME)
_OURS = re.compile(
    _NAME + r"(?:'s|\s+is|\s+here is|\s+will be)\s+(?i:our|my)\b"
    r"|\b(?i:our|my)\s+(?i:colleague|partner|boss|associate|paralegal|assistant|manager"
    r"|co-?founder|office manager|administrator|consultant|it person|it guy|cfo|ceo|coo)\s+"
    + _NAME
    + r"|"
    + _NAME
    + r"\s+(?i:from|on|of) (?i:our|my) (?i:side|team|end|office|firm)\b"
    # "This is Dana Fischer, she handles our IT", "Paul runs operations across our sites"
    + r"|"
    + _NAME
    + r"(?:\s+[A-Z][a-z'’-]+)?,?\s+(?:(?i:she|he|they|who)\s+)?"
    r"(?i:handles|runs|manages|looks after|takes care of|heads|leads|does)\s+(?:\w+\s+){0,3}?"
    r"(?i:our|my)\b"
)
_FIRST_SENTENCE = re.compile(r"^.*?(?:[.?!](?=\s|$)|$)", re.DOTALL)
_MIN_SURNAME = 3


def _first_names(speakers: Iterable[str]) -> dict[str, str]:
    """First name -> the one speaker it names (a name two speakers share names no one)."""
    seen: dict[str, list[str]] = {}
    for speaker in speakers:
        words = norm_name(speaker).split()
        if words:
            seen.setdefault(words[0], []).append(speaker)
    return {first: found[0] for first, found in seen.items() if len(found) == 1}


def named_in_account(
    speakers: Sequence[str], account: str | None, ours: Iterable[str] = ()
) -> list[str]:
    """Speakers whose family name is a word of the account's name: the buyer's people."""
    if not account:
        return []
    words = set(re.findall(r"[^\W\d_][\w'’-]*", account.casefold()))
    if any(norm_name(name) == norm_name(account) for name in ours):
        return []
    found = []
    for speaker in speakers:
        parts = norm_name(speaker).split()
        if len(parts) >= 2 and len(parts[-1]) >= _MIN_SURNAME and parts[-1] in words:
            found.append(speaker)
    return found


def _greeted(text: str) -> list[str]:
    """The names a turn's first sentence greets or asks for."""
    first = _FIRST_SENTENCE.match(text)
    sentence = first.group(0) if first else ""
    names: list[str] = []
    for head in _GREETING.finditer(sentence):
        names.append(head.group(1))
        end = head.end()
        while (more := _GREETED_TOO.match(sentence, end)) is not None:
            names.append(more.group(1))
            end = more.end()
    return names


def relations(
    utterances: Sequence[ParsedUtterance], speakers: Sequence[str]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Pairs said to be on the same side, and pairs on other sides (see the module's doc)."""
    first_names = _first_names(speakers)
    same: set[tuple[str, str]] = set()
    other: set[tuple[str, str]] = set()
    opened: set[str] = set()
    for utterance in utterances:
        speaker = utterance.speaker
        if speaker is None or speaker not in speakers:
            continue
        text = utterance.text.replace("’", "'")
        for match in _OURS.finditer(text):
            said = next(g for g in match.groups() if g)
            named = first_names.get(said.casefold())
            if named and named != speaker:
                same.add((speaker, named))
        if speaker in opened:
            continue
        opened.add(speaker)
        for said in _greeted(text):
            named = first_names.get(said.casefold())
            if named and named != speaker:
                other.add((speaker, named))
    return same, other - {(b, a) for a, b in same} - same


def settle_sides(
    known: dict[str, str],
    speakers: Sequence[str],
    same: set[tuple[str, str]],
    other: set[tuple[str, str]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Roles that follow from ``known`` roles through the relations, and for the speakers
    still unknown the group each belongs to (linked speakers share one, for the heuristic)."""
    group = {s: s for s in speakers}

    def root(speaker: str) -> str:
        while group[speaker] != speaker:
            speaker = group[speaker]
        return speaker

    for a, b in same:
        if a in group and b in group:
            group[root(a)] = root(b)
    sides: dict[str, str] = {}
    for speaker, role in known.items():
        if speaker in group and role in ("rep", "buyer"):
            sides.setdefault(root(speaker), role)
    flip = {"rep": "buyer", "buyer": "rep"}
    torn: set[str] = set()  # told both sides (greeted by a rep and by a buyer): left unknown
    changed = True
    while changed:
        changed = False
        proposed: dict[str, set[str]] = {}
        for a, b in sorted(other):  # sorted: the same answer on every run
            if a not in group or b not in group:
                continue
            ra, rb = root(a), root(b)
            for x, y in ((ra, rb), (rb, ra)):
                if x in sides and y not in sides and y not in torn:
                    proposed.setdefault(y, set()).add(flip[sides[x]])
        for y, roles in sorted(proposed.items()):
            if len(roles) > 1:
                torn.add(y)
            else:
                sides[y] = roles.pop()
                changed = True
    found = {s: sides[root(s)] for s in speakers if s not in known and root(s) in sides}
    groups = {
        s: f"side:{root(s)}"
        for s in speakers
        if s not in known and s not in found and any(root(t) == root(s) for t in speakers if t != s)
    }
    return found, groups


def agree_with_relations(
    guessed: dict[str, str],
    firm: dict[str, str],
    same: set[tuple[str, str]],
    other: set[tuple[str, str]],
) -> dict[str, str]:
    """The heuristic's ``guessed`` roles made to agree with what people said of each other.

    Speakers linked by the relations form two sides; a side takes the role a ``firm`` role in
    it gives, else the role most of its guesses give (a tie changes nothing). "Hey Tom, hey
    Angie" from the rep had left Angie, who said only "He's not wrong.", guessed a rep."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for pairs, flip in ((same, 0), (other, 1)):
        for a, b in pairs:
            edges.setdefault(a, []).append((b, flip))
            edges.setdefault(b, []).append((a, flip))
    settled: dict[str, str] = {}
    seen: set[str] = set()
    for start in guessed:
        if start in seen or start not in edges:
            continue
        colour = _two_colours(start, edges)
        if colour is None:
            seen.add(start)
            continue
        seen.update(colour)
        settled.update(_side_roles(colour, guessed, firm))
    return settled


def _two_colours(start: str, edges: dict[str, list[tuple[str, int]]]) -> dict[str, int] | None:
    """Each speaker linked to ``start`` -> 0 or 1 (its side); None when the links contradict."""
    colour = {start: 0}
    todo = [start]
    while todo:
        speaker = todo.pop()
        for neighbour, flip in edges.get(speaker, []):
            wanted = colour[speaker] ^ flip
            if neighbour not in colour:
                colour[neighbour] = wanted
                todo.append(neighbour)
            elif colour[neighbour] != wanted:
                return None
    return colour


def _side_roles(
    colour: dict[str, int], guessed: dict[str, str], firm: dict[str, str]
) -> dict[str, str]:
    """Roles of the guessed speakers of one linked group, side 0 being ``rep`` or ``buyer``."""
    roles = ("rep", "buyer")
    fixed = {
        roles[c] == firm[s] for s, c in colour.items() if firm.get(s) in roles
    }  # True: side 0 is the rep side
    if len(fixed) > 1:
        return {}
    if fixed:
        zero_is_rep = fixed.pop()
    else:
        votes = [roles[c] == guessed[s] for s, c in colour.items() if guessed.get(s) in roles]
        agree, disagree = votes.count(True), votes.count(False)
        if agree == disagree:
            return {}
        zero_is_rep = agree > disagree
    return {s: roles[c] if zero_is_rep else roles[1 - c] for s, c in colour.items() if s in guessed}
