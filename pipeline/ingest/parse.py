"""Read one file into calls: the format sniffed from content and extension, then its parser.

``read_calls`` is what the ingest service calls (roles come after the metadata merge);
``parse_file`` also assigns roles, for callers that read a file on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.clock_times import times_from_first_stamp
from pipeline.ingest.csv_file import calls_from_rows, looks_like_csv, parse_csv
from pipeline.ingest.decode import binary_kind, decode_text, decode_upload
from pipeline.ingest.docx_file import is_docx, parse_docx
from pipeline.ingest.html_file import looks_like_html, parse_html
from pipeline.ingest.json_file import looks_like_json, parse_json
from pipeline.ingest.mailbox import looks_like_mailbox, parse_mailbox
from pipeline.ingest.names import tidy_speaker_names
from pipeline.ingest.pdf_file import is_pdf, parse_pdf
from pipeline.ingest.phone_lines import settle_our_lines
from pipeline.ingest.prose import split_long
from pipeline.ingest.quotes import quote_buyers
from pipeline.ingest.readable import check_readable, run_on_labels, too_short
from pipeline.ingest.roles import assign_roles, fill_account
from pipeline.ingest.rtf_file import looks_like_rtf, parse_rtf
from pipeline.ingest.sbv import looks_like_sbv, parse_sbv
from pipeline.ingest.speaker_ids import labels_for_ids, number_opaque_speakers
from pipeline.ingest.spreadsheet import is_xlsx, sheet_rows
from pipeline.ingest.srt_file import looks_like_srt, parse_srt
from pipeline.ingest.stacked import text_calls
from pipeline.ingest.txt import parse_text
from pipeline.ingest.vtt import looks_like_vtt, parse_vtt
from pipeline.ingest.written_sides import settle_written_sides

# Extension -> format it suggests; the content can overrule it (a .txt that is really VTT).
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".vtt": "vtt",
    ".srt": "srt",
    ".sbv": "sbv",  # YouTube / Vidyard captions (``sbv``)
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".docx": "docx",
    ".xlsx": "xlsx",  # a CRM report saved from Excel (``spreadsheet``)
    ".pdf": "pdf",  # the transcript's text layer (``pdf_file``)
    ".eml": "txt",  # a saved email: read as notes (``email_file``)
    ".mbox": "txt",  # a mailbox (Gmail Takeout): one call per thread (``mailbox``)
    ".html": "html",  # a transcript page saved from the browser (``html_file``)
    ".htm": "html",
    ".rtf": "rtf",  # TextEdit / WordPad (``rtf_file``)
}
FORMATS = ("txt", "md", "vtt", "srt", "sbv", "json", "csv", "xlsx", "docx", "pdf", "html", "rtf")
# Files that are never a call, whatever text they hold: a product profile (.toml) uploaded with
# the calls had become "5 notes" whose lines were detected as objections.
NOT_CALLS: dict[str, str] = {
    **dict.fromkeys((".toml", ".yaml", ".yml", ".ini", ".cfg", ".conf", ".env"), "configuration"),
    **dict.fromkeys((".py", ".js", ".ts", ".sh", ".sql", ".css"), "source code"),
}

TextParser = Callable[[str, str, "dict[str, str] | None"], list[ParsedCall]]
_TEXT_PARSERS: dict[str, TextParser] = {
    "txt": lambda text, name, _map: (
        parse_mailbox(text, name) if looks_like_mailbox(text) else text_calls(text, "txt")
    ),
    "md": lambda text, name, _map: text_calls(text, "md"),
    "vtt": lambda text, name, _map: [parse_vtt(text, name)],
    "srt": lambda text, name, _map: [parse_srt(text, name)],
    "sbv": lambda text, name, _map: [parse_sbv(text, name)],
    "json": lambda text, name, _map: parse_json(text, name),
    "csv": parse_csv,
    "html": lambda text, name, _map: parse_html(text, name),
    "rtf": lambda text, name, _map: parse_rtf(text, name),
}


def sniff_format(data: bytes, filename: str) -> str:
    """The format of an upload (one of ``FORMATS``); a ``BadInput`` for binary or empty files."""
    if is_docx(data):
        return "docx"
    if is_xlsx(data):
        return "xlsx"
    if is_pdf(data):
        return "pdf"
    return _sniff_text(decode_text(data, filename), filename)


def _extension(filename: str) -> str:
    return PurePath(filename).suffix.casefold()


def _sniff_text(text: str, filename: str) -> str:
    """Strong content signatures first, then the extension, then weaker content hints."""
    extension = SUPPORTED_EXTENSIONS.get(_extension(filename))
    if looks_like_rtf(text):
        return "rtf"
    if looks_like_html(text):
        return "html"
    if looks_like_vtt(text):
        return "vtt"
    if looks_like_srt(text):
        return "srt"
    if looks_like_sbv(text):
        return "sbv"
    if extension in ("json", "vtt", "srt", "sbv", "csv", "html"):
        return extension
    if looks_like_json(text):
        return "json"
    if looks_like_csv(text):
        return "csv"
    return extension if extension in ("md", "txt") else "txt"


def read_calls(
    data: bytes, filename: str, *, column_map: dict[str, str] | None = None
) -> list[ParsedCall]:
    """Parse one file into calls (one per CSV row, Gong call or header block), roles not yet
    assigned; buyers quoted in rep notes split out, long monologues split at sentences.

    Every problem is a ``BadInput`` naming the file: empty, binary, undecodable, malformed,
    a zip bomb, no utterances at all, or free text that reads as neither a conversation nor
    a note.
    """
    if not data.strip():
        raise BadInput("file is empty", filename=filename)
    kind = NOT_CALLS.get(_extension(filename))
    if kind is not None:
        raise BadInput(
            f"not a call: a {_extension(filename)} file is {kind} (a product profile is set "
            "with `callmine product set` or on the Product page)",
            filename=filename,
        )
    try:
        calls = _parse(data, filename, column_map)
    except RecursionError as exc:  # json and the XML readers recurse once per nesting level
        raise BadInput("nested too deeply to read", filename=filename) from exc
    if not any(call.utterances for call in calls):
        raise too_short(calls, filename) or BadInput(
            "no utterances found: no speaker turns, notes or paragraphs with text",
            filename=filename,
        )
    for call in calls:
        call.utterances = [u for u in call.utterances if not _only_noise(u.text)]
        tidy_speaker_names(call)
        number_opaque_speakers(call)
        times_from_first_stamp(call)
        check_readable(call, filename)
        call.notice = call.notice or run_on_labels(call.utterances)
        quote_buyers(call)
        call.utterances = split_long(call.utterances)
    return calls


# A turn that says nothing: "[inaudible]", "(crosstalk)", "[laughs] [music]".
_NOISE = re.compile(r"^(?:\s*(?:\[[^\]]{1,40}\]|\([^)]{1,40}\)|\.{3}|…|-{2,})\s*)+$")


def _only_noise(text: str) -> bool:
    return bool(_NOISE.match(text))


def _parse(data: bytes, filename: str, column_map: dict[str, str] | None) -> list[ParsedCall]:
    if is_docx(data):
        return parse_docx(data, filename)
    if is_xlsx(data):
        calls = calls_from_rows(sheet_rows(data, filename, column_map), filename, column_map)
        for call in calls:
            call.format = "xlsx"
        return calls
    if is_pdf(data):
        return parse_pdf(data, filename)
    office = {".docx": "a Word", ".xlsx": "an Excel"}.get(_extension(filename))
    if office and binary_kind(data) is not None:
        raise BadInput(
            f"not a valid {_extension(filename)} file (not {office} zip archive)", filename=filename
        )
    decoded = decode_upload(data, filename)
    calls = _parse_text(decoded.text, filename, column_map)
    if decoded.notice:  # bytes replaced: said with every call the file gave
        for call in calls:
            call.notice = "; ".join(filter(None, (decoded.notice, call.notice)))
    return calls


def _parse_text(text: str, filename: str, column_map: dict[str, str] | None) -> list[ParsedCall]:
    if not text.strip("\ufeff \t\n"):
        raise BadInput("file is empty (only whitespace)", filename=filename)
    fmt = _sniff_text(text, filename)
    try:
        return _TEXT_PARSERS[fmt](text, filename, column_map)
    except BadInput:
        if fmt != "csv" or SUPPORTED_EXTENSIONS.get(_extension(filename)) == "csv":
            raise
        # A .txt whose first line only looked like a header ("Salesloft | Call Notes"): the
        # notes below it had been refused as a malformed CSV.
        return [parse_text(text, "txt")]


def parse_file(
    data: bytes,
    filename: str,
    *,
    column_map: dict[str, str] | None = None,
    our_speakers: Sequence[str] = (),
    our_companies: Sequence[str] = (),
    our_lines: Sequence[str] = (),
) -> list[ParsedCall]:
    """``read_calls`` with speaker roles assigned and the account filled from the buyer side;
    ``our_speakers`` (the seller's names) overrides the names the file carries; ``our_lines``
    are our phone numbers (``CALLMINE_OUR_PHONE_NUMBERS``)."""
    calls = read_calls(data, filename, column_map=column_map)
    for call in calls:
        if our_speakers:
            call.our_speakers = labels_for_ids(call, our_speakers)
        settle_our_lines(call, our_lines, call.our_speakers)
        settle_written_sides(call, call.our_speakers, our_companies)
        assign_roles(call, call.our_speakers, our_companies=our_companies)
        fill_account(call, our_companies)
    return calls
