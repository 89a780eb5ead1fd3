"""Excel workbooks (.xlsx): a CRM report saved as a spreadsheet is read as its CSV would be.

Salesforce and HubSpot export .xlsx as readily as CSV; a "formatted" report puts its title,
filters and a blank row above the table, and sometimes an empty first column. The header is
the first row naming a notes or transcript column (or the columns a column map names); every
worksheet with such a table is read, in order. Cells become the text a CSV would hold: a date
as ISO, a whole number without ".0".
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pipeline.errors import BadInput
from pipeline.ingest.csv_columns import MAP_HINT, header_position, without_report_footer
from pipeline.ingest.decode import without_mojibake
from pipeline.ingest.zipped import check_zip, holds

if TYPE_CHECKING:
    from openpyxl import Workbook

# A sheet's XML is far larger than its text (every cell is tagged): a 100k-row notes export
# expands to about 60 MB.
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 500_000

Row = tuple[int, list[str]]


def is_xlsx(data: bytes) -> bool:
    """A zip holding ``xl/workbook.xml`` (read from the central directory only)."""
    return holds(data, "xl/workbook.xml")


def open_workbook(data: bytes) -> Workbook:
    """openpyxl's read-only view of a workbook, its refusal (``InvalidFileException``) as a
    ``ValueError``. openpyxl is imported here: only workbooks need it, and importing it cost
    every process 0.1 s at start."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InvalidFileException as exc:
        raise ValueError(str(exc)) from exc


def sheet_rows(data: bytes, filename: str, column_map: dict[str, str] | None = None) -> list[Row]:
    """``(row number, cells)`` of the workbook's table, its header row first; a ``BadInput``
    when the file is no workbook, is a zip bomb, or no worksheet holds a table."""
    check_zip(data, filename, kind="XLSX", max_bytes=MAX_UNCOMPRESSED_BYTES)
    try:
        workbook = open_workbook(data)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BadInput(f"not a readable .xlsx workbook: {exc}", filename=filename) from exc
    tables: list[list[Row]] = []
    try:
        for sheet in workbook.worksheets:
            rows = list(_cells(sheet.iter_rows(values_only=True), filename))
            table = _table(rows, column_map)
            if table:
                tables.append(table)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise BadInput(f"not a readable .xlsx workbook: {exc}", filename=filename) from exc
    finally:
        workbook.close()
    if not tables:
        raise BadInput(
            "no table with a notes or transcript column in any worksheet (expected a header "
            f"such as Notes, Description, Call Notes or Transcript; map one with a column map, "
            f"{MAP_HINT})",
            filename=filename,
        )
    header = tables[0][0][1]
    # Sheets of one export share their columns; a sheet with other columns is read alone.
    return tables[0] + [row for table in tables[1:] if table[0][1] == header for row in table[1:]]


def _cells(rows: Iterable[tuple[Any, ...]], filename: str) -> Iterator[Row]:
    """Each row as CSV text, numbered from 1; a ``BadInput`` past ``MAX_ROWS``."""
    for number, values in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise BadInput(f"more than {MAX_ROWS:,} rows in one worksheet", filename=filename)
        yield number, [cell_text(value) for value in values]


def cell_text(value: Any) -> str:
    """A cell as a CSV export writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return without_mojibake(str(value).strip())


def _table(rows: list[Row], column_map: dict[str, str] | None) -> list[Row]:
    """The rows from the header on, without empty leading columns; none when no header."""
    position = header_position(rows, column_map)
    if position is None:
        return []
    table = [row for row in rows[position:] if any(row[1])]
    return without_report_footer(_without_empty_columns(table))


def _without_empty_columns(table: list[Row]) -> list[Row]:
    """Drop the columns empty in every row, header included (a report's blank margin)."""
    width = max(len(cells) for _n, cells in table)
    filled = [i for i in range(width) if any(i < len(c) and c[i] for _n, c in table)]
    last_named = max((i for i, cell in enumerate(table[0][1]) if cell), default=-1)
    keep = [i for i in filled if i <= last_named]
    return [(number, [cells[i] if i < len(cells) else "" for i in keep]) for number, cells in table]
