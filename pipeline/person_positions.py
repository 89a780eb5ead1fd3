"""People the first-name list does not know, found by where a word stands in a sentence.

Why: the list (``pipeline/data/first_names.toml``) is US Census first names, so an Irish, Māori,
Welsh or Indian name passed: "Honestly it eats about two hours of Aoife's day" reached a
published export. A capitalised word is taken for a person where only a person stands: before
a possessive ("Aoife's day"), after a verb done to a person ("ask Ngaio", "told Dafydd",
"spoke with Wiremu"), before a person's doing ("Tane said"), beside a role ("our receptionist,
Aoife"), after a title ("Dr Ó Briain") or joined to a person ("[name] and Bronwen"). It stays
when it is an English word (the bundled embedder's vocabulary, less the first names) or a word
the caller knows as no person (brands, accounts, the product profile, the calls' own words).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Collection

from pipeline.calendar_words import MONTHS, WEEKDAYS, with_plurals
from pipeline.config import bundled_model_path
from pipeline.lazy_regex import lazy_compile
from pipeline.peoples import names_a_language_or_nationality
from pipeline.person_doings import ROUTINE

NAME = "[name]"


def _letters(test: Callable[[str], bool]) -> str:
    """ASCII and Latin-1/Extended-A/B letters passing ``test``, for a character class: "Ó",
    "Ā" and "Ŵ" start names as "A" does."""
    return "".join(chr(c) for c in range(0xC0, 0x250) if test(chr(c)) and chr(c) != "×")


_UPPER = "A-Z" + _letters(str.isupper)
_LOWER = "a-z" + _letters(str.islower)
# A name's word: "Aoife", "Ó", "McLeod", "O'Neill", "D'Arcy", "Smith-Jones", "Ngāti"; not "CSV"
# or "SmileSlot" (products write capitals inside a word), nor the "'s" after it.
WORD = rf"(?:Mc|Mac|[OD]['’](?=[{_UPPER}]))?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
# "Ó Briain", "van Dijk", "Van der Berg", "de la Cruz": before a surname, any case.
PARTICLE = (
    r"(?:Ó|Ní|Nic|Mac|Uí|Ua|ap|(?i:van|von|de|da|di|du|der|den|del|della|la|le)"
    r"(?:\s+(?i:der|den|de|la|le|los))?)"
)
_END = r"(?![\w-]|['’][a-rt-z])"  # the word ends: "Aoife's" ends at "Aoife", "O'Neill" does not
# One person: a word, then maybe a surname ("Niamh Ó Briain", "Tane Ngata").
_RUN = rf"{WORD}{_END}(?:\s+(?:{PARTICLE}\s+)?{WORD}{_END})?"
TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof)\.?"

# A person the speech names whoever they are: after a title ("Dr. Abbott", "Dr Ó Briain") or
# introduced by name ("Her name's Keisha", "my manager, named Ola Ade").
SAID_NAME_RE = lazy_compile(
    rf"(?P<lead>\b{TITLE}\s+|\b(?:[Nn]ame is|[Nn]ame['’]s|[Nn]amed)\s+)"
    rf"(?P<name>(?:{PARTICLE}\s+)?{WORD}{_END}(?:\s+(?:{PARTICLE}\s+)?{WORD}{_END})?)"
)

# What only a person does, after a name ("Frank said", "Tane wasn't keen").
# A verb of liking, worrying or saying counts too: "Lowenna liked the diary but she's asking why"
# had printed a buyer's sister's name three times in a published comparison.
DOES = (
    r"\s+(?:said|says|thinks|thought|wants|wanted|asked|asks|told|decided|agreed|refused|hates|"
    r"hated|loves|loved|likes|liked|prefers|preferred|reckons|reckoned|believes|"
    r"believed|worries|worried|wonders|wondered|insists|insisted|suggested|complained|"
    r"mentioned|explained|replied|runs|owns|handles|signs|signed|approves|approved|okays|"
    r"okayed|vetoes|vetoed|decides|wasn't|isn't|won't|wouldn't|doesn't|didn't|"
    r"(?:is|was)\s+(?:asking|wondering|keen|worried|concerned|adamant|convinced))\b"
)
# Done to a person: "ask Ngaio", "told Dafydd", "spoke with Wiremu", "run it past Aroha".
DONE_TO = (
    r"\b(?i:ask|asks|asked|asking|tell|tells|told|telling|email|emailed|emailing|ping|pinged|"
    r"cc|cc['’]d|thank|thanks|thanked|remind|reminded|texted|messaged|rang|phoned|hired|"
    r"(?:loop|looped|looping|copy|copied) in|"
    r"(?:run|ran|running) (?:it|this|that) (?:past|by)|"
    r"(?:talk|talked|talking|speak|speaking|spoke|chat|chatted|check|checked|checking) "
    r"(?:to|with)|(?:met|meet|meeting|catch up|caught up|sit down|sat down) with)\s+"
)
# Someone needed for a person's doing: "I'd need Declan to sign that off", "get Tadhg to look".
_NEEDED = (
    r"\b(?i:need|needs|needed|get|gets|got|have|has|had|want|wants|wanted|wait for|"
    r"waiting for|waiting on)\s+"
)
_PERSON_TO = (
    r"\s+to\s+(?:sign|approve|okay|OK|agree|decide|review|look|read|weigh|meet|join|talk|"
    r"speak|chat|hear)\b"
)
# Who a person is at work or at home: "our receptionist, Aoife", "Aoife, our practice manager",
# "Declan, our MD".
ROLE = (
    r"(?:receptionist|manager|owner|dentist|hygienist|nurse|physio|physiotherapist|therapist|"
    r"assistant|administrator|admin|accountant|bookkeeper|director|boss|colleague|coordinator|"
    r"supervisor|secretary|husband|wife|principal|founder|clinician|doctor|vet|technician|"
    r"chair|chairman|chairwoman|president|controller|officer|head of [a-z]+|harbourmaster|"
    r"harbour master|headteacher|headmaster|headmistress|bursar|brewer|foreman|trustee|"
    r"sister|brother|son|daughter|mother|father|mum|mom|dad|aunt|uncle|cousin|niece|nephew|"
    r"MD|CEO|CFO|COO|CTO|CIO|CMO|CRO|CHRO|VP|GM|FD|HRD)"
)
# Whose: "our", "the", a possessive ("Mairead's husband, Conor", "the clinic's owner, Aoife").
_OWNER = (
    r"(?:(?:[Oo]ur|[Mm]y|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[A-Za-z&]+\s+)?"
    r"|(?:[Tt]he\s+)?(?:\[name\]|[\w-]+)['’]s\s+(?:[a-z&]+\s+)?)"
)
# After a name, what ties it to a person: a role ("Declan, our MD", "Declan is our MD", "Declan,
# who's our CFO", "(Declan, co-director)") or a person's pronoun ("Declan, he's our MD").
_TIED_AFTER = (
    rf"(?:,\s+|\s+(?:is|was)\s+|['’]s\s+|,\s+who(?:['’]s|\s+is|\s+was)\s+){_OWNER}{ROLE}\b"
    r"|,?\s+(?:he|she)(?:['’]s|['’]ll|['’]d|\s+is|\s+was|\s+has|\s+runs|\s+signs)\b"
    # a note's bracket: "Ruth's sister (Lowenna, co-director)", "(Tane, practice manager)"
    rf"|,\s+(?:[a-z]+[ -])?{ROLE}\s*\)"
)
# Later in its sentence, a pronoun only a person takes: "I'd need Declan to sign that off, he's
# our MD" ties the name before it to a person, whatever word it is.
_PRONOUN_LATER = re.compile(r"^[^.!?\n]*?\b(?:he|she)(?:['’](?:s|ll|d)|\s)", re.IGNORECASE)

_IN_POSITION = lazy_compile(
    rf"(?P<lead>{DONE_TO})(?P<object>{_RUN})"
    rf"|(?<![\w'’-])(?P<possessive>{WORD})(?=['’]s\b)"
    rf"|(?<![\w'’-])(?P<subject>{_RUN})(?={DOES})"
)
_NEEDED_TO = re.compile(rf"(?P<lead>{_NEEDED})(?P<object>{_RUN})(?={_PERSON_TO})")
_BY_ROLE = lazy_compile(
    rf"(?P<lead>(?<![\w'’-]){_OWNER}{ROLE},?\s+)(?P<object>{_RUN})"
    rf"|(?<![\w'’-])(?P<subject>{_RUN})(?={_TIED_AFTER})"
)
# A person speaking, as a line's or a sentence's label: "Lowenna: we'd need it by May". Not a
# hyphenated header ("Content-Type: text/plain", "Thread-Topic: ...").
_LABELLED = lazy_compile(
    rf"(?P<lead>^[ \t]*(?:[-•*][ \t]+)?|(?<=[.!?])[ \t]+)(?=[^\n:-]*:)(?P<subject>{_RUN})"
    r"(?=:[ \t])",
    re.MULTILINE,
)
# A name said in passing, before an everyday doing (``person_doings``): unknown words only.
_IN_PASSING = re.compile(rf"(?<![\w'’-])(?P<subject>{WORD}{_END})(?={ROUTINE})")
_JOINED = lazy_compile(
    rf"(?P<lead>(?:{re.escape(NAME)}|\b[Mm]e)\s+(?:and|&)\s+)(?P<object>{_RUN})"
    rf"|(?<![\w'’-])(?P<subject>{_RUN})(?=\s+(?:and|&)\s+(?:{re.escape(NAME)}|me\b|I\b))"
)


def tied_to_a_person(after: str) -> bool:
    """Does what follows a name tie it to a person: a role ("Katrina, our office manager"), or
    a person's pronoun later in its sentence ("since Katrina, she's been on reception")?"""
    return bool(re.match(_TIED_AFTER, after) or _PRONOUN_LATER.match(after))


