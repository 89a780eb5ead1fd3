"""JSON transcripts: the callmine schema and the common ``participants``/``transcript`` export;
speech-to-text services and call recorders are read in ``json_exports``; chat exports (a list
of parts with an author and a body) in ``json_chat``; other JSON holding a list of speaker
turns somewhere inside is read by ``json_search``.

callmine schema (version 1); every key but ``utterances`` is optional::

    {
      "callmine": 1,
      "title": "Brightside Dental - pricing follow-up",
      "date": "2026-03-12",              # ISO, m/d/Y or "12 Mar 2026"
      "account": "Brightside Dental",    # the buyer's company
      "deal_id": "D-1042",
      "deal_stage": "Proposal",
      "outcome": "lost",                 # won | lost | open | unknown (or "Closed Won"...)
      "our_company": "Tidyhive",         # speakers with this company are reps
      "our_speakers": ["Maya Chen"],
      "competitors": ["Jobber"],
      "utterances": [
        {"speaker": "Maya Chen", "role": "rep", "start": 12.5, "text": "Thanks for..."},
        {"speaker": "Dana Ruiz", "company": "Brightside Dental", "start": "00:01:05",
         "text": "Honestly the price..."}
      ]
    }

``role`` (buyer | rep | unknown) is kept as given; without it the role is inferred.

Common export: ``{"participants": [{"name", "affiliation"}], "transcript": [{"speaker", "start",
"text"}]}`` with the same optional metadata keys, or those of the objects beside the transcript
(``call.title``). The people may be ``speakers``/``parties`` too, pointed to by id
(``speakerId``); their sides and companies are read in ``json_people``.
``start`` is seconds or ``"hh:mm:ss"`` in both shapes.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.header import apply_fields
from pipeline.ingest.json_chat import chat_parts
from pipeline.ingest.json_exports import export_reader
from pipeline.ingest.json_people import (
    as_people,
    listed_people,
    listed_speaker,
    people_by_key,
    take_side,
)
from pipeline.ingest.json_pieces import dicts, spoken_entries
from pipeline.ingest.json_search import (
    TEXT_KEYS,
    TURN_SHAPE,
    date_value,
    first_line_date,
    held,
    list_stated_sides,
    missing_speech,
    nearby_fields,
    search_speech,
)
from pipeline.ingest.json_tickets import ticket_threads
from pipeline.ingest.summary_notes import aside_notice
from pipeline.ingest.turns import merge_turns
from pipeline.ingest.values import clean_optional, parse_timestamp

ROLES = ("buyer", "rep", "unknown")
_START_KEYS = ("start", "start_time", "startTime", "timestamp")
_METADATA_KEYS = ("title", "date", "account", "deal_id", "deal_stage", "industry", "outcome")
_LIST_KEYS = ("our_speakers", "competitors")
_SUMMARY_KEYS = ("summary", "overview", "ai_summary")
_SUMMARY_DEPTH = 4  # how deep an export nests its call ("data", "transcript")


def looks_like_json(text: str) -> bool:
    """A JSON object or array, whatever the file is called."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _malformed_json(exc: json.JSONDecodeError) -> str:
    """Why a JSON file could not be read, and where: said plainly when the file stops before
    its JSON closes (an export or download cut short), whatever the parser stumbled on there.

    Why: a truncated export had said "Invalid control character at at line 1 column 106" (the
    parser's own message ends in "at"), and nothing said the file was simply incomplete."""
    text = exc.doc
    content_end = len(text.rstrip())
    # The parser failed at the end of the content: on nothing, or on the newline that ends it;
    # an unterminated string runs to the end of the file by definition.
    if exc.msg.startswith("Unterminated string") or exc.pos >= content_end:
        line = text.count("\n", 0, content_end) + 1
        column = content_end - text.rfind("\n", 0, content_end)
        return (
            f"malformed JSON: the file is cut short (it stops at line {line} column {column} "
            "before its brackets and quotes are closed): export or download it again"
        )
    where = "" if exc.msg.endswith(" at") else " at"
    return f"malformed JSON: {exc.msg}{where} line {exc.lineno} column {exc.colno}"


