"""Every bad upload is a ``BadInput`` that names the file and says why."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file, safe_filename, sniff_format
from pipeline.ingest.docx_file import MAX_UNCOMPRESSED_BYTES
from pipeline.ingest.service import parse_column_map

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


def _reason(data: bytes, filename: str, **kwargs: object) -> str:
    with pytest.raises(BadInput) as caught:
        parse_file(data, filename, **kwargs)  # type: ignore[arg-type]
    assert caught.value.filename == filename
    assert caught.value.status_code == 422
    return caught.value.detail


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"])
def test_empty(data: bytes) -> None:
    assert _reason(data, "empty.txt").startswith("file is empty")


@pytest.mark.parametrize(
    ("filename", "kind"),
    [("docketly_profile.toml", "configuration"), ("settings.YAML", "configuration"),
     ("script.py", "source code")],
)  # fmt: skip
def test_a_configuration_or_source_file_is_no_call(filename: str, kind: str) -> None:
    """A product profile uploaded with the calls had become "5 notes" of objections."""
    profile = b'name = "Docketly"\npricing = ["$65 per user per month."]\n'
    reason = _reason(profile, filename)
    assert reason.startswith("not a call: a .") and f"file is {kind}" in reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "a PNG image"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40, "an ELF executable"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "a legacy Office document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ],
)
def test_binary_renamed_as_text(data: bytes, kind: str) -> None:
    reason = _reason(data, "call.txt")
    assert reason.startswith(f"neither text nor a document callmine can read (it is {kind}")
    with pytest.raises(BadInput):
        sniff_format(data, "call.txt")


def test_nul_bytes_are_binary() -> None:
    reason = _reason(b"Maya: hi\x00\x01\x02\x00\xff\xfe garbage \x00", "call.txt")
    assert reason == (  # plain words: no "NUL bytes"
        "neither text nor a document callmine can read (it looks like a binary file)"
    )


@pytest.mark.parametrize(
    ("filename", "data", "said", "told"),
    [
        (  # a CRM export that wrote two NULs inside one cell (walk 8 #10)
            "pipedrive.csv",
            b"Deal - Title,Note - Content,Note - Add time,Organization - Name\r\n"
            b'"Kiln Ceramics - POS","Said the card fee is the sticking point\x00\x00 for the '
            b'owners.",2026-10-02 09:00:00,Kiln Ceramics\r\n',
            "Said the card fee is the sticking point for the owners.",
            "2 NUL bytes removed at line 2",
        ),
        (
            "farms.csv",
            b"date,account,notes\n2026-10-03,Fernhill Dairy,Herd records live in a spreadsheet."
            b"\n2026-10-04,Tallow Goat Farm,Milk yields are typed in twice\x00 every evening.\n",
            "Milk yields are typed in twice every evening.",
            "1 NUL byte removed at line 3",
        ),
        (
            "driving_school.txt",
            b"Rep: Which system books your lessons today?\n"
            b"Dana: A paper diary\x00, and the phone.\nRep: And payments?\n"
            b"Dana: Cash mostly\x00, some bank transfers.\n",
            "A paper diary, and the phone.",
            "2 NUL bytes removed at lines 2, 4",
        ),
    ],
)
def test_a_few_nul_bytes_are_removed_and_said(
    filename: str, data: bytes, said: str, told: str
) -> None:
    calls = parse_file(data, filename)
    assert said in [u.text for call in calls for u in call.utterances]
    assert all(told in (call.notice or "") for call in calls)


def test_a_file_mostly_of_nul_bytes_is_still_binary() -> None:
    text = b"date,account,notes\n2026-10-03,Fernhill Dairy,Herd records live in a sheet.\n"
    reason = _reason(text + b"\x00" * len(text), "export.csv")
    assert reason.endswith("(it looks like a binary file)")


def test_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Maya: hi")
    assert _reason(buffer.getvalue(), "notes.txt").endswith(
        "(it is a zip archive: unzip it and upload the files inside)"
    )
    assert _reason(buffer.getvalue(), "notes.docx").startswith("not a valid .docx file")


def test_undecodable() -> None:
    reason = _reason(bytes(range(0x80, 0x100)) * 4, "call.txt")
    assert reason.startswith("could not decode the file")


def test_invalid_utf16_after_bom() -> None:
    assert _reason(b"\xff\xfeA\x00\x00\xd8", "call.txt").startswith("could not decode")


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"00:00:01.000 --> 00:00:02.000\nhi\n", "c.vtt", "the file does not start with 'WEBVTT'"),
        (
            b"WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\n<v Ana>hi</v>\n",
            "c.vtt",
            "bad cue timing on line 3",
        ),
        (b"1\n00:00:01,000 -> 00:00:02,000\nMaya: hi\n", "c.srt", "malformed SRT"),
        (b"just some words\n", "c.srt", "malformed SRT"),
    ],
)
def test_malformed_subtitles(data: bytes, filename: str, expected: str) -> None:
    assert expected in _reason(data, filename)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"utterances": [{"speaker": "Ana", "text": "hi"}', "malformed JSON: the file is cut"),
        (b'{"foo": 1}', "JSON transcript not found"),
        (b'"just a string"', "malformed JSON: expected an object"),
        (b'{"utterances": ["hello"]}', "JSON utterances[0] is 1 text, not a turn; expected"),
        # walk 6: a list of numbers had read "JSON transcript[0] is not an object"
        (b"[0.12, 0.5, 3, 17.25, -1]", "JSON transcript not found: the top list holds 5 numbers"),
        (b'["Hi Ana", "Hello", [1]]', "JSON transcript not found: the top list holds 2 texts and"),
        (b'{"utterances": [{"speaker": "Ana"}]}', "JSON utterances[0] has no 'text'"),
        (b'{"utterances": [{"text": 5}]}', "JSON utterances[0].text is not a string"),
        (
            b'{"transcript": [{"text": "hi", "start": "soon"}]}',
            "JSON transcript[0].start 'soon' is not seconds or hh:mm:ss",
        ),
        (
            b'{"utterances": [{"text": "hi", "role": "boss"}]}',
            "JSON utterances[0].role 'boss' is not one of buyer, rep, unknown",
        ),
        (b'{"participants": 3, "transcript": []}', "JSON 'participants' must be a list of objects"),
    ],
)
def test_malformed_json(data: bytes, expected: str) -> None:
    assert _reason(data, "call.json").startswith(expected)


def test_malformed_json_reports_line_and_column() -> None:
    reason = _reason(b'{\n  "utterances": [\n    {"text": "hi",}\n  ]\n}', "call.json")
    assert reason == (
        "malformed JSON: Expecting property name enclosed in double quotes at line 3 column 19"
    )


# Exports cut short by a download or a size limit, from three trades: each stops inside a
# string (on its final newline, or with no newline), between items or after a key.
_CUT_SHORT = [
    (
        b'{"title": "Larkspur Vets intro", "sentences": [{"speaker_name": "Gail Moss", '
        b'"text": "We book the dental slots on a wall chart and\n',
        "line 1 column 131",
    ),
    (
        b'{"utterances": [\n  {"speaker": "Imran", "text": "Pallets go out by hand."},\n'
        b'  {"speaker": "Dee", "text": "Which racking system do you',
        "line 3 column 58",
    ),
    (
        b'{"transcript": [{"speaker": "Rosa", "text": "Half our colour bookings no-show."},\n'
        b' {"speaker": "Ben", "text": "Ouch."}\n\n',
        "line 2 column 37",
    ),
    (b'{"account": "Pennant & Vale Accountants", "utterances":', "line 1 column 56"),
]


@pytest.mark.parametrize(("data", "where"), _CUT_SHORT)
def test_a_json_file_cut_short_says_so(data: bytes, where: str) -> None:
    """Walk 3: a truncated export said "Invalid control character at at line 1 column 106":
    the parser's words doubled "at", and nothing said the file simply stops early."""
    reason = _reason(data, "export.json")
    assert reason.startswith("malformed JSON: the file is cut short"), reason
    assert f"stops at {where}" in reason and " at at " not in reason


