"""Cluster names written by an LLM (``CALLMINE_LLM_LABELS``), from a cluster's keywords and its
most central quotes; the built-in phrase-based name stays when the server fails.

Quotes are redacted (by the redactor content uses: ``redactor_for``, brands never a person) and
sent inside the quoted ``CALL_DATA`` block; the reply is one short name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel, Field

from pipeline.cluster.name_rules import clashes
from pipeline.config import Settings
from pipeline.errors import LLMError
from pipeline.llm import LLMClient
from pipeline.redact import Redactor
from pipeline.templating import render_prompt
from pipeline.wording import capitalised

log = logging.getLogger(__name__)

LABEL_QUOTES = 6  # the most central quotes a model sees when naming a cluster
MAX_NAME_WORDS = 8


class ClusterName(BaseModel):
    name: str = Field(max_length=60)


def label_messages(
    keywords: Sequence[str], quotes: Sequence[str], redactor: Redactor
) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render_prompt("cluster_label.j2")},
        {
            "role": "user",
            "content": render_prompt(
                "cluster_label_data.j2",
                # phrases before single words: they say more of what the theme is about
                keywords=sorted(keywords, key=lambda k: -len(k.split())),
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
    return capitalised(name)


class LLMClusterLabeler:
    """``ClusterLabeler`` through the shared ``LLMClient``; raises ``LLMError`` on failure."""

    def __init__(self, client: LLMClient, redactor: Redactor):
        self.client = client
        self.redactor = redactor

    def label(self, keywords: Sequence[str], quotes: Sequence[str]) -> str:
        reply, _ = self.client.complete(
            label_messages(keywords, quotes, self.redactor), ClusterName
        )
        return clean_name(reply.name)

    def close(self) -> None:
        self.client.close()


def cluster_labeler(settings: Settings, redactor: Redactor) -> LLMClusterLabeler | None:
    """LLM cluster names when ``llm_labels`` is on and an LLM is configured; ``redactor`` is
    the clustered calls' (``redactor_for``), so "We're on Aurora" keeps the rival's name."""
    if not (settings.llm_labels and settings.llm_configured):
        return None
    return LLMClusterLabeler(LLMClient(settings), redactor)


class ClusterLabeler(Protocol):
    """Optional: name clusters from their keywords and quotes, most central first (e.g. with an
    LLM). Raises ``LLMError`` when it cannot answer."""

    def label(self, keywords: Sequence[str], quotes: Sequence[str]) -> str: ...


def model_names(
    labeler: ClusterLabeler,
    groups: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[float]],
    keywords: Sequence[Sequence[str]],
    names: Sequence[str],
    kept: Sequence[str | None] = (),
) -> list[str]:
    """The labeler's names, each kept only when it is non-empty and too close to no other
    cluster's name (``name_rules.too_close``); otherwise (or once the labeler fails) the
    built-in name stays. A name that holds (``kept[i]``) is not asked for."""
    out = list(names)
    taken = list(names)  # a name the model gives that is the built-in one is no new name
    for i, texts in enumerate(groups):
        if not texts or (i < len(kept) and kept[i]):
            continue
        by_centrality = sorted(range(len(texts)), key=lambda j: (-centrality[i][j], j))
        quotes = list(dict.fromkeys(texts[j] for j in by_centrality))
        try:
            proposed = labeler.label(keywords[i], quotes).strip()
        except LLMError as exc:
            log.warning("cluster labeler failed, keeping the built-in names: %s", exc)
            break
        if proposed and not clashes(proposed, taken):
            taken.append(proposed)
            out[i] = proposed
    return out
