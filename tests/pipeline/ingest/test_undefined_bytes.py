"""Bytes no code page defines, and C1 control characters, are shown as U+FFFD and told: a
Windows-1252 transcript with a stray 0x81 had been stored with an invisible control character
(or read as Windows-1250, "cherŤ") and no word to the user."""

from __future__ import annotations

import codecs
import re

import pytest
from fastapi.testclient import TestClient

from pipeline.ingest import parse_file
from pipeline.ingest.decode import Decoded, decode_upload

C1 = re.compile("[\x80-\x9f]")
UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
CP1252_CALL = (
    "Maria Lopez: We can’t pay £400 — that’s the café’s whole budget.\n"
    "Tom Reed: Understood, “€300” then?{bad}\n"
    "Maria Lopez: Perhaps, if the owner agrees.\n"
)
# The same turns in the text formats callmine reads: (filename, template).
FORMATS = {
    "txt": ("call.txt", CP1252_CALL),
    "md": ("call.md", CP1252_CALL),
    "csv": ("notes.csv", "Notes,Account\n“Too pricey”{bad} for us,Café Olé\n"),
    "json": (
        "call.json",
        '{"utterances": [{"speaker": "Zoë", "text": "Zu teuer, 50 €.{bad}"}]}',
    ),
    "vtt": (
        "captions.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Renée>Le café est cher{bad}, 30 €.\n",
    ),
}


def _cp1252(template: str, bad: bytes) -> bytes:
    head, tail = template.split("{bad}")
    return head.encode("cp1252") + bad + tail.encode("cp1252")


@pytest.mark.parametrize("bad", UNDEFINED, ids=lambda b: b.hex())
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_byte_undefined_in_cp1252_is_shown_as_a_replacement_and_told(
    fmt: str, bad: bytes
) -> None:
    filename, template = FORMATS[fmt]
    calls = parse_file(_cp1252(template, bad), filename)
    text = " ".join(u.text for call in calls for u in call.utterances)
    assert "\ufffd" in text and not C1.search(text)
    assert not re.search("[ŤťŹĐЃђ]", text)  # not read as another code page's letter
    assert all(call.notice and "shown as \ufffd" in call.notice for call in calls)


@pytest.mark.parametrize("bad", UNDEFINED, ids=lambda b: b.hex())
def test_the_rest_of_the_cp1252_file_reads_right(bad: bytes) -> None:
    decoded = decode_upload(_cp1252(CP1252_CALL, bad + b" " + bad), "call.txt")
    assert decoded.text == CP1252_CALL.replace("{bad}", "\ufffd \ufffd")
    assert decoded.notice is not None and decoded.notice.startswith("2 byte(s)")


@pytest.mark.parametrize(
    "data",
    [
        "Maria: Too much\x81 for us.\nTom: Ok.\n".encode(),  # UTF-8 of a C1 control
        codecs.BOM_UTF8 + "Maria: Too much\x9d.\nTom: Ok.\n".encode(),
        "Maria: Too much\x8f.\nTom: Ok.\n".encode("utf-16"),
        "Maria: Too much\x90 — really.\nTom: Ok.\n".encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom"],
)
def test_c1_controls_in_unicode_files_are_replaced_and_told(data: bytes) -> None:
    decoded = decode_upload(data, "call.txt")
    assert "much\ufffd" in decoded.text and not C1.search(decoded.text)
    assert decoded.notice is not None and "control character" in decoded.notice


PLAIN = CP1252_CALL.replace("{bad}", "")
OWN_MARK = "Maria: It showed � on screen.\nTom: Ok.\n"
QUOTED = "Maria: “Too much” for us.\n"
CLEAN = {  # bytes, and the text they are
    "cp1252-quotes-pound-accents": (PLAIN.encode("cp1252"), PLAIN),
    "utf8": (PLAIN.encode(), PLAIN),
    "utf8-replacement-char-of-its-own": (OWN_MARK.encode(), OWN_MARK),
    # UTF-8 read as Windows-1252 upstream: "”" is "â€\x9d", a C1 control ftfy repairs first
    "double-encoded-closing-quote": (QUOTED.encode().decode("latin-1").encode(), QUOTED),
}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_files_are_told_nothing(name: str) -> None:
    data, text = CLEAN[name]
    assert decode_upload(data, "call.txt") == Decoded(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Ján Novák: Ťažko povedať, cena je príliš vysoká.\nPeter: Rozumiem, zaplať menej.\n",
        "Jana: Cena je příliš vysoká, ať to zlevní.\nPetr: Rozumím.\n",
    ],
    ids=["slovak", "czech"],
)
def test_windows_1250_letters_at_those_bytes_still_read_as_letters(text: str) -> None:
    assert decode_upload(text.encode("cp1250"), "call.txt") == decode_upload(text.encode(), "x")


@pytest.mark.usefixtures("no_analysis")
def test_the_upload_result_tells_the_user(client: TestClient) -> None:
    data = _cp1252(CP1252_CALL, b"\x81")
    response = client.post("/api/calls", files=[("files", ("cp1252.txt", data))])
    assert response.status_code == 201, response.text
    [result] = response.json()["results"]
    assert result["status"] == "created"
    assert "shown as \ufffd" in result["understood"]
