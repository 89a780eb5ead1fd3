"""The content brief: what a writer works from, and what the LLM is given as its evidence pack.

Themes in order of weight (mentions) with their true counts (mentions, calls, accounts, share of
lost deals), the buyer's phrases, the 2-3 best verbatim buyer quotes each, what answered it in
won deals, the product-profile facts that answer it, competitor facts, and an outline of the
piece with a slot per section. Offline it is stored beside the draft (export format ``brief``);
with an LLM the prompt carries the same data (``prompts/_evidence.j2``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.content.evidence import ClusterEvidence, Evidence
from pipeline.content.profile import ProfileFact
from pipeline.content.types import ContentType
from pipeline.templating import render_markdown

QUOTES_PER_THEME = 3


@dataclass(frozen=True)
class Theme:
    cluster: ClusterEvidence
    quote_ids: list[int]
    answer_ids: list[int]
    profile: list[ProfileFact]
    # Lines of speakers whose side is unknown, where its buyers' fall short of the brief's.
    unknown_ids: list[int] = field(default_factory=list)


def themes(evidence: Evidence) -> list[Theme]:
    """The evidence's clusters by weight (most mentions first), each with what answers it."""
    ordered = sorted(evidence.clusters, key=lambda c: (-c.size, c.id))
    return [
        Theme(
            cluster,
            cluster.quote_ids[:QUOTES_PER_THEME],
            cluster.answer_ids,
            evidence.profile_for(cluster),
            cluster.unknown_ids[: max(QUOTES_PER_THEME - len(cluster.quote_ids), 0)],
        )
        for cluster in ordered
    ]


def render_brief(ct: ContentType, evidence: Evidence) -> str:
    """The brief as Markdown (``content_templates/brief.md.j2``), with the source of every
    quote it names (numbered as in the draft): a writer traces each to its call."""
    ordered = themes(evidence)
    named = {i for t in ordered for i in (*t.quote_ids, *t.unknown_ids, *t.answer_ids)}
    sources = [quote for quote in evidence.quotes if quote.id in named]
    return render_markdown("brief.md.j2", ct=ct, evidence=evidence, themes=ordered, sources=sources)
