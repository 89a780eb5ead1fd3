"""Optional LLM stages of the insights pipeline: a second opinion on borderline objections, and
cluster names written by a model. Both are off unless ``CALLMINE_LLM_DETECT`` /
``CALLMINE_LLM_LABELS`` are set with an LLM configured, and both fall back to the built-in
answer (the objection model's score, the phrase-based name) when the server fails.

Transcript text is untrusted here as in generation: every sentence, turn and quote is redacted
(emails, phones, cards, speaker names) and goes inside the quoted ``CALL_DATA`` block the
system prompt tells the model never to obey; the reply is constrained to a schema (a category
from a fixed list, a short name) so an injected instruction cannot widen what comes back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel, Field

from pipeline.config import Settings
from pipeline.detect import UNDECIDED
from pipeline.errors import MalformedReply
from pipeline.llm import LLMClient
from pipeline.objection_model import SentenceInput
from pipeline.redact import Redactor
from pipeline.templating import render_prompt

log = logging.getLogger(__name__)
NOT_OBJECTION = "not_objection"
LABEL_QUOTES = 6  # the most central quotes a model sees when naming a cluster
MAX_NAME_WORDS = 8


class ObjectionVerdict(BaseModel):
    category: str = Field(max_length=40)


class ClusterName(BaseModel):
    name: str = Field(max_length=60)


def classify_messages(
    sentence: SentenceInput, labels: Mapping[str, str], redactor: Redactor
) -> list[dict[str, str]]:
    """System rules with the categories, then the redacted sentence in the data block."""
    return [
        {"role": "system", "content": render_prompt("classify_objection.j2", categories=labels)},
        {
            "role": "user",
            "content": render_prompt(
                "classify_objection_data.j2",
                sentence=redactor.redact(sentence.text),
                turn=redactor.redact(sentence.turn or sentence.text),
                context=redactor.redact(sentence.context),
            ),
        },
    ]


class LLMObjectionClassifier:
    """``ObjectionClassifier`` through the shared ``LLMClient``: one small request per sentence,
    up to ``concurrency`` at a time (the first alone, so ``auto`` settles the output mode once).

    A reply that stays malformed leaves that sentence undecided; a server that is down or
    refuses raises ``LLMError`` (the detector then keeps its own decisions for the batch).
    """

    def __init__(
        self,
        client: LLMClient,
        labels: Mapping[str, str],
        *,
        redact: bool = True,
        concurrency: int = 1,
    ):
        self.client = client
        self.labels = dict(labels)
        self.redact = redact
        self.concurrency = max(1, concurrency)

    def classify(
        self,
        sentences: Sequence[SentenceInput],
        categories: Sequence[str],
        *,
        names: Sequence[str] = (),
    ) -> list[str | None]:
        labels = {c: self.labels.get(c, c.replace("_", " ")) for c in categories}
        redactor = Redactor(names, enabled=self.redact)

        def ask(sentence: SentenceInput) -> str | None:
            messages = classify_messages(sentence, labels, redactor)
            try:
                verdict, _ = self.client.complete(
                    messages, ObjectionVerdict, choices={"category": [*labels, NOT_OBJECTION]}
                )
            except MalformedReply as exc:
                log.warning("LLM gave no usable verdict for a sentence: %s", exc)
                return UNDECIDED
            return None if verdict.category == NOT_OBJECTION else verdict.category

        if not sentences:
            return []
        first = ask(sentences[0])
        if self.concurrency == 1 or len(sentences) == 1:
            return [first, *(ask(s) for s in sentences[1:])]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return [first, *pool.map(ask, sentences[1:])]

    def close(self) -> None:
        self.client.close()


def label_messages(
    keywords: Sequence[str], quotes: Sequence[str], redactor: Redactor
) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render_prompt("cluster_label.j2")},
        {
            "role": "user",
            "content": render_prompt(
                "cluster_label_data.j2",
                keywords=list(keywords),
                quotes=[redactor.redact(q) for q in quotes[:LABEL_QUOTES]],
            ),
        },
    ]


def clean_name(text: str) -> str:
    """A model's name made safe to show: one line, no wrapping quotes or end stop, few words.

    Empty (so the built-in name stays) when it does not read as a name: fewer than two words,
    all capitals or identifiers ("CALK_AFFIR": small models echo the prompt's data markers).
    """
    text = re.sub(r"<[^>]*>", " ", text)  # markup tags go whole, not as "b"
    words = re.sub(r"[\"“”`*#<>\[\]{}]", " ", text).split()[:MAX_NAME_WORDS]
    name = " ".join(words).strip(" '.,;:!-")
    if len(name.split()) < 2 or "_" in name or not re.search(r"[a-z]", name):
        return ""
    return name[:1].upper() + name[1:]


class LLMClusterLabeler:
    """``ClusterLabeler`` through the shared ``LLMClient``; raises ``LLMError`` on failure."""

    def __init__(self, client: LLMClient, *, redact: bool = True, names: Sequence[str] = ()):
        self.client = client
        self.redactor = Redactor(names, enabled=redact)

    def label(self, keywords: Sequence[str], quotes: Sequence[str]) -> str:
        reply, _ = self.client.complete(
            label_messages(keywords, quotes, self.redactor), ClusterName
        )
        return clean_name(reply.name)

    def close(self) -> None:
        self.client.close()


def objection_classifier(
    settings: Settings, labels: Mapping[str, str]
) -> LLMObjectionClassifier | None:
    """The LLM second opinion when ``llm_detect`` is on and an LLM is configured."""
    if not (settings.llm_detect and settings.llm_configured):
        return None
    return LLMObjectionClassifier(
        LLMClient(settings),
        labels,
        redact=settings.redact_pii,
        concurrency=settings.llm_concurrency,
    )


def cluster_labeler(settings: Settings, names: Sequence[str] = ()) -> LLMClusterLabeler | None:
    """LLM cluster names when ``llm_labels`` is on and an LLM is configured."""
    if not (settings.llm_labels and settings.llm_configured):
        return None
    return LLMClusterLabeler(LLMClient(settings), redact=settings.redact_pii, names=names)
