"""The kind model's features, one row per buyer sentence (1,500-odd numbers):

- four vectors: the sentence, its turn (the normalised mean of the turn's sentence vectors),
  the rep's turn before it (``context``) and the rep's turn after it (``reply``: reps answer
  objections with "I hear you" and pains with "ouch");
- the cue rules' evidence (hesitation, praise, question, rivals, topic cues per category);
- the kind cues (``cues.toml`` ``[kind]``): pain words, who owns the problem ("we use a
  spreadsheet" reads as set-up or pain, "it would" as an objection), what the rep asked;
- where the sentence sits (in the call, in its turn);
- its best cosine to each seed group (objection categories, pains, set-up, small talk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipeline.detect import rules
from pipeline.detect.classify import WHY_NOW_NOTE, SentenceInput
from pipeline.detect.competitors import CompetitorHit, find_competitors
from pipeline.detect.small_talk import answers_small_talk, makes_small_talk
from pipeline.embed import Embedder, label_sums, normalise

# Weight of the rep's turns next to the buyer's own words: what the rep said before and after
# places a sentence, but at full weight the model learnt one product's sales talk (leave-one-set-
# out, 0.3 read new products' calls better than 1.0).
REP_TURN_SCALE = 0.3

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class RuleEvidence:
    """What the cue rules found in a sentence that the detector needs too (found once)."""

    hits: tuple[CompetitorHit, ...]
    question: bool


def rule_evidence(
    sentence: SentenceInput,
    *,
    ignore: Sequence[str] = (),
    call: str = "",
    work: Sequence[str] = (),
) -> RuleEvidence:
    """Competitor hits (names in ``ignore`` skipped, guesses the ``call``'s text says as the
    buyer's own place or tool too, or kept for other ``work`` than ours) and whether the
    sentence is a question."""
    around = f"{sentence.context}\n{sentence.turn}"
    hits = find_competitors(
        sentence.text,
        sentence.competitors,
        ignore=ignore,
        around=around,
        call=call,
        listed=sentence.listed,
        work=work,
    )
    return RuleEvidence(tuple(hits), rules.is_question(sentence.text))


def cue_features(
    sentence: SentenceInput, categories: Sequence[str], evidence: RuleEvidence | None = None
) -> list[float]:
    """Rule evidence as numbers: hesitation, praise, question, length, rivals, topic cues."""
    cues = rules.cue_scores(sentence.text)
    found = evidence if evidence is not None else rule_evidence(sentence)
    hits = found.hits
    relations = {h.relation for h in hits if h.known}
    return [
        cues.concern,
        float(cues.positive),
        float(found.question),
        min(len(sentence.text.split()), 40) / 20,
        float("current" in relations),
        float("evaluated" in relations),
        float(bool(hits)),
        *(min(cues.categories.get(c, 0), 2) / 2 for c in categories),
    ]


def kind_cues(sentence: SentenceInput, evidence: RuleEvidence) -> list[float]:
    """Who owns the problem, pain words, what the rep asked before and said after (17)."""
    cue = rules.KIND_CUES
    text = rules.lowered(sentence.text)
    context = rules.lowered(sentence.context)
    reply = rules.lowered(sentence.reply)

    def has(name: str, where: str = text) -> float:
        return float(bool(cue[name].search(where)))

    def count(name: str) -> float:
        return min(len(cue[name].findall(text)), 3) / 3

    tool = max(has("tools"), float(bool(evidence.hits)))
    first_person, habit = has("first_person"), has("habit")  # each read once, used twice
    modal, you_it = has("modal"), has("you_it")
    return [
        count("pain"),
        first_person,
        habit,
        tool,
        count("counts"),
        modal,
        you_it,
        has("price"),
        has("past"),
        has("negation"),
        first_person * habit * tool,  # "we use a spreadsheet"
        modal * you_it,  # "it would be", "if you"
        has("rep_price", context),
        has("rep_concern_question", context),
        has("rep_discovery_question", context),
        has("rep_reassures", reply),
        has("rep_sympathises", reply),
    ]


def position_features(sentence: SentenceInput) -> list[float]:
    """Where the sentence sits: in the call, in its turn, and how long the turn is (5)."""
    size, index = sentence.turn_size, sentence.index_in_turn
    return [
        sentence.position,
        index / (size - 1) if size > 1 else 0.0,
        float(index == 0),
        float(index == size - 1),
        min(size, 8) / 8,
    ]


def _embed_unique(embedder: Embedder, texts: Sequence[str], dim: int) -> Matrix:
    """Vectors for ``texts`` with each distinct text embedded once; empty text is a zero row."""
    unique = sorted({t for t in texts if t})
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if unique:
        vectors = embedder.encode(unique)
        row = {t: i for i, t in enumerate(unique)}
        for i, text in enumerate(texts):
            if text:
                out[i] = vectors[row[text]]
    return out


def _turn_vectors(sentences: Sequence[SentenceInput], own: Matrix) -> Matrix:
    """Each sentence's turn vector: the normalised mean of its turn's sentence vectors.

    Why not embed the turn: that would cost a second encoder pass for every multi-sentence
    turn for a small gain in cross-validation. Sentences of a turn must all be in
    ``sentences`` (detection and training both pass them).
    """
    turn_of: dict[str, int] = {}
    labels = np.array(
        [turn_of.setdefault(s.turn.strip() or s.text, len(turn_of)) for s in sentences],
        dtype=np.int64,
    )
    turn: Matrix = normalise(label_sums(own, labels, len(turn_of)))[labels]
    return turn


@dataclass(frozen=True)
class SeedGroups:
    """Seed phrasing vectors per group (``SeedSet.kind_groups``); a sentence's best cosine to
    each group is a feature."""

    names: tuple[str, ...]
    vectors: tuple[Matrix, ...]

    def similarities(self, sentence_vectors: Matrix) -> Matrix:
        if not self.names:
            return np.zeros((len(sentence_vectors), 0), dtype=np.float32)
        columns = [
            (sentence_vectors @ v.T).max(axis=1)
            if len(v)
            else np.zeros(len(sentence_vectors), dtype=np.float32)
            for v in self.vectors
        ]
        return np.stack(columns, axis=1).astype(np.float32)


def feature_matrix(
    embedder: Embedder,
    sentences: Sequence[SentenceInput],
    categories: Sequence[str],
    seeds: SeedGroups,
    sentence_vectors: Matrix | None = None,
    evidence: Sequence[RuleEvidence] | None = None,
) -> Matrix:
    """One row per sentence (see the module docstring). Pass ``sentence_vectors`` and
    ``evidence`` when the caller has them already; then only the rep turns cost embedding."""
    if not sentences:
        return np.zeros((0, 0), dtype=np.float32)
    own = (
        sentence_vectors
        if sentence_vectors is not None
        else embedder.encode([s.text for s in sentences])
    )
    dim = int(own.shape[1])
    found = evidence if evidence is not None else [rule_evidence(s) for s in sentences]
    rep_turns = _embed_unique(
        embedder, [*(s.context for s in sentences), *(s.reply for s in sentences)], dim
    )
    cues = np.array(
        [
            [*cue_features(s, categories, e), *kind_cues(s, e), *position_features(s)]
            for s, e in zip(sentences, found, strict=True)
        ],
        dtype=np.float32,
    )
    return np.hstack(
        [
            own,
            _turn_vectors(sentences, own),
            REP_TURN_SCALE * rep_turns[: len(sentences)],
            REP_TURN_SCALE * rep_turns[len(sentences) :],
            cues,
            seeds.similarities(own),
        ]
    ).astype(np.float32)


_WHY_NOW_SIM = 0.65
_WHY_NOW_MIN_WORDS = 3


_LABELLED_WHY_NOW_SURE = 0.8
_LABELLED_WHY_NOW = "event"  # a trigger the words do not sort ("Trigger: new owner")


def why_now_tag(sentence: SentenceInput, sims: dict[str, float]) -> tuple[str, float] | None:
    """A sentence's why-now category and confidence (``why_now_verdict``), none in small talk
    ("It's been a crazy week with court deadlines." had been a deadline). A rep's label says one
    ("Why now:", "Trigger:") even where the words alone are no cue ("a health inspector asked
    for the hours log"): the cue rules' category, else the closest seed's, as sure as a
    statement."""
    found = why_now_verdict(sentence.text, sims)
    if sentence.note_kind == WHY_NOW_NOTE:
        if found is not None:
            return found[0], max(found[1], _LABELLED_WHY_NOW_SURE)
        category = max(sims, key=lambda n: (sims[n], n), default=_LABELLED_WHY_NOW)
        return category, _LABELLED_WHY_NOW_SURE
    if found is None or makes_small_talk(sentence.text) or answers_small_talk(sentence):
        return None
    return found


def why_now_verdict(sentence: str, sims: dict[str, float]) -> tuple[str, float] | None:
    """Why-now category from cue rules (similarity breaks ties), or similarity alone when high."""
    cues = rules.why_now_cues(sentence)
    if len(sentence.split()) < _WHY_NOW_MIN_WORDS:
        return None
    if cues:
        category = max(cues, key=lambda n: (cues[n] + sims.get(n, 0.0), n))
        support = 0.1 if sims.get(category, 0.0) >= 0.5 else 0.0
        return category, round(min(0.95, 0.7 + 0.1 * (cues[category] - 1) + support), 3)
    if sims:
        category = max(sims, key=lambda n: (sims[n], n))
        if sims[category] >= _WHY_NOW_SIM:
            return category, round(sims[category], 3)
    return None
