"""Bytes to text: BOMs, UTF-8, BOM-less UTF-16, legacy code pages (``legacy_text``), UTF-8
with a few bad bytes replaced and said; binary files and mostly undecodable ones refused."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy

from pipeline.errors import BadInput
from pipeline.ingest.legacy_text import legacy_reading

# What to do with an archive, whose files callmine would read: it opens no archive itself.
_UNZIP = "unzip it and upload the files inside"
_EXTRACT = "extract it and upload the files inside"
# Signatures of files people upload by mistake; checked before any decoding.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"PK\x03\x04", f"a zip archive: {_UNZIP}"),
    (b"PK\x05\x06", f"a zip archive: {_UNZIP}"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", f"a gzip archive: {_EXTRACT}"),
    (b"BZh", f"a bzip2 archive: {_EXTRACT}"),
    (b"\xfd7zXZ\x00", f"an xz archive: {_EXTRACT}"),
    (b"7z\xbc\xaf\x27\x1c", f"a 7-zip archive: {_EXTRACT}"),
    (b"Rar!\x1a\x07", f"a RAR archive: {_EXTRACT}"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Office document (.doc/.xls: save it as .docx, .xlsx or .csv)",
    ),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"RIFF", "a RIFF media file (WAV/AVI/WebP)"),
    (b"MZ", "a Windows executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def binary_kind(data: bytes) -> str | None:
    """What a binary file is (``"a PNG image"``) from its signature, else ``None``."""
    head = data[:16]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            weak = signature.isascii() and signature != b"%PDF-"
            if weak and b"\x00" not in data[:1024]:
                continue  # a text file may well start with "MZ" or "ID3"
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/MOV media file"
    return None


# Said to a marketer who picked the wrong file: what callmine cannot do with it, in plain words.
UNREADABLE = "neither text nor a document callmine can read"  # lower case, as every reason


@dataclass(frozen=True)
class Decoded:
    """An upload's text, what the user should hear about its reading (bytes replaced), and how
    many stray NUL bytes were taken out of it."""

    text: str
    notice: str | None = None
    nuls_removed: int = 0


def decode_text(data: bytes, filename: str) -> str:
    """Decode a text upload; a ``BadInput`` names the file and why it is not readable text."""
    return decode_upload(data, filename).text


def decode_upload(data: bytes, filename: str) -> Decoded:
    """``decode_text`` with the notice of any bytes it had to replace."""
    kind = binary_kind(data)
    if kind is not None:
        raise BadInput(f"{UNREADABLE} (it is {kind})", filename=filename)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _finished(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise BadInput(
                    f"could not decode the file as {encoding} (it starts with a {encoding} "
                    f"byte-order mark): {exc.reason} at byte {exc.start}",
                    filename=filename,
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if "\x00" not in text:
            return _finished(text)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _finished(utf16)
    if b"\x00" in data:
        removed = _stray_nuls(data)
        if removed is None:
            raise BadInput(f"{UNREADABLE} (it looks like a binary file)", filename=filename)
        decoded = decode_upload(data.replace(b"\x00", b""), filename)
        told = "; ".join(filter(None, (removed, decoded.notice)))
        return Decoded(decoded.text, told, data.count(0))
    return _decode_damaged(data, filename)


# Control bytes no text holds (tab, newlines, form feed and Ctrl-Z aside); a binary file is full
# of them, a text export with a stray NUL has next to none.
_CONTROLS = bytes(set(range(32)) - set(b"\t\n\r\x0b\x0c\x1a"))
_STRAY_SHARE = 0.01  # of a long file's bytes
_STRAY_FEW = 4  # in a short one ("a NUL or two in one cell"), while under a tenth of its bytes
_LINES_SHOWN = 5


def _stray_nuls(data: bytes) -> str | None:
    """What to tell of a text file's few NUL bytes (a CRM export wrote "paid^@^@ for" inside a
    cell and the file had been refused as binary): how many were removed and on which lines;
    None when control bytes are more than a sliver of the file (a binary file, or mostly NULs)."""
    controls = sum(data.count(byte) for byte in _CONTROLS)
    if controls > max(_STRAY_FEW, _STRAY_SHARE * len(data)) or controls * 10 > len(data):
        return None
    lines: list[int] = []
    at = data.find(b"\x00")
    while at != -1:
        lines.append(data.count(b"\n", 0, at) + 1)
        at = data.find(b"\x00", at + 1)
    shown = sorted(set(lines))
    where = ", ".join(map(str, shown[:_LINES_SHOWN])) + (
        " ..." if len(shown) > _LINES_SHOWN else ""
    )
    plural = "s" if len(lines) > 1 else ""
    return f"{len(lines)} NUL byte{plural} removed at line{'s' if len(shown) > 1 else ''} {where}"


def head_text(data: bytes, size: int = 2048) -> str:
    """The first ``size`` bytes read as the whole file would be (BOMs, UTF-16, code pages), for
    a sniff of the first line; "" when they are no text. A UTF-16 manifest, read as UTF-8 with
    a NUL in every other character, had been stored as a call."""
    try:
        return decode_text(data[:size], "")
    except BadInput:
        return ""


# Bytes that are not UTF-8, as ``surrogateescape`` keeps them: one character each.
_BAD_BYTES = re.compile("[\udc80-\udcff]+")


def _decode_damaged(data: bytes, filename: str) -> Decoded:
    """Bytes that are not all UTF-8: a legacy code page that makes words of them (few valid
    UTF-8 letters among them), else UTF-8 with the bad bytes replaced and said, or a refusal
    when they are most of the file."""
    valid = data.decode("utf-8", "ignore")
    bad = len(data) - len(valid.encode("utf-8"))
    good_foreign = len(valid) - len(valid.encode("ascii", "ignore"))
    if good_foreign <= bad:  # a legacy file's letters seldom make valid UTF-8 sequences
        legacy = legacy_reading(data)
        if legacy is not None:
            undefined = legacy.count("\ufffd")  # no code page maps a byte to U+FFFD
            told = "byte(s) that are no character in the file's code page are"
            return _finished(legacy, _shown(undefined, told) if undefined else None)
    printable = len(data) - sum(data.count(space) for space in b" \t\r\n")
    if bad * 2 > printable:
        raise BadInput(
            f"could not decode the file: {bad} of its {printable} non-blank bytes are neither "
            "UTF-8 nor text in a known legacy encoding (save it as UTF-8)",
            filename=filename,
        )
    escaped = data.decode("utf-8", "surrogateescape")
    return _finished(
        _BAD_BYTES.sub("\ufffd", escaped), _shown(bad, "byte(s) that are not UTF-8 are")
    )


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: bytes with a NUL (text in UTF-8 has none) that read as text in
    one byte order. Text in Cyrillic, Greek or CJK has NULs only where it holds ASCII (spaces,
    digits), not in every other byte, and had been refused as "a binary file"; either byte
    order can read as letters ("a" LE read BE is U+6100), so the one with more ASCII wins."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    pairs = len(data) // 2
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) >= 0.6 * pairs:  # mostly ASCII: a NUL in every other byte, told fast
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    readings = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # a lone surrogate: not this byte order
            continue
        if _reads_as_text(text):
            readings.append(text)
    best = max(readings, key=_ascii_count, default=None)
    # Its NULs are the high bytes of its spaces, digits and stops: UTF-8 with a stray NUL read
    # as UTF-16 is all CJK but the NUL's pair.
    return best if best and _ascii_count(best) >= _ASCII_SHARE * len(best) else None


_ASCII_SHARE = 0.1
# Characters no text holds: unassigned, private use, surrogates, and C0 controls but tab and
# newlines (a C1 control is shown as U+FFFD and told, as in any other encoding: ``_finished``).
_NOT_TEXT = frozenset(("Cn", "Co", "Cs"))


def _reads_as_text(text: str) -> bool:
    return all(
        char in "\t\n\r" if char < " " else unicodedata.category(char) not in _NOT_TEXT
        for char in set(text)
    )


def _ascii_count(text: str) -> int:
    return len(text.encode("ascii", "ignore"))


# C1 control characters: no transcript holds one. They are bytes a code page leaves undefined
# (0x81, 0x8d, 0x8f, 0x90, 0x9d in Windows-1252) read as Latin-1 here or upstream, and had been
# stored as invisible characters inside quotes with no word to the user.
_C1_CONTROLS = re.compile("[\x80-\x9f]")


def _shown(count: int, what: str) -> str:
    return f"{count} {what} shown as \ufffd: check the file's encoding"


def _finished(text: str, notice: str | None = None) -> Decoded:
    """The text with one kind of newline, double-encoded UTF-8 repaired (its "â€\x9d" holds a
    C1 control) and then any C1 control shown as U+FFFD, told with ``notice``."""
    text = without_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    text, controls = _C1_CONTROLS.subn("\ufffd", text)
    told = _shown(controls, "control character(s) that are no text are") if controls else None
    return Decoded(text, "; ".join(filter(None, (notice, told))) or None)


# UTF-8 read as Windows-1252 somewhere upstream (a CSV saved again in Excel, an HTML export with
# no charset): "donâ€™t", "Â·", "cafÃ©". A cheap search first; ftfy decides and repairs.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_ONLY_ENCODING = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def without_mojibake(text: str) -> str:
    """Text with double-encoded UTF-8 repaired; other text exactly as it was. A quote in a
    published FAQ had read "we donâ€™t have the budget"."""
    if not _MOJIBAKE.search(text):
        return text
    return str(ftfy.fix_text(text, _ONLY_ENCODING))
