"""Our product, described once: the facts a document may state about us, cited as ``[Pn]``.

The profile is edited on the web page, by ``callmine product set`` and ``PUT /api/product``;
every change is a new version. A generated claim about us cites a profile fact or a rep's
words in a won deal; anything else is flagged for the sales accuracy check.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.cluster.keywords import stop_words
from pipeline.errors import BadInput, Conflict
from pipeline.store.models import ProductProfileVersion
from pipeline.templating import draft_copy

FactText = Annotated[str, Field(min_length=1, max_length=300)]
Facts = Annotated[list[FactText], Field(default_factory=list, max_length=20)]

# The profile's lists, in the order their facts are numbered P1, P2, ...
SECTIONS: dict[str, str] = {
    "pricing": "Pricing",
    "plans": "Plans and terms",
    "features": "Key features",
    "integrations": "Integrations",
    "security": "Security and hosting",
    "onboarding": "Onboarding",
    "proof_points": "Proof points",
    # Last, so the facts above keep their numbers; said as planned wherever cited (``PLANNED``).
    "roadmap": "Roadmap (planned, not yet available)",
}
# Which facts answer which objection category (the detector's categories).
CATEGORY_SECTIONS: dict[str, tuple[str, ...]] = {
    "price": ("pricing", "plans"),
    "contract": ("plans",),
    "authority_timing": ("plans", "proof_points"),
    "integrations": ("integrations",),
    "security": ("security",),
    "setup_time": ("onboarding",),
    "switching": ("onboarding",),
    "adoption": ("features", "onboarding"),
    "status_quo": ("proof_points", "features"),
    "competitor": ("proof_points", "features"),
    # A feature we have answers a gap; one planned answers it as planned, never as shipped.
    "missing_feature": ("features", "roadmap"),
    # The company itself (founded, customers, team, funding, references) is told in proof points.
    "vendor_trust": ("proof_points",),
}
PLANNED = "roadmap"  # the list of what is planned, not shipped
# Lists about the product as a whole, not about one kind of worry.
GENERAL_SECTIONS = frozenset({"features", "proof_points"})
REPEAT_SHARE = 0.75  # of a fact's words found in the reply beside it: it says the same
_WORD_RE = re.compile(r"[a-z]{3,}")
# What marks a figure as money: a sign or a currency's code ("$95", "AUD 99").
CURRENCY = r"(?:[$£€¥]|\b(?:USD|GBP|EUR|AUD|CAD|NZD)\s?)"
# An amount of money in a fact ("$27", "£59", "A$89", "€1,200.50").
_MONEY_RE = re.compile(rf"{CURRENCY}(\d[\d,]*(?:\.\d+)?)")
# What costs nothing: not a free period of something that costs ("two months free" a year).
FREE_RE = re.compile(
    r"\b(?:(?<!months )(?<!month )(?<!weeks )(?<!week )(?<!days )(?<!day )free|no charge"
    r"|no (?:setup |set-up |onboarding )?fees?)\b",
    re.I,
)


class ProductProfile(BaseModel):
    """Name, one-line pitch, call to action, and one fact per list item."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=120)]
    pitch: Annotated[str, Field(max_length=300)] = ""
    pricing: Facts
    plans: Facts
    features: Facts
    integrations: Facts
    security: Facts
    onboarding: Facts
    proof_points: Facts
    roadmap: Facts
    cta: Annotated[str, Field(max_length=240)] = ""


class ProfileRead(BaseModel):
    version: int
    author: str
    created_at: dt.datetime
    profile: ProductProfile


# A fact about one industry's customers starts with it in brackets: "[Hospitality] Most cafe
# customers get weekly rota time under thirty minutes."
_INDUSTRY_TAG = re.compile(r"^\[(?P<industry>[^\[\]]{1,60})\]\s*(?P<text>\S.*)$")


@dataclass(frozen=True)
class ProfileFact:
    """One citable fact about us; ``industry`` when it speaks of that industry's customers."""

    id: int
    section: str
    text: str
    industry: str | None = None

    @property
    def label(self) -> str:
        return f"P{self.id}"

    def fits(self, industry: str | None) -> bool:
        """Whether a page for ``industry`` (None: for every industry) may state it: a use case
        for Healthcare had cited "Most cafe customers..." as its proof."""
        return (
            self.industry is None
            or industry is None
            or self.industry.casefold() == " ".join(industry.split()).casefold()
        )


