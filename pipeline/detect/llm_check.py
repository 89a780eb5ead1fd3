"""The optional LLM check on borderline objection sentences (``CALLMINE_LLM_DETECT``): one small
request per sentence, answered with one of the categories or ``not_objection``.

Transcript text is untrusted here as in generation: every sentence, turn and context is redacted
and goes inside the quoted ``CALL_DATA`` block the system prompt tells the model never to obey;
the reply is held to a fixed list by the schema, so an injected instruction cannot widen it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel, Field

from pipeline.config import Settings
from pipeline.detect.classify import UNDECIDED, SentenceInput
from pipeline.errors import MalformedReply
from pipeline.llm import LLMClient
from pipeline.redact import Redactor
from pipeline.templating import render_prompt

log = logging.getLogger(__name__)
NOT_OBJECTION = "not_objection"


class ObjectionVerdict(BaseModel):
    category: str = Field(max_length=40)


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
