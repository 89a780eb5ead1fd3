"""Speakers a file gives only by an opaque id, shown as ``Speaker 1``, ``Speaker 2`` in the order
they first speak. Gong without its parties, a recorder's ``speakerId`` UUIDs, a hex hash: the
call page, quotes and documents had shown "Speaker 4410022003300440001" as a person, and no one
could tell who was who. The ids are kept in the call's ``extra`` (and told with the upload), so
a user can still match each number to the person in the tool that recorded the call.

Short labels a service chose to be read (``spk_0``, ``S1``, ``Speaker A``, ``SPEAKER_00``) and
phone numbers (``phone_lines`` names those) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.record_ids import is_record_id
from pipeline.redact import is_phone_number

SPEAKER_IDS = "speaker_ids"  # extra key: {"Speaker 1": "4410022003300440001", ...}; stored
SPEAKER_IDS_FROM = "speaker_ids_from"  # extra key: the tool whose ids they are ("Gong"); stored
NUMBERED = "Speaker"
# A word a reader puts before a bare id ("Speaker 4410022003300440001", "participant_3f2a...").
_LEAD_WORD = re.compile(
    r"^(?:speaker|spk|participant|user|guest|person|voice|attendee)[\s_#:-]*(?P<id>\S.*)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"^\d{5,}$")  # an id a reader called a speaker's number: never a count


def opaque_id(label: str) -> str | None:
    """The id a speaker label is and nothing more (a long number, a UUID, a hex hash, a CRM
    record id), with any leading "Speaker" taken off; ``None`` for a name, a short label
    (``Speaker 2``, ``spk_0``, ``S1``) or a phone number."""
    text = label.strip()
    led = _LEAD_WORD.match(text)
    if led and (_DIGITS.match(led.group("id")) or _is_id(led.group("id"))):
        return led.group("id")
    return text if _is_id(text) else None


def _is_id(text: str) -> bool:
    # Lower-cased: a hex hash is as opaque in capitals ("5F1E0C9A...") as in small letters.
    return is_record_id(text.lower()) and not is_phone_number(text)


def number_opaque_speakers(call: ParsedCall, tool: str | None = None) -> None:
    """Each speaker that is only an id renamed ``Speaker N`` (N in the order of their first turn,
    skipping a number the call already uses); the ids kept in ``extra`` by their new label and
    each label as read in ``read_speakers`` (the content hash). ``tool`` names whose ids they
    are ("Gong")."""
    taken = {u.speaker.casefold() for u in call.utterances if u.speaker}
    renamed: dict[str, str] = {}  # label as read -> new label
    ids: dict[str, str] = {}  # new label -> id
    for utterance in call.utterances:
        read = utterance.speaker
        if not read or (found := opaque_id(read)) is None:
            continue
        if read not in renamed:
            renamed[read] = _free_label(taken, len(ids) + 1)
            ids[renamed[read]] = found
        utterance.speaker = renamed[read]
        if utterance.said_by == read:
            utterance.said_by = renamed[read]
    if not ids:
        return
    call.extra[SPEAKER_IDS] = {**call.extra.get(SPEAKER_IDS, {}), **ids}
    if tool:
        call.extra[SPEAKER_IDS_FROM] = tool
    call.read_speakers.update({label: read for read, label in renamed.items()})
    call.our_speakers = labels_for_ids(call, call.our_speakers)


def _free_label(taken: set[str], number: int) -> str:
    while f"{NUMBERED} {number}".casefold() in taken:
        number += 1
    taken.add(f"{NUMBERED} {number}".casefold())
    return f"{NUMBERED} {number}"


def labels_for_ids(call: ParsedCall, names: Sequence[str]) -> list[str]:
    """``names`` (``--our-speakers``) with a numbered speaker's id, bare or as the file wrote
    it, given as the speaker's label: "4410022003300440001" is the call's ``Speaker 1``."""
    ids = call.extra.get(SPEAKER_IDS)
    by_id = {str(found): str(label) for label, found in ids.items()} if ids else {}
    by_id.update({read: label for label, read in call.read_speakers.items()})
    return [by_id.get(name.strip(), name) for name in names]


def follow_renames(call: ParsedCall, named: dict[str, str]) -> None:
    """The ids kept under the names their speakers took later (``Speaker 1`` who says "it's
    Tom from SiteSure" is the roster's Tom Galloway): the id stays with the person."""
    ids = call.extra.get(SPEAKER_IDS)
    if ids:
        call.extra[SPEAKER_IDS] = {named.get(label, label): found for label, found in ids.items()}


def shown_speaker_ids(extra: dict[str, object]) -> dict[str, str]:
    """Label -> how its id is said ("Gong id 4410022003300440001"), for a call's page."""
    ids = extra.get(SPEAKER_IDS)
    if not isinstance(ids, dict):
        return {}
    tool = extra.get(SPEAKER_IDS_FROM)
    said = f"{tool} id" if isinstance(tool, str) and tool else "id"
    return {str(label): f"{said} {found}" for label, found in ids.items()}


def speaker_ids_notice(call: ParsedCall) -> str | None:
    """Told with the upload: which number each id became, so a user can say who is who."""
    shown = shown_speaker_ids(call.extra)
    if not shown:
        return None
    listed = ", ".join(f"{label} ({said})" for label, said in shown.items())
    return (
        "speakers the file gives only by an id are shown by number, in the order they first "
        f"speak: {listed}"
    )
