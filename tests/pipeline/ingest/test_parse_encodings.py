"""Every text encoding callmine accepts gives the same turns."""

from __future__ import annotations

import codecs

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.decode import decode_text
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
