"""A CSV refused for a broken quote names the line the quoted field opened on, not only the
line where the reader gave up (often the next one).

Why: a notes cell opened with a quote on line 2 and never closed had been reported "near line
3"."""

from __future__ import annotations

import pytest

from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace

EXPORTS = {
    # A salon's export: the quote opened on line 2 runs into line 3's quoted cell.
    "salon.csv": (
        "Date,Company,Notes\n"
        '2026-02-10,Glow & Go,"Owner says the card fee is too high, wants a trial\n'
        '2026-02-11,Shear Joy,"Worried the stylists will not use an app"\n',
        "malformed CSV near line 2: ',' expected after '\"' on line 3 (an unclosed quote on "
        "line 2?)",
    ),
    # A warehouse's export: a good multi-line cell first, then the broken one on line 5.
    "storage.csv": (
        "Date,Notes,Company\n"
        '2026-02-12,"Pickers use printed lists.\nCounts lag a week.",Kestrel Storage\n'
        "2026-02-13,Asked about scanners,Dockside\n"
        '2026-02-14,"Wants the WMS link before,Harbour Freight\n'
        '2026-02-15,"Fine",Northgate\n',
        "malformed CSV near line 5: ',' expected after '\"' on line 6 (an unclosed quote on "
        "line 5?)",
    ),
    # An accounting firm's export whose quote on line 3 runs to the end of the file.
    "accountants.csv": (
        "Date,Company,Notes\n2026-02-16,Hollis & Co,Partners want fewer seats\n"
        '2026-02-17,Ledger & Co,"Year end is chaos\n2026-02-18,Tally Bros,Chasing receipts\n'
        "2026-02-19,Sums Ltd,Wants a trial\n",
        "malformed CSV near line 3: unexpected end of data on line 5 (an unclosed quote on "
        "line 3?)",
    ),
}


@pytest.mark.parametrize("filename", sorted(EXPORTS))
def test_a_broken_quote_is_reported_where_it_opened(workspace: Workspace, filename: str) -> None:
    data, reason = EXPORTS[filename]
    [result] = ingest_bytes(workspace, data.encode(), filename, analyse=False)
    workspace.close()
    assert (result.status, result.reason) == ("rejected", reason)
