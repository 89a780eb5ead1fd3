"""Detect stage: objections, questions, competitor mentions and why-now triggers in buyer lines.

The default ``RuleEmbeddingDetector`` needs no training data from the user and no LLM. Questions,
competitors and why-now triggers come from cue rules (plus similarity to the why-now phrasings in
``data/objection_seeds.toml``); objections from the objection model (``train.py``), a
logistic model over the sentence, its turn, the rep's turn before it and the cue rules, fitted on
the seed phrasings and the labelled example calls, and re-fitted when a user adds
``<data_dir>/objection_seeds.toml`` or ``<data_dir>/objection_labels.csv``. An LLM can refine
borderline sentences through the ``ObjectionClassifier`` seam, or replace the detector through the
``DETECTORS`` registry.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.config import Settings
from pipeline.detect import rules
from pipeline.detect.classify import (
    DETECTED_ROLES,
    UNDECIDED,
    Detection,
    Detector,
    ObjectionClassifier,
    SentenceInput,
    UtteranceLike,
)
from pipeline.detect.features import RuleEvidence, feature_matrix, rule_evidence
from pipeline.detect.labels import context_text, sentence_key, user_labelled, user_verdicts
from pipeline.detect.llm_check import objection_classifier
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.detect.sentences import split_sentences
from pipeline.detect.train import ObjectionModel, load_or_train, training_examples
from pipeline.embed import Embedder, Vectors
from pipeline.errors import BadInput, LLMError

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = float(Settings.model_fields["objection_threshold"].default)


@dataclass(frozen=True)
class _SeedMatrix:
    """Seed vectors stacked once; ``groups`` maps a name to its row range."""

    vectors: Vectors
    groups: dict[str, tuple[int, int]]

    def best(self, sims: Vectors, names: Sequence[str]) -> dict[str, Vectors]:
        return {n: sims[:, slice(*self.groups[n])].max(axis=1) for n in names if n in self.groups}


# --- the default detector ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    utterance_id: int
    role: str
    start: int
    end: int
    text: str
    scored: SentenceInput


SentenceSplitter = Callable[[str], list[tuple[int, int, str]]]


class RuleEmbeddingDetector:
    """Cue rules + similarity to seed phrasings; precise on small talk, no training needed."""

    name = "rules"

    def __init__(
        self,
        embedder: Embedder,
        *,
        seeds: SeedSet | None = None,
        competitors: Sequence[str] = (),
        ignore_names: Sequence[str] = (),
        model: ObjectionModel | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        unknown_role_margin: float = 0.1,
        classifier: ObjectionClassifier | None = None,
        classifier_band: float = 0.08,
        splitter: SentenceSplitter | None = None,
        verdicts: Mapping[tuple[str, str], tuple[str, str]] | None = None,
    ) -> None:
        self.embedder = embedder
        self.seeds = seeds if seeds is not None else load_seeds()
        self.competitors = list(competitors)
        self.ignore_names = list(ignore_names)
        self.threshold = threshold
        self.unknown_role_margin = unknown_role_margin
        self.classifier = classifier
        self.classifier_band = classifier_band
        self.splitter = splitter or split_sentences
        self.verdicts = dict(verdicts or {})
        self._seed_matrix: _SeedMatrix | None = None
        self._model = model

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> RuleEmbeddingDetector:
        seeds = load_seeds(settings.data_dir)
        users = user_labelled(settings.data_dir)
        model = load_or_train(
            embedder,
            training_examples(seeds, users),
            list(seeds.objection),
            settings.data_dir / "models",
            seeds.texts(),
        )
        return cls(
            embedder,
            seeds=seeds,
            competitors=settings.competitors,
            model=model,
            threshold=settings.objection_threshold,
            classifier=objection_classifier(settings, seeds.labels),
            classifier_band=settings.llm_detect_band,
            verdicts=user_verdicts(users),
        )

    @property
    def model(self) -> ObjectionModel:
        """The objection model given, else the one fitted on these seeds and the built-in
        labels (the shipped weights when the seeds are the built-in ones)."""
        if self._model is None:
            examples = training_examples(self.seeds)
            self._model = load_or_train(
                self.embedder, examples, self.categories, None, self.seeds.texts()
            )
        return self._model

    @property
    def categories(self) -> list[str]:
        return list(self.seeds.objection)

    def _seed_vectors(self) -> _SeedMatrix:
        """The seed phrasings' vectors, stacked once; those the model kept are not re-embedded."""
        if self._seed_matrix is None:
            groups: dict[str, tuple[int, int]] = {}
            texts: list[str] = []
            for group, examples in self.seeds.groups():
                if examples:
                    groups[group] = (len(texts), len(texts) + len(examples))
                    texts.extend(examples)
            known = self.model.vectors_for(self.embedder.name)
            missing = sorted({t for t in texts if t not in known})
            if missing:
                known.update(zip(missing, self.embedder.encode(missing), strict=True))
            vectors = np.vstack([known[t] for t in texts]) if texts else self.embedder.encode([])
            self._seed_matrix = _SeedMatrix(vectors.astype(np.float32), groups)
        return self._seed_matrix

    def detect(
        self, text: str, *, role: str = "buyer", competitors: Sequence[str] = ()
    ) -> list[Detection]:
        """Detections in one utterance text spoken by ``role``."""
        found = self.detect_utterances([_Text(0, role, text)], competitors=competitors)
        return found.get(0, [])

    def detect_utterances(
        self, utterances: Sequence[UtteranceLike], *, competitors: Sequence[str] = ()
    ) -> dict[int, list[Detection]]:
        """Detections per utterance id; rep lines skipped (they are context); sentences,
        turns and contexts embedded in one batch each. Pass a call's utterances in order:
        the rep's last turn before a buyer sentence is part of its evidence."""
        known = [*self.competitors, *competitors]
        sentences: list[_Sentence] = []
        for utterance, context in _with_context(utterances):
            if utterance.role not in DETECTED_ROLES:
                continue
            for start, end, text in self.splitter(utterance.text):
                scored = SentenceInput(text, utterance.text, context, tuple(known))
                sentences.append(_Sentence(utterance.id, utterance.role, start, end, text, scored))
        inputs = [s.scored for s in sentences]
        result: dict[int, list[Detection]] = {u.id: [] for u in utterances}
        if not sentences:
            return result
        seeds = self._seed_vectors()
        vectors = self.embedder.encode([s.text for s in sentences])
        evidence = [rule_evidence(i, ignore=self.ignore_names) for i in inputs]
        sims = vectors @ seeds.vectors.T
        objection_sims = seeds.best(sims, [f"objection:{n}" for n in self.seeds.objection])
        why_now_sims = seeds.best(sims, [f"why_now:{n}" for n in self.seeds.why_now])
        model = self.model
        features = feature_matrix(self.embedder, inputs, model.categories, vectors, evidence)
        probabilities = model.probability(features)
        categories = model.category(features)
        borderline: list[tuple[_Sentence, Detection]] = []
        for row, sentence in enumerate(sentences):
            detections, maybe = self._classify_sentence(
                sentence,
                (float(probabilities[row]), categories[row]),
                {name.split(":", 1)[1]: float(v[row]) for name, v in objection_sims.items()},
                {name.split(":", 1)[1]: float(v[row]) for name, v in why_now_sims.items()},
                evidence[row],
            )
            result[sentence.utterance_id].extend(detections)
            if maybe is not None:
                borderline.append((sentence, maybe))
        self._refine(borderline, result, utterances)
        for items in result.values():
            items.sort(key=lambda d: (d.char_start, _KIND_ORDER[d.kind], d.category or ""))
        return result

    def _threshold_for(self, role: str) -> float:
        """Unknown speakers need a higher score: they may be the rep."""
        return self.threshold + (self.unknown_role_margin if role != "buyer" else 0.0)

    def _classify_sentence(
        self,
        sentence: _Sentence,
        objection: tuple[float, str],
        objection_sims: dict[str, float],
        why_now_sims: dict[str, float],
        evidence: RuleEvidence,
    ) -> tuple[list[Detection], Detection | None]:
        """All detections of one sentence, plus a borderline objection for the classifier."""
        span = (sentence.text, sentence.start, sentence.end)
        hits = evidence.hits
        out = [
            Detection(
                "competitor",
                h.relation,
                *span,
                competitor=h.name,
                confidence=1.0 if h.known else 0.7,
            )
            for h in hits
        ]
        probability, category = objection
        closest = max(objection_sims, key=lambda n: (objection_sims[n], n), default=None)
        if closest is not None and objection_sims[closest] >= _SEED_MATCH:
            category = closest  # a near copy of a seed phrasing (a user's own seeds included)
        if evidence.question:
            topic = category if objection_sims.get(category, 0.0) >= _QUESTION_TOPIC_MIN else None
            out.append(Detection("question", topic, *span, confidence=0.9))
        threshold = self._threshold_for(sentence.role)
        rivals = [h for h in hits if h.relation in _RIVAL_RELATIONS and h.known]
        if rivals:
            # A buyer who uses or is weighing a named rival: that is the objection's topic.
            category = "competitor"
        candidate = None
        if len(sentence.text.split()) >= _MIN_WORDS:
            candidate = Detection(
                "objection",
                category,
                *span,
                competitor=(rivals or hits)[0].name if category == "competitor" and hits else None,
                confidence=round(probability, 3),
            )
        verdict = (
            self.verdicts.get(sentence_key(sentence.text, sentence.scored.context))
            if self.verdicts
            else None
        )
        if verdict is not None:  # the user said what this sentence is: no model, no LLM
            label, category = verdict
            candidate = None
            if label == "objection":
                out.append(self._labelled_objection(span, category, hits))
        borderline = None
        if candidate is not None and self.classifier is not None:
            if abs(probability - threshold) <= self.classifier_band:
                borderline, candidate = candidate, None
        if candidate is not None and probability >= threshold:
            out.append(candidate)
        why_now = _why_now(sentence.text, why_now_sims)
        if why_now is not None:
            out.append(Detection("why_now", why_now[0], *span, confidence=why_now[1]))
        return out, borderline

    @staticmethod
    def _labelled_objection(
        span: tuple[str, int, int], category: str, hits: Sequence[rules.CompetitorHit]
    ) -> Detection:
        rival = hits[0].name if category == "competitor" and hits else None
        return Detection("objection", category, *span, competitor=rival, confidence=1.0)

    def _refine(
        self,
        borderline: list[tuple[_Sentence, Detection]],
        result: dict[int, list[Detection]],
        utterances: Sequence[UtteranceLike],
    ) -> None:
        """Let the optional classifier keep, recategorise or drop borderline objections; where
        it has no verdict (or fails) the model's own score decides."""
        if not borderline or self.classifier is None:
            return
        try:
            verdicts = self.classifier.classify(
                [s.scored for s, _ in borderline], self.categories, names=_speakers(utterances)
            )
        except LLMError as exc:
            log.warning("objection classifier failed, keeping the model's decisions: %s", exc)
            verdicts = [UNDECIDED] * len(borderline)
        for (sentence, detection), category in zip(borderline, verdicts, strict=True):
            if category == UNDECIDED:
                if detection.confidence >= self._threshold_for(sentence.role):
                    result[sentence.utterance_id].append(detection)
            elif category is not None:
                kept = dataclasses.replace(
                    detection,
                    category=category,
                    confidence=max(detection.confidence, self.threshold),
                )
                result[sentence.utterance_id].append(kept)


