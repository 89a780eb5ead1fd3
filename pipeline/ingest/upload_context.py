"""What the stored calls tell an upload's files, read once per upload and kept current as its
files are stored: our people (the roster, with those calls name as ours), our brands, how each
account is spelt, and the dates an ambiguous date is read against (``redating``).

Read again for each file, these had cost 350 ms a file against 3,000 stored calls: every stored
call read three times over, and again for each file of one call it stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.brand_names import our_brands
from pipeline.cluster.rivals import mentioned_rivals
from pipeline.ingest.redating import DateTally
from pipeline.ingest.refresh import changes_stored_calls
from pipeline.ingest.rep_memory import learned_on_calls
from pipeline.ingest.schemas import CallMetadata, IngestResult
from pipeline.ingest.spellings import known_spellings
from pipeline.ingest.team import Roster, load_roster, named_on_calls
from pipeline.store.models import Call
from pipeline.workspace import Workspace


@dataclass
class UploadContext:
    """The stored calls as an upload's next file is read against them. ``seen_up_to``: the
    last call id taken in; a later call (this upload's, or another's meanwhile) joins at the
    next ``take_stored``."""

    roster: Roster
    brands: tuple[str, ...]
    spellings: dict[str, str]
    dates: DateTally
    seen_up_to: int = 0
    rivals: tuple[str, ...] = ()  # the competitors stored calls name: never a call's account

    def take_stored(
        self, workspace: Workspace, results: Sequence[IngestResult], metadata: CallMetadata
    ) -> None:
        """Take in the calls one file stored; read whole again only when the file changed
        calls stored before (a re-upload with new metadata, a table row given its columns)."""
        if _changed_earlier_calls(results, metadata):
            fresh = read_upload_context(workspace)
            self.roster, self.brands, self.spellings = fresh.roster, fresh.brands, fresh.spellings
            self.dates, self.seen_up_to = fresh.dates, fresh.seen_up_to
            self.rivals = fresh.rivals
            return
        with workspace.session() as db:
            last = _last_call_id(db)
            if last <= self.seen_up_to:
                return
            after = self.seen_up_to
            roster = self.roster.with_names(named_on_calls(db, after))
            self.roster = roster.with_learned(learned_on_calls(db, after))
            known_spellings(db, after=after, spellings=self.spellings)
            self.dates.read_since(db, after, up_to=last)
            self.seen_up_to = last


def _last_call_id(db: Session) -> int:
    return int(db.scalar(select(func.max(Call.id))) or 0)


def _changed_earlier_calls(results: Sequence[IngestResult], metadata: CallMetadata) -> bool:
    """Whether storing a file changed a call stored before it: its date, account or people."""
    earlier = [r for r in results if r.status in ("duplicate", "resumed")]
    return any(r.reason for r in earlier) or bool(earlier and changes_stored_calls(metadata))


def read_upload_context(workspace: Workspace) -> UploadContext:
    """Everything an upload's files are read against, read once (one transaction)."""
    settings = workspace.settings
    with workspace.session() as db:
        last = _last_call_id(db)
        roster = load_roster(db, settings.our_company, settings.our_phone_numbers)
        return UploadContext(
            roster=roster,
            brands=(*roster.companies, *our_brands(db, settings.our_company)),
            spellings=known_spellings(db),
            dates=DateTally().read_since(db, up_to=last),
            seen_up_to=last,
            rivals=tuple(mentioned_rivals(db)),
        )
