"""A pain theme's name as the problem its central quotes tell about its topic word: the verb
phrase they say it in ("Ringing the driver", "Chasing hiring managers for CV feedback"), else
the clause of a central quote that says it ("The phone rings while we're treating").

Why: a topic word alone ("Driver", "Reminders") says where the pain is, not what goes wrong; the
quotes nearest the theme's centroid say that in their own words. Shapes are judged in
``pain_shapes``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.cluster.clauses import has_figure, names_a_concern, quote_clause, waits_for_more
from pipeline.cluster.pain_shapes import (
    ADVERBS,
    AUXILIARIES,
    DETERMINERS,
    SUBJECTS,
    tokens,
    verb_slot,
)
from pipeline.cluster.phrases import CLAUSE, EDGE_WORDS, FUNCTION_WORDS, NUMBER_WORDS
from pipeline.cluster.representative import VAGUE_WORDS
from pipeline.detect.rules import normalise_quotes
from pipeline.person_positions import english_words
from pipeline.wording import capitalised

VERB_REACH = 4  # the verb this many words before the topic at most: "chasing contractors for"
PHRASE_WORDS = 6  # a verb phrase name: the verb, its object and a few words after
# Forms no rule makes a verb's "-ing" of.
_IRREGULAR = {
    "lost": "losing",
    "spent": "spending",
    "sent": "sending",
    "rang": "ringing",
    "wrote": "writing",
    "forgot": "forgetting",
    "kept": "keeping",
    "left": "leaving",
    "ran": "running",
    "brought": "bringing",
    "found": "finding",
    "threw": "throwing",
    "broke": "breaking",
    "bring": "bringing",
    "brings": "bringing",
}
# Verbs that say nothing of the problem alone ("we need records", "I have a spreadsheet").
LIGHT_VERBS = frozenset(
    "be have get go need want like use think know say see make let try seem mean feel hope love "
    "hate pay look spend take put give come tell ask wish guess reckon suppose".split()
)
# Words in "-ing" that are no verb ("every morning", "nothing").
_NOT_VERBS = frozenset(
    "morning evening nothing something anything everything thing during ceiling building "
    "meeting spring string king wing sibling pudding wedding".split()
)
_NEGATIONS = frozenset("not never no nobody nothing none".split())
# Where a verb phrase's tail stops: the next clause starts.
_TAIL_STOPS = frozenset(
    "and but or so because if when while which who that where until unless since though "
    "although whereas".split()
)
_VOWELS = frozenset("aeiou")
_OBJECTS = frozenset("me us them him her it you".split())
_PREPOSITIONS = frozenset(
    "to for of in on at by with from into onto over under about after before between".split()
)
# What a phrase of where, when or how after a verb's object opens on.
_TAIL_OPENERS = (
    _PREPOSITIONS
    | ADVERBS
    | frozenset("every each all back up out off down again twice through across".split())
)


def _ing_forms(base: str) -> list[str]:
    """The ways to spell the "-ing" of ``base``: "chase" "chasing", "stop" "stopping"."""
    if base.endswith("ie"):
        return [base[:-2] + "ying"]
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return [base[:-1] + "ing"]
    forms = [base + "ing"]
    if len(base) >= 3 and base[-1] not in _VOWELS | {"w", "x", "y"} and base[-2] in _VOWELS:
        doubled = base + base[-1] + "ing"  # "stopping"; a longer word rarely ("emailing")
        forms.insert(0 if len(base) <= 4 and base[-3] not in _VOWELS else 1, doubled)
    return forms


def verb_bases(word: str) -> list[str]:
    """The plain forms a verb as said may have come from ("typed": "typ", "type")."""
    if word.endswith("ied") or word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("ed"):
        return [word[:-1], word[:-2], word[:-3]]
    if word.endswith("es"):
        return [word[:-1], word[:-2]]
    if word.endswith("s") and not word.endswith("ss"):
        return [word[:-1]]
    return [word]


def gerund(word: str) -> str:
    """The "-ing" form of a verb as said ("rings", "chased", "rekey"), "" when no English one:
    "ringing", "chasing", "rekeying"."""
    low = word.lower()
    head, _, last = low.rpartition("-")
    prefix = f"{head}-" if head else ""
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if last in _NOT_VERBS or last in LIGHT_VERBS:
        return ""
    if last.endswith("ing") and len(last) > 5:
        return low if _a_verb(last[:-3]) else ""  # "something": no verb's "-ing"
    if last.endswith("ing") and _short_gerund(last):
        return low  # "doing": "doinging" had named a pain theme
    for base in verb_bases(last):
        if base in LIGHT_VERBS:
            return ""
        if not _a_verb(base):
            continue
        forms = _ing_forms(base)
        known = [f for f in forms if _known(f)]
        return prefix + (known or forms)[0]
    return ""


def _short_gerund(word: str) -> bool:
    """Whether a short word in "-ing" is a verb's "-ing" ("doing", "dying", "eyeing"), not a
    plain verb spelled so ("ring", "bring", "sing"): its stem is a verb, and adding "-ing"
    again makes no word the vocabulary knows ("ringing" is one, "doinging" none)."""
    stem = word[:-3]
    verb = _a_verb(stem) or (stem.endswith("y") and _a_verb(stem[:-1] + "ie"))
    return verb and not _known(word + "ing")


def _known(word: str) -> bool:
    """Whether the embedder's vocabulary has ``word`` as it is (True with no vocabulary)."""
    vocabulary = english_words()
    return not vocabulary or word in vocabulary


