"""Whose side wrote what, settled once our team and company are known: an email thread's
writers, a single email's sender, a shared Slack channel's authors, a notes page's attendees of
ours. The file's addresses are read here and never stored."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.email_thread import settle_sender, settle_thread
from pipeline.ingest.note_takers import settle_note_takers
from pipeline.ingest.slack_sides import settle_slack


def settle_written_sides(call: ParsedCall, names: Sequence[str], companies: Sequence[str]) -> None:
    """The sides of a written exchange's people: ``names`` our people (roster and metadata),
    ``companies`` ours."""
    if (writers := call.extra.pop("email_thread", None)) is not None:
        settle_thread(call.utterances, writers, names, companies)
    if (sender := call.extra.pop("email_sender", None)) is not None:
        settle_sender(call.utterances, sender, names, companies)
    if (sides := call.extra.pop("slack_sides", None)) is not None:
        settle_slack(call, sides, names, companies)
    settle_note_takers(call, names, companies)
