"""A theme of answers named from the question they answer: "Three hours.", "A whole day.",
"Minimum." say nothing alone, but the rep had asked "How long does payroll take you now?".

Why: such a theme had stayed "Problems buyers raise": no phrase, clause or topic of its quotes
could name it, since each is the tail of a dialogue whose head is the rep's question. When most
of its central quotes are fragments (``fragment``) and most of those that answer a question
answer one about the same thing (shared content words), that question, turned into what it asks
about ("How long payroll takes"), names it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.quote_names import quote_phrase
from pipeline.detect.rules import is_question
from pipeline.detect.sentences import split_sentences
from pipeline.quote_shape import stands_alone
from pipeline.store.models import Utterance

MIN_ANSWERS = 2  # one answered question is one buyer's exchange, not a theme's
_CHUNK = 5000
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_NOT_CONTENT = frozenset(
    """how what when where which who whom whose why do does did is are was were be been am will
    would can could should has have had you your yours u we our us i me my they them their it its
    this that these those the a an of to for on in at with about by from and or but so now then
    today currently usually typically roughly right moment days there here just ever much many
    long often far""".split()
)
# Said after what a question asks about: "How long does payroll take you now?"
_TAIL_FILLERS = frozenset(
    "now today currently usually typically roughly normally generally again then there you us "
    "them ever each every week weekly".split()
)
_ASKED = re.compile(
    r"^(how (?:long|often|much|many(?: \w+)?|fast|quickly|big)|what|when|where|which \w+|who|"
    r"why|how)\s+(does|do|did|is|are|was|were|can|could|will|would)\s+(.+)$",
    re.IGNORECASE,
)
_LEAD_INS = frozenset("and so but okay ok right well exactly then also".split())
_DETERMINERS = frozenset("the a an your this that our their my its".split())
_COMMON_VERBS = frozenset(
    "take cost run go happen get need come break work last eat hit sit end start wait spend use "
    "handle track chase count lose miss pay book close ship pick make send check".split()
)


def answered_questions(session: Session, utterance_ids: Iterable[int]) -> dict[int, str]:
    """The question each utterance answers, by its id: the question of the last rep turn before
    it in its call (that turn's last sentence that asks); none after a turn that asks nothing."""
    wanted = sorted(set(utterance_ids))
    said: list[tuple[int, int, int]] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        said.extend(
            (int(u), int(c), int(s))
            for u, c, s in session.execute(
                select(Utterance.id, Utterance.call_id, Utterance.seq).where(
                    Utterance.id.in_(chunk)
                )
            )
        )
    calls = sorted({call for _, call, _ in said})
    seqs: dict[int, list[int]] = {}  # per call, its rep turns' seqs, in order, and ids
    turn_ids: dict[int, list[int]] = {}
    for start in range(0, len(calls), _CHUNK):
        reps = session.execute(
            select(Utterance.call_id, Utterance.seq, Utterance.id)
            .where(Utterance.call_id.in_(calls[start : start + _CHUNK]), Utterance.role == "rep")
            .order_by(Utterance.call_id, Utterance.seq)
        )
        for call, seq, turn in reps:
            seqs.setdefault(int(call), []).append(int(seq))
            turn_ids.setdefault(int(call), []).append(int(turn))
    before: dict[int, int] = {}  # each utterance's rep turn before it
    for utterance, call, seq in said:
        at = bisect_left(seqs.get(call, []), seq)
        if at:
            before[utterance] = turn_ids[call][at - 1]
    # only the turns answered are read whole: a workspace's rep turns are most of its text
    wanted_turns = sorted(set(before.values()))
    questions: dict[int, str | None] = {}
    for start in range(0, len(wanted_turns), _CHUNK):
        texts = session.execute(
            select(Utterance.id, Utterance.text).where(
                Utterance.id.in_(wanted_turns[start : start + _CHUNK])
            )
        )
        questions.update((int(turn), _last_question(str(text))) for turn, text in texts)
    return {u: q for u, turn in before.items() if (q := questions.get(turn))}


def fragment_questions(
    session: Session, said: Sequence[Sequence[tuple[str, int]]]
) -> list[list[str | None]]:
    """Per group of (text, utterance id), the question each text answers, read only for the
    ``fragment`` texts: the only ones ``asked_name`` reads, and a workspace's rep turns are most
    of its text. A re-cluster, a merge, a split and a theme new calls open name alike."""
    asked = answered_questions(session, [u for group in said for t, u in group if fragment(t)])
    return [[asked.get(u) for _, u in group] for group in said]


def _last_question(turn: str) -> str | None:
    questions = [s for _, _, s in split_sentences(turn) if s.rstrip().endswith("?")]
    return questions[-1].strip() if questions and is_question(questions[-1]) else None


def fragment(quote: str) -> bool:
    """Whether a quote does not read alone: too short or leaning on what came before
    (``stands_alone``), with no phrase in it that could head a theme (``quote_phrase``)."""
    return not stands_alone(quote) and not quote_phrase(quote)


def content_words(question: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(question) if w.lower() not in _NOT_CONTENT}


def asked_name(
    texts: Sequence[str], centrality: Sequence[float], questions: Sequence[str | None]
) -> str | None:
    """The name of a theme of answers (``texts``, each with the question it answers or none):
    what the question most of them answer asks about, when most of its central half is
    ``fragment`` and most answered fragments answer questions sharing a content word; else none."""
    order = sorted(range(len(texts)), key=lambda j: -centrality[j])
    central = order[: max(1, -(-len(order) // 2))]
    if 2 * sum(fragment(texts[j]) for j in central) <= len(central):
        return None
    asked = [q for t, q in zip(texts, questions, strict=True) if q and fragment(t)]
    if len(asked) < MIN_ANSWERS:
        return None
    shared = Counter(w for q in asked for w in content_words(q))
    if not shared:
        return None
    word, count = shared.most_common(1)[0]
    if 2 * count <= len(asked) or count < MIN_ANSWERS:
        return None
    question, _ = Counter(q for q in asked if word in content_words(q)).most_common(1)[0]
    return asked_about(question)


def asked_about(question: str) -> str | None:
    """A question as the thing it asks about: "How long does payroll take you now?" is "How
    long payroll takes"; none for one it cannot turn ("Do you use a spreadsheet?")."""
    words = _WORD.findall(question.split("?")[0].split(",")[-1])
    while words and words[0].lower() in _LEAD_INS:
        words.pop(0)  # "..., and how long do the closes take?"
    match = _ASKED.match(" ".join(words))
    if not match:
        return None
    wh, aux, rest = match.group(1), match.group(2).lower(), match.group(3).split()
    while len(rest) > 1 and rest[-1].lower() in _TAIL_FILLERS:
        rest.pop()
    if not rest or rest[0].lower() in {"you", "we", "i", "they"} and len(rest) < 2:
        return None
    subject_end = _subject_end(rest)
    subject, verb = rest[:subject_end], rest[subject_end:]
    if aux in {"do", "did"}:
        said = [*subject, *verb]
    elif aux == "does":
        said = [*subject, *_third_person(verb)]
    else:
        said = [*subject, aux, *verb]
    if not content_words(" ".join(said)):
        return None
    name = f"{wh.lower()} {' '.join(said)}"
    return name[:1].upper() + name[1:]


def _subject_end(rest: Sequence[str]) -> int:
    """Where the subject after the auxiliary ends: before a common verb, else after a
    determiner and its noun ("the Sunday"), else after one word ("payroll")."""
    verbs = [j for j, word in enumerate(rest) if j and word.lower() in _COMMON_VERBS]
    for j in verbs:
        if j + 1 not in verbs:  # "the stock count go wrong": "count" is the subject's
            return j
    return min(len(rest), 2 if rest[0].lower() in _DETERMINERS else 1)


def _third_person(verb: Sequence[str]) -> list[str]:
    if not verb:
        return []
    head = verb[0]
    if head.lower().endswith(("s", "sh", "ch", "x", "o")):
        head += "es"
    elif head.lower().endswith("y") and head[-2:-1].lower() not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return [head, *verb[1:]]
