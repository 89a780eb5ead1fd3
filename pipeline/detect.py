"""Detect stage: objections, questions, competitor mentions and why-now triggers in buyer lines.

The default ``RuleEmbeddingDetector`` needs no training data and no LLM: cue rules per sentence
plus embedding similarity to example phrasings kept in ``data/objection_seeds.toml`` (which a user
extends with ``<data_dir>/objection_seeds.toml``). An LLM can refine borderline sentences through
the ``ObjectionClassifier`` seam, or replace the detector through the ``DETECTORS`` registry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from pipeline import detect_rules as rules
from pipeline.config import Settings
from pipeline.embed import Embedder, Vectors
from pipeline.errors import BadInput
from pipeline.utterances import split_sentences

DetectionKind = Literal["objection", "question", "competitor", "why_now"]
OBJECTION_CATEGORIES = (
    "price",
    "contract",
    "switching",
    "setup_time",
    "integrations",
    "security",
    "adoption",
    "authority_timing",
    "status_quo",
    "competitor",
)
WHY_NOW_CATEGORIES = ("deadline", "cost", "risk", "event")
SEEDS_FILENAME = "objection_seeds.toml"
DETECTED_ROLES = ("buyer", "unknown", "rep_note")


@dataclass(frozen=True)
class Detection:
    """One detected unit inside an utterance; ``text == utterance.text[char_start:char_end]``."""

    kind: DetectionKind
    category: str | None
    text: str
    char_start: int
    char_end: int
    competitor: str | None = None
    confidence: float = 1.0


class UtteranceLike(Protocol):
    """Anything with an id, a speaker role and a text (ORM rows, parsed utterances, tuples)."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def text(self) -> str: ...


class Detector(Protocol):
    """A detect stage: every implementation returns detections keyed by utterance id."""

    name: str

    def detect(
        self, text: str, *, role: str = "buyer", competitors: Sequence[str] = ()
    ) -> list[Detection]: ...

    def detect_utterances(
        self, utterances: Sequence[UtteranceLike], *, competitors: Sequence[str] = ()
    ) -> dict[int, list[Detection]]: ...


class ObjectionClassifier(Protocol):
    """Optional second opinion (e.g. an LLM) on borderline sentences: a category or None."""

    def classify(self, sentences: Sequence[str], categories: Sequence[str]) -> list[str | None]: ...


# --- seeds -------------------------------------------------------------------------------------


@dataclass
class SeedSet:
    """Example phrasings: objections per category, non-objections, why-now triggers per category."""

    objection: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    not_objection: list[str] = field(default_factory=list)
    why_now: dict[str, list[str]] = field(default_factory=dict)

    def merge(self, other: SeedSet) -> SeedSet:
        """Examples of both sets (no duplicates); ``other`` wins on labels."""
        return SeedSet(
            objection=_merge_groups(self.objection, other.objection),
            labels={**self.labels, **other.labels},
            not_objection=_unique([*self.not_objection, *other.not_objection]),
            why_now=_merge_groups(self.why_now, other.why_now),
        )


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in items if s.strip()))


def _merge_groups(
    first: dict[str, list[str]], second: dict[str, list[str]]
) -> dict[str, list[str]]:
    merged = {name: list(examples) for name, examples in first.items()}
    for name, examples in second.items():
        merged[name] = _unique([*merged.get(name, []), *examples])
    return merged


def _examples(table: object, where: str, filename: str) -> list[str]:
    examples = table.get("examples", []) if isinstance(table, dict) else None
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise BadInput(f"{where}.examples must be a list of strings", filename=filename)
    return _unique(examples)


