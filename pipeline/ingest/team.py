"""The team roster: our people, kept once and used for every later upload. Anyone on it who
speaks on a call is a rep; their company is ours (with ``CALLMINE_OUR_COMPANY``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import BadInput, Conflict, NotFound
from pipeline.ingest.names import norm_name
from pipeline.ingest.rep_memory import learned_on_calls
from pipeline.ingest.role_labels import is_anonymous
from pipeline.store.models import Call, TeamMember


class TeamMemberCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Maria Chen", "company": "Shiftwise"}]}
    )

    name: str = Field(min_length=1, max_length=120, description="As it appears on calls.")
    company: str | None = Field(None, max_length=255, description="Our company's name.")

    @field_validator("name", "company")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split()).lstrip("@").strip()
        return value or None


class TeamMemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    company: str | None = None


@dataclass(frozen=True)
class Roster:
    """The roster as the ingest service uses it: names, our companies and our phone lines."""

    names: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # our lines' numbers as written (``CALLMINE_OUR_PHONE_NUMBERS``)
    # Reps stored calls' files placed on our side (``rep_memory``): weaker than ``names``, the
    # file's own word about a speaker wins over them.
    learned: tuple[str, ...] = ()

    def with_names(self, names: Iterable[str]) -> Roster:
        """The roster with these names too, each once (the first spelling kept), in order."""
        kept = {_key(name): name for name in self.names}
        for name in names:
            kept.setdefault(_key(name), name)
        return replace(self, names=tuple(kept.values()))

    def with_learned(self, names: Iterable[str]) -> Roster:
        """The roster remembering these reps too, each once, in order."""
        kept = {_key(name): name for name in self.learned}
        for name in names:
            kept.setdefault(_key(name), name)
        return replace(self, learned=tuple(kept.values()))


def _key(name: str) -> str:
    return norm_name(name)


def list_members(db: Session) -> list[TeamMemberRead]:
    rows = db.scalars(select(TeamMember).order_by(TeamMember.name, TeamMember.id))
    return [TeamMemberRead.model_validate(row) for row in rows]


def add_member(db: Session, name: str, *, company: str | None = None) -> TeamMemberRead:
    """Put someone on the roster; a ``Conflict`` if the name is on it already."""
    try:
        member = TeamMemberCreate(name=name, company=company)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise BadInput(f"team member {problem['loc'][0]}: {problem['msg']}") from exc
    if not member.name:
        raise BadInput("a team member needs a name")
    key = _key(member.name)
    if db.scalar(select(TeamMember.id).where(TeamMember.name_key == key)) is not None:
        raise Conflict(f"{member.name!r} is already on the team")
    row = TeamMember(name=member.name, name_key=key, company=member.company)
    db.add(row)
    db.flush()
    return TeamMemberRead.model_validate(row)


def remove_member(db: Session, member: int | str) -> TeamMemberRead:
    """Take someone off the roster, by id or by name; ``NotFound`` if they are not on it."""
    if isinstance(member, int):
        row = db.get(TeamMember, member)
    else:
        row = db.scalar(select(TeamMember).where(TeamMember.name_key == _key(member)))
    if row is None:
        raise NotFound(f"no team member {member!r}")
    removed = TeamMemberRead.model_validate(row)
    db.delete(row)
    db.flush()
    return removed


def load_roster(
    db: Session, our_company: str | None = None, our_lines: Sequence[str] = ()
) -> Roster:
    """Names on the roster and our companies (theirs, and the ``our_company`` setting), and
    the people stored calls name as ours: a rep named on one call's metadata is ours on the
    next (Tom Okafor, ours on a dozen example calls, had read as "unknown" on a new one);
    ``our_lines``, the ``our_phone_numbers`` setting, rides along to the phone calls.
    A label naming no one ("Speaker 1") is ours only on the call that said so: remembered, it
    had made the buyer of every later call a rep. Reps the stored calls' files placed on our
    side are remembered apart (``Roster.learned``)."""
    members = list_members(db)
    companies = [our_company] if our_company else []
    companies += [m.company for m in members if m.company and m.company not in companies]
    roster = Roster(companies=tuple(companies), lines=tuple(our_lines))
    roster = roster.with_learned(learned_on_calls(db))
    return roster.with_names([*(m.name for m in members), *named_on_calls(db)])


def named_on_calls(db: Session, after: int = 0) -> list[str]:
    """The people calls' metadata names as ours (``our_speakers``), labels naming no one left
    out: ours on every later upload too, as the roster's members are. ``after``: only the calls
    stored since that id (an upload's files, each told of the calls stored before it)."""
    query = select(Call.our_speakers)  # no DISTINCT: JSON on PostgreSQL
    if after:
        query = query.where(Call.id > after).order_by(Call.id)
    names: dict[str, str] = {}
    for listed in db.scalars(query):
        for name in listed or []:
            if isinstance(name, str) and name.strip() and not is_anonymous(name):
                names.setdefault(_key(name), name.strip())
    return list(names.values())
