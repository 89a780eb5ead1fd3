"""Every text encoding callmine accepts gives the same turns."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from pipeline.ingest.decode import decode_text, decode_upload
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.pipeline.ingest.conftest import turns

TRANSCRIPT = (
    "Renée Dubois: Le café? The price is €30 a month — that’s “too much” for us.\n"
    "Jürgen Weiß: We’d need a naïve-proof setup, señor.\n"
)
EXPECTED = [
    (
        "Renée Dubois",
        "unknown",
        None,
        "Le café? The price is €30 a month — that’s “too much” for us.",
    ),
    ("Jürgen Weiß", "unknown", None, "We’d need a naïve-proof setup, señor."),
]
LATIN1 = "Renée: Le café était très cher.\nJosé: Sí, más o menos.\n"


@pytest.mark.parametrize(
    "data",
    [
        TRANSCRIPT.encode("utf-8"),
        codecs.BOM_UTF8 + TRANSCRIPT.encode("utf-8"),
        TRANSCRIPT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TRANSCRIPT.encode("utf-16-be"),
        TRANSCRIPT.encode("utf-16-le"),  # no BOM: told by the NUL pattern
        TRANSCRIPT.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252-crlf"],
)
def test_encodings_decode_to_the_same_turns(data: bytes) -> None:
    [call] = parse_file(data, "call.txt")
    assert turns(call) == EXPECTED
    assert "\r" not in call.raw_text and "\ufeff" not in call.raw_text


def test_latin1() -> None:
    assert decode_text(LATIN1.encode("latin-1"), "x.txt") == LATIN1
    [call] = parse_file(LATIN1.encode("latin-1"), "x.txt")
    assert [u.text for u in call.utterances] == ["Le café était très cher.", "Sí, más o menos."]


def test_cp1252_json_and_csv() -> None:
    json_bytes = '{"utterances": [{"speaker": "Zoë", "text": "Zu teuer, 50 €."}]}'.encode("cp1252")
    [call] = parse_file(json_bytes, "call.json")
    assert turns(call) == [("Zoë", "unknown", None, "Zu teuer, 50 €.")]
    csv_bytes = "Notes,Company\n“Too pricey” for us,Café Olé\n".encode("cp1252")
    [row] = parse_file(csv_bytes, "export.csv")
    assert row.account == "Café Olé"
    assert turns(row) == [(None, "rep_note", None, "“Too pricey” for us")]


def test_utf16_vtt_is_still_sniffed() -> None:
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Olá, tudo bem?</v>\n"
    [call] = parse_file(vtt.encode("utf-16"), "captions.txt")
    assert call.format == "vtt"
    assert turns(call) == [("Ana", "unknown", 1.0, "Olá, tudo bem?")]


def _cp1252_or_latin1(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def test_double_encoded_utf8_is_repaired_in_every_reader() -> None:
    """UTF-8 read once as Windows-1252 upstream ("thatâ€™s"): repaired in a text file, a CSV
    cell, a workbook cell and a PDF; text that only looks foreign is left alone."""
    import io

    import weasyprint
    from openpyxl import Workbook

    garbled = "".join(  # as a sloppy decoder does: bytes cp1252 leaves undefined pass as-is
        _cp1252_or_latin1(byte) for byte in TRANSCRIPT.encode("utf-8")
    )
    assert "â€™" in garbled
    assert turns(parse_file(garbled.encode("utf-8"), "call.txt")[0]) == EXPECTED
    note = "We donâ€™t have â‚¬30 a month, says the cafÃ© owner."
    fixed = "We don’t have €30 a month, says the café owner."
    [row] = parse_file(f'Notes,Account\n"{note}",Acme\n'.encode(), "notes.csv")
    assert row.utterances[0].text == fixed
    book = Workbook()
    book.active.append(["Notes", "Account"])
    book.active.append([note, "Acme"])
    buffer = io.BytesIO()
    book.save(buffer)
    [cell] = parse_file(buffer.getvalue(), "notes.xlsx")
    assert cell.utterances[0].text == fixed
    html = f"<p>Date: 2026-03-02</p><p>{note}</p>"
    [pdf] = parse_file(bytes(weasyprint.HTML(string=html).write_pdf()), "call.pdf")
    assert pdf.utterances[0].text == fixed
    untouched = "Renée: Le café? Ça coûte 30 € — trop.\nJosé: Sí.\n"
    assert [u.text for u in parse_file(untouched.encode(), "c.txt")[0].utterances] == [
        "Le café? Ça coûte 30 € — trop.",
        "Sí.",
    ]


# Review 24q: UTF-8 lines plus a run of bad bytes had been read whole as Windows-1251 and a rep
# turn stored as "Understood. ЃюџяГ( ЎЃюџяГ(", with no word to the user.
UTF8_CALL = (
    "Maria Lopez: We can’t afford €900 a month.\n"
    "Hannah Okoro: Understood.{bad}\n"
    "Maria Lopez: Price is the issue, and the café’s owner agrees.\n"
)
BAD_RUNS = {
    "letters-in-cp1251": b"\x81\xfe\x9f\xff\xc3(\xa0\xa1",
    "a-utf16-bom-inside": b"\xff\xfe",
    "overlong-slash": b"\xc0\xaf",
    "encoded-surrogate": b"\xed\xa0\x80",
    "cut-off-sequence": b"\xe2\x80",
}


def _with_bad_bytes(bad: bytes, text: str = UTF8_CALL) -> bytes:
    head, tail = text.split("{bad}")
    return head.encode() + bad + tail.encode()


def _letters_outside_latin(text: str) -> set[str]:
    return {c for c in text if c.isalpha() and not unicodedata.name(c).startswith("LATIN")}


@pytest.mark.parametrize("bad", BAD_RUNS.values(), ids=BAD_RUNS)
def test_utf8_with_a_few_bad_bytes_is_read_as_utf8_and_the_bytes_are_told(bad: bytes) -> None:
    [call] = parse_file(_with_bad_bytes(bad), "call.txt")
    texts = [u.text for u in call.utterances]
    assert texts[0] == "We can’t afford €900 a month."
    assert texts[1].startswith("Understood.") and "\ufffd" in texts[1]
    assert texts[2] == "Price is the issue, and the café’s owner agrees."
    assert not _letters_outside_latin(call.raw_text)
    assert call.notice is not None and "not UTF-8" in call.notice


def test_the_bad_bytes_are_told_in_the_upload_result(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data"))
    try:
        [result] = ingest_bytes(
            workspace, _with_bad_bytes(BAD_RUNS["letters-in-cp1251"]), "call.txt", analyse=False
        )
    finally:
        workspace.close()
    assert result.status == "created", result.reason
    assert "not UTF-8" in (result.understood or "")


@pytest.mark.parametrize("bad", BAD_RUNS.values(), ids=BAD_RUNS)
def test_a_file_mostly_of_bad_bytes_is_refused_not_read_in_another_script(bad: bytes) -> None:
    data = _with_bad_bytes(bad * (400 // len(bad)))
    with pytest.raises(BadInput) as caught:
        parse_file(data, "bad_encoding.txt")
    assert caught.value.detail.startswith("could not decode the file")
    assert "UTF-8" in caught.value.detail


LEGACY_FILES = {
    "cp1252-quotes-pound-euro": (
        "Maria: We can’t pay £400 — that’s the café’s whole budget.\n"
        "Tom: Understood, “€300” then?\n",
        "cp1252",
    ),
    "latin1-french": ("Renée: Le prix est très élevé pour nous.\nJosé: Je comprends.\n", "latin-1"),
    "cp1251-russian": (
        "Мария Лопес: Мы не можем себе это позволить.\n"
        "Анна Петрова: Понятно, давайте обсудим цену.\n"
        "Мария Лопес: Цена — главная проблема.\n",
        "cp1251",
    ),
    "cp1251-russian-with-english-names": (
        "Maria: Цена высокая.\nAnna: Understood.\n",
        "cp1251",
    ),
}


@pytest.mark.parametrize("name", LEGACY_FILES)
def test_real_legacy_code_pages_still_read_right(name: str) -> None:
    text, encoding = LEGACY_FILES[name]
    decoded = decode_upload(text.encode(encoding), "call.txt")
    assert (decoded.text, decoded.notice) == (text, None)