@functools.cache
def english_words() -> frozenset[str]:
    """The lowercase whole words of the bundled embedder's vocabulary (bert-base-uncased:
    30k pieces, 22k whole words): English words, places, days, months, and common names."""
    folder = bundled_model_path()
    if folder is None:
        return frozenset()
    vocab = folder / "vocab.txt"
    if vocab.exists():
        pieces = vocab.read_text("utf-8").split("\n")
    elif (folder / "tokenizer.json").exists():
        data = json.loads((folder / "tokenizer.json").read_text("utf-8"))
        pieces = list(data.get("model", {}).get("vocab", {}))
    else:
        return frozenset()
    return frozenset(p for p in pieces if p.isalpha() and p.islower())


def is_english(word: str, words: Collection[str]) -> bool:
    """Is ``word`` (any case) in ``words`` as written or by its stem ("Bookings", "Rostered")?"""
    low = word.casefold()
    if low in words:
        return True
    for ending in ("s", "es", "ed", "d", "ing", "ly"):
        if low.endswith(ending) and len(low) - len(ending) >= 3 and low[: -len(ending)] in words:
            return True
    return False


def said_lowercase(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: what it uses as common words."""
    return frozenset(re.findall(rf"(?<![\w'’])[{_LOWER}]+(?![\w'’])", text))


def hide_unplaced_names(
    text: str,
    *,
    common: Collection[str],
    is_name: Callable[[str], bool],
    tied: list[str] | None = None,
    leads: Callable[[str], bool] = lambda word: False,
) -> str:
    """``text`` with a person hidden wherever a capitalised word stands where only a person
    stands and is no common word. ``common`` (case-folded) are words the caller knows as no one;
    ``is_name`` says a word is a first name even though it is an English word. A word that is
    English too ("Declan", "Grace") is hidden only where a role or a pronoun ties it to a
    person; ``tied`` collects those names, for the caller to hide wherever else they come.
    ``leads`` says a capitalised word stands before a name without being part of it ("Ask")."""
    english = english_words()
    lower = said_lowercase(text)

    def person(word: str, *, any_word: bool = False) -> bool:
        low = word.casefold()
        if low in common or low in lower or low in CALENDAR or len(word) < 2:
            return False
        if re.fullmatch(TITLE, word):  # "our principal, Ms. Ó Ceallaigh" is "Ms. [name]"
            return False
        return any_word or is_name(word) or not is_english(word, english)

    def unknown(word: str) -> bool:  # no English word nor one the caller knows: a person
        plain = person(word) and not is_english(word, english)
        return plain and not names_a_language_or_nationality(word)

    def hide(by_role: bool) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            groups = match.groupdict()
            lead = groups.get("lead") or ""
            any_word = by_role or bool(_PRONOUN_LATER.match(match.string[match.end() :]))
            found = tied if any_word else None
            if groups.get("object"):
                return lead + _hidden(groups["object"], person, any_word, False, found, leads)
            run = groups.get("subject") or groups.get("possessive") or ""
            return lead + _hidden(run, person, any_word, True, found, leads)

        return replace

    text = _BY_ROLE.sub(hide(by_role=True), text)
    text = _IN_POSITION.sub(hide(by_role=False), text)
    text = _NEEDED_TO.sub(hide(by_role=False), text)
    text = _LABELLED.sub(hide(by_role=False), text)
    text = _IN_PASSING.sub(lambda m: NAME if unknown(m.group("subject")) else m.group(0), text)
    return _JOINED.sub(hide(by_role=False), text)


def tied_names(
    text: str,
    *,
    common: Collection[str],
    is_name: Callable[[str], bool],
    leads: Callable[[str], bool] = lambda word: False,
) -> list[str]:
    """The people ``text`` names by a role or a pronoun ("Declan, he's our MD"): buyer-side
    names, whatever word they are, to hide wherever else the calls say them."""
    found: list[str] = []
    hide_unplaced_names(text, common=common, is_name=is_name, tied=found, leads=leads)
    return found


# When, never who, before a name as much as after a title: "On Mondays Aroha types the
# registers" had read "On [name] types", the habit's day joined to the name it leads.
CALENDAR = (
    with_plurals((*WEEKDAYS, "weekday", "weekend"))
    | frozenset(MONTHS)
    | frozenset("mornings afternoons evenings nights christmas easter".split())
)


def _hidden(
    run: str,
    person: Callable[..., bool],
    any_word: bool,
    from_end: bool,
    found: list[str] | None = None,
    leads: Callable[[str], bool] = lambda word: False,
) -> str:
    """``run`` with its person's words as one placeholder. The word nearest the cue decides
    (the first after "ask", the last before "said"), or failing it after "ask" a surname no
    list knows ("Talk to Declan Okafor"); the name's other words go with it, and into
    ``found`` when given. A word that leads a name (``leads``: "Ask Aoife, she's") stays out."""
    spans = [m.span() for m in re.finditer(r"\S+", run)]
    if len(spans) == 1 and names_a_language_or_nationality(run):
        return run  # "a portal in English, she's not going to send that": no one's name
    while len(spans) > 1 and leads(run[spans[0][0] : spans[0][1]]):
        spans.pop(0)
    order = list(reversed(spans)) if from_end else spans
    words = [run[start:end] for start, end in order]
    if not person(words[0], any_word=any_word) and (
        from_end or not any(not re.fullmatch(PARTICLE, w) and person(w) for w in words[1:])
    ):
        return run
    taken = [order[0]]
    for (start, end), word in zip(order[1:], words[1:], strict=True):
        if re.fullmatch(PARTICLE, word) or person(word, any_word=True):
            taken.append((start, end))
        else:
            break
    low, high = min(s for s, _ in taken), max(e for _, e in taken)
    if found is not None:
        found.append(run[low:high])
    return run[:low] + NAME + run[high:]
