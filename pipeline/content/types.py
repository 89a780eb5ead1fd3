"""The content types: one pydantic schema each (what the LLM must return) and a small registry.

Every claim carries ``citations`` (quote ids, shown as ``[Q3]``) and ``profile`` (facts about our
product from the product profile, ``[P2]``); comparison claims about the competitor may cite
user-entered facts (``facts``, shown as ``[F1]``). Strings and lists are
bounded so a grammar-constrained local model cannot loop and a page stays a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_CITATIONS = 4  # quotes one claim may cite: more is a list, not evidence for one point
Citations = Annotated[list[int], Field(default_factory=list, max_length=MAX_CITATIONS)]
Short = Annotated[str, Field(min_length=1, max_length=120)]
Line = Annotated[str, Field(min_length=1, max_length=240)]
Para = Annotated[str, Field(min_length=1, max_length=600)]


class Schema(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Point(Schema):
    """One claim with the quotes (and product-profile facts) that back it."""

    text: Line
    citations: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)


class QA(Schema):
    question: Line
    answer: Para
    citations: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)
    # A guide's heading where ``question`` is a buyer's statement, quoted under it: "I'm not
    # paying more than that." is evidence, not a heading.
    topic: Line | None = None


class ObjectionFAQ(Schema):
    title: Short
    intro: Para
    items: list[QA] = Field(min_length=1, max_length=10)


class ComparisonRow(Schema):
    aspect: Short
    us: Line
    them: Line
    citations: Citations
    facts: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)
    # Buyers' lines on a row a fact of ours on the rival fills ("them"), quoted below the
    # table with their citations, never run on after the fact in its cell.
    note: str = Field(default="", max_length=240)


class FitPoint(Schema):
    text: Line
    citations: Citations
    facts: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)


class Comparison(Schema):
    title: Short
    summary: Para
    rows: list[ComparisonRow] = Field(min_length=1, max_length=6)
    us_better_when: list[FitPoint] = Field(min_length=1, max_length=4)
    them_better_when: list[FitPoint] = Field(default_factory=list, max_length=4)
    # What buyers said of the rival, each under its own heading, and the deals it was named in.
    why_they_stay: list[FitPoint] = Field(default_factory=list, max_length=4)
    falls_short: list[FitPoint] = Field(default_factory=list, max_length=4)
    # Its price and fees as buyers told them, neither a strength nor a fault by themselves.
    their_pricing: list[FitPoint] = Field(default_factory=list, max_length=4)
    deals: list[Line] = Field(default_factory=list, max_length=2)


class ObjectionAnswer(Schema):
    objection: Line
    answer: Line
    citations: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)


class OnePager(Schema):
    title: Short
    headline: Line
    problem: Point
    objections: list[ObjectionAnswer] = Field(min_length=1, max_length=4)
    proof_points: list[Point] = Field(default_factory=list, max_length=3)
    why_now: list[Point] = Field(default_factory=list, max_length=3)
    cta: Line


class OutlineHeading(Schema):
    """An H3: a question a searcher asks, citing the buyer quotes it was asked from."""

    text: Short
    citations: Citations


class OutlineSection(Schema):
    h2: Short
    h3: list[OutlineHeading] = Field(default_factory=list, max_length=4)
    citations: Citations

    @field_validator("h3", mode="before")
    @classmethod
    def _headings_from_text(cls, value: object) -> object:
        # A reply that gives H3s as plain text still reads: uncited, so the check flags each.
        if isinstance(value, list):
            return [{"text": h, "citations": []} if isinstance(h, str) else h for h in value]
        return value


class LinkSuggestion(Schema):
    anchor: Short
    target: Short


class SEOBrief(Schema):
    title: Annotated[str, Field(min_length=1, max_length=70)]
    meta_description: Annotated[str, Field(min_length=1, max_length=160)]
    target_keyword: Short
    secondary_keywords: list[Short] = Field(default_factory=list, max_length=8)
    search_intent: Literal["informational", "commercial", "transactional", "navigational"]
    outline: list[OutlineSection] = Field(min_length=1, max_length=6)
    questions: list[Point] = Field(default_factory=list, max_length=6)
    word_count_min: int = Field(ge=300, le=5000)
    word_count_max: int = Field(ge=300, le=6000)
    internal_links: list[LinkSuggestion] = Field(default_factory=list, max_length=5)
    faq_schema: list[QA] = Field(default_factory=list, max_length=4)

    @field_validator("word_count_min", "word_count_max", mode="before")
    @classmethod
    def _clamp_word_count(cls, value: object) -> object:
        # Grammar-constrained servers cannot enforce numeric bounds; clamp instead of failing.
        return min(max(value, 300), 5000) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _ordered_word_counts(self) -> SEOBrief:
        if self.word_count_max < self.word_count_min:
            self.word_count_min, self.word_count_max = self.word_count_max, self.word_count_min
        return self


class PricingExplainer(Schema):
    title: Short
    summary: Point
    concerns: list[QA] = Field(min_length=1, max_length=4)
    # Every price and plan of the profile, by market (``price_list``).
    prices: list[Point] = Field(default_factory=list, max_length=20)
    value_points: list[Point] = Field(default_factory=list, max_length=4)
    cta: Line


class Phase(Schema):
    name: Short
    duration: Annotated[str, Field(min_length=1, max_length=40)]
    what_happens: Line
    citations: Citations
    profile: list[int] = Field(default_factory=list, max_length=4)


class ImplementationTimeline(Schema):
    title: Short
    summary: Point
    concerns: list[QA] = Field(min_length=1, max_length=4)
    phases: list[Phase] = Field(min_length=1, max_length=5)
    prerequisites: list[Point] = Field(default_factory=list, max_length=4)
    cta: Line


class UseCase(Schema):
    """One industry's page: its challenges (pains), the worries its buyers raise with what
    answered them in deals we won, how the product helps (profile facts), and proof."""

    title: Short
    industry: Short
    summary: Para
    challenges: list[Point] = Field(default_factory=list, max_length=3)
    objections: list[ObjectionAnswer] = Field(min_length=1, max_length=4)
    how_it_helps: list[Point] = Field(default_factory=list, max_length=4)
    proof: list[Point] = Field(default_factory=list, max_length=3)
    cta: Line


DocType = Literal[
    "objection-faq",
    "comparison",
    "one-pager",
    "seo-brief",
    "pricing-explainer",
    "implementation-timeline",
    "use-case",
]


@dataclass(frozen=True)
class ContentType:
    """A kind of document: its schema, files, and which clusters suit it when none are given."""

    name: str
    label: str
    schema: type[Schema]
    description: str = ""
    cluster_kind: str = "objection"
    categories: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    needs_competitor: bool = False
    max_clusters: int = 4
    most_clusters: int = 10  # the most a user may choose
    problem_kind: str | None = None  # a kind whose top cluster joins the evidence as "the problem"
    problems: int = 1  # how many of ``problem_kind``'s largest clusters join
    for_industry: bool = False  # written for one industry: its calls only
    # How many recurring question themes on its themes' categories join (the questions buyers
    # ask in so many words: an SEO brief's "Questions to answer").
    question_themes: int = 0
    # Whether it reads the topics buyers said across its calls (``buyer_topics``): its keywords.
    buyer_topics: bool = False

    @property
    def prompt_file(self) -> str:
        return f"{self.name}.j2"

    @property
    def template_file(self) -> str:
        return f"{self.name}.md.j2"


CONTENT_TYPES: dict[str, ContentType] = {
    ct.name: ct
    for ct in (
        ContentType(
            "objection-faq",
            "Objection FAQ",
            ObjectionFAQ,
            description="One question per objection theme (3-10), asked as a buyer asks it, "
            "answered from won deals, with FAQPage JSON-LD.",
            max_clusters=8,
        ),
        ContentType(
            "comparison",
            "Competitor comparison",
            Comparison,
            description="Us vs a competitor: fair, side by side, only cited claims.",
            needs_competitor=True,
        ),
        ContentType(
            "one-pager",
            "Sales one-pager",
            OnePager,
            description="Sales enablement on one printed page: problem, objections, proof, "
            "next step.",
            problem_kind="pain",
        ),
        ContentType(
            "seo-brief",
            "SEO brief",
            SEOBrief,
            description="Keywords from buyer phrases, search intent, outline and questions to "
            "answer.",
            max_clusters=3,
            question_themes=2,
            buyer_topics=True,
        ),
        ContentType(
            "pricing-explainer",
            "Pricing explainer",
            PricingExplainer,
            description="Answers the price worries buyers raise most.",
            categories=("price", "pricing", "cost", "budget"),
            words=("price", "pricing", "cost", "expensive", "budget", "afford"),
            max_clusters=2,
        ),
        ContentType(
            "implementation-timeline",
            "Implementation timeline",
            ImplementationTimeline,
            description="What setup really takes, week by week.",
            categories=("setup_time", "setup", "implementation", "onboarding", "switching"),
            words=("setup", "set up", "implementation", "onboarding", "migrate", "switch"),
            max_clusters=2,
        ),
        ContentType(
            "use-case",
            "Industry use case",
            UseCase,
            description="One industry or segment (cafés, clinics, salons…): its pains, the "
            "objections its buyers raise and what answered them in deals we won.",
            problem_kind="pain",
            problems=2,
            for_industry=True,
        ),
    )
}
