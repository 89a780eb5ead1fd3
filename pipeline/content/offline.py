"""The offline draft of each content type: deterministic, no LLM, from the same evidence."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.content.comparison import comparison
from pipeline.content.drafts import one_pager
from pipeline.content.evidence import Evidence
from pipeline.content.faq import objection_faq
from pipeline.content.guides import implementation_timeline, pricing_explainer
from pipeline.content.seo_brief import seo_brief
from pipeline.content.types import Schema
from pipeline.content.use_cases import use_case
from pipeline.errors import BadInput

OFFLINE_DRAFTS: dict[str, Callable[[Evidence], Schema]] = {
    "objection-faq": objection_faq,
    "comparison": comparison,
    "one-pager": one_pager,
    "seo-brief": seo_brief,
    "pricing-explainer": pricing_explainer,
    "implementation-timeline": implementation_timeline,
    "use-case": use_case,
}


def outline(doc_type: str, evidence: Evidence) -> Schema | None:
    """The offline draft, for a prompt to show the model how its evidence is grouped (a
    comparison's deal counts, reasons to stay, faults, the facts that answer each row), so the
    LLM page has the same structure and evidence as the offline one; None where it has none."""
    try:
        return OFFLINE_DRAFTS[doc_type](evidence)
    except BadInput:
        return None
