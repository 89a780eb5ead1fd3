"""A parsed call made ready to store: the metadata given merged in, its date settled, roles
assigned once the seller's names are known, rivals, account and title read."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.brand_names import not_ours
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.date_reading import DateContext, settle_date
from pipeline.ingest.deal_rows import read_buyer_choice
from pipeline.ingest.domain_account import domain_account
from pipeline.ingest.email_sides import settle_email_sides
from pipeline.ingest.phone_lines import settle_our_lines
from pipeline.ingest.redating import mark_set_by_hand
from pipeline.ingest.remap import TABLE_FORMATS
from pipeline.ingest.schemas import CallMetadata, IngestResult, skipped
from pipeline.ingest.settle import named_account, read_title, settle_people
from pipeline.ingest.speaker_ids import labels_for_ids
from pipeline.ingest.store import StorableCall, content_hash, earlier_hashes, storable
from pipeline.ingest.team import Roster
from pipeline.ingest.titles import filename_date, readable_title
from pipeline.ingest.written_sides import settle_written_sides
from pipeline.rival_names import RivalNames
from pipeline.store.models import Outcome


def apply_metadata(parsed: ParsedCall, metadata: CallMetadata) -> None:
    """Explicit field > the file's own value > unknown, written into ``parsed``."""
    parsed.call_date = metadata.date or parsed.call_date
    if metadata.date:
        parsed.extra = mark_set_by_hand(parsed.extra)
    parsed.account = metadata.account or parsed.account
    outcome = metadata.outcome or parsed.outcome or Outcome.unknown
    parsed.outcome = outcome if outcome in {o.value for o in Outcome} else Outcome.unknown
    parsed.deal_id = metadata.deal_id or parsed.deal_id
    parsed.deal_stage = metadata.deal_stage or parsed.deal_stage
    parsed.industry = metadata.industry or parsed.industry
    parsed.our_speakers = labels_for_ids(parsed, metadata.our_speakers) or parsed.our_speakers
    parsed.competitors = metadata.competitors or parsed.competitors
    parsed.title = metadata.title or parsed.title


def prepare_call(
    parsed: ParsedCall,
    filename: str,
    metadata: CallMetadata,
    index: int | None,
    roster: Roster,
    rivals: RivalNames,
    dates: DateContext,
    brands: Sequence[str] = (),
    on_file: Sequence[str] = (),
) -> IngestResult | StorableCall:
    """Merge metadata and assign roles (once, now that the seller's names are known): the call
    ready to store, or its result when it is skipped. ``on_file``: the competitors stored
    calls name, never this call's account."""
    if parsed.skip_reason is not None:
        return skipped(filename, parsed.skip_reason, index)
    digest = content_hash(parsed)  # before the metadata merge: only the file's content counts
    earlier = earlier_hashes(parsed) if parsed.format in TABLE_FORMATS else ()
    settle_date(parsed, dates)
    apply_metadata(parsed, metadata)
    mine = [*roster.companies, *brands, str(parsed.extra.get("our_company") or "")]
    if (named := settle_email_sides(parsed, mine)) and not parsed.extra.get("our_company"):
        parsed.extra["our_company"] = named  # "Haulbase <> Northgate" names the account beside it
    ours = [*roster.companies, str(parsed.extra.get("our_company") or "")]
    parsed.competitors = not_ours(rivals.canonical_list(parsed.competitors), [*brands, *ours])
    names = [*parsed.our_speakers, *roster.names]
    settle_our_lines(parsed, roster.lines, names)
    settle_written_sides(parsed, names, [c for c in ours if c])
    not_accounts = [*rivals.spellings(), *on_file]
    settle_people(parsed, roster, named_account(parsed, ours, names), not_accounts)
    read_buyer_choice(parsed, [*brands, *ours], rivals.spellings())  # once roles are known
    parsed.competitors = rivals.canonical_list(parsed.competitors)
    read_title(parsed, ours, names)
    fallback = domain_account(parsed, ours)  # always: it takes the addresses out of extra
    parsed.account = parsed.account or fallback
    parsed.title = readable_title(parsed.title) if parsed.title else parsed.title
    if index is None:  # one call in the file: its name's date is the call's, not an export's
        parsed.call_date = parsed.call_date or filename_date(filename)
    return storable(parsed, digest, filename, index, earlier)