def _a_verb(stem: str) -> bool:
    """Whether a verb's stem is an English word as it is, or one done again ("redo", "rekey")."""
    return len(stem) > 1 and (
        _known(stem) or _known(stem + "e") or (stem.startswith("re") and _known(stem[2:]))
    )


def _verb_at(words: Sequence[str], i: int) -> str:
    """The "-ing" of ``words[i]`` when it is a verb of the problem: an "-ing" word not after a
    determiner ("the booking"), or a verb after its subject, neither negated nor light."""
    word = words[i]
    if word in EDGE_WORDS or word in _NEGATIONS:
        return ""  # "the", "about", "not": no verb of a problem
    before = words[max(0, i - 3) : i]
    if any(w in _NEGATIONS or w.endswith("n't") for w in before):
        return ""
    if word.endswith("ing") and word.rpartition("-")[2] not in _NOT_VERBS:
        after_determiner = i > 0 and words[i - 1] in DETERMINERS
        base = word.rpartition("-")[2][:-3]
        light = any(b in LIGHT_VERBS for b in (base, base + "e", base[:-1]))
        return "" if after_determiner or light else gerund(word)
    if word in AUXILIARIES or word in ADVERBS or not verb_slot(words, i):
        return ""
    return gerund(word)


def _topic_at(words: Sequence[str], topic: Sequence[str], i: int) -> bool:
    """Whether the topic's words (folded) are said from ``words[i]`` on."""
    said = words[i : i + len(topic)]
    return len(said) == len(topic) and all(
        w.removesuffix("'s").rstrip("s") == t.rstrip("s") for w, t in zip(said, topic, strict=True)
    )


def _tail(said: Sequence[str], start: int, room: int) -> list[str]:
    """The words after the topic that finish its phrase, ``room`` at most: a phrase of where,
    when or how ("for CV feedback", "every morning"; never "Booking the crem | takes", where
    the verb phrase is a subject) up to the next clause or figure, never ending on a word
    waiting for more; one cut short by ``room`` ends before its last preposition ("into the
    lab | system" is left out whole)."""
    tail: list[str] = []
    if start < len(said) and not _opens_tail(said, start):
        return tail
    for word in said[start:]:
        low = word.lower()
        if low in _TAIL_STOPS or low in NUMBER_WORDS or has_figure(word):
            break
        if len(tail) == room:
            linked = [i for i, w in enumerate(tail) if w.lower() in _PREPOSITIONS]
            tail = tail[: linked[-1]] if linked else []
            break
        tail.append(word)
    while tail and waits_for_more(tail):
        tail.pop()
    return tail


def _opens_tail(said: Sequence[str], start: int) -> bool:
    """Whether the word after the topic goes on with its phrase: a phrase of where, when or
    how ("for", "every"), or more of its name ("CV | feedback", "declaration | forms and"),
    never a verb before its object ("Booking the crem | takes three calls")."""
    word = said[start].lower()
    if word in _TAIL_OPENERS:
        return True
    after = said[start + 1].lower() if start + 1 < len(said) else ""
    verb = word in _IRREGULAR or (
        word.endswith(("s", "ed")) and any(b in LIGHT_VERBS or _a_verb(b) for b in verb_bases(word))
    )
    objected = after in DETERMINERS or after in NUMBER_WORDS or after in _OBJECTS
    return (
        not (verb and (objected or after.isdigit()))
        and "'" not in word
        and word not in FUNCTION_WORDS
        and word not in SUBJECTS
    )