def parse_seeds(text: str, *, filename: str = SEEDS_FILENAME) -> SeedSet:
    """Read a seed file; a malformed one is a ``BadInput`` naming the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"invalid TOML: {exc}", filename=filename) from exc
    seeds = SeedSet()
    for section in ("objection", "why_now"):
        groups = data.get(section, {})
        if not isinstance(groups, dict):
            raise BadInput(f"[{section}] must be a table of categories", filename=filename)
        for name, table in groups.items():
            getattr(seeds, section)[name] = _examples(table, f"{section}.{name}", filename)
            if section == "objection" and isinstance(table.get("label"), str):
                seeds.labels[name] = table["label"]
    if "not_objection" in data:
        seeds.not_objection = _examples(data["not_objection"], "not_objection", filename)
    return seeds


def load_seeds(data_dir: Path | None = None) -> SeedSet:
    """Built-in seeds, extended by ``<data_dir>/objection_seeds.toml`` when that file exists."""
    builtin = resources.files("pipeline").joinpath("data", SEEDS_FILENAME).read_text("utf-8")
    seeds = parse_seeds(builtin)
    user_file = data_dir / SEEDS_FILENAME if data_dir is not None else None
    if user_file is not None and user_file.is_file():
        seeds = seeds.merge(parse_seeds(user_file.read_text("utf-8"), filename=str(user_file)))
    return seeds


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
        threshold: float = 0.45,
        unknown_role_margin: float = 0.1,
        classifier: ObjectionClassifier | None = None,
        classifier_band: float = 0.08,
        splitter: SentenceSplitter | None = None,
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
        self._seed_matrix: _SeedMatrix | None = None

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> RuleEmbeddingDetector:
        return cls(embedder, seeds=load_seeds(settings.data_dir), competitors=settings.competitors)

    @property
    def categories(self) -> list[str]:
        return list(self.seeds.objection)

    def _seed_vectors(self) -> _SeedMatrix:
        if self._seed_matrix is None:
            texts: list[str] = []
            groups: dict[str, tuple[int, int]] = {}
            named = [
                *((f"objection:{n}", ex) for n, ex in self.seeds.objection.items()),
                ("not_objection", self.seeds.not_objection),
                *((f"why_now:{n}", ex) for n, ex in self.seeds.why_now.items()),
            ]
            for group, examples in named:
                if examples:
                    groups[group] = (len(texts), len(texts) + len(examples))
                    texts.extend(examples)
            self._seed_matrix = _SeedMatrix(self.embedder.encode(texts), groups)
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
        """Detections per utterance id; rep lines skipped; all sentences embedded in one batch."""
        sentences = [
            _Sentence(u.id, u.role, start, end, sentence)
            for u in utterances
            if u.role in DETECTED_ROLES
            for start, end, sentence in self.splitter(u.text)
        ]
        result: dict[int, list[Detection]] = {u.id: [] for u in utterances}
        if not sentences:
            return result
        seeds = self._seed_vectors()
        sims = self.embedder.encode([s.text for s in sentences]) @ seeds.vectors.T
        objection_sims = seeds.best(sims, [f"objection:{n}" for n in self.seeds.objection])
        why_now_sims = seeds.best(sims, [f"why_now:{n}" for n in self.seeds.why_now])
        small_talk = seeds.best(sims, ["not_objection"]).get("not_objection")
        known = [*self.competitors, *competitors]
        borderline: list[tuple[int, Detection]] = []
        for row, sentence in enumerate(sentences):
            detections, maybe = self._classify_sentence(
                sentence,
                {name.split(":", 1)[1]: float(v[row]) for name, v in objection_sims.items()},
                {name.split(":", 1)[1]: float(v[row]) for name, v in why_now_sims.items()},
                float(small_talk[row]) if small_talk is not None else 0.0,
                known,
            )
            result[sentence.utterance_id].extend(detections)
            if maybe is not None:
                borderline.append((sentence.utterance_id, maybe))
        self._refine(borderline, result)
        for items in result.values():
            items.sort(key=lambda d: (d.char_start, _KIND_ORDER[d.kind], d.category or ""))
        return result

    def _classify_sentence(
        self,
        sentence: _Sentence,
        objection_sims: dict[str, float],
        why_now_sims: dict[str, float],
        small_talk_sim: float,
        known: Sequence[str],
    ) -> tuple[list[Detection], Detection | None]:
        """All detections of one sentence, plus a borderline objection for the classifier."""
        span = (sentence.text, sentence.start, sentence.end)
        hits = rules.find_competitors(sentence.text, known, ignore=self.ignore_names)
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
        current = sum(h.relation == "current" for h in hits)
        cues = rules.cue_scores(sentence.text, {"competitor": current} if current else None)
        category, confidence = _objection_score(cues, objection_sims, small_talk_sim)
        question = rules.is_question(sentence.text)
        if question:
            topic = (
                category if objection_sims.get(category or "", 0.0) >= _QUESTION_TOPIC_MIN else None
            )
            out.append(Detection("question", topic, *span, confidence=0.9))
        threshold = self.threshold
        if sentence.role != "buyer":
            threshold += self.unknown_role_margin
        if question and cues.concern < _STRONG_CONCERN:
            threshold += _QUESTION_MARGIN
        if cues.concern == 0.0 and objection_sims.get(category or "", 0.0) < _HIGH_SIM:
            threshold += _NO_CONCERN_MARGIN
        if len(sentence.text.split()) < _MIN_WORDS:
            category = None
        objection = None
        if category is not None:
            rival = hits[0].name if hits and category == "competitor" else None
            objection = Detection(
                "objection", category, *span, competitor=rival, confidence=round(confidence, 3)
            )
        borderline = None
        if objection is not None and self.classifier is not None:
            if abs(confidence - threshold) <= self.classifier_band:
                borderline, objection = objection, None
        if objection is not None and confidence >= threshold:
            out.append(objection)
        elif rivals := [h for h in hits if h.relation in _RIVAL_RELATIONS and h.known]:
            # A buyer who uses or is weighing a named rival is a competitor objection.
            out.append(
                Detection("objection", "competitor", *span, competitor=rivals[0].name,
                          confidence=round(max(confidence, threshold), 3))
            )  # fmt: skip
        why_now = _why_now(sentence.text, why_now_sims)
        if why_now is not None:
            out.append(Detection("why_now", why_now[0], *span, confidence=why_now[1]))
        return out, borderline

    def _refine(
        self, borderline: list[tuple[int, Detection]], result: dict[int, list[Detection]]
    ) -> None:
        """Let the optional classifier keep, recategorise or drop borderline objections."""
        if not borderline or self.classifier is None:
            return
        verdicts = self.classifier.classify([d.text for _, d in borderline], self.categories)
        for (utterance_id, detection), category in zip(borderline, verdicts, strict=True):
            if category is not None:
                kept = Detection(
                    "objection",
                    category,
                    detection.text,
                    detection.char_start,
                    detection.char_end,
                    detection.competitor,
                    max(detection.confidence, self.threshold),
                )
                result[utterance_id].append(kept)


@dataclass(frozen=True)
class _Text:
    id: int
    role: str
    text: str


_RIVAL_RELATIONS = ("current", "evaluated")
_KIND_ORDER: dict[str, int] = {"objection": 0, "question": 1, "competitor": 2, "why_now": 3}
_QUESTION_TOPIC_MIN = 0.4
_QUESTION_MARGIN = 0.15
_NO_CONCERN_MARGIN = 0.15
_HIGH_SIM = 0.65  # this close to a seed, no hesitation word is needed
_MIN_WORDS = 3
_STRONG_CONCERN = 0.6
# Weights of the objection score: similarity to the closest seed category, hesitation language,
# a topic cue for that category; penalties when small talk is closer than any objection seed
# and for praise without any concern.
_W_SIM = 0.6
_W_CONCERN = 0.3
# Hesitation with no topic cue and no close seed is often a pain, not an objection.
_W_CONCERN_OFF_TOPIC = 0.26
_TOPIC_SIM = 0.5
_W_CUE = 0.1
_W_SMALL_TALK = 1.0
_W_PRAISE = 0.15
_CUE_BONUS = 0.08


def _objection_score(
    cues: rules.CueScores, sims: dict[str, float], small_talk_sim: float
) -> tuple[str | None, float]:
    """Most likely objection category and a 0..1 confidence for one sentence."""
    if not sims:
        return None, 0.0
    ranked = {n: s + _CUE_BONUS * min(cues.categories.get(n, 0), 2) for n, s in sims.items()}
    category = max(ranked, key=lambda n: (ranked[n], n))
    sim = sims[category]
    on_topic = cues.categories.get(category, 0) > 0 or sim >= _TOPIC_SIM
    score = (
        _W_SIM * sim
        + (_W_CONCERN if on_topic else _W_CONCERN_OFF_TOPIC) * cues.concern
        + _W_CUE * min(cues.categories.get(category, 0), 1)
        - _W_SMALL_TALK * max(0.0, small_talk_sim - sim)
        - (_W_PRAISE if cues.positive and cues.concern < _STRONG_CONCERN else 0.0)
    )
    return category, float(np.clip(score, 0.0, 1.0))


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