def profile_facts(profile: ProductProfile | None) -> list[ProfileFact]:
    """The profile's facts numbered P1, P2, ... section by section, an industry tag read off."""
    if profile is None:
        return []
    facts: list[ProfileFact] = []
    for section in SECTIONS:
        for text in getattr(profile, section):
            tagged = _INDUSTRY_TAG.match(text)
            said = tagged.group("text") if tagged else text
            industry = tagged.group("industry") if tagged else None
            if section == PLANNED:  # every page that cites it says it is not there yet
                said = draft_copy("planned_fact", text=said)
            industry = " ".join(industry.split()) if industry else None
            facts.append(ProfileFact(len(facts) + 1, section, said, industry))
    return facts


def stated_price(text: str) -> float:
    """The least a fact says something costs: its smallest amount of money, nothing for what
    it says is free ("included at no charge", "no setup fee"), and after every priced fact
    when it names no price."""
    if FREE_RE.search(text):
        return 0.0
    amounts = [float(m.replace(",", "")) for m in _MONEY_RE.findall(text)]
    return min(amounts, default=math.inf)


def content_words(text: str) -> set[str]:
    """What a fact and a worry are compared on: words of three letters or more that are not
    stop words, a plural's "s" dropped ("apps" is "app")."""
    words = set(_WORD_RE.findall(text.lower())) - stop_words()
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def facts_for(
    facts: list[ProfileFact],
    category: str | None,
    limit: int = 2,
    *,
    about: str = "",
    besides: str = "",
    near: Mapping[int, float] | None = None,
    owned: frozenset[int] | None = None,
) -> list[ProfileFact]:
    """The profile facts that answer an objection of this category: its lists in their order
    (pricing before plans for price), in each the facts sharing the most words with what the
    buyers said (``about``: what sets the worry apart) first.

    A fact that shares none is offered only from a list made for the category (pricing for
    price, plans for a contract), one per list, and not from a list whose answer the reply
    beside it already gives: a general list (features, proof points) says nothing about a
    worry it shares no word with ("Most cafe customers get weekly rota time under thirty
    minutes." had answered "Staffly already has everyone's contracts"), and after "Then do
    monthly..." the plans' "Guest users get shifts by SMS" answered nothing.
    A fact that mostly says what ``besides`` says (the rep's reply quoted beside it) is left
    out: the reader would read it twice.

    ``near`` (fact id -> cosine to the theme's centroid) chooses by meaning where no word is
    shared: a list's closest fact, not its first ("older techs won't use an app" had been
    answered with "We import customers..."), and a general list's closest when it is closer
    than any fact of the category's own lists.

    ``owned`` (the facts nearer this theme than any other theme on the page): a fact sharing
    no word answers only the theme it is nearest, two of a list at most. "Essentials plan:
    calendaring, matters, time tracking..." had answered "Can we get sign-off before we
    commit?" for being the plans list's closest, and "Mobile timer turns time into draft time
    entries" "Will my staff use it?"; a writer's gap is better than a wrong answer."""
    sections = CATEGORY_SECTIONS.get(category or "", ())
    said, beside = content_words(about), content_words(besides)
    order = {section: n for n, section in enumerate(sections)}
    candidates = [fact for fact in facts if fact.section in order]
    near = near or {}
    own_best = max(
        (near[f.id] for f in candidates if f.section not in GENERAL_SECTIONS and f.id in near),
        default=-1.0,
    )

    def repeats_reply(fact: ProfileFact) -> bool:
        words = content_words(fact.text)
        return bool(words) and len(words & beside) >= REPEAT_SHARE * len(words)

    answered = {fact.section for fact in candidates if repeats_reply(fact)}
    # A price worry is met with what costs least first, whatever plan its words name ("I
    # can't pay for cameras" had been answered with the "Pro + Cameras" plan, the dearest).
    cost = category == "price"
    ranked = sorted(
        candidates,
        key=lambda f: (
            order[f.section],
            stated_price(f.text) if cost else 0.0,
            0 if cost else -len(said & content_words(f.text)),
            -near.get(f.id, 0.0),
            f.id,
        ),
    )
    chosen: list[ProfileFact] = []
    unmatched: Counter[str] = Counter()
    per_list = 1 if owned is None else 2
    for fact in ranked:
        if repeats_reply(fact):
            continue
        closer = fact.id in near and near[fact.id] > own_best  # than the category's own
        if said & content_words(fact.text) and not cost:
            chosen.append(fact)
        elif (
            fact.section not in answered
            and unmatched[fact.section] < per_list
            and (owned is None or fact.id in owned)
            and (fact.section not in GENERAL_SECTIONS or closer)
        ):
            chosen.append(fact)
            unmatched[fact.section] += 1
    return chosen[:limit]


