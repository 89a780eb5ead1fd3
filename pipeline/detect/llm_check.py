"""The LLM check on buyer sentences (``CALLMINE_LLM_DETECT``, on whenever an LLM is configured):
the sentences the kind model is not sure are small talk go to the LLM in batches, each with the
rep's turns around it, and come back as ``id, kind, category, confidence, reason``.

Transcript text is untrusted here as in generation: every sentence, turn and rep line is
redacted (by the calls' ``redactor_for``, as content is: a rival "Aurora" is no person) and
goes inside the quoted ``CALL_DATA`` block the system prompt tells the model never to obey;
kinds and categories are held to fixed lists by the schema and checked again here, so an
injected instruction cannot widen them. Verdicts are cached by the sentence and its context
(``<data_dir>/cache/llm_detect.json``), so re-analysing a call asks again only about what
changed; the requests per detector (one upload, one re-detect) are capped and logged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from pipeline.config import Settings
from pipeline.detect.classify import (
    KINDS,
    Detection,
    KindChecker,
    KindVerdict,
    SentenceInput,
)
from pipeline.detect.verdict import labelled_kind
from pipeline.errors import LLMError, MalformedReply
from pipeline.llm import LLMClient
from pipeline.redact import Redactor
from pipeline.store.files import locked, write_text_atomically
from pipeline.templating import PROMPTS_DIR, render_prompt, template_version

log = logging.getLogger(__name__)
CACHE_FILENAME = "llm_detect.json"
# The LLM checks every sentence the model gives less than this probability of being small talk.
OTHER_SURE = 0.8


class KindItem(BaseModel):
    id: int
    kind: Literal["objection", "pain", "question", "current_setup", "other"]
    category: str = Field(max_length=40)
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = Field(max_length=160)


class KindItems(BaseModel):
    verdicts: list[KindItem]


def detect_messages(
    sentences: Sequence[SentenceInput], labels: Mapping[str, str], redactor: Redactor
) -> list[dict[str, str]]:
    """System rules with the kinds and categories, then the redacted items in the data block."""
    items = [
        {
            "id": number,
            "sentence": redactor.redact(s.text),
            "turn": redactor.redact(s.turn or s.text),
            "context": redactor.redact(s.context),
            "reply": redactor.redact(s.reply),
        }
        for number, s in enumerate(sentences, start=1)
    ]
    return [
        {"role": "system", "content": render_prompt("detect.j2", categories=labels)},
        {"role": "user", "content": render_prompt("detect_data.j2", items=items)},
    ]


class VerdictCache:
    """Verdicts by sentence and context, in one JSON file in the data dir (``None``: memory)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory: dict[str, dict[str, object]] = {}
        if path is not None and path.is_file():
            try:
                self._memory = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                log.warning("ignoring an unreadable LLM detection cache at %s", path)

    @staticmethod
    def key(model: str, sentence: SentenceInput) -> str:
        version = template_version(PROMPTS_DIR, "detect.j2")
        parts = [model, version, sentence.text, sentence.turn, sentence.context, sentence.reply]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]

    def get(self, key: str) -> KindVerdict | None:
        entry = self._memory.get(key)
        if entry is None:
            return None
        return KindVerdict(
            kind=entry["kind"],  # type: ignore[arg-type]
            category=entry.get("category") or None,  # type: ignore[arg-type]
            confidence=float(entry["confidence"]),  # type: ignore[arg-type]
            reason=str(entry.get("reason", "")),
        )

    def put(self, entries: Mapping[str, KindVerdict]) -> None:
        new = {
            k: {"kind": v.kind, "category": v.category or "", "confidence": v.confidence,
                "reason": v.reason}
            for k, v in entries.items()
        }  # fmt: skip
        self._memory.update(new)
        if self.path is None or not new:
            return
        with locked(self.path):
            stored: dict[str, object] = {}
            if self.path.is_file():
                try:
                    stored = json.loads(self.path.read_text("utf-8"))
                except ValueError:
                    stored = {}
            stored.update(new)
            write_text_atomically(self.path, json.dumps(stored, ensure_ascii=False))


