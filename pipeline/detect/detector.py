"""Detect stage: one kind per buyer sentence (objection, pain, question, current set-up, other)
with an objection category and a calibrated confidence, plus competitor and why-now tags.

The default ``RuleEmbeddingDetector`` needs no training data from the user and no LLM: the kind
model (``train.py``/``model.py``) reads each sentence's vector, its turn, the rep's turns around
it, the cue rules and the seed phrasings. A user's verdicts are followed where they were said and
re-fit the model (``<data_dir>/objection_labels.csv``). An LLM can check the sentences the model
is not sure are small talk (``KindChecker``, ``llm_check.py``) or replace it (``DETECTORS``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pipeline.brand_names import brand_forms
from pipeline.config import DEFAULT_OBJECTION_THRESHOLD, Settings
from pipeline.detect import rules
from pipeline.detect.answer_reach import answers_pull
from pipeline.detect.asides import reacts_before_saying_more
from pipeline.detect.classify import (
    DETECTED_ROLES,
    KINDS,
    BuyerSentence,
    Detection,
    KindChecker,
    SentenceInput,
    UtteranceLike,
    speaker_names,
)
from pipeline.detect.competitors import (
    GUESSED_RIVAL_CONFIDENCE,
    KNOWN_RIVAL_CONFIDENCE,
    CompetitorHit,
)
from pipeline.detect.conditions import sets_a_condition_on_us
from pipeline.detect.deal_news import is_deal_news
from pipeline.detect.deferrals import defers_the_decision
from pipeline.detect.features import RuleEvidence, feature_matrix, rule_evidence, why_now_tag
from pipeline.detect.fit_state import operating_threshold
from pipeline.detect.labels import sentence_key, user_labelled, user_verdicts
from pipeline.detect.llm_check import checked_kinds, kind_checker
from pipeline.detect.loss_reasons import SURE as LOSS_REASON_SURE
from pipeline.detect.loss_reasons import LossReason
from pipeline.detect.losses_in_order import loss_reasons_in_order
from pipeline.detect.model import KindModel, KindScore
from pipeline.detect.neighbours import Answered, answered_of
from pipeline.detect.next_steps import notes_a_next_step
from pipeline.detect.note_records import records_the_deal
from pipeline.detect.quote_leads import quote_leads
from pipeline.detect.real_worry import worry_named_instead
from pipeline.detect.retorts import answered_back
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.detect.seller_voice import seller_sentences
from pipeline.detect.sentences import answered_turns, call_texts, split_sentences, surroundings
from pipeline.detect.side_remarks import side_remarks
from pipeline.detect.train import (
    group_similarities,
    load_or_train,
    seed_groups,
    seed_vectors,
    similarities_by_row,
)
from pipeline.detect.verdict import sentence_verdict, with_category_margin
from pipeline.embed import Embedder, Vectors
from pipeline.redact import Redactor
from pipeline.rival_names import RivalNames

log = logging.getLogger(__name__)

RULED_OTHER_SURE = 0.99  # an acknowledgement, a bare label or the rep's own doing in a note


SentenceSplitter = Callable[[str], list[tuple[int, int, str]]]


class RuleEmbeddingDetector:
    """The kind model over embeddings and cue rules; follows a user's verdicts exactly."""

    name = "rules"

    def __init__(
        self,
        embedder: Embedder,
        *,
        seeds: SeedSet | None = None,
        competitors: Sequence[str] = (),
        ignore_names: Sequence[str] = (),
        model: KindModel | None = None,
        threshold: float = DEFAULT_OBJECTION_THRESHOLD,
        unknown_role_margin: float = 0.1,
        checker: KindChecker | None = None,
        splitter: SentenceSplitter | None = None,
        verdicts: Mapping[tuple[str, str], tuple[str, str]] | None = None,
        rival_names: RivalNames | None = None,
        base_model: KindModel | None = None,  # fitted without the answers: bounds their reach
    ) -> None:
        self.embedder = embedder
        self.seeds = seeds if seeds is not None else load_seeds()
        self.competitors = list(competitors)
        self.rival_names = rival_names or RivalNames.of({}, competitors)
        self.ignore_names = list(ignore_names)
        self.threshold = threshold
        self.unknown_role_margin = unknown_role_margin
        self.checker = checker
        self.splitter = splitter or split_sentences
        self.verdicts = dict(verdicts or {})
        self._seed_vectors: dict[str, Vectors] | None = None
        self._answered: Answered | None = None  # the verdicts' sentences, embedded when needed
        self._model = model
        self.base_model = base_model

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> RuleEmbeddingDetector:
        seeds = load_seeds(settings.data_dir)
        users = user_labelled(settings.data_dir)
        model = load_or_train(embedder, seeds, users, settings.data_dir / "models")
        base = load_or_train(embedder, seeds, (), settings.data_dir / "models") if users else None
        return cls(
            embedder,
            seeds=seeds,
            competitors=settings.competitors,
            model=model,
            threshold=operating_threshold(settings),
            checker=kind_checker(settings, seeds.labels),
            verdicts=user_verdicts(users),
            rival_names=settings.rival_names,
            ignore_names=sorted(brand_forms([settings.our_company or ""])),
            base_model=base,
        )

    @property
    def model(self) -> KindModel:
        """The kind model given, else the one fitted on these seeds and the built-in labels
        (the shipped weights when the seeds are the built-in ones)."""
        if self._model is None:
            self._model = load_or_train(self.embedder, self.seeds, (), None)
        return self._model

    @property
    def categories(self) -> list[str]:
        return list(self.seeds.objection)

    def seed_vectors(self) -> dict[str, Vectors]:
        """Every seed phrasing's vector; those the model kept are not embedded again."""
        if self._seed_vectors is None:
            known = self.model.vectors_for(self.embedder.name)
            self._seed_vectors = seed_vectors(self.seeds, self.embedder, known)
        return self._seed_vectors

    def detect(
        self,
        text: str,
        *,
        role: str = "buyer",
        competitors: Sequence[str] = (),
        ours: Sequence[str] = (),
    ) -> list[Detection]:
        """Detections in one utterance text spoken by ``role`` (no rep turns around it)."""
        found = self.detect_utterances([_Text(0, role, text)], competitors=competitors, ours=ours)
        return found.get(0, [])

    def sentences(
        self,
        utterances: Sequence[UtteranceLike],
        competitors: Sequence[str] = (),
        ours: Sequence[str] = (),
        elsewhere: Sequence[str] = (),
        work: Sequence[str] = (),
    ) -> list[BuyerSentence]:
        """The buyer sentences of ``utterances`` (whole calls, in order) where they were said;
        ``ours``: names of our company and product, never taken for a rival; ``elsewhere``:
        rivals other calls' records list, found here too (a CRM note has no record); ``work``:
        what our product does, a guessed name kept for other work being no rival."""
        listed = self.rival_names.spellings([*self.competitors, *competitors])
        known = self.rival_names.spellings([*listed, *elsewhere])
        mine = tuple(dict.fromkeys([*self.ignore_names, *ours]))
        out: list[BuyerSentence] = []
        calls = call_texts(utterances)
        doing = tuple(work)
        split = [self.splitter(u.text) if u.role in DETECTED_ROLES else [] for u in utterances]
        leads = quote_leads(utterances)  # a quote ending its note's sentence: read whole
        sellers = seller_sentences(
            [(getattr(u, "call_id", None), u.role, [s[2] for s in spans])
             for u, spans in zip(utterances, split, strict=True)],
            mine,
        )  # fmt: skip
        answered = answered_turns(utterances)
        for turn, ((utterance, context, reply, position), call) in enumerate(
            zip(surroundings(utterances), calls, strict=True)
        ):
            if utterance.role not in DETECTED_ROLES or turn in leads.lead_ins:
                continue
            spans = split[turn]
            for index, (start, end, text) in enumerate(spans):
                if (turn, index) in sellers and self._unlabelled(text, context):
                    continue  # an unknown speaker's offer, answer or discovery question: the rep's
                noted = getattr(utterance, "note_kind", None)  # the rep's label in a note
                topic = getattr(utterance, "note_category", None)  # "Price objection:"
                scored = SentenceInput(leads.read_as(turn, index, text), utterance.text, context,
                                       known, reply, position, index, len(spans), listed, noted,
                                       topic, answered[turn])  # fmt: skip
                out.append(
                    BuyerSentence(
                        utterance.id, utterance.role, start, end, text, scored, mine, call, doing
                    )
                )
        return out

    def _unlabelled(self, text: str, context: str) -> bool:
        """Whether no user said what the sentence is (a verdict keeps a seller's line)."""
        return self.verdicts.get(sentence_key(text, context)) is None

    def score(
        self, sentences: Sequence[BuyerSentence]
    ) -> tuple[list[KindScore], Vectors, list[RuleEvidence]]:
        """The model's scores for ``sentences`` (no verdicts, no LLM; near an answered sentence,
        pulled toward its answer: ``neighbours.py``), their vectors and the cue rules' evidence."""
        vectors = self.embedder.encode([s.scored.text for s in sentences])
        evidence = [
            rule_evidence(s.scored, ignore=s.ours, call=s.call, work=s.work) for s in sentences
        ]
        if not sentences:
            return [], vectors, evidence
        model = self.model
        seeds = self.seed_vectors()
        groups = seed_groups(self.seeds, seeds, int(vectors.shape[1]))
        features = feature_matrix(
            self.embedder,
            [s.scored for s in sentences],
            model.categories,
            groups,
            vectors,
            evidence,
        )
        thresholds = [self._threshold_for(s.role) for s in sentences]
        direct = [rules.is_direct_question(s.text) for s in sentences]
        if self._answered is None:
            self._answered = answered_of(self.embedder, self.verdicts)
        pull = answers_pull(self._answered, self.base_model, features, vectors)
        return model.predict(features, thresholds, direct, pull=pull), vectors, evidence

    def detect_utterances(
        self,
        utterances: Sequence[UtteranceLike],
        *,
        competitors: Sequence[str] = (),
        redactor: Redactor | None = None,
        ours: Sequence[str] = (),
        elsewhere: Sequence[str] = (),
        work: Sequence[str] = (),
    ) -> dict[int, list[Detection]]:
        """Detections per utterance id, rep lines skipped (context): pass a call's turns in
        order. ``redactor`` hides people from the LLM check (without one, the speakers);
        ``ours``: our company's and product's names, never a rival; ``elsewhere``: rivals other
        calls' records list (``competitors``: this call's); ``work``: what our product does
        (the profile's pitch and features)."""
        result: dict[int, list[Detection]] = {u.id: [] for u in utterances}
        sentences = self.sentences(utterances, competitors, ours, elsewhere, work)
        if not sentences:
            return result
        scores, vectors, evidence = self.score(sentences)
        seeds = self.seed_vectors()
        sims = group_similarities(self.seeds, seeds, vectors)
        lost = loss_reasons_in_order(sentences, scores, evidence)
        objection_sims = similarities_by_row(sims, "objection:", len(sentences))
        why_now_sims = similarities_by_row(sims, "why_now:", len(sentences))
        kinds = [
            self._kind_detection(
                sentence, scores[row], objection_sims[row], evidence[row], lost[row]
            )
            for row, sentence in enumerate(sentences)
        ]
        placed = [(s.utterance_id, s.scored) for s in sentences]
        kinds = side_remarks(utterances, placed, kinds, scores)  # "Maybe.", "They won't, Frank"
        kinds = answered_back(utterances, placed, kinds, scores)  # "Barely!" to a colleague
        kinds = checked_kinds(
            self.checker,
            [s.scored for s in sentences],
            kinds,
            self.categories,
            redactor or Redactor(speaker_names(utterances)),
        )
        if self._answered is not None:  # a category answer reaches its near twins
            kinds = self._answered.with_categories(vectors, kinds)
        for row, sentence in enumerate(sentences):
            found = result[sentence.utterance_id]
            found.append(with_category_margin(kinds[row], scores[row]))
            found.extend(self._tags(sentence, evidence[row], why_now_sims[row]))
        for items in result.values():
            items.sort(key=lambda d: (d.char_start, _KIND_ORDER[d.kind], d.category or ""))
        return result

    def _named(self, sentence: BuyerSentence, name: str) -> str:
        """The competitor's one name for the one a sentence used ("HCP": Housecall Pro)."""
        return self.rival_names.canonical(name, sentence.scored.competitors)

    def _rival(self, sentence: BuyerSentence, evidence: RuleEvidence) -> str | None:
        return self._named(sentence, evidence.hits[0].name) if evidence.hits else None

    def _threshold_for(self, role: str) -> float:
        """Unknown speakers need a higher score: they may be the rep."""
        return self.threshold + (self.unknown_role_margin if role != "buyer" else 0.0)

    def _kind_detection(
        self,
        sentence: BuyerSentence,
        score: KindScore,
        objection_sims: dict[str, float],
        evidence: RuleEvidence,
        lost: LossReason | None,
    ) -> Detection:
        span = (sentence.text, sentence.start, sentence.end)
        verdict = self.verdicts.get(sentence_key(sentence.text, sentence.scored.context))
        if verdict is not None:  # the user said what this sentence is: no model, no LLM
            said, topic = verdict
            return Detection(
                said,  # type: ignore[arg-type]
                topic or None,
                *span,
                competitor=self._rival(sentence, evidence) if topic == "competitor" else None,
                confidence=1.0,
                objection_probability=float(said == "objection"),
                source="user",
            )
        if lost is not None:  # "we've gone with X", "Lost. Reason: price", "Lost to X.", "It came
            # down to price" after "the board picked X"
            return Detection(
                "objection",
                lost.category,
                *span,
                competitor=lost.rival and self._named(sentence, lost.rival),
                confidence=LOSS_REASON_SURE,
                objection_probability=LOSS_REASON_SURE,
            )
        if (
            rules.ruled_other(sentence.text, sentence.role)
            or reacts_before_saying_more(sentence.scored)  # "Hmm. Budget is frozen until April."
            or (
                sentence.role == "rep_note"
                and (notes_a_next_step(sentence.text) or records_the_deal(sentence.scored))
            )  # "f/u Tues w/ pricing", "Competitors: X (current)", "Yes, block bookings."
            or is_deal_news(
                sentence.text, sentence.role, sentence.ours, sentence.scored.competitors
            )
        ) and not (
            sets_a_condition_on_us(sentence.text)  # "The minute you have SSO we'll sign."
            or worry_named_instead(sentence.text)  # "X doesn't bother me, it's the total."
            or defers_the_decision(sentence.text)  # "We'll pick it up again after the season."
        ):
            return Detection(
                "other", None, *span, confidence=RULED_OTHER_SURE, objection_probability=0.0
            )
        decided = sentence_verdict(
            sentence.scored, sentence.role, score, objection_sims, evidence.hits, sentence.ours
        )
        return Detection(
            decided.kind,
            decided.category,
            *span,
            competitor=decided.competitor and self._named(sentence, decided.competitor),
            confidence=decided.confidence,
            objection_probability=decided.objection_probability,
        )

    def _tags(
        self, sentence: BuyerSentence, evidence: RuleEvidence, why_now_sims: dict[str, float]
    ) -> list[Detection]:
        span = (sentence.text, sentence.start, sentence.end)
        if rules.not_a_statement(sentence.text):
            return []
        named: dict[str, CompetitorHit] = {}
        for hit in evidence.hits:  # "HCP, I mean Housecall Pro": one tag
            named.setdefault(self._named(sentence, hit.name), hit)
        out = [
            Detection(
                "competitor",
                h.relation,
                *span,
                competitor=name,
                confidence=KNOWN_RIVAL_CONFIDENCE if h.known else GUESSED_RIVAL_CONFIDENCE,
            )
            for name, h in named.items()
        ]
        why_now = why_now_tag(sentence.scored, why_now_sims)
        if why_now is not None:
            out.append(Detection("why_now", why_now[0], *span, confidence=why_now[1]))
        return out


@dataclass(frozen=True)
class _Text:
    id: int
    role: str
    text: str


_KIND_ORDER: dict[str, int] = dict.fromkeys(KINDS, 0) | {"competitor": 1, "why_now": 2}
