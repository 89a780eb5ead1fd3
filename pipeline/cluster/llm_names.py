"""Cluster names written by an LLM (``CALLMINE_LLM_LABELS``), from a cluster's keywords and its
most central quotes; the built-in phrase-based name stays when the server fails.

Quotes are redacted (by the redactor content uses: ``redactor_for``, brands never a person) and
sent inside the quoted ``CALL_DATA`` block; the reply is one short name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from pipeline.config import Settings
from pipeline.llm import LLMClient
from pipeline.redact import Redactor
from pipeline.templating import render_prompt
from pipeline.wording import capitalised

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