def test_a_stray_control_character_mid_file_names_its_place_once() -> None:
    """A raw tab inside a string, the file going on after it: no "cut short", one "at"."""
    data = b'{"utterances": [{"speaker": "Nia", "text": "Clients\tpay late"}, {"text": "ok"}]}'
    assert _reason(data, "call.json") == (
        "malformed JSON: Invalid control character at line 1 column 52"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"text": "Note\tBody"}', "Invalid control character at character 15"),
        ('{"text": "Note Body"', "Expecting ',' delimiter at character 21"),
    ],
)
def test_a_column_map_that_is_no_json_says_where_once(raw: str, expected: str) -> None:
    """It had ended "column_map is not valid JSON: Invalid control character at"."""
    with pytest.raises(BadInput) as caught:
        parse_column_map(raw)
    assert caught.value.detail == f"column_map is not valid JSON: {expected}"


@pytest.mark.parametrize(
    ("data", "kwargs", "expected"),
    [
        (b'Notes,Company\n"unclosed quote, Acme\n', {}, "malformed CSV near line"),
        (
            b"Notes,Company\nfine,Acme\ntoo,many,fields,here\n",
            {},
            "malformed CSV: the row ending on line 3 has 4 fields but the header has 2",
        ),
        (b"Foo,Bar\n1,2\n", {}, "CSV has no notes column: expected one of Note Body"),
        (b"Notes,Company\nhi,Acme\n", {"column_map": {"text": "Body"}}, "column map: no column"),
        (b"Notes,Company\nhi,Acme\n", {"column_map": {"mood": "Notes"}}, "column map: unknown"),
    ],
)
def test_malformed_csv(data: bytes, kwargs: dict[str, object], expected: str) -> None:
    assert _reason(data, "export.csv", **kwargs).startswith(expected)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_docx_zip_bomb_by_ratio() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (8 << 20)})
    assert len(bomb) < 100_000
    reason = _reason(bomb, "bomb.docx")
    assert reason.startswith(
        "DOCX rejected as a possible zip bomb: word/document.xml is compressed"
    )