def nearest_fact(facts: list[ProfileFact], near: Mapping[int, float]) -> ProfileFact | None:
    """The fact nearest by ``near`` (none without vectors)."""
    return max((f for f in facts if f.id in near), key=lambda f: near[f.id], default=None)


def agreed_fact(
    facts: list[ProfileFact],
    centre: Mapping[int, float],
    said: Mapping[int, float],
    owned: frozenset[int] | None,
) -> frozenset[int]:
    """For a worry of no topic, the one fact that may answer it, by meaning (words shared with
    a general list are chance): nearest its ``centre`` and its quoted words (``said``) alike,
    and its own. "Homeowners are skeptical since the tariff change" had been answered
    "Customers quote in 20 minutes"; a gap beats a wrong answer."""
    agreed = nearest_fact(facts, centre)
    if agreed is None or nearest_fact(facts, said) != agreed:
        return frozenset()
    return frozenset({agreed.id}) if owned is None or agreed.id in owned else frozenset()


def _read(row: ProductProfileVersion) -> ProfileRead:
    return ProfileRead(
        version=row.version,
        author=row.author,
        created_at=row.created_at,
        profile=ProductProfile.model_validate(row.data),
    )


def current_profile(session: Session) -> ProfileRead | None:
    row = session.scalars(
        select(ProductProfileVersion).order_by(ProductProfileVersion.version.desc()).limit(1)
    ).first()
    return _read(row) if row is not None else None


def profile_versions(session: Session) -> list[ProfileRead]:
    rows = session.scalars(
        select(ProductProfileVersion).order_by(ProductProfileVersion.version.desc())
    )
    return [_read(row) for row in rows]


def set_profile(session: Session, profile: ProductProfile, author: str = "system") -> ProfileRead:
    """Save ``profile`` as a new version (an unchanged profile keeps its version)."""
    current = current_profile(session)
    if current is not None and current.profile == profile:
        return current
    row = ProductProfileVersion(
        version=(current.version if current else 0) + 1,
        data=profile.model_dump(),
        author=author,
    )
    try:
        with session.begin_nested():  # another save took this version number first
            session.add(row)
            session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "the product profile was saved by someone else meanwhile; try again"
        ) from exc
    return _read(row)


def parse_profile(data: object, source: str = "profile") -> ProductProfile:
    try:
        return ProductProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'profile'}: {_problem(error)}"
            for error in exc.errors()
        )
        raise BadInput(f"{source}: {problems}") from None


# Where a key a profile has no room for belongs instead.
_KEPT_ELSEWHERE = {
    "competitors": "rivals are named by CALLMINE_COMPETITORS, facts about one by `callmine facts`"
}


def _problem(error: ErrorDetails) -> str:
    """Pydantic's message, save for a key the profile does not have: the keys it has, and
    where that one goes ("Extra inputs are not permitted" had left a walk guessing)."""
    if error["type"] != "extra_forbidden":
        return str(error["msg"])
    keys = ", ".join(ProductProfile.model_fields)
    elsewhere = _KEPT_ELSEWHERE.get(str(error["loc"][-1]) if error["loc"] else "")
    return f"not a profile key (the keys are {keys})" + (f"; {elsewhere}" if elsewhere else "")


def read_profile_file(path: Path) -> ProductProfile:
    """A profile from a TOML or JSON file (see ``examples/product_profile.toml``)."""
    try:
        text = path.read_text("utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(f"cannot read {path.name}: {exc}") from None
    return parse_profile(data, path.name)