def verb_phrases(quote: str, topic: Sequence[str]) -> list[str]:
    """Each verb phrase of ``quote`` that does something to the topic ("we ring the driver"
    gives "Ringing the driver"), from the verb's "-ing" through the topic and its phrase."""
    found: list[str] = []
    for part in CLAUSE.split(normalise_quotes(quote)):
        said = tokens(part)
        words = [w.lower() for w in said]
        for t in range(len(words)):
            if not _topic_at(words, topic, t):
                continue
            for v in range(t - 1, max(-1, t - 1 - VERB_REACH), -1):
                # "I'm not answering the phone": no verb phrase before a negation
                if words[v] in _TAIL_STOPS or words[v] in _NEGATIONS or words[v].endswith("n't"):
                    break
                verb = _verb_at(words, v)
                # "chasing | hiring managers": the first of two "-ing"s is the verb
                if verb and v > 0 and words[v - 1].endswith("ing") and _verb_at(words, v - 1):
                    v, verb = v - 1, _verb_at(words, v - 1)
                if verb:
                    end = t + len(topic)
                    tail = _tail(said, end, PHRASE_WORDS - (end - v))
                    found.append(capitalised(" ".join([verb, *said[v + 1 : end], *tail])))
                    break
    return found


def _says_verb(verb: str, text: str) -> bool:
    """Whether ``text`` says the verb of an "-ing" form in any form ("chased" for "chasing")."""
    stem = verb.lower().rpartition("-")[2][:-3]
    return len(stem) >= 2 and any(
        w.lower().rpartition("-")[2].startswith(stem) and len(w.rpartition("-")[2]) - len(stem) <= 4
        for w in tokens(text)
    )


def problem_names(
    central: Sequence[str], texts: Sequence[str], topics: Sequence[str], topic: str
) -> Iterator[str]:
    """A pain theme's names about its ``topics`` (words a share of ``texts`` say), best first:
    its ``topic`` name when one term that passes for a pain's (``pain_shapes``: "Keg returns",
    two words a share say side by side, or "Cancellations"); verb phrases of its ``central``
    quotes (``verb_phrases``); a central quote's clause saying a topic word; "X and Y" last, a
    bag of words ("Lunch and queue" after "The lunch queue goes out the door")."""
    joined = " and " in topic.lower()
    if topic and not joined:
        yield topic
    yield from _ranked_verb_phrases(
        central, texts, [[w.lower() for w in tokens(t)] for t in topics]
    )
    yield from topic_clauses(central, topics)
    if joined:
        yield topic


def _ranked_verb_phrases(
    central: Sequence[str], texts: Sequence[str], topics: Sequence[Sequence[str]]
) -> Iterator[str]:
    """Verb phrases of the central quotes (most central first) about a topic, the one whose
    verb the most ``texts`` say first ("Chasing timesheets" before "Approving timesheets")."""
    scored = sorted(
        (-sum(_says_verb(phrase.split()[0], t) for t in texts), rank, phrase)
        for rank, quote in enumerate(central)
        for topic in topics
        for phrase in verb_phrases(quote, topic)
    )
    seen: set[str] = set()
    for _, _, phrase in scored:
        if phrase.lower() not in seen:
            seen.add(phrase.lower())
            yield phrase


def topic_clauses(central: Sequence[str], topics: Sequence[str]) -> list[str]:
    """The clause of each central quote that says a topic word and more than the topic ("The
    phone rings while we're treating", never "A spreadsheet when I remember"), without a
    figure; those saying the most topic words first, then by centrality."""
    split = [[w.lower() for w in tokens(t)] for t in topics]
    ranked = []
    for rank, quote in enumerate(central):
        clause = quote_clause(quote, topics)
        words = [w.lower() for w in tokens(clause)]
        saying = [t for t in split if any(_topic_at(words, t, i) for i in range(len(words)))]
        if saying and names_a_concern(clause) and not has_figure(clause):
            if _says_more(words, saying):
                ranked.append((-len(saying), rank, clause))
    return [clause for _, _, clause in sorted(ranked)]


def _says_more(words: Sequence[str], topics: Sequence[Sequence[str]]) -> bool:
    """Whether the main clause (up to its first subordinate one) says a word beyond the topic
    and function words: "A spreadsheet | when I remember" and "The big thing for me is the
    records" do not."""
    main = []
    for word in words:
        if word in _TAIL_STOPS:
            break
        main.append(word)
    topic_words = {w.rstrip("s") for t in topics for w in t}
    said = FUNCTION_WORDS | DETERMINERS | VAGUE_WORDS
    return any(w not in said and w.rstrip("s") not in topic_words for w in main)