def parse_json(text: str, filename: str) -> list[ParsedCall]:
    """The calls in a JSON document (one, or one per call of a Gong export); a ``BadInput``
    says what is missing or wrong, and where."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_malformed_json(exc), filename=filename) from exc
    reader = export_reader(document)
    if reader is not None:
        try:
            return _summary_aside(document, _titled(document, reader(document, text)))
        except BadInput as exc:  # a reader's own reason names no file
            raise BadInput(exc.detail, filename=exc.filename or filename) from exc
        except (AttributeError, TypeError, ValueError, KeyError, IndexError) as exc:
            # The readers skip what they do not expect; this is the net for what they missed.
            raise BadInput(
                f"malformed JSON export: {type(exc).__name__}", filename=filename
            ) from exc
    if not _has_callmine_list(document):
        found = (
            ticket_threads(document, text)
            or chat_parts(document, text)
            or search_speech(document, text)
        )
        if found is not None:
            return _summary_aside(document, found)
        if isinstance(document, dict) and not {"utterances", "transcript"} & document.keys():
            raise BadInput(missing_speech(document), filename=filename)
    return _summary_aside(document, [_parse_callmine(document, text, filename)])


def _titled(document: Any, calls: list[ParsedCall]) -> list[ParsedCall]:
    """A speech service's one call titled by the meeting's or job's name its export holds
    (``nearby_fields``): an AWS Transcribe call had been listed by its file name, its
    ``jobName`` ignored."""
    if isinstance(document, dict) and len(calls) == 1 and not calls[0].title:
        calls[0].title = clean_optional(nearby_fields(document).get("title"))
    return calls


def _summary_aside(document: Any, calls: list[ParsedCall]) -> list[ParsedCall]:
    """A recorder's own summary beside the speech (Fireflies' ``summary``: overview, keywords,
    action items) kept in ``extra`` and named in the upload's result: it is no one's words,
    and it had vanished without a word."""
    if not isinstance(document, dict) or len(calls) != 1 or "summary" in calls[0].extra:
        return calls
    holder = _summary_holder(document)
    lines = [
        line.strip()
        for key in _SUMMARY_KEYS
        for value in _texts(holder.get(key))
        for line in value.splitlines()
        if line.strip()
    ]
    if lines:
        [call] = calls
        call.extra["summary"] = lines
        call.notice = "; ".join(filter(None, (call.notice, aside_notice({"summary": lines}))))
    return calls


def _summary_holder(document: dict[str, Any]) -> dict[str, Any]:
    """The shallowest object, through objects only (never a list of turns), that holds a
    summary: Fireflies' API answer nests it at ``data.transcript.summary``, where it had been
    dropped without a word."""
    level = [document]
    for _depth in range(_SUMMARY_DEPTH):
        for entry in level:
            if any(_texts(entry.get(key)) for key in _SUMMARY_KEYS):
                return entry
        level = [child for entry in level for child in entry.values() if isinstance(child, dict)]
    return document


def _texts(value: Any) -> list[str]:
    """The strings in a JSON value, however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def _has_callmine_list(document: Any) -> bool:
    """A list at the top, or under ``utterances``/``transcript``: the callmine reader's, with
    its precise errors; anything else may hold its turns deeper (``search_speech``)."""
    return isinstance(document, list) or (
        isinstance(document, dict)
        and any(isinstance(document.get(key), list) for key in ("utterances", "transcript"))
    )