class LLMKindChecker:
    """``KindChecker`` through the shared ``LLMClient``: ``batch_size`` sentences a request, at
    most ``max_requests`` requests over this checker's life (then the model decides the rest)."""

    def __init__(
        self,
        client: LLMClient,
        labels: Mapping[str, str],
        *,
        cache: VerdictCache | None = None,
        redact: bool = True,
        batch_size: int = 8,
        max_requests: int = 50,
    ):
        self.client = client
        self.labels = dict(labels)
        self.cache = cache or VerdictCache(None)
        self.redact = redact
        self.batch_size = max(1, batch_size)
        self.max_requests = max_requests
        self.requests = 0

    def check(
        self, sentences: Sequence[SentenceInput], categories: Sequence[str], *, redactor: Redactor
    ) -> list[KindVerdict | None]:
        labels = {c: self.labels.get(c, c.replace("_", " ")) for c in categories}
        if not self.redact:
            redactor = Redactor(enabled=False)
        keys = [self.cache.key(self.client.model, s) for s in sentences]
        out: list[KindVerdict | None] = [self.cache.get(k) for k in keys]
        todo = [i for i, verdict in enumerate(out) if verdict is None]
        cached, asked, skipped = len(sentences) - len(todo), 0, 0
        for start in range(0, len(todo), self.batch_size):
            rows = todo[start : start + self.batch_size]
            if self.requests >= self.max_requests:
                skipped += len(todo) - start
                break
            self.requests += 1
            asked += 1
            verdicts = self._ask([sentences[i] for i in rows], labels, redactor)
            found = {}
            for offset, i in enumerate(rows):
                verdict = verdicts.get(offset + 1)
                out[i] = verdict
                if verdict is not None:
                    found[keys[i]] = verdict
            self.cache.put(found)
        log.info(
            "LLM detection check: %d sentences, %d cached, %d requests (%d so far, cap %d), "
            "%d left to the model",
            len(sentences), cached, asked, self.requests, self.max_requests, skipped,
        )  # fmt: skip
        if skipped:
            log.warning("LLM detection check hit its cap of %d requests", self.max_requests)
        return out

    def _ask(
        self, batch: Sequence[SentenceInput], labels: Mapping[str, str], redactor: Redactor
    ) -> dict[int, KindVerdict]:
        """One request; verdicts by item id. A reply that stays malformed decides nothing;
        an item with an unknown id, kind or category is dropped."""
        messages = detect_messages(batch, labels, redactor)
        try:
            reply, _ = self.client.complete(
                messages, KindItems, choices={"category": [*labels, ""]}
            )
        except MalformedReply as exc:
            log.warning("LLM gave no usable detection verdicts for a batch: %s", exc)
            return {}
        out: dict[int, KindVerdict] = {}
        for item in reply.verdicts:
            if not 1 <= item.id <= len(batch) or item.kind not in KINDS or item.id in out:
                continue
            category = item.category or None
            if item.kind == "objection" and category not in labels:
                continue
            if item.kind != "objection":
                category = None
            out[item.id] = KindVerdict(item.kind, category, item.confidence, item.reason)
        return out

    def close(self) -> None:
        self.client.close()


def kind_checker(settings: Settings, labels: Mapping[str, str]) -> LLMKindChecker | None:
    """The LLM check when ``llm_detect`` is on and an LLM is configured."""
    if not (settings.llm_detect and settings.llm_configured):
        return None
    try:
        client = LLMClient(settings, max_items=settings.llm_detect_batch)
    except LLMError as exc:
        log.warning("LLM detection check off: %s", exc)
        return None
    return LLMKindChecker(
        client,
        labels,
        cache=VerdictCache(settings.data_dir / "cache" / CACHE_FILENAME),
        redact=settings.redact_pii,
        batch_size=settings.llm_detect_batch,
        max_requests=settings.llm_detect_max_requests,
    )


def checked_kinds(
    checker: KindChecker | None,
    sentences: Sequence[SentenceInput],
    kinds: list[Detection],
    categories: Sequence[str],
    redactor: Redactor,
) -> list[Detection]:
    """Let the optional checker decide the sentences the model is not sure are small talk and
    no label of the rep's sorted (``kinds`` holds one per sentence); where it has no verdict
    (or fails) the model's decision stands."""
    if checker is None:
        return kinds
    # A sentence the rep's own label sorted ("Pain: …", "Next steps: …") keeps the rep's word.
    rows = [
        i
        for i, d in enumerate(kinds)
        if d.source == "model"
        and not (d.kind == "other" and d.confidence >= OTHER_SURE)
        and labelled_kind(sentences[i]) is None
    ]
    if not rows:
        return kinds
    try:
        verdicts = checker.check([sentences[i] for i in rows], list(categories), redactor=redactor)
    except LLMError as exc:
        log.warning("LLM detection check failed, keeping the model's kinds: %s", exc)
        return kinds
    out = list(kinds)
    for i, verdict in zip(rows, verdicts, strict=True):
        if verdict is None:
            continue
        category = verdict.category if verdict.kind in ("objection", "question") else None
        out[i] = dataclasses.replace(
            kinds[i],
            kind=verdict.kind,
            category=category,
            competitor=kinds[i].competitor if verdict.kind == "objection" else None,
            confidence=round(verdict.confidence, 3),
            source="llm",
        )
    return out
