"""Our own phone lines on a phone tool's transcript whose speakers are only numbers (Aircall,
Dialpad, RingCentral): when the header says neither the call's direction nor who handled it,
the workspace's ``CALLMINE_OUR_PHONE_NUMBERS`` says which number is ours. The reader keeps
each numbered speaker's ``phone_key`` in ``extra`` until the ingest service, which knows the
setting, settles the sides; the keys are taken out there and never stored."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.call_lines import phone_key, without_numbers
from pipeline.ingest.names import norm_name
from pipeline.ingest.role_labels import PHONE_SPEAKER, is_unsided_phone
from pipeline.ingest.turns import Turn, name_callers
from pipeline.redact import is_phone_number

PHONE_LINES = "phone_lines"  # extra key: {"speakers": {label: phone_key}, "rep": name}; not stored


def keep_phone_lines(call: ParsedCall, speakers: dict[str, str], rep: str | None) -> None:
    """Remember, for the ingest service, which number each numbered speaker spoke from and the
    one rep the header names (``None`` when it names no one or several)."""
    if speakers:
        call.extra[PHONE_LINES] = {"speakers": speakers, "rep": rep}


def name_numbered(call: ParsedCall) -> None:
    """Speakers a JSON transcript labels by phone number named as the text reader names them
    (``name_callers``: ``Caller``, ``Caller 2``; ``Phone 1``, ``Phone 2`` when only numbers
    speak), their numbers kept for ``settle_our_lines``: a number had been a speaker's name."""
    turns = [
        None
        if not u.speaker
        else Turn(u.speaker, None, None, "", "buyer", phone_key(u.speaker))
        if is_phone_number(u.speaker)
        else Turn(u.speaker, None, None, "")
        for u in call.utterances
    ]
    if not any(turn and turn.number for turn in turns):
        return
    name_callers(turns, {}, None)
    for utterance, turn in zip(call.utterances, turns, strict=True):
        if turn is not None and turn.number is not None:
            utterance.speaker, utterance.role = turn.speaker, turn.role or "unknown"
            utterance.role_from_source = turn.role is not None
    keep_phone_lines(call, {t.speaker: t.number for t in turns if t and t.number}, None)
    call.notice = call.notice or unsided_notice(call.utterances)


def name_the_caller(call: ParsedCall) -> None:
    """The one ``Caller`` is the one contact the header names ("Contact: Terrence Boyd -
    Brightlane Delivery" over a number's turns): the buyer had been "Caller" and the title
    "Call with" once the number was taken out of "Call with: (312) 555-0187"."""
    speakers = {u.speaker for u in call.utterances if u.speaker}
    contacts = {p.name for p in call.people if p.role == "buyer" and p.name != PHONE_SPEAKER}
    if PHONE_SPEAKER not in speakers or len(contacts) != 1 or contacts & speakers:
        return
    if any(speaker.startswith(f"{PHONE_SPEAKER} ") for speaker in speakers):
        return  # two numbers on the other side: which one the contact is, the file does not say
    [name] = contacts
    for utterance in call.utterances:
        if utterance.speaker == PHONE_SPEAKER:
            utterance.speaker = name
    kept = call.extra.get(PHONE_LINES)
    if kept and PHONE_SPEAKER in kept["speakers"]:
        kept["speakers"][name] = kept["speakers"].pop(PHONE_SPEAKER)
    if call.title and _names_no_one(call.title):
        call.title = f"Call with {name}"


def _names_no_one(title: str) -> bool:
    """ "Call with: (312) 555-0187": a title that is a number and words around it."""
    return without_numbers(title).strip(" :·|-").casefold() in ("", "call", "call with")


def unsided_notice(utterances: list[ParsedUtterance]) -> str | None:
    """Told with the upload: two phone numbers talked and the file does not say which is
    ours, so their sides are guessed from how each talks, or left for the user to set."""
    phones = sorted({u.speaker for u in utterances if u.speaker and is_unsided_phone(u.speaker)})
    if len(phones) < 2:
        return None
    return (
        f"{' and '.join(phones)} are phone numbers and the file does not say which line is ours "
        f"(no call direction or rep named): set the rep with call-update --role '{phones[0]}=rep', "
        "or list our lines in CALLMINE_OUR_PHONE_NUMBERS"
    )


def settle_our_lines(
    call: ParsedCall, our_lines: Collection[str], roster_names: Sequence[str] = ()
) -> None:
    """A numbered speaker on one of ``our_lines`` (numbers in any written form) is our rep,
    named by the one rep the header names, else the one roster member the call names, else
    "Rep"; the other numbers are the other side's ``Caller``, ``Caller 2`` in the order they
    first speak. A speaker the header already made ours stays as it is. Always takes the kept
    numbers out of ``extra``."""
    kept = call.extra.pop(PHONE_LINES, None)
    ours = {phone_key(number) for number in our_lines}
    speakers: dict[str, str] = kept["speakers"] if kept else {}
    if not ours & set(speakers.values()):
        return
    rep = kept["rep"] if kept else None
    rep = rep or _named_member(call, roster_names) or "Rep"
    stale = unsided_notice(call.utterances)
    callers: dict[str, str] = {}  # phone_key -> the caller's label, in speaking order
    for utterance in call.utterances:
        key = speakers.get(utterance.speaker or "")
        if key is None or (utterance.role == "rep" and key not in ours):
            continue
        if key in ours:
            if utterance.role != "rep":
                utterance.speaker = rep
        else:
            number = callers.setdefault(key, f"{PHONE_SPEAKER} {len(callers) + 1}")
            utterance.speaker = PHONE_SPEAKER if number == f"{PHONE_SPEAKER} 1" else number
        utterance.role = "rep" if key in ours else "buyer"
        utterance.role_from_source = True
    if call.notice == stale:
        call.notice = unsided_notice(call.utterances)


def _named_member(call: ParsedCall, roster_names: Sequence[str]) -> str | None:
    """The one roster member among the people the call names, if exactly one."""
    roster = {norm_name(name): name for name in roster_names}
    named = {norm_name(person.name) for person in call.people} | {
        norm_name(name) for name in call.our_speakers
    }
    found = [roster[key] for key in named if key in roster]
    return found[0] if len(found) == 1 else None
