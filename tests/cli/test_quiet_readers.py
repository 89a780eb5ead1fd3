"""A reader's warnings about a malformed file stay off the terminal unless --verbose, as the
model libraries' do: the file's result already says what matters.

Why: a PDF renamed .txt had printed pypdf's "incorrect startxref pointer(1)" and "parsing for
Object Streams" above the ingest summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

# An empty PDF whose startxref points nowhere (a vet clinic's export saved under the wrong name).
BROKEN_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n1\n%%EOF\n"
)


@pytest.mark.usefixtures("no_analysis")
def test_a_pdf_readers_warnings_only_with_verbose(
    cli: Cli, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    renamed = tmp_path / "riverbend_notes.txt"
    renamed.write_bytes(BROKEN_PDF)
    quiet = cli("ingest", renamed)
    assert "the PDF has no text to read" in quiet.output
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    cli("--verbose", "ingest", renamed)
    assert any("startxref" in r.getMessage() for r in caplog.records if r.name.startswith("pypdf"))