@dataclass(frozen=True)
class _Text:
    id: int
    role: str
    text: str


_RIVAL_RELATIONS = ("current", "evaluated")
_KIND_ORDER: dict[str, int] = {"objection": 0, "question": 1, "competitor": 2, "why_now": 3}
_QUESTION_TOPIC_MIN = 0.4
_MIN_WORDS = 3
_SEED_MATCH = 0.75


def _speakers(utterances: Sequence[UtteranceLike]) -> list[str]:
    """Speaker names in these utterances (ORM rows have them), for redaction."""
    return sorted({str(name) for u in utterances if (name := getattr(u, "speaker", None))})


def _with_context(utterances: Sequence[UtteranceLike]) -> list[tuple[UtteranceLike, str]]:
    """Each utterance with the rep's last turn before it in the same call ("" when none)."""
    out: list[tuple[UtteranceLike, str]] = []
    last_rep, call = "", None
    for utterance in utterances:
        this_call = getattr(utterance, "call_id", None)
        if this_call != call:
            last_rep, call = "", this_call
        out.append((utterance, last_rep))
        if utterance.role == "rep":
            last_rep = context_text(utterance.text)
    return out


_WHY_NOW_SIM = 0.65


def _why_now(sentence: str, sims: dict[str, float]) -> tuple[str, float] | None:
    """Why-now category from cue rules (similarity breaks ties), or similarity alone when high."""
    cues = rules.why_now_cues(sentence)
    if len(sentence.split()) < _MIN_WORDS:
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


DetectorFactory = Callable[[Settings, Embedder], Detector]
DETECTORS: dict[str, DetectorFactory] = {"rules": RuleEmbeddingDetector.from_settings}


def create_detector(settings: Settings, embedder: Embedder, name: str = "rules") -> Detector:
    """The detector registered under ``name`` (``rules`` by default)."""
    try:
        factory = DETECTORS[name]
    except KeyError:
        raise BadInput(f"unknown detector {name!r}; choose from {sorted(DETECTORS)}") from None
    return factory(settings, embedder)
