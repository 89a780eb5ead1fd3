"""Gong's call JSON, in every layout its API answers and scripts save it in: the calls
(``calls[]`` with ``metaData``, ``parties``, ``context``) and their monologues
(``{speakerId, topic, sentences[{start, end, text}]}``) either in a top-level
``callTranscripts[{callId, transcript}]`` (the two API answers saved side by side), inside each
call (``calls[].transcript``, a merged export), or alone (one ``CallTranscript``, a bare list of
monologues). A monologue's ``speakerId`` points to a party, whose name and Internal/External
affiliation are the speaker and side. A merged export had been refused as holding no speaker
turns while it held seven. A speaker known only by id (no parties, or one they do not list) is
shown as ``Speaker 1`` with the Gong id told beside it (``speaker_ids``).
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.json_people import (
    SPEAKER_REF_KEYS,
    as_people,
    listed_speaker,
    people_by_key,
    side_of,
)
from pipeline.ingest.json_pieces import as_dict, dicts, piece, seconds, to_turns
from pipeline.ingest.speaker_ids import number_opaque_speakers
from pipeline.ingest.values import clean_optional, outcome_from_stage, parse_date

# A call and its monologues, as the file pairs them.
CallSpeech = tuple[dict[str, Any], list[dict[str, Any]]]


def _is_monologue(entry: dict[str, Any]) -> bool:
    return isinstance(entry.get("sentences"), list)


def _are_monologues(value: Any) -> bool:
    """A list whose objects are mostly Gong monologues (a speaker's ``sentences``)."""
    entries = dicts(value)
    return bool(entries) and sum(map(_is_monologue, entries)) * 2 > len(entries)


def _monologues_of(holder: dict[str, Any]) -> list[dict[str, Any]]:
    """A call's or a ``CallTranscript``'s monologues: its ``transcript`` list, or the list of
    the ``CallTranscript`` object a script put there."""
    transcript = holder.get("transcript")
    if isinstance(transcript, dict):
        transcript = transcript.get("transcript")
    return dicts(transcript) if _are_monologues(transcript) else []


def _holds_calls(value: Any) -> bool:
    return any(
        "parties" in call or "metaData" in call or _monologues_of(call) for call in dicts(value)
    )


def is_gong_export(document: Any) -> bool:
    """Gong's calls or transcripts, in any of the layouts this module reads."""
    if isinstance(document, list):
        return _are_monologues(document) or _holds_calls(document)
    if not isinstance(document, dict):
        return False
    return (
        "callTranscripts" in document
        or _holds_calls(document.get("calls"))
        or bool(_monologues_of(document))
    )


def _call_id(call: dict[str, Any]) -> str:
    meta = as_dict(call.get("metaData"))
    return str(meta.get("id") or call.get("id") or call.get("callId") or "")


def calls_with_speech(document: Any) -> list[CallSpeech]:
    """Each call of the file with its monologues: its own, else those ``callTranscripts``
    gives for its id; transcripts of calls the file does not describe come last, bare."""
    if isinstance(document, list):
        document = {"transcript": document} if _are_monologues(document) else {"calls": document}
    calls = dicts(document.get("calls"))
    if not calls and ("metaData" in document or _monologues_of(document)):
        calls = [document]  # one call, or one CallTranscript
    transcripts: dict[str, list[dict[str, Any]]] = {}
    for transcript in dicts(document.get("callTranscripts")):
        transcripts.setdefault(str(transcript.get("callId") or ""), []).extend(
            _monologues_of(transcript)
        )
    found = [(call, _own_or_listed(call, transcripts)) for call in calls]
    found += [({"metaData": {"id": cid}}, mono) for cid, mono in transcripts.items()]
    return found


def _own_or_listed(
    call: dict[str, Any], transcripts: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    listed = transcripts.pop(_call_id(call), [])
    return _monologues_of(call) or listed


def _context_fields(call: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Gong's CRM context: object type -> field name -> value (plus ``objectId``)."""
    found: dict[str, dict[str, str]] = {}
    for system in dicts(call.get("context")):
        for crm_object in dicts(system.get("objects")):
            fields = found.setdefault(str(crm_object.get("objectType", "")), {})
            fields.setdefault("objectId", str(crm_object.get("objectId", "")))
            for item in dicts(crm_object.get("fields")):
                if item.get("value") is not None:
                    fields.setdefault(str(item.get("name")), str(item["value"]))
    return found


def _speaker_ref(monologue: dict[str, Any]) -> str:
    return str(next((monologue[k] for k in SPEAKER_REF_KEYS if monologue.get(k)), ""))


def _turns(
    monologues: list[dict[str, Any]], people: dict[str, dict[str, Any]]
) -> list[ParsedUtterance]:
    pieces: list[ParsedUtterance | None] = []
    for monologue in monologues:
        speaker, party = listed_speaker(monologue, people)
        sentences = dicts(monologue.get("sentences"))
        start = seconds(sentences[0].get("start"), 1000) if sentences else None
        found = piece(" ".join(str(s.get("text", "")) for s in sentences), speaker, start)
        role = side_of(party)
        if found is not None and role is not None:
            found.role, found.role_from_source = role, True
        pieces.append(found)
    return to_turns(pieces)


def _unlisted_notice(
    monologues: list[dict[str, Any]], people: dict[str, dict[str, Any]]
) -> str | None:
    """Speakers the call's parties do not list: kept apart by their id (shown by number,
    ``speaker_ids``), their side not given."""
    if not people:
        return None
    unlisted = {_speaker_ref(m) for m in monologues if not listed_speaker(m, people)[1]}
    if not unlisted:
        return None
    return (
        f"{len(unlisted)} speaker id(s) not among the call's parties "
        f"({', '.join(sorted(unlisted)[:3])}): the file gives no side for their turns"
    )


def _call(meta_call: dict[str, Any], monologues: list[dict[str, Any]], text: str) -> ParsedCall:
    meta = as_dict(meta_call.get("metaData")) or meta_call
    parties = dicts(meta_call.get("parties"))
    people = people_by_key(parties)
    call = ParsedCall(format="json", raw_text=text, utterances=[], people=as_people(parties))
    call.utterances = _turns(monologues, people)
    number_opaque_speakers(call, "Gong")
    call.notice = _unlisted_notice(monologues, people)
    context = _context_fields(meta_call)
    call.title = clean_optional(meta.get("title"))
    call.call_date = parse_date(meta.get("started") or meta.get("scheduled"))
    call.account = clean_optional(context.get("Account", {}).get("Name"))
    opportunity = context.get("Opportunity", {})
    call.deal_id = clean_optional(opportunity.get("objectId"))
    call.deal_stage = clean_optional(opportunity.get("StageName"))
    call.outcome = outcome_from_stage(call.deal_stage)
    return call


def unread_speech(found: list[CallSpeech]) -> str:
    """Why a Gong file gave no turns: what it holds, and what could not be read."""
    monologues = [m for _call, mono in found for m in mono]
    if not monologues:
        return (
            f"Gong export with {len(found)} call(s) but no transcript: no 'transcript' inside "
            "a call and no 'callTranscripts' beside them (export the call transcripts too)"
        )
    sentences = [s for m in monologues for s in dicts(m.get("sentences"))]
    keys = list(dict.fromkeys(key for s in sentences[:20] for key in s))[:6]
    return (
        f"Gong export with {len(found)} call(s) and {len(monologues)} monologue(s) of "
        f"{len(sentences)} sentence(s), but no sentence has a 'text' to read"
        + (f" (their keys: {', '.join(repr(k) for k in keys)})" if keys else "")
    )


def gong_calls(document: Any, text: str) -> list[ParsedCall]:
    """One call per Gong call in the file; a ``BadInput`` says what it held when no turn
    could be read."""
    found = calls_with_speech(document)
    calls = [_call(meta_call, monologues, text) for meta_call, monologues in found]
    if not any(call.utterances for call in calls):
        raise BadInput(unread_speech(found))
    return calls
