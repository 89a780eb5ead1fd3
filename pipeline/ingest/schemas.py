"""What an ingest takes and gives back: metadata for a batch of files, a result per call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from pipeline.errors import CallmineError
from pipeline.ingest.values import industry_name, split_list
from pipeline.store.models import Outcome
from pipeline.types import MAX_SHORT_TEXT, ShortText

# resumed: the same content was stored before but never analysed (its process died, or the
# analysis failed), and no live process is about to analyse it (``pipeline.claims``);
# it is analysed now instead of being answered as a duplicate. skipped: a record with nothing
# to store (a CSV row with no text, a manifest).
IngestStatus = Literal["created", "duplicate", "resumed", "rejected", "skipped"]
MANIFEST_COLUMNS = (
    "file", "date", "account", "outcome", "our_speakers", "competitors", "industry",
)  # fmt: skip
MANIFEST_SKIPPED = "a manifest of per-file metadata (give it with --manifest), not a call"


def split_names(value: str | Sequence[str] | None) -> list[str]:
    """``"Ana; Bo, Cy"`` or a list -> ``["Ana", "Bo", "Cy"]`` (blank and repeated names dropped)."""
    return split_list(value if value is None or isinstance(value, str) else list(value))


MAX_NAMES = 100  # people or rivals on one call
MAX_NAMES_TEXT = 2000  # "Ana; Bo, Cy" written out: about MAX_NAMES short names


def _names(value: object) -> object:
    """Text or a list of text is split into names; anything else is left for the type check
    to refuse (``false`` or ``123`` is a 422, not a crash). Text past ``MAX_NAMES_TEXT`` is
    refused before it is split (splitting is quadratic in the names)."""
    if isinstance(value, str) and len(value) > MAX_NAMES_TEXT:
        raise ValueError(f"at most {MAX_NAMES_TEXT} characters of names")
    if isinstance(value, list) and len(value) > MAX_NAMES:
        raise ValueError(f"at most {MAX_NAMES} names")
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        return split_names(value)
    return value


NameList = Annotated[
    list[ShortText],
    BeforeValidator(_names),
    Field(max_length=MAX_NAMES),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "array",
                    "items": {"type": "string", "maxLength": MAX_SHORT_TEXT},
                    "maxItems": MAX_NAMES,
                },
                {
                    "type": "string",
                    "maxLength": MAX_NAMES_TEXT,
                    "description": "Names separated by commas or semicolons.",
                },
            ]
        }
    ),
]
"""People or companies, as a list or as ``"Ana; Bo, Cy"``."""


class CallMetadata(BaseModel):
    """Metadata given with an upload; a field left unset falls back to the file's own value."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "date": "2026-03-14",
                    "account": "Brightside Dental",
                    "outcome": "lost",
                    "deal_id": "D-1042",
                    "deal_stage": "Proposal",
                    "industry": "Dental clinic",
                    "our_speakers": ["Maya Chen"],
                    "competitors": ["ShiftLy"],
                }
            ]
        }
    )

    date: dt.date | None = None
    account: str | None = None
    outcome: Outcome | None = None
    deal_id: str | None = None
    deal_stage: str | None = None
    industry: str | None = None
    our_speakers: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    title: str | None = None

    @field_validator("our_speakers", "competitors", mode="before")
    @classmethod
    def _split(cls, value: Any) -> list[str]:
        return split_names(value)

    @field_validator("industry", mode="before")
    @classmethod
    def _industry(cls, value: Any) -> str | None:
        return industry_name(value)

    def over(self, general: CallMetadata) -> CallMetadata:
        """Field by field, these values win over ``general`` (a manifest row over the flags)."""
        values = general.model_dump()
        values.update({k: v for k, v in self.model_dump().items() if v not in (None, [])})
        return CallMetadata(**values)


class IngestResult(BaseModel):
    """What happened to one call of one file; a file with many calls (CSV) gives many results.

    ``skipped``: a record with nothing to store (a CRM row holding only deal fields).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"filename": "a.vtt", "status": "created", "call_id": 7, "utterances": 38},
                {"filename": "a-copy.vtt", "status": "duplicate", "call_id": 7, "utterances": 38},
                {
                    "filename": "logo.txt",
                    "status": "rejected",
                    "status_code": 422,
                    "reason": "binary file (PNG image), not a transcript",
                },
            ]
        }
    )

    filename: str
    status: IngestStatus
    call_id: int | None = Field(None, description="New id, or the existing id for a duplicate.")
    index: int | None = Field(
        None, description="Position of the call in a file with many (CSV rows)."
    )
    format: str | None = None
    utterances: int = 0
    understood: str | None = Field(
        None, description='What the text was read as: "2 speakers, 14 turns", "3 notes".'
    )
    reason: str | None = None
    status_code: int | None = Field(None, description="HTTP-style code of a rejection.")


def rejected(filename: str, error: CallmineError) -> IngestResult:
    return IngestResult(
        filename=filename, status="rejected", reason=error.detail, status_code=error.status_code
    )


def skipped(filename: str, reason: str, index: int | None) -> IngestResult:
    """A record with nothing to store (a CRM row with no text): reported, not an error."""
    return IngestResult(filename=filename, status="skipped", reason=reason, index=index)


def created_ids(results: Sequence[IngestResult]) -> list[int]:
    """The calls to analyse now: new ones, and stored ones whose analysis never finished."""
    return [
        r.call_id for r in results if r.status in ("created", "resumed") and r.call_id is not None
    ]


@dataclass
class IngestBatch:
    """Every result of one ingest, the bytes read, and how the new calls were analysed."""

    results: list[IngestResult] = field(default_factory=list)
    total_bytes: int = 0
    analysis: dict[str, Any] | None = None
    job_id: str | None = None
    redated: list[str] = field(default_factory=list)  # stored calls given their other reading

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def resumed(self) -> int:
        return self.count("resumed")

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def created_ids(self) -> list[int]:
        return created_ids(self.results)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "duplicates": self.duplicates,
            "resumed": self.resumed,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "analysis": self.analysis,
            "redated": self.redated,
            "results": [r.model_dump(exclude_none=True) for r in self.results],
        }