def _parse_callmine(document: Any, text: str, filename: str) -> ParsedCall:
    """The callmine schema or the common participants/transcript export."""
    if isinstance(document, list) and not dicts(document):  # [0.12, 0.5, 3]: no turns
        raise BadInput(missing_speech(document), filename=filename)
    if isinstance(document, list):
        document = {"transcript": document}
    if not isinstance(document, dict):
        raise BadInput("malformed JSON: expected an object with 'utterances'", filename=filename)
    key = "utterances" if "utterances" in document else "transcript"
    entries = document.get(key)
    if not isinstance(entries, list):
        raise BadInput(
            "JSON transcript not found: expected a list under 'utterances' (callmine schema) "
            "or 'transcript' (with 'participants')",
            filename=filename,
        )
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    apply_fields(call, _fields_around(document))
    our_company = clean_optional(document.get("our_company"))
    if our_company:
        call.extra["our_company"] = our_company
    _check_participants(document.get("participants"), filename)
    listed = listed_people(document)
    call.people.extend(as_people(listed))
    people = people_by_key(listed)
    call.call_date = call.call_date or first_line_date(dicts(entries))
    spoken = {id(entry) for entry in spoken_entries(dicts(entries))}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and id(entry) not in spoken:
            continue  # a tool's label among the lines ("moment", "highlight"), not speech
        utterance = _utterance(entry, f"{key}[{index}]", people, filename)
        if utterance is not None:
            call.utterances.append(utterance)
    call.utterances = merge_turns(call.utterances)
    list_stated_sides(call)  # a nested ``participant: {name, type}`` with no people list
    return call


def _fields_around(document: dict[str, Any]) -> dict[str, str]:
    """The call's own keys at the top, then those beside the speech (``call.title``,
    ``call.date``, ``startedAt``...) for what the top leaves out."""
    fields = {k: str(document[k]) for k in _METADATA_KEYS if document.get(k) is not None}
    fields.update({k: _joined(document[k]) for k in _LIST_KEYS if document.get(k) is not None})
    nearby = nearby_fields(document)
    for name, value in nearby.items():
        if name != "date":
            fields.setdefault(name, str(value))
    if "date" not in fields and (date := date_value(nearby.get("date"))) is not None:
        fields["date"] = date.isoformat()
    return fields


def _joined(value: Any) -> str:
    return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _check_participants(value: Any, filename: str) -> None:
    if value is not None and (
        not isinstance(value, list) or not all(isinstance(p, dict) for p in value)
    ):
        raise BadInput("JSON 'participants' must be a list of objects", filename=filename)


def _utterance(
    entry: Any, where: str, participants: dict[str, dict[str, Any]], filename: str
) -> ParsedUtterance | None:
    if not isinstance(entry, dict):  # one stray value among the turns
        raise BadInput(
            f"JSON {where} is {held([entry])}, not a turn; {TURN_SHAPE}", filename=filename
        )
    key = next((key for key in TEXT_KEYS if entry.get(key) is not None), None)
    if key is None:
        raise BadInput(_no_text(entry, where), filename=filename)
    text = entry[key]
    if not isinstance(text, str):
        raise BadInput(f"JSON {where}.{key} is not a string", filename=filename)
    if not text.strip():
        return None
    speaker, participant = listed_speaker(entry, participants)
    raw_start = next((entry[k] for k in _START_KEYS if entry.get(k) is not None), None)
    start = parse_timestamp(raw_start)
    if raw_start not in (None, "") and start is None:
        raise BadInput(
            f"JSON {where}.start {raw_start!r} is not seconds or hh:mm:ss", filename=filename
        )
    utterance = ParsedUtterance(" ".join(text.split()), speaker, start)
    utterance.company = clean_optional(entry.get("company") or entry.get("affiliation"))
    _apply_role(utterance, entry, participant, where, filename)
    return utterance


def _no_text(entry: dict[str, Any], where: str) -> str:
    """Why a turn has no text, naming the keys it does have: a Jiminny export's ``sentence``
    had been refused as "has no 'text'", which told the user nothing of their file."""
    others = ", ".join(repr(key) for key in TEXT_KEYS[1:])
    found = ", ".join(repr(key) for key in list(entry)[:8]) or "none"
    return f"JSON {where} has no 'text' (nor {others}); its keys are {found}"


def _apply_role(
    utterance: ParsedUtterance,
    entry: dict[str, Any],
    participant: dict[str, Any],
    where: str,
    filename: str,
) -> None:
    """A stated role wins; a listed person's side is one; a company name is kept."""
    role = entry.get("role")
    if role is not None:
        role = str(role).strip().casefold()
        if role not in ROLES:
            raise BadInput(
                f"JSON {where}.role {role!r} is not one of {', '.join(ROLES)}", filename=filename
            )
        utterance.role = role
        utterance.role_from_source = role != "unknown"
        return
    take_side(utterance, participant)
