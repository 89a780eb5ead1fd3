"""Who is the customer in a Slack channel shared with them (Slack Connect), once our team and
company are known.

Why: every author of a Slack export had been taken as ours, so in a channel shared with a
customer their own objections were filed as our notes. An author the file shows outside the
workspace (another team in the export, or "(Acme Logistics)", "(external)" by the name in a
paste) is the buyer unless on our roster or at our company; in an export with several teams,
ours are the teams our people write from. When nothing tells, every author stays ours."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.names import name_matches


def settle_slack(
    call: ParsedCall, sides: object, names: Sequence[str], companies: Sequence[str]
) -> None:
    """The authors' sides (``sides``: author -> ``team``, ``external``, ``company`` as the
    file showed them): the customer's messages the buyer's, ours the rep's words to them."""
    if not isinstance(sides, dict):
        return
    shown = {str(author): side for author, side in sides.items() if isinstance(side, dict)}
    listed = {a for a in shown if any(name_matches(a, name) for name in names)}
    our_teams = {shown[a].get("team") for a in listed if shown[a].get("team")}
    theirs = {
        author
        for author, side in shown.items()
        if author not in listed
        and not _our_company(str(side.get("company") or ""), companies)
        and (side.get("external") or (our_teams and side.get("team") not in our_teams))
    }
    call.our_speakers = [author for author in shown if author not in theirs]
    if not theirs:
        return
    for utterance in call.utterances:
        if utterance.speaker in theirs:
            utterance.role = "buyer"
            utterance.company = utterance.company or shown[utterance.speaker].get("company") or None
        elif utterance.role == "rep_note":
            utterance.role = "rep"  # said to the customer in the channel, not a note about them


def _our_company(company: str, companies: Sequence[str]) -> bool:
    key = company.casefold().strip()
    return bool(key) and any(key == ours.casefold().strip() for ours in companies)
