"""Property tests for every parser: any bytes or text in -> parsed calls or a clear BadInput.

Bounded (a fixed number of examples per property, no deadline) so they stay a few seconds.
The text strategies mix each format's own pieces (headers, cue timings, speaker labels, JSON
keys, CSV quoting) so the parsers are driven past their sniffing into their real work.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.parse import SUPPORTED_EXTENSIONS, parse_file, read_calls
from pipeline.ingest.prose import MAX_UTTERANCE_CHARS
from pipeline.ingest.service import parse_column_map

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXTENSIONS = sorted(SUPPORTED_EXTENSIONS)

FRAGMENTS = [
    "WEBVTT",
    "WEBVTT - title",
    "NOTE a comment",
    "00:00:01.000 --> 00:00:04.500",
    "00:01.000 --> 00:02.000 align:start",
    "99:99:99.999 --> 00:00:00.000",
    "1",
    "00:00:01,000 --> 00:00:02,000",
    "<v Maya Chen>",
    "<v Dana Ruiz>Honestly the price is too high.</v>",
    "Maya Chen: How is payroll going?",
    "Dana Ruiz (Brightside): It's too expensive for us.",
    "[00:01:05] Dana: We already use ShiftLy.",
    "Speaker 1  00:12",
    "Date: 2026-03-14",
    "Account: Brightside Dental",
    "Outcome: Closed Lost",
    "# Notes",
    "- too much admin",
    "{",
    "}",
    '{"utterances": [{"speaker": "A", "text": "hi", "start": "00:00:05"}]}',
    '{"participants": [{"name": "A", "affiliation": "internal"}], "transcript": []}',
    '"speaker": null, "text": 3',
    "[",
    "]",
    "text,speaker,date",
    '"a, quoted" , "b""c",2026-13-45',
    "Note Body,Account,Outcome",
    "\ufeff",
    "\x00",
    "é ü 中文 🙂",
    "",
    "   ",
    "-->",
    ":",
    # The shapes of third-party exports (issue 15).
    "0:00 - Maria Chen (Shiftwise)",
    "00:00:03 Owen Park",
    "[Johnny Doe] 11:02:09",
    "Maria Chen: 00:14",
    "@Lena Brooks [0:07]: The quote is fine.",
    "REP: Hi.",
    "PROSPECT_2: No.",
    "Agent: Tom Okafor",
    "Attendees: Maria Chen, Tom (Shiftwise); Grace (W)",
    "Rep: Maria Chen · 2025-02-04 · phone, 20 min · contact: Grace Whitfield (Willow)",
    "SUMMARY KEYWORDS",
    "ACTION ITEMS",
    "◻ Send it. - Tom",
    "VIEW RECORDING - 2 mins: https://x.y",
    "## Action Items",
    '- Grace: "we tried that and hated it"',
    "> quoted reply",
    "On Wed, Mar 5, 2025 at 4:47 PM Grace <g@x.example> wrote:",
    "0:0:0.570 --> 0:0:4.120",
    "3.480 --> 4.000",
    "TranscriptText,AccountId,IsWon,IsClosed,StageName,property_hs_note_body",
    # Saved web pages and RTF documents.
    "<!DOCTYPE html><html><head><title>Call</title><script>x()</script></head><body>",
    '<div class="segment"><div class="speaker">Dana Ruiz</div><div class="ts">00:00:05</div>',
    "<p><b>Maya Chen</b>: Too expensive &amp; slow.</p>",
    "<tr><th>Speaker</th></tr><tr><td>Dana</td><td>0:05</td><td>No.<br></td></tr>",
    "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl\\f0 Helvetica;}",
    "Dana Ruiz: I\\'92m out\\u8217?\\uc0\\u-10179\\par\\",
]

structured_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), min_size=0, max_size=25
).map("\n".join)

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["00:00:05", "2026-03-14", "Closed Won", "internal", "buyer", "rep"]),
)
json_keys = st.one_of(
    st.sampled_from(
        [
            "callmine",
            "utterances",
            "participants",
            "transcript",
            "speaker",
            "text",
            "start",
            "role",
            "company",
            "name",
            "affiliation",
            "title",
            "date",
            "account",
            "deal_id",
            "deal_stage",
            "outcome",
            "our_company",
            "our_speakers",
            "competitors",
            # Speech-to-text services and call recorders (issue 15).
            "results",
            "channels",
            "alternatives",
            "paragraphs",
            "sentences",
            "segments",
            "body",
            "startTime",
            "audio_url",
            "calls",
            "callTranscripts",
            "parties",
            "metaData",
            "context",
            "objects",
            "fields",
            "speakerId",
            "speaker_role",
            "start_ms",
            "human_transcript",
        ]
    ),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(json_keys, children, max_size=6)
    ),
    max_leaves=30,
)


def check(data: bytes, filename: str, column_map: dict[str, str] | None = None) -> None:
    """The property: a list of calls that each hold text, or a BadInput; nothing else."""
    try:
        calls = read_calls(data, filename, column_map=column_map)
    except BadInput as exc:
        assert exc.detail.strip()
        return
    assert calls and all(isinstance(call, ParsedCall) for call in calls)
    assert any(call.utterances for call in calls)
    for call in calls:
        assert all(isinstance(u.text, str) for u in call.utterances)
        assert all(len(u.text) <= MAX_UTTERANCE_CHARS for u in call.utterances)
        assert all(u.start_seconds is None or u.start_seconds >= 0 for u in call.utterances)


@pytest.mark.parametrize("extension", EXTENSIONS)
@BOUNDED
@given(data=st.binary(max_size=2048))
def test_any_bytes_parse_or_bad_input(extension: str, data: bytes) -> None:
    check(data, f"call{extension}")


@pytest.mark.parametrize("extension", EXTENSIONS)
@BOUNDED
@given(text=structured_text)
def test_format_like_text_parses_or_bad_input(extension: str, text: str) -> None:
    check(text.encode("utf-8"), f"call{extension}")
    check(text.encode("utf-16"), f"call{extension}")


@BOUNDED
@given(value=json_values)
def test_any_json_document_parses_or_bad_input(value: Any) -> None:
    check(json.dumps(value).encode("utf-8"), "call.json")


@BOUNDED
@given(
    rows=st.lists(st.lists(st.one_of(json_leaves.map(str), st.text()), max_size=6), max_size=8),
    mapping=st.dictionaries(
        st.sampled_from(["text", "account", "date", "outcome", "speaker", "deal_id", "x"]),
        st.text(max_size=10),
        max_size=4,
    ),
)
def test_any_csv_with_any_column_map_parses_or_bad_input(
    rows: list[list[str]], mapping: dict[str, str]
) -> None:
    buffer = io.StringIO()
    import csv

    csv.writer(buffer).writerows(rows)
    check(buffer.getvalue().encode("utf-8"), "notes.csv", column_map=mapping or None)


def _docx(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


@BOUNDED
@given(body=st.one_of(st.binary(max_size=512), structured_text.map(str.encode)))
def test_any_docx_member_parses_or_bad_input(body: bytes) -> None:
    check(_docx(body), "call.docx")


@BOUNDED
@given(text=structured_text)
def test_parse_file_assigns_roles_or_bad_input(text: str) -> None:
    try:
        calls = parse_file(text.encode(), "call.txt", our_speakers=["Maya Chen"])
    except BadInput:
        return
    roles = {u.role for call in calls for u in call.utterances}
    assert roles <= {"buyer", "rep", "unknown", "rep_note"}


@pytest.mark.parametrize("depth", [100, 900, 1_000, 10_000, 100_000])
def test_deeply_nested_json_upload_is_bad_input(depth: int) -> None:
    nested = ("[" * depth + "]" * depth).encode()
    with pytest.raises(BadInput):
        read_calls(nested, "call.json")
    keyed = ('{"utterances": ' * depth + "1" + "}" * depth).encode()
    with pytest.raises(BadInput):
        read_calls(keyed, "call.json")


@pytest.mark.parametrize("depth", [1_000, 10_000])
def test_deeply_nested_column_map_is_bad_input(depth: int) -> None:
    with pytest.raises(BadInput):
        parse_column_map('{"text": ' * depth + '"x"' + "}" * depth)


@BOUNDED
@given(raw=st.one_of(st.text(max_size=200), json_values.map(json.dumps)))
def test_any_column_map_is_a_mapping_or_bad_input(raw: str) -> None:
    try:
        mapping = parse_column_map(raw)
    except BadInput:
        return
    assert mapping is None or all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    )


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


xlsx_cells = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(),
    st.sampled_from(["Notes", "Description", "Account Name", "Close Date", "Stage", "Transcript"]),
    structured_text.map(lambda text: "".join(c for c in text if c.isprintable())[:200]),
)


@BOUNDED
@given(
    rows=st.lists(st.lists(xlsx_cells, max_size=6), max_size=8),
    mapping=st.dictionaries(
        st.sampled_from(["text", "account", "date"]), st.text(max_size=10), max_size=2
    ),
)
def test_any_workbook_with_any_column_map_parses_or_bad_input(
    rows: list[list[Any]], mapping: dict[str, str]
) -> None:
    check(_xlsx(rows), "report.xlsx", column_map=mapping or None)


def _small_pdf() -> bytes:
    import weasyprint

    html = "<h1>Acme call</h1><p>Maya Chen  0:01</p><p>How is payroll going?</p>"
    html += "<p>Dana Ruiz  0:05</p><p>Honestly the price is too high.</p>"
    return bytes(weasyprint.HTML(string=html).write_pdf())


SMALL_PDF = _small_pdf()


@BOUNDED
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(SMALL_PDF) - 1), st.binary(max_size=8)), max_size=6),
    keep=st.integers(16, len(SMALL_PDF)),
)
def test_any_damaged_pdf_parses_or_bad_input(cuts: list[tuple[int, bytes]], keep: int) -> None:
    """A real PDF with bytes overwritten and its tail cut: calls or a BadInput, never a crash."""
    data = bytearray(SMALL_PDF)
    for at, junk in cuts:
        data[at : at + len(junk)] = junk
    check(bytes(data[:keep]), "call.pdf")
