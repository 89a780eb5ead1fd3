"""Our product, described once: the facts a document may state about us, cited as ``[Pn]``.

The profile is edited on the web page, by ``callmine product set`` and ``PUT /api/product``;
every change is a new version. A generated claim about us cites a profile fact or a rep's
words in a won deal; anything else is flagged for the sales accuracy check.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.errors import BadInput, Conflict
from pipeline.store.models import ProductProfileVersion

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
}


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
    cta: Annotated[str, Field(max_length=240)] = ""


class ProfileRead(BaseModel):
    version: int
    author: str
    created_at: dt.datetime
    profile: ProductProfile


@dataclass(frozen=True)
class ProfileFact:
    """One citable fact about us."""

    id: int
    section: str
    text: str

    @property
    def label(self) -> str:
        return f"P{self.id}"


def profile_facts(profile: ProductProfile | None) -> list[ProfileFact]:
    if profile is None:
        return []
    facts: list[ProfileFact] = []
    for section in SECTIONS:
        for text in getattr(profile, section):
            facts.append(ProfileFact(len(facts) + 1, section, text))
    return facts


def facts_for(facts: list[ProfileFact], category: str | None, limit: int = 2) -> list[ProfileFact]:
    """The profile facts that answer an objection of this category."""
    sections = CATEGORY_SECTIONS.get(category or "", ())
    return [fact for section in sections for fact in facts if fact.section == section][:limit]


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
            f"{'.'.join(str(p) for p in error['loc']) or 'profile'}: {error['msg']}"
            for error in exc.errors()
        )
        raise BadInput(f"{source}: {problems}") from None


def read_profile_file(path: Path) -> ProductProfile:
    """A profile from a TOML or JSON file (see ``examples/product_profile.toml``)."""
    try:
        text = path.read_text("utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(f"cannot read {path.name}: {exc}") from None
    return parse_profile(data, path.name)
