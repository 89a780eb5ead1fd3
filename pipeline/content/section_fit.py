"""Which facts answer a worry of a kind the profile keeps a list for (security, integrations,
onboarding): that list's facts, once the worry's quotes speak of its topic, those on the topic
and nearest in meaning to the quotes first. "These are minors, we hold their permit numbers"
had been answered "Card numbers are held by our payment processor" (one word shared) while
the hosting region, the encryption and the data processing agreement went uncited: the meaning
checks had weighed each fact against the page's other worries, and a worry is met on its own
topic whatever else the page holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pipeline.content.pairing import (
    names_other_systems,
    says_something,
    shares_topic,
    speaks_of_other_industry,
    states_gap,
)
from pipeline.content.profile import CATEGORY_SECTIONS, GENERAL_SECTIONS, ProfileFact

# Lists answered by rules of their own: the price of the plan a buyer is on (``plan_fit``),
# what we give for it (``value``), never the term objected to (``restating.restates``).
_PRICED = frozenset({"pricing", "plans"})


def own_sections(category: str | None) -> frozenset[str]:
    """The lists about this kind of worry alone: none about the product as a whole, and none
    for a price or a term, which have rules of their own."""
    sections = set(CATEGORY_SECTIONS.get(category or "", ()))
    return frozenset(sections - GENERAL_SECTIONS) if not sections & _PRICED else frozenset()


def section_answers(
    facts: Sequence[ProfileFact],
    category: str | None,
    said: Sequence[str],
    near: Callable[[ProfileFact], float],
    *,
    own: Iterable[str] = (),
    industries: Iterable[str] = (),
) -> list[ProfileFact]:
    """The facts of the category's own lists (``own_sections``) answering lines ``said`` that
    name the topic one of them names (``shares_topic``): those naming it first, then by
    ``near`` (closeness in meaning to the quotes). None saying nothing, admitting a gap, naming
    only tools other than theirs or, where the theme's calls ``own`` an industry, another one
    ("Every school gets a DPA" is no other industry's to calls of none known). Empty where no
    line names the topic."""
    sections, own = own_sections(category), list(own)
    listed = [
        f
        for f in facts
        if f.section in sections
        and says_something(f.text)
        and not states_gap(f.text)
        and not names_other_systems(f.text, said)
        and not (own and speaks_of_other_industry(f.text, own, industries, said))
    ]
    on_topic = {f.id for f in listed if shares_topic(f.text, said)}
    if not on_topic:
        return []
    return sorted(listed, key=lambda f: (f.id not in on_topic, -near(f), f.id))
