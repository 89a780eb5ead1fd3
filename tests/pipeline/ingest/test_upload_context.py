"""An upload of many files reads the stored calls once, not once per file: each small file had
read every stored call's date, account and people again (350 ms a file against 3,000 stored
calls). What the next file is read against still holds the upload's earlier files. Invented
calls, in a Zoom-style header and a CRM export's columns, on real SQLite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Select, event, select
from sqlalchemy.orm import ORMExecuteState, Session

from pipeline.ingest.date_reading import TIMELINE_REASON
from pipeline.ingest.paths import ingest_paths
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

STORED = 300
FILES = 20


def _call(day: str, account: str, buyer: str = "Mick Albers") -> str:
    return (
        f"Call notes - {account}\nDate: {day}\nAccount: {account}\n\n"
        f"[Dana Whitlow] 09:00:01\nHow are orders going?\n\n"
        f"[{buyer}] 09:00:05\nPhone orders get mixed up every weekend at {account}.\n"
    )


def _export(rows: int) -> bytes:
    """A CRM export of ``rows`` notes, a fifth of them dated the ambiguous way."""
    lines = ["date,account,notes"]
    for row in range(rows):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=row % 200)
        written = day.strftime("%m/%d/%Y") if row % 5 == 0 else day.isoformat()
        lines.append(f"{written},Diner {row % 90},Note {row}: the price is too high this year.")
    return ("\n".join(lines) + "\n").encode()


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


@dataclass
class CallRowsRead:
    """Rows the database returned from the calls table: all of them, and those with a date."""

    rows: int = 0
    dated: int = 0

    def count(self, state: ORMExecuteState) -> object:
        statement = state.statement
        if not isinstance(statement, Select):
            return None
        if "calls" not in {getattr(table, "name", "") for table in statement.get_final_froms()}:
            return None
        frozen = state.invoke_statement().freeze()
        rows = len(frozen().all())
        self.rows += rows
        if any(column.name == "call_date" for column in statement.selected_columns):
            self.dated += rows
        return frozen()


@contextmanager
def call_rows_read() -> Iterator[CallRowsRead]:
    read = CallRowsRead()
    event.listen(Session, "do_orm_execute", read.count)
    try:
        yield read
    finally:
        event.remove(Session, "do_orm_execute", read.count)


def test_an_upload_of_many_files_reads_the_stored_calls_once(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        ingest_bytes(workspace, _export(STORED), "crm.csv", analyse=False)
        files = {
            f"{n:02d}.txt": _call(f"0{1 + n % 3}/1{n % 10}/2026", f"Cafe {n}") for n in range(FILES)
        }
        with call_rows_read() as read:
            batch = ingest_paths(workspace, _write(tmp_path / "in", files), analyse=False)
        assert [r.status for r in batch.results] == ["created"] * FILES
        # One read of the stored dates for the upload, then only each file's own calls (each
        # file had read all 300 again: over 6,000 rows).
        assert read.dated <= STORED + 5 * FILES
        # Accounts and our people too: a few reads of the store, not a few per file.
        assert read.rows <= 4 * STORED + 10 * FILES
    finally:
        workspace.close()


def test_each_file_is_read_with_the_upload_s_earlier_files_in_view(tmp_path: Path) -> None:
    """The second file's "12/03/2026" is read against the first file's sure March dates as it
    is stored, not left to the reading again once the upload is stored; the account spelt as
    the first file spelt it, and the rep a manifest named on the first call ours on the next."""
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        folder = tmp_path / "in"
        files = _write(
            folder,
            {
                "a.txt": _call("2026-03-05", "Quill Diner LLC", buyer="Opal Finch"),
                "b.txt": _call("12/03/2026", "Quill Diner", buyer="Opal Finch"),
            },
        )
        (folder / "manifest.csv").write_text("file,our_speakers\na.txt,Opal Finch\n", "utf-8")
        batch = ingest_paths(workspace, files, manifest=folder / "manifest.csv", analyse=False)
        assert batch.redated == []  # settled as the file was stored
        with workspace.session() as db:
            calls = list(db.scalars(select(Call).order_by(Call.id)))
            second = calls[1]
            assert second.call_date == dt.date(2026, 3, 12)
            assert second.extra["date_order_by"] == TIMELINE_REASON
            assert second.account == "Quill Diner LLC"
            roles = {u.speaker: u.role for u in second.utterances}
        assert roles["Opal Finch"] == "rep"
    finally:
        workspace.close()