def test_docx_zip_bomb_by_total_size() -> None:
    # Declared sizes add up past the limit: refused before any member is decompressed.
    chunk = bytes(range(256)) * 4096
    count = MAX_UNCOMPRESSED_BYTES // len(chunk) + 1
    members = {f"word/media/part{i}.bin": chunk for i in range(count)}
    members["word/document.xml"] = b"<w:document/>"
    reason = _reason(_zip(members), "big.docx")
    assert reason.startswith("DOCX rejected as a possible zip bomb: it would expand to")


def test_docx_that_is_not_word() -> None:
    broken = _zip({"word/document.xml": b"not xml at all"})
    assert _reason(broken, "broken.docx").startswith("not a readable .docx file")


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b'{"utterances": []}', "call.json"),
        (b"# Just a heading\n\n---\n", "notes.md"),
        (b"Date: 2026-03-01\nAccount: Acme\n", "notes.txt"),
        (b"Notes,Company\n,Acme\n,Beta\n", "export.csv"),
        (b"WEBVTT\n\n", "c.vtt"),
    ],
)
def test_no_utterances(data: bytes, filename: str) -> None:
    assert _reason(data, filename).startswith("no utterances found")


@pytest.mark.parametrize(
    ("data", "columns"),
    [  # walk 6: a CRM export with its header row alone had read "no utterances found"
        (b"hs_object_id,hs_timestamp,hs_call_body\n", "hs_object_id, hs_timestamp, hs_call_body"),
        (b"Deal,Stage,Notes,Owner,Close date\n\n", "Deal, Stage, Notes, Owner and 1 more"),
        (b"Subject;Comments;Account Name\n;;\n", "Subject, Comments, Account Name"),
    ],
)
def test_a_table_of_headers_alone_says_so(data: bytes, columns: str) -> None:
    assert _reason(data, "export.csv") == (
        f"the file has column headers ({columns}) but no rows: export it again with its records"
    )


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\call.txt", "call.txt"),
        ("call\x00.txt", "call.txt"),
        ("notes\x07\x1b[31m.md", "notes[31m.md"),
        ("/abs/path/to/Call Notes.docx", "Call Notes.docx"),
        ("...hidden.txt", "hidden.txt"),
        ("x" * 300 + ".vtt", "x" * 251 + ".vtt"),
        ("<i>pasted</i>-call.txt", "pasted-call.txt"),  # markup read as text, not as folders
        ('<span class="x">Acme</span> Q3 call.vtt', "Acme Q3 call.vtt"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


@pytest.mark.parametrize("name", ["", "..", "../", "\x00", "a/b/..", "  "])
def test_safe_filename_rejects_names_with_nothing_left(name: str) -> None:
    with pytest.raises(BadInput, match="has no usable name"):
        safe_filename(name)


@pytest.mark.parametrize(
    "text", ["[inaudible]\n", "[crosstalk]\n\n...\n", "[00:01:02] [inaudible]\n"]
)
def test_a_file_of_noise_marks_only_says_it_holds_no_words(text: str) -> None:
    """It had been refused as "only 0 words in one sentence"."""
    with pytest.raises(BadInput) as refused:
        parse_file(text.encode(), "call.txt")
    assert str(refused.value).startswith("no words in it to read: only noise marks"), refused.value
