"""A file of one line reads the same in every encoding a tool or editor saves it in: UTF-16
(either byte order, with a BOM or without) and UTF-8 with a BOM give what its UTF-8 twin gives."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from pipeline.ingest.csv_file import looks_like_manifest
from pipeline.ingest.decode import decode_text, decode_upload
from pipeline.ingest.paths import Manifest
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.pipeline.ingest.conftest import turns

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf16le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf16be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf16le": lambda text: text.encode("utf-16-le"),
    "utf16be": lambda text: text.encode("utf-16-be"),
}
# One buyer's line each, from different trades and scripts; with and without a final newline.
LINES = {
    "vet": ("Dana (Buyer): The price is too high for a clinic our size.", "Dana"),
    "warehouse": (
        "Mark Ellis: We already run ShipHero across both depots and switching mid-peak is out.\r\n",
        "Mark Ellis",
    ),
    "salon": ("Sofía (Pelo Bonito): ¿Cuánto cuesta para tres sillas? Más que Fresha.\n", "Sofía"),
    "accountants": (
        "Ελένη: Είναι πολύ ακριβό για ένα μικρό λογιστικό γραφείο με τρεις συνεργάτες.",
        "Ελένη",
    ),
    "courier": (
        "Наталья: Это слишком дорого для трёх фургонов, и водители не хотят ещё одно приложение.",
        "Наталья",
    ),
}


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS)
@pytest.mark.parametrize("line", LINES.values(), ids=LINES)
def test_a_one_line_file_reads_as_its_utf8_twin(
    line: tuple[str, str], encoding: Callable[[str], bytes]
) -> None:
    text, speaker = line
    [twin] = parse_file(text.encode("utf-8"), "call.txt")
    [call] = parse_file(encoding(text), "call.txt")
    assert turns(call) == turns(twin)
    assert call.raw_text == twin.raw_text
    # The line is the speaker's turn, not a rep's note nor "no speaker turns".
    assert [u.speaker for u in call.utterances] == [speaker]


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS)
def test_a_one_line_upload_is_stored_as_its_utf8_twin(
    tmp_path: Path, encoding: Callable[[str], bytes]
) -> None:
    text = "Priya (Pawsitive Vets): We can't justify that for two vets and six nurses."
    results = []
    for number, data in enumerate((text.encode("utf-8"), encoding(text))):
        workspace = Workspace(make_settings(tmp_path / f"data{number}"))
        try:
            [result] = ingest_bytes(workspace, data, "call.txt", analyse=False)
        finally:
            workspace.close()
        results.append((result.status, result.reason, result.understood))
    assert results[1] == results[0]
    assert results[0][:2] == ("created", None) and results[0][2].startswith("1 speaker, 1 turn")


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS)
@pytest.mark.parametrize("line", ["Thanks!", "1"])
def test_a_line_too_short_is_refused_for_that_in_every_encoding(
    line: str, encoding: Callable[[str], bytes]
) -> None:
    with pytest.raises(BadInput) as twin:
        parse_file(line.encode("utf-8"), "note.txt")
    with pytest.raises(BadInput) as refused:
        parse_file(encoding(line), "note.txt")
    assert str(refused.value) == str(twin.value)
    assert "1 word in one sentence" in str(refused.value)


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS)
@pytest.mark.parametrize(
    "line", ["Owen: Too pricey for us.", "Hana Kim (Northgate Storage): We use Deputy.\n"]
)
def test_one_short_speaker_line_is_refused_as_that_in_every_encoding(
    line: str, encoding: Callable[[str], bytes]
) -> None:
    with pytest.raises(BadInput) as twin:
        parse_file(line.encode("utf-8"), "call.txt")
    with pytest.raises(BadInput) as refused:
        parse_file(encoding(line), "call.txt")
    assert str(refused.value) == str(twin.value)
    # The reason is its length, not "no speaker turns": it has one.
    assert "one speaker's line only" in str(refused.value)
    assert "no speaker turns" not in str(refused.value)


def test_bomless_utf16_in_any_script_reads_and_binary_files_are_still_refused() -> None:
    # Greek or Cyrillic has a NUL only where it holds ASCII: not in every other byte.
    for text in ("Ελένη: Πολύ ακριβό.\n", "Наталья: Слишком дорого.\n"):
        for encoding in ("utf-16-le", "utf-16-be"):
            assert decode_text(text.encode(encoding), "call.txt") == text
    # UTF-8 with a stray NUL reads as CJK in UTF-16 ("偲楹愺⁗..."): read as UTF-8, the NULs out.
    stray_nul = b"Priya: We cannot justify that for two vets.\x00"
    read = decode_upload(stray_nul + b"\x00" * (len(stray_nul) % 2), "call.txt")
    assert read.text == "Priya: We cannot justify that for two vets."
    assert read.notice is not None and "removed at line 1" in read.notice
    binaries = (bytes(range(256)) * 4, b"\x01\x00\x00\x00" * 64, b"\x00\xd8\x41\x00" * 8)
    for data in binaries:
        with pytest.raises(BadInput, match="binary file"):
            parse_file(data, "call.txt")


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS)
def test_a_manifest_saved_as_utf16_is_a_manifest(
    tmp_path: Path, encoding: Callable[[str], bytes]
) -> None:
    text = "file,date,account,outcome\r\ngroomers.txt,2026-03-02,Shear Bliss,lost\r\n"
    assert looks_like_manifest(encoding(text))
    path = tmp_path / "manifest.csv"
    path.write_bytes(encoding(text))
    manifest = Manifest.load(path)
    metadata = manifest.by_name["groomers.txt"]
    assert metadata is not None and metadata.account == "Shear Bliss"
